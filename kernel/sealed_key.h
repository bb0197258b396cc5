/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Payloads of sealed keys.
 */
#ifndef _KEYSEAL_SEALED_KEY_H
#define _KEYSEAL_SEALED_KEY_H

#include "blob.h"
#include "kek.h"
#include "keyseal.h"
#include "policy.h"

struct sealed_key *sealed_key_alloc(const struct keyseal_attrs *attrs);
struct sealed_key *sealed_key_copy(const struct sealed_key *sk);
void sealed_key_free(struct sealed_key *sk);
void sealed_key_free_deferred(struct sealed_key *sk);
int sealed_key_init(void);
void sealed_key_exit(void);
size_t sealed_key_quota(const struct sealed_key *sk);
void sealed_key_new_attrs(struct keyseal_attrs *attrs, u8 usage, u16 key_len,
			  u8 key_flags, u8 origin, u64 not_after);
int sealed_key_derive(struct sealed_key *sk);
int sealed_key_set_blob(struct sealed_key *sk, const u8 *blob,
			size_t blob_len);
int sealed_key_parent(const struct sealed_key *sk, struct keyseal_blob *stored);
int sealed_key_store(struct keyseal_crypto *c, struct sealed_key *sk,
		     struct keyseal_kek *kek);

#endif /* _KEYSEAL_SEALED_KEY_H */
