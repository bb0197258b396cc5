/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Text armor of keyseal blobs: RFC 4648 base64 on one line, which is what
 * "keyctl read" returns and "load" accepts.
 */
#ifndef _KEYSEAL_ARMOR_H
#define _KEYSEAL_ARMOR_H

#include "portable.h"

/* Characters needed to armor @len bytes (no terminating NUL). */
static inline size_t keyseal_armor_size(size_t len)
{
	return (len + 2) / 3 * 4;
}

/* The longest armored blob. */
#define KEYSEAL_ARMOR_MAX_SIZE	((KEYSEAL_BLOB_MAX_SIZE + 2) / 3 * 4)

size_t keyseal_armor_encode(const u8 *in, size_t len, char *out);
int keyseal_armor_decode(const char *in, size_t len, u8 *out, size_t size);

#endif /* _KEYSEAL_ARMOR_H */
