// SPDX-License-Identifier: GPL-2.0
/*
 * The /dev/keyseal ioctls: their ABI (sizes, reserved fields, user
 * pointers, buffer sizes), what each does, and the policy they share with
 * keyctl.
 */

#include <sys/wait.h>

#include <openssl/evp.h>

#include "keyseal_test.h"
#include "kselftest_harness.h"

#define BAD_POINTER 8ULL	/* never mapped */

FIXTURE(dev) {
	int fd;
	key_serial_t kmk, kmk2;
};

FIXTURE_SETUP(dev)
{
	SETUP_SESSION_WITH_ROOTS_AND_DEVICE(self);
}

FIXTURE_TEARDOWN(dev)
{
	close(self->fd);
}

TEST(abi_sizes)
{
	/* The sizes are part of the ioctl numbers: they may never change. */
	EXPECT_EQ(400, sizeof(struct keyseal_info));
	EXPECT_EQ(80, sizeof(struct keyseal_export));
	EXPECT_EQ(88, sizeof(struct keyseal_import));
	EXPECT_EQ(72, sizeof(struct keyseal_rewrap));
	EXPECT_EQ(80, sizeof(struct keyseal_crypt));
	EXPECT_EQ(72, sizeof(struct keyseal_pubkey));
	EXPECT_EQ(0xc190c501UL, (unsigned long)KEYSEAL_IOC_INFO);
}

TEST_F(dev, info_matches_blob)
{
	struct keyseal_info info = { 0 };
	u8 blob[KEYSEAL_BLOB_MAX_SIZE];
	struct keyseal_blob b;
	key_serial_t id;
	long len;

	id = add_sealed("i", "new secret 40 parent=user:kmk exportable "
			"notafter=4102444800");
	ASSERT_LT(0, id);
	len = read_blob(id, blob, sizeof(blob));
	ASSERT_EQ(0, keyseal_blob_parse(blob, len, &b));

	info.serial = id;
	ASSERT_EQ(0, dev_ioctl(self->fd, KEYSEAL_IOC_INFO, &info));
	EXPECT_EQ(KEYSEAL_USAGE_SECRET, info.usage);
	EXPECT_EQ(KEYSEAL_ALG_RAW, info.key_alg);
	EXPECT_EQ(KEYSEAL_FLAG_EXPORTABLE, info.key_flags);
	EXPECT_EQ(b.attrs.provenance, info.provenance);
	EXPECT_EQ(40, info.key_len);
	EXPECT_EQ(0, memcmp(b.attrs.key_id, info.key_id, KEYSEAL_KEY_ID_SIZE));
	EXPECT_EQ(b.attrs.created, info.created);
	EXPECT_EQ(4102444800ULL, info.not_after);
	EXPECT_STREQ("user:kmk", info.parent);
	EXPECT_EQ(0, memcmp(b.parent_fp, info.parent_fingerprint,
			    KEYSEAL_FINGERPRINT_SIZE));

	/* not a sealed key; not a key */
	info.serial = self->kmk;
	EXPECT_EQ(-EKEYREJECTED, dev_ioctl(self->fd, KEYSEAL_IOC_INFO, &info));
	info.serial = 0x7ffffff0;
	EXPECT_EQ(-ENOKEY, dev_ioctl(self->fd, KEYSEAL_IOC_INFO, &info));
}

