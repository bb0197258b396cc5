// SPDX-License-Identifier: GPL-2.0
/*
 * What an unprivileged user can make the kernel believe, issue 12 item 6:
 * roots found by name and clear-text import in a user namespace (trust.h
 * has the fixture and the attacker):
 *
 * - R5: a KEK or exchange key found by name or fingerprint must belong to
 *   the caller or to root (EKEYREJECTED); by serial it is the caller's
 *   explicit choice.
 * - R6: clear-text import needs CAP_SYS_ADMIN in the initial user
 *   namespace (EPERM inside unshare(CLONE_NEWUSER)).
 */

#include "trust.h"

/*
 * Item 6 (roots found by name), R5. A root process runs in a session
 * keyring the attacker can write to (a helper started without
 * pam_keyinit), where the attacker planted logon:keyseal:root -- the
 * default parent -- and a sealed KEK, sealed:akek, both its own. Found by
 * name they are refused with EKEYREJECTED: the default parent, parent=,
 * the parent a blob names, "rewrap", "restrict", REWRAP and IMPORT without
 * an opening key; named by serial they are root's explicit choice.
 */
TEST_F(trust, planted_roots_found_by_name_are_refused)
{
	key_serial_t session, planted, akek, id, mobile;
	char command[64], name[16];
	u8 blob[BLOB_MAX];
	u32 len;
	pid_t pid;

	session = keyctl_get_keyring_ID(KEY_SPEC_SESSION_KEYRING, 0);
	ASSERT_LT(0, session);
	ASSERT_EQ(0, keyctl_setperm(session, KEY_POS_ALL | KEY_USR_ALL |
				    KEY_OTH_VIEW | KEY_OTH_SEARCH |
				    KEY_OTH_WRITE));
	pid = ATTACKER_FORK(self);
	if (pid == 0) {
		self->out->serial[0] = add_key_errno("logon", "keyseal:root",
						     MINE_KEK, ROOT_KEK_SIZE,
						     session);
		ASSERT_LT(0, self->out->serial[0]);
		self->out->serial[1] = add_key_errno("sealed", "akek",
						     "new kek parent=user:mine",
						     strlen("new kek parent=user:mine"),
						     session);
		ASSERT_LT(0, self->out->serial[1]);
		_exit(0);
	}
	ASSERT_EQ(0, wait_child(pid));
	planted = self->out->serial[0];
	akek = self->out->serial[1];

	EXPECT_EQ(-EKEYREJECTED, add_sealed("x1", "new aead"));
	EXPECT_EQ(-EKEYREJECTED,
		  add_sealed("x2", "new aead parent=logon:keyseal:root"));
	EXPECT_EQ(-EKEYREJECTED, add_sealed("x3", "new aead parent=sealed:akek"));

	/* By serial: root's choice. Such a root vouches for nothing. */
	snprintf(command, sizeof(command), "new aead exportable parent=%s",
		 serial_name(planted, name, sizeof(name)));
	id = NEW_KEY("chosen", command);
	EXPECT_EQ(GEN, provenance_of(self->fd, id));
	snprintf(command, sizeof(command), "new aead parent=%s",
		 serial_name(akek, name, sizeof(name)));
	NEW_KEY("chosen2", command);

	/* The blob names logon:keyseal:root: refused found by that name. */
	len = BLOB_OF(id, blob);
	EXPECT_EQ(-EKEYREJECTED, load_blob("x4", blob, len));
	EXPECT_EQ(-EKEYREJECTED, dev_import(self->fd, blob, len, "x5", 0, 0,
					    NULL, 0));
	EXPECT_EQ(-EKEYREJECTED, rewrap_to(self->fd, blob, len, 0, self->svc));
	EXPECT_EQ(-EKEYREJECTED, update_key(id, "restrict"));
	EXPECT_LT(0, dev_import(self->fd, blob, len, "y", planted, 0, NULL, 0));
	EXPECT_EQ(0, rewrap_to(self->fd, blob, len, planted, self->svc));

	/* Nor may an own key move under the planted one by name. */
	mobile = NEW_KEY("mobile", "new aead exportable parent=logon:svc:root");
	EXPECT_EQ(-EKEYREJECTED,
		  update_key(mobile, "rewrap parent=logon:keyseal:root"));
	EXPECT_EQ(-EKEYREJECTED, update_key(mobile, "rewrap parent=sealed:akek"));
	snprintf(command, sizeof(command), "rewrap parent=%s",
		 serial_name(planted, name, sizeof(name)));
	EXPECT_EQ(0, update_key(mobile, command));
}

