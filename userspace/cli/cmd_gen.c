// SPDX-License-Identifier: GPL-2.0
/*
 * keyseal gen: a new key, made in the kernel ("new").
 */

#include <getopt.h>
#include <time.h>

#include "blob.h"
#include "options.h"
#include "problem.h"
#include "usage.h"

static void help(void);

static const struct command gen = {
	.name = "gen",
	.synopsis = "USAGE [NAME] [OPTIONS]",
	.help = help,
	.options = OPT_PARENT | OPT_BYTES | OPT_EXPORTABLE | OPT_PLAINTEXT |
		   OPT_NOT_AFTER | OPT_KEYRING | OPT_JSON,
};

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
	       gen.synopsis);
}

struct gen_args {
	struct options o;
	struct keyseal_key_spec spec;
	const char *name;
	char parent[KEYSEAL_PARENT_MAX + 2];
};

/* Returns -1 to go on, else the exit status. */
static int parse(int argc, char **argv, struct gen_args *a)
{
	struct keyseal_key_spec *spec = &a->spec;
	int ret = parse_options(&gen, argc, argv, &a->o), usage;

	if (ret >= 0)
		return ret;
	if (a->o.parent) {
		ret = kek_name(&gen, a->o.parent, a->parent, sizeof(a->parent));
		if (ret)
			return ret;
		spec->parent = a->parent;
	}
	if (a->o.bytes && (parse_u16(a->o.bytes, &spec->key_len) ||
			   !spec->key_len))
		return usage_error(&gen, "--bytes needs a number of bytes");
	if (optind >= argc)
		return usage_error(&gen, "missing USAGE");
	if (argc - optind > 2)
		return usage_error(&gen, "too many arguments");
	usage = keyseal_usage_from_string(argv[optind]);
	if (usage < 0)
		return usage_error(&gen, "unknown usage '%s': give kek, aead, secret, x25519 or p256",
				   argv[optind]);
	spec->usage = usage;
	spec->key_flags = policy_flags(&a->o);
	spec->not_after = a->o.not_after;
	a->name = argv[optind + 1];
	if (spec->key_len &&
	    !keyseal_usage_key_len_valid(usage, keyseal_usage_alg(usage),
					 spec->key_len))
		return usage_error(&gen, "%s keys cannot have %u bytes",
				   argv[optind], spec->key_len);
	if (spec->not_after && spec->not_after <= (uint64_t)time(NULL))
		return usage_error(&gen, "--not-after is in the past");
	return -1;
}

/* Why the kernel would not make the key. */
static void gen_problem(int e, const struct gen_args *a)
{
	char parent[1100], name[1100];
	struct problem p = {
		.role = "parent key",
		.key = parent,
		.name = name,
		.usage = keyseal_usage_to_string(a->spec.usage),
	};

	if (a->spec.parent)
		printable(a->spec.parent, parent, sizeof(parent));
	else
		default_parent(parent, sizeof(parent));
	printable(a->name ? a->name : "", name, sizeof(name));
	problem(OP_GEN, e, &p);
}

static int run(const struct gen_args *a)
{
	int32_t keyring, serial;
	int ret = find_keyring(a->o.keyring, &keyring);

	if (ret)
		return ret;
	ret = keyseal_key_generate(&a->spec, a->name, keyring, &serial);
	if (ret) {
		gen_problem(-ret, a);
		return 1;
	}
	return print_new_key(serial, a->o.json);
}

int cmd_gen(int argc, char **argv)
{
	struct gen_args a = { 0 };
	int ret = parse(argc, argv, &a);

	return ret >= 0 ? ret : run(&a);
}