/* Reserved fields, padding and flags must be zero in every request. */
TEST_F(dev, reserved_fields_must_be_zero)
{
	key_serial_t id = add_sealed("r", "new aead parent=user:kmk");
	struct keyseal_info info = { .serial = id };
	struct keyseal_export exp = { .serial = id,
				      .target = KEYSEAL_TARGET_PARENT };
	struct keyseal_import imp = { 0 };
	struct keyseal_rewrap rw = { .kek = self->kmk };
	struct keyseal_crypt cr = { .serial = id };
	u8 blob[KEYSEAL_BLOB_MAX_SIZE];
	u32 len = sizeof(blob);

	ASSERT_LT(0, id);
	ASSERT_EQ(0, dev_export(self->fd, id, KEYSEAL_TARGET_PARENT, 0, blob,
				&len));
	imp.blob = rw.blob_in = (uintptr_t)blob;
	imp.blob_len = rw.blob_in_len = len;
	imp.keyring = KEY_SPEC_SESSION_KEYRING;

	info.flags = 1;
	EXPECT_EQ(-EINVAL, dev_ioctl(self->fd, KEYSEAL_IOC_INFO, &info));
	info.flags = 0;
	info.__pad = 1;
	EXPECT_EQ(-EINVAL, dev_ioctl(self->fd, KEYSEAL_IOC_INFO, &info));
	info.__pad = 0;
	info.reserved[3] = 1;
	EXPECT_EQ(-EINVAL, dev_ioctl(self->fd, KEYSEAL_IOC_INFO, &info));

	exp.reserved[0] = 1;
	EXPECT_EQ(-EINVAL, dev_ioctl(self->fd, KEYSEAL_IOC_EXPORT, &exp));
	exp.reserved[0] = 0;
	exp.flags = 0x80000000;
	EXPECT_EQ(-EINVAL, dev_ioctl(self->fd, KEYSEAL_IOC_EXPORT, &exp));
	exp.flags = 0;
	exp.__pad = 1;
	EXPECT_EQ(-EINVAL, dev_ioctl(self->fd, KEYSEAL_IOC_EXPORT, &exp));
	exp.__pad = 0;
	exp.target = 0;
	EXPECT_EQ(-EINVAL, dev_ioctl(self->fd, KEYSEAL_IOC_EXPORT, &exp));
	exp.target = 99;
	EXPECT_EQ(-EINVAL, dev_ioctl(self->fd, KEYSEAL_IOC_EXPORT, &exp));
	/* a field of another target */
	exp.target = KEYSEAL_TARGET_PARENT;
	exp.kek = self->kmk;
	EXPECT_EQ(-EINVAL, dev_ioctl(self->fd, KEYSEAL_IOC_EXPORT, &exp));

	imp.reserved[1] = 1;
	EXPECT_EQ(-EINVAL, dev_ioctl(self->fd, KEYSEAL_IOC_IMPORT, &imp));
	imp.reserved[1] = 0;
	imp.__pad = 1;
	EXPECT_EQ(-EINVAL, dev_ioctl(self->fd, KEYSEAL_IOC_IMPORT, &imp));
	imp.__pad = 0;
	imp.serial = 5;		/* an output field, zero on input */
	EXPECT_EQ(-EINVAL, dev_ioctl(self->fd, KEYSEAL_IOC_IMPORT, &imp));
	imp.serial = 0;
	imp.flags = 2;
	EXPECT_EQ(-EINVAL, dev_ioctl(self->fd, KEYSEAL_IOC_IMPORT, &imp));

	rw.reserved[2] = 1;
	EXPECT_EQ(-EINVAL, dev_ioctl(self->fd, KEYSEAL_IOC_REWRAP, &rw));
	rw.reserved[2] = 0;
	rw.__pad = 1;
	EXPECT_EQ(-EINVAL, dev_ioctl(self->fd, KEYSEAL_IOC_REWRAP, &rw));

	cr.__pad2 = 1;
	EXPECT_EQ(-EINVAL, dev_ioctl(self->fd, KEYSEAL_IOC_ENCRYPT, &cr));
	cr.__pad2 = 0;
	cr.reserved[1] = 1;
	EXPECT_EQ(-EINVAL, dev_ioctl(self->fd, KEYSEAL_IOC_DECRYPT, &cr));
}

