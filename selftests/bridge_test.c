// SPDX-License-Identifier: GPL-2.0
/*
 * KEYSEAL_IOC_BRIDGE: a secret key handed to dm-crypt (a logon key) or to
 * fscrypt (an fscrypt-provisioning key) inside the kernel. Its ABI, the
 * keys it makes, the policy it shares with every use of a key, the
 * lifetime of the copy, and an unprivileged user trying to break each
 * rule. selftests/consumers/ checks the copies with dm-crypt and fscrypt.
 */

#include <linux/fscrypt.h>

#include "keyseal_test.h"
#include "kselftest_harness.h"

#define LOGON(fd, id, desc) \
	dev_bridge(fd, id, KEYSEAL_BRIDGE_LOGON, desc, KEY_SPEC_SESSION_KEYRING, 0)
#define FSCRYPT(fd, id, desc) \
	dev_bridge(fd, id, KEYSEAL_BRIDGE_FSCRYPT, desc, \
		   KEY_SPEC_SESSION_KEYRING, 0)

/*
 * Whether the kernel has fscrypt's key type (CONFIG_FS_ENCRYPTION; the
 * debug kernel has none): it refuses an empty payload, an unknown type is
 * ENODEV.
 */
static bool kernel_has_fscrypt(void)
{
	return add_key_errno("fscrypt-provisioning", "probe", "", 0,
			     KEY_SPEC_SESSION_KEYRING) != -ENODEV;
}

/* keyctl describe: "type;uid;gid;perm;description", or -errno. */
static long describe(key_serial_t id, char *buf, size_t size)
{
	return keyctl_describe(id, buf, size) < 0 ? -errno : 0;
}

/* The type, uid and permissions of a key, as keyctl describe gives them. */
struct described {
	char type[64];
	unsigned int uid, gid, perm;
	char desc[256];
};

static long describe_parsed(key_serial_t id, struct described *d)
{
	char buf[512];
	long ret = describe(id, buf, sizeof(buf));

	if (ret)
		return ret;
	if (sscanf(buf, "%63[^;];%u;%u;%x;%255[^\n]", d->type, &d->uid,
		   &d->gid, &d->perm, d->desc) != 5)
		return -EINVAL;
	return 0;
}

FIXTURE(bridge) {
	int fd;
	key_serial_t kmk, kmk2;
	key_serial_t secret;	/* 64 bytes */
};

FIXTURE_SETUP(bridge)
{
	SETUP_SESSION_WITH_ROOTS_AND_DEVICE(self);
	self->secret = NEW_KEY("disk", "new secret 64 parent=user:kmk");
}

FIXTURE_TEARDOWN(bridge)
{
	close(self->fd);
}

TEST(abi)
{
	EXPECT_EQ(64, sizeof(struct keyseal_bridge));
	EXPECT_EQ(0xc040c508UL, (unsigned long)KEYSEAL_IOC_BRIDGE);
}

TEST_F(bridge, logon_key_as_keyctl_add_makes_it)
{
	struct described made, added;
	char buf[64];
	key_serial_t id, ref;

	id = LOGON(self->fd, self->secret, "cryptsetup:vol");
	ASSERT_LT(0, id);
	ASSERT_EQ(0, describe_parsed(id, &made));
	EXPECT_STREQ("logon", made.type);
	EXPECT_STREQ("cryptsetup:vol", made.desc);
	EXPECT_EQ(getuid(), made.uid);
	EXPECT_EQ(getgid(), made.gid);

	/* The permissions "keyctl add logon" gives. */
	ref = add_random_logon_key("cryptsetup:ref", 64);
	ASSERT_LT(0, ref);
	ASSERT_EQ(0, describe_parsed(ref, &added));
	EXPECT_EQ(added.perm, made.perm);

	/* Linked in the session keyring, and never readable. */
	EXPECT_EQ(id, keyctl_search(KEY_SPEC_SESSION_KEYRING, "logon",
				    "cryptsetup:vol", 0));
	EXPECT_EQ(-1, keyctl_read(id, buf, sizeof(buf)));
	EXPECT_EQ(EOPNOTSUPP, errno);
}

