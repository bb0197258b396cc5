// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * RFC 9180 known-answer tests: every base and auth vector of Appendix A.1
 * (DHKEM(X25519, HKDF-SHA256)) and A.3 (DHKEM(P-256, HKDF-SHA256)), both with
 * HKDF-SHA256 and AES-128-GCM. The vectors pin the DHKEM, the labeled KDF
 * and the key schedule that keyseal's AES-256-GCM blobs share; the psk
 * vectors are left out since keyseal has no psk mode. The table is the one
 * the module's KAT variant runs (kernel/shared/hpke_vectors.c): its own run
 * is checked here first, then each step of each vector on its own.
 */

#include <stdlib.h>
#include <string.h>

#include "kselftest_harness.h"

#include "dh.h"
#include "hex.h"
#include "hpke.h"
#include "hpke_vectors.h"

#define ENCRYPTIONS	KEYSEAL_HPKE_ENCRYPTIONS

/* The known-answer test as the module's KAT variant runs it. */
TEST(known_answer_test)
{
	struct keyseal_hpke_kat *kat = calloc(1, sizeof(*kat));

	ASSERT_NE(NULL, kat);
	EXPECT_EQ(0, keyseal_hpke_kat_run(kat))
		TH_LOG("%s: %s", kat->vector, kat->step);
	EXPECT_EQ(4, kat->vectors);
	EXPECT_EQ(24, kat->encryptions);
	EXPECT_EQ(11, kat->refusals);
	EXPECT_EQ(0, kat->refusals_missed);
	free(kat);
}

/* A ciphertext that differs from the vector's fails the run, and says so. */
TEST(known_answer_test_can_fail)
{
	struct keyseal_hpke_kat *kat = calloc(1, sizeof(*kat));

	ASSERT_NE(NULL, kat);
	kat->corrupt = 3;
	EXPECT_EQ(-EBADMSG, keyseal_hpke_kat_run(kat));
	EXPECT_EQ(2, kat->vectors);
	EXPECT_STREQ("P-256, base", kat->vector);
	EXPECT_STREQ("Seal/Open", kat->step);
	free(kat);
}

/* A vector decoded to bytes. */
struct bin {
	u8 data[128];
	size_t len;
};

FIXTURE(rfc9180) {
	const struct keyseal_hpke_vector *v;
	bool auth;
	struct bin sk_e, pk_e, sk_r, pk_r, sk_s, pk_s;
	struct bin enc, shared_secret, key, base_nonce, info, pt;
	struct bin aad[ENCRYPTIONS], ct[ENCRYPTIONS];
};

FIXTURE_VARIANT(rfc9180) {
	const struct keyseal_hpke_vector *vector;
};

FIXTURE_VARIANT_ADD(rfc9180, x25519_base) {
	.vector = &keyseal_hpke_vectors[0],
};

FIXTURE_VARIANT_ADD(rfc9180, x25519_auth) {
	.vector = &keyseal_hpke_vectors[1],
};

FIXTURE_VARIANT_ADD(rfc9180, p256_base) {
	.vector = &keyseal_hpke_vectors[2],
};

FIXTURE_VARIANT_ADD(rfc9180, p256_auth) {
	.vector = &keyseal_hpke_vectors[3],
};

static int decode(const char *hex, struct bin *out)
{
	long len = hex ? unhex(hex, out->data, sizeof(out->data)) : 0;

	out->len = len > 0 ? len : 0;
	return len;
}

FIXTURE_SETUP(rfc9180)
{
	const struct keyseal_hpke_vector *v = variant->vector;
	size_t npk = v->kem_id == KEYSEAL_KEM_X25519_HKDF_SHA256 ? 32 : 65;
	int i;

	self->v = v;
	self->auth = v->mode == KEYSEAL_HPKE_MODE_AUTH;
	ASSERT_EQ(32, decode(v->sk_e, &self->sk_e));
	ASSERT_EQ(npk, decode(v->pk_e, &self->pk_e));
	ASSERT_EQ(32, decode(v->sk_r, &self->sk_r));
	ASSERT_EQ(npk, decode(v->pk_r, &self->pk_r));
	ASSERT_EQ(self->auth ? 32 : 0, decode(v->sk_s, &self->sk_s));
	ASSERT_EQ(self->auth ? npk : 0, decode(v->pk_s, &self->pk_s));
	ASSERT_EQ(npk, decode(v->enc, &self->enc));
	ASSERT_EQ(32, decode(v->shared_secret, &self->shared_secret));
	ASSERT_EQ(16, decode(v->key, &self->key));
	ASSERT_EQ(12, decode(v->base_nonce, &self->base_nonce));
	ASSERT_EQ(20, decode(v->info, &self->info));
	ASSERT_EQ(29, decode(v->pt, &self->pt));
	for (i = 0; i < ENCRYPTIONS; i++) {
		ASSERT_LT(0, decode(v->encryptions[i].aad, &self->aad[i]));
		ASSERT_EQ(29 + 16, decode(v->encryptions[i].ct, &self->ct[i]));
	}
}

