// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Recipient blobs made by keyseal_wrap_to_recipient(): their header, that
 * they open with the recipient's key and nothing else, that every header
 * byte is authenticated, that bad public keys are refused, and that each
 * wrap draws a new ephemeral key.
 */

#include <time.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include "kselftest_harness.h"

#include "blob.h"
#include "dh.h"
#include "hex.h"
#include "recipient.h"
#include "rfc9180_keys.h"
#include "usage.h"

#define X25519	KEYSEAL_KEM_X25519_HKDF_SHA256
#define P256	KEYSEAL_KEM_P256_HKDF_SHA256

static void make_key_pair(u16 kem, struct keyseal_private_key *sk,
			  struct keyseal_public_key *pk)
{
	u8 scalar[KEYSEAL_DH_PRIVATE_SIZE], raw[KEYSEAL_DH_PUBLIC_MAX];

	if (keyseal_dh_generate(kem, scalar) ||
	    keyseal_dh_public_of(kem, scalar, raw) ||
	    keyseal_private_key_from_raw(kem, scalar, sizeof(scalar), sk) ||
	    keyseal_public_key_from_raw(kem, raw,
					keyseal_usage_kem_public_size(kem), pk))
		abort();
}

/* The fingerprint as the rules define it, computed apart from the library. */
static void spki_sha256(const struct keyseal_public_key *pk, u8 *fp)
{
	static const u8 x25519_prefix[] = {
		0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x6e, 0x03,
		0x21, 0x00,
	};
	static const u8 p256_prefix[] = {
		0x30, 0x59, 0x30, 0x13, 0x06, 0x07, 0x2a, 0x86, 0x48, 0xce,
		0x3d, 0x02, 0x01, 0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d,
		0x03, 0x01, 0x07, 0x03, 0x42, 0x00,
	};
	u8 der[sizeof(p256_prefix) + 65];
	size_t len;

	if (pk->kem == X25519) {
		memcpy(der, x25519_prefix, sizeof(x25519_prefix));
		len = sizeof(x25519_prefix);
	} else {
		memcpy(der, p256_prefix, sizeof(p256_prefix));
		len = sizeof(p256_prefix);
	}
	memcpy(der + len, pk->key, pk->len);
	if (EVP_Digest(der, len + pk->len, fp, NULL, EVP_sha256(), NULL) != 1)
		abort();
}

static bool all_zero(const u8 *p, size_t len)
{
	while (len--)
		if (*p++)
			return false;
	return true;
}

FIXTURE(recipient_blob) {
	struct keyseal_private_key recipient_sk, sender_sk, other_sk;
	struct keyseal_public_key recipient, sender, other;
	u8 material[32];
	struct keyseal_wrap_key key;
	u8 blob[KEYSEAL_BLOB_MAX_SIZE];
	size_t len;
	time_t before, after;
};

FIXTURE_VARIANT(recipient_blob) {
	u16 kem;
	bool auth;
};

FIXTURE_VARIANT_ADD(recipient_blob, x25519_base) {
	.kem = X25519,
};

FIXTURE_VARIANT_ADD(recipient_blob, x25519_auth) {
	.kem = X25519,
	.auth = true,
};

FIXTURE_VARIANT_ADD(recipient_blob, p256_base) {
	.kem = P256,
};

FIXTURE_VARIANT_ADD(recipient_blob, p256_auth) {
	.kem = P256,
	.auth = true,
};

static const struct keyseal_private_key *
sender_of(FIXTURE_DATA(recipient_blob) *self,
	  const FIXTURE_VARIANT(recipient_blob) *variant)
{
	return variant->auth ? &self->sender_sk : NULL;
}

