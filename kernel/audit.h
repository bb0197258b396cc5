/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Audit records: one for every time a key leaves or enters.
 *
 * Each operation that moves a key across the kernel's edge makes exactly one
 * record of type AUDIT_KERNEL_OTHER with keyseal_audit(), when it is done,
 * success or failure:
 *
 *   op=keyseal-OP serial=N key_id=HEX usage=NAME target=KIND
 *   kek=NAME kek_fp=HEX pub_fp=HEX parent=NAME parent_fp=HEX
 *   ppid=... pid=... auid=... uid=... ... ses=... comm=... exe=...
 *   res=0|1 errno=N
 *
 * Every field is always there, "?" where it does not apply or is not known.
 * Documentation/admin-guide.rst ("Audit") says what each means. No field
 * ever holds secret material: identities, fingerprints and names only.
 *
 * How a caller fills one in:
 *
 *	at = keyseal_audit_target_new(KEYSEAL_AUDIT_TO_KEK);
 *	if (!at)
 *		return -ENOMEM;
 *	ret = keyseal_kek_from_serial(serial, &kek);
 *	if (!ret)
 *		keyseal_audit_kek(&at->kek, &kek);
 *	...
 *	keyseal_audit(KEYSEAL_AUDIT_EXPORT, key->serial, &attrs, at, ret);
 *	kfree(at);
 *
 * A new operation:
 *
 * - a target kind: if it is an EXPORT target, its KEYSEAL_TARGET_* value is
 *   its kind (KEYSEAL_AUDIT_TO_RSA is KEYSEAL_TARGET_RSA); otherwise a new
 *   KEYSEAL_AUDIT_* value from 16 up. Its name goes into target_names[] in
 *   audit.c. A public key it goes to is recorded with keyseal_audit_pub()
 *   (its fingerprint, up to KEYSEAL_FINGERPRINT_SIZE bytes), a KEK with
 *   keyseal_audit_kek() or keyseal_audit_kek_name().
 * - an operation that is not an export, rewrap, load or import gets a new
 *   enum keyseal_audit_op value and its name in op_names[] in audit.c.
 * - one keyseal_audit() call where the operation's result is final, in the
 *   function both the keyctl and the ioctl path go through, after the key
 *   and target are known. A request refused before keyseal holds the key
 *   (malformed, the key not found or not permitted) makes no record.
 * - a field of its own goes at the end of struct keyseal_audit_target and is
 *   printed before the caller's identity, "?" when unset, so that every
 *   record keeps the same fields in the same order.
 * - the record's description in Documentation/admin-guide.rst, and a check
 *   in selftests/audit_test.c.
 *
 * Gathering what a record needs can wait for keyseal_audit_on(): without
 * CONFIG_AUDIT it is constant false, and every function here an empty
 * inline.
 */
#ifndef _KEYSEAL_AUDIT_H
#define _KEYSEAL_AUDIT_H

#include <linux/audit.h>
#include <linux/key.h>
#include <linux/slab.h>
#include <linux/types.h>

#include "keyseal.h"

struct keyseal_kek;

/**
 * enum keyseal_audit_op - what happened to the key (the record's op=)
 * @KEYSEAL_AUDIT_EXPORT: "keyseal-export": the key left, sealed for a target
 *	(EXPORT ioctl, keyctl read)
 * @KEYSEAL_AUDIT_REWRAP: "keyseal-rewrap": the key was sealed under another
 *	KEK (REWRAP ioctl, keyctl update "rewrap")
 * @KEYSEAL_AUDIT_LOAD: "keyseal-load": the key entered from a blob (keyctl
 *	add "load", IMPORT ioctl)
 * @KEYSEAL_AUDIT_IMPORT: "keyseal-import": the key entered in the clear
 *	(keyctl add "import")
 * @KEYSEAL_AUDIT_BRIDGE: "keyseal-bridge": the key was handed to another
 *	kernel subsystem (dm-crypt, fscrypt; issue 11)
 */
enum keyseal_audit_op {
	KEYSEAL_AUDIT_EXPORT,
	KEYSEAL_AUDIT_REWRAP,
	KEYSEAL_AUDIT_LOAD,
	KEYSEAL_AUDIT_IMPORT,
	KEYSEAL_AUDIT_BRIDGE,
};

/*
 * Target kinds (target=): where the key went, or what it came from. An
 * EXPORT target's kind is its KEYSEAL_TARGET_* value.
 */
