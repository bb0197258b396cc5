// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The RSA export (kernel/shared/rsa_export.c over lib/rsa.c): its
 * known-answer test as the module's KAT variant runs it; every vector of the
 * table opened again by OpenSSL; the wrapping key's SPKI and PEM, and each
 * refusal; and keyseal_wrap_to_rsa() in the four forms, to keys of the three
 * sizes, opened by OpenSSL (tests/common/rsa_openssl.h) to the exact key.
 */

#include <stdlib.h>
#include <string.h>

#include <openssl/core_names.h>
#include <openssl/encoder.h>

#include "kselftest_harness.h"

#include "hex.h"
#include "keyseal.h"
#include "primitives.h"
#include "rsa_export.h"
#include "rsa_openssl.h"
#include "rsa_vectors.h"

#define BUF	1100

static const int formats[] = {
	KEYSEAL_RSA_AES_KWP_SHA256, KEYSEAL_RSA_AES_KWP_SHA1,
	KEYSEAL_RSA_OAEP_SHA256, KEYSEAL_RSA_OAEP_SHA1,
};

/* The known-answer test as the module's KAT variant runs it. */
TEST(known_answer_test)
{
	struct keyseal_rsa_kat *kat = calloc(1, sizeof(*kat));

	ASSERT_NE(NULL, kat);
	EXPECT_EQ(0, keyseal_rsa_kat_run(kat))
		TH_LOG("%s: %s", kat->vector, kat->step);
	EXPECT_EQ(3, kat->kwp);
	EXPECT_EQ(2, kat->oaep);
	EXPECT_EQ(4, kat->exports);
	free(kat);
}

/* A result that differs from the vector's fails the run, and says so. */
TEST(known_answer_test_can_fail)
{
	static const struct {
		unsigned int corrupt;
		const char *vector, *step;
	} cases[] = {
		{ 1, "RFC 5649, 20 octets", "AES-KWP" },
		{ 4, "RSAES-OAEP SHA-1, example 1.1", "RSAES-OAEP" },
		{ 5, "RSAES-OAEP SHA-256, 2048 bits", "RSAES-OAEP" },
		{ 9, "rsa-oaep-sha1", "export" },
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		struct keyseal_rsa_kat *kat = calloc(1, sizeof(*kat));

		ASSERT_NE(NULL, kat);
		kat->corrupt = cases[i].corrupt;
		EXPECT_EQ(-EBADMSG, keyseal_rsa_kat_run(kat));
		EXPECT_STREQ(cases[i].vector, kat->vector);
		EXPECT_STREQ(cases[i].step, kat->step);
		free(kat);
	}
}

/* OpenSSL's AES-KWP unwraps each KWP vector to its key. */
TEST(kwp_vectors_open_with_openssl)
{
	uint8_t kek[32], key[64], wrapped[80], out[80];
	unsigned int i;

	for (i = 0; i < KEYSEAL_KWP_VECTORS; i++) {
		const struct keyseal_kwp_vector *v = &keyseal_kwp_vectors[i];
		long kek_len = unhex(v->kek, kek, sizeof(kek));
		long key_len = unhex(v->key, key, sizeof(key));
		long len = unhex(v->wrapped, wrapped, sizeof(wrapped));

		ASSERT_LT(0, kek_len);
		ASSERT_LT(0, key_len);
		ASSERT_LT(0, len);
		ASSERT_EQ(key_len, rsa_test_kwp_unwrap(kek, kek_len, wrapped,
						       len, out, sizeof(out)))
			TH_LOG("%s", v->name);
		EXPECT_EQ(0, memcmp(out, key, key_len));
		/* and one bit off fails its integrity check */
		wrapped[len - 1] ^= 1;
		EXPECT_EQ(-1, rsa_test_kwp_unwrap(kek, kek_len, wrapped, len,
						  out, sizeof(out)));
	}
}

/*
 * The private key decrypts the SHA-256 OAEP vector, and every export
 * vector, to what they hold.
 */
