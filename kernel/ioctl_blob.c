// SPDX-License-Identifier: GPL-2.0
/*
 * IMPORT and REWRAP: blobs in from userspace.
 *
 * IMPORT makes the key with key_create_or_update() from a "load" command,
 * so a key imported through the device passes exactly the checks of one
 * loaded with keyctl, and is accounted and linked the same way.
 */

#include <linux/err.h>
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#include "armor.h"
#include "audit.h"
#include "compat.h"
#include "ioctl.h"
#include "kek.h"
#include "policy.h"
#include "snapshot.h"
#include "wrap.h"

/* As add_key(2) allows. */
#define DESCRIPTION_MAX	4096

/* Room for "load", the armor, and the options an import may add. */
#define IMPORT_CMD_SIZE	(KEYSEAL_ARMOR_MAX_SIZE + 256)

static u8 *blob_from_user(u64 ubuf, u32 len)
{
	if (!len || len > KEYSEAL_BLOB_MAX_SIZE)
		return ERR_PTR(-EINVAL);
	return memdup_user(u64_to_user_ptr(ubuf), len);
}

/* The "load" command equivalent to an IMPORT request. */
static int import_command(const struct keyseal_import *req, const u8 *blob,
			  char *cmd)
{
	struct keyseal_blob parsed;
	u8 sender[KEYSEAL_P256_PUBLIC_SIZE];
	int len;

	if (keyseal_blob_parse(blob, req->blob_len, &parsed))
		return -EINVAL;

	len = sprintf(cmd, "load ");
	len += keyseal_armor_encode(blob, req->blob_len, cmd + len);
	if (parsed.scheme == KEYSEAL_SCHEME_KEK) {
		/* The KEK that opens the blob is the new key's parent. */
		if (req->parent)
			return -EINVAL;
		if (req->unwrap)
			len += sprintf(cmd + len, " parent=#%d", req->unwrap);
	} else {
		if (req->unwrap)
			len += sprintf(cmd + len, " recipient=#%d", req->unwrap);
		if (req->parent)
			len += sprintf(cmd + len, " parent=#%d", req->parent);
	}
	if (req->expected_sender) {
		if (!req->expected_sender_len ||
		    req->expected_sender_len > sizeof(sender))
			return -EINVAL;
		if (copy_from_user(sender,
				   u64_to_user_ptr(req->expected_sender),
				   req->expected_sender_len))
			return -EFAULT;
		/* Not %*phN, which stops at 64 bytes: a P-256 key has 65. */
		len += sprintf(cmd + len, " sender=");
		len = bin2hex(cmd + len, sender, req->expected_sender_len) - cmd;
		cmd[len] = '\0';
	} else if (req->expected_sender_len) {
		return -EINVAL;
	}
	return len;
}

long keyseal_ioc_import(void __user *argp)
{
	struct keyseal_import req;
	key_ref_t keyring, key;
	char *description = NULL, *cmd = NULL;
	u8 *blob = NULL;
	int ret, len;

	if (copy_from_user(&req, argp, sizeof(req)))
		return -EFAULT;
	if (keyseal_ioc_unused_set(req.flags, req.__pad, req.reserved,
				   sizeof(req.reserved)) || req.serial)
		return -EINVAL;
	if (req.unwrap < 0 || req.parent < 0)
		return -EINVAL;

	blob = blob_from_user(req.blob, req.blob_len);
	if (IS_ERR(blob))
		return PTR_ERR(blob);
	if (req.description) {
		description = strndup_user(u64_to_user_ptr(req.description),
					   DESCRIPTION_MAX);
		if (IS_ERR(description)) {
			ret = PTR_ERR(description);
			description = NULL;
			goto out;
		}
	}
	cmd = kmalloc(IMPORT_CMD_SIZE, GFP_KERNEL);
	if (!cmd) {
		ret = -ENOMEM;
		goto out;
	}
	len = import_command(&req, blob, cmd);
	if (len < 0) {
		ret = len;
		goto out;
	}

	keyring = lookup_user_key(req.keyring, KEY_LOOKUP_CREATE,
				  KEY_NEED_WRITE);
	if (IS_ERR(keyring)) {
		ret = PTR_ERR(keyring);
		goto out;
	}
	key = key_create_or_update(keyring, "sealed",
				   description && *description ? description : NULL,
				   cmd, len, KEY_PERM_UNDEF, KEY_ALLOC_IN_QUOTA);
	if (IS_ERR(key)) {
		ret = PTR_ERR(key);
		goto out_keyring;
	}
	req.serial = key_ref_to_ptr(key)->serial;
	ret = keyseal_reply_new_key(argp, &req, sizeof(req), keyring, key);
	key_ref_put(key);
out_keyring:
	key_ref_put(keyring);
out:
	/* A plaintext blob, and the command made of it, hold a key. */
	kfree_sensitive(cmd);
	kfree(description);
	kfree_sensitive(blob);
	return ret;
}

