// SPDX-License-Identifier: GPL-2.0
/*
 * Hierarchy integrity (issue 12, items 4, 5 and 6): what the hierarchy
 * rules promise an administrator, tried by an unprivileged local user
 * (ATTACKER_UID) wherever the attack is one.
 *
 * - Item 5, R3: a key is never more protected than its parent. Under a KEK
 *   made "new kek exportable" (app-kek) only exportable keys may live: a
 *   non-exportable key is EPERM there on every path (new, clear import,
 *   "rewrap parent=", EXPORT to it, REWRAP, load and IMPORT of a blob,
 *   restrict), also for a user who exported app-kek to a user key of known
 *   bytes, recovered it offline and forged blobs under it.
 * - Item 4: every ioctl that writes its request back (INFO, EXPORT,
 *   IMPORT, REWRAP, ENCRYPT, DECRYPT, PUBKEY) fails with EFAULT when the
 *   request is read-only, wholly or in part, and changes nothing: no key
 *   made or linked, no quota charged, no output written. (That a
 *   read-only ENCRYPT draws nothing from the key's nonce budget needs the
 *   module loaded with a small aead_max_messages: unload_test checks it.)
 * - Item 6: moving a key with keyctl update needs READ (EACCES), re-sealing
 *   it under its own parent and restrict need WRITE only; the own parent
 *   is found by the stored fingerprint, so a name that means another key
 *   to the updater is EKEYREJECTED and the stored blob is left alone;
 *   EXPORT to a KEK below the key is EKEYREJECTED (a cycle); and restrict
 *   does what Documentation/admin-guide.rst "Tightening a key's policy"
 *   says: old blobs keep their flags while their parent exists, and the
 *   remedy (move under a new KEK, restrict, revoke the old KEK) leaves them
 *   nothing to open.
 */

#include <sys/mman.h>

#include "forge.h"
#include "keyseal_test.h"
#include "kselftest_harness.h"

#define BLOB_MAX	KEYSEAL_BLOB_MAX_SIZE
#define FP_SIZE		KEYSEAL_FINGERPRINT_SIZE

#define GEN		KEYSEAL_ORIGIN_GENERATED
#define EXT		KEYSEAL_ORIGIN_EXTERNAL
#define AS		KEYSEAL_PROV_ALWAYS_SENSITIVE
#define NE		KEYSEAL_PROV_NEVER_EXPORTABLE
#define EXP		KEYSEAL_FLAG_EXPORTABLE

/* The attacker's user root key and the data key it wants to plant. */
#define MINE_KEK	"attacker-chosen KEK material 32B"
#define CHOSEN_KEY	"attacker-chosen data key 32 byte"
#define KEY_LEN		32

/* What others may do with root's keys here, test by test. */
#define OWNER_ALL	(KEY_POS_ALL | KEY_USR_ALL)

FIXTURE(integrity) {
	int fd;
	int key_users;		/* /proc/key-users, for the attacker to read */
	key_serial_t root;	/* logon:int:root, root's: it vouches */
	struct key_limits limits;
};

FIXTURE_SETUP(integrity)
{
	/* the attacker makes and drops many keys (keyseal_test.h) */
	ASSERT_EQ(0, key_limits_raise(&self->limits));
	/* the attacker cannot open paths in the VM, only use descriptors */
	self->key_users = open("/proc/key-users", O_RDONLY | O_CLOEXEC);
	ASSERT_LE(0, self->key_users);
	ASSERT_EQ(0, new_session());
	self->fd = open("/dev/keyseal", O_RDWR | O_CLOEXEC);
	ASSERT_LE(0, self->fd);
	self->root = add_random_logon_key("int:root", ROOT_KEK_SIZE);
	ASSERT_LT(0, self->root);
}

FIXTURE_TEARDOWN(integrity)
{
	close(self->fd);
	close(self->key_users);
	EXPECT_EQ(0, key_limits_restore(&self->limits));
}

/* "#serial", for commands. */
static const char *serial_name(key_serial_t id, char *buf, size_t size)
{
	snprintf(buf, size, "#%d", id);
	return buf;
}

/* The number of keys linked in the session keyring, or -errno. */
static long session_keys(void)
{
	key_serial_t ring[512];
	long len = keyctl_read(KEY_SPEC_SESSION_KEYRING, (char *)ring,
			       sizeof(ring));

	return len < 0 ? -errno : len / (long)sizeof(key_serial_t);
}

/* Fork the attacker; 0 in the child, which must _exit(). */
#define ATTACKER_FORK() ({						\
	pid_t __pid = fork_as(ATTACKER_UID);				\
	ASSERT_LE(0, __pid);						\
	__pid;								\
})

/* In the attacker: its own user root key user:mine, of known bytes. */
static key_serial_t add_mine(void)
{
	return add_key_errno("user", "mine", MINE_KEK, ROOT_KEK_SIZE,
			     KEY_SPEC_SESSION_KEYRING);
}

/* Whether a key holds @material: what it encrypts, @material decrypts. */
static void expect_material(struct __test_metadata *_metadata, int fd,
			    key_serial_t id, const u8 *material, size_t len)
{
	static const char msg[] = "whose key is this?";
	u8 ct[sizeof(msg) + KEYSEAL_TAG_SIZE], pt[sizeof(msg)];
	u8 nonce[KEYSEAL_NONCE_SIZE] = { 0 };
	u32 ct_len = sizeof(ct);

	ASSERT_EQ(0, dev_crypt(fd, true, id, msg, sizeof(msg), NULL, 0, ct,
			       &ct_len, nonce));
	ASSERT_EQ(0, forge_gcm_open(material, len, nonce, ct, ct_len, pt));
	EXPECT_STREQ(msg, (char *)pt);
}

/* --- item 5: the exportable parent ---------------------------------------- */