TEST(vectors_open_with_openssl)
{
	EVP_PKEY *pkey = rsa_test_private_key(rsa_test_key_pem);
	uint8_t in[BUF], want[64], out[BUF];
	const struct keyseal_oaep_vector *o = &keyseal_oaep_vectors[1];
	long len, want_len;
	unsigned int i;

	ASSERT_NE(NULL, pkey);
	len = unhex(o->ct, in, sizeof(in));
	want_len = unhex(o->msg, want, sizeof(want));
	ASSERT_EQ(want_len, rsa_test_oaep_decrypt(pkey, 0, in, len, out,
						  sizeof(out)));
	EXPECT_EQ(0, memcmp(out, want, want_len));

	for (i = 0; i < KEYSEAL_RSA_EXPORT_VECTORS; i++) {
		const struct keyseal_rsa_export_vector *v =
			&keyseal_rsa_export_vectors[i];

		len = unhex(v->out, in, sizeof(in));
		want_len = unhex(v->material, want, sizeof(want));
		ASSERT_EQ(want_len, rsa_test_unwrap(pkey, v->format, in, len,
						    out, sizeof(out)))
			TH_LOG("%s", v->name);
		EXPECT_EQ(0, memcmp(out, want, want_len));
	}
	EVP_PKEY_free(pkey);
}

/* The vectors' SPKI is the private key's public half. */
TEST(vector_key_is_the_test_key)
{
	EVP_PKEY *pkey = rsa_test_private_key(rsa_test_key_pem);
	uint8_t spki[600], want[600];
	long len = unhex(keyseal_rsa_kat_spki, want, sizeof(want));

	ASSERT_NE(NULL, pkey);
	ASSERT_EQ(len, rsa_test_spki(pkey, spki, sizeof(spki)));
	EXPECT_EQ(0, memcmp(spki, want, len));
	EVP_PKEY_free(pkey);
}

FIXTURE(spki) {
	uint8_t der[600];
	long len;
	struct keyseal_rsa_public pub;
};

FIXTURE_SETUP(spki)
{
	self->len = unhex(keyseal_rsa_kat_spki, self->der, sizeof(self->der));
	ASSERT_EQ(294, self->len);
}

FIXTURE_TEARDOWN(spki)
{
}

TEST_F(spki, parses)
{
	ASSERT_EQ(0, keyseal_rsa_spki_parse(self->der, self->len, &self->pub));
	EXPECT_EQ(2048, self->pub.bits);
	EXPECT_EQ(256, self->pub.n_len);
	EXPECT_EQ(3, self->pub.e_len);
	EXPECT_EQ(0, memcmp(self->pub.e, "\x01\x00\x01", 3));
	/* the RSAPublicKey is the BIT STRING's contents */
	EXPECT_EQ(self->der + 24, self->pub.key);
	EXPECT_EQ(270, self->pub.key_len);
}

/* Every proper prefix, and a byte more, are refused. */
TEST_F(spki, truncated_or_trailing)
{
	long i;

	for (i = 0; i < self->len; i++)
		EXPECT_EQ(-EINVAL, keyseal_rsa_spki_parse(self->der, i,
							  &self->pub));
	self->der[self->len] = 0;
	EXPECT_EQ(-EINVAL, keyseal_rsa_spki_parse(self->der, self->len + 1,
						  &self->pub));
}

/* Each byte of the header and of the key's DER structure matters. */
TEST_F(spki, structure_bytes)
{
	/*
	 * Offsets: 0 SEQUENCE, 4 AlgorithmIdentifier, 6 OID, 8..16 its value,
	 * 17 NULL, 18 its length, 19 BIT STRING, 23 unused bits, 24 SEQUENCE,
	 * 28 INTEGER n, 32 n's zero byte, 289 INTEGER e, 290 its length.
	 */
	static const struct {
		int at;
		uint8_t xor;
	} flips[] = {
		{ 0, 0x01 }, { 1, 0x01 }, { 3, 0x01 }, { 4, 0x01 }, { 5, 0x01 },
		{ 6, 0x01 }, { 7, 0x01 }, { 16, 0x01 }, { 16, 0x0b },
		{ 17, 0x01 }, { 18, 0x01 }, { 19, 0x01 }, { 23, 0x01 },
		{ 24, 0x01 }, { 28, 0x01 }, { 31, 0x01 }, { 32, 0x01 },
		{ 289, 0x01 }, { 290, 0x01 },
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(flips); i++) {
		self->der[flips[i].at] ^= flips[i].xor;
		EXPECT_EQ(-EINVAL, keyseal_rsa_spki_parse(self->der, self->len,
							  &self->pub))
			TH_LOG("byte %d ^ %#x", flips[i].at, flips[i].xor);
		self->der[flips[i].at] ^= flips[i].xor;
	}
	ASSERT_EQ(0, keyseal_rsa_spki_parse(self->der, self->len, &self->pub));
}

