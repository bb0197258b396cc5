// SPDX-License-Identifier: GPL-2.0
/*
 * What a sealed key may do. Usages never overlap (a KEK never touches data,
 * a data key never wraps), flags only ever get stricter, and no key acts
 * past its not-after time.
 */

#include <linux/capability.h>
#include <linux/cred.h>
#include <linux/key.h>
#include <linux/string.h>
#include <linux/timekeeping.h>
#include <linux/uidgid.h>

#include "policy.h"

/**
 * keyseal_policy_expired() - whether a key is past its not-after time
 * @attrs: the key
 *
 * An expired key may no longer be used at all (-EKEYEXPIRED).
 *
 * Return: true if it is.
 */
bool keyseal_policy_expired(const struct keyseal_attrs *attrs)
{
	return attrs->not_after &&
	       ktime_get_real_seconds() >= attrs->not_after;
}

/**
 * keyseal_policy_use() - whether a key may act in a role
 * @attrs: the key
 * @usage: the role: KEYSEAL_USAGE_KEK to wrap or be a parent,
 *	KEYSEAL_USAGE_AEAD to encrypt or decrypt data, KEYSEAL_USAGE_X25519 or
 *	KEYSEAL_USAGE_P256 to receive or send a key, KEYSEAL_USAGE_SECRET to
 *	serve an in-kernel consumer
 *
 * Return: 0, -EKEYREJECTED if the key's usage is another, -EKEYEXPIRED.
 */
int keyseal_policy_use(const struct keyseal_attrs *attrs, u8 usage)
{
	if (attrs->usage != usage)
		return -EKEYREJECTED;
	return keyseal_policy_expired(attrs) ? -EKEYEXPIRED : 0;
}

/**
 * keyseal_policy_export() - whether a key may leave for a target
 * @attrs: the key
 * @target: KEYSEAL_TARGET_*
 *
 * A key may always be sealed under its own parent: that is how it persists.
 * Any other KEK or a recipient needs the exportable flag; the clear needs the
 * plaintext flag.
 *
 * Return: 0, -EPERM, -EKEYEXPIRED, or -EINVAL for an unknown target.
 */
int keyseal_policy_export(const struct keyseal_attrs *attrs,
			  unsigned int target)
{
	if (keyseal_policy_expired(attrs))
		return -EKEYEXPIRED;

	switch (target) {
	case KEYSEAL_TARGET_PARENT:
		return 0;
	case KEYSEAL_TARGET_KEK:
	case KEYSEAL_TARGET_RECIPIENT:
		return attrs->key_flags & KEYSEAL_FLAG_EXPORTABLE ? 0 : -EPERM;
	case KEYSEAL_TARGET_PLAINTEXT:
		return attrs->key_flags & KEYSEAL_FLAG_PLAINTEXT ? 0 : -EPERM;
	}
	return -EINVAL;
}

/**
 * keyseal_policy_bridge() - whether a key's material may be copied into a
 *	key of another type for an in-kernel consumer
 * @attrs: the key
 * @max_len: the longest material the consumer's key type takes
 * @want_len: the length the caller says the consumer needs, or 0
 *
 * Only a secret key may serve: it is the usage made for in-kernel
 * consumers, and no other usage's material may take a second role. Its
 * material stays in the kernel (the types it goes to cannot be read from
 * userspace), so this is a use of the key, not an export: neither flag is
 * needed.
 *
 * Return: 0, -EKEYREJECTED for another usage or a length the consumer
 * cannot take, -EKEYEXPIRED.
 */
int keyseal_policy_bridge(const struct keyseal_attrs *attrs,
			  unsigned int max_len, unsigned int want_len)
{
	int ret = keyseal_policy_use(attrs, KEYSEAL_USAGE_SECRET);

	if (ret)
		return ret;
	if (attrs->key_len > max_len ||
	    (want_len && attrs->key_len != want_len))
		return -EKEYREJECTED;
	return 0;
}

/**
 * keyseal_policy_restrict() - whether a key's flags may become @key_flags
 * @attrs: the key
 * @key_flags: the new KEYSEAL_FLAG_* set
 *
 * Return: 0 if @key_flags only clears flags, -EPERM if it sets one.
 */
int keyseal_policy_restrict(const struct keyseal_attrs *attrs, u8 key_flags)
{
	return key_flags & ~attrs->key_flags ? -EPERM : 0;
}

/**
 * keyseal_policy_clear_import() - whether the caller may bring in a key
 *	whose material it knows
 *
 * Key material from userspace could be anything, including a key someone
 * else holds. Only an administrator of the whole system may vouch for it:
 * root in a user namespace of its own is anyone at all.
 *
 * Return: 0 or -EPERM.
 */
int keyseal_policy_clear_import(void)
{
	return capable(CAP_SYS_ADMIN) ? 0 : -EPERM;
}

/**
 * keyseal_policy_key_vouches() - whether a key's material is known to
 *	nobody outside this kernel
 * @attrs: the key
 *
 * True of a key made in a keyseal kernel that never had a flag that let it
 * leave, and that only ever lived under KEKs that vouch: its provenance
 * says all three, and keyseal_policy_loaded_provenance() and
 * keyseal_policy_store() take them away as soon as one stops being true.
 * A KEK like this vouches for the blobs it opens: no one else can have
 * sealed them.
 *
 * Return: true if it vouches.
 */
bool keyseal_policy_key_vouches(const struct keyseal_attrs *attrs)
{
	return attrs->provenance == (KEYSEAL_ORIGIN_GENERATED |
				     KEYSEAL_PROV_HISTORY);
}

