// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Unit tests of the portable blob codec and armor shared with the module.
 */

#include <stdlib.h>
#include <string.h>

#include "kselftest_harness.h"

#include "armor.h"
#include "blob.h"
#include "usage.h"

static const u8 parent_fp[KEYSEAL_FINGERPRINT_SIZE] = { 0xf0, 0x0d };
static const u8 salt[KEYSEAL_SALT_SIZE] = { 0x5a, 0x17 };
static const char parent[] = "user:kmk";

/* A KEK-scheme blob for a 32-byte aead key, with a recognisable body. */
static size_t make_kek_blob(u8 *buf, size_t size)
{
	struct keyseal_blob blob = {
		.scheme = KEYSEAL_SCHEME_KEK,
		.usage = KEYSEAL_USAGE_AEAD,
		.key_alg = KEYSEAL_ALG_AES_GCM,
		.key_flags = KEYSEAL_FLAG_EXPORTABLE,
		.provenance = KEYSEAL_ORIGIN_GENERATED |
			      KEYSEAL_PROV_ALWAYS_SENSITIVE,
		.key_len = 32,
		.kdf_id = KEYSEAL_KDF_HKDF_SHA256,
		.aead_id = KEYSEAL_AEAD_AES256GCM,
		.key_id = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15 },
		.created = 1700000000,
		.not_after = 1900000000,
		.parent = parent,
		.parent_len = sizeof(parent) - 1,
		.parent_fp = parent_fp,
		.salt = salt,
	};
	int len = keyseal_blob_write_header(&blob, buf, size);

	if (len < 0)
		return 0;
	memset(buf + len, 0xc7, keyseal_blob_body_size(&blob));
	return len + keyseal_blob_body_size(&blob);
}

TEST(kek_blob_round_trip)
{
	u8 buf[KEYSEAL_BLOB_MAX_SIZE];
	struct keyseal_blob blob;
	size_t len = make_kek_blob(buf, sizeof(buf));

	/* 52 fixed + 1 + 8 parent + 32 fingerprint + 32 salt, then 32 + 16 */
	ASSERT_EQ(125 + 48, len);
	ASSERT_EQ(0, keyseal_blob_parse(buf, len, &blob));
	EXPECT_EQ(KEYSEAL_SCHEME_KEK, blob.scheme);
	EXPECT_EQ(KEYSEAL_USAGE_AEAD, blob.usage);
	EXPECT_EQ(32, blob.key_len);
	EXPECT_EQ(1900000000ULL, blob.not_after);
	EXPECT_EQ(8, blob.parent_len);
	EXPECT_EQ(0, memcmp(blob.parent, "user:kmk", 8));
	EXPECT_EQ(0, memcmp(blob.salt, salt, sizeof(salt)));
	EXPECT_EQ(125, blob.header_len);
	EXPECT_EQ(48, blob.body_len);
	EXPECT_EQ(0xc7, blob.body[0]);
}

TEST(fixed_header_bytes)
{
	u8 buf[KEYSEAL_BLOB_MAX_SIZE];
	static const u8 expect[20] = {
		'K', 'S', 'B', 'L', 1, KEYSEAL_SCHEME_KEK,
		KEYSEAL_USAGE_AEAD, KEYSEAL_ALG_AES_GCM, 0, 32,
		KEYSEAL_FLAG_EXPORTABLE, 0x11, 0, 0, 0, 1, 0, 2, 0, 0,
	};

	ASSERT_NE(0, make_kek_blob(buf, sizeof(buf)));
	EXPECT_EQ(0, memcmp(buf, expect, sizeof(expect)));
	/* created, big-endian, at offset 36 */
	EXPECT_EQ(0x65, buf[40]);
	EXPECT_EQ(0x53, buf[41]);
	EXPECT_EQ(0xf1, buf[42]);
	EXPECT_EQ(0x00, buf[43]);
	EXPECT_EQ(8, buf[52]);
}

TEST(every_truncation_is_rejected)
{
	u8 buf[KEYSEAL_BLOB_MAX_SIZE];
	struct keyseal_blob blob;
	size_t len = make_kek_blob(buf, sizeof(buf)), cut;

	for (cut = 0; cut < len; cut++)
		EXPECT_EQ(-EINVAL, keyseal_blob_parse(buf, cut, &blob));
	EXPECT_EQ(-EINVAL, keyseal_blob_parse(buf, len + 1, &blob));
}

