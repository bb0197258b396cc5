// SPDX-License-Identifier: GPL-2.0
/*
 * The errno model of hostile_test (hostile_model.h): for each mutated blob
 * or command, the one outcome the module must give, judged from the keys
 * of the session alone.
 *
 * - Input the module's own codec or parser rejects (compiled in here from
 *   the same sources) fails with EINVAL, and nothing else does.
 * - A well-formed blob under a KEK fails as the session's keys say it must:
 *   ENOKEY if the KEK it names is not here, EKEYREJECTED if that key cannot
 *   be a KEK or has another fingerprint, EINVAL if its type can hold no
 *   KEK, and EBADMSG otherwise (predict_kek_blob).
 * - A recipient blob fails with ENOKEY, EKEYREJECTED or EBADMSG by the same
 *   rules (predict_recipient_blob); a sender named for it must be the one
 *   it is from (predict_sender).
 * - An opened blob past its expiry gives EKEYEXPIRED; key material in the
 *   clear must be valid for its usage (predict_material); the parent the
 *   key is stored under is judged as any KEK reference (resolve_cmd_kek).
 * - Only an untouched blob, or one in the clear, succeeds.
 * - REWRAP moves a key to its own parent always, elsewhere only if it is
 *   exportable (EPERM); an update that would make a key is refused with
 *   EEXIST, a restrict that loosens a flag with EPERM.
 * - A key's provenance is what the KEK that opened it vouches for (R2).
 */

#include <errno.h>
#include <string.h>
#include <time.h>

#include "armor.h"
#include "dh_group.h"
#include "hostile_model.h"
#include "usage.h"

/* The key here with @serial, or else with the name @name of @len bytes. */
const struct known_key *find_known(const struct hostile_session *s,
				   const char *name, size_t len,
				   key_serial_t serial)
{
	unsigned int i;

	for (i = 0; i < s->nknown; i++) {
		const struct known_key *k = &s->known[i];

		if (serial ? k->serial == serial :
		    strlen(k->name) == len && !memcmp(k->name, name, len))
			return k;
	}
	return NULL;
}

/* Whether @got is what @expected predicts (OK: any success). */
bool as_predicted(long expected, long got)
{
	if (expected == OK)
		return got >= 0;
	if (expected == ANY_LOOKUP)
		return got == -ENOKEY || got == -EACCES || got == -EKEYREJECTED ||
		       got == -EKEYREVOKED || got == -EKEYEXPIRED;
	return got == expected;
}

bool is_source(const struct hostile_session *s, const u8 *buf, u32 len)
{
	unsigned int i;

	for (i = 0; i < SRC_COUNT; i++)
		if (len == s->src[i].len && !memcmp(buf, s->src[i].blob, len))
			return true;
	return false;
}

bool well_formed(const u8 *buf, u32 len, struct keyseal_blob *b)
{
	return len && len <= KEYSEAL_BLOB_MAX_SIZE &&
	       !keyseal_blob_parse(buf, len, b);
}

/* --- predictions ---------------------------------------------------------- */

/* Whether "type:..." names a type that can hold a KEK. */
static bool kek_type(const char *name, size_t len)
{
	static const char *const types[] = {
		"user:", "logon:", "sealed:", "encrypted:", "trusted:",
	};
	unsigned int i;

	for (i = 0; i < sizeof(types) / sizeof(types[0]); i++)
		if (len > strlen(types[i]) &&
		    !memcmp(name, types[i], strlen(types[i])))
			return true;
	return false;
}

/*
 * The KEK a reference resolves to (by serial, else by name), as an outcome:
 * OK with *@kek set, or the error. @exclude may not serve.
 */
static int resolve_kek(const struct hostile_session *s, key_serial_t serial,
		       const char *name, size_t len, key_serial_t exclude,
		       const struct known_key **kek)
{
	const struct known_key *k;

	if (!serial && !kek_type(name, len))
		return -EINVAL;
	k = find_known(s, name, len, serial);
	if (!k)
		return serial ? ANY_LOOKUP : -ENOKEY;
	if (k->kind != KIND_KEK || k->serial == exclude)
		return -EKEYREJECTED;
	*kek = k;
	return OK;
}

/* The KEK a command's key option names, or the default parent. */
static int resolve_cmd_kek(const struct hostile_session *s,
			   const struct keyseal_cmd_key *ref,
			   key_serial_t exclude, const struct known_key **kek)
{
	if (ref->serial || ref->name)
		return resolve_kek(s, ref->serial, ref->name, ref->name_len,
				   exclude, kek);
	return resolve_kek(s, 0, "logon:keyseal:root", 18, exclude, kek);
}

/*
 * Opening a KEK blob with the KEK a caller names (@serial or @name), or
 * else with the one the blob names.
 */