/**
 * keyseal_policy_root_vouches() - whether a root key vouches for the blobs
 *	it opens
 * @key: a root key (user, logon, trusted or encrypted)
 *
 * Only if the system's administrator made it and no one can read its
 * material back: a logon, trusted or encrypted key owned by root of the
 * initial user namespace. Anyone can make a user or logon key of material
 * they know and seal anything under it; a user key can be read back by
 * whoever may read it.
 *
 * Return: true if it vouches.
 */
bool keyseal_policy_root_vouches(const struct key *key)
{
	const char *type = key->type->name;

	if (!uid_eq(key->uid, GLOBAL_ROOT_UID))
		return false;
	return !strcmp(type, "logon") || !strcmp(type, "trusted") ||
	       !strcmp(type, "encrypted");
}

/**
 * keyseal_policy_found_key() - whether a key found by name may serve
 * @key: a KEK or exchange key found by name or fingerprint in the caller's
 *	keyrings
 *
 * A process can run in keyrings someone else prepared (a helper started
 * without pam_keyinit, say), where a key of any name may be waiting for
 * it. A key found by name serves only if it belongs to the caller or to
 * root; one named by serial is the caller's explicit choice.
 *
 * Return: true if it may serve.
 */
bool keyseal_policy_found_key(const struct key *key)
{
	return uid_eq(key->uid, current_fsuid()) ||
	       uid_eq(key->uid, GLOBAL_ROOT_UID);
}

/**
 * keyseal_policy_store() - whether a key may be sealed under a KEK, and
 *	what its provenance says there
 * @attrs: the key; its history bits are dropped under a KEK that does not
 *	vouch, since whoever knows that KEK can open the blob
 * @kek_vouches: whether the KEK vouches (see keyseal_policy_key_vouches())
 * @kek_may_leave: whether the KEK is itself exportable
 *
 * A key is never more protected than its parent: whatever reaches the
 * parent's material reaches the key's. So a key that may not leave cannot
 * live under a KEK that may.
 *
 * Return: 0 or -EPERM.
 */
int keyseal_policy_store(struct keyseal_attrs *attrs, bool kek_vouches,
			 bool kek_may_leave)
{
	if (kek_may_leave && !(attrs->key_flags & KEYSEAL_FLAG_EXPORTABLE))
		return -EPERM;
	if (!kek_vouches)
		attrs->provenance &= ~KEYSEAL_PROV_HISTORY;
	return 0;
}

/**
 * keyseal_policy_provenance() - the provenance of a key new to this kernel
 * @origin: KEYSEAL_ORIGIN_*
 * @key_flags: its flags
 *
 * Only material made here can claim never to have been in the clear or
 * exportable.
 *
 * Return: KEYSEAL_ORIGIN_* | KEYSEAL_PROV_*.
 */
u8 keyseal_policy_provenance(u8 origin, u8 key_flags)
{
	u8 provenance = origin;

	if (origin != KEYSEAL_ORIGIN_GENERATED)
		return provenance;
	if (!(key_flags & KEYSEAL_FLAG_PLAINTEXT))
		provenance |= KEYSEAL_PROV_ALWAYS_SENSITIVE;
	if (!(key_flags & KEYSEAL_FLAG_EXPORTABLE))
		provenance |= KEYSEAL_PROV_NEVER_EXPORTABLE;
	return provenance;
}

/**
 * keyseal_policy_loaded_provenance() - the provenance a key opened from a
 *	blob keeps
 * @claimed: the provenance the blob carries
 * @vouched: whether something the kernel trusts vouches for the blob's
 *	author: a KEK that vouches (keyseal_policy_key_vouches(),
 *	keyseal_policy_root_vouches()) for a blob under a KEK; for a
 *	recipient blob, see keyseal_policy_sender_vouched()
 *
 * An authentic blob proves only that its author knew the key that opens
 * it. Unless that author can only be a keyseal kernel, "generated in a
 * keyseal kernel, always sensitive, never exportable" is a claim anyone
 * could make about any material: the key counts as wrapped outside any
 * keyseal kernel, "external", and its history goes (the codec allows it
 * only on generated keys). "Imported in the clear" and "external" claim
 * nothing and are kept.
 *
 * Return: the provenance for the new key.
 */
u8 keyseal_policy_loaded_provenance(u8 claimed, bool vouched)
{
	u8 origin = claimed & KEYSEAL_PROV_ORIGIN_MASK;

	if (vouched)
		return claimed;
	if (origin == KEYSEAL_ORIGIN_GENERATED)
		return KEYSEAL_ORIGIN_EXTERNAL;
	return origin;
}

/**
 * keyseal_policy_sender_vouched() - whether a recipient blob's provenance
 *	can be believed
 * @sender_expected: the blob is in auth mode and comes from the sender
 *	public key the importer said it expects
 * @recipient_vouches: the exchange key that opened it vouches (its private
 *	key is known to nobody outside this kernel)
 *
 * Anyone can seal a key to a public key, so a base-mode blob's author is
 * unknown. Auth mode proves the blob was made with the sender's private
 * key, or with the recipient's: HPKE's auth mode does not resist key
 * compromise impersonation, so it proves nothing if the recipient's key
 * may be known. And a sender key says nothing about where its private
 * half lives (a userspace sender can have one): only an administrator can
 * vouch that the sender is a keyseal kernel.
 *
 * Return: true if the blob's provenance is kept.
 */
bool keyseal_policy_sender_vouched(bool sender_expected,
				   bool recipient_vouches)
{
	return sender_expected && recipient_vouches && capable(CAP_SYS_ADMIN);
}
