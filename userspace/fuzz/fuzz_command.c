// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * libFuzzer target: the keyctl command parser (kernel/shared/command.c), compiled
 * from the module's own source.
 *
 * Whatever parses must be a command the rest of the module can trust: every
 * pointer lies inside the input and spans one word, lengths and serials are
 * in range, the verb and usage are known, each verb carries only the
 * options it takes, "import" carries hex of exactly the key's length.
 * Parsing is stable: the command written out again in canonical form, or
 * the input with other separators, parses to the same thing, and a changed
 * separator never turns a refusal into an acceptance. The hex decoder and
 * the usage names are checked against simple models on the way.
 */

#include <assert.h>
#include <errno.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "armor.h"
#include "blob.h"
#include "command.h"
#include "usage.h"

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n';
}

/* [@p, @p + @n) is a whole word of the input @text of @len bytes. */
static void check_word(const char *text, size_t len, const char *p, size_t n)
{
	size_t i;

	assert(p >= text && n && n <= len && (size_t)(p - text) <= len - n);
	assert(p == text || is_space(p[-1]) || p[-1] == '=');
	assert(p + n == text + len || is_space(p[n]));
	for (i = 0; i < n; i++)
		assert(p[i] > ' ' && p[i] <= '~');
}

static int key_set(const struct keyseal_cmd_key *key)
{
	return key->name || key->serial;
}

static void check_key(const char *text, size_t len,
		      const struct keyseal_cmd_key *key)
{
	if (key->name) {
		assert(!key->serial);
		check_word(text, len, key->name, key->name_len);
		assert(keyseal_parent_spec_valid(key->name, key->name_len));
		assert(key->name[0] != '#');
	} else {
		assert(!key->name_len);
		assert(key->serial >= 0);
	}
}

static void check_command(const char *text, size_t len,
			  const struct keyseal_cmd *cmd)
{
	u8 material[KEYSEAL_SECRET_MAX];
	u16 i;

	assert(cmd->verb >= KEYSEAL_CMD_NEW && cmd->verb <= KEYSEAL_CMD_RESTRICT);
	check_key(text, len, &cmd->parent);
	check_key(text, len, &cmd->recipient);
	assert(!(cmd->key_flags & ~KEYSEAL_FLAGS_ALL));
	assert(!(cmd->key_flags & KEYSEAL_FLAG_PLAINTEXT) ||
	       (cmd->key_flags & KEYSEAL_FLAG_EXPORTABLE));
	assert(cmd->sender_pk_len <= sizeof(cmd->sender_pk));
	for (i = cmd->sender_pk_len; i < sizeof(cmd->sender_pk); i++)
		assert(!cmd->sender_pk[i]);
	if (cmd->data)
		check_word(text, len, cmd->data, cmd->data_len);
	else
		assert(!cmd->data_len);

	switch (cmd->verb) {
	case KEYSEAL_CMD_NEW:
	case KEYSEAL_CMD_IMPORT:
		assert(keyseal_usage_key_len_valid(cmd->usage,
						   keyseal_usage_alg(cmd->usage),
						   cmd->key_len));
		assert(!key_set(&cmd->recipient) && !cmd->sender_pk_len);
		if (cmd->verb == KEYSEAL_CMD_NEW) {
			assert(!cmd->data);
			break;
		}
		assert(cmd->data && cmd->data_len == 2u * cmd->key_len);
		assert(keyseal_hex_decode(cmd->data, cmd->data_len, material,
					  sizeof(material)) == cmd->key_len);
		break;
	case KEYSEAL_CMD_LOAD:
		assert(cmd->data && cmd->data_len <= KEYSEAL_ARMOR_MAX_SIZE);
		assert(!cmd->usage && !cmd->key_len && !cmd->key_flags);
		assert(!cmd->not_after);
		break;
	case KEYSEAL_CMD_REWRAP:
		assert(key_set(&cmd->parent));
		/* fall through */
	case KEYSEAL_CMD_RESTRICT:
		assert(!cmd->usage && !cmd->key_len && !cmd->not_after);
		assert(!cmd->data && !key_set(&cmd->recipient));
		assert(!cmd->sender_pk_len);
		if (cmd->verb == KEYSEAL_CMD_RESTRICT)
			assert(!key_set(&cmd->parent));
		else
			assert(!cmd->key_flags);
		break;
	}
}

static int same_span(const char *a, size_t alen, const char *b, size_t blen)
{
	if (!a || !b)
		return !a && !b && !alen && !blen;
	return alen == blen && !memcmp(a, b, alen);
}

static int same_key(const struct keyseal_cmd_key *a,
		    const struct keyseal_cmd_key *b)
{
	return a->serial == b->serial &&
	       same_span(a->name, a->name_len, b->name, b->name_len);
}

/* Two parses say the same thing, wherever their texts are. */
static int same_command(const struct keyseal_cmd *a,
			const struct keyseal_cmd *b)
{
	return a->verb == b->verb && a->usage == b->usage &&
	       a->key_flags == b->key_flags && a->key_len == b->key_len &&
	       a->not_after == b->not_after &&
	       same_key(&a->parent, &b->parent) &&
	       same_key(&a->recipient, &b->recipient) &&
	       same_span(a->data, a->data_len, b->data, b->data_len) &&
	       a->sender_pk_len == b->sender_pk_len &&
	       !memcmp(a->sender_pk, b->sender_pk, sizeof(a->sender_pk));
}

