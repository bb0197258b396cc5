// SPDX-License-Identifier: GPL-2.0
/*
 * Exchange keys: x25519 and p256 keys and their public halves, against
 * OpenSSL and RFC 9180, and what an exchange key may and may not do
 * (exchange.h has the fixture).
 */

#include "exchange.h"

/* An EVP_PKEY of a raw public key, built by OpenSSL. */
static EVP_PKEY *openssl_public(u16 kem, const u8 *pk, size_t len)
{
	char group[] = "prime256v1";
	OSSL_PARAM params[] = {
		OSSL_PARAM_construct_utf8_string(OSSL_PKEY_PARAM_GROUP_NAME,
						 group, 0),
		OSSL_PARAM_construct_octet_string(OSSL_PKEY_PARAM_PUB_KEY,
						  (void *)pk, len),
		OSSL_PARAM_construct_end(),
	};
	EVP_PKEY *pkey = NULL;
	EVP_PKEY_CTX *ctx;

	if (kem == X25519)
		return EVP_PKEY_new_raw_public_key(EVP_PKEY_X25519, NULL, pk,
						   len);
	ctx = EVP_PKEY_CTX_new_from_name(NULL, "EC", NULL);
	if (ctx && EVP_PKEY_fromdata_init(ctx) == 1)
		EVP_PKEY_fromdata(ctx, &pkey, EVP_PKEY_PUBLIC_KEY, params);
	EVP_PKEY_CTX_free(ctx);
	return pkey;
}

/* SHA-256 of the DER SubjectPublicKeyInfo that OpenSSL writes: 0 or -1. */
static int openssl_fingerprint(u16 kem, const u8 *pk, size_t len, u8 *fp)
{
	EVP_PKEY *pkey = openssl_public(kem, pk, len);
	unsigned char *der = NULL;
	int der_len, ret = -1;

	if (!pkey)
		return -1;
	der_len = i2d_PUBKEY(pkey, &der);
	if (der_len > 0 &&
	    EVP_Digest(der, der_len, fp, NULL, EVP_sha256(), NULL) == 1)
		ret = 0;
	OPENSSL_free(der);
	EVP_PKEY_free(pkey);
	return ret;
}

/*
 * An exchange key is made in the kernel, holds a public key that OpenSSL
 * accepts, and keeps it (and its identity) across its blob.
 */
TEST_F(xchg, exchange_key_round_trips)
{
	char armor[KEYSEAL_ARMOR_MAX_SIZE + 2];
	struct keyseal_info info, again;
	struct exchange_pubkey pk, pk2;
	u8 fp[FP_SIZE];
	key_serial_t id;

	EXCHANGE_KEY("xk", id, pk);
	EXPECT_EQ(variant->public_len, pk.len);
	EXPECT_EQ(variant->kem, pk.kem);
	if (variant->kem == P256)
		EXPECT_EQ(0x04, pk.key[0]);
	ASSERT_EQ(0, openssl_fingerprint(pk.kem, pk.key, pk.len, fp));
	EXPECT_EQ(0, memcmp(fp, pk.fp, FP_SIZE));

	ASSERT_EQ(0, dev_info(self->fd, id, &info));
	EXPECT_EQ(variant->usage_id, info.usage);
	EXPECT_EQ(variant->key_alg, info.key_alg);
	EXPECT_EQ(32, info.key_len);
	EXPECT_EQ(KEYSEAL_ORIGIN_GENERATED | KEYSEAL_PROV_ALWAYS_SENSITIVE |
		  KEYSEAL_PROV_NEVER_EXPORTABLE, info.provenance);
	EXPECT_EQ(0, memcmp(info.public_fingerprint, pk.fp, FP_SIZE));

	ASSERT_LT(0, read_key(id, armor, sizeof(armor)));
	drop_key(id);
	id = load_armor("xk", armor, NULL);
	ASSERT_LT(0, id);
	ASSERT_EQ(0, dev_pubkey(self->fd, id, &pk2));
	EXPECT_EQ(pk.len, pk2.len);
	EXPECT_EQ(0, memcmp(pk.key, pk2.key, pk.len));
	EXPECT_EQ(0, memcmp(pk.fp, pk2.fp, FP_SIZE));
	ASSERT_EQ(0, dev_info(self->fd, id, &again));
	EXPECT_EQ(0, memcmp(info.key_id, again.key_id, KEYSEAL_KEY_ID_SIZE));
	/* under a root that vouches, its history survives the reload */
	EXPECT_EQ(info.provenance, again.provenance);

	/* two keys, two public keys */
	id = new_exchange_key(variant, "xk2", NULL);
	ASSERT_LT(0, id);
	ASSERT_EQ(0, dev_pubkey(self->fd, id, &pk2));
	EXPECT_NE(0, memcmp(pk.key, pk2.key, pk.len));
}

