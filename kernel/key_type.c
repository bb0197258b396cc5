// SPDX-License-Identifier: GPL-2.0
/*
 * The "sealed" key type.
 *
 * All the work of add_key happens in preparse: by the time the keyring core
 * creates the key, its payload is complete, so a failure never leaves a
 * half-made key behind. A payload never changes; update builds a new one.
 */

#include <keys/user-type.h>
#include <linux/key-type.h>
#include <linux/module.h>
#include <linux/random.h>
#include <linux/seq_file.h>
#include <linux/slab.h>

#include "armor.h"
#include "audit.h"
#include "blob.h"
#include "command.h"
#include "compat.h"
#include "exchange.h"
#include "sealed_key.h"
#include "unseal.h"
#include "usage.h"

/*
 * The audit record of a keyctl command that moves a key in (load, import)
 * or re-seals it (rewrap): what is known of the key and the KEKs as the
 * command goes, and how it ended. Preparse makes it and logs a failure at
 * once; otherwise the keyring core goes on to instantiate or update a key
 * (which tells the serial and the result), and the record is logged when
 * the core frees the preparsed payload, with its locks released.
 */
struct sealed_entry {
	enum keyseal_audit_op op;
	bool attrs_known;
	bool done;
	key_serial_t serial;
	int result;
	struct keyseal_attrs attrs;
	struct keyseal_audit_target target;
};

/* Where the preparsed payload keeps it. */
#define SEALED_ENTRY	2

/* A record for @op; NULL while auditing is off. */
static struct sealed_entry *sealed_entry_new(enum keyseal_audit_op op)
{
	struct sealed_entry *entry;

	if (!keyseal_audit_on())
		return NULL;
	entry = kzalloc(sizeof(*entry), GFP_KERNEL);
	if (!entry)
		return ERR_PTR(-ENOMEM);
	entry->op = op;
	return entry;
}

static void sealed_entry_attrs(struct sealed_entry *entry,
			       const struct keyseal_attrs *attrs)
{
	if (!entry)
		return;
	entry->attrs = *attrs;
	entry->attrs_known = true;
}

/*
 * How the keyring core's call into the key type ended, and the key's
 * serial: 0 for a key that did not enter.
 */
static void sealed_entry_done(struct sealed_entry *entry, key_serial_t serial,
			      int result)
{
	if (!entry)
		return;
	entry->done = true;
	entry->serial = serial;
	entry->result = result;
}

/*
 * Log and free a record. Until the target is known (a malformed command or
 * blob, a rewrap never applied) there is nothing to log.
 */
static void sealed_entry_log(struct sealed_entry *entry, int result)
{
	if (!entry)
		return;
	if (entry->target.kind)
		keyseal_audit(entry->op, entry->serial,
			      entry->attrs_known ? &entry->attrs : NULL,
			      &entry->target, result);
	kfree(entry);
}

static struct sealed_key *sealed_new(struct keyseal_crypto *c,
				     const struct keyseal_cmd *cmd)
{
	struct keyseal_kek_ref store = keyseal_cmd_kek_ref(&cmd->parent);
	u16 kem = keyseal_usage_kem(cmd->usage);
	struct keyseal_attrs attrs;
	struct sealed_key *sk;
	u8 *material;
	int ret = 0;

	sealed_key_new_attrs(&attrs, cmd->usage, cmd->key_len, cmd->key_flags,
			     KEYSEAL_ORIGIN_GENERATED, cmd->not_after);
	if (keyseal_policy_expired(&attrs))
		return ERR_PTR(-EKEYEXPIRED);

	material = kmalloc(attrs.key_len, GFP_KERNEL);
	if (!material)
		return ERR_PTR(-ENOMEM);
	/* An exchange key's material is a private scalar valid for its KEM. */
	if (kem)
		ret = keyseal_dh_generate(kem, material);
	else
		get_random_bytes(material, attrs.key_len);
	if (ret)
		sk = ERR_PTR(ret);
	else
		sk = keyseal_unseal_material(c, &attrs, material, &store, NULL);
	kfree_sensitive(material);
	return sk;
}

static struct sealed_key *sealed_import(struct keyseal_crypto *c,
					const struct keyseal_cmd *cmd,
					struct sealed_entry *entry)
{
	struct keyseal_kek_ref store = keyseal_cmd_kek_ref(&cmd->parent);
	struct keyseal_audit_target *at = entry ? &entry->target : NULL;
	struct keyseal_attrs attrs;
	struct sealed_key *sk;
	u8 *material;
	int ret;

