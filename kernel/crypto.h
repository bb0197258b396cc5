/* SPDX-License-Identifier: GPL-2.0 */
/*
 * keyseal's primitives: HMAC-SHA256 and HKDF-SHA256 (RFC 5869) on the
 * kernel's HMAC-SHA256 library, and AES-GCM on the crypto API with transforms
 * taken from a small pool so that no operation pays for allocating them.
 */
#ifndef _KEYSEAL_CRYPTO_H
#define _KEYSEAL_CRYPTO_H

#include <linux/list.h>
#include <linux/types.h>

#define KEYSEAL_HASH_SIZE	32

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

/**
 * struct keyseal_chunk - one piece of a message given in pieces
 * @data: its bytes
 * @len: their number
 */
struct keyseal_chunk {
	const void *data;
	size_t len;
};

struct keyseal_crypto *keyseal_crypto_get(void);
void keyseal_crypto_put(struct keyseal_crypto *c);
void keyseal_crypto_exit(void);

int keyseal_hmac(const u8 *key, size_t key_len,
		 const struct keyseal_chunk *msg, unsigned int n_msg,
		 u8 out[KEYSEAL_HASH_SIZE]);
int keyseal_hkdf_extract(const u8 *salt,
			 size_t salt_len, const struct keyseal_chunk *ikm,
			 unsigned int n_ikm, u8 prk[KEYSEAL_HASH_SIZE]);
int keyseal_hkdf_expand(const u8 prk[KEYSEAL_HASH_SIZE],
			const struct keyseal_chunk *info, unsigned int n_info,
			u8 *okm, size_t okm_len);
int keyseal_gcm_seal(struct keyseal_crypto *c, const u8 *key, size_t key_len,
		     const u8 *nonce, u8 *buf, size_t assoc_len,
		     size_t text_len);
int keyseal_aead_run(struct aead_request *req, bool encrypt);
int keyseal_gcm_open(struct keyseal_crypto *c, const u8 *key, size_t key_len,
		     const u8 *nonce, u8 *buf, size_t assoc_len,
		     size_t sealed_len);

#endif /* _KEYSEAL_CRYPTO_H */
