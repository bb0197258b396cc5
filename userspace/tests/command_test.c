// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Unit tests of the keyctl command parser shared with the module.
 */

#include <string.h>

#include "kselftest_harness.h"

#include "command.h"
#include "usage.h"

static int parse(const char *text, struct keyseal_cmd *cmd)
{
	return keyseal_cmd_parse(text, strlen(text), cmd);
}

TEST(new_defaults)
{
	struct keyseal_cmd cmd;

	ASSERT_EQ(0, parse("new aead", &cmd));
	EXPECT_EQ(KEYSEAL_CMD_NEW, cmd.verb);
	EXPECT_EQ(KEYSEAL_USAGE_AEAD, cmd.usage);
	EXPECT_EQ(32, cmd.key_len);
	EXPECT_EQ(0, cmd.key_flags);
	EXPECT_EQ(0, cmd.not_after);
	EXPECT_EQ(NULL, cmd.parent.name);
	EXPECT_EQ(0, cmd.parent.serial);
}

TEST(new_with_every_option)
{
	struct keyseal_cmd cmd;

	ASSERT_EQ(0, parse("new secret 512 parent=logon:keyseal:root plaintext "
			   "notafter=4102444800\n", &cmd));
	EXPECT_EQ(KEYSEAL_USAGE_SECRET, cmd.usage);
	EXPECT_EQ(512, cmd.key_len);
	EXPECT_EQ(KEYSEAL_FLAG_PLAINTEXT | KEYSEAL_FLAG_EXPORTABLE,
		  cmd.key_flags);
	EXPECT_EQ(4102444800ULL, cmd.not_after);
	ASSERT_EQ(18, cmd.parent.name_len);
	EXPECT_EQ(0, memcmp(cmd.parent.name, "logon:keyseal:root", 18));
}

TEST(new_sizes)
{
	static const struct { const char *text; int ret; } cases[] = {
		{ "new aead 16", 0 }, { "new aead 32", 0 },
		{ "new aead 24", -EINVAL }, { "new aead 0", -EINVAL },
		{ "new kek 32", 0 }, { "new kek 16", -EINVAL },
		{ "new secret 16", 0 }, { "new secret 15", -EINVAL },
		{ "new secret 513", -EINVAL }, { "new secret 99999", -EINVAL },
		{ "new secret 18446744073709551617", -EINVAL },
		{ "new secret 032", -EINVAL }, { "new x25519", 0 },
		{ "new p256 32", 0 }, { "new p256 64", -EINVAL },
	};
	struct keyseal_cmd cmd;
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		EXPECT_EQ(cases[i].ret, parse(cases[i].text, &cmd))
			TH_LOG("case %zu", i);
}

TEST(malformed_commands)
{
	static const char *const bad[] = {
		"", " ", "frobnicate", "new", "new rsa", "new aead exportable "
		"exportable", "new aead parent=user:a parent=user:b",
		"new aead parent=", "new aead parent=user", "new aead parent=:x",
		"new aead parent=user:", "new aead notafter=0",
		"new aead notafter=-1", "new aead notafter=12x",
		"new aead notafter=99999999999999999999999", "new aead bogus",
		"new aead sender=00", "load", "load Zm9v sender=0g",
		"load Zm9v exportable", "import aead", "import aead 00112233",
		"import aead zz", "import aead 0", "rewrap", "rewrap exportable",
		"rewrap parent=user:kmk parent=user:kmk",
		"restrict parent=user:x", "restrict exportable exportable",
		"new\001aead", "new aead\r", "NEW aead", "new aead parent=#0",
		"new aead parent=#", "new aead parent=#-1", "new aead parent=#01",
		"new aead parent=#2147483648", "new aead recipient=user:x",
		"rewrap recipient=user:x",
	};
	struct keyseal_cmd cmd;
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		EXPECT_EQ(-EINVAL, parse(bad[i], &cmd)) TH_LOG("case %zu", i);
}

TEST(overlong_input)
{
	static char text[KEYSEAL_CMD_MAX_SIZE + 2];
	struct keyseal_cmd cmd;

	memset(text, 'A', sizeof(text) - 1);
	memcpy(text, "load ", 5);
	EXPECT_EQ(-EINVAL, parse(text, &cmd));
	/* a parent name of 256 characters */
	memset(text, 'a', sizeof(text) - 1);
	memcpy(text, "new aead parent=user:", 21);
	text[16 + 256] = '\0';
	EXPECT_EQ(-EINVAL, parse(text, &cmd));
	text[16 + 255] = '\0';
	EXPECT_EQ(0, parse(text, &cmd));
	/* a NUL inside the payload */
	EXPECT_EQ(-EINVAL, keyseal_cmd_parse("new aead\0x", 10, &cmd));
}

TEST(import_hex)
{
	struct keyseal_cmd cmd;
	u8 out[16];

	ASSERT_EQ(0, parse("import aead 000102030405060708090a0B0c0D0e0F "
			   "exportable", &cmd));
	EXPECT_EQ(KEYSEAL_CMD_IMPORT, cmd.verb);
	EXPECT_EQ(16, cmd.key_len);
	EXPECT_EQ(32, cmd.data_len);
	ASSERT_EQ(16, keyseal_hex_decode(cmd.data, cmd.data_len, out,
					 sizeof(out)));
	EXPECT_EQ(0x0b, out[11]);
	EXPECT_EQ(0x0f, out[15]);
}

TEST(load_rewrap_restrict)
{
	struct keyseal_cmd cmd;

	ASSERT_EQ(0, parse("load S1NCTA== parent=user:kmk sender=0400ff", &cmd));
	EXPECT_EQ(KEYSEAL_CMD_LOAD, cmd.verb);
	EXPECT_EQ(8, cmd.data_len);
	EXPECT_EQ(3, cmd.sender_pk_len);
	EXPECT_EQ(0xff, cmd.sender_pk[2]);

	ASSERT_EQ(0, parse("rewrap parent=sealed:child", &cmd));
	EXPECT_EQ(KEYSEAL_CMD_REWRAP, cmd.verb);
	EXPECT_EQ(12, cmd.parent.name_len);

	ASSERT_EQ(0, parse("load S1NCTA== parent=#123 recipient=#2147483647",
			   &cmd));
	EXPECT_EQ(123, cmd.parent.serial);
	EXPECT_EQ(NULL, cmd.parent.name);
	EXPECT_EQ(2147483647, cmd.recipient.serial);
	ASSERT_EQ(0, parse("load S1NCTA== recipient=sealed:xch", &cmd));
	EXPECT_EQ(10, cmd.recipient.name_len);

	ASSERT_EQ(0, parse("restrict", &cmd));
	EXPECT_EQ(KEYSEAL_CMD_RESTRICT, cmd.verb);
	EXPECT_EQ(0, cmd.key_flags);
	ASSERT_EQ(0, parse("restrict exportable", &cmd));
	EXPECT_EQ(KEYSEAL_FLAG_EXPORTABLE, cmd.key_flags);
}

TEST(usage_names)
{
	EXPECT_EQ(KEYSEAL_USAGE_P256, keyseal_usage_from_name("p256", 4));
	EXPECT_EQ(-EINVAL, keyseal_usage_from_name("p25", 3));
	EXPECT_STREQ("x25519", keyseal_usage_name(KEYSEAL_USAGE_X25519));
	EXPECT_STREQ("unknown", keyseal_usage_name(0));
	EXPECT_STREQ("unknown", keyseal_usage_name(200));
}

TEST_HARNESS_MAIN
