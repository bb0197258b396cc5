/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Diffie-Hellman on the groups of keyseal's two DHKEMs, X25519 and P-256,
 * over the encodings RFC 9180 serialises keys in (dh_group.h). Internal to
 * libkeyseal; keys are named by KEYSEAL_KEM_*. The module has the same
 * functions with the same signatures (kernel/dh.c), but for
 * keyseal_dh_check_public(), which only libkeyseal needs.
 */
#ifndef KEYSEAL_DH_H
#define KEYSEAL_DH_H

#include "dh_group.h"

int keyseal_dh_check_public(u16 kem, const u8 *pk, size_t pk_len);
int keyseal_dh_generate(u16 kem, u8 *sk);
int keyseal_dh_public_of(u16 kem, const u8 *sk, u8 *pk);
int keyseal_dh_compute(u16 kem, const u8 *sk, const u8 *pk, size_t pk_len,
		       u8 shared[KEYSEAL_DH_SIZE]);

#endif /* KEYSEAL_DH_H */
