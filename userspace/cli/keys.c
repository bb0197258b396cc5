// SPDX-License-Identifier: GPL-2.0
/*
 * Keys named on the command line, and how messages name them: "key 123456
 * (sealed:db)", "parent key user:kmk".
 */

#include <errno.h>
#include <keyutils.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "problem.h"

/* Why a key named @shown cannot be had, for the errno of a lookup. */
static void key_problem(const char *role, const char *shown, int e)
{
	struct problem p = { .role = role, .key = shown };

	problem(OP_LOOKUP, e, &p);
}

/* How the user wrote a name, printable; "%user:kmk" shows as "user:kmk". */
static void shown_name(const char *name, char *out, size_t size)
{
	printable(name[0] == '%' ? name + 1 : name, out, size);
}

int find_key(const char *name, const char *role, struct cli_key *key)
{
	char shown[1024], search[4 * 4096 + 2], *desc, *p;
	char printed[KEY_NAME_MAX - 40];
	int32_t serial;
	int ret, i;

	memset(key, 0, sizeof(*key));
	shown_name(name, shown, sizeof(shown));
	/* "user:kmk" as keyseal's other options and messages write it */
	if (!strchr("%@#", name[0]) && strchr(name, ':')) {
		snprintf(search, sizeof(search), "%%%s", name);
		name = search;
	}
	ret = keyseal_key_find(name, &serial);
	if (ret == -EINVAL || (!ret && serial < 0)) {
		err("'%s' does not name a key: give a serial or type:description",
		    shown);
		return EXIT_USAGE;
	}
	if (ret) {
		key_problem(role, shown, -ret);
		return 1;
	}
	if (keyctl_describe_alloc(serial, &desc) < 0) {
		key_problem(role, shown, errno);
		return 1;
	}

	/* "type;uid;gid;perm;description" */
	key->serial = serial;
	p = desc;
	for (i = 0; i < 4 && p; i++) {
		p = strchr(p, ';');
		if (p)
			p++;
	}
	desc[strcspn(desc, ";")] = '\0';
	snprintf(key->type, sizeof(key->type), "%s", desc);
	printable(p ? p : "?", printed, sizeof(printed));
	snprintf(key->name, sizeof(key->name), "%s:%s", key->type, printed);
	snprintf(key->label, sizeof(key->label), "%d (%s)", serial, key->name);
	free(desc);
	return 0;
}

int find_sealed_key(const char *name, const char *role, struct cli_key *key)
{
	int ret = find_key(name, role, key);

	if (ret)
		return ret;
	if (strcmp(key->type, "sealed")) {
		err("%s %s is not a sealed key", role, key->label);
		return 1;
	}
	return 0;
}

int find_keyring(const char *name, int32_t *serial)
{
	struct cli_key key;
	int ret;

	/* Special keyrings need no looking up: the kernel makes them. */
	if (name[0] == '@') {
		if (keyseal_key_find(name, serial)) {
			err("'%s' is not a keyring: give @s, @u, @us, @p, @t, a serial or %%keyring:name",
			    name);
			return EXIT_USAGE;
		}
		return 0;
	}
	ret = find_key(name, "keyring", &key);
	if (ret)
		return ret;
	if (strcmp(key.type, "keyring")) {
		err("%s is not a keyring", key.label);
		return 1;
	}
	*serial = key.serial;
	return 0;
}

/* "type:description" as a command takes it: printable, no space, a colon. */
static int spec_ok(const char *s)
{
	const char *colon = strchr(s, ':');
	size_t n = strlen(s), i;

	if (!colon || colon == s || !colon[1] || n > KEYSEAL_PARENT_MAX)
		return 0;
	for (i = 0; i < n; i++)
		if (s[i] <= ' ' || s[i] > '~')
			return 0;
	return 1;
}

static int digits_ok(const char *s)
{
	if (!*s || *s == '0' || strlen(s) > 10)
		return 0;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return 0;
	return 1;
}

int kek_name(const struct command *cmd, const char *arg, char *out,
	     size_t size)
{
	char shown[1024];

	if (arg[0] == '%' && spec_ok(arg + 1))
		snprintf(out, size, "%s", arg + 1);
	else if (arg[0] == '#' && digits_ok(arg + 1))
		snprintf(out, size, "%s", arg);
	else if (digits_ok(arg))
		snprintf(out, size, "#%s", arg);
	else if (spec_ok(arg))
		snprintf(out, size, "%s", arg);
	else {
		printable(arg, shown, sizeof(shown));
		return usage_error(cmd,
				   "'%s' does not name a key: give type:description or a serial",
				   shown);
	}
	return 0;
}

int fetch_key_info(struct keyseal *ks, const struct cli_key *key,
		   struct keyseal_key_info *info)
{
	struct problem p = { .key = key->label };
	int ret = keyseal_info(ks, key->serial, info);

	if (!ret)
		return 0;
	problem(OP_INFO, -ret, &p);
	return 1;
}

void default_parent(char *buf, size_t size)
{
	FILE *f = fopen("/sys/module/keyseal/parameters/default_parent", "r");
	char line[512], shown[1024];
	size_t n;

	snprintf(buf, size, "(the default parent)");
	if (!f)
		return;
	if (fgets(line, sizeof(line), f)) {
		n = strcspn(line, "\n");
		line[n] = '\0';
		printable(line, shown, sizeof(shown));
		if (n)
			snprintf(buf, size, "%s (the default parent)", shown);
	}
	fclose(f);
}

struct keyseal *open_device(void)
{
	struct problem p = { 0 };
	struct keyseal *ks;
	int ret = keyseal_open(&ks);

	if (!ret)
		return ks;
	problem(OP_DEVICE, -ret, &p);
	return NULL;
}
