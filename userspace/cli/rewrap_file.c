// SPDX-License-Identifier: GPL-2.0
/*
 * keyseal rewrap, one file: its blob sealed again under another KEK, in
 * place. No key is made and no key material leaves the kernel
 * (KEYSEAL_IOC_REWRAP).
 *
 * A file is replaced only by a blob that was shown to load: the new blob is
 * imported under a throwaway description into the thread keyring, which no
 * other process can see, compared with the old one, and the key is
 * invalidated at once. Then the file is replaced atomically, keeping its
 * form, mode and owner.
 */

#include <errno.h>
#include <keyutils.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "problem.h"
#include "rewrap.h"

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

/*
 * Whether a blob REWRAP refused with EKEYREJECTED is fine and the new KEK
 * is what cannot serve: the blob can be sealed again under the key that
 * opens it.
 */
static bool new_kek_rejected(struct rewrap *r, const uint8_t *blob,
			     size_t len, const struct keyseal_blob_info *bi)
{
	char name[KEYSEAL_PARENT_MAX + 2];
	uint8_t out[KEYSEAL_BLOB_MAX_SIZE];
	size_t out_len = sizeof(out);
	int32_t opener = 0;

	if (r->have_unwrap) {
		opener = r->unwrap.serial;
	} else {
		snprintf(name, sizeof(name), "%%%s", bi->parent);
		if (keyseal_key_find(name, &opener))
			opener = 0;
	}
	return opener > 0 && !keyseal_rewrap(r->ks, blob, len, opener, opener,
					     out, &out_len);
}

/* Why REWRAP refused: the blob's side, or the new KEK's? */
static void rewrap_problem(struct rewrap *r, const char *file, int e,
			   const uint8_t *blob, size_t len,
			   const struct keyseal_blob_info *bi)
{
	struct blob_words words;
	struct problem p = {
		.file = file,
		.kek = r->kek.label,
		.opener = r->unwrap.label,
	};

	describe_blob(&p, bi, &words);
	if (r->have_unwrap)
		p.facts |= PF_OPENER;
	if (e == EKEYREJECTED && new_kek_rejected(r, blob, len, bi))
		p.facts |= PF_NEW_KEK;
	problem(OP_REWRAP, e, &p);
}

/* Replace @target (named @file) with @blob in @form: 0 or 1. */
static int replace_file(const char *file, const char *target,
			const uint8_t *blob, size_t len,
			enum keyseal_blob_form form)
{
	char encoded[KEYSEAL_PEM_MAX + 1];
	size_t enc_len;
	struct output o;
	int ret;

	ret = encode_blob(blob, len, form, encoded, &enc_len);
	if (ret) {
		err("%s: cannot encode the new blob: %s", file,
		    errno_text(-ret));
		return 1;
	}
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
	return ret;
}

int rewrap_file(struct rewrap *r, const char *file,
		struct keyseal_blob_info *now)
{
	uint8_t blob[KEYSEAL_BLOB_MAX_SIZE], out[KEYSEAL_BLOB_MAX_SIZE];
	size_t len, out_len = sizeof(out);
	struct keyseal_blob_info bi;
	enum keyseal_blob_form form;
	char *target;
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
	ret = 1;
	if (bi.scheme != KEYSEAL_SCHEME_KEK) {
		err("%s: a %s blob is not sealed under a KEK: it cannot be rewrapped",
		    file, scheme_name(bi.scheme));
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
	ret = 1;
	if (!keyseal_blob_inspect(out, out_len, now) &&
	    !verify(r, file, out, out_len, &bi, now))
		ret = replace_file(file, target, out, out_len, form);
out:
	free(target);
	return ret;
}
