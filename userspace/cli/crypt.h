/* SPDX-License-Identifier: GPL-2.0 */
/*
 * keyseal encrypt and keyseal decrypt: data of any length with an aead key
 * whose material stays in the kernel.
 *
 * The ciphertext format (keyseal(1), CIPHERTEXT FORMAT):
 *
 *   header, 28 bytes:
 *     0   4  magic "KSCT"
 *     4   1  version, 1
 *     5   3  reserved, zero
 *     8   4  chunk size C, big-endian, 1 to 1048576 (keyseal writes 65536)
 *     12 16  key id of the aead key
 *   then one record per chunk of plaintext, the last one possibly shorter
 *   (an empty plaintext is one empty chunk):
 *     nonce (12 bytes, the kernel's) || ciphertext || tag (16 bytes)
 *
 * Every chunk but the last holds exactly C bytes. The associated data of
 * chunk i is the header, i as a big-endian 64-bit number, one byte that is
 * 1 for the last chunk and 0 otherwise, and the caller's associated data:
 * a changed header, reordered, dropped, truncated or appended chunks all
 * fail authentication.
 */
#ifndef KEYSEAL_CLI_CRYPT_H
#define KEYSEAL_CLI_CRYPT_H

#include <sys/types.h>

#include "options.h"

#define CT_MAGIC	"KSCT"
#define CT_VERSION	1
#define CT_HEADER_SIZE	28
#define CT_CHUNK	65536
/* Index and last-chunk flag, after the header in the associated data. */
#define CT_AAD_EXTRA	9
#define CT_AAD_MAX	(KEYSEAL_CRYPT_MAX - CT_HEADER_SIZE - CT_AAD_EXTRA)
#define CT_RECORD_MAX(chunk) (KEYSEAL_NONCE_SIZE + (chunk) + KEYSEAL_TAG_SIZE)

/**
 * struct crypt - an encryption or a decryption under way
 * @cmd: encrypt or decrypt
 * @o: the options
 * @key_name: the key as named
 * @path: the input, NULL or "-" for stdin
 * @in_name: how messages name the input
 * @ks: the device
 * @key: the key
 * @info: what the key is
 * @in: the input's descriptor, -1 until opened
 * @out: the output
 * @header: the ciphertext's header
 * @aad: the associated data of a chunk: header | index | last | the caller's
 * @aad_len: its length
 * @user_aad: the caller's associated data
 * @user_aad_len: its length
 * @user_aad_size: the size of its allocation
 * @chunk: the chunk size
 */
struct crypt {
	const struct command *cmd;
	struct options o;
	const char *key_name;
	const char *path;
	const char *in_name;
	struct keyseal *ks;
	struct cli_key key;
	struct keyseal_key_info info;
	int in;
	struct output out;
	uint8_t header[CT_HEADER_SIZE];
	uint8_t *aad;
	size_t aad_len;
	uint8_t *user_aad;
	size_t user_aad_len;
	size_t user_aad_size;
	uint32_t chunk;
};

/* --- what encrypt and decrypt share (crypt.c) ------------------------------ */

void crypt_help(const struct command *cmd);
/* The options and operands of @cmd. Returns -1 to go on, else the status. */
int crypt_parse(const struct command *cmd, int argc, char **argv,
		struct crypt *c);
/* The key, checked, the associated data and the input. 0, or the status. */
int crypt_open(struct crypt *c);
/* Why the kernel would not use the key. */
void crypt_problem(const struct crypt *c, int e);
/* Commit the output if @ret is 0, else throw it away; the exit status. */
int crypt_finish(struct crypt *c, int ret);
void crypt_close(struct crypt *c);

/* --- the ciphertext format (ciphertext.c) ---------------------------------- */

/* The header of a new ciphertext under the key. */
void ct_make_header(struct crypt *c);
/* Read the header of a ciphertext and check it against the key. 0 or 1. */
int ct_read_header(struct crypt *c);
/* The associated data of chunk @index into c->aad. */
void ct_chunk_aad(struct crypt *c, uint64_t index, bool last);
/* Read up to @len bytes, fewer only at the end of the input; -1 on error. */
ssize_t read_full(struct crypt *c, uint8_t *buf, size_t len);

/*
 * The input in records of @size bytes, read one ahead so that the last is
 * known as such: it is short, or full with nothing after it. The first
 * read fills @ahead; each next_record() makes it @cur.
 */
struct records {
	uint8_t *cur;
	uint8_t *ahead;
	size_t size;
	ssize_t len;		/* of @cur */
	ssize_t ahead_len;
};

/* The next record into r->cur: 1 if it is the last, 0 if not, -1. */
int next_record(struct crypt *c, struct records *r);

#endif /* KEYSEAL_CLI_CRYPT_H */
