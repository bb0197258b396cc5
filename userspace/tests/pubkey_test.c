// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Exchange keys: raw and PEM forms, fingerprints, private keys.
 *
 * The expected PEM texts and fingerprints were made with the openssl(1) of
 * Debian 12 (``openssl pkey -pubin -outform DER | sha256sum``), the tool the
 * fingerprint is defined by; the PEM private keys are throwaway keys made
 * with ``openssl genpkey`` for these tests.
 */

#include <string.h>

#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/obj_mac.h>

#include "kselftest_harness.h"

#include "dh.h"
#include "hex.h"
#include "keyseal.h"
#include "rfc9180_keys.h"

#define X25519	KEYSEAL_KEM_X25519_HKDF_SHA256
#define P256	KEYSEAL_KEM_P256_HKDF_SHA256

/* pkRm of RFC 9180 A.1.1 and A.3.1, and their SPKI as openssl writes it */
static const char x25519_rfc_pk[] = RFC9180_X25519_PKRM;
static const char x25519_rfc_sk[] = RFC9180_X25519_SKRM;
static const char x25519_rfc_pem[] =
	"-----BEGIN PUBLIC KEY-----\n"
	"MCowBQYDK2VuAyEAOUjP4K0d22ldeA5ZB3GV2mxWUGsCcyl5SrAryoCBXE0=\n"
	"-----END PUBLIC KEY-----\n";
static const char x25519_rfc_fp[] =
	"fe563e053259ef3c8c0a2d3dc6390b4f29f9e51c8bba2900c2f52d50ee9d8721";

static const char p256_rfc_pk[] = RFC9180_P256_PKRM;
static const char p256_rfc_sk[] = RFC9180_P256_SKRM;
static const char p256_rfc_pem[] =
	"-----BEGIN PUBLIC KEY-----\n"
	"MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE/owZzgkFGR68KYqSRXklMfJvDOzi\n"
	"RgY56Lw5y39waoJqd5tM+Wm4oOU5x/Yvs9MK1qqPgOMPHRKKr9aKLOcuoA==\n"
	"-----END PUBLIC KEY-----\n";
static const char p256_rfc_fp[] =
	"a27764dca633730528009f8d8b027286ac7eb22a1fa52de0abe73eb7c7183360";
/* the same key, point compressed (openssl ec -conv_form compressed) */
static const char p256_rfc_pem_compressed[] =
	"-----BEGIN PUBLIC KEY-----\n"
	"MDkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDIgAC/owZzgkFGR68KYqSRXklMfJvDOzi\n"
	"RgY56Lw5y39waoI=\n"
	"-----END PUBLIC KEY-----\n";

/* openssl genpkey -algorithm X25519 */
static const char x25519_sk_pem[] =
	"-----BEGIN PRIVATE KEY-----\n"
	"MC4CAQAwBQYDK2VuBCIEIMAlCiqwLOnlKweQRQT8ZhiZdJ+xNOY2xkLsWnpBvjRF\n"
	"-----END PRIVATE KEY-----\n";
static const char x25519_sk[] =
	"c0250a2ab02ce9e52b07904504fc661899749fb134e636c642ec5a7a41be3445";
static const char x25519_sk_public[] =
	"f4284311bef1c1fc92768f51a879010a41ea077cb3e6d6809c14e8ac1fb21767";
static const char x25519_sk_fp[] =
	"7e0d9e0951e0213727c79e0deb0b563c6e2c665215b8653c4725f1c7b831352a";

/* openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 */
static const char p256_sk_pem[] =
	"-----BEGIN PRIVATE KEY-----\n"
	"MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgi54vOTwh37laqQco\n"
	"fAlqCN8uWQ6C3xwgUkDgzIpnAm+hRANCAAStPkfPc/IUIWWN7l58Tdgvt4gPNNee\n"
	"DtcsD0A5mKnEPIFUhuK0yqeU9O5ow185m3jdHS0La1SbRU+WdDIzQULD\n"
	"-----END PRIVATE KEY-----\n";
