// SPDX-License-Identifier: GPL-2.0
/*
 * INFO, EXPORT and PUBKEY: what a sealed key is, the key itself wrapped for
 * a chosen target, and the public half of an exchange key.
 */

#include <linux/err.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#include "audit.h"
#include "compat.h"
#include "exchange.h"
#include "ioctl.h"
#include "kek.h"
#include "policy.h"
#include "recipient.h"
#include "rsa_export.h"
#include "snapshot.h"
#include "usage.h"
#include "wrap.h"

long keyseal_ioc_info(void __user *argp)
{
	struct keyseal_snapshot snap;
	struct keyseal_info info;
	int ret;

	if (copy_from_user(&info, argp, sizeof(info)))
		return -EFAULT;
	if (keyseal_ioc_unused_set(info.flags, info.__pad, info.reserved,
				   sizeof(info.reserved)))
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
	if (snap.public_len)
		ret = keyseal_public_fingerprint(keyseal_usage_kem(snap.attrs.usage),
						 snap.public_key,
						 snap.public_len,
						 info.public_fingerprint);
	if (!ret && copy_to_user(argp, &info, sizeof(info)))
		ret = -EFAULT;
out:
	keyseal_snapshot_release(&snap);
	return ret;
}

/* Fields that belong to other targets must be zero. */
static bool export_args_valid(const struct keyseal_export *req)
{
	bool to_kek = req->target == KEYSEAL_TARGET_KEK;
	bool to_recipient = req->target == KEYSEAL_TARGET_RECIPIENT;
	bool to_rsa = req->target == KEYSEAL_TARGET_RSA;

	if (keyseal_ioc_unused_set(req->flags, req->__pad, req->reserved,
				   sizeof(req->reserved)))
		return false;
	if (req->target < KEYSEAL_TARGET_PARENT ||
	    req->target > KEYSEAL_TARGET_RSA)
		return false;
	if (!to_kek && req->kek)
		return false;
	if (!to_recipient && req->sender)
		return false;
	if (!to_recipient && !to_rsa && (req->recipient || req->recipient_len ||
					 req->recipient_kem))
		return false;
	/* An RSA key is an SPKI, its form a KEYSEAL_RSA_* */
	if (to_rsa)
		return req->recipient && req->recipient_len &&
		       req->recipient_len <= KEYSEAL_RSA_SPKI_MAX &&
		       keyseal_rsa_format_hash(req->recipient_kem) > 0;
	/* A recipient is a public key of a known KEM, of the KEM's size. */
	if (to_recipient &&
	    (!req->recipient || req->sender < 0 ||
	     !keyseal_usage_kem_public_size(req->recipient_kem) ||
	     req->recipient_len !=
	     keyseal_usage_kem_public_size(req->recipient_kem)))
		return false;
	return true;
}

/*
 * The key sealed under another KEK the caller names: its own parent (by
 * fingerprint, under whatever name) or, if it is exportable, any other.
 */
static int export_to_kek(const struct keyseal_snapshot *snap,
			 key_serial_t kek_serial,
			 struct keyseal_audit_target *at, u8 **blob,
			 size_t *blob_len)
{
	struct keyseal_attrs attrs = snap->attrs;
	struct keyseal_crypto *c;
	struct keyseal_kek kek;
	unsigned int target;
	int ret;

	c = keyseal_crypto_get();
	if (IS_ERR(c))
		return PTR_ERR(c);
	ret = keyseal_kek_from_serial(kek_serial, &kek);
	if (ret)
		goto out;
	keyseal_audit_kek(&at->kek, &kek);
	/* Before policy, as for rewrap: no key can hold itself. */
	if (kek.key == snap->key) {
		ret = -EKEYREJECTED;
		goto out;
	}
	target = keyseal_kek_is(&kek, snap->parent_fp) ?
		 KEYSEAL_TARGET_PARENT : KEYSEAL_TARGET_KEK;
	at->kind = target;
	ret = keyseal_policy_export(&attrs, target);
	if (ret)
		goto out;
	ret = keyseal_wrap_kek(c, &attrs, snap->material, &kek, blob, blob_len);
out:
	keyseal_kek_release(&kek);
	keyseal_crypto_put(c);
	return ret;
}

