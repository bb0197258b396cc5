/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The other side of the RSA export, with OpenSSL alone: a cloud key
 * manager's import of the four forms (Documentation/blob-format.rst, "RSA
 * export"), RSA-OAEP with EVP_PKEY_decrypt() and AES-KWP with
 * EVP_aes_256_wrap_pad(). Nothing of keyseal's is used, so that these
 * check keyseal's code rather than repeat it. Shared by userspace/tests/
 * and selftests/.
 *
 * Also the private half of the 2048-bit key of kernel/shared/rsa_vectors.c,
 * made for keyseal's tests with "openssl genpkey -algorithm RSA".
 */
#ifndef KEYSEAL_TEST_RSA_OPENSSL_H
#define KEYSEAL_TEST_RSA_OPENSSL_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

#include <linux/keyseal.h>

static const char rsa_test_key_pem[] =
	"-----BEGIN PRIVATE KEY-----\n"
	"MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQCk5fFlsQoPT4xO\n"
	"/t+mNgtm8/VfIvGVCsmOVhqmyO548EAeTn+nlM3wE+XfkMgZbDc/WQ6GtKEji78y\n"
	"OoWVTmsCeBTF49ReR26WguIQcRq3mJhMXAGJXoGk03uP3zP2FqF5+W8lHsaaNoTR\n"
	"+xvU61P6YRc8bBN06cXhU+i0qSE/2bl2v1Dy2g/LmWyJ4A1YoemYkk+3B99ySfIm\n"
	"ya8OhMZjOs9ffYJNXHmimg+XhQp/S5fTsQoznZY8LXUIXfUTzCRXRfed8mRJVZL1\n"
	"1Ix+Rw0MM8K3jfsjR0Bs7TA/sXaUw4YUAK3974Mqd2SxDmEhRbuBxrfJmYrq/A7v\n"
	"OHKatUt7AgMBAAECggEANzrXCA7shiVIIttGEFcQqZpzaDp9fMSArr5TLeKl0Pbz\n"
	"GtOC+R+jfFJFz4QgKTewJ3UOIvsT76JqVwn33QLHX6vVlVRSOIOnXB0ZV5Vyc+TV\n"
	"udmlIBv5wzmcLJt/PWDmE8MCQYYV0egJw4TeFQn+9iEX1cKDH8j+4JIoon31Z3tc\n"
	"62J88W6/rAuX8cyRVky7tayhd6iNqkZ6vn7vEmPTLg841m9bKaX1gQpKh1GaXQ0Q\n"
	"+A0ThXxjw1k8vBX6KVhAdjubyLp74mEqYA5s2TMaIRTrt3APJLF8jYCA/qJwtlYa\n"
	"Q8ouun+KAjO/8r7uj+qOj8D1wRme8gKzIC7Re1kfVQKBgQDTxuFU3fSCidTEJ2Ks\n"
	"PXxTCmTS4n1OX24LS31lFXWi+fkjh/tns3IAQdsd59knawypokPn9P8BWfnD6DRL\n"
	"ETkIgjRwHgXnLDLjsbrGeXRdFX15EDIl+KINO3Rlh2d2IVMLElRNpKVFXlS5bazb\n"
	"2MsyxiOMSCT6jF103PQB66fKpwKBgQDHVQi08k2cMviY52QNaTExOdXpVfME36iR\n"
	"j/2Qyk+PzgRJTXqiBAPZpZqyJyRBME0Qtof0+DsYvnq3WAetJ7uTCrK5Sg0UHHPg\n"
	"cFVb3sS8LB1SxoqTUQr9AkjG55NrbcSGn63OCJHrcGlvmO1zZ/de8rO+DqlpmgD6\n"
	"60Mtvo0XDQKBgQCfUkfDKRgB/N9skpTRL5CQiIlBfdL3WyPWq3wyx+owKg8cg/jH\n"
	"E2D4gJLv9LSRyx9DnyenIdGWmrIkiFSPBO37ULlSf8PBHqdKVTNGjajVPo2evmh7\n"
	"2IlRmyD+INfdL0TiV2/E2dDcVxM2TSR2YKq+EAI+TyhCtca5XGDV8QvSkQKBgF3J\n"
	"0NLyvzmjcfzfwt/cgtzajZ/AZRwB8FqtGW2rA0xybunenrjkkrsxhFwWtqRFib03\n"
	"ZTkKIyQ9W5gwv0vlygghnH46LXUs/gi4UjFr271+ND3iVQmDtFvfW0bbZy3A9Bsz\n"
	"vp+WwLG6rqFnnzIR1P7Dy3a9h1C8uYFWeMFpSxFxAoGAaixIFbp9hWYbqdzRbYvF\n"
	"9LZre7h33tpPPpPwW1drMd8LGHSK0sxmitjPhhAcTmCLd+DmQqmW+qV7PRLXiURz\n"
	"fRieLwl+mlb3ALvKNjUlJwMAAFmws4xcL9slebbKhlqgSrLxoBgEZt1AXJYMLw7j\n"
	"kGArCcGCEwhyyUyh/TqanAs=\n"
	"-----END PRIVATE KEY-----\n"
	;

