// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * The HPKE contexts of recipient blobs. A sender runs (enc, ctx) =
 * SetupBaseS(pk_r, info), or SetupAuthS(pk_r, info, sk_s) with its own
 * exchange key; the receiver runs SetupBaseR or SetupAuthR with what the
 * blob's header carries. Both sides' senders and receivers set up here, so
 * the suite and info of the scheme are written once.
 */

#include "recipient_hpke.h"
#include "usage.h"

static const u8 hpke_info[] = KEYSEAL_HPKE_INFO;
#define HPKE_INFO_LEN	(sizeof(hpke_info) - 1)	/* no NUL */

/**
 * keyseal_recipient_hpke_sender() - the sender's context for a recipient
 *	blob
 * @kem: KEYSEAL_KEM_* of the recipient's key
 * @pk_r: the recipient's raw public key
 * @pk_r_len: its length
 * @sk_s: the sender's private key of @kem for auth mode, or NULL for base
 *	mode
 * @enc: output, the encapsulated key, keyseal_usage_kem_public_size(@kem) bytes
 * @ctx: output, the context whose Seal at sequence number 0 makes the body
 *
 * Return: 0 or an error of keyseal_hpke_setup_sender().
 */
int keyseal_recipient_hpke_sender(u16 kem, const u8 *pk_r, size_t pk_r_len,
				  const u8 *sk_s, u8 *enc,
				  struct keyseal_hpke_ctx *ctx)
{
	return keyseal_hpke_setup_sender(kem, KEYSEAL_KDF_HKDF_SHA256,
					 KEYSEAL_AEAD_AES256GCM, pk_r,
					 pk_r_len, sk_s, hpke_info,
					 HPKE_INFO_LEN, enc, ctx);
}

/**
 * keyseal_recipient_hpke_receiver() - the receiver's context for a
 *	recipient blob
 * @blob: a parsed recipient blob: its suite, enc and, in auth mode, the
 *	sender's public key
 * @sk_r: the recipient's private key of the blob's KEM
 * @ctx: output, the context whose Open at sequence number 0 opens the body
 *
 * Return: 0 or an error of keyseal_hpke_setup_receiver().
 */
int keyseal_recipient_hpke_receiver(const struct keyseal_blob *blob,
				    const u8 *sk_r,
				    struct keyseal_hpke_ctx *ctx)
{
	return keyseal_hpke_setup_receiver(blob->kem_id, blob->kdf_id,
					   blob->aead_id, blob->enc,
					   blob->enc_len, sk_r,
					   blob->sender_pk,
					   blob->sender_pk_len, hpke_info,
					   HPKE_INFO_LEN, ctx);
}
