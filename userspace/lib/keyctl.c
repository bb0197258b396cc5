// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Sealed keys through keyctl: add_key(2) and keyctl_update(2) with the
 * commands of Documentation/keyctl.rst.
 *
 * A command is a line of space-separated words, so an argument with a space
 * in it could smuggle in a word of its own ("parent=user:a exportable").
 * Every argument is checked on its own first; then the finished command is
 * parsed back with the module's parser and must say exactly what was asked.
 */

#include <errno.h>
#include <keyutils.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "armor.h"
#include "blob.h"
#include "command.h"
#include "internal.h"
#include "usage.h"

/* A command being written; @len is SIZE_MAX once it has overflowed. */
struct cmdbuf {
	char *buf;
	size_t size;
	size_t len;
};

static void put(struct cmdbuf *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void put(struct cmdbuf *c, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (c->len == SIZE_MAX)
		return;
	va_start(ap, fmt);
	n = vsnprintf(c->buf + c->len, c->size - c->len, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= c->size - c->len)
		c->len = SIZE_MAX;
	else
		c->len += n;
}

static void put_hex(struct cmdbuf *c, const uint8_t *data, size_t len)
{
	static const char digits[] = "0123456789abcdef";
	size_t i;

	if (c->len == SIZE_MAX)
		return;
	if (len * 2 >= c->size - c->len) {
		c->len = SIZE_MAX;
		return;
	}
	for (i = 0; i < len; i++) {
		c->buf[c->len++] = digits[data[i] >> 4];
		c->buf[c->len++] = digits[data[i] & 15];
	}
	c->buf[c->len] = '\0';
}

/* A decimal serial as commands take it: 1 to INT32_MAX, no leading zero. */
int ks_parse_serial(const char *s, int32_t *serial)
{
	int64_t v = 0;

	if (!*s || *s == '0')
		return -EINVAL;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return -EINVAL;
		v = v * 10 + (*s - '0');
		if (v > INT32_MAX)
			return -EINVAL;
	}
	*serial = (int32_t)v;
	return 0;
}

int ks_key_name_valid(const char *name)
{
	int32_t serial;

	if (!name)
		return 0;
	if (name[0] == '#')
		return !ks_parse_serial(name + 1, &serial);
	return keyseal_parent_spec_valid(name, strlen(name));
}

/* Whether a parsed key option is the one @name asked for (NULL: none). */
static int cmd_key_is(const struct keyseal_cmd_key *key, const char *name)
{
	int32_t serial;

	if (!name)
		return !key->name && !key->serial;
	if (name[0] == '#')
		return !ks_parse_serial(name + 1, &serial) && !key->name &&
		       key->serial == serial;
	return !key->serial && key->name && key->name_len == strlen(name) &&
	       !memcmp(key->name, name, key->name_len);
}

static uint8_t full_flags(uint8_t key_flags)
{
	if (key_flags & KEYSEAL_FLAG_PLAINTEXT)
		key_flags |= KEYSEAL_FLAG_EXPORTABLE;
	return key_flags;
}

static void put_flags(struct cmdbuf *c, uint8_t key_flags)
{
	if (key_flags & KEYSEAL_FLAG_PLAINTEXT)
		put(c, " plaintext");
	else if (key_flags & KEYSEAL_FLAG_EXPORTABLE)
		put(c, " exportable");
}

static int spec_valid(const struct keyseal_key_spec *spec, uint16_t key_len)
{
	if (!keyseal_usage_to_string(spec->usage) ||
	    spec->key_flags & ~KEYSEAL_FLAGS_ALL)
		return 0;
	if (!keyseal_usage_key_len_valid(spec->usage,
					 keyseal_usage_alg(spec->usage),
					 key_len))
		return 0;
	return !spec->parent || ks_key_name_valid(spec->parent);
}

static void put_policy(struct cmdbuf *c, const struct keyseal_key_spec *spec)
{
	if (spec->parent)
		put(c, " parent=%s", spec->parent);
	put_flags(c, spec->key_flags);
	if (spec->not_after)
		put(c, " notafter=%llu", (unsigned long long)spec->not_after);
}

static int policy_is(const struct keyseal_cmd *cmd,
		     const struct keyseal_key_spec *spec, uint16_t key_len)
{
	return cmd->usage == spec->usage && cmd->key_len == key_len &&
	       cmd->key_flags == full_flags(spec->key_flags) &&
	       cmd->not_after == spec->not_after &&
	       cmd_key_is(&cmd->parent, spec->parent) &&
	       cmd_key_is(&cmd->recipient, NULL) && !cmd->sender_pk_len;
}

