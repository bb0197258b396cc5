// SPDX-License-Identifier: GPL-2.0
/*
 * keyseal rewrap: blob files sealed again under another KEK, in place. Key
 * rotation for keys kept on disk. A file that fails is left as it was, and
 * the other files are still done.
 */

#include <getopt.h>
#include <string.h>

#include "options.h"
#include "rewrap.h"

static void help(void);

static const struct command rewrap = {
	.name = "rewrap",
	.synopsis = "--kek KEK [--unwrap KEY] [--json] FILE...",
	.help = help,
	.options = OPT_KEK | OPT_UNWRAP | OPT_JSON,
};

static void help(void)
{
	printf("Usage: keyseal rewrap %s\n"
	       "\n"
	       "Seal the blob in each FILE under KEK, in place, without the key ever\n"
	       "leaving the kernel in the clear. Each file is replaced atomically,\n"
	       "keeping its form, mode and owner, and only once the new blob has been\n"
	       "shown to load. A file that fails is left untouched; the others are\n"
	       "still done, and the exit status is 1.\n"
	       "\n"
	       "      --kek KEK        the new KEK: type:description or a serial\n"
	       "  -u, --unwrap KEY     the KEK that opens the blobs, if not the parent\n"
	       "                       each one names\n"
	       "      --json           print a JSON array, one result per file\n"
	       "  -h, --help           show this help\n",
	       rewrap.synopsis);
}

/* The KEKs and the device; 0, or the exit status after a message. */
static int start(struct rewrap *r, const struct options *o)
{
	struct keyseal_key_info info;
	int ret = find_key(o->kek, "KEK", &r->kek);

	if (!ret && o->unwrap) {
		ret = find_key(o->unwrap, "key", &r->unwrap);
		r->have_unwrap = true;
	}
	if (ret)
		return ret;
	r->ks = open_device();
	if (!r->ks)
		return 1;
	/* A sealed key of another usage would fail every file: say it once. */
	if (!strcmp(r->kek.type, "sealed") &&
	    !keyseal_info(r->ks, r->kek.serial, &info) &&
	    info.usage != KEYSEAL_USAGE_KEK) {
		err("KEK %s cannot wrap keys: its usage is %s, not kek",
		    r->kek.label, keyseal_usage_to_string(info.usage));
		keyseal_close(r->ks);
		return 1;
	}
	return 0;
}

/* What became of @file: a line, or an element of the JSON array. */
static void report(struct json *j, bool json, const char *file, bool done,
		   const struct keyseal_blob_info *now)
{
	char parent[KEYSEAL_PARENT_MAX * 4 + 1];

	if (done)
		printable(now->parent, parent, sizeof(parent));
	if (json) {
		json_open(j, NULL, '{');
		json_str(j, "file", file);
		json_bool(j, "rewrapped", done);
		if (done)
			json_str(j, "parent", parent);
		json_close(j, '}');
	} else if (done) {
		printf("%s: now under %s\n", file, parent);
	}
}

static int run(struct rewrap *r, char **files, int n, bool json)
{
	struct keyseal_blob_info now;
	int i, ret, status = 0;
	struct json j;

	json_begin_list(&j, json);
	for (i = 0; i < n; i++) {
		ret = rewrap_file(r, files[i], &now);
		if (ret)
			status = 1;
		report(&j, json, files[i], !ret, &now);
	}
	json_end_list(&j, json);
	return status;
}

int cmd_rewrap(int argc, char **argv)
{
	struct rewrap r = { 0 };
	struct options o;
	int ret = parse_options(&rewrap, argc, argv, &o);

	if (ret >= 0)
		return ret;
	if (!o.kek)
		return usage_error(&rewrap, "missing --kek");
	if (optind == argc)
		return usage_error(&rewrap, "missing FILE");
	ret = start(&r, &o);
	if (ret)
		return ret;
	ret = run(&r, argv + optind, argc - optind, o.json);
	keyseal_close(r.ks);
	return ret;
}
