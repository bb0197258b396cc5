// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * libFuzzer target: the blob codec (kernel/shared/blob.c), the module's own source.
 *
 * The codec is canonical. Whatever parses serialises back to the very same
 * header bytes; its body sits where the header ends and has exactly the
 * size the header announces; every pointer it hands out lies inside the
 * input; every field is one version 1 allows; the fields of other schemes
 * stay unset; and the same bytes are the same blob to libkeyseal's offline
 * reader and through each text form.
 */

#include <assert.h>
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "armor.h"
#include "blob.h"
#include "keyseal.h"
#include "usage.h"

/* Whether [@p, @p + @n) lies inside [@buf, @buf + @size). */
static int inside(const void *buf, size_t size, const void *p, size_t n)
{
	const u8 *b = buf, *q = p;

	return q >= b && n <= size && (size_t)(q - b) <= size - n;
}

static void check_pointers(const u8 *data, size_t size,
			   const struct keyseal_blob *blob)
{
	assert(blob->header == data);
	assert(blob->header_len >= KEYSEAL_BLOB_FIXED_SIZE);
	assert(blob->body == data + blob->header_len);
	assert(blob->header_len + blob->body_len == size);

	switch (blob->scheme) {
	case KEYSEAL_SCHEME_KEK:
		assert(inside(data, blob->header_len, blob->parent,
			      blob->parent_len));
		assert(keyseal_parent_spec_valid(blob->parent,
						 blob->parent_len));
		assert(inside(data, blob->header_len, blob->parent_fp,
			      KEYSEAL_FINGERPRINT_SIZE));
		assert(inside(data, blob->header_len, blob->salt,
			      KEYSEAL_SALT_SIZE));
		assert(!blob->recipient_fp && !blob->enc && !blob->enc_len);
		assert(!blob->sender_pk && !blob->sender_pk_len);
		assert(!blob->kem_id);
		break;
	case KEYSEAL_SCHEME_HPKE_BASE:
	case KEYSEAL_SCHEME_HPKE_AUTH:
		assert(inside(data, blob->header_len, blob->recipient_fp,
			      KEYSEAL_FINGERPRINT_SIZE));
		assert(blob->enc_len ==
		       keyseal_usage_kem_public_size(blob->kem_id));
		assert(inside(data, blob->header_len, blob->enc,
			      blob->enc_len));
		if (blob->scheme == KEYSEAL_SCHEME_HPKE_AUTH) {
			assert(blob->sender_pk_len == blob->enc_len);
			assert(inside(data, blob->header_len, blob->sender_pk,
				      blob->sender_pk_len));
		} else {
			assert(!blob->sender_pk && !blob->sender_pk_len);
		}
		assert(!blob->parent && !blob->parent_len);
		assert(!blob->parent_fp && !blob->salt);
		break;
	case KEYSEAL_SCHEME_PLAINTEXT:
		assert(blob->key_flags & KEYSEAL_FLAG_PLAINTEXT);
		assert(!blob->parent && !blob->parent_fp && !blob->salt);
		assert(!blob->recipient_fp && !blob->enc && !blob->sender_pk);
		assert(!blob->kem_id && !blob->kdf_id && !blob->aead_id);
		break;
	default:
		assert(!"unknown scheme parsed");
	}
}