/*
 * Item 5, R3, root's side. app-kek is "new kek exportable" under root's
 * logon root. A non-exportable key cannot be made under it (EPERM), nor
 * imported in the clear there; an exportable one can, works, and reads as
 * it should: exportable, generated with no history bit (app-kek may leave,
 * so it vouches for nothing), external once loaded from its blob. A
 * non-exportable key elsewhere cannot move under it by "rewrap parent=",
 * EXPORT or REWRAP (EPERM); an exportable one can. An exportable key under
 * it cannot be restricted to non-exportable there (EPERM, its blob
 * unchanged), and "restrict exportable" is allowed.
 */
TEST_F(integrity, exportable_kek_holds_only_exportable_keys)
{
	u8 blob[BLOB_MAX], before[BLOB_MAX], after[BLOB_MAX];
	char command[200], name[16];
	struct keyseal_info info;
	key_serial_t app, k, n, w;
	u32 len, before_len, after_len;
	int i;

	app = NEW_KEY("app-kek",
		      "new kek exportable parent=logon:int:root");

	/* new, by name and by serial */
	EXPECT_EQ(-EPERM, add_sealed("db", "new aead parent=sealed:app-kek"));
	snprintf(command, sizeof(command), "new aead parent=%s",
		 serial_name(app, name, sizeof(name)));
	EXPECT_EQ(-EPERM, add_sealed("db", command));
	EXPECT_EQ(-EPERM, add_sealed("db", "new kek parent=sealed:app-kek"));
	EXPECT_EQ(-EPERM,
		  add_sealed("db", "new x25519 parent=sealed:app-kek"));

	/* clear-text import, root in the initial namespace */
	i = snprintf(command, sizeof(command), "import aead ");
	for (; i < 12 + 2 * KEY_LEN; i += 2)
		sprintf(command + i, "%02x", (u8)CHOSEN_KEY[(i - 12) / 2]);
	snprintf(command + i, sizeof(command) - i, " parent=sealed:app-kek");
	EXPECT_EQ(-EPERM, add_sealed("db", command));
	snprintf(command + i, sizeof(command) - i,
		 " exportable parent=sealed:app-kek");
	k = add_sealed("imported", command);
	ASSERT_LT(0, k);
	EXPECT_EQ(0, dev_info(self->fd, k, &info));
	EXPECT_EQ(EXP, info.key_flags);
	EXPECT_EQ(KEYSEAL_ORIGIN_IMPORTED, info.provenance);
	expect_material(_metadata, self->fd, k, (const u8 *)CHOSEN_KEY,
			KEY_LEN);
	drop_key(k);
	EXPECT_EQ(-1, keyctl_search(KEY_SPEC_SESSION_KEYRING, "sealed", "db",
				    0));
	EXPECT_EQ(ENOKEY, errno);

	/* an exportable key lives there, and reads as it should */
	k = NEW_KEY("k", "new aead exportable parent=sealed:app-kek");
	ASSERT_EQ(0, dev_info(self->fd, k, &info));
	EXPECT_EQ(EXP, info.key_flags);
	EXPECT_EQ(GEN, info.provenance);
	EXPECT_STREQ("sealed:app-kek", info.parent);
	len = BLOB_OF(k, blob);
	{
		u8 ct[32 + KEYSEAL_TAG_SIZE], pt[32];
		u8 nonce[KEYSEAL_NONCE_SIZE] = { 0 };
		u32 ct_len = sizeof(ct), pt_len = sizeof(pt);
		key_serial_t again;

		ASSERT_EQ(0, dev_crypt(self->fd, true, k,
				       "under an exportable KEK, 32 bytes",
				       32, NULL, 0, ct, &ct_len, nonce));
		drop_key(k);
		again = load_blob("k", blob, len);
		ASSERT_LT(0, again);
		ASSERT_EQ(0, dev_info(self->fd, again, &info));
		EXPECT_EQ(EXP, info.key_flags);
		EXPECT_EQ(EXT, info.provenance);
		ASSERT_EQ(0, dev_crypt(self->fd, false, again, ct, ct_len,
				       NULL, 0, pt, &pt_len, nonce));
		EXPECT_EQ(0, memcmp(pt, "under an exportable KEK, 32 bytes",
				    32));
		k = again;
	}

	/* ...but may not become non-exportable there */
	before_len = BLOB_OF(k, before);
	EXPECT_EQ(-EPERM, update_key(k, "restrict"));
	after_len = BLOB_OF(k, after);
	EXPECT_EQ(before_len, after_len);
	EXPECT_EQ(0, memcmp(before, after, before_len));
	ASSERT_EQ(0, dev_info(self->fd, k, &info));
	EXPECT_EQ(EXP, info.key_flags);
	EXPECT_EQ(0, update_key(k, "restrict exportable"));
	ASSERT_EQ(0, dev_info(self->fd, k, &info));
	EXPECT_EQ(EXP, info.key_flags);

	/* a non-exportable key elsewhere cannot move under app-kek */
	n = NEW_KEY("n", "new aead parent=logon:int:root");
	len = BLOB_OF(n, blob);
	EXPECT_EQ(-EPERM, update_key(n, "rewrap parent=sealed:app-kek"));
	snprintf(command, sizeof(command), "rewrap parent=%s",
		 serial_name(app, name, sizeof(name)));
	EXPECT_EQ(-EPERM, update_key(n, command));
	EXPECT_EQ(-EPERM, export_to_kek(self->fd, n, app));
	EXPECT_EQ(-EPERM, rewrap_to(self->fd, blob, len, self->root, app));
	EXPECT_EQ(-EPERM, rewrap_to(self->fd, blob, len, 0, app));
	after_len = BLOB_OF(n, after);
	EXPECT_EQ(len, after_len);
	EXPECT_EQ(0, memcmp(blob, after, len));
	/* its own parent is still fine */
	EXPECT_EQ(0, rewrap_to(self->fd, blob, len, 0, self->root));

	/* an exportable one can, by each path */
	w = NEW_KEY("w", "new aead exportable parent=logon:int:root");
	len = BLOB_OF(w, blob);
	EXPECT_EQ(0, export_to_kek(self->fd, w, app));
	EXPECT_EQ(0, rewrap_to(self->fd, blob, len, 0, app));
	EXPECT_EQ(0, update_key(w, "rewrap parent=sealed:app-kek"));
	ASSERT_EQ(0, dev_info(self->fd, w, &info));
	EXPECT_STREQ("sealed:app-kek", info.parent);
	EXPECT_EQ(EXP, info.key_flags);
	/* stored under a KEK that does not vouch: the history goes */
	EXPECT_EQ(GEN, info.provenance);
}

