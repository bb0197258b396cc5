// SPDX-License-Identifier: GPL-2.0
/*
 * keyseal: command-line front end of libkeyseal.
 */

#include <stdio.h>
#include <string.h>

#include "keyseal.h"

#define EXIT_USAGE 2

static void usage(FILE *out)
{
	fprintf(out,
		"Usage: keyseal COMMAND [ARGS...]\n"
		"\n"
		"Sealed keys in the kernel keyring: keys that leave it only as\n"
		"encrypted, authenticated blobs. See keyseal(1).\n"
		"\n"
		"  --help       show this help\n"
		"  --version    show the version\n");
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		usage(stderr);
		return EXIT_USAGE;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		usage(stdout);
		return 0;
	}
	if (!strcmp(argv[1], "--version")) {
		printf("keyseal %s\n", KEYSEAL_VERSION);
		return 0;
	}
	fprintf(stderr, "keyseal: unknown command '%s'\n", argv[1]);
	usage(stderr);
	return EXIT_USAGE;
}
