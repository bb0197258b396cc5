// SPDX-License-Identifier: GPL-2.0
/*
 * ENCRYPT and DECRYPT: AES-GCM with an aead key whose material never
 * leaves the kernel. The kernel picks a random 96-bit nonce for every
 * encryption and returns it.
 *
 * The key's semaphore is held for reading during the operation, so the
 * payload cannot be replaced or revoked under it; no other key is touched.
 */

#include <crypto/aead.h>
#include <linux/err.h>
#include <linux/mm.h>
#include <linux/random.h>
#include <linux/scatterlist.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <linux/vmalloc.h>

#include "crypto.h"
#include "ioctl.h"
#include "policy.h"

/* The key's transform, keyed once on first use and kept with the payload. */
static struct crypto_aead *sealed_key_aead(struct sealed_key *sk)
{
	/* Pairs with cmpxchg_release(): a seen transform is fully keyed. */
	struct crypto_aead *tfm = smp_load_acquire(&sk->aead);
	int ret;

	if (tfm)
		return tfm;
	tfm = crypto_alloc_aead("gcm(aes)", 0, 0);
	if (IS_ERR(tfm))
		return PTR_ERR(tfm) == -ENOENT ? ERR_PTR(-EOPNOTSUPP) : tfm;
	ret = crypto_aead_setauthsize(tfm, KEYSEAL_TAG_SIZE);
	if (!ret)
		ret = crypto_aead_setkey(tfm, sk->material, sk->attrs.key_len);
	if (ret) {
		crypto_free_aead(tfm);
		return ERR_PTR(ret);
	}
	/* Another caller may have raced us here; keep the first. */
	if (cmpxchg_release(&sk->aead, NULL, tfm)) {
		crypto_free_aead(tfm);
		/* Pairs with the winner's cmpxchg_release(). */
		tfm = smp_load_acquire(&sk->aead);
	}
	return tfm;
}

/* A scatterlist over a kvmalloc'ed buffer, which may be vmalloc memory. */
static int sg_from_buffer(struct sg_table *sgt, u8 *buf, size_t len)
{
	struct scatterlist *sg;
	unsigned int i, n;
	size_t chunk;

	if (!is_vmalloc_addr(buf)) {
		if (sg_alloc_table(sgt, 1, GFP_KERNEL))
			return -ENOMEM;
		sg_set_buf(sgt->sgl, buf, len);
		return 0;
	}
	n = DIV_ROUND_UP(offset_in_page(buf) + len, PAGE_SIZE);
	if (sg_alloc_table(sgt, n, GFP_KERNEL))
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

static int crypt_args_valid(const struct keyseal_crypt *req, bool encrypt)
{
	if (req->flags || req->__pad || req->__pad2 ||
	    memchr_inv(req->reserved, 0, sizeof(req->reserved)))
		return 0;
	if (req->aad_len > KEYSEAL_CRYPT_MAX)
		return 0;
	if (encrypt)
		return req->in_len <= KEYSEAL_CRYPT_MAX;
	return req->in_len >= KEYSEAL_TAG_SIZE &&
	       req->in_len <= KEYSEAL_CRYPT_MAX + KEYSEAL_TAG_SIZE;
}

/* The AEAD operation on aad | text (| tag) in @buf, in place. */
static int crypt_buffer(struct crypto_aead *tfm, u8 *buf, size_t buf_len,
			const struct keyseal_crypt *req, u8 *iv, bool encrypt)
{
	struct aead_request *areq;
	struct sg_table sgt;
	int ret;

	ret = sg_from_buffer(&sgt, buf, buf_len);
	if (ret)
		return ret;
	areq = aead_request_alloc(tfm, GFP_KERNEL);
	if (!areq) {
		sg_free_table(&sgt);
		return -ENOMEM;
	}
	aead_request_set_crypt(areq, sgt.sgl, sgt.sgl, req->in_len, iv);
	aead_request_set_ad(areq, req->aad_len);
	ret = keyseal_aead_run(areq, encrypt);
	aead_request_free(areq);
	sg_free_table(&sgt);
	return ret;
}

long keyseal_ioc_crypt(void __user *argp, bool encrypt)
{
	u8 iv[KEYSEAL_NONCE_SIZE];
	struct crypto_aead *tfm;
	struct keyseal_crypt req;
	struct sealed_key *sk;
	size_t buf_len, out_len;
	struct key *key;
	u8 *buf = NULL;
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

	buf_len = req.aad_len + req.in_len + (encrypt ? KEYSEAL_TAG_SIZE : 0);
	buf = kvmalloc(buf_len ?: 1, GFP_KERNEL);
	if (!buf) {
		ret = -ENOMEM;
		goto out_key;
	}
	if (copy_from_user(buf, u64_to_user_ptr(req.aad), req.aad_len) ||
	    copy_from_user(buf + req.aad_len, u64_to_user_ptr(req.in),
			   req.in_len)) {
		ret = -EFAULT;
		goto out_buf;
	}

	down_read(&key->sem);
	ret = key_validate(key);
	sk = dereference_key_locked(key);
	if (!ret && !sk)
		ret = -EKEYREVOKED;
	if (!ret)
		ret = keyseal_policy_use(&sk->attrs, KEYSEAL_USAGE_AEAD);
	if (!ret) {
		tfm = sealed_key_aead(sk);
		ret = PTR_ERR_OR_ZERO(tfm);
	}
	if (!ret) {
		if (encrypt)
			get_random_bytes(req.nonce, sizeof(req.nonce));
		memcpy(iv, req.nonce, sizeof(iv));
		ret = crypt_buffer(tfm, buf, buf_len, &req, iv, encrypt);
	}
	up_read(&key->sem);
	if (ret)
		goto out_buf;

	req.out_len = out_len;
	if (copy_to_user(u64_to_user_ptr(req.out), buf + req.aad_len, out_len) ||
	    copy_to_user(argp, &req, sizeof(req)))
		ret = -EFAULT;
out_buf:
	kvfree_sensitive(buf, buf_len ?: 1);
out_key:
	key_put(key);
	return ret;
}