/* The command's length once it has been parsed back, or an error. */
static int finish(const struct cmdbuf *c, struct keyseal_cmd *cmd)
{
	if (c->len == SIZE_MAX)
		return -ERANGE;
	if (c->len > KEYSEAL_CMD_MAX_SIZE ||
	    keyseal_cmd_parse(c->buf, c->len, cmd))
		return -EINVAL;
	return 0;
}

int ks_build_new(const struct keyseal_key_spec *spec, char *buf, size_t size)
{
	struct cmdbuf c = { buf, size, 0 };
	struct keyseal_cmd cmd;
	uint16_t key_len;
	int ret;

	if (!spec || !buf || !size)
		return -EINVAL;
	key_len = spec->key_len ? spec->key_len :
				  keyseal_usage_default_len(spec->usage);
	if (!spec_valid(spec, key_len))
		return -EINVAL;
	put(&c, "new %s %u", keyseal_usage_to_string(spec->usage), key_len);
	put_policy(&c, spec);
	ret = finish(&c, &cmd);
	if (ret)
		return ret;
	if (cmd.verb != KEYSEAL_CMD_NEW || !policy_is(&cmd, spec, key_len))
		return -EINVAL;
	return c.len;
}

int ks_build_import(const struct keyseal_key_spec *spec, const void *material,
		    size_t len, char *buf, size_t size)
{
	struct cmdbuf c = { buf, size, 0 };
	struct keyseal_cmd cmd;
	int ret = -EINVAL;
	uint8_t *check;

	if (!spec || !material || !buf || !size || len > KEYSEAL_SECRET_MAX ||
	    (spec->key_len && spec->key_len != len) ||
	    !spec_valid(spec, (uint16_t)len))
		return -EINVAL;
	put(&c, "import %s ", keyseal_usage_to_string(spec->usage));
	put_hex(&c, material, len);
	put_policy(&c, spec);
	ret = finish(&c, &cmd);
	if (ret)
		return ret;
	if (cmd.verb != KEYSEAL_CMD_IMPORT || !policy_is(&cmd, spec, len) ||
	    cmd.data_len != 2 * len)
		return -EINVAL;

	/* The hex in the command is the material, byte for byte. */
	check = malloc(len);
	if (!check)
		return -ENOMEM;
	if (keyseal_hex_decode(cmd.data, cmd.data_len, check, len) ==
	    (int)len && !memcmp(check, material, len))
		ret = c.len;
	else
		ret = -EINVAL;
	explicit_bzero(check, len);
	free(check);
	return ret;
}

int ks_build_load(const void *blob, size_t len,
		  const struct keyseal_load_params *params, char *buf,
		  size_t size)
{
	static const struct keyseal_load_params defaults;
	uint8_t bin[KEYSEAL_BLOB_MAX_SIZE];
	struct cmdbuf c = { buf, size, 0 };
	const struct keyseal_public_key *sender;
	size_t bin_len = sizeof(bin), armor_len;
	struct keyseal_cmd cmd;
	int ret;

	if (!blob || !buf || !size)
		return -EINVAL;
	if (!params)
		params = &defaults;
	sender = params->sender;
	if ((params->parent && !ks_key_name_valid(params->parent)) ||
	    (params->recipient && !ks_key_name_valid(params->recipient)) ||
	    (sender && (!sender->len || sender->len > sizeof(sender->key))))
		return -EINVAL;

	ret = keyseal_blob_decode(blob, len, bin, &bin_len);
	if (ret < 0)
		goto out;
	armor_len = keyseal_armor_size(bin_len);
	if (5 + armor_len >= size) {
		ret = -ERANGE;
		goto out;
	}
	memcpy(buf, "load ", 5);
	keyseal_armor_encode(bin, bin_len, buf + 5);
	c.len = 5 + armor_len;
	buf[c.len] = '\0';
	if (params->parent)
		put(&c, " parent=%s", params->parent);
	if (params->recipient)
		put(&c, " recipient=%s", params->recipient);
	if (sender) {
		put(&c, " sender=");
		put_hex(&c, sender->key, sender->len);
	}
	ret = finish(&c, &cmd);
	if (ret)
		goto out;
	if (cmd.verb != KEYSEAL_CMD_LOAD || cmd.data != buf + 5 ||
	    cmd.data_len != armor_len ||
	    !cmd_key_is(&cmd.parent, params->parent) ||
	    !cmd_key_is(&cmd.recipient, params->recipient) ||
	    cmd.sender_pk_len != (sender ? sender->len : 0) ||
	    (sender && memcmp(cmd.sender_pk, sender->key, sender->len)))
		ret = -EINVAL;
	else
		ret = c.len;
out:
	/* A plaintext blob is the key itself. */
	explicit_bzero(bin, sizeof(bin));
	return ret;
}