	if (at)
		at->kind = KEYSEAL_AUDIT_FROM_CLEAR;
	ret = keyseal_policy_clear_import();
	if (ret)
		return ERR_PTR(ret);

	sealed_key_new_attrs(&attrs, cmd->usage, cmd->key_len, cmd->key_flags,
			     KEYSEAL_ORIGIN_IMPORTED, cmd->not_after);
	sealed_entry_attrs(entry, &attrs);
	if (keyseal_policy_expired(&attrs))
		return ERR_PTR(-EKEYEXPIRED);

	material = kmalloc(attrs.key_len, GFP_KERNEL);
	if (!material)
		return ERR_PTR(-ENOMEM);
	if (keyseal_hex_decode(cmd->data, cmd->data_len, material,
			       attrs.key_len) != attrs.key_len)
		sk = ERR_PTR(-EINVAL);
	else
		sk = keyseal_unseal_material(c, &attrs, material, &store, at);
	kfree_sensitive(material);
	return sk;
}

/* What a blob is, for the audit record: its key, and where it comes from. */
static void sealed_entry_blob(struct sealed_entry *entry,
			      const struct keyseal_blob *blob)
{
	if (!entry)
		return;
	sealed_entry_attrs(entry, &blob->attrs);
	switch (blob->scheme) {
	case KEYSEAL_SCHEME_KEK:
		entry->target.kind = KEYSEAL_AUDIT_TO_KEK;
		break;
	case KEYSEAL_SCHEME_PLAINTEXT:
		entry->target.kind = KEYSEAL_AUDIT_TO_PLAINTEXT;
		break;
	default:
		entry->target.kind = KEYSEAL_AUDIT_TO_RECIPIENT;
		keyseal_audit_pub(&entry->target, blob->recipient_fp,
				  KEYSEAL_FINGERPRINT_SIZE);
		break;
	}
}

static struct sealed_key *sealed_load(struct keyseal_crypto *c,
				      const struct keyseal_cmd *cmd,
				      struct sealed_entry *entry)
{
	struct keyseal_unseal_params p = {
		.expected_sender = cmd->sender_pk_len ? cmd->sender_pk : NULL,
		.expected_sender_len = cmd->sender_pk_len,
		.audit = entry ? &entry->target : NULL,
	};
	struct keyseal_blob blob;
	struct sealed_key *sk;
	u8 *buf;
	int len;

	buf = kmalloc(KEYSEAL_BLOB_MAX_SIZE, GFP_KERNEL);
	if (!buf)
		return ERR_PTR(-ENOMEM);
	len = keyseal_armor_decode(cmd->data, cmd->data_len, buf,
				   KEYSEAL_BLOB_MAX_SIZE);
	if (len < 0 || keyseal_blob_parse(buf, len, &blob)) {
		sk = ERR_PTR(-EINVAL);
		goto out;
	}
	sealed_entry_blob(entry, &blob);

	/*
	 * parent= opens a blob under a KEK; other blobs are opened by the
	 * recipient= exchange key and stored under parent=.
	 */
	if (blob.scheme == KEYSEAL_SCHEME_KEK) {
		if (cmd->recipient.name || cmd->recipient.serial) {
			sk = ERR_PTR(-EINVAL);
			goto out;
		}
		p.unwrap = keyseal_cmd_kek_ref(&cmd->parent);
	} else {
		p.unwrap = keyseal_cmd_kek_ref(&cmd->recipient);
		p.store = keyseal_cmd_kek_ref(&cmd->parent);
	}
	sk = keyseal_unseal(c, buf, len, &p);
out:
	/* A plaintext blob holds the key itself. */
	kfree_sensitive(buf);
	return sk;
}

/*
 * A key added without a description is named after what it is, as
 * "usage:keyid".
 */
static int sealed_default_description(struct key_preparsed_payload *prep,
				      const struct sealed_key *sk)
{
	if (keyseal_prep_description(prep))
		return 0;
	prep->description = kasprintf(GFP_KERNEL, "%s:%*phN",
				      keyseal_usage_name(sk->attrs.usage),
				      KEYSEAL_KEY_ID_SIZE, sk->attrs.key_id);
	return prep->description ? 0 : -ENOMEM;
}

