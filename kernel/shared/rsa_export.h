/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Export of a key to an RSA wrapping public key, in the forms cloud key
 * managers and HSMs import (Documentation/blob-format.rst, "RSA export"):
 * RSAES-OAEP (RFC 8017 7.1) of the key itself, or of an ephemeral AES-256
 * key followed by the key wrapped under it with AES Key Wrap with Padding
 * (RFC 5649). Portable: the module and libkeyseal run this same code over
 * their own primitives (primitives.h).
 */
#ifndef _KEYSEAL_RSA_EXPORT_H
#define _KEYSEAL_RSA_EXPORT_H

#include "portable.h"

/* Hashes of OAEP and MGF1 */
#define KEYSEAL_RSA_HASH_SHA1		1
#define KEYSEAL_RSA_HASH_SHA256		2
#define KEYSEAL_RSA_DIGEST_MAX		32

/* Moduli keyseal exports to, in bits: 2048, 3072 or 4096 */
#define KEYSEAL_RSA_MODULUS_MAX		512	/* bytes */
/* The ephemeral key of the rsa-aes-kwp forms: AES-256 */
#define KEYSEAL_RSA_KWP_KEY_SIZE	32
/* AES-KWP's integrity check value and semiblock */
#define KEYSEAL_KWP_SEMIBLOCK		8

/**
 * struct keyseal_rsa_public - an RSA public key found in a SubjectPublicKeyInfo
 * @key: the RSAPublicKey (RFC 8017 A.1.1), DER, inside the SPKI's BIT STRING
 * @key_len: its length
 * @n: the modulus, big-endian, without a leading zero byte
 * @n_len: its length: the size k of an RSA block
 * @e: the public exponent, big-endian, without a leading zero byte
 * @e_len: its length
 * @bits: the modulus's size in bits
 *
 * The pointers point into the SPKI the key was parsed from.
 */
struct keyseal_rsa_public {
	const u8 *key;
	size_t key_len;
	const u8 *n;
	size_t n_len;
	const u8 *e;
	size_t e_len;
	unsigned int bits;
};

int keyseal_rsa_spki_parse(const u8 *der, size_t len,
			   struct keyseal_rsa_public *pub);
int keyseal_rsa_format_hash(u16 format);
size_t keyseal_kwp_size(size_t len);
int keyseal_rsa_export_size(u16 format, const struct keyseal_rsa_public *pub,
			    size_t key_len, size_t *size);
int keyseal_oaep_encode(int hash, const u8 *msg, size_t msg_len,
			const u8 *seed, u8 *em, size_t k);
int keyseal_kwp_wrap(const u8 *kek, size_t kek_len, const u8 *in, size_t len,
		     u8 *out);
int keyseal_rsa_export(u16 format, const struct keyseal_rsa_public *pub,
		       const u8 *material, size_t len, u8 *out,
		       size_t out_len);
#ifdef KEYSEAL_KAT
int keyseal_rsa_export_fixed(u16 format, const struct keyseal_rsa_public *pub,
			     const u8 *material, size_t len, const u8 *seed,
			     const u8 *aes_key, u8 *out, size_t out_len);
#endif

#endif /* _KEYSEAL_RSA_EXPORT_H */
