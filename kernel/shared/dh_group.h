/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * The groups of keyseal's two DHKEMs, X25519 and P-256, as far as no
 * arithmetic is needed: key sizes, which 32-byte strings are private keys,
 * and X25519's clamping. Keys are serialised as RFC 9180 does: a 32-byte
 * private scalar (big-endian for P-256, the RFC 7748 byte string for
 * X25519), a 32-byte X25519 public key, a 65-byte uncompressed P-256 point.
 */
#ifndef _KEYSEAL_DH_GROUP_H
#define _KEYSEAL_DH_GROUP_H

#include "portable.h"

#define KEYSEAL_DH_PRIVATE_SIZE	32	/* Nsk of both KEMs */
#define KEYSEAL_DH_PUBLIC_MAX	KEYSEAL_P256_PUBLIC_SIZE	/* Npk */
#define KEYSEAL_DH_SIZE		32	/* Ndh of both KEMs */

extern const u8 keyseal_p256_order[KEYSEAL_DH_PRIVATE_SIZE];

bool keyseal_dh_private_valid(u16 kem, const u8 *sk, size_t sk_len);
void keyseal_x25519_clamp(u8 sk[KEYSEAL_DH_PRIVATE_SIZE]);

#endif /* _KEYSEAL_DH_GROUP_H */
