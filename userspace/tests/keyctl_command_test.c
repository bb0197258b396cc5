// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Unit tests of the keyctl commands libkeyseal builds: exact text for what
 * is asked, and -EINVAL for any argument that would change the command's
 * words (a space, a tab, a newline, a second option) or is out of range.
 */

#include <string.h>

#include "kselftest_harness.h"

#include "blobs.h"
#include "command.h"
#include "internal.h"

#define CMD_SIZE (KEYSEAL_CMD_MAX_SIZE + 1)

static const char *const injections[] = {
	"user:kmk exportable", "user:kmk\texportable", "user:kmk\nplaintext",
	"user:kmk notafter=1", "user:k\r", "user:k\x7f", "user:k\xc3\xa9",
	"user:", ":kmk", "user", "", " user:kmk", "#0", "#01", "#-1", "#+1",
	"#2147483648", "#12a", "# 12", "#", "##1",
};

TEST(new_exact)
{
	struct keyseal_key_spec spec = { .usage = KEYSEAL_USAGE_AEAD };
	char cmd[CMD_SIZE];

	EXPECT_EQ(11, ks_build_new(&spec, cmd, sizeof(cmd)));
	EXPECT_STREQ("new aead 32", cmd);

	spec = (struct keyseal_key_spec){
		.usage = KEYSEAL_USAGE_SECRET, .key_len = 64,
		.key_flags = KEYSEAL_FLAG_EXPORTABLE,
		.not_after = 4102444800ULL, .parent = "user:kmk",
	};
	ASSERT_LT(0, ks_build_new(&spec, cmd, sizeof(cmd)));
	EXPECT_STREQ("new secret 64 parent=user:kmk exportable "
		     "notafter=4102444800", cmd);

	/* plaintext brings exportable, with or without asking */
	spec = (struct keyseal_key_spec){
		.usage = KEYSEAL_USAGE_KEK, .parent = "#2147483647",
		.key_flags = KEYSEAL_FLAG_PLAINTEXT,
	};
	ASSERT_LT(0, ks_build_new(&spec, cmd, sizeof(cmd)));
	EXPECT_STREQ("new kek 32 parent=#2147483647 plaintext", cmd);
	spec.key_flags = KEYSEAL_FLAGS_ALL;
	ASSERT_LT(0, ks_build_new(&spec, cmd, sizeof(cmd)));
	EXPECT_STREQ("new kek 32 parent=#2147483647 plaintext", cmd);

	spec = (struct keyseal_key_spec){ .usage = KEYSEAL_USAGE_AEAD,
					  .key_len = 16,
					  .parent = "sealed:a:b" };
	ASSERT_LT(0, ks_build_new(&spec, cmd, sizeof(cmd)));
	EXPECT_STREQ("new aead 16 parent=sealed:a:b", cmd);
}

TEST(new_rejects_injection_and_ranges)
{
	struct keyseal_key_spec spec = { .usage = KEYSEAL_USAGE_AEAD };
	char cmd[CMD_SIZE], parent[KEYSEAL_PARENT_MAX + 2];
	size_t i;

	for (i = 0; i < sizeof(injections) / sizeof(injections[0]); i++) {
		spec.parent = injections[i];
		EXPECT_EQ(-EINVAL, ks_build_new(&spec, cmd, sizeof(cmd)))
			TH_LOG("parent '%s'", injections[i]);
	}
	/* a name of 255 characters is the longest */
	memset(parent, 'k', sizeof(parent) - 1);
	memcpy(parent, "user:", 5);
	parent[KEYSEAL_PARENT_MAX + 1] = '\0';
	spec.parent = parent;
	EXPECT_EQ(-EINVAL, ks_build_new(&spec, cmd, sizeof(cmd)));
	parent[KEYSEAL_PARENT_MAX] = '\0';
	EXPECT_LT(0, ks_build_new(&spec, cmd, sizeof(cmd)));
	spec.parent = NULL;

	spec.usage = 0;
	EXPECT_EQ(-EINVAL, ks_build_new(&spec, cmd, sizeof(cmd)));
	spec.usage = KEYSEAL_USAGE_P256 + 1;
	EXPECT_EQ(-EINVAL, ks_build_new(&spec, cmd, sizeof(cmd)));
	spec.usage = KEYSEAL_USAGE_AEAD;
	spec.key_flags = 0x04;
	EXPECT_EQ(-EINVAL, ks_build_new(&spec, cmd, sizeof(cmd)));
	spec.key_flags = 0;
	spec.key_len = 24;
	EXPECT_EQ(-EINVAL, ks_build_new(&spec, cmd, sizeof(cmd)));
	spec.usage = KEYSEAL_USAGE_KEK;
	spec.key_len = 16;
	EXPECT_EQ(-EINVAL, ks_build_new(&spec, cmd, sizeof(cmd)));
	spec.usage = KEYSEAL_USAGE_SECRET;
	spec.key_len = KEYSEAL_SECRET_MIN - 1;
	EXPECT_EQ(-EINVAL, ks_build_new(&spec, cmd, sizeof(cmd)));
	spec.key_len = KEYSEAL_SECRET_MAX + 1;
	EXPECT_EQ(-EINVAL, ks_build_new(&spec, cmd, sizeof(cmd)));
	spec.key_len = KEYSEAL_SECRET_MAX;
	EXPECT_LT(0, ks_build_new(&spec, cmd, sizeof(cmd)));
	EXPECT_EQ(-EINVAL, ks_build_new(NULL, cmd, sizeof(cmd)));
}

