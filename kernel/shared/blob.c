// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * keyseal blob format v1: parse and serialise. All integers are big-endian.
 * A blob is a header, which is authenticated as the AEAD's associated data,
 * followed by the body (ciphertext and tag). Every field is checked on parse
 * against what version 1 allows, so a blob that parses names a key keyseal
 * can hold; the cryptography then decides whether it is genuine.
 */

#include "blob.h"
#include "usage.h"

static u16 get_be16(const u8 *p)
{
	return (u16)p[0] << 8 | p[1];
}

static u64 get_be64(const u8 *p)
{
	u64 v = 0;
	int i;

	for (i = 0; i < 8; i++)
		v = v << 8 | p[i];
	return v;
}

static void put_be16(u8 *p, u16 v)
{
	p[0] = v >> 8;
	p[1] = v;
}

static void put_be64(u8 *p, u64 v)
{
	int i;

	for (i = 7; i >= 0; i--) {
		p[i] = v;
		v >>= 8;
	}
}

/**
 * keyseal_parent_spec_valid() - whether a parent name is well formed
 * @spec: "type:description", not necessarily NUL-terminated
 * @len: its length
 *
 * A parent name is printable ASCII without spaces (it travels inside
 * space-separated keyctl commands), with a non-empty type and description.
 *
 * Return: true if it is.
 */
bool keyseal_parent_spec_valid(const char *spec, size_t len)
{
	size_t i, colon = 0;

	if (len < 3 || len > KEYSEAL_PARENT_MAX)
		return false;
	for (i = 0; i < len; i++) {
		if (spec[i] <= ' ' || spec[i] > '~')
			return false;
		if (spec[i] == ':' && !colon)
			colon = i;
	}
	return colon > 0 && colon < len - 1;
}

static int scheme_ids_valid(const struct keyseal_blob *blob)
{
	switch (blob->scheme) {
	case KEYSEAL_SCHEME_KEK:
		return blob->kem_id == 0 &&
		       blob->kdf_id == KEYSEAL_KDF_HKDF_SHA256 &&
		       blob->aead_id == KEYSEAL_AEAD_AES256GCM;
	case KEYSEAL_SCHEME_HPKE_BASE:
	case KEYSEAL_SCHEME_HPKE_AUTH:
		return keyseal_usage_kem_public_size(blob->kem_id) &&
		       blob->kdf_id == KEYSEAL_KDF_HKDF_SHA256 &&
		       blob->aead_id == KEYSEAL_AEAD_AES256GCM;
	case KEYSEAL_SCHEME_PLAINTEXT:
		return !blob->kem_id && !blob->kdf_id && !blob->aead_id;
	}
	return 0;
}

static int provenance_valid(u8 provenance, u8 key_flags)
{
	u8 origin = provenance & KEYSEAL_PROV_ORIGIN_MASK;

	if (provenance & ~(KEYSEAL_PROV_ORIGIN_MASK |
			   KEYSEAL_PROV_ALWAYS_SENSITIVE |
			   KEYSEAL_PROV_NEVER_EXPORTABLE))
		return 0;
	if (origin < KEYSEAL_ORIGIN_GENERATED || origin > KEYSEAL_ORIGIN_EXTERNAL)
		return 0;
	/* Only material made inside a keyseal kernel can claim a clean past. */
	if (origin != KEYSEAL_ORIGIN_GENERATED &&
	    (provenance & (KEYSEAL_PROV_ALWAYS_SENSITIVE |
			   KEYSEAL_PROV_NEVER_EXPORTABLE)))
		return 0;
	/* The history flags cannot contradict the current policy. */
	if ((provenance & KEYSEAL_PROV_ALWAYS_SENSITIVE) &&
	    (key_flags & KEYSEAL_FLAG_PLAINTEXT))
		return 0;
	if ((provenance & KEYSEAL_PROV_NEVER_EXPORTABLE) &&
	    (key_flags & KEYSEAL_FLAG_EXPORTABLE))
		return 0;
	return 1;
}

