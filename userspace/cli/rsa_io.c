// SPDX-License-Identifier: GPL-2.0
/*
 * RSA wrapping keys and what is exported to them, in files.
 */

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>

#include "rsa_io.h"

int read_rsa_key(const char *path, struct keyseal_rsa_key *key)
{
	const char *name = input_name(path);
	uint8_t *data;
	size_t len;
	int ret;

	if (read_file(path, INPUT_MAX, &data, &len))
		return 1;
	ret = keyseal_rsa_key_from_pem((const char *)data, len, key);
	/* not PEM: perhaps the DER a key manager also hands out */
	if (ret && key->problem == KEYSEAL_RSA_KEY_NOT_PEM && len &&
	    data[0] == 0x30)
		ret = keyseal_rsa_key_from_der(data, len, key);
	free(data);
	if (!ret)
		return 0;

	switch (key->problem) {
	case KEYSEAL_RSA_KEY_NOT_PEM:
		err("%s: no public key in it: give the RSA wrapping key as PEM (BEGIN PUBLIC KEY) or DER", name);
		break;
	case KEYSEAL_RSA_KEY_NOT_RSA:
		err("%s: not an RSA key: the wrapping key must be RSA (2048, 3072 or 4096 bits)", name);
		break;
	case KEYSEAL_RSA_KEY_SIZE:
		err("%s: an RSA key of %u bits: the wrapping key must have 2048, 3072 or 4096 bits",
		    name, key->bits);
		break;
	case KEYSEAL_RSA_KEY_EXPONENT:
		err("%s: an RSA key with an even, too small or too large public exponent, or not in strict DER",
		    name);
		break;
	default:
		err("%s: malformed public key", name);
		break;
	}
	return 1;
}

int rsa_format(const struct command *cmd, const char *name)
{
	int format = keyseal_rsa_format_from_string(name);

	if (format > 0)
		return format;
	usage_error(cmd, "unknown --format '%s': give rsa-aes-kwp-sha256, rsa-aes-kwp-sha1, rsa-oaep-sha256 or rsa-oaep-sha1",
		    name);
	return 0;
}

int write_rsa_export(const char *path, const uint8_t *data, size_t len,
		     bool binary)
{
	char *text;
	int n, ret;

	if (binary)
		return write_file(path, data, len, false);
	text = malloc(4 * ((len + 2) / 3) + 2);
	if (!text) {
		err("out of memory");
		return 1;
	}
	n = EVP_EncodeBlock((unsigned char *)text, data, (int)len);
	text[n] = '\n';
	ret = write_file(path, text, (size_t)n + 1, false);
	free(text);
	return ret;
}

/* The longest key a form holds with this wrapping key, in bytes. */
static size_t oaep_max(const struct keyseal_rsa_key *rsa, int format)
{
	size_t h = format == KEYSEAL_RSA_OAEP_SHA1 ? 20 : 32;

	return rsa->bits / 8 - 2 * h - 2;
}

void rsa_export_problem(int e, const char *what, uint8_t usage,
			size_t key_len, const struct keyseal_rsa_key *rsa,
			int format)
{
	bool oaep = format == KEYSEAL_RSA_OAEP_SHA256 ||
		    format == KEYSEAL_RSA_OAEP_SHA1;
	const char *form = keyseal_rsa_format_to_string(format);

	switch (e) {
	case EPERM:
		err("%s is not exportable", what);
		return;
	case EKEYREJECTED:
		err("%s: a %s key: only aead and secret keys can be exported to an RSA wrapping key",
		    what, usage ? keyseal_usage_to_string(usage) : "non-data");
		return;
	case EKEYEXPIRED:
		err("%s has expired", what);
		return;
	case EOPNOTSUPP:
		err("this kernel has no RSA (the crypto API's \"rsa\")");
		return;
	case EINVAL:
		if (oaep && key_len > oaep_max(rsa, format)) {
			err("%s holds %zu bytes: %s to a %u-bit key holds at most %zu; use rsa-aes-kwp-%s",
			    what, key_len, form, rsa->bits,
			    oaep_max(rsa, format),
			    format == KEYSEAL_RSA_OAEP_SHA1 ? "sha1" : "sha256");
			return;
		}
		break;
	}
	err("%s: cannot export to the RSA key (%s): %s", what, form,
	    strerror(e));
}
