// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * RFC 9180 Hybrid Public Key Encryption, as keyseal's recipient blobs use
 * it, for the module and libkeyseal alike: DHKEM, the labeled HKDF, the key
 * schedule of the base and auth modes, and single-shot Seal and Open at an
 * explicit sequence number. Section numbers are RFC 9180's; the pre-shared
 * key modes are left out. HKDF, AES-GCM and Diffie-Hellman come from the
 * side this is compiled into (primitives.h).
 *
 * The labeled HKDF inputs are given to HMAC in pieces, so no DH output or
 * shared secret is ever copied into a concatenation buffer; every
 * intermediate secret lives on the stack and is wiped before return.
 */

#include "blob.h"
#include "hpke.h"
#include "hpke_suite.h"
#include "usage.h"

#define HPKE_VERSION_LABEL	"HPKE-v1"
#define KEM_CONTEXT_PARTS	3	/* enc || pkRm || pkSm */

/**
 * keyseal_hpke_suite_valid() - whether keyseal has an HPKE suite
 * @kem_id: KEYSEAL_KEM_*
 * @kdf_id: KEYSEAL_KDF_*
 * @aead_id: KEYSEAL_AEAD_*
 *
 * Return: true if it has.
 */
bool keyseal_hpke_suite_valid(u16 kem_id, u16 kdf_id, u16 aead_id)
{
	return keyseal_usage_kem_public_size(kem_id) &&
	       kdf_id == KEYSEAL_KDF_HKDF_SHA256 &&
	       keyseal_hpke_aead_key_size(aead_id);
}

/* LabeledExtract(salt, label, ikm), section 4 */
static int labeled_extract(const struct keyseal_hpke_suite_id *suite,
			   const u8 *salt, size_t salt_len, const char *label,
			   const u8 *ikm, size_t ikm_len,
			   u8 prk[KEYSEAL_HASH_SIZE])
{
	const struct keyseal_chunk labeled_ikm[] = {
		{ HPKE_VERSION_LABEL, sizeof(HPKE_VERSION_LABEL) - 1 },
		{ suite->id, suite->len },
		{ label, strlen(label) },
		{ ikm, ikm_len },
	};
	unsigned int n = ARRAY_SIZE(labeled_ikm);

	/* An empty ikm (psk_id_hash, secret) is no piece at all. */
	if (!ikm_len)
		n--;
	return keyseal_hkdf_extract(salt, salt_len, labeled_ikm, n, prk);
}

/* LabeledExpand(prk, label, info, L), section 4, @info in pieces */
static int labeled_expand(const struct keyseal_hpke_suite_id *suite,
			  const u8 prk[KEYSEAL_HASH_SIZE], const char *label,
			  const struct keyseal_chunk *info, unsigned int n_info,
			  u8 *out, size_t len)
{
	struct keyseal_chunk labeled_info[4 + KEM_CONTEXT_PARTS];
	u8 length[2] = { len >> 8, len & 0xff };
	unsigned int n = 0, i;

	if (n_info > KEM_CONTEXT_PARTS || len > 255 * KEYSEAL_HASH_SIZE)
		return -EINVAL;
	labeled_info[n++] = (struct keyseal_chunk){ length, sizeof(length) };
	labeled_info[n++] = (struct keyseal_chunk){
		HPKE_VERSION_LABEL, sizeof(HPKE_VERSION_LABEL) - 1
	};
	labeled_info[n++] = (struct keyseal_chunk){ suite->id, suite->len };
	labeled_info[n++] = (struct keyseal_chunk){ label, strlen(label) };
	for (i = 0; i < n_info; i++)
		labeled_info[n++] = info[i];
	return keyseal_hkdf_expand(prk, labeled_info, n, out, len);
}

/* ExtractAndExpand(dh, kem_context), section 4.1 */
static int extract_and_expand(u16 kem_id, const u8 *dh, size_t dh_len,
			      const struct keyseal_chunk *kem_context,
			      unsigned int parts,
			      u8 shared_secret[KEYSEAL_HPKE_SECRET_SIZE])
{
	u8 eae_prk[KEYSEAL_HASH_SIZE];
	struct keyseal_hpke_suite_id suite;
	int ret;

	keyseal_hpke_kem_suite(kem_id, &suite);
	ret = labeled_extract(&suite, NULL, 0, "eae_prk", dh, dh_len,
			      eae_prk);
	if (ret)
		goto out;
	ret = labeled_expand(&suite, eae_prk, "shared_secret", kem_context,
			     parts, shared_secret, KEYSEAL_HPKE_SECRET_SIZE);
out:
	memzero_explicit(eae_prk, sizeof(eae_prk));
	return ret;
}

