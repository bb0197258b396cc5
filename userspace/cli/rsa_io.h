/* SPDX-License-Identifier: GPL-2.0 */
/*
 * RSA wrapping keys and what is exported to them, in files: for keyseal
 * export --to-rsa and keyseal wrap --to-rsa (rsa_io.c).
 */
#ifndef KEYSEAL_CLI_RSA_IO_H
#define KEYSEAL_CLI_RSA_IO_H

#include "cli.h"

/* An RSA wrapping key from PEM (SPKI or PKCS #1) or DER: 0, or 1 after why. */
int read_rsa_key(const char *path, struct keyseal_rsa_key *key);
/* A form's number from --format, or 0 after a usage error. */
int rsa_format(const struct command *cmd, const char *name);
/*
 * An export to @path: one line of base64 by default (--text too), the bytes
 * themselves with --binary. 0 or 1.
 */
int write_rsa_export(const char *path, const uint8_t *data, size_t len,
		     bool binary);
/*
 * Why an export to an RSA key failed (-@e from the kernel or libkeyseal),
 * for the key @what of @usage and @key_len bytes (0: unknown).
 */
void rsa_export_problem(int e, const char *what, uint8_t usage,
			size_t key_len, const struct keyseal_rsa_key *rsa,
			int format);

#endif /* KEYSEAL_CLI_RSA_IO_H */