FIXTURE_SETUP(recipient_blob)
{
	size_t i;

	make_key_pair(variant->kem, &self->recipient_sk, &self->recipient);
	make_key_pair(variant->kem, &self->sender_sk, &self->sender);
	make_key_pair(variant->kem, &self->other_sk, &self->other);
	for (i = 0; i < sizeof(self->material); i++)
		self->material[i] = 0xa0 + i;
	self->key = (struct keyseal_wrap_key){
		.usage = KEYSEAL_USAGE_AEAD,
		.key_flags = KEYSEAL_FLAG_EXPORTABLE,
		.not_after = 4102444800,	/* 2100-01-01 */
		.material = self->material,
		.len = sizeof(self->material),
	};
	self->len = sizeof(self->blob);
	self->before = time(NULL);
	ASSERT_EQ(0, keyseal_wrap_to_recipient(&self->key, &self->recipient,
					       sender_of(self, variant),
					       self->blob, &self->len));
	self->after = time(NULL);
}

FIXTURE_TEARDOWN(recipient_blob)
{
	keyseal_private_key_wipe(&self->recipient_sk);
	keyseal_private_key_wipe(&self->sender_sk);
	keyseal_private_key_wipe(&self->other_sk);
}

TEST_F(recipient_blob, header_fields)
{
	size_t npk = variant->kem == X25519 ? 32 : 65;
	size_t header_len = 52 + 32 + 2 + npk + 2 + (variant->auth ? npk : 0);
	u8 fp[KEYSEAL_FINGERPRINT_SIZE];
	struct keyseal_blob blob;

	ASSERT_EQ(header_len + 32 + 16, self->len);
	ASSERT_EQ(0, keyseal_blob_parse(self->blob, self->len, &blob));
	EXPECT_EQ(variant->auth ? KEYSEAL_SCHEME_HPKE_AUTH :
		  KEYSEAL_SCHEME_HPKE_BASE, blob.scheme);
	EXPECT_EQ(KEYSEAL_USAGE_AEAD, blob.usage);
	EXPECT_EQ(KEYSEAL_ALG_AES_GCM, blob.key_alg);
	EXPECT_EQ(KEYSEAL_FLAG_EXPORTABLE, blob.key_flags);
	EXPECT_EQ(KEYSEAL_ORIGIN_EXTERNAL, blob.provenance);
	EXPECT_EQ(32, blob.key_len);
	EXPECT_EQ(variant->kem, blob.kem_id);
	EXPECT_EQ(KEYSEAL_KDF_HKDF_SHA256, blob.kdf_id);
	EXPECT_EQ(KEYSEAL_AEAD_AES256GCM, blob.aead_id);
	EXPECT_FALSE(all_zero(blob.key_id, sizeof(blob.key_id)));
	EXPECT_LE((u64)self->before, blob.created);
	EXPECT_GE((u64)self->after, blob.created);
	EXPECT_EQ(4102444800ULL, blob.not_after);

	spki_sha256(&self->recipient, fp);
	EXPECT_EQ(0, memcmp(blob.recipient_fp, fp, sizeof(fp)));
	ASSERT_EQ(0, keyseal_public_key_fingerprint(&self->recipient, fp));
	EXPECT_EQ(0, memcmp(blob.recipient_fp, fp, sizeof(fp)));

	ASSERT_EQ(npk, blob.enc_len);
	if (variant->kem == P256)
		EXPECT_EQ(0x04, blob.enc[0]);
	if (variant->auth) {
		ASSERT_EQ(npk, blob.sender_pk_len);
		EXPECT_EQ(0, memcmp(blob.sender_pk, self->sender.key, npk));
	} else {
		EXPECT_EQ(0, blob.sender_pk_len);
	}
	EXPECT_EQ(header_len, blob.header_len);
	EXPECT_EQ(48, blob.body_len);
	/* the body is not the key in the clear */
	EXPECT_EQ(NULL, memmem(self->blob, self->len, self->material, 16));
}

