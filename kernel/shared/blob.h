/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * The keyseal blob format, version 1: layout, parsing and serialisation.
 * No cryptography and no allocation happen here; Documentation/blob-format.rst
 * describes every byte.
 */
#ifndef _KEYSEAL_BLOB_H
#define _KEYSEAL_BLOB_H

#include "portable.h"

/* Size of the part of the header every scheme shares. */
#define KEYSEAL_BLOB_FIXED_SIZE	52

/**
 * struct keyseal_attrs - what a key is, as every blob of it says
 * @usage: KEYSEAL_USAGE_*
 * @key_alg: KEYSEAL_ALG_*
 * @key_flags: KEYSEAL_FLAG_*
 * @provenance: KEYSEAL_ORIGIN_* | KEYSEAL_PROV_*
 * @key_len: bytes of key material
 * @key_id: the key's identity, the same wherever it is loaded
 * @created: creation time, seconds since the epoch
 * @not_after: expiry, seconds since the epoch, 0 for none
 */
struct keyseal_attrs {
	u8 usage;
	u8 key_alg;
	u8 key_flags;
	u8 provenance;
	u16 key_len;
	u8 key_id[KEYSEAL_KEY_ID_SIZE];
	u64 created;
	u64 not_after;
};

/**
 * struct keyseal_blob - a blob, parsed or about to be written
 * @scheme: KEYSEAL_SCHEME_*
 * @attrs: what the key is
 * @kem_id: RFC 9180 KEM of a recipient blob, zero otherwise
 * @kdf_id: KEYSEAL_KDF_*, zero for plaintext
 * @aead_id: KEYSEAL_AEAD_*, zero for plaintext
 * @parent: KEK scheme: "type:description" of the parent, not NUL-terminated
 * @parent_len: its length
 * @parent_fp: KEK scheme: fingerprint of the parent KEK
 * @salt: KEK scheme: HKDF salt of this blob
 * @recipient_fp: HPKE: fingerprint of the recipient's public key
 * @enc: HPKE: the encapsulated key
 * @enc_len: its length
 * @sender_pk: HPKE auth mode: the sender's public key
 * @sender_pk_len: its length, zero in base mode
 * @header: the serialised header, which is the AEAD's associated data
 * @header_len: its length
 * @body: ciphertext followed by the tag, or the clear material
 * @body_len: its length
 *
 * The pointers refer into the buffer that was parsed, or, when writing, to
 * the caller's data; the codec never owns memory.
 */
struct keyseal_blob {
	u8 scheme;
	struct keyseal_attrs attrs;
	u16 kem_id;
	u16 kdf_id;
	u16 aead_id;
	const char *parent;
	u8 parent_len;
	const u8 *parent_fp;
	const u8 *salt;
	const u8 *recipient_fp;
	const u8 *enc;
	u16 enc_len;
	const u8 *sender_pk;
	u16 sender_pk_len;
	const u8 *header;
	size_t header_len;
	const u8 *body;
	size_t body_len;
};

int keyseal_blob_parse(const u8 *buf, size_t len, struct keyseal_blob *blob);
int keyseal_blob_check(const struct keyseal_blob *blob);
size_t keyseal_blob_header_size(const struct keyseal_blob *blob);
size_t keyseal_blob_body_size(const struct keyseal_blob *blob);
int keyseal_blob_write_header(const struct keyseal_blob *blob, u8 *buf,
			      size_t len);
void keyseal_blob_set_recipient(struct keyseal_blob *blob, u16 kem,
				const u8 *recipient_fp, const u8 *enc,
				const u8 *sender_pk);

bool keyseal_parent_spec_valid(const char *spec, size_t len);

#endif /* _KEYSEAL_BLOB_H */