TEST(bad_header_fields_are_rejected)
{
	static const struct { size_t offset; u8 value; } edits[] = {
		{ 0, 'k' },	/* magic */
		{ 4, 2 },	/* version */
		{ 5, 0 },	/* scheme */
		{ 5, 9 },
		{ 6, 0 },	/* usage */
		{ 6, KEYSEAL_USAGE_KEK },	/* usage without its algorithm */
		{ 6, 6 },	/* unknown usage */
		{ 7, KEYSEAL_ALG_RAW },	/* algorithm without its usage */
		{ 9, 24 },	/* aead key of 24 bytes */
		{ 10, 0x04 },	/* unknown flag */
		{ 10, KEYSEAL_FLAG_PLAINTEXT },	/* plaintext without exportable */
		{ 11, 0x41 },	/* unknown provenance bit */
		{ 11, 0x00 },	/* no origin */
		{ 11, 0x12 },	/* imported, yet always sensitive */
		{ 13, 0x20 },	/* KEM id in a KEK blob */
		{ 15, 0x02 },	/* KDF id */
		{ 17, 0x01 },	/* AEAD id: AES-128-GCM is not a wrap algorithm */
		{ 19, 0x01 },	/* reserved */
		{ 52, 0 },	/* empty parent */
		{ 53, ' ' },	/* space in parent */
		{ 57, 'x' },	/* parent without a colon */
	};
	u8 buf[KEYSEAL_BLOB_MAX_SIZE], copy[KEYSEAL_BLOB_MAX_SIZE];
	struct keyseal_blob blob;
	size_t len = make_kek_blob(buf, sizeof(buf)), i;

	for (i = 0; i < sizeof(edits) / sizeof(edits[0]); i++) {
		memcpy(copy, buf, len);
		copy[edits[i].offset] = edits[i].value;
		EXPECT_EQ(-EINVAL, keyseal_blob_parse(copy, len, &blob))
			TH_LOG("edit %zu (offset %zu)", i, edits[i].offset);
	}
}

TEST(hpke_auth_blob_round_trip)
{
	u8 buf[KEYSEAL_BLOB_MAX_SIZE], enc[65] = { 4 }, sender[65] = { 4, 9 };
	u8 recipient_fp[KEYSEAL_FINGERPRINT_SIZE] = { 0xee };
	struct keyseal_blob blob = {
		.scheme = KEYSEAL_SCHEME_HPKE_AUTH,
		.usage = KEYSEAL_USAGE_SECRET,
		.key_alg = KEYSEAL_ALG_RAW,
		.key_flags = KEYSEAL_FLAG_EXPORTABLE,
		.provenance = KEYSEAL_ORIGIN_EXTERNAL,
		.key_len = 512,
		.kem_id = KEYSEAL_KEM_P256_HKDF_SHA256,
		.kdf_id = KEYSEAL_KDF_HKDF_SHA256,
		.aead_id = KEYSEAL_AEAD_AES256GCM,
		.recipient_fp = recipient_fp,
		.enc = enc,
		.enc_len = sizeof(enc),
		.sender_pk = sender,
		.sender_pk_len = sizeof(sender),
	}, parsed;
	int len = keyseal_blob_write_header(&blob, buf, sizeof(buf));

	ASSERT_EQ(52 + 32 + 2 + 65 + 2 + 65, len);
	memset(buf + len, 0, 512 + KEYSEAL_TAG_SIZE);
	ASSERT_EQ(0, keyseal_blob_parse(buf, len + 512 + KEYSEAL_TAG_SIZE,
					&parsed));
	EXPECT_EQ(65, parsed.sender_pk_len);
	EXPECT_EQ(9, parsed.sender_pk[1]);
	EXPECT_EQ(0xee, parsed.recipient_fp[0]);

	/* base mode must not carry a sender, auth mode must */
	blob.scheme = KEYSEAL_SCHEME_HPKE_BASE;
	EXPECT_EQ(-EINVAL, keyseal_blob_write_header(&blob, buf, sizeof(buf)));
	blob.scheme = KEYSEAL_SCHEME_HPKE_AUTH;
	blob.sender_pk_len = 32;
	EXPECT_EQ(-EINVAL, keyseal_blob_write_header(&blob, buf, sizeof(buf)));
}

