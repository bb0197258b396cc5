// SPDX-License-Identifier: GPL-2.0
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

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"

#define CT_MAGIC	"KSCT"
#define CT_VERSION	1
#define CT_HEADER_SIZE	28
#define CT_CHUNK	65536
/* Index and last-chunk flag, after the header in the associated data. */
#define CT_AAD_EXTRA	9
#define CT_AAD_MAX	(KEYSEAL_CRYPT_MAX - CT_HEADER_SIZE - CT_AAD_EXTRA)
#define CT_RECORD_MAX(chunk) (KEYSEAL_NONCE_SIZE + (chunk) + KEYSEAL_TAG_SIZE)

static const char synopsis[] =
	"KEY [FILE] [-o FILE] [--aad TEXT | --aad-file FILE]";

static void help(const char *cmd)
{
	bool enc = !strcmp(cmd, "encrypt");

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
	       cmd, synopsis,
	       enc ? "Encrypt data" : "Decrypt what keyseal encrypt made",
	       enc ? "the ciphertext format of keyseal(1)" :
	       "written only as each chunk is found authentic; with -o, the file\n"
	       "appears only if all of it is",
	       enc ? "" : ", mode 0600");
}

struct crypt {
	struct keyseal *ks;
	struct cli_key key;
	const char *in_name;
	int in;
	struct output out;
	uint8_t header[CT_HEADER_SIZE];
	uint8_t *aad;		/* header | index | last | the caller's */
	size_t aad_len;
	uint32_t chunk;
};

static void put_be32(uint8_t *p, uint32_t v)
{
	p[0] = v >> 24;
	p[1] = v >> 16;
	p[2] = v >> 8;
	p[3] = v;
}

static uint32_t get_be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | p[3];
}

/* The associated data of chunk @index. */
static void chunk_aad(struct crypt *c, uint64_t index, bool last)
{
	uint8_t *p = c->aad + CT_HEADER_SIZE;
	int i;

	memcpy(c->aad, c->header, CT_HEADER_SIZE);
	for (i = 0; i < 8; i++)
		p[i] = index >> (56 - 8 * i);
	p[8] = last;
}

/* Read up to @len bytes, fewer only at the end of the input. */
static ssize_t read_full(struct crypt *c, uint8_t *buf, size_t len)
{
	size_t n = 0;
	ssize_t r;

	while (n < len) {
		r = read(c->in, buf + n, len - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			err("cannot read %s: %s", c->in_name, strerror(errno));
			return -1;
		}
		if (r == 0)
			break;
		n += r;
	}
	return n;
}

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
static int next_record(struct crypt *c, struct records *r)
{
	uint8_t *t = r->cur;

	r->cur = r->ahead;
	r->ahead = t;
	r->len = r->ahead_len;
	if (r->len < 0)
		return -1;
	r->ahead_len = 0;
	if ((size_t)r->len == r->size) {
		r->ahead_len = read_full(c, r->ahead, r->size);
		if (r->ahead_len < 0)
			return -1;
	}
	return (size_t)r->len < r->size || r->ahead_len == 0;
}

/* Why the kernel would not use the key. */
static void crypt_problem(const struct crypt *c, int e,
			  const struct keyseal_key_info *info)
{
	char when[64];

	switch (e) {
	case EKEYEXPIRED:
		time_string(info->not_after, when, sizeof(when));
		err("key %s expired on %s", c->key.label, when);
		break;
	case EACCES:
		err("permission denied: using key %s needs search permission",
		    c->key.label);
		break;
	case EKEYREVOKED:
		err("key %s has been revoked", c->key.label);
		break;
	case ENOKEY:
		err("key %s is no longer in your keyrings", c->key.label);
		break;
	default:
		err("key %s: %s", c->key.label, errno_text(e));
		break;
	}
}