FIXTURE_TEARDOWN(rfc9180)
{
}

static const u8 *sender_private(FIXTURE_DATA(rfc9180) *self)
{
	return self->auth ? self->sk_s.data : NULL;
}

static const u8 *sender_public(FIXTURE_DATA(rfc9180) *self)
{
	return self->auth ? self->pk_s.data : NULL;
}

static int setup_receiver(FIXTURE_DATA(rfc9180) *self,
			  struct keyseal_hpke_ctx *ctx)
{
	return keyseal_hpke_setup_receiver(self->v->kem_id,
					   KEYSEAL_KDF_HKDF_SHA256,
					   KEYSEAL_AEAD_AES128GCM,
					   self->enc.data, self->enc.len,
					   self->sk_r.data, sender_public(self),
					   self->pk_s.len, self->info.data,
					   self->info.len, ctx);
}

/*
 * Seal and Open work in place on the associated data followed by the text,
 * as in a blob; these give them the RFC's separate aad, pt and ct. What
 * Open leaves in the text, also on failure, is copied out to @pt.
 */
static int seal_parts(const struct keyseal_hpke_ctx *ctx, u64 seq,
		      const u8 *aad, size_t aad_len, const u8 *pt,
		      size_t pt_len, u8 *ct)
{
	u8 buf[256];
	int ret;

	if (aad_len + pt_len + KEYSEAL_TAG_SIZE > sizeof(buf))
		return -ERANGE;
	if (aad_len)
		memcpy(buf, aad, aad_len);
	if (pt_len)
		memcpy(buf + aad_len, pt, pt_len);
	ret = keyseal_hpke_seal(NULL, ctx, seq, buf, aad_len, pt_len);
	memcpy(ct, buf + aad_len, pt_len + KEYSEAL_TAG_SIZE);
	return ret;
}

static int open_parts(const struct keyseal_hpke_ctx *ctx, u64 seq,
		      const u8 *aad, size_t aad_len, const u8 *ct,
		      size_t ct_len, u8 *pt)
{
	u8 buf[256];
	int ret;

	if (aad_len + ct_len > sizeof(buf))
		return -ERANGE;
	if (aad_len)
		memcpy(buf, aad, aad_len);
	memcpy(buf + aad_len, ct, ct_len);
	ret = keyseal_hpke_open(NULL, ctx, seq, buf, aad_len, ct_len);
	if (ct_len >= KEYSEAL_TAG_SIZE)
		memcpy(pt, buf + aad_len, ct_len - KEYSEAL_TAG_SIZE);
	return ret;
}

/* The RFC lists the key pairs; the public halves must follow. */
TEST_F(rfc9180, public_key_of_each_private_key)
{
	u8 pk[KEYSEAL_DH_PUBLIC_MAX];

	ASSERT_EQ(0, keyseal_dh_public_of(self->v->kem_id, self->sk_e.data,
					  pk));
	EXPECT_EQ(0, memcmp(pk, self->pk_e.data, self->pk_e.len));
	ASSERT_EQ(0, keyseal_dh_public_of(self->v->kem_id, self->sk_r.data,
					  pk));
	EXPECT_EQ(0, memcmp(pk, self->pk_r.data, self->pk_r.len));
	if (self->auth) {
		ASSERT_EQ(0, keyseal_dh_public_of(self->v->kem_id,
						  self->sk_s.data, pk));
		EXPECT_EQ(0, memcmp(pk, self->pk_s.data, self->pk_s.len));
	}
}