/* Exponents: 65537, 3 and 0x10001 as 4 bytes pass; even, 1, 0 do not. */
TEST_F(spki, exponents)
{
	/* e is at 291..293: 01 00 01 */
	self->der[293] = 0x00;
	EXPECT_EQ(-EINVAL, keyseal_rsa_spki_parse(self->der, self->len,
						  &self->pub));
	self->der[293] = 0x03;
	EXPECT_EQ(0, keyseal_rsa_spki_parse(self->der, self->len, &self->pub));
	self->der[293] = 0x01;
	/* one byte: 01 and 03 */
	self->der[3] -= 2;
	self->der[22] -= 2;
	self->der[27] -= 2;
	self->der[290] = 1;
	self->der[291] = 1;
	EXPECT_EQ(-EINVAL, keyseal_rsa_spki_parse(self->der, self->len - 2,
						  &self->pub));
	self->der[291] = 3;
	EXPECT_EQ(0, keyseal_rsa_spki_parse(self->der, self->len - 2,
					    &self->pub));
	self->der[291] = 0x80;	/* negative */
	EXPECT_EQ(-EINVAL, keyseal_rsa_spki_parse(self->der, self->len - 2,
						  &self->pub));
}

/* A longer length encoding than needed is not DER. */
TEST_F(spki, non_minimal_length)
{
	uint8_t der[600];

	/* the NULL's length as 81 00 */
	memcpy(der, self->der, 18);
	der[18] = 0x81;
	der[19] = 0x00;
	memcpy(der + 20, self->der + 19, self->len - 19);
	der[3] += 1;
	der[5] += 1;
	EXPECT_EQ(-EINVAL, keyseal_rsa_spki_parse(der, self->len + 1,
						  &self->pub));
}

/* Keys of other sizes and kinds, as OpenSSL writes them. */
TEST(spki_refuses_other_keys)
{
	static const unsigned int bad_bits[] = { 1024, 2047, 2056, 3000 };
	uint8_t spki[1100];
	struct keyseal_rsa_public pub;
	struct keyseal_rsa_key key;
	EVP_PKEY *pkey;
	unsigned int i;
	long len;

	for (i = 0; i < ARRAY_SIZE(bad_bits); i++) {
		pkey = rsa_test_generate(bad_bits[i]);
		ASSERT_NE(NULL, pkey);
		len = rsa_test_spki(pkey, spki, sizeof(spki));
		ASSERT_LT(0, len);
		EXPECT_EQ(-EINVAL, keyseal_rsa_spki_parse(spki, len, &pub))
			TH_LOG("%u bits", bad_bits[i]);
		EXPECT_EQ(-EINVAL, keyseal_rsa_key_from_der(spki, len, &key));
		EXPECT_EQ(KEYSEAL_RSA_KEY_SIZE, key.problem);
		EXPECT_EQ(bad_bits[i], key.bits);
		EVP_PKEY_free(pkey);
	}

	pkey = EVP_PKEY_Q_keygen(NULL, NULL, "EC", "P-256");
	ASSERT_NE(NULL, pkey);
	len = rsa_test_spki(pkey, spki, sizeof(spki));
	ASSERT_LT(0, len);
	EXPECT_EQ(-EINVAL, keyseal_rsa_spki_parse(spki, len, &pub));
	EXPECT_EQ(-EINVAL, keyseal_rsa_key_from_der(spki, len, &key));
	EXPECT_EQ(KEYSEAL_RSA_KEY_NOT_RSA, key.problem);
	EVP_PKEY_free(pkey);

	EXPECT_EQ(-EINVAL, keyseal_rsa_key_from_der("\x30\x00", 2, &key));
	EXPECT_EQ(KEYSEAL_RSA_KEY_MALFORMED, key.problem);
}

