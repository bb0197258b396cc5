/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Helpers shared by keyseal's selftests: keyrings, sealed keys and blobs.
 * Each helper returns what the kernel said (a serial, a length) or -errno,
 * so tests can assert exact outcomes.
 */
#ifndef KEYSEAL_TEST_H
#define KEYSEAL_TEST_H

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <keyutils.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <linux/keyseal.h>

#include "armor.h"
#include "blob.h"

#define ROOT_KEK_SIZE 32

/*
 * Whether the kernel has P-256 ECDH ("ecdh-nist-p256"), which came in 5.12:
 * before, keyseal refuses every P-256 key with EOPNOTSUPP.
 */
static inline bool kernel_has_p256(void)
{
	unsigned int major, minor;
	struct utsname u;

	if (uname(&u) || sscanf(u.release, "%u.%u", &major, &minor) != 2)
		return true;
	return major > 5 || (major == 5 && minor >= 12);
}

/* A fresh session keyring for the calling test, and nothing in it. */
static inline int new_session(void)
{
	long ret = keyctl_join_session_keyring(NULL);

	return ret < 0 ? -errno : 0;
}

static inline key_serial_t add_key_errno(const char *type, const char *desc,
					 const void *payload, size_t len,
					 key_serial_t ring)
{
	key_serial_t id = add_key(type, desc, payload, len, ring);

	return id < 0 ? -errno : id;
}

/* A user key of @len random bytes: a root KEK. */
static inline key_serial_t add_random_user_key(const char *desc, size_t len)
{
	unsigned char material[4096];

	if (len > sizeof(material) ||
	    getrandom(material, len, 0) != (ssize_t)len)
		return -EIO;
	return add_key_errno("user", desc, material, len,
			     KEY_SPEC_SESSION_KEYRING);
}

/*
 * A logon key of @len random bytes. Added by root it is a root KEK that
 * vouches for the provenance of what it holds (a logon root owned by
 * GLOBAL_ROOT_UID); a user root never does, nor a root another uid owns.
 */
static inline key_serial_t add_random_logon_key(const char *desc, size_t len)
{
	unsigned char material[4096];

	if (len > sizeof(material) ||
	    getrandom(material, len, 0) != (ssize_t)len)
		return -EIO;
	return add_key_errno("logon", desc, material, len,
			     KEY_SPEC_SESSION_KEYRING);
}

/* A new session with root KEKs user:kmk, user:kmk2; a macro, as it ASSERTs. */
#define SETUP_SESSION_WITH_ROOTS(self) do {				\
	ASSERT_EQ(0, new_session());					\
	(self)->kmk = add_random_user_key("kmk", ROOT_KEK_SIZE);	\
	(self)->kmk2 = add_random_user_key("kmk2", ROOT_KEK_SIZE);	\
	ASSERT_LT(0, (self)->kmk);					\
	ASSERT_LT(0, (self)->kmk2);					\
} while (0)

/* The same, and /dev/keyseal open in (self)->fd, for the ioctl tests. */
#define SETUP_SESSION_WITH_ROOTS_AND_DEVICE(self) do {			\
	SETUP_SESSION_WITH_ROOTS(self);					\
	(self)->fd = open("/dev/keyseal", O_RDWR | O_CLOEXEC);		\
	ASSERT_LE(0, (self)->fd);					\
} while (0)

/* add_key of a sealed key in the session keyring. */
static inline key_serial_t add_sealed(const char *desc, const char *command)
{
	return add_key_errno("sealed", desc, command, strlen(command),
			     KEY_SPEC_SESSION_KEYRING);
}

static inline long update_key(key_serial_t id, const char *command)
{
	return keyctl_update(id, command, strlen(command)) < 0 ? -errno : 0;
}

/* keyctl read into @buf, NUL-terminated: the length, or -errno. */
static inline long read_key(key_serial_t id, char *buf, size_t size)
{
	long len = keyctl_read(id, buf, size - 1);

	if (len < 0)
		return -errno;
	if ((size_t)len >= size)
		return -E2BIG;
	buf[len] = '\0';
	return len;
}