static size_t put_key(char *out, size_t o, const char *option,
		      const struct keyseal_cmd_key *key)
{
	if (key->serial)
		return o + sprintf(out + o, " %s=#%" PRId32, option,
				   key->serial);
	if (key->name)
		return o + sprintf(out + o, " %s=%.*s", option,
				   (int)key->name_len, key->name);
	return o;
}

/* The command in canonical form: single spaces, every value explicit. */
static size_t canonical(const struct keyseal_cmd *cmd, char *out)
{
	static const char *const verbs[] = {
		[KEYSEAL_CMD_NEW] = "new", [KEYSEAL_CMD_LOAD] = "load",
		[KEYSEAL_CMD_IMPORT] = "import",
		[KEYSEAL_CMD_REWRAP] = "rewrap",
		[KEYSEAL_CMD_RESTRICT] = "restrict",
	};
	size_t o = sprintf(out, "%s", verbs[cmd->verb]);
	u16 i;

	if (cmd->verb == KEYSEAL_CMD_NEW)
		o += sprintf(out + o, " %s %u", keyseal_usage_name(cmd->usage),
			     cmd->key_len);
	if (cmd->verb == KEYSEAL_CMD_IMPORT)
		o += sprintf(out + o, " %s", keyseal_usage_name(cmd->usage));
	if (cmd->data)
		o += sprintf(out + o, " %.*s", (int)cmd->data_len, cmd->data);
	o = put_key(out, o, "parent", &cmd->parent);
	o = put_key(out, o, "recipient", &cmd->recipient);
	if (cmd->key_flags & KEYSEAL_FLAG_PLAINTEXT)
		o += sprintf(out + o, " plaintext");
	else if (cmd->key_flags & KEYSEAL_FLAG_EXPORTABLE)
		o += sprintf(out + o, " exportable");
	if (cmd->not_after)
		o += sprintf(out + o, " notafter=%" PRIu64, cmd->not_after);
	if (cmd->sender_pk_len) {
		o += sprintf(out + o, " sender=");
		for (i = 0; i < cmd->sender_pk_len; i++)
			o += sprintf(out + o, "%02x", cmd->sender_pk[i]);
	}
	return o;
}

/*
 * @text with every run of separators replaced by one other separator, and
 * one more before and after: the same command, or the same refusal.
 */
static void check_separators(const char *text, size_t len,
			     const struct keyseal_cmd *cmd, int ret)
{
	static const char seps[] = { ' ', '\t', '\n' };
	struct keyseal_cmd other;
	char *alt = malloc(len + 2);
	size_t i, o = 0;
	unsigned int k = 0;
	int ret2;

	assert(alt);
	alt[o++] = '\n';
	for (i = 0; i < len; i++) {
		if (!is_space(text[i])) {
			alt[o++] = text[i];
			continue;
		}
		alt[o++] = seps[k++ % sizeof(seps)];
		while (i + 1 < len && is_space(text[i + 1]))
			i++;
	}
	alt[o++] = '\t';
	if (o <= KEYSEAL_CMD_MAX_SIZE) {
		ret2 = keyseal_cmd_parse(alt, o, &other);
		assert(ret2 == ret);
		if (!ret)
			assert(same_command(cmd, &other));
	}
	free(alt);
}

static void check_canonical(const struct keyseal_cmd *cmd)
{
	static char out[2 * KEYSEAL_CMD_MAX_SIZE];
	struct keyseal_cmd again;
	size_t len = canonical(cmd, out);

	assert(len <= KEYSEAL_CMD_MAX_SIZE);
	assert(!keyseal_cmd_parse(out, len, &again));
	assert(same_command(cmd, &again));
}

static int hex_model(char c)
{
	const char *digits = "0123456789abcdef0123456789ABCDEF";
	const char *p = c ? strchr(digits, c) : NULL;

	return p ? (int)((p - digits) % 16) : -1;
}

/* keyseal_hex_decode() against the obvious model. */
static void check_hex(const char *text, size_t len)
{
	u8 out[64], model[64];
	size_t i;
	int ret, ok = len % 2 == 0 && len / 2 <= sizeof(out);

	for (i = 0; ok && i < len; i++) {
		ok = hex_model(text[i]) >= 0;
		if (ok && i % 2)
			model[i / 2] = hex_model(text[i - 1]) << 4 |
				       hex_model(text[i]);
	}
	ret = keyseal_hex_decode(text, len, out, sizeof(out));
	if (!ok) {
		assert(ret == -EINVAL);
		return;
	}
	assert(ret == (int)(len / 2) && !memcmp(out, model, ret));
	assert(keyseal_hex_decode(text, len, NULL, sizeof(out)) == ret);
}

static void check_usage_name(const char *text, size_t len)
{
	int usage = keyseal_usage_from_name(text, len);

	if (usage < 0) {
		assert(usage == -EINVAL);
		return;
	}
	assert(keyseal_usage_alg(usage));
	assert(strlen(keyseal_usage_name(usage)) == len);
	assert(!memcmp(keyseal_usage_name(usage), text, len));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	struct keyseal_cmd cmd;
	int ret;

	/* libFuzzer's input is a heap buffer of its size: ASan sees overreads. */
	ret = keyseal_cmd_parse(text, size, &cmd);
	assert(ret == 0 || ret == -EINVAL);
	if (!ret)
		check_command(text, size, &cmd);
	if (size <= KEYSEAL_CMD_MAX_SIZE)
		check_separators(text, size, &cmd, ret);
	if (!ret)
		check_canonical(&cmd);
	if (size <= 128) {
		check_hex(text, size);
		check_usage_name(text, size);
	}
	return 0;
}
