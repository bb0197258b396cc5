/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Why an operation failed, in words: one table from (operation, errno) to
 * a message, which names what the caller describes in struct problem.
 */
#ifndef KEYSEAL_CLI_PROBLEM_H
#define KEYSEAL_CLI_PROBLEM_H

#include "cli.h"

enum problem_op {
	OP_NONE,
	OP_DEVICE,	/* opening /dev/keyseal */
	OP_LOOKUP,	/* finding a key named on the command line */
	OP_KEY,		/* a key found, then used: any of the below */
	OP_INFO,	/* its attributes */
	OP_USE,		/* encrypting or decrypting with it */
	OP_EXPORT,	/* exporting it */
	OP_PUBKEY,	/* the public key of an exchange key */
	OP_GEN,		/* making a key; the parent is looked up */
	OP_OPEN,	/* opening a blob: import, rewrap */
	OP_IMPORT,
	OP_REWRAP,
	OP_WRAP,	/* wrapping a key in userspace */
	OP_LIST,	/* listing the keyrings */
	OP_BRIDGE,	/* handing a secret key to a consumer */
	OP_COUNT
};

/* Facts that choose between messages for the same errno. */
enum {
	PF_PLAINTEXT	= 1 << 0,	/* in the clear: the target or the blob */
	PF_TO_KEK	= 1 << 1,	/* exported under --kek */
	PF_SELF		= 1 << 2,	/* a key asked to wrap itself */
	PF_EXPIRED	= 1 << 3,	/* the key's own not-after has passed */
	PF_OPENER	= 1 << 4,	/* a key was named to open the blob */
	PF_KEK_BLOB	= 1 << 5,	/* the blob is sealed under a KEK */
	PF_NO_SENDER	= 1 << 6,	/* a sender expected, the blob names none */
	PF_OTHER_SENDER	= 1 << 7,	/* a sender expected, the blob names another */
	PF_NEW_KEK	= 1 << 8,	/* the blob opens; the new KEK cannot serve */
	PF_FROM		= 1 << 9,	/* the sender's own key was given */
	PF_WRONG_USAGE	= 1 << 10,	/* the key's usage cannot serve */
	PF_LENGTH	= 1 << 11,	/* a length was asked for, and differs */
};

/**
 * struct problem - what a message may name, as {member} in its text
 * @file: the input: a blob, key material
 * @key: the key acted on ("123 (sealed:db)"), or looked up, as named
 * @role: what a key looked up is for: "key", "KEK", "parent key"
 * @kek: the KEK named by --kek
 * @parent: the parent: the one a blob names, or a new key's
 * @store: the KEK a received key is to be stored under
 * @opener: the key named to open a blob
 * @name: the description asked for
 * @usage: a usage's name
 * @scheme: a blob's scheme's name
 * @when: a time
 * @sender: the fingerprint of the sender a blob names
 * @recipient: the file holding the recipient's public key
 * @bytes: a number of bytes
 * @want: the number of bytes asked for
 * @facts: PF_*
 */
struct problem {
	const char *file;
	const char *key;
	const char *role;
	const char *kek;
	const char *parent;
	const char *store;
	const char *opener;
	const char *name;
	const char *usage;
	const char *scheme;
	const char *when;
	const char *sender;
	const char *recipient;
	const char *bytes;
	const char *want;
	unsigned int facts;
};

/**
 * struct blob_words - the text describe_blob() names a blob with
 * @parent: the parent it names, printable
 * @when: its not-after time
 */
struct blob_words {
	char parent[KEYSEAL_PARENT_MAX * 4 + 1];
	char when[64];
};

/*
 * What messages about opening a blob say about it: its parent, scheme and
 * expiry, and the facts of its scheme. The text is kept in @words.
 */
void describe_blob(struct problem *p, const struct keyseal_blob_info *bi,
		   struct blob_words *words);

/* Say why @op failed with errno @e ("keyseal: ..." on stderr). */
void problem(enum problem_op op, int e, const struct problem *p);
/* As problem(), the errno's @symbol ("ENOKEY") after it, for scripts. */
void problem_errno(enum problem_op op, int e, const struct problem *p,
		   const char *symbol);

#endif /* KEYSEAL_CLI_PROBLEM_H */
