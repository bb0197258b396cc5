// SPDX-License-Identifier: GPL-2.0
/*
 * Known-answer tests of keyseal's HPKE, run by the init of the test
 * variant of the module (make module KEYSEAL_KAT=y); nothing here is built
 * into keyseal.ko otherwise. The vectors are RFC 9180's, Appendix A.1
 * (DHKEM(X25519, HKDF-SHA256)) and A.3 (DHKEM(P-256, HKDF-SHA256)), with
 * HKDF-SHA256 and AES-128-GCM, base and auth modes: keyseal's blobs use
 * AES-256-GCM, which differs only in Nk, a parameter here.
 *
 * For each vector: the public keys of the given private keys (the scalar
 * and point encodings and their byte order in the kernel's kpp), SetupS
 * with the vector's ephemeral key (enc, key, base_nonce), SetupR (key,
 * base_nonce), and Seal and Open of every encryption at its sequence
 * number. Then the refusals RFC 9180 section 7.1.4 asks for. Any mismatch
 * fails the module load. A kernel without P-256 ECDH (before 5.12) runs the
 * X25519 vectors and says so.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "blob.h"
#include "compat.h"
#include "dh.h"
#include "hpke.h"

static unsigned int kat_break;
module_param(kat_break, uint, 0444);
MODULE_PARM_DESC(kat_break,
		 "Corrupt the expected first ciphertext of vector N (from 1): the load must fail");

#define KAT_ENCRYPTIONS		6
#define KAT_HEX_MAX		256	/* bytes of the longest value */

/**
 * struct kat_encryption - one Seal of a vector
 * @seq: its sequence number
 * @aad: the associated data, hex
 * @ct: the ciphertext and tag, hex
 */
struct kat_encryption {
	u64 seq;
	const char *aad;
	const char *ct;
};

/**
 * struct kat_vector - one RFC 9180 test vector, values in hex
 * @name: what it is
 * @mode: KEYSEAL_HPKE_MODE_*
 * @kem_id: KEYSEAL_KEM_*
 * @info: the info
 * @sk_e: skEm, the ephemeral private key
 * @pk_e: pkEm
 * @sk_r: skRm, the recipient's private key
 * @pk_r: pkRm
 * @sk_s: skSm, the sender's private key (auth mode)
 * @pk_s: pkSm
 * @enc: the encapsulated key
 * @key: the AEAD key of the context
 * @base_nonce: its base nonce
 * @pt: the plaintext of every encryption
 * @encryptions: the encryptions
 */
struct kat_vector {
	const char *name;
	u8 mode;
	u16 kem_id;
	const char *info;
	const char *sk_e;
	const char *pk_e;
	const char *sk_r;
	const char *pk_r;
	const char *sk_s;
	const char *pk_s;
	const char *enc;
	const char *key;
	const char *base_nonce;
	const char *pt;
	struct kat_encryption encryptions[KAT_ENCRYPTIONS];
};

