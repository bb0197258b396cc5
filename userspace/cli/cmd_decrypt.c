// SPDX-License-Identifier: GPL-2.0
/*
 * keyseal decrypt: what keyseal encrypt made, each chunk written only once
 * it is found authentic.
 */

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "crypt.h"

static void help(void);

static const struct command decrypt = {
	.name = "decrypt",
	.synopsis = "KEY [FILE] [-o FILE] [--aad TEXT | --aad-file FILE]",
	.help = help,
	.options = OPT_OUTPUT | OPT_AAD,
};

static void help(void)
{
	crypt_help(&decrypt);
}

/* Decrypt the record in r->cur, chunk @index, to the output: 0 or 1. */
static int decrypt_record(struct crypt *c, const struct records *r,
			  uint64_t index, bool last, uint8_t *pt)
{
	size_t pt_len = c->chunk;
	int err_no, ret;

	if ((size_t)r->len < KEYSEAL_NONCE_SIZE + KEYSEAL_TAG_SIZE) {
		err("%s: truncated: chunk %llu is incomplete or missing",
		    c->in_name, (unsigned long long)index);
		return 1;
	}
	ct_chunk_aad(c, index, last);
	err_no = keyseal_decrypt(c->ks, c->key.serial,
				 r->cur + KEYSEAL_NONCE_SIZE,
				 r->len - KEYSEAL_NONCE_SIZE, c->aad,
				 c->aad_len, r->cur, pt, &pt_len);
	if (err_no == -EBADMSG) {
		err("%s: chunk %llu failed authentication: the data was changed, truncated or reordered, or the associated data or the key is not the one it was encrypted with",
		    c->in_name, (unsigned long long)index);
		return 1;
	}
	if (err_no) {
		crypt_problem(c, -err_no);
		return 1;
	}
	ret = output_write(&c->out, pt, pt_len);
	explicit_bzero(pt, pt_len);
	return ret;
}

/* The input, record by record, to the output: 0, or 1 after a message. */
static int decrypt_stream(struct crypt *c)
{
	size_t record = CT_RECORD_MAX(c->chunk);
	struct records r = {
		.cur = malloc(record),
		.ahead = malloc(record),
		.size = record,
	};
	uint8_t *pt = malloc(c->chunk);
	uint64_t index;
	int last, ret = 1;

	/* ret stays 1 until the last chunk is written: every exit fails */
	if (!r.cur || !r.ahead || !pt) {
		err("out of memory");
		goto out;
	}
	r.ahead_len = read_full(c, r.ahead, r.size);
	for (index = 0;; index++) {
		last = next_record(c, &r);
		if (last < 0 || decrypt_record(c, &r, index, last, pt))
			goto out;
		if (last)
			break;
	}
	ret = 0;
out:
	free(r.cur);
	free(r.ahead);
	free_secret(pt, c->chunk);
	return ret;
}

static int run(struct crypt *c)
{
	const char *output = c->o.output;
	int ret = crypt_open(c);

	if (ret)
		return ret;
	if (ct_read_header(c))
		return 1;
	/*
	 * A decrypted file is created 0600; on stdout the user asked to see
	 * the data, on a terminal too.
	 */
	if (output_open(&c->out, output, output && strcmp(output, "-"), false))
		return 1;
	return crypt_finish(c, decrypt_stream(c));
}

int cmd_decrypt(int argc, char **argv)
{
	struct crypt c;
	int ret = crypt_parse(&decrypt, argc, argv, &c);

	if (ret < 0)
		ret = run(&c);
	crypt_close(&c);
	return ret;
}
