// SPDX-License-Identifier: GPL-2.0
/*
 * Recipient blobs between the kernel and libkeyseal's userspace HPKE, in
 * both directions (exchange.h has the fixture).
 */

#include "exchange.h"

/* A blob made by libkeyseal's userspace sender imports in the kernel. */
static void userspace_to_kernel(struct __test_metadata *_metadata, int fd,
				const FIXTURE_VARIANT(xchg) *variant, bool auth,
				key_serial_t kmk)
{
	static const char msg[] = "from a key server";
	u8 material[32], key_id[KEYSEAL_KEY_ID_SIZE], scalar[32];
	u8 ct[sizeof(msg) + KEYSEAL_TAG_SIZE], pt[sizeof(msg)];
	u8 raw[PUBLIC_MAX], blob[KEYSEAL_BLOB_MAX_SIZE];
	u8 nonce[KEYSEAL_NONCE_SIZE] = { 0 };
	struct keyseal_wrap_key key = {
		.usage = KEYSEAL_USAGE_AEAD,
		.key_flags = KEYSEAL_FLAG_EXPORTABLE,
		.key_id = key_id,
		.material = material,
		.len = sizeof(material),
	};
	struct keyseal_public_key rpk, spk, stranger;
	struct keyseal_private_key ssk;
	size_t len = sizeof(blob);
	u32 ct_len = sizeof(ct);
	struct keyseal_info info;
	key_serial_t rcpt, back;
	struct exchange_pubkey to;

	ASSERT_EQ(sizeof(material), getrandom(material, sizeof(material), 0));
	ASSERT_EQ(sizeof(key_id), getrandom(key_id, sizeof(key_id), 0));
	rcpt = new_exchange_key(variant, "rcpt", NULL);
	ASSERT_LT(0, rcpt);
	ASSERT_EQ(0, dev_pubkey(fd, rcpt, &to));
	ASSERT_EQ(0, keyseal_public_key_from_raw(to.kem, to.key, to.len, &rpk));
	ASSERT_EQ(0, keyseal_dh_generate(to.kem, scalar));
	ASSERT_EQ(0, keyseal_dh_public_of(to.kem, scalar, raw));
	ASSERT_EQ(0, keyseal_private_key_from_raw(to.kem, scalar, 32, &ssk));
	ASSERT_EQ(0, keyseal_private_key_public(&ssk, &spk));
	ASSERT_EQ(0, keyseal_dh_generate(to.kem, scalar));
	ASSERT_EQ(0, keyseal_dh_public_of(to.kem, scalar, raw));
	ASSERT_EQ(0, keyseal_public_key_from_raw(to.kem, raw, to.len,
						 &stranger));

	ASSERT_EQ(0, keyseal_wrap_to_recipient(&key, &rpk, auth ? &ssk : NULL,
					       blob, &len));
	if (auth)
		EXPECT_EQ(-EKEYREJECTED,
			  dev_import(fd, blob, len, "x", rcpt, kmk,
				     stranger.key, stranger.len));
	back = dev_import(fd, blob, len, "back", rcpt, kmk,
			  auth ? spk.key : NULL, auth ? spk.len : 0);
	ASSERT_LT(0, back);
	ASSERT_EQ(0, dev_info(fd, back, &info));
	EXPECT_EQ(0, memcmp(key_id, info.key_id, sizeof(key_id)));
	EXPECT_EQ(KEYSEAL_ORIGIN_EXTERNAL, info.provenance);
	EXPECT_EQ(KEYSEAL_FLAG_EXPORTABLE, info.key_flags);

	/* the kernel's key is the sender's material */
	ASSERT_EQ(0, dev_crypt(fd, true, back, msg, sizeof(msg), NULL, 0, ct,
			       &ct_len, nonce));
	ASSERT_EQ(0, forge_gcm_open(material, sizeof(material), nonce, ct,
				    ct_len, pt));
	EXPECT_STREQ(msg, (char *)pt);
	keyseal_private_key_wipe(&ssk);
}

