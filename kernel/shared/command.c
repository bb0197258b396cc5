// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Parser of the "sealed" key type's keyctl commands (see command.h). Words
 * are separated by spaces, tabs or newlines; every malformed, unknown,
 * repeated or out-of-range word makes the whole command -EINVAL.
 */

#include "armor.h"
#include "blob.h"
#include "command.h"
#include "usage.h"

/* Options a verb may carry, one bit each. */
#define OPT_PARENT	0x01
#define OPT_EXPORTABLE	0x02
#define OPT_PLAINTEXT	0x04
#define OPT_NOTAFTER	0x08
#define OPT_SENDER	0x10
#define OPT_RECIPIENT	0x20
#define OPTS_POLICY	(OPT_PARENT | OPT_EXPORTABLE | OPT_PLAINTEXT | OPT_NOTAFTER)

struct word {
	const char *s;
	size_t len;
};

static int word_is(const struct word *w, const char *s)
{
	return w->len == strlen(s) && !memcmp(w->s, s, w->len);
}

/* Whether @w is "name=value" with a non-empty value, and that value. */
static int option_is(const struct word *w, const char *name,
		     struct word *value)
{
	size_t n = strlen(name);

	if (w->len <= n + 1 || memcmp(w->s, name, n) || w->s[n] != '=')
		return 0;
	value->s = w->s + n + 1;
	value->len = w->len - n - 1;
	return 1;
}

static int hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/**
 * keyseal_hex_decode() - decode hexadecimal
 * @hex: the digits, two per byte
 * @len: their number
 * @out: output, or NULL to check the digits only
 * @size: size of @out
 *
 * Return: the number of bytes, or -EINVAL for an odd length, a non-hex
 * character or more than @size bytes.
 */
int keyseal_hex_decode(const char *hex, size_t len, u8 *out, size_t size)
{
	size_t i;
	int hi, lo;

	if (len % 2 || len / 2 > size)
		return -EINVAL;
	for (i = 0; i < len; i += 2) {
		hi = hex_value(hex[i]);
		lo = hex_value(hex[i + 1]);
		if (hi < 0 || lo < 0)
			return -EINVAL;
		if (out)
			out[i / 2] = hi << 4 | lo;
	}
	return len / 2;
}

/* A decimal number without sign or leading zeros, at most @max. */
static int parse_decimal(const char *s, size_t len, u64 max, u64 *value)
{
	u64 v = 0;
	size_t i;

	if (!len || (s[0] == '0' && len > 1))
		return -EINVAL;
	for (i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -EINVAL;
		if (v > (max - (s[i] - '0')) / 10)
			return -EINVAL;
		v = v * 10 + (s[i] - '0');
	}
	*value = v;
	return 0;
}

/* "type:description" or "#serial" */
static int parse_key_name(const struct word *value, struct keyseal_cmd_key *key)
{
	u64 serial;

	if (value->s[0] == '#') {
		if (parse_decimal(value->s + 1, value->len - 1, 0x7fffffff,
				  &serial) || !serial)
			return -EINVAL;
		key->serial = serial;
		return 0;
	}
	if (!keyseal_parent_spec_valid(value->s, value->len))
		return -EINVAL;
	key->name = value->s;
	key->name_len = value->len;
	return 0;
}

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n';
}

/* Split @text into words; control characters other than spaces are errors. */
static int split_words(const char *text, size_t len, struct word *words,
		       int max_words)
{
	size_t i = 0, start;
	int n = 0;

	while (i < len) {
		if (is_space(text[i])) {
			i++;
			continue;
		}
		start = i;
		while (i < len && !is_space(text[i])) {
			if (text[i] < ' ' || text[i] > '~')
				return -EINVAL;
			i++;
		}
		if (n == max_words)
			return -EINVAL;
		words[n].s = text + start;
		words[n].len = i - start;
		n++;
	}
	return n;
}

/* The options after the positional words; each may appear once. */
static int parse_options(const struct word *words, int n, unsigned int allowed,
			 struct keyseal_cmd *cmd)
{
	unsigned int seen = 0, opt;
	struct word value;
	int i, ret;

