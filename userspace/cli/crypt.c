// SPDX-License-Identifier: GPL-2.0
/*
 * What keyseal encrypt and keyseal decrypt share: their options, the key
 * and its checks, the associated data, the input and the output.
 */

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "crypt.h"
#include "problem.h"

void crypt_help(const struct command *cmd)
{
	bool enc = !strcmp(cmd->name, "encrypt");

	printf("Usage: keyseal %s %s\n"
	       "\n"
	       "%s with the aead key KEY, whose material never leaves the kernel.\n"
	       "FILE (stdin if absent or -) may be of any length; the output is\n"
	       "%s.\n"
	       "\n"
	       "  -o, --output FILE    write FILE, replaced atomically%s (default stdout)\n"
	       "      --aad TEXT       associated data: authenticated, not encrypted,\n"
	       "                       not stored; decryption needs the same\n"
	       "      --aad-file FILE  associated data read from FILE\n"
	       "  -h, --help           show this help\n",
	       cmd->name, cmd->synopsis,
	       enc ? "Encrypt data" : "Decrypt what keyseal encrypt made",
	       enc ? "the ciphertext format of keyseal(1)" :
	       "written only as each chunk is found authentic; with -o, the file\n"
	       "appears only if all of it is",
	       enc ? "" : ", mode 0600");
}

int crypt_parse(const struct command *cmd, int argc, char **argv,
		struct crypt *c)
{
	const struct options *o = &c->o;
	int ret;

	memset(c, 0, sizeof(*c));
	c->cmd = cmd;
	c->in = -1;
	c->out.fd = -1;
	ret = parse_options(cmd, argc, argv, &c->o);
	if (ret >= 0)
		return ret;
	if (optind == argc)
		return usage_error(cmd, "missing KEY");
	if (argc - optind > 2)
		return usage_error(cmd, "too many arguments");
	if (o->aad && o->aad_file)
		return usage_error(cmd, "--aad and --aad-file exclude each other");
	if (o->aad && strlen(o->aad) > CT_AAD_MAX)
		return usage_error(cmd, "--aad is too long");
	c->key_name = argv[optind];
	c->path = argv[optind + 1];
	c->in_name = input_name(c->path);
	return -1;
}

/* The associated data of every chunk, with room for the chunk's own part. */
static int make_aad(struct crypt *c)
{
	if (c->o.aad_file) {
		if (read_file(c->o.aad_file, CT_AAD_MAX, &c->user_aad,
			      &c->user_aad_len))
			return 1;
		c->user_aad_size = CT_AAD_MAX + 1;
	} else if (c->o.aad) {
		c->user_aad_len = c->user_aad_size = strlen(c->o.aad);
		c->user_aad = (uint8_t *)strdup(c->o.aad);
	}
	c->aad_len = CT_HEADER_SIZE + CT_AAD_EXTRA + c->user_aad_len;
	c->aad = malloc(c->aad_len);
	if (!c->aad || (c->o.aad && !c->user_aad)) {
		err("out of memory");
		return 1;
	}
	if (c->user_aad_len)
		memcpy(c->aad + CT_HEADER_SIZE + CT_AAD_EXTRA, c->user_aad,
		       c->user_aad_len);
	return 0;
}

void crypt_problem(const struct crypt *c, int e)
{
	char when[64];
	struct problem p = { .key = c->key.label, .when = when };

	time_string(c->info.not_after, when, sizeof(when));
	problem(OP_USE, e, &p);
}

/* Whether the key can do this, asked first to say plainly why not. */
static int check_key(struct crypt *c)
{
	int ret = keyseal_info(c->ks, c->key.serial, &c->info);

	if (ret) {
		crypt_problem(c, -ret);
		return 1;
	}
	if (c->info.usage != KEYSEAL_USAGE_AEAD) {
		err("key %s cannot %s data: its usage is %s, not aead",
		    c->key.label, c->cmd->name,
		    keyseal_usage_to_string(c->info.usage));
		return 1;
	}
	if (expired(c->info.not_after)) {
		crypt_problem(c, EKEYEXPIRED);
		return 1;
	}
	return 0;
}

int crypt_open(struct crypt *c)
{
	int ret = find_sealed_key(c->key_name, "key", &c->key);

	if (ret)
		return ret;
	if (make_aad(c))
		return 1;
	c->ks = open_device();
	if (!c->ks || check_key(c))
		return 1;
	c->in = c->path && strcmp(c->path, "-") ?
		open(c->path, O_RDONLY | O_CLOEXEC) : STDIN_FILENO;
	if (c->in < 0) {
		err("cannot open %s: %s", c->path, strerror(errno));
		return 1;
	}
	return 0;
}

int crypt_finish(struct crypt *c, int ret)
{
	if (ret) {
		output_abort(&c->out);
		return 1;
	}
	return output_commit(&c->out);
}

void crypt_close(struct crypt *c)
{
	if (c->in > STDIN_FILENO)
		close(c->in);
	keyseal_close(c->ks);
	free_secret(c->user_aad, c->user_aad_size);
	free_secret(c->aad, c->aad_len);
}