/* The module's and libkeyseal's senders both fill the header this way. */
TEST(set_recipient_fills_the_hpke_fields)
{
	u8 enc[32] = { 1 }, sender[32] = { 2 };
	u8 recipient_fp[KEYSEAL_FINGERPRINT_SIZE] = { 3 };
	u8 buf[KEYSEAL_BLOB_MAX_SIZE];
	struct keyseal_blob blob = {
		.usage = KEYSEAL_USAGE_SECRET,
		.key_alg = KEYSEAL_ALG_RAW,
		.provenance = KEYSEAL_ORIGIN_EXTERNAL,
		.key_len = 32,
	};

	keyseal_blob_set_recipient(&blob, KEYSEAL_KEM_X25519_HKDF_SHA256,
				   recipient_fp, enc, NULL);
	EXPECT_EQ(KEYSEAL_SCHEME_HPKE_BASE, blob.scheme);
	EXPECT_EQ(KEYSEAL_KEM_X25519_HKDF_SHA256, blob.kem_id);
	EXPECT_EQ(KEYSEAL_KDF_HKDF_SHA256, blob.kdf_id);
	EXPECT_EQ(KEYSEAL_AEAD_AES256GCM, blob.aead_id);
	EXPECT_TRUE(blob.recipient_fp == recipient_fp);
	EXPECT_TRUE(blob.enc == enc);
	EXPECT_EQ(32, blob.enc_len);
	EXPECT_TRUE(!blob.sender_pk);
	EXPECT_EQ(0, blob.sender_pk_len);
	/* a base-mode header still has the sender's length field, 0 */
	EXPECT_EQ(52 + 32 + 2 + 32 + 2,
		  keyseal_blob_write_header(&blob, buf, sizeof(buf)));

	keyseal_blob_set_recipient(&blob, KEYSEAL_KEM_X25519_HKDF_SHA256,
				   recipient_fp, enc, sender);
	EXPECT_EQ(KEYSEAL_SCHEME_HPKE_AUTH, blob.scheme);
	EXPECT_TRUE(blob.sender_pk == sender);
	EXPECT_EQ(32, blob.sender_pk_len);
	EXPECT_EQ(52 + 32 + 2 + 32 + 2 + 32,
		  keyseal_blob_write_header(&blob, buf, sizeof(buf)));
}

TEST(unknown_usages_have_no_valid_length)
{
	unsigned int usage;

	for (usage = 6; usage < 256; usage++) {
		EXPECT_EQ(0, keyseal_usage_key_len_valid(usage, 0, 32));
		EXPECT_EQ(0, keyseal_usage_key_len_valid(usage, usage, 32));
	}
	EXPECT_EQ(0, keyseal_usage_key_len_valid(0, 0, 32));
	EXPECT_EQ(1, keyseal_usage_key_len_valid(KEYSEAL_USAGE_P256,
						 KEYSEAL_ALG_P256, 32));
}

/* The lengths version 1 gives each usage, stated apart from the table. */
static int length_allowed(u8 usage, size_t len)
{
	switch (usage) {
	case KEYSEAL_USAGE_AEAD:
		return len == 16 || len == 32;
	case KEYSEAL_USAGE_SECRET:
		return len >= KEYSEAL_SECRET_MIN && len <= KEYSEAL_SECRET_MAX;
	default:
		return len == 32;
	}
}

TEST(usage_table_gives_version_1_lengths)
{
	static const u8 algs[] = {
		[KEYSEAL_USAGE_KEK] = KEYSEAL_ALG_KEK_HKDF_AES256GCM,
		[KEYSEAL_USAGE_AEAD] = KEYSEAL_ALG_AES_GCM,
		[KEYSEAL_USAGE_SECRET] = KEYSEAL_ALG_RAW,
		[KEYSEAL_USAGE_X25519] = KEYSEAL_ALG_X25519,
		[KEYSEAL_USAGE_P256] = KEYSEAL_ALG_P256,
	};
	u8 usage, alg;
	size_t len;

	for (usage = KEYSEAL_USAGE_KEK; usage <= KEYSEAL_USAGE_P256; usage++) {
		EXPECT_EQ(algs[usage], keyseal_usage_alg(usage));
		EXPECT_EQ(32, keyseal_usage_default_len(usage));
		for (alg = 0; alg <= KEYSEAL_ALG_P256 + 1; alg++)
			for (len = 0; len <= KEYSEAL_SECRET_MAX + 1; len++)
				ASSERT_EQ(alg == algs[usage] &&
					  length_allowed(usage, len),
					  keyseal_usage_key_len_valid(usage,
								      alg,
								      len));
	}
	EXPECT_EQ(0, keyseal_usage_default_len(0));
	EXPECT_EQ(0, keyseal_usage_default_len(KEYSEAL_USAGE_P256 + 1));
}

