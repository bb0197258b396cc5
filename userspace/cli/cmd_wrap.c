// SPDX-License-Identifier: GPL-2.0
/*
 * keyseal wrap: a key wrapped for a keyseal host's exchange key, without
 * the module. This is the userspace HPKE sender of libkeyseal, for a machine
 * (a key server, say) that holds a key and sends it to a host; the host's
 * kernel then imports the recipient blob and enforces the policy it carries.
 */

#include <getopt.h>
#include <string.h>
#include <time.h>

#include "options.h"
#include "problem.h"
#include "rsa_io.h"
#include "usage.h"

static void help(void);

static const struct command wrap = {
	.name = "wrap",
	.synopsis = "{--to PUBKEY.pem [--from SENDER.pem] | --to-rsa WRAPPING.pem --format FORMAT} [--raw USAGE] [OPTIONS] [FILE]",
	.help = help,
	.options = OPT_TO | OPT_FROM | OPT_RAW | OPT_EXPORTABLE | OPT_PLAINTEXT |
		   OPT_NOT_AFTER | OPT_OUTPUT | OPT_FORM | OPT_TO_RSA |
		   OPT_FORMAT,
};

static void help(void)
{
	printf("Usage: keyseal wrap %s\n"
	       "\n"
	       "Wrap a key for a keyseal host's exchange key, without the module\n"
	       "(RFC 9180 HPKE). FILE (stdin if absent or -) is a plaintext blob, as\n"
	       "keyseal export --plaintext writes it, whose usage, key id and expiry\n"
	       "the key keeps; or with --raw, the key material itself. The policy\n"
	       "the recipient's kernel enforces is what the options say: by default\n"
	       "the key can neither be exported nor leave in the clear there.\n"
	       "With --to-rsa, an aead or secret key is wrapped instead for an RSA\n"
	       "wrapping key, in the form a cloud key manager or an HSM imports, as\n"
	       "keyseal export --to-rsa writes it (base64 unless --binary); those\n"
	       "forms carry no policy.\n"
	       "\n"
	       "      --to FILE        the recipient's exchange public key (PEM)\n"
	       "      --from FILE      your exchange private key (PEM), so that the\n"
	       "                       recipient can tell who sent the key (HPKE auth\n"
	       "                       mode); the same algorithm as the recipient's\n"
	       "      --to-rsa FILE    wrap for the RSA wrapping public key in FILE (PEM\n"
	       "                       or DER, 2048, 3072 or 4096 bits)\n"
	       "      --format FORMAT  with --to-rsa: rsa-aes-kwp-sha256, rsa-aes-kwp-sha1,\n"
	       "                       rsa-oaep-sha256 or rsa-oaep-sha1\n"
	       "      --raw USAGE      FILE holds raw key material of this usage\n"
	       "  -e, --exportable     the recipient may export the key\n"
	       "      --plaintext      the recipient may export it in the clear\n"
	       "      --not-after TIME the key expires at TIME (not later than the\n"
	       "                       blob's own expiry)\n"
	       "  -o, --output FILE    write FILE, replaced atomically (default stdout)\n"
	       "      --text           the one-line text form\n"
	       "      --binary         the binary blob\n"
	       "  -h, --help           show this help\n",
	       wrap.synopsis);
}

struct wrap_args {
	struct options o;
	int usage;			/* --raw */
	const char *path;
	const char *file;
	struct keyseal_public_key recipient;
	struct keyseal_private_key sender;
	uint8_t *data;			/* the input, INPUT_MAX + 1 bytes */
	size_t data_len;
	uint8_t blob[KEYSEAL_BLOB_MAX_SIZE];	/* the input's blob */
	uint8_t key_id[KEYSEAL_KEY_ID_SIZE];	/* the input blob's key id */
	struct keyseal_wrap_key key;
	struct keyseal_rsa_key rsa;
	int format;
};

/* Returns -1 to go on, else the exit status. */
static int parse(int argc, char **argv, struct wrap_args *a)
{
	int ret = parse_options(&wrap, argc, argv, &a->o);

	if (ret >= 0)
		return ret;
	if (!a->o.to && !a->o.to_rsa)
		return usage_error(&wrap, "missing --to or --to-rsa");
	if (a->o.to && a->o.to_rsa)
		return usage_error(&wrap, "--to and --to-rsa exclude each other");
	if (!!a->o.format != !!a->o.to_rsa)
		return usage_error(&wrap, "--to-rsa and --format go together");
	if (a->o.to_rsa && (a->o.from || a->o.exportable || a->o.not_after))
		return usage_error(&wrap, "--to-rsa carries no sender and no policy: --from, --exportable, --plaintext and --not-after go with --to");
	if (a->o.to_rsa) {
		a->format = rsa_format(&wrap, a->o.format);
		if (!a->format)
			return EXIT_USAGE;
	}
	if (argc - optind > 1)
		return usage_error(&wrap, "too many arguments");
	a->usage = a->o.raw ? keyseal_usage_from_string(a->o.raw) : 0;
	if (a->usage < 0)
		return usage_error(&wrap, "unknown usage '%s': give kek, aead, secret, x25519 or p256",
				   a->o.raw);
	a->path = argv[optind];
	a->file = input_name(a->path);
	return -1;
}

