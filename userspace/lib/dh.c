// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Diffie-Hellman for the DHKEMs, on OpenSSL 3.0's EVP interface.
 *
 * Keys cross this file only as raw bytes: each operation builds the EVP_PKEYs
 * it needs and frees them again (OpenSSL clears private keys as it frees
 * them), so no OpenSSL type leaks into the rest of the library. Every public
 * key is validated before use: a P-256 key must be an uncompressed point on
 * the curve, and an X25519 exchange whose result is all zeros (the peer sent
 * a point of small order) is refused; both give -EKEYREJECTED. A malformed
 * length or scalar gives -EINVAL. With valid input libcrypto only fails when
 * it runs out of memory, so its other failures are reported as -ENOMEM.
 *
 * Which strings are private keys, and X25519's clamping, are the module's
 * own code (dh_group.c).
 */

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/obj_mac.h>
#include <openssl/param_build.h>
#include <openssl/rand.h>

#include "blob.h"
#include "dh.h"
#include "usage.h"

#define P256_GROUP_NAME		"prime256v1"
#define P256_UNCOMPRESSED	0x04

/*
 * A random 32-byte string is a valid P-256 scalar unless it is zero or at
 * least the group order, which happens with probability below 2^-32: a few
 * tries only fail with a broken random generator.
 */
#define GENERATE_TRIES		8

static int x25519_private(const u8 *sk, EVP_PKEY **pkey)
{
	u8 scalar[KEYSEAL_DH_PRIVATE_SIZE];

	memcpy(scalar, sk, sizeof(scalar));
	keyseal_x25519_clamp(scalar);
	*pkey = EVP_PKEY_new_raw_private_key(EVP_PKEY_X25519, NULL, scalar,
					     sizeof(scalar));
	OPENSSL_cleanse(scalar, sizeof(scalar));
	return *pkey ? 0 : -ENOMEM;
}

static int x25519_public(const u8 *pk, EVP_PKEY **pkey)
{
	*pkey = EVP_PKEY_new_raw_public_key(EVP_PKEY_X25519, NULL, pk,
					    KEYSEAL_X25519_PUBLIC_SIZE);
	return *pkey ? 0 : -ENOMEM;
}

/* The scalar of a P-256 private key, which must lie in [1, n-1]. */
static int p256_scalar(const u8 *sk, BIGNUM **scalar)
{
	BIGNUM *d;

	if (!keyseal_dh_private_valid(KEYSEAL_KEM_P256_HKDF_SHA256, sk,
				      KEYSEAL_DH_PRIVATE_SIZE))
		return -EINVAL;
	d = BN_secure_new();
	if (!d)
		return -ENOMEM;
	BN_set_flags(d, BN_FLG_CONSTTIME);
	if (!BN_bin2bn(sk, KEYSEAL_DH_PRIVATE_SIZE, d)) {
		BN_clear_free(d);
		return -ENOMEM;
	}
	*scalar = d;
	return 0;
}

static int p256_private(const u8 *sk, EVP_PKEY **pkey)
{
	OSSL_PARAM_BLD *bld = OSSL_PARAM_BLD_new();
	OSSL_PARAM *params = NULL;
	EVP_PKEY_CTX *ctx = NULL;
	BIGNUM *d = NULL;
	int ret = -ENOMEM;

	if (!bld)
		goto out;
	ret = p256_scalar(sk, &d);
	if (ret)
		goto out;
	ret = -ENOMEM;
	/* d is a secure BIGNUM: the builder keeps it in the cleared block */
	if (!OSSL_PARAM_BLD_push_utf8_string(bld, OSSL_PKEY_PARAM_GROUP_NAME,
					     P256_GROUP_NAME, 0) ||
	    !OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_PRIV_KEY, d))
		goto out;
	params = OSSL_PARAM_BLD_to_param(bld);
	ctx = EVP_PKEY_CTX_new_from_name(NULL, "EC", NULL);
	if (!params || !ctx || EVP_PKEY_fromdata_init(ctx) <= 0 ||
	    EVP_PKEY_fromdata(ctx, pkey, EVP_PKEY_KEYPAIR, params) <= 0)
		goto out;
	ret = 0;
out:
	EVP_PKEY_CTX_free(ctx);
	OSSL_PARAM_free(params);
	OSSL_PARAM_BLD_free(bld);
	BN_clear_free(d);
	return ret;
}

/*
 * Only the uncompressed form is a serialised P-256 key (RFC 9180 7.1.1); the
 * hybrid forms 0x06/0x07 have the same length and are refused here, since
 * OpenSSL would accept them. OpenSSL refuses coordinates that are not
 * reduced modulo p and points off the curve; the explicit check then also
 * covers the point at infinity and the order.
 */