static const struct kat_vector kat_vectors[] = {
	{
		.name = "X25519, base",
		.mode = KEYSEAL_HPKE_MODE_BASE,
		.kem_id = KEYSEAL_KEM_X25519_HKDF_SHA256,
		.info = "4f6465206f6e2061204772656369616e2055726e",
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
		.key = "4531685d41d65f03dc48f6b8302c05b0",
		.base_nonce = "56d890e5accaaf011cff4b7d",
		.pt =
			"4265617574792069732074727574682c20747275746820626561757479",
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
		.info = "4f6465206f6e2061204772656369616e2055726e",
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
		.key = "b062cb2c4dd4bca0ad7c7a12bbc341e6",
		.base_nonce = "a1bc314c1942ade7051ffed0",
		.pt =
			"4265617574792069732074727574682c20747275746820626561757479",
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
		.info = "4f6465206f6e2061204772656369616e2055726e",
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
		.key = "868c066ef58aae6dc589b6cfdd18f97e",
		.base_nonce = "4e0bc5018beba4bf004cca59",
		.pt =
			"4265617574792069732074727574682c20747275746820626561757479",
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
		.info = "4f6465206f6e2061204772656369616e2055726e",
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
		.key = "19aa8472b3fdc530392b0e54ca17c0f5",
		.base_nonce = "b390052d26b67a5b8a8fcaa4",
		.pt =
			"4265617574792069732074727574682c20747275746820626561757479",
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

/* A hex value, decoded. */
struct kat_value {
	u8 bytes[KAT_HEX_MAX];
	size_t len;
};

/* The decoded values of one vector (kmalloc'ed: too big for the stack). */
struct kat_values {
	struct kat_value info, sk_e, pk_e, sk_r, pk_r, sk_s, pk_s, enc, key;
	struct kat_value base_nonce, pt, aad, ct;
	u8 out[KEYSEAL_DH_PUBLIC_MAX];
};

static int kat_decode(const char *hex, struct kat_value *v)
{
	size_t len = hex ? strlen(hex) : 0;

	v->len = len / 2;
	if (len % 2 || v->len > sizeof(v->bytes) ||
	    hex2bin(v->bytes, hex, v->len))
		return -EINVAL;
	return 0;
}

static int kat_decode_vector(const struct kat_vector *t, struct kat_values *v)
{
	return kat_decode(t->info, &v->info) ?:
	       kat_decode(t->sk_e, &v->sk_e) ?:
	       kat_decode(t->pk_e, &v->pk_e) ?:
	       kat_decode(t->sk_r, &v->sk_r) ?:
	       kat_decode(t->pk_r, &v->pk_r) ?:
	       kat_decode(t->sk_s, &v->sk_s) ?:
	       kat_decode(t->pk_s, &v->pk_s) ?:
	       kat_decode(t->enc, &v->enc) ?:
	       kat_decode(t->key, &v->key) ?:
	       kat_decode(t->base_nonce, &v->base_nonce) ?:
	       kat_decode(t->pt, &v->pt);
}

static bool kat_equal(const u8 *got, const struct kat_value *want,
		      size_t len)
{
	return len == want->len && !memcmp(got, want->bytes, len);
}

/* The public key of a private key of the vector. */
static int kat_public(u16 kem_id, const struct kat_value *sk,
		      const struct kat_value *pk, u8 *out)
{
	int ret = keyseal_dh_public_of(kem_id, sk->bytes, out);

	if (ret)
		return ret;
	return kat_equal(out, pk, keyseal_kem_public_size(kem_id)) ? 0 :
								      -EBADMSG;
}

/* The contexts both sides set up must be the vector's. */
static bool kat_ctx_equal(const struct keyseal_hpke_ctx *ctx,
			  const struct kat_values *v)
{
	return kat_equal(ctx->key, &v->key, ctx->key_len) &&
	       kat_equal(ctx->base_nonce, &v->base_nonce,
			 sizeof(ctx->base_nonce));
}

/* Seal and Open of one encryption, in place in a kmalloc'ed buffer. */
static int kat_encryption(struct keyseal_crypto *c,
			  const struct keyseal_hpke_ctx *sender,
			  const struct keyseal_hpke_ctx *recipient,
			  const struct kat_encryption *e, bool corrupt,
			  struct kat_values *v)
{
	size_t aad_len, pt_len = v->pt.len;
	u8 *buf;
	int ret;

	ret = kat_decode(e->aad, &v->aad) ?: kat_decode(e->ct, &v->ct);
	if (ret)
		return ret;
	if (corrupt)
		v->ct.bytes[0] ^= 0x01;
	aad_len = v->aad.len;
	if (v->ct.len != pt_len + KEYSEAL_TAG_SIZE)
		return -EINVAL;
	buf = kmalloc(aad_len + v->ct.len, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;

	memcpy(buf, v->aad.bytes, aad_len);
	memcpy(buf + aad_len, v->pt.bytes, pt_len);
	ret = keyseal_hpke_seal(c, sender, e->seq, buf, aad_len, pt_len);
	if (!ret && !kat_equal(buf + aad_len, &v->ct, v->ct.len))
		ret = -EBADMSG;
	if (ret)
		goto out;

	ret = keyseal_hpke_open(c, recipient, e->seq, buf, aad_len, v->ct.len);
	if (!ret && !kat_equal(buf + aad_len, &v->pt, pt_len))
		ret = -EBADMSG;
	if (ret)
		goto out;

	/* The same ciphertext with one bit of its tag flipped must not open. */
	memcpy(buf + aad_len, v->ct.bytes, v->ct.len);
	buf[aad_len + v->ct.len - 1] ^= 0x80;
	if (keyseal_hpke_open(c, recipient, e->seq, buf, aad_len,
			      v->ct.len) != -EBADMSG)
		ret = -EBADMSG;
out:
	kfree(buf);
	return ret;
}

static int kat_vector(struct keyseal_crypto *c, const struct kat_vector *t,
		      bool corrupt, struct kat_values *v,
		      unsigned int *encryptions)
{
	bool auth = t->mode == KEYSEAL_HPKE_MODE_AUTH;
	size_t npk = keyseal_kem_public_size(t->kem_id);
	struct keyseal_hpke_ctx sender, recipient;
	const char *what;
	unsigned int i;
	int ret;

	memset(&sender, 0, sizeof(sender));
	memset(&recipient, 0, sizeof(recipient));
	what = "decoding the vector";
	ret = kat_decode_vector(t, v);
	if (ret)
		goto out;

	what = "public keys";
	ret = kat_public(t->kem_id, &v->sk_r, &v->pk_r, v->out) ?:
	      kat_public(t->kem_id, &v->sk_e, &v->pk_e, v->out);
	if (!ret && auth)
		ret = kat_public(t->kem_id, &v->sk_s, &v->pk_s, v->out);
	if (ret)
		goto out;

	what = "SetupS";
	ret = keyseal_hpke_setup_sender_kat(t->kem_id,
					    KEYSEAL_AEAD_AES128GCM,
					    v->sk_e.bytes, v->pk_r.bytes, npk,
					    auth ? v->sk_s.bytes : NULL,
					    v->info.bytes, v->info.len, v->out,
					    &sender);
	if (!ret && (!kat_equal(v->out, &v->enc, npk) ||
		     !kat_ctx_equal(&sender, v)))
		ret = -EBADMSG;
	if (ret)
		goto out;

	what = "SetupR";
	ret = keyseal_hpke_setup_receiver(t->kem_id, KEYSEAL_AEAD_AES128GCM,
					  v->enc.bytes, v->enc.len,
					  v->sk_r.bytes,
					  auth ? v->pk_s.bytes : NULL,
					  auth ? v->pk_s.len : 0,
					  v->info.bytes, v->info.len,
					  &recipient);
	if (!ret && !kat_ctx_equal(&recipient, v))
		ret = -EBADMSG;
	if (ret)
		goto out;

	what = "Seal/Open";
	for (i = 0; i < ARRAY_SIZE(t->encryptions); i++) {
		ret = kat_encryption(c, &sender, &recipient,
				     &t->encryptions[i], corrupt && !i, v);
		if (ret)
			goto out;
		(*encryptions)++;
	}
out:
	keyseal_hpke_ctx_wipe(&sender);
	keyseal_hpke_ctx_wipe(&recipient);
	if (ret)
		pr_err("HPKE known-answer test failed: %s: %s (%d)\n", t->name,
		       what, ret);
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

/*
 * The refusals of RFC 9180 section 7.1.4, with the recipient keys of the
 * vectors: small-order X25519 points, P-256 strings that are not points,
 * keys of the wrong length, P-256 scalars out of range.
 */
static int kat_refusals(struct kat_values *v, bool p256,
			unsigned int *refusals)
{
	static const u8 p256_order[KEYSEAL_DH_PRIVATE_SIZE] = {
		0xff, 0xff, 0xff, 0xff, 0x00, 0x00, 0x00, 0x00,
		0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
		0xbc, 0xe6, 0xfa, 0xad, 0xa7, 0x17, 0x9e, 0x84,
		0xf3, 0xb9, 0xca, 0xc2, 0xfc, 0x63, 0x25, 0x51,
	};
	static const u8 zero[KEYSEAL_DH_PRIVATE_SIZE];
	u8 shared[KEYSEAL_DH_SIZE], point[KEYSEAL_P256_PUBLIC_SIZE];
	struct keyseal_dh dh;
	unsigned int i;
	int ret, fails = 0;

	/* Vector 1 is X25519, vector 3 P-256. */
	ret = kat_decode(kat_vectors[0].sk_r, &v->sk_r);
	if (!ret)
		ret = keyseal_dh_init(&dh, KEYSEAL_KEM_X25519_HKDF_SHA256,
				      v->sk_r.bytes);
	for (i = 0; !ret && i < ARRAY_SIZE(x25519_small_order); i++, (*refusals)++)
		fails += keyseal_dh_agree(&dh, x25519_small_order[i],
					  KEYSEAL_X25519_PUBLIC_SIZE,
					  shared) != -EKEYREJECTED;
	if (!ret) {
		fails += keyseal_dh_agree(&dh, x25519_small_order[2],
					  KEYSEAL_X25519_PUBLIC_SIZE - 1,
					  shared) != -EINVAL;
		(*refusals)++;
	}
	keyseal_dh_release(&dh);
	if (ret)
		return ret;

	ret = kat_decode(kat_vectors[2].sk_r, &v->sk_r) ?:
	      kat_decode(kat_vectors[2].pk_r, &v->pk_r);
	if (!ret && p256)
		ret = keyseal_dh_init(&dh, KEYSEAL_KEM_P256_HKDF_SHA256,
				      v->sk_r.bytes);
	else
		memset(&dh, 0, sizeof(dh));
	if (!ret && p256) {
		/* Off the curve: y + 1. */
		memcpy(point, v->pk_r.bytes, sizeof(point));
		point[sizeof(point) - 1] ^= 0x01;
		fails += keyseal_dh_agree(&dh, point, sizeof(point),
					  shared) != -EKEYREJECTED;
		/* The point at infinity's usual stand-in: all zeros. */
		memset(point + 1, 0, sizeof(point) - 1);
		fails += keyseal_dh_agree(&dh, point, sizeof(point),
					  shared) != -EKEYREJECTED;
		/* The compressed and hybrid forms are not serialised keys. */
		memcpy(point, v->pk_r.bytes, sizeof(point));
		point[0] = 0x06;
		fails += keyseal_dh_agree(&dh, point, sizeof(point),
					  shared) != -EKEYREJECTED;
		fails += keyseal_dh_agree(&dh, v->pk_r.bytes, sizeof(point) - 1,
					  shared) != -EINVAL;
		/* And the genuine point still agrees. */
		fails += keyseal_dh_agree(&dh, v->pk_r.bytes, sizeof(point),
					  shared) != 0;
		*refusals += 5;
	}
	keyseal_dh_release(&dh);
	if (ret)
		return ret;

	/* P-256 private scalars are 1 .. n - 1, with or without P-256 ECDH. */
	fails += keyseal_dh_init(&dh, KEYSEAL_KEM_P256_HKDF_SHA256, zero) !=
		 -EINVAL;
	keyseal_dh_release(&dh);
	fails += keyseal_dh_init(&dh, KEYSEAL_KEM_P256_HKDF_SHA256,
				 p256_order) != -EINVAL;
	keyseal_dh_release(&dh);
	*refusals += 2;

	memzero_explicit(shared, sizeof(shared));
	if (fails) {
		pr_err("HPKE known-answer test failed: %d refusals did not happen\n",
		       fails);
		return -EBADMSG;
	}
	return 0;
}

/* Whether the kernel has P-256 ECDH: only -EOPNOTSUPP says it has not. */
static bool kat_p256_available(struct kat_values *v)
{
	struct keyseal_dh dh;
	int ret;

	memset(&dh, 0, sizeof(dh));
	ret = kat_decode(kat_vectors[2].sk_r, &v->sk_r);
	if (!ret)
		ret = keyseal_dh_init(&dh, KEYSEAL_KEM_P256_HKDF_SHA256,
				      v->sk_r.bytes);
	keyseal_dh_release(&dh);
	return ret != -EOPNOTSUPP;
}

/**
 * keyseal_hpke_kat() - run the HPKE known-answer tests
 *
 * Return: 0 if every vector and refusal came out as published, else
 * -EBADMSG (or -ENOMEM, -EOPNOTSUPP).
 */
int keyseal_hpke_kat(void)
{
	unsigned int i, vectors = 0, encryptions = 0, refusals = 0;
	struct keyseal_crypto *c;
	struct kat_values *v;
	bool p256;
	int ret = 0;

	v = kzalloc(sizeof(*v), GFP_KERNEL);
	if (!v)
		return -ENOMEM;
	c = keyseal_crypto_get();
	if (IS_ERR(c)) {
		kfree(v);
		return PTR_ERR(c);
	}

	p256 = kat_p256_available(v);
	for (i = 0; !ret && i < ARRAY_SIZE(kat_vectors); i++) {
		if (!p256 &&
		    kat_vectors[i].kem_id == KEYSEAL_KEM_P256_HKDF_SHA256)
			continue;
		ret = kat_vector(c, &kat_vectors[i], kat_break == i + 1, v,
				 &encryptions);
		vectors++;
	}
	if (!ret)
		ret = kat_refusals(v, p256, &refusals);
	if (!ret)
		pr_info("HPKE known-answer tests passed: %u vectors, %u encryptions, %u refusals%s\n",
			vectors, encryptions, refusals,
			p256 ? "" : " (no P-256 ECDH in this kernel)");

	keyseal_crypto_put(c);
	kfree_sensitive(v);
	return ret;
}