/* the same key, SEC 1 (openssl ec) */
static const char p256_sk_sec1_pem[] =
	"-----BEGIN EC PRIVATE KEY-----\n"
	"MHcCAQEEIIueLzk8Id+5WqkHKHwJagjfLlkOgt8cIFJA4MyKZwJvoAoGCCqGSM49\n"
	"AwEHoUQDQgAErT5Hz3PyFCFlje5efE3YL7eIDzTXng7XLA9AOZipxDyBVIbitMqn\n"
	"lPTuaMNfOZt43R0tC2tUm0VPlnQyM0FCww==\n"
	"-----END EC PRIVATE KEY-----\n";
/* the same key, encrypted (openssl pkey -aes256) */
static const char p256_sk_encrypted_pem[] =
	"-----BEGIN ENCRYPTED PRIVATE KEY-----\n"
	"MIHsMFcGCSqGSIb3DQEFDTBKMCkGCSqGSIb3DQEFDDAcBAi2q9IpzSDhwgICCAAw\n"
	"DAYIKoZIhvcNAgkFADAdBglghkgBZQMEASoEEElrEleo22xnVtoCZPaVn+0EgZAz\n"
	"5epX9O1ggKv4Vo4XTViWjvimXqt+su3nH8z5zTVwUlXA14ALk/rIOksqWGqFJdfX\n"
	"07Dtn7yKCQMw/rtk84bV/5MJYy2bn0/SyrwPzmfgvT1TGux3b2ZK2rVHGuLzEcWZ\n"
	"M8AZA2reTLoPF7tsbzDIa78M6LtiDNCgOMC6mh9sZzZK19/k18+OgdVJKn0zpjc=\n"
	"-----END ENCRYPTED PRIVATE KEY-----\n";
static const char p256_sk[] =
	"8b9e2f393c21dfb95aa907287c096a08df2e590e82df1c205240e0cc8a67026f";
static const char p256_sk_public[] =
	"04ad3e47cf73f21421658dee5e7c4dd82fb7880f34d79e0ed72c0f403998a9c43c"
	"815486e2b4caa794f4ee68c35f399b78dd1d2d0b6b549b454f967432334142c3";
static const char p256_sk_fp[] =
	"c014e4327a7d62dd8ff6661b97b758f93e7c746ab4c90d474ec05bb17cda8ede";

/* Keys of other algorithms keyseal cannot use. */
static const char ed25519_sk_pem[] =
	"-----BEGIN PRIVATE KEY-----\n"
	"MC4CAQAwBQYDK2VwBCIEIKQM2slfH5zax7UzWD0qdUiNcVwon2xJMqMXoqzD2cht\n"
	"-----END PRIVATE KEY-----\n";
static const char ed25519_pk_pem[] =
	"-----BEGIN PUBLIC KEY-----\n"
	"MCowBQYDK2VwAyEAYFS9FM753HKY24kw0UhoQ4MRT62P4ZvPPWVPUCCdAX0=\n"
	"-----END PUBLIC KEY-----\n";
static const char p384_pk_pem[] =
	"-----BEGIN PUBLIC KEY-----\n"
	"MHYwEAYHKoZIzj0CAQYFK4EEACIDYgAEjBbc9qZME75GnWPbQ+xGRq756F2mWKOI\n"
	"iRI+2CqLfKHKijEBYSewXmQY11Dvn6D3WHoiFHc8mdEVm2Jt6eBIrvGSHu7haxTg\n"
	"fcPNGrorOqeQTuN+Cb0fNKlq/oEKWCwC\n"
	"-----END PUBLIC KEY-----\n";

static size_t raw(const char *hex, u8 *out)
{
	long len = unhex(hex, out, 65);

	return len > 0 ? len : 0;
}

static int raw_public(u16 kem, const char *hex, struct keyseal_public_key *pk)
{
	u8 buf[65];

	return keyseal_public_key_from_raw(kem, buf, raw(hex, buf), pk);
}

static int pem_public(const char *pem, struct keyseal_public_key *pk)
{
	return keyseal_public_key_from_pem(pem, strlen(pem), pk);
}

static int pem_private(const char *pem, struct keyseal_private_key *sk)
{
	return keyseal_private_key_from_pem(pem, strlen(pem), sk);
}