/*
 * Item 5, the attack. root made app-kek exportable and lets the attacker
 * (the application's user) read it, as the recommended layout once
 * suggested. The attacker exports app-kek to its own user:mine of known
 * bytes, opens that blob offline and has app-kek's material: its HMAC
 * fingerprint is app-kek's. With it, it forges blobs under app-kek of
 * material it chose:
 *
 * - claiming non-exportable (flags 0), with or without history: load,
 *   load with parent=#app-kek, IMPORT by name and by serial, and REWRAP
 *   (under app-kek itself, its own parent) are all EPERM, and no key is
 *   made;
 * - claiming exportable: it loads, as what it is: exportable, external
 *   (whatever the blob claims), of the attacker's material.
 *
 * So no key under app-kek can say it never leaves while app-kek can.
 */
TEST_F(integrity, exportable_kek_leaks_nothing_non_exportable)
{
	key_serial_t app;
	pid_t pid;

	app = NEW_KEY("app-kek",
		      "new kek exportable parent=logon:int:root");
	ASSERT_EQ(0, keyctl_setperm(app, OWNER_ALL | KEY_OTH_VIEW |
				    KEY_OTH_READ | KEY_OTH_SEARCH |
				    KEY_OTH_LINK));

	pid = ATTACKER_FORK();
	if (pid == 0) {
		static const u8 claims[][2] = {
			{ 0, GEN | AS | NE }, { 0, GEN | AS }, { 0, EXT },
		};
		u8 exported[BLOB_MAX], kek[BLOB_MAX], fp[FP_SIZE];
		u8 forged[BLOB_MAX], probe_blob[BLOB_MAX];
		struct keyseal_blob pb;
		struct keyseal_info info;
		key_serial_t mine, probe, id;
		char extra[32];
		u32 len = sizeof(exported);
		unsigned int i;
		int kek_len, flen;

		mine = add_mine();
		ASSERT_LT(0, mine);
		ASSERT_EQ(0, keyctl_link(app, KEY_SPEC_SESSION_KEYRING));

		/* app-kek out, to a KEK whose bytes the attacker knows */
		ASSERT_EQ(0, dev_export(self->fd, app, KEYSEAL_TARGET_KEK,
					mine, exported, &len));
		kek_len = forge_kek_open(exported, len,
					 (const u8 *)MINE_KEK, ROOT_KEK_SIZE,
					 kek);
		ASSERT_EQ(32, kek_len);
		ASSERT_EQ(0, forge_kek_fingerprint(kek, kek_len, fp));
		/* it is app-kek's material: a key under it says so */
		probe = NEW_KEY("probe",
				"new secret 16 exportable parent=sealed:app-kek");
		ASSERT_EQ(0, dev_info(self->fd, probe, &info));
		EXPECT_EQ(0, memcmp(fp, info.parent_fingerprint, FP_SIZE));
		len = BLOB_OF(probe, probe_blob);
		ASSERT_EQ(0, keyseal_blob_parse(probe_blob, len, &pb));
		EXPECT_EQ(0, memcmp(fp, pb.parent_fp, FP_SIZE));

		snprintf(extra, sizeof(extra), "parent=#%d", app);
		for (i = 0; i < sizeof(claims) / sizeof(claims[0]); i++) {
			struct forged_key f = {
				.usage = KEYSEAL_USAGE_AEAD,
				.key_flags = claims[i][0],
				.provenance = claims[i][1],
				.material = (const u8 *)CHOSEN_KEY,
				.key_len = KEY_LEN,
				.parent = "sealed:app-kek",
				.parent_fp = fp,
				.kek = kek,
				.kek_len = kek_len,
			};

			flen = forge_kek_blob(&f, forged, sizeof(forged));
			ASSERT_LT(0, flen);
			EXPECT_EQ(-EPERM, load_blob("db", forged, flen))
				TH_LOG("claim %u", i);
			EXPECT_EQ(-EPERM, load_blob_with("db", forged, flen,
							 extra));
			EXPECT_EQ(-EPERM, dev_import(self->fd, forged, flen,
						     "db", 0, 0, NULL, 0));
			EXPECT_EQ(-EPERM, dev_import(self->fd, forged, flen,
						     "db", app, 0, NULL, 0));
			EXPECT_EQ(-EPERM, rewrap_to(self->fd, forged, flen,
						    app, app));
			EXPECT_EQ(-EPERM, rewrap_to(self->fd, forged, flen, 0,
						    app));
			EXPECT_EQ(-EPERM, rewrap_to(self->fd, forged, flen, 0,
						    mine));
			EXPECT_EQ(-1, keyctl_search(KEY_SPEC_SESSION_KEYRING,
						    "sealed", "db", 0));
			EXPECT_EQ(ENOKEY, errno);
		}

		/* claiming exportable it loads, as what it is */
		{
			struct forged_key f = {
				.usage = KEYSEAL_USAGE_AEAD,
				.key_flags = EXP,
				.provenance = GEN | AS,
				.material = (const u8 *)CHOSEN_KEY,
				.key_len = KEY_LEN,
				.parent = "sealed:app-kek",
				.parent_fp = fp,
				.kek = kek,
				.kek_len = kek_len,
			};

			flen = forge_kek_blob(&f, forged, sizeof(forged));
			ASSERT_LT(0, flen);
			id = load_blob("mine-db", forged, flen);
			ASSERT_LT(0, id);
			ASSERT_EQ(0, dev_info(self->fd, id, &info));
			EXPECT_EQ(EXP, info.key_flags);
			EXPECT_EQ(EXT, info.provenance);
			EXPECT_STREQ("sealed:app-kek", info.parent);
			expect_material(_metadata, self->fd, id,
					(const u8 *)CHOSEN_KEY, KEY_LEN);
		}
		OPENSSL_cleanse(kek, sizeof(kek));
		_exit(0);
	}
	ASSERT_EQ(0, wait_child(pid));
}