static int predict_kek_blob(const struct hostile_session *s,
			    const struct keyseal_blob *b, key_serial_t serial,
			    const char *name, size_t name_len, bool original)
{
	const struct known_key *kek;
	int ret;

	if (!serial && !name) {
		name = b->parent;
		name_len = b->parent_len;
	}
	ret = resolve_kek(s, serial, name, name_len, 0, &kek);
	if (ret != OK)
		return ret;
	if (memcmp(kek->fp, b->parent_fp, KEYSEAL_FINGERPRINT_SIZE))
		return -EKEYREJECTED;
	return original ? OK : -EBADMSG;
}

/*
 * Opening a recipient blob with the exchange key a caller names, or else
 * with the one whose fingerprint the blob carries.
 */
static int predict_recipient_blob(const struct hostile_session *s,
				  const struct keyseal_blob *b,
				  key_serial_t serial, const char *name,
				  size_t name_len, bool original)
{
	const struct known_key *k = NULL;
	unsigned int i;

	if (serial || name) {
		if (name && (name_len < 8 || memcmp(name, "sealed:", 7)))
			return name_len <= 7 ? -EINVAL : -EKEYREJECTED;
		k = find_known(s, name, name_len, serial);
		if (!k)
			return serial ? ANY_LOOKUP : -ENOKEY;
	} else {
		for (i = 0; i < s->nknown; i++)
			if (s->known[i].kind == KIND_EXCHANGE &&
			    !memcmp(s->known[i].fp, b->recipient_fp,
				    KEYSEAL_FINGERPRINT_SIZE))
				k = &s->known[i];
		if (!k)
			return -ENOKEY;
	}
	if (k->kind != KIND_EXCHANGE || b->kem_id != k->kem ||
	    memcmp(k->fp, b->recipient_fp, KEYSEAL_FINGERPRINT_SIZE))
		return -EKEYREJECTED;
	return original ? OK : -EBADMSG;
}

static bool expired(u64 not_after)
{
	return not_after && (u64)time(NULL) >= not_after;
}

/* Known key material: only a valid P-256 scalar can be a p256 key. */
static int predict_material(u8 usage, const u8 *material)
{
	if (usage == KEYSEAL_USAGE_P256 &&
	    !keyseal_dh_private_valid(KEYSEAL_KEM_P256_HKDF_SHA256, material,
				      KEYSEAL_DH_PRIVATE_SIZE))
		return -EINVAL;
	return OK;
}

/* Expected sender of a "load": the blob must be from it (auth mode). */
static int predict_sender(const struct keyseal_blob *b, const u8 *pk,
			  u16 pk_len)
{
	if (!pk_len)
		return OK;
	if (pk_len != KEYSEAL_X25519_PUBLIC_SIZE &&
	    pk_len != KEYSEAL_P256_PUBLIC_SIZE)
		return -EINVAL;
	if (b->scheme != KEYSEAL_SCHEME_HPKE_AUTH || b->sender_pk_len != pk_len ||
	    memcmp(b->sender_pk, pk, pk_len))
		return -EKEYREJECTED;
	return OK;
}

/*
 * What "load" of a binary blob must give, with the options of @cmd (NULL:
 * none). For IMPORT, @unwrap is the serial of the key that opens the blob.
 */
int predict_load(const struct hostile_session *s, const u8 *buf, u32 len,
		 const struct keyseal_cmd *cmd, key_serial_t unwrap)
{
	static const struct keyseal_cmd none;
	bool original = is_source(s, buf, len);
	const struct known_key *kek;
	struct keyseal_blob b;
	int ret;

	if (!cmd)
		cmd = &none;
	if (!well_formed(buf, len, &b))
		return -EINVAL;

	switch (b.scheme) {
	case KEYSEAL_SCHEME_KEK:
		/* The KEK that opens it is the parent: nothing else to name. */
		if (cmd->recipient.name || cmd->recipient.serial)
			return -EINVAL;
		ret = predict_kek_blob(s, &b, unwrap ? unwrap :
				       cmd->parent.serial, cmd->parent.name,
				       cmd->parent.name_len, original);
		if (ret != OK)
			return ret;
		break;
	case KEYSEAL_SCHEME_PLAINTEXT:
		if (unwrap || cmd->recipient.name || cmd->recipient.serial)
			return -EINVAL;
		break;
	default:
		ret = predict_recipient_blob(s, &b, unwrap ? unwrap :
					     cmd->recipient.serial,
					     cmd->recipient.name,
					     cmd->recipient.name_len, original);
		if (ret == OK || ret == -EBADMSG)
			ret = predict_sender(&b, cmd->sender_pk,
					     cmd->sender_pk_len) == OK ? ret :
			      predict_sender(&b, cmd->sender_pk,
					     cmd->sender_pk_len);
		if (ret != OK)
			return ret;
		break;
	}
	/* Opened, or in the clear: expiry, then the key stored. */
	if (expired(b.not_after))
		return -EKEYEXPIRED;
	if (b.scheme == KEYSEAL_SCHEME_KEK)
		return OK;
	if (b.scheme == KEYSEAL_SCHEME_PLAINTEXT) {
		ret = predict_material(b.usage, b.body);
		if (ret != OK)
			return ret;
	}
	return resolve_cmd_kek(s, &cmd->parent, 0, &kek);
}

