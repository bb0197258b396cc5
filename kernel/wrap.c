// SPDX-License-Identifier: GPL-2.0
/*
 * The KEK scheme. Each blob draws a fresh 32-byte salt; HKDF-SHA256 with the
 * KEK's material as input and that salt gives the blob its own AES-256-GCM
 * key and nonce, so no key and nonce pair is ever used twice, however many
 * blobs one KEK seals. The whole header is the associated data.
 */

#include <linux/random.h>
#include <linux/slab.h>

#include "wrap.h"

static const char wrap_label[] = "keyseal v1 kek wrap";

#define WRAP_KEY_SIZE	32

/* The AES-256-GCM key and nonce of one blob. */
static int derive_wrap_key(const struct keyseal_kek *kek,
			   const u8 *salt, u8 okm[WRAP_KEY_SIZE + KEYSEAL_NONCE_SIZE])
{
	struct keyseal_chunk ikm = { kek->material, kek->len };
	struct keyseal_chunk info = { wrap_label, sizeof(wrap_label) - 1 };
	u8 prk[KEYSEAL_HASH_SIZE];
	int ret;

	ret = keyseal_hkdf_extract(salt, KEYSEAL_SALT_SIZE, &ikm, 1, prk);
	if (ret)
		goto out;
	ret = keyseal_hkdf_expand(prk, &info, 1, okm,
				  WRAP_KEY_SIZE + KEYSEAL_NONCE_SIZE);
out:
	memzero_explicit(prk, sizeof(prk));
	return ret;
}

/**
 * keyseal_blob_attrs() - the key attributes a blob carries
 * @blob: a parsed blob
 * @attrs: filled in
 */
void keyseal_blob_attrs(const struct keyseal_blob *blob,
			struct keyseal_attrs *attrs)
{
	attrs->usage = blob->usage;
	attrs->key_alg = blob->key_alg;
	attrs->key_flags = blob->key_flags;
	attrs->provenance = blob->provenance;
	attrs->key_len = blob->key_len;
	memcpy(attrs->key_id, blob->key_id, KEYSEAL_KEY_ID_SIZE);
	attrs->created = blob->created;
	attrs->not_after = blob->not_after;
}

/**
 * keyseal_blob_from_attrs() - the fields of a blob of a key, but the
 *	scheme's own
 * @b: the blob to fill in
 * @attrs: what the key is
 * @scheme: KEYSEAL_SCHEME_*
 */
void keyseal_blob_from_attrs(struct keyseal_blob *b,
			     const struct keyseal_attrs *attrs, u8 scheme)
{
	memset(b, 0, sizeof(*b));
	b->scheme = scheme;
	b->usage = attrs->usage;
	b->key_alg = attrs->key_alg;
	b->key_flags = attrs->key_flags;
	b->provenance = attrs->provenance;
	b->key_len = attrs->key_len;
	memcpy(b->key_id, attrs->key_id, KEYSEAL_KEY_ID_SIZE);
	b->created = attrs->created;
	b->not_after = attrs->not_after;
	if (scheme != KEYSEAL_SCHEME_PLAINTEXT) {
		b->kdf_id = KEYSEAL_KDF_HKDF_SHA256;
		b->aead_id = KEYSEAL_AEAD_AES256GCM;
	}
}

/**
 * keyseal_blob_alloc() - a buffer for a blob, with its header written
 * @b: the blob's fields
 * @buf: set to the buffer (kmalloc'ed), whose body the caller fills in
 * @len: set to the length of the whole blob
 *
 * Return: the length of the header, -EINVAL if @b is not a valid blob, or
 * -ENOMEM.
 */
int keyseal_blob_alloc(const struct keyseal_blob *b, u8 **buf, size_t *len)
{
	int header_len;

	if (keyseal_blob_check(b))
		return -EINVAL;
	*len = keyseal_blob_header_size(b) + keyseal_blob_body_size(b);
	*buf = kmalloc(*len, GFP_KERNEL);
	if (!*buf)
		return -ENOMEM;
	header_len = keyseal_blob_write_header(b, *buf, *len);
	if (header_len < 0) {
		kfree(*buf);
		*buf = NULL;
	}
	return header_len;
}

/**
 * keyseal_wrap_kek() - seal key material under a KEK
 * @c: transforms
 * @attrs: what the key is; the KEK must admit it (keyseal_kek_admit()),
 *	which may take history bits from its provenance
 * @material: the key, @attrs->key_len bytes
 * @kek: the KEK; the blob names it and carries its fingerprint
 * @blob: set to the new blob (kmalloc'ed)
 * @blob_len: set to its length
 *
 * Return: 0; an error of keyseal_kek_admit(); -EINVAL if @attrs is not a
 * valid key; an allocation or crypto error.
 */
