// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Unit tests of the forms a blob travels in: binary, the one-line text of
 * "keyctl read", and PEM. The expected text was computed from the blob's
 * bytes with an independent base64 encoder (Python's).
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kselftest_harness.h"

#include "blobs.h"
#include "keyseal.h"

static const char kat_text[] =
	"S1NCTAEBAgIAIAERAAAAAQACAACbBMLRBQYHCAkKCwwNDg8QAAAAAGVT8QAAAAAA"
	"9IZXAAh1c2VyOmtta/ANQgAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAWhcA"
	"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAABCA8WHSQrMjlAR05VXGNqcXh/"
	"ho2Um6KpsLe+xczT2uHo7/b9BAsSGSAnLjU8Q0o=";

static const char kat_pem[] =
	"-----BEGIN KEYSEAL BLOB-----\n"
	"S1NCTAEBAgIAIAERAAAAAQACAACbBMLRBQYHCAkKCwwNDg8QAAAAAGVT8QAAAAAA\n"
	"9IZXAAh1c2VyOmtta/ANQgAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAWhcA\n"
	"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAABCA8WHSQrMjlAR05VXGNqcXh/\n"
	"ho2Um6KpsLe+xczT2uHo7/b9BAsSGSAnLjU8Q0o=\n"
	"-----END KEYSEAL BLOB-----\n";

FIXTURE(kat) {
	u8 blob[KEYSEAL_BLOB_MAX_SIZE];
	size_t len;
};

FIXTURE_SETUP(kat)
{
	self->len = test_blob(self->blob, sizeof(self->blob));
	ASSERT_EQ(173, self->len);
}

FIXTURE_TEARDOWN(kat)
{
}

/* Decode @text (a C string) and expect @form and the known blob. */
static int decodes_to(const char *text, size_t len, const u8 *blob,
		      size_t blob_len, int form)
{
	u8 out[KEYSEAL_BLOB_MAX_SIZE];
	size_t out_len = sizeof(out);
	int ret = keyseal_blob_decode(text, len, out, &out_len);

	if (ret != form)
		return ret < 0 ? ret : -1000 - ret;
	if (out_len != blob_len || memcmp(out, blob, blob_len))
		return -2000;
	return 0;
}

static int decode(const char *text)
{
	u8 out[KEYSEAL_BLOB_MAX_SIZE];
	size_t out_len = sizeof(out);

	return keyseal_blob_decode(text, strlen(text), out, &out_len);
}

TEST_F(kat, text_exact_bytes)
{
	char out[KEYSEAL_TEXT_MAX];
	size_t out_len = sizeof(out);

	ASSERT_EQ(0, keyseal_blob_encode(self->blob, self->len,
					 KEYSEAL_FORM_TEXT, out, &out_len));
	EXPECT_EQ(strlen(kat_text), out_len);
	EXPECT_STREQ(kat_text, out);
}

TEST_F(kat, pem_exact_bytes)
{
	char out[KEYSEAL_PEM_MAX];
	size_t out_len = sizeof(out);

	ASSERT_EQ(0, keyseal_blob_encode(self->blob, self->len,
					 KEYSEAL_FORM_PEM, out, &out_len));
	EXPECT_EQ(strlen(kat_pem), out_len);
	EXPECT_STREQ(kat_pem, out);
}

TEST_F(kat, binary_is_a_copy)
{
	u8 out[KEYSEAL_BLOB_MAX_SIZE];
	size_t out_len = sizeof(out);

	ASSERT_EQ(0, keyseal_blob_encode(self->blob, self->len,
					 KEYSEAL_FORM_BINARY, out, &out_len));
	EXPECT_EQ(self->len, out_len);
	EXPECT_EQ(0, memcmp(out, self->blob, self->len));
}

TEST_F(kat, encode_needs_room)
{
	char out[KEYSEAL_PEM_MAX];
	size_t out_len;

	/* Too small by one byte: the NUL counts. */
	out_len = strlen(kat_text);
	EXPECT_EQ(-ERANGE, keyseal_blob_encode(self->blob, self->len,
					       KEYSEAL_FORM_TEXT, out,
					       &out_len));
	EXPECT_EQ(strlen(kat_text) + 1, out_len);
	out_len = 0;
	EXPECT_EQ(-ERANGE, keyseal_blob_encode(self->blob, self->len,
					       KEYSEAL_FORM_PEM, NULL,
					       &out_len));
	EXPECT_EQ(strlen(kat_pem) + 1, out_len);
	out_len = self->len - 1;
	EXPECT_EQ(-ERANGE, keyseal_blob_encode(self->blob, self->len,
					       KEYSEAL_FORM_BINARY, out,
					       &out_len));
	EXPECT_EQ(self->len, out_len);
	/* Exactly enough. */
	out_len = strlen(kat_pem) + 1;
	EXPECT_EQ(0, keyseal_blob_encode(self->blob, self->len,
					 KEYSEAL_FORM_PEM, out, &out_len));
}

TEST_F(kat, encode_rejects_what_is_no_blob)
{
	char out[KEYSEAL_PEM_MAX];
	size_t out_len = sizeof(out);

	EXPECT_EQ(-EINVAL, keyseal_blob_encode(self->blob, self->len - 1,
					       KEYSEAL_FORM_TEXT, out,
					       &out_len));
	EXPECT_EQ(-EINVAL, keyseal_blob_encode("hello", 5, KEYSEAL_FORM_PEM,
					       out, &out_len));
	EXPECT_EQ(-EINVAL, keyseal_blob_encode(self->blob, self->len, 0, out,
					       &out_len));
	EXPECT_EQ(-EINVAL, keyseal_blob_encode(self->blob, self->len, 4, out,
					       &out_len));
	EXPECT_EQ(-EINVAL, keyseal_blob_encode(NULL, 0, KEYSEAL_FORM_TEXT, out,
					       &out_len));
	EXPECT_EQ(-EINVAL, keyseal_blob_encode(self->blob, self->len,
					       KEYSEAL_FORM_TEXT, out, NULL));
	EXPECT_EQ(sizeof(out), out_len);
}

TEST_F(kat, decode_each_form)
{
	EXPECT_EQ(0, decodes_to((const char *)self->blob, self->len,
				self->blob, self->len, KEYSEAL_FORM_BINARY));
	EXPECT_EQ(0, decodes_to(kat_text, strlen(kat_text), self->blob,
				self->len, KEYSEAL_FORM_TEXT));
	EXPECT_EQ(0, decodes_to(kat_pem, strlen(kat_pem), self->blob,
				self->len, KEYSEAL_FORM_PEM));
}

TEST_F(kat, decode_tolerates_what_files_and_mail_add)
{
	char buf[4096];

	/* keyctl print, echo: a final newline; CRLF; surrounding blanks */
	snprintf(buf, sizeof(buf), "%s\n", kat_text);
	EXPECT_EQ(0, decodes_to(buf, strlen(buf), self->blob, self->len,
				KEYSEAL_FORM_TEXT));
	snprintf(buf, sizeof(buf), "  %s\r\n\n", kat_text);
	EXPECT_EQ(0, decodes_to(buf, strlen(buf), self->blob, self->len,
				KEYSEAL_FORM_TEXT));

	/* PEM in a mail: text before and after, CRLF line ends */
	snprintf(buf, sizeof(buf), "Hi,\nhere is the key.\n\n%s\n-- \nBob\n",
		 kat_pem);
	EXPECT_EQ(0, decodes_to(buf, strlen(buf), self->blob, self->len,
				KEYSEAL_FORM_PEM));
	snprintf(buf, sizeof(buf),
		 "-----BEGIN KEYSEAL BLOB-----\r\n"
		 "S1NCTAEBAgIAIAERAAAAAQACAACbBMLRBQYHCAkKCwwNDg8QAAAAAGVT8QAAAAAA\r\n"
		 "9IZXAAh1c2VyOmtta/ANQgAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAWhcA\r\n"
		 "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAABCA8WHSQrMjlAR05VXGNqcXh/\r\n"
		 "ho2Um6KpsLe+xczT2uHo7/b9BAsSGSAnLjU8Q0o=\r\n"
		 "-----END KEYSEAL BLOB-----");
	EXPECT_EQ(0, decodes_to(buf, strlen(buf), self->blob, self->len,
				KEYSEAL_FORM_PEM));
}

TEST_F(kat, decode_needs_room)
{
	u8 out[KEYSEAL_BLOB_MAX_SIZE];
	size_t out_len = self->len - 1;

	EXPECT_EQ(-ERANGE, keyseal_blob_decode(kat_pem, strlen(kat_pem), out,
					       &out_len));
	EXPECT_EQ(self->len, out_len);
	out_len = 0;
	EXPECT_EQ(-ERANGE, keyseal_blob_decode(kat_text, strlen(kat_text),
					       NULL, &out_len));
	EXPECT_EQ(self->len, out_len);
	out_len = self->len;
	EXPECT_EQ(KEYSEAL_FORM_TEXT,
		  keyseal_blob_decode(kat_text, strlen(kat_text), out,
				      &out_len));
}

/* Replace the first @from in a copy of @s with @to. */
static char *edit(const char *s, const char *from, const char *to)
{
	const char *at = strstr(s, from);
	size_t n = strlen(s) - strlen(from) + strlen(to) + 1;
	char *out = malloc(n);

	if (!at || !out) {
		free(out);
		return NULL;
	}
	snprintf(out, n, "%.*s%s%s", (int)(at - s), s, to, at + strlen(from));
	return out;
}

TEST(malformed_text_is_einval)
{
	static const char *const bad[] = {
		"", " \n", "S1NCTA==",		/* base64, but no blob */
		"S1NCTAEBAgIAIAERAAAAAQ",	/* not a multiple of 4 */
		"S1NC TAEB",			/* blank inside */
		"S1NCTAEB*gIA",			/* not base64 */
		"S1NCTAF=",			/* non-zero padding bits */
		"-----END KEYSEAL BLOB-----\n",
		"KSB",				/* not even a magic */
	};
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		EXPECT_EQ(-EINVAL, decode(bad[i])) TH_LOG("case %zu", i);
}

TEST(malformed_pem_is_einval)
{
	static const struct { const char *from, *to; } edits[] = {
		/* no END line; END mangled */
		{ "-----END KEYSEAL BLOB-----\n", "" },
		{ "-----END KEYSEAL BLOB-----", "-----END KEYSEAL BLOB----" },
		/* the BEGIN line with more on it */
		{ "BLOB-----\n", "BLOB----- \n" },
		/* a line too long, too short in the middle, empty */
		{ "AAAA\n9IZX", "AAAA9\nIZX" },
		{ "AAAA\n9IZX", "AAA\nA9IZX" },
		{ "AAAA\n9IZX", "AAAA\n\n9IZX" },
		{ "AAAA\n9IZX", "AAAA\n9\nIZX" },
		/* trailing blank, a character outside base64 */
		{ "AAAA\n9IZX", "AAAA \n9IZX" },
		{ "S1NCTAEB", "S1NC*AEB" },
		/* padding inside */
		{ "S1NCTAEB", "S1N=TAEB" },
		/* one character lost: not canonical base64 any more */
		{ "Q0o=\n", "Q0=\n" },
		/* another label */
		{ "BEGIN KEYSEAL BLOB", "BEGIN PUBLIC KEY" },
	};
	char *pem;
	size_t i;

	for (i = 0; i < sizeof(edits) / sizeof(edits[0]); i++) {
		pem = edit(kat_pem, edits[i].from, edits[i].to);
		ASSERT_NE(NULL, pem);
		EXPECT_EQ(-EINVAL, decode(pem)) TH_LOG("edit %zu", i);
		free(pem);
	}
	/* an empty body */
	EXPECT_EQ(-EINVAL, decode("-----BEGIN KEYSEAL BLOB-----\n"
				  "-----END KEYSEAL BLOB-----\n"));
}

TEST(two_blobs_are_einval)
{
	char buf[4096];

	snprintf(buf, sizeof(buf), "%s%s", kat_pem, kat_pem);
	EXPECT_EQ(-EINVAL, decode(buf));
	snprintf(buf, sizeof(buf), "%s\n%s", kat_text, kat_text);
	EXPECT_EQ(-EINVAL, decode(buf));
}

TEST_F(kat, malformed_binary_is_einval)
{
	u8 out[KEYSEAL_BLOB_MAX_SIZE], big[KEYSEAL_BLOB_MAX_SIZE + 1];
	size_t out_len = sizeof(out);

	EXPECT_EQ(-EINVAL, keyseal_blob_decode(self->blob, self->len - 1, out,
					       &out_len));
	memcpy(big, self->blob, self->len);
	big[self->len] = 0;
	EXPECT_EQ(-EINVAL, keyseal_blob_decode(big, self->len + 1, out,
					       &out_len));
	memset(big + self->len, 0, sizeof(big) - self->len);
	EXPECT_EQ(-EINVAL, keyseal_blob_decode(big, sizeof(big), out,
					       &out_len));
	EXPECT_EQ(-EINVAL, keyseal_blob_decode("KSBL", 4, out, &out_len));
	self->blob[6] = 99;	/* unknown usage */
	EXPECT_EQ(-EINVAL, keyseal_blob_decode(self->blob, self->len, out,
					       &out_len));
	EXPECT_EQ(sizeof(out), out_len);
	EXPECT_EQ(-EINVAL, keyseal_blob_decode(NULL, 0, out, &out_len));
	EXPECT_EQ(-EINVAL, keyseal_blob_decode(kat_text, strlen(kat_text),
					       out, NULL));
}

/*
 * Round trips through both text forms for blobs of every length modulo 3
 * and with a last PEM line of exactly 64 characters; and the largest blob
 * fits the advertised sizes.
 */
TEST(round_trips_at_every_length)
{
	char parent[KEYSEAL_PARENT_MAX + 1], text[KEYSEAL_PEM_MAX];
	u8 blob[KEYSEAL_BLOB_MAX_SIZE], out[KEYSEAL_BLOB_MAX_SIZE];
	size_t len, text_len, out_len, plen;
	int full_line = 0;

	for (plen = 3; plen <= KEYSEAL_PARENT_MAX; plen++) {
		memset(parent, 'k', plen);
		if (plen > 5)
			memcpy(parent, "user:", 5);
		else
			parent[1] = ':';
		parent[plen] = '\0';
		len = test_kek_blob(blob, sizeof(blob), parent,
				    KEYSEAL_USAGE_SECRET, KEYSEAL_SECRET_MAX);
		ASSERT_NE(0, len) TH_LOG("parent length %zu", plen);

		text_len = sizeof(text);
		ASSERT_EQ(0, keyseal_blob_encode(blob, len, KEYSEAL_FORM_TEXT,
						 text, &text_len));
		ASSERT_GT(KEYSEAL_TEXT_MAX, text_len);
		out_len = sizeof(out);
		ASSERT_EQ(KEYSEAL_FORM_TEXT,
			  keyseal_blob_decode(text, text_len, out, &out_len));
		ASSERT_EQ(len, out_len);
		ASSERT_EQ(0, memcmp(blob, out, len));
		if (text_len % 64 == 0)
			full_line = 1;

		text_len = sizeof(text);
		ASSERT_EQ(0, keyseal_blob_encode(blob, len, KEYSEAL_FORM_PEM,
						 text, &text_len));
		ASSERT_GT(KEYSEAL_PEM_MAX, text_len);
		out_len = sizeof(out);
		ASSERT_EQ(KEYSEAL_FORM_PEM,
			  keyseal_blob_decode(text, text_len, out, &out_len));
		ASSERT_EQ(len, out_len);
		ASSERT_EQ(0, memcmp(blob, out, len));
	}
	EXPECT_EQ(1, full_line);
	/* 2048 bytes: 2732 characters, 43 lines */
	EXPECT_LE(2732 + 1, KEYSEAL_TEXT_MAX);
	EXPECT_LE(29 + 2732 + 43 + 27 + 1, KEYSEAL_PEM_MAX);
}

TEST(usage_names)
{
	EXPECT_STREQ("kek", keyseal_usage_to_string(KEYSEAL_USAGE_KEK));
	EXPECT_STREQ("p256", keyseal_usage_to_string(KEYSEAL_USAGE_P256));
	EXPECT_EQ(NULL, keyseal_usage_to_string(0));
	EXPECT_EQ(NULL, keyseal_usage_to_string(6));
	EXPECT_EQ(KEYSEAL_USAGE_AEAD, keyseal_usage_from_string("aead"));
	EXPECT_EQ(KEYSEAL_USAGE_X25519, keyseal_usage_from_string("x25519"));
	EXPECT_EQ(-EINVAL, keyseal_usage_from_string("AEAD"));
	EXPECT_EQ(-EINVAL, keyseal_usage_from_string("aead "));
	EXPECT_EQ(-EINVAL, keyseal_usage_from_string(""));
	EXPECT_EQ(-EINVAL, keyseal_usage_from_string(NULL));
}

TEST_HARNESS_MAIN
