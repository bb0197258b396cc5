// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The forms a blob travels in: binary, the one-line text armor of "keyctl
 * read", and PEM for files and mail. Base64 is the module's own strict
 * codec, so each blob has one text form and one PEM form.
 */

#include <errno.h>
#include <string.h>

#include "armor.h"
#include "blob.h"
#include "command.h"
#include "internal.h"
#include "usage.h"

#define PEM_BEGIN	"-----BEGIN KEYSEAL BLOB-----"
#define PEM_END		"-----END KEYSEAL BLOB-----"
#define PEM_LINE	64

/* Armor longer than the largest blob's is never a blob. */
#define TEXT_MAX_LEN	(KEYSEAL_TEXT_MAX - 1)

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static int is_base64(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	       (c >= '0' && c <= '9') || c == '+' || c == '/' || c == '=';
}

static size_t pem_size(size_t len)
{
	size_t text = keyseal_armor_size(len);

	return sizeof(PEM_BEGIN) + text + (text + PEM_LINE - 1) / PEM_LINE +
	       sizeof(PEM_END);
}

/* Write the PEM form of @len bytes; @out holds pem_size(@len) + 1. */
static size_t pem_write(const uint8_t *blob, size_t len, char *out)
{
	char text[TEXT_MAX_LEN];
	size_t n, i, o = 0, line;

	n = keyseal_armor_encode(blob, len, text);
	memcpy(out, PEM_BEGIN "\n", sizeof(PEM_BEGIN));
	o += sizeof(PEM_BEGIN);
	for (i = 0; i < n; i += line) {
		line = n - i < PEM_LINE ? n - i : PEM_LINE;
		memcpy(out + o, text + i, line);
		o += line;
		out[o++] = '\n';
	}
	memcpy(out + o, PEM_END "\n", sizeof(PEM_END));
	o += sizeof(PEM_END);
	out[o] = '\0';
	explicit_bzero(text, sizeof(text));
	return o;
}

int keyseal_blob_encode(const void *blob, size_t len,
			enum keyseal_blob_form form, void *out,
			size_t *out_len)
{
	struct keyseal_blob parsed;
	size_t need;

	if (!blob || !out_len || (!out && *out_len))
		return -EINVAL;
	if (keyseal_blob_parse(blob, len, &parsed))
		return -EINVAL;

	switch (form) {
	case KEYSEAL_FORM_BINARY:
		need = len;
		break;
	case KEYSEAL_FORM_TEXT:
		need = keyseal_armor_size(len) + 1;
		break;
	case KEYSEAL_FORM_PEM:
		need = pem_size(len) + 1;
		break;
	default:
		return -EINVAL;
	}
	if (*out_len < need) {
		*out_len = need;
		return -ERANGE;
	}

	switch (form) {
	case KEYSEAL_FORM_BINARY:
		memcpy(out, blob, len);
		*out_len = len;
		break;
	case KEYSEAL_FORM_TEXT:
		*out_len = keyseal_armor_encode(blob, len, out);
		((char *)out)[*out_len] = '\0';
		break;
	default:
		*out_len = pem_write(blob, len, out);
		break;
	}
	return 0;
}

/*
 * The end of the line that starts at @p: *@next is set to the start of the
 * next line. A line ends with "\n" or "\r\n", or at the end of the input.
 */
static const char *line_end(const char *p, const char *end, const char **next)
{
	const char *nl = memchr(p, '\n', end - p);

	if (!nl) {
		*next = end;
		return end;
	}
	*next = nl + 1;
	return nl > p && nl[-1] == '\r' ? nl - 1 : nl;
}

static int line_is(const char *p, const char *eol, const char *text)
{
	size_t n = strlen(text);

	return (size_t)(eol - p) == n && !memcmp(p, text, n);
}