TEST_F(recipient_blob, opens_with_the_recipient_key)
{
	struct keyseal_blob blob;
	u8 key[64];
	size_t key_len = sizeof(key);

	ASSERT_EQ(0, keyseal_unwrap_from_recipient(self->blob, self->len,
						   &self->recipient_sk, NULL,
						   &blob, key, &key_len));
	ASSERT_EQ(32, key_len);
	EXPECT_EQ(0, memcmp(key, self->material, 32));
	EXPECT_TRUE(blob.header == self->blob);

	/* naming the sender: only an auth blob from that sender opens */
	key_len = sizeof(key);
	EXPECT_EQ(variant->auth ? 0 : -EKEYREJECTED,
		  keyseal_unwrap_from_recipient(self->blob, self->len,
						&self->recipient_sk,
						&self->sender, NULL, key,
						&key_len));
	key_len = 31;
	EXPECT_EQ(-ERANGE, keyseal_unwrap_from_recipient(self->blob, self->len,
							 &self->recipient_sk,
							 NULL, NULL, key,
							 &key_len));
	EXPECT_EQ(32, key_len);
}

/*
 * What a blob with one changed byte must give. A header the codec refuses
 * is -EINVAL; another recipient's fingerprint is -EKEYREJECTED; so is a
 * P-256 enc or sender key that is no longer a point on the curve. Every
 * other change must fail authentication.
 */
static int expected_error(const u8 *buf, size_t len, size_t offset, u16 kem)
{
	size_t npk = keyseal_usage_kem_public_size(kem);
	size_t fp_at = KEYSEAL_BLOB_FIXED_SIZE, enc_at = fp_at + 32 + 2;
	size_t sender_at = enc_at + npk + 2;
	struct keyseal_blob blob;

	if (keyseal_blob_parse(buf, len, &blob))
		return -EINVAL;
	if (offset >= fp_at && offset < fp_at + 32)
		return -EKEYREJECTED;
	if (kem == P256 && offset >= enc_at && offset < enc_at + npk)
		return -EKEYREJECTED;
	if (kem == P256 && blob.sender_pk_len && offset >= sender_at &&
	    offset < sender_at + npk)
		return -EKEYREJECTED;
	return -EBADMSG;
}

TEST_F(recipient_blob, every_changed_byte_fails)
{
	static const u8 masks[] = { 0x01, 0x80, 0xff };
	size_t offset, m, counts[3] = { 0 };
	u8 key[32];

	for (offset = 0; offset < self->len; offset++) {
		for (m = 0; m < ARRAY_SIZE(masks); m++) {
			size_t key_len = sizeof(key);
			int expect, ret;

			self->blob[offset] ^= masks[m];
			expect = expected_error(self->blob, self->len, offset,
						variant->kem);
			memset(key, 0x55, sizeof(key));
			ret = keyseal_unwrap_from_recipient(self->blob,
							    self->len,
							    &self->recipient_sk,
							    NULL, NULL, key,
							    &key_len);
			self->blob[offset] ^= masks[m];
			EXPECT_EQ(expect, ret)
				TH_LOG("offset %zu mask 0x%02x", offset,
				       masks[m]);
			EXPECT_TRUE(all_zero(key, sizeof(key)));
			counts[expect == -EINVAL ? 0 :
			       expect == -EBADMSG ? 1 : 2]++;
		}
	}
	/* each kind of failure happened: the oracle is not one-sided */
	EXPECT_LT(0, counts[0]);
	EXPECT_LT(0, counts[1]);
	EXPECT_LT(0, counts[2]);
	/* the body and the time fields parse whatever they hold */
	EXPECT_LE((32 + 16 + 16 + 16) * 3, counts[1]);
}

TEST_F(recipient_blob, every_truncation_fails)
{
	u8 key[32];
	size_t cut;

	for (cut = 0; cut < self->len; cut++) {
		size_t key_len = sizeof(key);

		EXPECT_EQ(-EINVAL,
			  keyseal_unwrap_from_recipient(self->blob, cut,
							&self->recipient_sk,
							NULL, NULL, key,
							&key_len))
			TH_LOG("cut at %zu", cut);
	}
	/* nor may anything follow */
	self->blob[self->len] = 0;
	{
		size_t key_len = sizeof(key);

		EXPECT_EQ(-EINVAL,
			  keyseal_unwrap_from_recipient(self->blob,
							self->len + 1,
							&self->recipient_sk,
							NULL, NULL, key,
							&key_len));
	}
}