/* "load <armor>" with optional extra words. */
static inline key_serial_t load_armor(const char *desc, const char *armor,
				      const char *extra)
{
	char command[KEYSEAL_ARMOR_MAX_SIZE + 600];

	snprintf(command, sizeof(command), "load %s%s%s", armor,
		 extra ? " " : "", extra ? extra : "");
	return add_sealed(desc, command);
}

/* Load a binary blob with optional extra words: armor it, then "load" it. */
static inline key_serial_t load_blob_with(const char *desc, const u8 *blob,
					  size_t len, const char *extra)
{
	char armor[KEYSEAL_ARMOR_MAX_SIZE + 1];
	size_t n;

	if (len > KEYSEAL_BLOB_MAX_SIZE)
		return -E2BIG;
	n = keyseal_armor_encode(blob, len, armor);
	armor[n] = '\0';
	return load_armor(desc, armor, extra);
}

/* Load a binary blob: armor it, then "load" it. */
static inline key_serial_t load_blob(const char *desc, const u8 *blob,
				     size_t len)
{
	return load_blob_with(desc, blob, len, NULL);
}

/* The binary blob keyctl read returns for a key. */
static inline long read_blob(key_serial_t id, u8 *blob, size_t size)
{
	char armor[KEYSEAL_ARMOR_MAX_SIZE + 2];
	long len = read_key(id, armor, sizeof(armor));

	if (len < 0)
		return len;
	return keyseal_armor_decode(armor, len, blob, size);
}

/* A sealed key made in the session; the test stops if it cannot be made. */
#define NEW_KEY(desc, command) ({					\
	key_serial_t __id = add_sealed(desc, command);			\
	ASSERT_LT(0, __id) TH_LOG("%s: %s", command, strerror(-__id));	\
	__id;								\
})

/* The stored blob of a key, as keyctl read gives it, and its length. */
#define BLOB_OF(id, blob) ({						\
	long __len = read_blob(id, blob, KEYSEAL_BLOB_MAX_SIZE);	\
	ASSERT_LT(0, __len);						\
	(u32)__len;							\
})

/* Remove a key from the session keyring and make it unusable at once. */
static inline void drop_key(key_serial_t id)
{
	keyctl_unlink(id, KEY_SPEC_SESSION_KEYRING);
	keyctl_invalidate(id);
}

/* The line of /proc/keys describing a key, or an empty string. */
static inline void proc_keys_line(key_serial_t id, char *line, size_t size)
{
	char want[16];
	FILE *f = fopen("/proc/keys", "r");

	line[0] = '\0';
	if (!f)
		return;
	snprintf(want, sizeof(want), "%08x ", id);
	while (fgets(line, size, f))
		if (!strncmp(line, want, strlen(want)))
			break;
		else
			line[0] = '\0';
	fclose(f);
}

/* The keys and bytes charged to @uid, from /proc/key-users. */
static inline int key_quota_of(unsigned int uid, unsigned int *keys,
			       unsigned int *bytes)
{
	unsigned int u, usage, nkeys, ninst, qkeys, maxkeys;
	unsigned int qbytes, maxbytes;
	char line[256];
	FILE *f = fopen("/proc/key-users", "r");
	int ret = -ENOENT;

	if (!f)
		return -errno;
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, " %u: %u %u/%u %u/%u %u/%u", &u, &usage,
			   &nkeys, &ninst, &qkeys, &maxkeys, &qbytes,
			   &maxbytes) == 8 && u == uid) {
			*keys = qkeys;
			*bytes = qbytes;
			ret = 0;
		}
	}
	fclose(f);
	return ret;
}

/* The caller's keys and bytes charged. */
static inline int key_quota(unsigned int *keys, unsigned int *bytes)
{
	return key_quota_of(getuid(), keys, bytes);
}

/*
 * Wait up to @ms milliseconds for the caller's key quota to read @keys and
 * @bytes: keys that were dropped are uncharged by the keyring garbage
 * collector, a little later. Returns 0, or -EAGAIN with what was last read
 * in @got_keys and @got_bytes.
 */
