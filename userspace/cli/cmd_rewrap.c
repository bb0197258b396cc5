// SPDX-License-Identifier: GPL-2.0
/*
 * keyseal rewrap: blob files sealed again under another KEK, in place. Key
 * rotation for keys kept on disk: no key is made and no key material leaves
 * the kernel (KEYSEAL_IOC_REWRAP).
 *
 * A file is replaced only by a blob that was shown to load: the new blob is
 * imported under a throwaway description into the thread keyring, which no
 * other process can see, compared with the old one, and the key is
 * invalidated at once. Then the file is replaced atomically, keeping its
 * form, mode and owner. A file that fails is left as it was, and the other
 * files are still done.
 */

#include <errno.h>
#include <getopt.h>
#include <keyutils.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

static const char synopsis[] = "--kek KEK [--unwrap KEY] [--json] FILE...";

static void help(void)
{
	printf("Usage: keyseal rewrap %s\n"
	       "\n"
	       "Seal the blob in each FILE under KEK, in place, without the key ever\n"
	       "leaving the kernel in the clear. Each file is replaced atomically,\n"
	       "keeping its form, mode and owner, and only once the new blob has been\n"
	       "shown to load. A file that fails is left untouched; the others are\n"
	       "still done, and the exit status is 1.\n"
	       "\n"
	       "      --kek KEK        the new KEK: type:description or a serial\n"
	       "  -u, --unwrap KEY     the KEK that opens the blobs, if not the parent\n"
	       "                       each one names\n"
	       "      --json           print a JSON array, one result per file\n"
	       "  -h, --help           show this help\n",
	       synopsis);
}

struct rewrap {
	struct keyseal *ks;
	struct cli_key kek;
	struct cli_key unwrap;
	bool have_unwrap;
	unsigned int checks;
};

/* Whether the new blob holds the same key, under the new KEK. */
static int same_key(const struct keyseal_blob_info *a,
		    const struct keyseal_blob_info *b)
{
	return b->scheme == KEYSEAL_SCHEME_KEK && a->usage == b->usage &&
	       a->key_alg == b->key_alg && a->key_len == b->key_len &&
	       a->key_flags == b->key_flags && a->not_after == b->not_after &&
	       !memcmp(a->key_id, b->key_id, sizeof(a->key_id));
}

/*
 * Load the new blob into the thread keyring and take it out again. Returns
 * 0, or prints why not and returns 1.
 */
static int verify(struct rewrap *r, const char *file, const uint8_t *blob,
		  size_t len, const struct keyseal_blob_info *old,
		  const struct keyseal_blob_info *new)
{
	struct keyseal_import_params p = {
		.keyring = KEY_SPEC_THREAD_KEYRING,
		.unwrap = r->kek.serial,
	};
	struct keyseal_key_info info;
	char description[64];
	int32_t serial;
	int ret;

	if (!same_key(old, new)) {
		err("%s: the kernel returned a blob of another key; %s left unchanged",
		    file, file);
		return 1;
	}
	snprintf(description, sizeof(description), "keyseal-rewrap-check:%d:%u",
		 (int)getpid(), r->checks++);
	p.description = description;
	ret = keyseal_import(r->ks, blob, len, &p, &serial);
	if (ret) {
		err("%s: the new blob does not load (%s); %s left unchanged",
		    file, errno_text(-ret), file);
		return 1;
	}
	ret = keyseal_info(r->ks, serial, &info);
	if (keyctl_invalidate(serial) < 0)
		keyctl_revoke(serial);
	keyctl_unlink(serial, KEY_SPEC_THREAD_KEYRING);
	if (ret || memcmp(info.key_id, old->key_id, sizeof(info.key_id)) ||
	    info.usage != old->usage || info.key_flags != old->key_flags ||
	    memcmp(info.parent_fingerprint, new->parent_fingerprint,
		   KEYSEAL_FINGERPRINT_SIZE)) {
		err("%s: the new blob loads as another key; %s left unchanged",
		    file, file);
		return 1;
	}
	return 0;
}

/* Why REWRAP refused: the blob's side, or the new KEK's? */
static void rewrap_problem(struct rewrap *r, const char *file, int e,
			   const uint8_t *blob, size_t len,
			   const struct keyseal_blob_info *bi)
{
	char parent[KEYSEAL_PARENT_MAX * 4 + 1], name[KEYSEAL_PARENT_MAX + 2];
	uint8_t out[KEYSEAL_BLOB_MAX_SIZE];
	size_t out_len = sizeof(out);
	int32_t opener = 0;

	printable(bi->parent, parent, sizeof(parent));
	if (e == EPERM) {
		err("%s: the key in it is not exportable: it stays under its parent %s",
		    file, parent);
		return;
	}
	if (e == EKEYREJECTED) {
		/*
		 * If the blob can be sealed again under the key that opens
		 * it, the blob is fine and the new KEK is what cannot serve.
		 */
		if (r->have_unwrap) {
			opener = r->unwrap.serial;
		} else {
			snprintf(name, sizeof(name), "%%%s", bi->parent);
			if (keyseal_key_find(name, &opener))
				opener = 0;
		}
		if (opener > 0 && !keyseal_rewrap(r->ks, blob, len, opener,
						  opener, out, &out_len)) {
			err("KEK %s cannot wrap keys: a KEK is a sealed kek key, or a user, logon, encrypted or trusted key of at least 32 bytes",
			    r->kek.label);
			return;
		}
	}
	blob_problem(file, e, bi, r->have_unwrap ? r->unwrap.label : NULL);
}