static int p256_public(const u8 *pk, EVP_PKEY **pkey)
{
	char group[] = P256_GROUP_NAME;
	OSSL_PARAM params[] = {
		OSSL_PARAM_construct_utf8_string(OSSL_PKEY_PARAM_GROUP_NAME,
						 group, 0),
		OSSL_PARAM_construct_octet_string(OSSL_PKEY_PARAM_PUB_KEY,
						  (void *)pk,
						  KEYSEAL_P256_PUBLIC_SIZE),
		OSSL_PARAM_construct_end(),
	};
	EVP_PKEY_CTX *ctx, *check = NULL;
	int ret = -ENOMEM;

	if (pk[0] != P256_UNCOMPRESSED)
		return -EKEYREJECTED;
	ctx = EVP_PKEY_CTX_new_from_name(NULL, "EC", NULL);
	if (!ctx || EVP_PKEY_fromdata_init(ctx) <= 0)
		goto out;
	ret = -EKEYREJECTED;
	if (EVP_PKEY_fromdata(ctx, pkey, EVP_PKEY_PUBLIC_KEY, params) <= 0)
		goto out;
	check = EVP_PKEY_CTX_new_from_pkey(NULL, *pkey, NULL);
	if (!check) {
		ret = -ENOMEM;
		goto out;
	}
	if (EVP_PKEY_public_check(check) != 1)
		goto out;
	ret = 0;
out:
	if (ret) {
		EVP_PKEY_free(*pkey);
		*pkey = NULL;
	}
	EVP_PKEY_CTX_free(check);
	EVP_PKEY_CTX_free(ctx);
	return ret;
}

static int private_key(u16 kem, const u8 *sk, EVP_PKEY **pkey)
{
	*pkey = NULL;
	if (kem == KEYSEAL_KEM_X25519_HKDF_SHA256)
		return x25519_private(sk, pkey);
	return p256_private(sk, pkey);
}

static int public_key(u16 kem, const u8 *pk, EVP_PKEY **pkey)
{
	*pkey = NULL;
	if (kem == KEYSEAL_KEM_X25519_HKDF_SHA256)
		return x25519_public(pk, pkey);
	return p256_public(pk, pkey);
}

/**
 * keyseal_dh_check_public() - validate a serialised public key
 * @kem: KEYSEAL_KEM_*
 * @pk: the key
 * @pk_len: its length
 *
 * Every 32-byte string is an X25519 public key; small-order points are
 * caught by keyseal_dh(), where RFC 9180 checks them.
 *
 * Return: 0, -EINVAL for an unknown KEM or a wrong length, -EKEYREJECTED for
 * a string that is not a P-256 point, -ENOMEM.
 */
int keyseal_dh_check_public(u16 kem, const u8 *pk, size_t pk_len)
{
	EVP_PKEY *pkey;
	int ret;

	if (!keyseal_usage_kem_public_size(kem) ||
	    pk_len != keyseal_usage_kem_public_size(kem))
		return -EINVAL;
	ret = public_key(kem, pk, &pkey);
	EVP_PKEY_free(pkey);
	return ret;
}

static int p256_public_of(const u8 *sk, u8 *pk)
{
	EC_GROUP *group;
	EC_POINT *point = NULL;
	BIGNUM *d = NULL;
	int ret;

	ret = p256_scalar(sk, &d);
	if (ret)
		return ret;
	ret = -ENOMEM;
	group = EC_GROUP_new_by_curve_name(NID_X9_62_prime256v1);
	if (!group)
		goto out;
	ret = -ENOMEM;
	point = EC_POINT_new(group);
	if (!point || !EC_POINT_mul(group, point, d, NULL, NULL, NULL) ||
	    EC_POINT_point2oct(group, point, POINT_CONVERSION_UNCOMPRESSED, pk,
			       KEYSEAL_P256_PUBLIC_SIZE, NULL) !=
	    KEYSEAL_P256_PUBLIC_SIZE)
		goto out;
	ret = 0;
out:
	EC_POINT_clear_free(point);
	BN_clear_free(d);
	EC_GROUP_free(group);
	return ret;
}

/**
 * keyseal_dh_public_of() - the public key of a private scalar
 * @kem: KEYSEAL_KEM_*
 * @sk: the scalar, KEYSEAL_DH_PRIVATE_SIZE bytes
 * @pk: output, keyseal_usage_kem_public_size(@kem) bytes
 *
 * Return: 0, -EINVAL for an unknown KEM or a P-256 scalar out of range,
 * -ENOMEM.
 */