TEST_F(bridge, key_len_out_and_hint)
{
	struct keyseal_bridge req = {
		.serial = self->secret,
		.kind = KEYSEAL_BRIDGE_LOGON,
		.keyring = KEY_SPEC_SESSION_KEYRING,
		.description = (__u64)(uintptr_t)"cryptsetup:len",
	};

	ASSERT_EQ(0, dev_ioctl(self->fd, KEYSEAL_IOC_BRIDGE, &req));
	EXPECT_EQ(64, req.key_len);

	/* The cipher wants 64 bytes: a 32-byte key is refused up front. */
	EXPECT_LT(0, dev_bridge(self->fd, self->secret, KEYSEAL_BRIDGE_LOGON,
				"cryptsetup:a", KEY_SPEC_SESSION_KEYRING, 64));
	EXPECT_EQ(-EKEYREJECTED,
		  dev_bridge(self->fd, self->secret, KEYSEAL_BRIDGE_LOGON,
			     "cryptsetup:b", KEY_SPEC_SESSION_KEYRING, 32));
	EXPECT_EQ(-ENOKEY, keyctl_search(KEY_SPEC_SESSION_KEYRING, "logon",
					 "cryptsetup:b", 0) < 0 ? -errno : 0);
}

TEST_F(bridge, fscrypt_provisioning_key)
{
	key_serial_t id, big, small;
	struct described d;
	char buf[128];

	if (!kernel_has_fscrypt()) {
		EXPECT_EQ(-EOPNOTSUPP, FSCRYPT(self->fd, self->secret,
					       "fscrypt:home"));
		SKIP(return, "no fscrypt in this kernel: EOPNOTSUPP");
	}
	id = FSCRYPT(self->fd, self->secret, "fscrypt:home");
	ASSERT_LT(0, id);
	ASSERT_EQ(0, describe_parsed(id, &d));
	EXPECT_STREQ("fscrypt-provisioning", d.type);
	EXPECT_STREQ("fscrypt:home", d.desc);
	EXPECT_EQ(getuid(), d.uid);
	EXPECT_EQ(-1, keyctl_read(id, buf, sizeof(buf)));
	EXPECT_EQ(EOPNOTSUPP, errno);

	/* fscrypt takes 16 to 64 bytes. */
	small = NEW_KEY("small", "new secret 16 parent=user:kmk");
	EXPECT_LT(0, FSCRYPT(self->fd, small, "fscrypt:small"));
	big = NEW_KEY("big", "new secret 65 parent=user:kmk");
	EXPECT_EQ(-EKEYREJECTED, FSCRYPT(self->fd, big, "fscrypt:big"));
	/* A logon key takes any secret. */
	EXPECT_LT(0, LOGON(self->fd, big, "cryptsetup:big"));
	big = NEW_KEY("biggest", "new secret 512 parent=user:kmk");
	EXPECT_LT(0, LOGON(self->fd, big, "cryptsetup:biggest"));
}

TEST_F(bridge, only_secret_keys)
{
	static const char *const others[] = {
		"new aead 32 parent=user:kmk",
		"new kek parent=user:kmk",
		"new x25519 parent=user:kmk",
	};
	key_serial_t id, user;
	size_t i;

	for (i = 0; i < sizeof(others) / sizeof(others[0]); i++) {
		id = NEW_KEY("other", others[i]);
		EXPECT_EQ(-EKEYREJECTED, LOGON(self->fd, id, "cryptsetup:x"))
			TH_LOG("%s", others[i]);
		EXPECT_EQ(-EKEYREJECTED, FSCRYPT(self->fd, id, "fscrypt:x"))
			TH_LOG("%s", others[i]);
		drop_key(id);
	}
	/* Not a sealed key at all: the root KEK itself. */
	user = self->kmk;
	EXPECT_EQ(-EKEYREJECTED, LOGON(self->fd, user, "cryptsetup:x"));
	/* A non-exportable secret may serve: its material stays here. */
	EXPECT_LT(0, LOGON(self->fd, self->secret, "cryptsetup:x"));
}