TEST_F(recipient_blob, wrong_recipient_key_fails)
{
	struct keyseal_private_key other_kem_sk;
	struct keyseal_public_key other_kem_pk;
	u8 key[32];
	size_t key_len = sizeof(key);

	EXPECT_EQ(-EKEYREJECTED,
		  keyseal_unwrap_from_recipient(self->blob, self->len,
						&self->other_sk, NULL, NULL,
						key, &key_len));
	/* the sender's key cannot open what it sent either */
	EXPECT_EQ(-EKEYREJECTED,
		  keyseal_unwrap_from_recipient(self->blob, self->len,
						&self->sender_sk, NULL, NULL,
						key, &key_len));
	make_key_pair(variant->kem == X25519 ? P256 : X25519, &other_kem_sk,
		      &other_kem_pk);
	EXPECT_EQ(-EKEYREJECTED,
		  keyseal_unwrap_from_recipient(self->blob, self->len,
						&other_kem_sk, NULL, NULL,
						key, &key_len));
	keyseal_private_key_wipe(&other_kem_sk);
}

/*
 * Naming the wrong sender fails; and putting another sender's public key
 * in the header fails the cryptography even where that sender is expected:
 * the sender is bound by AuthDecap, not only by the header.
 */
TEST_F(recipient_blob, sender_is_authenticated)
{
	u8 key[32];
	size_t key_len = sizeof(key), at;

	EXPECT_EQ(-EKEYREJECTED,
		  keyseal_unwrap_from_recipient(self->blob, self->len,
						&self->recipient_sk,
						&self->other, NULL, key,
						&key_len));
	if (!variant->auth)
		return;

	at = self->len - 48 - self->sender.len;
	ASSERT_EQ(0, memcmp(self->blob + at, self->sender.key,
			    self->sender.len));
	memcpy(self->blob + at, self->other.key, self->other.len);
	EXPECT_EQ(-EBADMSG,
		  keyseal_unwrap_from_recipient(self->blob, self->len,
						&self->recipient_sk,
						&self->other, NULL, key,
						&key_len));
	EXPECT_EQ(-EBADMSG,
		  keyseal_unwrap_from_recipient(self->blob, self->len,
						&self->recipient_sk, NULL,
						NULL, key, &key_len));
}

TEST_F(recipient_blob, each_wrap_has_a_fresh_ephemeral_key)
{
	u8 blob2[KEYSEAL_BLOB_MAX_SIZE], key[32];
	struct keyseal_blob one, two;
	size_t len2 = sizeof(blob2), key_len = sizeof(key);

	ASSERT_EQ(0, keyseal_wrap_to_recipient(&self->key, &self->recipient,
					       sender_of(self, variant),
					       blob2, &len2));
	ASSERT_EQ(self->len, len2);
	ASSERT_EQ(0, keyseal_blob_parse(self->blob, self->len, &one));
	ASSERT_EQ(0, keyseal_blob_parse(blob2, len2, &two));
	EXPECT_NE(0, memcmp(one.enc, two.enc, one.enc_len));
	EXPECT_NE(0, memcmp(one.key_id, two.key_id, sizeof(one.key_id)));
	EXPECT_NE(0, memcmp(one.body, two.body, one.body_len));
	ASSERT_EQ(0, keyseal_unwrap_from_recipient(blob2, len2,
						   &self->recipient_sk, NULL,
						   NULL, key, &key_len));
	EXPECT_EQ(0, memcmp(key, self->material, sizeof(key)));
}

TEST_F(recipient_blob, buffer_too_small)
{
	u8 blob2[KEYSEAL_BLOB_MAX_SIZE];
	size_t len2 = self->len - 1;

	memset(blob2, 0x77, sizeof(blob2));
	EXPECT_EQ(-ERANGE, keyseal_wrap_to_recipient(&self->key,
						     &self->recipient,
						     sender_of(self, variant),
						     blob2, &len2));
	EXPECT_EQ(self->len, len2);
	/* nothing was written */
	EXPECT_EQ(0x77, blob2[0]);
	EXPECT_EQ(0, keyseal_wrap_to_recipient(&self->key, &self->recipient,
					       sender_of(self, variant),
					       blob2, &len2));
}