static void check_fields(const struct keyseal_blob *blob)
{
	u8 origin = blob->provenance & KEYSEAL_PROV_ORIGIN_MASK;

	assert(!keyseal_blob_check(blob));
	assert(keyseal_usage_key_len_valid(blob->usage, blob->key_alg,
					   blob->key_len));
	assert(blob->key_alg == keyseal_usage_alg(blob->usage));
	assert(!(blob->key_flags & ~KEYSEAL_FLAGS_ALL));
	assert(!(blob->key_flags & KEYSEAL_FLAG_PLAINTEXT) ||
	       (blob->key_flags & KEYSEAL_FLAG_EXPORTABLE));
	assert(origin >= KEYSEAL_ORIGIN_GENERATED &&
	       origin <= KEYSEAL_ORIGIN_EXTERNAL);
	/* Only generated keys carry history, and none that contradicts. */
	if (origin != KEYSEAL_ORIGIN_GENERATED)
		assert(blob->provenance == origin);
	if (blob->provenance & KEYSEAL_PROV_ALWAYS_SENSITIVE)
		assert(!(blob->key_flags & KEYSEAL_FLAG_PLAINTEXT));
	if (blob->provenance & KEYSEAL_PROV_NEVER_EXPORTABLE)
		assert(!(blob->key_flags & KEYSEAL_FLAG_EXPORTABLE));
	assert(blob->header_len == keyseal_blob_header_size(blob));
	assert(blob->body_len == keyseal_blob_body_size(blob));
}

/* The header serialised again, into buffers of exactly the room it needs. */
static void check_serialise(const u8 *data, const struct keyseal_blob *blob)
{
	u8 *header = malloc(blob->header_len);
	int len;

	assert(header);
	len = keyseal_blob_write_header(blob, header, blob->header_len);
	assert(len > 0 && (size_t)len == blob->header_len);
	assert(!memcmp(header, data, len));
	assert(keyseal_blob_write_header(blob, header, blob->header_len - 1) ==
	       -EINVAL);
	free(header);
}

/* Exactly one length is right: one byte less or more is no blob. */
static void check_exact_length(const u8 *data, size_t size)
{
	struct keyseal_blob other;
	u8 *longer;

	assert(keyseal_blob_parse(data, size - 1, &other) == -EINVAL);
	longer = malloc(size + 1);
	assert(longer);
	memcpy(longer, data, size);
	longer[size] = 0;
	assert(keyseal_blob_parse(longer, size + 1, &other) == -EINVAL);
	free(longer);
}

/* The text forms carry the same bytes, and libkeyseal reads the same blob. */
static void check_forms(const u8 *data, size_t size,
			const struct keyseal_blob *blob)
{
	static const enum keyseal_blob_form forms[] = {
		KEYSEAL_FORM_BINARY, KEYSEAL_FORM_TEXT, KEYSEAL_FORM_PEM,
	};
	static char text[KEYSEAL_PEM_MAX];
	static u8 back[KEYSEAL_BLOB_MAX_SIZE];
	struct keyseal_blob_info info;
	size_t i, text_len, back_len;

	assert(!keyseal_blob_inspect(data, size, &info));
	assert(info.scheme == blob->scheme && info.usage == blob->usage);
	assert(info.key_flags == blob->key_flags);
	assert(info.provenance == blob->provenance);
	assert(info.key_len == blob->key_len && info.kem_id == blob->kem_id);
	assert(!memcmp(info.key_id, blob->key_id, KEYSEAL_KEY_ID_SIZE));
	assert(info.created == blob->created);
	assert(info.not_after == blob->not_after);

	text_len = keyseal_armor_encode(data, size, text);
	assert(text_len == keyseal_armor_size(size));
	assert(keyseal_armor_decode(text, text_len, back, size) == (int)size);
	assert(!memcmp(back, data, size));

	for (i = 0; i < sizeof(forms) / sizeof(forms[0]); i++) {
		text_len = sizeof(text);
		assert(!keyseal_blob_encode(data, size, forms[i], text,
					    &text_len));
		back_len = sizeof(back);
		assert(keyseal_blob_decode(text, text_len, back, &back_len) ==
		       (int)forms[i]);
		assert(back_len == size && !memcmp(back, data, size));
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct keyseal_blob blob;
	struct keyseal_blob_info info;
	int ret;

	ret = keyseal_blob_parse(data, size, &blob);
	assert(ret == 0 || ret == -EINVAL);
	if (ret) {
		assert(keyseal_blob_inspect(data, size, &info) == -EINVAL);
		return 0;
	}

	check_pointers(data, size, &blob);
	check_fields(&blob);
	check_serialise(data, &blob);
	check_exact_length(data, size);
	check_forms(data, size, &blob);
	return 0;
}