/* One file: 0 if it was rewrapped, 1 if it was left as it was. */
static int rewrap_file(struct rewrap *r, const char *file,
		       struct keyseal_blob_info *now)
{
	uint8_t blob[KEYSEAL_BLOB_MAX_SIZE], out[KEYSEAL_BLOB_MAX_SIZE];
	char encoded[KEYSEAL_PEM_MAX + 1], *target;
	size_t len, out_len = sizeof(out), enc_len = sizeof(encoded);
	struct keyseal_blob_info bi;
	enum keyseal_blob_form form;
	struct output o;
	int ret;

	/* Through a symbolic link, the file it points to is replaced. */
	target = realpath(file, NULL);
	if (!target) {
		err("%s: %s", file, strerror(errno));
		return 1;
	}
	ret = read_blob(target, blob, &len, &form, &bi);
	if (ret)
		goto out;
	if (bi.scheme != KEYSEAL_SCHEME_KEK) {
		err("%s: a %s blob is not sealed under a KEK: it cannot be rewrapped",
		    file, scheme_name(bi.scheme));
		ret = 1;
		goto out;
	}

	ret = keyseal_rewrap(r->ks, blob, len,
			     r->have_unwrap ? r->unwrap.serial : 0,
			     r->kek.serial, out, &out_len);
	if (ret) {
		rewrap_problem(r, file, -ret, blob, len, &bi);
		ret = 1;
		goto out;
	}
	if (keyseal_blob_inspect(out, out_len, now) ||
	    verify(r, file, out, out_len, &bi, now)) {
		ret = 1;
		goto out;
	}

	ret = keyseal_blob_encode(out, out_len, form, encoded, &enc_len);
	if (ret) {
		err("%s: cannot encode the new blob: %s", file,
		    errno_text(-ret));
		ret = 1;
		goto out;
	}
	if (form == KEYSEAL_FORM_TEXT)
		encoded[enc_len++] = '\n';
	ret = output_open(&o, target, false, true);
	if (!ret) {
		ret = output_write(&o, encoded, enc_len);
		if (ret)
			output_abort(&o);
		else
			ret = output_commit(&o);
	}
	if (ret)
		err("%s left unchanged", file);
out:
	free(target);
	return ret;
}

int cmd_rewrap(int argc, char **argv)
{
	static const struct option options[] = {
		{ "kek", required_argument, NULL, 'K' },
		{ "unwrap", required_argument, NULL, 'u' },
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *kek = NULL, *unwrap = NULL;
	struct keyseal_blob_info now;
	struct keyseal_key_info info;
	char parent[KEYSEAL_PARENT_MAX * 4 + 1];
	struct rewrap r = { 0 };
	bool json = false;
	int c, i, ret, status = 0;
	struct json j;

	while ((c = getopt_long(argc, argv, ":u:h", options, NULL)) != -1) {
		switch (c) {
		case 'K':
			kek = optarg;
			break;
		case 'u':
			unwrap = optarg;
			break;
		case 'j':
			json = true;
			break;
		case 'h':
			help();
			return 0;
		default:
			return option_error("rewrap", synopsis, argv, c);
		}
	}
	if (!kek)
		return usage_error("rewrap", synopsis, "missing --kek");
	if (optind == argc)
		return usage_error("rewrap", synopsis, "missing FILE");

	ret = find_key(kek, "KEK", &r.kek);
	if (!ret && unwrap) {
		ret = find_key(unwrap, "key", &r.unwrap);
		r.have_unwrap = true;
	}
	if (ret)
		return ret;
	r.ks = open_device();
	if (!r.ks)
		return 1;
	/* A sealed key of another usage would fail every file: say it once. */
	if (!strcmp(r.kek.type, "sealed") &&
	    !keyseal_info(r.ks, r.kek.serial, &info) &&
	    info.usage != KEYSEAL_USAGE_KEK) {
		err("KEK %s cannot wrap keys: its usage is %s, not kek",
		    r.kek.label, keyseal_usage_to_string(info.usage));
		keyseal_close(r.ks);
		return 1;
	}

	json_init(&j, stdout);
	if (json)
		json_open(&j, NULL, '[');
	for (i = optind; i < argc; i++) {
		ret = rewrap_file(&r, argv[i], &now);
		if (ret)
			status = 1;
		if (!ret)
			printable(now.parent, parent, sizeof(parent));
		if (json) {
			json_open(&j, NULL, '{');
			json_str(&j, "file", argv[i]);
			json_bool(&j, "rewrapped", !ret);
			if (!ret)
				json_str(&j, "parent", parent);
			json_close(&j, '}');
		} else if (!ret) {
			printf("%s: now under %s\n", argv[i], parent);
		}
	}
	if (json) {
		json_close(&j, ']');
		json_finish(&j);
	}
	keyseal_close(r.ks);
	return status;
}
