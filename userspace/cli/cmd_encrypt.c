// SPDX-License-Identifier: GPL-2.0
/*
 * keyseal encrypt: data of any length, in the ciphertext format of crypt.h,
 * with an aead key whose material stays in the kernel.
 */

#include <stdlib.h>

#include "crypt.h"

static void help(void);

static const struct command encrypt = {
	.name = "encrypt",
	.synopsis = "KEY [FILE] [-o FILE] [--aad TEXT | --aad-file FILE]",
	.help = help,
	.options = OPT_OUTPUT | OPT_AAD,
};

static void help(void)
{
	crypt_help(&encrypt);
}

/* The input, chunk by chunk, to the output: 0, or 1 after a message. */
static int encrypt_stream(struct crypt *c)
{
	struct records r = {
		.cur = malloc(c->chunk),
		.ahead = malloc(c->chunk),
		.size = c->chunk,
	};
	uint8_t *ct = malloc(CT_RECORD_MAX(c->chunk));
	uint64_t index;
	size_t ct_len;
	int last, err_no, ret = 1;

	/* ret stays 1 until the last chunk is written: every exit fails */
	if (!r.cur || !r.ahead || !ct) {
		err("out of memory");
		goto out;
	}
	if (output_write(&c->out, c->header, CT_HEADER_SIZE))
		goto out;
	r.ahead_len = read_full(c, r.ahead, r.size);
	for (index = 0;; index++) {
		last = next_record(c, &r);
		if (last < 0)
			goto out;
		ct_chunk_aad(c, index, last);
		ct_len = CT_RECORD_MAX(c->chunk) - KEYSEAL_NONCE_SIZE;
		err_no = keyseal_encrypt(c->ks, c->key.serial, r.cur, r.len,
					 c->aad, c->aad_len,
					 ct + KEYSEAL_NONCE_SIZE, &ct_len, ct);
		if (err_no) {
			crypt_problem(c, -err_no);
			goto out;
		}
		if (output_write(&c->out, ct, KEYSEAL_NONCE_SIZE + ct_len))
			goto out;
		if (last)
			break;
	}
	ret = 0;
out:
	free_secret(r.cur, c->chunk);
	free_secret(r.ahead, c->chunk);
	free(ct);
	return ret;
}

static int run(struct crypt *c)
{
	int ret = crypt_open(c);

	if (ret)
		return ret;
	ct_make_header(c);
	if (output_open(&c->out, c->o.output, false, false))
		return 1;
	return crypt_finish(c, encrypt_stream(c));
}

int cmd_encrypt(int argc, char **argv)
{
	struct crypt c;
	int ret = crypt_parse(&encrypt, argc, argv, &c);

	if (ret < 0)
		ret = run(&c);
	crypt_close(&c);
	return ret;
}