/*
 * The key to send, from a plaintext blob: its material is the body, the
 * last key_len bytes (Documentation/blob-format.rst).
 */
static int key_from_blob(struct wrap_args *a)
{
	struct keyseal_blob_info bi;
	size_t len;

	if (decode_blob(a->file, a->data, a->data_len,
			"not a keyseal blob (give --raw USAGE for raw key material)",
			a->blob, &len, NULL))
		return 1;
	keyseal_blob_inspect(a->blob, len, &bi);
	if (bi.scheme != KEYSEAL_SCHEME_PLAINTEXT) {
		err("%s: a %s blob holds no key in the clear: wrap needs a plaintext blob (keyseal export --plaintext)",
		    a->file, scheme_name(bi.scheme));
		return 1;
	}
	a->key.usage = bi.usage;
	memcpy(a->key_id, bi.key_id, sizeof(a->key_id));
	a->key.key_id = a->key_id;
	a->key.not_after = bi.not_after;
	a->key.material = a->blob + len - bi.key_len;
	a->key.len = bi.key_len;
	return 0;
}

/* The key to send, as the input and the options say: 0 or 1. */
static int read_key(struct wrap_args *a)
{
	struct keyseal_wrap_key *key = &a->key;

	if (read_file(a->path, INPUT_MAX, &a->data, &a->data_len))
		return 1;
	key->key_flags = policy_flags(&a->o);
	if (a->o.raw) {
		key->usage = a->usage;
		key->material = a->data;
		key->len = a->data_len;
	} else if (key_from_blob(a)) {
		return 1;
	}
	if (a->o.not_after) {
		if (key->not_after && a->o.not_after > key->not_after) {
			err("--not-after cannot be later than the key's own expiry");
			return 1;
		}
		key->not_after = a->o.not_after;
	}
	if (expired(key->not_after)) {
		err("%s: the key has expired", a->file);
		return 1;
	}
	return 0;
}

/* The key wrapped for an RSA wrapping key, by libkeyseal alone. */
static int run_rsa(struct wrap_args *a)
{
	uint8_t out[KEYSEAL_RSA_EXPORT_MAX_SIZE];
	size_t out_len = sizeof(out);
	int ret;

	if (read_rsa_key(a->o.to_rsa, &a->rsa) || read_key(a))
		return 1;
	ret = keyseal_wrap_to_rsa(&a->key, &a->rsa, a->format, out, &out_len);
	if (!ret)
		return write_rsa_export(a->o.output, out, out_len,
					a->o.binary);
	if (ret == -EINVAL &&
	    (a->key.usage == KEYSEAL_USAGE_AEAD ||
	     a->key.usage == KEYSEAL_USAGE_SECRET) &&
	    !keyseal_usage_key_len_valid(a->key.usage,
					 keyseal_usage_alg(a->key.usage),
					 a->key.len))
		err("%s: %zu bytes is not a valid length for usage %s",
		    a->file, a->key.len, keyseal_usage_to_string(a->key.usage));
	else
		rsa_export_problem(-ret, a->file, a->key.usage, a->key.len,
				   &a->rsa, a->format);
	return 1;
}

static int run(struct wrap_args *a)
{
	uint8_t out[KEYSEAL_BLOB_MAX_SIZE];
	size_t out_len = sizeof(out);
	char bytes[32];
	struct problem p = {
		.file = a->file,
		.recipient = a->o.to,
		.bytes = bytes,
		.facts = a->o.from ? PF_FROM : 0,
	};
	int ret;

	if (read_public_key(a->o.to, &a->recipient) ||
	    (a->o.from && read_private_key(a->o.from, &a->sender)) ||
	    read_key(a))
		return 1;
	ret = keyseal_wrap_to_recipient(&a->key, &a->recipient,
					a->o.from ? &a->sender : NULL,
					out, &out_len);
	if (!ret)
		return write_blob(a->o.output, out, out_len, a->o.form, false);
	snprintf(bytes, sizeof(bytes), "%zu", a->key.len);
	p.usage = keyseal_usage_to_string(a->key.usage);
	problem(OP_WRAP, -ret, &p);
	return 1;
}

int cmd_wrap(int argc, char **argv)
{
	struct wrap_args a = { 0 };
	int ret = parse(argc, argv, &a);

	if (ret < 0)
		ret = a.o.to_rsa ? run_rsa(&a) : run(&a);
	explicit_bzero(a.blob, sizeof(a.blob));
	free_secret(a.data, INPUT_MAX + 1);
	keyseal_private_key_wipe(&a.sender);
	return ret;
}
