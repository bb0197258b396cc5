/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * RFC 9180 HPKE, the parts keyseal's recipient blobs need: DHKEM(X25519,
 * HKDF-SHA256) and DHKEM(P-256, HKDF-SHA256), HKDF-SHA256, AES-128-GCM and
 * AES-256-GCM, base and auth modes, single-shot Seal and Open at a chosen
 * sequence number. One source for the module and libkeyseal, over the
 * primitives each side implements (primitives.h).
 *
 * Keys are serialised as the RFC does (dh_group.h). Functions return 0 or a
 * negative errno: -EINVAL for malformed input or an unsupported suite,
 * -EKEYREJECTED for a public key Diffie-Hellman refuses, -EBADMSG for a
 * ciphertext that does not authenticate, or an error of a primitive.
 */
#ifndef _KEYSEAL_HPKE_H
#define _KEYSEAL_HPKE_H

#include "primitives.h"

#define KEYSEAL_HPKE_MODE_BASE		0x00
#define KEYSEAL_HPKE_MODE_AUTH		0x02

#define KEYSEAL_HPKE_ENC_MAX		KEYSEAL_DH_PUBLIC_MAX	/* Nenc */
#define KEYSEAL_HPKE_SECRET_SIZE	32	/* Nsecret of both KEMs */
#define KEYSEAL_HPKE_KEY_MAX		32	/* Nk of AES-256-GCM */

/**
 * struct keyseal_hpke_ctx - an HPKE encryption context (RFC 9180 5.1)
 * @aead_id: KEYSEAL_AEAD_*
 * @key_len: Nk of @aead_id
 * @key: the AEAD key
 * @base_nonce: the nonce of sequence number 0
 *
 * keyseal has no use for the exporter secret, so it is not kept. Wipe a
 * context with keyseal_hpke_ctx_wipe() once done.
 */
struct keyseal_hpke_ctx {
	u16 aead_id;
	u8 key_len;
	u8 key[KEYSEAL_HPKE_KEY_MAX];
	u8 base_nonce[KEYSEAL_NONCE_SIZE];
};

bool keyseal_hpke_suite_valid(u16 kem_id, u16 kdf_id, u16 aead_id);

int keyseal_hpke_encap(u16 kem_id, const u8 *pk_r, size_t pk_r_len,
		       const u8 *sk_s, u8 *enc,
		       u8 shared_secret[KEYSEAL_HPKE_SECRET_SIZE]);
int keyseal_hpke_decap(u16 kem_id, const u8 *enc, size_t enc_len,
		       const u8 *sk_r, const u8 *pk_s, size_t pk_s_len,
		       u8 shared_secret[KEYSEAL_HPKE_SECRET_SIZE]);
int keyseal_hpke_key_schedule(u8 mode, u16 kem_id, u16 kdf_id, u16 aead_id,
			      const u8 shared_secret[KEYSEAL_HPKE_SECRET_SIZE],
			      const u8 *info, size_t info_len,
			      struct keyseal_hpke_ctx *ctx);

int keyseal_hpke_setup_sender(u16 kem_id, u16 kdf_id, u16 aead_id,
			      const u8 *pk_r, size_t pk_r_len, const u8 *sk_s,
			      const u8 *info, size_t info_len, u8 *enc,
			      struct keyseal_hpke_ctx *ctx);
int keyseal_hpke_setup_receiver(u16 kem_id, u16 kdf_id, u16 aead_id,
				const u8 *enc, size_t enc_len, const u8 *sk_r,
				const u8 *pk_s, size_t pk_s_len,
				const u8 *info, size_t info_len,
				struct keyseal_hpke_ctx *ctx);

int keyseal_hpke_seal(struct keyseal_crypto *c,
		      const struct keyseal_hpke_ctx *ctx, u64 seq, u8 *buf,
		      size_t aad_len, size_t pt_len);
int keyseal_hpke_open(struct keyseal_crypto *c,
		      const struct keyseal_hpke_ctx *ctx, u64 seq, u8 *buf,
		      size_t aad_len, size_t ct_len);
void keyseal_hpke_ctx_wipe(struct keyseal_hpke_ctx *ctx);

#ifdef KEYSEAL_KAT
/*
 * Known-answer tests only (the module's KAT variant, libkeyseal's unit
 * tests): Encap with the ephemeral key a test vector gives. No build that
 * ships has this entry.
 */
int keyseal_hpke_encap_kat(u16 kem_id, const u8 *sk_e, const u8 *pk_r,
			   size_t pk_r_len, const u8 *sk_s, u8 *enc,
			   u8 shared_secret[KEYSEAL_HPKE_SECRET_SIZE]);
#endif

#endif /* _KEYSEAL_HPKE_H */
