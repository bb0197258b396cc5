/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Policy: the one place that decides what a sealed key may do. The keyctl
 * and ioctl paths both ask here.
 */
#ifndef _KEYSEAL_POLICY_H
#define _KEYSEAL_POLICY_H

#include "keyseal.h"

/* What a key never was: only true while every KEK above it vouches. */
#define KEYSEAL_PROV_HISTORY	(KEYSEAL_PROV_ALWAYS_SENSITIVE | \
				 KEYSEAL_PROV_NEVER_EXPORTABLE)

bool keyseal_policy_expired(const struct keyseal_attrs *attrs);
int keyseal_policy_use(const struct keyseal_attrs *attrs, u8 usage);
int keyseal_policy_export(const struct keyseal_attrs *attrs,
			  unsigned int target);
int keyseal_policy_bridge(const struct keyseal_attrs *attrs,
			  unsigned int max_len, unsigned int want_len);
int keyseal_policy_restrict(const struct keyseal_attrs *attrs, u8 key_flags);
int keyseal_policy_clear_import(void);
u8 keyseal_policy_provenance(u8 origin, u8 key_flags);
bool keyseal_policy_key_vouches(const struct keyseal_attrs *attrs);
bool keyseal_policy_root_vouches(const struct key *key);
bool keyseal_policy_found_key(const struct key *key);
int keyseal_policy_store(struct keyseal_attrs *attrs, bool kek_vouches,
			 bool kek_may_leave);
u8 keyseal_policy_loaded_provenance(u8 claimed, bool vouched);
bool keyseal_policy_sender_vouched(bool sender_expected,
				   bool recipient_vouches);

#endif /* _KEYSEAL_POLICY_H */
