// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * libFuzzer target: the RSA wrapping key's SubjectPublicKeyInfo parser
 * (kernel/shared/rsa_export.c), which the kernel runs on bytes any user
 * gives it.
 *
 * Whatever the input, the parser reads only inside it (it is copied to a
 * heap buffer of its exact size, so ASan sees any overrun). What it takes
 * is what OpenSSL takes too, as the same key: an RSA key of 2048, 3072 or
 * 4096 bits whose modulus and exponent the parser points at, with an odd
 * exponent from 3 to 2^32 - 1, and DER that re-encodes to the input.
 */

#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/x509.h>

#include "rsa_export.h"

static void check_with_openssl(const u8 *der, size_t len,
			       const struct keyseal_rsa_public *pub)
{
	const unsigned char *p = der;
	EVP_PKEY *pkey = d2i_PUBKEY(NULL, &p, (long)len);
	unsigned char *again = NULL;
	BIGNUM *n = NULL, *e = NULL, *want_n, *want_e;
	int again_len;

	assert(pkey && p == der + len);
	assert(EVP_PKEY_get_base_id(pkey) == EVP_PKEY_RSA);
	assert((unsigned int)EVP_PKEY_get_bits(pkey) == pub->bits);
	assert(EVP_PKEY_get_bn_param(pkey, OSSL_PKEY_PARAM_RSA_N, &n));
	assert(EVP_PKEY_get_bn_param(pkey, OSSL_PKEY_PARAM_RSA_E, &e));
	want_n = BN_bin2bn(pub->n, (int)pub->n_len, NULL);
	want_e = BN_bin2bn(pub->e, (int)pub->e_len, NULL);
	assert(want_n && want_e && !BN_cmp(n, want_n) && !BN_cmp(e, want_e));
	assert(BN_is_odd(e) && BN_num_bits(e) <= 32 && BN_cmp(e, BN_value_one()));
	again_len = i2d_PUBKEY(pkey, &again);
	assert(again_len == (int)len && !memcmp(again, der, len));
	OPENSSL_free(again);
	BN_free(n);
	BN_free(e);
	BN_free(want_n);
	BN_free(want_e);
	EVP_PKEY_free(pkey);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct keyseal_rsa_public pub;
	u8 *der;
	int ret;

	if (size > KEYSEAL_RSA_SPKI_MAX)
		return 0;
	der = malloc(size ? size : 1);
	assert(der);
	memcpy(der, data, size);
	ret = keyseal_rsa_spki_parse(der, size, &pub);
	assert(ret == 0 || ret == -EINVAL);
	if (!ret) {
		assert(pub.bits == 2048 || pub.bits == 3072 || pub.bits == 4096);
		assert(pub.n_len == pub.bits / 8 && pub.n[0] & 0x80);
		assert(pub.key >= der && pub.key + pub.key_len == der + size);
		check_with_openssl(der, size, &pub);
	}
	free(der);
	return 0;
}