/*
 * A KEK named by name is found as request_key(2) finds keys: in keyrings
 * linked in the session keyring too, and in the user keyring, where the
 * admin guide puts the root KEK. R5 holds wherever it is found: a key the
 * attacker planted in a keyring root links in is refused, and a key gone
 * from every keyring is not found.
 */
TEST_F(trust, roots_found_in_linked_keyrings_and_the_user_keyring)
{
	u8 material[ROOT_KEK_SIZE];
	key_serial_t ring, user_kek;
	pid_t pid;

	ASSERT_EQ(sizeof(material), getrandom(material, sizeof(material), 0));
	ring = add_key_errno("keyring", "trust:ring", NULL, 0,
			     KEY_SPEC_SESSION_KEYRING);
	ASSERT_LT(0, ring);
	ASSERT_LT(0, add_key_errno("logon", "trust:nested", material,
				   sizeof(material), ring));
	EXPECT_LT(0, add_sealed("n1", "new aead parent=logon:trust:nested"));

	/* The user keyring, which this session does not link. */
	user_kek = add_key_errno("logon", "trust:user", material,
				 sizeof(material), KEY_SPEC_USER_KEYRING);
	ASSERT_LT(0, user_kek);
	EXPECT_LT(0, add_sealed("u1", "new aead parent=logon:trust:user"));
	ASSERT_EQ(0, keyctl_unlink(user_kek, KEY_SPEC_USER_KEYRING));
	EXPECT_EQ(-ENOKEY, add_sealed("u2", "new aead parent=logon:trust:user"));

	/* The attacker's key, in a keyring of root's it may write to. */
	ASSERT_EQ(0, keyctl_setperm(ring, KEY_POS_ALL | KEY_USR_ALL |
				    KEY_OTH_VIEW | KEY_OTH_SEARCH |
				    KEY_OTH_WRITE));
	pid = ATTACKER_FORK(self);
	if (pid == 0) {
		/* Root possesses it there: found through root's session. */
		_exit(add_key_errno("logon", "trust:planted", MINE_KEK,
				    ROOT_KEK_SIZE, ring) > 0 ? 0 : 1);
	}
	ASSERT_EQ(0, wait_child(pid));
	EXPECT_EQ(-EKEYREJECTED,
		  add_sealed("p1", "new aead parent=logon:trust:planted"));
}

/*
 * R5 for exchange keys: an exchange key the attacker planted in root's
 * session is refused when found by name (recipient=) or by the fingerprint
 * a recipient blob names, and serves when named by serial.
 */
TEST_F(trust, planted_exchange_key_found_by_name_is_refused)
{
	char armor[KEYSEAL_ARMOR_MAX_SIZE + 1], extra[96];
	struct exchange_pubkey to;
	key_serial_t session, evil, data;
	u8 blob[BLOB_MAX];
	u32 len = sizeof(blob);
	pid_t pid;

	session = keyctl_get_keyring_ID(KEY_SPEC_SESSION_KEYRING, 0);
	ASSERT_LT(0, session);
	ASSERT_EQ(0, keyctl_setperm(session, KEY_POS_ALL | KEY_USR_ALL |
				    KEY_OTH_VIEW | KEY_OTH_SEARCH |
				    KEY_OTH_WRITE));
	pid = ATTACKER_FORK(self);
	if (pid == 0) {
		self->out->serial[0] = add_key_errno("sealed", "evil",
						     "new x25519 parent=user:mine",
						     strlen("new x25519 parent=user:mine"),
						     session);
		ASSERT_LT(0, self->out->serial[0]);
		_exit(0);
	}
	ASSERT_EQ(0, wait_child(pid));
	evil = self->out->serial[0];

	data = NEW_KEY("data", "new aead exportable parent=logon:svc:root");
	ASSERT_EQ(0, dev_pubkey(self->fd, evil, &to));
	ASSERT_EQ(0, dev_export_recipient(self->fd, data, to.kem, to.key,
					  to.len, 0, blob, &len));
	armor[keyseal_armor_encode(blob, len, armor)] = '\0';

	EXPECT_EQ(-EKEYREJECTED, load_armor("x1", armor,
					    "parent=logon:svc:root"));
	EXPECT_EQ(-EKEYREJECTED,
		  load_armor("x2", armor,
			     "recipient=sealed:evil parent=logon:svc:root"));
	EXPECT_EQ(-EKEYREJECTED, dev_import(self->fd, blob, len, "x3", 0,
					    self->svc, NULL, 0));
	snprintf(extra, sizeof(extra), "recipient=#%d parent=logon:svc:root",
		 evil);
	EXPECT_LT(0, load_armor("x", armor, extra));
	EXPECT_LT(0, dev_import(self->fd, blob, len, "y", evil, self->svc,
				NULL, 0));
}

