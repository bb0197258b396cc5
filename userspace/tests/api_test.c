// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Unit tests of libkeyseal's entry points that need no module: argument
 * checks (made before any request reaches the kernel), offline inspection,
 * key names, and what happens where keyseal is not loaded.
 *
 * Requests that pass the checks are sent to /dev/null, which knows no ioctl
 * (ENOTTY, which the library reports as -EOPNOTSUPP): a check that is
 * missing shows up as -EOPNOTSUPP where -EINVAL was expected.
 */

#include <fcntl.h>
#include <keyutils.h>
#include <sched.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <unistd.h>

#include "kselftest_harness.h"

#include "blobs.h"
#include "internal.h"

FIXTURE(null_dev) {
	struct keyseal ks;
	u8 blob[KEYSEAL_BLOB_MAX_SIZE];
	size_t len;
};

FIXTURE_SETUP(null_dev)
{
	self->ks.fd = open("/dev/null", O_RDWR | O_CLOEXEC);
	ASSERT_LE(0, self->ks.fd);
	self->len = test_blob(self->blob, sizeof(self->blob));
	ASSERT_EQ(173, self->len);
}

FIXTURE_TEARDOWN(null_dev)
{
	close(self->ks.fd);
}

TEST_F(null_dev, info_and_pubkey)
{
	struct keyseal_key_info info;
	struct keyseal_public_key pk;

	EXPECT_EQ(-EOPNOTSUPP, keyseal_info(&self->ks, 1, &info));
	EXPECT_EQ(-EINVAL, keyseal_info(NULL, 1, &info));
	EXPECT_EQ(-EINVAL, keyseal_info(&self->ks, 1, NULL));
	EXPECT_EQ(-EOPNOTSUPP, keyseal_pubkey(&self->ks, 1, &pk));
	EXPECT_EQ(-EINVAL, keyseal_pubkey(&self->ks, 1, NULL));
}

TEST_F(null_dev, bridge_arguments)
{
	struct keyseal *ks = &self->ks;
	int32_t serial = 7;

	EXPECT_EQ(-EOPNOTSUPP, keyseal_bridge(ks, 5, KEYSEAL_BRIDGE_LOGON,
					      "cryptsetup:vol", 0, 64, &serial));
	EXPECT_EQ(-EOPNOTSUPP, keyseal_bridge(ks, 5, KEYSEAL_BRIDGE_FSCRYPT,
					      "fscrypt:home", 0, 0, &serial));
	EXPECT_EQ(-EINVAL, keyseal_bridge(NULL, 5, KEYSEAL_BRIDGE_LOGON,
					  "cryptsetup:vol", 0, 0, &serial));
	EXPECT_EQ(-EINVAL, keyseal_bridge(ks, 5, 0, "cryptsetup:vol", 0, 0,
					  &serial));
	EXPECT_EQ(-EINVAL, keyseal_bridge(ks, 5, 3, "cryptsetup:vol", 0, 0,
					  &serial));
	EXPECT_EQ(-EINVAL, keyseal_bridge(ks, 5, KEYSEAL_BRIDGE_LOGON, NULL, 0,
					  0, &serial));
	EXPECT_EQ(-EINVAL, keyseal_bridge(ks, 5, KEYSEAL_BRIDGE_LOGON, "", 0, 0,
					  &serial));
	EXPECT_EQ(-EINVAL, keyseal_bridge(ks, 5, KEYSEAL_BRIDGE_LOGON,
					  "cryptsetup:vol", 0, 0, NULL));
	/* Nothing is set on failure. */
	EXPECT_EQ(7, serial);
}

