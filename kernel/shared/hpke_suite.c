// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * RFC 9180 suite identifiers and AEAD key sizes, for both HPKE
 * implementations: the module's and libkeyseal's.
 */

#include "hpke_suite.h"

static void put_be16(u8 *p, u16 v)
{
	p[0] = v >> 8;
	p[1] = v & 0xff;
}

/**
 * keyseal_hpke_kem_suite() - the suite_id of a KEM's own derivations
 * @kem_id: KEYSEAL_KEM_*
 * @suite: filled in with "KEM" || I2OSP(kem_id, 2)
 */
void keyseal_hpke_kem_suite(u16 kem_id, struct keyseal_hpke_suite_id *suite)
{
	memcpy(suite->id, "KEM", 3);
	put_be16(suite->id + 3, kem_id);
	suite->len = 5;
}

/**
 * keyseal_hpke_suite() - the suite_id of the key schedule
 * @kem_id: KEYSEAL_KEM_*
 * @kdf_id: KEYSEAL_KDF_*
 * @aead_id: KEYSEAL_AEAD_*
 * @suite: filled in with "HPKE" and the three ids, two bytes each
 */
void keyseal_hpke_suite(u16 kem_id, u16 kdf_id, u16 aead_id,
			struct keyseal_hpke_suite_id *suite)
{
	memcpy(suite->id, "HPKE", 4);
	put_be16(suite->id + 4, kem_id);
	put_be16(suite->id + 6, kdf_id);
	put_be16(suite->id + 8, aead_id);
	suite->len = 10;
}

/**
 * keyseal_hpke_aead_key_size() - Nk of an AEAD
 * @aead_id: KEYSEAL_AEAD_*
 *
 * Return: the key size in bytes, or 0 for an AEAD keyseal does not have.
 */
size_t keyseal_hpke_aead_key_size(u16 aead_id)
{
	switch (aead_id) {
	case KEYSEAL_AEAD_AES128GCM:
		return 16;
	case KEYSEAL_AEAD_AES256GCM:
		return 32;
	}
	return 0;
}