/*
 * Open a KEK blob and seal the same key under another KEK: its own parent
 * (the KEK that opened it, under whatever name) or, if the key is
 * exportable, any other. The KEK that opened it decides what of the
 * blob's provenance is believed, as a load would. Once the blob parses,
 * @at names what it holds and the KEKs, for the audit record.
 */
static int rewrap_blob(const struct keyseal_rewrap *req, const u8 *in,
		       struct keyseal_attrs *attrs_out,
		       struct keyseal_audit_target *at, u8 **out,
		       size_t *out_len)
{
	struct keyseal_kek_ref unwrap = { req->unwrap };
	struct keyseal_kek from = { }, to = { };
	struct keyseal_attrs attrs;
	struct keyseal_crypto *c;
	struct keyseal_blob blob;
	unsigned int target;
	u8 *material;
	int ret;

	if (keyseal_blob_parse(in, req->blob_in_len, &blob) ||
	    blob.scheme != KEYSEAL_SCHEME_KEK)
		return -EINVAL;
	attrs = blob.attrs;
	*attrs_out = attrs;
	at->kind = KEYSEAL_AUDIT_TO_KEK;
	if (!unwrap.serial) {
		unwrap.name = blob.parent;
		unwrap.name_len = blob.parent_len;
	}

	material = kmalloc(blob.attrs.key_len, GFP_KERNEL);
	if (!material)
		return -ENOMEM;
	c = keyseal_crypto_get();
	if (IS_ERR(c)) {
		ret = PTR_ERR(c);
		goto out_material;
	}

	ret = keyseal_kek_get(&unwrap, NULL, &from);
	if (ret)
		goto out;
	keyseal_audit_kek(&at->parent, &from);
	ret = keyseal_unwrap_kek(c, &blob, &from, material);
	if (ret)
		goto out;
	attrs.provenance = keyseal_policy_loaded_provenance(attrs.provenance,
							    from.vouches);
	*attrs_out = attrs;
	ret = keyseal_kek_from_serial(req->kek, &to);
	if (ret)
		goto out;
	keyseal_audit_kek(&at->kek, &to);
	target = keyseal_kek_is(&to, keyseal_kek_fingerprint(&from)) ?
		 KEYSEAL_TARGET_PARENT : KEYSEAL_TARGET_KEK;
	at->kind = target;
	ret = keyseal_policy_export(&attrs, target);
	if (ret)
		goto out;
	ret = keyseal_wrap_kek(c, &attrs, material, &to, out, out_len);
out:
	keyseal_kek_release(&to);
	keyseal_kek_release(&from);
	keyseal_crypto_put(c);
out_material:
	kfree_sensitive(material);
	return ret;
}

/*
 * A blob's key is not a key in a keyring: its record has no serial, and
 * the key id and usage the blob claims (authentic once it opened).
 */
long keyseal_ioc_rewrap(void __user *argp)
{
	struct keyseal_audit_target *at;
	struct keyseal_attrs attrs;
	struct keyseal_rewrap req;
	size_t out_len;
	u8 *in, *out = NULL;
	int ret;

	if (copy_from_user(&req, argp, sizeof(req)))
		return -EFAULT;
	if (keyseal_ioc_unused_set(req.flags, req.__pad, req.reserved,
				   sizeof(req.reserved)))
		return -EINVAL;
	if (req.unwrap < 0 || req.kek <= 0)
		return -EINVAL;

	at = keyseal_audit_target_new(0);
	if (!at)
		return -ENOMEM;
	in = blob_from_user(req.blob_in, req.blob_in_len);
	if (IS_ERR(in)) {
		kfree(at);
		return PTR_ERR(in);
	}
	ret = rewrap_blob(&req, in, &attrs, at, &out, &out_len);
	if (ret)
		goto out;
	ret = keyseal_copy_blob_out(req.blob_out, &req.blob_out_len, out,
				    out_len);
	if ((ret == 0 || ret == -ERANGE) && copy_to_user(argp, &req, sizeof(req)))
		ret = -EFAULT;
out:
	/* Nothing is known of a blob that does not parse. */
	if (at->kind)
		keyseal_audit(KEYSEAL_AUDIT_REWRAP, 0, &attrs, at, ret);
	kfree(at);
	kfree(out);
	/* it may be a plaintext blob, refused, but holding a key */
	kfree_sensitive(in);
	return ret;
}
