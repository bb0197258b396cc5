// SPDX-License-Identifier: GPL-2.0
/*
 * Why an input is no blob. libkeyseal reads blobs strictly and says only
 * that an input is none; here the input is read as leniently as it can be
 * and the module's codec is asked what the bytes are: a blob cut short
 * parses once it has the bytes its header asks for, and one with bytes
 * after it parses without them.
 */

#include <ctype.h>
#include <string.h>

#include "armor.h"
#include "blob.h"
#include "diagnose.h"

#define PEM_BEGIN	"-----BEGIN KEYSEAL BLOB-----"
#define PEM_END		"-----END "

/* Room for a blob's text with as much again after it. */
#define TEXT_ROOM	(2 * KEYSEAL_ARMOR_MAX_SIZE)
#define BYTES_ROOM	(TEXT_ROOM / 4 * 3)

static bool has_magic(const uint8_t *b, size_t n)
{
	return n >= KEYSEAL_BLOB_MAGIC_SIZE &&
	       !memcmp(b, KEYSEAL_BLOB_MAGIC, KEYSEAL_BLOB_MAGIC_SIZE);
}

/*
 * The length the header of the @n bytes at @b asks for, or 0. The missing
 * bytes are taken as zeros, which any fingerprint, salt, key or body may
 * hold; a blob cut inside a length or the parent's name cannot be made
 * whole that way, and reads as malformed.
 */
static size_t wanted_length(const uint8_t *b, size_t n)
{
	uint8_t padded[KEYSEAL_BLOB_MAX_SIZE];
	struct keyseal_blob blob;
	size_t m, want = 0;

	if (n >= sizeof(padded))
		return 0;
	memcpy(padded, b, n);
	memset(padded + n, 0, sizeof(padded) - n);
	for (m = n + 1; m <= sizeof(padded) && !want; m++)
		if (!keyseal_blob_parse(padded, m, &blob))
			want = m;
	/* A plaintext blob is the key itself. */
	explicit_bzero(padded, sizeof(padded));
	return want;
}

/* What is wrong with the @n bytes of a binary blob at @b. */
static void diagnose_bytes(const uint8_t *b, size_t n,
			   struct blob_diagnosis *d)
{
	struct keyseal_blob blob;
	size_t m;

	d->len = n;
	if (!has_magic(b, n)) {
		d->fault = BLOB_NOT_BLOB;
		return;
	}
	if (n > KEYSEAL_BLOB_MAGIC_SIZE && b[4] != KEYSEAL_BLOB_VERSION) {
		d->fault = BLOB_VERSION;
		d->version = b[4];
		return;
	}
	if (!keyseal_blob_parse(b, n, &blob)) {
		d->fault = BLOB_SOUND;
		return;
	}
	for (m = n - 1 < KEYSEAL_BLOB_MAX_SIZE ? n - 1 : KEYSEAL_BLOB_MAX_SIZE;
	     m >= KEYSEAL_BLOB_FIXED_SIZE; m--) {
		if (!keyseal_blob_parse(b, m, &blob)) {
			d->fault = BLOB_TRAILING;
			d->want = m;
			return;
		}
	}
	d->want = wanted_length(b, n);
	d->fault = d->want || n < KEYSEAL_BLOB_FIXED_SIZE ? BLOB_TRUNCATED :
		   BLOB_MALFORMED;
}

/*
 * The base64 of the text or PEM form, whitespace dropped: of the PEM block
 * if there is one, else of the whole input.
 */
static size_t base64_text(const char *p, size_t len, char *text)
{
	const char *end = p + len, *at;
	size_t n = 0;

	at = memmem(p, len, PEM_BEGIN, strlen(PEM_BEGIN));
	if (at) {
		p = at + strlen(PEM_BEGIN);
		at = memmem(p, end - p, PEM_END, strlen(PEM_END));
		if (at)
			end = at;
	}
	for (; p < end && n < TEXT_ROOM; p++)
		if (!isspace((unsigned char)*p))
			text[n++] = *p;
	return n;
}

/*
 * What is wrong with a text or PEM form. Only whole groups of four
 * characters are decoded, so a text cut short still gives the bytes
 * before the cut.
 */
static void diagnose_text(const uint8_t *in, size_t len,
			  struct blob_diagnosis *d)
{
	char text[TEXT_ROOM];
	uint8_t bytes[BYTES_ROOM];
	size_t n = base64_text((const char *)in, len, text);
	int got;

	n -= n % 4;
	got = n ? keyseal_armor_decode(text, n, bytes, sizeof(bytes)) : -1;
	if (got >= 0)
		diagnose_bytes(bytes, got, d);
	else if (n >= 8 && keyseal_armor_decode(text, 8, bytes, 6) == 6 &&
		 has_magic(bytes, 6))
		d->fault = BLOB_BAD_BASE64;
	else
		d->fault = BLOB_NOT_BLOB;
	explicit_bzero(text, sizeof(text));
	explicit_bzero(bytes, sizeof(bytes));
}

void diagnose_blob(const uint8_t *in, size_t len, struct blob_diagnosis *d)
{
	memset(d, 0, sizeof(*d));
	if (has_magic(in, len))
		diagnose_bytes(in, len, d);
	else
		diagnose_text(in, len, d);
}