/* What no KEK vouches for (R2): generated becomes external, no history. */
u8 unvouched(u8 provenance)
{
	u8 origin = provenance & KEYSEAL_PROV_ORIGIN_MASK;

	return origin == KEYSEAL_ORIGIN_GENERATED ? KEYSEAL_ORIGIN_EXTERNAL :
	       origin;
}

/* Whether the KEK whose fingerprint a blob carries vouches for it. */
bool opener_vouches(const struct hostile_session *s,
		    const struct keyseal_blob *b)
{
	unsigned int i;

	for (i = 0; i < s->nknown; i++)
		if (s->known[i].kind == KIND_KEK &&
		    !memcmp(s->known[i].fp, b->parent_fp,
			    KEYSEAL_FINGERPRINT_SIZE))
			return s->known[i].vouches;
	return false;
}

/* What REWRAP under user:kmk2 must give. */
int predict_rewrap(const struct hostile_session *s, const u8 *buf, u32 len,
		   key_serial_t unwrap)
{
	const struct known_key *kmk2 = find_known(s, "user:kmk2", 9, 0);
	struct keyseal_blob b;
	int ret;

	if (!well_formed(buf, len, &b) || b.scheme != KEYSEAL_SCHEME_KEK)
		return -EINVAL;
	ret = predict_kek_blob(s, &b, unwrap, NULL, 0,
			       is_source(s, buf, len));
	if (ret != OK)
		return ret;
	/* Opened: to its own parent always, elsewhere if exportable. */
	if (!memcmp(kmk2->fp, b.parent_fp, KEYSEAL_FINGERPRINT_SIZE) ||
	    (b.key_flags & KEYSEAL_FLAG_EXPORTABLE))
		return OK;
	return -EPERM;
}

/*
 * What a parsed command must give when it makes a key (add) or when it is
 * made before update refuses to replace the key (-EEXIST then follows).
 * @out_kek is set to the parent a "new" or "import" key gets.
 */
int predict_made(const struct hostile_session *s,
		 const struct keyseal_cmd *cmd,
		 const struct known_key **out_kek)
{
	u8 blob[KEYSEAL_BLOB_MAX_SIZE], material[KEYSEAL_SECRET_MAX];
	int len, ret;

	switch (cmd->verb) {
	case KEYSEAL_CMD_NEW:
		if (expired(cmd->not_after))
			return -EKEYEXPIRED;
		return resolve_cmd_kek(s, &cmd->parent, 0, out_kek);
	case KEYSEAL_CMD_IMPORT:
		/* root: CAP_SYS_ADMIN, so a clear import is allowed */
		if (expired(cmd->not_after))
			return -EKEYEXPIRED;
		keyseal_hex_decode(cmd->data, cmd->data_len, material,
				   sizeof(material));
		ret = predict_material(cmd->usage, material);
		if (ret != OK)
			return ret;
		return resolve_cmd_kek(s, &cmd->parent, 0, out_kek);
	case KEYSEAL_CMD_LOAD:
		len = keyseal_armor_decode(cmd->data, cmd->data_len, blob,
					   sizeof(blob));
		if (len < 0)
			return -EINVAL;
		return predict_load(s, blob, len, cmd, 0);
	default:
		return -EINVAL;
	}
}

/* What an update of the target must give, and the KEK a rewrap goes to. */
int predict_update(const struct hostile_session *s,
		   const struct keyseal_cmd *cmd,
		   const struct known_key **kek)
{
	int ret;

	switch (cmd->verb) {
	case KEYSEAL_CMD_REWRAP:
		ret = resolve_cmd_kek(s, &cmd->parent, s->target, kek);
		if (ret != OK)
			return ret;
		if (!memcmp((*kek)->fp, s->target_parent_fp,
			    KEYSEAL_FINGERPRINT_SIZE) ||
		    (s->target_flags & KEYSEAL_FLAG_EXPORTABLE))
			return OK;
		return -EPERM;
	case KEYSEAL_CMD_RESTRICT:
		return cmd->key_flags & ~s->target_flags ? -EPERM : OK;
	default:
		ret = predict_made(s, cmd, kek);
		return ret == OK ? -EEXIST : ret;
	}
}
