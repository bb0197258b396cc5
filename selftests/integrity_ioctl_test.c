// SPDX-License-Identifier: GPL-2.0
/*
 * Hierarchy integrity, issue 12 item 4 (integrity.h has the fixture).
 *
 * - Item 4: every ioctl that writes its request back (INFO, EXPORT,
 *   IMPORT, REWRAP, ENCRYPT, DECRYPT, PUBKEY) fails with EFAULT when the
 *   request is read-only, wholly or in part, and changes nothing: no key
 *   made or linked, no quota charged, no output written. (That a
 *   read-only ENCRYPT draws nothing from the key's nonce budget needs the
 *   module loaded with a small aead_max_messages: unload_test checks it.)
 */

#include <sys/mman.h>

#include "integrity.h"

/* The number of keys linked in the session keyring, or -errno. */
static long session_keys(void)
{
	key_serial_t ring[512];
	long len = keyctl_read(KEY_SPEC_SESSION_KEYRING, (char *)ring,
			       sizeof(ring));

	return len < 0 ? -errno : len / (long)sizeof(key_serial_t);
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
 * output buffers as they were, no key by the IMPORT's or BRIDGE's
 * description, and the key's blob as it was.
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
		key_serial_t mine, k, x, s, imported;
		unsigned int got_keys, got_bytes;
		struct footprint was;
		u32 len, n, ct_len = sizeof(ct), stored_len;
		int straddle;

		mine = add_mine();
		ASSERT_LT(0, mine);
		k = NEW_KEY("k", "new aead exportable parent=user:mine");
		x = NEW_KEY("x", "new x25519 parent=user:mine");
		s = NEW_KEY("s", "new secret 32 parent=user:mine");
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
			struct keyseal_bridge br = {
				.serial = s,
				.kind = KEYSEAL_BRIDGE_LOGON,
				.keyring = KEY_SPEC_SESSION_KEYRING,
				.description = (uintptr_t)"ro:bridge",
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
				{ "BRIDGE", KEYSEAL_IOC_BRIDGE, &br, sizeof(br) },
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
				EXPECT_EQ(-1, keyctl_search(KEY_SPEC_SESSION_KEYRING,
							    "logon", "ro:bridge",
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
				if (ops[i].cmd == KEYSEAL_IOC_BRIDGE) {
					imported = ((struct keyseal_bridge *)req)->new_serial;
					EXPECT_LT(0, imported);
					discard_key(imported);
				}
			}
			/* the imported and bridged keys collected, the quota is back */
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

TEST_HARNESS_MAIN
