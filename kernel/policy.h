/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Policy: the one place that decides what a sealed key may do. The keyctl
 * and ioctl paths both ask here.
 */
#ifndef _KEYSEAL_POLICY_H
#define _KEYSEAL_POLICY_H

#include "keyseal.h"

int keyseal_policy_live(const struct keyseal_attrs *attrs);
int keyseal_policy_use(const struct keyseal_attrs *attrs, u8 usage);
int keyseal_policy_export(const struct keyseal_attrs *attrs,
			  unsigned int target);
int keyseal_policy_restrict(const struct keyseal_attrs *attrs, u8 key_flags);
int keyseal_policy_clear_import(void);
u8 keyseal_policy_provenance(u8 origin, u8 key_flags);
bool keyseal_policy_found_key(const struct key *key);
u8 keyseal_policy_received_provenance(u8 claimed, bool sender_vouched);

#endif /* _KEYSEAL_POLICY_H */
