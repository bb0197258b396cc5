// SPDX-License-Identifier: GPL-2.0
/*
 * Finding a KEK and taking a copy of its material.
 *
 * A KEK is a sealed key of usage kek, or a root key of type user, logon,
 * encrypted or trusted with at least 32 bytes of material. It is found by
 * name in the caller's keyrings, as request_key(2) finds keys (so the
 * caller needs search permission on it and on each keyring on the way),
 * or by serial. Its material is copied out under RCU, never under the
 * key's semaphore: keyseal never holds one key's semaphore while taking
 * another's, so no chain of parents can deadlock.
 */

#include <crypto/algapi.h>
#include <keys/encrypted-type.h>
#include <keys/trusted-type.h>
#include <keys/user-type.h>
#include <linux/err.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <uapi/linux/keyctl.h>

#include "blob.h"
#include "exchange.h"
#include "kek.h"
#include "policy.h"

static const char fingerprint_label[] = "keyseal v1 kek fingerprint";

/*
 * The material of a KEK, under rcu_read_lock(), and what the KEK vouches
 * for. The root types' payloads are freed after an RCU grace period on
 * update and revoke, and the key reference held keeps them from being
 * destroyed.
 */
static int kek_material_rcu(struct keyseal_kek *kek, const u8 **data,
			    size_t *len)
{
	const struct key *key = kek->key;
	const char *type = key->type->name;
	int ret = 0;

	kek->vouches = keyseal_policy_root_vouches(key);
	kek->may_leave = false;
	if (key->type == &key_type_user || key->type == &key_type_logon) {
		const struct user_key_payload *p = user_key_payload_rcu(key);

		if (!p)
			return -EKEYREVOKED;
		*data = p->data;
		*len = p->datalen;
	} else if (key->type == &key_type_sealed) {
		const struct sealed_key *p = dereference_key_rcu(key);

		if (!p)
			return -EKEYREVOKED;
		ret = keyseal_policy_use(&p->attrs, KEYSEAL_USAGE_KEK);
		*data = p->material;
		*len = p->attrs.key_len;
		kek->vouches = keyseal_policy_key_vouches(&p->attrs);
		kek->may_leave = p->attrs.key_flags & KEYSEAL_FLAG_EXPORTABLE;
		/* Computed once, when the payload was made. */
		memcpy(kek->fingerprint, p->kek_fp, sizeof(kek->fingerprint));
		kek->fingerprint_ready = true;
	} else if (!strcmp(type, "encrypted")) {
		const struct encrypted_key_payload *p = dereference_key_rcu(key);

		if (!p)
			return -EKEYREVOKED;
		*data = p->decrypted_data;
		*len = p->decrypted_datalen;
	} else if (!strcmp(type, "trusted")) {
		const struct trusted_key_payload *p = dereference_key_rcu(key);

		if (!p)
			return -EKEYREVOKED;
		*data = p->key;
		*len = p->key_len;
	} else {
		return -EKEYREJECTED;
	}
	if (!ret && *len < KEYSEAL_KEK_MIN_SIZE)
		ret = -EKEYREJECTED;
	return ret;
}

/* Copy a KEK's material; a concurrent update may resize it, so look again. */
static int kek_copy_material(struct keyseal_kek *kek)
{
	size_t want = 0, len;
	const u8 *data;
	u8 *buf = NULL;
	int ret;

	for (;;) {
		ret = key_validate(kek->key);
		if (ret)
			break;
		rcu_read_lock();
		ret = kek_material_rcu(kek, &data, &len);
		if (!ret && buf && len == want)
			memcpy(buf, data, len);
		rcu_read_unlock();
		if (ret || (buf && len == want))
			break;
		kfree_sensitive(buf);
		want = len;
		buf = kmalloc(want, GFP_KERNEL);
		if (!buf) {
			ret = -ENOMEM;
			break;
		}
	}
	if (ret) {
		kfree_sensitive(buf);
		return ret;
	}
	kek->material = buf;
	kek->len = want;
	return 0;
}

/*
 * The root key types that may live in modules are reached through
 * symbol_get(), which also pins their module while a KEK of theirs is used.
 */
static struct key_type *root_type_get(const char *name, u8 *pinned)
{
	struct key_type *type = NULL;