/*
 * Encap(pkR) or, with a sender key, AuthEncap(pkR, skS), section 4.1. The
 * ephemeral key is fresh unless a known-answer test gives it as @fixed_sk_e.
 */
static int encap(u16 kem_id, const u8 *fixed_sk_e, const u8 *pk_r,
		 size_t pk_r_len, const u8 *sk_s, u8 *enc,
		 u8 shared_secret[KEYSEAL_HPKE_SECRET_SIZE])
{
	size_t npk = keyseal_usage_kem_public_size(kem_id);
	u8 dh[2 * KEYSEAL_DH_SIZE], sk_e[KEYSEAL_DH_PRIVATE_SIZE];
	u8 pk_s[KEYSEAL_DH_PUBLIC_MAX];
	struct keyseal_chunk kem_context[KEM_CONTEXT_PARTS];
	size_t dh_len = KEYSEAL_DH_SIZE;
	unsigned int parts = 0;
	int ret = 0;

	if (!npk || pk_r_len != npk)
		return -EINVAL;

	if (fixed_sk_e)
		memcpy(sk_e, fixed_sk_e, sizeof(sk_e));
	else
		ret = keyseal_dh_generate(kem_id, sk_e);
	if (ret)
		goto out;
	ret = keyseal_dh_public_of(kem_id, sk_e, enc);
	if (ret)
		goto out;
	ret = keyseal_dh_compute(kem_id, sk_e, pk_r, pk_r_len, dh);
	if (ret)
		goto out;
	kem_context[parts++] = (struct keyseal_chunk){ enc, npk };
	kem_context[parts++] = (struct keyseal_chunk){ pk_r, npk };

	if (sk_s) {
		ret = keyseal_dh_compute(kem_id, sk_s, pk_r, pk_r_len,
					 dh + KEYSEAL_DH_SIZE);
		if (ret)
			goto out;
		ret = keyseal_dh_public_of(kem_id, sk_s, pk_s);
		if (ret)
			goto out;
		dh_len += KEYSEAL_DH_SIZE;
		kem_context[parts++] = (struct keyseal_chunk){ pk_s, npk };
	}
	ret = extract_and_expand(kem_id, dh, dh_len, kem_context, parts,
				 shared_secret);
out:
	memzero_explicit(sk_e, sizeof(sk_e));
	memzero_explicit(dh, sizeof(dh));
	return ret;
}

/**
 * keyseal_hpke_encap() - Encap(pkR), or AuthEncap(pkR, skS), section 4.1
 * @kem_id: KEYSEAL_KEM_*
 * @pk_r: the recipient's public key
 * @pk_r_len: its length
 * @sk_s: the sender's private key for AuthEncap, or NULL for Encap
 * @enc: output, the encapsulated key, keyseal_usage_kem_public_size(@kem_id)
 *	bytes
 * @shared_secret: output
 *
 * The ephemeral key is fresh from the random generator on every call, and
 * is wiped before return.
 *
 * Return: 0; -EINVAL for an unknown KEM, a @pk_r of the wrong length or an
 * invalid @sk_s; -EKEYREJECTED if @pk_r is not a valid public key; -EIO
 * if the random generator failed; or an error of the Diffie-Hellman.
 */
int keyseal_hpke_encap(u16 kem_id, const u8 *pk_r, size_t pk_r_len,
		       const u8 *sk_s, u8 *enc,
		       u8 shared_secret[KEYSEAL_HPKE_SECRET_SIZE])
{
	return encap(kem_id, NULL, pk_r, pk_r_len, sk_s, enc, shared_secret);
}

#ifdef KEYSEAL_KAT
/**
 * keyseal_hpke_encap_kat() - Encap or AuthEncap with a given ephemeral key
 * @kem_id: KEYSEAL_KEM_*
 * @sk_e: the ephemeral private key of a test vector
 * @pk_r: the recipient's public key
 * @pk_r_len: its length
 * @sk_s: the sender's private key for AuthEncap, or NULL for Encap
 * @enc: output, the encapsulated key
 * @shared_secret: output
 *
 * Built only into known-answer tests.
 *
 * Return: as keyseal_hpke_encap().
 */
int keyseal_hpke_encap_kat(u16 kem_id, const u8 *sk_e, const u8 *pk_r,
			   size_t pk_r_len, const u8 *sk_s, u8 *enc,
			   u8 shared_secret[KEYSEAL_HPKE_SECRET_SIZE])
{
	return encap(kem_id, sk_e, pk_r, pk_r_len, sk_s, enc, shared_secret);
}
#endif