/* The public key is the one OpenSSL computes from the private scalar. */
TEST_F(xchg, public_key_matches_openssl)
{
	struct keyseal_private_key sk;
	struct keyseal_public_key upk;
	u8 blob[KEYSEAL_BLOB_MAX_SIZE];
	u32 len = sizeof(blob);
	struct keyseal_blob b;
	struct exchange_pubkey pk;
	key_serial_t id;

	id = new_exchange_key(variant, "clear", "plaintext");
	ASSERT_LT(0, id);
	ASSERT_EQ(0, dev_pubkey(self->fd, id, &pk));
	ASSERT_EQ(0, dev_export(self->fd, id, KEYSEAL_TARGET_PLAINTEXT, 0, blob,
				&len));
	ASSERT_EQ(0, keyseal_blob_parse(blob, len, &b));
	ASSERT_EQ(32, b.body_len);
	if (variant->kem == X25519) {
		/* made clamped, as RFC 7748 uses it */
		EXPECT_EQ(0, b.body[0] & 7);
		EXPECT_EQ(0x40, b.body[31] & 0xc0);
	}
	ASSERT_EQ(0, keyseal_private_key_from_raw(variant->kem, b.body, 32,
						  &sk));
	ASSERT_EQ(0, keyseal_private_key_public(&sk, &upk));
	EXPECT_EQ(pk.len, upk.len);
	EXPECT_EQ(0, memcmp(pk.key, upk.key, pk.len));
	keyseal_private_key_wipe(&sk);
}

/* Imported private keys: RFC 9180's recipient keys give its public keys. */
TEST_F(xchg, import_gives_rfc_public_key)
{
	char order[2 * KEYSEAL_DH_PRIVATE_SIZE + 1];
	const char *const invalid_p256[] = {
		"0000000000000000000000000000000000000000000000000000000000000000",
		/* the group order n, and 2^256 - 1 */
		order,
		"ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
	};
	u8 want[PUBLIC_MAX];
	struct exchange_pubkey pk;
	char cmd[256];
	key_serial_t id;
	unsigned int i;

	hex_encode(keyseal_p256_order, sizeof(keyseal_p256_order), order);

	snprintf(cmd, sizeof(cmd), "import %s %s parent=user:kmk",
		 variant->usage, variant->rfc_sk);
	id = add_sealed("rfc", cmd);
	ASSERT_LT(0, id);
	ASSERT_EQ(0, dev_pubkey(self->fd, id, &pk));
	from_hex(variant->rfc_pk, want, sizeof(want));
	ASSERT_EQ(variant->public_len, pk.len);
	EXPECT_EQ(0, memcmp(want, pk.key, pk.len));

	/* every 32 bytes are an X25519 key; P-256 scalars are 1 .. n-1 */
	for (i = 0; variant->kem == P256 && i < 3; i++) {
		snprintf(cmd, sizeof(cmd), "import p256 %s parent=user:kmk",
			 invalid_p256[i]);
		EXPECT_EQ(-EINVAL, add_sealed("bad", cmd)) TH_LOG("%u", i);
	}
	snprintf(cmd, sizeof(cmd), "import %s %.62s parent=user:kmk",
		 variant->usage, variant->rfc_sk);
	EXPECT_EQ(-EINVAL, add_sealed("short", cmd));
}

TEST_F(xchg, pubkey_ioctl_abi)
{
	struct keyseal_pubkey req;
	key_serial_t id, data;
	struct exchange_pubkey pk;
	u8 small[4];

	EXCHANGE_KEY("xk", id, pk);
	data = add_sealed("data", "new aead parent=user:kmk");
	ASSERT_LT(0, data);

	/* too small: ERANGE, with the size, the KEM and the fingerprint */
	memset(&req, 0, sizeof(req));
	req.serial = id;
	req.buf = (uintptr_t)small;
	req.buf_len = sizeof(small);
	EXPECT_EQ(-ERANGE, dev_ioctl(self->fd, KEYSEAL_IOC_PUBKEY, &req));
	EXPECT_EQ(variant->public_len, req.buf_len);
	EXPECT_EQ(variant->kem, req.kem);
	EXPECT_EQ(0, memcmp(req.fingerprint, pk.fp, FP_SIZE));
	req.buf = 0;
	req.buf_len = 0;
	EXPECT_EQ(-ERANGE, dev_ioctl(self->fd, KEYSEAL_IOC_PUBKEY, &req));
	EXPECT_EQ(variant->public_len, req.buf_len);
	req.buf = BAD_POINTER;
	req.buf_len = PUBLIC_MAX;
	EXPECT_EQ(-EFAULT, dev_ioctl(self->fd, KEYSEAL_IOC_PUBKEY, &req));

	/* reserved fields */
	req.buf = (uintptr_t)pk.key;
	req.flags = 1;
	EXPECT_EQ(-EINVAL, dev_ioctl(self->fd, KEYSEAL_IOC_PUBKEY, &req));
	req.flags = 0;
	req.__pad = 1;
	EXPECT_EQ(-EINVAL, dev_ioctl(self->fd, KEYSEAL_IOC_PUBKEY, &req));
	req.__pad = 0;
	req.reserved[1] = 1;
	EXPECT_EQ(-EINVAL, dev_ioctl(self->fd, KEYSEAL_IOC_PUBKEY, &req));
	req.reserved[1] = 0;

	/* only exchange keys have one */
	req.serial = data;
	EXPECT_EQ(-EKEYREJECTED, dev_ioctl(self->fd, KEYSEAL_IOC_PUBKEY, &req));
	req.serial = self->kmk;
	EXPECT_EQ(-EKEYREJECTED, dev_ioctl(self->fd, KEYSEAL_IOC_PUBKEY, &req));
	req.serial = 0x7ffffff0;
	EXPECT_EQ(-ENOKEY, dev_ioctl(self->fd, KEYSEAL_IOC_PUBKEY, &req));
}

