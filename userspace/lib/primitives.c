// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * libkeyseal's side of the primitives under the shared HPKE core
 * (kernel/shared/primitives.h): HKDF-SHA256 on HMAC-SHA256 and AES-GCM in
 * place, on OpenSSL 3.0's EVP interface. The module has the same functions
 * on its SHA-256 library and crypto API (kernel/crypto.c).
 *
 * HMAC is fed its input in pieces rather than a concatenated buffer, so
 * secrets are never copied; every intermediate secret lives on the stack
 * and is cleansed before return.
 */

#include <limits.h>

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>

#include "primitives.h"

#define EXPAND_MAX	(255 * KEYSEAL_HASH_SIZE)

/*
 * HMAC-SHA256 of a message in pieces: an optional prefix, @msg, an optional
 * suffix, as HKDF-Expand's T(i) wants it.
 */
static int hmac_sha256(const u8 *key, size_t key_len,
		       const struct keyseal_chunk *prefix,
		       const struct keyseal_chunk *msg, unsigned int n_msg,
		       const struct keyseal_chunk *suffix,
		       u8 out[KEYSEAL_HASH_SIZE])
{
	/* RFC 5869 2.2: an empty salt is HashLen zeros; HMAC pads both alike */
	static const u8 zero_salt[KEYSEAL_HASH_SIZE];
	char digest[] = "SHA256";
	OSSL_PARAM params[] = {
		OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST,
						 digest, 0),
		OSSL_PARAM_construct_end(),
	};
	EVP_MAC_CTX *ctx = NULL;
	EVP_MAC *mac;
	unsigned int i;
	size_t len;
	int ret = -ENOMEM;

	if (!key_len) {
		key = zero_salt;
		key_len = sizeof(zero_salt);
	}
	mac = EVP_MAC_fetch(NULL, "HMAC", NULL);
	if (mac)
		ctx = EVP_MAC_CTX_new(mac);
	if (!ctx || !EVP_MAC_init(ctx, key, key_len, params))
		goto out;
	if (prefix && prefix->len &&
	    !EVP_MAC_update(ctx, prefix->data, prefix->len))
		goto out;
	for (i = 0; i < n_msg; i++)
		if (msg[i].len && !EVP_MAC_update(ctx, msg[i].data, msg[i].len))
			goto out;
	if (suffix && suffix->len &&
	    !EVP_MAC_update(ctx, suffix->data, suffix->len))
		goto out;
	if (!EVP_MAC_final(ctx, out, &len, KEYSEAL_HASH_SIZE) ||
	    len != KEYSEAL_HASH_SIZE)
		goto out;
	ret = 0;
out:
	EVP_MAC_CTX_free(ctx);
	EVP_MAC_free(mac);
	return ret;
}

/**
 * keyseal_hkdf_extract() - HKDF-Extract with SHA-256 (RFC 5869)
 * @salt: the salt; an empty salt stands for HashLen zero bytes
 * @salt_len: its length
 * @ikm: the input keying material, in pieces
 * @n_ikm: number of pieces
 * @prk: output, the pseudorandom key
 *
 * Return: 0, or -ENOMEM if libcrypto fails.
 */
int keyseal_hkdf_extract(const u8 *salt,
			 size_t salt_len, const struct keyseal_chunk *ikm,
			 unsigned int n_ikm, u8 prk[KEYSEAL_HASH_SIZE])
{
	return hmac_sha256(salt, salt_len, NULL, ikm, n_ikm, NULL, prk);
}

/**
 * keyseal_hkdf_expand() - HKDF-Expand with SHA-256 (RFC 5869)
 * @prk: the pseudorandom key
 * @info: the context, in pieces
 * @n_info: number of pieces
 * @okm: output, the output keying material
 * @okm_len: its length, at most 255 * HashLen
 *
 * Return: 0, -EINVAL for too long an output, or -ENOMEM if libcrypto fails
 * (@okm is then cleansed).
 */
int keyseal_hkdf_expand(const u8 prk[KEYSEAL_HASH_SIZE],
			const struct keyseal_chunk *info, unsigned int n_info,
			u8 *okm, size_t okm_len)
{
	u8 block[KEYSEAL_HASH_SIZE], counter = 0;
	struct keyseal_chunk previous = { block, 0 };
	struct keyseal_chunk counter_chunk = { &counter, 1 };
	size_t done, n;
	int ret = 0;

	if (okm_len > EXPAND_MAX)
		return -EINVAL;
	/* T(i) = HMAC(PRK, T(i - 1) | info | i), T(0) empty */
	for (done = 0; done < okm_len; done += n) {
		counter++;
		ret = hmac_sha256(prk, KEYSEAL_HASH_SIZE, &previous, info,
				  n_info, &counter_chunk, block);
		if (ret)
			break;
		previous.len = KEYSEAL_HASH_SIZE;
		n = okm_len - done < KEYSEAL_HASH_SIZE ? okm_len - done :
							 KEYSEAL_HASH_SIZE;
		memcpy(okm + done, block, n);
	}
	OPENSSL_cleanse(block, sizeof(block));
	if (ret)
		OPENSSL_cleanse(okm, okm_len);
	return ret;
}

