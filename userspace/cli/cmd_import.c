// SPDX-License-Identifier: GPL-2.0
/*
 * keyseal import: a key from a blob, through KEYSEAL_IOC_IMPORT.
 */

#include <errno.h>
#include <getopt.h>
#include <string.h>

#include "cli.h"

static const char synopsis[] = "[FILE] [OPTIONS]";

static void help(void)
{
	printf("Usage: keyseal import %s\n"
	       "\n"
	       "Make a key from a blob in any form (PEM, the one-line text, binary)\n"
	       "read from FILE, or from stdin if FILE is absent or -, and print its\n"
	       "serial. The key gets exactly the checks of keyctl \"load\"; an existing\n"
	       "key is never replaced.\n"
	       "\n"
	       "  -n, --name NAME      the new key's description (default: the kernel's\n"
	       "                       \"usage:keyid\")\n"
	       "  -k, --keyring RING   the keyring to link it into (default @s)\n"
	       "  -u, --unwrap KEY     the key that opens the blob, if not the KEK it\n"
	       "                       names (recipient blobs: the exchange key)\n"
	       "  -p, --parent KEK     recipient and plaintext blobs: the KEK to store\n"
	       "                       the key under (default: the module's default)\n"
	       "      --sender FILE    recipient blobs: accept the blob only from the\n"
	       "                       sender whose public key (PEM) is in FILE\n"
	       "      --json           print the new key's attributes as JSON\n"
	       "  -h, --help           show this help\n",
	       synopsis);
}

/*
 * Whether a recipient blob was refused for its sender, and if so say so:
 * the header names the sender of an auth-mode blob.
 */
static bool sender_problem(const char *name,
			   const struct keyseal_blob_info *bi,
			   const struct keyseal_public_key *expected)
{
	uint8_t fp[KEYSEAL_FINGERPRINT_SIZE];
	struct keyseal_public_key pk;
	char hex[2 * sizeof(fp) + 1];

	if (bi->scheme == KEYSEAL_SCHEME_HPKE_BASE) {
		err("%s: the blob names no sender (HPKE base mode), so it is not from the expected one",
		    name);
		return true;
	}
	if (bi->scheme != KEYSEAL_SCHEME_HPKE_AUTH)
		return false;
	if (bi->sender_public_len == expected->len &&
	    !memcmp(bi->sender_public, expected->key, expected->len))
		return false;
	if (keyseal_public_key_from_raw(bi->kem_id, bi->sender_public,
					bi->sender_public_len, &pk) ||
	    keyseal_public_key_fingerprint(&pk, fp))
		memset(fp, 0, sizeof(fp));
	hex_string(fp, sizeof(fp), hex);
	err("%s: the blob is not from the expected sender: it names the sender whose fingerprint is %s",
	    name, hex);
	return true;
}

int cmd_import(int argc, char **argv)
{
	static const struct option options[] = {
		{ "name", required_argument, NULL, 'n' },
		{ "keyring", required_argument, NULL, 'k' },
		{ "unwrap", required_argument, NULL, 'u' },
		{ "parent", required_argument, NULL, 'p' },
		{ "sender", required_argument, NULL, 'S' },
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *keyring_name = "@s", *unwrap = NULL, *parent = NULL;
	const char *sender = NULL, *path = NULL, *name;
	struct keyseal_import_params params = { 0 };
	struct cli_key unwrap_key, parent_key;
	uint8_t blob[KEYSEAL_BLOB_MAX_SIZE];
	struct keyseal_public_key sender_pk;
	struct keyseal_blob_info bi;
	char shown[KEY_LABEL_MAX];
	size_t len;
	struct keyseal *ks;
	bool json = false;
	int32_t serial;
	int c, ret;

	while ((c = getopt_long(argc, argv, ":n:k:u:p:h", options, NULL)) != -1) {
		switch (c) {
		case 'n':
			params.description = optarg;
			break;
		case 'k':
			keyring_name = optarg;
			break;
		case 'u':
			unwrap = optarg;
			break;
		case 'p':
			parent = optarg;
			break;
		case 'S':
			sender = optarg;
			break;
		case 'j':
			json = true;
			break;
		case 'h':
			help();
			return 0;
		default:
			return option_error("import", synopsis, argv, c);
		}
	}
	if (argc - optind > 1)
		return usage_error("import", synopsis, "too many arguments");
	if (optind < argc)
		path = argv[optind];
	name = input_name(path);

	ret = read_blob(path, blob, &len, NULL, &bi);
	if (ret)
		return ret;
	if (parent && bi.scheme == KEYSEAL_SCHEME_KEK) {
		explicit_bzero(blob, sizeof(blob));
		return usage_error("import", synopsis,
				   "--parent is for recipient and plaintext blobs: a blob under a KEK is stored under that KEK");
	}
	ret = find_keyring(keyring_name, &params.keyring);
	if (!ret && unwrap) {
		ret = find_key(unwrap, "key", &unwrap_key);
		params.unwrap = unwrap_key.serial;
	}
	if (!ret && parent) {
		ret = find_key(parent, "parent key", &parent_key);
		params.parent = parent_key.serial;
	}
	if (!ret && sender) {
		ret = read_public_key(sender, &sender_pk);
		params.expected_sender = &sender_pk;
	}
	ks = ret ? NULL : open_device();
	if (!ks) {
		explicit_bzero(blob, sizeof(blob));
		return ret ? ret : 1;
	}

	ret = keyseal_import(ks, blob, len, &params, &serial);
	explicit_bzero(blob, sizeof(blob));
	if (ret) {
		keyseal_close(ks);
		switch (-ret) {
		case EEXIST:
			printable(params.description ? params.description : "",
				  shown, sizeof(shown));
			err("%s: a sealed key named '%s' is already in that keyring",
			    name, shown);
			break;
		case EPERM:
			err(bi.scheme == KEYSEAL_SCHEME_PLAINTEXT ?
			    "%s: importing a key in the clear needs CAP_SYS_ADMIN" :
			    "%s: policy forbids importing this key", name);
			break;
		case EACCES:
			err("%s: permission denied: importing needs write permission on the keyring and search permission on the key that opens the blob",
			    name);
			break;
		case EKEYREJECTED:
			if (sender && sender_problem(name, &bi, &sender_pk))
				break;
			blob_problem(name, -ret, &bi,
				     unwrap ? unwrap_key.label : NULL);
			break;
		case ENOKEY:
			if (bi.scheme == KEYSEAL_SCHEME_PLAINTEXT) {
				if (parent)
					snprintf(shown, sizeof(shown), "%s",
						 parent_key.label);
				else
					default_parent(shown, sizeof(shown));
				err("%s: parent key %s is not in your keyrings",
				    name, shown);
				break;
			}
			/* fall through */
		default:
			blob_problem(name, -ret, &bi,
				     unwrap ? unwrap_key.label : NULL);
			break;
		}
		return 1;
	}

	if (!json) {
		keyseal_close(ks);
		printf("%d\n", serial);
		return 0;
	}
	ret = json_new_key(ks, serial);
	keyseal_close(ks);
	return ret;
}
