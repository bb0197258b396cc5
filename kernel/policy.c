// SPDX-License-Identifier: GPL-2.0
/*
 * What a sealed key may do. Usages never overlap (a KEK never touches data,
 * a data key never wraps), flags only ever get stricter, and no key acts
 * past its not-after time.
 */

#include <linux/capability.h>
#include <linux/cred.h>
#include <linux/key.h>
#include <linux/timekeeping.h>
#include <linux/uidgid.h>

#include "policy.h"

/**
 * keyseal_policy_live() - whether a key may still be used at all
 * @attrs: the key
 *
 * Return: 0, or -EKEYEXPIRED past its not-after time.
 */
int keyseal_policy_live(const struct keyseal_attrs *attrs)
{
	if (attrs->not_after && ktime_get_real_seconds() >= attrs->not_after)
		return -EKEYEXPIRED;
	return 0;
}

/**
 * keyseal_policy_use() - whether a key may act in a role
 * @attrs: the key
 * @usage: the role: KEYSEAL_USAGE_KEK to wrap or be a parent,
 *	KEYSEAL_USAGE_AEAD to encrypt or decrypt data, KEYSEAL_USAGE_X25519 or
 *	KEYSEAL_USAGE_P256 to receive or send a key
 *
 * Return: 0, -EKEYREJECTED if the key's usage is another, -EKEYEXPIRED.
 */
int keyseal_policy_use(const struct keyseal_attrs *attrs, u8 usage)
{
	if (attrs->usage != usage)
		return -EKEYREJECTED;
	return keyseal_policy_live(attrs);
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
	int ret = keyseal_policy_live(attrs);

	if (ret)
		return ret;

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
 * keyseal_policy_received_provenance() - the provenance a key received in a
 *	recipient blob keeps
 * @claimed: the provenance the blob carries
 * @sender_vouched: whether the blob is in auth mode and comes from the
 *	sender public key the importer said it expects
 *
 * Anyone can seal a key to a public key. In base mode the author of a
 * recipient blob is unknown, so "generated in a keyseal kernel, always
 * sensitive, never exportable" is only a claim anyone could make about any
 * material. In auth mode the blob proves it was made with the sender's
 * private key, but that says nothing about where that key lives (a
 * userspace sender can have one) until the importer names the sender it
 * expects: then it vouches for that sender, and the sending kernel's
 * history is kept. Otherwise the key counts as wrapped outside any keyseal
 * kernel: "generated" becomes "external" and the history bits go (the
 * codec allows them only on generated keys). "Imported in the clear" and
 * "external" already claim nothing and are kept.
 *
 * Return: the provenance for the new key.
 */
u8 keyseal_policy_received_provenance(u8 claimed, bool sender_vouched)
{
	u8 origin = claimed & KEYSEAL_PROV_ORIGIN_MASK;

	if (sender_vouched)
		return claimed;
	if (origin == KEYSEAL_ORIGIN_GENERATED)
		return KEYSEAL_ORIGIN_EXTERNAL;
	return origin;
}
