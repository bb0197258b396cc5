/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Key-encryption keys: the parents sealed keys are stored under.
 */
#ifndef _KEYSEAL_KEK_H
#define _KEYSEAL_KEK_H

#include <linux/key.h>

#include "command.h"
#include "crypto.h"
#include "keyseal.h"

/* A root KEK must carry at least this many bytes of material. */
#define KEYSEAL_KEK_MIN_SIZE	32

/**
 * struct keyseal_kek - a KEK in use, with a copy of its material
 * @key: the key, referenced
 * @material: a copy of its secret, wiped when released
 * @len: its length
 * @fingerprint: HMAC-SHA256 of a fixed label under the material; use
 *	keyseal_kek_fingerprint(), which computes it when first needed
 * @fingerprint_ready: whether @fingerprint is computed
 * @name: "type:description", NUL-terminated
 * @name_len: its length
 * @pinned: which root key type module is held for it (KEK_PINNED_*)
 * @vouches: only this kernel can have sealed a blob under it
 *	(keyseal_policy_root_vouches(), keyseal_policy_key_vouches())
 * @may_leave: it is a sealed KEK with the exportable flag
 */
struct keyseal_kek {
	struct key *key;
	u8 *material;
	size_t len;
	u8 fingerprint[KEYSEAL_FINGERPRINT_SIZE];
	bool fingerprint_ready;
	char name[KEYSEAL_PARENT_MAX + 1];
	size_t name_len;
	u8 pinned;
	bool vouches;
	bool may_leave;
};

enum {
	KEK_PINNED_NONE,
	KEK_PINNED_ENCRYPTED,
	KEK_PINNED_TRUSTED,
};

/**
 * struct keyseal_kek_ref - how a caller names a KEK
 * @serial: a key serial, or 0
 * @name: if @serial is 0, "type:description" to find in the caller's
 *	keyrings; if NULL too, the module's default parent
 * @name_len: its length
 */
struct keyseal_kek_ref {
	key_serial_t serial;
	const char *name;
	size_t name_len;
};

/* The KEK a command's option names. */
static inline struct keyseal_kek_ref
keyseal_cmd_kek_ref(const struct keyseal_cmd_key *key)
{
	struct keyseal_kek_ref ref = { key->serial, key->name, key->name_len };

	return ref;
}

int keyseal_kek_get(const struct keyseal_kek_ref *ref,
		    const struct key *exclude, struct keyseal_kek *kek);
struct key *keyseal_keyrings_search(struct key_type *type,
				    const char *criterion);
struct key *keyseal_key_find(struct key_type *type, const char *description);
int keyseal_kek_find(const char *name,
		     size_t name_len, const struct key *exclude,
		     struct keyseal_kek *kek);
int keyseal_kek_from_serial(key_serial_t serial,
			    struct keyseal_kek *kek);
void keyseal_kek_fingerprint_of(const u8 *material, size_t len,
				u8 fingerprint[KEYSEAL_FINGERPRINT_SIZE]);
const u8 *keyseal_kek_fingerprint(struct keyseal_kek *kek);
bool keyseal_kek_is(struct keyseal_kek *kek, const u8 *fingerprint);
int keyseal_kek_admit(const struct keyseal_kek *kek,
		      struct keyseal_attrs *attrs);
void keyseal_kek_release(struct keyseal_kek *kek);

#endif /* _KEYSEAL_KEK_H */
