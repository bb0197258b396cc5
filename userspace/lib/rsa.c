// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * RSA wrapping keys: a key exported in the forms cloud key managers and
 * HSMs import, by the kernel (KEYSEAL_TARGET_RSA) or, for a key held in the
 * clear, by libkeyseal alone. Both run the same code, the module's
 * kernel/shared/rsa_export.c; here are its primitives on OpenSSL 3.0's EVP
 * interface, and the wrapping key read from PEM.
 */

#include <string.h>

#include <openssl/bio.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

#include "internal.h"
#include "primitives.h"
#include "rsa_export.h"
#include "usage.h"

/* --- primitives of shared/rsa_export.c ------------------------------------ */

int keyseal_digest(int hash, const struct keyseal_chunk *in, unsigned int n,
		   u8 *out)
{
	const EVP_MD *md = hash == KEYSEAL_RSA_HASH_SHA1 ? EVP_sha1() :
			   hash == KEYSEAL_RSA_HASH_SHA256 ? EVP_sha256() :
			   NULL;
	EVP_MD_CTX *ctx;
	unsigned int i;
	int ok;

	if (!md)
		return -EINVAL;
	ctx = EVP_MD_CTX_new();
	if (!ctx)
		return -ENOMEM;
	ok = EVP_DigestInit_ex(ctx, md, NULL);
	for (i = 0; ok && i < n; i++)
		ok = EVP_DigestUpdate(ctx, in[i].data, in[i].len);
	ok = ok && EVP_DigestFinal_ex(ctx, out, NULL);
	EVP_MD_CTX_free(ctx);
	return ok ? 0 : -EIO;
}

struct keyseal_aes {
	EVP_CIPHER_CTX *ctx;
};

int keyseal_aes_new(const u8 *key, size_t key_len, struct keyseal_aes **aes)
{
	const EVP_CIPHER *cipher = key_len == 16 ? EVP_aes_128_ecb() :
				   key_len == 24 ? EVP_aes_192_ecb() :
				   key_len == 32 ? EVP_aes_256_ecb() : NULL;
	struct keyseal_aes *a;

	if (!cipher)
		return -EINVAL;
	a = calloc(1, sizeof(*a));
	if (!a)
		return -ENOMEM;
	a->ctx = EVP_CIPHER_CTX_new();
	if (!a->ctx || !EVP_EncryptInit_ex(a->ctx, cipher, NULL, key, NULL) ||
	    !EVP_CIPHER_CTX_set_padding(a->ctx, 0)) {
		keyseal_aes_free(a);
		return -ENOMEM;
	}
	*aes = a;
	return 0;
}

int keyseal_aes_encrypt_block(struct keyseal_aes *aes, u8 *block)
{
	u8 out[16];
	int len;

	if (!EVP_EncryptUpdate(aes->ctx, out, &len, block, sizeof(out)) ||
	    len != sizeof(out))
		return -EIO;
	memcpy(block, out, sizeof(out));
	OPENSSL_cleanse(out, sizeof(out));
	return 0;
}

void keyseal_aes_free(struct keyseal_aes *aes)
{
	if (!aes)
		return;
	/* frees and cleanses the expanded key */
	EVP_CIPHER_CTX_free(aes->ctx);
	free(aes);
}

int keyseal_random(u8 *buf, size_t len)
{
	return RAND_bytes(buf, (int)len) == 1 ? 0 : -EIO;
}

int keyseal_rsa_encrypt_raw(const struct keyseal_rsa_public *pub, u8 *buf,
			    size_t k)
{
	const unsigned char *p = pub->key;
	EVP_PKEY_CTX *ctx = NULL;
	EVP_PKEY *pkey;
	u8 out[KEYSEAL_RSA_MODULUS_MAX];
	size_t out_len = sizeof(out);
	int ret = -EINVAL;

	if (k > sizeof(out))
		return -EINVAL;
	pkey = d2i_PublicKey(EVP_PKEY_RSA, NULL, &p, (long)pub->key_len);
	if (!pkey || (size_t)EVP_PKEY_get_size(pkey) != k)
		goto out;
	ret = -EIO;
	ctx = EVP_PKEY_CTX_new(pkey, NULL);
	if (!ctx || EVP_PKEY_encrypt_init(ctx) <= 0 ||
	    EVP_PKEY_CTX_set_rsa_padding(ctx, RSA_NO_PADDING) <= 0 ||
	    EVP_PKEY_encrypt(ctx, out, &out_len, buf, k) <= 0 || out_len != k)
		goto out;
	memcpy(buf, out, k);
	ret = 0;
out:
	EVP_PKEY_CTX_free(ctx);
	EVP_PKEY_free(pkey);
	return ret;
}

