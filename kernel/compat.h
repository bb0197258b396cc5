/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Everything in keyseal that depends on the kernel version, in one place.
 *
 * keyseal is written against the newest kernel's interfaces; this header
 * supplies them on older kernels, from 5.10 on (kernel/Kbuild refuses
 * older ones). Where a distribution kernel may carry an interface before
 * the version that brought it upstream, the choice is made by a probe of
 * the kernel's headers rather than by a version number: kernel/Kbuild
 * defines KEYSEAL_HAVE_* when a header exists, or mentions a declaration.
 */
#ifndef _KEYSEAL_COMPAT_H
#define _KEYSEAL_COMPAT_H

#include <crypto/aes.h>
#include <linux/key-type.h>
#include <linux/key.h>
#include <linux/string.h>
#include <linux/types.h>

/* <crypto/sha.h> became <crypto/sha2.h> in 5.11. */
#ifdef KEYSEAL_HAVE_CRYPTO_SHA2_H
#include <crypto/sha2.h>
#else
#include <crypto/sha.h>
#endif

/* hex2bin() and bin2hex() came with <linux/kernel.h> before 7.0. */
#ifdef KEYSEAL_HAVE_LINUX_HEX_H
#include <linux/hex.h>
#endif

/* The flags of lookup_user_key() were private to security/keys before 6.1. */
#ifndef KEYSEAL_HAVE_KEY_LOOKUP_FLAG
#define KEY_LOOKUP_CREATE	0x01
#endif

/**
 * keyseal_prep_description() - the description the caller gave a new key
 * @prep: the payload being preparsed
 *
 * preparse sees it from 5.11 on. Before, it cannot tell, and answers NULL:
 * the kernel takes the description preparse proposes only for a key added
 * without one, so the outcome is the same.
 *
 * Return: the description, or NULL if none was given.
 */
static inline const char *
keyseal_prep_description(const struct key_preparsed_payload *prep)
{
#ifdef KEYSEAL_HAVE_PREP_ORIG_DESCRIPTION
	return prep->orig_description;
#else
	return NULL;
#endif
}

/* The SHA-256 library's state was struct sha256_state before 6.17. */
#ifdef KEYSEAL_HAVE_SHA256_CTX
#define keyseal_sha256_state	sha256_ctx
#else
#define keyseal_sha256_state	sha256_state
#endif

/*
 * The AES library's encryption key: struct aes_enckey, prepared by
 * aes_prepareenckey(), since 7.0; struct crypto_aes_ctx, expanded by
 * aes_expandkey(), before. aes_encrypt() takes either in its time.
 */
#ifdef KEYSEAL_HAVE_AES_ENCKEY
#define keyseal_aes_ctx		aes_enckey
#define keyseal_aes_expand	aes_prepareenckey
#else
#define keyseal_aes_ctx		crypto_aes_ctx
#define keyseal_aes_expand	aes_expandkey
#endif

#ifndef KEYSEAL_HAVE_HMAC_SHA256
/* The HMAC-SHA256 library (6.17), on the SHA-256 library of older kernels. */

/**
 * struct hmac_sha256_key - SHA-256 states after the padded key XOR ipad
 *	and XOR opad
 * @inner: state of the inner hash
 * @outer: state of the outer hash
 */
struct hmac_sha256_key {
	struct keyseal_sha256_state inner;
	struct keyseal_sha256_state outer;
};

/**
 * struct hmac_sha256_ctx - HMAC-SHA256 of one message
 * @inner: the inner hash, over the message so far
 * @outer: state of the outer hash, from the key
 */
struct hmac_sha256_ctx {
	struct keyseal_sha256_state inner;
	struct keyseal_sha256_state outer;
};

static inline void hmac_sha256_preparekey(struct hmac_sha256_key *key,
					  const u8 *raw_key,
					  size_t raw_key_len)
{
	u8 block[SHA256_BLOCK_SIZE] = { };
	int i;

	if (raw_key_len > SHA256_BLOCK_SIZE)
		sha256(raw_key, raw_key_len, block);
	else
		memcpy(block, raw_key, raw_key_len);

	for (i = 0; i < SHA256_BLOCK_SIZE; i++)
		block[i] ^= 0x36;
	sha256_init(&key->inner);
	sha256_update(&key->inner, block, sizeof(block));
	for (i = 0; i < SHA256_BLOCK_SIZE; i++)
		block[i] ^= 0x36 ^ 0x5c;
	sha256_init(&key->outer);
	sha256_update(&key->outer, block, sizeof(block));
	memzero_explicit(block, sizeof(block));
}

static inline void hmac_sha256_init(struct hmac_sha256_ctx *ctx,
				    const struct hmac_sha256_key *key)
{
	ctx->inner = key->inner;
	ctx->outer = key->outer;
}

static inline void hmac_sha256_update(struct hmac_sha256_ctx *ctx,
				      const u8 *data, size_t data_len)
{
	sha256_update(&ctx->inner, data, data_len);
}

/* As the library's: @ctx is wiped. */
static inline void hmac_sha256_final(struct hmac_sha256_ctx *ctx,
				     u8 out[SHA256_DIGEST_SIZE])
{
	u8 inner[SHA256_DIGEST_SIZE];

	sha256_final(&ctx->inner, inner);
	sha256_update(&ctx->outer, inner, sizeof(inner));
	sha256_final(&ctx->outer, out);
	memzero_explicit(inner, sizeof(inner));
	memzero_explicit(ctx, sizeof(*ctx));
}
#endif /* !KEYSEAL_HAVE_HMAC_SHA256 */

#endif /* _KEYSEAL_COMPAT_H */