int keyseal_wrap_kek(struct keyseal_crypto *c, struct keyseal_attrs *attrs,
		     const u8 *material, struct keyseal_kek *kek, u8 **blob,
		     size_t *blob_len)
{
	u8 salt[KEYSEAL_SALT_SIZE], okm[WRAP_KEY_SIZE + KEYSEAL_NONCE_SIZE];
	struct keyseal_blob b;
	int header_len, ret;
	size_t len;
	u8 *buf;

	ret = keyseal_kek_admit(kek, attrs);
	if (ret)
		return ret;
	keyseal_blob_from_attrs(&b, attrs, KEYSEAL_SCHEME_KEK);
	b.parent = kek->name;
	b.parent_len = kek->name_len;
	b.parent_fp = keyseal_kek_fingerprint(kek);
	b.salt = salt;
	get_random_bytes(salt, sizeof(salt));
	header_len = keyseal_blob_alloc(&b, &buf, &len);
	if (header_len < 0)
		return header_len;

	ret = derive_wrap_key(kek, salt, okm);
	if (ret)
		goto err;
	memcpy(buf + header_len, material, attrs->key_len);
	ret = keyseal_gcm_seal(c, okm, WRAP_KEY_SIZE, okm + WRAP_KEY_SIZE, buf,
			       header_len, attrs->key_len);
	memzero_explicit(okm, sizeof(okm));
	if (ret)
		goto err;

	*blob = buf;
	*blob_len = len;
	return 0;

err:
	kfree_sensitive(buf);
	return ret;
}

/**
 * keyseal_unwrap_kek() - open a KEK-scheme blob
 * @c: transforms
 * @blob: the parsed blob
 * @kek: the KEK that should open it
 * @material: output, @blob->key_len bytes
 *
 * A blob opens only under the KEK whose fingerprint it carries. That the
 * KEK opens it proves nothing about the field: whoever made the blob chose
 * both, and the field is what decides later whether a KEK is the key's own
 * parent.
 *
 * Return: 0; -EKEYREJECTED if @kek's fingerprint is not the one the blob
 * names; -EBADMSG if it does not open.
 */
int keyseal_unwrap_kek(struct keyseal_crypto *c, const struct keyseal_blob *blob,
		       struct keyseal_kek *kek, u8 *material)
{
	u8 okm[WRAP_KEY_SIZE + KEYSEAL_NONCE_SIZE];
	size_t len = blob->header_len + blob->body_len;
	u8 *buf;
	int ret;

	if (blob->scheme != KEYSEAL_SCHEME_KEK)
		return -EINVAL;
	if (!keyseal_kek_is(kek, blob->parent_fp))
		return -EKEYREJECTED;

	/* Decrypt a copy in place: the caller's blob stays intact. */
	buf = kmemdup(blob->header, len, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	ret = derive_wrap_key(kek, blob->salt, okm);
	if (ret)
		goto out;
	ret = keyseal_gcm_open(c, okm, WRAP_KEY_SIZE, okm + WRAP_KEY_SIZE, buf,
			       blob->header_len, blob->body_len);
	if (ret)
		goto out;
	memcpy(material, buf + blob->header_len, blob->key_len);
out:
	memzero_explicit(okm, sizeof(okm));
	kfree_sensitive(buf);
	return ret;
}

/**
 * keyseal_wrap_plaintext() - a blob carrying key material in the clear
 * @attrs: what the key is; it must have the plaintext flag
 * @material: the key, @attrs->key_len bytes
 * @blob: set to the new blob (kmalloc'ed; free it with kfree_sensitive())
 * @blob_len: set to its length
 *
 * Return: 0, -EINVAL if @attrs cannot be in such a blob, -ENOMEM.
 */
int keyseal_wrap_plaintext(const struct keyseal_attrs *attrs,
			   const u8 *material, u8 **blob, size_t *blob_len)
{
	struct keyseal_blob b;
	int header_len;

	keyseal_blob_from_attrs(&b, attrs, KEYSEAL_SCHEME_PLAINTEXT);
	header_len = keyseal_blob_alloc(&b, blob, blob_len);
	if (header_len < 0)
		return header_len;
	memcpy(*blob + header_len, material, attrs->key_len);
	return 0;
}
