// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * RFC 9180 HPKE on OpenSSL 3.0 primitives, since 3.0 has no HPKE API: the
 * labeled HKDF on HMAC-SHA256, DHKEM on dh.c, the key schedule of the base
 * and auth modes, and single-shot AES-GCM Seal/Open at an explicit sequence
 * number. Section numbers are RFC 9180's.
 *
 * HMAC is fed its input in pieces rather than a concatenated buffer, so the
 * DH outputs and the shared secret are never copied; every intermediate
 * secret lives on the stack and is cleansed before return.
 */

#include <limits.h>

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>

#include "blob.h"
#include "dh.h"
#include "hpke.h"
#include "hpke_suite.h"

#define HASH_SIZE		32	/* Nh of HKDF-SHA256 */
#define VERSION_LABEL		"HPKE-v1"
#define EXPAND_MAX		(255 * HASH_SIZE)
#define EXPAND_INFO_PARTS	3	/* kem_context: enc || pkRm || pkSm */

/* A piece of an HMAC input. */
struct bytes {
	const u8 *data;
	size_t len;
};

static const EVP_CIPHER *aead_cipher(u16 aead_id)
{
	switch (aead_id) {
	case KEYSEAL_AEAD_AES128GCM:
		return EVP_aes_128_gcm();
	case KEYSEAL_AEAD_AES256GCM:
		return EVP_aes_256_gcm();
	}
	return NULL;
}

/**
 * keyseal_hpke_suite_valid() - whether this implementation has a suite
 * @kem_id: KEYSEAL_KEM_*
 * @kdf_id: KEYSEAL_KDF_*
 * @aead_id: KEYSEAL_AEAD_*
 *
 * Return: 1 if it has, 0 if not.
 */
int keyseal_hpke_suite_valid(u16 kem_id, u16 kdf_id, u16 aead_id)
{
	return keyseal_kem_public_size(kem_id) &&
	       kdf_id == KEYSEAL_KDF_HKDF_SHA256 &&
	       keyseal_hpke_aead_key_size(aead_id);
}

static int hmac_sha256(const u8 *key, size_t key_len, const struct bytes *in,
		       size_t count, u8 *out)
{
	/* RFC 5869 2.2: an empty salt is HashLen zeros; HMAC pads both alike */
	static const u8 zero_salt[HASH_SIZE];
	char digest[] = "SHA256";
	OSSL_PARAM params[] = {
		OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST,
						 digest, 0),
		OSSL_PARAM_construct_end(),
	};
	EVP_MAC_CTX *ctx = NULL;
	EVP_MAC *mac;
	size_t i, len;
	int ret = -ENOMEM;

	if (!key_len) {
		key = zero_salt;
		key_len = sizeof(zero_salt);
	}
	mac = EVP_MAC_fetch(NULL, "HMAC", NULL);
	if (mac)
		ctx = EVP_MAC_CTX_new(mac);
	if (!ctx || !EVP_MAC_init(ctx, key, key_len, params))
		goto out;
	for (i = 0; i < count; i++)
		if (in[i].len && !EVP_MAC_update(ctx, in[i].data, in[i].len))
			goto out;
	if (!EVP_MAC_final(ctx, out, &len, HASH_SIZE) || len != HASH_SIZE)
		goto out;
	ret = 0;
out:
	EVP_MAC_CTX_free(ctx);
	EVP_MAC_free(mac);
	return ret;
}

/* LabeledExtract(salt, label, ikm), section 4 */
static int labeled_extract(const struct keyseal_hpke_suite_id *suite,
			   const u8 *salt, size_t salt_len, const char *label,
			   const u8 *ikm, size_t ikm_len, u8 *prk)
{
	const struct bytes labeled_ikm[] = {
		{ (const u8 *)VERSION_LABEL, sizeof(VERSION_LABEL) - 1 },
		{ suite->id, suite->len },
		{ (const u8 *)label, strlen(label) },
		{ ikm, ikm_len },
	};

	return hmac_sha256(salt, salt_len, labeled_ikm,
			   ARRAY_SIZE(labeled_ikm), prk);
}

/*
 * LabeledExpand(prk, label, info, L), section 4, with @info given in up to
 * EXPAND_INFO_PARTS pieces. HKDF-Expand: T(i) = HMAC(prk, T(i-1) ||
 * labeled_info || i), output the first @len bytes of T(1) || T(2) ...
 */
