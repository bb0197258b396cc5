// SPDX-License-Identifier: GPL-2.0
/*
 * keyseal gen: a new key, made in the kernel ("new").
 */

#include <errno.h>
#include <getopt.h>
#include <string.h>
#include <time.h>

#include "cli.h"

static const char synopsis[] = "USAGE [NAME] [OPTIONS]";

static void help(void)
{
	printf("Usage: keyseal gen %s\n"
	       "\n"
	       "Make a new key in the kernel from its random number generator, add\n"
	       "it to a keyring and print its serial. USAGE is kek, aead, secret,\n"
	       "x25519 or p256; NAME is the key's description (default: the\n"
	       "kernel's \"usage:keyid\").\n"
	       "\n"
	       "  -p, --parent KEK      the KEK to store the key under: type:description\n"
	       "                        or a serial (default: the module's default parent)\n"
	       "  -b, --bytes N         bytes of key material: aead 16 or 32, secret 16\n"
	       "                        to 512 (default 32)\n"
	       "  -e, --exportable      the key may be wrapped for other KEKs and\n"
	       "                        recipients\n"
	       "      --plaintext       the key may leave in the clear (implies\n"
	       "                        --exportable)\n"
	       "      --not-after TIME  the key cannot be used after TIME: seconds since\n"
	       "                        the epoch, or YYYY-MM-DD[THH:MM:SS]Z in UTC\n"
	       "  -k, --keyring RING    the keyring to add it to (default @s)\n"
	       "      --json            print the key's attributes as JSON\n"
	       "  -h, --help            show this help\n",
	       synopsis);
}

/* Why the kernel would not make the key. */
static void gen_problem(int e, const char *name, const char *parent,
			uint8_t usage)
{
	char shown[1100], dflt[1100];

	if (parent)
		printable(parent, shown, sizeof(shown));
	else
		default_parent(shown, sizeof(shown));

	switch (e) {
	case ENOKEY:
		err("parent key %s is not in your keyrings", shown);
		break;
	case EKEYREJECTED:
		err("parent key %s cannot be a parent: a parent is a sealed kek key, or a user, logon, encrypted or trusted key of at least 32 bytes",
		    shown);
		break;
	case EKEYREVOKED:
		err("parent key %s has been revoked", shown);
		break;
	case EKEYEXPIRED:
		err("parent key %s has expired", shown);
		break;
	case EEXIST:
		printable(name ? name : "", dflt, sizeof(dflt));
		err("a sealed key named '%s' is already in that keyring", dflt);
		break;
	case EACCES:
		err("permission denied: you need write permission on the keyring and search permission on parent key %s",
		    shown);
		break;
	case EOPNOTSUPP:
		err("this kernel's keyseal cannot make %s keys",
		    keyseal_usage_to_string(usage));
		break;
	case EPERM:
		err("policy forbids this key: %s", errno_text(e));
		break;
	default:
		err("cannot make the key: %s", errno_text(e));
		break;
	}
}

int cmd_gen(int argc, char **argv)
{
	static const struct option options[] = {
		{ "parent", required_argument, NULL, 'p' },
		{ "bytes", required_argument, NULL, 'b' },
		{ "exportable", no_argument, NULL, 'e' },
		{ "plaintext", no_argument, NULL, 'P' },
		{ "not-after", required_argument, NULL, 'N' },
		{ "keyring", required_argument, NULL, 'k' },
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct keyseal_key_spec spec = { 0 };
	const char *keyring_name = "@s", *name = NULL;
	char parent[KEYSEAL_PARENT_MAX + 2];
	struct keyseal *ks;
	int32_t keyring, serial;
	bool json = false;
	int c, usage, ret;

	while ((c = getopt_long(argc, argv, ":p:b:ek:h", options, NULL)) != -1) {
		switch (c) {
		case 'p':
			ret = kek_name("gen", synopsis, optarg, parent,
				       sizeof(parent));
			if (ret)
				return ret;
			spec.parent = parent;
			break;
		case 'b':
			if (parse_u16(optarg, &spec.key_len) || !spec.key_len)
				return usage_error("gen", synopsis,
						   "--bytes needs a number of bytes");
			break;
		case 'e':
			spec.key_flags |= KEYSEAL_FLAG_EXPORTABLE;
			break;
		case 'P':
			spec.key_flags |= KEYSEAL_FLAG_PLAINTEXT |
					  KEYSEAL_FLAG_EXPORTABLE;
			break;
		case 'N':
			if (parse_time(optarg, &spec.not_after) ||
			    !spec.not_after)
				return usage_error("gen", synopsis,
						   "--not-after needs seconds since the epoch or YYYY-MM-DD[THH:MM:SS]Z");
			break;
		case 'k':
			keyring_name = optarg;
			break;
		case 'j':
			json = true;
			break;
		case 'h':
			help();
			return 0;
		default:
			return option_error("gen", synopsis, argv, c);
		}
	}
	if (optind >= argc)
		return usage_error("gen", synopsis, "missing USAGE");
	if (argc - optind > 2)
		return usage_error("gen", synopsis, "too many arguments");
	usage = keyseal_usage_from_string(argv[optind]);
	if (usage < 0)
		return usage_error("gen", synopsis,
				   "unknown usage '%s': give kek, aead, secret, x25519 or p256",
				   argv[optind]);
	spec.usage = usage;
	if (optind + 1 < argc)
		name = argv[optind + 1];
	if (spec.key_len && (spec.usage == KEYSEAL_USAGE_AEAD ?
			     spec.key_len != 16 && spec.key_len != 32 :
			     spec.usage == KEYSEAL_USAGE_SECRET ?
			     spec.key_len < KEYSEAL_SECRET_MIN ||
			     spec.key_len > KEYSEAL_SECRET_MAX :
			     spec.key_len != 32))
		return usage_error("gen", synopsis,
				   "%s keys cannot have %u bytes",
				   argv[optind], spec.key_len);
	if (spec.not_after && spec.not_after <= (uint64_t)time(NULL))
		return usage_error("gen", synopsis, "--not-after is in the past");
	ret = find_keyring(keyring_name, &keyring);
	if (ret)
		return ret;

	ret = keyseal_key_generate(&spec, name, keyring, &serial);
	if (ret) {
		if (ret == -ENODEV)
			err("%s", errno_text(ENODEV));
		else
			gen_problem(-ret, name, spec.parent, spec.usage);
		return 1;
	}
	if (!json) {
		printf("%d\n", serial);
		return 0;
	}

	ks = open_device();
	if (!ks)
		return 1;
	ret = json_new_key(ks, serial);
	keyseal_close(ks);
	return ret;
}