/* --- item 4: read-only requests ------------------------------------------- */

/*
 * A request of @size bytes, copied from @req, in memory the caller may not
 * write: wholly in a read-only page, or (@straddle) with its first half in
 * a writable page and the rest in a read-only one. *@map is the mapping
 * to unmap (two pages).
 */
static void *read_only_request(const void *req, size_t size, bool straddle,
			       void **map)
{
	long page = sysconf(_SC_PAGESIZE);
	u8 *p = mmap(NULL, 2 * page, PROT_READ | PROT_WRITE,
		     MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	u8 *at;

	if (p == MAP_FAILED)
		return NULL;
	at = straddle ? p + page - size / 2 : p + page;
	memcpy(at, req, size);
	if (mprotect(straddle ? p + page : p, straddle ? page : 2 * page,
		     PROT_READ)) {
		munmap(p, 2 * page);
		return NULL;
	}
	*map = p;
	return at;
}

/* ioctl @cmd on a read-only copy of @req: -errno; the copy must not change. */
static long ioctl_read_only(struct __test_metadata *_metadata, int fd,
			    unsigned long cmd, const void *req, size_t size,
			    bool straddle)
{
	long page = sysconf(_SC_PAGESIZE);
	void *map = NULL, *ro;
	long ret;

	ro = read_only_request(req, size, straddle, &map);
	if (!ro)
		return -ENOMEM;
	ret = dev_ioctl(fd, cmd, ro);
	EXPECT_EQ(0, memcmp(ro, req, size));
	munmap(map, 2 * page);
	return ret;
}

/*
 * The caller's keys and bytes charged, from /proc/key-users open in @fd:
 * 0 or -errno.
 */
static int quota_from(int fd, unsigned int *keys, unsigned int *bytes)
{
	unsigned int u, usage, nkeys, ninst, qkeys, maxkeys, qbytes, maxbytes;
	char buf[16384], *line, *save = NULL;
	ssize_t n, total = 0;
	int ret = -ENOENT;

	if (lseek(fd, 0, SEEK_SET))
		return -errno;
	while ((n = read(fd, buf + total, sizeof(buf) - 1 - total)) > 0)
		total += n;
	if (n < 0)
		return -errno;
	buf[total] = '\0';
	for (line = strtok_r(buf, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save))
		if (sscanf(line, " %u: %u %u/%u %u/%u %u/%u", &u, &usage,
			   &nkeys, &ninst, &qkeys, &maxkeys, &qbytes,
			   &maxbytes) == 8 && u == getuid()) {
			*keys = qkeys;
			*bytes = qbytes;
			ret = 0;
		}
	return ret;
}

/*
 * Wait up to @ms for the quota read from @fd to stop changing for 200 ms
 * (keys dropped earlier being collected), or to read @keys and @bytes if
 * @exact: 0, or -EAGAIN with what was last read in @keys and @bytes.
 */
static int quota_wait(int fd, unsigned int *keys, unsigned int *bytes,
		      bool exact, unsigned int ms)
{
	unsigned int k, b, lk = ~0u, lb = ~0u, waited, still = 0;

	for (waited = 0;; waited += 20) {
		if (quota_from(fd, &k, &b))
			return -ENOENT;
		if (exact ? k == *keys && b == *bytes : still >= 200) {
			*keys = k;
			*bytes = b;
			return 0;
		}
		still = k == lk && b == lb ? still + 20 : 0;
		lk = k;
		lb = b;
		if (waited >= ms) {
			*keys = k;
			*bytes = b;
			return -EAGAIN;
		}
		usleep(20000);
	}
}

/* What the attacker has, all of which a failed ioctl must leave alone. */
struct footprint {
	long keys;		/* linked in the session keyring */
	unsigned int quota_keys, quota_bytes;	/* /proc/key-users */
};

static void footprint(struct __test_metadata *_metadata, int fd,
		      struct footprint *f)
{
	f->keys = session_keys();
	ASSERT_LE(0, f->keys);
	ASSERT_EQ(0, quota_from(fd, &f->quota_keys, &f->quota_bytes));
}

static void expect_footprint(struct __test_metadata *_metadata, int fd,
			     const struct footprint *was, const char *what)
{
	struct footprint now;

	footprint(_metadata, fd, &now);
	EXPECT_EQ(was->keys, now.keys) TH_LOG("%s: keys linked", what);
	EXPECT_EQ(was->quota_keys, now.quota_keys)
		TH_LOG("%s: keys charged", what);
	EXPECT_EQ(was->quota_bytes, now.quota_bytes)
		TH_LOG("%s: bytes charged", what);
}

#define SENTINEL	0xa5

/* Whether @buf still holds SENTINEL in each of its @len bytes. */
static bool untouched(const u8 *buf, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (buf[i] != SENTINEL)
			return false;
	return true;
}

/*
 * Item 4. As the attacker, in its own session under its own root: each
 * ioctl that writes its request back, with a request it could write
 * succeeds; the same request read-only (wholly, or its second half) fails
 * with EFAULT, and nothing changed: the same keys linked, the same quota,
 * output buffers as they were, no key by the IMPORT's description, and
 * the key's blob as it was.
 */
TEST_F(integrity, read_only_requests_change_nothing)
{
	pid_t pid;

	pid = ATTACKER_FORK();
	if (pid == 0) {
		static const char msg[] = "read-only request";
		u8 blob[BLOB_MAX], out[BLOB_MAX], ct[sizeof(msg) + KEYSEAL_TAG_SIZE];
		u8 pk[KEYSEAL_P256_PUBLIC_SIZE], stored[BLOB_MAX];
		u8 nonce[KEYSEAL_NONCE_SIZE] = { 0 };
		key_serial_t mine, k, x, imported;
		unsigned int got_keys, got_bytes;
		struct footprint was;
		u32 len, n, ct_len = sizeof(ct), stored_len;
		int straddle;

		mine = add_mine();
		ASSERT_LT(0, mine);
		k = NEW_KEY("k", "new aead exportable parent=user:mine");
		x = NEW_KEY("x", "new x25519 parent=user:mine");
		len = BLOB_OF(k, blob);
		ASSERT_EQ(0, dev_crypt(self->fd, true, k, msg, sizeof(msg),
				       NULL, 0, ct, &ct_len, nonce));
		ASSERT_EQ(0, quota_wait(self->key_users, &got_keys, &got_bytes,
					false, 10000));

		for (straddle = 0; straddle < 2; straddle++) {
			struct keyseal_info info = { .serial = k };
			struct keyseal_export exp = {
				.serial = k,
				.target = KEYSEAL_TARGET_KEK,
				.kek = mine,
				.blob_len = sizeof(out),
				.blob = (uintptr_t)out,
			};
			struct keyseal_import imp = {
				.blob = (uintptr_t)blob,
				.blob_len = len,
				.keyring = KEY_SPEC_SESSION_KEYRING,
				.description = (uintptr_t)"ro-import",
			};
			struct keyseal_rewrap rw = {
				.blob_in = (uintptr_t)blob,
				.blob_in_len = len,
				.kek = mine,
				.blob_out_len = sizeof(out),
				.blob_out = (uintptr_t)out,
			};
			struct keyseal_crypt enc = {
				.serial = k,
				.in = (uintptr_t)msg,
				.in_len = sizeof(msg),
				.out = (uintptr_t)out,
				.out_len = sizeof(out),
			};
			struct keyseal_crypt dec = {
				.serial = k,
				.in = (uintptr_t)ct,
				.in_len = ct_len,
				.out = (uintptr_t)out,
				.out_len = sizeof(out),
			};
			struct keyseal_pubkey pub = {
				.serial = x,
				.buf = (uintptr_t)out,
				.buf_len = sizeof(pk),
			};
			const struct {
				const char *name;
				unsigned long cmd;
				const void *req;
				size_t size;
			} ops[] = {
				{ "INFO", KEYSEAL_IOC_INFO, &info, sizeof(info) },
				{ "EXPORT", KEYSEAL_IOC_EXPORT, &exp, sizeof(exp) },
				{ "IMPORT", KEYSEAL_IOC_IMPORT, &imp, sizeof(imp) },
				{ "REWRAP", KEYSEAL_IOC_REWRAP, &rw, sizeof(rw) },
				{ "ENCRYPT", KEYSEAL_IOC_ENCRYPT, &enc, sizeof(enc) },
				{ "DECRYPT", KEYSEAL_IOC_DECRYPT, &dec, sizeof(dec) },
				{ "PUBKEY", KEYSEAL_IOC_PUBKEY, &pub, sizeof(pub) },
			};
			unsigned int i;

			memcpy(dec.nonce, nonce, sizeof(nonce));
			for (i = 0; i < sizeof(ops) / sizeof(ops[0]); i++) {
				stored_len = BLOB_OF(k, stored);
				footprint(_metadata, self->key_users, &was);
				memset(out, SENTINEL, sizeof(out));
				EXPECT_EQ(-EFAULT,
					  ioctl_read_only(_metadata, self->fd,
							  ops[i].cmd, ops[i].req,
							  ops[i].size, straddle))
					TH_LOG("%s%s", ops[i].name,
					       straddle ? " (straddling)" : "");
				expect_footprint(_metadata, self->key_users, &was,
						 ops[i].name);
				EXPECT_TRUE(untouched(out, sizeof(out)))
					TH_LOG("%s wrote its output", ops[i].name);
				EXPECT_EQ(-1, keyctl_search(KEY_SPEC_SESSION_KEYRING,
							    "sealed", "ro-import",
							    0));
				EXPECT_EQ(ENOKEY, errno);
				n = BLOB_OF(k, out);
				EXPECT_EQ(stored_len, n);
				EXPECT_EQ(0, memcmp(stored, out, n));
			}

			/* the same requests, writable: each succeeds */
			footprint(_metadata, self->key_users, &was);
			for (i = 0; i < sizeof(ops) / sizeof(ops[0]); i++) {
				u8 req[sizeof(struct keyseal_info)]
					__attribute__((aligned(8)));

				memcpy(req, ops[i].req, ops[i].size);
				EXPECT_EQ(0, dev_ioctl(self->fd, ops[i].cmd, req))
					TH_LOG("%s", ops[i].name);
				if (ops[i].cmd == KEYSEAL_IOC_IMPORT) {
					imported = ((struct keyseal_import *)req)->serial;
					EXPECT_LT(0, imported);
					discard_key(imported);
				}
			}
			/* the imported key collected, the quota is back */
			got_keys = was.quota_keys;
			got_bytes = was.quota_bytes;
			EXPECT_EQ(0, quota_wait(self->key_users, &got_keys,
						&got_bytes, true, 10000))
				TH_LOG("%u keys, %u bytes", got_keys, got_bytes);
		}
		_exit(0);
	}
	ASSERT_EQ(0, wait_child(pid));
}

/* --- item 6 ---------------------------------------------------------------- */

/*
 * Item 6, rewrap needs READ. root's key D (exportable) under root's sealed
 * KEK int-p; the attacker may view and write D, not read it, and may
 * search and link int-p. The attacker:
 *
 * - cannot move D under its own user:mine, by name or serial, nor under
 *   root's logon root (EACCES): D's blob is as it was;
 * - may re-seal D under its own parent (by serial, or by the name int-p
 *   linked into its session): D stays under int-p, exportable;
 * - with its own sealed:int-p in its session instead (another key by the
 *   same name), "restrict" is EKEYREJECTED and "rewrap
 *   parent=sealed:int-p" a move (EACCES): D's blob is as it was;
 * - with root's int-p linked again, may restrict D: D is no longer
 *   exportable, and still under int-p.
 */
TEST_F(integrity, rewrap_needs_read_restrict_needs_own_parent)
{
	u8 before[BLOB_MAX], after[BLOB_MAX];
	struct keyseal_info info, pinfo;
	key_serial_t p, d;
	u32 before_len, after_len;
	pid_t pid;

	p = NEW_KEY("int-p", "new kek parent=logon:int:root");
	d = NEW_KEY("d", "new aead exportable parent=sealed:int-p");
	ASSERT_EQ(0, dev_info(self->fd, d, &pinfo));
	ASSERT_EQ(0, keyctl_setperm(p, OWNER_ALL | KEY_OTH_VIEW |
				    KEY_OTH_SEARCH | KEY_OTH_LINK));
	ASSERT_EQ(0, keyctl_setperm(d, OWNER_ALL | KEY_OTH_VIEW |
				    KEY_OTH_WRITE));
	/* root's logon root too may be searched: only READ on D is missing */
	ASSERT_EQ(0, keyctl_setperm(self->root, OWNER_ALL | KEY_OTH_VIEW |
				    KEY_OTH_SEARCH | KEY_OTH_LINK));
	before_len = BLOB_OF(d, before);

	pid = ATTACKER_FORK();
	if (pid == 0) {
		char command[64], name[16];
		key_serial_t mine, fake;
		char armor[16];

		mine = add_mine();
		ASSERT_LT(0, mine);
		/* it may write D, not read it */
		EXPECT_EQ(-EACCES, read_key(d, armor, sizeof(armor)));
		EXPECT_EQ(-EACCES, export_to_kek(self->fd, d, mine));

		EXPECT_EQ(-EACCES, update_key(d, "rewrap parent=user:mine"));
		snprintf(command, sizeof(command), "rewrap parent=%s",
			 serial_name(mine, name, sizeof(name)));
		EXPECT_EQ(-EACCES, update_key(d, command));
		snprintf(command, sizeof(command), "rewrap parent=%s",
			 serial_name(self->root, name, sizeof(name)));
		EXPECT_EQ(-EACCES, update_key(d, command));

		/* another key by the name of D's parent */
		fake = NEW_KEY("int-p", "new kek parent=user:mine");
		EXPECT_EQ(-EKEYREJECTED, update_key(d, "restrict"));
		EXPECT_EQ(-EKEYREJECTED, update_key(d, "restrict exportable"));
		EXPECT_EQ(-EACCES, update_key(d, "rewrap parent=sealed:int-p"));
		ASSERT_EQ(0, keyctl_unlink(fake, KEY_SPEC_SESSION_KEYRING));
		_exit(0);
	}
	ASSERT_EQ(0, wait_child(pid));
	after_len = BLOB_OF(d, after);
	ASSERT_EQ(before_len, after_len);
	EXPECT_EQ(0, memcmp(before, after, before_len));

	pid = ATTACKER_FORK();
	if (pid == 0) {
		char command[64], name[16];
		struct keyseal_info ai;

		/* its own parent, by serial: re-sealed where it was */
		snprintf(command, sizeof(command), "rewrap parent=%s",
			 serial_name(p, name, sizeof(name)));
		EXPECT_EQ(0, update_key(d, command));
		/* and by the name, root's int-p linked into its session */
		ASSERT_EQ(0, keyctl_link(p, KEY_SPEC_SESSION_KEYRING));
		EXPECT_EQ(0, update_key(d, "rewrap parent=sealed:int-p"));
		ASSERT_EQ(0, dev_info(self->fd, d, &ai));
		EXPECT_EQ(EXP, ai.key_flags);
		EXPECT_EQ(0, update_key(d, "restrict"));
		ASSERT_EQ(0, dev_info(self->fd, d, &ai));
		EXPECT_EQ(0, ai.key_flags);
		EXPECT_STREQ("sealed:int-p", ai.parent);
		_exit(0);
	}
	ASSERT_EQ(0, wait_child(pid));

	after_len = BLOB_OF(d, after);
	EXPECT_NE(0, memcmp(before, after, after_len < before_len ?
			    after_len : before_len));
	ASSERT_EQ(0, dev_info(self->fd, d, &info));
	EXPECT_EQ(0, info.key_flags);
	EXPECT_STREQ("sealed:int-p", info.parent);
	EXPECT_EQ(0, memcmp(pinfo.parent_fingerprint, info.parent_fingerprint,
			    FP_SIZE));
	EXPECT_EQ(0, memcmp(pinfo.key_id, info.key_id, KEYSEAL_KEY_ID_SIZE));
	/* and its blob loads, as restricted, under int-p */
	drop_key(d);
	d = load_blob("d", after, after_len);
	ASSERT_LT(0, d);
	ASSERT_EQ(0, dev_info(self->fd, d, &info));
	EXPECT_EQ(0, info.key_flags);
}

/*
 * Item 6, the updater's keyrings. root updating its own D in a session
 * where the attacker planted a key named like D's parent (sealed:int-p,
 * the attacker's): restrict and "rewrap parent=sealed:int-p" are both
 * EKEYREJECTED (a key found by name serves only its owner or root, and
 * it is not D's parent anyway), and D's stored blob is as it was.
 */
TEST_F(integrity, planted_parent_name_is_rejected)
{
	u8 before[BLOB_MAX], after[BLOB_MAX];
	key_serial_t *planted = shared_alloc(sizeof(*planted));
	key_serial_t d;
	u32 before_len, after_len;
	pid_t pid;

	ASSERT_NE(NULL, planted);
	NEW_KEY("int-p", "new kek parent=logon:int:root");
	d = NEW_KEY("d", "new aead exportable parent=sealed:int-p");
	/* root may write D from a session that does not possess it */
	ASSERT_EQ(0, keyctl_setperm(d, OWNER_ALL));
	before_len = BLOB_OF(d, before);

	pid = ATTACKER_FORK();
	if (pid == 0) {
		key_serial_t mine = add_mine();

		ASSERT_LT(0, mine);
		*planted = NEW_KEY("int-p", "new kek parent=user:mine");
		ASSERT_EQ(0, keyctl_setperm(*planted, KEY_POS_ALL |
					    KEY_USR_ALL | KEY_OTH_ALL));
		_exit(0);
	}
	ASSERT_EQ(0, wait_child(pid));
	ASSERT_LT(0, *planted);

	fflush(stdout);
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		ASSERT_EQ(0, new_session());
		ASSERT_EQ(0, keyctl_link(*planted, KEY_SPEC_SESSION_KEYRING));
		EXPECT_EQ(-EKEYREJECTED, update_key(d, "restrict"));
		EXPECT_EQ(-EKEYREJECTED,
			  update_key(d, "rewrap parent=sealed:int-p"));
		_exit(0);
	}
	ASSERT_EQ(0, wait_child(pid));
	after_len = BLOB_OF(d, after);
	ASSERT_EQ(before_len, after_len);
	EXPECT_EQ(0, memcmp(before, after, before_len));
	/* in its own session, root's int-p is found and restrict works */
	EXPECT_EQ(0, update_key(d, "restrict"));
}

