// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * RFC 9180 known-answer tests: every base and auth vector of Appendix A.1
 * (DHKEM(X25519, HKDF-SHA256)) and A.3 (DHKEM(P-256, HKDF-SHA256)), both with
 * HKDF-SHA256 and AES-128-GCM. The vectors pin the DHKEM, the labeled KDF
 * and the key schedule that keyseal's AES-256-GCM blobs share; the psk
 * vectors are left out since keyseal has no psk mode. The values below are
 * transcribed from the RFC as printed.
 */

#include <string.h>

#include "kselftest_harness.h"

#include "dh.h"
#include "hex.h"
#include "hpke.h"

#define ENCRYPTIONS	6	/* sequence numbers 0, 1, 2, 4, 255, 256 */

struct hpke_encryption {
	u64 seq;
	const char *aad;
	const char *ct;
};

struct hpke_vector {
	u8 mode;
	u16 kem_id;
	const char *skEm, *pkEm, *skRm, *pkRm, *skSm, *pkSm;
	const char *enc, *shared_secret, *key, *base_nonce;
	struct hpke_encryption encryptions[ENCRYPTIONS];
};

/* Every vector has the same info, "Ode on a Grecian Urn", and plaintext. */
static const char info_hex[] = "4f6465206f6e2061204772656369616e2055726e";
/* "Beauty is truth, truth beauty" */
static const char pt_hex[] =
	"4265617574792069732074727574682c20747275746820626561757479";

/* A.1.1 */
static const struct hpke_vector x25519_base = {
	.mode = 0,
	.kem_id = 0x0020,
	.skEm =
		"52c4a758a802cd8b936eceea314432798d5baf2d7e9235dc084ab1b9cfa2f736",
	.pkEm =
		"37fda3567bdbd628e88668c3c8d7e97d1d1253b6d4ea6d44c150f741f1bf4431",
	.skRm =
		"4612c550263fc8ad58375df3f557aac531d26850903e55a9f23f21d8534e8ac8",
	.pkRm =
		"3948cfe0ad1ddb695d780e59077195da6c56506b027329794ab02bca80815c4d",
	.enc =
		"37fda3567bdbd628e88668c3c8d7e97d1d1253b6d4ea6d44c150f741f1bf4431",
	.shared_secret =
		"fe0e18c9f024ce43799ae393c7e8fe8fce9d218875e8227b0187c04e7d2ea1fc",
	.key =
		"4531685d41d65f03dc48f6b8302c05b0",
	.base_nonce =
		"56d890e5accaaf011cff4b7d",
	.encryptions = {
		{ 0, "436f756e742d30",
		  "f938558b5d72f1a23810b4be2ab4f84331acc02fc97babc53a52ae8218a355a9"
		  "6d8770ac83d07bea87e13c512a" },
		{ 1, "436f756e742d31",
		  "af2d7e9ac9ae7e270f46ba1f975be53c09f8d875bdc8535458c2494e8a6eab25"
		  "1c03d0c22a56b8ca42c2063b84" },
		{ 2, "436f756e742d32",
		  "498dfcabd92e8acedc281e85af1cb4e3e31c7dc394a1ca20e173cb7251649158"
		  "8d96a19ad4a683518973dcc180" },
		{ 4, "436f756e742d34",
		  "583bd32bc67a5994bb8ceaca813d369bca7b2a42408cddef5e22f880b631215a"
		  "09fc0012bc69fccaa251c0246d" },
		{ 255, "436f756e742d323535",
		  "7175db9717964058640a3a11fb9007941a5d1757fda1a6935c805c21af32505b"
		  "f106deefec4a49ac38d71c9e0a" },
		{ 256, "436f756e742d323536",
		  "957f9800542b0b8891badb026d79cc54597cb2d225b54c00c5238c25d05c30e3"
		  "fbeda97d2e0e1aba483a2df9f2" },
	},
};

