// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of the keystore's files (userspace/cli/keystore.c): which
 * descriptions can be file names, which files of a directory are the
 * keystore's, and the order that loads every KEK before the keys under it.
 */

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kselftest_harness.h"

#include "../cli/keystore.c"

TEST(descriptions_that_are_file_names)
{
	char longest[KEYSTORE_NAME_MAX + 2];

	EXPECT_TRUE(keystore_name_ok("vol"));
	EXPECT_TRUE(keystore_name_ok("disk-kek"));
	EXPECT_TRUE(keystore_name_ok("aead:0123abcd"));
	EXPECT_TRUE(keystore_name_ok("a.b_c-d+e@f"));
	EXPECT_FALSE(keystore_name_ok(""));
	EXPECT_FALSE(keystore_name_ok("."));
	EXPECT_FALSE(keystore_name_ok(".."));
	EXPECT_FALSE(keystore_name_ok(".hidden"));
	EXPECT_FALSE(keystore_name_ok("a/b"));
	EXPECT_FALSE(keystore_name_ok("../etc"));
	EXPECT_FALSE(keystore_name_ok("with space"));
	EXPECT_FALSE(keystore_name_ok("tab\there"));
	EXPECT_FALSE(keystore_name_ok("new\nline"));
	EXPECT_FALSE(keystore_name_ok("caf\xc3\xa9"));
	EXPECT_FALSE(keystore_name_ok("a*b"));
	memset(longest, 'k', sizeof(longest));
	longest[KEYSTORE_NAME_MAX] = '\0';
	EXPECT_TRUE(keystore_name_ok(longest));
	longest[KEYSTORE_NAME_MAX] = 'k';
	longest[KEYSTORE_NAME_MAX + 1] = '\0';
	EXPECT_FALSE(keystore_name_ok(longest));
}

static void touch(const char *dir, const char *name)
{
	char path[512];
	int fd;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	fd = open(path, O_CREAT | O_WRONLY | O_TRUNC, 0600);
	if (fd >= 0)
		close(fd);
}

static void remove_tree(const char *dir)
{
	char cmd[600];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	if (system(cmd))
		fprintf(stderr, "cannot remove %s\n", dir);
}

TEST(the_keystore_is_its_blob_files_by_name)
{
	char dir[] = "/tmp/keystore-test-XXXXXX";
	struct keystore_entry *e = NULL;
	size_t n = 99;

	ASSERT_NE(NULL, mkdtemp(dir));
	touch(dir, "vol.blob");
	touch(dir, "disk-kek.blob");
	touch(dir, "aead:00ff.blob");
	/* A save in progress, other files, a name no key can have. */
	touch(dir, ".vol.blob.keyseal-AbCdEf");
	touch(dir, "README");
	touch(dir, "vol.blob~");
	touch(dir, ".blob");
	touch(dir, "bad name.blob");
	ASSERT_EQ(0, keystore_scan(dir, &e, &n));
	ASSERT_EQ(4, n);
	EXPECT_STREQ("aead:00ff.blob", e[0].file);
	EXPECT_STREQ("aead:00ff", e[0].desc);
	EXPECT_STREQ("bad name.blob", e[1].file);
	EXPECT_STREQ("", e[1].desc);
	EXPECT_STREQ("disk-kek.blob", e[2].file);
	EXPECT_STREQ("disk-kek", e[2].desc);
	EXPECT_STREQ("vol.blob", e[3].file);
	EXPECT_STREQ("vol", e[3].desc);
	free(e);
	remove_tree(dir);
}

TEST(an_empty_or_missing_keystore)
{
	char dir[] = "/tmp/keystore-test-XXXXXX";
	struct keystore_entry *e = (void *)1;
	size_t n = 99;

	ASSERT_NE(NULL, mkdtemp(dir));
	ASSERT_EQ(0, keystore_scan(dir, &e, &n));
	EXPECT_EQ(0, n);
	EXPECT_EQ(NULL, e);
	remove_tree(dir);
	EXPECT_EQ(-ENOENT, keystore_scan(dir, &e, &n));
}

static void entry(struct keystore_entry *e, const char *desc,
		  const char *parent)
{
	memset(e, 0, sizeof(*e));
	snprintf(e->file, sizeof(e->file), "%s.blob", desc);
	snprintf(e->desc, sizeof(e->desc), "%s", desc);
	snprintf(e->parent, sizeof(e->parent), "%s", parent);
}

TEST(parents_load_first)
{
	struct keystore_entry e[6];
	size_t i;

	/* By name, "a-data" would come first, under "z-kek", under "m-kek". */
	entry(&e[0], "a-data", "sealed:z-kek");
	entry(&e[1], "b-data", "logon:keyseal:root");
	entry(&e[2], "m-kek", "logon:keyseal:root");
	entry(&e[3], "z-kek", "sealed:m-kek");
	entry(&e[4], "c-data", "sealed:m-kek");
	entry(&e[5], "d-data", "sealed:not-in-the-keystore");
	for (i = 0; i < 6; i++)
		e[i].index = i;
	keystore_order(e, 6);
	EXPECT_STREQ("b-data", e[0].desc);
	EXPECT_STREQ("d-data", e[1].desc);
	EXPECT_STREQ("m-kek", e[2].desc);
	EXPECT_STREQ("c-data", e[3].desc);
	EXPECT_STREQ("z-kek", e[4].desc);
	EXPECT_STREQ("a-data", e[5].desc);
	EXPECT_EQ(0, e[2].depth);
	EXPECT_EQ(1, e[4].depth);
	EXPECT_EQ(2, e[5].depth);
	/* The caller's index moves with its entry. */
	EXPECT_EQ(0, e[5].index);
	EXPECT_EQ(2, e[2].index);
}

TEST(a_parent_is_named_by_its_type_too)
{
	struct keystore_entry e[2];

	/* "user:kek" is no sealed key: the file kek.blob is not its parent. */
	entry(&e[0], "a", "user:kek");
	entry(&e[1], "kek", "sealed:b");
	keystore_order(e, 2);
	EXPECT_STREQ("a", e[0].desc);
	EXPECT_STREQ("kek", e[1].desc);
}

TEST(a_cycle_ends)
{
	struct keystore_entry e[3];

	entry(&e[0], "x", "sealed:y");
	entry(&e[1], "y", "sealed:x");
	entry(&e[2], "z", "sealed:x");
	keystore_order(e, 3);
	EXPECT_GE(3, e[0].depth);
	EXPECT_GE(3, e[1].depth);
	EXPECT_GE(3, e[2].depth);
	/* An entry that cannot be read (no parent) sorts as a root. */
	entry(&e[0], "p", "");
	keystore_order(e, 1);
	EXPECT_EQ(0, e[0].depth);
}

TEST(errno_symbols)
{
	EXPECT_STREQ("ENOKEY", errno_symbol(ENOKEY));
	EXPECT_STREQ("EBADMSG", errno_symbol(EBADMSG));
	EXPECT_STREQ("EKEYREJECTED", errno_symbol(EKEYREJECTED));
	EXPECT_EQ(NULL, errno_symbol(EXDEV));
}

TEST_HARNESS_MAIN