TEST_F(rfc9180, encap_gives_enc_and_shared_secret)
{
	u8 enc[KEYSEAL_HPKE_ENC_MAX], ss[KEYSEAL_HPKE_SECRET_SIZE];

	ASSERT_EQ(0, keyseal_hpke_encap_kat(self->v->kem_id, self->sk_e.data,
					    self->pk_r.data, self->pk_r.len,
					    sender_private(self), enc, ss));
	EXPECT_EQ(0, memcmp(enc, self->enc.data, self->enc.len));
	EXPECT_EQ(0, memcmp(ss, self->shared_secret.data, sizeof(ss)));
}

TEST_F(rfc9180, decap_gives_shared_secret)
{
	u8 ss[KEYSEAL_HPKE_SECRET_SIZE];

	ASSERT_EQ(0, keyseal_hpke_decap(self->v->kem_id, self->enc.data,
					self->enc.len, self->sk_r.data,
					sender_public(self), self->pk_s.len,
					ss));
	EXPECT_EQ(0, memcmp(ss, self->shared_secret.data, sizeof(ss)));
}

TEST_F(rfc9180, key_schedule_gives_key_and_base_nonce)
{
	struct keyseal_hpke_ctx ctx;

	ASSERT_EQ(0, keyseal_hpke_key_schedule(self->v->mode, self->v->kem_id,
					       KEYSEAL_KDF_HKDF_SHA256,
					       KEYSEAL_AEAD_AES128GCM,
					       self->shared_secret.data,
					       self->info.data, self->info.len,
					       &ctx));
	EXPECT_EQ(KEYSEAL_AEAD_AES128GCM, ctx.aead_id);
	ASSERT_EQ(16, ctx.key_len);
	EXPECT_EQ(0, memcmp(ctx.key, self->key.data, 16));
	EXPECT_EQ(0, memcmp(ctx.base_nonce, self->base_nonce.data, 12));
	keyseal_hpke_ctx_wipe(&ctx);
}

TEST_F(rfc9180, setup_receiver_gives_key_and_base_nonce)
{
	struct keyseal_hpke_ctx ctx;

	ASSERT_EQ(0, setup_receiver(self, &ctx));
	ASSERT_EQ(16, ctx.key_len);
	EXPECT_EQ(0, memcmp(ctx.key, self->key.data, 16));
	EXPECT_EQ(0, memcmp(ctx.base_nonce, self->base_nonce.data, 12));
	keyseal_hpke_ctx_wipe(&ctx);
}

TEST_F(rfc9180, seal_at_each_sequence_number)
{
	struct keyseal_hpke_ctx ctx;
	u8 ct[29 + 16];
	int i;

	ASSERT_EQ(0, keyseal_hpke_key_schedule(self->v->mode, self->v->kem_id,
					       KEYSEAL_KDF_HKDF_SHA256,
					       KEYSEAL_AEAD_AES128GCM,
					       self->shared_secret.data,
					       self->info.data, self->info.len,
					       &ctx));
	for (i = 0; i < ENCRYPTIONS; i++) {
		ASSERT_EQ(0, seal_parts(&ctx, self->v->encryptions[i].seq,
					self->aad[i].data, self->aad[i].len,
					self->pt.data, self->pt.len, ct));
		EXPECT_EQ(0, memcmp(ct, self->ct[i].data, sizeof(ct)))
			TH_LOG("sequence number %llu",
			       (unsigned long long)self->v->encryptions[i].seq);
	}
	keyseal_hpke_ctx_wipe(&ctx);
}

TEST_F(rfc9180, open_at_each_sequence_number)
{
	struct keyseal_hpke_ctx ctx;
	u8 pt[29];
	int i;

	ASSERT_EQ(0, setup_receiver(self, &ctx));
	for (i = 0; i < ENCRYPTIONS; i++) {
		memset(pt, 0, sizeof(pt));
		ASSERT_EQ(0, open_parts(&ctx, self->v->encryptions[i].seq,
					self->aad[i].data, self->aad[i].len,
					self->ct[i].data, self->ct[i].len, pt));
		EXPECT_EQ(0, memcmp(pt, self->pt.data, sizeof(pt)));
	}
	keyseal_hpke_ctx_wipe(&ctx);
}