/* --- the wrapping key ------------------------------------------------------ */

static const char *const rsa_formats[] = {
	[KEYSEAL_RSA_AES_KWP_SHA256] = "rsa-aes-kwp-sha256",
	[KEYSEAL_RSA_AES_KWP_SHA1] = "rsa-aes-kwp-sha1",
	[KEYSEAL_RSA_OAEP_SHA256] = "rsa-oaep-sha256",
	[KEYSEAL_RSA_OAEP_SHA1] = "rsa-oaep-sha1",
};

int keyseal_rsa_format_from_string(const char *name)
{
	size_t i;

	for (i = 1; name && i < ARRAY_SIZE(rsa_formats); i++)
		if (!strcmp(name, rsa_formats[i]))
			return (int)i;
	return -EINVAL;
}

const char *keyseal_rsa_format_to_string(int format)
{
	if (format < 1 || (size_t)format >= ARRAY_SIZE(rsa_formats))
		return NULL;
	return rsa_formats[format];
}

/* Why keyseal_rsa_spki_parse() refused an SPKI, as OpenSSL reads it. */
static int rsa_key_problem(const u8 *der, size_t len, unsigned int *bits)
{
	const unsigned char *p = der;
	EVP_PKEY *pkey = d2i_PUBKEY(NULL, &p, (long)len);
	int problem = KEYSEAL_RSA_KEY_MALFORMED;

	*bits = 0;
	if (!pkey || p != der + len)
		goto out;
	if (EVP_PKEY_get_base_id(pkey) != EVP_PKEY_RSA) {
		problem = KEYSEAL_RSA_KEY_NOT_RSA;
		goto out;
	}
	*bits = (unsigned int)EVP_PKEY_get_bits(pkey);
	if (*bits != 2048 && *bits != 3072 && *bits != 4096)
		problem = KEYSEAL_RSA_KEY_SIZE;
	else
		problem = KEYSEAL_RSA_KEY_EXPONENT;
out:
	EVP_PKEY_free(pkey);
	return problem;
}

int keyseal_rsa_key_from_der(const void *der, size_t len,
			     struct keyseal_rsa_key *key)
{
	struct keyseal_rsa_public pub;

	if (!key)
		return -EINVAL;
	memset(key, 0, sizeof(*key));
	if (!der || !len) {
		key->problem = KEYSEAL_RSA_KEY_MALFORMED;
		return -EINVAL;
	}
	if (len > sizeof(key->spki) ||
	    keyseal_rsa_spki_parse(der, len, &pub)) {
		key->problem = rsa_key_problem(der, len, &key->bits);
		return -EINVAL;
	}
	memcpy(key->spki, der, len);
	key->len = len;
	key->bits = pub.bits;
	return 0;
}

/* An "RSA PUBLIC KEY" (PKCS #1) made an SPKI, into @key. */
static int rsa_key_from_pkcs1(const unsigned char *der, long len,
			      struct keyseal_rsa_key *key)
{
	const unsigned char *p = der;
	unsigned char *spki = NULL;
	EVP_PKEY *pkey;
	int spki_len, ret;

	pkey = d2i_PublicKey(EVP_PKEY_RSA, NULL, &p, len);
	if (!pkey || p != der + len) {
		EVP_PKEY_free(pkey);
		memset(key, 0, sizeof(*key));
		key->problem = KEYSEAL_RSA_KEY_MALFORMED;
		return -EINVAL;
	}
	spki_len = i2d_PUBKEY(pkey, &spki);
	EVP_PKEY_free(pkey);
	if (spki_len <= 0)
		return -ENOMEM;
	ret = keyseal_rsa_key_from_der(spki, (size_t)spki_len, key);
	OPENSSL_free(spki);
	return ret;
}

