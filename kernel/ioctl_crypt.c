// SPDX-License-Identifier: GPL-2.0
/*
 * ENCRYPT and DECRYPT: AES-GCM with an aead key whose material never
 * leaves the kernel. The kernel picks a random 96-bit nonce for every
 * encryption and returns it.
 *
 * The key's semaphore is held for reading during the operation, so the
 * payload cannot be replaced or revoked under it; no other key is touched.
 *
 * Random 96-bit nonces collide after about 2^48 messages, and NIST SP
 * 800-38D caps them at 2^32 per key: each loaded key allows
 * aead_max_messages encryptions. Kernel memory an operation takes is
 * charged to the caller's memory cgroup, and only a few large operations
 * run at once; the others wait their turn.
 */

#include <crypto/aead.h>
#include <linux/err.h>
#include <linux/mm.h>
#include <linux/key.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/random.h>
#include <linux/scatterlist.h>
#include <linux/semaphore.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <linux/vmalloc.h>

#include "crypto.h"
#include "ioctl.h"
#include "policy.h"
#include "snapshot.h"

static unsigned long long aead_max_messages = 1ULL << 32;
module_param(aead_max_messages, ullong, 0444);
MODULE_PARM_DESC(aead_max_messages,
		 "ENCRYPT operations each loaded aead key allows (default 2^32)");

/* Operations on more than a page of data that may run at once. */
#define LARGE_OPS_MAX	8
static struct semaphore large_ops =
	__SEMAPHORE_INITIALIZER(large_ops, LARGE_OPS_MAX);

/*
 * What the gcm(aes) transform an aead key keeps once used takes: measured
 * at about 1.1 KiB of slab with AES-NI on 6.12. It is charged to the key's
 * owner's key quota when the first use makes it, so that a key's kernel
 * memory stays within that quota, and keys never used for data cost only
 * what they hold.
 */
#define AEAD_TRANSFORM_QUOTA	1024

/*
 * Makes transforms one at a time: the first users of a key must not both
 * charge it (key_payload_reserve() is not atomic). Taken inside key->sem,
 * held for reading, which keeps an update from changing the payload and
 * its charge meanwhile.
 */
static DEFINE_MUTEX(transform_lock);

/*
 * The key's transform, keyed once on first use and kept with the payload.
 * Return: the transform, or an ERR_PTR: -EDQUOT if the owner's key quota
 * cannot hold it, -EOPNOTSUPP, -ENOMEM.
 */
static struct crypto_aead *sealed_key_aead(struct key *key,
					   struct sealed_key *sk)
{
	/* Pairs with smp_store_release(): a seen transform is fully keyed. */
	struct crypto_aead *tfm = smp_load_acquire(&sk->aead);
	int ret;

	if (tfm)
		return tfm;
	mutex_lock(&transform_lock);
	tfm = sk->aead;
	if (tfm)
		goto out;
	ret = key_payload_reserve(key, key->datalen + AEAD_TRANSFORM_QUOTA);
	if (ret) {
		tfm = ERR_PTR(ret);
		goto out;
	}
	tfm = crypto_alloc_aead("gcm(aes)", 0, 0);
	if (IS_ERR(tfm)) {
		if (PTR_ERR(tfm) == -ENOENT)
			tfm = ERR_PTR(-EOPNOTSUPP);
		goto unreserve;
	}
	ret = crypto_aead_setauthsize(tfm, KEYSEAL_TAG_SIZE) ?:
	      crypto_aead_setkey(tfm, sk->material, sk->attrs.key_len);
	if (ret) {
		crypto_free_aead(tfm);
		tfm = ERR_PTR(ret);
		goto unreserve;
	}
	/* Pairs with the lockless smp_load_acquire() above. */
	smp_store_release(&sk->aead, tfm);
	goto out;

unreserve:
	/* Giving quota back cannot fail. */
	key_payload_reserve(key, key->datalen - AEAD_TRANSFORM_QUOTA);
out:
	mutex_unlock(&transform_lock);
	return tfm;
}

/* A scatterlist over a kvmalloc'ed buffer, which may be vmalloc memory. */
static int sg_from_buffer(struct sg_table *sgt, u8 *buf, size_t len)
{
	struct scatterlist *sg;
	unsigned int i, n;
	size_t chunk;

	if (!is_vmalloc_addr(buf)) {
		if (sg_alloc_table(sgt, 1, GFP_KERNEL_ACCOUNT))
			return -ENOMEM;
		sg_set_buf(sgt->sgl, buf, len);
		return 0;
	}
	n = DIV_ROUND_UP(offset_in_page(buf) + len, PAGE_SIZE);
	if (sg_alloc_table(sgt, n, GFP_KERNEL_ACCOUNT))
		return -ENOMEM;
	for_each_sg(sgt->sgl, sg, n, i) {
		chunk = min_t(size_t, len, PAGE_SIZE - offset_in_page(buf));
		sg_set_page(sg, vmalloc_to_page(buf), chunk,
			    offset_in_page(buf));
		buf += chunk;
		len -= chunk;
	}
	return 0;
}

