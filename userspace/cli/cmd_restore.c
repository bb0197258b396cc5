// SPDX-License-Identifier: GPL-2.0
/*
 * keyseal restore: every blob of the keystore back into the kernel, parents
 * first. Idempotent: a key already there is left as it is. Every file is
 * tried, and each failure is reported by file and cause; one bad file
 * stops no other.
 */

#include <errno.h>
#include <getopt.h>
#include <keyutils.h>
#include <stdlib.h>
#include <string.h>

#include "keystore.h"
#include "options.h"
#include "problem.h"

static void help(void);

static const struct command restore = {
	.name = "restore",
	.synopsis = "[--keystore DIR] [-k RING]",
	.help = help,
	.options = OPT_KEYSTORE | OPT_KEYRING,
};

static void help(void)
{
	printf("Usage: keyseal restore %s\n"
	       "\n"
	       "Load every DESCRIPTION.blob of the keystore as the sealed key\n"
	       "DESCRIPTION, KEKs before the keys stored under them. A key whose key\n"
	       "id is already in your keyrings is left as it is (\"present\"). Every\n"
	       "file is tried; each failure is reported with the file, the cause and\n"
	       "the errno, and the exit status is 1 if any file failed.\n"
	       "\n"
	       "  -k, --keyring RING   the keyring to link the keys into (default @u);\n"
	       "                       it must be searchable from your session for\n"
	       "                       keys stored under KEKs restored in it\n"
	       "      --keystore DIR   the keystore (default " KEYSTORE_DEFAULT ")\n"
	       "  -h, --help           show this help\n",
	       restore.synopsis);
}

/**
 * struct restore_state - what a restore knows as it goes
 * @ks: /dev/keyseal
 * @ring: the keyring keys go to
 * @ids: the key ids of the sealed keys in the caller's keyrings
 * @n_ids: how many
 * @linked: the parents reach_parent() linked into the session keyring
 * @n_linked: how many
 * @restored: counts of what became of the files
 * @present:
 * @failed:
 */
struct restore_state {
	struct keyseal *ks;
	int32_t ring;
	uint8_t (*ids)[KEYSEAL_KEY_ID_SIZE];
	size_t n_ids;
	int32_t *linked;
	size_t n_linked;
	unsigned int restored, present, failed;
};

static int add_id(struct restore_state *s, const uint8_t *id)
{
	uint8_t (*grown)[KEYSEAL_KEY_ID_SIZE];

	grown = realloc(s->ids, (s->n_ids + 1) * sizeof(*s->ids));
	if (!grown)
		return -ENOMEM;
	s->ids = grown;
	memcpy(s->ids[s->n_ids++], id, KEYSEAL_KEY_ID_SIZE);
	return 0;
}

static bool known_id(const struct restore_state *s, const uint8_t *id)
{
	size_t i;

	for (i = 0; i < s->n_ids; i++)
		if (!memcmp(s->ids[i], id, KEYSEAL_KEY_ID_SIZE))
			return true;
	return false;
}

/* The key ids of the sealed keys the caller can see. */
static int list_ids(struct restore_state *s)
{
	struct keyseal_key_info info;
	int32_t *serials = NULL;
	size_t count, i;
	int ret;

	ret = keyseal_key_list(&serials, &count);
	for (i = 0; !ret && i < count; i++)
		if (!keyseal_info(s->ks, serials[i], &info))
			ret = add_id(s, info.key_id);
	free(serials);
	return ret;
}

/* Why a file is no blob this command restores, or NULL if it is one. */
static const char *unfit(const struct keystore_entry *e,
			 const struct keyseal_blob_info *bi)
{
	if (bi->scheme != KEYSEAL_SCHEME_KEK)
		return "the blob is not stored under a KEK (a recipient or plaintext blob): keyseal import it";
	if (!e->desc[0])
		return "the file name is no key description";
	return NULL;
}

static void failed(struct restore_state *s, const char *file, int e,
		   const char *why)
{
	const char *symbol = errno_symbol(e);

	s->failed++;
	if (symbol)
		err("%s: %s (%s)", file, why, symbol);
	else
		err("%s: %s", file, why);
}

/*
 * A key of the same description in the keyring: the same key ("present",
 * 0) or another one (-EEXIST). -ENOKEY if there is none.
 */
static int same_key(struct restore_state *s, const char *desc,
		    const struct keyseal_blob_info *bi, int32_t *serial)
{
	struct keyseal_key_info info;
	long found;

	found = keyctl_search(s->ring, "sealed", desc, 0);
	if (found < 0)
		return -ENOKEY;
	*serial = found;
	if (keyseal_info(s->ks, found, &info))
		return -EEXIST;
	return memcmp(info.key_id, bi->key_id, KEYSEAL_KEY_ID_SIZE) ?
	       -EEXIST : 0;
}

/* Whether @key is linked in the session keyring itself. */
static bool in_session(int32_t key)
{
	key_serial_t *ids = NULL;
	long len, i;
	bool found = false;

	len = keyctl_read_alloc(KEY_SPEC_SESSION_KEYRING, (void **)&ids);
	for (i = 0; len > 0 && i < len / (long)sizeof(*ids); i++)
		found |= ids[i] == key;
	free(ids);
	return found;
}

/*
 * The module finds a blob's parent by name as request_key(2) does, and in
 * the user keyring: a KEK restored into another keyring (-k) may be out of
 * its reach. Such a parent is linked into the session keyring for the keys
 * after it, and unlinked again at the end (unlink_parents()):
 * request_key(2) finds it wherever the caller's keyrings reach,
 * keyctl_search(2) in @ring.
 */
