/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * RFC 9180's test vectors for keyseal's suites, Appendix A.1
 * (DHKEM(X25519, HKDF-SHA256)) and A.3 (DHKEM(P-256, HKDF-SHA256)) with
 * HKDF-SHA256 and AES-128-GCM, base and auth modes, and the known-answer
 * test that runs them through the HPKE core. One table for the module's KAT
 * variant and libkeyseal's unit test; keyseal's blobs use AES-256-GCM,
 * which differs only in Nk, a parameter of the core.
 */
#ifndef _KEYSEAL_HPKE_VECTORS_H
#define _KEYSEAL_HPKE_VECTORS_H

#include "hpke.h"

#define KEYSEAL_HPKE_VECTORS		4
#define KEYSEAL_HPKE_ENCRYPTIONS	6	/* per vector */
#define KEYSEAL_HPKE_KAT_VALUE_MAX	128	/* bytes of the longest value */

/**
 * struct keyseal_hpke_encryption - one Seal of a vector
 * @seq: its sequence number
 * @aad: the associated data, hex
 * @ct: the ciphertext and tag, hex
 */
struct keyseal_hpke_encryption {
	u64 seq;
	const char *aad;
	const char *ct;
};

/**
 * struct keyseal_hpke_vector - one RFC 9180 test vector, values in hex
 * @name: what it is
 * @mode: KEYSEAL_HPKE_MODE_*
 * @kem_id: KEYSEAL_KEM_*
 * @info: the info
 * @sk_e: skEm, the ephemeral private key
 * @pk_e: pkEm
 * @sk_r: skRm, the recipient's private key
 * @pk_r: pkRm
 * @sk_s: skSm, the sender's private key, auth mode only
 * @pk_s: pkSm, auth mode only
 * @enc: the encapsulated key
 * @shared_secret: the KEM's shared secret
 * @key: the AEAD key of the context (AES-128-GCM)
 * @base_nonce: its base nonce
 * @pt: the plaintext of every encryption
 * @encryptions: the encryptions
 */
struct keyseal_hpke_vector {
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
	const char *shared_secret;
	const char *key;
	const char *base_nonce;
	const char *pt;
	struct keyseal_hpke_encryption encryptions[KEYSEAL_HPKE_ENCRYPTIONS];
};

extern const struct keyseal_hpke_vector
	keyseal_hpke_vectors[KEYSEAL_HPKE_VECTORS];

/**
 * struct keyseal_hpke_kat_value - a value of a vector, decoded
 * @bytes: its bytes
 * @len: their number
 */
struct keyseal_hpke_kat_value {
	u8 bytes[KEYSEAL_HPKE_KAT_VALUE_MAX];
	size_t len;
};

/**
 * struct keyseal_hpke_kat - a run of the known-answer test
 * @c: AES-GCM transforms: the module's, or NULL in libkeyseal
 * @corrupt: vector number (from 1) whose first expected ciphertext is
 *	corrupted, so that the run must fail; 0 for none
 * @no_p256: the kernel has no P-256 ECDH (before 5.12): skip the P-256
 *	vectors and refusals but the range of its private scalars
 * @vector: set to the name of the vector that failed
 * @step: set to what failed in it
 * @vectors: set to the number of vectors that passed
 * @encryptions: set to the number of encryptions that passed
 * @refusals: set to the number of refusals checked
 * @refusals_missed: set to the number of them that did not happen
 * @info: workspace: @info of the vector at hand, decoded
 * @sk_e: workspace: @sk_e, decoded
 * @pk_e: workspace: @pk_e, decoded
 * @sk_r: workspace: @sk_r, decoded
 * @pk_r: workspace: @pk_r, decoded
 * @sk_s: workspace: @sk_s, decoded
 * @pk_s: workspace: @pk_s, decoded
 * @enc: workspace: @enc, decoded
 * @shared_secret: workspace: @shared_secret, decoded
 * @key: workspace: @key, decoded
 * @base_nonce: workspace: @base_nonce, decoded
 * @pt: workspace: @pt, decoded
 * @aad: workspace: @aad of an encryption, decoded
 * @ct: workspace: @ct of an encryption, decoded
 * @out: workspace: what the core gives
 * @buf: workspace: associated data and text for Seal and Open in place
 *
 * The caller allocates it where its AES-GCM can work in place (kmalloc'ed
 * memory in the module) and zeroes it; keyseal_hpke_kat_run() fills it in.
 */
struct keyseal_hpke_kat {
	struct keyseal_crypto *c;
	unsigned int corrupt;
	bool no_p256;
	const char *vector;
	const char *step;
	unsigned int vectors;
	unsigned int encryptions;
	unsigned int refusals;
	unsigned int refusals_missed;
	struct keyseal_hpke_kat_value info, sk_e, pk_e, sk_r, pk_r, sk_s, pk_s;
	struct keyseal_hpke_kat_value enc, shared_secret, key, base_nonce, pt;
	struct keyseal_hpke_kat_value aad, ct;
	u8 out[KEYSEAL_HPKE_KAT_VALUE_MAX];
	u8 buf[2 * KEYSEAL_HPKE_KAT_VALUE_MAX];
};

int keyseal_hpke_kat_run(struct keyseal_hpke_kat *kat);

#endif /* _KEYSEAL_HPKE_VECTORS_H */