	*pinned = KEK_PINNED_NONE;
	if (!strcmp(name, "user"))
		return &key_type_user;
	if (!strcmp(name, "logon"))
		return &key_type_logon;
	if (!strcmp(name, "sealed"))
		return &key_type_sealed;
	if (!strcmp(name, "encrypted")) {
		type = symbol_get(key_type_encrypted);
		*pinned = KEK_PINNED_ENCRYPTED;
	} else if (!strcmp(name, "trusted")) {
		type = symbol_get(key_type_trusted);
		*pinned = KEK_PINNED_TRUSTED;
	} else {
		return ERR_PTR(-EINVAL);
	}
	if (!type) {
		*pinned = KEK_PINNED_NONE;
		return ERR_PTR(-ENOKEY);
	}
	return type;
}

static void root_type_put(u8 pinned)
{
	if (pinned == KEK_PINNED_ENCRYPTED)
		symbol_put(key_type_encrypted);
	else if (pinned == KEK_PINNED_TRUSTED)
		symbol_put(key_type_trusted);
}

/**
 * keyseal_kek_fingerprint_of() - the fingerprint of KEK material
 * @material: the KEK's secret
 * @len: its length
 * @fingerprint: output, HMAC-SHA256 of a fixed label under @material
 */
void keyseal_kek_fingerprint_of(const u8 *material, size_t len,
				u8 fingerprint[KEYSEAL_FINGERPRINT_SIZE])
{
	struct keyseal_chunk label = {
		fingerprint_label, sizeof(fingerprint_label) - 1
	};

	keyseal_hmac(material, len, &label, 1, fingerprint);
}

/**
 * keyseal_kek_fingerprint() - the fingerprint of a KEK
 * @kek: a KEK taken with keyseal_kek_get() or its kin
 *
 * A sealed KEK's comes with it; a root key's is computed on first use.
 *
 * Return: KEYSEAL_FINGERPRINT_SIZE bytes, valid until the KEK is released.
 */
const u8 *keyseal_kek_fingerprint(struct keyseal_kek *kek)
{
	if (!kek->fingerprint_ready) {
		keyseal_kek_fingerprint_of(kek->material, kek->len,
					   kek->fingerprint);
		kek->fingerprint_ready = true;
	}
	return kek->fingerprint;
}

/**
 * keyseal_kek_is() - whether a KEK is the one a fingerprint names
 * @kek: the KEK
 * @fingerprint: KEYSEAL_FINGERPRINT_SIZE bytes
 *
 * The same material under another name is the same KEK.
 *
 * Return: true if @kek has @fingerprint.
 */
bool keyseal_kek_is(struct keyseal_kek *kek, const u8 *fingerprint)
{
	return !crypto_memneq(keyseal_kek_fingerprint(kek), fingerprint,
			      KEYSEAL_FINGERPRINT_SIZE);
}

/**
 * keyseal_keyrings_search() - search the caller's keyrings
 * @type: the key type
 * @criterion: the description, or what the type's match_preparse takes
 *
 * The thread, process, session and user keyrings in that order, each with
 * the keyrings linked in it, by keyring_search(), which checks search
 * permission on every keyring and key on the way.
 *
 * Return: a reference to the first key found, ERR_PTR(-ENOKEY) or
 * ERR_PTR(-ENOMEM).
 */
struct key *keyseal_keyrings_search(struct key_type *type,
				    const char *criterion)
{
	static const key_serial_t rings[] = {
		KEY_SPEC_THREAD_KEYRING, KEY_SPEC_PROCESS_KEYRING,
		KEY_SPEC_SESSION_KEYRING, KEY_SPEC_USER_KEYRING,
	};
	key_ref_t ring, found;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(rings); i++) {
		/* A thread or process keyring the caller lacks: next. */
		ring = lookup_user_key(rings[i], 0, KEY_NEED_SEARCH);
		if (IS_ERR(ring))
			continue;
		found = keyring_search(ring, type, criterion, true);
		key_ref_put(ring);
		if (!IS_ERR(found))
			return key_ref_to_ptr(found);
		if (PTR_ERR(found) == -ENOMEM)
			return ERR_CAST(found);
	}
	return ERR_PTR(-ENOKEY);
}