/* A.1.3 */
static const struct hpke_vector x25519_auth = {
	.mode = 2,
	.kem_id = 0x0020,
	.skEm =
		"ff4442ef24fbc3c1ff86375b0be1e77e88a0de1e79b30896d73411c5ff4c3518",
	.pkEm =
		"23fb952571a14a25e3d678140cd0e5eb47a0961bb18afcf85896e5453c312e76",
	.skRm =
		"fdea67cf831f1ca98d8e27b1f6abeb5b7745e9d35348b80fa407ff6958f9137e",
	.pkRm =
		"1632d5c2f71c2b38d0a8fcc359355200caa8b1ffdf28618080466c909cb69b2e",
	.skSm =
		"dc4a146313cce60a278a5323d321f051c5707e9c45ba21a3479fecdf76fc69dd",
	.pkSm =
		"8b0c70873dc5aecb7f9ee4e62406a397b350e57012be45cf53b7105ae731790b",
	.enc =
		"23fb952571a14a25e3d678140cd0e5eb47a0961bb18afcf85896e5453c312e76",
	.shared_secret =
		"2d6db4cf719dc7293fcbf3fa64690708e44e2bebc81f84608677958c0d4448a7",
	.key =
		"b062cb2c4dd4bca0ad7c7a12bbc341e6",
	.base_nonce =
		"a1bc314c1942ade7051ffed0",
	.encryptions = {
		{ 0, "436f756e742d30",
		  "5fd92cc9d46dbf8943e72a07e42f363ed5f721212cd90bcfd072bfd9f44e06b8"
		  "0fd17824947496e21b680c141b" },
		{ 1, "436f756e742d31",
		  "d3736bb256c19bfa93d79e8f80b7971262cb7c887e35c26370cfed62254369a1"
		  "b52e3d505b79dd699f002bc8ed" },
		{ 2, "436f756e742d32",
		  "122175cfd5678e04894e4ff8789e85dd381df48dcaf970d52057df2c9acc3b12"
		  "1313a2bfeaa986050f82d93645" },
		{ 4, "436f756e742d34",
		  "dae12318660cf963c7bcbef0f39d64de3bf178cf9e585e756654043cc5059873"
		  "bc8af190b72afc43d1e0135ada" },
		{ 255, "436f756e742d323535",
		  "55d53d85fe4d9e1e97903101eab0b4865ef20cef28765a47f840ff99625b7d69"
		  "dee927df1defa66a036fc58ff2" },
		{ 256, "436f756e742d323536",
		  "42fa248a0e67ccca688f2b1d13ba4ba84755acf764bd797c8f7ba3b9b1dc3330"
		  "326f8d172fef6003c79ec72319" },
	},
};

/* A.3.1 */
static const struct hpke_vector p256_base = {
	.mode = 0,
	.kem_id = 0x0010,
	.skEm =
		"4995788ef4b9d6132b249ce59a77281493eb39af373d236a1fe415cb0c2d7beb",
	.pkEm =
		"04a92719c6195d5085104f469a8b9814d5838ff72b60501e2c4466e5e67b325a"
		"c98536d7b61a1af4b78e5b7f951c0900be863c403ce65c9bfcb9382657222d18"
		"c4",
	.skRm =
		"f3ce7fdae57e1a310d87f1ebbde6f328be0a99cdbcadf4d6589cf29de4b8ffd2",
	.pkRm =
		"04fe8c19ce0905191ebc298a9245792531f26f0cece2460639e8bc39cb7f706a"
		"826a779b4cf969b8a0e539c7f62fb3d30ad6aa8f80e30f1d128aafd68a2ce72e"
		"a0",
	.enc =
		"04a92719c6195d5085104f469a8b9814d5838ff72b60501e2c4466e5e67b325a"
		"c98536d7b61a1af4b78e5b7f951c0900be863c403ce65c9bfcb9382657222d18"
		"c4",
	.shared_secret =
		"c0d26aeab536609a572b07695d933b589dcf363ff9d93c93adea537aeabb8cb8",
	.key =
		"868c066ef58aae6dc589b6cfdd18f97e",
	.base_nonce =
		"4e0bc5018beba4bf004cca59",
	.encryptions = {
		{ 0, "436f756e742d30",
		  "5ad590bb8baa577f8619db35a36311226a896e7342a6d836d8b7bcd2f20b6c7f"
		  "9076ac232e3ab2523f39513434" },
		{ 1, "436f756e742d31",
		  "fa6f037b47fc21826b610172ca9637e82d6e5801eb31cbd3748271affd4ecb06"
		  "646e0329cbdf3c3cd655b28e82" },
		{ 2, "436f756e742d32",
		  "895cabfac50ce6c6eb02ffe6c048bf53b7f7be9a91fc559402cbc5b8dcaeb52b"
		  "2ccc93e466c28fb55fed7a7fec" },
		{ 4, "436f756e742d34",
		  "8787491ee8df99bc99a246c4b3216d3d57ab5076e18fa27133f520703bc70ec9"
		  "99dd36ce042e44f0c3169a6a8f" },
		{ 255, "436f756e742d323535",
		  "2ad71c85bf3f45c6eca301426289854b31448bcf8a8ccb1deef3ebd87f60848a"
		  "a53c538c30a4dac71d619ee2cd" },
		{ 256, "436f756e742d323536",
		  "10f179686aa2caec1758c8e554513f16472bd0a11e2a907dde0b212cbe87d74f"
		  "367f8ffe5e41cd3e9962a6afb2" },
	},
};