TEST_F(null_dev, encrypt_arguments)
{
	u8 in[64] = { 0 }, out[64 + KEYSEAL_TAG_SIZE], nonce[KEYSEAL_NONCE_SIZE];
	size_t out_len = sizeof(out);
	struct keyseal *ks = &self->ks;

	EXPECT_EQ(-EOPNOTSUPP, keyseal_encrypt(ks, 5, in, 64, "a", 1, out,
					       &out_len, nonce));
	EXPECT_EQ(-EOPNOTSUPP, keyseal_encrypt(ks, 5, NULL, 0, NULL, 0, out,
					       &out_len, nonce));
	/* too long, also where a 32-bit field would have wrapped */
	EXPECT_EQ(-EINVAL, keyseal_encrypt(ks, 5, in, KEYSEAL_CRYPT_MAX + 1,
					   NULL, 0, out, &out_len, nonce));
	EXPECT_EQ(-EINVAL, keyseal_encrypt(ks, 5, in, (size_t)UINT32_MAX + 2,
					   NULL, 0, out, &out_len, nonce));
	EXPECT_EQ(-EINVAL, keyseal_encrypt(ks, 5, in, 1, in,
					   KEYSEAL_CRYPT_MAX + 1, out,
					   &out_len, nonce));
	EXPECT_EQ(-EINVAL, keyseal_encrypt(ks, 5, in, 1, in,
					   ((size_t)1 << 32) + 1, out,
					   &out_len, nonce));
	/* pointers missing for a length */
	EXPECT_EQ(-EINVAL, keyseal_encrypt(ks, 5, NULL, 1, NULL, 0, out,
					   &out_len, nonce));
	EXPECT_EQ(-EINVAL, keyseal_encrypt(ks, 5, in, 1, NULL, 1, out,
					   &out_len, nonce));
	EXPECT_EQ(-EINVAL, keyseal_encrypt(ks, 5, in, 1, NULL, 0, out,
					   &out_len, NULL));
	EXPECT_EQ(-EINVAL, keyseal_encrypt(ks, 5, in, 1, NULL, 0, out, NULL,
					   nonce));
	EXPECT_EQ(-EINVAL, keyseal_encrypt(NULL, 5, in, 1, NULL, 0, out,
					   &out_len, nonce));
	EXPECT_EQ(sizeof(out), out_len);
	/* the room needed, asked for with no buffer at all */
	out_len = 0;
	EXPECT_EQ(-ERANGE, keyseal_encrypt(ks, 5, in, 64, NULL, 0, NULL,
					   &out_len, nonce));
	EXPECT_EQ(64 + KEYSEAL_TAG_SIZE, out_len);
	out_len = 64 + KEYSEAL_TAG_SIZE - 1;
	EXPECT_EQ(-ERANGE, keyseal_encrypt(ks, 5, in, 64, NULL, 0, out,
					   &out_len, nonce));
	EXPECT_EQ(64 + KEYSEAL_TAG_SIZE, out_len);
	EXPECT_EQ(-EINVAL, keyseal_encrypt(ks, 5, in, 64, NULL, 0, NULL,
					   &out_len, nonce));
}

TEST_F(null_dev, decrypt_arguments)
{
	u8 in[64] = { 0 }, out[64], nonce[KEYSEAL_NONCE_SIZE] = { 0 };
	size_t out_len = sizeof(out);
	struct keyseal *ks = &self->ks;

	EXPECT_EQ(-EOPNOTSUPP, keyseal_decrypt(ks, 5, in, 64, NULL, 0, nonce,
					       out, &out_len));
	/* exactly a tag: an empty plaintext, no output buffer needed */
	out_len = 0;
	EXPECT_EQ(-EOPNOTSUPP, keyseal_decrypt(ks, 5, in, KEYSEAL_TAG_SIZE,
					       NULL, 0, nonce, NULL,
					       &out_len));
	EXPECT_EQ(-EINVAL, keyseal_decrypt(ks, 5, in, KEYSEAL_TAG_SIZE - 1,
					   NULL, 0, nonce, out, &out_len));
	EXPECT_EQ(-EINVAL, keyseal_decrypt(ks, 5, in, KEYSEAL_CRYPT_MAX +
					   KEYSEAL_TAG_SIZE + 1, NULL, 0,
					   nonce, out, &out_len));
	EXPECT_EQ(-EINVAL, keyseal_decrypt(ks, 5, in, ((size_t)1 << 32) + 32,
					   NULL, 0, nonce, out, &out_len));
	EXPECT_EQ(-EINVAL, keyseal_decrypt(ks, 5, in, 64, NULL, 0, NULL, out,
					   &out_len));
	EXPECT_EQ(-EINVAL, keyseal_decrypt(ks, 5, in, 64, NULL, 7, nonce, out,
					   &out_len));
	out_len = 47;
	EXPECT_EQ(-ERANGE, keyseal_decrypt(ks, 5, in, 64, NULL, 0, nonce, out,
					   &out_len));
	EXPECT_EQ(48, out_len);
}