static int labeled_expand(const struct keyseal_hpke_suite_id *suite,
			  const u8 *prk, const char *label,
			  const struct bytes *info, size_t info_parts, u8 *out,
			  size_t len)
{
	struct bytes in[1 + 4 + EXPAND_INFO_PARTS + 1];
	u8 length[2] = { len >> 8, len };
	u8 block[HASH_SIZE], counter = 0;
	size_t count = 0, done, chunk, i;
	int ret = 0;

	if (len > EXPAND_MAX || info_parts > EXPAND_INFO_PARTS)
		return -EINVAL;

	in[count++] = (struct bytes){ block, 0 };	/* T(0) is empty */
	in[count++] = (struct bytes){ length, sizeof(length) };
	in[count++] = (struct bytes){ (const u8 *)VERSION_LABEL,
				      sizeof(VERSION_LABEL) - 1 };
	in[count++] = (struct bytes){ suite->id, suite->len };
	in[count++] = (struct bytes){ (const u8 *)label, strlen(label) };
	for (i = 0; i < info_parts; i++)
		in[count++] = info[i];
	in[count++] = (struct bytes){ &counter, 1 };

	for (done = 0; done < len; done += chunk) {
		counter++;
		ret = hmac_sha256(prk, HASH_SIZE, in, count, block);
		if (ret)
			break;
		in[0].len = HASH_SIZE;
		chunk = len - done < HASH_SIZE ? len - done : HASH_SIZE;
		memcpy(out + done, block, chunk);
	}
	OPENSSL_cleanse(block, sizeof(block));
	if (ret)
		OPENSSL_cleanse(out, len);
	return ret;
}

/* ExtractAndExpand(dh, kem_context), section 4.1 */
static int extract_and_expand(u16 kem_id, const u8 *dh, size_t dh_len,
			      const struct bytes *kem_context, size_t parts,
			      u8 *shared_secret)
{
	struct keyseal_hpke_suite_id suite;
	u8 eae_prk[HASH_SIZE];
	int ret;

	keyseal_hpke_kem_suite(kem_id, &suite);
	ret = labeled_extract(&suite, NULL, 0, "eae_prk", dh, dh_len, eae_prk);
	if (!ret)
		ret = labeled_expand(&suite, eae_prk, "shared_secret",
				     kem_context, parts, shared_secret,
				     KEYSEAL_HPKE_SECRET_SIZE);
	OPENSSL_cleanse(eae_prk, sizeof(eae_prk));
	return ret;
}

/*
 * Encap(pkR) or AuthEncap(pkR, skS), section 4.1. @fixed_skE is NULL except
 * for the RFC vectors, which give the ephemeral key.
 */
static int encap(u16 kem_id, const u8 *fixed_skE, const u8 *pkR,
		 size_t pkR_len, const u8 *skS, size_t skS_len, u8 *enc,
		 size_t *enc_len, u8 *shared_secret)
{
	size_t npk = keyseal_kem_public_size(kem_id), dh_len = 0, parts = 0;
	u8 dh[2 * KEYSEAL_DH_SIZE], skE[KEYSEAL_DH_PRIVATE_SIZE];
	u8 pkS[KEYSEAL_DH_PUBLIC_MAX];
	struct bytes kem_context[EXPAND_INFO_PARTS];
	int ret = 0;

	if (!npk || pkR_len != npk || *enc_len < npk ||
	    (skS && skS_len != KEYSEAL_DH_PRIVATE_SIZE))
		return -EINVAL;

	if (fixed_skE)
		memcpy(skE, fixed_skE, sizeof(skE));
	else
		ret = keyseal_dh_generate(kem_id, skE);
	ret = ret ?: keyseal_dh_public_of(kem_id, skE, enc);
	if (ret)
		goto out;
	ret = keyseal_dh_compute(kem_id, skE, pkR, pkR_len, dh);
	if (ret)
		goto out;
	dh_len += KEYSEAL_DH_SIZE;
	kem_context[parts++] = (struct bytes){ enc, npk };
	kem_context[parts++] = (struct bytes){ pkR, npk };

	if (skS) {
		ret = keyseal_dh_compute(kem_id, skS, pkR, pkR_len,
					 dh + dh_len);
		if (ret)
			goto out;
		dh_len += KEYSEAL_DH_SIZE;
		ret = keyseal_dh_public_of(kem_id, skS, pkS);
		if (ret)
			goto out;
		kem_context[parts++] = (struct bytes){ pkS, npk };
	}

	ret = extract_and_expand(kem_id, dh, dh_len, kem_context, parts,
				 shared_secret);
	if (!ret)
		*enc_len = npk;
out:
	OPENSSL_cleanse(skE, sizeof(skE));
	OPENSSL_cleanse(dh, sizeof(dh));
	return ret;
}

