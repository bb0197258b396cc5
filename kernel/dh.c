// SPDX-License-Identifier: GPL-2.0
/*
 * Diffie-Hellman for keyseal's exchange keys: X25519 on the kernel's
 * curve25519 library (the crypto API's "curve25519" kpp is gone from 6.18
 * on; the library is in every kernel keyseal supports), P-256 on the crypto
 * API's key agreement (kpp) algorithm "ecdh-nist-p256", a module that
 * crypto_alloc_kpp() loads on first use. Kernels before 5.12 have no
 * "ecdh-nist-p256": there P-256 is -EOPNOTSUPP.
 *
 * Every public key a peer gives is checked: an X25519 exchange whose result
 * is all zeros (the peer sent a point of small order) and a P-256 string
 * that is not a point of the curve are refused with -EKEYREJECTED, as RFC
 * 9180 section 7.1.4 asks; a public key of the wrong length is -EINVAL.
 */

#include <crypto/curve25519.h>
#include <crypto/kpp.h>
#include <linux/crypto.h>
#include <linux/err.h>
#include <linux/kmod.h>
#include <linux/random.h>
#include <linux/scatterlist.h>
#include <linux/slab.h>

#include "blob.h"
#include "dh.h"
#include "usage.h"

#define P256_COORD_SIZE		32
#define P256_UNCOMPRESSED	0x04

/* Room for a peer's key and for a result, each up to X || Y of P-256. */
#define DH_BUF_HALF		(2 * P256_COORD_SIZE)
#define DH_BUF_SIZE		(2 * DH_BUF_HALF)

/*
 * A random 32-byte string is a valid P-256 scalar unless it is zero or at
 * least the group order, with probability below 2^-32: a few tries fail
 * only with a broken random generator.
 */
#define GENERATE_TRIES		8

/*
 * The ecdh kpp takes its private key packed as crypto_ecdh_encode_key()
 * does: a struct kpp_secret, the key size, the big-endian key. That helper
 * lives in the ecdh module; packing the same documented layout here keeps
 * keyseal.ko from depending on that module at load time.
 */
static int p256_set_secret(struct keyseal_dh *dh, const u8 *sk)
{
	unsigned short key_size = KEYSEAL_DH_PRIVATE_SIZE;
	struct kpp_secret secret = {
		.type = CRYPTO_KPP_SECRET_TYPE_ECDH,
		.len = sizeof(secret) + sizeof(key_size) + key_size,
	};
	u8 *p = dh->buf;
	int ret;

	memcpy(p, &secret, sizeof(secret));
	p += sizeof(secret);
	memcpy(p, &key_size, sizeof(key_size));
	p += sizeof(key_size);
	memcpy(p, sk, key_size);
	ret = crypto_kpp_set_secret(dh->tfm, dh->buf, secret.len);
	memzero_explicit(dh->buf, secret.len);
	return ret;
}

/* The X25519 private key stays, clamped, at the start of dh->buf. */
static void x25519_set_secret(struct keyseal_dh *dh, const u8 *sk)
{
	memcpy(dh->buf, sk, KEYSEAL_DH_PRIVATE_SIZE);
	keyseal_x25519_clamp(dh->buf);
}

/*
 * The ecdh module announces itself only as "crypto-ecdh", not by the names
 * of its curves, so the crypto API cannot load it for "ecdh-nist-p256":
 * load it by that name and look again.
 */
static struct crypto_kpp *p256_alloc(void)
{
	struct crypto_kpp *tfm;

	tfm = crypto_alloc_kpp("ecdh-nist-p256", 0, 0);
	if (PTR_ERR(tfm) == -ENOENT && !request_module("crypto-ecdh"))
		tfm = crypto_alloc_kpp("ecdh-nist-p256", 0, 0);
	return tfm;
}

/**
 * keyseal_dh_init() - take a private key for Diffie-Hellman
 * @dh: filled in; release with keyseal_dh_release() whatever the result
 * @kem: KEYSEAL_KEM_*
 * @sk: the private scalar, KEYSEAL_DH_PRIVATE_SIZE bytes; any 32 bytes for
 *	X25519 (clamped as it is used), [1, n - 1] for P-256
 *
 * Return: 0; -EINVAL for an unknown KEM or a P-256 scalar out of range (or
 * one the kernel's ECDH refuses: it keeps to [2, n - 3]); -EOPNOTSUPP if
 * the kernel has no such algorithm; -ENOMEM.
 */
