/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Sealing key material to a recipient's public key with RFC 9180 HPKE
 * (schemes KEYSEAL_SCHEME_HPKE_BASE and KEYSEAL_SCHEME_HPKE_AUTH), and
 * opening such blobs.
 */
#ifndef _KEYSEAL_RECIPIENT_H
#define _KEYSEAL_RECIPIENT_H

#include "blob.h"
#include "exchange.h"

int keyseal_wrap_recipient(struct keyseal_crypto *c,
			   const struct keyseal_attrs *attrs,
			   const u8 *material, u16 kem, const u8 *pk_r,
			   size_t pk_r_len,
			   const struct keyseal_exchange *sender, u8 **blob,
			   size_t *blob_len);
int keyseal_unwrap_recipient(struct keyseal_crypto *c,
			     const struct keyseal_blob *blob,
			     const struct keyseal_exchange *recipient,
			     u8 *material);

#endif /* _KEYSEAL_RECIPIENT_H */
