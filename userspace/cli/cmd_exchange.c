// SPDX-License-Identifier: GPL-2.0
/*
 * keyseal pubkey and keyseal wrap: exchange keys, for sending keys to a
 * keyseal host.
 *
 * wrap needs no module: it is the userspace HPKE sender of libkeyseal, for
 * a machine (a key server, say) that holds a key and sends it to a host's
 * exchange key. The host's kernel then imports the recipient blob and
 * enforces the policy it carries.
 */

#include <errno.h>
#include <getopt.h>
#include <string.h>
#include <time.h>

#include "cli.h"

static const char pubkey_synopsis[] = "KEY [-o FILE] [--json]";
static const char wrap_synopsis[] =
	"--to PUBKEY.pem [--from SENDER.pem] [--raw USAGE] [OPTIONS] [FILE]";

static void pubkey_help(void)
{
	printf("Usage: keyseal pubkey %s\n"
	       "\n"
	       "Write the public key of the exchange key KEY (an x25519 or p256\n"
	       "sealed key) as PEM, for senders to wrap keys to it.\n"
	       "\n"
	       "  -o, --output FILE    write FILE, replaced atomically (default stdout)\n"
	       "      --json           print the KEM, fingerprint and PEM as JSON\n"
	       "  -h, --help           show this help\n",
	       pubkey_synopsis);
}

static void wrap_help(void)
{
	printf("Usage: keyseal wrap %s\n"
	       "\n"
	       "Wrap a key for a keyseal host's exchange key, without the module\n"
	       "(RFC 9180 HPKE). FILE (stdin if absent or -) is a plaintext blob, as\n"
	       "keyseal export --plaintext writes it, whose usage, key id and expiry\n"
	       "the key keeps; or with --raw, the key material itself. The policy\n"
	       "the recipient's kernel enforces is what the options say: by default\n"
	       "the key can neither be exported nor leave in the clear there.\n"
	       "\n"
	       "      --to FILE        the recipient's exchange public key (PEM)\n"
	       "      --from FILE      your exchange private key (PEM), so that the\n"
	       "                       recipient can tell who sent the key (HPKE auth\n"
	       "                       mode); the same algorithm as the recipient's\n"
	       "      --raw USAGE      FILE holds raw key material of this usage\n"
	       "  -e, --exportable     the recipient may export the key\n"
	       "      --plaintext      the recipient may export it in the clear\n"
	       "      --not-after TIME the key expires at TIME (not later than the\n"
	       "                       blob's own expiry)\n"
	       "  -o, --output FILE    write FILE, replaced atomically (default stdout)\n"
	       "      --text           the one-line text form\n"
	       "      --binary         the binary blob\n"
	       "  -h, --help           show this help\n",
	       wrap_synopsis);
}

