/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Opening blobs into new keys.
 */
#ifndef _KEYSEAL_UNSEAL_H
#define _KEYSEAL_UNSEAL_H

#include "audit.h"
#include "kek.h"

/**
 * struct keyseal_unseal_params - which keys open and store a blob
 * @unwrap: the key that opens it: for a KEK blob the KEK, which becomes the
 *	key's parent (none named: the parent the blob names); for a recipient
 *	blob the exchange key (none named: the one whose fingerprint the blob
 *	names); must name nothing for a plaintext blob
 * @store: for recipient and plaintext blobs, the KEK to store the new key
 *	under (none named: the default parent); must name nothing for a KEK
 *	blob
 * @expected_sender: recipient blobs in auth mode: the raw public key the
 *	blob must come from, or NULL to accept any sender
 * @expected_sender_len: its length
 * @audit: the KEKs met on the way, for the audit record: the one that
 *	opens a KEK blob (kek and parent), the one a key is stored under
 *	(parent)
 */
struct keyseal_unseal_params {
	struct keyseal_kek_ref unwrap;
	struct keyseal_kek_ref store;
	const u8 *expected_sender;
	size_t expected_sender_len;
	struct keyseal_audit_target *audit;
};

struct sealed_key *keyseal_unseal(struct keyseal_crypto *c, const u8 *buf,
				  size_t len,
				  const struct keyseal_unseal_params *p);
struct sealed_key *keyseal_unseal_material(struct keyseal_crypto *c,
					   const struct keyseal_attrs *attrs,
					   const u8 *material,
					   const struct keyseal_kek_ref *store,
					   struct keyseal_audit_target *audit);

#endif /* _KEYSEAL_UNSEAL_H */
