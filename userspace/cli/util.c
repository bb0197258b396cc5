// SPDX-License-Identifier: GPL-2.0
/*
 * Messages, and the names and numbers keyseal prints and parses.
 */

#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "cli.h"

void err(const char *fmt, ...)
{
	va_list ap;

	fputs("keyseal: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

int usage_error(const char *cmd, const char *synopsis, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "keyseal %s: ", cmd);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nUsage: keyseal %s %s\n"
		"Try 'keyseal %s --help' for more information.\n",
		cmd, synopsis, cmd);
	return EXIT_USAGE;
}

int option_error(const char *cmd, const char *synopsis, char **argv, int c)
{
	char shown[256];

	const char *arg = argv[optind - 1];

	if (optopt && strncmp(arg, "--", 2))
		snprintf(shown, sizeof(shown), "-%c", optopt);
	else
		printable(arg, shown, sizeof(shown));
	/* A long option with its argument given as --name=value */
	shown[strcspn(shown, "=")] = '\0';
	if (c == ':')
		return usage_error(cmd, synopsis, "option '%s' needs an argument",
				   shown);
	return usage_error(cmd, synopsis, "unknown option '%s'", shown);
}

int json_options(int argc, char **argv, const char *cmd,
		 const char *synopsis, void (*help)(void), bool *json)
{
	static const struct option options[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	while ((c = getopt_long(argc, argv, ":h", options, NULL)) != -1) {
		switch (c) {
		case 'j':
			*json = true;
			break;
		case 'h':
			help();
			return 0;
		default:
			return option_error(cmd, synopsis, argv, c);
		}
	}
	return -1;
}

const char *errno_text(int e)
{
	switch (e) {
	case ENODEV:
		return "the keyseal module is not loaded";
	case EDQUOT:
		return "your key quota is exhausted";
	case ENOMEM:
		return "out of memory";
	}
	return strerror(e);
}

void default_parent(char *buf, size_t size)
{
	FILE *f = fopen("/sys/module/keyseal/parameters/default_parent", "r");
	char line[512], shown[1024];
	size_t n;

	snprintf(buf, size, "(the default parent)");
	if (!f)
		return;
	if (fgets(line, sizeof(line), f)) {
		n = strcspn(line, "\n");
		line[n] = '\0';
		printable(line, shown, sizeof(shown));
		if (n)
			snprintf(buf, size, "%s (the default parent)", shown);
	}
	fclose(f);
}

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

void time_string(uint64_t t, char *out, size_t size)
{
	time_t tt = (time_t)t;
	struct tm tm;

	if ((uint64_t)tt != t || !gmtime_r(&tt, &tm) ||
	    !strftime(out, size, "%Y-%m-%dT%H:%M:%SZ", &tm))
		snprintf(out, size, "@%llu", (unsigned long long)t);
}

static int parse_u64(const char *s, uint64_t *v)
{
	uint64_t n = 0;

	if (!*s || (*s == '0' && s[1]))
		return -1;
	for (; *s; s++) {
		if (*s < '0' || *s > '9' || n > (UINT64_MAX - (*s - '0')) / 10)
			return -1;
		n = n * 10 + (*s - '0');
	}
	*v = n;
	return 0;
}

int parse_u16(const char *s, uint16_t *v)
{
	uint64_t n;

	if (parse_u64(s, &n) || n > UINT16_MAX)
		return -1;
	*v = (uint16_t)n;
	return 0;
}

int parse_time(const char *s, uint64_t *t)
{
	struct tm tm;
	const char *end;
	time_t v;

	if (!parse_u64(s, t))
		return 0;
	memset(&tm, 0, sizeof(tm));
	end = strptime(s, "%Y-%m-%d", &tm);
	if (end && *end == 'T')
		end = strptime(end + 1, "%H:%M:%S", &tm);
	if (end && *end == 'Z')
		end++;
	if (!end || *end)
		return -1;
	v = timegm(&tm);
	if (v <= 0)
		return -1;
	*t = (uint64_t)v;
	return 0;
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
	switch (kem) {
	case KEYSEAL_KEM_X25519_HKDF_SHA256:
		return "x25519";
	case KEYSEAL_KEM_P256_HKDF_SHA256:
		return "p256";
	}
	return "unknown";
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
	const char *name = keyseal_usage_to_string(usage);

	switch (usage) {
	case KEYSEAL_USAGE_KEK:
		snprintf(out, size, "kek, AES-256 key-encryption key");
		break;
	case KEYSEAL_USAGE_AEAD:
		snprintf(out, size, "aead, AES-%u-GCM", key_len * 8);
		break;
	case KEYSEAL_USAGE_SECRET:
		snprintf(out, size, "secret, %u bytes", key_len);
		break;
	case KEYSEAL_USAGE_X25519:
		snprintf(out, size, "x25519, exchange key");
		break;
	case KEYSEAL_USAGE_P256:
		snprintf(out, size, "p256, exchange key");
		break;
	default:
		snprintf(out, size, "%s", name ? name : "unknown");
		break;
	}
}
