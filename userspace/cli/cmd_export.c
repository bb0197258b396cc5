// SPDX-License-Identifier: GPL-2.0
/*
 * keyseal export: a key's blob, wrapped for a target.
 */

#include <errno.h>
#include <getopt.h>
#include <string.h>
#include <time.h>

#include "cli.h"

static const char synopsis[] =
	"KEY [--kek KEK | --plaintext | --to PUBKEY.pem [--sender KEY]] [-o FILE] [--text | --binary]";

static void help(void)
{
	printf("Usage: keyseal export %s\n"
	       "\n"
	       "Write KEY's blob: under its parent, which is what keyctl read gives\n"
	       "and how a key is kept; or under another KEK; or in the clear; or for\n"
	       "a recipient's exchange key. The blob is PEM unless asked otherwise.\n"
	       "\n"
	       "      --kek KEK        wrap under KEK instead of the parent (the key must\n"
	       "                       be exportable, unless KEK is its parent)\n"
	       "      --plaintext      the key in the clear (the key must have the\n"
	       "                       plaintext flag); never written to a terminal\n"
	       "      --to FILE        wrap for the exchange public key in FILE (PEM)\n"
	       "      --sender KEY     with --to: your own exchange key, so that the\n"
	       "                       recipient can tell who sent the key\n"
	       "  -o, --output FILE    write FILE, replaced atomically (default stdout)\n"
	       "      --text           the one-line text form that keyctl \"load\" takes\n"
	       "      --binary         the binary blob\n"
	       "  -h, --help           show this help\n",
	       synopsis);
}

struct export_args {
	struct cli_key key;
	struct cli_key kek;
	struct cli_key sender;
	struct keyseal_export_target target;
	struct keyseal_key_info info;
};

static void export_problem(int e, const struct export_args *a)
{
	const char *key = a->key.label;
	char when[64];

	switch (e) {
	case EPERM:
		if (a->target.type == KEYSEAL_TARGET_PLAINTEXT)
			err("key %s may not leave in the clear: it has no plaintext flag",
			    key);
		else
			err("key %s is not exportable", key);
		break;
	case EKEYREJECTED:
		if (a->target.type == KEYSEAL_TARGET_KEK &&
		    a->kek.serial == a->key.serial)
			err("key %s cannot wrap itself", key);
		else if (a->target.type == KEYSEAL_TARGET_KEK)
			err("KEK %s cannot wrap keys: a KEK is a sealed kek key, or a user, logon, encrypted or trusted key of at least 32 bytes",
			    a->kek.label);
		else
			err("the recipient's or the sender's exchange key cannot serve");
		break;
	case EKEYEXPIRED:
		if (a->info.not_after &&
		    (uint64_t)time(NULL) >= a->info.not_after) {
			time_string(a->info.not_after, when, sizeof(when));
			err("key %s expired on %s", key, when);
		} else {
			err("KEK %s has expired", a->kek.label);
		}
		break;
	case EACCES:
		err("permission denied: exporting needs read permission on key %s",
		    key);
		break;
	case ENOKEY:
		err("key %s is no longer in your keyrings", key);
		break;
	case EKEYREVOKED:
		err("key %s has been revoked", key);
		break;
	case EOPNOTSUPP:
		err("this kernel's keyseal cannot export keys to a recipient");
		break;
	default:
		err("cannot export key %s: %s", key, errno_text(e));
		break;
	}
}

int cmd_export(int argc, char **argv)
{
	static const struct option options[] = {
		{ "kek", required_argument, NULL, 'K' },
		{ "plaintext", no_argument, NULL, 'P' },
		{ "to", required_argument, NULL, 'T' },
		{ "sender", required_argument, NULL, 'S' },
		{ "output", required_argument, NULL, 'o' },
		{ "text", no_argument, NULL, 't' },
		{ "binary", no_argument, NULL, 'B' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *kek = NULL, *to = NULL, *sender = NULL, *output = NULL;
	bool plaintext = false, text = false, binary = false;
	uint8_t blob[KEYSEAL_BLOB_MAX_SIZE];
	struct keyseal_public_key recipient;
	size_t blob_len = sizeof(blob);
	struct export_args a;
	struct keyseal *ks;
	int c, ret;

	memset(&a, 0, sizeof(a));
	while ((c = getopt_long(argc, argv, ":o:h", options, NULL)) != -1) {
		switch (c) {
		case 'K':
			kek = optarg;
			break;
		case 'P':
			plaintext = true;
			break;
		case 'T':
			to = optarg;
			break;
		case 'S':
			sender = optarg;
			break;
		case 'o':
			output = optarg;
			break;
		case 't':
			text = true;
			break;
		case 'B':
			binary = true;
			break;
		case 'h':
			help();
			return 0;
		default:
			return option_error("export", synopsis, argv, c);
		}
	}
	if (optind + 1 != argc)
		return usage_error("export", synopsis,
				   optind == argc ? "missing KEY" :
				   "too many arguments");
	if (!!kek + plaintext + !!to > 1)
		return usage_error("export", synopsis,
				   "--kek, --plaintext and --to exclude each other");
	if (sender && !to)
		return usage_error("export", synopsis, "--sender goes with --to");
	if (text && binary)
		return usage_error("export", synopsis,
				   "--text and --binary exclude each other");

	ret = find_sealed_key(argv[optind], "key", &a.key);
	if (!ret && kek)
		ret = find_key(kek, "KEK", &a.kek);
	if (!ret && sender)
		ret = find_sealed_key(sender, "sender key", &a.sender);
	if (!ret && to)
		ret = read_public_key(to, &recipient);
	if (ret)
		return ret;

	if (kek) {
		a.target.type = KEYSEAL_TARGET_KEK;
		a.target.kek = a.kek.serial;
	} else if (plaintext) {
		a.target.type = KEYSEAL_TARGET_PLAINTEXT;
	} else if (to) {
		a.target.type = KEYSEAL_TARGET_RECIPIENT;
		a.target.recipient = &recipient;
		a.target.sender = a.sender.serial;
	} else {
		a.target.type = KEYSEAL_TARGET_PARENT;
	}

	ks = open_device();
	if (!ks)
		return 1;
	/* What the key is, to say why an export fails; only for that. */
	if (keyseal_info(ks, a.key.serial, &a.info))
		memset(&a.info, 0, sizeof(a.info));
	ret = keyseal_export(ks, a.key.serial, &a.target, blob, &blob_len);
	keyseal_close(ks);
	if (ret) {
		export_problem(-ret, &a);
		explicit_bzero(blob, sizeof(blob));
		return 1;
	}
	ret = write_blob(output, blob, blob_len, output_form(text, binary),
			 plaintext);
	explicit_bzero(blob, sizeof(blob));
	return ret;
}