/* RFC 7748 section 7 / the usual list: points of order 1, 2, 4 and 8. */
static const char * const x25519_low_order[] = {
	"0000000000000000000000000000000000000000000000000000000000000000",
	"0100000000000000000000000000000000000000000000000000000000000000",
	"e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800",
	"5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157",
	"ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
	"edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
	"eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
	/* the same with the top bit set, which X25519 ignores */
	"0000000000000000000000000000000000000000000000000000000000000080",
	"e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b880",
	"5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f11d7",
	"edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
};

static struct keyseal_wrap_key aead_key(const u8 *material)
{
	return (struct keyseal_wrap_key){
		.usage = KEYSEAL_USAGE_AEAD,
		.key_flags = KEYSEAL_FLAG_EXPORTABLE,
		.material = material,
		.len = 16,
	};
}

TEST(low_order_x25519_recipient_is_rejected)
{
	static const u8 material[16] = { 1 };
	struct keyseal_wrap_key key = aead_key(material);
	struct keyseal_private_key sender_sk;
	struct keyseal_public_key pk, sender;
	u8 blob[KEYSEAL_BLOB_MAX_SIZE], raw[32], dh[32];
	size_t i, len;

	make_key_pair(X25519, &sender_sk, &sender);
	for (i = 0; i < ARRAY_SIZE(x25519_low_order); i++) {
		ASSERT_EQ(32, unhex(x25519_low_order[i], raw, sizeof(raw)));
		/* any 32 bytes are an X25519 key; the exchange is refused */
		ASSERT_EQ(0, keyseal_public_key_from_raw(X25519, raw, 32, &pk));
		len = sizeof(blob);
		EXPECT_EQ(-EKEYREJECTED,
			  keyseal_wrap_to_recipient(&key, &pk, NULL, blob,
						    &len))
			TH_LOG("point %zu", i);
		EXPECT_EQ(-EKEYREJECTED,
			  keyseal_wrap_to_recipient(&key, &pk, &sender_sk,
						    blob, &len));
		memset(dh, 0x55, sizeof(dh));
		EXPECT_EQ(-EKEYREJECTED,
			  keyseal_dh_compute(X25519, sender_sk.scalar, raw, 32,
					     dh));
		EXPECT_TRUE(all_zero(dh, sizeof(dh)));
	}
	keyseal_private_key_wipe(&sender_sk);
}

/* A blob whose enc or sender key is a low-order point cannot be opened. */
TEST(low_order_x25519_enc_or_sender_is_rejected)
{
	static const u8 material[16] = { 2 };
	struct keyseal_wrap_key key = aead_key(material);
	struct keyseal_private_key recipient_sk, sender_sk;
	struct keyseal_public_key recipient, sender;
	u8 blob[KEYSEAL_BLOB_MAX_SIZE], out[16];
	size_t len = sizeof(blob), out_len = sizeof(out);
	const size_t enc_at = KEYSEAL_BLOB_FIXED_SIZE + 32 + 2;
	const size_t sender_at = enc_at + 32 + 2;

	make_key_pair(X25519, &recipient_sk, &recipient);
	make_key_pair(X25519, &sender_sk, &sender);
	ASSERT_EQ(0, keyseal_wrap_to_recipient(&key, &recipient, &sender_sk,
					       blob, &len));
	memset(blob + sender_at, 0, 32);
	EXPECT_EQ(-EKEYREJECTED,
		  keyseal_unwrap_from_recipient(blob, len, &recipient_sk, NULL,
						NULL, out, &out_len));
	memset(blob + enc_at, 0, 32);
	EXPECT_EQ(-EKEYREJECTED,
		  keyseal_unwrap_from_recipient(blob, len, &recipient_sk, NULL,
						NULL, out, &out_len));
	keyseal_private_key_wipe(&recipient_sk);
	keyseal_private_key_wipe(&sender_sk);
}