/* A plaintext blob of CHOSEN_KEY, as the codec writes one. */
static u32 plaintext_blob(u8 *blob)
{
	struct keyseal_blob b = {
		.scheme = KEYSEAL_SCHEME_PLAINTEXT,
		.attrs.usage = KEYSEAL_USAGE_AEAD,
		.attrs.key_alg = KEYSEAL_ALG_AES_GCM,
		.attrs.key_flags = EXP | PT,
		.attrs.provenance = GEN,
		.attrs.key_len = KEY_LEN,
		.attrs.created = time(NULL),
	};
	int header = keyseal_blob_write_header(&b, blob, BLOB_MAX);

	if (header < 0)
		return 0;
	memcpy(blob + header, CHOSEN_KEY, KEY_LEN);
	return header + KEY_LEN;
}

/* Every clear-text import, each refused with EPERM; nothing is made. */
static void clear_import_refused(struct __test_metadata *_metadata, int fd,
				 key_serial_t parent)
{
	char command[160], name[16];
	u8 blob[BLOB_MAX];
	u32 len = plaintext_blob(blob);
	int i;

	ASSERT_LT(0, len);
	i = snprintf(command, sizeof(command), "import aead ");
	for (; i < 12 + 2 * KEY_LEN; i += 2)
		sprintf(command + i, "%02x", (u8)CHOSEN_KEY[(i - 12) / 2]);
	snprintf(command + i, sizeof(command) - i, " parent=%s",
		 serial_name(parent, name, sizeof(name)));
	EXPECT_EQ(-EPERM, add_sealed("clear1", command));
	snprintf(name, sizeof(name), "parent=#%d", parent);
	EXPECT_EQ(-EPERM, load_blob_with("clear2", blob, len, name));
	EXPECT_EQ(-EPERM, dev_import(fd, blob, len, "clear3", 0, parent, NULL,
				     0));
}

/*
 * Item 6, R6: clear-text import ("import", a plaintext blob by load or
 * IMPORT) needs CAP_SYS_ADMIN in the initial user namespace. The attacker
 * inside unshare(CLONE_NEWUSER), with every capability there, gets EPERM;
 * so does root inside a user namespace of its own; root outside imports.
 */
TEST_F(trust, clear_import_in_a_user_namespace_is_eperm)
{
	key_serial_t id;
	pid_t pid;

	pid = ATTACKER_FORK(self);
	if (pid == 0) {
		key_serial_t mine = keyctl_search(KEY_SPEC_SESSION_KEYRING,
						  "user", "mine", 0);

		ASSERT_EQ(0, unshare(CLONE_NEWUSER));
		clear_import_refused(_metadata, self->fd, mine);
		_exit(0);
	}
	ASSERT_EQ(0, wait_child(pid));

	fflush(stdout);
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		ASSERT_EQ(0, unshare(CLONE_NEWUSER));
		clear_import_refused(_metadata, self->fd, self->svc);
		_exit(0);
	}
	ASSERT_EQ(0, wait_child(pid));

	/* root in the initial namespace: allowed, and marked imported */
	{
		u8 blob[BLOB_MAX];
		u32 len = plaintext_blob(blob);

		id = dev_import(self->fd, blob, len, "clear", 0, self->svc,
				NULL, 0);
		ASSERT_LT(0, id);
		EXPECT_EQ(IMP, provenance_of(self->fd, id));
	}
}

TEST_HARNESS_MAIN
