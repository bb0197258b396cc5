// SPDX-License-Identifier: GPL-2.0
/*
 * keyseal export: a key's blob, wrapped for a target.
 */

#include <getopt.h>
#include <string.h>

#include "options.h"
#include "problem.h"
#include "rsa_io.h"

static void help(void);

static const struct command export = {
	.name = "export",
	.synopsis = "KEY [--kek KEK | --plaintext | --to PUBKEY.pem [--sender KEY] | --to-rsa WRAPPING.pem --format FORMAT] [-o FILE] [--text | --binary]",
	.help = help,
	.options = OPT_KEK | OPT_PLAINTEXT | OPT_TO | OPT_SENDER | OPT_OUTPUT |
		   OPT_FORM | OPT_TO_RSA | OPT_FORMAT,
};

static void help(void)
{
	printf("Usage: keyseal export %s\n"
	       "\n"
	       "Write KEY's blob: under its parent, which is what keyctl read gives\n"
	       "and how a key is kept; or under another KEK; or in the clear; or for\n"
	       "a recipient's exchange key. The blob is PEM unless asked otherwise.\n"
	       "Or, for a cloud key manager or an HSM, an aead or secret key wrapped\n"
	       "by the kernel for an RSA wrapping key (base64 unless --binary).\n"
	       "\n"
	       "      --kek KEK        wrap under KEK instead of the parent (the key must\n"
	       "                       be exportable, unless KEK is its parent)\n"
	       "      --plaintext      the key in the clear (the key must have the\n"
	       "                       plaintext flag); never written to a terminal\n"
	       "      --to FILE        wrap for the exchange public key in FILE (PEM)\n"
	       "      --sender KEY     with --to: your own exchange key, so that the\n"
	       "                       recipient can tell who sent the key\n"
	       "      --to-rsa FILE    wrap for the RSA wrapping public key in FILE (PEM\n"
	       "                       or DER, 2048, 3072 or 4096 bits); the key must be\n"
	       "                       exportable\n"
	       "      --format FORMAT  with --to-rsa: rsa-aes-kwp-sha256, rsa-aes-kwp-sha1,\n"
	       "                       rsa-oaep-sha256 or rsa-oaep-sha1\n"
	       "  -o, --output FILE    write FILE, replaced atomically (default stdout)\n"
	       "      --text           the one-line text form that keyctl \"load\" takes\n"
	       "      --binary         the binary blob\n"
	       "  -h, --help           show this help\n",
	       export.synopsis);
}

struct export_args {
	struct options o;
	const char *key_name;
	struct cli_key key;
	struct cli_key kek;
	struct cli_key sender;
	struct keyseal_public_key recipient;
	struct keyseal_export_target target;
	struct keyseal_rsa_key rsa;
	int format;
};

/* Returns -1 to go on, else the exit status. */
static int parse(int argc, char **argv, struct export_args *a)
{
	const struct options *o = &a->o;
	int ret = parse_options(&export, argc, argv, &a->o);

	if (ret >= 0)
		return ret;
	if (optind + 1 != argc)
		return usage_error(&export, optind == argc ? "missing KEY" :
				   "too many arguments");
	if (!!o->kek + o->plaintext + !!o->to + !!o->to_rsa > 1)
		return usage_error(&export, "--kek, --plaintext, --to and --to-rsa exclude each other");
	if (o->sender && !o->to)
		return usage_error(&export, "--sender goes with --to");
	if (!!o->format != !!o->to_rsa)
		return usage_error(&export, "--to-rsa and --format go together");
	if (o->to_rsa) {
		a->format = rsa_format(&export, o->format);
		if (!a->format)
			return EXIT_USAGE;
	}
	a->key_name = argv[optind];
	return -1;
}

