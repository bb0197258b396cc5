// SPDX-License-Identifier: GPL-2.0
/*
 * Exchange keys: the sealed keys of usage x25519 and p256, which receive
 * keys from others (and, in HPKE auth mode, vouch for the keys they send).
 *
 * A recipient blob names its recipient by the fingerprint of the public
 * key. The key that opens it is the one the caller names (by serial, or as
 * "sealed:description" found in the caller's keyrings), or, if none is
 * named, the exchange key with that fingerprint found in the caller's
 * thread, process, session and user keyrings by keyring_search(), which
 * checks search permission on every keyring and key on the way, as
 * request_key() does. The sealed key type's match_preparse turns the
 * description "fp:<hex>" into that fingerprint match, so "keyctl search"
 * finds exchange keys the same way.
 */

#include <crypto/algapi.h>
#include <linux/cred.h>
#include <linux/err.h>
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <uapi/linux/keyctl.h>

#include "blob.h"
#include "compat.h"
#include "exchange.h"
#include "kek.h"
#include "policy.h"
#include "usage.h"

#define FP_CRITERION_LEN \
	(sizeof(KEYSEAL_FP_CRITERION) - 1 + 2 * KEYSEAL_FINGERPRINT_SIZE)

/**
 * keyseal_public_fingerprint() - the fingerprint of a public key
 * @kem: KEYSEAL_KEM_*
 * @pk: the raw public key
 * @pk_len: its length
 * @fingerprint: output, SHA-256 of the key's DER SubjectPublicKeyInfo
 *
 * "openssl pkey -pubin -outform DER | sha256sum" prints the same.
 *
 * Return: 0, or -EINVAL for an unknown KEM or a key of the wrong length.
 */
int keyseal_public_fingerprint(u16 kem, const u8 *pk, size_t pk_len,
			       u8 fingerprint[KEYSEAL_FINGERPRINT_SIZE])
{
	u8 der[KEYSEAL_SPKI_MAX_SIZE];
	size_t der_len;

	der_len = keyseal_usage_spki_encode(kem, pk, pk_len, der);
	if (!der_len)
		return -EINVAL;
	sha256(der, der_len, fingerprint);
	return 0;
}

/* Under RCU: whether a sealed key is an exchange key with a fingerprint. */
static bool match_fingerprint(const struct key *key,
			      const struct key_match_data *match)
{
	const struct sealed_key *sk = dereference_key_rcu(key);

	return sk && sk->public_len &&
	       !crypto_memneq(sk->public_fp, match->preparsed,
			      KEYSEAL_FINGERPRINT_SIZE);
}

/**
 * keyseal_exchange_match_preparse() - the sealed type's search criteria
 * @match: the search; its raw_data is the description searched for
 *
 * "fp:" and 64 hex digits match the exchange key whose public key has that
 * fingerprint; any other description matches by description, as for every
 * key type.
 *
 * Return: 0, -EINVAL for a malformed "fp:" criterion, -ENOMEM.
 */
int keyseal_exchange_match_preparse(struct key_match_data *match)
{
	const char *spec = match->raw_data;
	u8 *fingerprint;

	if (strncmp(spec, KEYSEAL_FP_CRITERION,
		    sizeof(KEYSEAL_FP_CRITERION) - 1))
		return 0;
	if (strlen(spec) != FP_CRITERION_LEN)
		return -EINVAL;
	fingerprint = kmalloc(KEYSEAL_FINGERPRINT_SIZE, GFP_KERNEL);
	if (!fingerprint)
		return -ENOMEM;
	if (hex2bin(fingerprint, spec + sizeof(KEYSEAL_FP_CRITERION) - 1,
		    KEYSEAL_FINGERPRINT_SIZE)) {
		kfree(fingerprint);
		return -EINVAL;
	}
	match->preparsed = fingerprint;
	match->cmp = match_fingerprint;
	match->lookup_type = KEYRING_SEARCH_LOOKUP_ITERATE;
	return 0;
}

/**
 * keyseal_exchange_match_free() - free what match_preparse made
 * @match: the search
 */
void keyseal_exchange_match_free(struct key_match_data *match)
{
	kfree(match->preparsed);
	match->preparsed = NULL;
}

/* The exchange key with a fingerprint, in the caller's keyrings. */
static struct key *find_by_fingerprint(const u8 *fingerprint)
{
	char criterion[FP_CRITERION_LEN + 1];

	snprintf(criterion, sizeof(criterion), KEYSEAL_FP_CRITERION "%*phN",
		 KEYSEAL_FINGERPRINT_SIZE, fingerprint);
	return keyseal_keyrings_search(&key_type_sealed, criterion);
}