TEST_F(dev, bad_user_pointers)
{
	key_serial_t id = add_sealed("p", "new aead parent=user:kmk");
	struct keyseal_export exp = { .serial = id,
				      .target = KEYSEAL_TARGET_PARENT,
				      .blob = BAD_POINTER, .blob_len = 4096 };
	struct keyseal_import imp = { .blob = BAD_POINTER, .blob_len = 100,
				      .keyring = KEY_SPEC_SESSION_KEYRING };
	struct keyseal_rewrap rw = { .blob_in = BAD_POINTER,
				     .blob_in_len = 100, .kek = self->kmk };
	struct keyseal_crypt cr = { .serial = id, .in = BAD_POINTER,
				    .in_len = 16, .out_len = 64 };
	u8 out[64];
	unsigned long cmds[] = {
		KEYSEAL_IOC_INFO, KEYSEAL_IOC_EXPORT, KEYSEAL_IOC_IMPORT,
		KEYSEAL_IOC_REWRAP, KEYSEAL_IOC_ENCRYPT, KEYSEAL_IOC_DECRYPT,
	};
	unsigned int i;

	ASSERT_LT(0, id);
	/* the request itself */
	for (i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++)
		EXPECT_EQ(-EFAULT, dev_ioctl(self->fd, cmds[i],
					     (void *)BAD_POINTER));
	/* pointers inside it */
	EXPECT_EQ(-EFAULT, dev_ioctl(self->fd, KEYSEAL_IOC_EXPORT, &exp));
	EXPECT_EQ(-EFAULT, dev_ioctl(self->fd, KEYSEAL_IOC_IMPORT, &imp));
	EXPECT_EQ(-EFAULT, dev_ioctl(self->fd, KEYSEAL_IOC_REWRAP, &rw));
	cr.out = (uintptr_t)out;
	EXPECT_EQ(-EFAULT, dev_ioctl(self->fd, KEYSEAL_IOC_ENCRYPT, &cr));
	cr.in = (uintptr_t)out;
	cr.aad = BAD_POINTER;
	cr.aad_len = 1;
	EXPECT_EQ(-EFAULT, dev_ioctl(self->fd, KEYSEAL_IOC_ENCRYPT, &cr));
	cr.aad_len = 0;
	cr.out = BAD_POINTER;
	EXPECT_EQ(-EFAULT, dev_ioctl(self->fd, KEYSEAL_IOC_ENCRYPT, &cr));
	/* pages that cannot be pinned, for messages encrypted in place */
	{
		u8 *big = malloc(2 * 4096 + 16);
		u32 big_out = 2 * 4096 + 16;
		u8 nonce[KEYSEAL_NONCE_SIZE] = { 0 };

		ASSERT_NE(NULL, big);
		EXPECT_EQ(-EFAULT, dev_crypt(self->fd, true, id,
					     (void *)BAD_POINTER, 2 * 4096,
					     NULL, 0, big, &big_out, nonce));
		EXPECT_EQ(-EFAULT, dev_crypt(self->fd, true, id, big, 2 * 4096,
					     NULL, 0, (void *)BAD_POINTER,
					     &big_out, nonce));
		/* read-only output */
		EXPECT_EQ(-EFAULT, dev_crypt(self->fd, true, id, big, 2 * 4096,
					     NULL, 0, (void *)"read-only",
					     &big_out, nonce));
		free(big);
	}
	imp.blob = (uintptr_t)out;
	imp.description = BAD_POINTER;
	imp.blob_len = sizeof(out);
	EXPECT_EQ(-EFAULT, dev_ioctl(self->fd, KEYSEAL_IOC_IMPORT, &imp));
}

TEST_F(dev, too_small_buffers_say_what_is_needed)
{
	key_serial_t id = add_sealed("s", "new aead parent=user:kmk exportable");
	u8 blob[KEYSEAL_BLOB_MAX_SIZE], nonce[KEYSEAL_NONCE_SIZE] = { 0 };
	char armor[KEYSEAL_ARMOR_MAX_SIZE + 2];
	u32 len = 10, out_len = 20;
	long text_len;

	ASSERT_LT(0, id);
	text_len = read_key(id, armor, sizeof(armor));
	ASSERT_LT(0, text_len);
	EXPECT_EQ(-ERANGE, dev_export(self->fd, id, KEYSEAL_TARGET_PARENT, 0,
				      blob, &len));
	EXPECT_EQ(text_len / 4 * 3 - (armor[text_len - 1] == '=') -
		  (armor[text_len - 2] == '='), len);
	EXPECT_EQ(0, dev_export(self->fd, id, KEYSEAL_TARGET_PARENT, 0, blob,
				&len));
	len = 0;
	EXPECT_EQ(-ERANGE, dev_export(self->fd, id, KEYSEAL_TARGET_KEK,
				      self->kmk2, NULL, &len));
	EXPECT_LT(100, len);

	EXPECT_EQ(-ERANGE, dev_crypt(self->fd, true, id, blob, 5, NULL, 0, blob,
				     &out_len, nonce));
	EXPECT_EQ(5 + KEYSEAL_TAG_SIZE, out_len);
	out_len = 2;
	EXPECT_EQ(-ERANGE, dev_crypt(self->fd, false, id, blob, 20, NULL, 0,
				     blob, &out_len, nonce));
	EXPECT_EQ(4, out_len);
}

TEST_F(dev, export_parent_is_keyctl_read)
{
	char armor[KEYSEAL_ARMOR_MAX_SIZE + 2];
	u8 blob[KEYSEAL_BLOB_MAX_SIZE], from_read[KEYSEAL_BLOB_MAX_SIZE];
	key_serial_t id = add_sealed("e", "new kek parent=user:kmk");
	u32 len = sizeof(blob);
	long n;

	ASSERT_LT(0, id);
	ASSERT_EQ(0, dev_export(self->fd, id, KEYSEAL_TARGET_PARENT, 0, blob,
				&len));
	n = read_key(id, armor, sizeof(armor));
	ASSERT_LT(0, n);
	ASSERT_EQ(len, keyseal_armor_decode(armor, n, from_read,
					    sizeof(from_read)));
	EXPECT_EQ(0, memcmp(blob, from_read, len));
}