int ks_build_rewrap(const char *parent, char *buf, size_t size)
{
	struct cmdbuf c = { buf, size, 0 };
	struct keyseal_cmd cmd;
	int ret;

	if (!ks_key_name_valid(parent) || !buf || !size)
		return -EINVAL;
	put(&c, "rewrap parent=%s", parent);
	ret = finish(&c, &cmd);
	if (ret)
		return ret;
	if (cmd.verb != KEYSEAL_CMD_REWRAP || !cmd_key_is(&cmd.parent, parent))
		return -EINVAL;
	return c.len;
}

int ks_build_restrict(uint8_t key_flags, char *buf, size_t size)
{
	struct cmdbuf c = { buf, size, 0 };
	struct keyseal_cmd cmd;
	int ret;

	if (key_flags & ~KEYSEAL_FLAGS_ALL || !buf || !size)
		return -EINVAL;
	put(&c, "restrict");
	put_flags(&c, key_flags);
	ret = finish(&c, &cmd);
	if (ret)
		return ret;
	if (cmd.verb != KEYSEAL_CMD_RESTRICT ||
	    cmd.key_flags != full_flags(key_flags))
		return -EINVAL;
	return c.len;
}

/* add_key(2) of a sealed key; an empty description is the kernel's. */
static int add_sealed(const char *description, const char *cmd, size_t len,
		      int32_t keyring, int32_t *serial)
{
	key_serial_t id;

	if (description && !*description)
		description = NULL;
	id = add_key("sealed", description, cmd, len, ks_keyring(keyring));
	if (id < 0)
		return -errno;
	*serial = id;
	return 0;
}

static int update_sealed(int32_t serial, const char *cmd, size_t len)
{
	return keyctl_update(serial, cmd, len) < 0 ? -errno : 0;
}

int keyseal_key_generate(const struct keyseal_key_spec *spec,
			 const char *description, int32_t keyring,
			 int32_t *serial)
{
	char cmd[KEYSEAL_CMD_MAX_SIZE + 1];
	int len;

	if (!serial)
		return -EINVAL;
	len = ks_build_new(spec, cmd, sizeof(cmd));
	if (len < 0)
		return len;
	return add_sealed(description, cmd, len, keyring, serial);
}

int keyseal_key_import_material(const struct keyseal_key_spec *spec,
				const void *material, size_t len,
				const char *description, int32_t keyring,
				int32_t *serial)
{
	char cmd[KEYSEAL_CMD_MAX_SIZE + 1];
	int ret;

	if (!serial)
		return -EINVAL;
	ret = ks_build_import(spec, material, len, cmd, sizeof(cmd));
	if (ret >= 0)
		ret = add_sealed(description, cmd, ret, keyring, serial);
	explicit_bzero(cmd, sizeof(cmd));
	return ret;
}

int keyseal_key_load(const void *blob, size_t len,
		     const struct keyseal_load_params *params,
		     const char *description, int32_t keyring,
		     int32_t *serial)
{
	char cmd[KEYSEAL_CMD_MAX_SIZE + 1];
	int ret;

	if (!serial)
		return -EINVAL;
	ret = ks_build_load(blob, len, params, cmd, sizeof(cmd));
	if (ret >= 0)
		ret = add_sealed(description, cmd, ret, keyring, serial);
	/* A plaintext blob is the key itself. */
	explicit_bzero(cmd, sizeof(cmd));
	return ret;
}

int keyseal_key_rewrap(int32_t serial, const char *parent)
{
	char cmd[KEYSEAL_PARENT_MAX + 32];
	int len;

	len = ks_build_rewrap(parent, cmd, sizeof(cmd));
	if (len < 0)
		return len;
	return update_sealed(serial, cmd, len);
}

int keyseal_key_restrict(int32_t serial, uint8_t key_flags)
{
	char cmd[64];
	int len;

	len = ks_build_restrict(key_flags, cmd, sizeof(cmd));
	if (len < 0)
		return len;
	return update_sealed(serial, cmd, len);
}
