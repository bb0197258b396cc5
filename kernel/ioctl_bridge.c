// SPDX-License-Identifier: GPL-2.0
/*
 * BRIDGE: a secret key's material handed to an in-kernel consumer.
 *
 * dm-crypt takes keys from the keyring as "logon" keys, fscrypt as
 * "fscrypt-provisioning" keys; neither type can be read from userspace.
 * The bridge makes such a key in the kernel from a sealed secret key, with
 * key_create_or_update() and the caller's credentials, exactly as
 * "keyctl add" would make it with material the caller never sees: same
 * owner, permissions, quota and keyring checks.
 *
 * The new key is a copy. Revoking, invalidating or updating the sealed key
 * later leaves it alone, as it leaves alone the copies dm-crypt and fscrypt
 * keep once they have taken the key (Documentation/design.rst).
 */

#include <linux/err.h>
#include <linux/key.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <uapi/linux/fscrypt.h>

#include "audit.h"
#include "compat.h"
#include "ioctl.h"
#include "policy.h"
#include "snapshot.h"

/* As add_key(2) allows. */
#define DESCRIPTION_MAX	4096

/* What a logon key holds: its payload is the material itself. */
#define LOGON_MAX	KEYSEAL_SECRET_MAX

/**
 * struct bridge_kind - a key type keyseal hands material to
 * @type: the key type's name
 * @max_len: the longest material it takes (the shortest secret, 16 bytes,
 *	suits both)
 * @header: bytes of header before the material in its payload
 */
struct bridge_kind {
	const char *type;
	unsigned int max_len;
	size_t header;
};

static const struct bridge_kind bridge_kinds[] = {
	[KEYSEAL_BRIDGE_LOGON] = {
		.type = "logon",
		.max_len = LOGON_MAX,
	},
	[KEYSEAL_BRIDGE_FSCRYPT] = {
		.type = "fscrypt-provisioning",
		.max_len = FSCRYPT_MAX_KEY_SIZE,
		.header = sizeof(struct fscrypt_provisioning_key_payload),
	},
};

/* The payload of the new key: the material after the kind's header. */
static u8 *bridge_payload(unsigned int kind, const u8 *material, u16 len,
			  size_t *plen)
{
	const struct bridge_kind *k = &bridge_kinds[kind];
	struct fscrypt_provisioning_key_payload *fp;
	u8 *payload;

	*plen = k->header + len;
	payload = kzalloc(*plen, GFP_KERNEL);
	if (!payload)
		return NULL;
	if (kind == KEYSEAL_BRIDGE_FSCRYPT) {
		fp = (struct fscrypt_provisioning_key_payload *)payload;
		fp->type = FSCRYPT_KEY_SPEC_TYPE_IDENTIFIER;
	}
	memcpy(payload + k->header, material, len);
	return payload;
}

static bool bridge_args_valid(const struct keyseal_bridge *req)
{
	if (keyseal_ioc_unused_set(req->flags, 0, req->reserved,
				   sizeof(req->reserved)) || req->new_serial)
		return false;
	if (req->kind != KEYSEAL_BRIDGE_LOGON &&
	    req->kind != KEYSEAL_BRIDGE_FSCRYPT)
		return false;
	return req->serial > 0 && req->description;
}

/* Every outcome once the sealed key is held is audited, as for EXPORT. */
long keyseal_ioc_bridge(void __user *argp)
{
	struct keyseal_audit_target *at = NULL;
	struct keyseal_snapshot snap = {};
	const struct bridge_kind *kind;
	struct keyseal_bridge req;
	key_ref_t keyring, key;
	char *description;
	u8 *payload = NULL;
	size_t plen;
	int ret;

	if (copy_from_user(&req, argp, sizeof(req)))
		return -EFAULT;
	if (!bridge_args_valid(&req))
		return -EINVAL;
	kind = &bridge_kinds[req.kind];

	description = strndup_user(u64_to_user_ptr(req.description),
				   DESCRIPTION_MAX);
	if (IS_ERR(description))
		return PTR_ERR(description);
	if (!*description) {
		ret = -EINVAL;
		goto out;
	}

	at = keyseal_audit_target_new(req.kind == KEYSEAL_BRIDGE_LOGON ?
				      KEYSEAL_AUDIT_TO_LOGON :
				      KEYSEAL_AUDIT_TO_FSCRYPT);
	if (!at) {
		ret = -ENOMEM;
		goto out;
	}
	/* Handing the key to a consumer is using it, as ENCRYPT is. */
	ret = keyseal_snapshot_take(req.serial, KEY_NEED_SEARCH, true, &snap);
	if (ret)
		goto out;
	keyseal_audit_kek_name(&at->parent, snap.parent, strlen(snap.parent),
			       snap.parent_fp);
	ret = keyseal_policy_bridge(&snap.attrs, kind->max_len, req.key_len);
	if (ret)
		goto out_audit;
	payload = bridge_payload(req.kind, snap.material, snap.attrs.key_len,
				 &plen);
	if (!payload) {
		ret = -ENOMEM;
		goto out_audit;
	}

	keyring = lookup_user_key(req.keyring, KEY_LOOKUP_CREATE,
				  KEY_NEED_WRITE);
	if (IS_ERR(keyring)) {
		ret = PTR_ERR(keyring);
		goto out_audit;
	}
	key = key_create_or_update(keyring, kind->type, description, payload,
				   plen, KEY_PERM_UNDEF, KEY_ALLOC_IN_QUOTA);
	if (IS_ERR(key)) {
		ret = PTR_ERR(key);
		/* The key type is not in this kernel (no fscrypt). */
		if (ret == -ENODEV)
			ret = -EOPNOTSUPP;
		goto out_keyring;
	}
	req.new_serial = key_ref_to_ptr(key)->serial;
	keyseal_audit_copy(at, kind->type, description, req.new_serial);
	req.key_len = snap.attrs.key_len;
	ret = keyseal_reply_new_key(argp, &req, sizeof(req), keyring, key);
	key_ref_put(key);
out_keyring:
	key_ref_put(keyring);
out_audit:
	keyseal_audit(KEYSEAL_AUDIT_BRIDGE, snap.key->serial, &snap.attrs, at,
		      ret);
out:
	kfree(at);
	kfree_sensitive(payload);
	keyseal_snapshot_release(&snap);
	kfree(description);
	return ret;
}
