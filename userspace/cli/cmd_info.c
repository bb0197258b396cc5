// SPDX-License-Identifier: GPL-2.0
/*
 * keyseal info and keyseal list: what sealed keys are.
 */

#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"

static const char info_synopsis[] = "KEY... [--json]";
static const char list_synopsis[] = "[--json]";

static void info_help(void)
{
	printf("Usage: keyseal info %s\n"
	       "\n"
	       "Show what each sealed key is: usage, policy flags, provenance, key\n"
	       "id, creation and expiry, parent. Keys are named by serial or\n"
	       "%%sealed:description. Nothing secret is shown.\n"
	       "\n"
	       "      --json           print a JSON array, one object per key\n"
	       "  -h, --help           show this help\n",
	       info_synopsis);
}

static void list_help(void)
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
	       list_synopsis);
}

static int key_info(struct keyseal *ks, const struct cli_key *key,
		    struct keyseal_key_info *info)
{
	int ret = keyseal_info(ks, key->serial, info);

	switch (-ret) {
	case 0:
		return 0;
	case EACCES:
		err("key %s: permission denied: you may not view it",
		    key->label);
		break;
	case EKEYREVOKED:
		err("key %s has been revoked", key->label);
		break;
	case ENOKEY:
		err("key %s is no longer in your keyrings", key->label);
		break;
	default:
		err("key %s: %s", key->label, errno_text(-ret));
		break;
	}
	return 1;
}

int cmd_info(int argc, char **argv)
{
	struct keyseal_key_info info;
	struct cli_key key;
	struct keyseal *ks;
	bool json = false;
	int i, ret, status = 0;
	struct json j;

	ret = json_options(argc, argv, "info", info_synopsis, info_help,
			   &json);
	if (ret >= 0)
		return ret;
	if (optind == argc)
		return usage_error("info", info_synopsis, "missing KEY");
	ks = open_device();
	if (!ks)
		return 1;

	json_init(&j, stdout);
	if (json)
		json_open(&j, NULL, '[');
	for (i = optind; i < argc; i++) {
		ret = find_sealed_key(argv[i], "key", &key);
		if (!ret)
			ret = key_info(ks, &key, &info);
		if (ret) {
			/* A malformed name is a usage error, whatever else. */
			if (ret == EXIT_USAGE || !status)
				status = ret;
			continue;
		}
		if (json) {
			json_key_info(&j, &key, &info);
		} else {
			if (i > optind)
				putchar('\n');
			show_key_info(&key, &info);
		}
	}
	if (json) {
		json_close(&j, ']');
		json_finish(&j);
	}
	keyseal_close(ks);
	return status;
}

/* Add a word to a comma-separated list. */
static void add_word(char *list, size_t size, const char *word)
{
	size_t n = strlen(list);

	snprintf(list + n, size - n, "%s%s", n ? "," : "", word);
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
	if (info->not_after && (uint64_t)time(NULL) >= info->not_after)
		add_word(flags, sizeof(flags), "expired");
	hex_string(info->key_id, 4, id);
	printable(info->parent, parent, sizeof(parent));
	printf("%10d %-6s %4u %-20s %-8s %-20s %s\n", info->serial,
	       usage ? usage : "?", info->key_len * 8, *flags ? flags : "-",
	       id, parent, desc);
}

int cmd_list(int argc, char **argv)
{
	struct keyseal_key_info info;
	int32_t *serials = NULL;
	char number[16];
	struct cli_key key;
	struct keyseal *ks;
	bool json = false;
	size_t count, i;
	int ret, status = 0;
	struct json j;

	ret = json_options(argc, argv, "list", list_synopsis, list_help,
			   &json);
	if (ret >= 0)
		return ret;
	if (optind != argc)
		return usage_error("list", list_synopsis, "too many arguments");
	ks = open_device();
	if (!ks)
		return 1;
	ret = keyseal_key_list(&serials, &count);
	if (ret) {
		err("cannot list your keyrings: %s", errno_text(-ret));
		keyseal_close(ks);
		return 1;
	}

	json_init(&j, stdout);
	if (json)
		json_open(&j, NULL, '[');
	else if (count)
		printf("%10s %-6s %4s %-20s %-8s %-20s %s\n", "SERIAL",
		       "USAGE", "BITS", "FLAGS", "KEY ID", "PARENT",
		       "DESCRIPTION");
	for (i = 0; i < count; i++) {
		snprintf(number, sizeof(number), "%d", serials[i]);
		/* A key revoked or unlinked since it was listed: say so. */
		if (find_sealed_key(number, "key", &key) ||
		    key_info(ks, &key, &info)) {
			status = 1;
			continue;
		}
		if (json)
			json_key_info(&j, &key, &info);
		else
			list_line(&key, &info);
	}
	if (json) {
		json_close(&j, ']');
		json_finish(&j);
	}
	free(serials);
	keyseal_close(ks);
	return status;
}