/* The keys and the public key the options name, and so the target. */
static int find_target(struct export_args *a)
{
	struct keyseal_export_target *t = &a->target;
	int ret = find_sealed_key(a->key_name, "key", &a->key);

	if (!ret && a->o.kek)
		ret = find_key(a->o.kek, "KEK", &a->kek);
	if (!ret && a->o.sender)
		ret = find_sealed_key(a->o.sender, "sender key", &a->sender);
	if (!ret && a->o.to)
		ret = read_public_key(a->o.to, &a->recipient);
	if (ret)
		return ret;

	t->type = KEYSEAL_TARGET_PARENT;
	if (a->o.kek) {
		t->type = KEYSEAL_TARGET_KEK;
		t->kek = a->kek.serial;
	} else if (a->o.plaintext) {
		t->type = KEYSEAL_TARGET_PLAINTEXT;
	} else if (a->o.to) {
		t->type = KEYSEAL_TARGET_RECIPIENT;
		t->recipient = &a->recipient;
		t->sender = a->sender.serial;
	}
	return 0;
}

/* Why the kernel would not export; @info says what the key is, if known. */
static void export_problem(int e, const struct export_args *a,
			   const struct keyseal_key_info *info)
{
	char when[64];
	struct problem p = {
		.key = a->key.label,
		.kek = a->kek.label,
		.when = when,
	};

	if (a->target.type == KEYSEAL_TARGET_PLAINTEXT)
		p.facts |= PF_PLAINTEXT;
	if (a->target.type == KEYSEAL_TARGET_KEK)
		p.facts |= a->kek.serial == a->key.serial ? PF_SELF : PF_TO_KEK;
	if (expired(info->not_after))
		p.facts |= PF_EXPIRED;
	time_string(info->not_after, when, sizeof(when));
	problem(OP_EXPORT, e, &p);
}

/* The key wrapped by the kernel for an RSA wrapping key. */
static int run_rsa(struct export_args *a)
{
	uint8_t out[KEYSEAL_RSA_EXPORT_MAX_SIZE];
	size_t out_len = sizeof(out);
	struct keyseal_key_info info;
	struct keyseal *ks;
	int ret;

	if (find_sealed_key(a->key_name, "key", &a->key) ||
	    read_rsa_key(a->o.to_rsa, &a->rsa))
		return 1;
	ks = open_device();
	if (!ks)
		return 1;
	if (keyseal_info(ks, a->key.serial, &info))
		memset(&info, 0, sizeof(info));
	ret = keyseal_export_rsa(ks, a->key.serial, &a->rsa, a->format, out,
				 &out_len);
	keyseal_close(ks);
	if (ret) {
		char what[KEY_LABEL_MAX + 8];

		snprintf(what, sizeof(what), "key %s", a->key.label);
		rsa_export_problem(-ret, what, info.usage, info.key_len,
				   &a->rsa, a->format);
		return 1;
	}
	return write_rsa_export(a->o.output, out, out_len, a->o.binary);
}

static int run(struct export_args *a)
{
	uint8_t blob[KEYSEAL_BLOB_MAX_SIZE];
	size_t blob_len = sizeof(blob);
	struct keyseal_key_info info;
	struct keyseal *ks;
	int ret = find_target(a);

	if (ret)
		return ret;
	ks = open_device();
	if (!ks)
		return 1;
	/* What the key is, to say why an export fails; only for that. */
	if (keyseal_info(ks, a->key.serial, &info))
		memset(&info, 0, sizeof(info));
	ret = keyseal_export(ks, a->key.serial, &a->target, blob, &blob_len);
	keyseal_close(ks);
	if (ret) {
		export_problem(-ret, a, &info);
		ret = 1;
	} else {
		ret = write_blob(a->o.output, blob, blob_len, a->o.form,
				 a->o.plaintext);
	}
	explicit_bzero(blob, sizeof(blob));
	return ret;
}

int cmd_export(int argc, char **argv)
{
	struct export_args a = { 0 };
	int ret = parse(argc, argv, &a);

	if (ret >= 0)
		return ret;
	return a.o.to_rsa ? run_rsa(&a) : run(&a);
}