TEST_F(bridge, malformed_requests)
{
	struct keyseal_bridge req, good = {
		.serial = self->secret,
		.kind = KEYSEAL_BRIDGE_LOGON,
		.keyring = KEY_SPEC_SESSION_KEYRING,
		.description = (__u64)(uintptr_t)"cryptsetup:m",
	};
	unsigned int i;

	req = good;
	req.flags = 1;
	EXPECT_EQ(-EINVAL, dev_ioctl(self->fd, KEYSEAL_IOC_BRIDGE, &req));
	for (i = 0; i < 4; i++) {
		req = good;
		req.reserved[i] = 1;
		EXPECT_EQ(-EINVAL, dev_ioctl(self->fd, KEYSEAL_IOC_BRIDGE, &req));
	}
	req = good;
	req.new_serial = 5;
	EXPECT_EQ(-EINVAL, dev_ioctl(self->fd, KEYSEAL_IOC_BRIDGE, &req));
	req = good;
	req.kind = 0;
	EXPECT_EQ(-EINVAL, dev_ioctl(self->fd, KEYSEAL_IOC_BRIDGE, &req));
	req.kind = 3;
	EXPECT_EQ(-EINVAL, dev_ioctl(self->fd, KEYSEAL_IOC_BRIDGE, &req));
	req = good;
	req.description = 0;
	EXPECT_EQ(-EINVAL, dev_ioctl(self->fd, KEYSEAL_IOC_BRIDGE, &req));
	req.description = (__u64)(uintptr_t)"";
	EXPECT_EQ(-EINVAL, dev_ioctl(self->fd, KEYSEAL_IOC_BRIDGE, &req));
	req.description = 8;	/* never mapped */
	EXPECT_EQ(-EFAULT, dev_ioctl(self->fd, KEYSEAL_IOC_BRIDGE, &req));
	/* A logon key's description needs a "prefix:". */
	req.description = (__u64)(uintptr_t)"noprefix";
	EXPECT_EQ(-EINVAL, dev_ioctl(self->fd, KEYSEAL_IOC_BRIDGE, &req));
	req.description = (__u64)(uintptr_t)":vol";
	EXPECT_EQ(-EINVAL, dev_ioctl(self->fd, KEYSEAL_IOC_BRIDGE, &req));
	/* Nothing was made. */
	EXPECT_EQ(-1, keyctl_search(KEY_SPEC_SESSION_KEYRING, "logon",
				    "cryptsetup:m", 0));
	/* A serial that is not a key, a target that is not a keyring. */
	req = good;
	req.serial = 0;
	EXPECT_EQ(-EINVAL, dev_ioctl(self->fd, KEYSEAL_IOC_BRIDGE, &req));
	req.serial = 0x7ffffff0;
	EXPECT_EQ(-ENOKEY, dev_ioctl(self->fd, KEYSEAL_IOC_BRIDGE, &req));
	req = good;
	req.keyring = 0x7ffffff0;
	EXPECT_EQ(-ENOKEY, dev_ioctl(self->fd, KEYSEAL_IOC_BRIDGE, &req));
	req.keyring = self->secret;
	EXPECT_EQ(-ENOTDIR, dev_ioctl(self->fd, KEYSEAL_IOC_BRIDGE, &req));
}