TEST_F(dev, export_to_kek_needs_exportable)
{
	key_serial_t fixed, mobile, back;
	u8 blob[KEYSEAL_BLOB_MAX_SIZE];
	struct keyseal_blob b;
	u32 len = sizeof(blob);

	fixed = add_sealed("fixed", "new aead parent=user:kmk");
	mobile = add_sealed("mobile", "new aead parent=user:kmk exportable");
	ASSERT_LT(0, fixed);
	ASSERT_LT(0, mobile);

	EXPECT_EQ(-EPERM, dev_export(self->fd, fixed, KEYSEAL_TARGET_KEK,
				     self->kmk2, blob, &len));
	/* its own parent, named by serial, is its parent */
	len = sizeof(blob);
	EXPECT_EQ(0, dev_export(self->fd, fixed, KEYSEAL_TARGET_KEK,
				self->kmk, blob, &len));
	/* a KEK cannot wrap itself, a data key cannot wrap at all */
	len = sizeof(blob);
	EXPECT_EQ(-EKEYREJECTED, dev_export(self->fd, mobile,
					    KEYSEAL_TARGET_KEK, mobile, blob,
					    &len));
	len = sizeof(blob);
	EXPECT_EQ(-EKEYREJECTED, dev_export(self->fd, mobile,
					    KEYSEAL_TARGET_KEK, fixed, blob,
					    &len));

	len = sizeof(blob);
	ASSERT_EQ(0, dev_export(self->fd, mobile, KEYSEAL_TARGET_KEK,
				self->kmk2, blob, &len));
	ASSERT_EQ(0, keyseal_blob_parse(blob, len, &b));
	EXPECT_EQ(0, memcmp(b.parent, "user:kmk2", 9));
	drop_key(self->kmk);
	back = dev_import(self->fd, blob, len, "moved", 0, 0, NULL, 0);
	EXPECT_LT(0, back);
}

TEST_F(dev, plaintext_export_only_with_flag)
{
	u8 blob[KEYSEAL_BLOB_MAX_SIZE];
	key_serial_t sealed, clear;
	struct keyseal_blob b;
	u32 len = sizeof(blob);

	sealed = add_sealed("sealed", "new secret parent=user:kmk exportable");
	clear = add_sealed("clear", "new secret 20 parent=user:kmk plaintext");
	ASSERT_LT(0, sealed);
	ASSERT_LT(0, clear);
	EXPECT_EQ(-EPERM, dev_export(self->fd, sealed,
				     KEYSEAL_TARGET_PLAINTEXT, 0, blob, &len));
	len = sizeof(blob);
	ASSERT_EQ(0, dev_export(self->fd, clear, KEYSEAL_TARGET_PLAINTEXT, 0,
				blob, &len));
	ASSERT_EQ(0, keyseal_blob_parse(blob, len, &b));
	EXPECT_EQ(KEYSEAL_SCHEME_PLAINTEXT, b.scheme);
	EXPECT_EQ(20, b.body_len);
	/* after restrict, no more */
	ASSERT_EQ(0, update_key(clear, "restrict exportable"));
	len = sizeof(blob);
	EXPECT_EQ(-EPERM, dev_export(self->fd, clear, KEYSEAL_TARGET_PLAINTEXT,
				     0, blob, &len));
}

TEST_F(dev, import_chosen_keyring_and_unwrap_key)
{
	key_serial_t id, ring, got, found;
	u8 blob[KEYSEAL_BLOB_MAX_SIZE];
	struct keyseal_import imp = { 0 };
	u32 len = sizeof(blob);

	id = add_sealed("orig", "new aead parent=user:kmk");
	ASSERT_LT(0, id);
	ASSERT_EQ(0, dev_export(self->fd, id, KEYSEAL_TARGET_PARENT, 0, blob,
				&len));
	ring = add_key("keyring", "store", NULL, 0, KEY_SPEC_SESSION_KEYRING);
	ASSERT_LT(0, ring);

	imp.blob = (uintptr_t)blob;
	imp.blob_len = len;
	imp.keyring = ring;
	imp.description = (uintptr_t)"copy";
	imp.unwrap = self->kmk;
	ASSERT_EQ(0, dev_ioctl(self->fd, KEYSEAL_IOC_IMPORT, &imp));
	got = imp.serial;
	found = keyctl_search(ring, "sealed", "copy", 0);
	EXPECT_EQ(got, found);

	/* the same description again: an existing key is never replaced */
	imp.serial = 0;
	EXPECT_EQ(-EEXIST, dev_ioctl(self->fd, KEYSEAL_IOC_IMPORT, &imp));
	/* the wrong KEK, by serial */
	imp.description = (uintptr_t)"copy2";
	imp.unwrap = self->kmk2;
	EXPECT_EQ(-EKEYREJECTED, dev_ioctl(self->fd, KEYSEAL_IOC_IMPORT, &imp));
	/* a storage parent makes no sense for a blob under a KEK */
	imp.unwrap = 0;
	imp.parent = self->kmk2;
	EXPECT_EQ(-EINVAL, dev_ioctl(self->fd, KEYSEAL_IOC_IMPORT, &imp));
	imp.parent = 0;
	/* a key is not a keyring */
	imp.keyring = self->kmk;
	EXPECT_EQ(-ENOTDIR, dev_ioctl(self->fd, KEYSEAL_IOC_IMPORT, &imp));
	/* garbage */
	imp.keyring = ring;
	blob[len - 1] ^= 1;
	EXPECT_EQ(-EBADMSG, dev_ioctl(self->fd, KEYSEAL_IOC_IMPORT, &imp));
	imp.blob_len = KEYSEAL_BLOB_MAX_SIZE + 1;
	EXPECT_EQ(-EINVAL, dev_ioctl(self->fd, KEYSEAL_IOC_IMPORT, &imp));
	imp.blob_len = 0;
	EXPECT_EQ(-EINVAL, dev_ioctl(self->fd, KEYSEAL_IOC_IMPORT, &imp));
}

