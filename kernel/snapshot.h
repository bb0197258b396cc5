/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Keys named by serial in ioctls, and consistent copies of them taken with
 * the caller's credentials; blob output to userspace.
 */
#ifndef _KEYSEAL_SNAPSHOT_H
#define _KEYSEAL_SNAPSHOT_H

#include <linux/key.h>
#include <linux/types.h>

#include "keyseal.h"

/**
 * struct keyseal_snapshot - a copy of a sealed key, taken under RCU
 * @key: the key, referenced
 * @attrs: what it is
 * @parent: its parent, NUL-terminated
 * @parent_fp: the parent's fingerprint
 * @public_key: exchange keys: the public key
 * @public_len: its length
 * @material: the secret (kmalloc'ed, wiped on release), if asked for
 * @blob: the stored blob under the parent, binary (kmalloc'ed)
 * @blob_len: its length
 */
struct keyseal_snapshot {
	struct key *key;
	struct keyseal_attrs attrs;
	char parent[KEYSEAL_PARENT_MAX + 1];
	u8 parent_fp[KEYSEAL_FINGERPRINT_SIZE];
	u8 public_key[KEYSEAL_P256_PUBLIC_SIZE];
	u16 public_len;
	u8 *material;
	u8 *blob;
	size_t blob_len;
};

int keyseal_snapshot_take(key_serial_t serial, enum key_need_perm perm,
			  bool with_material, struct keyseal_snapshot *snap);
void keyseal_snapshot_release(struct keyseal_snapshot *snap);
struct key *keyseal_sealed_key_lookup(key_serial_t serial,
				      enum key_need_perm perm);
int keyseal_copy_blob_out(u64 ubuf, u32 *ulen, const u8 *blob, size_t len);
int keyseal_reply_new_key(void __user *argp, const void *req, size_t size,
			  key_ref_t keyring, key_ref_t key);

#endif /* _KEYSEAL_SNAPSHOT_H */