/* The audit record a command makes, if any; NULL without one. */
static struct sealed_entry *sealed_preparse_entry(u8 verb)
{
	switch (verb) {
	case KEYSEAL_CMD_LOAD:
		return sealed_entry_new(KEYSEAL_AUDIT_LOAD);
	case KEYSEAL_CMD_IMPORT:
		return sealed_entry_new(KEYSEAL_AUDIT_IMPORT);
	case KEYSEAL_CMD_REWRAP:
		return sealed_entry_new(KEYSEAL_AUDIT_REWRAP);
	}
	return NULL;
}

/* Parse a command; update commands are kept for sealed_update(). */
static int sealed_preparse(struct key_preparsed_payload *prep)
{
	struct sealed_entry *entry;
	struct keyseal_cmd *cmd;
	struct keyseal_crypto *c;
	struct sealed_key *sk;
	int ret;

	cmd = kzalloc(sizeof(*cmd), GFP_KERNEL);
	if (!cmd)
		return -ENOMEM;
	ret = keyseal_cmd_parse(prep->data, prep->datalen, cmd);
	if (ret)
		goto out;
	entry = sealed_preparse_entry(cmd->verb);
	if (IS_ERR(entry)) {
		ret = PTR_ERR(entry);
		goto out;
	}

	if (cmd->verb == KEYSEAL_CMD_REWRAP ||
	    cmd->verb == KEYSEAL_CMD_RESTRICT) {
		/* The parsed command points into prep->data, which outlives it. */
		prep->payload.data[1] = cmd;
		prep->payload.data[SEALED_ENTRY] = entry;
		return 0;
	}

	c = keyseal_crypto_get();
	if (IS_ERR(c)) {
		ret = PTR_ERR(c);
		goto out_entry;
	}
	switch (cmd->verb) {
	case KEYSEAL_CMD_NEW:
		sk = sealed_new(c, cmd);
		break;
	case KEYSEAL_CMD_IMPORT:
		sk = sealed_import(c, cmd, entry);
		break;
	default:
		sk = sealed_load(c, cmd, entry);
		break;
	}
	keyseal_crypto_put(c);
	if (IS_ERR(sk)) {
		ret = PTR_ERR(sk);
		goto out_entry;
	}

	ret = sealed_default_description(prep, sk);
	if (ret) {
		sealed_key_free(sk);
		goto out_entry;
	}
	/* What the key is now: its provenance may say less than the blob. */
	sealed_entry_attrs(entry, &sk->attrs);
	prep->payload.data[0] = sk;
	prep->payload.data[SEALED_ENTRY] = entry;
	prep->quotalen = sealed_key_quota(sk);
	goto out;
out_entry:
	sealed_entry_log(entry, ret);
out:
	kfree_sensitive(cmd);
	return ret;
}

static void sealed_free_preparse(struct key_preparsed_payload *prep)
{
	struct sealed_entry *entry = prep->payload.data[SEALED_ENTRY];

	/*
	 * A key that was neither instantiated nor updated failed in the
	 * keyring core (a keyring's permission or quota), for a reason only
	 * the caller is told.
	 */
	if (entry)
		sealed_entry_log(entry, entry->done ? entry->result :
					KEYSEAL_AUDIT_FAILED_ELSEWHERE);
	sealed_key_free(prep->payload.data[0]);
	kfree_sensitive(prep->payload.data[1]);
	/* the keyring core copies a description it takes from preparse */
	kfree(prep->description);
}

/*
 * Each key holds a reference on the module, so the module cannot go while a
 * key of its type exists. The keyring core enters a key type's operations
 * through the key (key_update() calls preparse and update without holding
 * the type): unregistering the type under such a call would leave it
 * calling a type without operations.
 */
static int sealed_instantiate(struct key *key,
			      struct key_preparsed_payload *prep)
{
	struct sealed_entry *entry = prep->payload.data[SEALED_ENTRY];
	int ret;

	/* rewrap and restrict apply to an existing key only */
	if (!prep->payload.data[0])
		return -EINVAL;
	/* The module is on its way out: no new keys. */
	if (!try_module_get(THIS_MODULE)) {
		ret = -ENODEV;
		goto out;
	}
	/* The record is not the key's: generic_key_instantiate() takes all. */
	prep->payload.data[SEALED_ENTRY] = NULL;
	ret = generic_key_instantiate(key, prep);
	prep->payload.data[SEALED_ENTRY] = entry;
	if (ret)
		module_put(THIS_MODULE);
out:
	sealed_entry_done(entry, ret ? 0 : key->serial, ret);
	return ret;
}