static int encrypt_stream(struct crypt *c, const struct keyseal_key_info *info)
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
		chunk_aad(c, index, last);
		ct_len = CT_RECORD_MAX(c->chunk) - KEYSEAL_NONCE_SIZE;
		err_no = keyseal_encrypt(c->ks, c->key.serial, r.cur, r.len,
					 c->aad, c->aad_len,
					 ct + KEYSEAL_NONCE_SIZE, &ct_len, ct);
		if (err_no) {
			crypt_problem(c, -err_no, info);
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

static int decrypt_stream(struct crypt *c, const struct keyseal_key_info *info)
{
	size_t record = CT_RECORD_MAX(c->chunk), pt_len;
	struct records r = {
		.cur = malloc(record),
		.ahead = malloc(record),
		.size = record,
	};
	uint8_t *pt = malloc(c->chunk);
	uint64_t index;
	int last, err_no, written, ret = 1;

	/* ret stays 1 until the last chunk is written: every exit fails */
	if (!r.cur || !r.ahead || !pt) {
		err("out of memory");
		goto out;
	}
	r.ahead_len = read_full(c, r.ahead, r.size);
	for (index = 0;; index++) {
		last = next_record(c, &r);
		if (last < 0)
			goto out;
		if ((size_t)r.len < KEYSEAL_NONCE_SIZE + KEYSEAL_TAG_SIZE) {
			err("%s: truncated: chunk %llu is incomplete or missing",
			    c->in_name, (unsigned long long)index);
			goto out;
		}
		chunk_aad(c, index, last);
		pt_len = c->chunk;
		err_no = keyseal_decrypt(c->ks, c->key.serial,
					 r.cur + KEYSEAL_NONCE_SIZE,
					 r.len - KEYSEAL_NONCE_SIZE, c->aad,
					 c->aad_len, r.cur, pt, &pt_len);
		if (err_no == -EBADMSG) {
			err("%s: chunk %llu failed authentication: the data was changed, truncated or reordered, or the associated data or the key is not the one it was encrypted with",
			    c->in_name, (unsigned long long)index);
			goto out;
		}
		if (err_no) {
			crypt_problem(c, -err_no, info);
			goto out;
		}
		written = output_write(&c->out, pt, pt_len);
		explicit_bzero(pt, pt_len);
		if (written)
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

/* The header of a ciphertext, checked against the key. 0 or 1. */
static int read_header(struct crypt *c, const struct keyseal_key_info *info)
{
	char want[2 * KEYSEAL_KEY_ID_SIZE + 1], got[2 * KEYSEAL_KEY_ID_SIZE + 1];
	ssize_t n = read_full(c, c->header, CT_HEADER_SIZE);

	if (n < 0)
		return 1;
	if (n < CT_HEADER_SIZE || memcmp(c->header, CT_MAGIC, 4)) {
		err("%s: not a keyseal ciphertext", c->in_name);
		return 1;
	}
	if (c->header[4] != CT_VERSION || c->header[5] || c->header[6] ||
	    c->header[7]) {
		err("%s: a keyseal ciphertext of an unknown version (%u)",
		    c->in_name, c->header[4]);
		return 1;
	}
	c->chunk = get_be32(c->header + 8);
	if (!c->chunk || c->chunk > KEYSEAL_CRYPT_MAX) {
		err("%s: not a keyseal ciphertext (chunk size %u)", c->in_name,
		    c->chunk);
		return 1;
	}
	if (memcmp(c->header + 12, info->key_id, KEYSEAL_KEY_ID_SIZE)) {
		hex_string(c->header + 12, KEYSEAL_KEY_ID_SIZE, got);
		hex_string(info->key_id, KEYSEAL_KEY_ID_SIZE, want);
		err("%s was encrypted with key id %s, but key %s has key id %s",
		    c->in_name, got, c->key.label, want);
		return 1;
	}
	return 0;
}

static int run(int argc, char **argv, bool encrypt)
{
	static const struct option options[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "aad", required_argument, NULL, 'a' },
		{ "aad-file", required_argument, NULL, 'A' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *cmd = encrypt ? "encrypt" : "decrypt";
	const char *output = NULL, *aad_text = NULL, *aad_file = NULL;
	const char *path = NULL;
	struct keyseal_key_info info;
	uint8_t *user_aad = NULL;
	size_t user_aad_len = 0;
	struct crypt c;
	int opt, ret;

	memset(&c, 0, sizeof(c));
	c.in = -1;
	c.out.fd = -1;
	while ((opt = getopt_long(argc, argv, ":o:h", options, NULL)) != -1) {
		switch (opt) {
		case 'o':
			output = optarg;
			break;
		case 'a':
			aad_text = optarg;
			break;
		case 'A':
			aad_file = optarg;
			break;
		case 'h':
			help(cmd);
			return 0;
		default:
			return option_error(cmd, synopsis, argv, opt);
		}
	}
	if (optind == argc)
		return usage_error(cmd, synopsis, "missing KEY");
	if (argc - optind > 2)
		return usage_error(cmd, synopsis, "too many arguments");
	if (aad_text && aad_file)
		return usage_error(cmd, synopsis,
				   "--aad and --aad-file exclude each other");
	if (aad_text && strlen(aad_text) > CT_AAD_MAX)
		return usage_error(cmd, synopsis, "--aad is too long");
	if (optind + 1 < argc)
		path = argv[optind + 1];
	c.in_name = input_name(path);

	ret = find_sealed_key(argv[optind], "key", &c.key);
	if (ret)
		return ret;
	if (aad_file && read_file(aad_file, CT_AAD_MAX, &user_aad,
				  &user_aad_len))
		return 1;
	if (aad_text) {
		user_aad = (uint8_t *)strdup(aad_text);
		user_aad_len = strlen(aad_text);
	}
	c.aad_len = CT_HEADER_SIZE + CT_AAD_EXTRA + user_aad_len;
	c.aad = malloc(c.aad_len);
	if (!c.aad || (aad_text && !user_aad)) {
		err("out of memory");
		ret = 1;
		goto out;
	}
	if (user_aad_len)
		memcpy(c.aad + CT_HEADER_SIZE + CT_AAD_EXTRA, user_aad,
		       user_aad_len);

	ret = 1;
	c.ks = open_device();
	if (!c.ks)
		goto out;
	/* Usage and expiry first, to say plainly why a key will not do. */
	ret = keyseal_info(c.ks, c.key.serial, &info);
	if (ret) {
		crypt_problem(&c, -ret, &info);
		ret = 1;
		goto out;
	}
	ret = 1;
	if (info.usage != KEYSEAL_USAGE_AEAD) {
		err("key %s cannot %s data: its usage is %s, not aead",
		    c.key.label, cmd, keyseal_usage_to_string(info.usage));
		goto out;
	}
	if (info.not_after && (uint64_t)time(NULL) >= info.not_after) {
		crypt_problem(&c, EKEYEXPIRED, &info);
		goto out;
	}

	c.in = path && strcmp(path, "-") ? open(path, O_RDONLY | O_CLOEXEC) :
	       STDIN_FILENO;
	if (c.in < 0) {
		err("cannot open %s: %s", path, strerror(errno));
		goto out;
	}
	if (encrypt) {
		memcpy(c.header, CT_MAGIC, 4);
		c.header[4] = CT_VERSION;
		c.chunk = CT_CHUNK;
		put_be32(c.header + 8, c.chunk);
		memcpy(c.header + 12, info.key_id, KEYSEAL_KEY_ID_SIZE);
	} else if (read_header(&c, &info)) {
		goto out;
	}
	/*
	 * A decrypted file is created 0600; on stdout the user asked to see
	 * the data, on a terminal too.
	 */
	if (output_open(&c.out, output,
			!encrypt && output && strcmp(output, "-"), false))
		goto out;
	ret = encrypt ? encrypt_stream(&c, &info) : decrypt_stream(&c, &info);
	if (ret)
		output_abort(&c.out);
	else
		ret = output_commit(&c.out);
out:
	if (c.in > STDIN_FILENO)
		close(c.in);
	keyseal_close(c.ks);
	free_secret(user_aad, aad_file ? CT_AAD_MAX + 1 : user_aad_len);
	free_secret(c.aad, c.aad_len);
	return ret;
}

int cmd_encrypt(int argc, char **argv)
{
	return run(argc, argv, true);
}

int cmd_decrypt(int argc, char **argv)
{
	return run(argc, argv, false);
}
