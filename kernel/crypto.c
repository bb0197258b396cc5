// SPDX-License-Identifier: GPL-2.0
/*
 * HMAC-SHA256, HKDF-SHA256 and AES-GCM for keyseal.
 *
 * HMAC is computed with the kernel's HMAC-SHA256 library (compat.h supplies
 * it on kernels before 6.17) on state kept on the caller's stack and wiped
 * there: nothing keyed outlives the call.
 *
 * Allocating a gcm(aes) transform means a lookup in the crypto API's
 * algorithm list and several allocations, more than the work keyseal does
 * with it on a key of 32 bytes. Transforms are therefore kept in a pool. A
 * pooled transform still holds the last per-blob key it was given, so the
 * pool is emptied once keyseal has been idle for a second; the crypto API
 * wipes transforms as it frees them.
 */

#include <crypto/aead.h>
#include <linux/err.h>
#include <linux/scatterlist.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/workqueue.h>

#include <uapi/linux/keyseal.h>

#include "compat.h"
#include "crypto.h"

/* Idle sets kept for reuse; more can exist while operations run. */
#define POOL_MAX_IDLE	16
/* How long the pool may sit idle before it is emptied. */
#define POOL_IDLE_TIME	HZ

static LIST_HEAD(pool);
static DEFINE_SPINLOCK(pool_lock);
static unsigned int pool_idle;
static unsigned long pool_last_put;	/* jiffies */

static void pool_drain(struct work_struct *work);
static DECLARE_DELAYED_WORK(pool_drain_work, pool_drain);

static void crypto_set_free(struct keyseal_crypto *c)
{
	aead_request_free(c->req);
	if (!IS_ERR_OR_NULL(c->gcm))
		crypto_free_aead(c->gcm);
	kfree(c);
}

/* A missing algorithm is reported as such, not as a missing file. */
static int alloc_error(long err)
{
	return err == -ENOENT ? -EOPNOTSUPP : err;
}

static struct keyseal_crypto *crypto_set_alloc(void)
{
	struct keyseal_crypto *c;
	int ret;

	c = kzalloc(sizeof(*c), GFP_KERNEL);
	if (!c)
		return ERR_PTR(-ENOMEM);

	/*
	 * Any implementation: the fast ones are wrapped as asynchronous, but
	 * run at once in process context; keyseal_aead_run() waits anyway.
	 */
	c->gcm = crypto_alloc_aead("gcm(aes)", 0, 0);
	if (IS_ERR(c->gcm)) {
		ret = alloc_error(PTR_ERR(c->gcm));
		goto err;
	}
	ret = crypto_aead_setauthsize(c->gcm, KEYSEAL_TAG_SIZE);
	if (ret)
		goto err;
	c->req = aead_request_alloc(c->gcm, GFP_KERNEL);
	if (!c->req) {
		ret = -ENOMEM;
		goto err;
	}
	return c;

err:
	crypto_set_free(c);
	return ERR_PTR(ret);
}

/**
 * keyseal_crypto_get() - take a set of transforms for one operation
 *
 * Return: the set, or an ERR_PTR: -EOPNOTSUPP if the kernel lacks
 * hmac(sha256) or gcm(aes), -ENOMEM.
 */
struct keyseal_crypto *keyseal_crypto_get(void)
{
	struct keyseal_crypto *c;

	spin_lock(&pool_lock);
	c = list_first_entry_or_null(&pool, struct keyseal_crypto, node);
	if (c) {
		list_del(&c->node);
		pool_idle--;
	}
	spin_unlock(&pool_lock);

	return c ?: crypto_set_alloc();
}

/**
 * keyseal_crypto_put() - give a set of transforms back
 * @c: the set, or an ERR_PTR or NULL, which are ignored
 */
void keyseal_crypto_put(struct keyseal_crypto *c)
{
	if (IS_ERR_OR_NULL(c))
		return;

	spin_lock(&pool_lock);
	if (pool_idle < POOL_MAX_IDLE) {
		list_add(&c->node, &pool);
		pool_idle++;
		c = NULL;
	}
	spin_unlock(&pool_lock);

	if (c)
		crypto_set_free(c);
	/* Cheaper than pushing the timer back on every put. */
	WRITE_ONCE(pool_last_put, jiffies);
	if (!delayed_work_pending(&pool_drain_work))
		schedule_delayed_work(&pool_drain_work, POOL_IDLE_TIME);
}

