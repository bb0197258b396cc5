/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * What each key usage of version 1 is: its keyctl name, its algorithm, the
 * key lengths it allows and, for an exchange key, its RFC 9180 KEM with
 * that KEM's public-key size and DER SubjectPublicKeyInfo prefix. One table
 * (usage.c) states it for the module, libkeyseal and the command.
 */
#ifndef _KEYSEAL_USAGE_H
#define _KEYSEAL_USAGE_H

#include "portable.h"

/* The longest DER SubjectPublicKeyInfo of an exchange key (P-256). */
#define KEYSEAL_SPKI_MAX_SIZE	(26 + KEYSEAL_P256_PUBLIC_SIZE)

/**
 * struct keyseal_usage - one usage of version 1
 * @usage: KEYSEAL_USAGE_*
 * @key_alg: the KEYSEAL_ALG_* its keys have
 * @name: its name in keyctl commands and in the command
 * @min_len: the shortest key, in bytes
 * @max_len: the longest key, in bytes
 * @len_step: the allowed lengths are @min_len, @min_len + @len_step, ...
 * @default_len: the length of a new key when none is asked for
 * @kem: exchange keys: KEYSEAL_KEM_*, zero for the others
 * @public_size: exchange keys: bytes of the public key as RFC 9180
 *	serialises it
 * @spki_prefix: exchange keys: the DER of a SubjectPublicKeyInfo up to the
 *	public key, which follows it to the end
 * @spki_prefix_len: its length
 * @what: what its keys are, in words, for people: a printf format with at
 *	most one %u, the key's length in bits if @what_bits, else in bytes
 * @what_bits: whether @what counts bits
 */
struct keyseal_usage {
	u8 usage;
	u8 key_alg;
	const char *name;
	u16 min_len;
	u16 max_len;
	u16 len_step;
	u16 default_len;
	u16 kem;
	u16 public_size;
	const u8 *spki_prefix;
	u8 spki_prefix_len;
	const char *what;
	bool what_bits;
};

const struct keyseal_usage *keyseal_usage_get(u8 usage);
const struct keyseal_usage *keyseal_usage_get_kem(u16 kem);
const char *keyseal_usage_name(u8 usage);
int keyseal_usage_from_name(const char *name, size_t len);
u8 keyseal_usage_alg(u8 usage);
u16 keyseal_usage_default_len(u8 usage);
bool keyseal_usage_key_len_valid(u8 usage, u8 key_alg, size_t key_len);
u16 keyseal_usage_kem(u8 usage);
u8 keyseal_usage_of_kem(u16 kem);
size_t keyseal_usage_kem_public_size(u16 kem);
size_t keyseal_usage_spki_encode(u16 kem, const u8 *pk, size_t pk_len,
				 u8 *der);

#endif /* _KEYSEAL_USAGE_H */
