/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Helpers shared by keyseal's selftests: keyrings, sealed keys and blobs.
 * Each helper returns what the kernel said (a serial, a length) or -errno,
 * so tests can assert exact outcomes.
 */
#ifndef KEYSEAL_TEST_H
#define KEYSEAL_TEST_H

#include <errno.h>
#include <keyutils.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

#include <linux/keyseal.h>

#include "armor.h"
#include "blob.h"

#define ROOT_KEK_SIZE 32

/* A fresh session keyring for the calling test, and nothing in it. */
static inline int new_session(void)
{
	long ret = keyctl_join_session_keyring(NULL);

	return ret < 0 ? -errno : 0;
}

static inline key_serial_t add_key_errno(const char *type, const char *desc,
					 const void *payload, size_t len,
					 key_serial_t ring)
{
	key_serial_t id = add_key(type, desc, payload, len, ring);

	return id < 0 ? -errno : id;
}

/* A user key of @len random bytes: a root KEK. */
static inline key_serial_t add_random_user_key(const char *desc, size_t len)
{
	unsigned char material[4096];

	if (len > sizeof(material) ||
	    getrandom(material, len, 0) != (ssize_t)len)
		return -EIO;
	return add_key_errno("user", desc, material, len,
			     KEY_SPEC_SESSION_KEYRING);
}

/* add_key of a sealed key in the session keyring. */
static inline key_serial_t add_sealed(const char *desc, const char *command)
{
	return add_key_errno("sealed", desc, command, strlen(command),
			     KEY_SPEC_SESSION_KEYRING);
}

static inline long update_key(key_serial_t id, const char *command)
{
	return keyctl_update(id, command, strlen(command)) < 0 ? -errno : 0;
}

/* keyctl read into @buf, NUL-terminated: the length, or -errno. */
static inline long read_key(key_serial_t id, char *buf, size_t size)
{
	long len = keyctl_read(id, buf, size - 1);

	if (len < 0)
		return -errno;
	if ((size_t)len >= size)
		return -E2BIG;
	buf[len] = '\0';
	return len;
}

/* "load <armor>" with optional extra words. */
static inline key_serial_t load_armor(const char *desc, const char *armor,
				      const char *extra)
{
	char command[KEYSEAL_ARMOR_MAX_SIZE + 600];

	snprintf(command, sizeof(command), "load %s%s%s", armor,
		 extra ? " " : "", extra ? extra : "");
	return add_sealed(desc, command);
}

/* Load a binary blob: armor it, then "load" it. */
static inline key_serial_t load_blob(const char *desc, const u8 *blob,
				     size_t len)
{
	char armor[KEYSEAL_ARMOR_MAX_SIZE + 1];
	size_t n;

	if (len > KEYSEAL_BLOB_MAX_SIZE)
		return -E2BIG;
	n = keyseal_armor_encode(blob, len, armor);
	armor[n] = '\0';
	return load_armor(desc, armor, NULL);
}

/* The binary blob keyctl read returns for a key. */
static inline long read_blob(key_serial_t id, u8 *blob, size_t size)
{
	char armor[KEYSEAL_ARMOR_MAX_SIZE + 2];
	long len = read_key(id, armor, sizeof(armor));

	if (len < 0)
		return len;
	return keyseal_armor_decode(armor, len, blob, size);
}

/* Remove a key from the session keyring and make it unusable at once. */
static inline void drop_key(key_serial_t id)
{
	keyctl_unlink(id, KEY_SPEC_SESSION_KEYRING);
	keyctl_invalidate(id);
}

/* The line of /proc/keys describing a key, or an empty string. */
static inline void proc_keys_line(key_serial_t id, char *line, size_t size)
{
	char want[16];
	FILE *f = fopen("/proc/keys", "r");

	line[0] = '\0';
	if (!f)
		return;
	snprintf(want, sizeof(want), "%08x ", id);
	while (fgets(line, size, f))
		if (!strncmp(line, want, strlen(want)))
			break;
		else
			line[0] = '\0';
	fclose(f);
}

/* The caller's keys and bytes charged, from /proc/key-users. */
static inline int key_quota(unsigned int *keys, unsigned int *bytes)
{
	unsigned int uid = getuid(), u, usage, nkeys, ninst, qkeys, maxkeys;
	unsigned int qbytes, maxbytes;
	char line[256];
	FILE *f = fopen("/proc/key-users", "r");
	int ret = -ENOENT;

	if (!f)
		return -errno;
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, " %u: %u %u/%u %u/%u %u/%u", &u, &usage,
			   &nkeys, &ninst, &qkeys, &maxkeys, &qbytes,
			   &maxbytes) == 8 && u == uid) {
			*keys = qkeys;
			*bytes = qbytes;
			ret = 0;
		}
	}
	fclose(f);
	return ret;
}

#endif /* KEYSEAL_TEST_H */