TEST(new_needs_room)
{
	struct keyseal_key_spec spec = { .usage = KEYSEAL_USAGE_AEAD };
	char cmd[12];

	EXPECT_EQ(-ERANGE, ks_build_new(&spec, cmd, 11));
	EXPECT_EQ(11, ks_build_new(&spec, cmd, 12));
	EXPECT_EQ(-EINVAL, ks_build_new(&spec, cmd, 0));
}

TEST(import_exact)
{
	static const u8 material[16] = {
		0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07,
		0x08, 0x09, 0x0a, 0x0b, 0xfc, 0xfd, 0xfe, 0xff,
	};
	struct keyseal_key_spec spec = {
		.usage = KEYSEAL_USAGE_AEAD, .parent = "logon:keyseal:root",
		.key_flags = KEYSEAL_FLAG_EXPORTABLE,
	};
	char cmd[CMD_SIZE];

	ASSERT_LT(0, ks_build_import(&spec, material, sizeof(material), cmd,
				     sizeof(cmd)));
	EXPECT_STREQ("import aead 000102030405060708090a0bfcfdfeff "
		     "parent=logon:keyseal:root exportable", cmd);
	/* the length must suit the usage, and agree with key_len */
	EXPECT_EQ(-EINVAL, ks_build_import(&spec, material, 15, cmd,
					   sizeof(cmd)));
	spec.key_len = 32;
	EXPECT_EQ(-EINVAL, ks_build_import(&spec, material, 16, cmd,
					   sizeof(cmd)));
	spec.key_len = 16;
	spec.parent = "user:a b";
	EXPECT_EQ(-EINVAL, ks_build_import(&spec, material, 16, cmd,
					   sizeof(cmd)));
	spec.parent = NULL;
	EXPECT_EQ(-EINVAL, ks_build_import(&spec, NULL, 16, cmd,
					   sizeof(cmd)));
	EXPECT_EQ(-ERANGE, ks_build_import(&spec, material, 16, cmd, 32));
}

TEST(load_exact)
{
	struct keyseal_public_key sender = { .kem = 0x20, .len = 3,
					     .key = { 0x04, 0x00, 0xff } };
	struct keyseal_load_params params = {
		.parent = "#5", .recipient = "sealed:xch", .sender = &sender,
	};
	u8 blob[KEYSEAL_BLOB_MAX_SIZE];
	char cmd[CMD_SIZE], pem[KEYSEAL_PEM_MAX];
	char text[KEYSEAL_TEXT_MAX], want[CMD_SIZE];
	size_t len = test_blob(blob, sizeof(blob)), n;

	ASSERT_EQ(173, len);
	n = sizeof(text);
	ASSERT_EQ(0, keyseal_blob_encode(blob, len, KEYSEAL_FORM_TEXT, text,
					 &n));
	snprintf(want, sizeof(want), "load %s", text);
	EXPECT_EQ((int)strlen(want), ks_build_load(blob, len, NULL, cmd,
						   sizeof(cmd)));
	EXPECT_STREQ(want, cmd);

	snprintf(want, sizeof(want),
		 "load %s parent=#5 recipient=sealed:xch sender=0400ff", text);
	EXPECT_EQ((int)strlen(want), ks_build_load(blob, len, &params, cmd,
						   sizeof(cmd)));
	EXPECT_STREQ(want, cmd);

	/* any form in, the same command out */
	n = sizeof(pem);
	ASSERT_EQ(0, keyseal_blob_encode(blob, len, KEYSEAL_FORM_PEM, pem, &n));
	EXPECT_EQ((int)strlen(want), ks_build_load(pem, n, &params, cmd,
						   sizeof(cmd)));
	EXPECT_STREQ(want, cmd);
}

