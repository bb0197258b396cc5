// SPDX-License-Identifier: GPL-2.0
/*
 * keyseal info: what sealed keys are.
 */

#include <getopt.h>

#include "options.h"

static void help(void);

static const struct command info = {
	.name = "info",
	.synopsis = "KEY... [--json]",
	.help = help,
	.options = OPT_JSON,
};

static void help(void)
{
	printf("Usage: keyseal info %s\n"
	       "\n"
	       "Show what each sealed key is: usage, policy flags, provenance, key\n"
	       "id, creation and expiry, parent. Keys are named by serial or\n"
	       "%%sealed:description. Nothing secret is shown.\n"
	       "\n"
	       "      --json           print a JSON array, one object per key\n"
	       "  -h, --help           show this help\n",
	       info.synopsis);
}

/* Each key named: 0, 1 if one could not be had, 2 if one is no name. */
static int run(struct keyseal *ks, char **names, int n, bool json)
{
	struct keyseal_key_info ki;
	struct cli_key key;
	int i, ret, status = 0;
	struct json j;

	json_begin_list(&j, json);
	for (i = 0; i < n; i++) {
		ret = find_sealed_key(names[i], "key", &key);
		if (!ret)
			ret = fetch_key_info(ks, &key, &ki);
		if (ret) {
			/* A malformed name is a usage error, whatever else. */
			if (ret == EXIT_USAGE || !status)
				status = ret;
			continue;
		}
		if (json) {
			json_key_info(&j, &key, &ki);
		} else {
			if (i > 0)
				putchar('\n');
			show_key_info(&key, &ki);
		}
	}
	json_end_list(&j, json);
	return status;
}

int cmd_info(int argc, char **argv)
{
	struct keyseal *ks;
	struct options o;
	int ret = parse_options(&info, argc, argv, &o);

	if (ret >= 0)
		return ret;
	if (optind == argc)
		return usage_error(&info, "missing KEY");
	ks = open_device();
	if (!ks)
		return 1;
	ret = run(ks, argv + optind, argc - optind, o.json);
	keyseal_close(ks);
	return ret;
}