/*
 * Free every idle set once the pool has been idle long enough: their
 * transforms may hold the last keys they had. Called with a NULL @work at
 * unload, to free them at once.
 */
static void pool_drain(struct work_struct *work)
{
	unsigned long idle_for = jiffies - READ_ONCE(pool_last_put);
	struct keyseal_crypto *c, *next;
	LIST_HEAD(idle);

	if (work && idle_for < POOL_IDLE_TIME) {
		schedule_delayed_work(&pool_drain_work,
				      POOL_IDLE_TIME - idle_for);
		return;
	}

	spin_lock(&pool_lock);
	list_splice_init(&pool, &idle);
	pool_idle = 0;
	spin_unlock(&pool_lock);

	list_for_each_entry_safe(c, next, &idle, node)
		crypto_set_free(c);
}

/**
 * keyseal_crypto_exit() - free the idle transforms, at module unload
 */
void keyseal_crypto_exit(void)
{
	cancel_delayed_work_sync(&pool_drain_work);
	pool_drain(NULL);
}

/* HMAC of a message in pieces: an optional prefix, @msg, an optional suffix. */
static void hmac_chunks(const struct hmac_sha256_key *key,
			const struct keyseal_chunk *prefix,
			const struct keyseal_chunk *msg, unsigned int n_msg,
			const struct keyseal_chunk *suffix,
			u8 out[KEYSEAL_HASH_SIZE])
{
	struct hmac_sha256_ctx ctx;
	unsigned int i;

	hmac_sha256_init(&ctx, key);
	if (prefix)
		hmac_sha256_update(&ctx, prefix->data, prefix->len);
	for (i = 0; i < n_msg; i++)
		hmac_sha256_update(&ctx, msg[i].data, msg[i].len);
	if (suffix)
		hmac_sha256_update(&ctx, suffix->data, suffix->len);
	/* Wipes @ctx. */
	hmac_sha256_final(&ctx, out);
}

/**
 * keyseal_hmac() - HMAC-SHA256
 * @key: the HMAC key
 * @key_len: its length
 * @msg: the message, in pieces
 * @n_msg: number of pieces
 * @out: the MAC
 *
 * Return: 0.
 */
int keyseal_hmac(const u8 *key, size_t key_len,
		 const struct keyseal_chunk *msg, unsigned int n_msg,
		 u8 out[KEYSEAL_HASH_SIZE])
{
	struct hmac_sha256_key hk;

	hmac_sha256_preparekey(&hk, key, key_len);
	hmac_chunks(&hk, NULL, msg, n_msg, NULL, out);
	memzero_explicit(&hk, sizeof(hk));
	return 0;
}

/**
 * keyseal_hkdf_extract() - HKDF-Extract with SHA-256 (RFC 5869)
 * @salt: the salt; an empty salt stands for HashLen zero bytes
 * @salt_len: its length
 * @ikm: the input keying material, in pieces
 * @n_ikm: number of pieces
 * @prk: the pseudorandom key
 *
 * Return: 0.
 */
int keyseal_hkdf_extract(const u8 *salt,
			 size_t salt_len, const struct keyseal_chunk *ikm,
			 unsigned int n_ikm, u8 prk[KEYSEAL_HASH_SIZE])
{
	/* HMAC pads short keys with zeros: an empty salt is HashLen zeros. */
	return keyseal_hmac(salt, salt_len, ikm, n_ikm, prk);
}

/**
 * keyseal_hkdf_expand() - HKDF-Expand with SHA-256 (RFC 5869)
 * @prk: the pseudorandom key
 * @info: the context, in pieces
 * @n_info: number of pieces
 * @okm: the output keying material
 * @okm_len: its length, at most 255 * HashLen
 *
 * Return: 0, or -EINVAL for too long an output.
 */