/**
 * keyseal_blob_check() - check that a blob's fields are what version 1 allows
 * @blob: the blob
 *
 * Return: 0 if they are, -EINVAL if not.
 */
int keyseal_blob_check(const struct keyseal_blob *blob)
{
	size_t pk_size;

	if (!keyseal_usage_key_len_valid(blob->attrs.usage, blob->attrs.key_alg,
					 blob->attrs.key_len))
		return -EINVAL;
	if (blob->attrs.key_flags & ~KEYSEAL_FLAGS_ALL)
		return -EINVAL;
	/* plaintext implies exportable */
	if ((blob->attrs.key_flags & KEYSEAL_FLAG_PLAINTEXT) &&
	    !(blob->attrs.key_flags & KEYSEAL_FLAG_EXPORTABLE))
		return -EINVAL;
	if (!provenance_valid(blob->attrs.provenance, blob->attrs.key_flags))
		return -EINVAL;
	if (!scheme_ids_valid(blob))
		return -EINVAL;

	switch (blob->scheme) {
	case KEYSEAL_SCHEME_KEK:
		if (!blob->parent || !blob->parent_fp || !blob->salt ||
		    !keyseal_parent_spec_valid(blob->parent, blob->parent_len))
			return -EINVAL;
		break;
	case KEYSEAL_SCHEME_HPKE_BASE:
	case KEYSEAL_SCHEME_HPKE_AUTH:
		pk_size = keyseal_usage_kem_public_size(blob->kem_id);
		if (!blob->recipient_fp || !blob->enc || blob->enc_len != pk_size)
			return -EINVAL;
		if (blob->scheme == KEYSEAL_SCHEME_HPKE_AUTH ?
		    !blob->sender_pk || blob->sender_pk_len != pk_size :
		    blob->sender_pk_len != 0)
			return -EINVAL;
		break;
	case KEYSEAL_SCHEME_PLAINTEXT:
		if (!(blob->attrs.key_flags & KEYSEAL_FLAG_PLAINTEXT))
			return -EINVAL;
		break;
	}
	return 0;
}

/**
 * keyseal_blob_header_size() - bytes the header of a blob takes
 * @blob: a blob that passed keyseal_blob_check()
 *
 * Return: the size of the header.
 */
size_t keyseal_blob_header_size(const struct keyseal_blob *blob)
{
	size_t size = KEYSEAL_BLOB_FIXED_SIZE;

	switch (blob->scheme) {
	case KEYSEAL_SCHEME_KEK:
		size += 1 + blob->parent_len + KEYSEAL_FINGERPRINT_SIZE +
			KEYSEAL_SALT_SIZE;
		break;
	case KEYSEAL_SCHEME_HPKE_BASE:
	case KEYSEAL_SCHEME_HPKE_AUTH:
		size += KEYSEAL_FINGERPRINT_SIZE + 2 + blob->enc_len + 2 +
			blob->sender_pk_len;
		break;
	}
	return size;
}

/**
 * keyseal_blob_body_size() - bytes the body of a blob takes
 * @blob: a blob that passed keyseal_blob_check()
 *
 * Return: the size of the body.
 */
size_t keyseal_blob_body_size(const struct keyseal_blob *blob)
{
	if (blob->scheme == KEYSEAL_SCHEME_PLAINTEXT)
		return blob->attrs.key_len;
	return blob->attrs.key_len + KEYSEAL_TAG_SIZE;
}

/**
 * keyseal_blob_write_header() - serialise the header of a blob
 * @blob: the blob; its pointers name the data to copy in
 * @buf: output
 * @len: size of @buf
 *
 * The caller appends the body at @buf + the returned size.
 *
 * Return: the size of the header, or -EINVAL if the blob is not valid or
 * does not fit.
 */
