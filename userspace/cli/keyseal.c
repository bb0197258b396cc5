// SPDX-License-Identifier: GPL-2.0
/*
 * keyseal: command-line front end of libkeyseal. Each command lives in its
 * own cmd_*.c, where it parses its command line, then runs; this file only
 * dispatches.
 */

#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

static const struct subcommand {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *summary;
} commands[] = {
	{ "gen", cmd_gen, "make a new key in the kernel" },
	{ "import", cmd_import, "make a key from a blob" },
	{ "export", cmd_export,
	  "write a key's blob: for its parent, another KEK, in the clear" },
	{ "info", cmd_info, "show what keys are" },
	{ "list", cmd_list, "list the sealed keys in your keyrings" },
	{ "inspect", cmd_inspect,
	  "show what blobs say about themselves (no module needed)" },
	{ "rewrap", cmd_rewrap, "seal blob files under another KEK, in place" },
	{ "encrypt", cmd_encrypt, "encrypt data with an aead key" },
	{ "decrypt", cmd_decrypt, "decrypt it" },
	{ "pubkey", cmd_pubkey, "write the public key of an exchange key" },
	{ "wrap", cmd_wrap,
	  "wrap a key for a recipient's public key (no module needed)" },
	{ "bridge", cmd_bridge,
	  "hand a secret key to dm-crypt or fscrypt, inside the kernel" },
	{ "save", cmd_save, "write keys to the keystore, for restore at boot" },
	{ "restore", cmd_restore, "load the keystore's keys back, parents first" },
};

#define N_COMMANDS (sizeof(commands) / sizeof(commands[0]))

static void usage(FILE *out)
{
	size_t i;

	fprintf(out,
		"Usage: keyseal COMMAND [ARGS...]\n"
		"\n"
		"Sealed keys in the kernel keyring: keys that leave it only as\n"
		"encrypted, authenticated blobs.\n"
		"\n");
	for (i = 0; i < N_COMMANDS; i++)
		fprintf(out, "  %-9s %s\n", commands[i].name,
			commands[i].summary);
	fprintf(out,
		"\n"
		"Keys are named by serial or by type:description (which keyctl\n"
		"writes %%type:description), found in your keyrings. Run\n"
		"'keyseal COMMAND --help' for a command's options; see keyseal(1).\n");
}

static const struct subcommand *find_command(const char *name)
{
	size_t i;

	for (i = 0; i < N_COMMANDS; i++)
		if (!strcmp(name, commands[i].name))
			return &commands[i];
	return NULL;
}

int main(int argc, char **argv)
{
	char *help[] = { NULL, "--help", NULL };
	const struct subcommand *cmd;
	const char *name;

	/* Subcommands report bad options themselves, with their synopsis. */
	opterr = 0;
	if (argc < 2) {
		usage(stderr);
		return EXIT_USAGE;
	}
	name = argv[1];
	if (!strcmp(name, "--help") || !strcmp(name, "-h")) {
		usage(stdout);
		return 0;
	}
	if (!strcmp(name, "--version")) {
		printf("keyseal %s\n", KEYSEAL_VERSION);
		return 0;
	}
	if (!strcmp(name, "help")) {
		if (argc < 3) {
			usage(stdout);
			return 0;
		}
		name = argv[2];
	}
	cmd = find_command(name);
	if (!cmd) {
		fprintf(stderr, "keyseal: unknown command '%s'\n\n", name);
		usage(stderr);
		return EXIT_USAGE;
	}
	if (name != argv[1]) {
		/* "keyseal help gen" is "keyseal gen --help" */
		help[0] = argv[2];
		return cmd->run(2, help);
	}
	return cmd->run(argc - 1, argv + 1);
}
