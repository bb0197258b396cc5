/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the parts of the keyseal command share: the commands, messages, key
 * names, files, blobs and JSON.
 */
#ifndef KEYSEAL_CLI_H
#define KEYSEAL_CLI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "keyseal.h"

#define EXIT_USAGE	2

/* Each command: argc/argv from its own name on; returns the exit status. */
int cmd_gen(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_import(int argc, char **argv);
int cmd_inspect(int argc, char **argv);
int cmd_rewrap(int argc, char **argv);
int cmd_info(int argc, char **argv);
int cmd_list(int argc, char **argv);
int cmd_encrypt(int argc, char **argv);
int cmd_decrypt(int argc, char **argv);
int cmd_pubkey(int argc, char **argv);
int cmd_wrap(int argc, char **argv);
int cmd_bridge(int argc, char **argv);
int cmd_save(int argc, char **argv);
int cmd_restore(int argc, char **argv);

/**
 * struct command - what a command tells the option parser and usage errors
 * @name: "gen"
 * @synopsis: what follows the name in a usage line
 * @help: prints --help
 * @options: OPT_* (options.h): the options it takes besides --help
 */
struct command {
	const char *name;
	const char *synopsis;
	void (*help)(void);
	unsigned int options;
};

/* --- messages (problem.c, options.c) --------------------------------------- */

/* "keyseal: <message>" on stderr. */
void err(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/*
 * A usage error of @cmd: the message, the synopsis, a pointer to --help;
 * returns EXIT_USAGE.
 */
int usage_error(const struct command *cmd, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* The description of an errno the caller has no better words for. */
const char *errno_text(int err);

/* --- names and numbers (names.c) ------------------------------------------- */

/* Printable text: control and non-ASCII bytes as \xNN. */
void printable(const char *in, char *out, size_t size);

void hex_string(const uint8_t *data, size_t len, char *out);
/* "2030-01-01T00:00:00Z" */
void time_string(uint64_t t, char *out, size_t size);
/* Whether @not_after (0: never) has passed. */
bool expired(uint64_t not_after);

const char *scheme_name(uint8_t scheme);
const char *kem_name(uint16_t kem);
void flags_string(uint8_t key_flags, const char *sep, char *out, size_t size);
void provenance_string(uint8_t provenance, char *out, size_t size);
const char *origin_name(uint8_t provenance);
/* "aead, AES-256-GCM": what a key of a usage and length is. */
void usage_string(uint8_t usage, uint16_t key_len, char *out, size_t size);

/* --- keys (keys.c) --------------------------------------------------------- */

#define KEY_NAME_MAX	(32 + 4 * 4096)
#define KEY_LABEL_MAX	(KEY_NAME_MAX + 16)

/**
 * struct cli_key - a key named on the command line
 * @serial: its serial
 * @type: its type ("sealed", "user", ...)
 * @name: "type:description", printable
 * @label: how messages name it: "123456 (sealed:db)"
 */
struct cli_key {
	int32_t serial;
	char type[32];
	char name[KEY_NAME_MAX];
	char label[KEY_LABEL_MAX];
};

/*
 * Find the key @name names (serial, #serial, %type:desc); @role says what
 * it is for messages ("key", "KEK", "parent key"). Prints why on failure
 * and returns 1 (or EXIT_USAGE for a malformed name).
 */
int find_key(const char *name, const char *role, struct cli_key *key);
/* As find_key(), and the key must be a sealed key. */
int find_sealed_key(const char *name, const char *role, struct cli_key *key);
/* A keyring name (@s, %keyring:name, serial) to a serial; as find_key(). */
int find_keyring(const char *name, int32_t *serial);
/* The attributes of a sealed key, or say why not: 0 or 1. */
int fetch_key_info(struct keyseal *ks, const struct cli_key *key,
		   struct keyseal_key_info *info);

/*
 * A KEK given on the command line as a keyctl command names it:
 * "type:description" (also written "%type:description") or "#serial" (also
 * written as a bare serial). Returns 0, or EXIT_USAGE after a message.
 */
int kek_name(const struct command *cmd, const char *arg, char *out,
	     size_t size);

/* "logon:keyseal:root (the default parent)", or as much as is known. */
void default_parent(char *buf, size_t size);

/* Open /dev/keyseal, or say why not and return NULL. */
struct keyseal *open_device(void);

/* --- files (io.c) ---------------------------------------------------------- */

/* The whole of @path ("-" or NULL: stdin), at most @max bytes. 0 or 1. */
int read_file(const char *path, size_t max, uint8_t **data, size_t *len);
/* Wipe and free what read_file() or a secret buffer held. */
void free_secret(void *data, size_t len);
/* How messages name an input: the path, or "stdin". */
const char *input_name(const char *path);

/**
 * struct output - a file being written, replaced atomically on commit
 * @fd: where to write
 * @path: the file to replace, NULL for stdout
 * @tmp: the temporary file in the same directory, NULL for stdout
 */
struct output {
	int fd;
	const char *path;
	char *tmp;
};

/*
 * Start writing @path ("-" or NULL: stdout). @secret: the file will hold
 * secrets, so it is created 0600 and stdout may not be a terminal; else
 * @mode (reduced by the umask) is used, or the mode of the file replaced
 * when @keep_mode. Returns 0, or 1 after a message.
 */
int output_open(struct output *out, const char *path, bool secret,
		bool keep_mode);
int output_write(struct output *out, const void *data, size_t len);
/* fsync, rename over the target, fsync its directory: 0 or 1. */
int output_commit(struct output *out);
/* Throw away what was written (the target stays as it was). */
void output_abort(struct output *out);
/* The whole of @data to @path, atomically. 0 or 1. */
int write_file(const char *path, const void *data, size_t len, bool secret);

/* --- blobs and exchange keys in files (blob_io.c) -------------------------- */

/* Inputs are read whole, up to this: room for a PEM blob inside a mail. */
#define INPUT_MAX	(1 << 20)

/*
 * A blob in any form from @path (stdin for "-" or NULL) into @blob, which
 * holds KEYSEAL_BLOB_MAX_SIZE bytes, and its header. 0, or 1 after saying
 * why the input is no blob (not one at all, truncated, malformed).
 */
int read_blob(const char *path, uint8_t *blob, size_t *len,
	      enum keyseal_blob_form *form, struct keyseal_blob_info *info);
/*
 * As read_blob(), from @data already read from the input @name; @not_blob
 * is the message for an input that is no blob at all.
 */
int decode_blob(const char *name, const uint8_t *data, size_t data_len,
		const char *not_blob, uint8_t *blob, size_t *len,
		enum keyseal_blob_form *form);
/*
 * A binary blob in @form, into @out of KEYSEAL_PEM_MAX + 1 bytes. The text
 * form is written as a line of text, with a newline at its end
 * (Documentation/blob-format.rst). 0 or -errno.
 */
int encode_blob(const uint8_t *blob, size_t len,
		enum keyseal_blob_form form, char *out, size_t *out_len);
/* A binary blob to @path in @form, as encode_blob() writes it. 0 or 1. */
int write_blob(const char *path, const uint8_t *blob, size_t len,
	       enum keyseal_blob_form form, bool secret);

/*
 * An exchange key from the PEM file @path, as pubkey or openssl writes it.
 * 0, or 1 after a message.
 */
int read_public_key(const char *path, struct keyseal_public_key *pk);
int read_private_key(const char *path, struct keyseal_private_key *sk);

/* --- JSON (json.c) --------------------------------------------------------- */

#define JSON_DEPTH	8

struct json {
	FILE *f;
	int depth;
	bool first[JSON_DEPTH];
};

void json_init(struct json *j, FILE *f);
/* Open an object or array, as a member @key of an object or an element. */
void json_open(struct json *j, const char *key, char bracket);
void json_close(struct json *j, char bracket);
void json_str(struct json *j, const char *key, const char *value);
void json_num(struct json *j, const char *key, long long value);
void json_bool(struct json *j, const char *key, bool value);
void json_null(struct json *j, const char *key);
void json_hex(struct json *j, const char *key, const uint8_t *data,
	      size_t len);
/* End the document with a newline. */
void json_finish(struct json *j);
/*
 * What a command that reports on several keys or files prints: with
 * @json, a document that is an array of them; the elements go between.
 */
void json_begin_list(struct json *j, bool json);
void json_end_list(struct json *j, bool json);

/* --- what several commands print (show.c) ---------------------------------- */

/*
 * What a key says about itself, and its blobs' headers say about it again
 * (info and inspect): usage, flags, provenance, key id, creation; in JSON
 * the expiry too, which info prints for humans with whether it has passed.
 */
void show_attributes(uint8_t usage, uint16_t key_len, uint8_t key_flags,
		     uint8_t provenance, const uint8_t *key_id,
		     uint64_t created);
void json_attributes(struct json *j, uint8_t usage, uint16_t key_len,
		     uint8_t key_flags, uint8_t provenance,
		     const uint8_t *key_id, uint64_t created,
		     uint64_t not_after);

/* The attributes of a key, for humans or as a JSON object. */
void show_key_info(const struct cli_key *key,
		   const struct keyseal_key_info *info);
void json_key_info(struct json *j, const struct cli_key *key,
		   const struct keyseal_key_info *info);
/*
 * A key just made, read back and printed as keyseal info --json prints it,
 * for scripts. 0, or 1 after a message.
 */
int json_new_key(struct keyseal *ks, int32_t serial);
/* A new key: its serial, or with @json its attributes. 0 or 1. */
int print_new_key(int32_t serial, bool json);

#endif /* KEYSEAL_CLI_H */
