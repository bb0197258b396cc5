// SPDX-License-Identifier: GPL-2.0
/*
 * Opening a blob into the payload of a new key: the one path behind keyctl
 * "load" and the IMPORT ioctl.
 */

#include <crypto/algapi.h>
#include <linux/slab.h>

#include "recipient.h"
#include "sealed_key.h"
#include "unseal.h"
#include "wrap.h"

/*
 * A blob under a KEK: the KEK that opens it becomes the key's parent, and
 * decides what of the blob's provenance can be believed.
 */
static struct sealed_key *unseal_kek_blob(struct keyseal_crypto *c,
					  const struct keyseal_blob *blob,
					  const struct keyseal_unseal_params *p)
{
	struct keyseal_kek_ref unwrap = p->unwrap;
	struct keyseal_attrs attrs;
	struct keyseal_kek kek;
	struct sealed_key *sk;
	bool as_is;
	int ret;

	/* Recipient and plaintext blobs only have a place to be stored. */
	if (p->store.serial || p->store.name)
		return ERR_PTR(-EINVAL);
	if (!unwrap.serial && !unwrap.name) {
		unwrap.name = blob->parent;
		unwrap.name_len = blob->parent_len;
	}

	attrs = blob->attrs;
	sk = sealed_key_alloc(&attrs);
	if (!sk)
		return ERR_PTR(-ENOMEM);

	ret = keyseal_kek_get(&unwrap, NULL, &kek);
	if (ret)
		goto out;
	if (p->audit) {
		keyseal_audit_kek(&p->audit->kek, &kek);
		p->audit->parent = p->audit->kek;
	}
	ret = keyseal_unwrap_kek(c, blob, &kek, sk->material);
	if (ret)
		goto out;
	ret = sealed_key_derive(sk);
	if (ret)
		goto out;
	/* Only an authentic blob's not-after is worth believing. */
	if (keyseal_policy_expired(&attrs)) {
		ret = -EKEYEXPIRED;
		goto out;
	}
	sk->attrs.provenance =
		keyseal_policy_loaded_provenance(attrs.provenance, kek.vouches);

	/*
	 * The stored blob says what the key is and where it lives: a blob
	 * found under another name, or claiming more than was believed, is
	 * sealed again.
	 */
	as_is = kek.name_len == blob->parent_len &&
		!memcmp(kek.name, blob->parent, kek.name_len) &&
		sk->attrs.provenance == attrs.provenance;
	if (as_is) {
		ret = keyseal_kek_admit(&kek, &sk->attrs);
		if (ret)
			goto out;
		ret = sealed_key_set_blob(sk, blob->header,
					  blob->header_len + blob->body_len);
	} else {
		ret = sealed_key_store(c, sk, &kek);
	}
out:
	keyseal_kek_release(&kek);
	if (ret) {
		sealed_key_free(sk);
		return ERR_PTR(ret);
	}
	return sk;
}

/* A blob in the clear: a clear-text import, with its restrictions. */
static struct sealed_key *unseal_plaintext_blob(struct keyseal_crypto *c,
						const struct keyseal_blob *blob,
						const struct keyseal_unseal_params *p)
{
	struct keyseal_attrs attrs;
	int ret;

	if (p->unwrap.serial || p->unwrap.name)
		return ERR_PTR(-EINVAL);
	ret = keyseal_policy_clear_import();
	if (ret)
		return ERR_PTR(ret);

	/* The key keeps its identity but not a history no one vouches for. */
	attrs = blob->attrs;
	attrs.provenance = KEYSEAL_ORIGIN_IMPORTED;
	if (keyseal_policy_expired(&attrs))
		return ERR_PTR(-EKEYEXPIRED);
	return keyseal_unseal_material(c, &attrs, blob->body, &p->store,
				       p->audit);
}

/*
 * An auth-mode blob must come from the sender the caller expects, if it
 * names one. Other blobs, base-mode recipient blobs included, come from no
 * one in particular: a caller that expects a sender gets none of them.
 */
static int check_sender(const struct keyseal_blob *blob,
			const struct keyseal_unseal_params *p)
{
	if (!p->expected_sender)
		return 0;
	if (p->expected_sender_len != KEYSEAL_X25519_PUBLIC_SIZE &&
	    p->expected_sender_len != KEYSEAL_P256_PUBLIC_SIZE)
		return -EINVAL;
	if (blob->scheme != KEYSEAL_SCHEME_HPKE_AUTH ||
	    blob->sender_pk_len != p->expected_sender_len ||
	    crypto_memneq(blob->sender_pk, p->expected_sender,
			  p->expected_sender_len))
		return -EKEYREJECTED;
	return 0;
}

