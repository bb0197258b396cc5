/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Diffie-Hellman on the groups of keyseal's exchange keys, X25519 and P-256,
 * over the encodings RFC 9180 serialises keys in: a 32-byte private scalar
 * (big-endian for P-256, the RFC 7748 byte string for X25519), a 32-byte
 * X25519 public key, a 65-byte uncompressed P-256 point.
 */
#ifndef _KEYSEAL_DH_H
#define _KEYSEAL_DH_H

#include <linux/types.h>

#include <uapi/linux/keyseal.h>

#define KEYSEAL_DH_PRIVATE_SIZE	32	/* Nsk of both KEMs */
#define KEYSEAL_DH_PUBLIC_MAX	KEYSEAL_P256_PUBLIC_SIZE	/* Npk */
#define KEYSEAL_DH_SIZE		32	/* Ndh of both KEMs */

struct crypto_kpp;

/**
 * struct keyseal_dh - one private key, ready for Diffie-Hellman
 * @kem: KEYSEAL_KEM_*
 * @tfm: P-256: the kpp transform holding the private key
 * @buf: kmalloc'ed room for a peer's key and a result (scatterlists cannot
 *	map the stack); X25519: the private key, then the result. Wiped on
 *	release
 */
struct keyseal_dh {
	u16 kem;
	struct crypto_kpp *tfm;
	u8 *buf;
};

int keyseal_dh_init(struct keyseal_dh *dh, u16 kem, const u8 *sk);
int keyseal_dh_init_random(struct keyseal_dh *dh, u16 kem, u8 *sk);
int keyseal_dh_public(struct keyseal_dh *dh, u8 *pk);
int keyseal_dh_agree(struct keyseal_dh *dh, const u8 *pk, size_t pk_len,
		     u8 shared[KEYSEAL_DH_SIZE]);
void keyseal_dh_release(struct keyseal_dh *dh);

int keyseal_dh_generate(u16 kem, u8 *sk);
int keyseal_dh_public_of(u16 kem, const u8 *sk, u8 *pk);

#endif /* _KEYSEAL_DH_H */