/**
 * keyseal_hpke_encap() - DHKEM Encap, or AuthEncap with a sender key
 * @kem_id: KEYSEAL_KEM_*
 * @pkR: the recipient's public key
 * @pkR_len: its length
 * @skS: the sender's private key for AuthEncap, or NULL for Encap
 * @skS_len: its length
 * @enc: output, the encapsulated key
 * @enc_len: in: size of @enc; out: Nenc
 * @shared_secret: output, KEYSEAL_HPKE_SECRET_SIZE bytes
 *
 * The ephemeral key is fresh from the random generator on every call.
 *
 * Return: 0, -EINVAL, -EKEYREJECTED, -EIO if the random generator failed,
 * -ENOMEM.
 */
int keyseal_hpke_encap(u16 kem_id, const u8 *pkR, size_t pkR_len,
		       const u8 *skS, size_t skS_len, u8 *enc, size_t *enc_len,
		       u8 *shared_secret)
{
	return encap(kem_id, NULL, pkR, pkR_len, skS, skS_len, enc, enc_len,
		     shared_secret);
}

#ifdef KEYSEAL_TEST_HOOKS
int keyseal_hpke_test_encap(u16 kem_id, const u8 *skE, size_t skE_len,
			    const u8 *pkR, size_t pkR_len,
			    const u8 *skS, size_t skS_len,
			    u8 *enc, size_t *enc_len, u8 *shared_secret)
{
	if (skE_len != KEYSEAL_DH_PRIVATE_SIZE)
		return -EINVAL;
	return encap(kem_id, skE, pkR, pkR_len, skS, skS_len, enc, enc_len,
		     shared_secret);
}
#endif

/**
 * keyseal_hpke_decap() - DHKEM Decap, or AuthDecap with a sender key
 * @kem_id: KEYSEAL_KEM_*
 * @enc: the encapsulated key
 * @enc_len: its length
 * @skR: the recipient's private key
 * @skR_len: its length
 * @pkS: the sender's public key for AuthDecap, or NULL for Decap
 * @pkS_len: its length
 * @shared_secret: output, KEYSEAL_HPKE_SECRET_SIZE bytes
 *
 * Return: 0, -EINVAL, -EKEYREJECTED, -ENOMEM.
 */
int keyseal_hpke_decap(u16 kem_id, const u8 *enc, size_t enc_len,
		       const u8 *skR, size_t skR_len, const u8 *pkS,
		       size_t pkS_len, u8 *shared_secret)
{
	size_t npk = keyseal_kem_public_size(kem_id), dh_len = 0, parts = 0;
	u8 dh[2 * KEYSEAL_DH_SIZE], pkR[KEYSEAL_DH_PUBLIC_MAX];
	struct bytes kem_context[EXPAND_INFO_PARTS];
	int ret;

	if (!npk || enc_len != npk || (pkS && pkS_len != npk) ||
	    skR_len != KEYSEAL_DH_PRIVATE_SIZE)
		return -EINVAL;

	ret = keyseal_dh_compute(kem_id, skR, enc, enc_len, dh);
	if (ret)
		goto out;
	dh_len += KEYSEAL_DH_SIZE;
	if (pkS) {
		ret = keyseal_dh_compute(kem_id, skR, pkS, pkS_len,
					 dh + dh_len);
		if (ret)
			goto out;
		dh_len += KEYSEAL_DH_SIZE;
	}
	ret = keyseal_dh_public_of(kem_id, skR, pkR);
	if (ret)
		goto out;

	kem_context[parts++] = (struct bytes){ enc, npk };
	kem_context[parts++] = (struct bytes){ pkR, npk };
	if (pkS)
		kem_context[parts++] = (struct bytes){ pkS, npk };
	ret = extract_and_expand(kem_id, dh, dh_len, kem_context, parts,
				 shared_secret);
out:
	OPENSSL_cleanse(dh, sizeof(dh));
	return ret;
}