/* A.3.3 */
static const struct hpke_vector p256_auth = {
	.mode = 2,
	.kem_id = 0x0010,
	.skEm =
		"6b8de0873aed0c1b2d09b8c7ed54cbf24fdf1dfc7a47fa501f918810642d7b91",
	.pkEm =
		"042224f3ea800f7ec55c03f29fc9865f6ee27004f818fcbdc6dc68932c1e52e1"
		"5b79e264a98f2c535ef06745f3d308624414153b22c7332bc1e691cb4af4d534"
		"54",
	.skRm =
		"d929ab4be2e59f6954d6bedd93e638f02d4046cef21115b00cdda2acb2a4440e",
	.pkRm =
		"04423e363e1cd54ce7b7573110ac121399acbc9ed815fae03b72ffbd4c18b018"
		"36835c5a09513f28fc971b7266cfde2e96afe84bb0f266920e82c4f53b36e1a7"
		"8d",
	.skSm =
		"1120ac99fb1fccc1e8230502d245719d1b217fe20505c7648795139d177f0de9",
	.pkSm =
		"04a817a0902bf28e036d66add5d544cc3a0457eab150f104285df1e293b5c10e"
		"ef8651213e43d9cd9086c80b309df22cf37609f58c1127f7607e85f210b2804f"
		"73",
	.enc =
		"042224f3ea800f7ec55c03f29fc9865f6ee27004f818fcbdc6dc68932c1e52e1"
		"5b79e264a98f2c535ef06745f3d308624414153b22c7332bc1e691cb4af4d534"
		"54",
	.shared_secret =
		"d4aea336439aadf68f9348880aa358086f1480e7c167b6ef15453ba69b94b44f",
	.key =
		"19aa8472b3fdc530392b0e54ca17c0f5",
	.base_nonce =
		"b390052d26b67a5b8a8fcaa4",
	.encryptions = {
		{ 0, "436f756e742d30",
		  "82ffc8c44760db691a07c5627e5fc2c08e7a86979ee79b494a17cc3405446ac2"
		  "bdb8f265db4a099ed3289ffe19" },
		{ 1, "436f756e742d31",
		  "b0a705a54532c7b4f5907de51c13dffe1e08d55ee9ba59686114b05945494d96"
		  "725b239468f1229e3966aa1250" },
		{ 2, "436f756e742d32",
		  "8dc805680e3271a801790833ed74473710157645584f06d1b53ad439078d880b"
		  "23e25256663178271c80ee8b7c" },
		{ 4, "436f756e742d34",
		  "04c8f7aae1584b61aa5816382cb0b834a5d744f420e6dffb5ddcec633a21b8b3"
		  "472820930c1ea9258b035937a2" },
		{ 255, "436f756e742d323535",
		  "4a319462eaedee37248b4d985f64f4f863d31913fe9e30b6e13136053b69fe5d"
		  "70853c84c60a84bb5495d5a678" },
		{ 256, "436f756e742d323536",
		  "28e874512f8940fafc7d06135e7589f6b4198bc0f3a1c64702e72c9e6abaf9f0"
		  "5cb0d2f11b03a517898815c934" },
	},
};


/* A vector decoded to bytes. */
struct bin {
	u8 data[128];
	size_t len;
};

FIXTURE(rfc9180) {
	const struct hpke_vector *v;
	bool auth;
	struct bin sk_e, pk_e, sk_r, pk_r, sk_s, pk_s;
	struct bin enc, shared_secret, key, base_nonce, info, pt;
	struct bin aad[ENCRYPTIONS], ct[ENCRYPTIONS];
};

FIXTURE_VARIANT(rfc9180) {
	const struct hpke_vector *vector;
};

FIXTURE_VARIANT_ADD(rfc9180, x25519_base) {
	.vector = &x25519_base,
};

FIXTURE_VARIANT_ADD(rfc9180, x25519_auth) {
	.vector = &x25519_auth,
};

FIXTURE_VARIANT_ADD(rfc9180, p256_base) {
	.vector = &p256_base,
};

FIXTURE_VARIANT_ADD(rfc9180, p256_auth) {
	.vector = &p256_auth,
};

static int decode(const char *hex, struct bin *out)
{
	long len = hex ? unhex(hex, out->data, sizeof(out->data)) : 0;

	out->len = len > 0 ? len : 0;
	return len;
}

FIXTURE_SETUP(rfc9180)
{
	const struct hpke_vector *v = variant->vector;
	size_t npk = v->kem_id == KEYSEAL_KEM_X25519_HKDF_SHA256 ? 32 : 65;
	int i;

	self->v = v;
	self->auth = v->mode == KEYSEAL_HPKE_MODE_AUTH;
	ASSERT_EQ(32, decode(v->skEm, &self->sk_e));
	ASSERT_EQ(npk, decode(v->pkEm, &self->pk_e));
	ASSERT_EQ(32, decode(v->skRm, &self->sk_r));
	ASSERT_EQ(npk, decode(v->pkRm, &self->pk_r));
	ASSERT_EQ(self->auth ? 32 : 0, decode(v->skSm, &self->sk_s));
	ASSERT_EQ(self->auth ? npk : 0, decode(v->pkSm, &self->pk_s));
	ASSERT_EQ(npk, decode(v->enc, &self->enc));
	ASSERT_EQ(32, decode(v->shared_secret, &self->shared_secret));
	ASSERT_EQ(16, decode(v->key, &self->key));
	ASSERT_EQ(12, decode(v->base_nonce, &self->base_nonce));
	ASSERT_EQ(20, decode(info_hex, &self->info));
	ASSERT_EQ(29, decode(pt_hex, &self->pt));
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
