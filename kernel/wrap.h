/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Sealing key material under a KEK (scheme KEYSEAL_SCHEME_KEK) and opening
 * such blobs.
 */
#ifndef _KEYSEAL_WRAP_H
#define _KEYSEAL_WRAP_H

#include "blob.h"
#include "kek.h"

void keyseal_blob_from_attrs(struct keyseal_blob *b,
			     const struct keyseal_attrs *attrs, u8 scheme);
int keyseal_blob_alloc(const struct keyseal_blob *b, u8 **buf, size_t *len);
int keyseal_wrap_kek(struct keyseal_crypto *c, struct keyseal_attrs *attrs,
		     const u8 *material, struct keyseal_kek *kek, u8 **blob,
		     size_t *blob_len);
int keyseal_unwrap_kek(struct keyseal_crypto *c, const struct keyseal_blob *blob,
		       struct keyseal_kek *kek, u8 *material);
int keyseal_wrap_plaintext(const struct keyseal_attrs *attrs,
			   const u8 *material, u8 **blob, size_t *blob_len);
void keyseal_blob_attrs(const struct keyseal_blob *blob,
			struct keyseal_attrs *attrs);

#endif /* _KEYSEAL_WRAP_H */
