/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * What the portable HPKE core (hpke.c) stands on: HKDF-SHA256, AES-GCM in
 * place and Diffie-Hellman on the two DHKEM groups; and, further down, what
 * the RSA export (rsa_export.c) stands on. Each side implements
 * them with its own cryptography and the same signatures: the module in
 * kernel/crypto.c (the SHA-256 library, gcm(aes) transforms from a pool)
 * and kernel/dh.c (kpp), libkeyseal in userspace/lib/primitives.c and
 * userspace/lib/dh.c (OpenSSL's EVP).
 *
 * Every function returns 0 or a negative errno.
 */
#ifndef _KEYSEAL_PRIMITIVES_H
#define _KEYSEAL_PRIMITIVES_H

#include "dh_group.h"

#define KEYSEAL_HASH_SIZE	32	/* Nh of HKDF-SHA256 */

/**
 * struct keyseal_chunk - one piece of a message given in pieces
 * @data: its bytes
 * @len: their number
 *
 * Secrets are hashed where they lie rather than copied into one buffer.
 */
struct keyseal_chunk {
	const void *data;
	size_t len;
};

/*
 * The module's AES-GCM transforms for one operation (kernel/crypto.h).
 * libkeyseal needs none and passes NULL.
 */
struct keyseal_crypto;

int keyseal_hkdf_extract(const u8 *salt,
			 size_t salt_len, const struct keyseal_chunk *ikm,
			 unsigned int n_ikm, u8 prk[KEYSEAL_HASH_SIZE]);
int keyseal_hkdf_expand(const u8 prk[KEYSEAL_HASH_SIZE],
			const struct keyseal_chunk *info, unsigned int n_info,
			u8 *okm, size_t okm_len);

int keyseal_gcm_seal(struct keyseal_crypto *c, const u8 *key, size_t key_len,
		     const u8 *nonce, u8 *buf, size_t assoc_len,
		     size_t text_len);
int keyseal_gcm_open(struct keyseal_crypto *c, const u8 *key, size_t key_len,
		     const u8 *nonce, u8 *buf, size_t assoc_len,
		     size_t sealed_len);

int keyseal_dh_generate(u16 kem, u8 *sk);
int keyseal_dh_public_of(u16 kem, const u8 *sk, u8 *pk);
int keyseal_dh_compute(u16 kem, const u8 *sk, const u8 *pk, size_t pk_len,
		       u8 shared[KEYSEAL_DH_SIZE]);

/*
 * Under the RSA export (rsa_export.c): the module in kernel/rsa.c (the
 * SHA-256 library, the "sha1" hash, the AES library, the "rsa" akcipher,
 * get_random_bytes()), libkeyseal in userspace/lib/rsa.c (OpenSSL).
 */
struct keyseal_rsa_public;

/* An expanded AES key, each side's own. */
struct keyseal_aes;

/* KEYSEAL_RSA_HASH_* of the pieces, into @out (its digest size). */
int keyseal_digest(int hash, const struct keyseal_chunk *in, unsigned int n,
		   u8 *out);
int keyseal_aes_new(const u8 *key, size_t key_len, struct keyseal_aes **aes);
/* One 16-byte block, encrypted in place. */
int keyseal_aes_encrypt_block(struct keyseal_aes *aes, u8 *block);
/* Wipes and frees; NULL is fine. */
void keyseal_aes_free(struct keyseal_aes *aes);
int keyseal_random(u8 *buf, size_t len);
/*
 * The raw RSA public operation on @buf, in place: @k bytes (the modulus's
 * size), big-endian, less than the modulus, raised to the public exponent.
 */
int keyseal_rsa_encrypt_raw(const struct keyseal_rsa_public *pub, u8 *buf,
			    size_t k);

#endif /* _KEYSEAL_PRIMITIVES_H */
