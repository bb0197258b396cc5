// SPDX-License-Identifier: GPL-2.0
/*
 * Audit records of keys leaving and entering (audit.h has the format and
 * how an operation adds its record).
 */

#include <linux/audit.h>
#include <linux/kernel.h>
#include <linux/minmax.h>
#include <linux/string.h>

#include "audit.h"
#include "kek.h"
#include "usage.h"

static const char *const op_names[] = {
	[KEYSEAL_AUDIT_EXPORT] = "keyseal-export",
	[KEYSEAL_AUDIT_REWRAP] = "keyseal-rewrap",
	[KEYSEAL_AUDIT_LOAD] = "keyseal-load",
	[KEYSEAL_AUDIT_IMPORT] = "keyseal-import",
	[KEYSEAL_AUDIT_BRIDGE] = "keyseal-bridge",
};

static const char *const target_names[] = {
	[KEYSEAL_AUDIT_TO_PARENT] = "parent",
	[KEYSEAL_AUDIT_TO_KEK] = "kek",
	[KEYSEAL_AUDIT_TO_PLAINTEXT] = "plaintext",
	[KEYSEAL_AUDIT_TO_RECIPIENT] = "recipient",
	[KEYSEAL_AUDIT_TO_RSA] = "rsa",
	[KEYSEAL_AUDIT_FROM_CLEAR] = "clear",
	[KEYSEAL_AUDIT_TO_LOGON] = "logon",
	[KEYSEAL_AUDIT_TO_FSCRYPT] = "fscrypt",
};

static const char *name_of(const char *const *names, size_t count,
			   unsigned int i)
{
	return i < count && names[i] ? names[i] : "?";
}

/* As hex; %*phN prints at most 64 bytes at a time. */
static void log_hex(struct audit_buffer *ab, const u8 *buf, size_t len)
{
	size_t n;

	for (; len; buf += n, len -= n) {
		n = min_t(size_t, len, 64);
		audit_log_format(ab, "%*phN", (int)n, buf);
	}
}

/*
 * A name someone chose (a key's description), as audit writes such
 * strings: quoted if it is all printable and has no quote or space, else
 * in hex.
 */
static void log_untrusted(struct audit_buffer *ab, const char *field,
			  const char *s)
{
	size_t len = strlen(s), i;

	for (i = 0; i < len; i++) {
		unsigned char c = s[i];

		if (c == '"' || c < 0x21 || c > 0x7e)
			break;
	}
	if (i == len) {
		audit_log_format(ab, " %s=\"%s\"", field, s);
		return;
	}
	audit_log_format(ab, " %s=", field);
	log_hex(ab, s, len);
}

static void log_kek(struct audit_buffer *ab, const char *field,
		    const struct keyseal_audit_kek *kek)
{
	if (!kek->known) {
		audit_log_format(ab, " %s=? %s_fp=?", field, field);
		return;
	}
	log_untrusted(ab, field, kek->name);
	audit_log_format(ab, " %s_fp=%*phN", field, KEYSEAL_FINGERPRINT_SIZE,
			 kek->fp);
}

/**
 * keyseal_audit() - record that a key left or entered, or failed to
 * @op: what happened
 * @serial: the key's serial; 0 if there is none (a REWRAP of a blob, a key
 *	that failed to enter)
 * @attrs: what the key is (as its blob claims, until the blob is opened),
 *	or NULL if not known
 * @target: where it went or came from
 * @result: 0, a negative errno, or KEYSEAL_AUDIT_FAILED_ELSEWHERE
 *
 * Records are made while auditing is enabled (auditd running, audit=1, or
 * auditctl -e 1), as other records of the kernel's configuration are.
 */
void keyseal_audit(enum keyseal_audit_op op, key_serial_t serial,
		   const struct keyseal_attrs *attrs,
		   const struct keyseal_audit_target *target, int result)
{
	struct audit_buffer *ab;

	if (!audit_enabled)
		return;
	ab = audit_log_start(audit_context(), GFP_KERNEL, AUDIT_KERNEL_OTHER);
	if (!ab)
		return;

	audit_log_format(ab, "op=%s serial=%d",
			 name_of(op_names, ARRAY_SIZE(op_names), op), serial);
	if (attrs)
		audit_log_format(ab, " key_id=%*phN usage=%s",
				 KEYSEAL_KEY_ID_SIZE, attrs->key_id,
				 keyseal_usage_name(attrs->usage));
	else
		audit_log_format(ab, " key_id=? usage=?");
	audit_log_format(ab, " target=%s",
			 name_of(target_names, ARRAY_SIZE(target_names),
				 target->kind));
	log_kek(ab, "kek", &target->kek);
	if (target->pub_fp_len) {
		audit_log_format(ab, " pub_fp=");
		log_hex(ab, target->pub_fp, target->pub_fp_len);
	} else {
		audit_log_format(ab, " pub_fp=?");
	}
	log_kek(ab, "parent", &target->parent);
	if (target->copy[0]) {
		log_untrusted(ab, "copy", target->copy);
		audit_log_format(ab, " copy_serial=%d", target->copy_serial);
	} else {
		audit_log_format(ab, " copy=? copy_serial=?");
	}
	audit_log_task_info(ab);
	if (result == KEYSEAL_AUDIT_FAILED_ELSEWHERE)
		audit_log_format(ab, " res=0 errno=?");
	else
		audit_log_format(ab, " res=%d errno=%d", !result, -result);
	audit_log_end(ab);
}

/**
 * keyseal_audit_kek_name() - name a KEK in a record
 * @slot: the record's kek or parent
 * @name: "type:description", not necessarily NUL-terminated
 * @name_len: its length
 * @fp: its fingerprint
 */
void keyseal_audit_kek_name(struct keyseal_audit_kek *slot, const char *name,
			    size_t name_len, const u8 *fp)
{
	name_len = min_t(size_t, name_len, KEYSEAL_PARENT_MAX);
	memcpy(slot->name, name, name_len);
	slot->name[name_len] = '\0';
	memcpy(slot->fp, fp, KEYSEAL_FINGERPRINT_SIZE);
	slot->known = true;
}

/**
 * keyseal_audit_kek() - name a KEK in use in a record
 * @slot: the record's kek or parent
 * @kek: the KEK
 */
void keyseal_audit_kek(struct keyseal_audit_kek *slot, struct keyseal_kek *kek)
{
	keyseal_audit_kek_name(slot, kek->name, kek->name_len,
			       keyseal_kek_fingerprint(kek));
}

/**
 * keyseal_audit_pub() - name the public key a key went to in a record
 * @target: the record's target
 * @fp: the public key's fingerprint
 * @fp_len: its length, at most KEYSEAL_FINGERPRINT_SIZE
 */
void keyseal_audit_pub(struct keyseal_audit_target *target, const u8 *fp,
		       size_t fp_len)
{
	fp_len = min_t(size_t, fp_len, sizeof(target->pub_fp));
	memcpy(target->pub_fp, fp, fp_len);
	target->pub_fp_len = fp_len;
}

/**
 * keyseal_audit_copy() - name the key a bridge made in a record
 * @target: the record's target
 * @type: the new key's type
 * @description: its description
 * @serial: its serial
 */
void keyseal_audit_copy(struct keyseal_audit_target *target,
			const char *type, const char *description,
			key_serial_t serial)
{
	/* A long description is cut: the record names, it does not hold. */
	snprintf(target->copy, sizeof(target->copy), "%s:%s", type,
		 description);
	target->copy_serial = serial;
}