/* A sealed key named "sealed:description", in the caller's keyrings. */
static struct key *find_by_name(const char *name, size_t name_len)
{
	static const char type[] = "sealed:";
	char description[KEYSEAL_PARENT_MAX + 1];

	if (name_len <= sizeof(type) - 1 || name_len > KEYSEAL_PARENT_MAX)
		return ERR_PTR(-EINVAL);
	/* Only a sealed key can be an exchange key. */
	if (memcmp(name, type, sizeof(type) - 1))
		return ERR_PTR(-EKEYREJECTED);
	memcpy(description, name + sizeof(type) - 1,
	       name_len - (sizeof(type) - 1));
	description[name_len - (sizeof(type) - 1)] = '\0';

	return keyseal_key_find(&key_type_sealed, description);
}

static struct key *find_by_serial(key_serial_t serial)
{
	key_ref_t ref = lookup_user_key(serial, 0, KEY_NEED_SEARCH);

	return IS_ERR(ref) ? ERR_CAST(ref) : key_ref_to_ptr(ref);
}

/* Copy what the operation needs out of the key's payload. */
static int exchange_copy(struct keyseal_exchange *x, u16 kem)
{
	const struct sealed_key *sk;
	int ret;

	if (x->key->type != &key_type_sealed)
		return -EKEYREJECTED;
	ret = key_validate(x->key);
	if (ret)
		return ret;

	rcu_read_lock();
	sk = dereference_key_rcu(x->key);
	if (!sk) {
		ret = -EKEYREVOKED;
	} else {
		/* Exchange keys of this KEM only: never a KEK or a data key. */
		ret = keyseal_policy_use(&sk->attrs, keyseal_usage_of_kem(kem));
		if (!ret &&
		    (sk->attrs.key_len != sizeof(x->sk) ||
		     sk->public_len != keyseal_usage_kem_public_size(kem)))
			ret = -EKEYREJECTED;
		if (!ret) {
			memcpy(x->sk, sk->material, sizeof(x->sk));
			memcpy(x->pk, sk->public_key, sk->public_len);
			x->pk_len = sk->public_len;
			memcpy(x->fingerprint, sk->public_fp,
			       sizeof(x->fingerprint));
			x->vouches = keyseal_policy_key_vouches(&sk->attrs);
		}
	}
	rcu_read_unlock();
	x->kem = kem;
	return ret;
}

/**
 * keyseal_exchange_get() - take the exchange key a caller names
 * @ref: the key by serial or "sealed:description"; neither: the key with
 *	@fingerprint in the caller's keyrings
 * @kem: the KEM the key must belong to
 * @fingerprint: the public key fingerprint the key must have, or NULL
 * @x: filled in; release with keyseal_exchange_release() whatever the
 *	result
 *
 * The caller needs search permission on the key, as for a KEK.
 *
 * Return: 0; -EINVAL if nothing names the key; -ENOKEY, -EACCES,
 * -EKEYREVOKED, -EKEYEXPIRED from the lookup; -EKEYREJECTED if the key is
 * not an exchange key of @kem, has another fingerprint, or was found by
 * name or fingerprint but is neither the caller's nor root's
 * (keyseal_policy_found_key()).
 */
int keyseal_exchange_get(const struct keyseal_kek_ref *ref, u16 kem,
			 const u8 *fingerprint, struct keyseal_exchange *x)
{
	struct key *key;
	int ret;

	memset(x, 0, sizeof(*x));
	if (ref->serial)
		key = find_by_serial(ref->serial);
	else if (ref->name)
		key = find_by_name(ref->name, ref->name_len);
	else if (fingerprint)
		key = find_by_fingerprint(fingerprint);
	else
		return -EINVAL;
	if (IS_ERR(key))
		return PTR_ERR(key);
	x->key = key;
	/* Found, not named by serial: it must be the caller's or root's. */
	if (!ref->serial && !keyseal_policy_found_key(key))
		return -EKEYREJECTED;

	ret = exchange_copy(x, kem);
	if (!ret && fingerprint &&
	    crypto_memneq(x->fingerprint, fingerprint, sizeof(x->fingerprint)))
		ret = -EKEYREJECTED;
	return ret;
}

/**
 * keyseal_exchange_release() - drop an exchange key, wiping its copy
 * @x: the key
 */
void keyseal_exchange_release(struct keyseal_exchange *x)
{
	if (x->key)
		key_put(x->key);
	memzero_explicit(x, sizeof(*x));
}
