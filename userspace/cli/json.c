// SPDX-License-Identifier: GPL-2.0
/*
 * A small JSON writer for --json: objects, arrays, strings, numbers. Output
 * is one line per document, so that scripts with only grep and sed can
 * pick it apart too.
 */

#include "cli.h"

void json_init(struct json *j, FILE *f)
{
	j->f = f;
	j->depth = 0;
	j->first[0] = true;
}

static void json_string(FILE *f, const char *s)
{
	unsigned char c;

	fputc('"', f);
	for (; *s; s++) {
		c = *s;
		if (c == '"' || c == '\\')
			fprintf(f, "\\%c", c);
		else if (c == '\n')
			fputs("\\n", f);
		else if (c < 0x20 || c >= 0x7f)
			/* Descriptions are bytes; keep the output ASCII. */
			fprintf(f, "\\u%04x", c);
		else
			fputc(c, f);
	}
	fputc('"', f);
}

/* The comma and the key that come before a value. */
static void json_member(struct json *j, const char *key)
{
	if (!j->first[j->depth])
		fputc(',', j->f);
	j->first[j->depth] = false;
	if (key) {
		json_string(j->f, key);
		fputc(':', j->f);
	}
}

void json_open(struct json *j, const char *key, char bracket)
{
	json_member(j, key);
	fputc(bracket, j->f);
	if (j->depth + 1 < JSON_DEPTH)
		j->depth++;
	j->first[j->depth] = true;
}

void json_close(struct json *j, char bracket)
{
	fputc(bracket, j->f);
	if (j->depth > 0)
		j->depth--;
}

void json_str(struct json *j, const char *key, const char *value)
{
	json_member(j, key);
	json_string(j->f, value);
}

void json_num(struct json *j, const char *key, long long value)
{
	json_member(j, key);
	fprintf(j->f, "%lld", value);
}

void json_bool(struct json *j, const char *key, bool value)
{
	json_member(j, key);
	fputs(value ? "true" : "false", j->f);
}

void json_null(struct json *j, const char *key)
{
	json_member(j, key);
	fputs("null", j->f);
}

void json_hex(struct json *j, const char *key, const uint8_t *data,
	      size_t len)
{
	char hex[2 * 256 + 1];

	if (len > 256)
		len = 256;
	hex_string(data, len, hex);
	json_str(j, key, hex);
}

void json_finish(struct json *j)
{
	fputc('\n', j->f);
	fflush(j->f);
}

void json_begin_list(struct json *j, bool json)
{
	json_init(j, stdout);
	if (json)
		json_open(j, NULL, '[');
}

void json_end_list(struct json *j, bool json)
{
	if (!json)
		return;
	json_close(j, ']');
	json_finish(j);
}
