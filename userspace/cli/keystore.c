// SPDX-License-Identifier: GPL-2.0
/*
 * The keystore's files, their names and the order they load in.
 */

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "keystore.h"

bool keystore_name_ok(const char *desc)
{
	size_t len = strlen(desc), i;

	if (!len || len > KEYSTORE_NAME_MAX || desc[0] == '.')
		return false;
	for (i = 0; i < len; i++) {
		char c = desc[i];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9') || strchr("._-+:@", c)))
			return false;
	}
	return true;
}

static int by_name(const void *a, const void *b)
{
	const struct keystore_entry *x = a, *y = b;

	return strcmp(x->file, y->file);
}

int keystore_scan(const char *dir, struct keystore_entry **entries,
		  size_t *count)
{
	size_t n = 0, cap = 0, len, suffix = strlen(KEYSTORE_SUFFIX);
	struct keystore_entry *list = NULL, *grown;
	struct dirent *d;
	DIR *dh;
	int ret = 0;

	dh = opendir(dir);
	if (!dh)
		return -errno;
	for (;;) {
		errno = 0;
		d = readdir(dh);
		if (!d) {
			ret = -errno;
			break;
		}
		len = strlen(d->d_name);
		/* Temporary files of a save in progress begin with a dot. */
		if (d->d_name[0] == '.' || len <= suffix ||
		    strcmp(d->d_name + len - suffix, KEYSTORE_SUFFIX) ||
		    len >= sizeof(list->file))
			continue;
		if (n == cap) {
			cap = cap ? 2 * cap : 16;
			grown = realloc(list, cap * sizeof(*list));
			if (!grown) {
				ret = -ENOMEM;
				break;
			}
			list = grown;
		}
		memset(&list[n], 0, sizeof(list[n]));
		memcpy(list[n].file, d->d_name, len + 1);
		if (len - suffix <= KEYSTORE_NAME_MAX) {
			memcpy(list[n].desc, d->d_name, len - suffix);
			if (!keystore_name_ok(list[n].desc))
				list[n].desc[0] = '\0';
		}
		n++;
	}
	closedir(dh);
	if (ret) {
		free(list);
		return ret;
	}
	if (n)
		qsort(list, n, sizeof(*list), by_name);
	*entries = list;
	*count = n;
	return 0;
}

/* The entry whose key @parent names, or NULL. */
static const struct keystore_entry *
parent_entry(const struct keystore_entry *entries, size_t count,
	     const char *parent)
{
	size_t i;

	if (strncmp(parent, "sealed:", strlen("sealed:")))
		return NULL;
	parent += strlen("sealed:");
	for (i = 0; i < count; i++)
		if (entries[i].desc[0] && !strcmp(entries[i].desc, parent))
			return &entries[i];
	return NULL;
}

static int by_depth(const void *a, const void *b)
{
	const struct keystore_entry *x = a, *y = b;

	if (x->depth != y->depth)
		return x->depth < y->depth ? -1 : 1;
	return strcmp(x->file, y->file);
}

void keystore_order(struct keystore_entry *entries, size_t count)
{
	const struct keystore_entry *e;
	size_t i, steps;

	for (i = 0; i < count; i++) {
		/* Up the chain, at most once through every entry. */
		steps = 0;
		for (e = &entries[i]; steps < count; steps++) {
			e = parent_entry(entries, count, e->parent);
			if (!e || e == &entries[i])
				break;
		}
		entries[i].depth = steps;
	}
	if (count)
		qsort(entries, count, sizeof(*entries), by_depth);
}

const char *errno_symbol(int e)
{
	static const struct {
		int e;
		const char *name;
	} names[] = {
		{ EINVAL, "EINVAL" },
		{ EBADMSG, "EBADMSG" },
		{ ENOKEY, "ENOKEY" },
		{ EKEYREJECTED, "EKEYREJECTED" },
		{ EKEYEXPIRED, "EKEYEXPIRED" },
		{ EKEYREVOKED, "EKEYREVOKED" },
		{ EPERM, "EPERM" },
		{ EACCES, "EACCES" },
		{ EOPNOTSUPP, "EOPNOTSUPP" },
		{ EEXIST, "EEXIST" },
		{ ENODEV, "ENODEV" },
		{ ENOENT, "ENOENT" },
		{ EDQUOT, "EDQUOT" },
		{ ENOMEM, "ENOMEM" },
		{ ERANGE, "ERANGE" },
	};
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (names[i].e == e)
			return names[i].name;
	return NULL;
}
