// SPDX-License-Identifier: GPL-2.0
/*
 * The module's primitives under the RSA export (shared/rsa_export.c):
 * SHA-256 from the kernel's SHA-256 library; SHA-1 from the crypto API's
 * "sha1" hash, since the SHA-1 library of kernels before 6.17 is only the
 * block function; the AES block from the AES library (compat.h names its
 * key type); the raw RSA public operation from the crypto API's "rsa"
 * akcipher, which computes m^e mod n with no padding of its own; and
 * get_random_bytes().
 */

#include <crypto/akcipher.h>
#include <crypto/hash.h>
#include <linux/err.h>
#include <linux/mutex.h>
#include <linux/random.h>
#include <linux/scatterlist.h>
#include <linux/slab.h>

#include "compat.h"
#include "crypto.h"
#include "primitives.h"
#include "rsa_export.h"

/* A missing algorithm is reported as such, not as a missing file. */
static int alloc_error(long err)
{
	return err == -ENOENT ? -EOPNOTSUPP : err;
}

/*
 * One "sha1" transform for the module's life, made on first use: an
 * OAEP encoding hashes once per MGF1 block, 27 times for a 4096-bit
 * key, and a keyless shash serves concurrent callers, each with its own
 * descriptor.
 */
static struct crypto_shash *sha1_tfm;
static DEFINE_MUTEX(sha1_tfm_lock);

static struct crypto_shash *sha1_get(void)
{
	/* Pairs with the release below: a transform seen is set up. */
	struct crypto_shash *tfm = smp_load_acquire(&sha1_tfm);

	if (tfm)
		return tfm;
	mutex_lock(&sha1_tfm_lock);
	tfm = sha1_tfm;
	if (!tfm) {
		tfm = crypto_alloc_shash("sha1", 0, 0);
		if (IS_ERR(tfm))
			goto out;
		/* Published only once allocated; see the acquire above. */
		smp_store_release(&sha1_tfm, tfm);
	}
out:
	mutex_unlock(&sha1_tfm_lock);
	return tfm;
}

/**
 * keyseal_rsa_exit() - free the SHA-1 transform, at module unload
 */
void keyseal_rsa_exit(void)
{
	if (sha1_tfm)
		crypto_free_shash(sha1_tfm);
	sha1_tfm = NULL;
}

static int sha1_chunks(const struct keyseal_chunk *in, unsigned int n,
		       u8 *out)
{
	struct crypto_shash *tfm;
	unsigned int i;
	int ret;

	tfm = sha1_get();
	if (IS_ERR(tfm))
		return alloc_error(PTR_ERR(tfm));
	{
		SHASH_DESC_ON_STACK(desc, tfm);

		desc->tfm = tfm;
		ret = crypto_shash_init(desc);
		for (i = 0; !ret && i < n; i++)
			ret = crypto_shash_update(desc, in[i].data, in[i].len);
		if (!ret)
			ret = crypto_shash_final(desc, out);
		shash_desc_zero(desc);
	}
	return ret;
}

/**
 * keyseal_digest() - SHA-1 or SHA-256 of a message in pieces
 * @hash: KEYSEAL_RSA_HASH_*
 * @in: the pieces
 * @n: their number
 * @out: output, the digest
 *
 * Return: 0, -EINVAL for an unknown hash, or the crypto API's error.
 */
int keyseal_digest(int hash, const struct keyseal_chunk *in, unsigned int n,
		   u8 *out)
{
	struct keyseal_sha256_state st;
	unsigned int i;

	if (hash == KEYSEAL_RSA_HASH_SHA1)
		return sha1_chunks(in, n, out);
	if (hash != KEYSEAL_RSA_HASH_SHA256)
		return -EINVAL;
	sha256_init(&st);
	for (i = 0; i < n; i++)
		sha256_update(&st, in[i].data, in[i].len);
	sha256_final(&st, out);
	memzero_explicit(&st, sizeof(st));
	return 0;
}

/**
 * struct keyseal_aes - an expanded AES key
 * @ctx: the AES library's key
 */
struct keyseal_aes {
	struct keyseal_aes_ctx ctx;
};