TEST_F(null_dev, export_targets)
{
	struct keyseal_public_key pk = { .kem = KEYSEAL_KEM_X25519_HKDF_SHA256,
					 .len = 32 };
	struct keyseal_export_target t = { 0 };
	u8 out[KEYSEAL_BLOB_MAX_SIZE];
	size_t len = sizeof(out);
	struct keyseal *ks = &self->ks;

	EXPECT_EQ(-EOPNOTSUPP, keyseal_export(ks, 5, NULL, out, &len));
	t.type = KEYSEAL_TARGET_PARENT;
	EXPECT_EQ(-EOPNOTSUPP, keyseal_export(ks, 5, &t, out, &len));
	t.kek = 7;
	EXPECT_EQ(-EINVAL, keyseal_export(ks, 5, &t, out, &len));
	t.type = KEYSEAL_TARGET_KEK;
	EXPECT_EQ(-EOPNOTSUPP, keyseal_export(ks, 5, &t, out, &len));
	t.sender = 3;
	EXPECT_EQ(-EINVAL, keyseal_export(ks, 5, &t, out, &len));
	t.sender = 0;
	t.kek = 0;
	EXPECT_EQ(-EINVAL, keyseal_export(ks, 5, &t, out, &len));
	t.type = KEYSEAL_TARGET_PLAINTEXT;
	EXPECT_EQ(-EOPNOTSUPP, keyseal_export(ks, 5, &t, out, &len));
	t.recipient = &pk;
	EXPECT_EQ(-EINVAL, keyseal_export(ks, 5, &t, out, &len));
	t.type = KEYSEAL_TARGET_RECIPIENT;
	t.sender = 9;
	EXPECT_EQ(-EOPNOTSUPP, keyseal_export(ks, 5, &t, out, &len));
	pk.len = 0;
	EXPECT_EQ(-EINVAL, keyseal_export(ks, 5, &t, out, &len));
	pk.len = KEYSEAL_P256_PUBLIC_SIZE + 1;
	EXPECT_EQ(-EINVAL, keyseal_export(ks, 5, &t, out, &len));
	t.recipient = NULL;
	EXPECT_EQ(-EINVAL, keyseal_export(ks, 5, &t, out, &len));
	t.type = 0;
	EXPECT_EQ(-EINVAL, keyseal_export(ks, 5, &t, out, &len));
	t.type = KEYSEAL_TARGET_RECIPIENT + 1;
	EXPECT_EQ(-EINVAL, keyseal_export(ks, 5, &t, out, &len));
	EXPECT_EQ(-EINVAL, keyseal_export(ks, 5, NULL, NULL, &len));
	EXPECT_EQ(-EINVAL, keyseal_export(ks, 5, NULL, out, NULL));
	EXPECT_EQ(sizeof(out), len);
}

TEST_F(null_dev, import_arguments)
{
	struct keyseal_public_key pk = { .kem = KEYSEAL_KEM_P256_HKDF_SHA256,
					 .len = 65 };
	struct keyseal_import_params p = { 0 };
	char text[KEYSEAL_TEXT_MAX];
	size_t text_len = sizeof(text);
	struct keyseal *ks = &self->ks;
	int32_t serial = 0;

	ASSERT_EQ(0, keyseal_blob_encode(self->blob, self->len,
					 KEYSEAL_FORM_TEXT, text, &text_len));
	EXPECT_EQ(-EOPNOTSUPP, keyseal_import(ks, self->blob, self->len, NULL,
					      &serial));
	EXPECT_EQ(-EOPNOTSUPP, keyseal_import(ks, text, text_len, &p,
					      &serial));
	p.expected_sender = &pk;
	EXPECT_EQ(-EOPNOTSUPP, keyseal_import(ks, text, text_len, &p,
					      &serial));
	pk.len = 0;
	EXPECT_EQ(-EINVAL, keyseal_import(ks, text, text_len, &p, &serial));
	p.expected_sender = NULL;
	p.unwrap = -1;
	EXPECT_EQ(-EINVAL, keyseal_import(ks, text, text_len, &p, &serial));
	p.unwrap = 0;
	p.parent = KEY_SPEC_SESSION_KEYRING;
	EXPECT_EQ(-EINVAL, keyseal_import(ks, text, text_len, &p, &serial));
	p.parent = 0;
	EXPECT_EQ(-EINVAL, keyseal_import(ks, text, text_len - 1, &p,
					  &serial));
	EXPECT_EQ(-EINVAL, keyseal_import(ks, self->blob, self->len - 1, &p,
					  &serial));
	EXPECT_EQ(-EINVAL, keyseal_import(ks, NULL, 0, &p, &serial));
	EXPECT_EQ(-EINVAL, keyseal_import(ks, text, text_len, &p, NULL));
	EXPECT_EQ(0, serial);
}

