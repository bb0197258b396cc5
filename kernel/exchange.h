/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Exchange keys (usages x25519 and p256): their public key's fingerprint,
 * and finding one the caller names, or the one a recipient blob names.
 */
#ifndef _KEYSEAL_EXCHANGE_H
#define _KEYSEAL_EXCHANGE_H

#include <linux/key-type.h>

#include "dh.h"
#include "kek.h"

/* "keyctl search RING sealed fp:<64 hex digits>" finds an exchange key. */
#define KEYSEAL_FP_CRITERION	"fp:"

/**
 * struct keyseal_exchange - an exchange key in use
 * @key: the key, referenced
 * @kem: KEYSEAL_KEM_* of the key
 * @sk: a copy of its private scalar, wiped on release
 * @pk: its public key
 * @pk_len: the public key's length
 * @fingerprint: SHA-256 of the public key's SubjectPublicKeyInfo
 * @vouches: its private key is known to nobody outside this kernel
 *	(keyseal_policy_key_vouches())
 */
struct keyseal_exchange {
	struct key *key;
	u16 kem;
	u8 sk[KEYSEAL_DH_PRIVATE_SIZE];
	u8 pk[KEYSEAL_DH_PUBLIC_MAX];
	u16 pk_len;
	u8 fingerprint[KEYSEAL_FINGERPRINT_SIZE];
	bool vouches;
};

int keyseal_public_fingerprint(u16 kem, const u8 *pk, size_t pk_len,
			       u8 fingerprint[KEYSEAL_FINGERPRINT_SIZE]);
int keyseal_exchange_get(const struct keyseal_kek_ref *ref, u16 kem,
			 const u8 *fingerprint, struct keyseal_exchange *x);
void keyseal_exchange_release(struct keyseal_exchange *x);

int keyseal_exchange_match_preparse(struct key_match_data *match);
void keyseal_exchange_match_free(struct key_match_data *match);

#endif /* _KEYSEAL_EXCHANGE_H */
