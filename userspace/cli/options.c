// SPDX-License-Identifier: GPL-2.0
/*
 * The option parser every command uses, and its usage errors.
 */

#include <getopt.h>
#include <stdarg.h>
#include <string.h>
#include <time.h>

#include "options.h"

/* Values of options without a short form, above any character. */
enum {
	LONG_PLAINTEXT = 256,
	LONG_NOT_AFTER,
	LONG_TEXT,
	LONG_BINARY,
	LONG_JSON,
	LONG_KEK,
	LONG_TO,
	LONG_SENDER,
	LONG_FROM,
	LONG_RAW,
	LONG_AAD,
	LONG_AAD_FILE,
	LONG_TO_RSA,
	LONG_FORMAT,
	LONG_LOGON,
	LONG_FSCRYPT,
	LONG_KEYSTORE,
	LONG_ALL,
};

static const struct {
	unsigned int bit;
	struct option option;
} all_options[] = {
	{ OPT_PARENT, { "parent", required_argument, NULL, 'p' } },
	{ OPT_BYTES, { "bytes", required_argument, NULL, 'b' } },
	{ OPT_NAME, { "name", required_argument, NULL, 'n' } },
	{ OPT_KEYRING, { "keyring", required_argument, NULL, 'k' } },
	{ OPT_UNWRAP, { "unwrap", required_argument, NULL, 'u' } },
	{ OPT_KEK, { "kek", required_argument, NULL, LONG_KEK } },
	{ OPT_EXPORTABLE, { "exportable", no_argument, NULL, 'e' } },
	{ OPT_PLAINTEXT, { "plaintext", no_argument, NULL, LONG_PLAINTEXT } },
	{ OPT_NOT_AFTER, { "not-after", required_argument, NULL, LONG_NOT_AFTER } },
	{ OPT_TO, { "to", required_argument, NULL, LONG_TO } },
	{ OPT_SENDER, { "sender", required_argument, NULL, LONG_SENDER } },
	{ OPT_TO_RSA, { "to-rsa", required_argument, NULL, LONG_TO_RSA } },
	{ OPT_FORMAT, { "format", required_argument, NULL, LONG_FORMAT } },
	{ OPT_FROM, { "from", required_argument, NULL, LONG_FROM } },
	{ OPT_RAW, { "raw", required_argument, NULL, LONG_RAW } },
	{ OPT_AAD, { "aad", required_argument, NULL, LONG_AAD } },
	{ OPT_AAD, { "aad-file", required_argument, NULL, LONG_AAD_FILE } },
	{ OPT_BRIDGE, { "logon", required_argument, NULL, LONG_LOGON } },
	{ OPT_BRIDGE, { "fscrypt", required_argument, NULL, LONG_FSCRYPT } },
	{ OPT_OUTPUT, { "output", required_argument, NULL, 'o' } },
	{ OPT_FORM, { "text", no_argument, NULL, LONG_TEXT } },
	{ OPT_FORM, { "binary", no_argument, NULL, LONG_BINARY } },
	{ OPT_JSON, { "json", no_argument, NULL, LONG_JSON } },
	{ OPT_KEYSTORE, { "keystore", required_argument, NULL, LONG_KEYSTORE } },
	{ OPT_ALL, { "all", no_argument, NULL, LONG_ALL } },
};

#define N_OPTIONS (sizeof(all_options) / sizeof(all_options[0]))

int usage_error(const struct command *cmd, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "keyseal %s: ", cmd->name);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nUsage: keyseal %s %s\n"
		"Try 'keyseal %s --help' for more information.\n",
		cmd->name, cmd->synopsis, cmd->name);
	return EXIT_USAGE;
}

/* What getopt_long() returned for an option it refused: '?' or ':'. */
static int option_error(const struct command *cmd, char **argv, int c)
{
	const char *arg = argv[optind - 1];
	char shown[256];

	if (optopt && strncmp(arg, "--", 2))
		snprintf(shown, sizeof(shown), "-%c", optopt);
	else
		printable(arg, shown, sizeof(shown));
	/* A long option with its argument given as --name=value */
	shown[strcspn(shown, "=")] = '\0';
	if (c == ':')
		return usage_error(cmd, "option '%s' needs an argument", shown);
	return usage_error(cmd, "unknown option '%s'", shown);
}

