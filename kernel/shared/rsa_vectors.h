/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Known-answer vectors of the RSA export: AES Key Wrap with Padding
 * (RFC 5649), RSAES-OAEP encoding with a given seed (RFC 8017), and whole
 * exports in the four forms. One table for the module's KAT variant and
 * libkeyseal's unit test.
 */
#ifndef _KEYSEAL_RSA_VECTORS_H
#define _KEYSEAL_RSA_VECTORS_H

#include "rsa_export.h"

#define KEYSEAL_KWP_VECTORS		3
#define KEYSEAL_OAEP_VECTORS		2
#define KEYSEAL_RSA_EXPORT_VECTORS	4
#define KEYSEAL_RSA_KAT_VALUE_MAX	320	/* bytes of the longest value */

/**
 * struct keyseal_kwp_vector - AES-KWP of a key, values in hex
 * @name: what it is
 * @kek: the AES key it is wrapped under
 * @key: the key
 * @wrapped: the result
 */
struct keyseal_kwp_vector {
	const char *name;
	const char *kek;
	const char *key;
	const char *wrapped;
};

/**
 * struct keyseal_oaep_vector - RSAES-OAEP with a given seed, values in hex
 * @name: what it is
 * @hash: KEYSEAL_RSA_HASH_*, of OAEP and MGF1
 * @rsa_key: the public key, an RSAPublicKey in DER
 * @msg: the message
 * @seed: the seed
 * @ct: the ciphertext
 */
struct keyseal_oaep_vector {
	const char *name;
	int hash;
	const char *rsa_key;
	const char *msg;
	const char *seed;
	const char *ct;
};

/**
 * struct keyseal_rsa_export_vector - a whole export, values in hex
 * @name: what it is
 * @format: KEYSEAL_RSA_*
 * @material: the key exported
 * @seed: the OAEP seed
 * @aes_key: the ephemeral AES key of the rsa-aes-kwp forms
 * @out: the export
 *
 * The wrapping key is keyseal_rsa_kat_spki.
 */
struct keyseal_rsa_export_vector {
	const char *name;
	u16 format;
	const char *material;
	const char *seed;
	const char *aes_key;
	const char *out;
};

extern const char keyseal_rsa_kat_spki[];
extern const struct keyseal_kwp_vector keyseal_kwp_vectors[KEYSEAL_KWP_VECTORS];
extern const struct keyseal_oaep_vector
	keyseal_oaep_vectors[KEYSEAL_OAEP_VECTORS];
extern const struct keyseal_rsa_export_vector
	keyseal_rsa_export_vectors[KEYSEAL_RSA_EXPORT_VECTORS];

/**
 * struct keyseal_rsa_kat_value - a value of a vector, decoded
 * @bytes: its bytes
 * @len: their number
 */
struct keyseal_rsa_kat_value {
	u8 bytes[KEYSEAL_RSA_KAT_VALUE_MAX];
	size_t len;
};

/**
 * struct keyseal_rsa_kat - a run of the known-answer test
 * @corrupt: vector number (from 1, counting the KWP, the OAEP and the
 *	export vectors in this order) whose expected result is corrupted, so
 *	that the run must fail; 0 for none
 * @vector: set to the name of the vector that failed
 * @step: set to what failed in it
 * @kwp: set to the number of KWP vectors that passed
 * @oaep: set to the number of OAEP vectors that passed
 * @exports: set to the number of export vectors that passed
 * @a: workspace
 * @b: workspace
 * @c: workspace
 * @d: workspace
 * @e: workspace
 * @out: workspace: what the code gives
 *
 * The caller allocates it (kmalloc'ed memory in the module) and zeroes it.
 */
struct keyseal_rsa_kat {
	unsigned int corrupt;
	const char *vector;
	const char *step;
	unsigned int kwp;
	unsigned int oaep;
	unsigned int exports;
	struct keyseal_rsa_kat_value a, b, c, d, e;
	u8 out[KEYSEAL_RSA_KAT_VALUE_MAX];
};

int keyseal_rsa_kat_run(struct keyseal_rsa_kat *kat);

#endif /* _KEYSEAL_RSA_VECTORS_H */
