// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * libFuzzer target: the blob armor (kernel/shared/armor.c), strict RFC 4648 base64.
 *
 * The input is read both ways. As text: when it decodes, encoding the
 * result gives back exactly the input (so each byte string has one text
 * form: no whitespace, no other padding, no stray bits), the decoder needs
 * exactly the room it reports and writes nothing beyond it. As bytes: their
 * encoding uses only the alphabet, has the announced length and decodes
 * back to them.
 */

#include <assert.h>
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "armor.h"
#include "blob.h"

/* Bytes of the longest input read as bytes; the armor has no size limit. */
#define BYTES_MAX	8192

static int in_alphabet(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	       (c >= '0' && c <= '9') || c == '+' || c == '/';
}

/* Decode into a heap buffer of exactly @room bytes, so ASan sees overruns. */
static int decode_into(const char *text, size_t len, size_t room, u8 **out)
{
	int ret;

	*out = malloc(room ? room : 1);
	assert(*out);
	ret = keyseal_armor_decode(text, len, *out, room);
	assert(ret == -EINVAL || (ret >= 0 && (size_t)ret <= room));
	return ret;
}

static void text_to_bytes(const char *text, size_t len)
{
	size_t room = len / 4 * 3, i;
	u8 *bytes, *again;
	char *back;
	int n;

	n = decode_into(text, len, room, &bytes);
	if (n < 0) {
		free(bytes);
		return;
	}

	/* Canonical: the text is the encoding of what it decodes to. */
	assert(len && len % 4 == 0);
	assert(keyseal_armor_size(n) == len);
	back = malloc(len);
	assert(back);
	assert(keyseal_armor_encode(bytes, n, back) == len);
	assert(!memcmp(back, text, len));
	for (i = 0; i < len; i++)
		assert(in_alphabet(text[i]) || (text[i] == '=' && i >= len - 2));
	free(back);

	/* Exactly @n bytes of room are enough; one less is not. */
	assert(decode_into(text, len, n, &again) == n);
	assert(!memcmp(again, bytes, n));
	free(again);
	if (n > 0) {
		assert(decode_into(text, len, n - 1, &again) == -EINVAL);
		free(again);
	}
	free(bytes);
}

static void bytes_to_text(const u8 *data, size_t size)
{
	size_t len = keyseal_armor_size(size), pad = (3 - size % 3) % 3, i;
	char *text;
	u8 *back;

	if (!size || size > BYTES_MAX)
		return;
	text = malloc(len);
	assert(text);
	assert(keyseal_armor_encode(data, size, text) == len);
	for (i = 0; i < len; i++)
		assert(i < len - pad ? in_alphabet(text[i]) : text[i] == '=');
	assert(decode_into(text, len, size, &back) == (int)size);
	assert(!memcmp(back, data, size));
	free(back);
	free(text);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	text_to_bytes((const char *)data, size);
	bytes_to_text(data, size);
	return 0;
}
