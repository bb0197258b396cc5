// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * libFuzzer target: libkeyseal's blob forms (userspace/lib/form.c), the
 * reader of binary, one-line text and PEM blobs every libkeyseal function
 * and the keyseal command take input through.
 *
 * What decodes is a well-formed blob; the form reported is the one the input
 * is in (binary: the input itself; text: the input without the surrounding
 * whitespace, byte for byte); the room asked for on -ERANGE is exactly what
 * is needed; and the blob written again in each form reads back the same.
 */

#include <assert.h>
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "armor.h"
#include "blob.h"
#include "keyseal.h"

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* The text form must be the input, trimmed, exactly. */
static void check_text(const char *in, size_t len, const u8 *blob,
		       size_t blob_len)
{
	char text[KEYSEAL_TEXT_MAX];
	size_t start = 0, end = len, n;

	while (start < end && is_space(in[start]))
		start++;
	while (end > start && is_space(in[end - 1]))
		end--;
	n = keyseal_armor_encode(blob, blob_len, text);
	assert(n == end - start && !memcmp(text, in + start, n));
}

/* Every form of the blob reads back as that form and those bytes. */
static void check_round_trips(const u8 *blob, size_t blob_len)
{
	static const enum keyseal_blob_form forms[] = {
		KEYSEAL_FORM_BINARY, KEYSEAL_FORM_TEXT, KEYSEAL_FORM_PEM,
	};
	static char out[KEYSEAL_PEM_MAX];
	static u8 back[KEYSEAL_BLOB_MAX_SIZE];
	size_t i, out_len, back_len, need;

	for (i = 0; i < sizeof(forms) / sizeof(forms[0]); i++) {
		out_len = 0;
		assert(keyseal_blob_encode(blob, blob_len, forms[i], NULL,
					   &out_len) == -ERANGE);
		need = out_len;
		assert(need <= (forms[i] == KEYSEAL_FORM_PEM ?
				KEYSEAL_PEM_MAX : KEYSEAL_TEXT_MAX));
		out_len = need - 1;
		assert(keyseal_blob_encode(blob, blob_len, forms[i], out,
					   &out_len) == -ERANGE);
		out_len = need;
		assert(!keyseal_blob_encode(blob, blob_len, forms[i], out,
					    &out_len));
		/* The text forms have their NUL in the room asked for. */
		if (forms[i] != KEYSEAL_FORM_BINARY)
			assert(out_len == need - 1 && !out[out_len]);
		back_len = sizeof(back);
		assert(keyseal_blob_decode(out, out_len, back, &back_len) ==
		       (int)forms[i]);
		assert(back_len == blob_len && !memcmp(back, blob, blob_len));
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static u8 blob[KEYSEAL_BLOB_MAX_SIZE];
	struct keyseal_blob parsed;
	size_t len = sizeof(blob), need;
	u8 *exact;
	int form;

	form = keyseal_blob_decode(data, size, blob, &len);
	assert(form == -EINVAL || (form >= KEYSEAL_FORM_BINARY &&
				   form <= KEYSEAL_FORM_PEM));
	if (form < 0)
		return 0;

	assert(len && len <= KEYSEAL_BLOB_MAX_SIZE);
	assert(!keyseal_blob_parse(blob, len, &parsed));
	switch (form) {
	case KEYSEAL_FORM_BINARY:
		assert(len == size && !memcmp(blob, data, size));
		break;
	case KEYSEAL_FORM_TEXT:
		check_text((const char *)data, size, blob, len);
		break;
	}

	/* Too little room: -ERANGE and the size needed, at any size. */
	need = 0;
	assert(keyseal_blob_decode(data, size, NULL, &need) == -ERANGE);
	assert(need == len);
	exact = malloc(len);
	assert(exact);
	need = len - 1;
	assert(keyseal_blob_decode(data, size, exact, &need) == -ERANGE);
	assert(need == len);
	assert(keyseal_blob_decode(data, size, exact, &need) == form);
	assert(need == len && !memcmp(exact, blob, len));
	free(exact);

	check_round_trips(blob, len);
	return 0;
}