int keyseal_dh_init(struct keyseal_dh *dh, u16 kem, const u8 *sk)
{
	int ret;

	memset(dh, 0, sizeof(*dh));
	if (!keyseal_dh_private_valid(kem, sk, KEYSEAL_DH_PRIVATE_SIZE))
		return -EINVAL;

	dh->buf = kzalloc(DH_BUF_SIZE, GFP_KERNEL);
	if (!dh->buf)
		return -ENOMEM;
	dh->kem = kem;
	if (kem == KEYSEAL_KEM_X25519_HKDF_SHA256) {
		x25519_set_secret(dh, sk);
		return 0;
	}
	dh->tfm = p256_alloc();
	if (IS_ERR(dh->tfm)) {
		ret = PTR_ERR(dh->tfm) == -ENOENT ? -EOPNOTSUPP :
						     PTR_ERR(dh->tfm);
		dh->tfm = NULL;
		return ret;
	}
	return p256_set_secret(dh, sk);
}

/**
 * keyseal_dh_init_random() - draw a fresh private key for Diffie-Hellman
 * @dh: filled in; release with keyseal_dh_release() whatever the result
 * @kem: KEYSEAL_KEM_*
 * @sk: output, the new private scalar (X25519: clamped), or NULL if the
 *	caller has no use for it
 *
 * P-256 scalars are drawn until one is valid for the kernel's ECDH.
 *
 * Return: 0; -EINVAL for an unknown KEM; -EIO if no valid scalar came out
 * of the random generator; -EOPNOTSUPP; -ENOMEM. @sk is wiped on failure.
 */
int keyseal_dh_init_random(struct keyseal_dh *dh, u16 kem, u8 *sk)
{
	u8 scalar[KEYSEAL_DH_PRIVATE_SIZE];
	int tries, ret = -EIO;

	memset(dh, 0, sizeof(*dh));
	if (!keyseal_usage_of_kem(kem))
		return -EINVAL;
	for (tries = 0; tries < GENERATE_TRIES; tries++) {
		get_random_bytes(scalar, sizeof(scalar));
		if (kem == KEYSEAL_KEM_X25519_HKDF_SHA256)
			keyseal_x25519_clamp(scalar);
		ret = keyseal_dh_init(dh, kem, scalar);
		if (ret != -EINVAL)
			break;
		keyseal_dh_release(dh);
		ret = -EIO;
	}
	if (!ret && sk)
		memcpy(sk, scalar, sizeof(scalar));
	else if (sk)
		memzero_explicit(sk, sizeof(scalar));
	memzero_explicit(scalar, sizeof(scalar));
	return ret;
}

/*
 * Run one kpp request: @in_len bytes of dh->buf in (none: make the public
 * key), @out_len bytes out to the second half of dh->buf.
 */
static int dh_run(struct keyseal_dh *dh, unsigned int in_len,
		  unsigned int out_len)
{
	DECLARE_CRYPTO_WAIT(wait);
	struct scatterlist src, dst;
	struct kpp_request *req;
	int ret;

	req = kpp_request_alloc(dh->tfm, GFP_KERNEL);
	if (!req)
		return -ENOMEM;
	kpp_request_set_callback(req, CRYPTO_TFM_REQ_MAY_BACKLOG |
				 CRYPTO_TFM_REQ_MAY_SLEEP, crypto_req_done,
				 &wait);
	sg_init_one(&dst, dh->buf + DH_BUF_HALF, out_len);
	kpp_request_set_output(req, &dst, out_len);
	if (in_len) {
		sg_init_one(&src, dh->buf, in_len);
		kpp_request_set_input(req, &src, in_len);
		ret = crypto_kpp_compute_shared_secret(req);
	} else {
		kpp_request_set_input(req, NULL, 0);
		ret = crypto_kpp_generate_public_key(req);
	}
	ret = crypto_wait_req(ret, &wait);
	kpp_request_free(req);
	return ret;
}

/**
 * keyseal_dh_public() - the public key of a private key
 * @dh: the private key
 * @pk: output, keyseal_usage_kem_public_size(@dh->kem) bytes
 *
 * Return: 0, or an error of the crypto API (-ENOMEM).
 */
int keyseal_dh_public(struct keyseal_dh *dh, u8 *pk)
{
	u8 *out = dh->buf + DH_BUF_HALF;
	int ret;

	/* A clamped scalar is never zero, nor is its public key. */
	if (dh->kem == KEYSEAL_KEM_X25519_HKDF_SHA256)
		return curve25519_generate_public(pk, dh->buf) ? 0 : -EINVAL;
	/* The ecdh kpp gives X || Y, big-endian: prefix the point format. */
	ret = dh_run(dh, 0, 2 * P256_COORD_SIZE);
	if (ret)
		return ret;
	pk[0] = P256_UNCOMPRESSED;
	memcpy(pk + 1, out, 2 * P256_COORD_SIZE);
	return 0;
}