/*
 * A blob sent to an exchange key: the key that opens it is the one the
 * caller names, or the one with the fingerprint the blob names; the new key
 * is stored under the KEK the caller names.
 */
static struct sealed_key *unseal_recipient_blob(struct keyseal_crypto *c,
						const struct keyseal_blob *blob,
						const struct keyseal_unseal_params *p)
{
	struct keyseal_exchange recipient;
	struct keyseal_attrs attrs;
	struct sealed_key *sk;
	bool vouched;
	u8 *material;
	int ret;

	material = kmalloc(blob->attrs.key_len, GFP_KERNEL);
	if (!material)
		return ERR_PTR(-ENOMEM);
	ret = keyseal_exchange_get(&p->unwrap, blob->kem_id,
				   blob->recipient_fp, &recipient);
	if (!ret)
		ret = keyseal_unwrap_recipient(c, blob, &recipient, material);
	/* check_sender() has matched the expected sender, if one is named. */
	vouched = keyseal_policy_sender_vouched(!!p->expected_sender,
						recipient.vouches);
	keyseal_exchange_release(&recipient);
	if (ret) {
		sk = ERR_PTR(ret);
		goto out;
	}

	attrs = blob->attrs;
	attrs.provenance = keyseal_policy_loaded_provenance(attrs.provenance,
							    vouched);
	/* Only an authentic blob's not-after is worth believing. */
	if (keyseal_policy_expired(&attrs))
		sk = ERR_PTR(-EKEYEXPIRED);
	else
		sk = keyseal_unseal_material(c, &attrs, material, &p->store,
					     p->audit);
out:
	kfree_sensitive(material);
	return sk;
}

/**
 * keyseal_unseal_material() - a payload for known material, stored under
 *	the KEK a caller names
 * @c: transforms
 * @attrs: what the key is
 * @material: @attrs->key_len bytes
 * @store: the parent to store it under
 * @audit: the audit record's target, whose parent this names; or NULL
 *
 * Return: the payload or an ERR_PTR.
 */
struct sealed_key *keyseal_unseal_material(struct keyseal_crypto *c,
					   const struct keyseal_attrs *attrs,
					   const u8 *material,
					   const struct keyseal_kek_ref *store,
					   struct keyseal_audit_target *audit)
{
	struct keyseal_kek kek = { };
	struct sealed_key *sk;
	int ret;

	sk = sealed_key_alloc(attrs);
	if (!sk)
		return ERR_PTR(-ENOMEM);
	memcpy(sk->material, material, attrs->key_len);

	ret = sealed_key_derive(sk);
	if (ret)
		goto out;
	ret = keyseal_kek_get(store, NULL, &kek);
	if (ret)
		goto out;
	if (audit)
		keyseal_audit_kek(&audit->parent, &kek);
	ret = sealed_key_store(c, sk, &kek);
out:
	keyseal_kek_release(&kek);
	if (ret) {
		sealed_key_free(sk);
		return ERR_PTR(ret);
	}
	return sk;
}

/**
 * keyseal_unseal() - open a blob into the payload of a new key
 * @c: transforms
 * @buf: the binary blob
 * @len: its length
 * @p: which keys open and store it
 *
 * Return: the payload, or an ERR_PTR with the errno of the first check that
 * failed: -EINVAL (malformed), -ENOKEY, -EKEYREVOKED, -EACCES (the opening
 * key), -EKEYREJECTED (a key that cannot open it, or a blob not from the
 * expected sender), -EBADMSG (not authentic), -EKEYEXPIRED, -EPERM (clear
 * import without privilege), -EOPNOTSUPP.
 */
struct sealed_key *keyseal_unseal(struct keyseal_crypto *c, const u8 *buf,
				  size_t len,
				  const struct keyseal_unseal_params *p)
{
	struct keyseal_blob blob;
	int ret;

	ret = keyseal_blob_parse(buf, len, &blob);
	if (ret)
		return ERR_PTR(ret);
	ret = check_sender(&blob, p);
	if (ret)
		return ERR_PTR(ret);

	switch (blob.scheme) {
	case KEYSEAL_SCHEME_KEK:
		return unseal_kek_blob(c, &blob, p);
	case KEYSEAL_SCHEME_PLAINTEXT:
		return unseal_plaintext_blob(c, &blob, p);
	}
	return unseal_recipient_blob(c, &blob, p);
}