/* INFO gives the public fingerprint of exchange keys only. */
TEST_F(xchg, info_public_fingerprint)
{
	static const u8 zero[FP_SIZE];
	struct keyseal_info info;
	key_serial_t data;

	data = add_sealed("data", "new aead parent=user:kmk");
	ASSERT_LT(0, data);
	ASSERT_EQ(0, dev_info(self->fd, data, &info));
	EXPECT_EQ(0, memcmp(info.public_fingerprint, zero, FP_SIZE));
}

/* Exchange keys never wrap or touch data; other keys never exchange. */
TEST_F(xchg, exchange_keys_never_kek_or_aead)
{
	u8 buf[64], out[64 + KEYSEAL_TAG_SIZE], nonce[KEYSEAL_NONCE_SIZE] = { 0 };
	u8 blob[KEYSEAL_BLOB_MAX_SIZE];
	struct keyseal_export req;
	key_serial_t xk, data;
	u32 out_len = sizeof(out);
	struct exchange_pubkey pk;
	char cmd[64];

	EXCHANGE_KEY("xk", xk, pk);
	data = add_sealed("data", "new aead parent=user:kmk exportable");
	ASSERT_LT(0, data);

	/* not a parent, not a KEK target, not a rewrap parent */
	EXPECT_EQ(-EKEYREJECTED, add_sealed("child",
					    "new aead parent=sealed:xk"));
	snprintf(cmd, sizeof(cmd), "new secret parent=#%d", xk);
	EXPECT_EQ(-EKEYREJECTED, add_sealed("child", cmd));
	memset(&req, 0, sizeof(req));
	req.serial = data;
	req.target = KEYSEAL_TARGET_KEK;
	req.kek = xk;
	req.blob = (uintptr_t)blob;
	req.blob_len = sizeof(blob);
	EXPECT_EQ(-EKEYREJECTED, dev_ioctl(self->fd, KEYSEAL_IOC_EXPORT, &req));
	EXPECT_EQ(-EKEYREJECTED, update_key(data, "rewrap parent=sealed:xk"));

	/* no data */
	memset(buf, 0, sizeof(buf));
	EXPECT_EQ(-EKEYREJECTED, dev_crypt(self->fd, true, xk, buf, 16, NULL, 0,
					   out, &out_len, nonce));
	out_len = sizeof(out);
	EXPECT_EQ(-EKEYREJECTED, dev_crypt(self->fd, false, xk, buf, 48, NULL,
					   0, out, &out_len, nonce));
}

/* An exportable exchange key travels too, and keeps its public key. */
TEST_F(xchg, exchange_key_travels)
{
	u8 blob[KEYSEAL_BLOB_MAX_SIZE];
	key_serial_t mobile, rcpt, back;
	struct exchange_pubkey pk, to, got;
	u32 len = sizeof(blob);

	mobile = new_exchange_key(variant, "mobile", "exportable");
	ASSERT_LT(0, mobile);
	ASSERT_EQ(0, dev_pubkey(self->fd, mobile, &pk));
	EXCHANGE_KEY("rcpt", rcpt, to);
	ASSERT_EQ(0, dev_export_recipient(self->fd, mobile, to.kem, to.key,
					  to.len, 0, blob, &len));
	drop_key(mobile);
	back = dev_import(self->fd, blob, len, "back", rcpt, self->kmk,
			  NULL, 0);
	ASSERT_LT(0, back);
	ASSERT_EQ(0, dev_pubkey(self->fd, back, &got));
	EXPECT_EQ(pk.len, got.len);
	EXPECT_EQ(0, memcmp(pk.key, got.key, pk.len));
	EXPECT_EQ(0, memcmp(pk.fp, got.fp, FP_SIZE));
}

TEST_HARNESS_MAIN
