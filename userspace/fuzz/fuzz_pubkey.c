// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * libFuzzer target: libkeyseal's exchange key readers (userspace/lib/pubkey.c):
 * public keys from PEM and from raw bytes, private keys from PEM.
 *
 * An input that starts with "-----" is taken as PEM text. Anything else is
 * taken as DER, which the target wraps in each PEM type itself (base64 text
 * rarely survives mutation as meaningful DER), and as a raw public key.
 *
 * Every outcome is one the API documents. A public key that is read is a
 * valid key of a known KEM and of its size; written as PEM it reads back
 * the same, the PEM's size is what the function needs, and its fingerprint
 * is stable. A private key that is read has a public key.
 */

#include <assert.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/err.h>

#include "armor.h"
#include "blob.h"
#include "keyseal.h"
#include "usage.h"

/* DER longer than this is not worth wrapping: no key of ours is near it. */
#define DER_MAX	2048

static void check_public(const struct keyseal_public_key *pk)
{
	u8 fp[KEYSEAL_FINGERPRINT_SIZE], fp2[KEYSEAL_FINGERPRINT_SIZE];
	char pem[KEYSEAL_PUBLIC_PEM_MAX];
	struct keyseal_public_key again;
	int len;

	assert(pk->kem == KEYSEAL_KEM_X25519_HKDF_SHA256 ||
	       pk->kem == KEYSEAL_KEM_P256_HKDF_SHA256);
	assert(pk->len == keyseal_usage_kem_public_size(pk->kem));
	if (pk->kem == KEYSEAL_KEM_P256_HKDF_SHA256)
		assert(pk->key[0] == 0x04);

	len = keyseal_public_key_to_pem(pk, pem, sizeof(pem));
	assert(len > 0 && (size_t)len < sizeof(pem) && !pem[len]);
	assert(keyseal_public_key_to_pem(pk, pem, len) == -ERANGE);
	assert(keyseal_public_key_to_pem(pk, pem, len + 1) == len);

	memset(&again, 0xa5, sizeof(again));
	assert(!keyseal_public_key_from_pem(pem, len, &again));
	assert(again.kem == pk->kem && again.len == pk->len);
	assert(!memcmp(again.key, pk->key, pk->len));

	assert(!keyseal_public_key_fingerprint(pk, fp));
	assert(!keyseal_public_key_fingerprint(&again, fp2));
	assert(!memcmp(fp, fp2, sizeof(fp)));
}

static void public_from_pem(const char *text, size_t len)
{
	struct keyseal_public_key pk;
	int ret = keyseal_public_key_from_pem(text, len, &pk);

	assert(ret == 0 || ret == -EINVAL || ret == -EOPNOTSUPP ||
	       ret == -EKEYREJECTED);
	if (!ret)
		check_public(&pk);
}

static void public_from_raw(const u8 *data, size_t size)
{
	static const u16 kems[] = {
		KEYSEAL_KEM_X25519_HKDF_SHA256, KEYSEAL_KEM_P256_HKDF_SHA256,
	};
	struct keyseal_public_key pk;
	unsigned int i;
	int ret;

	for (i = 0; i < sizeof(kems) / sizeof(kems[0]); i++) {
		ret = keyseal_public_key_from_raw(kems[i], data, size, &pk);
		if (size != keyseal_usage_kem_public_size(kems[i])) {
			assert(ret == -EINVAL);
			continue;
		}
		/* Every 32-byte string is an X25519 public key. */
		if (kems[i] == KEYSEAL_KEM_X25519_HKDF_SHA256)
			assert(ret == 0);
		assert(ret == 0 || ret == -EKEYREJECTED);
		if (ret)
			continue;
		assert(pk.kem == kems[i] && !memcmp(pk.key, data, size));
		check_public(&pk);
	}
}

static void private_from_pem(const char *text, size_t len)
{
	struct keyseal_private_key sk;
	struct keyseal_public_key pk;
	int ret = keyseal_private_key_from_pem(text, len, &sk);

	assert(ret == 0 || ret == -EINVAL || ret == -EOPNOTSUPP);
	if (ret)
		return;
	assert(!keyseal_private_key_public(&sk, &pk));
	check_public(&pk);
	keyseal_private_key_wipe(&sk);
}

/* @der as a PEM block of @type, in lines of 64 characters. */
static size_t wrap_pem(const u8 *der, size_t len, const char *type,
		       char *pem)
{
	char *base64 = malloc(keyseal_armor_size(len) + 1);
	size_t n, i, o;

	assert(base64);
	n = keyseal_armor_encode(der, len, base64);
	o = sprintf(pem, "-----BEGIN %s-----\n", type);
	for (i = 0; i < n; i += 64)
		o += sprintf(pem + o, "%.*s\n", (int)(n - i < 64 ? n - i : 64),
			     base64 + i);
	o += sprintf(pem + o, "-----END %s-----\n", type);
	free(base64);
	return o;
}

static void from_der(const u8 *der, size_t len)
{
	char *pem;
	size_t n;

	if (len > DER_MAX)
		return;
	pem = malloc(keyseal_armor_size(len) + len / 48 + 128);
	assert(pem);
	n = wrap_pem(der, len, "PUBLIC KEY", pem);
	public_from_pem(pem, n);
	n = wrap_pem(der, len, "PRIVATE KEY", pem);
	private_from_pem(pem, n);
	n = wrap_pem(der, len, "EC PRIVATE KEY", pem);
	private_from_pem(pem, n);
	free(pem);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size >= 5 && !memcmp(data, "-----", 5)) {
		public_from_pem((const char *)data, size);
		private_from_pem((const char *)data, size);
	} else {
		from_der(data, size);
		public_from_raw(data, size);
	}
	/* OpenSSL queues an error for every refusal. */
	ERR_clear_error();
	return 0;
}
