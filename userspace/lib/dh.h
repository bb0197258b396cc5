/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Diffie-Hellman on the groups of keyseal's two DHKEMs, X25519 and P-256,
 * over the raw encodings RFC 9180 serialises keys in: a 32-byte big-endian
 * scalar (X25519: the RFC 7748 byte string) for a private key, the X25519
 * u-coordinate or the uncompressed P-256 point for a public key. Internal to
 * libkeyseal; keys are named by KEYSEAL_KEM_*.
 */
#ifndef KEYSEAL_DH_H
#define KEYSEAL_DH_H

#include "portable.h"

#define KEYSEAL_DH_PRIVATE_SIZE	32	/* Nsk of both KEMs */
#define KEYSEAL_DH_PUBLIC_MAX	KEYSEAL_P256_PUBLIC_SIZE	/* Npk */
#define KEYSEAL_DH_SIZE		32	/* Ndh of both KEMs */

int keyseal_dh_check_public(u16 kem, const u8 *pk, size_t pk_len);
int keyseal_dh_check_private(u16 kem, const u8 *sk, size_t sk_len);
int keyseal_dh_public(u16 kem, const u8 *sk, size_t sk_len, u8 *pk);
int keyseal_dh_generate(u16 kem, u8 *sk, u8 *pk);
int keyseal_dh(u16 kem, const u8 *sk, size_t sk_len, const u8 *pk,
	       size_t pk_len, u8 *out);

#endif /* KEYSEAL_DH_H */