static bool crypt_args_valid(const struct keyseal_crypt *req, bool encrypt)
{
	if (keyseal_ioc_unused_set(req->flags, req->__pad, req->reserved,
				   sizeof(req->reserved)) || req->__pad2)
		return false;
	if (req->aad_len > KEYSEAL_CRYPT_MAX)
		return false;
	if (encrypt)
		return req->in_len <= KEYSEAL_CRYPT_MAX;
	return req->in_len >= KEYSEAL_TAG_SIZE &&
	       req->in_len <= KEYSEAL_CRYPT_MAX + KEYSEAL_TAG_SIZE;
}

/*
 * The key's transform, with the key's semaphore held for reading so the
 * payload stays; release with up_read(&key->sem) when done. An encryption
 * draws on the key's budget of nonces.
 */
static struct crypto_aead *aead_key_lock(struct key *key, bool encrypt)
{
	struct crypto_aead *tfm;
	struct sealed_key *sk;
	int ret;

	down_read(&key->sem);
	ret = key_validate(key);
	if (ret)
		goto fail;
	sk = dereference_key_locked(key);
	if (!sk) {
		ret = -EKEYREVOKED;
		goto fail;
	}
	ret = keyseal_policy_use(&sk->attrs, KEYSEAL_USAGE_AEAD);
	if (ret)
		goto fail;
	if (encrypt &&
	    atomic64_inc_return(&sk->encryptions) > aead_max_messages) {
		ret = -EKEYEXPIRED;
		goto fail;
	}
	tfm = sealed_key_aead(key, sk);
	if (IS_ERR(tfm))
		up_read(&key->sem);
	return tfm;

fail:
	up_read(&key->sem);
	return ERR_PTR(ret);
}

static int aead_key_crypt(struct key *key, struct scatterlist *src,
			  struct scatterlist *dst,
			  const struct keyseal_crypt *req, bool encrypt)
{
	u8 iv[KEYSEAL_NONCE_SIZE];
	struct aead_request *areq;
	struct crypto_aead *tfm;
	int ret;

	tfm = aead_key_lock(key, encrypt);
	if (IS_ERR(tfm))
		return PTR_ERR(tfm);
	areq = aead_request_alloc(tfm, GFP_KERNEL_ACCOUNT);
	if (!areq) {
		ret = -ENOMEM;
		goto out;
	}
	memcpy(iv, req->nonce, sizeof(iv));
	aead_request_set_crypt(areq, src, dst, req->in_len, iv);
	aead_request_set_ad(areq, req->aad_len);
	ret = keyseal_aead_run(areq, encrypt);
	aead_request_free(areq);
out:
	up_read(&key->sem);
	return ret;
}

/*
 * Through a kernel buffer: the input is copied in, processed in place and
 * copied out. Decryption always takes this way, so that plaintext reaches
 * userspace only once the tag has been checked.
 */
static int crypt_bounced(struct key *key, struct keyseal_crypt *req,
			 bool encrypt, size_t out_len)
{
	size_t buf_len = req->aad_len + req->in_len +
			 (encrypt ? KEYSEAL_TAG_SIZE : 0);
	struct sg_table sgt;
	u8 *buf;
	int ret;

	buf = kvmalloc(buf_len ?: 1, GFP_KERNEL_ACCOUNT);
	if (!buf)
		return -ENOMEM;
	if (copy_from_user(buf, u64_to_user_ptr(req->aad), req->aad_len) ||
	    copy_from_user(buf + req->aad_len, u64_to_user_ptr(req->in),
			   req->in_len)) {
		ret = -EFAULT;
		goto out;
	}
	ret = sg_from_buffer(&sgt, buf, buf_len ?: 1);
	if (ret)
		goto out;
	ret = aead_key_crypt(key, sgt.sgl, sgt.sgl, req, encrypt);
	sg_free_table(&sgt);
	if (!ret && copy_to_user(u64_to_user_ptr(req->out),
				 buf + req->aad_len, out_len))
		ret = -EFAULT;
out:
	/* Only a successful encryption leaves no plaintext behind. */
	if (encrypt && !ret)
		kvfree(buf);
	else
		kvfree_sensitive(buf, buf_len ?: 1);
	return ret;
}

/* User memory pinned for the length of an operation. */
struct pinned {
	struct page **pages;
	unsigned int n;
	unsigned int offset;
	size_t len;
	bool write;
};

static int pin_user(struct pinned *p, u64 uaddr, size_t len, bool write)
{
	int got;

	p->offset = offset_in_page(uaddr);
	p->len = len;
	p->write = write;
	p->n = DIV_ROUND_UP(p->offset + len, PAGE_SIZE);
	p->pages = kvmalloc_array(p->n, sizeof(*p->pages), GFP_KERNEL_ACCOUNT);
	if (!p->pages)
		return -ENOMEM;
	got = pin_user_pages_fast(uaddr & PAGE_MASK, p->n,
				  write ? FOLL_WRITE : 0, p->pages);
	if (got == p->n)
		return 0;
	if (got > 0)
		unpin_user_pages(p->pages, got);
	kvfree(p->pages);
	p->n = 0;
	return got < 0 ? got : -EFAULT;
}