/*
 * The key sealed to a recipient's public key with HPKE, in auth mode if
 * the caller names its own exchange key as the sender.
 */
static int export_to_recipient(const struct keyseal_snapshot *snap,
			       const struct keyseal_export *req,
			       struct keyseal_audit_target *at, u8 **blob,
			       size_t *blob_len)
{
	struct keyseal_kek_ref sender_ref = { .serial = req->sender };
	u8 recipient[KEYSEAL_DH_PUBLIC_MAX];
	u8 fp[KEYSEAL_FINGERPRINT_SIZE];
	struct keyseal_exchange sender = { };
	struct keyseal_crypto *c;
	bool copied;
	int ret;

	/* The recipient is read first so that a refusal names it too. */
	copied = !copy_from_user(recipient, u64_to_user_ptr(req->recipient),
				 req->recipient_len);
	if (copied && !keyseal_public_fingerprint(req->recipient_kem, recipient,
						  req->recipient_len, fp))
		keyseal_audit_pub(at, fp, sizeof(fp));
	ret = keyseal_policy_export(&snap->attrs, KEYSEAL_TARGET_RECIPIENT);
	if (ret)
		return ret;
	if (!copied)
		return -EFAULT;
	if (req->sender) {
		ret = keyseal_exchange_get(&sender_ref, req->recipient_kem,
					   NULL, &sender);
		if (ret)
			goto out;
	}

	c = keyseal_crypto_get();
	if (IS_ERR(c)) {
		ret = PTR_ERR(c);
		goto out;
	}
	ret = keyseal_wrap_recipient(c, &snap->attrs, snap->material,
				     req->recipient_kem, recipient,
				     req->recipient_len,
				     req->sender ? &sender : NULL, blob,
				     blob_len);
	keyseal_crypto_put(c);
out:
	keyseal_exchange_release(&sender);
	return ret;
}

/*
 * The key for an RSA wrapping key, in a form cloud key managers and HSMs
 * import (shared/rsa_export.c): only data keys and secrets, which are what
 * those take; the material leaves only inside the RSA and AES-KWP
 * encryption.
 */
static int export_to_rsa(const struct keyseal_snapshot *snap,
			 const struct keyseal_export *req,
			 struct keyseal_audit_target *at, u8 **out,
			 size_t *out_len)
{
	u8 fp[KEYSEAL_FINGERPRINT_SIZE];
	struct keyseal_rsa_public pub;
	size_t len;
	u8 *spki;
	int ret;

	/* The wrapping key is read first so that a refusal names it too. */
	spki = memdup_user(u64_to_user_ptr(req->recipient), req->recipient_len);
	if (IS_ERR(spki))
		return PTR_ERR(spki);
	sha256(spki, req->recipient_len, fp);
	keyseal_audit_pub(at, fp, sizeof(fp));

	ret = keyseal_policy_export(&snap->attrs, KEYSEAL_TARGET_RSA);
	if (ret)
		goto out;
	if (snap->attrs.usage != KEYSEAL_USAGE_AEAD &&
	    snap->attrs.usage != KEYSEAL_USAGE_SECRET) {
		ret = -EKEYREJECTED;
		goto out;
	}
	ret = keyseal_rsa_spki_parse(spki, req->recipient_len, &pub);
	if (ret)
		goto out;
	ret = keyseal_rsa_export_size(req->recipient_kem, &pub,
				      snap->attrs.key_len, &len);
	if (ret)
		goto out;
	*out = kmalloc(len, GFP_KERNEL);
	if (!*out) {
		ret = -ENOMEM;
		goto out;
	}
	ret = keyseal_rsa_export(req->recipient_kem, &pub, snap->material,
				 snap->attrs.key_len, *out, len);
	if (ret) {
		kfree_sensitive(*out);
		*out = NULL;
		goto out;
	}
	*out_len = len;
out:
	kfree(spki);
	return ret;
}

