/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Hierarchy integrity (issue 12, items 4, 5 and 6): the fixture and helpers
 * shared by integrity_export_test.c (item 5), integrity_ioctl_test.c (item 4)
 * and integrity_update_test.c (item 6). What the hierarchy rules promise an
 * administrator, tried by an unprivileged local user (ATTACKER_UID) wherever
 * the attack is one.
 */
#ifndef KEYSEAL_SELFTEST_INTEGRITY_H
#define KEYSEAL_SELFTEST_INTEGRITY_H

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
static inline const char *serial_name(key_serial_t id, char *buf, size_t size)
{
	snprintf(buf, size, "#%d", id);
	return buf;
}


/* Fork the attacker; 0 in the child, which must _exit(). */
#define ATTACKER_FORK() ({						\
	pid_t __pid = fork_as(ATTACKER_UID);				\
	ASSERT_LE(0, __pid);						\
	__pid;								\
})

/* In the attacker: its own user root key user:mine, of known bytes. */
static inline key_serial_t add_mine(void)
{
	return add_key_errno("user", "mine", MINE_KEK, ROOT_KEK_SIZE,
			     KEY_SPEC_SESSION_KEYRING);
}

/*
 * The caller's keys and bytes charged, from /proc/key-users open in @fd:
 * 0 or -errno. (quota_from() and quota_wait() are not inline, as they were
 * not in the one file they come from: inlined, gcc warns maybe-uninitialized.)
 */
static __attribute__((unused))
int quota_from(int fd, unsigned int *keys, unsigned int *bytes)
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
static __attribute__((unused))
int quota_wait(int fd, unsigned int *keys, unsigned int *bytes, bool exact,
	       unsigned int ms)
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

#endif /* KEYSEAL_SELFTEST_INTEGRITY_H */