/* PEM: SPKI and PKCS #1 blocks are taken; others and garbage are not. */
TEST(pem)
{
	EVP_PKEY *pkey = rsa_test_private_key(rsa_test_key_pem);
	uint8_t want[600];
	long want_len = unhex(keyseal_rsa_kat_spki, want, sizeof(want));
	struct keyseal_rsa_key key;
	OSSL_ENCODER_CTX *enc;
	char *pem;
	long len;
	BIO *bio;

	ASSERT_NE(NULL, pkey);
	bio = BIO_new(BIO_s_mem());
	ASSERT_NE(NULL, bio);
	ASSERT_EQ(1, PEM_write_bio_PUBKEY(bio, pkey));
	len = BIO_get_mem_data(bio, &pem);
	ASSERT_EQ(0, keyseal_rsa_key_from_pem(pem, len, &key));
	EXPECT_EQ(want_len, key.len);
	EXPECT_EQ(0, memcmp(key.spki, want, want_len));
	EXPECT_EQ(2048, key.bits);
	EXPECT_EQ(KEYSEAL_RSA_KEY_OK, key.problem);
	/* a bit of the base64 changed: the DER is no longer strict */
	pem[40] = pem[40] == 'A' ? 'B' : 'A';
	EXPECT_EQ(-EINVAL, keyseal_rsa_key_from_pem(pem, len, &key));
	EXPECT_NE(KEYSEAL_RSA_KEY_OK, key.problem);
	BIO_free(bio);

	bio = BIO_new(BIO_s_mem());
	ASSERT_NE(NULL, bio);
	enc = OSSL_ENCODER_CTX_new_for_pkey(pkey, OSSL_KEYMGMT_SELECT_PUBLIC_KEY,
					    "PEM", "type-specific", NULL);
	ASSERT_NE(NULL, enc);
	ASSERT_EQ(1, OSSL_ENCODER_to_bio(enc, bio));
	OSSL_ENCODER_CTX_free(enc);
	len = BIO_get_mem_data(bio, &pem);
	ASSERT_EQ(0, strncmp(pem, "-----BEGIN RSA PUBLIC KEY-----", 30));
	ASSERT_EQ(0, keyseal_rsa_key_from_pem(pem, len, &key));
	EXPECT_EQ(want_len, key.len);
	EXPECT_EQ(0, memcmp(key.spki, want, want_len));
	BIO_free(bio);

	/* a private key is not a wrapping key */
	EXPECT_EQ(-EINVAL, keyseal_rsa_key_from_pem(rsa_test_key_pem,
						    strlen(rsa_test_key_pem),
						    &key));
	EXPECT_EQ(KEYSEAL_RSA_KEY_NOT_PEM, key.problem);
	EXPECT_EQ(-EINVAL, keyseal_rsa_key_from_pem("hello\n", 6, &key));
	EXPECT_EQ(KEYSEAL_RSA_KEY_NOT_PEM, key.problem);
	EVP_PKEY_free(pkey);
}

TEST(format_names)
{
	EXPECT_EQ(KEYSEAL_RSA_AES_KWP_SHA256,
		  keyseal_rsa_format_from_string("rsa-aes-kwp-sha256"));
	EXPECT_EQ(KEYSEAL_RSA_AES_KWP_SHA1,
		  keyseal_rsa_format_from_string("rsa-aes-kwp-sha1"));
	EXPECT_EQ(KEYSEAL_RSA_OAEP_SHA256,
		  keyseal_rsa_format_from_string("rsa-oaep-sha256"));
	EXPECT_EQ(KEYSEAL_RSA_OAEP_SHA1,
		  keyseal_rsa_format_from_string("rsa-oaep-sha1"));
	EXPECT_EQ(-EINVAL, keyseal_rsa_format_from_string("rsa-oaep"));
	EXPECT_EQ(-EINVAL, keyseal_rsa_format_from_string(NULL));
	EXPECT_STREQ("rsa-oaep-sha1", keyseal_rsa_format_to_string(4));
	EXPECT_EQ(NULL, keyseal_rsa_format_to_string(0));
	EXPECT_EQ(NULL, keyseal_rsa_format_to_string(5));
}

FIXTURE(wrap) {
	EVP_PKEY *pkey;
	struct keyseal_rsa_key rsa;
	uint8_t material[512];
	uint8_t out[BUF], opened[BUF];
};

FIXTURE_VARIANT(wrap) {
	unsigned int bits;
};

FIXTURE_VARIANT_ADD(wrap, rsa2048) {
	.bits = 2048,
};

FIXTURE_VARIANT_ADD(wrap, rsa3072) {
	.bits = 3072,
};

FIXTURE_VARIANT_ADD(wrap, rsa4096) {
	.bits = 4096,
};