TEST_F(null_dev, rewrap_arguments)
{
	u8 out[KEYSEAL_BLOB_MAX_SIZE];
	size_t len = sizeof(out);
	struct keyseal *ks = &self->ks;

	EXPECT_EQ(-EOPNOTSUPP, keyseal_rewrap(ks, self->blob, self->len, 0, 9,
					      out, &len));
	EXPECT_EQ(-EINVAL, keyseal_rewrap(ks, self->blob, self->len, 0, 0, out,
					  &len));
	EXPECT_EQ(-EINVAL, keyseal_rewrap(ks, self->blob, self->len, 0,
					  KEY_SPEC_USER_KEYRING, out, &len));
	EXPECT_EQ(-EINVAL, keyseal_rewrap(ks, self->blob, self->len, -1, 9, out,
					  &len));
	EXPECT_EQ(-EINVAL, keyseal_rewrap(ks, self->blob, 10, 0, 9, out,
					  &len));
	EXPECT_EQ(-EINVAL, keyseal_rewrap(ks, self->blob, self->len, 0, 9, NULL,
					  &len));
	EXPECT_EQ(sizeof(out), len);
}

TEST(inspect_kek_blob)
{
	struct keyseal_blob_info info;
	u8 blob[KEYSEAL_BLOB_MAX_SIZE];
	size_t len = test_blob(blob, sizeof(blob));

	ASSERT_EQ(0, keyseal_blob_inspect(blob, len, &info));
	EXPECT_EQ(KEYSEAL_SCHEME_KEK, info.scheme);
	EXPECT_EQ(KEYSEAL_USAGE_AEAD, info.usage);
	EXPECT_EQ(KEYSEAL_ALG_AES_GCM, info.key_alg);
	EXPECT_EQ(KEYSEAL_FLAG_EXPORTABLE, info.key_flags);
	EXPECT_EQ(KEYSEAL_ORIGIN_GENERATED | KEYSEAL_PROV_ALWAYS_SENSITIVE,
		  info.provenance);
	EXPECT_EQ(32, info.key_len);
	EXPECT_EQ(0, info.kem_id);
	EXPECT_EQ(0x9b, info.key_id[0]);
	EXPECT_EQ(16, info.key_id[15]);
	EXPECT_EQ(1700000000, info.created);
	EXPECT_EQ(4102444800ULL, info.not_after);
	EXPECT_STREQ("user:kmk", info.parent);
	EXPECT_EQ(0x42, info.parent_fingerprint[2]);
	EXPECT_EQ(0, info.sender_public_len);

	EXPECT_EQ(-EINVAL, keyseal_blob_inspect(blob, len - 1, &info));
	blob[10] = KEYSEAL_FLAG_PLAINTEXT;	/* without exportable */
	EXPECT_EQ(-EINVAL, keyseal_blob_inspect(blob, len, &info));
}

TEST(inspect_recipient_blob)
{
	static const u8 material[32] = { 1, 2, 3 };
	u8 recipient_sk[32], sender_sk[32], fp[KEYSEAL_FINGERPRINT_SIZE];
	u8 blob[KEYSEAL_BLOB_MAX_SIZE];
	struct keyseal_private_key rsk, ssk;
	struct keyseal_public_key rpk, spk;
	struct keyseal_blob_info info;
	struct keyseal_wrap_key key = {
		.usage = KEYSEAL_USAGE_AEAD,
		.key_flags = KEYSEAL_FLAG_EXPORTABLE,
		.material = material,
		.len = sizeof(material),
	};
	size_t len = sizeof(blob);

	memset(recipient_sk, 0x11, sizeof(recipient_sk));
	memset(sender_sk, 0x22, sizeof(sender_sk));
	ASSERT_EQ(0, keyseal_private_key_from_raw(
			KEYSEAL_KEM_X25519_HKDF_SHA256, recipient_sk, 32, &rsk));
	ASSERT_EQ(0, keyseal_private_key_from_raw(
			KEYSEAL_KEM_X25519_HKDF_SHA256, sender_sk, 32, &ssk));
	ASSERT_EQ(0, keyseal_private_key_public(&rsk, &rpk));
	ASSERT_EQ(0, keyseal_private_key_public(&ssk, &spk));
	ASSERT_EQ(0, keyseal_wrap_to_recipient(&key, &rpk, &ssk, blob, &len));

	ASSERT_EQ(0, keyseal_blob_inspect(blob, len, &info));
	EXPECT_EQ(KEYSEAL_SCHEME_HPKE_AUTH, info.scheme);
	EXPECT_EQ(KEYSEAL_KEM_X25519_HKDF_SHA256, info.kem_id);
	EXPECT_EQ(KEYSEAL_ORIGIN_EXTERNAL, info.provenance);
	EXPECT_STREQ("", info.parent);
	ASSERT_EQ(0, keyseal_public_key_fingerprint(&rpk, fp));
	EXPECT_EQ(0, memcmp(fp, info.recipient_fingerprint, sizeof(fp)));
	ASSERT_EQ(32, info.sender_public_len);
	EXPECT_EQ(0, memcmp(spk.key, info.sender_public, 32));
	keyseal_private_key_wipe(&rsk);
	keyseal_private_key_wipe(&ssk);
}