/*
 * Item 6, cycles. A KEK exported to a KEK below it would make a blob that
 * can never load: EXPORT to a child or grandchild is EKEYREJECTED, as
 * REWRAP of its blob and "rewrap parent=" are; to itself too.
 */
TEST_F(integrity, export_to_own_descendant_is_a_cycle)
{
	u8 blob[BLOB_MAX], out[BLOB_MAX];
	key_serial_t k, c, g;
	char command[64], name[16];
	u32 len, out_len;

	k = NEW_KEY("k", "new kek exportable parent=logon:int:root");
	c = NEW_KEY("c", "new kek exportable parent=sealed:k");
	g = NEW_KEY("g", "new kek exportable parent=sealed:c");
	len = BLOB_OF(k, blob);

	EXPECT_EQ(-EKEYREJECTED, export_to_kek(self->fd, k, c));
	EXPECT_EQ(-EKEYREJECTED, export_to_kek(self->fd, k, g));
	EXPECT_EQ(-EKEYREJECTED, export_to_kek(self->fd, k, k));
	EXPECT_EQ(-EKEYREJECTED, export_to_kek(self->fd, c, g));
	EXPECT_EQ(-EKEYREJECTED, rewrap_to(self->fd, blob, len, 0, c));
	EXPECT_EQ(-EKEYREJECTED, rewrap_to(self->fd, blob, len, 0, g));
	snprintf(command, sizeof(command), "rewrap parent=%s",
		 serial_name(g, name, sizeof(name)));
	EXPECT_EQ(-EKEYREJECTED, update_key(k, command));
	EXPECT_EQ(-EKEYREJECTED, update_key(k, "rewrap parent=sealed:c"));
	out_len = sizeof(out);
	EXPECT_EQ(-EKEYREJECTED, dev_export(self->fd, k, KEYSEAL_TARGET_KEK,
					    c, out, &out_len));
	/* elsewhere they go */
	EXPECT_EQ(0, export_to_kek(self->fd, g, k));
	EXPECT_EQ(0, export_to_kek(self->fd, c, self->root));
}