FIXTURE_SETUP(wrap)
{
	uint8_t spki[KEYSEAL_RSA_SPKI_MAX];
	long len;

	self->pkey = rsa_test_private_key(variant->bits == 2048 ?
					  rsa_test_key_pem :
					  variant->bits == 3072 ?
					  rsa_test_key_3072_pem :
					  rsa_test_key_4096_pem);
	ASSERT_NE(NULL, self->pkey);
	len = rsa_test_spki(self->pkey, spki, sizeof(spki));
	ASSERT_LT(0, len);
	ASSERT_EQ(0, keyseal_rsa_key_from_der(spki, len, &self->rsa));
	ASSERT_EQ(variant->bits, self->rsa.bits);
	ASSERT_EQ(0, keyseal_random(self->material, sizeof(self->material)));
}

FIXTURE_TEARDOWN(wrap)
{
	EVP_PKEY_free(self->pkey);
}

/*
 * Each form, for keys of each usage and length a form can hold, opened by
 * OpenSSL to the exact key; the sizes are the documented ones.
 */
TEST_F(wrap, four_forms_open_with_openssl)
{
	static const struct {
		uint8_t usage;
		size_t len;
	} keys[] = {
		{ KEYSEAL_USAGE_AEAD, 16 }, { KEYSEAL_USAGE_AEAD, 32 },
		{ KEYSEAL_USAGE_SECRET, 16 }, { KEYSEAL_USAGE_SECRET, 17 },
		{ KEYSEAL_USAGE_SECRET, 64 }, { KEYSEAL_USAGE_SECRET, 190 },
		{ KEYSEAL_USAGE_SECRET, 512 },
	};
	size_t k = variant->bits / 8;
	unsigned int f, i;

	for (f = 0; f < ARRAY_SIZE(formats); f++) {
		int oaep = formats[f] == KEYSEAL_RSA_OAEP_SHA256 ||
			   formats[f] == KEYSEAL_RSA_OAEP_SHA1;
		size_t h = formats[f] == KEYSEAL_RSA_OAEP_SHA256 ? 32 : 20;

		for (i = 0; i < ARRAY_SIZE(keys); i++) {
			struct keyseal_wrap_key key = {
				.usage = keys[i].usage,
				.material = self->material,
				.len = keys[i].len,
			};
			size_t len = sizeof(self->out);
			size_t want = oaep ? k :
				      k + (keys[i].len + 7) / 8 * 8 + 8;
			int ret = keyseal_wrap_to_rsa(&key, &self->rsa,
						      formats[f], self->out,
						      &len);

			if (oaep && keys[i].len > k - 2 * h - 2) {
				EXPECT_EQ(-EINVAL, ret);
				continue;
			}
			ASSERT_EQ(0, ret) TH_LOG("form %d, %zu bytes",
						 formats[f], keys[i].len);
			EXPECT_EQ(want, len);
			EXPECT_EQ((long)keys[i].len,
				  rsa_test_unwrap(self->pkey, formats[f],
						  self->out, len,
						  self->opened,
						  sizeof(self->opened)));
			EXPECT_EQ(0, memcmp(self->opened, self->material,
					    keys[i].len));
		}
	}
}

/* Refusals and randomness, on the vectors' key alone. */
FIXTURE(one_key) {
	EVP_PKEY *pkey;
	struct keyseal_rsa_key rsa;
	uint8_t material[512];
	uint8_t out[BUF], opened[BUF];
};

FIXTURE_SETUP(one_key)
{
	uint8_t spki[KEYSEAL_RSA_SPKI_MAX];
	long len;

	self->pkey = rsa_test_private_key(rsa_test_key_pem);
	ASSERT_NE(NULL, self->pkey);
	len = rsa_test_spki(self->pkey, spki, sizeof(spki));
	ASSERT_LT(0, len);
	ASSERT_EQ(0, keyseal_rsa_key_from_der(spki, len, &self->rsa));
	ASSERT_EQ(0, keyseal_random(self->material, sizeof(self->material)));
}

FIXTURE_TEARDOWN(one_key)
{
	EVP_PKEY_free(self->pkey);
}