static const EVP_CIPHER *gcm_cipher(size_t key_len)
{
	switch (key_len) {
	case 16:
		return EVP_aes_128_gcm();
	case 32:
		return EVP_aes_256_gcm();
	}
	return NULL;
}

/*
 * Start AES-GCM with @key and @nonce and absorb the associated data. The
 * GCM IV length is 12 bytes by default: KEYSEAL_NONCE_SIZE.
 */
static EVP_CIPHER_CTX *gcm_start(const u8 *key, size_t key_len,
				 const u8 *nonce, const u8 *assoc,
				 size_t assoc_len, bool encrypt)
{
	const EVP_CIPHER *cipher = gcm_cipher(key_len);
	EVP_CIPHER_CTX *gcm = EVP_CIPHER_CTX_new();
	int len;

	if (!gcm || !EVP_CipherInit_ex(gcm, cipher, NULL, key, nonce, encrypt))
		goto err;
	if (assoc_len && !EVP_CipherUpdate(gcm, NULL, &len, assoc, assoc_len))
		goto err;
	return gcm;
err:
	EVP_CIPHER_CTX_free(gcm);
	return NULL;
}

/**
 * keyseal_gcm_seal() - AES-GCM encryption in place
 * @c: unused: libkeyseal keeps no transforms
 * @key: AES key of 16 or 32 bytes
 * @key_len: its length
 * @nonce: KEYSEAL_NONCE_SIZE bytes
 * @buf: associated data, then the plaintext, then room for the tag
 * @assoc_len: bytes of associated data
 * @text_len: bytes of plaintext
 *
 * Return: 0, -EINVAL for another key length or lengths over INT_MAX, or
 * -ENOMEM if libcrypto fails.
 */
int keyseal_gcm_seal(struct keyseal_crypto *c, const u8 *key, size_t key_len,
		     const u8 *nonce, u8 *buf, size_t assoc_len,
		     size_t text_len)
{
	u8 *text = buf + assoc_len;
	EVP_CIPHER_CTX *gcm;
	int len, ret = -ENOMEM;

	(void)c;
	if (!gcm_cipher(key_len) || assoc_len > INT_MAX ||
	    text_len > INT_MAX - KEYSEAL_TAG_SIZE)
		return -EINVAL;
	gcm = gcm_start(key, key_len, nonce, buf, assoc_len, true);
	if (!gcm)
		return -ENOMEM;
	if (text_len && !EVP_EncryptUpdate(gcm, text, &len, text, text_len))
		goto out;
	if (!EVP_EncryptFinal_ex(gcm, text + text_len, &len) ||
	    !EVP_CIPHER_CTX_ctrl(gcm, EVP_CTRL_AEAD_GET_TAG, KEYSEAL_TAG_SIZE,
				 text + text_len))
		goto out;
	ret = 0;
out:
	EVP_CIPHER_CTX_free(gcm);
	return ret;
}

/**
 * keyseal_gcm_open() - AES-GCM decryption in place
 * @c: unused: libkeyseal keeps no transforms
 * @key: AES key of 16 or 32 bytes
 * @key_len: its length
 * @nonce: KEYSEAL_NONCE_SIZE bytes
 * @buf: associated data, then the ciphertext and the tag
 * @assoc_len: bytes of associated data
 * @sealed_len: bytes of ciphertext and tag
 *
 * Return: 0 with the plaintext in place of the ciphertext, -EBADMSG if the
 * tag does not match, -EINVAL if @sealed_len cannot hold a tag, for another
 * key length or lengths over INT_MAX, -ENOMEM if libcrypto fails.
 */
int keyseal_gcm_open(struct keyseal_crypto *c, const u8 *key, size_t key_len,
		     const u8 *nonce, u8 *buf, size_t assoc_len,
		     size_t sealed_len)
{
	u8 *text = buf + assoc_len;
	size_t text_len = sealed_len - KEYSEAL_TAG_SIZE;
	EVP_CIPHER_CTX *gcm;
	int len, ret = -ENOMEM;

	(void)c;
	if (!gcm_cipher(key_len) || sealed_len < KEYSEAL_TAG_SIZE ||
	    assoc_len > INT_MAX || sealed_len > INT_MAX)
		return -EINVAL;
	gcm = gcm_start(key, key_len, nonce, buf, assoc_len, false);
	if (!gcm)
		return -ENOMEM;
	if (!EVP_CIPHER_CTX_ctrl(gcm, EVP_CTRL_AEAD_SET_TAG, KEYSEAL_TAG_SIZE,
				 text + text_len))
		goto out;
	if (text_len && !EVP_DecryptUpdate(gcm, text, &len, text, text_len))
		goto out;
	ret = -EBADMSG;
	if (EVP_DecryptFinal_ex(gcm, text + text_len, &len) <= 0)
		goto out;
	ret = 0;
out:
	EVP_CIPHER_CTX_free(gcm);
	return ret;
}
