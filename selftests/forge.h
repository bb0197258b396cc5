/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Blobs under a KEK made in userspace, as anyone who knows the KEK's
 * material can make them (a user root key, or a KEK exported in the
 * clear): Documentation/blob-format.rst's KEK scheme with OpenSSL, the
 * header written by the module's own codec. The header says whatever the
 * maker likes (flags, provenance, the parent's fingerprint); only the
 * kernel's checks decide what such a blob is worth.
 */
#ifndef KEYSEAL_FORGE_H
#define KEYSEAL_FORGE_H

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/kdf.h>

#include "keyseal_test.h"
#include "usage.h"

#define FORGE_WRAP_KEY_SIZE	32

static const char forge_fp_label[] = "keyseal v1 kek fingerprint";
static const char forge_wrap_label[] = "keyseal v1 kek wrap";

/* HMAC-SHA256 of the fixed label under the KEK: its fingerprint. */
static inline int forge_kek_fingerprint(const u8 *kek, size_t kek_len,
					u8 fp[KEYSEAL_FINGERPRINT_SIZE])
{
	unsigned int len = KEYSEAL_FINGERPRINT_SIZE;

	return HMAC(EVP_sha256(), kek, kek_len,
		    (const u8 *)forge_fp_label, strlen(forge_fp_label), fp,
		    &len) && len == KEYSEAL_FINGERPRINT_SIZE ? 0 : -EIO;
}

/* HKDF-SHA256(salt, KEK, "keyseal v1 kek wrap"): AES-256-GCM key, nonce. */
static inline int forge_wrap_key(const u8 *kek, size_t kek_len,
				 const u8 *salt,
				 u8 okm[FORGE_WRAP_KEY_SIZE + KEYSEAL_NONCE_SIZE])
{
	EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new_id(EVP_PKEY_HKDF, NULL);
	size_t len = FORGE_WRAP_KEY_SIZE + KEYSEAL_NONCE_SIZE;
	int ok;

	ok = ctx && EVP_PKEY_derive_init(ctx) == 1 &&
	     EVP_PKEY_CTX_set_hkdf_md(ctx, EVP_sha256()) == 1 &&
	     EVP_PKEY_CTX_set1_hkdf_salt(ctx, salt, KEYSEAL_SALT_SIZE) == 1 &&
	     EVP_PKEY_CTX_set1_hkdf_key(ctx, kek, kek_len) == 1 &&
	     EVP_PKEY_CTX_add1_hkdf_info(ctx, (const u8 *)forge_wrap_label,
					 strlen(forge_wrap_label)) == 1 &&
	     EVP_PKEY_derive(ctx, okm, &len) == 1 &&
	     len == FORGE_WRAP_KEY_SIZE + KEYSEAL_NONCE_SIZE;
	EVP_PKEY_CTX_free(ctx);
	return ok ? 0 : -EIO;
}

/* AES-256-GCM of @len bytes at @buf + @aad_len in place, tag after them. */
static inline int forge_gcm_seal(const u8 *key, const u8 *nonce, u8 *buf,
				 size_t aad_len, size_t len)
{
	EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
	int n, ok;

	ok = ctx &&
	     EVP_EncryptInit_ex(ctx, EVP_aes_256_gcm(), NULL, key, nonce) == 1 &&
	     EVP_EncryptUpdate(ctx, NULL, &n, buf, aad_len) == 1 &&
	     EVP_EncryptUpdate(ctx, buf + aad_len, &n, buf + aad_len,
			       len) == 1 &&
	     EVP_EncryptFinal_ex(ctx, buf + aad_len + n, &n) == 1 &&
	     EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_GET_TAG, KEYSEAL_TAG_SIZE,
				 buf + aad_len + len) == 1;
	EVP_CIPHER_CTX_free(ctx);
	return ok ? 0 : -EIO;
}

/**
 * struct forged_key - what a forged blob holds and claims
 * @usage: KEYSEAL_USAGE_*
 * @key_flags: the flags it claims
 * @provenance: the provenance it claims
 * @material: the key, @key_len bytes, chosen by the maker
 * @key_len: its length
 * @parent: the parent it names, "type:description"
 * @parent_fp: the fingerprint it claims for that parent
 * @kek: the material it is really sealed under
 * @kek_len: its length
 */
struct forged_key {
	u8 usage;
	u8 key_flags;
	u8 provenance;
	const u8 *material;
	u16 key_len;
	const char *parent;
	const u8 *parent_fp;
	const u8 *kek;
	size_t kek_len;
};