TEST_F(dev, rewrap_creates_no_key)
{
	u8 in[KEYSEAL_BLOB_MAX_SIZE], out[KEYSEAL_BLOB_MAX_SIZE];
	unsigned int keys0, bytes0, keys1, bytes1;
	struct keyseal_rewrap rw = { 0 };
	key_serial_t fixed, mobile;
	struct keyseal_blob b;
	u32 len = sizeof(in);

	fixed = add_sealed("fixed", "new aead parent=user:kmk");
	mobile = add_sealed("mobile", "new secret parent=user:kmk exportable");
	ASSERT_LT(0, fixed);
	ASSERT_LT(0, mobile);

	ASSERT_EQ(0, dev_export(self->fd, mobile, KEYSEAL_TARGET_PARENT, 0, in,
				&len));
	rw.blob_in = (uintptr_t)in;
	rw.blob_in_len = len;
	rw.kek = self->kmk2;
	rw.blob_out = (uintptr_t)out;
	rw.blob_out_len = sizeof(out);
	/* earlier tests' keys are still being collected: wait for them */
	ASSERT_EQ(0, key_quota_settle(10000));
	ASSERT_EQ(0, key_quota(&keys0, &bytes0));
	ASSERT_EQ(0, dev_ioctl(self->fd, KEYSEAL_IOC_REWRAP, &rw));
	ASSERT_EQ(0, key_quota(&keys1, &bytes1));
	EXPECT_EQ(keys0, keys1);
	EXPECT_EQ(bytes0, bytes1);
	ASSERT_EQ(0, keyseal_blob_parse(out, rw.blob_out_len, &b));
	EXPECT_EQ(0, memcmp(b.parent, "user:kmk2", 9));
	drop_key(mobile);
	drop_key(self->kmk);
	EXPECT_LT(0, dev_import(self->fd, out, rw.blob_out_len, "mobile", 0, 0,
				NULL, 0));

	/* a key that is not exportable stays under its parent */
	self->kmk = add_random_user_key("kmk", ROOT_KEK_SIZE);
	fixed = add_sealed("fixed2", "new aead parent=user:kmk");
	ASSERT_LT(0, fixed);
	len = sizeof(in);
	ASSERT_EQ(0, dev_export(self->fd, fixed, KEYSEAL_TARGET_PARENT, 0, in,
				&len));
	rw.blob_in_len = len;
	rw.blob_out_len = sizeof(out);
	EXPECT_EQ(-EPERM, dev_ioctl(self->fd, KEYSEAL_IOC_REWRAP, &rw));
	/* re-sealing under the same parent is allowed */
	rw.kek = self->kmk;
	EXPECT_EQ(0, dev_ioctl(self->fd, KEYSEAL_IOC_REWRAP, &rw));
	/* tampered input */
	in[len - 3] ^= 0x40;
	rw.blob_out_len = sizeof(out);
	EXPECT_EQ(-EBADMSG, dev_ioctl(self->fd, KEYSEAL_IOC_REWRAP, &rw));
	rw.kek = 0;
	EXPECT_EQ(-EINVAL, dev_ioctl(self->fd, KEYSEAL_IOC_REWRAP, &rw));
}