/**
 * keyseal_hpke_key_schedule() - KeySchedule<ROLE>(), section 5.1
 * @mode: KEYSEAL_HPKE_MODE_BASE or KEYSEAL_HPKE_MODE_AUTH
 * @kem_id: KEYSEAL_KEM_*
 * @kdf_id: KEYSEAL_KDF_*
 * @aead_id: KEYSEAL_AEAD_*
 * @shared_secret: from Encap or Decap, KEYSEAL_HPKE_SECRET_SIZE bytes
 * @info: the application's info
 * @info_len: its length
 * @ctx: output, the context
 *
 * Both modes have an empty psk and psk_id; the psk modes are not supported.
 *
 * Return: 0, -EINVAL for an unsupported mode or suite, -ENOMEM.
 */
int keyseal_hpke_key_schedule(u8 mode, u16 kem_id, u16 kdf_id, u16 aead_id,
			      const u8 *shared_secret, const u8 *info,
			      size_t info_len, struct keyseal_hpke_ctx *ctx)
{
	u8 context[1 + 2 * HASH_SIZE], secret[HASH_SIZE];
	const struct bytes key_schedule_context = { context, sizeof(context) };
	struct keyseal_hpke_suite_id suite;
	int ret;

	if (!keyseal_hpke_suite_valid(kem_id, kdf_id, aead_id) ||
	    (mode != KEYSEAL_HPKE_MODE_BASE && mode != KEYSEAL_HPKE_MODE_AUTH))
		return -EINVAL;

	memset(ctx, 0, sizeof(*ctx));
	keyseal_hpke_suite(kem_id, kdf_id, aead_id, &suite);
	context[0] = mode;
	ret = labeled_extract(&suite, NULL, 0, "psk_id_hash", NULL, 0,
			      context + 1);
	if (ret)
		goto out;
	ret = labeled_extract(&suite, NULL, 0, "info_hash", info, info_len,
			      context + 1 + HASH_SIZE);
	if (ret)
		goto out;
	ret = labeled_extract(&suite, shared_secret, KEYSEAL_HPKE_SECRET_SIZE,
			      "secret", NULL, 0, secret);
	if (ret)
		goto out;

	ctx->aead_id = aead_id;
	ctx->key_len = keyseal_hpke_aead_key_size(aead_id);
	ret = labeled_expand(&suite, secret, "key", &key_schedule_context, 1,
			     ctx->key, ctx->key_len);
	if (ret)
		goto out;
	ret = labeled_expand(&suite, secret, "base_nonce",
			     &key_schedule_context, 1, ctx->base_nonce,
			     KEYSEAL_HPKE_NONCE_SIZE);
out:
	OPENSSL_cleanse(secret, sizeof(secret));
	if (ret)
		keyseal_hpke_ctx_wipe(ctx);
	return ret;
}

/**
 * keyseal_hpke_setup_sender() - SetupBaseS() or SetupAuthS(), section 5.1
 * @kem_id: KEYSEAL_KEM_*
 * @kdf_id: KEYSEAL_KDF_*
 * @aead_id: KEYSEAL_AEAD_*
 * @pkR: the recipient's public key
 * @pkR_len: its length
 * @skS: the sender's private key for auth mode, or NULL for base mode
 * @skS_len: its length
 * @info: the application's info
 * @info_len: its length
 * @enc: output, the encapsulated key, to send with the ciphertext
 * @enc_len: in: size of @enc (KEYSEAL_HPKE_ENC_MAX is enough); out: Nenc
 * @ctx: output, the sender's context
 *
 * Return: 0, -EINVAL, -EKEYREJECTED, -EIO if the random generator failed,
 * -ENOMEM.
 */
int keyseal_hpke_setup_sender(u16 kem_id, u16 kdf_id, u16 aead_id,
			      const u8 *pkR, size_t pkR_len,
			      const u8 *skS, size_t skS_len,
			      const u8 *info, size_t info_len,
			      u8 *enc, size_t *enc_len,
			      struct keyseal_hpke_ctx *ctx)
{
	u8 shared_secret[KEYSEAL_HPKE_SECRET_SIZE];
	int ret;