/* The first line from @p on that is exactly @text, or NULL. */
static const char *find_line(const char *p, const char *end, const char *text)
{
	const char *next, *eol;

	for (; p < end; p = next) {
		eol = line_end(p, end, &next);
		if (line_is(p, eol, text))
			return p;
	}
	return NULL;
}

/*
 * The base64 between the BEGIN line at @begin and the END line: lines of
 * exactly PEM_LINE characters and a last one of 1 to PEM_LINE. After the
 * END line, anything but a second blob may follow.
 */
static int pem_text(const char *begin, const char *end, char *text,
		    size_t *text_len)
{
	const char *p, *eol, *next;
	size_t n = 0, line, last = PEM_LINE;

	line_end(begin, end, &p);
	for (; p < end; p = next) {
		eol = line_end(p, end, &next);
		if (line_is(p, eol, PEM_END)) {
			if (!n || find_line(next, end, PEM_BEGIN))
				return -EINVAL;
			*text_len = n;
			return 0;
		}
		line = eol - p;
		/* Only the last line may be short, and none empty. */
		if (!line || line > PEM_LINE || last != PEM_LINE ||
		    n + line > TEXT_MAX_LEN || next == end)
			return -EINVAL;
		for (size_t i = 0; i < line; i++)
			if (!is_base64(p[i]))
				return -EINVAL;
		memcpy(text + n, p, line);
		n += line;
		last = line;
	}
	return -EINVAL;
}

/* The base64 of the text form, without surrounding whitespace. */
static int plain_text(const char *p, const char *end, char *text,
		      size_t *text_len)
{
	while (p < end && is_space(*p))
		p++;
	while (end > p && is_space(end[-1]))
		end--;
	if (p == end || (size_t)(end - p) > TEXT_MAX_LEN)
		return -EINVAL;
	memcpy(text, p, end - p);
	*text_len = end - p;
	return 0;
}

int keyseal_blob_decode(const void *in, size_t len, void *blob,
			size_t *blob_len)
{
	const char *p = in, *end = p + len, *begin;
	uint8_t bin[KEYSEAL_BLOB_MAX_SIZE];
	char text[TEXT_MAX_LEN];
	struct keyseal_blob parsed;
	size_t text_len = 0;
	int form, n, ret;

	if (!in || !blob_len || (!blob && *blob_len))
		return -EINVAL;

	if (len >= KEYSEAL_BLOB_MAGIC_SIZE &&
	    !memcmp(in, KEYSEAL_BLOB_MAGIC, KEYSEAL_BLOB_MAGIC_SIZE)) {
		if (len > sizeof(bin))
			return -EINVAL;
		memcpy(bin, in, len);
		n = len;
		form = KEYSEAL_FORM_BINARY;
	} else {
		begin = find_line(p, end, PEM_BEGIN);
		if (begin) {
			form = KEYSEAL_FORM_PEM;
			ret = pem_text(begin, end, text, &text_len);
		} else {
			form = KEYSEAL_FORM_TEXT;
			ret = plain_text(p, end, text, &text_len);
		}
		n = ret ? ret : keyseal_armor_decode(text, text_len, bin,
						     sizeof(bin));
	}

	if (n < 0 || keyseal_blob_parse(bin, n, &parsed)) {
		ret = -EINVAL;
	} else if ((size_t)n > *blob_len) {
		*blob_len = n;
		ret = -ERANGE;
	} else {
		memcpy(blob, bin, n);
		*blob_len = n;
		ret = form;
	}
	/* A plaintext blob is the key itself. */
	explicit_bzero(bin, sizeof(bin));
	explicit_bzero(text, sizeof(text));
	return ret;
}

const char *keyseal_usage_to_string(uint8_t usage)
{
	const struct keyseal_usage *u = keyseal_usage_get(usage);

	return u ? u->name : NULL;
}

int keyseal_usage_from_string(const char *name)
{
	if (!name)
		return -EINVAL;
	return keyseal_usage_from_name(name, strlen(name));
}