static void crypt_round_trip(struct __test_metadata *_metadata, int fd,
			     key_serial_t id, size_t size)
{
	u8 *plain = malloc(size + 1), *sealed = malloc(size + 16);
	u8 *opened = malloc(size + 1), nonce[KEYSEAL_NONCE_SIZE] = { 0 };
	static const char aad[] = "header";
	u32 out_len = size + 16, open_len = size;
	size_t i;

	ASSERT_NE(NULL, plain);
	ASSERT_NE(NULL, sealed);
	ASSERT_NE(NULL, opened);
	for (i = 0; i < size; i++)
		plain[i] = i * 7 + 3;
	ASSERT_EQ(0, dev_crypt(fd, true, id, plain, size, aad, sizeof(aad),
			       sealed, &out_len, nonce))
		TH_LOG("size %zu", size);
	ASSERT_EQ(size + 16, out_len);
	ASSERT_EQ(0, dev_crypt(fd, false, id, sealed, out_len, aad, sizeof(aad),
			       opened, &open_len, nonce));
	ASSERT_EQ(size, open_len);
	EXPECT_EQ(0, memcmp(plain, opened, size));

	/* ciphertext, tag, aad and nonce are all bound */
	open_len = size;
	sealed[size / 2] ^= 1;
	EXPECT_EQ(-EBADMSG, dev_crypt(fd, false, id, sealed, out_len, aad,
				      sizeof(aad), opened, &open_len, nonce));
	sealed[size / 2] ^= 1;
	sealed[size + 15] ^= 0x80;
	EXPECT_EQ(-EBADMSG, dev_crypt(fd, false, id, sealed, out_len, aad,
				      sizeof(aad), opened, &open_len, nonce));
	sealed[size + 15] ^= 0x80;
	EXPECT_EQ(-EBADMSG, dev_crypt(fd, false, id, sealed, out_len, aad,
				      sizeof(aad) - 1, opened, &open_len,
				      nonce));
	nonce[0] ^= 1;
	EXPECT_EQ(-EBADMSG, dev_crypt(fd, false, id, sealed, out_len, aad,
				      sizeof(aad), opened, &open_len, nonce));
	free(plain);
	free(sealed);
	free(opened);
}

TEST_F(dev, encrypt_decrypt_sizes)
{
	static const size_t sizes[] = { 0, 1, 4096, KEYSEAL_CRYPT_MAX };
	key_serial_t k16, k32;
	unsigned int i;

	k16 = add_sealed("k16", "new aead 16 parent=user:kmk");
	k32 = add_sealed("k32", "new aead 32 parent=user:kmk");
	ASSERT_LT(0, k16);
	ASSERT_LT(0, k32);
	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		crypt_round_trip(_metadata, self->fd, k16, sizes[i]);
		crypt_round_trip(_metadata, self->fd, k32, sizes[i]);
	}
}

/* Without associated data, at sizes that take the copying and pinned ways. */
TEST_F(dev, encrypt_without_aad)
{
	static const size_t sizes[] = { 0, 100, 4096, 70000 };
	key_serial_t id = add_sealed("na", "new aead parent=user:kmk");
	u8 *plain = calloc(1, 70000), *sealed = malloc(70016);
	u8 *opened = malloc(70000);
	unsigned int i;

	ASSERT_LT(0, id);
	ASSERT_NE(NULL, plain);
	ASSERT_NE(NULL, sealed);
	ASSERT_NE(NULL, opened);
	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		u8 nonce[KEYSEAL_NONCE_SIZE] = { 0 };
		u32 len = sizes[i] + 16, open_len = sizes[i];

		plain[sizes[i] / 2] = i + 1;
		ASSERT_EQ(0, dev_crypt(self->fd, true, id, plain, sizes[i],
				       NULL, 0, sealed, &len, nonce))
			TH_LOG("size %zu", sizes[i]);
		ASSERT_EQ(0, dev_crypt(self->fd, false, id, sealed, len, NULL,
				       0, opened, &open_len, nonce));
		EXPECT_EQ(0, memcmp(plain, opened, sizes[i]));
	}
	free(plain);
	free(sealed);
	free(opened);
}

/* A caller may encrypt in place; the result decrypts like any other. */
TEST_F(dev, encrypt_in_place)
{
	key_serial_t id = add_sealed("ip", "new aead parent=user:kmk");
	size_t size = 65536, i;
	u8 *buf = malloc(size + 16), *copy = malloc(size);
	u8 nonce[KEYSEAL_NONCE_SIZE] = { 0 };
	u32 len = size + 16, open_len = size;

	ASSERT_LT(0, id);
	ASSERT_NE(NULL, buf);
	ASSERT_NE(NULL, copy);
	for (i = 0; i < size; i++)
		buf[i] = copy[i] = i ^ (i >> 8);
	ASSERT_EQ(0, dev_crypt(self->fd, true, id, buf, size, "a", 1, buf, &len,
			       nonce));
	EXPECT_NE(0, memcmp(buf, copy, size));
	ASSERT_EQ(0, dev_crypt(self->fd, false, id, buf, len, "a", 1, buf,
			       &open_len, nonce));
	EXPECT_EQ(0, memcmp(buf, copy, size));
	free(buf);
	free(copy);
}

