// SPDX-License-Identifier: GPL-2.0
/*
 * Hierarchy integrity, issue 12 item 6 (integrity.h has the fixture).
 *
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

#include "integrity.h"

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
