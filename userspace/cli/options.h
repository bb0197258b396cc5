/* SPDX-License-Identifier: GPL-2.0 */
/*
 * One parser for the options of every command. An option means the same in
 * each command that takes it; a command names those it takes.
 */
#ifndef KEYSEAL_CLI_OPTIONS_H
#define KEYSEAL_CLI_OPTIONS_H

#include "cli.h"

enum {
	OPT_EXPORTABLE	= 1 << 0,	/* -e, --exportable */
	OPT_PLAINTEXT	= 1 << 1,	/* --plaintext */
	OPT_NOT_AFTER	= 1 << 2,	/* --not-after TIME */
	OPT_OUTPUT	= 1 << 3,	/* -o, --output FILE */
	OPT_FORM	= 1 << 4,	/* --text, --binary */
	OPT_JSON	= 1 << 5,	/* --json */
	OPT_KEYRING	= 1 << 6,	/* -k, --keyring RING */
	OPT_PARENT	= 1 << 7,	/* -p, --parent KEK */
	OPT_UNWRAP	= 1 << 8,	/* -u, --unwrap KEY */
	OPT_KEK		= 1 << 9,	/* --kek KEK */
	OPT_TO		= 1 << 10,	/* --to PUBKEY.pem */
	OPT_SENDER	= 1 << 11,	/* --sender KEY or PUBKEY.pem */
	OPT_FROM	= 1 << 12,	/* --from SENDER.pem */
	OPT_RAW		= 1 << 13,	/* --raw USAGE */
	OPT_NAME	= 1 << 14,	/* -n, --name NAME */
	OPT_BYTES	= 1 << 15,	/* -b, --bytes N */
	OPT_AAD		= 1 << 16,	/* --aad TEXT, --aad-file FILE */
	OPT_TO_RSA	= 1 << 17,	/* --to-rsa WRAPPING.pem */
	OPT_FORMAT	= 1 << 18,	/* --format FORMAT */
	OPT_BRIDGE	= 1 << 19,	/* --logon DESC, --fscrypt DESC */
	OPT_KEYSTORE	= 1 << 20,	/* --keystore DIR */
	OPT_ALL		= 1 << 21,	/* --all */
};

/**
 * struct options - what a command line's options said
 * @exportable: --exportable, or --plaintext, which brings it
 * @plaintext: --plaintext: the plaintext flag, or export in the clear
 * @not_after: --not-after, 0 if absent
 * @output: -o, NULL for stdout
 * @text: --text
 * @binary: --binary
 * @form: what --text or --binary name, PEM otherwise
 * @json: --json
 * @keyring: -k, "@s" if absent
 * @keyring_given: whether -k was given
 * @parent: -p
 * @unwrap: -u
 * @kek: --kek
 * @to: --to
 * @sender: --sender: your exchange key (export) or its public key (import)
 * @from: --from
 * @raw: --raw
 * @name: -n
 * @bytes: -b, as given
 * @aad: --aad
 * @aad_file: --aad-file
 * @logon: --logon
 * @fscrypt: --fscrypt
 * @keystore: --keystore
 * @all: --all
 *
 * Options that were not given are NULL, false or 0.
 */
struct options {
	bool exportable;
	bool plaintext;
	uint64_t not_after;
	const char *output;
	bool text;
	bool binary;
	enum keyseal_blob_form form;
	bool json;
	const char *keyring;
	bool keyring_given;
	const char *parent;
	const char *unwrap;
	const char *kek;
	const char *to;
	const char *sender;
	const char *from;
	const char *raw;
	const char *name;
	const char *bytes;
	const char *aad;
	const char *aad_file;
	const char *to_rsa;
	const char *format;
	const char *logon;
	const char *fscrypt;
	const char *keystore;
	bool all;
};

/*
 * Parse the options of @cmd into @o. Returns -1 to go on, with optind at
 * the first operand; 0 after --help; EXIT_USAGE after a message.
 */
int parse_options(const struct command *cmd, int argc, char **argv,
		  struct options *o);

/* The policy flags --exportable and --plaintext ask for. */
uint8_t policy_flags(const struct options *o);

/* Seconds since the epoch, or YYYY-MM-DD[THH:MM:SS[Z]] in UTC: 0 or -1. */
int parse_time(const char *s, uint64_t *t);
int parse_u16(const char *s, uint16_t *v);

#endif /* KEYSEAL_CLI_OPTIONS_H */
