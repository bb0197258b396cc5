/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Hex strings for tests: published vectors are transcribed as they are
 * printed, so they can be checked against the source by eye, and bytes are
 * written as hex where a command or a criterion takes them so. Shared by
 * userspace/tests/ and selftests/.
 */
#ifndef KEYSEAL_TEST_HEX_H
#define KEYSEAL_TEST_HEX_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static inline int hex_nibble(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* Decode lower-case @hex into @out; returns the length, or -1 if malformed. */
static inline long unhex(const char *hex, uint8_t *out, size_t size)
{
	size_t len = strlen(hex), i;

	if (len % 2 || len / 2 > size)
		return -1;
	for (i = 0; i < len / 2; i++) {
		int hi = hex_nibble(hex[2 * i]), lo = hex_nibble(hex[2 * i + 1]);

		if (hi < 0 || lo < 0)
			return -1;
		out[i] = hi << 4 | lo;
	}
	return len / 2;
}

/* Encode @len bytes as lower-case hex, NUL-terminated: 2 * @len + 1 bytes. */
static inline void hex_encode(const uint8_t *bytes, size_t len, char *hex)
{
	size_t i;

	for (i = 0; i < len; i++)
		sprintf(hex + 2 * i, "%02x", bytes[i]);
	hex[2 * len] = '\0';
}

#endif /* KEYSEAL_TEST_HEX_H */