/* A KEK-scheme blob of @f in @out: its length, or -errno. */
static inline int forge_kek_blob(const struct forged_key *f, u8 *out,
				 size_t size)
{
	u8 salt[KEYSEAL_SALT_SIZE], okm[FORGE_WRAP_KEY_SIZE + KEYSEAL_NONCE_SIZE];
	struct keyseal_blob b = {
		.scheme = KEYSEAL_SCHEME_KEK,
		.usage = f->usage,
		.key_alg = keyseal_usage_alg(f->usage),
		.key_flags = f->key_flags,
		.provenance = f->provenance,
		.key_len = f->key_len,
		.kdf_id = KEYSEAL_KDF_HKDF_SHA256,
		.aead_id = KEYSEAL_AEAD_AES256GCM,
		.created = time(NULL),
		.parent = f->parent,
		.parent_len = strlen(f->parent),
		.parent_fp = f->parent_fp,
		.salt = salt,
	};
	int header, ret;

	if (getrandom(salt, sizeof(salt), 0) != sizeof(salt) ||
	    getrandom(b.key_id, sizeof(b.key_id), 0) != sizeof(b.key_id))
		return -EIO;
	header = keyseal_blob_write_header(&b, out, size);
	if (header < 0)
		return header;
	if ((size_t)header + f->key_len + KEYSEAL_TAG_SIZE > size)
		return -ERANGE;
	memcpy(out + header, f->material, f->key_len);
	ret = forge_wrap_key(f->kek, f->kek_len, salt, okm);
	if (!ret)
		ret = forge_gcm_seal(okm, okm + FORGE_WRAP_KEY_SIZE, out, header,
				     f->key_len);
	OPENSSL_cleanse(okm, sizeof(okm));
	return ret ? ret : header + f->key_len + KEYSEAL_TAG_SIZE;
}

/*
 * Open a KEK-scheme blob with the KEK's known material, as its maker (or
 * whoever recovered the KEK) can offline: the key's material in
 * @material (room for KEYSEAL_BLOB_MAX_SIZE), its length, or -errno.
 */
static inline int forge_kek_open(const u8 *blob, size_t len, const u8 *kek,
				 size_t kek_len, u8 *material)
{
	u8 okm[FORGE_WRAP_KEY_SIZE + KEYSEAL_NONCE_SIZE];
	EVP_CIPHER_CTX *ctx = NULL;
	struct keyseal_blob b;
	size_t ct_len;
	int n, ok;

	if (keyseal_blob_parse(blob, len, &b) ||
	    b.scheme != KEYSEAL_SCHEME_KEK ||
	    b.body_len != (size_t)b.key_len + KEYSEAL_TAG_SIZE)
		return -EINVAL;
	if (forge_wrap_key(kek, kek_len, b.salt, okm))
		return -EIO;
	ct_len = b.key_len;
	ctx = EVP_CIPHER_CTX_new();
	ok = ctx &&
	     EVP_DecryptInit_ex(ctx, EVP_aes_256_gcm(), NULL, okm,
				okm + FORGE_WRAP_KEY_SIZE) == 1 &&
	     EVP_DecryptUpdate(ctx, NULL, &n, b.header, b.header_len) == 1 &&
	     EVP_DecryptUpdate(ctx, material, &n, b.body, ct_len) == 1 &&
	     EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_SET_TAG, KEYSEAL_TAG_SIZE,
				 (void *)(b.body + ct_len)) == 1 &&
	     EVP_DecryptFinal_ex(ctx, material + n, &n) == 1;
	EVP_CIPHER_CTX_free(ctx);
	OPENSSL_cleanse(okm, sizeof(okm));
	return ok ? (int)b.key_len : -EBADMSG;
}

/* AES-GCM decryption of ENCRYPT's output with known material: 0 or -1. */
static inline int forge_gcm_open(const u8 *key, size_t key_len,
				 const u8 *nonce, const u8 *ct, size_t ct_len,
				 u8 *pt)
{
	const EVP_CIPHER *cipher = key_len == 16 ? EVP_aes_128_gcm() :
						   EVP_aes_256_gcm();
	size_t len = ct_len - KEYSEAL_TAG_SIZE;
	EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
	int n, ok;

	ok = ctx && EVP_DecryptInit_ex(ctx, cipher, NULL, key, nonce) == 1 &&
	     EVP_DecryptUpdate(ctx, pt, &n, ct, len) == 1 &&
	     EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_SET_TAG, KEYSEAL_TAG_SIZE,
				 (void *)(ct + len)) == 1 &&
	     EVP_DecryptFinal_ex(ctx, pt + n, &n) == 1;
	EVP_CIPHER_CTX_free(ctx);
	return ok ? 0 : -1;
}

#endif /* KEYSEAL_FORGE_H */