TEST(find_serials_and_special_keyrings)
{
	static const char *const bad[] = {
		"", "0", "#0", "-1", "+1", "01", "12a", "2147483648", "@",
		"@x", "@S", "%", "%user", "%user:", "%:kmk", " 1",
	};
	int32_t serial = 0;
	size_t i;

	EXPECT_EQ(0, keyseal_key_find("123456", &serial));
	EXPECT_EQ(123456, serial);
	EXPECT_EQ(0, keyseal_key_find("#2147483647", &serial));
	EXPECT_EQ(2147483647, serial);
	EXPECT_EQ(0, keyseal_key_find("@s", &serial));
	EXPECT_EQ(KEY_SPEC_SESSION_KEYRING, serial);
	EXPECT_EQ(0, keyseal_key_find("@us", &serial));
	EXPECT_EQ(KEY_SPEC_USER_SESSION_KEYRING, serial);
	EXPECT_EQ(0, keyseal_key_find("@t", &serial));
	EXPECT_EQ(KEY_SPEC_THREAD_KEYRING, serial);
	serial = 77;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		EXPECT_EQ(-EINVAL, keyseal_key_find(bad[i], &serial))
			TH_LOG("case %zu", i);
	EXPECT_EQ(-EINVAL, keyseal_key_find(NULL, &serial));
	EXPECT_EQ(-EINVAL, keyseal_key_find("1", NULL));
	EXPECT_EQ(77, serial);
}

/* In a session keyring of its own, as keyctl session would give. */
FIXTURE(session) {
	key_serial_t ring;
};

FIXTURE_SETUP(session)
{
	self->ring = keyctl_join_session_keyring(NULL);
	ASSERT_LT(0, self->ring);
}

FIXTURE_TEARDOWN(session)
{
}

TEST_F(session, find_by_description)
{
	key_serial_t id, sub, nested;
	int32_t serial = 0;

	id = add_key("user", "ks-api-test", "0123456789abcdef", 16,
		     KEY_SPEC_SESSION_KEYRING);
	ASSERT_LT(0, id);
	EXPECT_EQ(0, keyseal_key_find("%user:ks-api-test", &serial));
	EXPECT_EQ(id, serial);
	EXPECT_EQ(-ENOKEY, keyseal_key_find("%user:ks-api-missing", &serial));
	EXPECT_EQ(-ENOKEY, keyseal_key_find("%logon:ks-api-test", &serial));
	/* keyrings below the session keyring are searched too */
	sub = add_key("keyring", "ks-sub", NULL, 0, KEY_SPEC_SESSION_KEYRING);
	ASSERT_LT(0, sub);
	nested = add_key("user", "ks-nested", "x", 1, sub);
	ASSERT_LT(0, nested);
	EXPECT_EQ(0, keyseal_key_find("%user:ks-nested", &serial));
	EXPECT_EQ(nested, serial);
	EXPECT_EQ(0, keyseal_key_find("%keyring:ks-sub", &serial));
	EXPECT_EQ(sub, serial);
	/* a revoked key is found, and says so */
	ASSERT_EQ(0, keyctl_revoke(id));
	EXPECT_EQ(-EKEYREVOKED, keyseal_key_find("%user:ks-api-test",
						 &serial));
}

TEST_F(session, list_without_sealed_keys)
{
	int32_t *serials = (int32_t *)1;
	key_serial_t sub;
	size_t count = 99;

	sub = add_key("keyring", "ks-sub", NULL, 0, KEY_SPEC_SESSION_KEYRING);
	ASSERT_LT(0, sub);
	ASSERT_LT(0, add_key("user", "ks-u", "x", 1, sub));
	EXPECT_EQ(0, keyseal_key_list(&serials, &count));
	EXPECT_EQ(0, count);
	EXPECT_EQ(NULL, serials);
	EXPECT_EQ(-EINVAL, keyseal_key_list(NULL, &count));
	EXPECT_EQ(-EINVAL, keyseal_key_list(&serials, NULL));
}

