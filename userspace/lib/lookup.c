// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Finding keys as keyctl names them, and listing the caller's sealed keys.
 */

#include <errno.h>
#include <keyutils.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* How deep keyrings nest, as far as the kernel's own searches go. */
#define RING_DEPTH_MAX	6
/* A bound on the work a pathological keyring tree can cause. */
#define KEYS_MAX	65536

static const struct {
	const char *name;
	int32_t spec;
} special_keyrings[] = {
	{ "@t", KEY_SPEC_THREAD_KEYRING },
	{ "@p", KEY_SPEC_PROCESS_KEYRING },
	{ "@s", KEY_SPEC_SESSION_KEYRING },
	{ "@u", KEY_SPEC_USER_KEYRING },
	{ "@us", KEY_SPEC_USER_SESSION_KEYRING },
};

/* "%type:description", both parts non-empty, searched for as request_key. */
static int find_by_description(const char *name, int32_t *serial)
{
	const char *colon = strchr(name, ':');
	char type[64];
	key_serial_t id;
	size_t type_len;

	if (!colon || colon == name || !colon[1])
		return -EINVAL;
	type_len = colon - name;
	if (type_len >= sizeof(type))
		return -EINVAL;
	memcpy(type, name, type_len);
	type[type_len] = '\0';

	/* No callout: search the caller's keyrings, never construct. */
	id = request_key(type, colon + 1, NULL, 0);
	if (id < 0)
		return -errno;
	*serial = id;
	return 0;
}

int keyseal_key_find(const char *name, int32_t *serial)
{
	size_t i;

	if (!name || !serial)
		return -EINVAL;
	switch (name[0]) {
	case '@':
		for (i = 0; i < sizeof(special_keyrings) /
				sizeof(special_keyrings[0]); i++) {
			if (!strcmp(name, special_keyrings[i].name)) {
				*serial = special_keyrings[i].spec;
				return 0;
			}
		}
		return -EINVAL;
	case '%':
		return find_by_description(name + 1, serial);
	case '#':
		return ks_parse_serial(name + 1, serial);
	}
	return ks_parse_serial(name, serial);
}

struct serials {
	int32_t *ids;
	size_t count;
	size_t cap;
};

static int serials_has(const struct serials *s, int32_t id)
{
	size_t i;

	for (i = 0; i < s->count; i++)
		if (s->ids[i] == id)
			return 1;
	return 0;
}

static int serials_add(struct serials *s, int32_t id)
{
	int32_t *ids;
	size_t cap;

	if (s->count == s->cap) {
		if (s->cap >= KEYS_MAX)
			return -ENOMEM;
		cap = s->cap ? 2 * s->cap : 16;
		ids = realloc(s->ids, cap * sizeof(*ids));
		if (!ids)
			return -ENOMEM;
		s->ids = ids;
		s->cap = cap;
	}
	s->ids[s->count++] = id;
	return 0;
}

/* "type;uid;gid;perm;description": whether the type is @type. */
static int type_is(const char *desc, const char *type)
{
	size_t n = strlen(type);

	return !strncmp(desc, type, n) && desc[n] == ';';
}

/*
 * Collect the sealed keys in @ring and in the keyrings below it. Keys and
 * keyrings the caller may not view or read are passed over.
 */
static int walk_keyring(int32_t ring, int depth, struct serials *keys,
			struct serials *rings)
{
	key_serial_t *ids;
	void *buf = NULL;
	char *desc;
	long len, i;
	int ret = 0;

	len = keyctl_read_alloc(ring, &buf);
	if (len < 0)
		return errno == ENOMEM ? -ENOMEM : 0;
	ids = buf;
	for (i = 0; !ret && i < len / (long)sizeof(*ids); i++) {
		if (serials_has(keys, ids[i]) || serials_has(rings, ids[i]))
			continue;
		if (keyctl_describe_alloc(ids[i], &desc) < 0) {
			if (errno == ENOMEM)
				ret = -ENOMEM;
			continue;
		}
		if (type_is(desc, "sealed")) {
			ret = serials_add(keys, ids[i]);
		} else if (type_is(desc, "keyring") && depth < RING_DEPTH_MAX) {
			ret = serials_add(rings, ids[i]);
			if (!ret)
				ret = walk_keyring(ids[i], depth + 1, keys,
						   rings);
		}
		free(desc);
	}
	free(buf);
	return ret;
}

int keyseal_key_list(int32_t **serials, size_t *count)
{
	/* The keyrings request_key(2) searches for the caller. */
	static const int32_t roots[] = {
		KEY_SPEC_THREAD_KEYRING,
		KEY_SPEC_PROCESS_KEYRING,
		KEY_SPEC_SESSION_KEYRING,
	};
	struct serials keys = { 0 }, rings = { 0 };
	key_serial_t ring;
	size_t i;
	int ret = 0;

	if (!serials || !count)
		return -EINVAL;
	for (i = 0; !ret && i < sizeof(roots) / sizeof(roots[0]); i++) {
		ring = keyctl_get_keyring_ID(roots[i], 0);
		if (ring < 0 || serials_has(&rings, ring))
			continue;
		ret = serials_add(&rings, ring);
		if (!ret)
			ret = walk_keyring(ring, 1, &keys, &rings);
	}
	free(rings.ids);
	if (ret) {
		free(keys.ids);
		return ret;
	}
	*serials = keys.ids;
	*count = keys.count;
	return 0;
}
