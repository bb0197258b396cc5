// SPDX-License-Identifier: GPL-2.0
/*
 * Every message that explains an errno, in one table. An operation that is
 * part of a wider one (importing is opening a blob; exporting is using a
 * key) falls back on the wider one's messages: the message for this errno
 * is looked for in the operation, then in what it is part of, and only then
 * the operation's catch-all.
 */

#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include "problem.h"

#define KEK_KINDS \
	"a sealed kek key, or a user, logon, encrypted or trusted key of at least 32 bytes"

/* What an operation is part of. */
static const enum problem_op part_of[OP_COUNT] = {
	[OP_INFO] = OP_KEY,
	[OP_USE] = OP_KEY,
	[OP_EXPORT] = OP_KEY,
	[OP_BRIDGE] = OP_KEY,
	[OP_GEN] = OP_LOOKUP,
	[OP_IMPORT] = OP_OPEN,
	[OP_REWRAP] = OP_OPEN,
};

/**
 * struct message - the words for an errno
 * @op: the operation
 * @err: the errno, or 0 for any the operation has no words for
 * @facts: PF_* that must hold
 * @text: the message; {member} names a member of struct problem, {errno}
 *	the errno's description
 */
static const struct message {
	enum problem_op op;
	int err;
	unsigned int facts;
	const char *text;
} messages[] = {
	{ OP_DEVICE, ENOENT, 0, "/dev/keyseal is missing: the keyseal module is not loaded" },
	{ OP_DEVICE, 0, 0, "cannot open /dev/keyseal: {errno}" },

	{ OP_LOOKUP, ENOKEY, 0, "{role} {key} is not in your keyrings" },
	{ OP_LOOKUP, EKEYREVOKED, 0, "{role} {key} has been revoked" },
	{ OP_LOOKUP, EKEYEXPIRED, 0, "{role} {key} has expired" },
	{ OP_LOOKUP, EACCES, 0, "{role} {key}: permission denied" },
	{ OP_LOOKUP, 0, 0, "{role} {key}: {errno}" },

	{ OP_KEY, EKEYREVOKED, 0, "key {key} has been revoked" },
	{ OP_KEY, ENOKEY, 0, "key {key} is no longer in your keyrings" },
	{ OP_KEY, 0, 0, "key {key}: {errno}" },

	{ OP_INFO, EACCES, 0, "key {key}: permission denied: you may not view it" },

	{ OP_USE, EKEYEXPIRED, 0, "key {key} expired on {when}" },
	{ OP_USE, EACCES, 0, "permission denied: using key {key} needs search permission" },

	{ OP_EXPORT, EPERM, PF_PLAINTEXT, "key {key} may not leave in the clear: it has no plaintext flag" },
	{ OP_EXPORT, EPERM, 0, "key {key} is not exportable" },
	{ OP_EXPORT, EKEYREJECTED, PF_SELF, "key {key} cannot wrap itself" },
	{ OP_EXPORT, EKEYREJECTED, PF_TO_KEK, "KEK {kek} cannot wrap keys: a KEK is " KEK_KINDS },
	{ OP_EXPORT, EKEYREJECTED, 0, "the recipient's or the sender's exchange key cannot serve" },
	{ OP_EXPORT, EKEYEXPIRED, PF_EXPIRED, "key {key} expired on {when}" },
	{ OP_EXPORT, EKEYEXPIRED, 0, "KEK {kek} has expired" },
	{ OP_EXPORT, EACCES, 0, "permission denied: exporting needs read permission on key {key}" },
	{ OP_EXPORT, EOPNOTSUPP, 0, "this kernel's keyseal cannot export keys to a recipient" },
	{ OP_EXPORT, 0, 0, "cannot export key {key}: {errno}" },

	{ OP_PUBKEY, EOPNOTSUPP, 0, "this kernel's keyseal has no exchange keys" },
	{ OP_PUBKEY, 0, 0, "key {key}: {errno}" },

	{ OP_GEN, ENODEV, 0, "{errno}" },
	{ OP_GEN, EKEYREJECTED, 0, "parent key {key} cannot be a parent: a parent is " KEK_KINDS },
	{ OP_GEN, EEXIST, 0, "a sealed key named '{name}' is already in that keyring" },
	{ OP_GEN, EACCES, 0, "permission denied: you need write permission on the keyring and search permission on parent key {key}" },
	{ OP_GEN, EOPNOTSUPP, 0, "this kernel's keyseal cannot make {usage} keys" },
	{ OP_GEN, EPERM, 0, "policy forbids this key: {errno}" },
	{ OP_GEN, 0, 0, "cannot make the key: {errno}" },

	{ OP_OPEN, ENOKEY, PF_OPENER, "{file}: key {opener} is no longer in your keyrings" },
	{ OP_OPEN, ENOKEY, PF_KEK_BLOB, "{file}: parent key {parent} is not in your keyrings" },
	{ OP_OPEN, ENOKEY, 0, "{file}: the exchange key this blob was sent to is not in your keyrings" },
	{ OP_OPEN, EKEYREJECTED, PF_KEK_BLOB | PF_OPENER, "{file}: key {opener} cannot open this blob: it is not the KEK the blob was sealed under" },
	{ OP_OPEN, EKEYREJECTED, PF_KEK_BLOB, "{file}: key {parent} is not the key this blob was sealed under (its fingerprint differs)" },
	{ OP_OPEN, EKEYREJECTED, PF_OPENER, "{file}: {opener} is not the exchange key this blob was sent to, or the blob is not from the expected sender" },
	{ OP_OPEN, EKEYREJECTED, 0, "{file}: the key found is not the exchange key this blob was sent to, or the blob is not from the expected sender" },
	{ OP_OPEN, EBADMSG, 0, "{file}: the blob failed authentication: it was changed, or sealed under other key material" },
	{ OP_OPEN, EKEYEXPIRED, PF_EXPIRED, "{file}: the key expired on {when}" },
	{ OP_OPEN, EKEYEXPIRED, 0, "{file}: the key that opens the blob has expired" },
	{ OP_OPEN, EKEYREVOKED, 0, "{file}: the key that opens the blob has been revoked" },
	{ OP_OPEN, EOPNOTSUPP, 0, "{file}: this kernel's keyseal cannot open {scheme} blobs" },
	{ OP_OPEN, EINVAL, 0, "{file}: the kernel refused the blob as malformed" },
	{ OP_OPEN, 0, 0, "{file}: {errno}" },

	{ OP_IMPORT, EEXIST, 0, "{file}: a sealed key named '{name}' is already in that keyring" },
	{ OP_IMPORT, EPERM, PF_PLAINTEXT, "{file}: importing a key in the clear needs CAP_SYS_ADMIN" },
	{ OP_IMPORT, EPERM, 0, "{file}: policy forbids importing this key" },
	{ OP_IMPORT, EACCES, 0, "{file}: permission denied: importing needs write permission on the keyring and search permission on the key that opens the blob" },
	{ OP_IMPORT, EKEYREJECTED, PF_NO_SENDER, "{file}: the blob names no sender (HPKE base mode), so it is not from the expected one" },
	{ OP_IMPORT, EKEYREJECTED, PF_OTHER_SENDER, "{file}: the blob is not from the expected sender: it names the sender whose fingerprint is {sender}" },
	{ OP_IMPORT, ENOKEY, PF_PLAINTEXT, "{file}: parent key {store} is not in your keyrings" },

	{ OP_REWRAP, EPERM, 0, "{file}: the key in it is not exportable: it stays under its parent {parent}" },
	{ OP_REWRAP, EKEYREJECTED, PF_NEW_KEK, "KEK {kek} cannot wrap keys: a KEK is " KEK_KINDS },

	{ OP_WRAP, EINVAL, 0, "{file}: {bytes} bytes of key material do not suit usage {usage}" },
	{ OP_WRAP, EKEYREJECTED, PF_FROM, "{recipient}: the recipient's public key cannot be used with the sender's key (another algorithm?)" },
	{ OP_WRAP, EKEYREJECTED, 0, "{recipient}: the recipient's public key cannot be used" },
	{ OP_WRAP, 0, 0, "cannot wrap the key: {errno}" },

	{ OP_LIST, 0, 0, "cannot list your keyrings: {errno}" },

	{ OP_BRIDGE, EKEYREJECTED, PF_WRONG_USAGE, "key {key} has usage {usage}: only secret keys can be handed to dm-crypt or fscrypt" },
	{ OP_BRIDGE, EKEYREJECTED, PF_LENGTH, "key {key} has {bytes} bytes of material, not the {want} bytes asked for" },
	{ OP_BRIDGE, EKEYREJECTED, 0, "key {key} has {bytes} bytes of material, more than {name} takes" },
	{ OP_BRIDGE, EKEYEXPIRED, 0, "key {key} expired on {when}" },
	{ OP_BRIDGE, EACCES, 0, "permission denied: bridging needs search permission on key {key} and write permission on the keyring" },
	{ OP_BRIDGE, EINVAL, 0, "the kernel refused the description '{name}' (a logon key's needs a prefix, as in cryptsetup:vol)" },
	{ OP_BRIDGE, EOPNOTSUPP, 0, "this kernel cannot make {name}: no such key type, or a keyseal module without BRIDGE" },
	{ OP_BRIDGE, EDQUOT, 0, "your key quota is exhausted" },
	{ OP_BRIDGE, 0, 0, "cannot bridge key {key}: {errno}" },
};

