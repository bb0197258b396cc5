/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * The parts of RFC 9180 that need no cryptography: suite identifiers and
 * AEAD key sizes. Shared by the module's HPKE and libkeyseal's.
 */
#ifndef _KEYSEAL_HPKE_SUITE_H
#define _KEYSEAL_HPKE_SUITE_H

#include "portable.h"

/**
 * struct keyseal_hpke_suite_id - a suite_id of RFC 9180, section 4
 * @id: "KEM" || I2OSP(kem_id, 2), or
 *	"HPKE" || I2OSP(kem_id, 2) || I2OSP(kdf_id, 2) || I2OSP(aead_id, 2)
 * @len: bytes of @id in use
 */
struct keyseal_hpke_suite_id {
	u8 id[10];
	size_t len;
};

void keyseal_hpke_kem_suite(u16 kem_id, struct keyseal_hpke_suite_id *suite);
void keyseal_hpke_suite(u16 kem_id, u16 kdf_id, u16 aead_id,
			struct keyseal_hpke_suite_id *suite);
size_t keyseal_hpke_aead_key_size(u16 aead_id);

#endif /* _KEYSEAL_HPKE_SUITE_H */