TEST_F(xchg, userspace_sender_base)
{
	userspace_to_kernel(_metadata, self->fd, variant, false, self->kmk);
}

TEST_F(xchg, userspace_sender_auth)
{
	userspace_to_kernel(_metadata, self->fd, variant, true, self->kmk);
}

/* A blob made by the kernel opens with libkeyseal's userspace HPKE. */
static void kernel_to_userspace(struct __test_metadata *_metadata, int fd,
				const FIXTURE_VARIANT(xchg) *variant, bool auth)
{
	static const char msg[] = "for a host without the module";
	u8 ct[sizeof(msg) + KEYSEAL_TAG_SIZE], pt[sizeof(msg)];
	u8 blob[KEYSEAL_BLOB_MAX_SIZE], scalar[32], raw[PUBLIC_MAX];
	u8 nonce[KEYSEAL_NONCE_SIZE] = { 0 }, material[64];
	struct keyseal_public_key rpk, spk, stranger;
	size_t material_len = sizeof(material);
	u32 len = sizeof(blob), ct_len = sizeof(ct);
	struct keyseal_private_key rsk;
	key_serial_t data, sender = 0;
	struct keyseal_info info;
	struct keyseal_blob b;
	struct exchange_pubkey from;

	data = add_sealed("data", "new aead parent=user:kmk exportable");
	ASSERT_LT(0, data);
	ASSERT_EQ(0, dev_info(fd, data, &info));
	ASSERT_EQ(0, dev_crypt(fd, true, data, msg, sizeof(msg), NULL, 0, ct,
			       &ct_len, nonce));
	ASSERT_EQ(0, keyseal_dh_generate(variant->kem, scalar));
	ASSERT_EQ(0, keyseal_dh_public_of(variant->kem, scalar, raw));
	ASSERT_EQ(0, keyseal_private_key_from_raw(variant->kem, scalar, 32,
						  &rsk));
	ASSERT_EQ(0, keyseal_private_key_public(&rsk, &rpk));
	ASSERT_EQ(0, keyseal_dh_generate(variant->kem, scalar));
	ASSERT_EQ(0, keyseal_dh_public_of(variant->kem, scalar, raw));
	ASSERT_EQ(0, keyseal_public_key_from_raw(variant->kem, raw,
						 variant->public_len,
						 &stranger));
	if (auth) {
		sender = new_exchange_key(variant, "sender", NULL);
		ASSERT_LT(0, sender);
		ASSERT_EQ(0, dev_pubkey(fd, sender, &from));
		ASSERT_EQ(0, keyseal_public_key_from_raw(from.kem, from.key,
							 from.len, &spk));
	}

	ASSERT_EQ(0, dev_export_recipient(fd, data, rpk.kem, rpk.key, rpk.len,
					  sender, blob, &len));
	if (auth)
		EXPECT_EQ(-EKEYREJECTED,
			  keyseal_unwrap_from_recipient(blob, len, &rsk,
							&stranger, &b,
							material,
							&material_len));
	material_len = sizeof(material);
	ASSERT_EQ(0, keyseal_unwrap_from_recipient(blob, len, &rsk,
						   auth ? &spk : NULL, &b,
						   material, &material_len));
	ASSERT_EQ(32, material_len);
	EXPECT_EQ(0, memcmp(info.key_id, b.attrs.key_id, KEYSEAL_KEY_ID_SIZE));
	ASSERT_EQ(0, forge_gcm_open(material, material_len, nonce, ct,
				    ct_len, pt));
	EXPECT_STREQ(msg, (char *)pt);
	OPENSSL_cleanse(material, sizeof(material));
	keyseal_private_key_wipe(&rsk);
}

TEST_F(xchg, kernel_sender_to_userspace_base)
{
	kernel_to_userspace(_metadata, self->fd, variant, false);
}

TEST_F(xchg, kernel_sender_to_userspace_auth)
{
	kernel_to_userspace(_metadata, self->fd, variant, true);
}

TEST_HARNESS_MAIN