/* keyctl commands are checked before add_key(2) is ever called. */
TEST_F(session, keyctl_arguments)
{
	struct keyseal_key_spec spec = { .usage = KEYSEAL_USAGE_AEAD,
					  .parent = "user:a b" };
	struct keyseal_load_params lp = { .parent = "user:kmk\texportable" };
	u8 blob[KEYSEAL_BLOB_MAX_SIZE], material[16] = { 0 };
	size_t len = test_blob(blob, sizeof(blob));
	int32_t serial = 0;

	EXPECT_EQ(-EINVAL, keyseal_key_generate(&spec, "k", 0, &serial));
	EXPECT_EQ(-EINVAL, keyseal_key_generate(NULL, "k", 0, &serial));
	spec.parent = NULL;
	EXPECT_EQ(-EINVAL, keyseal_key_generate(&spec, "k", 0, NULL));
	EXPECT_EQ(-EINVAL, keyseal_key_import_material(&spec, material, 15,
						       "k", 0, &serial));
	EXPECT_EQ(-EINVAL, keyseal_key_load(blob, len, &lp, "k", 0, &serial));
	EXPECT_EQ(-EINVAL, keyseal_key_load(blob, len - 1, NULL, "k", 0,
					    &serial));
	EXPECT_EQ(-EINVAL, keyseal_key_rewrap(1, "user:k exportable"));
	EXPECT_EQ(-EINVAL, keyseal_key_restrict(1, 0x10));
	EXPECT_EQ(0, serial);
}

static int keyseal_loaded(void)
{
	return access(KEYSEAL_DEVICE, F_OK) == 0;
}

/* Without the module: no key type, no device. */
TEST_F(session, without_the_module)
{
	struct keyseal_key_spec spec = { .usage = KEYSEAL_USAGE_AEAD };
	u8 blob[KEYSEAL_BLOB_MAX_SIZE];
	size_t len = test_blob(blob, sizeof(blob));
	struct keyseal *ks = NULL;
	int32_t serial = 0;

	if (keyseal_loaded())
		SKIP(return, "keyseal is loaded on this machine");
	EXPECT_EQ(-ENODEV, keyseal_key_generate(&spec, NULL, 0, &serial));
	EXPECT_EQ(-ENODEV, keyseal_key_load(blob, len, NULL, "k", 0, &serial));
	EXPECT_EQ(-ENOENT, keyseal_open(&ks));
	EXPECT_EQ(NULL, ks);
	EXPECT_EQ(0, serial);
}

/*
 * keyseal_open() where /dev/keyseal is absent, and where a stale device
 * node has no driver behind it; in a mount namespace of its own with a
 * /dev made for the test, so it holds whether or not keyseal is loaded
 * here. Returns what the child found, as an exit status.
 */
static int open_in_private_dev(int stale_node)
{
	struct keyseal *ks = NULL;
	int status, ret;
	pid_t pid;

	pid = fork();
	if (pid < 0)
		return 100;
	if (pid == 0) {
		if (unshare(CLONE_NEWNS) ||
		    mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) ||
		    mount("none", "/dev", "tmpfs", 0, "mode=0755"))
			_exit(200);
		/* An experimental major no driver registers. */
		if (stale_node && mknod(KEYSEAL_DEVICE, S_IFCHR | 0666,
					makedev(240, 77)))
			_exit(201);
		ret = keyseal_open(&ks);
		_exit(ret == -ENOENT && !ks ? 0 : 1);
	}
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return 100;
	return WEXITSTATUS(status);
}

TEST(open_without_device)
{
	int ret = open_in_private_dev(0);

	if (ret == 200)
		SKIP(return, "no private mount namespace here");
	EXPECT_EQ(0, ret);
}

TEST(open_stale_device_node)
{
	int ret = open_in_private_dev(1);

	if (ret == 200 || ret == 201)
		SKIP(return, "no private mount namespace or mknod here");
	EXPECT_EQ(0, ret);
}

TEST(open_and_close_arguments)
{
	EXPECT_EQ(-EINVAL, keyseal_open(NULL));
	keyseal_close(NULL);
}

TEST_HARNESS_MAIN
