// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Exchange keys in userspace: public keys from raw bytes or PEM, to PEM and
 * to their fingerprint, and a sender's private key from raw bytes or PEM.
 *
 * The DER SubjectPublicKeyInfo of an X25519 or P-256 key is a fixed prefix
 * followed by the raw key, so it is built here byte for byte (as the kernel
 * builds it): the fingerprint cannot depend on how some library chooses to
 * encode a key.
 */

#include <limits.h>

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include "blob.h"
#include "dh.h"
#include "internal.h"
#include "usage.h"

#define SPKI_MAX	KEYSEAL_SPKI_MAX_SIZE
#define PEM_BEGIN	"-----BEGIN PUBLIC KEY-----\n"
#define PEM_END		"-----END PUBLIC KEY-----\n"
#define PEM_LINE	64

static int public_key_check(const struct keyseal_public_key *pk)
{
	return keyseal_dh_check_public(pk->kem, pk->key, pk->len);
}

/* The DER SubjectPublicKeyInfo of a checked key; returns its length. */
static size_t spki_der(const struct keyseal_public_key *pk, u8 *der)
{
	return keyseal_usage_spki_encode(pk->kem, pk->key, pk->len, der);
}

/* Encrypted PEM: refuse at once, where OpenSSL would prompt on the tty. */
static int no_passphrase(char *buf, int size, int rwflag, void *data)
{
	(void)buf;
	(void)size;
	(void)rwflag;
	(void)data;
	return -1;
}

/* The KEM of an X25519 or P-256 key, or 0 for any other key. */
static u16 pkey_kem(const EVP_PKEY *pkey)
{
	char group[32];

	if (EVP_PKEY_is_a(pkey, "X25519"))
		return KEYSEAL_KEM_X25519_HKDF_SHA256;
	if (EVP_PKEY_is_a(pkey, "EC") &&
	    EVP_PKEY_get_group_name(pkey, group, sizeof(group), NULL) == 1 &&
	    !strcmp(group, "prime256v1"))
		return KEYSEAL_KEM_P256_HKDF_SHA256;
	return 0;
}

/*
 * The X25519 or P-256 key, public or @private, in @pem: *@pkey, which the
 * caller frees, and its KEM. Return: 0, -EINVAL if @pem holds no such key
 * (or holds it encrypted), -EOPNOTSUPP for a key of another kind, -ENOMEM.
 */
static int pem_pkey(const char *pem, size_t len, bool private,
		    EVP_PKEY **pkey, u16 *kem)
{
	BIO *bio;

	if (len > INT_MAX)
		return -EINVAL;
	bio = BIO_new_mem_buf(pem, (int)len);
	if (!bio)
		return -ENOMEM;
	if (private)
		*pkey = PEM_read_bio_PrivateKey(bio, NULL, no_passphrase, NULL);
	else
		*pkey = PEM_read_bio_PUBKEY(bio, NULL, no_passphrase, NULL);
	BIO_free(bio);
	if (!*pkey)
		return -EINVAL;
	*kem = pkey_kem(*pkey);
	if (!*kem) {
		EVP_PKEY_free(*pkey);
		return -EOPNOTSUPP;
	}
	return 0;
}

/* The uncompressed point of a P-256 key, whatever form its SPKI used. */
static int p256_point(EVP_PKEY *pkey, u8 *point, size_t *len)
{
	const char *form = OSSL_PKEY_PARAM_EC_POINT_CONVERSION_FORMAT;
	const char *encoded = OSSL_PKEY_PARAM_ENCODED_PUBLIC_KEY;

	if (EVP_PKEY_set_utf8_string_param(pkey, form, "uncompressed") != 1 ||
	    EVP_PKEY_get_octet_string_param(pkey, encoded, point,
					    KEYSEAL_P256_PUBLIC_SIZE,
					    len) != 1)
		return -ENOMEM;
	return 0;
}

int keyseal_public_key_from_raw(uint16_t kem, const void *raw, size_t len,
				struct keyseal_public_key *pk)
{
	int ret;

	ret = keyseal_dh_check_public(kem, raw, len);
	if (ret)
		return ret;
	memset(pk, 0, sizeof(*pk));
	pk->kem = kem;
	pk->len = len;
	memcpy(pk->key, raw, len);
	return 0;
}

int keyseal_public_key_from_pem(const char *pem, size_t len,
				struct keyseal_public_key *pk)
{
	u8 raw[KEYSEAL_DH_PUBLIC_MAX];
	size_t raw_len = sizeof(raw);
	EVP_PKEY *pkey;
	u16 kem;
	int ret;

	ret = pem_pkey(pem, len, false, &pkey, &kem);
	if (ret)
		return ret;
	if (kem == KEYSEAL_KEM_X25519_HKDF_SHA256)
		ret = EVP_PKEY_get_raw_public_key(pkey, raw, &raw_len) == 1 ?
		      0 : -ENOMEM;
	else
		ret = p256_point(pkey, raw, &raw_len);
	if (!ret)
		ret = keyseal_public_key_from_raw(kem, raw, raw_len, pk);
	EVP_PKEY_free(pkey);
	return ret;
}

