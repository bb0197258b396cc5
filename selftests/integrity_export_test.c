// SPDX-License-Identifier: GPL-2.0
/*
 * Hierarchy integrity, issue 12 item 5 (integrity.h has the fixture).
 *
 * - Item 5, R3: a key is never more protected than its parent. Under a KEK
 *   made "new kek exportable" (app-kek) only exportable keys may live: a
 *   non-exportable key is EPERM there on every path (new, clear import,
 *   "rewrap parent=", EXPORT to it, REWRAP, load and IMPORT of a blob,
 *   restrict), also for a user who exported app-kek to a user key of known
 *   bytes, recovered it offline and forged blobs under it.
 */

#include "integrity.h"

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

TEST_HARNESS_MAIN