TEST(fingerprint_is_sha256_of_spki)
{
	struct keyseal_public_key pk;
	u8 fp[KEYSEAL_FINGERPRINT_SIZE], expect[KEYSEAL_FINGERPRINT_SIZE];

	ASSERT_EQ(0, raw_public(KEYSEAL_KEM_X25519_HKDF_SHA256, x25519_rfc_pk,
				&pk));
	ASSERT_EQ(0, keyseal_public_key_fingerprint(&pk, fp));
	ASSERT_EQ(32, raw(x25519_rfc_fp, expect));
	EXPECT_EQ(0, memcmp(fp, expect, sizeof(fp)));

	ASSERT_EQ(0, raw_public(KEYSEAL_KEM_P256_HKDF_SHA256, p256_rfc_pk,
				&pk));
	ASSERT_EQ(0, keyseal_public_key_fingerprint(&pk, fp));
	ASSERT_EQ(32, raw(p256_rfc_fp, expect));
	EXPECT_EQ(0, memcmp(fp, expect, sizeof(fp)));
}

TEST(pem_is_what_openssl_writes)
{
	struct keyseal_public_key pk;
	char pem[KEYSEAL_PUBLIC_PEM_MAX];

	ASSERT_EQ(0, raw_public(KEYSEAL_KEM_X25519_HKDF_SHA256, x25519_rfc_pk,
				&pk));
	EXPECT_EQ(strlen(x25519_rfc_pem),
		  keyseal_public_key_to_pem(&pk, pem, sizeof(pem)));
	EXPECT_STREQ(x25519_rfc_pem, pem);

	ASSERT_EQ(0, raw_public(KEYSEAL_KEM_P256_HKDF_SHA256, p256_rfc_pk,
				&pk));
	EXPECT_EQ(strlen(p256_rfc_pem),
		  keyseal_public_key_to_pem(&pk, pem, sizeof(pem)));
	EXPECT_STREQ(p256_rfc_pem, pem);
}

TEST(pem_buffer_must_hold_the_nul)
{
	struct keyseal_public_key pk;
	char pem[KEYSEAL_PUBLIC_PEM_MAX];
	size_t len = strlen(p256_rfc_pem);

	ASSERT_EQ(0, raw_public(KEYSEAL_KEM_P256_HKDF_SHA256, p256_rfc_pk,
				&pk));
	EXPECT_EQ(-ERANGE, keyseal_public_key_to_pem(&pk, pem, len));
	EXPECT_EQ(-ERANGE, keyseal_public_key_to_pem(&pk, pem, 0));
	EXPECT_EQ(len, keyseal_public_key_to_pem(&pk, pem, len + 1));
	EXPECT_STREQ(p256_rfc_pem, pem);
}

TEST(pem_round_trip)
{
	struct keyseal_public_key pk;
	u8 expect[65];

	ASSERT_EQ(0, pem_public(x25519_rfc_pem, &pk));
	EXPECT_EQ(KEYSEAL_KEM_X25519_HKDF_SHA256, pk.kem);
	ASSERT_EQ(32, pk.len);
	ASSERT_EQ(32, raw(x25519_rfc_pk, expect));
	EXPECT_EQ(0, memcmp(pk.key, expect, 32));

	ASSERT_EQ(0, pem_public(p256_rfc_pem, &pk));
	EXPECT_EQ(KEYSEAL_KEM_P256_HKDF_SHA256, pk.kem);
	ASSERT_EQ(65, pk.len);
	ASSERT_EQ(65, raw(p256_rfc_pk, expect));
	EXPECT_EQ(0, memcmp(pk.key, expect, 65));

	/* a compressed point comes out uncompressed */
	memset(&pk, 0, sizeof(pk));
	ASSERT_EQ(0, pem_public(p256_rfc_pem_compressed, &pk));
	ASSERT_EQ(65, pk.len);
	EXPECT_EQ(0, memcmp(pk.key, expect, 65));
}