#define KEYSEAL_AUDIT_TO_PARENT		KEYSEAL_TARGET_PARENT	 /* "parent" */
#define KEYSEAL_AUDIT_TO_KEK		KEYSEAL_TARGET_KEK	 /* "kek" */
#define KEYSEAL_AUDIT_TO_PLAINTEXT	KEYSEAL_TARGET_PLAINTEXT /* "plaintext" */
#define KEYSEAL_AUDIT_TO_RECIPIENT	KEYSEAL_TARGET_RECIPIENT /* "recipient" */
#define KEYSEAL_AUDIT_TO_RSA		5	/* "rsa": KEYSEAL_TARGET_RSA */
#define KEYSEAL_AUDIT_FROM_CLEAR	16	/* "clear": clear-text import */
#define KEYSEAL_AUDIT_TO_LOGON		17	/* "logon": a bridge */
#define KEYSEAL_AUDIT_TO_FSCRYPT	18	/* "fscrypt": a bridge */

/**
 * struct keyseal_audit_kek - a KEK as a record names it
 * @known: whether it is filled in
 * @name: "type:description", NUL-terminated
 * @fp: its fingerprint
 */
struct keyseal_audit_kek {
	bool known;
	char name[KEYSEAL_PARENT_MAX + 1];
	u8 fp[KEYSEAL_FINGERPRINT_SIZE];
};

/**
 * struct keyseal_audit_target - where a key went or came from
 * @kind: KEYSEAL_AUDIT_TO_* or KEYSEAL_AUDIT_FROM_*
 * @kek: kek=, kek_fp=: the KEK the key was sealed under (export, rewrap)
 *	or opened with (load of a KEK blob)
 * @parent: parent=, parent_fp=: the KEK the key lives under: its parent
 *	(export, keyctl update), the KEK that opened the blob (REWRAP), the
 *	KEK the new key is stored under (load, import)
 * @pub_fp: pub_fp=: the fingerprint of the public key the key went to
 *	(recipient, rsa) or, for a load of a recipient blob, of the exchange
 *	key the blob names
 * @pub_fp_len: its length, 0 if none
 * @copy: copy=: a bridge's new key, "type:description", NUL-terminated;
 *	empty if none
 * @copy_serial: copy_serial=: its serial, 0 if none
 */
struct keyseal_audit_target {
	unsigned int kind;
	struct keyseal_audit_kek kek;
	struct keyseal_audit_kek parent;
	u8 pub_fp[KEYSEAL_FINGERPRINT_SIZE];
	u8 pub_fp_len;
	char copy[KEYSEAL_PARENT_MAX + 1];
	key_serial_t copy_serial;
};

#ifdef CONFIG_AUDIT
void keyseal_audit(enum keyseal_audit_op op, key_serial_t serial,
		   const struct keyseal_attrs *attrs,
		   const struct keyseal_audit_target *target, int result);
void keyseal_audit_kek(struct keyseal_audit_kek *slot,
		       struct keyseal_kek *kek);
void keyseal_audit_kek_name(struct keyseal_audit_kek *slot, const char *name,
			    size_t name_len, const u8 *fp);
void keyseal_audit_pub(struct keyseal_audit_target *target, const u8 *fp,
		       size_t fp_len);
void keyseal_audit_copy(struct keyseal_audit_target *target,
			const char *type, const char *description,
			key_serial_t serial);
#else
static inline void keyseal_audit(enum keyseal_audit_op op, key_serial_t serial,
				 const struct keyseal_attrs *attrs,
				 const struct keyseal_audit_target *target,
				 int result)
{
}

static inline void keyseal_audit_kek(struct keyseal_audit_kek *slot,
				     struct keyseal_kek *kek)
{
}

static inline void keyseal_audit_kek_name(struct keyseal_audit_kek *slot,
					  const char *name, size_t name_len,
					  const u8 *fp)
{
}

static inline void keyseal_audit_pub(struct keyseal_audit_target *target,
				     const u8 *fp, size_t fp_len)
{
}

static inline void keyseal_audit_copy(struct keyseal_audit_target *target,
				      const char *type,
				      const char *description,
				      key_serial_t serial)
{
}
#endif

/*
 * Whether records are being made: worth gathering what one needs. Callers
 * need not ask, keyseal_audit() does.
 */
static inline bool keyseal_audit_on(void)
{
	return IS_ENABLED(CONFIG_AUDIT) && audit_enabled;
}

/*
 * A target holds two KEK names: it lives on the heap, not in the frames of
 * the operations that fill it in. kfree() it when the record is made.
 */
static inline struct keyseal_audit_target *
keyseal_audit_target_new(unsigned int kind)
{
	struct keyseal_audit_target *at = kzalloc(sizeof(*at), GFP_KERNEL);

	if (at)
		at->kind = kind;
	return at;
}

/*
 * The result of an operation that failed where keyseal cannot see why: in
 * the keyring core, after keyseal opened the blob (errno=?).
 */
#define KEYSEAL_AUDIT_FAILED_ELSEWHERE	1

#endif /* _KEYSEAL_AUDIT_H */
