// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * RFC 9180's test vectors for keyseal's suites, transcribed as printed, and
 * the known-answer test that runs them through the HPKE core: the module's
 * KAT variant runs it in its init, libkeyseal's unit test runs it in
 * userspace, over each side's primitives.
 *
 * For each vector: the public keys of its private keys (the scalar and point
 * encodings and their byte order in each side's Diffie-Hellman), Encap with
 * its ephemeral key (enc, shared_secret) and the key schedule (key,
 * base_nonce), Decap and SetupR, then Seal and Open of every encryption at
 * its sequence number, and a tag that no longer opens. Then the refusals
 * RFC 9180 section 7.1.4 asks for.
 */

#include "blob.h"
#include "command.h"
#include "hpke_vectors.h"
#include "usage.h"

/* "Ode on a Grecian Urn" and "Beauty is truth, truth beauty", every time */
#define VECTOR_INFO	"4f6465206f6e2061204772656369616e2055726e"
#define VECTOR_PT	"4265617574792069732074727574682c20747275746820626561757479"

/* A.1.1, A.1.3, A.3.1 and A.3.3 */
const struct keyseal_hpke_vector keyseal_hpke_vectors[KEYSEAL_HPKE_VECTORS] = {
	{
		.name = "X25519, base",
		.mode = KEYSEAL_HPKE_MODE_BASE,
		.kem_id = KEYSEAL_KEM_X25519_HKDF_SHA256,
		.info = VECTOR_INFO,
		.sk_e =
			"52c4a758a802cd8b936eceea314432798d5baf2d7e9235dc084ab1b9cfa2f736",
		.pk_e =
			"37fda3567bdbd628e88668c3c8d7e97d1d1253b6d4ea6d44c150f741f1bf4431",
		.sk_r =
			"4612c550263fc8ad58375df3f557aac531d26850903e55a9f23f21d8534e8ac8",
		.pk_r =
			"3948cfe0ad1ddb695d780e59077195da6c56506b027329794ab02bca80815c4d",
		.enc =
			"37fda3567bdbd628e88668c3c8d7e97d1d1253b6d4ea6d44c150f741f1bf4431",
		.shared_secret =
			"fe0e18c9f024ce43799ae393c7e8fe8fce9d218875e8227b0187c04e7d2ea1fc",
		.key = "4531685d41d65f03dc48f6b8302c05b0",
		.base_nonce = "56d890e5accaaf011cff4b7d",
		.pt = VECTOR_PT,
		.encryptions = {
			{
				.seq = 0,
				.aad = "436f756e742d30",
				.ct =
					"f938558b5d72f1a23810b4be2ab4f84331acc02fc97babc53a52ae8218a355a96d8770ac83d07bea87e13c512a",
			},
			{
				.seq = 1,
				.aad = "436f756e742d31",
				.ct =
					"af2d7e9ac9ae7e270f46ba1f975be53c09f8d875bdc8535458c2494e8a6eab251c03d0c22a56b8ca42c2063b84",
			},
			{
				.seq = 2,
				.aad = "436f756e742d32",
				.ct =
					"498dfcabd92e8acedc281e85af1cb4e3e31c7dc394a1ca20e173cb72516491588d96a19ad4a683518973dcc180",
			},
			{
				.seq = 4,
				.aad = "436f756e742d34",
				.ct =
					"583bd32bc67a5994bb8ceaca813d369bca7b2a42408cddef5e22f880b631215a09fc0012bc69fccaa251c0246d",
			},
			{
				.seq = 255,
				.aad = "436f756e742d323535",
				.ct =
					"7175db9717964058640a3a11fb9007941a5d1757fda1a6935c805c21af32505bf106deefec4a49ac38d71c9e0a",
			},
			{
				.seq = 256,
				.aad = "436f756e742d323536",
				.ct =
					"957f9800542b0b8891badb026d79cc54597cb2d225b54c00c5238c25d05c30e3fbeda97d2e0e1aba483a2df9f2",
			},
		},
	},
	{
		.name = "X25519, auth",
		.mode = KEYSEAL_HPKE_MODE_AUTH,
		.kem_id = KEYSEAL_KEM_X25519_HKDF_SHA256,
		.info = VECTOR_INFO,
		.sk_e =
			"ff4442ef24fbc3c1ff86375b0be1e77e88a0de1e79b30896d73411c5ff4c3518",
		.pk_e =
			"23fb952571a14a25e3d678140cd0e5eb47a0961bb18afcf85896e5453c312e76",
		.sk_r =
			"fdea67cf831f1ca98d8e27b1f6abeb5b7745e9d35348b80fa407ff6958f9137e",
		.pk_r =
			"1632d5c2f71c2b38d0a8fcc359355200caa8b1ffdf28618080466c909cb69b2e",
		.sk_s =
			"dc4a146313cce60a278a5323d321f051c5707e9c45ba21a3479fecdf76fc69dd",
		.pk_s =
			"8b0c70873dc5aecb7f9ee4e62406a397b350e57012be45cf53b7105ae731790b",
		.enc =
			"23fb952571a14a25e3d678140cd0e5eb47a0961bb18afcf85896e5453c312e76",
		.shared_secret =
			"2d6db4cf719dc7293fcbf3fa64690708e44e2bebc81f84608677958c0d4448a7",
		.key = "b062cb2c4dd4bca0ad7c7a12bbc341e6",
		.base_nonce = "a1bc314c1942ade7051ffed0",
		.pt = VECTOR_PT,
		.encryptions = {
			{
				.seq = 0,
				.aad = "436f756e742d30",
				.ct =
					"5fd92cc9d46dbf8943e72a07e42f363ed5f721212cd90bcfd072bfd9f44e06b80fd17824947496e21b680c141b",
			},
			{
				.seq = 1,
				.aad = "436f756e742d31",
				.ct =
					"d3736bb256c19bfa93d79e8f80b7971262cb7c887e35c26370cfed62254369a1b52e3d505b79dd699f002bc8ed",
			},
			{
				.seq = 2,
				.aad = "436f756e742d32",
				.ct =
					"122175cfd5678e04894e4ff8789e85dd381df48dcaf970d52057df2c9acc3b121313a2bfeaa986050f82d93645",
			},
			{
				.seq = 4,
				.aad = "436f756e742d34",
				.ct =
					"dae12318660cf963c7bcbef0f39d64de3bf178cf9e585e756654043cc5059873bc8af190b72afc43d1e0135ada",
			},
			{
				.seq = 255,
				.aad = "436f756e742d323535",
				.ct =
					"55d53d85fe4d9e1e97903101eab0b4865ef20cef28765a47f840ff99625b7d69dee927df1defa66a036fc58ff2",
			},
			{
				.seq = 256,
				.aad = "436f756e742d323536",
				.ct =
					"42fa248a0e67ccca688f2b1d13ba4ba84755acf764bd797c8f7ba3b9b1dc3330326f8d172fef6003c79ec72319",
			},
		},
	},
	{
		.name = "P-256, base",
		.mode = KEYSEAL_HPKE_MODE_BASE,
		.kem_id = KEYSEAL_KEM_P256_HKDF_SHA256,
		.info = VECTOR_INFO,
		.sk_e =
			"4995788ef4b9d6132b249ce59a77281493eb39af373d236a1fe415cb0c2d7beb",
		.pk_e =
			"04a92719c6195d5085104f469a8b9814d5838ff72b60501e2c4466e5e67b325ac98536d7b61a1af4b78e5b7f951c0900be863c403ce65c9bfcb9382657222d18c4",
		.sk_r =
			"f3ce7fdae57e1a310d87f1ebbde6f328be0a99cdbcadf4d6589cf29de4b8ffd2",
		.pk_r =
			"04fe8c19ce0905191ebc298a9245792531f26f0cece2460639e8bc39cb7f706a826a779b4cf969b8a0e539c7f62fb3d30ad6aa8f80e30f1d128aafd68a2ce72ea0",
		.enc =
			"04a92719c6195d5085104f469a8b9814d5838ff72b60501e2c4466e5e67b325ac98536d7b61a1af4b78e5b7f951c0900be863c403ce65c9bfcb9382657222d18c4",
		.shared_secret =
			"c0d26aeab536609a572b07695d933b589dcf363ff9d93c93adea537aeabb8cb8",
		.key = "868c066ef58aae6dc589b6cfdd18f97e",
		.base_nonce = "4e0bc5018beba4bf004cca59",
		.pt = VECTOR_PT,
		.encryptions = {
			{
				.seq = 0,
				.aad = "436f756e742d30",
				.ct =
					"5ad590bb8baa577f8619db35a36311226a896e7342a6d836d8b7bcd2f20b6c7f9076ac232e3ab2523f39513434",
			},
			{
				.seq = 1,
				.aad = "436f756e742d31",
				.ct =
					"fa6f037b47fc21826b610172ca9637e82d6e5801eb31cbd3748271affd4ecb06646e0329cbdf3c3cd655b28e82",
			},
			{
				.seq = 2,
				.aad = "436f756e742d32",
				.ct =
					"895cabfac50ce6c6eb02ffe6c048bf53b7f7be9a91fc559402cbc5b8dcaeb52b2ccc93e466c28fb55fed7a7fec",
			},
			{
				.seq = 4,
				.aad = "436f756e742d34",
				.ct =
					"8787491ee8df99bc99a246c4b3216d3d57ab5076e18fa27133f520703bc70ec999dd36ce042e44f0c3169a6a8f",
			},
			{
				.seq = 255,
				.aad = "436f756e742d323535",
				.ct =
					"2ad71c85bf3f45c6eca301426289854b31448bcf8a8ccb1deef3ebd87f60848aa53c538c30a4dac71d619ee2cd",
			},
			{
				.seq = 256,
				.aad = "436f756e742d323536",
				.ct =
					"10f179686aa2caec1758c8e554513f16472bd0a11e2a907dde0b212cbe87d74f367f8ffe5e41cd3e9962a6afb2",
			},
		},
	},
	{
		.name = "P-256, auth",
		.mode = KEYSEAL_HPKE_MODE_AUTH,
		.kem_id = KEYSEAL_KEM_P256_HKDF_SHA256,
		.info = VECTOR_INFO,
		.sk_e =
			"6b8de0873aed0c1b2d09b8c7ed54cbf24fdf1dfc7a47fa501f918810642d7b91",
		.pk_e =
			"042224f3ea800f7ec55c03f29fc9865f6ee27004f818fcbdc6dc68932c1e52e15b79e264a98f2c535ef06745f3d308624414153b22c7332bc1e691cb4af4d53454",
		.sk_r =
			"d929ab4be2e59f6954d6bedd93e638f02d4046cef21115b00cdda2acb2a4440e",
		.pk_r =
			"04423e363e1cd54ce7b7573110ac121399acbc9ed815fae03b72ffbd4c18b01836835c5a09513f28fc971b7266cfde2e96afe84bb0f266920e82c4f53b36e1a78d",
		.sk_s =
			"1120ac99fb1fccc1e8230502d245719d1b217fe20505c7648795139d177f0de9",
		.pk_s =
			"04a817a0902bf28e036d66add5d544cc3a0457eab150f104285df1e293b5c10eef8651213e43d9cd9086c80b309df22cf37609f58c1127f7607e85f210b2804f73",
		.enc =
			"042224f3ea800f7ec55c03f29fc9865f6ee27004f818fcbdc6dc68932c1e52e15b79e264a98f2c535ef06745f3d308624414153b22c7332bc1e691cb4af4d53454",
		.shared_secret =
			"d4aea336439aadf68f9348880aa358086f1480e7c167b6ef15453ba69b94b44f",
		.key = "19aa8472b3fdc530392b0e54ca17c0f5",
		.base_nonce = "b390052d26b67a5b8a8fcaa4",
		.pt = VECTOR_PT,
		.encryptions = {
			{
				.seq = 0,
				.aad = "436f756e742d30",
				.ct =
					"82ffc8c44760db691a07c5627e5fc2c08e7a86979ee79b494a17cc3405446ac2bdb8f265db4a099ed3289ffe19",
			},
			{
				.seq = 1,
				.aad = "436f756e742d31",
				.ct =
					"b0a705a54532c7b4f5907de51c13dffe1e08d55ee9ba59686114b05945494d96725b239468f1229e3966aa1250",
			},
			{
				.seq = 2,
				.aad = "436f756e742d32",
				.ct =
					"8dc805680e3271a801790833ed74473710157645584f06d1b53ad439078d880b23e25256663178271c80ee8b7c",
			},
			{
				.seq = 4,
				.aad = "436f756e742d34",
				.ct =
					"04c8f7aae1584b61aa5816382cb0b834a5d744f420e6dffb5ddcec633a21b8b3472820930c1ea9258b035937a2",
			},
			{
				.seq = 255,
				.aad = "436f756e742d323535",
				.ct =
					"4a319462eaedee37248b4d985f64f4f863d31913fe9e30b6e13136053b69fe5d70853c84c60a84bb5495d5a678",
			},
			{
				.seq = 256,
				.aad = "436f756e742d323536",
				.ct =
					"28e874512f8940fafc7d06135e7589f6b4198bc0f3a1c64702e72c9e6abaf9f05cb0d2f11b03a517898815c934",
			},
		},
	},
};

/* Decode a value of the table; an absent one is empty. */
static int kat_decode(const char *hex, struct keyseal_hpke_kat_value *v)
{
	int n = keyseal_hex_decode(hex, hex ? strlen(hex) : 0, v->bytes,
				   sizeof(v->bytes));

	if (n < 0)
		return n;
	v->len = n;
	return 0;
}

static int kat_decode_vector(const struct keyseal_hpke_vector *t,
			     struct keyseal_hpke_kat *kat)
{
	const struct {
		const char *hex;
		struct keyseal_hpke_kat_value *value;
	} fields[] = {
		{ t->info, &kat->info }, { t->sk_e, &kat->sk_e },
		{ t->pk_e, &kat->pk_e }, { t->sk_r, &kat->sk_r },
		{ t->pk_r, &kat->pk_r }, { t->sk_s, &kat->sk_s },
		{ t->pk_s, &kat->pk_s }, { t->enc, &kat->enc },
		{ t->shared_secret, &kat->shared_secret }, { t->key, &kat->key },
		{ t->base_nonce, &kat->base_nonce }, { t->pt, &kat->pt },
	};
	unsigned int i;
	int ret;

	for (i = 0; i < ARRAY_SIZE(fields); i++) {
		ret = kat_decode(fields[i].hex, fields[i].value);
		if (ret)
			return ret;
	}
	return 0;
}

static bool kat_equal(const u8 *got, const struct keyseal_hpke_kat_value *want,
		      size_t len)
{
	return len == want->len && !memcmp(got, want->bytes, len);
}

/* The public key of a private key of the vector must be the vector's. */
static int kat_public(struct keyseal_hpke_kat *kat, u16 kem_id,
		      const struct keyseal_hpke_kat_value *sk,
		      const struct keyseal_hpke_kat_value *pk)
{
	int ret;

	ret = keyseal_dh_public_of(kem_id, sk->bytes, kat->out);
	if (!ret &&
	    !kat_equal(kat->out, pk, keyseal_usage_kem_public_size(kem_id)))
		ret = -EBADMSG;
	return ret;
}

/* The context a side set up must be the vector's. */
static bool kat_ctx_equal(const struct keyseal_hpke_ctx *ctx,
			  const struct keyseal_hpke_kat *kat)
{
	return kat_equal(ctx->key, &kat->key, ctx->key_len) &&
	       kat_equal(ctx->base_nonce, &kat->base_nonce,
			 sizeof(ctx->base_nonce));
}

/* Seal and Open of one encryption, in place in kat->buf. */
static int kat_encryption(struct keyseal_hpke_kat *kat,
			  const struct keyseal_hpke_ctx *sender,
			  const struct keyseal_hpke_ctx *recipient,
			  const struct keyseal_hpke_encryption *e, bool corrupt)
{
	size_t aad_len, pt_len = kat->pt.len, ct_len;
	u8 *text = kat->buf;
	int ret;

	ret = kat_decode(e->aad, &kat->aad);
	if (ret)
		return ret;
	ret = kat_decode(e->ct, &kat->ct);
	if (ret)
		return ret;
	if (corrupt)
		kat->ct.bytes[0] ^= 0x01;
	aad_len = kat->aad.len;
	ct_len = kat->ct.len;
	if (ct_len != pt_len + KEYSEAL_TAG_SIZE ||
	    aad_len + ct_len > sizeof(kat->buf))
		return -EINVAL;
	text += aad_len;

	memcpy(kat->buf, kat->aad.bytes, aad_len);
	memcpy(text, kat->pt.bytes, pt_len);
	ret = keyseal_hpke_seal(kat->c, sender, e->seq, kat->buf, aad_len,
				pt_len);
	if (!ret && !kat_equal(text, &kat->ct, ct_len))
		ret = -EBADMSG;
	if (ret)
		return ret;

	ret = keyseal_hpke_open(kat->c, recipient, e->seq, kat->buf, aad_len,
				ct_len);
	if (!ret && !kat_equal(text, &kat->pt, pt_len))
		ret = -EBADMSG;
	if (ret)
		return ret;

	/* The same ciphertext with one bit of its tag flipped must not open. */
	memcpy(text, kat->ct.bytes, ct_len);
	text[ct_len - 1] ^= 0x80;
	if (keyseal_hpke_open(kat->c, recipient, e->seq, kat->buf, aad_len,
			      ct_len) != -EBADMSG)
		return -EBADMSG;
	return 0;
}

/* Encap with the vector's ephemeral key, then the key schedule. */
static int kat_setup_sender(struct keyseal_hpke_kat *kat,
			    const struct keyseal_hpke_vector *t,
			    struct keyseal_hpke_ctx *sender)
{
	bool auth = t->mode == KEYSEAL_HPKE_MODE_AUTH;
	size_t npk = keyseal_usage_kem_public_size(t->kem_id);
	u8 shared_secret[KEYSEAL_HPKE_SECRET_SIZE];
	int ret;

	ret = keyseal_hpke_encap_kat(t->kem_id, kat->sk_e.bytes,
				     kat->pk_r.bytes, kat->pk_r.len,
				     auth ? kat->sk_s.bytes : NULL, kat->out,
				     shared_secret);
	if (ret)
		goto out;
	if (!kat_equal(kat->out, &kat->enc, npk) ||
	    !kat_equal(shared_secret, &kat->shared_secret,
		       sizeof(shared_secret))) {
		ret = -EBADMSG;
		goto out;
	}
	ret = keyseal_hpke_key_schedule(t->mode, t->kem_id,
					KEYSEAL_KDF_HKDF_SHA256,
					KEYSEAL_AEAD_AES128GCM, shared_secret,
					kat->info.bytes, kat->info.len, sender);
	if (!ret && !kat_ctx_equal(sender, kat))
		ret = -EBADMSG;
out:
	memzero_explicit(shared_secret, sizeof(shared_secret));
	return ret;
}

/* Decap, and SetupR as a recipient runs it. */
static int kat_setup_recipient(struct keyseal_hpke_kat *kat,
			       const struct keyseal_hpke_vector *t,
			       struct keyseal_hpke_ctx *recipient)
{
	bool auth = t->mode == KEYSEAL_HPKE_MODE_AUTH;
	const u8 *pk_s = auth ? kat->pk_s.bytes : NULL;
	u8 shared_secret[KEYSEAL_HPKE_SECRET_SIZE];
	int ret;

	ret = keyseal_hpke_decap(t->kem_id, kat->enc.bytes, kat->enc.len,
				 kat->sk_r.bytes, pk_s, kat->pk_s.len,
				 shared_secret);
	if (ret)
		goto out;
	if (!kat_equal(shared_secret, &kat->shared_secret,
		       sizeof(shared_secret))) {
		ret = -EBADMSG;
		goto out;
	}
	ret = keyseal_hpke_setup_receiver(t->kem_id, KEYSEAL_KDF_HKDF_SHA256,
					  KEYSEAL_AEAD_AES128GCM,
					  kat->enc.bytes, kat->enc.len,
					  kat->sk_r.bytes, pk_s, kat->pk_s.len,
					  kat->info.bytes, kat->info.len,
					  recipient);
	if (!ret && !kat_ctx_equal(recipient, kat))
		ret = -EBADMSG;
out:
	memzero_explicit(shared_secret, sizeof(shared_secret));
	return ret;
}

static int kat_vector(struct keyseal_hpke_kat *kat,
		      const struct keyseal_hpke_vector *t, bool corrupt)
{
	struct keyseal_hpke_ctx sender, recipient;
	unsigned int i;
	int ret;

	memset(&sender, 0, sizeof(sender));
	memset(&recipient, 0, sizeof(recipient));
	kat->vector = t->name;
	kat->step = "decoding the vector";
	ret = kat_decode_vector(t, kat);
	if (ret)
		goto out;

	kat->step = "public keys";
	ret = kat_public(kat, t->kem_id, &kat->sk_r, &kat->pk_r);
	if (ret)
		goto out;
	ret = kat_public(kat, t->kem_id, &kat->sk_e, &kat->pk_e);
	if (ret)
		goto out;
	if (t->mode == KEYSEAL_HPKE_MODE_AUTH) {
		ret = kat_public(kat, t->kem_id, &kat->sk_s, &kat->pk_s);
		if (ret)
			goto out;
	}

	kat->step = "SetupS";
	ret = kat_setup_sender(kat, t, &sender);
	if (ret)
		goto out;

	kat->step = "SetupR";
	ret = kat_setup_recipient(kat, t, &recipient);
	if (ret)
		goto out;

	kat->step = "Seal/Open";
	for (i = 0; i < ARRAY_SIZE(t->encryptions); i++) {
		ret = kat_encryption(kat, &sender, &recipient,
				     &t->encryptions[i], corrupt && !i);
		if (ret)
			goto out;
		kat->encryptions++;
	}
	kat->vector = NULL;
	kat->step = NULL;
out:
	keyseal_hpke_ctx_wipe(&sender);
	keyseal_hpke_ctx_wipe(&recipient);
	return ret;
}

/* X25519 points of small order: the DH result would be all zeros. */
static const u8 x25519_small_order[][KEYSEAL_X25519_PUBLIC_SIZE] = {
	{ 0 },
	{ 1 },
	{
		0xe0, 0xeb, 0x7a, 0x7c, 0x3b, 0x41, 0xb8, 0xae,
		0x16, 0x56, 0xe3, 0xfa, 0xf1, 0x9f, 0xc4, 0x6a,
		0xda, 0x09, 0x8d, 0xeb, 0x9c, 0x32, 0xb1, 0xfd,
		0x86, 0x62, 0x05, 0x16, 0x5f, 0x49, 0xb8, 0x00,
	},
};

/* A Diffie-Hellman that must come out as @expected, counted as a refusal. */
static void kat_dh_expect(struct keyseal_hpke_kat *kat, int expected,
			  u16 kem, const u8 *sk, const u8 *pk, size_t pk_len)
{
	u8 shared[KEYSEAL_DH_SIZE];

	kat->refusals++;
	if (keyseal_dh_compute(kem, sk, pk, pk_len, shared) != expected)
		kat->refusals_missed++;
	memzero_explicit(shared, sizeof(shared));
}

/*
 * The refusals of RFC 9180 section 7.1.4, with the recipient keys of the
 * vectors: small-order X25519 points, P-256 strings that are not points,
 * keys of the wrong length, P-256 scalars out of range.
 */
static int kat_refusals(struct keyseal_hpke_kat *kat)
{
	static const u8 zero[KEYSEAL_DH_PRIVATE_SIZE];
	const u16 x25519 = KEYSEAL_KEM_X25519_HKDF_SHA256;
	const u16 p256 = KEYSEAL_KEM_P256_HKDF_SHA256;
	u8 *point = kat->out;
	unsigned int i;
	int ret;

	kat->vector = "refusals";
	kat->step = "decoding the vectors";
	/* Vector 1 is X25519, vector 3 P-256. */
	ret = kat_decode(keyseal_hpke_vectors[0].sk_r, &kat->sk_r);
	if (ret)
		return ret;
	kat->step = "Diffie-Hellman";
	for (i = 0; i < ARRAY_SIZE(x25519_small_order); i++)
		kat_dh_expect(kat, -EKEYREJECTED, x25519, kat->sk_r.bytes,
			      x25519_small_order[i],
			      KEYSEAL_X25519_PUBLIC_SIZE);
	kat_dh_expect(kat, -EINVAL, x25519, kat->sk_r.bytes,
		      x25519_small_order[2], KEYSEAL_X25519_PUBLIC_SIZE - 1);

	kat->step = "decoding the vectors";
	ret = kat_decode(keyseal_hpke_vectors[2].sk_r, &kat->sk_r);
	if (ret)
		return ret;
	ret = kat_decode(keyseal_hpke_vectors[2].pk_r, &kat->pk_r);
	if (ret)
		return ret;
	kat->step = "Diffie-Hellman";
	/* P-256 private scalars are 1 .. n - 1, with or without P-256 ECDH. */
	kat_dh_expect(kat, -EINVAL, p256, zero, kat->pk_r.bytes,
		      KEYSEAL_P256_PUBLIC_SIZE);
	kat_dh_expect(kat, -EINVAL, p256, keyseal_p256_order, kat->pk_r.bytes,
		      KEYSEAL_P256_PUBLIC_SIZE);
	if (kat->no_p256)
		goto out;
	/* Off the curve: y + 1. */
	memcpy(point, kat->pk_r.bytes, KEYSEAL_P256_PUBLIC_SIZE);
	point[KEYSEAL_P256_PUBLIC_SIZE - 1] ^= 0x01;
	kat_dh_expect(kat, -EKEYREJECTED, p256, kat->sk_r.bytes, point,
		      KEYSEAL_P256_PUBLIC_SIZE);
	/* The point at infinity's usual stand-in: all zeros. */
	memset(point + 1, 0, KEYSEAL_P256_PUBLIC_SIZE - 1);
	kat_dh_expect(kat, -EKEYREJECTED, p256, kat->sk_r.bytes, point,
		      KEYSEAL_P256_PUBLIC_SIZE);
	/* The compressed and hybrid forms are not serialised keys. */
	memcpy(point, kat->pk_r.bytes, KEYSEAL_P256_PUBLIC_SIZE);
	point[0] = 0x06;
	kat_dh_expect(kat, -EKEYREJECTED, p256, kat->sk_r.bytes, point,
		      KEYSEAL_P256_PUBLIC_SIZE);
	kat_dh_expect(kat, -EINVAL, p256, kat->sk_r.bytes, kat->pk_r.bytes,
		      KEYSEAL_P256_PUBLIC_SIZE - 1);
	/* And the genuine point still agrees. */
	kat_dh_expect(kat, 0, p256, kat->sk_r.bytes, kat->pk_r.bytes,
		      KEYSEAL_P256_PUBLIC_SIZE);

out:
	if (kat->refusals_missed)
		return -EBADMSG;
	kat->vector = NULL;
	kat->step = NULL;
	return 0;
}

/**
 * keyseal_hpke_kat_run() - run the HPKE known-answer test
 * @kat: a zeroed run, @kat->c and @kat->corrupt set
 *
 * Return: 0 if every vector and refusal came out as published; else
 * -EBADMSG for a value that differs (@kat->vector and @kat->step say where;
 * @kat->refusals_missed counts the refusals that did not happen) or the
 * error of the step that failed.
 */
int keyseal_hpke_kat_run(struct keyseal_hpke_kat *kat)
{
	unsigned int i;
	int ret;

	for (i = 0; i < ARRAY_SIZE(keyseal_hpke_vectors); i++) {
		if (kat->no_p256 && keyseal_hpke_vectors[i].kem_id ==
				    KEYSEAL_KEM_P256_HKDF_SHA256)
			continue;
		ret = kat_vector(kat, &keyseal_hpke_vectors[i],
				 kat->corrupt == i + 1);
		if (ret)
			return ret;
		kat->vectors++;
	}
	return kat_refusals(kat);
}
