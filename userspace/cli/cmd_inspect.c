// SPDX-License-Identifier: GPL-2.0
/*
 * keyseal inspect: what blobs say about themselves, read without the module.
 */

#include <getopt.h>
#include <string.h>

#include "options.h"

static void help(void);

static const struct command inspect = {
	.name = "inspect",
	.synopsis = "[FILE...] [--json]",
	.help = help,
	.options = OPT_JSON,
};

static void help(void)
{
	printf("Usage: keyseal inspect %s\n"
	       "\n"
	       "Print the header of each blob (PEM, the one-line text or binary; stdin\n"
	       "if no FILE is given). No module is needed, and nothing printed is\n"
	       "authenticated: only the kernel, holding the key that opens a blob,\n"
	       "can tell whether its fields are genuine.\n"
	       "\n"
	       "      --json           print a JSON array, one object per blob\n"
	       "  -h, --help           show this help\n",
	       inspect.synopsis);
}

static const char *form_name(enum keyseal_blob_form form)
{
	switch (form) {
	case KEYSEAL_FORM_BINARY:
		return "binary";
	case KEYSEAL_FORM_TEXT:
		return "text";
	case KEYSEAL_FORM_PEM:
		return "pem";
	}
	return "unknown";
}

static const char *scheme_text(uint8_t scheme)
{
	switch (scheme) {
	case KEYSEAL_SCHEME_KEK:
		return "sealed under a KEK";
	case KEYSEAL_SCHEME_HPKE_BASE:
		return "sent to a recipient, RFC 9180 HPKE base mode";
	case KEYSEAL_SCHEME_HPKE_AUTH:
		return "sent to a recipient, RFC 9180 HPKE auth mode: the sender is authenticated";
	case KEYSEAL_SCHEME_PLAINTEXT:
		return "the key in the clear";
	}
	return "unknown";
}

/* The fingerprint of the sender's public key of an auth-mode blob. */
static int sender_fingerprint(const struct keyseal_blob_info *bi,
			      uint8_t fp[KEYSEAL_FINGERPRINT_SIZE])
{
	struct keyseal_public_key pk;

	if (!bi->sender_public_len ||
	    keyseal_public_key_from_raw(bi->kem_id, bi->sender_public,
					bi->sender_public_len, &pk))
		return -1;
	return keyseal_public_key_fingerprint(&pk, fp) ? -1 : 0;
}

static void show_blob(const char *name, enum keyseal_blob_form form,
		      const struct keyseal_blob_info *bi)
{
	char text[KEY_LABEL_MAX], hex[2 * KEYSEAL_FINGERPRINT_SIZE + 1];
	uint8_t fp[KEYSEAL_FINGERPRINT_SIZE];

	printf("%s: keyseal blob, %s form\n", name, form_name(form));
	printf("  scheme: %s (%s)\n", scheme_name(bi->scheme),
	       scheme_text(bi->scheme));
	show_attributes(bi->usage, bi->key_len, bi->key_flags, bi->provenance,
			bi->key_id, bi->created);
	if (bi->not_after)
		time_string(bi->not_after, text, sizeof(text));
	printf("  not after: %s\n", bi->not_after ? text : "never");

	switch (bi->scheme) {
	case KEYSEAL_SCHEME_KEK:
		printable(bi->parent, text, sizeof(text));
		hex_string(bi->parent_fingerprint, KEYSEAL_FINGERPRINT_SIZE,
			   hex);
		printf("  parent: %s\n  parent fingerprint: %s\n", text, hex);
		break;
	case KEYSEAL_SCHEME_HPKE_BASE:
	case KEYSEAL_SCHEME_HPKE_AUTH:
		printf("  kem: %s\n", kem_name(bi->kem_id));
		hex_string(bi->recipient_fingerprint, KEYSEAL_FINGERPRINT_SIZE,
			   hex);
		printf("  recipient fingerprint: %s\n", hex);
		if (bi->sender_public_len) {
			if (sender_fingerprint(bi, fp))
				printf("  sender fingerprint: (invalid public key)\n");
			else {
				hex_string(fp, sizeof(fp), hex);
				printf("  sender fingerprint: %s\n", hex);
			}
		}
		break;
	}
}

static void json_blob(struct json *j, const char *name,
		      enum keyseal_blob_form form,
		      const struct keyseal_blob_info *bi)
{
	uint8_t fp[KEYSEAL_FINGERPRINT_SIZE];
	char text[KEY_LABEL_MAX];

	json_open(j, NULL, '{');
	json_str(j, "file", name);
	json_str(j, "form", form_name(form));
	json_str(j, "scheme", scheme_name(bi->scheme));
	json_attributes(j, bi->usage, bi->key_len, bi->key_flags,
			bi->provenance, bi->key_id, bi->created,
			bi->not_after);
	switch (bi->scheme) {
	case KEYSEAL_SCHEME_KEK:
		printable(bi->parent, text, sizeof(text));
		json_str(j, "parent", text);
		json_hex(j, "parent_fingerprint", bi->parent_fingerprint,
			 KEYSEAL_FINGERPRINT_SIZE);
		break;
	case KEYSEAL_SCHEME_HPKE_BASE:
	case KEYSEAL_SCHEME_HPKE_AUTH:
		json_str(j, "kem", kem_name(bi->kem_id));
		json_hex(j, "recipient_fingerprint", bi->recipient_fingerprint,
			 KEYSEAL_FINGERPRINT_SIZE);
		if (bi->sender_public_len && !sender_fingerprint(bi, fp))
			json_hex(j, "sender_fingerprint", fp, sizeof(fp));
		break;
	}
	json_close(j, '}');
}

/* One blob, for humans or in JSON: 0, or 1 if @path holds none. */
static int inspect_file(const char *path, bool json, struct json *j)
{
	uint8_t blob[KEYSEAL_BLOB_MAX_SIZE];
	enum keyseal_blob_form form;
	struct keyseal_blob_info bi;
	size_t len;

	if (read_blob(path, blob, &len, &form, &bi))
		return 1;
	if (json)
		json_blob(j, input_name(path), form, &bi);
	else
		show_blob(input_name(path), form, &bi);
	/* A plaintext blob is the key itself. */
	explicit_bzero(blob, sizeof(blob));
	return 0;
}

static int run(char **paths, int n, bool json)
{
	int i, status = 0;
	struct json j;

	json_begin_list(&j, json);
	/* No FILE: stdin. */
	for (i = 0; i < (n ? n : 1); i++)
		if (inspect_file(n ? paths[i] : NULL, json, &j))
			status = 1;
	json_end_list(&j, json);
	return status;
}

int cmd_inspect(int argc, char **argv)
{
	struct options o;
	int ret = parse_options(&inspect, argc, argv, &o);

	return ret >= 0 ? ret : run(argv + optind, argc - optind, o.json);
}
