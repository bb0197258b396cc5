// SPDX-License-Identifier: GPL-2.0
/*
 * Unloading keyseal while it is in use (issue 12, item 3; rules R9, R11
 * and R13 of the fix, and R10's promise about ENCRYPT's nonce budget).
 *
 * - R9: every sealed key holds a reference on the module. While one
 *   exists, revoked or not, delete_module(O_NONBLOCK) fails with EAGAIN
 *   (EWOULDBLOCK) and kmod's rmmod refuses; once the keys are unlinked and
 *   the key garbage collector has destroyed them, the module unloads and
 *   loads again.
 * - Item 3: unprivileged processes race add, update (new x25519, p256,
 *   secret 512 exportable parent=sealed:kk, rewrap), read, revoke, describe
 *   (keyctl describe, /proc/keys) and every ioctl against root unloading
 *   the module with delete_module(O_NONBLOCK) and loading it again with
 *   finit_module(), for KEYSEAL_UNLOAD_SECONDS (default 15). While their
 *   keys are gone and the module can really go, they keep entering it
 *   without making a key (add of a refused command, open and ioctl). No
 *   Oops (the VM runner fails a run on any Oops or WARN), every unload attempt
 *   succeeds or fails with EAGAIN or EBUSY, some really unload, every
 *   operation ends in an errno its race allows, and the module loads at
 *   the end.
 * - R11: aead keys whose transforms were used go before the module does.
 * - R13: with aead_max_messages=5 a loaded key encrypts five times, then
 *   fails with EKEYEXPIRED and still decrypts; rewrap and restrict keep the
 *   count, a reload from the blob starts afresh; an ENCRYPT whose request
 *   is read-only (R10) fails with EFAULT and draws nothing.
 *
 * These tests load and unload keyseal, so they run in the VM's
 * adversarial boot (scripts/check.sh); each leaves the module loaded with
 * its default parameters.
 */

#include <signal.h>
#include <sys/prctl.h>
#include <sys/stat.h>

#include "keyseal_test.h"
#include "kselftest_harness.h"
#include "module_ctl.h"

#define BLOB_MAX	KEYSEAL_BLOB_MAX_SIZE

/* The module parameter, as sysfs shows it, or "" if unreadable. */
static void module_param(const char *name, char *value, size_t size)
{
	char path[128];
	FILE *f;

	value[0] = '\0';
	snprintf(path, sizeof(path), "/sys/module/keyseal/parameters/%s", name);
	f = fopen(path, "r");
	if (!f)
		return;
	if (!fgets(value, size, f))
		value[0] = '\0';
	fclose(f);
	value[strcspn(value, "\n")] = '\0';
}