int keyseal_blob_write_header(const struct keyseal_blob *blob, u8 *buf,
			      size_t len)
{
	size_t size, pos = KEYSEAL_BLOB_FIXED_SIZE;

	if (keyseal_blob_check(blob))
		return -EINVAL;
	size = keyseal_blob_header_size(blob);
	if (size > len ||
	    size + keyseal_blob_body_size(blob) > KEYSEAL_BLOB_MAX_SIZE)
		return -EINVAL;

	memcpy(buf, KEYSEAL_BLOB_MAGIC, KEYSEAL_BLOB_MAGIC_SIZE);
	buf[4] = KEYSEAL_BLOB_VERSION;
	buf[5] = blob->scheme;
	buf[6] = blob->attrs.usage;
	buf[7] = blob->attrs.key_alg;
	put_be16(buf + 8, blob->attrs.key_len);
	buf[10] = blob->attrs.key_flags;
	buf[11] = blob->attrs.provenance;
	put_be16(buf + 12, blob->kem_id);
	put_be16(buf + 14, blob->kdf_id);
	put_be16(buf + 16, blob->aead_id);
	put_be16(buf + 18, 0);
	memcpy(buf + 20, blob->attrs.key_id, KEYSEAL_KEY_ID_SIZE);
	put_be64(buf + 36, blob->attrs.created);
	put_be64(buf + 44, blob->attrs.not_after);

	switch (blob->scheme) {
	case KEYSEAL_SCHEME_KEK:
		buf[pos++] = blob->parent_len;
		memcpy(buf + pos, blob->parent, blob->parent_len);
		pos += blob->parent_len;
		memcpy(buf + pos, blob->parent_fp, KEYSEAL_FINGERPRINT_SIZE);
		pos += KEYSEAL_FINGERPRINT_SIZE;
		memcpy(buf + pos, blob->salt, KEYSEAL_SALT_SIZE);
		pos += KEYSEAL_SALT_SIZE;
		break;
	case KEYSEAL_SCHEME_HPKE_BASE:
	case KEYSEAL_SCHEME_HPKE_AUTH:
		memcpy(buf + pos, blob->recipient_fp, KEYSEAL_FINGERPRINT_SIZE);
		pos += KEYSEAL_FINGERPRINT_SIZE;
		put_be16(buf + pos, blob->enc_len);
		pos += 2;
		memcpy(buf + pos, blob->enc, blob->enc_len);
		pos += blob->enc_len;
		put_be16(buf + pos, blob->sender_pk_len);
		pos += 2;
		if (blob->sender_pk_len)
			memcpy(buf + pos, blob->sender_pk, blob->sender_pk_len);
		pos += blob->sender_pk_len;
		break;
	}
	return pos;
}

/**
 * keyseal_blob_set_recipient() - make a blob one for a recipient (HPKE)
 * @blob: the blob, with the fields of its key filled in
 * @kem: KEYSEAL_KEM_* of the recipient's key
 * @recipient_fp: the fingerprint of the recipient's public key
 * @enc: the encapsulated key, keyseal_usage_kem_public_size(@kem) bytes
 * @sender_pk: the sender's public key in auth mode, of as many bytes, or
 *	NULL for base mode
 *
 * Sets the scheme, the suite keyseal seals with (@kem, HKDF-SHA256,
 * AES-256-GCM) and the recipient's fields, for the module's sender and
 * libkeyseal's alike. The pointers are kept, not copied.
 */
void keyseal_blob_set_recipient(struct keyseal_blob *blob, u16 kem,
				const u8 *recipient_fp, const u8 *enc,
				const u8 *sender_pk)
{
	u16 pk_size = keyseal_usage_kem_public_size(kem);

	blob->scheme = sender_pk ? KEYSEAL_SCHEME_HPKE_AUTH :
				   KEYSEAL_SCHEME_HPKE_BASE;
	blob->kem_id = kem;
	blob->kdf_id = KEYSEAL_KDF_HKDF_SHA256;
	blob->aead_id = KEYSEAL_AEAD_AES256GCM;
	blob->recipient_fp = recipient_fp;
	blob->enc = enc;
	blob->enc_len = pk_size;
	blob->sender_pk = sender_pk;
	blob->sender_pk_len = sender_pk ? pk_size : 0;
}