TEST_F(dev, encrypt_limits_and_nonces)
{
	u8 n1[KEYSEAL_NONCE_SIZE] = { 0 }, n2[KEYSEAL_NONCE_SIZE] = { 0 };
	u8 buf[64], out[64 + 16];
	key_serial_t id = add_sealed("l", "new aead parent=user:kmk");
	u32 out_len = sizeof(out);

	ASSERT_LT(0, id);
	/* a fresh nonce every time */
	ASSERT_EQ(0, dev_crypt(self->fd, true, id, buf, 16, NULL, 0, out,
			       &out_len, n1));
	out_len = sizeof(out);
	ASSERT_EQ(0, dev_crypt(self->fd, true, id, buf, 16, NULL, 0, out,
			       &out_len, n2));
	EXPECT_NE(0, memcmp(n1, n2, sizeof(n1)));
	/* too long, too short */
	out_len = sizeof(out);
	EXPECT_EQ(-EINVAL, dev_crypt(self->fd, true, id, buf,
				     KEYSEAL_CRYPT_MAX + 1, NULL, 0, out,
				     &out_len, n1));
	EXPECT_EQ(-EINVAL, dev_crypt(self->fd, false, id, buf,
				     KEYSEAL_TAG_SIZE - 1, NULL, 0, out,
				     &out_len, n1));
	EXPECT_EQ(-EINVAL, dev_crypt(self->fd, true, id, buf, 16, buf,
				     KEYSEAL_CRYPT_MAX + 1, out, &out_len, n1));
}

/* No confusion between wrapping and data keys (PKCS#11's classic attacks). */
TEST_F(dev, only_aead_keys_touch_data)
{
	u8 buf[64], out[64 + 16], nonce[KEYSEAL_NONCE_SIZE] = { 0 };
	key_serial_t kek, secret;
	u32 out_len = sizeof(out);

	kek = add_sealed("kek", "new kek parent=user:kmk");
	secret = add_sealed("sec", "new secret parent=user:kmk");
	ASSERT_LT(0, kek);
	ASSERT_LT(0, secret);
	memset(buf, 0, sizeof(buf));
	EXPECT_EQ(-EKEYREJECTED, dev_crypt(self->fd, true, kek, buf, 32, NULL,
					   0, out, &out_len, nonce));
	EXPECT_EQ(-EKEYREJECTED, dev_crypt(self->fd, false, kek, buf, 48, NULL,
					   0, out, &out_len, nonce));
	EXPECT_EQ(-EKEYREJECTED, dev_crypt(self->fd, true, secret, buf, 32,
					   NULL, 0, out, &out_len, nonce));
	EXPECT_EQ(-EKEYREJECTED, dev_crypt(self->fd, true, self->kmk, buf, 32,
					   NULL, 0, out, &out_len, nonce));
}

/* The aead key loaded back from its blob decrypts what it encrypted. */
TEST_F(dev, aead_key_survives_round_trip)
{
	char armor[KEYSEAL_ARMOR_MAX_SIZE + 2];
	static const char secret[] = "attack at dawn";
	u8 sealed[sizeof(secret) + 16], opened[sizeof(secret)];
	u8 nonce[KEYSEAL_NONCE_SIZE] = { 0 };
	u32 len = sizeof(sealed), open_len = sizeof(opened);
	key_serial_t id;

	id = add_sealed("dk", "new aead parent=user:kmk");
	ASSERT_LT(0, id);
	ASSERT_EQ(0, dev_crypt(self->fd, true, id, secret, sizeof(secret), NULL,
			       0, sealed, &len, nonce));
	ASSERT_LT(0, read_key(id, armor, sizeof(armor)));
	drop_key(id);
	id = load_armor("dk", armor, NULL);
	ASSERT_LT(0, id);
	ASSERT_EQ(0, dev_crypt(self->fd, false, id, sealed, len, NULL, 0,
			       opened, &open_len, nonce));
	EXPECT_STREQ(secret, (char *)opened);

	/* a new key of the same name does not */
	drop_key(id);
	id = add_sealed("dk", "new aead parent=user:kmk");
	open_len = sizeof(opened);
	EXPECT_EQ(-EBADMSG, dev_crypt(self->fd, false, id, sealed, len, NULL, 0,
				      opened, &open_len, nonce));
}

