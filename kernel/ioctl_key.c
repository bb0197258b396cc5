// SPDX-License-Identifier: GPL-2.0
/*
 * INFO and EXPORT: what a sealed key is, and the key itself wrapped for a
 * chosen target.
 */

#include <crypto/algapi.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#include "ioctl.h"
#include "kek.h"
#include "policy.h"
#include "wrap.h"

long keyseal_ioc_info(void __user *argp)
{
	struct keyseal_snapshot snap;
	struct keyseal_info info;
	int ret;

	if (copy_from_user(&info, argp, sizeof(info)))
		return -EFAULT;
	if (info.flags || info.__pad ||
	    memchr_inv(info.reserved, 0, sizeof(info.reserved)))
		return -EINVAL;

	ret = keyseal_snapshot_take(info.serial, KEY_NEED_VIEW, false, &snap);
	if (ret)
		goto out;

	info.usage = snap.attrs.usage;
	info.key_alg = snap.attrs.key_alg;
	info.key_flags = snap.attrs.key_flags;
	info.provenance = snap.attrs.provenance;
	info.key_len = snap.attrs.key_len;
	memcpy(info.key_id, snap.attrs.key_id, sizeof(info.key_id));
	info.created = snap.attrs.created;
	info.not_after = snap.attrs.not_after;
	memcpy(info.parent_fingerprint, snap.parent_fp,
	       sizeof(info.parent_fingerprint));
	memcpy(info.parent, snap.parent, sizeof(info.parent));
	memset(info.public_fingerprint, 0, sizeof(info.public_fingerprint));
	if (copy_to_user(argp, &info, sizeof(info)))
		ret = -EFAULT;
out:
	keyseal_snapshot_release(&snap);
	return ret;
}

/* Fields that belong to other targets must be zero. */
static int export_args_valid(const struct keyseal_export *req)
{
	bool to_kek = req->target == KEYSEAL_TARGET_KEK;
	bool to_recipient = req->target == KEYSEAL_TARGET_RECIPIENT;

	if (req->flags || req->__pad ||
	    memchr_inv(req->reserved, 0, sizeof(req->reserved)))
		return 0;
	if (req->target < KEYSEAL_TARGET_PARENT ||
	    req->target > KEYSEAL_TARGET_RECIPIENT)
		return 0;
	if (!to_kek && req->kek)
		return 0;
	if (!to_recipient && (req->sender || req->recipient ||
			      req->recipient_len || req->recipient_kem))
		return 0;
	return 1;
}

/* The key sealed under another KEK the caller names. */
static int export_to_kek(const struct keyseal_snapshot *snap,
			 key_serial_t kek_serial, u8 **blob, size_t *blob_len)
{
	struct keyseal_crypto *c;
	struct keyseal_kek kek;
	unsigned int target;
	int ret;

	c = keyseal_crypto_get();
	if (IS_ERR(c))
		return PTR_ERR(c);
	ret = keyseal_kek_from_serial(c, kek_serial, &kek);
	if (!ret && kek.key == snap->key)
		ret = -EKEYREJECTED;
	if (!ret) {
		/* The parent under another name is still the parent. */
		target = crypto_memneq(kek.fingerprint, snap->parent_fp,
				       sizeof(kek.fingerprint)) ?
			 KEYSEAL_TARGET_KEK : KEYSEAL_TARGET_PARENT;
		ret = keyseal_policy_export(&snap->attrs, target);
	}
	if (!ret)
		ret = keyseal_wrap_kek(c, &snap->attrs, snap->material, &kek,
				       blob, blob_len);
	keyseal_kek_release(&kek);
	keyseal_crypto_put(c);
	return ret;
}

long keyseal_ioc_export(void __user *argp)
{
	struct keyseal_snapshot snap;
	struct keyseal_export req;
	size_t blob_len = 0;
	u8 *blob = NULL;
	int ret;

	if (copy_from_user(&req, argp, sizeof(req)))
		return -EFAULT;
	if (!export_args_valid(&req))
		return -EINVAL;

	/* Exporting a key is reading it, as keyctl read is. */
	ret = keyseal_snapshot_take(req.serial, KEY_NEED_READ, true, &snap);
	if (ret)
		goto out;

	switch (req.target) {
	case KEYSEAL_TARGET_PARENT:
		ret = keyseal_policy_export(&snap.attrs, KEYSEAL_TARGET_PARENT);
		if (!ret) {
			blob = snap.blob;
			blob_len = snap.blob_len;
			snap.blob = NULL;
		}
		break;
	case KEYSEAL_TARGET_KEK:
		ret = export_to_kek(&snap, req.kek, &blob, &blob_len);
		break;
	case KEYSEAL_TARGET_PLAINTEXT:
		ret = keyseal_policy_export(&snap.attrs,
					    KEYSEAL_TARGET_PLAINTEXT);
		if (!ret)
			ret = keyseal_wrap_plaintext(&snap.attrs, snap.material,
						     &blob, &blob_len);
		break;
	default:
		/* Recipient blobs arrive with the exchange support. */
		ret = -EOPNOTSUPP;
		break;
	}
	if (ret)
		goto out;

	ret = keyseal_copy_blob_out(req.blob, &req.blob_len, blob, blob_len);
	if (ret == 0 || ret == -ERANGE) {
		if (copy_to_user(argp, &req, sizeof(req)))
			ret = -EFAULT;
	}
out:
	kfree_sensitive(blob);
	keyseal_snapshot_release(&snap);
	return ret;
}