/**
 * keyseal_key_find() - a key by type and description in the caller's
 *	keyrings
 * @type: its type
 * @description: its description
 *
 * The thread, process and session keyrings and the keyrings linked in
 * them, as request_key(2) searches them but without calling userspace and
 * without waiting for a key under construction; then the user keyring,
 * which a login session links in its session keyring but a service's may
 * not. request_key_rcu() looks only in the three keyrings themselves: it is
 * the quick first try. Search permission is checked on every keyring and
 * key on the way. Whose key is found is the caller's to judge
 * (keyseal_policy_found_key()).
 *
 * Return: a reference to the key, or ERR_PTR(-ENOKEY), or an error of the
 * search (-EKEYREVOKED, -EKEYEXPIRED, -ENOMEM ...).
 */
struct key *keyseal_key_find(struct key_type *type, const char *description)
{
	struct key *key;

	rcu_read_lock();
	key = request_key_rcu(type, description, NULL);
	rcu_read_unlock();
	if (!IS_ERR(key) || PTR_ERR(key) != -ENOKEY)
		return key;
	/* To keyring_search(), a sealed "fp:" description is a fingerprint. */
	if (type == &key_type_sealed &&
	    !strncmp(description, KEYSEAL_FP_CRITERION,
		     sizeof(KEYSEAL_FP_CRITERION) - 1))
		return key;
	return keyseal_keyrings_search(type, description);
}

/**
 * keyseal_kek_find() - find a KEK by name in the caller's keyrings
 * @name: "type:description", not necessarily NUL-terminated
 * @name_len: its length
 * @exclude: a key that may not serve (the key being re-sealed), or NULL
 * @kek: filled in; release with keyseal_kek_release() whatever the result
 *
 * Return: 0; -EINVAL for a malformed name or a type that cannot be a KEK;
 * -ENOKEY if no such key is in the caller's keyrings; -EKEYREVOKED,
 * -EKEYEXPIRED or -EACCES from the search; -EKEYREJECTED if the key cannot
 * serve (a sealed key of another usage, too little material, @exclude, a
 * key neither the caller's nor root's: keyseal_policy_found_key()).
 */
int keyseal_kek_find(const char *name,
		     size_t name_len, const struct key *exclude,
		     struct keyseal_kek *kek)
{
	struct key_type *type;
	struct key *key;
	char *colon;

	memset(kek, 0, sizeof(*kek));
	if (!keyseal_parent_spec_valid(name, name_len))
		return -EINVAL;
	memcpy(kek->name, name, name_len);
	kek->name_len = name_len;

	colon = strchr(kek->name, ':');
	*colon = '\0';
	type = root_type_get(kek->name, &kek->pinned);
	*colon = ':';
	if (IS_ERR(type))
		return PTR_ERR(type);

	key = keyseal_key_find(type, colon + 1);
	if (IS_ERR(key))
		return PTR_ERR(key);
	kek->key = key;
	if (key == exclude || !keyseal_policy_found_key(key))
		return -EKEYREJECTED;
	return kek_copy_material(kek);
}

/**
 * keyseal_kek_from_serial() - take a KEK named by serial
 * @serial: the key, as the caller names it
 * @kek: filled in; release with keyseal_kek_release() whatever the result
 *
 * The caller needs search permission on the key, as for a search by name.
 *
 * Return: 0, an error of lookup_user_key(), or -EKEYREJECTED if the key
 * cannot serve as a KEK (including a description that cannot be a name).
 */
int keyseal_kek_from_serial(key_serial_t serial,
			    struct keyseal_kek *kek)
{
	struct key_type *type;
	key_ref_t key_ref;
	int len;

	memset(kek, 0, sizeof(*kek));
	key_ref = lookup_user_key(serial, 0, KEY_NEED_SEARCH);
	if (IS_ERR(key_ref))
		return PTR_ERR(key_ref);
	kek->key = key_ref_to_ptr(key_ref);

	type = root_type_get(kek->key->type->name, &kek->pinned);
	if (IS_ERR(type))
		return PTR_ERR(type) == -EINVAL ? -EKEYREJECTED : PTR_ERR(type);
	if (type != kek->key->type)
		return -EKEYREJECTED;

	len = snprintf(kek->name, sizeof(kek->name), "%s:%s", type->name,
		       kek->key->description);
	if (len < 0 || !keyseal_parent_spec_valid(kek->name, len))
		return -EKEYREJECTED;
	kek->name_len = len;
	return kek_copy_material(kek);
}

/* Sealed KEKs a chain of parents may hold; a longer one is refused. */
#define KEK_MAX_DEPTH	16

/*
 * The description of the sealed KEK @sk's stored blob names as its parent;
 * false at a root key. Under rcu_read_lock().
 */