/*
 * Whether the caller may read a key: what it takes to move the key under a
 * KEK of the caller's choice, as exporting it does. key_update() only
 * checked for write.
 */
static int sealed_check_read(const struct key *key)
{
	key_ref_t ref = lookup_user_key(key->serial, 0, KEY_NEED_READ);

	if (IS_ERR(ref))
		return PTR_ERR(ref);
	key_ref_put(ref);
	return 0;
}

/*
 * The payload an update command makes of the current one: the same key
 * sealed under the parent rewrap names, or under its own parent with the
 * flags restrict leaves. The key's own parent is the KEK whose fingerprint
 * its stored blob carries, under whatever name the caller finds it; moving
 * the key anywhere else is an export.
 */
static struct sealed_key *sealed_updated(struct key *key,
					 const struct sealed_key *old,
					 const struct keyseal_cmd *cmd,
					 struct keyseal_audit_target *at)
{
	struct keyseal_kek_ref ref = keyseal_cmd_kek_ref(&cmd->parent);
	struct keyseal_blob stored;
	struct keyseal_kek kek = { };
	struct keyseal_crypto *c;
	struct sealed_key *sk;
	bool restricting;
	int ret;

	ret = sealed_key_parent(old, &stored);
	if (ret)
		return ERR_PTR(ret);
	sk = sealed_key_copy(old);
	if (!sk)
		return ERR_PTR(-ENOMEM);
	restricting = cmd->verb == KEYSEAL_CMD_RESTRICT;
	if (restricting) {
		ret = keyseal_policy_restrict(&old->attrs, cmd->key_flags);
		if (ret)
			goto out;
		sk->attrs.key_flags = cmd->key_flags;
		ref.serial = 0;
		ref.name = stored.parent;
		ref.name_len = stored.parent_len;
	}

	c = keyseal_crypto_get();
	if (IS_ERR(c)) {
		ret = PTR_ERR(c);
		goto out;
	}
	ret = keyseal_kek_get(&ref, key, &kek);
	if (ret)
		goto out_kek;
	if (at) {
		keyseal_audit_kek(&at->kek, &kek);
		at->kind = keyseal_kek_is(&kek, stored.parent_fp) ?
			   KEYSEAL_AUDIT_TO_PARENT : KEYSEAL_AUDIT_TO_KEK;
	}
	if (keyseal_kek_is(&kek, stored.parent_fp)) {
		ret = keyseal_policy_export(&old->attrs, KEYSEAL_TARGET_PARENT);
	} else if (restricting) {
		/* The name no longer means the parent, for this caller. */
		ret = -EKEYREJECTED;
	} else {
		ret = sealed_check_read(key) ?:
		      keyseal_policy_export(&old->attrs, KEYSEAL_TARGET_KEK);
	}
	if (ret)
		goto out_kek;
	ret = sealed_key_store(c, sk, &kek);
out_kek:
	keyseal_kek_release(&kek);
	keyseal_crypto_put(c);
out:
	if (ret) {
		sealed_key_free(sk);
		return ERR_PTR(ret);
	}
	return sk;
}

static int sealed_update(struct key *key, struct key_preparsed_payload *prep)
{
	const struct keyseal_cmd *cmd = prep->payload.data[1];
	struct sealed_entry *entry = prep->payload.data[SEALED_ENTRY];
	struct sealed_key *old = dereference_key_locked(key);
	struct keyseal_blob stored;
	struct sealed_key *sk;
	int ret;

	/*
	 * A sealed key's material never changes: no "new", "load", "import"
	 * (a load or import logs that it did not enter, with no serial).
	 */
	if (!cmd) {
		ret = -EEXIST;
		goto out;
	}
	if (!old) {
		ret = -EKEYREVOKED;
		goto out;
	}
	/*
	 * A rewrap's record: the key, and the parent it is leaving; the KEK
	 * it goes to once found (a KEK until it proves to be the parent).
	 */
	if (entry) {
		entry->target.kind = KEYSEAL_AUDIT_TO_KEK;
		sealed_entry_attrs(entry, &old->attrs);
		if (!sealed_key_parent(old, &stored))
			keyseal_audit_kek_name(&entry->target.parent,
					       stored.parent, stored.parent_len,
					       stored.parent_fp);
	}

	sk = sealed_updated(key, old, cmd, entry ? &entry->target : NULL);
	if (IS_ERR(sk)) {
		ret = PTR_ERR(sk);
		goto out;
	}
	ret = key_payload_reserve(key, sealed_key_quota(sk));
	if (ret) {
		sealed_key_free(sk);
		goto out;
	}
	rcu_assign_keypointer(key, sk);
	sealed_key_free_deferred(old);
out:
	sealed_entry_done(entry, cmd ? key->serial : 0, ret);
	return ret;
}

