// SPDX-License-Identifier: GPL-2.0
/*
 * What several commands print: the attributes of a key, for humans and in
 * JSON.
 */

#include <string.h>

#include "cli.h"

void show_attributes(uint8_t usage, uint16_t key_len, uint8_t key_flags,
		     uint8_t provenance, const uint8_t *key_id,
		     uint64_t created)
{
	char text[128], hex[2 * KEYSEAL_KEY_ID_SIZE + 1];

	usage_string(usage, key_len, text, sizeof(text));
	printf("  usage: %s\n", text);
	flags_string(key_flags, ", ", text, sizeof(text));
	printf("  flags: %s\n", text);
	provenance_string(provenance, text, sizeof(text));
	printf("  provenance: %s\n", text);
	hex_string(key_id, KEYSEAL_KEY_ID_SIZE, hex);
	printf("  key id: %s\n", hex);
	time_string(created, text, sizeof(text));
	printf("  created: %s\n", text);
}

void json_attributes(struct json *j, uint8_t usage, uint16_t key_len,
		     uint8_t key_flags, uint8_t provenance,
		     const uint8_t *key_id, uint64_t created,
		     uint64_t not_after)
{
	const char *name = keyseal_usage_to_string(usage);

	json_str(j, "usage", name ? name : "unknown");
	json_num(j, "bits", key_len * 8);
	json_bool(j, "exportable", key_flags & KEYSEAL_FLAG_EXPORTABLE);
	json_bool(j, "plaintext", key_flags & KEYSEAL_FLAG_PLAINTEXT);
	json_str(j, "origin", origin_name(provenance));
	json_bool(j, "always_sensitive",
		  provenance & KEYSEAL_PROV_ALWAYS_SENSITIVE);
	json_bool(j, "never_exportable",
		  provenance & KEYSEAL_PROV_NEVER_EXPORTABLE);
	json_hex(j, "key_id", key_id, KEYSEAL_KEY_ID_SIZE);
	json_num(j, "created", (long long)created);
	if (not_after)
		json_num(j, "not_after", (long long)not_after);
	else
		json_null(j, "not_after");
}

void show_key_info(const struct cli_key *key,
		   const struct keyseal_key_info *info)
{
	char text[KEYSEAL_PARENT_MAX * 4 + 8], hex[2 * KEYSEAL_FINGERPRINT_SIZE + 1];
	static const uint8_t zero[KEYSEAL_FINGERPRINT_SIZE];

	printf("key %s\n", key->label);
	show_attributes(info->usage, info->key_len, info->key_flags,
			info->provenance, info->key_id, info->created);
	if (info->not_after) {
		time_string(info->not_after, text, sizeof(text));
		printf("  not after: %s%s\n", text,
		       expired(info->not_after) ? " (expired)" : "");
	} else {
		printf("  not after: never\n");
	}
	printable(info->parent, text, sizeof(text));
	hex_string(info->parent_fingerprint, KEYSEAL_FINGERPRINT_SIZE, hex);
	printf("  parent: %s\n  parent fingerprint: %s\n", text, hex);
	if (memcmp(info->public_fingerprint, zero, sizeof(zero))) {
		hex_string(info->public_fingerprint, KEYSEAL_FINGERPRINT_SIZE,
			   hex);
		printf("  public key fingerprint: %s\n", hex);
	}
}

void json_key_info(struct json *j, const struct cli_key *key,
		   const struct keyseal_key_info *info)
{
	static const uint8_t zero[KEYSEAL_FINGERPRINT_SIZE];
	char text[KEYSEAL_PARENT_MAX * 4 + 1];

	json_open(j, NULL, '{');
	json_num(j, "serial", info->serial);
	json_str(j, "name", key->name);
	json_attributes(j, info->usage, info->key_len, info->key_flags,
			info->provenance, info->key_id, info->created,
			info->not_after);
	json_bool(j, "expired", expired(info->not_after));
	printable(info->parent, text, sizeof(text));
	json_str(j, "parent", text);
	json_hex(j, "parent_fingerprint", info->parent_fingerprint,
		 KEYSEAL_FINGERPRINT_SIZE);
	if (memcmp(info->public_fingerprint, zero, sizeof(zero)))
		json_hex(j, "public_fingerprint", info->public_fingerprint,
			 KEYSEAL_FINGERPRINT_SIZE);
	json_close(j, '}');
}

int json_new_key(struct keyseal *ks, int32_t serial)
{
	struct keyseal_key_info info;
	struct cli_key key;
	char name[16];
	struct json j;
	int ret;

	snprintf(name, sizeof(name), "%d", serial);
	ret = find_key(name, "key", &key);
	if (!ret)
		ret = keyseal_info(ks, serial, &info) ? 1 : 0;
	if (ret) {
		err("key %d was made, but cannot be read back", serial);
		return 1;
	}
	json_init(&j, stdout);
	json_key_info(&j, &key, &info);
	json_finish(&j);
	return 0;
}

int print_new_key(int32_t serial, bool json)
{
	struct keyseal *ks;
	int ret;

	if (!json) {
		printf("%d\n", serial);
		return 0;
	}
	ks = open_device();
	if (!ks)
		return 1;
	ret = json_new_key(ks, serial);
	keyseal_close(ks);
	return ret;
}
