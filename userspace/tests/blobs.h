/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Well-formed blobs with fixed contents for tests that need one but no
 * cryptography: the codec writes the header, the body is a fixed pattern.
 */
#ifndef KEYSEAL_TEST_BLOBS_H
#define KEYSEAL_TEST_BLOBS_H

#include <string.h>

#include "blob.h"
#include "usage.h"

/*
 * A KEK-scheme blob of a @usage key of @key_len bytes under @parent, with
 * every other field fixed. Returns its length, or 0 if it cannot be made.
 */
static inline size_t test_kek_blob(u8 *buf, size_t size, const char *parent,
				   u8 usage, u16 key_len)
{
	static const u8 fp[KEYSEAL_FINGERPRINT_SIZE] = { 0xf0, 0x0d, 0x42 };
	static const u8 salt[KEYSEAL_SALT_SIZE] = { 0x5a, 0x17 };
	struct keyseal_blob blob = {
		.scheme = KEYSEAL_SCHEME_KEK,
		.usage = usage,
		.key_alg = keyseal_usage_alg(usage),
		.key_flags = KEYSEAL_FLAG_EXPORTABLE,
		.provenance = KEYSEAL_ORIGIN_GENERATED |
			      KEYSEAL_PROV_ALWAYS_SENSITIVE,
		.key_len = key_len,
		.kdf_id = KEYSEAL_KDF_HKDF_SHA256,
		.aead_id = KEYSEAL_AEAD_AES256GCM,
		.key_id = { 0x9b, 0x04, 0xc2, 0xd1, 5, 6, 7, 8, 9, 10, 11, 12,
			    13, 14, 15, 16 },
		.created = 1700000000,
		.not_after = 4102444800ULL,
		.parent = parent,
		.parent_len = (u8)strlen(parent),
		.parent_fp = fp,
		.salt = salt,
	};
	size_t i, body;
	int len;

	len = keyseal_blob_write_header(&blob, buf, size);
	if (len < 0)
		return 0;
	body = keyseal_blob_body_size(&blob);
	if (len + body > size)
		return 0;
	for (i = 0; i < body; i++)
		buf[len + i] = (u8)(i * 7 + 1);
	return len + body;
}

/* The blob of the known-answer tests: an aead key of 32 bytes under user:kmk. */
static inline size_t test_blob(u8 *buf, size_t size)
{
	return test_kek_blob(buf, size, "user:kmk", KEYSEAL_USAGE_AEAD, 32);
}

#endif /* KEYSEAL_TEST_BLOBS_H */