int keyseal_rsa_key_from_pem(const char *pem, size_t len,
			     struct keyseal_rsa_key *key)
{
	char *name = NULL, *header = NULL;
	unsigned char *der = NULL;
	long der_len = 0;
	BIO *bio;
	int ret = -EINVAL;

	if (!key)
		return -EINVAL;
	memset(key, 0, sizeof(*key));
	key->problem = KEYSEAL_RSA_KEY_NOT_PEM;
	if (!pem || !len || len > INT_MAX)
		return -EINVAL;
	bio = BIO_new_mem_buf(pem, (int)len);
	if (!bio)
		return -ENOMEM;
	if (!PEM_read_bio(bio, &name, &header, &der, &der_len) ||
	    (header && *header))
		goto out;
	if (!strcmp(name, "PUBLIC KEY"))
		ret = keyseal_rsa_key_from_der(der, (size_t)der_len, key);
	else if (!strcmp(name, "RSA PUBLIC KEY"))
		ret = rsa_key_from_pkcs1(der, der_len, key);
out:
	OPENSSL_free(name);
	OPENSSL_free(header);
	OPENSSL_free(der);
	BIO_free(bio);
	return ret;
}

/* --- the export ------------------------------------------------------------- */

static int rsa_key_valid(const struct keyseal_rsa_key *rsa,
			 struct keyseal_rsa_public *pub)
{
	return rsa && rsa->len && rsa->len <= sizeof(rsa->spki) &&
	       !keyseal_rsa_spki_parse(rsa->spki, rsa->len, pub);
}

int keyseal_export_rsa(struct keyseal *ks, int32_t serial,
		       const struct keyseal_rsa_key *rsa, int format,
		       void *out, size_t *out_len)
{
	struct keyseal_rsa_public pub;
	struct keyseal_export req;
	int ret;

	if (!ks || !out_len || (!out && *out_len) ||
	    !rsa_key_valid(rsa, &pub) || keyseal_rsa_format_hash(format) < 0)
		return -EINVAL;
	memset(&req, 0, sizeof(req));
	req.serial = serial;
	req.target = KEYSEAL_TARGET_RSA;
	req.recipient = ks_ptr(rsa->spki);
	req.recipient_len = (uint32_t)rsa->len;
	req.recipient_kem = (uint16_t)format;
	req.blob = ks_ptr(out);
	req.blob_len = *out_len > UINT32_MAX ? UINT32_MAX : (uint32_t)*out_len;

	ret = ks_ioctl(ks, KEYSEAL_IOC_EXPORT, &req);
	if (ret == 0 || ret == -ERANGE)
		*out_len = req.blob_len;
	return ret;
}

int keyseal_wrap_to_rsa(const struct keyseal_wrap_key *key,
			const struct keyseal_rsa_key *rsa, int format,
			void *out, size_t *out_len)
{
	struct keyseal_rsa_public pub;
	size_t size;
	int ret;

	if (!key || !key->material || !out_len || (!out && *out_len) ||
	    !rsa_key_valid(rsa, &pub))
		return -EINVAL;
	/* what the kernel exports: data keys and secrets */
	if (key->usage != KEYSEAL_USAGE_AEAD &&
	    key->usage != KEYSEAL_USAGE_SECRET)
		return -EKEYREJECTED;
	if (!keyseal_usage_key_len_valid(key->usage,
					 keyseal_usage_alg(key->usage),
					 key->len))
		return -EINVAL;
	ret = keyseal_rsa_export_size((u16)format, &pub, key->len, &size);
	if (ret)
		return ret;
	if (*out_len < size) {
		*out_len = size;
		return -ERANGE;
	}
	ret = keyseal_rsa_export((u16)format, &pub, key->material, key->len,
				 out, size);
	if (!ret)
		*out_len = size;
	return ret;
}