/**
 * keyseal_aes_new() - expand an AES key
 * @key: the key
 * @key_len: its length: 16, 24 or 32
 * @aes: set to the expanded key, for keyseal_aes_free()
 *
 * Return: 0, -EINVAL or -ENOMEM.
 */
int keyseal_aes_new(const u8 *key, size_t key_len, struct keyseal_aes **aes)
{
	struct keyseal_aes *a;
	int ret;

	a = kmalloc(sizeof(*a), GFP_KERNEL);
	if (!a)
		return -ENOMEM;
	ret = keyseal_aes_expand(&a->ctx, key, key_len);
	if (ret) {
		kfree_sensitive(a);
		return ret;
	}
	*aes = a;
	return 0;
}

/**
 * keyseal_aes_encrypt_block() - encrypt one block in place
 * @aes: the key
 * @block: the 16-byte block
 *
 * Return: 0.
 */
int keyseal_aes_encrypt_block(struct keyseal_aes *aes, u8 *block)
{
	aes_encrypt(&aes->ctx, block, block);
	return 0;
}

/**
 * keyseal_aes_free() - wipe and free an expanded key
 * @aes: the key, or NULL
 */
void keyseal_aes_free(struct keyseal_aes *aes)
{
	kfree_sensitive(aes);
}

/**
 * keyseal_random() - random bytes
 * @buf: output
 * @len: its size
 *
 * Return: 0.
 */
int keyseal_random(u8 *buf, size_t len)
{
	get_random_bytes(buf, len);
	return 0;
}

/**
 * keyseal_rsa_encrypt_raw() - the RSA public operation, in place
 * @pub: the key; @pub->key is handed to the "rsa" akcipher as is
 * @buf: the @k-byte input, less than the modulus; output, the result
 * @k: the modulus's size in bytes
 *
 * The akcipher may write its result without leading zero bytes: they are
 * put back, so that the output is always @k bytes (RFC 8017 I2OSP).
 *
 * Return: 0, -EOPNOTSUPP without "rsa", -EINVAL if the akcipher does not
 * take the key, -ENOMEM, or its error.
 */
int keyseal_rsa_encrypt_raw(const struct keyseal_rsa_public *pub, u8 *buf,
			    size_t k)
{
	struct scatterlist src, dst;
	struct akcipher_request *req = NULL;
	struct crypto_akcipher *tfm;
	DECLARE_CRYPTO_WAIT(wait);
	u8 *in = NULL, *out = NULL;
	unsigned int out_len;
	int ret;

	tfm = crypto_alloc_akcipher("rsa", 0, 0);
	if (IS_ERR(tfm))
		return alloc_error(PTR_ERR(tfm));
	ret = crypto_akcipher_set_pub_key(tfm, pub->key, pub->key_len);
	if (ret) {
		ret = -EINVAL;
		goto out;
	}
	if (crypto_akcipher_maxsize(tfm) != k) {
		ret = -EINVAL;
		goto out;
	}

	/* the scatterlists need memory of the linear map, not the stack */
	in = kmemdup(buf, k, GFP_KERNEL);
	out = kzalloc(k, GFP_KERNEL);
	req = akcipher_request_alloc(tfm, GFP_KERNEL);
	if (!in || !out || !req) {
		ret = -ENOMEM;
		goto out;
	}
	sg_init_one(&src, in, k);
	sg_init_one(&dst, out, k);
	akcipher_request_set_callback(req, CRYPTO_TFM_REQ_MAY_SLEEP,
				      crypto_req_done, &wait);
	akcipher_request_set_crypt(req, &src, &dst, k, k);
	ret = crypto_wait_req(crypto_akcipher_encrypt(req), &wait);
	if (ret)
		goto out;
	out_len = req->dst_len;
	if (out_len > k) {
		ret = -EINVAL;
		goto out;
	}
	memset(buf, 0, k - out_len);
	memcpy(buf + k - out_len, out, out_len);
out:
	akcipher_request_free(req);
	kfree_sensitive(in);
	kfree(out);
	crypto_free_akcipher(tfm);
	return ret;
}