static int run(const char *command)
{
	int status = system(command);

	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

FIXTURE(unload) {
	key_serial_t kmk;
};

FIXTURE_SETUP(unload)
{
	ASSERT_EQ(0, new_session());
	ASSERT_TRUE(module_loaded());
	self->kmk = add_random_user_key("kmk", ROOT_KEK_SIZE);
	ASSERT_LT(0, self->kmk);
}

FIXTURE_TEARDOWN(unload)
{
}

/*
 * R9. One sealed key keeps the module: delete_module(O_NONBLOCK) fails
 * with EAGAIN and kmod's rmmod with status 1, while the key is there and
 * while it is revoked but linked. Unlinked and collected, it lets the
 * module go: the key type and /dev/keyseal go with it, the root key of
 * type user stays, and the module loads again and makes keys.
 */
TEST_F(unload, sealed_keys_hold_the_module)
{
	struct stat sb;
	key_serial_t id;

	id = NEW_KEY("held", "new aead parent=user:kmk");
	EXPECT_EQ(-EAGAIN, unload_module());
	EXPECT_EQ(1, run("/sbin/rmmod keyseal 2>/dev/null"));
	EXPECT_TRUE(module_loaded());
	ASSERT_EQ(0, keyctl_revoke(id));
	EXPECT_EQ(-EAGAIN, unload_module());
	EXPECT_TRUE(module_loaded());

	ASSERT_EQ(0, keyctl_unlink(id, KEY_SPEC_SESSION_KEYRING));
	ASSERT_EQ(0, unload_when_idle(10000));
	EXPECT_FALSE(module_loaded());
	EXPECT_NE(0, stat("/dev/keyseal", &sb));
	EXPECT_EQ(-ENODEV, add_sealed("gone", "new aead parent=user:kmk"));
	EXPECT_EQ(self->kmk, keyctl_search(KEY_SPEC_SESSION_KEYRING, "user",
					   "kmk", 0));

	ASSERT_EQ(0, load_module(""));
	ASSERT_TRUE(module_loaded());
	EXPECT_EQ(0, stat("/dev/keyseal", &sb));
	id = NEW_KEY("back", "new aead parent=user:kmk");
	discard_key(id);
	ASSERT_EQ(0, unload_when_idle(10000));
	ASSERT_EQ(0, load_module(""));
}

/*
 * R11. Payloads are freed in process context, after RCU readers, by a
 * workqueue module exit drains: aead keys whose transforms encrypted and
 * decrypted, unlinked, let the module go at once, and nothing of theirs
 * runs after it (an Oops or WARN would fail the VM run).
 */
TEST_F(unload, used_transforms_go_before_the_module)
{
	u8 buf[4096 + KEYSEAL_TAG_SIZE], out[4096 + KEYSEAL_TAG_SIZE];
	u8 nonce[KEYSEAL_NONCE_SIZE];
	key_serial_t ids[16];
	unsigned int i, round;
	u32 len;
	int fd;

	for (round = 0; round < 3; round++) {
		fd = open("/dev/keyseal", O_RDWR | O_CLOEXEC);
		ASSERT_LE(0, fd);
		memset(buf, round, sizeof(buf));
		for (i = 0; i < 16; i++) {
			ids[i] = NEW_KEY("used", i % 2 ? "new aead 16 parent=user:kmk" :
					 "new aead parent=user:kmk");
			/* bounced and pinned encryption, and a decryption */
			len = sizeof(out);
			ASSERT_EQ(0, dev_crypt(fd, true, ids[i], buf, 64, NULL, 0,
					       out, &len, nonce));
			len = sizeof(out);
			ASSERT_EQ(0, dev_crypt(fd, true, ids[i], buf, 4096, NULL,
					       0, out, &len, nonce));
			len = sizeof(buf);
			ASSERT_EQ(0, dev_crypt(fd, false, ids[i], out,
					       4096 + KEYSEAL_TAG_SIZE, NULL, 0,
					       buf, &len, nonce));
			discard_key(ids[i]);
		}
		close(fd);
		ASSERT_EQ(0, unload_when_idle(10000)) TH_LOG("round %u", round);
		ASSERT_EQ(0, load_module(""));
	}
}

/* ENCRYPT of a short message with a request of its own: 0 or -errno. */
static long encrypt_once(int fd, key_serial_t id, u8 *ct, u8 *nonce)
{
	u32 len = 16 + KEYSEAL_TAG_SIZE;

	return dev_crypt(fd, true, id, "nonce budget 16b", 16, NULL, 0, ct,
			 &len, nonce);
}

/* ENCRYPT with the request in a read-only page (R10): -errno. */
static long encrypt_read_only(int fd, key_serial_t id)
{
	static u8 out[64];
	struct keyseal_crypt *req;
	long ret;

	req = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (req == MAP_FAILED)
		return -ENOMEM;
	req->serial = id;
	req->in = (uintptr_t)"nonce budget 16b";
	req->in_len = 16;
	req->out = (uintptr_t)out;
	req->out_len = sizeof(out);
	ret = mprotect(req, 4096, PROT_READ) ? -errno :
	      dev_ioctl(fd, KEYSEAL_IOC_ENCRYPT, req);
	munmap(req, 4096);
	return ret;
}

/*
 * R13 (and R10). The module loaded with aead_max_messages=5: each loaded
 * aead key encrypts five times, the sixth and later fail with EKEYEXPIRED,
 * and what it encrypted still decrypts. Ten ENCRYPTs with a read-only
 * request fail with EFAULT and draw nothing. rewrap and restrict keep the
 * key's count; the key loaded again from its blob starts afresh, and
 * another key has a budget of its own. The default is 2^32.
 */
TEST_F(unload, nonce_budget_per_loaded_key)
{
	u8 ct[6][16 + KEYSEAL_TAG_SIZE], nonce[6][KEYSEAL_NONCE_SIZE];
	u8 pt[16], blob[BLOB_MAX];
	char value[64];
	key_serial_t id, other;
	u32 len, pt_len;
	int fd, i;

	module_param("aead_max_messages", value, sizeof(value));
	EXPECT_STREQ("4294967296", value);
	ASSERT_EQ(0, unload_when_idle(10000));
	ASSERT_EQ(0, load_module("aead_max_messages=5"));
	module_param("aead_max_messages", value, sizeof(value));
	EXPECT_STREQ("5", value);
	fd = open("/dev/keyseal", O_RDWR | O_CLOEXEC);
	ASSERT_LE(0, fd);

	id = NEW_KEY("budget", "new aead parent=user:kmk exportable");
	for (i = 0; i < 2; i++)
		ASSERT_EQ(0, encrypt_once(fd, id, ct[i], nonce[i]));
	for (i = 0; i < 10; i++)
		EXPECT_EQ(-EFAULT, encrypt_read_only(fd, id));
	for (i = 2; i < 5; i++)
		EXPECT_EQ(0, encrypt_once(fd, id, ct[i], nonce[i])) TH_LOG("%d", i);
	EXPECT_EQ(-EKEYEXPIRED, encrypt_once(fd, id, ct[5], nonce[5]));
	EXPECT_EQ(-EKEYEXPIRED, encrypt_once(fd, id, ct[5], nonce[5]));
	for (i = 0; i < 5; i++) {
		pt_len = sizeof(pt);
		EXPECT_EQ(0, dev_crypt(fd, false, id, ct[i], sizeof(ct[i]),
				       NULL, 0, pt, &pt_len, nonce[i]));
		EXPECT_EQ(0, memcmp(pt, "nonce budget 16b", 16));
	}

	/* A new payload for the same loaded key keeps the count. */
	ASSERT_EQ(0, update_key(id, "rewrap parent=user:kmk"));
	EXPECT_EQ(-EKEYEXPIRED, encrypt_once(fd, id, ct[5], nonce[5]));
	ASSERT_EQ(0, update_key(id, "restrict"));
	EXPECT_EQ(-EKEYEXPIRED, encrypt_once(fd, id, ct[5], nonce[5]));

	/* Loaded again from its blob: a fresh budget, the same key. */
	len = BLOB_OF(id, blob);
	drop_key(id);
	id = load_blob("budget", blob, len);
	ASSERT_LT(0, id);
	pt_len = sizeof(pt);
	EXPECT_EQ(0, dev_crypt(fd, false, id, ct[0], sizeof(ct[0]), NULL, 0,
			       pt, &pt_len, nonce[0]));
	for (i = 0; i < 5; i++)
		EXPECT_EQ(0, encrypt_once(fd, id, ct[i], nonce[i])) TH_LOG("%d", i);
	EXPECT_EQ(-EKEYEXPIRED, encrypt_once(fd, id, ct[5], nonce[5]));

	other = NEW_KEY("other", "new aead 16 parent=user:kmk");
	for (i = 0; i < 5; i++)
		EXPECT_EQ(0, encrypt_once(fd, other, ct[i], nonce[i]));
	EXPECT_EQ(-EKEYEXPIRED, encrypt_once(fd, other, ct[5], nonce[5]));

	close(fd);
	discard_key(id);
	discard_key(other);
	ASSERT_EQ(0, unload_when_idle(10000));
	ASSERT_EQ(0, load_module(""));
	module_param("aead_max_messages", value, sizeof(value));
	EXPECT_STREQ("4294967296", value);
}

/* --- item 3: the race ------------------------------------------------------ */

#define WORKERS		4
#define KEYS_MAX	12

enum race_op {
	OP_ADD, OP_UPDATE, OP_READ, OP_REVOKE, OP_DESCRIBE, OP_PROC_KEYS,
	OP_UNLINK, OP_OPEN, OP_ADD_BAD, OP_IOCTL_BAD,
	OP_INFO, OP_EXPORT, OP_IMPORT, OP_REWRAP,
	OP_ENCRYPT, OP_DECRYPT, OP_PUBKEY, OP_COUNT,
};

static const char *const op_names[OP_COUNT] = {
	"add", "update", "read", "revoke", "describe", "/proc/keys", "unlink",
	"open device", "add (bad)", "ioctl (bad)", "INFO", "EXPORT", "IMPORT", "REWRAP", "ENCRYPT",
	"DECRYPT", "PUBKEY",
};

/* What each operation may fail with (a zero-terminated list). */
static const int op_allowed[OP_COUNT][6] = {
	/* add: kk revoked or unlinked, its name gone; the module going */
	[OP_ADD] = { ENODEV, ENOKEY, EKEYREVOKED },
	/*
	 * update: "new" replaces nothing; a key that may not move; restrict
	 * of a key whose parent kk was unlinked and made anew: the name now
	 * means another KEK than the one the stored blob names
	 */
	[OP_UPDATE] = { EEXIST, EPERM, ENOKEY, EKEYREVOKED, EKEYREJECTED },
	[OP_READ] = { EKEYREVOKED },
	[OP_REVOKE] = { EKEYREVOKED },
	[OP_DESCRIBE] = { EKEYREVOKED },
	/*
	 * the device node is there only while the module is; devtmpfs makes
	 * a new node with its own umask applied and sets the mode (0666)
	 * right after, so an open in between is EACCES
	 */
	[OP_OPEN] = { ENOENT, ENODEV, ENXIO, EACCES },
	/* a command the parser refuses; the type gone */
	[OP_ADD_BAD] = { EINVAL, ENODEV },
	[OP_IOCTL_BAD] = { ENOTTY },
	[OP_INFO] = { EKEYREVOKED },
	[OP_EXPORT] = { EKEYREVOKED, EPERM },
	/* a blob under sealed:kk: kk revoked, unlinked, or made anew */
	[OP_IMPORT] = { EKEYREVOKED, ENOKEY, EKEYREJECTED },
	[OP_REWRAP] = { EKEYREVOKED, ENOKEY, EKEYREJECTED },
	[OP_ENCRYPT] = { EKEYREVOKED },
	[OP_DECRYPT] = { EKEYREVOKED },
	[OP_PUBKEY] = { EKEYREVOKED },
};

struct race_counts {
	unsigned int tried[OP_COUNT];
	unsigned int failed[OP_COUNT][160];
	unsigned int unexpected;
	char first_unexpected[128];
};

/* What root and the workers share. */
struct race {
	int stop;
	int quiet;		/* workers: drop every key, close the device */
	int quiet_acks;
	int dev_dir, proc_dir;	/* opened by root: / is not searchable */
	struct race_counts counts[WORKERS];
};

struct race_key {
	key_serial_t id;
	u8 usage;
	bool exportable, revoked;
	bool kk;		/* sealed:kk itself, not a copy of it */
	u8 blob[BLOB_MAX];	/* its first blob */
	u32 len;
};

struct worker {
	struct race *race;
	struct race_counts *c;
	u64 rng;
	key_serial_t mine;
	struct race_key keys[KEYS_MAX];
	unsigned int nkeys;
	int fd;
};

static u32 rnd(struct worker *w, u32 n)
{
	u64 z = (w->rng += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return (z ^ (z >> 31)) % n;
}

static void record(struct worker *w, enum race_op op, long ret)
{
	struct race_counts *c = w->c;
	long e = -ret;
	unsigned int i;

	c->tried[op]++;
	if (ret >= 0)
		return;
	if (e < 160)
		c->failed[op][e]++;
	for (i = 0; op_allowed[op][i]; i++)
		if (op_allowed[op][i] == e)
			return;
	if (!c->unexpected++)
		snprintf(c->first_unexpected, sizeof(c->first_unexpected),
			 "%s: %s", op_names[op], strerrorname_np(e) ?: "?");
}

/* Drop every key of the worker's; keep its user root. */
static void drop_all(struct worker *w)
{
	unsigned int i;

	for (i = 0; i < w->nkeys; i++)
		record(w, OP_UNLINK, keyctl_unlink(w->keys[i].id,
						   KEY_SPEC_SESSION_KEYRING) ?
		       -errno : 0);
	w->nkeys = 0;
}

static void close_device(struct worker *w)
{
	if (w->fd >= 0)
		close(w->fd);
	w->fd = -1;
}

static bool open_device(struct worker *w)
{
	if (w->fd >= 0)
		return true;
	w->fd = openat(w->race->dev_dir, "keyseal", O_RDWR | O_CLOEXEC);
	record(w, OP_OPEN, w->fd < 0 ? -errno : 0);
	return w->fd >= 0;
}

static const char *const add_commands[] = {
	"new kek exportable parent=user:mine",		/* kk */
	"new secret 512 exportable parent=sealed:kk",
	"new x25519 parent=user:mine",
	"new p256 parent=user:mine",
	"new aead exportable parent=user:mine",
	"new aead 16 parent=user:mine",
};

static const u8 add_usages[] = {
	KEYSEAL_USAGE_KEK, KEYSEAL_USAGE_SECRET, KEYSEAL_USAGE_X25519,
	KEYSEAL_USAGE_P256, KEYSEAL_USAGE_AEAD, KEYSEAL_USAGE_AEAD,
};

/* Before 5.12 a P-256 key is EOPNOTSUPP (kernel_has_p256()): not raced. */
static bool has_p256;

static void op_add(struct worker *w)
{
	unsigned int n = rnd(w, sizeof(add_usages)), i;
	struct race_key *k;
	char desc[16];
	key_serial_t id;
	long len;

	if (add_usages[n] == KEYSEAL_USAGE_P256 && !has_p256)
		n--;	/* the x25519 key before it */
	if (w->nkeys == KEYS_MAX)
		drop_all(w);
	if (n)
		snprintf(desc, sizeof(desc), "k%u", rnd(w, 1000000));
	else
		snprintf(desc, sizeof(desc), "kk");
	id = add_sealed(desc, add_commands[n]);
	/* a second "kk" updates the first: "new" replaces nothing */
	if (id == -EEXIST && !n)
		id = 0;
	record(w, OP_ADD, id);
	if (id <= 0)
		return;
	/* A new kk took the place of a revoked one: that one is unlinked. */
	for (i = 0; !n && i < w->nkeys; i++)
		if (w->keys[i].kk)
			w->keys[i--] = w->keys[--w->nkeys];
	k = &w->keys[w->nkeys++];
	k->id = id;
	k->kk = !n;
	k->usage = add_usages[n];
	k->exportable = strstr(add_commands[n], "exportable");
	k->revoked = false;
	len = read_blob(id, k->blob, sizeof(k->blob));
	record(w, OP_READ, len);
	k->len = len > 0 ? len : 0;
}

static struct race_key *pick(struct worker *w, int usage)
{
	unsigned int i, start;

	if (!w->nkeys)
		return NULL;
	start = rnd(w, w->nkeys);
	for (i = 0; i < w->nkeys; i++) {
		struct race_key *k = &w->keys[(start + i) % w->nkeys];

		if (usage < 0 || k->usage == usage)
			return k;
	}
	return NULL;
}

static void op_update(struct worker *w)
{
	static const char *const commands[] = {
		"new x25519 parent=user:mine", "new p256 parent=user:mine",
		"new secret 512 exportable parent=sealed:kk",
		"rewrap parent=user:mine", "rewrap parent=sealed:kk",
		"restrict exportable",
	};
	struct race_key *k = pick(w, -1);
	const char *command = commands[rnd(w, 6)];

	if (!k)
		return;
	if (!has_p256 && strstr(command, "p256"))
		command = commands[0];
	/* no KEK goes under itself: that is EKEYREJECTED, not this test's */
	if (k->usage == KEYSEAL_USAGE_KEK && strstr(command, "sealed:kk"))
		command = "rewrap parent=user:mine";
	record(w, OP_UPDATE, update_key(k->id, command));
}

static void op_key(struct worker *w, enum race_op op)
{
	struct race_key *k = pick(w, -1);
	char buf[BLOB_MAX * 2];
	long ret = 0;

	if (!k)
		return;
	switch (op) {
	case OP_READ:
		ret = read_key(k->id, buf, sizeof(buf));
		break;
	case OP_REVOKE:
		ret = keyctl_revoke(k->id) ? -errno : 0;
		k->revoked = true;
		break;
	case OP_DESCRIBE:
		ret = keyctl_describe(k->id, buf, sizeof(buf)) < 0 ? -errno : 0;
		break;
	default:
		ret = keyctl_unlink(k->id, KEY_SPEC_SESSION_KEYRING) ? -errno : 0;
		*k = w->keys[--w->nkeys];
		break;
	}
	record(w, op, ret);
}

static void op_proc_keys(struct worker *w)
{
	char buf[4096];
	int fd = openat(w->race->proc_dir, "keys", O_RDONLY | O_CLOEXEC);
	long ret;

	if (fd < 0) {
		record(w, OP_PROC_KEYS, -errno);
		return;
	}
	while ((ret = read(fd, buf, sizeof(buf))) > 0)
		;
	record(w, OP_PROC_KEYS, ret < 0 ? -errno : 0);
	close(fd);
}

static void op_ioctl(struct worker *w, enum race_op op)
{
	u8 blob[BLOB_MAX], ct[64 + KEYSEAL_TAG_SIZE], pt[64];
	u8 nonce[KEYSEAL_NONCE_SIZE] = { 0 };
	struct exchange_pubkey pk;
	struct keyseal_info info;
	struct race_key *k, *x;
	u32 len = sizeof(blob);
	char desc[16];
	long ret;

	if (!open_device(w))
		return;
	switch (op) {
	case OP_INFO:
		k = pick(w, -1);
		if (!k)
			return;
		ret = dev_info(w->fd, k->id, &info);
		break;
	case OP_EXPORT:
		k = pick(w, -1);
		x = pick(w, KEYSEAL_USAGE_X25519);
		if (!k)
			return;
		if (x && rnd(w, 2) && !dev_pubkey(w->fd, x->id, &pk))
			ret = dev_export_recipient(w->fd, k->id, pk.kem, pk.key,
						   pk.len, 0, blob, &len);
		else if (rnd(w, 2))
			ret = dev_export(w->fd, k->id, KEYSEAL_TARGET_KEK,
					 w->mine, blob, &len);
		else
			ret = dev_export(w->fd, k->id, KEYSEAL_TARGET_PARENT, 0,
					 blob, &len);
		break;
	case OP_IMPORT:
		k = pick(w, -1);
		if (!k || !k->len)
			return;
		snprintf(desc, sizeof(desc), "i%u", rnd(w, 1000000));
		ret = dev_import(w->fd, k->blob, k->len, desc, 0, 0, NULL, 0);
		if (ret > 0 && w->nkeys < KEYS_MAX) {
			struct race_key *n = &w->keys[w->nkeys++];

			*n = *k;
			n->id = ret;
			n->revoked = false;
			n->kk = false;
		} else if (ret > 0) {
			keyctl_unlink(ret, KEY_SPEC_SESSION_KEYRING);
		}
		break;
	case OP_REWRAP:
		k = pick(w, -1);
		if (!k || !k->len)
			return;
		ret = dev_rewrap(w->fd, k->blob, k->len, 0, w->mine, blob, &len);
		break;
	case OP_ENCRYPT:
	case OP_DECRYPT:
		k = pick(w, KEYSEAL_USAGE_AEAD);
		if (!k)
			return;
		len = sizeof(ct);
		ret = dev_crypt(w->fd, true, k->id, "the module may go at any time",
				30, NULL, 0, ct, &len, nonce);
		if (op == OP_DECRYPT && !ret) {
			len = sizeof(pt);
			ret = dev_crypt(w->fd, false, k->id, ct,
					30 + KEYSEAL_TAG_SIZE, NULL, 0, pt, &len,
					nonce);
		}
		break;
	default:
		k = pick(w, rnd(w, 2) ? KEYSEAL_USAGE_X25519 :
			 KEYSEAL_USAGE_P256);
		if (!k)
			return;
		ret = dev_pubkey(w->fd, k->id, &pk);
		break;
	}
	record(w, op, ret);
	/* Half the time the device is closed again, so it holds nothing. */
	if (rnd(w, 2))
		close_device(w);
}

/*
 * A worker: bursts of operations on keys of its own, then a pause with no
 * key and no device open, so that the module can go at any moment.
 */
static void work(struct worker *w)
{
	struct race *r = w->race;
	unsigned int i, burst;

	while (!__atomic_load_n(&r->stop, __ATOMIC_ACQUIRE)) {
		if (__atomic_load_n(&r->quiet, __ATOMIC_ACQUIRE)) {
			drop_all(w);
			close_device(w);
			__atomic_add_fetch(&r->quiet_acks, 1, __ATOMIC_RELEASE);
			/*
			 * No sealed key holds the module now, so root's unload
			 * can really race what enters it without making a key:
			 * add (the type's preparse, which refuses the command),
			 * and opening the device for an ioctl it refuses.
			 */
			while (__atomic_load_n(&r->quiet, __ATOMIC_ACQUIRE) &&
			       !__atomic_load_n(&r->stop, __ATOMIC_ACQUIRE)) {
				record(w, OP_ADD_BAD,
				       add_sealed("bad", "new aead bogus"));
				if (open_device(w)) {
					record(w, OP_IOCTL_BAD,
					       dev_ioctl(w->fd, _IO('k', 0xff),
							 NULL));
					close_device(w);
				}
				usleep(rnd(w, 2000));
			}
			continue;
		}
		for (burst = 1 + rnd(w, 40), i = 0; i < burst; i++) {
			switch (rnd(w, 20)) {
			case 0: case 1: case 2: case 3:
				op_add(w);
				break;
			case 4: case 5: case 6:
				op_update(w);
				break;
			case 7:
				op_key(w, OP_READ);
				break;
			case 8:
				op_key(w, OP_REVOKE);
				break;
			case 9:
				op_key(w, OP_DESCRIBE);
				break;
			case 10:
				op_proc_keys(w);
				break;
			case 11:
				op_key(w, OP_UNLINK);
				break;
			default:
				op_ioctl(w, OP_INFO + rnd(w, OP_COUNT - OP_INFO));
				break;
			}
		}
		drop_all(w);
		close_device(w);
		usleep(rnd(w, 10000));
	}
	drop_all(w);
	close_device(w);
}

static void print_counts(struct __test_metadata *_metadata,
			 const struct race_counts *c, unsigned int n)
{
	unsigned int op, e, i, tried, failed;
	char line[512];
	size_t len;

	for (op = 0; op < OP_COUNT; op++) {
		tried = 0;
		for (i = 0; i < n; i++)
			tried += c[i].tried[op];
		len = snprintf(line, sizeof(line), "%-11s %6u tried", op_names[op],
			       tried);
		for (e = 1; e < 160; e++) {
			for (failed = 0, i = 0; i < n; i++)
				failed += c[i].failed[op][e];
			if (failed && len < sizeof(line))
				len += snprintf(line + len, sizeof(line) - len,
						", %s %u", strerrorname_np(e),
						failed);
		}
		TH_LOG("%s", line);
		/* each operation was tried, or the race missed it */
		EXPECT_LT(0, tried) TH_LOG("%s never tried", op_names[op]);
	}
}

static double since(const struct timespec *t0)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return now.tv_sec - t0->tv_sec + (now.tv_nsec - t0->tv_nsec) / 1e9;
}

/*
 * Item 3, R9. WORKERS unprivileged processes (uids 1000 and up) race
 * every entry into keyseal against root unloading it with
 * delete_module(O_NONBLOCK) and loading it again. Each unload attempt
 * succeeds or fails with EAGAIN (a key or an open device holds the
 * module) or EBUSY (it is still coming or going); when none succeeded for
 * two seconds, the workers drop their keys and root waits for the module
 * to go, so that every run unloads many times.
 */
TEST_F_TIMEOUT(unload, unload_races_every_entry, 600)
{
	const char *env = getenv("KEYSEAL_UNLOAD_SECONDS");
	double seconds = env && *env ? strtod(env, NULL) : 15;
	unsigned int unloads = 0, idle_unloads = 0, refused = 0, i, unexpected = 0;
	unsigned long maxkeys, maxbytes;
	unsigned long race_maxkeys = 100000, race_maxbytes = 10000000;
	const char *failed = NULL;
	struct timespec start, last_unload;
	pid_t pids[WORKERS];
	struct race *r;
	u64 seed;
	int ret;

	r = shared_alloc(sizeof(*r));
	ASSERT_NE(NULL, r);
	/* Keys wait for the collector to be uncharged: quotas are not tested. */
	ASSERT_EQ(0, key_sysctl("maxkeys", &maxkeys, false));
	ASSERT_EQ(0, key_sysctl("maxbytes", &maxbytes, false));
	ASSERT_EQ(0, key_sysctl("maxkeys", &race_maxkeys, true));
	ASSERT_EQ(0, key_sysctl("maxbytes", &race_maxbytes, true));
	r->dev_dir = open("/dev", O_PATH | O_DIRECTORY | O_CLOEXEC);
	r->proc_dir = open("/proc", O_PATH | O_DIRECTORY | O_CLOEXEC);
	ASSERT_LE(0, r->dev_dir);
	ASSERT_LE(0, r->proc_dir);
	ASSERT_EQ(sizeof(seed), getrandom(&seed, sizeof(seed), 0));
	TH_LOG("%u workers for %.0f s, seed %llu", WORKERS, seconds,
	       (unsigned long long)seed);
	has_p256 = kernel_has_p256();

	for (i = 0; i < WORKERS; i++) {
		pids[i] = fork_as(ATTACKER_UID + i);
		ASSERT_LE(0, pids[i]);
		if (pids[i] == 0) {
			struct worker w = {
				.race = r, .c = &r->counts[i], .rng = seed + i,
				.fd = -1,
			};

			/* (set after the uid changed, which clears it) */
			if (prctl(PR_SET_PDEATHSIG, SIGKILL))
				_exit(3);
			w.mine = add_random_user_key("mine", ROOT_KEK_SIZE);
			if (w.mine < 0)
				_exit(3);
			work(&w);
			_exit(0);
		}
	}

	/*
	 * Root's side. A failure stops the loop, not the test, so that the
	 * workers are stopped and waited for whatever happens.
	 */
	clock_gettime(CLOCK_MONOTONIC, &start);
	last_unload = start;
	while (!failed && since(&start) < seconds) {
		ret = unload_module();
		if (ret == -EAGAIN || ret == -EBUSY) {
			refused++;
		} else if (ret) {
			TH_LOG("delete_module: %s", strerror(-ret));
			failed = "an unload attempt failed otherwise";
		} else {
			unloads++;
			clock_gettime(CLOCK_MONOTONIC, &last_unload);
			usleep(random() % 20000);
			ret = load_module("");
			if (ret)
				failed = "finit_module failed";
		}
		if (!failed && since(&last_unload) > 2) {
			/* Make room: the workers drop everything and wait. */
			__atomic_store_n(&r->quiet_acks, 0, __ATOMIC_RELEASE);
			__atomic_store_n(&r->quiet, 1, __ATOMIC_RELEASE);
			for (i = 0; i < 10000 && __atomic_load_n(&r->quiet_acks,
					__ATOMIC_ACQUIRE) < WORKERS; i++)
				usleep(1000);
			ret = unload_when_idle(10000);
			if (ret)
				failed = "the workers' keys never went";
			else
				idle_unloads++;
			clock_gettime(CLOCK_MONOTONIC, &last_unload);
			ret = ret ?: load_module("");
			if (ret && !failed)
				failed = "finit_module failed";
			__atomic_store_n(&r->quiet, 0, __ATOMIC_RELEASE);
		}
		usleep(random() % 3000);
	}
	__atomic_store_n(&r->stop, 1, __ATOMIC_RELEASE);
	for (i = 0; i < WORKERS; i++)
		EXPECT_EQ(0, wait_child(pids[i])) TH_LOG("worker %u", i);
	EXPECT_EQ(0, key_sysctl("maxkeys", &maxkeys, true));
	EXPECT_EQ(0, key_sysctl("maxbytes", &maxbytes, true));
	EXPECT_EQ(NULL, failed) TH_LOG("%s: %s", failed, strerror(-ret));

	TH_LOG("%u unloads while the workers ran, %u once they paused, %u refused",
	       unloads, idle_unloads, refused);
	print_counts(_metadata, r->counts, WORKERS);
	for (i = 0; i < WORKERS; i++) {
		unexpected += r->counts[i].unexpected;
		if (r->counts[i].unexpected)
			TH_LOG("worker %u: first unexpected: %s", i,
			       r->counts[i].first_unexpected);
	}
	EXPECT_EQ(0, unexpected);
	EXPECT_LE(2, unloads + idle_unloads);

	/* Every worker is gone with its keys: the module goes, and comes back. */
	ASSERT_TRUE(module_loaded());
	ASSERT_EQ(0, unload_when_idle(10000));
	ASSERT_EQ(0, load_module(""));
	ASSERT_TRUE(module_loaded());
	discard_key(NEW_KEY("after", "new aead parent=user:kmk"));
	ASSERT_EQ(0, unload_when_idle(10000));
	ASSERT_EQ(0, load_module(""));
}

TEST_HARNESS_MAIN