TEST_F(bridge, expired_and_revoked)
{
	char command[128];
	key_serial_t id, copy;

	snprintf(command, sizeof(command),
		 "new secret 32 parent=user:kmk notafter=%lld",
		 (long long)time(NULL) + 2);
	id = NEW_KEY("soon", command);
	ASSERT_LT(0, LOGON(self->fd, id, "cryptsetup:soon"));
	sleep(3);
	EXPECT_EQ(-EKEYEXPIRED, LOGON(self->fd, id, "cryptsetup:late"));
	EXPECT_EQ(-EKEYEXPIRED, FSCRYPT(self->fd, id, "fscrypt:late"));

	id = NEW_KEY("rev", "new secret 32 parent=user:kmk");
	copy = LOGON(self->fd, id, "cryptsetup:rev");
	ASSERT_LT(0, copy);
	ASSERT_EQ(0, keyctl_revoke(id));
	EXPECT_EQ(-EKEYREVOKED, LOGON(self->fd, id, "cryptsetup:rev2"));
	EXPECT_EQ(-EKEYREVOKED, FSCRYPT(self->fd, id, "fscrypt:rev2"));
	/* The copy lives on its own (Documentation/design.rst). */
	EXPECT_EQ(copy, keyctl_search(KEY_SPEC_SESSION_KEYRING, "logon",
				      "cryptsetup:rev", 0));

	/* And revoking the copy leaves the sealed key. */
	copy = LOGON(self->fd, self->secret, "cryptsetup:gone");
	ASSERT_LT(0, copy);
	ASSERT_EQ(0, keyctl_revoke(copy));
	EXPECT_LT(0, LOGON(self->fd, self->secret, "cryptsetup:again"));
	ASSERT_EQ(0, keyctl_invalidate(self->secret));
	EXPECT_EQ(-ENOKEY, LOGON(self->fd, self->secret, "cryptsetup:inv"));
}

TEST_F(bridge, same_description_updates_like_keyctl_add)
{
	key_serial_t other, a, b;

	other = NEW_KEY("other", "new secret 64 parent=user:kmk");
	a = LOGON(self->fd, self->secret, "cryptsetup:same");
	ASSERT_LT(0, a);
	b = LOGON(self->fd, other, "cryptsetup:same");
	EXPECT_EQ(a, b);
}

/*
 * An unprivileged user against the bridge: it may hand its own keys to
 * its own keyrings, nothing of anyone else's, and never read what it made.
 */
TEST_F(bridge, attacker)
{
	key_serial_t rootring, granted, viewonly;
	pid_t pid;

	rootring = keyctl_get_keyring_ID(KEY_SPEC_SESSION_KEYRING, 0);
	ASSERT_LT(0, rootring);
	/* Keys the attacker may search, or only view. */
	granted = NEW_KEY("granted", "new secret 64 parent=user:kmk");
	ASSERT_EQ(0, keyctl_setperm(granted, KEY_POS_ALL | KEY_OTH_VIEW |
				    KEY_OTH_SEARCH));
	viewonly = NEW_KEY("viewonly", "new secret 64 parent=user:kmk");
	ASSERT_EQ(0, keyctl_setperm(viewonly, KEY_POS_ALL | KEY_OTH_VIEW));
	/* The root session keyring: searchable by the attacker, not writable. */
	ASSERT_EQ(0, keyctl_setperm(rootring, KEY_POS_ALL | KEY_OTH_VIEW |
				    KEY_OTH_SEARCH));

	pid = fork_as(ATTACKER_UID);
	ASSERT_LE(0, pid);
	if (pid == 0) {
		key_serial_t mine, copy;
		struct described d;
		char buf[128];

		/* Root's key, not possessed, no permission. */
		EXPECT_EQ(-EACCES, LOGON(self->fd, self->secret, "x:steal"));
		EXPECT_EQ(-EACCES, FSCRYPT(self->fd, self->secret, "x:steal"));
		/* Viewing is not using. */
		EXPECT_EQ(-EACCES, LOGON(self->fd, viewonly, "x:view"));
		/* Search granted: a copy in the attacker's own keyring... */
		copy = LOGON(self->fd, granted, "x:granted");
		EXPECT_LT(0, copy);
		EXPECT_EQ(0, describe_parsed(copy, &d));
		EXPECT_EQ(ATTACKER_UID, d.uid);
		/* ...that it cannot read. */
		EXPECT_EQ(-1, keyctl_read(copy, buf, sizeof(buf)));
		EXPECT_EQ(EOPNOTSUPP, errno);
		/* ...but not into root's keyring, even with its own key. */
		EXPECT_EQ(-EACCES, dev_bridge(self->fd, granted,
					      KEYSEAL_BRIDGE_LOGON, "x:plant",
					      rootring, 0));
		ASSERT_LT(0, add_random_user_key("kmk", ROOT_KEK_SIZE));
		mine = add_sealed("mine", "new secret 64 parent=user:kmk");
		ASSERT_LT(0, mine);
		EXPECT_EQ(-EACCES, dev_bridge(self->fd, mine,
					      KEYSEAL_BRIDGE_FSCRYPT, "x:plant",
					      rootring, 0));
		if (kernel_has_fscrypt())
			EXPECT_LT(0, FSCRYPT(self->fd, mine, "x:mine"));
		/* The usage rule holds for it as for root. */
		mine = add_sealed("mine2", "new aead parent=user:kmk");
		ASSERT_LT(0, mine);
		EXPECT_EQ(-EKEYREJECTED, LOGON(self->fd, mine, "x:aead"));
		_exit(0);
	}
	EXPECT_EQ(0, wait_child(pid));
	/* Nothing was planted in root's keyring. */
	EXPECT_EQ(-1, keyctl_search(rootring, "logon", "x:plant", 0));
	EXPECT_EQ(-1, keyctl_search(rootring, "fscrypt-provisioning",
				    "x:plant", 0));
}