/* A private key from PEM, or NULL. */
static inline EVP_PKEY *rsa_test_private_key(const char *pem)
{
	BIO *bio = BIO_new_mem_buf(pem, -1);
	EVP_PKEY *pkey = bio ? PEM_read_bio_PrivateKey(bio, NULL, NULL, NULL) :
			       NULL;

	BIO_free(bio);
	return pkey;
}

/* A fresh RSA key of @bits, or NULL. */
static inline EVP_PKEY *rsa_test_generate(unsigned int bits)
{
	EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new_id(EVP_PKEY_RSA, NULL);
	EVP_PKEY *pkey = NULL;

	if (!ctx || EVP_PKEY_keygen_init(ctx) <= 0 ||
	    EVP_PKEY_CTX_set_rsa_keygen_bits(ctx, (int)bits) <= 0 ||
	    EVP_PKEY_keygen(ctx, &pkey) <= 0)
		pkey = NULL;
	EVP_PKEY_CTX_free(ctx);
	return pkey;
}

/* The SubjectPublicKeyInfo of @pkey, DER, into @spki: its length or -1. */
static inline long rsa_test_spki(EVP_PKEY *pkey, uint8_t *spki, size_t size)
{
	unsigned char *der = NULL;
	int len = i2d_PUBKEY(pkey, &der);

	if (len <= 0 || (size_t)len > size) {
		OPENSSL_free(der);
		return -1;
	}
	memcpy(spki, der, (size_t)len);
	OPENSSL_free(der);
	return len;
}

/* RSAES-OAEP decryption, MGF1 with the OAEP hash, empty label. */
static inline long rsa_test_oaep_decrypt(EVP_PKEY *pkey, int sha1,
					 const uint8_t *in, size_t len,
					 uint8_t *out, size_t size)
{
	const EVP_MD *md = sha1 ? EVP_sha1() : EVP_sha256();
	EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new(pkey, NULL);
	size_t out_len = size;
	long ret = -1;

	if (ctx && EVP_PKEY_decrypt_init(ctx) > 0 &&
	    EVP_PKEY_CTX_set_rsa_padding(ctx, RSA_PKCS1_OAEP_PADDING) > 0 &&
	    EVP_PKEY_CTX_set_rsa_oaep_md(ctx, md) > 0 &&
	    EVP_PKEY_CTX_set_rsa_mgf1_md(ctx, md) > 0 &&
	    EVP_PKEY_decrypt(ctx, out, &out_len, in, len) > 0)
		ret = (long)out_len;
	EVP_PKEY_CTX_free(ctx);
	return ret;
}

/* AES Key Wrap with Padding, unwrapped: the key's length, or -1. */
static inline long rsa_test_kwp_unwrap(const uint8_t *kek, size_t kek_len,
				       const uint8_t *in, size_t len,
				       uint8_t *out, size_t size)
{
	const EVP_CIPHER *cipher = kek_len == 16 ? EVP_aes_128_wrap_pad() :
				   kek_len == 24 ? EVP_aes_192_wrap_pad() :
				   EVP_aes_256_wrap_pad();
	EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
	int n = 0, m = 0;
	long ret = -1;

	if (!ctx || size < len)
		goto out;
	EVP_CIPHER_CTX_set_flags(ctx, EVP_CIPHER_CTX_FLAG_WRAP_ALLOW);
	if (EVP_DecryptInit_ex(ctx, cipher, NULL, kek, NULL) &&
	    EVP_DecryptUpdate(ctx, out, &n, in, (int)len) &&
	    EVP_DecryptFinal_ex(ctx, out + n, &m))
		ret = n + m;
out:
	EVP_CIPHER_CTX_free(ctx);
	return ret;
}

/*
 * An export in @format (KEYSEAL_RSA_*) opened with the wrapping key's
 * private half: the key's length, or -1.
 */
static inline long rsa_test_unwrap(EVP_PKEY *pkey, int format,
				   const uint8_t *in, size_t len,
				   uint8_t *out, size_t size)
{
	int sha1 = format == KEYSEAL_RSA_AES_KWP_SHA1 ||
		   format == KEYSEAL_RSA_OAEP_SHA1;
	size_t k = (size_t)EVP_PKEY_get_size(pkey);
	uint8_t aes[512];	/* EVP_PKEY_decrypt() wants room for k bytes */
	long ret;

	if (len < k)
		return -1;
	if (format == KEYSEAL_RSA_OAEP_SHA256 ||
	    format == KEYSEAL_RSA_OAEP_SHA1)
		return len == k ? rsa_test_oaep_decrypt(pkey, sha1, in, len,
							out, size) : -1;
	ret = rsa_test_oaep_decrypt(pkey, sha1, in, k, aes, sizeof(aes));
	if (ret != 32)
		return -1;
	ret = rsa_test_kwp_unwrap(aes, 32, in + k, len - k, out, size);
	OPENSSL_cleanse(aes, sizeof(aes));
	return ret;
}

#endif /* KEYSEAL_TEST_RSA_OPENSSL_H */
