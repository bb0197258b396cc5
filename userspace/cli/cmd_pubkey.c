// SPDX-License-Identifier: GPL-2.0
/*
 * keyseal pubkey: the public key of an exchange key, as PEM, for senders to
 * wrap keys to it.
 */

#include <getopt.h>

#include "options.h"
#include "problem.h"
#include "usage.h"

static void help(void);

static const struct command pubkey = {
	.name = "pubkey",
	.synopsis = "KEY [-o FILE] [--json]",
	.help = help,
	.options = OPT_OUTPUT | OPT_JSON,
};

static void help(void)
{
	printf("Usage: keyseal pubkey %s\n"
	       "\n"
	       "Write the public key of the exchange key KEY (an x25519 or p256\n"
	       "sealed key) as PEM, for senders to wrap keys to it.\n"
	       "\n"
	       "  -o, --output FILE    write FILE, replaced atomically (default stdout)\n"
	       "      --json           print the KEM, fingerprint and PEM as JSON\n"
	       "  -h, --help           show this help\n",
	       pubkey.synopsis);
}

/* The public key of @key from the kernel: 0, or 1 after a message. */
static int fetch(const struct cli_key *key, struct keyseal_public_key *pk)
{
	struct problem p = { .key = key->label };
	struct keyseal_key_info info;
	struct keyseal *ks;
	int ret;

	ks = open_device();
	if (!ks)
		return 1;
	ret = keyseal_info(ks, key->serial, &info);
	if (!ret && !keyseal_usage_kem(info.usage)) {
		err("key %s has no public key: its usage is %s, not x25519 or p256",
		    key->label, keyseal_usage_to_string(info.usage));
		keyseal_close(ks);
		return 1;
	}
	if (!ret)
		ret = keyseal_pubkey(ks, key->serial, pk);
	keyseal_close(ks);
	if (ret)
		problem(OP_PUBKEY, -ret, &p);
	return !!ret;
}

static void print_json(const struct cli_key *key,
		       const struct keyseal_public_key *pk, const char *pem,
		       const uint8_t *fp)
{
	struct json j;

	json_init(&j, stdout);
	json_open(&j, NULL, '{');
	json_num(&j, "serial", key->serial);
	json_str(&j, "kem", kem_name(pk->kem));
	json_hex(&j, "fingerprint", fp, KEYSEAL_FINGERPRINT_SIZE);
	json_str(&j, "pem", pem);
	json_close(&j, '}');
	json_finish(&j);
}

static int run(const char *name, const struct options *o)
{
	uint8_t fp[KEYSEAL_FINGERPRINT_SIZE];
	char pem[KEYSEAL_PUBLIC_PEM_MAX];
	struct keyseal_public_key pk;
	struct cli_key key;
	int ret = find_sealed_key(name, "key", &key);

	if (!ret)
		ret = fetch(&key, &pk);
	if (ret)
		return ret;
	ret = keyseal_public_key_to_pem(&pk, pem, sizeof(pem));
	if (ret < 0 || keyseal_public_key_fingerprint(&pk, fp)) {
		err("key %s: the kernel returned an invalid public key",
		    key.label);
		return 1;
	}
	if (o->json) {
		print_json(&key, &pk, pem, fp);
		return 0;
	}
	return write_file(o->output, pem, ret, false);
}

int cmd_pubkey(int argc, char **argv)
{
	struct options o;
	int ret = parse_options(&pubkey, argc, argv, &o);

	if (ret >= 0)
		return ret;
	if (optind + 1 != argc)
		return usage_error(&pubkey, optind == argc ? "missing KEY" :
				   "too many arguments");
	return run(argv[optind], &o);
}