/*
 * The copy is charged to the caller's key quota, as "keyctl add" charges
 * it: with the quota full, BRIDGE fails with EDQUOT and leaves no key.
 */
TEST_F(bridge, quota_full_is_edquot_and_leaves_nothing)
{
	unsigned int keys0 = 0, bytes0 = 0, keys, bytes, waited;
	int had;
	pid_t pid;

	had = key_quota_of(ATTACKER_UID, &keys0, &bytes0);
	pid = fork_as(ATTACKER_UID);
	ASSERT_LE(0, pid);
	if (pid == 0) {
		static const size_t sizes[] = { 1000, 100, 1 };
		char desc[32], fill[1000] = { 0 };
		key_serial_t mine, ret;
		unsigned int i, n = 0;

		ASSERT_LT(0, add_random_user_key("kmk", ROOT_KEK_SIZE));
		mine = add_sealed("vol", "new secret 64 parent=user:kmk");
		ASSERT_LT(0, mine);
		/* Fill the quota with keys of known bytes, big then small. */
		for (i = 0; i < ARRAY_SIZE(sizes); i++) {
			do {
				snprintf(desc, sizeof(desc), "fill%u", n++);
				ret = add_key_errno("user", desc, fill,
						    sizes[i],
						    KEY_SPEC_SESSION_KEYRING);
			} while (ret > 0 && n < 1000);
			ASSERT_EQ(-EDQUOT, ret) TH_LOG("%u keys", n);
		}
		EXPECT_EQ(-EDQUOT, LOGON(self->fd, mine, "quota:vol"));
		EXPECT_EQ(-1, keyctl_search(KEY_SPEC_SESSION_KEYRING, "logon",
					    "quota:vol", 0));
		EXPECT_EQ(ENOKEY, errno);
		_exit(0);
	}
	EXPECT_EQ(0, wait_child(pid));
	/* The next test's attacker needs its quota back: the collector's. */
	for (waited = 0; waited < 10000; waited += 20) {
		keys = bytes = 0;
		if (key_quota_of(ATTACKER_UID, &keys, &bytes) == had &&
		    keys == keys0 && bytes == bytes0)
			break;
		usleep(20000);
	}
	EXPECT_GT(10000, waited) TH_LOG("uid %u holds %u keys, %u bytes",
					ATTACKER_UID, keys, bytes);
}

TEST_HARNESS_MAIN