static void reach_parent(struct restore_state *s, const char *parent)
{
	const char *colon = strchr(parent, ':');
	int32_t *grown;
	char type[32];
	long id;

	if (!colon || colon == parent || colon - parent >= (long)sizeof(type))
		return;
	memcpy(type, parent, colon - parent);
	type[colon - parent] = '\0';
	id = request_key(type, colon + 1, NULL, 0);
	if (id < 0)
		id = keyctl_search(s->ring, type, colon + 1, 0);
	if (id < 0 || in_session(id))
		return;
	grown = realloc(s->linked, (s->n_linked + 1) * sizeof(*s->linked));
	if (!grown)
		return;
	s->linked = grown;
	if (!keyctl_link(id, KEY_SPEC_SESSION_KEYRING))
		s->linked[s->n_linked++] = id;
}

/* The session keyring as it was: without the parents reach_parent() added. */
static void unlink_parents(struct restore_state *s)
{
	size_t i;

	for (i = 0; i < s->n_linked; i++)
		keyctl_unlink(s->linked[i], KEY_SPEC_SESSION_KEYRING);
	free(s->linked);
}

static void restore_one(struct restore_state *s,
			const struct keystore_entry *e, const uint8_t *blob,
			size_t len, const struct keyseal_blob_info *bi)
{
	char name[KEY_LABEL_MAX];
	struct blob_words words;
	struct problem p = { .file = e->file, .name = name };
	const char *why = unfit(e, bi);
	int32_t serial;
	int ret;

	if (why) {
		failed(s, e->file, EINVAL, why);
		return;
	}
	ret = same_key(s, e->desc, bi, &serial);
	if (ret == -EEXIST) {
		failed(s, e->file, EEXIST,
		       "another key of that description is already in the keyring (its key id differs)");
		return;
	}
	if (!ret || known_id(s, bi->key_id)) {
		s->present++;
		printf("%s: present\n", e->file);
		return;
	}
	reach_parent(s, bi->parent);
	ret = keyseal_key_load(blob, len, NULL, e->desc, s->ring, &serial);
	if (ret) {
		s->failed++;
		printable(e->desc, name, sizeof(name));
		describe_blob(&p, bi, &words);
		problem_errno(OP_IMPORT, -ret, &p, errno_symbol(-ret));
		return;
	}
	s->restored++;
	if (add_id(s, bi->key_id))
		err("out of memory");
	printf("%s: restored as %d (sealed:%s)\n", e->file, serial, e->desc);
}

/* Each blob, parents first; a file that cannot be read fails alone. */
static void restore_all(struct restore_state *s, const char *dir,
			struct keystore_entry *entries, size_t count)
{
	uint8_t (*blobs)[KEYSEAL_BLOB_MAX_SIZE];
	struct keyseal_blob_info *info;
	size_t *lens, i, k;
	char *path;

	blobs = calloc(count, sizeof(*blobs));
	info = calloc(count, sizeof(*info));
	lens = calloc(count, sizeof(*lens));
	if (!blobs || !info || !lens) {
		err("out of memory");
		s->failed += count;
		goto out;
	}
	for (i = 0; i < count; i++) {
		entries[i].index = i;
		if (asprintf(&path, "%s/%s", dir, entries[i].file) < 0) {
			err("out of memory");
			continue;
		}
		/* read_blob() says why a file is no blob; lens[i] stays 0. */
		if (read_blob(path, blobs[i], &lens[i], NULL, &info[i]))
			lens[i] = 0;
		else
			memcpy(entries[i].parent, info[i].parent,
			       sizeof(entries[i].parent));
		free(path);
	}
	keystore_order(entries, count);
	for (i = 0; i < count; i++) {
		k = entries[i].index;
		if (!lens[k])
			s->failed++;
		else
			restore_one(s, &entries[i], blobs[k], lens[k],
				    &info[k]);
	}
out:
	free(blobs);
	free(info);
	free(lens);
}

static int run(const char *dir, const char *ring)
{
	struct restore_state s = { 0 };
	struct keystore_entry *entries = NULL;
	size_t count;
	int ret;

	ret = find_keyring(ring, &s.ring);
	if (ret)
		return ret;
	ret = keystore_scan(dir, &entries, &count);
	if (ret) {
		err("keystore %s: %s", dir, errno_text(-ret));
		return 1;
	}
	s.ks = open_device();
	if (!s.ks) {
		free(entries);
		return 1;
	}
	ret = list_ids(&s);
	if (ret) {
		err("cannot list your keys: %s", errno_text(-ret));
		s.failed = count;
	} else {
		restore_all(&s, dir, entries, count);
	}
	unlink_parents(&s);
	keyseal_close(s.ks);
	free(entries);
	free(s.ids);
	printf("keyseal restore: %u restored, %u present, %u failed\n",
	       s.restored, s.present, s.failed);
	return s.failed ? 1 : 0;
}

int cmd_restore(int argc, char **argv)
{
	struct options o;
	int ret = parse_options(&restore, argc, argv, &o);

	if (ret >= 0)
		return ret;
	if (optind != argc)
		return usage_error(&restore, "too many arguments");
	/* Each file's line as it happens, among the messages on stderr. */
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (o.keystore && !*o.keystore)
		return usage_error(&restore, "--keystore needs a directory");
	return run(o.keystore ? o.keystore : KEYSTORE_DEFAULT,
		   o.keyring_given ? o.keyring : KEYSTORE_KEYRING);
}