TEST(load_rejects_injection)
{
	struct keyseal_public_key sender = { .kem = 0x20, .len = 0 };
	struct keyseal_load_params params = { 0 };
	u8 blob[KEYSEAL_BLOB_MAX_SIZE];
	size_t len = test_blob(blob, sizeof(blob)), i;
	char cmd[CMD_SIZE];

	for (i = 0; i < sizeof(injections) / sizeof(injections[0]); i++) {
		params.parent = injections[i];
		params.recipient = NULL;
		EXPECT_EQ(-EINVAL, ks_build_load(blob, len, &params, cmd,
						 sizeof(cmd)))
			TH_LOG("parent '%s'", injections[i]);
		params.parent = NULL;
		params.recipient = injections[i];
		EXPECT_EQ(-EINVAL, ks_build_load(blob, len, &params, cmd,
						 sizeof(cmd)))
			TH_LOG("recipient '%s'", injections[i]);
	}
	params.recipient = NULL;
	params.sender = &sender;
	EXPECT_EQ(-EINVAL, ks_build_load(blob, len, &params, cmd,
					 sizeof(cmd)));
	sender.len = KEYSEAL_P256_PUBLIC_SIZE + 1;
	EXPECT_EQ(-EINVAL, ks_build_load(blob, len, &params, cmd,
					 sizeof(cmd)));
	/* a blob with a word after it is no blob */
	EXPECT_EQ(-EINVAL, ks_build_load("S1NCTA== parent=user:x", 22, NULL,
					 cmd, sizeof(cmd)));
	EXPECT_EQ(-EINVAL, ks_build_load(blob, len - 1, NULL, cmd,
					 sizeof(cmd)));
	EXPECT_EQ(-ERANGE, ks_build_load(blob, len, NULL, cmd, 100));
}

TEST(rewrap_exact_and_rejects_injection)
{
	char cmd[CMD_SIZE];
	size_t i;

	EXPECT_EQ(25, ks_build_rewrap("sealed:kek2", cmd, sizeof(cmd)));
	EXPECT_STREQ("rewrap parent=sealed:kek2", cmd);
	EXPECT_LT(0, ks_build_rewrap("#42", cmd, sizeof(cmd)));
	EXPECT_STREQ("rewrap parent=#42", cmd);
	for (i = 0; i < sizeof(injections) / sizeof(injections[0]); i++)
		EXPECT_EQ(-EINVAL, ks_build_rewrap(injections[i], cmd,
						   sizeof(cmd)))
			TH_LOG("parent '%s'", injections[i]);
	EXPECT_EQ(-EINVAL, ks_build_rewrap(NULL, cmd, sizeof(cmd)));
}

TEST(restrict_exact)
{
	char cmd[64];

	EXPECT_EQ(8, ks_build_restrict(0, cmd, sizeof(cmd)));
	EXPECT_STREQ("restrict", cmd);
	EXPECT_LT(0, ks_build_restrict(KEYSEAL_FLAG_EXPORTABLE, cmd,
				       sizeof(cmd)));
	EXPECT_STREQ("restrict exportable", cmd);
	EXPECT_LT(0, ks_build_restrict(KEYSEAL_FLAG_PLAINTEXT, cmd,
				       sizeof(cmd)));
	EXPECT_STREQ("restrict plaintext", cmd);
	EXPECT_LT(0, ks_build_restrict(KEYSEAL_FLAGS_ALL, cmd, sizeof(cmd)));
	EXPECT_STREQ("restrict plaintext", cmd);
	EXPECT_EQ(-EINVAL, ks_build_restrict(0x04, cmd, sizeof(cmd)));
	EXPECT_EQ(-EINVAL, ks_build_restrict(0x80, cmd, sizeof(cmd)));
	EXPECT_EQ(-ERANGE, ks_build_restrict(KEYSEAL_FLAG_EXPORTABLE, cmd, 10));
}

TEST(key_names)
{
	EXPECT_EQ(1, ks_key_name_valid("user:kmk"));
	EXPECT_EQ(1, ks_key_name_valid("#1"));
	EXPECT_EQ(1, ks_key_name_valid("logon:keyseal:root"));
	EXPECT_EQ(0, ks_key_name_valid(NULL));
	EXPECT_EQ(0, ks_key_name_valid("#0"));
	EXPECT_EQ(0, ks_key_name_valid("user:a b"));
}

TEST_HARNESS_MAIN
