// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * The usages of version 1 (see usage.h), and the questions the codec, the
 * keyctl command parser, the module, libkeyseal and the command ask of them.
 */

#include "usage.h"

/* SEQUENCE { SEQUENCE { OID 1.3.101.110 }, BIT STRING (32 bytes) } */
static const u8 x25519_spki_prefix[] = {
	0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x6e, 0x03, 0x21, 0x00,
};

/*
 * SEQUENCE { SEQUENCE { OID id-ecPublicKey, OID prime256v1 },
 * BIT STRING (65 bytes) }
 */
static const u8 p256_spki_prefix[] = {
	0x30, 0x59, 0x30, 0x13, 0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02,
	0x01, 0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07, 0x03,
	0x42, 0x00,
};

static const struct keyseal_usage usages[] = {
	{
		.usage = KEYSEAL_USAGE_KEK,
		.key_alg = KEYSEAL_ALG_KEK_HKDF_AES256GCM,
		.name = "kek",
		.min_len = 32, .max_len = 32, .len_step = 1, .default_len = 32,
		.what = "AES-256 key-encryption key",
	},
	{
		.usage = KEYSEAL_USAGE_AEAD,
		.key_alg = KEYSEAL_ALG_AES_GCM,
		.name = "aead",
		/* AES-128 or AES-256, never AES-192 */
		.min_len = 16, .max_len = 32, .len_step = 16, .default_len = 32,
		.what = "AES-%u-GCM", .what_bits = true,
	},
	{
		.usage = KEYSEAL_USAGE_SECRET,
		.key_alg = KEYSEAL_ALG_RAW,
		.name = "secret",
		.min_len = KEYSEAL_SECRET_MIN, .max_len = KEYSEAL_SECRET_MAX,
		.len_step = 1, .default_len = 32,
		.what = "%u bytes",
	},
	{
		.usage = KEYSEAL_USAGE_X25519,
		.key_alg = KEYSEAL_ALG_X25519,
		.name = "x25519",
		.min_len = 32, .max_len = 32, .len_step = 1, .default_len = 32,
		.kem = KEYSEAL_KEM_X25519_HKDF_SHA256,
		.public_size = KEYSEAL_X25519_PUBLIC_SIZE,
		.spki_prefix = x25519_spki_prefix,
		.spki_prefix_len = sizeof(x25519_spki_prefix),
		.what = "exchange key",
	},
	{
		.usage = KEYSEAL_USAGE_P256,
		.key_alg = KEYSEAL_ALG_P256,
		.name = "p256",
		.min_len = 32, .max_len = 32, .len_step = 1, .default_len = 32,
		.kem = KEYSEAL_KEM_P256_HKDF_SHA256,
		.public_size = KEYSEAL_P256_PUBLIC_SIZE,
		.spki_prefix = p256_spki_prefix,
		.spki_prefix_len = sizeof(p256_spki_prefix),
		.what = "exchange key",
	},
};

/* The table's entry for a usage, or NULL. */
const struct keyseal_usage *keyseal_usage_get(u8 usage)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(usages); i++)
		if (usages[i].usage == usage)
			return &usages[i];
	return NULL;
}

/* The table's entry for the exchange keys of a KEM, or NULL. */
const struct keyseal_usage *keyseal_usage_get_kem(u16 kem)
{
	size_t i;

	if (!kem)
		return NULL;
	for (i = 0; i < ARRAY_SIZE(usages); i++)
		if (usages[i].kem == kem)
			return &usages[i];
	return NULL;
}

/* The keyctl name of a usage, or "unknown". */
const char *keyseal_usage_name(u8 usage)
{
	const struct keyseal_usage *u = keyseal_usage_get(usage);

	return u ? u->name : "unknown";
}

/* The usage a keyctl name (not NUL-terminated) stands for, or -EINVAL. */
int keyseal_usage_from_name(const char *name, size_t len)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(usages); i++)
		if (strlen(usages[i].name) == len &&
		    !memcmp(usages[i].name, name, len))
			return usages[i].usage;
	return -EINVAL;
}

/* The key algorithm version 1 gives a usage, or 0. */
u8 keyseal_usage_alg(u8 usage)
{
	const struct keyseal_usage *u = keyseal_usage_get(usage);

	return u ? u->key_alg : 0;
}

/* The length of a new key of a usage, in bytes, or 0. */
u16 keyseal_usage_default_len(u8 usage)
{
	const struct keyseal_usage *u = keyseal_usage_get(usage);

	return u ? u->default_len : 0;
}

/**
 * keyseal_usage_key_len_valid() - whether a usage, algorithm and length go
 *	together
 * @usage: KEYSEAL_USAGE_*
 * @key_alg: KEYSEAL_ALG_*
 * @key_len: bytes of key material
 *
 * Return: true if they do.
 */
bool keyseal_usage_key_len_valid(u8 usage, u8 key_alg, size_t key_len)
{
	const struct keyseal_usage *u = keyseal_usage_get(usage);

	return u && u->key_alg == key_alg &&
	       key_len >= u->min_len && key_len <= u->max_len &&
	       (key_len - u->min_len) % u->len_step == 0;
}

/* The KEM of an exchange key's usage, or 0 for other usages. */
u16 keyseal_usage_kem(u8 usage)
{
	const struct keyseal_usage *u = keyseal_usage_get(usage);

	return u ? u->kem : 0;
}

/* The usage of the exchange keys of a KEM, or 0. */
u8 keyseal_usage_of_kem(u16 kem)
{
	const struct keyseal_usage *u = keyseal_usage_get_kem(kem);

	return u ? u->usage : 0;
}

/* The size of a serialised public key of a KEM, or 0. */
size_t keyseal_usage_kem_public_size(u16 kem)
{
	const struct keyseal_usage *u = keyseal_usage_get_kem(kem);

	return u ? u->public_size : 0;
}

/**
 * keyseal_usage_spki_encode() - the DER SubjectPublicKeyInfo of a public key
 * @kem: KEYSEAL_KEM_*
 * @pk: the raw public key, as RFC 9180 serialises it
 * @pk_len: its length
 * @der: output, KEYSEAL_SPKI_MAX_SIZE bytes
 *
 * For X25519 and P-256 the DER is a fixed prefix and the raw key. Its
 * SHA-256 is the key's fingerprint, what "openssl pkey -pubin -outform DER
 * | sha256sum" prints.
 *
 * Return: the length of the DER, or 0 for an unknown KEM or a key of the
 * wrong length.
 */
size_t keyseal_usage_spki_encode(u16 kem, const u8 *pk, size_t pk_len,
				 u8 *der)
{
	const struct keyseal_usage *u = keyseal_usage_get_kem(kem);

	if (!u || pk_len != u->public_size)
		return 0;
	memcpy(der, u->spki_prefix, u->spki_prefix_len);
	memcpy(der + u->spki_prefix_len, pk, pk_len);
	return u->spki_prefix_len + pk_len;
}
