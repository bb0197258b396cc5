/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Diffie-Hellman on the groups of keyseal's exchange keys, X25519 and P-256,
 * over the encodings RFC 9180 serialises keys in (dh_group.h): a private key
 * held in a kpp transform for the exchanges it takes part in, and the
 * module's side of the Diffie-Hellman in primitives.h.
 */
#ifndef _KEYSEAL_DH_H
#define _KEYSEAL_DH_H

#include <linux/types.h>

#include <uapi/linux/keyseal.h>

#include "primitives.h"

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

#endif /* _KEYSEAL_DH_H */
