// SPDX-License-Identifier: GPL-2.0
/*
 * Payloads of sealed keys: making them, storing them under their parent,
 * freeing them with every secret wiped.
 */

#include <crypto/aead.h>
#include <linux/random.h>
#include <linux/slab.h>
#include <linux/timekeeping.h>

#include "exchange.h"
#include "sealed_key.h"
#include "usage.h"
#include "wrap.h"

/* A payload for a key of @attrs, its material not yet set. */
struct sealed_key *sealed_key_alloc(const struct keyseal_attrs *attrs)
{
	struct sealed_key *sk;

	sk = kzalloc(struct_size(sk, material, attrs->key_len), GFP_KERNEL);
	if (sk)
		sk->attrs = *attrs;
	return sk;
}

/* Free a payload no one can see any more, wiping its secrets. */
void sealed_key_free(struct sealed_key *sk)
{
	if (!sk)
		return;
	if (sk->aead)
		crypto_free_aead(sk->aead);
	kfree(sk->blob);
	kfree_sensitive(sk);
}

/*
 * Payloads waiting for their RCU readers, then freed in process context.
 * Where the work runs does not matter, so the queue is unbound: a flag
 * every kernel has, and newer ones (7.3 does) warn about a queue that
 * names neither WQ_UNBOUND nor their new WQ_PERCPU.
 */
static struct workqueue_struct *sealed_key_wq;

static void sealed_key_free_work(struct work_struct *work)
{
	sealed_key_free(container_of(to_rcu_work(work), struct sealed_key,
				     free_work));
}

/**
 * sealed_key_free_deferred() - free a payload once RCU readers are done
 * @sk: the payload, or NULL
 *
 * Not from the RCU callback itself: that runs in softirq context, and
 * freeing a transform may sleep.
 */
void sealed_key_free_deferred(struct sealed_key *sk)
{
	if (!sk)
		return;
	INIT_RCU_WORK(&sk->free_work, sealed_key_free_work);
	queue_rcu_work(sealed_key_wq, &sk->free_work);
}

int sealed_key_init(void)
{
	sealed_key_wq = alloc_workqueue("keyseal", WQ_UNBOUND, 0);
	return sealed_key_wq ? 0 : -ENOMEM;
}

/* At unload, after the key type: the RCU callbacks queue the last work. */
void sealed_key_exit(void)
{
	rcu_barrier();
	destroy_workqueue(sealed_key_wq);
}

/*
 * Bytes a payload charges to its owner's key quota; an aead key's
 * transform is charged when its first use makes it (ioctl_crypt.c).
 */
size_t sealed_key_quota(const struct sealed_key *sk)
{
	return struct_size(sk, material, sk->attrs.key_len) + sk->blob_len;
}

/* The attributes of a key born in this kernel now, with a fresh key id. */
void sealed_key_new_attrs(struct keyseal_attrs *attrs, u8 usage, u16 key_len,
			  u8 key_flags, u8 origin, u64 not_after)
{
	attrs->usage = usage;
	attrs->key_alg = keyseal_usage_alg(usage);
	attrs->key_flags = key_flags;
	attrs->provenance = keyseal_policy_provenance(origin, key_flags);
	attrs->key_len = key_len;
	get_random_bytes(attrs->key_id, sizeof(attrs->key_id));
	attrs->created = ktime_get_real_seconds();
	attrs->not_after = not_after;
}

/**
 * sealed_key_derive() - compute what follows from a key's material
 * @sk: the payload, material set
 *
 * Blobs carry only the secret: an exchange key's public key and its
 * fingerprint, and a KEK's fingerprint, are computed again wherever the
 * key is loaded. Other usages have nothing to derive.
 *
 * Return: 0; -EINVAL for a scalar that is not a valid private key of its
 * KEM; -EOPNOTSUPP; -ENOMEM.
 */
int sealed_key_derive(struct sealed_key *sk)
{
	u16 kem = keyseal_usage_kem(sk->attrs.usage);
	int ret;

	if (sk->attrs.usage == KEYSEAL_USAGE_KEK)
		keyseal_kek_fingerprint_of(sk->material, sk->attrs.key_len,
					   sk->kek_fp);
	if (!kem)
		return 0;
	ret = keyseal_dh_public_of(kem, sk->material, sk->public_key);
	if (ret)
		return ret;
	sk->public_len = keyseal_usage_kem_public_size(kem);
	return keyseal_public_fingerprint(kem, sk->public_key, sk->public_len,
					  sk->public_fp);
}

/* Keep a copy of a blob of the key under its parent as its stored form. */
int sealed_key_set_blob(struct sealed_key *sk, const u8 *blob, size_t blob_len)
{
	u8 *copy;

	copy = kmemdup(blob, blob_len, GFP_KERNEL);
	if (!copy)
		return -ENOMEM;
	kfree(sk->blob);
	sk->blob = copy;
	sk->blob_len = blob_len;
	return 0;
}

/* The stored blob, parsed: its parent's name and fingerprint. */
int sealed_key_parent(const struct sealed_key *sk, struct keyseal_blob *stored)
{
	return keyseal_blob_parse(sk->blob, sk->blob_len, stored);
}

/**
 * sealed_key_store() - seal a key under a KEK, which becomes its parent
 * @c: transforms
 * @sk: the payload, material set; its provenance may lose its history
 *	bits (keyseal_kek_admit())
 * @kek: the new parent; a sealed parent must be a live kek
 *
 * Return: 0 or an error of keyseal_wrap_kek().
 */
int sealed_key_store(struct keyseal_crypto *c, struct sealed_key *sk,
		     struct keyseal_kek *kek)
{
	size_t blob_len;
	u8 *blob;
	int ret;

	ret = keyseal_wrap_kek(c, &sk->attrs, sk->material, kek, &blob,
			       &blob_len);
	if (ret)
		return ret;
	kfree(sk->blob);
	sk->blob = blob;
	sk->blob_len = blob_len;
	return 0;
}

/**
 * sealed_key_copy() - a new payload holding the same key
 * @sk: the payload to copy, not yet stored anywhere new; the caller holds
 *	the key's semaphore, so its count of encryptions stands still
 *
 * The copy has no stored form: the caller seals it under a parent.
 *
 * Return: the copy or NULL.
 */
struct sealed_key *sealed_key_copy(const struct sealed_key *sk)
{
	struct sealed_key *copy;

	copy = sealed_key_alloc(&sk->attrs);
	if (!copy)
		return NULL;
	memcpy(copy->material, sk->material, sk->attrs.key_len);
	memcpy(copy->public_key, sk->public_key, sizeof(copy->public_key));
	copy->public_len = sk->public_len;
	memcpy(copy->public_fp, sk->public_fp, sizeof(copy->public_fp));
	memcpy(copy->kek_fp, sk->kek_fp, sizeof(copy->kek_fp));
	atomic64_set(&copy->encryptions, atomic64_read(&sk->encryptions));
	return copy;
}