TEST(usage_table_kems)
{
	EXPECT_EQ(0, keyseal_usage_kem(KEYSEAL_USAGE_KEK));
	EXPECT_EQ(0, keyseal_usage_kem(KEYSEAL_USAGE_AEAD));
	EXPECT_EQ(0, keyseal_usage_kem(KEYSEAL_USAGE_SECRET));
	EXPECT_EQ(KEYSEAL_KEM_X25519_HKDF_SHA256,
		  keyseal_usage_kem(KEYSEAL_USAGE_X25519));
	EXPECT_EQ(KEYSEAL_KEM_P256_HKDF_SHA256,
		  keyseal_usage_kem(KEYSEAL_USAGE_P256));
	EXPECT_EQ(0, keyseal_usage_kem(0));
	EXPECT_EQ(KEYSEAL_USAGE_X25519,
		  keyseal_usage_of_kem(KEYSEAL_KEM_X25519_HKDF_SHA256));
	EXPECT_EQ(KEYSEAL_USAGE_P256,
		  keyseal_usage_of_kem(KEYSEAL_KEM_P256_HKDF_SHA256));
	EXPECT_EQ(0, keyseal_usage_of_kem(0));
	EXPECT_EQ(0, keyseal_usage_of_kem(0x0011));
	EXPECT_EQ(32, keyseal_usage_kem_public_size(
			      KEYSEAL_KEM_X25519_HKDF_SHA256));
	EXPECT_EQ(65, keyseal_usage_kem_public_size(
			      KEYSEAL_KEM_P256_HKDF_SHA256));
	EXPECT_EQ(0, keyseal_usage_kem_public_size(0));
	EXPECT_EQ(0, keyseal_usage_kem_public_size(0x0021));
}

TEST(write_rejects_short_buffer)
{
	u8 buf[KEYSEAL_BLOB_MAX_SIZE];
	struct keyseal_blob blob;
	size_t len = make_kek_blob(buf, sizeof(buf));

	ASSERT_EQ(0, keyseal_blob_parse(buf, len, &blob));
	EXPECT_EQ(-EINVAL, keyseal_blob_write_header(&blob, buf, 124));
}

TEST(armor_known_answers)
{
	static const struct { const char *in, *out; } vectors[] = {
		/* RFC 4648 section 10 */
		{ "f", "Zg==" }, { "fo", "Zm8=" }, { "foo", "Zm9v" },
		{ "foob", "Zm9vYg==" }, { "fooba", "Zm9vYmE=" },
		{ "foobar", "Zm9vYmFy" },
	};
	char text[16];
	u8 bytes[16];
	size_t i, n;

	for (i = 0; i < sizeof(vectors) / sizeof(vectors[0]); i++) {
		size_t len = strlen(vectors[i].in);

		n = keyseal_armor_encode((const u8 *)vectors[i].in, len, text);
		ASSERT_EQ(strlen(vectors[i].out), n);
		EXPECT_EQ(0, memcmp(text, vectors[i].out, n));
		EXPECT_EQ(len, keyseal_armor_decode(vectors[i].out, n, bytes,
						   sizeof(bytes)));
		EXPECT_EQ(0, memcmp(bytes, vectors[i].in, len));
	}
}

TEST(armor_rejects_non_canonical)
{
	static const char *const bad[] = {
		"", "Zg=", "Zg", "Zh==", "Zm9=", "Z===", "====", "Zg==Zg==",
		"Zm 9", "Zm9\n", "Zm9-", "Zm9_", "=Zm9",
	};
	u8 bytes[16];
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		EXPECT_EQ(-EINVAL, keyseal_armor_decode(bad[i], strlen(bad[i]),
							bytes, sizeof(bytes)))
			TH_LOG("case %zu", i);
	/* a correct text that does not fit */
	EXPECT_EQ(-EINVAL, keyseal_armor_decode("Zm9vYmFy", 8, bytes, 5));
}

TEST(armor_round_trips_every_length)
{
	u8 in[64], out[64];
	char text[keyseal_armor_size(64)];
	size_t len, i;

	for (i = 0; i < sizeof(in); i++)
		in[i] = i * 37 + 11;
	for (len = 1; len <= sizeof(in); len++) {
		size_t n = keyseal_armor_encode(in, len, text);

		ASSERT_EQ(keyseal_armor_size(len), n);
		ASSERT_EQ(len, keyseal_armor_decode(text, n, out, sizeof(out)));
		ASSERT_EQ(0, memcmp(in, out, len));
	}
}

TEST_HARNESS_MAIN
