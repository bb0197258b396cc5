// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of the keyseal command's table of messages
 * (userspace/cli/problem.c): every message can be reached and names only
 * what a problem describes, every operation has words for any errno, and
 * an operation falls back on the one it is part of.
 */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kselftest_harness.h"

#include "../cli/names.c"
#include "../cli/problem.c"

#define ALL_FACTS	(~0u)

static const struct problem described = {
	.file = "db.pem",
	.key = "123 (sealed:db)",
	.role = "parent key",
	.kek = "456 (user:kmk)",
	.parent = "user:kmk",
	.store = "logon:keyseal:root (the default parent)",
	.opener = "789 (sealed:inbox)",
	.name = "db",
	.usage = "aead",
	.scheme = "hpke-base",
	.when = "2030-01-01T00:00:00Z",
	.sender = "cb2e",
	.recipient = "rcpt.pub",
	.bytes = "20",
};

/* @m filled in as problem() prints it with @facts, or NULL. */
static char *fill(const struct message *m, int e, unsigned int facts)
{
	struct problem p = described;
	char *text = NULL;
	size_t len;
	FILE *f;

	p.facts = facts;
	f = open_memstream(&text, &len);
	if (!f)
		return NULL;
	if (render(f, m->text, &p, e)) {
		fclose(f);
		free(text);
		return NULL;
	}
	fclose(f);
	return text;
}

/* The message for (@op, @e, @facts) as problem() prints it, or NULL. */
static char *say(enum problem_op op, int e, unsigned int facts)
{
	const struct message *m = find_message(op, e, facts);

	return m ? fill(m, e, facts) : NULL;
}

TEST(every_message_names_only_what_a_problem_describes)
{
	size_t i;
	char *text;

	for (i = 0; i < N_MESSAGES; i++) {
		text = fill(&messages[i], messages[i].err, messages[i].facts);
		ASSERT_NE(NULL, text) TH_LOG("message %zu", i);
		EXPECT_EQ(NULL, strchr(text, '{'));
		free(text);
	}
}

TEST(no_message_is_hidden_by_another)
{
	size_t i;

	for (i = 0; i < N_MESSAGES; i++)
		EXPECT_EQ(&messages[i],
			  find_message(messages[i].op, messages[i].err,
				       messages[i].facts))
			TH_LOG("message %zu", i);
}

TEST(every_operation_has_words_for_any_errno)
{
	enum problem_op op;

	for (op = OP_NONE + 1; op < OP_COUNT; op++) {
		EXPECT_NE(NULL, find_message(op, EHWPOISON, 0))
			TH_LOG("operation %d", op);
		EXPECT_NE(NULL, find_message(op, EHWPOISON, ALL_FACTS))
			TH_LOG("operation %d", op);
	}
}

TEST(the_errno_s_own_words_before_a_catch_all)
{
	char *text;

	/* export has a catch-all, but a key's ENOKEY has its own words */
	text = say(OP_EXPORT, ENOKEY, 0);
	EXPECT_STREQ("key 123 (sealed:db) is no longer in your keyrings", text);
	free(text);
	text = say(OP_EXPORT, EIO, 0);
	EXPECT_STREQ("cannot export key 123 (sealed:db): Input/output error",
		     text);
	free(text);
	/* gen looks its parent up */
	text = say(OP_GEN, ENOKEY, 0);
	EXPECT_STREQ("parent key 123 (sealed:db) is not in your keyrings", text);
	free(text);
}

TEST(facts_choose_the_words)
{
	char *text;

	text = say(OP_IMPORT, EKEYREJECTED, PF_OTHER_SENDER);
	EXPECT_STREQ("db.pem: the blob is not from the expected sender: it names the sender whose fingerprint is cb2e",
		     text);
	free(text);
	text = say(OP_IMPORT, EKEYREJECTED, PF_KEK_BLOB | PF_OPENER);
	EXPECT_STREQ("db.pem: key 789 (sealed:inbox) cannot open this blob: it is not the KEK the blob was sealed under",
		     text);
	free(text);
	text = say(OP_IMPORT, EKEYREJECTED, 0);
	EXPECT_STREQ("db.pem: the key found is not the exchange key this blob was sent to, or the blob is not from the expected sender",
		     text);
	free(text);
	text = say(OP_WRAP, EKEYREJECTED, PF_FROM);
	EXPECT_STREQ("rcpt.pub: the recipient's public key cannot be used with the sender's key (another algorithm?)",
		     text);
	free(text);
}

TEST(a_broken_message_is_caught)
{
	struct problem p = described;
	char *text = NULL;
	size_t len;
	FILE *f = open_memstream(&text, &len);

	ASSERT_NE(NULL, f);
	EXPECT_EQ(-1, render(f, "{nothing}", &p, 0));
	EXPECT_EQ(-1, render(f, "{file", &p, 0));
	EXPECT_EQ(0, render(f, "{errno}", &p, ENOKEY));
	fclose(f);
	free(text);
}

TEST_HARNESS_MAIN