static bool sealed_parent_name(const struct sealed_key *sk,
			       char desc[KEYSEAL_PARENT_MAX + 1])
{
	static const char sealed[] = "sealed:";
	const size_t prefix = sizeof(sealed) - 1;
	struct keyseal_blob stored;

	if (!sk || keyseal_blob_parse(sk->blob, sk->blob_len, &stored) ||
	    stored.parent_len <= prefix ||
	    memcmp(stored.parent, sealed, prefix))
		return false;
	memcpy(desc, stored.parent + prefix, stored.parent_len - prefix);
	desc[stored.parent_len - prefix] = '\0';
	return true;
}

/*
 * Refuse a KEK that sits below a key: follow the chain of sealed parents
 * from @kek up, each found by the name its blob gives, as loading them
 * would. A key stored under itself or one of its own descendants could
 * never be loaded again; neither could one under a longer chain than any
 * keyseal makes.
 */
static int kek_check_cycle(const struct keyseal_kek *kek, const u8 *key_id)
{
	struct key *key = key_get(kek->key), *parent;
	char desc[KEYSEAL_PARENT_MAX + 1];
	const struct sealed_key *sk;
	int depth, ret = 0;
	bool up;

	for (depth = 0; key && key->type == &key_type_sealed; depth++) {
		if (depth == KEK_MAX_DEPTH) {
			ret = -EKEYREJECTED;
			break;
		}
		rcu_read_lock();
		sk = dereference_key_rcu(key);
		if (sk && !memcmp(sk->attrs.key_id, key_id,
				  KEYSEAL_KEY_ID_SIZE)) {
			ret = -EKEYREJECTED;
			up = false;
		} else {
			up = sealed_parent_name(sk, desc);
		}
		rcu_read_unlock();
		key_put(key);
		/* Found as loading it would find it; a missing link ends. */
		parent = up ? keyseal_key_find(&key_type_sealed, desc) : NULL;
		key = IS_ERR(parent) ? NULL : parent;
	}
	if (key)
		key_put(key);
	return ret;
}

/**
 * keyseal_kek_admit() - whether a key may be sealed under a KEK
 * @kek: the KEK
 * @attrs: the key; under a KEK that does not vouch, its provenance loses
 *	its history bits (keyseal_policy_store())
 *
 * Every blob under a KEK passes here, whatever made it: a key never lands
 * under itself or its descendants, nor under a KEK that may leave when it
 * may not.
 *
 * Return: 0; -EKEYREJECTED for a KEK that is the key or below it; -EPERM.
 */
int keyseal_kek_admit(const struct keyseal_kek *kek,
		      struct keyseal_attrs *attrs)
{
	int ret;

	ret = kek_check_cycle(kek, attrs->key_id);
	if (ret)
		return ret;
	return keyseal_policy_store(attrs, kek->vouches, kek->may_leave);
}

/**
 * keyseal_kek_get() - take the KEK a caller names
 * @ref: the name or serial; neither means the default parent
 * @exclude: a key that may not serve (the key being re-sealed), or NULL
 * @kek: filled in; release with keyseal_kek_release() whatever the result
 *
 * Return: as keyseal_kek_find() or keyseal_kek_from_serial().
 */
int keyseal_kek_get(const struct keyseal_kek_ref *ref,
		    const struct key *exclude, struct keyseal_kek *kek)
{
	int ret;

	if (ref->serial) {
		ret = keyseal_kek_from_serial(ref->serial, kek);
		if (!ret && kek->key == exclude)
			ret = -EKEYREJECTED;
		return ret;
	}
	if (ref->name)
		return keyseal_kek_find(ref->name, ref->name_len, exclude,
					kek);
	return keyseal_kek_find(keyseal_default_parent,
				strlen(keyseal_default_parent), exclude, kek);
}

/**
 * keyseal_kek_release() - drop a KEK and wipe the copy of its material
 * @kek: the KEK
 */
void keyseal_kek_release(struct keyseal_kek *kek)
{
	kfree_sensitive(kek->material);
	kek->material = NULL;
	if (kek->key)
		key_put(kek->key);
	kek->key = NULL;
	root_type_put(kek->pinned);
	kek->pinned = KEK_PINNED_NONE;
	memzero_explicit(kek->fingerprint, sizeof(kek->fingerprint));
	kek->fingerprint_ready = false;
	kek->vouches = false;
	kek->may_leave = false;
}
