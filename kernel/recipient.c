// SPDX-License-Identifier: GPL-2.0
/*
 * Recipient blobs. The sender runs (enc, ctx) = SetupBaseS(pk_r, info), or
 * SetupAuthS(pk_r, info, sk_s) with its own exchange key, where info is
 * KEYSEAL_HPKE_INFO; writes the header, which carries the recipient's
 * fingerprint, enc and in auth mode its own public key; and appends
 * ctx.Seal(aad = the whole header, key material) at sequence number 0,
 * with AES-256-GCM. libkeyseal's userspace sender makes the same blobs.
 *
 * Each blob has a fresh ephemeral key, hence its own AEAD key and nonce:
 * sequence number 0 is used once per key.
 */

#include <crypto/algapi.h>
#include <linux/slab.h>

#include "recipient.h"
#include "recipient_hpke.h"
#include "wrap.h"

/**
 * keyseal_wrap_recipient() - seal key material to a recipient
 * @c: transforms
 * @attrs: what the key is; the blob carries it as it is
 * @material: the key, @attrs->key_len bytes
 * @kem: KEYSEAL_KEM_* of the recipient's key
 * @pk_r: the recipient's raw public key
 * @pk_r_len: its length
 * @sender: the sender's own exchange key for auth mode, or NULL for base
 *	mode
 * @blob: set to the new blob (kmalloc'ed)
 * @blob_len: set to its length
 *
 * Return: 0; -EINVAL for an unknown KEM, a public key of the wrong length,
 * or @attrs that cannot be in a blob; -EKEYREJECTED if @pk_r is not a valid
 * public key or @sender belongs to another KEM; -EOPNOTSUPP; -ENOMEM.
 */
int keyseal_wrap_recipient(struct keyseal_crypto *c,
			   const struct keyseal_attrs *attrs,
			   const u8 *material, u16 kem, const u8 *pk_r,
			   size_t pk_r_len,
			   const struct keyseal_exchange *sender, u8 **blob,
			   size_t *blob_len)
{
	u8 recipient_fp[KEYSEAL_FINGERPRINT_SIZE], enc[KEYSEAL_DH_PUBLIC_MAX];
	struct keyseal_hpke_ctx ctx;
	struct keyseal_blob b;
	int header_len, ret;
	size_t len;
	u8 *buf;

	ret = keyseal_public_fingerprint(kem, pk_r, pk_r_len, recipient_fp);
	if (ret)
		return ret;
	/* HPKE auth mode needs both keys in one KEM. */
	if (sender && sender->kem != kem)
		return -EKEYREJECTED;
	ret = keyseal_recipient_hpke_sender(kem, pk_r, pk_r_len,
					    sender ? sender->sk : NULL, enc,
					    &ctx);
	if (ret)
		return ret;

	/*
	 * The header carries enc, so it is written only now; base or auth
	 * mode is keyseal_blob_set_recipient()'s to say.
	 */
	keyseal_blob_from_attrs(&b, attrs, KEYSEAL_SCHEME_HPKE_BASE);
	keyseal_blob_set_recipient(&b, kem, recipient_fp, enc,
				   sender ? sender->pk : NULL);
	header_len = keyseal_blob_alloc(&b, &buf, &len);
	if (header_len < 0) {
		ret = header_len;
		goto out;
	}
	memcpy(buf + header_len, material, attrs->key_len);
	ret = keyseal_hpke_seal(c, &ctx, 0, buf, header_len, attrs->key_len);
	if (ret) {
		kfree_sensitive(buf);
		goto out;
	}
	*blob = buf;
	*blob_len = len;
out:
	keyseal_hpke_ctx_wipe(&ctx);
	return ret;
}

/**
 * keyseal_unwrap_recipient() - open a recipient blob
 * @c: transforms
 * @blob: the parsed blob
 * @recipient: the exchange key that should open it
 * @material: output, @blob->key_len bytes
 *
 * Return: 0; -EINVAL if @blob is not a recipient blob; -EKEYREJECTED if it
 * is for another key (another KEM or another fingerprint); -EBADMSG if it
 * does not authenticate, including an enc or a sender key that is not a
 * valid public key; -EOPNOTSUPP; -ENOMEM.
 */
int keyseal_unwrap_recipient(struct keyseal_crypto *c,
			     const struct keyseal_blob *blob,
			     const struct keyseal_exchange *recipient,
			     u8 *material)
{
	size_t len = blob->header_len + blob->body_len;
	struct keyseal_hpke_ctx ctx;
	u8 *buf;
	int ret;

	if (blob->scheme != KEYSEAL_SCHEME_HPKE_BASE &&
	    blob->scheme != KEYSEAL_SCHEME_HPKE_AUTH)
		return -EINVAL;
	if (blob->kem_id != recipient->kem ||
	    crypto_memneq(blob->recipient_fp, recipient->fingerprint,
			  KEYSEAL_FINGERPRINT_SIZE))
		return -EKEYREJECTED;

	ret = keyseal_recipient_hpke_receiver(blob, recipient->sk, &ctx);
	/*
	 * The recipient's own key is sound, so a Diffie-Hellman the KEM
	 * refuses comes from the blob's enc or sender key: no sender makes
	 * such a blob, it was forged or damaged like any other that fails.
	 */
	if (ret == -EKEYREJECTED)
		ret = -EBADMSG;
	if (ret)
		goto out;

	/* Decrypt a copy in place: the caller's blob stays intact. */
	buf = kmemdup(blob->header, len, GFP_KERNEL);
	if (!buf) {
		ret = -ENOMEM;
		goto out;
	}
	ret = keyseal_hpke_open(c, &ctx, 0, buf, blob->header_len,
				blob->body_len);
	if (!ret)
		memcpy(material, buf + blob->header_len, blob->key_len);
	kfree_sensitive(buf);
out:
	keyseal_hpke_ctx_wipe(&ctx);
	return ret;
}