/**
 * keyseal_hpke_decap() - Decap(enc, skR), or AuthDecap(enc, skR, pkS),
 *	section 4.1
 * @kem_id: KEYSEAL_KEM_*
 * @enc: the encapsulated key
 * @enc_len: its length
 * @sk_r: the recipient's private key
 * @pk_s: the sender's public key for AuthDecap, or NULL for Decap
 * @pk_s_len: its length
 * @shared_secret: output
 *
 * Return: 0; -EINVAL for an unknown KEM, a key of the wrong length or an
 * invalid @sk_r; -EKEYREJECTED if @enc or @pk_s is not a valid public key;
 * or an error of the Diffie-Hellman.
 */
int keyseal_hpke_decap(u16 kem_id, const u8 *enc, size_t enc_len,
		       const u8 *sk_r, const u8 *pk_s, size_t pk_s_len,
		       u8 shared_secret[KEYSEAL_HPKE_SECRET_SIZE])
{
	size_t npk = keyseal_usage_kem_public_size(kem_id);
	u8 dh[2 * KEYSEAL_DH_SIZE], pk_r[KEYSEAL_DH_PUBLIC_MAX];
	struct keyseal_chunk kem_context[KEM_CONTEXT_PARTS];
	size_t dh_len = KEYSEAL_DH_SIZE;
	unsigned int parts = 0;
	int ret;

	if (!npk || enc_len != npk || (pk_s && pk_s_len != npk))
		return -EINVAL;

	ret = keyseal_dh_compute(kem_id, sk_r, enc, enc_len, dh);
	if (ret)
		goto out;
	if (pk_s) {
		ret = keyseal_dh_compute(kem_id, sk_r, pk_s, pk_s_len,
					 dh + KEYSEAL_DH_SIZE);
		if (ret)
			goto out;
		dh_len += KEYSEAL_DH_SIZE;
	}
	ret = keyseal_dh_public_of(kem_id, sk_r, pk_r);
	if (ret)
		goto out;

	kem_context[parts++] = (struct keyseal_chunk){ enc, npk };
	kem_context[parts++] = (struct keyseal_chunk){ pk_r, npk };
	if (pk_s)
		kem_context[parts++] = (struct keyseal_chunk){ pk_s, npk };
	ret = extract_and_expand(kem_id, dh, dh_len, kem_context, parts,
				 shared_secret);
out:
	memzero_explicit(dh, sizeof(dh));
	return ret;
}

/**
 * keyseal_hpke_key_schedule() - KeySchedule<ROLE>(), section 5.1
 * @mode: KEYSEAL_HPKE_MODE_BASE or KEYSEAL_HPKE_MODE_AUTH
 * @kem_id: KEYSEAL_KEM_*
 * @kdf_id: KEYSEAL_KDF_*
 * @aead_id: KEYSEAL_AEAD_*
 * @shared_secret: from Encap or Decap
 * @info: the application's info
 * @info_len: its length
 * @ctx: output, the context; wipe it with keyseal_hpke_ctx_wipe()
 *
 * Both modes have an empty psk and psk_id: the psk modes are refused.
 *
 * Return: 0, -EINVAL for another mode or a suite keyseal does not have, or
 * an error of HKDF.
 */
int keyseal_hpke_key_schedule(u8 mode, u16 kem_id, u16 kdf_id, u16 aead_id,
			      const u8 shared_secret[KEYSEAL_HPKE_SECRET_SIZE],
			      const u8 *info, size_t info_len,
			      struct keyseal_hpke_ctx *ctx)
{
	u8 context[1 + 2 * KEYSEAL_HASH_SIZE], secret[KEYSEAL_HASH_SIZE];
	const struct keyseal_chunk key_schedule_context = {
		context, sizeof(context)
	};
	struct keyseal_hpke_suite_id suite;
	int ret;

	memset(ctx, 0, sizeof(*ctx));
	if (!keyseal_hpke_suite_valid(kem_id, kdf_id, aead_id) ||
	    (mode != KEYSEAL_HPKE_MODE_BASE && mode != KEYSEAL_HPKE_MODE_AUTH))
		return -EINVAL;

