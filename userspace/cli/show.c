// SPDX-License-Identifier: GPL-2.0
/*
 * What several commands print and read: the attributes of a key, blobs in
 * their forms, and exchange keys in PEM files.
 */

#include <errno.h>
#include <string.h>
#include <time.h>

#include "cli.h"

static bool expired(uint64_t not_after)
{
	return not_after && (uint64_t)time(NULL) >= not_after;
}

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

enum keyseal_blob_form output_form(bool text, bool binary)
{
	if (text)
		return KEYSEAL_FORM_TEXT;
	if (binary)
		return KEYSEAL_FORM_BINARY;
	return KEYSEAL_FORM_PEM;
}

int write_blob(const char *path, const uint8_t *blob, size_t len,
	       enum keyseal_blob_form form, bool secret)
{
	char out[KEYSEAL_PEM_MAX + 1];
	size_t out_len = sizeof(out);
	int ret;

	if (keyseal_blob_encode(blob, len, form, out, &out_len)) {
		err("the kernel returned a malformed blob");
		return 1;
	}
	/* The one-line form gets a newline in a file, as text files do. */
	if (form == KEYSEAL_FORM_TEXT)
		out[out_len++] = '\n';
	ret = write_file(path, out, out_len, secret);
	explicit_bzero(out, sizeof(out));
	return ret;
}

void blob_problem(const char *file, int e,
		  const struct keyseal_blob_info *blob, const char *opener)
{
	char parent[KEY_LABEL_MAX], when[64];

	printable(blob->parent, parent, sizeof(parent));
	switch (e) {
	case ENOKEY:
		if (opener)
			err("%s: key %s is no longer in your keyrings", file,
			    opener);
		else if (blob->scheme == KEYSEAL_SCHEME_KEK)
			err("%s: parent key %s is not in your keyrings", file,
			    parent);
		else
			err("%s: the exchange key this blob was sent to is not in your keyrings",
			    file);
		break;
	case EKEYREJECTED:
		if (blob->scheme != KEYSEAL_SCHEME_KEK)
			err("%s: %s is not the exchange key this blob was sent to, or the blob is not from the expected sender",
			    file, opener ? opener : "the key found");
		else if (opener)
			err("%s: key %s cannot open this blob: it is not the KEK the blob was sealed under",
			    file, opener);
		else
			err("%s: key %s is not the key this blob was sealed under (its fingerprint differs)",
			    file, parent);
		break;
	case EBADMSG:
		err("%s: the blob failed authentication: it was changed, or sealed under other key material",
		    file);
		break;
	case EKEYEXPIRED:
		if (blob->not_after &&
		    (uint64_t)time(NULL) >= blob->not_after) {
			time_string(blob->not_after, when, sizeof(when));
			err("%s: the key expired on %s", file, when);
		} else {
			err("%s: the key that opens the blob has expired",
			    file);
		}
		break;
	case EKEYREVOKED:
		err("%s: the key that opens the blob has been revoked", file);
		break;
	case EOPNOTSUPP:
		err("%s: this kernel's keyseal cannot open %s blobs", file,
		    scheme_name(blob->scheme));
		break;
	case EINVAL:
		err("%s: the kernel refused the blob as malformed", file);
		break;
	default:
		err("%s: %s", file, errno_text(e));
		break;
	}
}

int read_blob(const char *path, uint8_t *blob, size_t *len,
	      enum keyseal_blob_form *form, struct keyseal_blob_info *info)
{
	const char *name = input_name(path);
	uint8_t *data;
	size_t data_len;
	int ret;

	/* Room for a PEM blob inside a long mail. */
	if (read_file(path, 1 << 20, &data, &data_len))
		return 1;
	*len = KEYSEAL_BLOB_MAX_SIZE;
	ret = keyseal_blob_decode(data, data_len, blob, len);
	free_secret(data, (1 << 20) + 1);
	if (ret < 0 || keyseal_blob_inspect(blob, *len, info)) {
		err("%s: not a keyseal blob", name);
		return 1;
	}
	if (form)
		*form = ret;
	return 0;
}

/* An exchange key's PEM file: at most 64 KiB, wiped after use. */
#define PEM_FILE_MAX	65536

int read_public_key(const char *path, struct keyseal_public_key *pk)
{
	uint8_t *pem;
	size_t len;
	int ret;

	if (read_file(path, PEM_FILE_MAX, &pem, &len))
		return 1;
	ret = keyseal_public_key_from_pem((char *)pem, len, pk);
	free_secret(pem, PEM_FILE_MAX + 1);
	if (ret) {
		err("%s: not an X25519 or P-256 public key in PEM", path);
		return 1;
	}
	return 0;
}

int read_private_key(const char *path, struct keyseal_private_key *sk)
{
	uint8_t *pem;
	size_t len;
	int ret;

	if (read_file(path, PEM_FILE_MAX, &pem, &len))
		return 1;
	ret = keyseal_private_key_from_pem((char *)pem, len, sk);
	free_secret(pem, PEM_FILE_MAX + 1);
	if (ret) {
		err("%s: not an unencrypted X25519 or P-256 private key in PEM",
		    path);
		return 1;
	}
	return 0;
}
