// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * What keyseal knows of the X25519 and P-256 groups without computing in
 * them, for the module's Diffie-Hellman (kernel/dh.c) and libkeyseal's
 * (userspace/lib/dh.c) alike.
 */

#include "blob.h"
#include "dh_group.h"
#include "usage.h"

/* The order n of the P-256 group, big-endian. */
const u8 keyseal_p256_order[KEYSEAL_DH_PRIVATE_SIZE] = {
	0xff, 0xff, 0xff, 0xff, 0x00, 0x00, 0x00, 0x00,
	0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	0xbc, 0xe6, 0xfa, 0xad, 0xa7, 0x17, 0x9e, 0x84,
	0xf3, 0xb9, 0xca, 0xc2, 0xfc, 0x63, 0x25, 0x51,
};

/* Whether a big-endian scalar lies in [1, n - 1], in constant time. */
static bool p256_scalar_valid(const u8 *sk)
{
	unsigned int borrow = 0, nonzero = 0;
	int i;

	/* sk - n borrows exactly when sk < n */
	for (i = KEYSEAL_DH_PRIVATE_SIZE - 1; i >= 0; i--) {
		borrow = ((unsigned int)sk[i] - keyseal_p256_order[i] - borrow) >>
			 8 & 1;
		nonzero |= sk[i];
	}
	/* 0 - nonzero has its top bit set exactly when nonzero is not 0. */
	return borrow & (0U - nonzero) >> 31;
}

/**
 * keyseal_dh_private_valid() - whether a string is a private key of a KEM
 * @kem: KEYSEAL_KEM_*
 * @sk: the string
 * @sk_len: its length
 *
 * Any 32 bytes are an X25519 private key (RFC 7748 clamps them as it uses
 * them); a P-256 private key is a scalar in [1, n - 1], checked in constant
 * time.
 *
 * Return: true if @sk is one, false for an unknown KEM, a wrong length or a
 * scalar out of range.
 */
bool keyseal_dh_private_valid(u16 kem, const u8 *sk, size_t sk_len)
{
	if (!keyseal_usage_kem_public_size(kem) ||
	    sk_len != KEYSEAL_DH_PRIVATE_SIZE)
		return false;
	return kem == KEYSEAL_KEM_X25519_HKDF_SHA256 || p256_scalar_valid(sk);
}

/**
 * keyseal_x25519_clamp() - clamp an X25519 scalar, RFC 7748 section 5
 * @sk: the scalar, changed in place
 *
 * X25519 ignores bits 0-2 and 255 of a scalar and sets bit 254, so a
 * clamped scalar gives the same results as the one it came from.
 */
void keyseal_x25519_clamp(u8 sk[KEYSEAL_DH_PRIVATE_SIZE])
{
	sk[0] &= 248;
	sk[31] &= 127;
	sk[31] |= 64;
}