	keyseal_hpke_suite(kem_id, kdf_id, aead_id, &suite);
	context[0] = mode;
	ret = labeled_extract(&suite, NULL, 0, "psk_id_hash", NULL, 0,
			      context + 1);
	if (ret)
		goto out;
	ret = labeled_extract(&suite, NULL, 0, "info_hash", info, info_len,
			      context + 1 + KEYSEAL_HASH_SIZE);
	if (ret)
		goto out;
	ret = labeled_extract(&suite, shared_secret, KEYSEAL_HPKE_SECRET_SIZE,
			      "secret", NULL, 0, secret);
	if (ret)
		goto out;

	ctx->aead_id = aead_id;
	ctx->key_len = keyseal_hpke_aead_key_size(aead_id);
	ret = labeled_expand(&suite, secret, "key", &key_schedule_context,
			     1, ctx->key, ctx->key_len);
	if (ret)
		goto out;
	ret = labeled_expand(&suite, secret, "base_nonce",
			     &key_schedule_context, 1, ctx->base_nonce,
			     sizeof(ctx->base_nonce));
out:
	memzero_explicit(secret, sizeof(secret));
	if (ret)
		keyseal_hpke_ctx_wipe(ctx);
	return ret;
}

/**
 * keyseal_hpke_setup_sender() - SetupBaseS() or SetupAuthS(), section 5.1
 * @kem_id: KEYSEAL_KEM_*
 * @kdf_id: KEYSEAL_KDF_*
 * @aead_id: KEYSEAL_AEAD_*
 * @pk_r: the recipient's public key
 * @pk_r_len: its length
 * @sk_s: the sender's private key for auth mode, or NULL for base mode
 * @info: the application's info
 * @info_len: its length
 * @enc: output, the encapsulated key, keyseal_usage_kem_public_size(@kem_id)
 *	bytes
 * @ctx: output, the sender's context; wipe it with keyseal_hpke_ctx_wipe()
 *
 * Return: as keyseal_hpke_encap(), and -EINVAL for a suite keyseal does not
 * have.
 */
int keyseal_hpke_setup_sender(u16 kem_id, u16 kdf_id, u16 aead_id,
			      const u8 *pk_r, size_t pk_r_len, const u8 *sk_s,
			      const u8 *info, size_t info_len, u8 *enc,
			      struct keyseal_hpke_ctx *ctx)
{
	u8 shared_secret[KEYSEAL_HPKE_SECRET_SIZE];
	int ret;

	memset(ctx, 0, sizeof(*ctx));
	if (!keyseal_hpke_suite_valid(kem_id, kdf_id, aead_id))
		return -EINVAL;
	ret = keyseal_hpke_encap(kem_id, pk_r, pk_r_len, sk_s, enc,
				 shared_secret);
	if (ret)
		goto out;
	ret = keyseal_hpke_key_schedule(sk_s ? KEYSEAL_HPKE_MODE_AUTH :
					KEYSEAL_HPKE_MODE_BASE, kem_id, kdf_id,
					aead_id, shared_secret, info, info_len,
					ctx);
out:
	memzero_explicit(shared_secret, sizeof(shared_secret));
	return ret;
}

/**
 * keyseal_hpke_setup_receiver() - SetupBaseR() or SetupAuthR(), section 5.1
 * @kem_id: KEYSEAL_KEM_*
 * @kdf_id: KEYSEAL_KDF_*
 * @aead_id: KEYSEAL_AEAD_*
 * @enc: the encapsulated key
 * @enc_len: its length
 * @sk_r: the recipient's private key
 * @pk_s: the sender's public key for auth mode, or NULL for base mode
 * @pk_s_len: its length
 * @info: the application's info
 * @info_len: its length
 * @ctx: output, the recipient's context; wipe it with
 *	keyseal_hpke_ctx_wipe()
 *
 * Return: as keyseal_hpke_decap(), and -EINVAL for a suite keyseal does not
 * have.
 */
int keyseal_hpke_setup_receiver(u16 kem_id, u16 kdf_id, u16 aead_id,
				const u8 *enc, size_t enc_len, const u8 *sk_r,
				const u8 *pk_s, size_t pk_s_len,
				const u8 *info, size_t info_len,
				struct keyseal_hpke_ctx *ctx)
{
	u8 shared_secret[KEYSEAL_HPKE_SECRET_SIZE];
	int ret;

	memset(ctx, 0, sizeof(*ctx));
	if (!keyseal_hpke_suite_valid(kem_id, kdf_id, aead_id))
		return -EINVAL;
	ret = keyseal_hpke_decap(kem_id, enc, enc_len, sk_r, pk_s, pk_s_len,
				 shared_secret);
	if (ret)
		goto out;
	ret = keyseal_hpke_key_schedule(pk_s ? KEYSEAL_HPKE_MODE_AUTH :
					KEYSEAL_HPKE_MODE_BASE, kem_id, kdf_id,
					aead_id, shared_secret, info, info_len,
					ctx);
out:
	memzero_explicit(shared_secret, sizeof(shared_secret));
	return ret;
}