static inline int key_quota_wait(unsigned int keys, unsigned int bytes,
				 unsigned int ms, unsigned int *got_keys,
				 unsigned int *got_bytes)
{
	unsigned int waited;

	for (waited = 0;; waited += 10) {
		if (key_quota(got_keys, got_bytes))
			return -ENOENT;
		if (*got_keys == keys && *got_bytes == bytes)
			return 0;
		if (waited >= ms)
			return -EAGAIN;
		usleep(10000);
	}
}

/*
 * Wait up to @ms milliseconds for the caller's key quota to stop changing
 * (for 200 ms), so that the keys of an earlier test, uncharged as the
 * garbage collector gets to them, do not move a baseline.
 */
static inline int key_quota_settle(unsigned int ms)
{
	unsigned int keys = 0, bytes = 0, k = 0, b = 0, waited, still = 0;

	if (key_quota(&keys, &bytes))
		return -ENOENT;
	for (waited = 0; waited < ms; waited += 20) {
		usleep(20000);
		if (key_quota(&k, &b))
			return -ENOENT;
		still = k == keys && b == bytes ? still + 20 : 0;
		if (still >= 200)
			return 0;
		keys = k;
		bytes = b;
	}
	return -EAGAIN;
}

/*
 * Drop a key linked only in the session keyring: unlinked, it has no user
 * left and the garbage collector destroys it. (Invalidating it instead
 * would leave the link's bytes charged to the keyring, as the collector
 * removes dead links without uncharging them.)
 */
static inline void discard_key(key_serial_t id)
{
	keyctl_unlink(id, KEY_SPEC_SESSION_KEYRING);
}

/*
 * The key quota of users other than root (kernel/keys/maxbytes, maxkeys).
 * A dropped key is uncharged only when the key garbage collector gets to
 * it, a little later; tests that make and drop many keys as an
 * unprivileged uid (an aead key alone charges over a kilobyte) can run
 * into the default 20000 bytes on a slow guest before the collector
 * runs. Such tests raise the quota for their duration: they test keys,
 * not the collector's speed.
 */
struct key_limits {
	unsigned long maxkeys, maxbytes;
};

static inline int key_sysctl(const char *name, unsigned long *value,
			     bool write)
{
	char path[64];
	FILE *f;
	int ret;

	snprintf(path, sizeof(path), "/proc/sys/kernel/keys/%s", name);
	f = fopen(path, write ? "w" : "r");
	if (!f)
		return -errno;
	ret = write ? (fprintf(f, "%lu\n", *value) > 0 ? 0 : -EIO) :
		      (fscanf(f, "%lu", value) == 1 ? 0 : -EIO);
	if (fclose(f) && !ret)
		ret = -errno;
	return ret;
}

/* Save the limits in @was and raise them: 0 or -errno. */
static inline int key_limits_raise(struct key_limits *was)
{
	unsigned long keys = 20000, bytes = 4000000;
	int ret;

	ret = key_sysctl("maxkeys", &was->maxkeys, false);
	if (!ret)
		ret = key_sysctl("maxbytes", &was->maxbytes, false);
	if (!ret && keys > was->maxkeys)
		ret = key_sysctl("maxkeys", &keys, true);
	if (!ret && bytes > was->maxbytes)
		ret = key_sysctl("maxbytes", &bytes, true);
	return ret;
}

static inline int key_limits_restore(struct key_limits *was)
{
	int ret = key_sysctl("maxkeys", &was->maxkeys, true);

	return ret ? ret : key_sysctl("maxbytes", &was->maxbytes, true);
}

/* --- acting as an unprivileged user -------------------------------------- */

/* The uids the tests play an unprivileged local user, and a third party, as. */
#define ATTACKER_UID	1000
#define STRANGER_UID	65534

/*
 * Fork a child that acts as @uid (its group too, no supplementary groups)
 * in a session keyring of its own, so that it possesses none of the
 * parent's keys. Returns 0 in the child, its pid in the parent, -errno if
 * fork failed; a child that cannot drop its privileges exits with 99.
 *
 * The kselftest harness shares _metadata with forked processes, so the
 * child's EXPECTs and ASSERTs count. The VM's root directory is searchable
 * by root only: the child must not exec, and opens what it needs through
 * descriptors the parent opened (/dev/keyseal, directories).
 */
