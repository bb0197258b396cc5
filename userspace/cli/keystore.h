/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The keystore: a directory of blob files, one per key, that keyseal save
 * writes and keyseal restore loads back (keyseal(1), Documentation/
 * admin-guide.rst "Restoring keys at boot"). What needs no kernel is here,
 * for the commands and their unit tests.
 */
#ifndef KEYSEAL_CLI_KEYSTORE_H
#define KEYSEAL_CLI_KEYSTORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cli.h"

#define KEYSTORE_DEFAULT	"/var/lib/keyseal/keystore"
/* The keyring save --all reads and restore fills, unless told another. */
#define KEYSTORE_KEYRING	"@u"
#define KEYSTORE_SUFFIX		".blob"
/* A description that can be a file name: this long at most. */
#define KEYSTORE_NAME_MAX	200

/*
 * Whether a key's description can name its file: 1 to KEYSTORE_NAME_MAX
 * letters, digits and "._-+:@", not beginning with a dot.
 */
bool keystore_name_ok(const char *desc);

/**
 * struct keystore_entry - one file of a keystore
 * @file: its name in the directory, "vol.blob"
 * @desc: the description of its key, "vol"
 * @parent: the parent the blob names, "sealed:disk-kek"; empty until read,
 *	and for a file that is no blob
 * @depth: how many KEKs of the same keystore are above it
 * @index: the caller's, which moves with the entry when it is ordered
 */
struct keystore_entry {
	char file[KEYSTORE_NAME_MAX + sizeof(KEYSTORE_SUFFIX)];
	char desc[KEYSTORE_NAME_MAX + 1];
	char parent[KEYSEAL_PARENT_MAX + 1];
	unsigned int depth;
	size_t index;
};

/*
 * The *.blob files of @dir, by name, into a new array (free() it). Names
 * that cannot be descriptions are listed too, with an empty @desc, so that
 * the caller reports them. Returns 0 or -errno of opendir/readdir.
 */
int keystore_scan(const char *dir, struct keystore_entry **entries,
		  size_t *count);

/*
 * Put @entries in an order that loads parents first: a blob whose parent
 * is "sealed:D" comes after the entry whose key is D. Otherwise by name;
 * a cycle (no real keystore has one) is broken, not followed.
 */
void keystore_order(struct keystore_entry *entries, size_t count);

/* "ENOKEY" for ENOKEY: the symbol of the errnos keyseal gives, or NULL. */
const char *errno_symbol(int e);

#endif /* KEYSEAL_CLI_KEYSTORE_H */