/* ComputeNonce(seq), section 5.2: base_nonce XOR I2OSP(seq, Nn) */
static void compute_nonce(const struct keyseal_hpke_ctx *ctx, u64 seq,
			  u8 nonce[KEYSEAL_NONCE_SIZE])
{
	int i;

	memcpy(nonce, ctx->base_nonce, KEYSEAL_NONCE_SIZE);
	for (i = KEYSEAL_NONCE_SIZE - 1; seq; i--, seq >>= 8)
		nonce[i] ^= seq & 0xff;
}

static bool ctx_valid(const struct keyseal_hpke_ctx *ctx)
{
	return keyseal_hpke_aead_key_size(ctx->aead_id) &&
	       ctx->key_len == keyseal_hpke_aead_key_size(ctx->aead_id);
}

/**
 * keyseal_hpke_seal() - Context.Seal() at sequence number @seq, section 5.2
 * @c: the module's AEAD transforms, or NULL in libkeyseal
 * @ctx: a sender's context
 * @seq: the sequence number
 * @buf: the associated data, then the plaintext, then room for the tag;
 *	the ciphertext and tag replace the plaintext. In the module, kmalloc'ed
 *	memory (keyseal_gcm_seal() maps it through a scatterlist).
 * @aad_len: bytes of associated data
 * @pt_len: bytes of plaintext
 *
 * The caller owns the sequence: sealing twice at one @seq reuses a nonce.
 *
 * Return: 0, -EINVAL for a context that was not set up, or an error of
 * AES-GCM; on failure the plaintext is wiped.
 */
int keyseal_hpke_seal(struct keyseal_crypto *c,
		      const struct keyseal_hpke_ctx *ctx, u64 seq, u8 *buf,
		      size_t aad_len, size_t pt_len)
{
	u8 nonce[KEYSEAL_NONCE_SIZE];
	int ret;

	if (!ctx_valid(ctx))
		return -EINVAL;
	compute_nonce(ctx, seq, nonce);
	ret = keyseal_gcm_seal(c, ctx->key, ctx->key_len, nonce, buf, aad_len,
			       pt_len);
	if (ret)
		memzero_explicit(buf + aad_len, pt_len + KEYSEAL_TAG_SIZE);
	memzero_explicit(nonce, sizeof(nonce));
	return ret;
}

/**
 * keyseal_hpke_open() - Context.Open() at sequence number @seq, section 5.2
 * @c: the module's AEAD transforms, or NULL in libkeyseal
 * @ctx: a recipient's context
 * @seq: the sequence number
 * @buf: the associated data, then the ciphertext and tag; in the module,
 *	kmalloc'ed memory
 * @aad_len: bytes of associated data
 * @ct_len: bytes of ciphertext and tag
 *
 * Return: 0 with the plaintext in place of the ciphertext; -EBADMSG if it
 * does not authenticate (@ct_len shorter than a tag included), with the
 * ciphertext wiped; -EINVAL for a context that was not set up; or an error
 * of AES-GCM.
 */
int keyseal_hpke_open(struct keyseal_crypto *c,
		      const struct keyseal_hpke_ctx *ctx, u64 seq, u8 *buf,
		      size_t aad_len, size_t ct_len)
{
	u8 nonce[KEYSEAL_NONCE_SIZE];
	int ret;

	if (!ctx_valid(ctx))
		return -EINVAL;
	if (ct_len < KEYSEAL_TAG_SIZE) {
		memzero_explicit(buf + aad_len, ct_len);
		return -EBADMSG;
	}
	compute_nonce(ctx, seq, nonce);
	ret = keyseal_gcm_open(c, ctx->key, ctx->key_len, nonce, buf, aad_len,
			       ct_len);
	/* Some GCM implementations decrypt before they check the tag. */
	if (ret)
		memzero_explicit(buf + aad_len, ct_len);
	memzero_explicit(nonce, sizeof(nonce));
	return ret;
}

/**
 * keyseal_hpke_ctx_wipe() - clear a context's keys
 * @ctx: the context
 */
void keyseal_hpke_ctx_wipe(struct keyseal_hpke_ctx *ctx)
{
	memzero_explicit(ctx, sizeof(*ctx));
}
