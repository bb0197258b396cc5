// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Recipient blobs made in userspace, for a sender without the module.
 *
 * The flow is the kernel's, so a keyseal kernel imports what comes out:
 * (enc, ctx) = SetupBaseS/SetupAuthS(pkR, KEYSEAL_HPKE_INFO[, skS]); the
 * header, which carries enc, is written with the shared codec; the body is
 * ctx.Seal(aad = every header byte, key material) at sequence number 0.
 *
 * keyseal_unwrap_from_recipient() is the reverse, and deliberately not
 * exported: keyseal's receivers are kernels, which enforce the policy in the
 * header (usage, exportable, plaintext, not-after). A library call that
 * hands the plaintext key to a process would make that policy advisory, and
 * an application that holds its private key in userspace can already run
 * HPKE itself. It exists to prove, in the tests, that the blobs are right.
 */

#include <stdlib.h>
#include <time.h>

#include <openssl/crypto.h>
#include <openssl/rand.h>

#include "dh.h"
#include "internal.h"
#include "recipient.h"
#include "recipient_hpke.h"
#include "usage.h"

/* What can be checked before any cryptography: lengths, ids, policy. */
static int check_wrap_request(const struct keyseal_wrap_key *key,
			      const struct keyseal_public_key *recipient,
			      const struct keyseal_private_key *sender)
{
	u8 key_alg = keyseal_usage_alg(key->usage);
	u16 kem = keyseal_usage_kem(key->usage);

	/* an unknown usage has no algorithm: refuse it here, not by length */
	if (!key->material || !key_alg ||
	    !keyseal_usage_key_len_valid(key->usage, key_alg, key->len))
		return -EINVAL;
	/* an exchange key sent on must be one its receiver can load */
	if (kem && !keyseal_dh_private_valid(kem, key->material, key->len))
		return -EINVAL;
	if (!keyseal_usage_kem_public_size(recipient->kem) ||
	    recipient->len != keyseal_usage_kem_public_size(recipient->kem))
		return -EINVAL;
	/* HPKE auth mode needs both keys in one KEM */
	if (sender && sender->kem != recipient->kem)
		return -EKEYREJECTED;
	return 0;
}

int keyseal_wrap_to_recipient(const struct keyseal_wrap_key *key,
			      const struct keyseal_public_key *recipient,
			      const struct keyseal_private_key *sender,
			      void *out, size_t *out_len)
{
	u8 recipient_fp[KEYSEAL_FINGERPRINT_SIZE];
	u8 enc[KEYSEAL_HPKE_ENC_MAX];
	struct keyseal_public_key sender_pk;
	struct keyseal_hpke_ctx ctx;
	struct keyseal_blob blob;
	u8 *buf = out;
	size_t size;
	int ret;

	if (!key || !recipient || !out || !out_len)
		return -EINVAL;
	ret = check_wrap_request(key, recipient, sender);
	if (ret)
		return ret;
	ret = keyseal_public_key_fingerprint(recipient, recipient_fp);
	if (ret)
		return ret;
	if (sender) {
		ret = keyseal_private_key_public(sender, &sender_pk);
		if (ret)
			return ret;
	}

	memset(&blob, 0, sizeof(blob));
	blob.usage = key->usage;
	blob.key_alg = keyseal_usage_alg(key->usage);
	blob.key_flags = key->key_flags;
	blob.provenance = KEYSEAL_ORIGIN_EXTERNAL;
	blob.key_len = key->len;
	blob.created = time(NULL);
	blob.not_after = key->not_after;
	keyseal_blob_set_recipient(&blob, recipient->kem, recipient_fp, enc,
				   sender ? sender_pk.key : NULL);
	/* the flags and everything else, before any work is done */
	if (keyseal_blob_check(&blob))
		return -EINVAL;
	size = keyseal_blob_header_size(&blob) + keyseal_blob_body_size(&blob);
	if (*out_len < size) {
		*out_len = size;
		return -ERANGE;
	}

	if (key->key_id)
		memcpy(blob.key_id, key->key_id, KEYSEAL_KEY_ID_SIZE);
	else if (RAND_bytes(blob.key_id, KEYSEAL_KEY_ID_SIZE) != 1)
		return -EIO;

	ret = keyseal_recipient_hpke_sender(recipient->kem, recipient->key,
					    recipient->len,
					    sender ? sender->scalar : NULL,
					    enc, &ctx);
	if (ret)
		return ret;
	ret = keyseal_blob_write_header(&blob, buf, size);
	if (ret < 0)
		goto out;
	memcpy(buf + ret, key->material, key->len);
	ret = keyseal_hpke_seal(NULL, &ctx, 0, buf, ret, key->len);
out:
	keyseal_hpke_ctx_wipe(&ctx);
	if (ret) {
		OPENSSL_cleanse(buf, size);
		return ret;
	}
	*out_len = size;
	return 0;
}