/* The kernel's AES-GCM agrees with OpenSSL's on the exported key. */
TEST_F(dev, plaintext_export_matches_openssl)
{
	static const char msg[] = "interoperable";
	u8 sealed[sizeof(msg) + 16], opened[sizeof(msg)];
	u8 blob[KEYSEAL_BLOB_MAX_SIZE], nonce[KEYSEAL_NONCE_SIZE] = { 0 };
	u32 len = sizeof(sealed), blob_len = sizeof(blob);
	struct keyseal_blob b;
	EVP_CIPHER_CTX *ctx;
	key_serial_t id;
	int n, m;

	id = add_sealed("pt", "new aead 32 parent=user:kmk plaintext");
	ASSERT_LT(0, id);
	ASSERT_EQ(0, dev_crypt(self->fd, true, id, msg, sizeof(msg), "ad", 2,
			       sealed, &len, nonce));
	ASSERT_EQ(0, dev_export(self->fd, id, KEYSEAL_TARGET_PLAINTEXT, 0,
				blob, &blob_len));
	ASSERT_EQ(0, keyseal_blob_parse(blob, blob_len, &b));
	ASSERT_EQ(32, b.body_len);

	ctx = EVP_CIPHER_CTX_new();
	ASSERT_NE(NULL, ctx);
	ASSERT_EQ(1, EVP_DecryptInit_ex(ctx, EVP_aes_256_gcm(), NULL, b.body,
					nonce));
	ASSERT_EQ(1, EVP_DecryptUpdate(ctx, NULL, &n, (const u8 *)"ad", 2));
	ASSERT_EQ(1, EVP_DecryptUpdate(ctx, opened, &n, sealed, sizeof(msg)));
	ASSERT_EQ(1, EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_SET_TAG, 16,
					 sealed + sizeof(msg)));
	EXPECT_EQ(1, EVP_DecryptFinal_ex(ctx, opened + n, &m));
	EVP_CIPHER_CTX_free(ctx);
	EXPECT_STREQ(msg, (char *)opened);
}

/* Another uid gets nothing out of keys it has no permission on. */
TEST_F(dev, other_uid_is_refused)
{
	key_serial_t id, ring;
	int status;
	pid_t pid;

	id = add_sealed("mine", "new aead parent=user:kmk exportable");
	ASSERT_LT(0, id);
	ring = add_key("keyring", "closed", NULL, 0, KEY_SPEC_SESSION_KEYRING);
	ASSERT_LT(0, ring);
	ASSERT_EQ(0, keyctl_setperm(id, KEY_POS_ALL | KEY_USR_VIEW));
	ASSERT_EQ(0, keyctl_setperm(ring, KEY_POS_ALL | KEY_USR_VIEW));

	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		u8 blob[KEYSEAL_BLOB_MAX_SIZE], nonce[KEYSEAL_NONCE_SIZE] = { 0 };
		u32 len = sizeof(blob), out_len = sizeof(blob);
		struct keyseal_info info = { .serial = id };
		key_serial_t got;

		if (setgid(1000) || setuid(1000) || new_session())
			_exit(2);
		if (dev_ioctl(self->fd, KEYSEAL_IOC_INFO, &info) != -EACCES)
			_exit(3);
		if (dev_export(self->fd, id, KEYSEAL_TARGET_PARENT, 0, blob,
			       &len) != -EACCES)
			_exit(4);
		if (dev_crypt(self->fd, true, id, blob, 16, NULL, 0, blob + 100,
			      &out_len, nonce) != -EACCES)
			_exit(5);
		/* nor import into another user's keyring */
		len = 200;
		memset(blob, 0, len);
		if (add_random_user_key("k", 32) < 0)
			_exit(6);
		got = add_sealed("x", "new aead parent=user:k");
		if (got < 0)
			_exit(7);
		len = sizeof(blob);
		if (dev_export(self->fd, got, KEYSEAL_TARGET_PARENT, 0, blob,
			       &len))
			_exit(8);
		{
			struct keyseal_import imp = {
				.blob = (uintptr_t)blob, .blob_len = len,
				.keyring = ring,
				.description = (uintptr_t)"intruder",
			};

			if (dev_ioctl(self->fd, KEYSEAL_IOC_IMPORT, &imp) !=
			    -EACCES)
				_exit(9);
		}
		_exit(0);
	}
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	EXPECT_EQ(0, WEXITSTATUS(status));
}

TEST_HARNESS_MAIN
