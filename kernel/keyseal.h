/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Declarations shared by the parts of keyseal.ko: the payload of a sealed
 * key and the entry points of each part.
 */
#ifndef _KEYSEAL_H
#define _KEYSEAL_H

#include <linux/atomic.h>
#include <linux/key-type.h>
#include <linux/types.h>
#include <linux/workqueue.h>

#include <uapi/linux/keyseal.h>

struct crypto_aead;

/**
 * struct keyseal_attrs - what a key is, as every blob of it says
 * @usage: KEYSEAL_USAGE_*
 * @key_alg: KEYSEAL_ALG_*
 * @key_flags: KEYSEAL_FLAG_*
 * @provenance: KEYSEAL_ORIGIN_* | KEYSEAL_PROV_*
 * @key_len: bytes of key material
 * @key_id: the key's identity, the same wherever it is loaded
 * @created: creation time, seconds since the epoch
 * @not_after: expiry, seconds since the epoch, 0 for none
 */
struct keyseal_attrs {
	u8 usage;
	u8 key_alg;
	u8 key_flags;
	u8 provenance;
	u16 key_len;
	u8 key_id[KEYSEAL_KEY_ID_SIZE];
	u64 created;
	u64 not_after;
};

/**
 * struct sealed_key - the payload of a "sealed" key
 * @free_work: to free it in process context after readers under RCU are
 *	done (freeing @aead may sleep)
 * @attrs: what the key is
 * @blob: the key's blob under its parent (binary; "keyctl read" armors it),
 *	which also names the parent and its fingerprint
 * @blob_len: its length
 * @public_key: exchange keys: the public key
 * @public_len: its length, 0 for other usages
 * @public_fp: exchange keys: SHA-256 of the public key's SubjectPublicKeyInfo
 * @kek_fp: KEKs: the KEK's fingerprint
 * @aead: aead keys: a transform keyed with @material, made on first use
 * @encryptions: aead keys: how many nonces ENCRYPT has drawn with this key
 *	since it was loaded; only changed with the key's semaphore held
 * @material: the secret, @attrs.key_len bytes
 *
 * A payload never changes once the key holds it: an update builds a new one
 * and the old one is freed after an RCU grace period.
 */
struct sealed_key {
	struct rcu_work free_work;
	struct keyseal_attrs attrs;
	u8 *blob;
	size_t blob_len;
	u8 public_key[KEYSEAL_P256_PUBLIC_SIZE];
	u16 public_len;
	u8 public_fp[KEYSEAL_FINGERPRINT_SIZE];
	u8 kek_fp[KEYSEAL_FINGERPRINT_SIZE];
	struct crypto_aead *aead;
	atomic64_t encryptions;
	u8 material[];
};

extern struct key_type key_type_sealed;
extern char *keyseal_default_parent;

int keyseal_device_init(void);
void keyseal_device_exit(void);

#endif /* _KEYSEAL_H */
