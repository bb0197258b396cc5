// SPDX-License-Identifier: GPL-2.0
/*
 * keyseal bridge: hand a secret key to dm-crypt (a logon key) or to
 * fscrypt (an fscrypt-provisioning key), made inside the kernel from the
 * sealed key's material, which never reaches userspace.
 */

#include <errno.h>
#include <getopt.h>
#include <string.h>

#include "options.h"
#include "problem.h"

static void help(void);

static const struct command bridge = {
	.name = "bridge",
	.synopsis = "KEY (--logon DESC | --fscrypt DESC) [-k RING] [-b N] [--json]",
	.help = help,
	.options = OPT_BRIDGE | OPT_KEYRING | OPT_BYTES | OPT_JSON,
};

static void help(void)
{
	printf("Usage: keyseal bridge %s\n"
	       "\n"
	       "Make, inside the kernel, a key holding the material of the secret\n"
	       "key KEY, for a consumer in the kernel; print its serial. Neither\n"
	       "key type can be read from userspace.\n"
	       "\n"
	       "      --logon DESC     a logon key (DESC is prefix:name), for dm-crypt's\n"
	       "                       table key \":LEN:logon:DESC\"\n"
	       "      --fscrypt DESC   an fscrypt-provisioning key for a v2 policy: its\n"
	       "                       serial is the key_id of FS_IOC_ADD_ENCRYPTION_KEY\n"
	       "  -k, --keyring RING   link it into RING (default @s)\n"
	       "  -b, --bytes N        refuse unless KEY has N bytes, the cipher's key\n"
	       "                       size (aes-xts-plain64: 32 or 64; fscrypt's\n"
	       "                       AES-256-XTS: 32 to 64)\n"
	       "      --json           print the serial, type, length and how to use it\n"
	       "  -h, --help           show this help\n"
	       "\n"
	       "The new key is a copy: revoking KEY leaves it, and it leaves KEY.\n",
	       bridge.synopsis);
}

/**
 * struct bridge_args - what the command line asks for
 * @o: its options
 * @kind: KEYSEAL_BRIDGE_*
 * @type: the new key's type
 * @description: its description
 * @key_len: -b, or 0
 */
struct bridge_args {
	struct options o;
	uint32_t kind;
	const char *type;
	const char *description;
	uint16_t key_len;
};

static int parse(int argc, char **argv, struct bridge_args *a)
{
	int ret = parse_options(&bridge, argc, argv, &a->o);

	if (ret >= 0)
		return ret;
	if (optind + 1 != argc)
		return usage_error(&bridge, optind == argc ? "missing KEY" :
				   "too many arguments");
	if (!a->o.logon == !a->o.fscrypt)
		return usage_error(&bridge, "give one of --logon and --fscrypt");
	if (a->o.logon) {
		a->kind = KEYSEAL_BRIDGE_LOGON;
		a->type = "logon";
		a->description = a->o.logon;
	} else {
		a->kind = KEYSEAL_BRIDGE_FSCRYPT;
		a->type = "fscrypt-provisioning";
		a->description = a->o.fscrypt;
	}
	if (!*a->description)
		return usage_error(&bridge, "the description may not be empty");
	if (a->o.bytes && (parse_u16(a->o.bytes, &a->key_len) ||
			   !a->key_len))
		return usage_error(&bridge, "--bytes needs a number of bytes");
	return -1;
}

/* Why the kernel would not make the key; @info is what KEY is, if known. */
static void bridge_problem(int e, const struct bridge_args *a,
			   const struct cli_key *key,
			   const struct keyseal_key_info *info)
{
	char name[1100], bytes[16], want[16], when[64];
	struct problem p = {
		.key = key->label, .name = name, .bytes = bytes, .want = want,
	};

	snprintf(want, sizeof(want), "%u", a->key_len);
	snprintf(name, sizeof(name), "%s key ", a->type);
	printable(a->description, name + strlen(name),
		  sizeof(name) - strlen(name));
	if (info) {
		snprintf(bytes, sizeof(bytes), "%u", info->key_len);
		time_string(info->not_after, when, sizeof(when));
		p.when = when;
		p.usage = keyseal_usage_to_string(info->usage);
		if (info->usage != KEYSEAL_USAGE_SECRET)
			p.facts |= PF_WRONG_USAGE;
		else if (a->key_len && a->key_len != info->key_len)
			p.facts |= PF_LENGTH;
	} else {
		snprintf(bytes, sizeof(bytes), "its");
	}
	if (e == EINVAL)
		printable(a->description, name, sizeof(name));
	problem(OP_BRIDGE, e, &p);
}

static void print_json(const struct bridge_args *a, int32_t serial,
		       uint16_t key_len)
{
	char table_key[4200];
	struct json j;

	json_init(&j, stdout);
	json_open(&j, NULL, '{');
	json_num(&j, "serial", serial);
	json_str(&j, "type", a->type);
	json_str(&j, "description", a->description);
	if (key_len)
		json_num(&j, "key_len", key_len);
	if (a->kind == KEYSEAL_BRIDGE_LOGON && key_len) {
		snprintf(table_key, sizeof(table_key), ":%u:logon:%s", key_len,
			 a->description);
		json_str(&j, "dm_crypt_key", table_key);
	} else if (a->kind == KEYSEAL_BRIDGE_FSCRYPT) {
		json_str(&j, "key_spec_type", "FSCRYPT_KEY_SPEC_TYPE_IDENTIFIER");
		json_num(&j, "key_id", serial);
	}
	json_close(&j, '}');
	json_finish(&j);
}

static int run(const char *name, const struct bridge_args *a)
{
	struct keyseal_key_info info;
	int32_t keyring, serial;
	struct cli_key key;
	struct keyseal *ks;
	bool have_info;
	int ret;

	ret = find_sealed_key(name, "key", &key);
	if (ret)
		return ret;
	ret = find_keyring(a->o.keyring, &keyring);
	if (ret)
		return ret;
	ks = open_device();
	if (!ks)
		return 1;
	/* Only to say why, if it fails: the kernel decides. */
	have_info = !keyseal_info(ks, key.serial, &info);
	ret = keyseal_bridge(ks, key.serial, a->kind, a->description, keyring,
			     a->key_len, &serial);
	keyseal_close(ks);
	if (ret) {
		bridge_problem(-ret, a, &key, have_info ? &info : NULL);
		return 1;
	}
	if (a->o.json)
		print_json(a, serial, have_info ? info.key_len : 0);
	else
		printf("%d\n", serial);
	return 0;
}

int cmd_bridge(int argc, char **argv)
{
	struct bridge_args a = { 0 };
	int ret = parse(argc, argv, &a);

	return ret >= 0 ? ret : run(argv[optind], &a);
}