int keyseal_hkdf_expand(const u8 prk[KEYSEAL_HASH_SIZE],
			const struct keyseal_chunk *info, unsigned int n_info,
			u8 *okm, size_t okm_len)
{
	u8 block[KEYSEAL_HASH_SIZE];
	struct keyseal_chunk previous = { block, 0 };
	struct keyseal_chunk counter_chunk;
	struct hmac_sha256_key hk;
	size_t done, n;
	u8 counter;

	if (okm_len > 255 * KEYSEAL_HASH_SIZE)
		return -EINVAL;
	hmac_sha256_preparekey(&hk, prk, KEYSEAL_HASH_SIZE);

	counter_chunk.data = &counter;
	counter_chunk.len = 1;
	/* T(i) = HMAC(PRK, T(i - 1) | info | i), T(0) empty */
	for (done = 0, counter = 1; done < okm_len; counter++) {
		hmac_chunks(&hk, &previous, info, n_info, &counter_chunk,
			    block);
		previous.len = KEYSEAL_HASH_SIZE;
		n = min_t(size_t, okm_len - done, KEYSEAL_HASH_SIZE);
		memcpy(okm + done, block, n);
		done += n;
	}
	memzero_explicit(block, sizeof(block));
	memzero_explicit(&hk, sizeof(hk));
	return 0;
}

static int gcm_crypt(struct keyseal_crypto *c, const u8 *key, size_t key_len,
		     const u8 *nonce, u8 *buf, size_t assoc_len,
		     size_t crypt_len, size_t buf_len, bool encrypt)
{
	u8 iv[KEYSEAL_NONCE_SIZE];
	struct scatterlist sg;
	int ret;

	ret = crypto_aead_setkey(c->gcm, key, key_len);
	if (ret)
		return ret;
	memcpy(iv, nonce, sizeof(iv));
	sg_init_one(&sg, buf, buf_len);
	aead_request_set_crypt(c->req, &sg, &sg, crypt_len, iv);
	aead_request_set_ad(c->req, assoc_len);
	return keyseal_aead_run(c->req, encrypt);
}

/**
 * keyseal_aead_run() - run an AEAD request and wait for it
 * @req: the request, crypt and associated data set
 * @encrypt: encrypt, or decrypt
 *
 * Return: 0, -EBADMSG when decryption finds the tag wrong, or another error
 * of the crypto API.
 */
int keyseal_aead_run(struct aead_request *req, bool encrypt)
{
	DECLARE_CRYPTO_WAIT(wait);

	aead_request_set_callback(req, CRYPTO_TFM_REQ_MAY_SLEEP |
				  CRYPTO_TFM_REQ_MAY_BACKLOG,
				  crypto_req_done, &wait);
	return crypto_wait_req(encrypt ? crypto_aead_encrypt(req) :
					 crypto_aead_decrypt(req), &wait);
}

/**
 * keyseal_gcm_seal() - AES-GCM encryption in place
 * @c: transforms
 * @key: AES key of 16 or 32 bytes
 * @key_len: its length
 * @nonce: KEYSEAL_NONCE_SIZE bytes
 * @buf: associated data, then the plaintext, then room for the tag;
 *	kmalloc'ed memory (it is mapped through a scatterlist)
 * @assoc_len: bytes of associated data
 * @text_len: bytes of plaintext
 *
 * Return: 0 or a negative errno from the crypto API.
 */
int keyseal_gcm_seal(struct keyseal_crypto *c, const u8 *key, size_t key_len,
		     const u8 *nonce, u8 *buf, size_t assoc_len,
		     size_t text_len)
{
	return gcm_crypt(c, key, key_len, nonce, buf, assoc_len, text_len,
			 assoc_len + text_len + KEYSEAL_TAG_SIZE, true);
}

/**
 * keyseal_gcm_open() - AES-GCM decryption in place
 * @c: transforms
 * @key: AES key of 16 or 32 bytes
 * @key_len: its length
 * @nonce: KEYSEAL_NONCE_SIZE bytes
 * @buf: associated data, then the ciphertext and the tag; kmalloc'ed
 * @assoc_len: bytes of associated data
 * @sealed_len: bytes of ciphertext and tag
 *
 * Return: 0 with the plaintext in place of the ciphertext, -EBADMSG if the
 * tag does not match, -EINVAL if @sealed_len cannot hold a tag.
 */
int keyseal_gcm_open(struct keyseal_crypto *c, const u8 *key, size_t key_len,
		     const u8 *nonce, u8 *buf, size_t assoc_len,
		     size_t sealed_len)
{
	if (sealed_len < KEYSEAL_TAG_SIZE)
		return -EINVAL;
	return gcm_crypt(c, key, key_len, nonce, buf, assoc_len, sealed_len,
			 assoc_len + sealed_len, false);
}