/*
 * Every outcome once the key is held is audited here, whatever the target:
 * a new target fills in @at in its case below.
 */
long keyseal_ioc_export(void __user *argp)
{
	struct keyseal_audit_target *at;
	struct keyseal_snapshot snap;
	struct keyseal_export req;
	size_t blob_len = 0;
	u8 *blob = NULL;
	int ret;

	if (copy_from_user(&req, argp, sizeof(req)))
		return -EFAULT;
	if (!export_args_valid(&req))
		return -EINVAL;
	at = keyseal_audit_target_new(req.target);
	if (!at)
		return -ENOMEM;

	/* Exporting a key is reading it, as keyctl read is. */
	ret = keyseal_snapshot_take(req.serial, KEY_NEED_READ, true, &snap);
	if (ret)
		goto out;
	keyseal_audit_kek_name(&at->parent, snap.parent, strlen(snap.parent),
			       snap.parent_fp);

	switch (req.target) {
	case KEYSEAL_TARGET_PARENT:
		at->kek = at->parent;
		ret = keyseal_policy_export(&snap.attrs, KEYSEAL_TARGET_PARENT);
		if (!ret) {
			blob = snap.blob;
			blob_len = snap.blob_len;
			snap.blob = NULL;
		}
		break;
	case KEYSEAL_TARGET_KEK:
		ret = export_to_kek(&snap, req.kek, at, &blob, &blob_len);
		break;
	case KEYSEAL_TARGET_PLAINTEXT:
		ret = keyseal_policy_export(&snap.attrs,
					    KEYSEAL_TARGET_PLAINTEXT);
		if (!ret)
			ret = keyseal_wrap_plaintext(&snap.attrs, snap.material,
						     &blob, &blob_len);
		break;
	case KEYSEAL_TARGET_RECIPIENT:
		ret = export_to_recipient(&snap, &req, at, &blob, &blob_len);
		break;
	default:
		ret = export_to_rsa(&snap, &req, at, &blob, &blob_len);
		break;
	}
	if (ret)
		goto out_audit;

	ret = keyseal_copy_blob_out(req.blob, &req.blob_len, blob, blob_len);
	if (ret == 0 || ret == -ERANGE) {
		if (copy_to_user(argp, &req, sizeof(req)))
			ret = -EFAULT;
	}
out_audit:
	keyseal_audit(KEYSEAL_AUDIT_EXPORT, snap.key->serial, &snap.attrs, at,
		      ret);
out:
	kfree(at);
	kfree_sensitive(blob);
	keyseal_snapshot_release(&snap);
	return ret;
}

long keyseal_ioc_pubkey(void __user *argp)
{
	struct keyseal_snapshot snap;
	struct keyseal_pubkey req;
	int ret;

	if (copy_from_user(&req, argp, sizeof(req)))
		return -EFAULT;
	if (keyseal_ioc_unused_set(req.flags, req.__pad, req.reserved,
				   sizeof(req.reserved)))
		return -EINVAL;

	/* A public key is an attribute, like those INFO shows. */
	ret = keyseal_snapshot_take(req.serial, KEY_NEED_VIEW, false, &snap);
	if (ret)
		goto out;
	req.kem = keyseal_usage_kem(snap.attrs.usage);
	if (!req.kem || !snap.public_len) {
		ret = -EKEYREJECTED;
		goto out;
	}
	ret = keyseal_public_fingerprint(req.kem, snap.public_key,
					 snap.public_len, req.fingerprint);
	if (ret)
		goto out;

	ret = keyseal_copy_blob_out(req.buf, &req.buf_len, snap.public_key,
				    snap.public_len);
	if ((ret == 0 || ret == -ERANGE) && copy_to_user(argp, &req, sizeof(req)))
		ret = -EFAULT;
out:
	keyseal_snapshot_release(&snap);
	return ret;
}