/* Take @n bytes from the unread part of a blob being parsed. */
static const u8 *take(const u8 *buf, size_t len, size_t *pos, size_t n)
{
	const u8 *p = buf + *pos;

	if (n > len - *pos)
		return NULL;
	*pos += n;
	return p;
}

/**
 * keyseal_blob_parse() - parse and check a binary blob
 * @buf: the blob
 * @len: its length
 * @blob: filled with the blob's fields, pointing into @buf
 *
 * Return: 0, or -EINVAL if @buf is not a well-formed version 1 blob of
 * exactly @len bytes.
 */
int keyseal_blob_parse(const u8 *buf, size_t len, struct keyseal_blob *blob)
{
	size_t pos = KEYSEAL_BLOB_FIXED_SIZE;
	const u8 *p;

	memset(blob, 0, sizeof(*blob));
	if (len < KEYSEAL_BLOB_FIXED_SIZE || len > KEYSEAL_BLOB_MAX_SIZE)
		return -EINVAL;
	if (memcmp(buf, KEYSEAL_BLOB_MAGIC, KEYSEAL_BLOB_MAGIC_SIZE) ||
	    buf[4] != KEYSEAL_BLOB_VERSION || get_be16(buf + 18) != 0)
		return -EINVAL;

	blob->scheme = buf[5];
	blob->attrs.usage = buf[6];
	blob->attrs.key_alg = buf[7];
	blob->attrs.key_len = get_be16(buf + 8);
	blob->attrs.key_flags = buf[10];
	blob->attrs.provenance = buf[11];
	blob->kem_id = get_be16(buf + 12);
	blob->kdf_id = get_be16(buf + 14);
	blob->aead_id = get_be16(buf + 16);
	memcpy(blob->attrs.key_id, buf + 20, KEYSEAL_KEY_ID_SIZE);
	blob->attrs.created = get_be64(buf + 36);
	blob->attrs.not_after = get_be64(buf + 44);

	switch (blob->scheme) {
	case KEYSEAL_SCHEME_KEK:
		p = take(buf, len, &pos, 1);
		if (!p)
			return -EINVAL;
		blob->parent_len = *p;
		blob->parent = (const char *)take(buf, len, &pos,
						  blob->parent_len);
		blob->parent_fp = take(buf, len, &pos,
				       KEYSEAL_FINGERPRINT_SIZE);
		blob->salt = take(buf, len, &pos, KEYSEAL_SALT_SIZE);
		break;
	case KEYSEAL_SCHEME_HPKE_BASE:
	case KEYSEAL_SCHEME_HPKE_AUTH:
		blob->recipient_fp = take(buf, len, &pos,
					  KEYSEAL_FINGERPRINT_SIZE);
		p = take(buf, len, &pos, 2);
		if (!p)
			return -EINVAL;
		blob->enc_len = get_be16(p);
		blob->enc = take(buf, len, &pos, blob->enc_len);
		p = take(buf, len, &pos, 2);
		if (!p)
			return -EINVAL;
		blob->sender_pk_len = get_be16(p);
		if (blob->sender_pk_len)
			blob->sender_pk = take(buf, len, &pos,
					       blob->sender_pk_len);
		break;
	case KEYSEAL_SCHEME_PLAINTEXT:
		break;
	default:
		return -EINVAL;
	}

	if (keyseal_blob_check(blob))
		return -EINVAL;
	blob->header = buf;
	blob->header_len = pos;
	blob->body = buf + pos;
	blob->body_len = len - pos;
	if (blob->body_len != keyseal_blob_body_size(blob))
		return -EINVAL;
	return 0;
}