/* Wrong sequence number, wrong aad, any flipped bit or a cut: -EBADMSG. */
TEST_F(rfc9180, open_refuses_what_was_not_sealed)
{
	static const u8 zero[29];
	struct keyseal_hpke_ctx ctx;
	u8 ct[29 + 16], pt[29];
	size_t i, len = sizeof(ct);

	ASSERT_EQ(0, setup_receiver(self, &ctx));
	memcpy(ct, self->ct[0].data, len);

	memset(pt, 0xaa, sizeof(pt));
	EXPECT_EQ(-EBADMSG, open_parts(&ctx, 1, self->aad[0].data,
				       self->aad[0].len, ct, len, pt));
	/* nothing of a failed decryption is left behind */
	EXPECT_EQ(0, memcmp(pt, zero, sizeof(pt)));
	EXPECT_EQ(-EBADMSG, open_parts(&ctx, 0, self->aad[1].data,
				       self->aad[1].len, ct, len, pt));
	EXPECT_EQ(-EBADMSG, open_parts(&ctx, 0, NULL, 0, ct, len, pt));
	for (i = 0; i < len; i++) {
		ct[i] ^= 0x01;
		EXPECT_EQ(-EBADMSG, open_parts(&ctx, 0, self->aad[0].data,
					       self->aad[0].len, ct, len, pt));
		ct[i] ^= 0x01;
	}
	for (i = 0; i < len; i++)
		EXPECT_EQ(-EBADMSG, open_parts(&ctx, 0, self->aad[0].data,
					       self->aad[0].len, ct, i, pt));
	/* and the untouched ciphertext still opens */
	EXPECT_EQ(0, open_parts(&ctx, 0, self->aad[0].data, self->aad[0].len,
				ct, len, pt));
	keyseal_hpke_ctx_wipe(&ctx);
}

/* Auth mode binds the sender: another sender key, or none, must not open. */
TEST_F(rfc9180, receiver_with_the_wrong_sender_cannot_open)
{
	struct keyseal_hpke_ctx ctx;
	u8 pt[29];

	/* auth vectors opened in base mode, base vectors in auth mode */
	ASSERT_EQ(0, keyseal_hpke_setup_receiver(self->v->kem_id,
						 KEYSEAL_KDF_HKDF_SHA256,
						 KEYSEAL_AEAD_AES128GCM,
						 self->enc.data, self->enc.len,
						 self->sk_r.data,
						 self->auth ? NULL :
						 self->pk_e.data,
						 self->auth ? 0 :
						 self->pk_e.len,
						 self->info.data,
						 self->info.len, &ctx));
	EXPECT_EQ(-EBADMSG, open_parts(&ctx, 0, self->aad[0].data,
				       self->aad[0].len, self->ct[0].data,
				       self->ct[0].len, pt));
	keyseal_hpke_ctx_wipe(&ctx);

	if (!self->auth)
		return;
	/* an auth vector opened as if the recipient had sent it */
	ASSERT_EQ(0, keyseal_hpke_setup_receiver(self->v->kem_id,
						 KEYSEAL_KDF_HKDF_SHA256,
						 KEYSEAL_AEAD_AES128GCM,
						 self->enc.data, self->enc.len,
						 self->sk_r.data,
						 self->pk_r.data,
						 self->pk_r.len,
						 self->info.data,
						 self->info.len, &ctx));
	EXPECT_EQ(-EBADMSG, open_parts(&ctx, 0, self->aad[0].data,
				       self->aad[0].len, self->ct[0].data,
				       self->ct[0].len, pt));
	keyseal_hpke_ctx_wipe(&ctx);
}

