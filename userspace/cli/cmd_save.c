// SPDX-License-Identifier: GPL-2.0
/*
 * keyseal save: sealed keys to the keystore, each as its blob under its
 * parent, one file per key, for keyseal restore to load back at boot.
 */

#include <errno.h>
#include <getopt.h>
#include <keyutils.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "keystore.h"
#include "options.h"
#include "problem.h"

static void help(void);

static const struct command save = {
	.name = "save",
	.synopsis = "KEY... | --all [--keystore DIR] [-k RING]",
	.help = help,
	.options = OPT_KEYSTORE | OPT_ALL | OPT_KEYRING,
};

static void help(void)
{
	printf("Usage: keyseal save %s\n"
	       "\n"
	       "Write each KEY's blob under its parent (what keyctl read gives) to the\n"
	       "keystore, as DESCRIPTION.blob in PEM form, mode 0600, replacing the\n"
	       "file atomically. keyseal restore loads them back. A key's description\n"
	       "must be a file name: letters, digits and . _ - + : @.\n"
	       "\n"
	       "      --all            every sealed key linked in the keyring RING\n"
	       "  -k, --keyring RING   with --all: the keyring (default @u, where\n"
	       "                       keyseal restore puts keys)\n"
	       "      --keystore DIR   the keystore (default " KEYSTORE_DEFAULT ")\n"
	       "  -h, --help           show this help\n",
	       save.synopsis);
}

/* The keystore directory, made 0700 with its parents if missing. */
static int make_keystore(const char *dir)
{
	char *path = strdup(dir), *p;
	int ret = 0;

	if (!path) {
		err("out of memory");
		return 1;
	}
	for (p = path + 1; ; p++) {
		if (*p && *p != '/')
			continue;
		ret = *p;
		*p = '\0';
		if (mkdir(path, 0700) < 0 && errno != EEXIST) {
			err("cannot make the keystore %s: %s", path,
			    strerror(errno));
			free(path);
			return 1;
		}
		if (!ret)
			break;
		*p = '/';
	}
	free(path);
	return 0;
}

/* One key to the keystore: 0 or 1, after saying what happened. */
static int save_key(struct keyseal *ks, const char *dir, const char *name)
{
	uint8_t blob[KEYSEAL_BLOB_MAX_SIZE];
	size_t len = sizeof(blob);
	struct problem p = { 0 };
	struct cli_key key;
	const char *desc;
	char *path;
	int ret;

	if (find_sealed_key(name, "key", &key))
		return 1;
	desc = key.name + strlen("sealed:");
	if (!keystore_name_ok(desc)) {
		err("key %s: its description cannot be a keystore file name (at most %d letters, digits and . _ - + : @, no leading dot)",
		    key.label, KEYSTORE_NAME_MAX);
		return 1;
	}
	ret = keyseal_export(ks, key.serial, NULL, blob, &len);
	if (ret) {
		p.key = key.label;
		problem(OP_EXPORT, -ret, &p);
		return 1;
	}
	if (asprintf(&path, "%s/%s" KEYSTORE_SUFFIX, dir, desc) < 0) {
		err("out of memory");
		return 1;
	}
	/* Secret: 0600, as every file the keystore holds. */
	ret = write_blob(path, blob, len, KEYSEAL_FORM_PEM, true);
	if (!ret)
		printf("%s" KEYSTORE_SUFFIX ": saved %s\n", desc, key.label);
	free(path);
	return ret;
}

/* The sealed keys linked in @ring, as "#serial" names: 0 or 1. */
static int keys_in(int32_t ring, char ***names, size_t *count)
{
	key_serial_t *ids = NULL;
	char *desc, **list;
	long len, i, n = 0;

	len = keyctl_read_alloc(ring, (void **)&ids);
	if (len < 0) {
		err("cannot read the keyring: %s", errno_text(errno));
		return 1;
	}
	len /= sizeof(*ids);
	list = calloc(len + 1, sizeof(*list));
	for (i = 0; list && i < len; i++) {
		if (keyctl_describe_alloc(ids[i], &desc) < 0)
			continue;
		if (!strncmp(desc, "sealed;", strlen("sealed;")) &&
		    asprintf(&list[n], "#%d", ids[i]) >= 0)
			n++;
		free(desc);
	}
	free(ids);
	if (!list) {
		err("out of memory");
		return 1;
	}
	*names = list;
	*count = n;
	return 0;
}

int cmd_save(int argc, char **argv)
{
	const char *dir;
	struct options o;
	struct keyseal *ks;
	char **names = NULL;
	size_t count, i;
	int32_t ring;
	int ret = parse_options(&save, argc, argv, &o), status = 0;

	if (ret >= 0)
		return ret;
	if (o.all == (optind < argc))
		return usage_error(&save, "name the keys to save, or --all");
	if (o.keyring_given && !o.all)
		return usage_error(&save, "--keyring is for --all");
	setvbuf(stdout, NULL, _IOLBF, 0);
	dir = o.keystore ? o.keystore : KEYSTORE_DEFAULT;
	if (!*dir)
		return usage_error(&save, "--keystore needs a directory");
	if (o.all) {
		ret = find_keyring(o.keyring_given ? o.keyring :
				   KEYSTORE_KEYRING, &ring);
		if (ret)
			return ret;
		if (keys_in(ring, &names, &count))
			return 1;
	} else {
		names = argv + optind;
		count = argc - optind;
	}
	if (make_keystore(dir)) {
		status = 1;
		goto out;
	}
	ks = open_device();
	if (!ks) {
		status = 1;
		goto out;
	}
	/* Every key is tried: one that cannot be saved stops no other. */
	for (i = 0; i < count; i++)
		status |= save_key(ks, dir, names[i]);
	keyseal_close(ks);
out:
	if (o.all) {
		for (i = 0; names[i]; i++)
			free(names[i]);
		free(names);
	}
	return status;
}