int cmd_pubkey(int argc, char **argv)
{
	static const struct option options[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	uint8_t fp[KEYSEAL_FINGERPRINT_SIZE];
	char pem[KEYSEAL_PUBLIC_PEM_MAX];
	struct keyseal_public_key pk;
	struct keyseal_key_info info;
	const char *output = NULL;
	struct cli_key key;
	struct keyseal *ks;
	bool json = false;
	int c, ret;

	while ((c = getopt_long(argc, argv, ":o:h", options, NULL)) != -1) {
		switch (c) {
		case 'o':
			output = optarg;
			break;
		case 'j':
			json = true;
			break;
		case 'h':
			pubkey_help();
			return 0;
		default:
			return option_error("pubkey", pubkey_synopsis, argv, c);
		}
	}
	if (optind + 1 != argc)
		return usage_error("pubkey", pubkey_synopsis,
				   optind == argc ? "missing KEY" :
				   "too many arguments");
	ret = find_sealed_key(argv[optind], "key", &key);
	if (ret)
		return ret;
	ks = open_device();
	if (!ks)
		return 1;
	ret = keyseal_info(ks, key.serial, &info);
	if (!ret && info.usage != KEYSEAL_USAGE_X25519 &&
	    info.usage != KEYSEAL_USAGE_P256) {
		err("key %s has no public key: its usage is %s, not x25519 or p256",
		    key.label, keyseal_usage_to_string(info.usage));
		keyseal_close(ks);
		return 1;
	}
	if (!ret)
		ret = keyseal_pubkey(ks, key.serial, &pk);
	keyseal_close(ks);
	if (ret == -EOPNOTSUPP) {
		err("this kernel's keyseal has no exchange keys");
		return 1;
	}
	if (ret) {
		err("key %s: %s", key.label, errno_text(-ret));
		return 1;
	}
	ret = keyseal_public_key_to_pem(&pk, pem, sizeof(pem));
	if (ret < 0 || keyseal_public_key_fingerprint(&pk, fp)) {
		err("key %s: the kernel returned an invalid public key",
		    key.label);
		return 1;
	}
	if (json) {
		struct json j;

		json_init(&j, stdout);
		json_open(&j, NULL, '{');
		json_num(&j, "serial", key.serial);
		json_str(&j, "kem", kem_name(pk.kem));
		json_hex(&j, "fingerprint", fp, sizeof(fp));
		json_str(&j, "pem", pem);
		json_close(&j, '}');
		json_finish(&j);
		return 0;
	}
	return write_file(output, pem, ret, false);
}

/*
 * The key to send, from a plaintext blob: its material is the body, the
 * last key_len bytes (Documentation/blob-format.rst).
 */
static int key_from_blob(const char *name, const uint8_t *data, size_t len,
			 uint8_t *blob, struct keyseal_wrap_key *key,
			 struct keyseal_blob_info *bi)
{
	size_t blob_len = KEYSEAL_BLOB_MAX_SIZE;

	if (keyseal_blob_decode(data, len, blob, &blob_len) < 0 ||
	    keyseal_blob_inspect(blob, blob_len, bi)) {
		err("%s: not a keyseal blob (give --raw USAGE for raw key material)",
		    name);
		return 1;
	}
	if (bi->scheme != KEYSEAL_SCHEME_PLAINTEXT) {
		err("%s: a %s blob holds no key in the clear: wrap needs a plaintext blob (keyseal export --plaintext)",
		    name, scheme_name(bi->scheme));
		return 1;
	}
	key->usage = bi->usage;
	key->key_id = bi->key_id;
	key->not_after = bi->not_after;
	key->material = blob + blob_len - bi->key_len;
	key->len = bi->key_len;
	return 0;
}

int cmd_wrap(int argc, char **argv)
{
	static const struct option options[] = {
		{ "to", required_argument, NULL, 'T' },
		{ "from", required_argument, NULL, 'F' },
		{ "raw", required_argument, NULL, 'R' },
		{ "exportable", no_argument, NULL, 'e' },
		{ "plaintext", no_argument, NULL, 'P' },
		{ "not-after", required_argument, NULL, 'N' },
		{ "output", required_argument, NULL, 'o' },
		{ "text", no_argument, NULL, 't' },
		{ "binary", no_argument, NULL, 'B' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *to = NULL, *from = NULL, *raw = NULL, *output = NULL;
	const char *path = NULL, *name;
	uint8_t blob[KEYSEAL_BLOB_MAX_SIZE], out[KEYSEAL_BLOB_MAX_SIZE];
	uint8_t *data = NULL;
	struct keyseal_private_key sender;
	struct keyseal_public_key recipient;
	struct keyseal_wrap_key key = { 0 };
	struct keyseal_blob_info bi = { 0 };
	size_t data_len = 0, out_len = sizeof(out);
	bool text = false, binary = false;
	uint64_t not_after = 0;
	int c, usage, ret = 1;

	memset(&sender, 0, sizeof(sender));
	while ((c = getopt_long(argc, argv, ":eo:h", options, NULL)) != -1) {
		switch (c) {
		case 'T':
			to = optarg;
			break;
		case 'F':
			from = optarg;
			break;
		case 'R':
			raw = optarg;
			break;
		case 'e':
			key.key_flags |= KEYSEAL_FLAG_EXPORTABLE;
			break;
		case 'P':
			key.key_flags |= KEYSEAL_FLAG_PLAINTEXT |
					 KEYSEAL_FLAG_EXPORTABLE;
			break;
		case 'N':
			if (parse_time(optarg, &not_after) || !not_after)
				return usage_error("wrap", wrap_synopsis,
						   "--not-after needs seconds since the epoch or YYYY-MM-DD[THH:MM:SS]Z");
			break;
		case 'o':
			output = optarg;
			break;
		case 't':
			text = true;
			break;
		case 'B':
			binary = true;
			break;
		case 'h':
			wrap_help();
			return 0;
		default:
			return option_error("wrap", wrap_synopsis, argv, c);
		}
	}
	if (!to)
		return usage_error("wrap", wrap_synopsis, "missing --to");
	if (argc - optind > 1)
		return usage_error("wrap", wrap_synopsis, "too many arguments");
	if (text && binary)
		return usage_error("wrap", wrap_synopsis,
				   "--text and --binary exclude each other");
	usage = raw ? keyseal_usage_from_string(raw) : 0;
	if (usage < 0)
		return usage_error("wrap", wrap_synopsis,
				   "unknown usage '%s': give kek, aead, secret, x25519 or p256",
				   raw);
	if (optind < argc)
		path = argv[optind];
	name = input_name(path);

	if (read_public_key(to, &recipient) ||
	    (from && read_private_key(from, &sender)))
		return 1;

	if (read_file(path, 1 << 20, &data, &data_len))
		goto out;
	if (raw) {
		key.usage = usage;
		key.material = data;
		key.len = data_len;
	} else if (key_from_blob(name, data, data_len, blob, &key, &bi)) {
		goto out;
	}
	if (not_after) {
		if (key.not_after && not_after > key.not_after) {
			err("--not-after cannot be later than the key's own expiry");
			goto out;
		}
		key.not_after = not_after;
	}
	if (key.not_after && key.not_after <= (uint64_t)time(NULL)) {
		err("%s: the key has expired", name);
		goto out;
	}

	ret = keyseal_wrap_to_recipient(&key, &recipient,
					from ? &sender : NULL, out, &out_len);
	switch (-ret) {
	case 0:
		ret = write_blob(output, out, out_len,
				 output_form(text, binary), false);
		break;
	case EINVAL:
		err("%s: %zu bytes of key material do not suit usage %s", name,
		    key.len, keyseal_usage_to_string(key.usage));
		ret = 1;
		break;
	case EKEYREJECTED:
		err("%s: the recipient's public key cannot be used%s", to,
		    from ? " with the sender's key (another algorithm?)" : "");
		ret = 1;
		break;
	default:
		err("cannot wrap the key: %s", errno_text(-ret));
		ret = 1;
		break;
	}
out:
	explicit_bzero(blob, sizeof(blob));
	free_secret(data, (1 << 20) + 1);
	keyseal_private_key_wipe(&sender);
	return ret;
}