TEST(invalid_p256_recipient_is_rejected)
{
	/* a valid point: pkRm of RFC 9180 A.3.1 */
	static const char valid[] = RFC9180_P256_PKRM;
	/* the field prime p, a coordinate that is not reduced */
	static const char prime[] =
		"ffffffff00000001000000000000000000000000ffffffffffffffffffffffff";
	static const u8 material[16] = { 3 };
	struct keyseal_wrap_key key = aead_key(material);
	struct keyseal_public_key pk;
	u8 points[6][65], blob[KEYSEAL_BLOB_MAX_SIZE];
	size_t i, len;

	ASSERT_EQ(65, unhex(valid, points[0], 65));
	ASSERT_EQ(0, keyseal_public_key_from_raw(P256, points[0], 65, &pk));
	for (i = 1; i < ARRAY_SIZE(points); i++)
		memcpy(points[i], points[0], 65);
	points[0][64] ^= 0x01;		/* y off by one: not on the curve */
	points[1][0] = 0x02;		/* compressed prefix, 65 bytes */
	points[2][0] = 0x06;		/* hybrid form, which OpenSSL takes */
	memset(points[3] + 1, 0, 64);	/* (0, 0) */
	ASSERT_EQ(32, unhex(prime, points[4] + 1, 32));	/* x = p */
	points[5][0] = 0x00;		/* the point at infinity's prefix */

	for (i = 0; i < ARRAY_SIZE(points); i++) {
		EXPECT_EQ(-EKEYREJECTED,
			  keyseal_public_key_from_raw(P256, points[i], 65,
						      &pk))
			TH_LOG("point %zu", i);
		/* a struct filled by hand is checked by the wrap too */
		pk.kem = P256;
		pk.len = 65;
		memcpy(pk.key, points[i], 65);
		len = sizeof(blob);
		EXPECT_EQ(-EKEYREJECTED,
			  keyseal_wrap_to_recipient(&key, &pk, NULL, blob,
						    &len))
			TH_LOG("point %zu", i);
	}
	/* wrong lengths are malformed input, not bad points */
	EXPECT_EQ(-EINVAL, keyseal_public_key_from_raw(P256, points[0], 64,
						       &pk));
	EXPECT_EQ(-EINVAL, keyseal_public_key_from_raw(P256, points[0], 33,
						       &pk));
	pk.len = 64;
	len = sizeof(blob);
	EXPECT_EQ(-EINVAL, keyseal_wrap_to_recipient(&key, &pk, NULL, blob,
						     &len));
}

