/* SPDX-License-Identifier: GPL-2.0 */
/*
 * keyseal's primitives: HMAC-SHA256 and HKDF-SHA256 (RFC 5869) on the
 * kernel's HMAC-SHA256 library, and AES-GCM on the crypto API with transforms
 * taken from a small pool so that no operation pays for allocating them.
 * HKDF and AES-GCM are the module's side of primitives.h.
 */
#ifndef _KEYSEAL_CRYPTO_H
#define _KEYSEAL_CRYPTO_H

#include <linux/list.h>
#include <linux/types.h>

#include "primitives.h"

struct aead_request;
struct crypto_aead;

/**
 * struct keyseal_crypto - transforms for one operation at a time
 * @gcm: gcm(aes)
 * @req: a request on @gcm
 * @node: link in the pool of idle transforms
 */
struct keyseal_crypto {
	struct crypto_aead *gcm;
	struct aead_request *req;
	struct list_head node;
};

struct keyseal_crypto *keyseal_crypto_get(void);
void keyseal_crypto_put(struct keyseal_crypto *c);
void keyseal_crypto_exit(void);
void keyseal_rsa_exit(void);

int keyseal_hmac(const u8 *key, size_t key_len,
		 const struct keyseal_chunk *msg, unsigned int n_msg,
		 u8 out[KEYSEAL_HASH_SIZE]);
int keyseal_aead_run(struct aead_request *req, bool encrypt);

#endif /* _KEYSEAL_CRYPTO_H */