	if (!keyseal_hpke_suite_valid(kem_id, kdf_id, aead_id))
		return -EINVAL;
	ret = keyseal_hpke_encap(kem_id, pkR, pkR_len, skS, skS_len, enc,
				 enc_len, shared_secret);
	if (!ret)
		ret = keyseal_hpke_key_schedule(skS ? KEYSEAL_HPKE_MODE_AUTH :
						KEYSEAL_HPKE_MODE_BASE,
						kem_id, kdf_id, aead_id,
						shared_secret, info, info_len,
						ctx);
	OPENSSL_cleanse(shared_secret, sizeof(shared_secret));
	return ret;
}

/**
 * keyseal_hpke_setup_receiver() - SetupBaseR() or SetupAuthR(), section 5.1
 * @kem_id: KEYSEAL_KEM_*
 * @kdf_id: KEYSEAL_KDF_*
 * @aead_id: KEYSEAL_AEAD_*
 * @enc: the encapsulated key
 * @enc_len: its length
 * @skR: the recipient's private key
 * @skR_len: its length
 * @pkS: the sender's public key for auth mode, or NULL for base mode
 * @pkS_len: its length
 * @info: the application's info
 * @info_len: its length
 * @ctx: output, the recipient's context
 *
 * Return: 0, -EINVAL, -EKEYREJECTED, -ENOMEM.
 */
int keyseal_hpke_setup_receiver(u16 kem_id, u16 kdf_id, u16 aead_id,
				const u8 *enc, size_t enc_len,
				const u8 *skR, size_t skR_len,
				const u8 *pkS, size_t pkS_len,
				const u8 *info, size_t info_len,
				struct keyseal_hpke_ctx *ctx)
{
	u8 shared_secret[KEYSEAL_HPKE_SECRET_SIZE];
	int ret;

	if (!keyseal_hpke_suite_valid(kem_id, kdf_id, aead_id))
		return -EINVAL;
	ret = keyseal_hpke_decap(kem_id, enc, enc_len, skR, skR_len, pkS,
				 pkS_len, shared_secret);
	if (!ret)
		ret = keyseal_hpke_key_schedule(pkS ? KEYSEAL_HPKE_MODE_AUTH :
						KEYSEAL_HPKE_MODE_BASE,
						kem_id, kdf_id, aead_id,
						shared_secret, info, info_len,
						ctx);
	OPENSSL_cleanse(shared_secret, sizeof(shared_secret));
	return ret;
}

/* ComputeNonce(seq), section 5.2: base_nonce XOR I2OSP(seq, Nn) */
static void compute_nonce(const struct keyseal_hpke_ctx *ctx, u64 seq,
			  u8 *nonce)
{
	int i;

	memcpy(nonce, ctx->base_nonce, KEYSEAL_HPKE_NONCE_SIZE);
	for (i = KEYSEAL_HPKE_NONCE_SIZE - 1; seq; i--, seq >>= 8)
		nonce[i] ^= (u8)seq;
}

static const EVP_CIPHER *ctx_cipher(const struct keyseal_hpke_ctx *ctx)
{
	if (!keyseal_hpke_aead_key_size(ctx->aead_id) ||
	    ctx->key_len != keyseal_hpke_aead_key_size(ctx->aead_id))
		return NULL;
	return aead_cipher(ctx->aead_id);
}

/**
 * keyseal_hpke_seal() - ContextS.Seal() at sequence number @seq, section 5.2
 * @ctx: a sender's context
 * @seq: the sequence number
 * @aad: associated data
 * @aad_len: its length
 * @pt: plaintext
 * @pt_len: its length
 * @ct: output, @pt_len + KEYSEAL_HPKE_TAG_SIZE bytes: ciphertext, then tag
 *
 * The caller owns the sequence: sealing twice at one @seq reuses the nonce.
 *
 * Return: 0, -EINVAL for a bad context or lengths over INT_MAX, -ENOMEM.
 */