TEST(wrap_refuses_bad_requests)
{
	static const u8 material[KEYSEAL_SECRET_MAX + 1] = { 4 };
	static const struct {
		u8 usage, flags;
		size_t len;
		int expect;
	} cases[] = {
		{ KEYSEAL_USAGE_AEAD, KEYSEAL_FLAG_EXPORTABLE, 16, 0 },
		{ KEYSEAL_USAGE_AEAD, KEYSEAL_FLAG_EXPORTABLE, 24, -EINVAL },
		{ KEYSEAL_USAGE_KEK, 0, 32, 0 },
		{ KEYSEAL_USAGE_KEK, 0, 16, -EINVAL },
		{ KEYSEAL_USAGE_SECRET, 0, KEYSEAL_SECRET_MIN, 0 },
		{ KEYSEAL_USAGE_SECRET, 0, KEYSEAL_SECRET_MAX, 0 },
		{ KEYSEAL_USAGE_SECRET, 0, KEYSEAL_SECRET_MIN - 1, -EINVAL },
		{ KEYSEAL_USAGE_SECRET, 0, KEYSEAL_SECRET_MAX + 1, -EINVAL },
		{ KEYSEAL_USAGE_X25519, 0, 32, 0 },
		{ KEYSEAL_USAGE_P256, 0, 32, 0 },
		{ 0, 0, 32, -EINVAL },
		{ KEYSEAL_USAGE_P256 + 1, 0, 32, -EINVAL },
		/* plaintext implies exportable; unknown flags */
		{ KEYSEAL_USAGE_AEAD, KEYSEAL_FLAG_PLAINTEXT, 16, -EINVAL },
		{ KEYSEAL_USAGE_AEAD, KEYSEAL_FLAGS_ALL, 16, 0 },
		{ KEYSEAL_USAGE_AEAD, 0x04, 16, -EINVAL },
	};
	struct keyseal_private_key recipient_sk, p256_sk;
	struct keyseal_public_key recipient, p256;
	u8 blob[KEYSEAL_BLOB_MAX_SIZE], out[KEYSEAL_SECRET_MAX];
	struct keyseal_wrap_key key;
	u8 zero_scalar[32] = { 0 };
	size_t i, len, out_len;

	make_key_pair(X25519, &recipient_sk, &recipient);
	make_key_pair(P256, &p256_sk, &p256);
	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		key = (struct keyseal_wrap_key){
			.usage = cases[i].usage,
			.key_flags = cases[i].flags,
			.material = material,
			.len = cases[i].len,
		};
		len = sizeof(blob);
		EXPECT_EQ(cases[i].expect,
			  keyseal_wrap_to_recipient(&key, &recipient, NULL,
						    blob, &len))
			TH_LOG("case %zu", i);
		if (cases[i].expect)
			continue;
		out_len = sizeof(out);
		EXPECT_EQ(0, keyseal_unwrap_from_recipient(blob, len,
							   &recipient_sk,
							   NULL, NULL, out,
							   &out_len));
		EXPECT_EQ(cases[i].len, out_len);
		EXPECT_EQ(0, memcmp(out, material, out_len));
	}

	key = aead_key(material);
	len = sizeof(blob);
	/* auth mode across KEMs */
	EXPECT_EQ(-EKEYREJECTED,
		  keyseal_wrap_to_recipient(&key, &recipient, &p256_sk, blob,
					    &len));
	/* no material */
	key.material = NULL;
	EXPECT_EQ(-EINVAL, keyseal_wrap_to_recipient(&key, &recipient, NULL,
						     blob, &len));
	/* a p256 key whose scalar no kernel could load */
	key = (struct keyseal_wrap_key){
		.usage = KEYSEAL_USAGE_P256,
		.material = zero_scalar,
		.len = 32,
	};
	EXPECT_EQ(-EINVAL, keyseal_wrap_to_recipient(&key, &recipient, NULL,
						     blob, &len));
	/* a bad sender scalar */
	key = aead_key(material);
	memset(p256_sk.scalar, 0, sizeof(p256_sk.scalar));
	EXPECT_EQ(-EINVAL, keyseal_wrap_to_recipient(&key, &p256, &p256_sk,
						     blob, &len));
	EXPECT_EQ(-EINVAL, keyseal_wrap_to_recipient(NULL, &p256, NULL, blob,
						     &len));
	keyseal_private_key_wipe(&recipient_sk);
	keyseal_private_key_wipe(&p256_sk);
}

TEST(wrap_keeps_a_given_key_id)
{
	static const u8 key_id[KEYSEAL_KEY_ID_SIZE] = {
		0x6b, 0x65, 0x79, 0x73, 0x65, 0x61, 0x6c, 0x2d,
		0x6b, 0x65, 0x79, 0x2d, 0x69, 0x64, 0x2d, 0x31,
	};
	static const u8 material[16] = { 5 };
	struct keyseal_wrap_key key = aead_key(material);
	struct keyseal_private_key sk;
	struct keyseal_public_key pk;
	u8 buf[KEYSEAL_BLOB_MAX_SIZE];
	struct keyseal_blob blob;
	size_t len = sizeof(buf);

	make_key_pair(P256, &sk, &pk);
	key.key_id = key_id;
	ASSERT_EQ(0, keyseal_wrap_to_recipient(&key, &pk, NULL, buf, &len));
	ASSERT_EQ(0, keyseal_blob_parse(buf, len, &blob));
	EXPECT_EQ(0, memcmp(blob.key_id, key_id, sizeof(key_id)));
	EXPECT_EQ(0, blob.not_after);
	keyseal_private_key_wipe(&sk);
}