/* The long options of @cmd and their short forms, for getopt_long(). */
static void command_options(const struct command *cmd,
			    struct option *longs, char *shorts)
{
	size_t i, n = 0;
	char *s = shorts;

	*s++ = ':';
	for (i = 0; i < N_OPTIONS; i++) {
		if (!(all_options[i].bit & cmd->options))
			continue;
		longs[n++] = all_options[i].option;
		if (all_options[i].option.val >= 256)
			continue;
		*s++ = all_options[i].option.val;
		if (all_options[i].option.has_arg)
			*s++ = ':';
	}
	longs[n++] = (struct option){ "help", no_argument, NULL, 'h' };
	longs[n] = (struct option){ NULL, 0, NULL, 0 };
	strcpy(s, "h");
}

/* A string option's value: where it goes in struct options, or NULL. */
static const char **string_value(struct options *o, int c)
{
	switch (c) {
	case 'o':
		return &o->output;
	case 'k':
		return &o->keyring;
	case 'p':
		return &o->parent;
	case 'u':
		return &o->unwrap;
	case 'n':
		return &o->name;
	case 'b':
		return &o->bytes;
	case LONG_KEK:
		return &o->kek;
	case LONG_TO:
		return &o->to;
	case LONG_SENDER:
		return &o->sender;
	case LONG_FROM:
		return &o->from;
	case LONG_RAW:
		return &o->raw;
	case LONG_AAD:
		return &o->aad;
	case LONG_AAD_FILE:
		return &o->aad_file;
	case LONG_TO_RSA:
		return &o->to_rsa;
	case LONG_FORMAT:
		return &o->format;
	case LONG_LOGON:
		return &o->logon;
	case LONG_FSCRYPT:
		return &o->fscrypt;
	case LONG_KEYSTORE:
		return &o->keystore;
	}
	return NULL;
}

/* One option getopt_long() accepted into @o: 0, or a usage error. */
static int take_option(const struct command *cmd, int c, struct options *o)
{
	const char **value = string_value(o, c);

	if (value) {
		*value = optarg;
		o->keyring_given |= c == 'k';
		return 0;
	}
	switch (c) {
	case 'e':
		o->exportable = true;
		break;
	case LONG_PLAINTEXT:
		/* The plaintext flag brings the exportable flag with it. */
		o->plaintext = true;
		o->exportable = true;
		break;
	case LONG_TEXT:
		o->text = true;
		break;
	case LONG_BINARY:
		o->binary = true;
		break;
	case LONG_JSON:
		o->json = true;
		break;
	case LONG_ALL:
		o->all = true;
		break;
	case LONG_NOT_AFTER:
		if (parse_time(optarg, &o->not_after) || !o->not_after)
			return usage_error(cmd, "--not-after needs seconds since the epoch or YYYY-MM-DD[THH:MM:SS]Z");
		break;
	}
	return 0;
}

int parse_options(const struct command *cmd, int argc, char **argv,
		  struct options *o)
{
	struct option longs[N_OPTIONS + 2];
	char shorts[2 * N_OPTIONS + 3];
	int c, ret;

	memset(o, 0, sizeof(*o));
	o->keyring = "@s";
	command_options(cmd, longs, shorts);
	while ((c = getopt_long(argc, argv, shorts, longs, NULL)) != -1) {
		if (c == 'h') {
			cmd->help();
			return 0;
		}
		if (c == '?' || c == ':')
			return option_error(cmd, argv, c);
		ret = take_option(cmd, c, o);
		if (ret)
			return ret;
	}
	if (o->text && o->binary)
		return usage_error(cmd, "--text and --binary exclude each other");
	o->form = o->text ? KEYSEAL_FORM_TEXT :
		  o->binary ? KEYSEAL_FORM_BINARY : KEYSEAL_FORM_PEM;
	return -1;
}

uint8_t policy_flags(const struct options *o)
{
	return (o->exportable ? KEYSEAL_FLAG_EXPORTABLE : 0) |
	       (o->plaintext ? KEYSEAL_FLAG_PLAINTEXT : 0);
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
