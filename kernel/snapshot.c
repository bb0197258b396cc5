// SPDX-License-Identifier: GPL-2.0
/*
 * Keys named by serial in ioctls, and consistent copies of them.
 *
 * A copy is taken under RCU so no key semaphore is held while the ioctl
 * goes on to look up other keys or to copy to and from userspace.
 */

#include <linux/err.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#include "blob.h"
#include "snapshot.h"

/**
 * keyseal_sealed_key_lookup() - a sealed key the caller names by serial
 * @serial: the serial
 * @perm: the permission the operation needs on it
 *
 * Return: the key, referenced, or an ERR_PTR: errors of lookup_user_key()
 * (-ENOKEY, -EACCES, -EKEYREVOKED ...), or -EKEYREJECTED if the key is not
 * a sealed key.
 */
struct key *keyseal_sealed_key_lookup(key_serial_t serial,
				      enum key_need_perm perm)
{
	key_ref_t key_ref;
	struct key *key;

	key_ref = lookup_user_key(serial, 0, perm);
	if (IS_ERR(key_ref))
		return ERR_CAST(key_ref);
	key = key_ref_to_ptr(key_ref);
	if (key->type != &key_type_sealed) {
		key_put(key);
		return ERR_PTR(-EKEYREJECTED);
	}
	return key;
}

/**
 * keyseal_snapshot_take() - copy a sealed key the caller names
 * @serial: the key
 * @perm: the permission the operation needs on it
 * @with_material: whether to copy the secret too
 * @snap: filled in; release with keyseal_snapshot_release() whatever the
 *	result
 *
 * Return: 0, an error of keyseal_sealed_key_lookup(), -EKEYREVOKED,
 * -ENOMEM.
 */
int keyseal_snapshot_take(key_serial_t serial, enum key_need_perm perm,
			  bool with_material, struct keyseal_snapshot *snap)
{
	const struct sealed_key *sk;
	struct keyseal_blob stored;
	int ret = 0;

	memset(snap, 0, sizeof(*snap));
	snap->key = keyseal_sealed_key_lookup(serial, perm);
	if (IS_ERR(snap->key)) {
		ret = PTR_ERR(snap->key);
		snap->key = NULL;
		return ret;
	}

	snap->blob = kmalloc(KEYSEAL_BLOB_MAX_SIZE, GFP_KERNEL);
	if (with_material)
		snap->material = kmalloc(KEYSEAL_SECRET_MAX, GFP_KERNEL);
	if (!snap->blob || (with_material && !snap->material))
		return -ENOMEM;

	rcu_read_lock();
	sk = dereference_key_rcu(snap->key);
	if (sk) {
		snap->attrs = sk->attrs;
		memcpy(snap->public_key, sk->public_key,
		       sizeof(snap->public_key));
		snap->public_len = sk->public_len;
		if (with_material)
			memcpy(snap->material, sk->material, sk->attrs.key_len);
		snap->blob_len = sk->blob_len;
		memcpy(snap->blob, sk->blob, sk->blob_len);
	}
	rcu_read_unlock();
	if (!sk)
		return -EKEYREVOKED;

	/* The stored blob names the parent. */
	ret = keyseal_blob_parse(snap->blob, snap->blob_len, &stored);
	if (ret)
		return ret;
	memcpy(snap->parent, stored.parent, stored.parent_len);
	snap->parent[stored.parent_len] = '\0';
	memcpy(snap->parent_fp, stored.parent_fp, sizeof(snap->parent_fp));
	return 0;
}

/**
 * keyseal_snapshot_release() - drop a copy, wiping its secret
 * @snap: the copy
 */
void keyseal_snapshot_release(struct keyseal_snapshot *snap)
{
	kfree_sensitive(snap->material);
	kfree(snap->blob);
	if (snap->key)
		key_put(snap->key);
	memset(snap, 0, sizeof(*snap));
}

/**
 * keyseal_copy_blob_out() - give a blob to userspace
 * @ubuf: the user's buffer
 * @ulen: in: its size; out: the blob's size
 * @blob: the blob
 * @len: its size
 *
 * Return: 0, -ERANGE if the buffer is too small (@ulen then says how much
 * is needed), -EFAULT.
 */
int keyseal_copy_blob_out(u64 ubuf, u32 *ulen, const u8 *blob, size_t len)
{
	u32 size = *ulen;

	*ulen = len;
	if (size < len)
		return -ERANGE;
	if (copy_to_user(u64_to_user_ptr(ubuf), blob, len))
		return -EFAULT;
	return 0;
}

/**
 * keyseal_reply_new_key() - write back the request that made a key
 * @argp: the request in userspace
 * @req: the request, its out fields filled in
 * @size: its size
 * @keyring: the keyring the key was linked into
 * @key: the key
 *
 * The request was writable a moment ago (keyseal_ioctl() probes it); if it
 * no longer is, the caller cannot learn of the key, and none is left
 * behind: it is unlinked and invalidated.
 *
 * Return: 0 or -EFAULT.
 */
int keyseal_reply_new_key(void __user *argp, const void *req, size_t size,
			  key_ref_t keyring, key_ref_t key)
{
	if (!copy_to_user(argp, req, size))
		return 0;
	key_unlink(key_ref_to_ptr(keyring), key_ref_to_ptr(key));
	key_invalidate(key_ref_to_ptr(key));
	return -EFAULT;
}