/* The same schedule with keyseal's AEAD: another suite id, a 32-byte key. */
TEST_F(rfc9180, aes256gcm_suite_round_trip)
{
	struct keyseal_hpke_ctx sender, receiver;
	u8 ct[29 + 16], pt[29];

	ASSERT_EQ(0, keyseal_hpke_key_schedule(self->v->mode, self->v->kem_id,
					       KEYSEAL_KDF_HKDF_SHA256,
					       KEYSEAL_AEAD_AES256GCM,
					       self->shared_secret.data,
					       self->info.data, self->info.len,
					       &sender));
	ASSERT_EQ(32, sender.key_len);
	/* suite_id differs, so even the first 16 bytes of the key differ */
	EXPECT_NE(0, memcmp(sender.key, self->key.data, 16));
	EXPECT_NE(0, memcmp(sender.base_nonce, self->base_nonce.data, 12));
	ASSERT_EQ(0, keyseal_hpke_setup_receiver(self->v->kem_id,
						 KEYSEAL_KDF_HKDF_SHA256,
						 KEYSEAL_AEAD_AES256GCM,
						 self->enc.data, self->enc.len,
						 self->sk_r.data,
						 sender_public(self),
						 self->pk_s.len,
						 self->info.data,
						 self->info.len, &receiver));
	EXPECT_EQ(0, memcmp(&sender, &receiver, sizeof(sender)));
	ASSERT_EQ(0, seal_parts(&sender, 7, self->aad[0].data,
				self->aad[0].len, self->pt.data, self->pt.len,
				ct));
	ASSERT_EQ(0, open_parts(&receiver, 7, self->aad[0].data,
				self->aad[0].len, ct, sizeof(ct), pt));
	EXPECT_EQ(0, memcmp(pt, self->pt.data, sizeof(pt)));
	EXPECT_EQ(-EBADMSG, open_parts(&receiver, 6, self->aad[0].data,
				       self->aad[0].len, ct, sizeof(ct), pt));
	keyseal_hpke_ctx_wipe(&sender);
	keyseal_hpke_ctx_wipe(&receiver);
}

TEST(suites)
{
	EXPECT_TRUE(keyseal_hpke_suite_valid(KEYSEAL_KEM_X25519_HKDF_SHA256,
					     KEYSEAL_KDF_HKDF_SHA256,
					     KEYSEAL_AEAD_AES256GCM));
	EXPECT_TRUE(keyseal_hpke_suite_valid(KEYSEAL_KEM_P256_HKDF_SHA256,
					     KEYSEAL_KDF_HKDF_SHA256,
					     KEYSEAL_AEAD_AES128GCM));
	/* P-384, HKDF-SHA384, ChaCha20-Poly1305, export-only */
	EXPECT_FALSE(keyseal_hpke_suite_valid(0x0011, KEYSEAL_KDF_HKDF_SHA256,
					      KEYSEAL_AEAD_AES256GCM));
	EXPECT_FALSE(keyseal_hpke_suite_valid(KEYSEAL_KEM_P256_HKDF_SHA256,
					      0x0002, KEYSEAL_AEAD_AES256GCM));
	EXPECT_FALSE(keyseal_hpke_suite_valid(KEYSEAL_KEM_P256_HKDF_SHA256,
					      KEYSEAL_KDF_HKDF_SHA256, 0x0003));
	EXPECT_FALSE(keyseal_hpke_suite_valid(KEYSEAL_KEM_P256_HKDF_SHA256,
					      KEYSEAL_KDF_HKDF_SHA256, 0xffff));
}

/* keyseal never has a psk: modes 1 (psk) and 3 (auth_psk) are refused. */
TEST(psk_modes_are_refused)
{
	static const u8 ss[KEYSEAL_HPKE_SECRET_SIZE] = { 1 };
	struct keyseal_hpke_ctx ctx;
	u8 mode;

	for (mode = 0; mode < 8; mode++)
		EXPECT_EQ(mode == 0 || mode == 2 ? 0 : -EINVAL,
			  keyseal_hpke_key_schedule(mode,
					KEYSEAL_KEM_X25519_HKDF_SHA256,
					KEYSEAL_KDF_HKDF_SHA256,
					KEYSEAL_AEAD_AES256GCM, ss, NULL, 0,
					&ctx));
	keyseal_hpke_ctx_wipe(&ctx);
}

