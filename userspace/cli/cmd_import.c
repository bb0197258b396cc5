// SPDX-License-Identifier: GPL-2.0
/*
 * keyseal import: a key from a blob, through KEYSEAL_IOC_IMPORT.
 */

#include <getopt.h>
#include <string.h>

#include "options.h"
#include "problem.h"

static void help(void);

static const struct command import = {
	.name = "import",
	.synopsis = "[FILE] [OPTIONS]",
	.help = help,
	.options = OPT_NAME | OPT_KEYRING | OPT_UNWRAP | OPT_PARENT |
		   OPT_SENDER | OPT_JSON,
};

static void help(void)
{
	printf("Usage: keyseal import %s\n"
	       "\n"
	       "Make a key from a blob in any form (PEM, the one-line text, binary)\n"
	       "read from FILE, or from stdin if FILE is absent or -, and print its\n"
	       "serial. The key gets exactly the checks of keyctl \"load\"; an existing\n"
	       "key is never replaced.\n"
	       "\n"
	       "  -n, --name NAME      the new key's description (default: the kernel's\n"
	       "                       \"usage:keyid\")\n"
	       "  -k, --keyring RING   the keyring to link it into (default @s)\n"
	       "  -u, --unwrap KEY     the key that opens the blob, if not the KEK it\n"
	       "                       names (recipient blobs: the exchange key)\n"
	       "  -p, --parent KEK     recipient and plaintext blobs: the KEK to store\n"
	       "                       the key under (default: the module's default)\n"
	       "      --sender FILE    recipient blobs: accept the blob only from the\n"
	       "                       sender whose public key (PEM) is in FILE\n"
	       "      --json           print the new key's attributes as JSON\n"
	       "  -h, --help           show this help\n",
	       import.synopsis);
}

struct import_args {
	struct options o;
	const char *path;
	const char *file;
	uint8_t blob[KEYSEAL_BLOB_MAX_SIZE];
	size_t len;
	struct keyseal_blob_info bi;
	struct cli_key unwrap;
	struct cli_key parent;
	struct keyseal_public_key sender;
	struct keyseal_import_params params;
};

/* Returns -1 to go on, else the exit status. */
static int parse(int argc, char **argv, struct import_args *a)
{
	int ret = parse_options(&import, argc, argv, &a->o);

	if (ret >= 0)
		return ret;
	if (argc - optind > 1)
		return usage_error(&import, "too many arguments");
	a->path = argv[optind];
	a->file = input_name(a->path);
	a->params.description = a->o.name;
	return -1;
}

/* The keyring, keys and sender the options name, into the parameters. */
static int find_keys(struct import_args *a)
{
	struct keyseal_import_params *params = &a->params;
	int ret = find_keyring(a->o.keyring, &params->keyring);

	if (!ret && a->o.unwrap) {
		ret = find_key(a->o.unwrap, "key", &a->unwrap);
		params->unwrap = a->unwrap.serial;
	}
	if (!ret && a->o.parent) {
		ret = find_key(a->o.parent, "parent key", &a->parent);
		params->parent = a->parent.serial;
	}
	if (!ret && a->o.sender) {
		ret = read_public_key(a->o.sender, &a->sender);
		params->expected_sender = &a->sender;
	}
	return ret;
}

/* Whether the blob's sender is not the one expected, and who it is. */
static unsigned int sender_facts(const struct import_args *a, char *hex)
{
	const struct keyseal_blob_info *bi = &a->bi;
	uint8_t fp[KEYSEAL_FINGERPRINT_SIZE] = { 0 };
	struct keyseal_public_key pk;

	if (!a->o.sender)
		return 0;
	if (bi->scheme == KEYSEAL_SCHEME_HPKE_BASE)
		return PF_NO_SENDER;
	if (bi->scheme != KEYSEAL_SCHEME_HPKE_AUTH ||
	    (bi->sender_public_len == a->sender.len &&
	     !memcmp(bi->sender_public, a->sender.key, a->sender.len)))
		return 0;
	if (keyseal_public_key_from_raw(bi->kem_id, bi->sender_public,
					bi->sender_public_len, &pk) ||
	    keyseal_public_key_fingerprint(&pk, fp))
		memset(fp, 0, sizeof(fp));
	hex_string(fp, sizeof(fp), hex);
	return PF_OTHER_SENDER;
}

static void import_problem(int e, const struct import_args *a)
{
	char name[KEY_LABEL_MAX], store[KEY_LABEL_MAX];
	char sender[2 * KEYSEAL_FINGERPRINT_SIZE + 1];
	struct blob_words words;
	struct problem p = {
		.file = a->file,
		.name = name,
		.store = store,
		.opener = a->unwrap.label,
		.sender = sender,
	};

	describe_blob(&p, &a->bi, &words);
	p.facts |= sender_facts(a, sender) | (a->o.unwrap ? PF_OPENER : 0);
	printable(a->o.name ? a->o.name : "", name, sizeof(name));
	if (a->o.parent)
		snprintf(store, sizeof(store), "%s", a->parent.label);
	else
		default_parent(store, sizeof(store));
	problem(OP_IMPORT, e, &p);
}

static int run(struct import_args *a)
{
	struct keyseal *ks;
	int32_t serial;
	int ret;

	if (read_blob(a->path, a->blob, &a->len, NULL, &a->bi))
		return 1;
	if (a->o.parent && a->bi.scheme == KEYSEAL_SCHEME_KEK)
		return usage_error(&import, "--parent is for recipient and plaintext blobs: a blob under a KEK is stored under that KEK");
	ret = find_keys(a);
	if (ret)
		return ret;
	ks = open_device();
	if (!ks)
		return 1;
	ret = keyseal_import(ks, a->blob, a->len, &a->params, &serial);
	keyseal_close(ks);
	if (ret) {
		import_problem(-ret, a);
		return 1;
	}
	return print_new_key(serial, a->o.json);
}

int cmd_import(int argc, char **argv)
{
	struct import_args a = { 0 };
	int ret = parse(argc, argv, &a);

	if (ret < 0)
		ret = run(&a);
	/* A plaintext blob is the key itself. */
	explicit_bzero(a.blob, sizeof(a.blob));
	return ret;
}
