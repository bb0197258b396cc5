// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Base64 (RFC 4648, standard alphabet, padded) for blob armor. Decoding is
 * strict: no whitespace, canonical padding, zero bits after the last byte.
 * Each blob therefore has exactly one text form.
 */

#include "armor.h"

static const char base64_alphabet[64] =
	"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/**
 * keyseal_armor_encode() - armor bytes
 * @in: bytes
 * @len: their number
 * @out: keyseal_armor_size(@len) characters of output; no NUL is written
 *
 * Return: the number of characters written.
 */
size_t keyseal_armor_encode(const u8 *in, size_t len, char *out)
{
	size_t i, o = 0;
	u32 v;

	for (i = 0; i + 2 < len; i += 3) {
		v = (u32)in[i] << 16 | (u32)in[i + 1] << 8 | in[i + 2];
		out[o++] = base64_alphabet[v >> 18];
		out[o++] = base64_alphabet[(v >> 12) & 63];
		out[o++] = base64_alphabet[(v >> 6) & 63];
		out[o++] = base64_alphabet[v & 63];
	}
	if (i < len) {
		v = (u32)in[i] << 16;
		if (i + 1 < len)
			v |= (u32)in[i + 1] << 8;
		out[o++] = base64_alphabet[v >> 18];
		out[o++] = base64_alphabet[(v >> 12) & 63];
		out[o++] = i + 1 < len ? base64_alphabet[(v >> 6) & 63] : '=';
		out[o++] = '=';
	}
	return o;
}

static int base64_value(char c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	if (c == '+')
		return 62;
	if (c == '/')
		return 63;
	return -1;
}

/**
 * keyseal_armor_decode() - remove the armor
 * @in: armored text, not necessarily NUL-terminated
 * @len: its length
 * @out: output
 * @size: size of @out
 *
 * Return: the number of bytes decoded, or -EINVAL if @in is not canonical
 * base64 or does not fit in @size bytes.
 */
int keyseal_armor_decode(const char *in, size_t len, u8 *out, size_t size)
{
	size_t i, o = 0, pad = 0;
	int digit[4], j;
	u32 v;

	if (!len || len % 4)
		return -EINVAL;
	if (in[len - 1] == '=')
		pad = in[len - 2] == '=' ? 2 : 1;
	if (len / 4 * 3 - pad > size || len / 4 * 3 > 0x7fffffff)
		return -EINVAL;

	for (i = 0; i < len; i += 4) {
		for (j = 0; j < 4; j++) {
			digit[j] = i + j < len - pad ? base64_value(in[i + j]) : 0;
			if (digit[j] < 0)
				return -EINVAL;
		}
		v = (u32)digit[0] << 18 | (u32)digit[1] << 12 |
		    (u32)digit[2] << 6 | (u32)digit[3];
		out[o++] = v >> 16;
		if (i + 4 < len || pad < 2)
			out[o++] = v >> 8;
		if (i + 4 < len || pad < 1)
			out[o++] = v;
	}
	/* The bits the padding stands for must be zero. */
	if ((pad == 1 && (digit[2] & 3)) || (pad == 2 && (digit[1] & 15)))
		return -EINVAL;
	return o;
}