int keyseal_hpke_seal(const struct keyseal_hpke_ctx *ctx, u64 seq,
		      const u8 *aad, size_t aad_len, const u8 *pt,
		      size_t pt_len, u8 *ct)
{
	const EVP_CIPHER *cipher = ctx_cipher(ctx);
	u8 nonce[KEYSEAL_HPKE_NONCE_SIZE];
	EVP_CIPHER_CTX *aead;
	int len, ret = -ENOMEM;

	if (!cipher || aad_len > INT_MAX ||
	    pt_len > INT_MAX - KEYSEAL_HPKE_TAG_SIZE)
		return -EINVAL;
	compute_nonce(ctx, seq, nonce);

	/* The GCM IV length is 12 bytes by default: Nn */
	aead = EVP_CIPHER_CTX_new();
	if (!aead || !EVP_EncryptInit_ex(aead, cipher, NULL, ctx->key, nonce))
		goto out;
	if (aad_len && !EVP_EncryptUpdate(aead, NULL, &len, aad, aad_len))
		goto out;
	if (pt_len && !EVP_EncryptUpdate(aead, ct, &len, pt, pt_len))
		goto out;
	if (!EVP_EncryptFinal_ex(aead, ct + pt_len, &len) ||
	    !EVP_CIPHER_CTX_ctrl(aead, EVP_CTRL_AEAD_GET_TAG,
				 KEYSEAL_HPKE_TAG_SIZE, ct + pt_len))
		goto out;
	ret = 0;
out:
	if (ret)
		OPENSSL_cleanse(ct, pt_len + KEYSEAL_HPKE_TAG_SIZE);
	EVP_CIPHER_CTX_free(aead);
	OPENSSL_cleanse(nonce, sizeof(nonce));
	return ret;
}

/**
 * keyseal_hpke_open() - ContextR.Open() at sequence number @seq, section 5.2
 * @ctx: a recipient's context
 * @seq: the sequence number
 * @aad: associated data
 * @aad_len: its length
 * @ct: ciphertext followed by the tag
 * @ct_len: its length
 * @pt: output, @ct_len - KEYSEAL_HPKE_TAG_SIZE bytes
 *
 * Return: 0; -EBADMSG if @ct does not authenticate (including one shorter
 * than a tag), with @pt zeroed; -EINVAL for a bad context or lengths over
 * INT_MAX; -ENOMEM.
 */
int keyseal_hpke_open(const struct keyseal_hpke_ctx *ctx, u64 seq,
		      const u8 *aad, size_t aad_len, const u8 *ct,
		      size_t ct_len, u8 *pt)
{
	const EVP_CIPHER *cipher = ctx_cipher(ctx);
	u8 nonce[KEYSEAL_HPKE_NONCE_SIZE];
	EVP_CIPHER_CTX *aead;
	size_t pt_len;
	int len, ret = -ENOMEM;

	if (!cipher || aad_len > INT_MAX || ct_len > INT_MAX)
		return -EINVAL;
	if (ct_len < KEYSEAL_HPKE_TAG_SIZE)
		return -EBADMSG;
	pt_len = ct_len - KEYSEAL_HPKE_TAG_SIZE;
	compute_nonce(ctx, seq, nonce);

	aead = EVP_CIPHER_CTX_new();
	if (!aead || !EVP_DecryptInit_ex(aead, cipher, NULL, ctx->key, nonce) ||
	    !EVP_CIPHER_CTX_ctrl(aead, EVP_CTRL_AEAD_SET_TAG,
				 KEYSEAL_HPKE_TAG_SIZE, (void *)(ct + pt_len)))
		goto out;
	if (aad_len && !EVP_DecryptUpdate(aead, NULL, &len, aad, aad_len))
		goto out;
	if (pt_len && !EVP_DecryptUpdate(aead, pt, &len, ct, pt_len))
		goto out;
	ret = -EBADMSG;
	if (EVP_DecryptFinal_ex(aead, pt + pt_len, &len) <= 0)
		goto out;
	ret = 0;
out:
	if (ret)
		OPENSSL_cleanse(pt, pt_len);
	EVP_CIPHER_CTX_free(aead);
	OPENSSL_cleanse(nonce, sizeof(nonce));
	return ret;
}

/**
 * keyseal_hpke_ctx_wipe() - clear a context's keys
 * @ctx: the context
 */
void keyseal_hpke_ctx_wipe(struct keyseal_hpke_ctx *ctx)
{
	OPENSSL_cleanse(ctx, sizeof(*ctx));
}
