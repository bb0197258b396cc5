/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * The HPKE setup of keyseal's recipient scheme, for the module's sender and
 * receiver and libkeyseal's alike: the suite is the recipient key's KEM,
 * HKDF-SHA256 and AES-256-GCM, and info is KEYSEAL_HPKE_INFO.
 */
#ifndef _KEYSEAL_RECIPIENT_HPKE_H
#define _KEYSEAL_RECIPIENT_HPKE_H

#include "blob.h"
#include "hpke.h"

int keyseal_recipient_hpke_sender(u16 kem, const u8 *pk_r, size_t pk_r_len,
				  const u8 *sk_s, u8 *enc,
				  struct keyseal_hpke_ctx *ctx);
int keyseal_recipient_hpke_receiver(const struct keyseal_blob *blob,
				    const u8 *sk_r,
				    struct keyseal_hpke_ctx *ctx);

#endif /* _KEYSEAL_RECIPIENT_HPKE_H */