TEST(pem_that_is_not_a_usable_public_key)
{
	static const char garbage[] = "-----BEGIN PUBLIC KEY-----\nAAAA\n"
				      "-----END PUBLIC KEY-----\n";
	struct keyseal_public_key pk;

	EXPECT_EQ(-EINVAL, keyseal_public_key_from_pem("", 0, &pk));
	EXPECT_EQ(-EINVAL, pem_public(garbage, &pk));
	/* cut short: the END line is missing */
	EXPECT_EQ(-EINVAL, keyseal_public_key_from_pem(p256_rfc_pem,
					strlen(p256_rfc_pem) - 26, &pk));
	/* a private key is not a public key */
	EXPECT_EQ(-EINVAL, pem_public(x25519_sk_pem, &pk));
	EXPECT_EQ(-EOPNOTSUPP, pem_public(ed25519_pk_pem, &pk));
	EXPECT_EQ(-EOPNOTSUPP, pem_public(p384_pk_pem, &pk));
}

TEST(raw_public_key_lengths)
{
	struct keyseal_public_key pk;
	u8 key[66];

	ASSERT_EQ(65, raw(p256_rfc_pk, key));
	EXPECT_EQ(-EINVAL, keyseal_public_key_from_raw(P256, key, 64, &pk));
	EXPECT_EQ(-EINVAL, keyseal_public_key_from_raw(P256, key, 66, &pk));
	EXPECT_EQ(-EINVAL, keyseal_public_key_from_raw(X25519, key, 65, &pk));
	EXPECT_EQ(-EINVAL, keyseal_public_key_from_raw(X25519, key, 31, &pk));
	EXPECT_EQ(-EINVAL, keyseal_public_key_from_raw(0x0011, key, 65, &pk));
	EXPECT_EQ(0, keyseal_public_key_from_raw(KEYSEAL_KEM_P256_HKDF_SHA256,
						 key, 65, &pk));
	/* a struct filled by hand is checked again */
	pk.len = 64;
	EXPECT_EQ(-EINVAL, keyseal_public_key_fingerprint(&pk, key));
	pk.len = 65;
	pk.kem = KEYSEAL_KEM_X25519_HKDF_SHA256;
	EXPECT_EQ(-EINVAL, keyseal_public_key_to_pem(&pk, (char *)key,
						     sizeof(key)));
}

TEST(private_key_from_pem)
{
	struct keyseal_private_key sk;
	struct keyseal_public_key pk;
	u8 expect[65], fp[32];

	ASSERT_EQ(0, pem_private(x25519_sk_pem, &sk));
	EXPECT_EQ(KEYSEAL_KEM_X25519_HKDF_SHA256, sk.kem);
	ASSERT_EQ(32, raw(x25519_sk, expect));
	EXPECT_EQ(0, memcmp(sk.scalar, expect, 32));
	ASSERT_EQ(0, keyseal_private_key_public(&sk, &pk));
	ASSERT_EQ(32, pk.len);
	ASSERT_EQ(32, raw(x25519_sk_public, expect));
	EXPECT_EQ(0, memcmp(pk.key, expect, 32));
	ASSERT_EQ(0, keyseal_public_key_fingerprint(&pk, fp));
	ASSERT_EQ(32, raw(x25519_sk_fp, expect));
	EXPECT_EQ(0, memcmp(fp, expect, 32));

	ASSERT_EQ(0, pem_private(p256_sk_pem, &sk));
	EXPECT_EQ(KEYSEAL_KEM_P256_HKDF_SHA256, sk.kem);
	ASSERT_EQ(32, raw(p256_sk, expect));
	EXPECT_EQ(0, memcmp(sk.scalar, expect, 32));
	ASSERT_EQ(0, keyseal_private_key_public(&sk, &pk));
	ASSERT_EQ(65, pk.len);
	ASSERT_EQ(65, raw(p256_sk_public, expect));
	EXPECT_EQ(0, memcmp(pk.key, expect, 65));
	ASSERT_EQ(0, keyseal_public_key_fingerprint(&pk, fp));
	ASSERT_EQ(32, raw(p256_sk_fp, expect));
	EXPECT_EQ(0, memcmp(fp, expect, 32));

	memset(&sk, 0, sizeof(sk));
	ASSERT_EQ(0, pem_private(p256_sk_sec1_pem, &sk));
	ASSERT_EQ(32, raw(p256_sk, expect));
	EXPECT_EQ(0, memcmp(sk.scalar, expect, 32));
	keyseal_private_key_wipe(&sk);
}