#define N_MESSAGES (sizeof(messages) / sizeof(messages[0]))

/* The members of struct problem a message can name. */
static const struct {
	const char *name;
	size_t offset;
} members[] = {
	{ "file", offsetof(struct problem, file) },
	{ "key", offsetof(struct problem, key) },
	{ "role", offsetof(struct problem, role) },
	{ "kek", offsetof(struct problem, kek) },
	{ "parent", offsetof(struct problem, parent) },
	{ "store", offsetof(struct problem, store) },
	{ "opener", offsetof(struct problem, opener) },
	{ "name", offsetof(struct problem, name) },
	{ "usage", offsetof(struct problem, usage) },
	{ "scheme", offsetof(struct problem, scheme) },
	{ "when", offsetof(struct problem, when) },
	{ "sender", offsetof(struct problem, sender) },
	{ "recipient", offsetof(struct problem, recipient) },
	{ "bytes", offsetof(struct problem, bytes) },
	{ "want", offsetof(struct problem, want) },
};

void err(const char *fmt, ...)
{
	va_list ap;

	fputs("keyseal: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

const char *errno_text(int e)
{
	switch (e) {
	case ENODEV:
		return "the keyseal module is not loaded";
	case EDQUOT:
		return "your key quota is exhausted";
	case ENOMEM:
		return "out of memory";
	}
	return strerror(e);
}

/* The message for @e in @op, or NULL if the table has none. */
static const struct message *find_message(enum problem_op op, int e,
					  unsigned int facts)
{
	enum problem_op o;
	int pass;
	size_t i;

	/* The errno's own words first, then the catch-alls. */
	for (pass = 0; pass < 2; pass++)
		for (o = op; o != OP_NONE; o = part_of[o])
			for (i = 0; i < N_MESSAGES; i++)
				if (messages[i].op == o &&
				    messages[i].err == (pass ? 0 : e) &&
				    !(messages[i].facts & ~facts))
					return &messages[i];
	return NULL;
}

/* What {@name} (@len bytes) stands for, or NULL if it names nothing. */
static const char *member(const struct problem *p, const char *name,
			  size_t len, int e)
{
	const char *value;
	size_t i;

	if (len == strlen("errno") && !memcmp(name, "errno", len))
		return errno_text(e);
	for (i = 0; i < sizeof(members) / sizeof(members[0]); i++) {
		if (strlen(members[i].name) != len ||
		    memcmp(members[i].name, name, len))
			continue;
		value = *(const char *const *)((const char *)p +
					       members[i].offset);
		return value ? value : "";
	}
	return NULL;
}

/* @text with its {member}s filled in, to @f. 0, or -1 for an unknown one. */
static int render(FILE *f, const char *text, const struct problem *p, int e)
{
	const char *open, *close, *value;

	while ((open = strchr(text, '{'))) {
		close = strchr(open, '}');
		value = close ? member(p, open + 1, close - open - 1, e) : NULL;
		if (!value)
			return -1;
		fwrite(text, 1, open - text, f);
		fputs(value, f);
		text = close + 1;
	}
	fputs(text, f);
	return 0;
}

static void tell(enum problem_op op, int e, const struct problem *p,
		const char *symbol)
{
	const struct message *m = find_message(op, e, p->facts);

	fputs("keyseal: ", stderr);
	if (!m || render(stderr, m->text, p, e))
		fputs(errno_text(e), stderr);
	if (symbol)
		fprintf(stderr, " (%s)", symbol);
	fputc('\n', stderr);
}

void problem(enum problem_op op, int e, const struct problem *p)
{
	tell(op, e, p, NULL);
}

void problem_errno(enum problem_op op, int e, const struct problem *p,
		   const char *symbol)
{
	tell(op, e, p, symbol);
}

void describe_blob(struct problem *p, const struct keyseal_blob_info *bi,
		   struct blob_words *words)
{
	printable(bi->parent, words->parent, sizeof(words->parent));
	time_string(bi->not_after, words->when, sizeof(words->when));
	p->parent = words->parent;
	p->when = words->when;
	p->scheme = scheme_name(bi->scheme);
	if (bi->scheme == KEYSEAL_SCHEME_KEK)
		p->facts |= PF_KEK_BLOB;
	if (bi->scheme == KEYSEAL_SCHEME_PLAINTEXT)
		p->facts |= PF_PLAINTEXT;
	if (expired(bi->not_after))
		p->facts |= PF_EXPIRED;
}
