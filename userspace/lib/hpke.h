/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * RFC 9180 HPKE, the parts keyseal's recipient blobs need: DHKEM(X25519,
 * HKDF-SHA256) and DHKEM(P-256, HKDF-SHA256), HKDF-SHA256, AES-128-GCM and
 * AES-256-GCM, in base and auth mode, single-shot. Internal to libkeyseal.
 *
 * Keys are serialised as in the RFC: Npk-byte public keys (32 bytes X25519,
 * 65-byte uncompressed P-256 points), 32-byte private scalars. Functions
 * return 0 or a negative errno: -EINVAL for malformed input or an
 * unsupported suite, -EKEYREJECTED for a public key DH refuses, -EBADMSG when
 * a ciphertext does not authenticate, -ENOMEM.
 */
#ifndef KEYSEAL_HPKE_H
#define KEYSEAL_HPKE_H

#include "portable.h"

#define KEYSEAL_HPKE_MODE_BASE		0x00
#define KEYSEAL_HPKE_MODE_AUTH		0x02

#define KEYSEAL_HPKE_ENC_MAX		KEYSEAL_P256_PUBLIC_SIZE	/* Nenc */
#define KEYSEAL_HPKE_SECRET_SIZE	32	/* Nsecret of both KEMs */
#define KEYSEAL_HPKE_KEY_MAX		32	/* Nk of AES-256-GCM */
#define KEYSEAL_HPKE_NONCE_SIZE		12	/* Nn */
#define KEYSEAL_HPKE_TAG_SIZE		16	/* Nt */

/**
 * struct keyseal_hpke_ctx - an HPKE encryption context (RFC 9180 5.1)
 * @aead_id: KEYSEAL_AEAD_*
 * @key_len: Nk of @aead_id
 * @key: the AEAD key
 * @base_nonce: the nonce of sequence number 0
 *
 * The exporter secret is not kept: keyseal has no use for it. Wipe the
 * context with keyseal_hpke_ctx_wipe() once done.
 */
struct keyseal_hpke_ctx {
	u16 aead_id;
	u8 key_len;
	u8 key[KEYSEAL_HPKE_KEY_MAX];
	u8 base_nonce[KEYSEAL_HPKE_NONCE_SIZE];
};

int keyseal_hpke_suite_valid(u16 kem_id, u16 kdf_id, u16 aead_id);

int keyseal_hpke_encap(u16 kem_id, const u8 *pkR, size_t pkR_len,
		       const u8 *skS, size_t skS_len, u8 *enc, size_t *enc_len,
		       u8 *shared_secret);
int keyseal_hpke_decap(u16 kem_id, const u8 *enc, size_t enc_len,
		       const u8 *skR, size_t skR_len, const u8 *pkS,
		       size_t pkS_len, u8 *shared_secret);
int keyseal_hpke_key_schedule(u8 mode, u16 kem_id, u16 kdf_id, u16 aead_id,
			      const u8 *shared_secret, const u8 *info,
			      size_t info_len, struct keyseal_hpke_ctx *ctx);

int keyseal_hpke_setup_sender(u16 kem_id, u16 kdf_id, u16 aead_id,
			      const u8 *pkR, size_t pkR_len,
			      const u8 *skS, size_t skS_len,
			      const u8 *info, size_t info_len,
			      u8 *enc, size_t *enc_len,
			      struct keyseal_hpke_ctx *ctx);
int keyseal_hpke_setup_receiver(u16 kem_id, u16 kdf_id, u16 aead_id,
				const u8 *enc, size_t enc_len,
				const u8 *skR, size_t skR_len,
				const u8 *pkS, size_t pkS_len,
				const u8 *info, size_t info_len,
				struct keyseal_hpke_ctx *ctx);

int keyseal_hpke_seal(const struct keyseal_hpke_ctx *ctx, u64 seq,
		      const u8 *aad, size_t aad_len, const u8 *pt,
		      size_t pt_len, u8 *ct);
int keyseal_hpke_open(const struct keyseal_hpke_ctx *ctx, u64 seq,
		      const u8 *aad, size_t aad_len, const u8 *ct,
		      size_t ct_len, u8 *pt);
void keyseal_hpke_ctx_wipe(struct keyseal_hpke_ctx *ctx);

#ifdef KEYSEAL_TEST_HOOKS
/* Unit tests only: Encap/AuthEncap with the ephemeral key an RFC vector gives */
int keyseal_hpke_test_encap(u16 kem_id, const u8 *skE, size_t skE_len,
			    const u8 *pkR, size_t pkR_len,
			    const u8 *skS, size_t skS_len,
			    u8 *enc, size_t *enc_len, u8 *shared_secret);
#endif

#endif /* KEYSEAL_HPKE_H */