int keyseal_dh_public_of(u16 kem, const u8 *sk, u8 *pk)
{
	size_t len = KEYSEAL_X25519_PUBLIC_SIZE;
	EVP_PKEY *pkey;
	int ret;

	if (!keyseal_dh_private_valid(kem, sk, KEYSEAL_DH_PRIVATE_SIZE))
		return -EINVAL;
	if (kem == KEYSEAL_KEM_P256_HKDF_SHA256)
		return p256_public_of(sk, pk);

	ret = x25519_private(sk, &pkey);
	if (ret)
		return ret;
	if (EVP_PKEY_get_raw_public_key(pkey, pk, &len) != 1 ||
	    len != KEYSEAL_X25519_PUBLIC_SIZE)
		ret = -ENOMEM;
	EVP_PKEY_free(pkey);
	return ret;
}

/**
 * keyseal_dh_generate() - a fresh private scalar
 * @kem: KEYSEAL_KEM_*
 * @sk: output, KEYSEAL_DH_PRIVATE_SIZE bytes; an X25519 scalar comes out
 *	clamped, as the module makes it
 *
 * Return: 0, -EINVAL for an unknown KEM, -EIO if the random generator
 * failed. @sk is wiped on failure.
 */
int keyseal_dh_generate(u16 kem, u8 *sk)
{
	int tries;

	if (!keyseal_usage_kem_public_size(kem))
		return -EINVAL;
	for (tries = 0; tries < GENERATE_TRIES; tries++) {
		if (RAND_priv_bytes(sk, KEYSEAL_DH_PRIVATE_SIZE) != 1)
			break;
		if (keyseal_dh_private_valid(kem, sk, KEYSEAL_DH_PRIVATE_SIZE)) {
			if (kem == KEYSEAL_KEM_X25519_HKDF_SHA256)
				keyseal_x25519_clamp(sk);
			return 0;
		}
	}
	OPENSSL_cleanse(sk, KEYSEAL_DH_PRIVATE_SIZE);
	return -EIO;
}

/**
 * keyseal_dh_compute() - Diffie-Hellman of a private scalar and a public key
 * @kem: KEYSEAL_KEM_*
 * @sk: the private scalar, KEYSEAL_DH_PRIVATE_SIZE bytes
 * @pk: the peer's serialised public key
 * @pk_len: its length
 * @shared: output, the X25519 result or the x-coordinate of the P-256 point
 *
 * Return: 0; -EINVAL for an unknown KEM, a bad scalar or a public key of
 * the wrong length; -EKEYREJECTED for an invalid P-256 point or an X25519
 * exchange that gives all zeros; -ENOMEM. @shared is wiped on failure.
 */
int keyseal_dh_compute(u16 kem, const u8 *sk, const u8 *pk, size_t pk_len,
		       u8 shared[KEYSEAL_DH_SIZE])
{
	static const u8 zero[KEYSEAL_DH_SIZE];
	EVP_PKEY *priv = NULL, *peer = NULL;
	size_t len = KEYSEAL_DH_SIZE;
	EVP_PKEY_CTX *ctx = NULL;
	int ret = -EINVAL;

	if (!keyseal_dh_private_valid(kem, sk, KEYSEAL_DH_PRIVATE_SIZE) ||
	    pk_len != keyseal_usage_kem_public_size(kem))
		goto out;
	ret = public_key(kem, pk, &peer);
	if (ret)
		goto out;
	ret = private_key(kem, sk, &priv);
	if (ret)
		goto out;
	ret = -ENOMEM;
	ctx = EVP_PKEY_CTX_new_from_pkey(NULL, priv, NULL);
	if (!ctx || EVP_PKEY_derive_init(ctx) <= 0)
		goto out;
	ret = -EKEYREJECTED;
	if (EVP_PKEY_derive_set_peer(ctx, peer) <= 0)
		goto out;
	/* OpenSSL's X25519 itself fails on an all-zero result */
	if (EVP_PKEY_derive(ctx, shared, &len) <= 0 || len != KEYSEAL_DH_SIZE) {
		if (kem == KEYSEAL_KEM_P256_HKDF_SHA256)
			ret = -ENOMEM;
		goto out;
	}
	/* RFC 9180 section 7.1.4, whatever the provider does */
	if (kem == KEYSEAL_KEM_X25519_HKDF_SHA256 &&
	    !CRYPTO_memcmp(shared, zero, KEYSEAL_DH_SIZE))
		goto out;
	ret = 0;
out:
	if (ret)
		OPENSSL_cleanse(shared, KEYSEAL_DH_SIZE);
	EVP_PKEY_CTX_free(ctx);
	EVP_PKEY_free(priv);
	EVP_PKEY_free(peer);
	return ret;
}
