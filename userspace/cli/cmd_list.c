// SPDX-License-Identifier: GPL-2.0
/*
 * keyseal list: the sealed keys in the caller's keyrings, one line each.
 */

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "options.h"
#include "problem.h"

static void help(void);

static const struct command list = {
	.name = "list",
	.synopsis = "[--json]",
	.help = help,
	.options = OPT_JSON,
};

static void help(void)
{
	printf("Usage: keyseal list %s\n"
	       "\n"
	       "List the sealed keys in your keyrings (the thread, process and session\n"
	       "keyrings and the keyrings linked in them: where keys are found by\n"
	       "name), one line each: serial, usage, bits, flags, key id (its first\n"
	       "bytes, as /proc/keys shows it), parent and description.\n"
	       "\n"
	       "      --json           print a JSON array, as keyseal info --json\n"
	       "  -h, --help           show this help\n",
	       list.synopsis);
}

/* Add a word to a comma-separated list. */
static void add_word(char *words, size_t size, const char *word)
{
	size_t n = strlen(words);

	snprintf(words + n, size - n, "%s%s", n ? "," : "", word);
}

static void list_line(const struct cli_key *key,
		      const struct keyseal_key_info *info)
{
	char flags[64] = "", id[2 * 4 + 1], parent[KEYSEAL_PARENT_MAX * 4 + 1];
	const char *usage = keyseal_usage_to_string(info->usage);
	const char *desc = key->name + strlen("sealed:");

	if (info->key_flags & KEYSEAL_FLAG_EXPORTABLE)
		add_word(flags, sizeof(flags), "exportable");
	if (info->key_flags & KEYSEAL_FLAG_PLAINTEXT)
		add_word(flags, sizeof(flags), "plaintext");
	if (expired(info->not_after))
		add_word(flags, sizeof(flags), "expired");
	hex_string(info->key_id, 4, id);
	printable(info->parent, parent, sizeof(parent));
	printf("%10d %-6s %4u %-20s %-8s %-20s %s\n", info->serial,
	       usage ? usage : "?", info->key_len * 8, *flags ? flags : "-",
	       id, parent, desc);
}

/* The keys @serials name: 0, or 1 if one of them has gone since. */
static int show_keys(struct keyseal *ks, const int32_t *serials,
		     size_t count, bool json)
{
	struct keyseal_key_info info;
	struct cli_key key;
	char number[16];
	int status = 0;
	struct json j;
	size_t i;

	json_begin_list(&j, json);
	if (!json && count)
		printf("%10s %-6s %4s %-20s %-8s %-20s %s\n", "SERIAL",
		       "USAGE", "BITS", "FLAGS", "KEY ID", "PARENT",
		       "DESCRIPTION");
	for (i = 0; i < count; i++) {
		snprintf(number, sizeof(number), "%d", serials[i]);
		/* A key revoked or unlinked since it was listed: say so. */
		if (find_sealed_key(number, "key", &key) ||
		    fetch_key_info(ks, &key, &info)) {
			status = 1;
			continue;
		}
		if (json)
			json_key_info(&j, &key, &info);
		else
			list_line(&key, &info);
	}
	json_end_list(&j, json);
	return status;
}

static int run(bool json)
{
	struct problem p = { 0 };
	int32_t *serials = NULL;
	struct keyseal *ks;
	size_t count;
	int ret;

	ks = open_device();
	if (!ks)
		return 1;
	ret = keyseal_key_list(&serials, &count);
	if (ret) {
		problem(OP_LIST, -ret, &p);
		ret = 1;
	} else {
		ret = show_keys(ks, serials, count, json);
	}
	free(serials);
	keyseal_close(ks);
	return ret;
}

int cmd_list(int argc, char **argv)
{
	struct options o;
	int ret = parse_options(&list, argc, argv, &o);

	if (ret >= 0)
		return ret;
	if (optind != argc)
		return usage_error(&list, "too many arguments");
	return run(o.json);
}