static void unpin_user(struct pinned *p)
{
	if (!p->n)
		return;
	unpin_user_pages_dirty_lock(p->pages, p->n, p->write);
	kvfree(p->pages);
	p->n = 0;
}

/* A scatterlist: the associated data (if any), then pinned user pages. */
static int sg_from_pinned(struct sg_table *sgt, u8 *aad, size_t aad_len,
			  const struct pinned *p)
{
	struct scatterlist *sg;
	unsigned int i, off = p->offset;
	size_t chunk, len = p->len;

	if (sg_alloc_table(sgt, p->n + !!aad_len, GFP_KERNEL_ACCOUNT))
		return -ENOMEM;
	sg = sgt->sgl;
	if (aad_len) {
		sg_set_buf(sg, aad, aad_len);
		sg = sg_next(sg);
	}
	for (i = 0; i < p->n; i++) {
		chunk = min_t(size_t, len, PAGE_SIZE - off);
		sg_set_page(sg, p->pages[i], chunk, off);
		len -= chunk;
		off = 0;
		sg = sg_next(sg);
	}
	return 0;
}

/*
 * Encryption straight from the user's pages to the user's pages, as
 * AF_ALG does: no copy, nothing secret left in kernel memory. Should the
 * caller change its input meanwhile, it only garbles its own ciphertext.
 */
static int encrypt_pinned(struct key *key, struct keyseal_crypt *req)
{
	struct pinned in = { }, out = { };
	struct sg_table src, dst;
	u8 *aad;
	int ret;

	aad = NULL;
	if (req->aad_len) {
		aad = kvmalloc(req->aad_len, GFP_KERNEL_ACCOUNT);
		if (!aad)
			return -ENOMEM;
		if (copy_from_user(aad, u64_to_user_ptr(req->aad),
				   req->aad_len)) {
			kvfree(aad);
			return -EFAULT;
		}
	}
	ret = pin_user(&in, req->in, req->in_len, false);
	if (ret)
		goto out;
	ret = pin_user(&out, req->out, req->in_len + KEYSEAL_TAG_SIZE, true);
	if (ret)
		goto out;

	ret = sg_from_pinned(&src, aad, req->aad_len, &in);
	if (ret)
		goto out;
	ret = sg_from_pinned(&dst, aad, req->aad_len, &out);
	if (ret)
		goto out_src;
	ret = aead_key_crypt(key, src.sgl, dst.sgl, req, true);
	sg_free_table(&dst);
out_src:
	sg_free_table(&src);
out:
	unpin_user(&out);
	unpin_user(&in);
	kvfree(aad);
	return ret;
}

/* Below a page, copying costs less than pinning. */
#define ZERO_COPY_MIN	PAGE_SIZE

static long keyseal_ioc_crypt(void __user *argp, bool encrypt)
{
	struct keyseal_crypt req;
	size_t out_len;
	struct key *key;
	bool large;
	int ret;

	if (copy_from_user(&req, argp, sizeof(req)))
		return -EFAULT;
	if (!crypt_args_valid(&req, encrypt))
		return -EINVAL;

	out_len = encrypt ? req.in_len + KEYSEAL_TAG_SIZE :
			    req.in_len - KEYSEAL_TAG_SIZE;
	if (req.out_len < out_len) {
		req.out_len = out_len;
		return copy_to_user(argp, &req, sizeof(req)) ? -EFAULT : -ERANGE;
	}

	/* Using a key, like searching for it, needs search permission. */
	key = keyseal_sealed_key_lookup(req.serial, KEY_NEED_SEARCH);
	if (IS_ERR(key))
		return PTR_ERR(key);

	large = req.aad_len + req.in_len > PAGE_SIZE;
	if (large && down_interruptible(&large_ops)) {
		ret = -ERESTARTSYS;
		goto out;
	}
	if (encrypt)
		get_random_bytes(req.nonce, sizeof(req.nonce));
	if (encrypt && req.in_len >= ZERO_COPY_MIN)
		ret = encrypt_pinned(key, &req);
	else
		ret = crypt_bounced(key, &req, encrypt, out_len);
	if (large)
		up(&large_ops);
out:
	key_put(key);
	if (ret)
		return ret;

	req.out_len = out_len;
	return copy_to_user(argp, &req, sizeof(req)) ? -EFAULT : 0;
}

long keyseal_ioc_encrypt(void __user *argp)
{
	return keyseal_ioc_crypt(argp, true);
}

long keyseal_ioc_decrypt(void __user *argp)
{
	return keyseal_ioc_crypt(argp, false);
}