/**
 * keyseal_unwrap_from_recipient() - open a recipient blob in userspace
 * @buf: the blob
 * @len: its length
 * @recipient: the recipient's private key
 * @sender: the public key the blob must come from (auth mode), or NULL to
 *	accept base mode or any sender
 * @blob: set to the parsed header, pointing into @buf; may be NULL
 * @key: output, the key material
 * @key_len: in: size of @key; out: length of the key material
 *
 * Only the cryptography and the addressing are checked, not the policy.
 *
 * Return: 0; -EINVAL for a blob that is not a well-formed recipient blob;
 * -EKEYREJECTED if it is for another key or another sender, or its enc or
 * sender key is not a valid point; -EBADMSG if it does not authenticate;
 * -ERANGE if @key is too small; -ENOMEM. @key is zeroed on failure.
 */
int keyseal_unwrap_from_recipient(const void *buf, size_t len,
				  const struct keyseal_private_key *recipient,
				  const struct keyseal_public_key *sender,
				  struct keyseal_blob *blob, void *key,
				  size_t *key_len)
{
	u8 fp[KEYSEAL_FINGERPRINT_SIZE];
	struct keyseal_public_key recipient_pk;
	struct keyseal_hpke_ctx ctx;
	struct keyseal_blob parsed;
	size_t key_size = *key_len;
	u8 *copy;
	int ret;

	if (!blob)
		blob = &parsed;
	OPENSSL_cleanse(key, key_size);
	ret = keyseal_blob_parse(buf, len, blob);
	if (ret)
		return ret;
	if (blob->scheme != KEYSEAL_SCHEME_HPKE_BASE &&
	    blob->scheme != KEYSEAL_SCHEME_HPKE_AUTH)
		return -EINVAL;

	if (blob->kem_id != recipient->kem)
		return -EKEYREJECTED;
	ret = keyseal_private_key_public(recipient, &recipient_pk);
	if (!ret)
		ret = keyseal_public_key_fingerprint(&recipient_pk, fp);
	if (ret)
		return ret;
	if (memcmp(fp, blob->recipient_fp, sizeof(fp)))
		return -EKEYREJECTED;
	if (sender && (sender->len != blob->sender_pk_len ||
		       memcmp(sender->key, blob->sender_pk, sender->len)))
		return -EKEYREJECTED;
	if (key_size < blob->key_len) {
		*key_len = blob->key_len;
		return -ERANGE;
	}

	ret = keyseal_recipient_hpke_receiver(blob, recipient->scalar, &ctx);
	if (ret)
		return ret;
	/* Open a copy in place: the caller's blob stays intact. */
	copy = malloc(len);
	if (!copy) {
		ret = -ENOMEM;
		goto out;
	}
	memcpy(copy, buf, len);
	ret = keyseal_hpke_open(NULL, &ctx, 0, copy, blob->header_len,
				blob->body_len);
	if (!ret) {
		memcpy(key, copy + blob->header_len, blob->key_len);
		*key_len = blob->key_len;
	}
	OPENSSL_clear_free(copy, len);
out:
	keyseal_hpke_ctx_wipe(&ctx);
	return ret;
}
