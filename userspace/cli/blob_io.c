// SPDX-License-Identifier: GPL-2.0
/*
 * Blobs and exchange keys in files: read in any form, with the reason when
 * an input is no blob; written in the form asked for.
 */

#include <string.h>

#include "cli.h"
#include "diagnose.h"

/* An exchange key's PEM file: at most 64 KiB, wiped after use. */
#define PEM_FILE_MAX	65536

/* Why the input @name is no blob, as diagnose_blob() found. */
static void say_fault(const char *name, const char *not_blob,
		      const struct blob_diagnosis *d)
{
	switch (d->fault) {
	case BLOB_NOT_BLOB:
		err("%s: %s", name, not_blob);
		break;
	case BLOB_BAD_BASE64:
		err("%s: malformed: the base64 of the blob does not decode",
		    name);
		break;
	case BLOB_VERSION:
		err("%s: a blob of format version %u: this keyseal reads version %u",
		    name, d->version, KEYSEAL_BLOB_VERSION);
		break;
	case BLOB_TRUNCATED:
		if (d->want)
			err("%s: truncated: the blob has %zu bytes, its header says %zu",
			    name, d->len, d->want);
		else
			err("%s: truncated: the blob has %zu bytes, and ends inside its header",
			    name, d->len);
		break;
	case BLOB_TRAILING:
		err("%s: malformed: the blob has %zu bytes, its header says %zu",
		    name, d->len, d->want);
		break;
	case BLOB_MALFORMED:
		err("%s: malformed: its header holds values blob format version %u does not allow",
		    name, KEYSEAL_BLOB_VERSION);
		break;
	case BLOB_SOUND:
		err("%s: malformed: the blob is whole, but its text is not in the one form keyseal reads (a single line of base64, or PEM in lines of 64 characters, one blob to a file)",
		    name);
		break;
	}
}

int decode_blob(const char *name, const uint8_t *data, size_t data_len,
		const char *not_blob, uint8_t *blob, size_t *len,
		enum keyseal_blob_form *form)
{
	struct blob_diagnosis d;
	int ret;

	*len = KEYSEAL_BLOB_MAX_SIZE;
	ret = keyseal_blob_decode(data, data_len, blob, len);
	if (ret >= 0) {
		if (form)
			*form = ret;
		return 0;
	}
	diagnose_blob(data, data_len, &d);
	say_fault(name, not_blob, &d);
	return 1;
}

int read_blob(const char *path, uint8_t *blob, size_t *len,
	      enum keyseal_blob_form *form, struct keyseal_blob_info *info)
{
	uint8_t *data;
	size_t data_len;
	int ret;

	if (read_file(path, INPUT_MAX, &data, &data_len))
		return 1;
	ret = decode_blob(input_name(path), data, data_len,
			  "not a keyseal blob", blob, len, form);
	free_secret(data, INPUT_MAX + 1);
	/* What decodes parses: the header is there to read. */
	if (!ret)
		keyseal_blob_inspect(blob, *len, info);
	return ret;
}

int encode_blob(const uint8_t *blob, size_t len,
		enum keyseal_blob_form form, char *out, size_t *out_len)
{
	int ret;

	*out_len = KEYSEAL_PEM_MAX;
	ret = keyseal_blob_encode(blob, len, form, out, out_len);
	/*
	 * The text form itself has no line break; in a file or on a
	 * terminal it is a line of text, which ends with one. Every reader
	 * of blobs ignores it.
	 */
	if (!ret && form == KEYSEAL_FORM_TEXT)
		out[(*out_len)++] = '\n';
	return ret;
}

int write_blob(const char *path, const uint8_t *blob, size_t len,
	       enum keyseal_blob_form form, bool secret)
{
	char out[KEYSEAL_PEM_MAX + 1];
	size_t out_len;
	int ret;

	if (encode_blob(blob, len, form, out, &out_len)) {
		err("the kernel returned a malformed blob");
		return 1;
	}
	ret = write_file(path, out, out_len, secret);
	explicit_bzero(out, sizeof(out));
	return ret;
}

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
