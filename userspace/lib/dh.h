/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Diffie-Hellman on the groups of keyseal's two DHKEMs, X25519 and P-256,
 * over the encodings RFC 9180 serialises keys in (dh_group.h): libkeyseal's
 * side of the Diffie-Hellman in primitives.h, and a check of a public key
 * that only libkeyseal needs. Internal to libkeyseal.
 */
#ifndef KEYSEAL_DH_H
#define KEYSEAL_DH_H

#include "primitives.h"

int keyseal_dh_check_public(u16 kem, const u8 *pk, size_t pk_len);

#endif /* KEYSEAL_DH_H */
