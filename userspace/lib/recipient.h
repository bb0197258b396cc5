/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The receiving side of recipient blobs in userspace. Internal to libkeyseal
 * (and its tests): see recipient.c for why it is not exported.
 */
#ifndef KEYSEAL_RECIPIENT_H
#define KEYSEAL_RECIPIENT_H

#include "blob.h"
#include "keyseal.h"

int keyseal_unwrap_from_recipient(const void *buf, size_t len,
				  const struct keyseal_private_key *recipient,
				  const struct keyseal_public_key *sender,
				  struct keyseal_blob *blob, void *key,
				  size_t *key_len);

#endif /* KEYSEAL_RECIPIENT_H */
