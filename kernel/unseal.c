// SPDX-License-Identifier: GPL-2.0
/*
 * Opening a blob into the payload of a new key: the one path behind keyctl
 * "load" and the IMPORT ioctl.
 */

#include <linux/slab.h>

#include "sealed_key.h"
#include "unseal.h"
#include "wrap.h"

/* A blob under a KEK: the KEK that opens it becomes the key's parent. */
static struct sealed_key *unseal_kek_blob(struct keyseal_crypto *c,
					  const struct keyseal_blob *blob,
					  const struct keyseal_unseal_params *p)
{
	struct keyseal_kek_ref unwrap = p->unwrap;
	struct keyseal_attrs attrs;
	struct sealed_key *sk;
	struct keyseal_kek kek;
	bool renamed;
	int ret;

	/* Recipient and plaintext blobs only have a place to be stored. */
	if (p->store.serial || p->store.name)
		return ERR_PTR(-EINVAL);
	if (!unwrap.serial && !unwrap.name) {
		unwrap.name = blob->parent;
		unwrap.name_len = blob->parent_len;
	}

	keyseal_blob_attrs(blob, &attrs);
	sk = sealed_key_alloc(&attrs);
	if (!sk)
		return ERR_PTR(-ENOMEM);

	ret = keyseal_kek_get(c, &unwrap, NULL, &kek);
	if (ret)
		goto out;
	ret = keyseal_unwrap_kek(c, blob, &kek, sk->material);
	if (ret)
		goto out;
	/* Only an authentic blob's not-after is worth believing. */
	ret = keyseal_policy_live(&attrs);
	if (ret)
		goto out;

	/* A KEK found under another name gets a blob that names it. */
	renamed = kek.name_len != blob->parent_len ||
		  memcmp(kek.name, blob->parent, kek.name_len);
	if (renamed)
		ret = sealed_key_store(c, sk, &kek);
	else
		ret = sealed_key_set_blob(sk, blob->header,
					  blob->header_len + blob->body_len,
					  &kek);
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
	keyseal_blob_attrs(blob, &attrs);
	attrs.provenance = KEYSEAL_ORIGIN_IMPORTED;
	ret = keyseal_policy_live(&attrs);
	if (ret)
		return ERR_PTR(ret);
	return keyseal_unseal_material(c, &attrs, blob->body, &p->store);
}

/**
 * keyseal_unseal_material() - a payload for known material, stored under
 *	the KEK a caller names
 * @c: transforms
 * @attrs: what the key is
 * @material: @attrs->key_len bytes
 * @store: the parent to store it under
 *
 * Return: the payload or an ERR_PTR.
 */
struct sealed_key *keyseal_unseal_material(struct keyseal_crypto *c,
					   const struct keyseal_attrs *attrs,
					   const u8 *material,
					   const struct keyseal_kek_ref *store)
{
	struct sealed_key *sk;
	struct keyseal_kek kek;
	int ret;

	sk = sealed_key_alloc(attrs);
	if (!sk)
		return ERR_PTR(-ENOMEM);
	memcpy(sk->material, material, attrs->key_len);

	ret = keyseal_kek_get(c, store, NULL, &kek);
	if (!ret)
		ret = sealed_key_store(c, sk, &kek);
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
 * key), -EKEYREJECTED (a key that cannot open it), -EBADMSG (not
 * authentic), -EKEYEXPIRED, -EPERM (clear import without privilege),
 * -EOPNOTSUPP.
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

	switch (blob.scheme) {
	case KEYSEAL_SCHEME_KEK:
		return unseal_kek_blob(c, &blob, p);
	case KEYSEAL_SCHEME_PLAINTEXT:
		return unseal_plaintext_blob(c, &blob, p);
	}
	/* Recipient blobs arrive with the exchange support. */
	return ERR_PTR(-EOPNOTSUPP);
}