/*
 * Item 6, restrict and old blobs, as Documentation/admin-guide.rst
 * "Tightening a key's policy" promises. After restrict the key and every
 * blob read afterwards carry the stricter flags; a blob read before keeps
 * its flags and loads with them while its parent is there (a documented
 * limit). The remedy: move the key under a new KEK, restrict it, revoke
 * the old KEK; then the old blobs open nowhere (the revoked KEK,
 * EKEYREVOKED, while it is still linked, and ENOKEY once it is gone),
 * while the key, from its new blob, is as restricted.
 */
TEST_F(integrity, restrict_old_blobs_and_the_remedy)
{
	u8 stale[BLOB_MAX], stale2[BLOB_MAX], fresh[BLOB_MAX];
	key_serial_t old, db, db2, app2, id;
	struct keyseal_info info, was;
	u32 stale_len, stale2_len, fresh_len;

	old = NEW_KEY("old-kek", "new kek parent=logon:int:root");
	db = NEW_KEY("db", "new aead exportable parent=sealed:old-kek");
	stale_len = BLOB_OF(db, stale);
	ASSERT_EQ(0, dev_info(self->fd, db, &was));
	EXPECT_EQ(0, update_key(db, "restrict"));
	ASSERT_EQ(0, dev_info(self->fd, db, &info));
	EXPECT_EQ(0, info.key_flags);
	EXPECT_EQ(-EPERM, export_to_kek(self->fd, db, self->root));

	/* the documented limit: the stale blob, with its old flags */
	id = load_blob("db-stale", stale, stale_len);
	ASSERT_LT(0, id);
	ASSERT_EQ(0, dev_info(self->fd, id, &info));
	EXPECT_EQ(EXP, info.key_flags);
	EXPECT_EQ(0, memcmp(was.key_id, info.key_id, KEYSEAL_KEY_ID_SIZE));
	EXPECT_EQ(0, export_to_kek(self->fd, id, self->root));
	drop_key(id);

	/* the remedy, step by step as the guide gives it */
	db2 = NEW_KEY("db2", "new aead exportable parent=sealed:old-kek");
	stale2_len = BLOB_OF(db2, stale2);
	app2 = NEW_KEY("app2-kek", "new kek parent=logon:int:root");
	EXPECT_EQ(0, update_key(db2, "rewrap parent=sealed:app2-kek"));
	EXPECT_EQ(0, update_key(db2, "restrict"));
	fresh_len = BLOB_OF(db2, fresh);
	ASSERT_EQ(0, keyctl_revoke(old));

	EXPECT_EQ(-EKEYREVOKED, load_blob("x", stale, stale_len));
	EXPECT_EQ(-EKEYREVOKED, load_blob("x", stale2, stale2_len));
	ASSERT_EQ(0, keyctl_unlink(old, KEY_SPEC_SESSION_KEYRING));
	EXPECT_EQ(-ENOKEY, load_blob("x", stale, stale_len));
	EXPECT_EQ(-ENOKEY, load_blob("x", stale2, stale2_len));
	EXPECT_EQ(-ENOKEY, rewrap_to(self->fd, stale2, stale2_len, 0, app2));

	/* the key lives on under app2-kek, as restricted */
	ASSERT_EQ(0, dev_info(self->fd, db2, &was));
	drop_key(db2);
	id = load_blob("db2", fresh, fresh_len);
	ASSERT_LT(0, id);
	ASSERT_EQ(0, dev_info(self->fd, id, &info));
	EXPECT_EQ(0, info.key_flags);
	EXPECT_STREQ("sealed:app2-kek", info.parent);
	EXPECT_EQ(0, memcmp(was.key_id, info.key_id, KEYSEAL_KEY_ID_SIZE));
	EXPECT_EQ(-EPERM, export_to_kek(self->fd, id, self->root));
}