/*
 * Blobs this implementation made (key id "keyseal-interop\0", material
 * 00 01 .. 1f) that pyca/cryptography 48.0.0, an independent HPKE
 * implementation, opened with the recipient key below: its
 * _decrypt_with_aad(Suite(KEM, HKDF_SHA256, AES_256_GCM), enc || body,
 * sk, info=KEYSEAL_HPKE_INFO, aad=header) gave back the material. They pin
 * the AES-256-GCM suite, which the RFC has no vector for, and the blob
 * flow; a keyseal kernel must import them.
 */
static const struct {
	u16 kem;
	const char *sk, *blob;
} interop[] = {
	{
		.kem = X25519,
		.sk =
		"1e8cec872d3398adf4d8fec11ce086f3553f2108edd6c51ee3b41a4983393aa2",
		.blob =
		"4b53424c010202020020010300200001000200006b65797365616c2d696e7465"
		"726f7000000000006b0b76da0000000000000000d1f826b3dfcc7517f2b4b5f0"
		"d04d36f44952b3c9ee8f9154d2e37e945d64267e0020719b426b1b273b69fed9"
		"9dfa526ef0edf819effb6021643aa9c677dea9786c47000051de9ce6f69ca99c"
		"564f08d837944064639546147c2753a8da9e867df59b605821ce8b025e1726cb"
		"2a1566ad7bf392f2",
	},
	{
		.kem = P256,
		.sk =
		"8b9e2f393c21dfb95aa907287c096a08df2e590e82df1c205240e0cc8a67026f",
		.blob =
		"4b53424c010202020020010300100001000200006b65797365616c2d696e7465"
		"726f7000000000006b0b76da0000000000000000c014e4327a7d62dd8ff6661b"
		"97b758f93e7c746ab4c90d474ec05bb17cda8ede004104e14cce7888078ddd5d"
		"775df0a7de46e73b188e084b8d13c37e7b7b92c99abb79dec5360ef674a9b29b"
		"51edbd143cc6ee2e79e3c685d59f24c478114a1b6cd18f0000661c487c6f3222"
		"5cba5fe31bec0a12b7c67dd75cf08ad928b60abb33e467aa104bcb17a0106269"
		"651db072ef3d95d90b",
	},
};

TEST(blobs_checked_by_another_implementation_open)
{
	static const u8 key_id[KEYSEAL_KEY_ID_SIZE] = "keyseal-interop";
	u8 scalar[32], buf[KEYSEAL_BLOB_MAX_SIZE], key[32];
	struct keyseal_private_key sk;
	struct keyseal_blob blob;
	size_t i, j, key_len;
	long len;

	for (i = 0; i < ARRAY_SIZE(interop); i++) {
		ASSERT_EQ(32, unhex(interop[i].sk, scalar, sizeof(scalar)));
		ASSERT_EQ(0, keyseal_private_key_from_raw(interop[i].kem,
							  scalar, 32, &sk));
		len = unhex(interop[i].blob, buf, sizeof(buf));
		ASSERT_LT(0, len);
		key_len = sizeof(key);
		ASSERT_EQ(0, keyseal_unwrap_from_recipient(buf, len, &sk, NULL,
							   &blob, key,
							   &key_len));
		ASSERT_EQ(32, key_len);
		for (j = 0; j < key_len; j++)
			EXPECT_EQ(j, key[j]);
		EXPECT_EQ(KEYSEAL_SCHEME_HPKE_BASE, blob.scheme);
		EXPECT_EQ(KEYSEAL_ORIGIN_EXTERNAL, blob.provenance);
		EXPECT_EQ(0, memcmp(blob.key_id, key_id, sizeof(key_id)));
		EXPECT_EQ(1795913434ULL, blob.created);
		keyseal_private_key_wipe(&sk);
		OPENSSL_cleanse(scalar, sizeof(scalar));
	}
}

TEST_HARNESS_MAIN
