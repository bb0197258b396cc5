/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What an unprivileged user can make the kernel believe (issue 12): the
 * fixture and helpers shared by trust_forge_test.c (R1, R2),
 * trust_recipient_test.c (R2 for recipient blobs) and trust_roots_test.c
 * (R5, R6).
 *
 * The attacker is a local user (ATTACKER_UID) with /dev/keyseal and stock
 * keyctl, holding only search permission on root's root KEK
 * logon:svc:root, which it may link into its own session keyring.
 * It knows the bytes of its own user root key, user:mine, and so can seal
 * anything it likes under it in userspace (forge.h), claiming any flags,
 * provenance and parent fingerprint. What must hold:
 *
 * Every value is exact: the provenance byte, the errno, the bytes of the
 * key material the attacker chose.
 */
#ifndef KEYSEAL_SELFTEST_TRUST_H
#define KEYSEAL_SELFTEST_TRUST_H

#include <sched.h>

#include "forge.h"
#include "keyseal_test.h"
#include "kselftest_harness.h"

/* libkeyseal's userspace HPKE, for senders that are not a kernel. */
#include "dh.h"
#include "hpke.h"
#include "keyseal.h"

#define BLOB_MAX	KEYSEAL_BLOB_MAX_SIZE
#define FP_SIZE		KEYSEAL_FINGERPRINT_SIZE

/* Provenance bytes, as INFO and the blob header give them. */
#define GEN		KEYSEAL_ORIGIN_GENERATED
#define IMP		KEYSEAL_ORIGIN_IMPORTED
#define EXT		KEYSEAL_ORIGIN_EXTERNAL
#define AS		KEYSEAL_PROV_ALWAYS_SENSITIVE
#define NE		KEYSEAL_PROV_NEVER_EXPORTABLE
#define EXP		KEYSEAL_FLAG_EXPORTABLE
#define PT		KEYSEAL_FLAG_PLAINTEXT

/* The attacker's user root key and the data key it wants to plant. */
#define MINE_KEK	"attacker-chosen KEK material 32B"
#define CHOSEN_KEY	"attacker-chosen data key 32 byte"
#define KEY_LEN		32

/* Search and view for others and possessors; everything for the owner. */
#define SEARCH_ONLY	(KEY_POS_VIEW | KEY_POS_SEARCH | KEY_USR_ALL |	\
			 KEY_OTH_VIEW | KEY_OTH_SEARCH)

FIXTURE(trust) {
	int fd;
	key_serial_t svc;	/* logon:svc:root: root's root KEK */
	key_serial_t kmk;	/* user:kmk: a root KEK of root's that never vouches */
	struct exchange {	/* what a child hands its parent */
		u8 blob[BLOB_MAX];
		u32 len;
		key_serial_t serial[4];
	} *out;
	struct key_limits limits;
};

FIXTURE_SETUP(trust)
{
	u8 material[ROOT_KEK_SIZE];

	/* the attacker makes and drops many keys (keyseal_test.h) */
	ASSERT_EQ(0, key_limits_raise(&self->limits));
	ASSERT_EQ(0, new_session());
	self->fd = open("/dev/keyseal", O_RDWR | O_CLOEXEC);
	ASSERT_LE(0, self->fd);
	ASSERT_EQ(sizeof(material), getrandom(material, sizeof(material), 0));
	self->svc = add_key_errno("logon", "svc:root", material,
				  sizeof(material), KEY_SPEC_SESSION_KEYRING);
	ASSERT_LT(0, self->svc);
	/*
	 * The attacker may link it into its own session, where names are
	 * found, and may only search it.
	 */
	ASSERT_EQ(0, keyctl_setperm(self->svc, SEARCH_ONLY | KEY_OTH_LINK));
	self->kmk = add_random_user_key("kmk", ROOT_KEK_SIZE);
	ASSERT_LT(0, self->kmk);
	self->out = shared_alloc(sizeof(*self->out));
	ASSERT_NE(NULL, self->out);
}

FIXTURE_TEARDOWN(trust)
{
	close(self->fd);
	EXPECT_EQ(0, key_limits_restore(&self->limits));
}

/*
 * In a child acting as the attacker: root's KEK linked into its session,
 * and its own root KEK user:mine of known bytes.
 */
static key_serial_t attacker_keys(struct __test_metadata *_metadata,
				  key_serial_t svc)
{
	key_serial_t mine;

	ASSERT_EQ(0, keyctl_link(svc, KEY_SPEC_SESSION_KEYRING));
	mine = add_key_errno("user", "mine", MINE_KEK, ROOT_KEK_SIZE,
			     KEY_SPEC_SESSION_KEYRING);
	ASSERT_LT(0, mine);
	return mine;
}

/* Fork the attacker, with its keys; 0 in the child, which must _exit(). */
#define ATTACKER_FORK(self) ({						\
	pid_t __pid = fork_as(ATTACKER_UID);				\
	ASSERT_LE(0, __pid);						\
	if (__pid == 0)							\
		attacker_keys(_metadata, (self)->svc);		\
	__pid;								\
})

/* INFO's provenance, or 0xff if INFO fails. */
static inline u8 provenance_of(int fd, key_serial_t id)
{
	struct keyseal_info info;

	return dev_info(fd, id, &info) ? 0xff : info.provenance;
}

/* The provenance of a key's stored blob (keyctl read), or 0xff. */
static inline u8 stored_provenance(key_serial_t id)
{
	u8 blob[BLOB_MAX];
	struct keyseal_blob b;
	long len = read_blob(id, blob, sizeof(blob));

	return len < 0 || keyseal_blob_parse(blob, len, &b) ? 0xff :
	       b.attrs.provenance;
}

/* The provenance a blob carries, or 0xff. */
static inline u8 blob_provenance(const u8 *blob, u32 len)
{
	struct keyseal_blob b;

	return keyseal_blob_parse(blob, len, &b) ? 0xff : b.attrs.provenance;
}

/* "#serial", for commands. */
static inline const char *serial_name(key_serial_t id, char *buf, size_t size)
{
	snprintf(buf, size, "#%d", id);
	return buf;
}

/* Whether a key holds CHOSEN_KEY: it encrypts what that key decrypts. */
static inline void expect_chosen_material(struct __test_metadata *_metadata, int fd,
				   key_serial_t id)
{
	static const char msg[] = "who chose this key?";
	u8 ct[sizeof(msg) + KEYSEAL_TAG_SIZE], pt[sizeof(msg)];
	u8 nonce[KEYSEAL_NONCE_SIZE] = { 0 };
	u32 ct_len = sizeof(ct);

	ASSERT_EQ(0, dev_crypt(fd, true, id, msg, sizeof(msg), NULL, 0, ct,
			       &ct_len, nonce));
	ASSERT_EQ(0, forge_gcm_open((const u8 *)CHOSEN_KEY, KEY_LEN, nonce, ct,
				    ct_len, pt));
	EXPECT_STREQ(msg, (char *)pt);
}

#endif /* KEYSEAL_SELFTEST_TRUST_H */