	for (i = 0; i < n; i++) {
		const struct word *w = &words[i];

		if (option_is(w, "parent", &value)) {
			if (parse_key_name(&value, &cmd->parent))
				return -EINVAL;
			opt = OPT_PARENT;
		} else if (option_is(w, "recipient", &value)) {
			if (parse_key_name(&value, &cmd->recipient))
				return -EINVAL;
			opt = OPT_RECIPIENT;
		} else if (option_is(w, "notafter", &value)) {
			if (parse_decimal(value.s, value.len, (u64)-1,
					  &cmd->not_after) || !cmd->not_after)
				return -EINVAL;
			opt = OPT_NOTAFTER;
		} else if (option_is(w, "sender", &value)) {
			ret = keyseal_hex_decode(value.s, value.len,
						 cmd->sender_pk,
						 sizeof(cmd->sender_pk));
			if (ret <= 0)
				return -EINVAL;
			cmd->sender_pk_len = ret;
			opt = OPT_SENDER;
		} else if (word_is(w, "exportable")) {
			cmd->key_flags |= KEYSEAL_FLAG_EXPORTABLE;
			opt = OPT_EXPORTABLE;
		} else if (word_is(w, "plaintext")) {
			cmd->key_flags |= KEYSEAL_FLAG_PLAINTEXT |
					  KEYSEAL_FLAG_EXPORTABLE;
			opt = OPT_PLAINTEXT;
		} else {
			return -EINVAL;
		}
		if (!(allowed & opt) || (seen & opt))
			return -EINVAL;
		seen |= opt;
	}
	return 0;
}

static int parse_new(const struct word *words, int n, struct keyseal_cmd *cmd)
{
	int usage, first_option = 1;
	u64 bytes;

	if (n < 1)
		return -EINVAL;
	usage = keyseal_usage_from_name(words[0].s, words[0].len);
	if (usage < 0)
		return -EINVAL;
	cmd->usage = usage;
	cmd->key_len = keyseal_usage_default_len(usage);
	if (n > 1 && words[1].s[0] >= '0' && words[1].s[0] <= '9') {
		if (parse_decimal(words[1].s, words[1].len, 0xffff, &bytes))
			return -EINVAL;
		cmd->key_len = bytes;
		first_option = 2;
	}
	if (!keyseal_usage_key_len_valid(cmd->usage,
					 keyseal_usage_alg(cmd->usage),
					 cmd->key_len))
		return -EINVAL;
	return parse_options(words + first_option, n - first_option,
			     OPTS_POLICY, cmd);
}

static int parse_import(const struct word *words, int n,
			struct keyseal_cmd *cmd)
{
	int usage, len;

	if (n < 2)
		return -EINVAL;
	usage = keyseal_usage_from_name(words[0].s, words[0].len);
	if (usage < 0)
		return -EINVAL;
	cmd->usage = usage;
	len = keyseal_hex_decode(words[1].s, words[1].len, NULL,
				 KEYSEAL_SECRET_MAX);
	if (len < 0 ||
	    !keyseal_usage_key_len_valid(cmd->usage,
					 keyseal_usage_alg(cmd->usage), len))
		return -EINVAL;
	cmd->key_len = len;
	cmd->data = words[1].s;
	cmd->data_len = words[1].len;
	return parse_options(words + 2, n - 2, OPTS_POLICY, cmd);
}

static int parse_load(const struct word *words, int n, struct keyseal_cmd *cmd)
{
	if (n < 1 || words[0].len > KEYSEAL_ARMOR_MAX_SIZE)
		return -EINVAL;
	cmd->data = words[0].s;
	cmd->data_len = words[0].len;
	return parse_options(words + 1, n - 1,
			     OPT_PARENT | OPT_RECIPIENT | OPT_SENDER, cmd);
}

/**
 * keyseal_cmd_parse() - parse a keyctl command
 * @text: the payload, not necessarily NUL-terminated
 * @len: its length
 * @cmd: the parsed command; its pointers refer into @text
 *
 * Return: 0, or -EINVAL for anything malformed.
 */
int keyseal_cmd_parse(const char *text, size_t len, struct keyseal_cmd *cmd)
{
	struct word words[8];
	int n, ret;

	memset(cmd, 0, sizeof(*cmd));
	if (!text || !len || len > KEYSEAL_CMD_MAX_SIZE)
		return -EINVAL;
	n = split_words(text, len, words, ARRAY_SIZE(words));
	if (n < 1)
		return -EINVAL;

	if (word_is(&words[0], "new")) {
		cmd->verb = KEYSEAL_CMD_NEW;
		ret = parse_new(words + 1, n - 1, cmd);
	} else if (word_is(&words[0], "load")) {
		cmd->verb = KEYSEAL_CMD_LOAD;
		ret = parse_load(words + 1, n - 1, cmd);
	} else if (word_is(&words[0], "import")) {
		cmd->verb = KEYSEAL_CMD_IMPORT;
		ret = parse_import(words + 1, n - 1, cmd);
	} else if (word_is(&words[0], "rewrap")) {
		cmd->verb = KEYSEAL_CMD_REWRAP;
		ret = parse_options(words + 1, n - 1, OPT_PARENT, cmd);
		if (!ret && !cmd->parent.name && !cmd->parent.serial)
			ret = -EINVAL;
	} else if (word_is(&words[0], "restrict")) {
		cmd->verb = KEYSEAL_CMD_RESTRICT;
		ret = parse_options(words + 1, n - 1,
				    OPT_EXPORTABLE | OPT_PLAINTEXT, cmd);
	} else {
		ret = -EINVAL;
	}
	return ret;
}