/* A revoked key keeps no secret. */
static void sealed_revoke(struct key *key)
{
	struct sealed_key *sk = dereference_key_locked(key);

	key_payload_reserve(key, 0);
	rcu_assign_keypointer(key, NULL);
	sealed_key_free_deferred(sk);
}

/*
 * The payload goes after a grace period, as readers under RCU may still see
 * it. A key that never became positive holds no module reference: the
 * key type's removal destroys those too.
 */
static void sealed_destroy(struct key *key)
{
	sealed_key_free_deferred(key->payload.data[0]);
	if (key_is_positive(key))
		module_put(THIS_MODULE);
}

/* /proc/keys: what the key is and where it is stored, never its secret. */
static void sealed_describe(const struct key *key, struct seq_file *m)
{
	const struct sealed_key *sk = dereference_key_rcu(key);
	struct keyseal_blob stored;

	seq_puts(m, key->description);
	if (!sk || !key_is_positive(key) || sealed_key_parent(sk, &stored))
		return;
	seq_printf(m, ": %s %u-bit%s%s id=%*phN parent=%.*s",
		   keyseal_usage_name(sk->attrs.usage), sk->attrs.key_len * 8,
		   sk->attrs.key_flags & KEYSEAL_FLAG_EXPORTABLE ?
		   " exportable" : "",
		   sk->attrs.key_flags & KEYSEAL_FLAG_PLAINTEXT ?
		   " plaintext" : "",
		   4, sk->attrs.key_id, stored.parent_len, stored.parent);
}

/* keyctl read is an export to the key's parent. */
static void sealed_read_audit(const struct key *key,
			      const struct sealed_key *sk, int result)
{
	struct keyseal_audit_target *at;
	struct keyseal_blob stored;

	if (!keyseal_audit_on())
		return;
	/* Out of memory, the record is lost, as audit_log_start() loses it. */
	at = keyseal_audit_target_new(KEYSEAL_AUDIT_TO_PARENT);
	if (!at)
		return;
	if (!sealed_key_parent(sk, &stored)) {
		keyseal_audit_kek_name(&at->kek, stored.parent,
				       stored.parent_len, stored.parent_fp);
		at->parent = at->kek;
	}
	keyseal_audit(KEYSEAL_AUDIT_EXPORT, key->serial, &sk->attrs, at,
		      result);
	kfree(at);
}

/*
 * keyctl read: the key's blob under its parent, as one line of text.
 * Audited when the blob is handed out or refused, not when the caller only
 * asks for its size.
 */
static long sealed_read(const struct key *key, char *buffer, size_t buflen)
{
	const struct sealed_key *sk = dereference_key_locked((struct key *)key);
	size_t len;
	int ret;

	if (!sk)
		return -EKEYREVOKED;
	ret = keyseal_policy_export(&sk->attrs, KEYSEAL_TARGET_PARENT);
	if (ret) {
		sealed_read_audit(key, sk, ret);
		return ret;
	}
	/* The caller tries again with a buffer of the size returned. */
	len = keyseal_armor_size(sk->blob_len);
	if (buffer && buflen >= len) {
		keyseal_armor_encode(sk->blob, sk->blob_len, buffer);
		sealed_read_audit(key, sk, 0);
	}
	return len;
}

struct key_type key_type_sealed = {
	.name = "sealed",
	.preparse = sealed_preparse,
	.free_preparse = sealed_free_preparse,
	.instantiate = sealed_instantiate,
	.update = sealed_update,
	.revoke = sealed_revoke,
	.destroy = sealed_destroy,
	.describe = sealed_describe,
	.read = sealed_read,
	.match_preparse = keyseal_exchange_match_preparse,
	.match_free = keyseal_exchange_match_free,
};