/* --- item 6: ENCRYPT memory in the key quota -------------------------------- */

/* In the attacker: one ENCRYPT of a short message with @id: 0 or -errno. */
static long encrypt_short(int fd, key_serial_t id)
{
	u8 ct[16 + KEYSEAL_TAG_SIZE], nonce[KEYSEAL_NONCE_SIZE] = { 0 };
	u32 len = sizeof(ct);

	return dev_crypt(fd, true, id, "charged on use..", 16, NULL, 0, ct,
			 &len, nonce);
}

/*
 * Item 6, memory accounted and bounded. An aead key charges its owner's
 * key quota for the gcm(aes) transform it keeps (1024 bytes) when its
 * first ENCRYPT or DECRYPT makes it, not when the key is made, so that an
 * unprivileged user under the kernel's default quota (20000 bytes) still
 * holds dozens of unused keys. Used, a key costs exactly 1024 bytes more,
 * once; a new payload (restrict) gives the charge back until the next use;
 * and a first use the quota cannot hold fails with EDQUOT and charges
 * nothing, until keys are dropped.
 */
TEST_F(integrity, aead_transform_charged_on_first_use)
{
	unsigned long default_bytes = 20000;
	pid_t pid;

	ASSERT_EQ(0, key_sysctl("maxbytes", &default_bytes, true));
	pid = ATTACKER_FORK();
	if (pid == 0) {
		unsigned int keys, bytes, used_keys, used_bytes, n, i;
		key_serial_t k, spare[100];
		char desc[16];
		u8 ct[16 + KEYSEAL_TAG_SIZE], pt[16];
		u8 nonce[KEYSEAL_NONCE_SIZE] = { 0 };
		u32 len;

		ASSERT_LT(0, add_mine());
		k = NEW_KEY("k", "new aead parent=user:mine");
		ASSERT_EQ(0, quota_wait(self->key_users, &keys, &bytes, false,
					10000));

		/* the first use charges the transform, once */
		ASSERT_EQ(0, encrypt_short(self->fd, k));
		ASSERT_EQ(0, quota_from(self->key_users, &used_keys,
					&used_bytes));
		EXPECT_EQ(keys, used_keys);
		EXPECT_EQ(bytes + 1024, used_bytes);
		len = sizeof(ct);
		ASSERT_EQ(0, dev_crypt(self->fd, true, k, "charged on use..",
				       16, NULL, 0, ct, &len, nonce));
		len = sizeof(pt);
		ASSERT_EQ(0, dev_crypt(self->fd, false, k, ct, sizeof(ct), NULL,
				       0, pt, &len, nonce));
		ASSERT_EQ(0, quota_from(self->key_users, &used_keys,
					&used_bytes));
		EXPECT_EQ(bytes + 1024, used_bytes);

		/* a new payload has no transform yet, and no charge for one */
		ASSERT_EQ(0, update_key(k, "restrict"));
		ASSERT_EQ(0, quota_from(self->key_users, &used_keys,
					&used_bytes));
		EXPECT_EQ(bytes, used_bytes);
		ASSERT_EQ(0, encrypt_short(self->fd, k));
		ASSERT_EQ(0, quota_from(self->key_users, &used_keys,
					&used_bytes));
		EXPECT_EQ(bytes + 1024, used_bytes);

		/* unused keys fill the rest of the quota, many of them */
		for (n = 0; n < sizeof(spare) / sizeof(spare[0]); n++) {
			snprintf(desc, sizeof(desc), "spare%u", n);
			spare[n] = add_sealed(desc, "new aead parent=user:mine");
			if (spare[n] == -EDQUOT)
				break;
			ASSERT_LT(0, spare[n]) TH_LOG("%u", n);
		}
		EXPECT_LT(20, n) TH_LOG("%u unused aead keys fit", n);
		ASSERT_LT(2, n);

		/* a first use the quota cannot hold: EDQUOT, nothing charged */
		ASSERT_EQ(0, quota_from(self->key_users, &keys, &bytes));
		EXPECT_EQ(-EDQUOT, encrypt_short(self->fd, spare[0]));
		len = sizeof(pt);
		EXPECT_EQ(-EDQUOT, dev_crypt(self->fd, false, spare[0], ct,
					     sizeof(ct), NULL, 0, pt, &len,
					     nonce));
		ASSERT_EQ(0, quota_from(self->key_users, &used_keys,
					&used_bytes));
		EXPECT_EQ(keys, used_keys);
		EXPECT_EQ(bytes, used_bytes);
		/* the key already charged goes on working */
		EXPECT_EQ(0, encrypt_short(self->fd, k));

		/* room made, the key works */
		for (i = 1; i < 5 && i < n; i++)
			ASSERT_EQ(0, keyctl_unlink(spare[i],
						   KEY_SPEC_SESSION_KEYRING));
		ASSERT_EQ(0, quota_wait(self->key_users, &keys, &bytes, false,
					10000));
		EXPECT_EQ(0, encrypt_short(self->fd, spare[0]));
		ASSERT_EQ(0, quota_from(self->key_users, &used_keys,
					&used_bytes));
		EXPECT_EQ(bytes + 1024, used_bytes);
		_exit(0);
	}
	ASSERT_EQ(0, wait_child(pid));
}

TEST_HARNESS_MAIN