/* What a buffer too small, another usage or a bad length get. */
TEST_F(one_key, refusals)
{
	struct keyseal_wrap_key key = {
		.usage = KEYSEAL_USAGE_AEAD,
		.material = self->material,
		.len = 32,
	};
	size_t k = 2048 / 8, len = k + 39;

	EXPECT_EQ(-ERANGE, keyseal_wrap_to_rsa(&key, &self->rsa,
					       KEYSEAL_RSA_AES_KWP_SHA256,
					       self->out, &len));
	EXPECT_EQ(k + 40, len);
	len = sizeof(self->out);
	EXPECT_EQ(-EINVAL, keyseal_wrap_to_rsa(&key, &self->rsa, 0, self->out,
					       &len));
	EXPECT_EQ(-EINVAL, keyseal_wrap_to_rsa(&key, &self->rsa, 5, self->out,
					       &len));
	key.usage = KEYSEAL_USAGE_KEK;
	EXPECT_EQ(-EKEYREJECTED, keyseal_wrap_to_rsa(&key, &self->rsa,
						     KEYSEAL_RSA_OAEP_SHA256,
						     self->out, &len));
	key.usage = KEYSEAL_USAGE_X25519;
	EXPECT_EQ(-EKEYREJECTED, keyseal_wrap_to_rsa(&key, &self->rsa,
						     KEYSEAL_RSA_OAEP_SHA256,
						     self->out, &len));
	key.usage = KEYSEAL_USAGE_AEAD;
	key.len = 24;	/* no AES-192 data keys */
	EXPECT_EQ(-EINVAL, keyseal_wrap_to_rsa(&key, &self->rsa,
					       KEYSEAL_RSA_OAEP_SHA256,
					       self->out, &len));
	key.usage = KEYSEAL_USAGE_SECRET;
	key.len = 513;
	EXPECT_EQ(-EINVAL, keyseal_wrap_to_rsa(&key, &self->rsa,
					       KEYSEAL_RSA_AES_KWP_SHA256,
					       self->out, &len));
	self->rsa.spki[0] ^= 1;
	key.len = 32;
	EXPECT_EQ(-EINVAL, keyseal_wrap_to_rsa(&key, &self->rsa,
					       KEYSEAL_RSA_AES_KWP_SHA256,
					       self->out, &len));
}

/* Two exports of the same key differ: fresh seed, fresh AES key. */
TEST_F(one_key, fresh_randomness)
{
	struct keyseal_wrap_key key = {
		.usage = KEYSEAL_USAGE_AEAD,
		.material = self->material,
		.len = 32,
	};
	size_t len = sizeof(self->out), len2 = sizeof(self->opened);

	ASSERT_EQ(0, keyseal_wrap_to_rsa(&key, &self->rsa,
					 KEYSEAL_RSA_AES_KWP_SHA256, self->out,
					 &len));
	ASSERT_EQ(0, keyseal_wrap_to_rsa(&key, &self->rsa,
					 KEYSEAL_RSA_AES_KWP_SHA256,
					 self->opened, &len2));
	ASSERT_EQ(len, len2);
	EXPECT_NE(0, memcmp(self->out, self->opened, 2048 / 8));
	EXPECT_NE(0, memcmp(self->out + 2048 / 8,
			    self->opened + 2048 / 8, 40));
}

/* keyseal_export_rsa() checks its arguments before it asks the kernel. */
TEST_F(one_key, export_arguments)
{
	struct keyseal *ks = (struct keyseal *)self;	/* never used */
	struct keyseal_rsa_key bad = self->rsa;
	size_t len = sizeof(self->out);

	EXPECT_EQ(-EINVAL, keyseal_export_rsa(NULL, 1, &self->rsa,
					      KEYSEAL_RSA_OAEP_SHA1, self->out,
					      &len));
	EXPECT_EQ(-EINVAL, keyseal_export_rsa(ks, 1, NULL,
					      KEYSEAL_RSA_OAEP_SHA1, self->out,
					      &len));
	EXPECT_EQ(-EINVAL, keyseal_export_rsa(ks, 1, &self->rsa, 0,
					      self->out, &len));
	EXPECT_EQ(-EINVAL, keyseal_export_rsa(ks, 1, &self->rsa, 5,
					      self->out, &len));
	EXPECT_EQ(-EINVAL, keyseal_export_rsa(ks, 1, &self->rsa,
					      KEYSEAL_RSA_OAEP_SHA1, NULL,
					      &len));
	EXPECT_EQ(-EINVAL, keyseal_export_rsa(ks, 1, &self->rsa,
					      KEYSEAL_RSA_OAEP_SHA1, self->out,
					      NULL));
	bad.len -= 1;
	EXPECT_EQ(-EINVAL, keyseal_export_rsa(ks, 1, &bad,
					      KEYSEAL_RSA_OAEP_SHA1, self->out,
					      &len));
	bad.len = sizeof(bad.spki) + 1;
	EXPECT_EQ(-EINVAL, keyseal_export_rsa(ks, 1, &bad,
					      KEYSEAL_RSA_OAEP_SHA1, self->out,
					      &len));
}

TEST_HARNESS_MAIN
