// SPDX-License-Identifier: GPL-2.0
/*
 * The names and numbers keyseal prints.
 */

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "usage.h"

void printable(const char *in, char *out, size_t size)
{
	size_t o = 0;
	unsigned char c;

	if (!size)
		return;
	for (; *in && o + 5 < size; in++) {
		c = *in;
		if (c >= ' ' && c <= '~' && c != '\\') {
			out[o++] = c;
		} else {
			snprintf(out + o, size - o, "\\x%02x", c);
			o += 4;
		}
	}
	out[o] = '\0';
}

void hex_string(const uint8_t *data, size_t len, char *out)
{
	static const char digits[] = "0123456789abcdef";
	size_t i;

	for (i = 0; i < len; i++) {
		out[2 * i] = digits[data[i] >> 4];
		out[2 * i + 1] = digits[data[i] & 15];
	}
	out[2 * len] = '\0';
}

bool expired(uint64_t not_after)
{
	return not_after && (uint64_t)time(NULL) >= not_after;
}

void time_string(uint64_t t, char *out, size_t size)
{
	time_t tt = (time_t)t;
	struct tm tm;

	if ((uint64_t)tt != t || !gmtime_r(&tt, &tm) ||
	    !strftime(out, size, "%Y-%m-%dT%H:%M:%SZ", &tm))
		snprintf(out, size, "@%llu", (unsigned long long)t);
}

const char *scheme_name(uint8_t scheme)
{
	switch (scheme) {
	case KEYSEAL_SCHEME_KEK:
		return "kek";
	case KEYSEAL_SCHEME_HPKE_BASE:
		return "hpke-base";
	case KEYSEAL_SCHEME_HPKE_AUTH:
		return "hpke-auth";
	case KEYSEAL_SCHEME_PLAINTEXT:
		return "plaintext";
	}
	return "unknown";
}

const char *kem_name(uint16_t kem)
{
	return keyseal_usage_name(keyseal_usage_of_kem(kem));
}

void flags_string(uint8_t key_flags, const char *sep, char *out, size_t size)
{
	snprintf(out, size, "%s%s%s",
		 key_flags & KEYSEAL_FLAG_EXPORTABLE ? "exportable" : "",
		 key_flags & KEYSEAL_FLAG_PLAINTEXT ? sep : "",
		 key_flags & KEYSEAL_FLAG_PLAINTEXT ? "plaintext" : "");
	if (!*out)
		snprintf(out, size, "none");
}

const char *origin_name(uint8_t provenance)
{
	switch (provenance & KEYSEAL_PROV_ORIGIN_MASK) {
	case KEYSEAL_ORIGIN_GENERATED:
		return "generated";
	case KEYSEAL_ORIGIN_IMPORTED:
		return "imported";
	case KEYSEAL_ORIGIN_EXTERNAL:
		return "external";
	}
	return "unknown";
}

void provenance_string(uint8_t provenance, char *out, size_t size)
{
	static const char *const what[] = {
		[KEYSEAL_ORIGIN_GENERATED] = "generated in a keyseal kernel",
		[KEYSEAL_ORIGIN_IMPORTED] = "imported in the clear",
		[KEYSEAL_ORIGIN_EXTERNAL] = "wrapped outside any keyseal kernel",
	};
	uint8_t origin = provenance & KEYSEAL_PROV_ORIGIN_MASK;

	snprintf(out, size, "%s%s%s",
		 origin < sizeof(what) / sizeof(what[0]) && what[origin] ?
		 what[origin] : "unknown origin",
		 provenance & KEYSEAL_PROV_ALWAYS_SENSITIVE ?
		 ", always sensitive" : "",
		 provenance & KEYSEAL_PROV_NEVER_EXPORTABLE ?
		 ", never exportable" : "");
}

void usage_string(uint8_t usage, uint16_t key_len, char *out, size_t size)
{
	const struct keyseal_usage *u = keyseal_usage_get(usage);
	char what[64];

	if (!u) {
		snprintf(out, size, "unknown");
		return;
	}
	snprintf(what, sizeof(what), u->what,
		 u->what_bits ? key_len * 8 : key_len);
	snprintf(out, size, "%s, %s", u->name, what);
}