TEST(encap_and_decap_check_lengths)
{
	u8 pk_r[65], sk_r[32], enc[65], ss[32];
	static const u8 zero[32];

	ASSERT_EQ(0, keyseal_dh_generate(KEYSEAL_KEM_P256_HKDF_SHA256, sk_r));
	ASSERT_EQ(0, keyseal_dh_public_of(KEYSEAL_KEM_P256_HKDF_SHA256, sk_r,
					  pk_r));
	EXPECT_EQ(-EINVAL, keyseal_hpke_encap(KEYSEAL_KEM_P256_HKDF_SHA256,
					      pk_r, 64, NULL, enc, ss));
	EXPECT_EQ(-EINVAL, keyseal_hpke_encap(KEYSEAL_KEM_X25519_HKDF_SHA256,
					      pk_r, 65, NULL, enc, ss));
	EXPECT_EQ(-EINVAL, keyseal_hpke_encap(0x0011, pk_r, 65, NULL, enc,
					      ss));
	/* a sender key that is no P-256 scalar */
	EXPECT_EQ(-EINVAL, keyseal_hpke_encap(KEYSEAL_KEM_P256_HKDF_SHA256,
					      pk_r, 65, zero, enc, ss));
	ASSERT_EQ(0, keyseal_hpke_encap(KEYSEAL_KEM_P256_HKDF_SHA256, pk_r, 65,
					NULL, enc, ss));
	EXPECT_EQ(-EINVAL, keyseal_hpke_decap(KEYSEAL_KEM_P256_HKDF_SHA256,
					      enc, 64, sk_r, NULL, 0, ss));
	/* a recipient key that is no P-256 scalar */
	EXPECT_EQ(-EINVAL, keyseal_hpke_decap(KEYSEAL_KEM_P256_HKDF_SHA256,
					      enc, 65, zero, NULL, 0, ss));
	EXPECT_EQ(-EINVAL, keyseal_hpke_decap(KEYSEAL_KEM_P256_HKDF_SHA256,
					      enc, 65, sk_r, pk_r, 32, ss));
}

/* Without the test hook every Encap draws a new ephemeral key. */
TEST(encap_is_fresh_each_time)
{
	u8 pk_r[32], sk_r[32], enc1[32], enc2[32], ss1[32], ss2[32], ss[32];

	ASSERT_EQ(0, keyseal_dh_generate(KEYSEAL_KEM_X25519_HKDF_SHA256, sk_r));
	ASSERT_EQ(0, keyseal_dh_public_of(KEYSEAL_KEM_X25519_HKDF_SHA256, sk_r,
					  pk_r));
	ASSERT_EQ(0, keyseal_hpke_encap(KEYSEAL_KEM_X25519_HKDF_SHA256, pk_r,
					32, NULL, enc1, ss1));
	ASSERT_EQ(0, keyseal_hpke_encap(KEYSEAL_KEM_X25519_HKDF_SHA256, pk_r,
					32, NULL, enc2, ss2));
	EXPECT_NE(0, memcmp(enc1, enc2, 32));
	EXPECT_NE(0, memcmp(ss1, ss2, 32));
	ASSERT_EQ(0, keyseal_hpke_decap(KEYSEAL_KEM_X25519_HKDF_SHA256, enc2,
					32, sk_r, NULL, 0, ss));
	EXPECT_EQ(0, memcmp(ss, ss2, 32));
}

TEST(empty_plaintext_is_a_lone_tag)
{
	static const u8 ss[KEYSEAL_HPKE_SECRET_SIZE] = { 2 };
	struct keyseal_hpke_ctx ctx;
	u8 tag[16], pt[1];

	ASSERT_EQ(0, keyseal_hpke_key_schedule(KEYSEAL_HPKE_MODE_BASE,
					       KEYSEAL_KEM_P256_HKDF_SHA256,
					       KEYSEAL_KDF_HKDF_SHA256,
					       KEYSEAL_AEAD_AES256GCM, ss,
					       NULL, 0, &ctx));
	ASSERT_EQ(0, seal_parts(&ctx, 0, NULL, 0, NULL, 0, tag));
	EXPECT_EQ(0, open_parts(&ctx, 0, NULL, 0, tag, 16, pt));
	EXPECT_EQ(-EBADMSG, open_parts(&ctx, 0, NULL, 0, tag, 15, pt));
	tag[15] ^= 0x80;
	EXPECT_EQ(-EBADMSG, open_parts(&ctx, 0, NULL, 0, tag, 16, pt));
	/* a wiped context has no suite left to seal with */
	keyseal_hpke_ctx_wipe(&ctx);
	EXPECT_EQ(-EINVAL, seal_parts(&ctx, 0, NULL, 0, NULL, 0, tag));
}

TEST_HARNESS_MAIN