/**
 * keyseal_dh_agree() - Diffie-Hellman with a peer's public key
 * @dh: the private key
 * @pk: the peer's public key
 * @pk_len: its length
 * @shared: output, the X25519 result or the x-coordinate of the P-256 point
 *
 * Return: 0; -EINVAL for a public key of the wrong length; -EKEYREJECTED
 * for a P-256 string that is not an uncompressed point of the curve, or an
 * X25519 result of all zeros; -ENOMEM. @shared is wiped on failure.
 */
int keyseal_dh_agree(struct keyseal_dh *dh, const u8 *pk, size_t pk_len,
		     u8 shared[KEYSEAL_DH_SIZE])
{
	u8 *out = dh->buf + DH_BUF_HALF;
	int ret;

	memzero_explicit(shared, KEYSEAL_DH_SIZE);
	if (pk_len != keyseal_usage_kem_public_size(dh->kem))
		return -EINVAL;

	if (dh->kem == KEYSEAL_KEM_X25519_HKDF_SHA256) {
		/* false: the result is all zeros, @pk is of small order. */
		ret = curve25519(out, dh->buf, pk) ? 0 : -EKEYREJECTED;
	} else {
		/* Only the uncompressed form is a serialised key (RFC 9180 7.1.1). */
		if (pk[0] != P256_UNCOMPRESSED)
			return -EKEYREJECTED;
		memcpy(dh->buf, pk + 1, 2 * P256_COORD_SIZE);
		ret = dh_run(dh, 2 * P256_COORD_SIZE, KEYSEAL_DH_SIZE);
		/*
		 * -EINVAL: the point is not on the curve or its coordinates
		 * are not reduced; -EFAULT: the product is the point at
		 * infinity.
		 */
		if (ret == -EINVAL || ret == -EFAULT)
			ret = -EKEYREJECTED;
	}
	if (!ret)
		memcpy(shared, out, KEYSEAL_DH_SIZE);
	memzero_explicit(out, KEYSEAL_DH_SIZE);
	return ret;
}

/**
 * keyseal_dh_release() - drop a private key, wiping every copy of it
 * @dh: the key; may be one whose init failed, or already released
 */
void keyseal_dh_release(struct keyseal_dh *dh)
{
	/* The crypto API frees a transform's context with kfree_sensitive(). */
	if (dh->tfm)
		crypto_free_kpp(dh->tfm);
	kfree_sensitive(dh->buf);
	memset(dh, 0, sizeof(*dh));
}

/**
 * keyseal_dh_generate() - a fresh private scalar
 * @kem: KEYSEAL_KEM_*
 * @sk: output, KEYSEAL_DH_PRIVATE_SIZE bytes
 *
 * Return: as keyseal_dh_init_random().
 */
int keyseal_dh_generate(u16 kem, u8 *sk)
{
	struct keyseal_dh dh;
	int ret;

	ret = keyseal_dh_init_random(&dh, kem, sk);
	keyseal_dh_release(&dh);
	return ret;
}

/**
 * keyseal_dh_public_of() - the public key of a private scalar
 * @kem: KEYSEAL_KEM_*
 * @sk: the scalar
 * @pk: output, keyseal_usage_kem_public_size(@kem) bytes
 *
 * Return: 0, or an error of keyseal_dh_init() or keyseal_dh_public().
 */
int keyseal_dh_public_of(u16 kem, const u8 *sk, u8 *pk)
{
	struct keyseal_dh dh;
	int ret;

	ret = keyseal_dh_init(&dh, kem, sk);
	if (ret)
		goto out;
	ret = keyseal_dh_public(&dh, pk);
out:
	keyseal_dh_release(&dh);
	return ret;
}

/**
 * keyseal_dh_compute() - Diffie-Hellman of a private scalar and a public key
 * @kem: KEYSEAL_KEM_*
 * @sk: the private scalar
 * @pk: the peer's public key
 * @pk_len: its length
 * @shared: output, the X25519 result or the x-coordinate of the P-256 point
 *
 * Return: 0, or an error of keyseal_dh_init() or keyseal_dh_agree(); @shared
 * is wiped on failure.
 */
int keyseal_dh_compute(u16 kem, const u8 *sk, const u8 *pk, size_t pk_len,
		       u8 shared[KEYSEAL_DH_SIZE])
{
	struct keyseal_dh dh;
	int ret;

	memzero_explicit(shared, KEYSEAL_DH_SIZE);
	ret = keyseal_dh_init(&dh, kem, sk);
	if (ret)
		goto out;
	ret = keyseal_dh_agree(&dh, pk, pk_len, shared);
out:
	keyseal_dh_release(&dh);
	return ret;
}