static inline pid_t fork_as(uid_t uid)
{
	pid_t pid;

	fflush(stdout);
	fflush(stderr);
	pid = fork();
	if (pid < 0)
		return -errno;
	if (pid == 0 && (setgroups(0, NULL) || setgid(uid) || setuid(uid) ||
			 new_session()))
		_exit(99);
	return pid;
}

/* Wait for a child: its exit status, 128 + the signal that ended it, or -1. */
static inline int wait_child(pid_t pid)
{
	int status;

	if (waitpid(pid, &status, 0) != pid)
		return -1;
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return WEXITSTATUS(status);
}

/* Zeroed memory a forked child writes and its parent reads, or NULL. */
static inline void *shared_alloc(size_t size)
{
	void *p = mmap(NULL, size, PROT_READ | PROT_WRITE,
		       MAP_SHARED | MAP_ANONYMOUS, -1, 0);

	return p == MAP_FAILED ? NULL : p;
}

/* --- /dev/keyseal: each helper returns 0 or -errno ----------------------- */

static inline long dev_ioctl(int fd, unsigned long cmd, void *arg)
{
	return ioctl(fd, cmd, arg) < 0 ? -errno : 0;
}

static inline long dev_info(int fd, key_serial_t id, struct keyseal_info *info)
{
	memset(info, 0, sizeof(*info));
	info->serial = id;
	return dev_ioctl(fd, KEYSEAL_IOC_INFO, info);
}

/* EXPORT with every field given: 0 or -errno; @len: room in, size out. */
static inline long dev_export_req(int fd, struct keyseal_export *req, u8 *out,
				  u32 *len)
{
	long ret;

	req->blob = (uintptr_t)out;
	req->blob_len = *len;
	ret = dev_ioctl(fd, KEYSEAL_IOC_EXPORT, req);
	*len = req->blob_len;
	return ret;
}

/* EXPORT to the parent, a KEK (@kek) or the clear. */
static inline long dev_export(int fd, key_serial_t id, unsigned int target,
			      key_serial_t kek, u8 *blob, u32 *len)
{
	struct keyseal_export req = {
		.serial = id,
		.target = target,
		.kek = kek,
	};

	return dev_export_req(fd, &req, blob, len);
}

/* EXPORT to a recipient's raw public key, from @sender (0: base mode). */
static inline long dev_export_recipient(int fd, key_serial_t id, u16 kem,
					const u8 *pk, u32 pk_len,
					key_serial_t sender, u8 *blob, u32 *len)
{
	struct keyseal_export req = {
		.serial = id,
		.target = KEYSEAL_TARGET_RECIPIENT,
		.sender = sender,
		.recipient = (uintptr_t)pk,
		.recipient_len = pk_len,
		.recipient_kem = kem,
	};

	return dev_export_req(fd, &req, blob, len);
}

/* EXPORT to an RSA wrapping key's DER SubjectPublicKeyInfo, in @format. */
static inline long dev_export_rsa(int fd, key_serial_t id, u16 format,
				  const u8 *spki, u32 spki_len, u8 *out,
				  u32 *len)
{
	struct keyseal_export req = {
		.serial = id,
		.target = KEYSEAL_TARGET_RSA,
		.recipient = (uintptr_t)spki,
		.recipient_len = spki_len,
		.recipient_kem = format,
	};

	return dev_export_req(fd, &req, out, len);
}

/* BRIDGE a secret key into @ring: the new key's serial, or -errno. */
static inline key_serial_t dev_bridge(int fd, key_serial_t id, __u32 kind,
				      const char *desc, key_serial_t ring,
				      __u32 key_len)
{
	struct keyseal_bridge req = {
		.serial = id,
		.kind = kind,
		.keyring = ring,
		.key_len = key_len,
		.description = (__u64)(uintptr_t)desc,
	};
	long ret = dev_ioctl(fd, KEYSEAL_IOC_BRIDGE, &req);

	return ret ? ret : req.new_serial;
}