TEST(private_key_pem_refused)
{
	struct keyseal_private_key sk;

	/* never a passphrase prompt: the test would hang on a tty */
	EXPECT_EQ(-EINVAL, pem_private(p256_sk_encrypted_pem, &sk));
	EXPECT_EQ(-EINVAL, pem_private(p256_rfc_pem, &sk));
	EXPECT_EQ(-EINVAL, keyseal_private_key_from_pem("", 0, &sk));
	EXPECT_EQ(-EOPNOTSUPP, pem_private(ed25519_sk_pem, &sk));
}

TEST(private_key_public_matches_the_rfc)
{
	struct keyseal_private_key sk;
	struct keyseal_public_key pk;
	u8 buf[65];

	ASSERT_EQ(32, raw(x25519_rfc_sk, buf));
	ASSERT_EQ(0, keyseal_private_key_from_raw(X25519, buf, 32, &sk));
	ASSERT_EQ(0, keyseal_private_key_public(&sk, &pk));
	ASSERT_EQ(32, raw(x25519_rfc_pk, buf));
	EXPECT_EQ(0, memcmp(pk.key, buf, 32));

	ASSERT_EQ(32, raw(p256_rfc_sk, buf));
	ASSERT_EQ(0, keyseal_private_key_from_raw(P256, buf, 32, &sk));
	ASSERT_EQ(0, keyseal_private_key_public(&sk, &pk));
	ASSERT_EQ(65, raw(p256_rfc_pk, buf));
	EXPECT_EQ(0, memcmp(pk.key, buf, 65));
	keyseal_private_key_wipe(&sk);
}

/* The order the range check uses is the group's, as OpenSSL knows it. */
TEST(p256_order_is_the_groups)
{
	EC_GROUP *group = EC_GROUP_new_by_curve_name(NID_X9_62_prime256v1);
	u8 order[KEYSEAL_DH_PRIVATE_SIZE];

	ASSERT_NE(NULL, group);
	ASSERT_EQ(32, BN_bn2binpad(EC_GROUP_get0_order(group), order, 32));
	EXPECT_EQ(0, memcmp(order, keyseal_p256_order, sizeof(order)));
	EC_GROUP_free(group);
}

TEST(p256_scalar_range)
{
	struct keyseal_private_key sk;
	struct keyseal_public_key pk;
	u8 scalar[33] = { 0 };

	EXPECT_EQ(-EINVAL, keyseal_private_key_from_raw(P256, scalar, 32, &sk));
	memcpy(scalar, keyseal_p256_order, 32);
	EXPECT_EQ(-EINVAL, keyseal_private_key_from_raw(P256, scalar, 32, &sk));
	memset(scalar, 0xff, 32);
	EXPECT_EQ(-EINVAL, keyseal_private_key_from_raw(P256, scalar, 32, &sk));
	/* n - 1: the order ends in 0x51 */
	memcpy(scalar, keyseal_p256_order, 32);
	scalar[31]--;
	EXPECT_EQ(0, keyseal_private_key_from_raw(P256, scalar, 32, &sk));
	EXPECT_EQ(-EINVAL, keyseal_private_key_from_raw(P256, scalar, 31, &sk));
	EXPECT_EQ(-EINVAL, keyseal_private_key_from_raw(P256, scalar, 33, &sk));
	/* every 32-byte string is an X25519 private key, even zeros */
	memset(scalar, 0, sizeof(scalar));
	EXPECT_EQ(0, keyseal_private_key_from_raw(X25519, scalar, 32, &sk));
	EXPECT_EQ(-EINVAL, keyseal_private_key_from_raw(0, scalar, 32, &sk));
	/* a bad scalar put in by hand is caught where it is used */
	sk.kem = KEYSEAL_KEM_P256_HKDF_SHA256;
	EXPECT_EQ(-EINVAL, keyseal_private_key_public(&sk, &pk));
}

TEST(wipe_clears_the_key)
{
	static const struct keyseal_private_key zero;
	struct keyseal_private_key sk;

	ASSERT_EQ(0, pem_private(x25519_sk_pem, &sk));
	keyseal_private_key_wipe(&sk);
	EXPECT_EQ(0, memcmp(&sk, &zero, sizeof(sk)));
}

TEST_HARNESS_MAIN