int keyseal_public_key_to_pem(const struct keyseal_public_key *pk, char *buf,
			      size_t size)
{
	/* base64 of SPKI_MAX bytes, with the NUL EVP_EncodeBlock adds */
	char base64[(SPKI_MAX + 2) / 3 * 4 + 1];
	size_t der_len, base64_len, lines, need, pos, done;
	u8 der[SPKI_MAX];
	int ret;

	ret = public_key_check(pk);
	if (ret)
		return ret;
	der_len = spki_der(pk, der);
	base64_len = EVP_EncodeBlock((unsigned char *)base64, der, der_len);
	lines = (base64_len + PEM_LINE - 1) / PEM_LINE;
	need = strlen(PEM_BEGIN) + base64_len + lines + strlen(PEM_END) + 1;
	if (size < need)
		return -ERANGE;

	pos = strlen(PEM_BEGIN);
	memcpy(buf, PEM_BEGIN, pos);
	for (done = 0; done < base64_len; done += PEM_LINE) {
		size_t chunk = base64_len - done < PEM_LINE ?
			       base64_len - done : PEM_LINE;

		memcpy(buf + pos, base64 + done, chunk);
		pos += chunk;
		buf[pos++] = '\n';
	}
	memcpy(buf + pos, PEM_END, strlen(PEM_END) + 1);
	return pos + strlen(PEM_END);
}

int keyseal_public_key_fingerprint(const struct keyseal_public_key *pk,
				   uint8_t fingerprint[KEYSEAL_FINGERPRINT_SIZE])
{
	u8 der[SPKI_MAX];
	size_t der_len;
	int ret;

	ret = public_key_check(pk);
	if (ret)
		return ret;
	der_len = spki_der(pk, der);
	if (EVP_Digest(der, der_len, fingerprint, NULL, EVP_sha256(),
		       NULL) != 1)
		return -ENOMEM;
	return 0;
}

int keyseal_private_key_from_raw(uint16_t kem, const void *raw, size_t len,
				 struct keyseal_private_key *sk)
{
	if (!keyseal_dh_private_valid(kem, raw, len))
		return -EINVAL;
	memset(sk, 0, sizeof(*sk));
	sk->kem = kem;
	memcpy(sk->scalar, raw, len);
	return 0;
}

static int pkey_scalar(const EVP_PKEY *pkey, u16 kem, u8 *scalar)
{
	size_t len = KEYSEAL_EXCHANGE_PRIVATE_SIZE;
	BIGNUM *d = NULL;
	int ret = -ENOMEM;

	if (kem == KEYSEAL_KEM_X25519_HKDF_SHA256) {
		if (EVP_PKEY_get_raw_private_key(pkey, scalar, &len) == 1 &&
		    len == KEYSEAL_EXCHANGE_PRIVATE_SIZE)
			ret = 0;
		return ret;
	}
	if (EVP_PKEY_get_bn_param(pkey, OSSL_PKEY_PARAM_PRIV_KEY, &d) != 1)
		return -ENOMEM;
	/* a scalar of more than 32 bytes is out of range anyway */
	ret = BN_bn2binpad(d, scalar, KEYSEAL_EXCHANGE_PRIVATE_SIZE) ==
	      KEYSEAL_EXCHANGE_PRIVATE_SIZE ? 0 : -EINVAL;
	BN_clear_free(d);
	return ret;
}

int keyseal_private_key_from_pem(const char *pem, size_t len,
				 struct keyseal_private_key *sk)
{
	u8 scalar[KEYSEAL_EXCHANGE_PRIVATE_SIZE];
	EVP_PKEY *pkey;
	u16 kem;
	int ret;

	ret = pem_pkey(pem, len, true, &pkey, &kem);
	if (ret)
		return ret;
	ret = pkey_scalar(pkey, kem, scalar);
	if (!ret)
		ret = keyseal_private_key_from_raw(kem, scalar, sizeof(scalar),
						   sk);
	OPENSSL_cleanse(scalar, sizeof(scalar));
	EVP_PKEY_free(pkey);
	return ret;
}

int keyseal_private_key_public(const struct keyseal_private_key *sk,
			       struct keyseal_public_key *pk)
{
	struct keyseal_public_key public = { .kem = sk->kem };
	int ret;

	public.len = keyseal_usage_kem_public_size(sk->kem);
	ret = keyseal_dh_public_of(sk->kem, sk->scalar, public.key);
	if (ret)
		return ret;
	*pk = public;
	return 0;
}

void keyseal_private_key_wipe(struct keyseal_private_key *sk)
{
	OPENSSL_cleanse(sk, sizeof(*sk));
}
