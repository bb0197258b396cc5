// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of how the keyseal command tells why an input is no blob
 * (userspace/cli/diagnose.c): not one at all, cut short, with bytes after
 * it, of another version, malformed, or whole in a text form keyseal does
 * not read.
 */

#include <stdio.h>
#include <string.h>

#include "kselftest_harness.h"

#include "blobs.h"
#include "keyseal.h"

#include "../cli/diagnose.c"

/* The known blob: 52 + 1 + 8 ("user:kmk") + 32 + 32 bytes of header. */
#define KAT_LEN		173
#define KAT_PARENT_END	61

FIXTURE(kat) {
	u8 blob[KEYSEAL_BLOB_MAX_SIZE + 16];
	size_t len;
	char text[KEYSEAL_TEXT_MAX + 1];
	char pem[KEYSEAL_PEM_MAX];
	struct blob_diagnosis d;
};

FIXTURE_SETUP(kat)
{
	size_t n;

	self->len = test_blob(self->blob, KEYSEAL_BLOB_MAX_SIZE);
	ASSERT_EQ(KAT_LEN, self->len);
	n = sizeof(self->text);
	ASSERT_EQ(0, keyseal_blob_encode(self->blob, self->len,
					 KEYSEAL_FORM_TEXT, self->text, &n));
	n = sizeof(self->pem);
	ASSERT_EQ(0, keyseal_blob_encode(self->blob, self->len,
					 KEYSEAL_FORM_PEM, self->pem, &n));
}

FIXTURE_TEARDOWN(kat)
{
}

static void diagnose_string(const char *s, struct blob_diagnosis *d)
{
	diagnose_blob((const uint8_t *)s, strlen(s), d);
}

TEST_F(kat, a_whole_blob_is_sound_in_every_form)
{
	diagnose_blob(self->blob, self->len, &self->d);
	EXPECT_EQ(BLOB_SOUND, self->d.fault);
	diagnose_string(self->text, &self->d);
	EXPECT_EQ(BLOB_SOUND, self->d.fault);
	diagnose_string(self->pem, &self->d);
	EXPECT_EQ(BLOB_SOUND, self->d.fault);
}

TEST_F(kat, cut_after_the_parent_name_is_truncated_with_its_length)
{
	size_t n;

	for (n = KAT_PARENT_END; n < KAT_LEN; n++) {
		diagnose_blob(self->blob, n, &self->d);
		ASSERT_EQ(BLOB_TRUNCATED, self->d.fault)
			TH_LOG("cut to %zu bytes", n);
		ASSERT_EQ(n, self->d.len);
		ASSERT_EQ(KAT_LEN, self->d.want);
	}
}

TEST_F(kat, cut_inside_the_fixed_header_is_truncated)
{
	size_t n;

	for (n = KEYSEAL_BLOB_MAGIC_SIZE; n < KEYSEAL_BLOB_FIXED_SIZE; n++) {
		diagnose_blob(self->blob, n, &self->d);
		ASSERT_EQ(BLOB_TRUNCATED, self->d.fault)
			TH_LOG("cut to %zu bytes", n);
		ASSERT_EQ(n, self->d.len);
		ASSERT_EQ(0, self->d.want);
	}
}

TEST_F(kat, bytes_after_the_blob_are_named)
{
	size_t extra;

	for (extra = 1; extra <= 16; extra++) {
		memset(self->blob + self->len, 'x', extra);
		diagnose_blob(self->blob, self->len + extra, &self->d);
		ASSERT_EQ(BLOB_TRAILING, self->d.fault);
		ASSERT_EQ(self->len + extra, self->d.len);
		ASSERT_EQ(KAT_LEN, self->d.want);
	}
}

TEST_F(kat, another_version)
{
	self->blob[4] = 2;
	diagnose_blob(self->blob, self->len, &self->d);
	EXPECT_EQ(BLOB_VERSION, self->d.fault);
	EXPECT_EQ(2, self->d.version);
}

TEST_F(kat, a_field_version_1_forbids_is_malformed)
{
	self->blob[7] = KEYSEAL_ALG_RAW;	/* key_alg of another usage */
	diagnose_blob(self->blob, self->len, &self->d);
	EXPECT_EQ(BLOB_MALFORMED, self->d.fault);
}

TEST_F(kat, text_cut_short_is_truncated)
{
	size_t len = strlen(self->text), cut;

	/* 232 characters, the last group "Q0o=": 171 whole bytes remain */
	for (cut = 1; cut <= 4; cut++) {
		self->text[len - cut] = '\0';
		diagnose_string(self->text, &self->d);
		ASSERT_EQ(BLOB_TRUNCATED, self->d.fault);
		ASSERT_EQ(171, self->d.len);
		ASSERT_EQ(KAT_LEN, self->d.want);
	}
	self->text[len - 5] = '\0';
	diagnose_string(self->text, &self->d);
	EXPECT_EQ(BLOB_TRUNCATED, self->d.fault);
	EXPECT_EQ(168, self->d.len);
}

TEST_F(kat, pem_cut_short_is_truncated)
{
	char *last = strstr(self->pem, "=\n-----END");

	ASSERT_NE(NULL, last);
	/* The last line loses its final character. */
	memmove(last, last + 1, strlen(last + 1) + 1);
	diagnose_string(self->pem, &self->d);
	EXPECT_EQ(BLOB_TRUNCATED, self->d.fault);
	EXPECT_EQ(KAT_LEN, self->d.want);
}

TEST_F(kat, damaged_base64)
{
	self->text[100] = '!';
	diagnose_string(self->text, &self->d);
	EXPECT_EQ(BLOB_BAD_BASE64, self->d.fault);
}

TEST_F(kat, a_whole_blob_in_a_text_keyseal_does_not_read)
{
	char folded[2 * KEYSEAL_TEXT_MAX];
	size_t i, o = 0;

	for (i = 0; self->text[i]; i++) {
		if (i && i % 60 == 0)
			folded[o++] = '\n';
		folded[o++] = self->text[i];
	}
	folded[o] = '\0';
	diagnose_string(folded, &self->d);
	EXPECT_EQ(BLOB_SOUND, self->d.fault);
}

TEST(what_is_no_blob_at_all)
{
	static const u8 garbage[] = { 0x00, 0xff, 0x13, 0x37, 0x42 };
	struct blob_diagnosis d;

	diagnose_string("hello\n", &d);
	EXPECT_EQ(BLOB_NOT_BLOB, d.fault);
	diagnose_string("", &d);
	EXPECT_EQ(BLOB_NOT_BLOB, d.fault);
	diagnose_string("KSB", &d);
	EXPECT_EQ(BLOB_NOT_BLOB, d.fault);
	diagnose_blob(garbage, sizeof(garbage), &d);
	EXPECT_EQ(BLOB_NOT_BLOB, d.fault);
	/* The base64 of "KSBM...": no magic. */
	diagnose_string("S1NCTQEBAgI=", &d);
	EXPECT_EQ(BLOB_NOT_BLOB, d.fault);
}

TEST_HARNESS_MAIN