/* IMPORT into the session keyring: serial or -errno; @sender may be NULL. */
static inline key_serial_t dev_import(int fd, const u8 *blob, u32 len,
				      const char *desc, key_serial_t unwrap,
				      key_serial_t parent, const u8 *sender,
				      u32 sender_len)
{
	struct keyseal_import req = {
		.blob = (uintptr_t)blob,
		.blob_len = len,
		.keyring = KEY_SPEC_SESSION_KEYRING,
		.description = (uintptr_t)desc,
		.unwrap = unwrap,
		.parent = parent,
		.expected_sender = (uintptr_t)sender,
		.expected_sender_len = sender_len,
	};
	long ret = dev_ioctl(fd, KEYSEAL_IOC_IMPORT, &req);

	return ret ? ret : req.serial;
}

/* REWRAP a blob under @kek; @out_len: room in, size out. */
static inline long dev_rewrap(int fd, const u8 *in, u32 in_len,
			      key_serial_t unwrap, key_serial_t kek, u8 *out,
			      u32 *out_len)
{
	struct keyseal_rewrap req = {
		.blob_in = (uintptr_t)in,
		.blob_in_len = in_len,
		.unwrap = unwrap,
		.kek = kek,
		.blob_out_len = *out_len,
		.blob_out = (uintptr_t)out,
	};
	long ret = dev_ioctl(fd, KEYSEAL_IOC_REWRAP, &req);

	*out_len = req.blob_out_len;
	return ret;
}

/* REWRAP of a blob under @kek, the new blob thrown away: 0 or -errno. */
static inline long rewrap_to(int fd, const u8 *blob, u32 len,
			     key_serial_t unwrap, key_serial_t kek)
{
	u8 out[KEYSEAL_BLOB_MAX_SIZE];
	u32 out_len = sizeof(out);

	return dev_rewrap(fd, blob, len, unwrap, kek, out, &out_len);
}

/* EXPORT of a key to a KEK, the blob thrown away: 0 or -errno. */
static inline long export_to_kek(int fd, key_serial_t id, key_serial_t kek)
{
	u8 out[KEYSEAL_BLOB_MAX_SIZE];
	u32 out_len = sizeof(out);

	return dev_export(fd, id, KEYSEAL_TARGET_KEK, kek, out, &out_len);
}

/* The public half of an exchange key, as PUBKEY gives it. */
struct exchange_pubkey {
	u8 key[KEYSEAL_P256_PUBLIC_SIZE];	/* room for either KEM's */
	u32 len;
	u16 kem;
	u8 fp[KEYSEAL_FINGERPRINT_SIZE];
};

/* PUBKEY with room for any KEM's key, so that callers need not size it. */
static inline long dev_pubkey(int fd, key_serial_t id,
			      struct exchange_pubkey *pk)
{
	struct keyseal_pubkey req = {
		.serial = id,
		.buf = (uintptr_t)pk->key,
		.buf_len = sizeof(pk->key),
	};
	long ret = dev_ioctl(fd, KEYSEAL_IOC_PUBKEY, &req);

	pk->len = req.buf_len;
	pk->kem = req.kem;
	memcpy(pk->fp, req.fingerprint, sizeof(pk->fp));
	return ret;
}

/* ENCRYPT (@nonce out) or DECRYPT (@nonce in), @aad bound; @out_len: in/out. */
static inline long dev_crypt(int fd, bool encrypt, key_serial_t id,
			     const void *in, u32 in_len, const void *aad,
			     u32 aad_len, void *out, u32 *out_len,
			     u8 nonce[KEYSEAL_NONCE_SIZE])
{
	struct keyseal_crypt req = {
		.serial = id,
		.in = (uintptr_t)in,
		.in_len = in_len,
		.aad = (uintptr_t)aad,
		.aad_len = aad_len,
		.out = (uintptr_t)out,
		.out_len = *out_len,
	};
	long ret;

	memcpy(req.nonce, nonce, KEYSEAL_NONCE_SIZE);
	ret = dev_ioctl(fd, encrypt ? KEYSEAL_IOC_ENCRYPT : KEYSEAL_IOC_DECRYPT,
			&req);
	*out_len = req.out_len;
	memcpy(nonce, req.nonce, KEYSEAL_NONCE_SIZE);
	return ret;
}

#endif /* KEYSEAL_TEST_H */
