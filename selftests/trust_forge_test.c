// SPDX-License-Identifier: GPL-2.0
/*
 * What an unprivileged user can make the kernel believe, issue 12 items 1
 * and 2 (trust.h has the fixture and the attacker):
 *
 * - R1: a blob under a KEK opens only under the KEK whose fingerprint it
 *   carries (EKEYREJECTED otherwise), and "its own parent" is the KEK that
 *   opened it, so no forged fingerprint moves a key under root's KEK.
 * - R2: provenance says generated, always sensitive or never exportable
 *   only where the kernel can vouch for it: under a root KEK root owns of
 *   type logon (or encrypted, trusted), or a sealed KEK that is generated,
 *   always sensitive and never exportable beneath one. Elsewhere generated
 *   becomes external on loading, and any store drops the history bits.
 */

#include "trust.h"

/* Read a key's blob, drop the key and load the blob again. */
static key_serial_t reload(key_serial_t id, const char *desc)
{
	u8 blob[BLOB_MAX];
	long len = read_blob(id, blob, sizeof(blob));

	if (len < 0)
		return len;
	drop_key(id);
	return load_blob(desc, blob, len);
}

/*
 * What a key reads as now (INFO and its stored blob) and after a reload
 * from its blob: @now and @reloaded.
 */
static void expect_provenance(struct __test_metadata *_metadata, int fd,
			      key_serial_t id, u8 now, u8 reloaded,
			      const char *what)
{
	EXPECT_EQ(now, provenance_of(fd, id)) TH_LOG("%s: INFO", what);
	EXPECT_EQ(now, stored_provenance(id)) TH_LOG("%s: its blob", what);
	id = reload(id, "reloaded");
	ASSERT_LT(0, id) TH_LOG("%s: reload: %s", what, strerror(-id));
	EXPECT_EQ(reloaded, provenance_of(fd, id))
		TH_LOG("%s: INFO after reload", what);
	EXPECT_EQ(reloaded, stored_provenance(id))
		TH_LOG("%s: its blob after reload", what);
	drop_key(id);
}

/* "new <usage and flags> parent=<parent>" and its provenance, as above. */
static void new_key_provenance(struct __test_metadata *_metadata, int fd,
			       const char *what, const char *parent, u8 now,
			       u8 reloaded)
{
	char command[128];

	snprintf(command, sizeof(command), "new %s parent=%s", what, parent);
	expect_provenance(_metadata, fd, NEW_KEY("k", command), now, reloaded,
			  command);
}

/* The attacker's data key, sealed under its own user:mine, claiming @fp. */
static u32 forge_under_mine(u8 usage, u8 key_flags, u8 provenance,
			    const u8 *fp, u8 *blob)
{
	struct forged_key f = {
		.usage = usage,
		.key_flags = key_flags,
		.provenance = provenance,
		.material = (const u8 *)CHOSEN_KEY,
		.key_len = KEY_LEN,
		.parent = "user:mine",
		.parent_fp = fp,
		.kek = (const u8 *)MINE_KEK,
		.kek_len = ROOT_KEK_SIZE,
	};
	int len = forge_kek_blob(&f, blob, BLOB_MAX);

	return len < 0 ? 0 : len;
}

/* The fingerprint of user:mine, which the attacker computes itself. */
static void mine_fingerprint(struct __test_metadata *_metadata, u8 *fp)
{
	ASSERT_EQ(0, forge_kek_fingerprint((const u8 *)MINE_KEK,
					   ROOT_KEK_SIZE, fp));
}

/*
 * Item 1, R1. The attacker learns root's KEK fingerprint from INFO of a
 * key it makes under logon:svc:root, forges a blob of its chosen material
 * under its own user:mine that claims that fingerprint (flags 0, history
 * 0x31, or exportable), and tries every way that would have turned it into
 * a key of root's: REWRAP (unwrap #mine, kek #svc) and the load that must
 * come before EXPORT to #svc or "rewrap parent=#svc". Each is refused with
 * EKEYREJECTED before any decryption, and no key is made.
 */
TEST_F(trust, forged_parent_fingerprint_opens_nothing)
{
	pid_t pid;

	pid = ATTACKER_FORK(self);
	if (pid == 0) {
		static const u8 flags[] = { 0, EXP };
		u8 svc_fp[FP_SIZE], blob[BLOB_MAX];
		struct keyseal_info info;
		key_serial_t mine, probe;
		char extra[32];
		unsigned int i;
		u32 len;

		mine = keyctl_search(KEY_SPEC_SESSION_KEYRING, "user", "mine",
				     0);
		ASSERT_LT(0, mine);
		probe = NEW_KEY("probe", "new aead parent=logon:svc:root");
		ASSERT_EQ(0, dev_info(self->fd, probe, &info));
		EXPECT_STREQ("logon:svc:root", info.parent);
		memcpy(svc_fp, info.parent_fingerprint, FP_SIZE);
		snprintf(extra, sizeof(extra), "parent=#%d", mine);

		for (i = 0; i < sizeof(flags); i++) {
			len = forge_under_mine(KEYSEAL_USAGE_AEAD, flags[i],
					       flags[i] ? GEN | AS :
					       GEN | AS | NE, svc_fp, blob);
			ASSERT_LT(0, len);
			EXPECT_EQ(-EKEYREJECTED, rewrap_to(self->fd, blob, len,
							   mine, self->svc));
			EXPECT_EQ(-EKEYREJECTED, rewrap_to(self->fd, blob, len,
							   0, self->svc));
			EXPECT_EQ(-EKEYREJECTED, load_blob("forged", blob, len));
			EXPECT_EQ(-EKEYREJECTED,
				  load_blob_with("forged", blob, len, extra));
			EXPECT_EQ(-EKEYREJECTED,
				  dev_import(self->fd, blob, len, "forged",
					     mine, 0, NULL, 0));
			EXPECT_EQ(-EKEYREJECTED,
				  dev_import(self->fd, blob, len, "forged", 0,
					     0, NULL, 0));
			EXPECT_EQ(-1, keyctl_search(KEY_SPEC_SESSION_KEYRING,
						    "sealed", "forged", 0));
			EXPECT_EQ(ENOKEY, errno);
		}

		/*
		 * Naming root's KEK as the parent, with its real fingerprint:
		 * the tag cannot be made without root's material.
		 */
		{
			struct forged_key f = {
				.usage = KEYSEAL_USAGE_AEAD,
				.provenance = GEN | AS | NE,
				.material = (const u8 *)CHOSEN_KEY,
				.key_len = KEY_LEN,
				.parent = "logon:svc:root",
				.parent_fp = svc_fp,
				.kek = (const u8 *)MINE_KEK,
				.kek_len = ROOT_KEK_SIZE,
			};
			int n = forge_kek_blob(&f, blob, sizeof(blob));

			ASSERT_LT(0, n);
			EXPECT_EQ(-EBADMSG, load_blob("forged", blob, n));
			EXPECT_EQ(-EBADMSG, rewrap_to(self->fd, blob, n, 0,
						      mine));
			/* and opened with #mine it names the wrong KEK */
			EXPECT_EQ(-EKEYREJECTED,
				  rewrap_to(self->fd, blob, n, mine, mine));
		}
		_exit(0);
	}
	ASSERT_EQ(0, wait_child(pid));
}

/*
 * Item 1's control, R1 and R2. The same blob with user:mine's real
 * fingerprint loads: it is the attacker's own key, of the material it
 * chose, under its own root, and says so (external, 0x03, whatever it
 * claimed; its stored blob carries mine's real fingerprint). Being not
 * exportable, it never leaves its own parent: EXPORT to #svc, "rewrap
 * parent=#svc" and REWRAP to #svc are EPERM; REWRAP to #mine is allowed.
 */
TEST_F(trust, genuine_blob_stays_under_its_own_root)
{
	pid_t pid;

	pid = ATTACKER_FORK(self);
	if (pid == 0) {
		u8 mine_fp[FP_SIZE], blob[BLOB_MAX], out[BLOB_MAX];
		struct keyseal_info info;
		struct keyseal_blob b;
		key_serial_t mine, id;
		char name[16], command[48];
		u32 len, out_len = sizeof(out);

		mine = keyctl_search(KEY_SPEC_SESSION_KEYRING, "user", "mine",
				     0);
		mine_fingerprint(_metadata, mine_fp);
		len = forge_under_mine(KEYSEAL_USAGE_AEAD, 0, GEN | AS | NE,
				       mine_fp, blob);
		ASSERT_LT(0, len);
		id = load_blob("chosen", blob, len);
		ASSERT_LT(0, id);
		ASSERT_EQ(0, dev_info(self->fd, id, &info));
		EXPECT_EQ(KEYSEAL_USAGE_AEAD, info.usage);
		EXPECT_EQ(0, info.key_flags);
		EXPECT_EQ(EXT, info.provenance);
		EXPECT_STREQ("user:mine", info.parent);
		EXPECT_EQ(0, memcmp(mine_fp, info.parent_fingerprint, FP_SIZE));
		expect_chosen_material(_metadata, self->fd, id);

		EXPECT_EQ(-EPERM, export_to_kek(self->fd, id, self->svc));
		snprintf(command, sizeof(command), "rewrap parent=%s",
			 serial_name(self->svc, name, sizeof(name)));
		EXPECT_EQ(-EPERM, update_key(id, command));
		EXPECT_EQ(-EPERM, update_key(id, "rewrap parent=logon:svc:root"));
		EXPECT_EQ(-EPERM, rewrap_to(self->fd, blob, len, mine,
					    self->svc));

		/* Its own parent takes it back, with the real fingerprint. */
		ASSERT_EQ(0, dev_rewrap(self->fd, blob, len, mine, mine, out,
					&out_len));
		ASSERT_EQ(0, keyseal_blob_parse(out, out_len, &b));
		EXPECT_EQ(0, memcmp(mine_fp, b.parent_fp, FP_SIZE));
		EXPECT_EQ(EXT, b.attrs.provenance);
		len = BLOB_OF(id, out);
		ASSERT_EQ(0, keyseal_blob_parse(out, len, &b));
		EXPECT_EQ(0, memcmp(mine_fp, b.parent_fp, FP_SIZE));
		EXPECT_EQ(EXT, b.attrs.provenance);
		_exit(0);
	}
	ASSERT_EQ(0, wait_child(pid));
}

/*
 * Item 2, R2. A blob the attacker sealed under its own user root, claiming
 * any provenance, is what the kernel can vouch for: generated becomes
 * external (0x03) and the history bits go, by keyctl load and by IMPORT;
 * imported and external stay. The stored blob says what INFO says. A
 * forged KEK vouches for nothing beneath it either.
 */
TEST_F(trust, forged_history_reads_external)
{
	pid_t pid;

	pid = ATTACKER_FORK(self);
	if (pid == 0) {
		static const struct {
			u8 flags, claimed, got;
		} cases[] = {
			{ 0, GEN | AS | NE, EXT },
			{ EXP, GEN | AS, EXT },
			{ EXP | PT, GEN, EXT },
			{ 0, IMP, IMP },
			{ EXP, EXT, EXT },
		};
		u8 mine_fp[FP_SIZE], blob[BLOB_MAX];
		key_serial_t mine, id, child;
		unsigned int i;
		u32 len;

		mine = keyctl_search(KEY_SPEC_SESSION_KEYRING, "user", "mine",
				     0);
		mine_fingerprint(_metadata, mine_fp);
		for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
			len = forge_under_mine(KEYSEAL_USAGE_AEAD,
					       cases[i].flags, cases[i].claimed,
					       mine_fp, blob);
			ASSERT_LT(0, len);
			id = load_blob("forged", blob, len);
			ASSERT_LT(0, id) TH_LOG("case %u", i);
			EXPECT_EQ(cases[i].got, provenance_of(self->fd, id))
				TH_LOG("case %u: load", i);
			EXPECT_EQ(cases[i].got, stored_provenance(id))
				TH_LOG("case %u: stored blob", i);
			drop_key(id);
			id = dev_import(self->fd, blob, len, "forged", mine, 0,
					NULL, 0);
			ASSERT_LT(0, id) TH_LOG("case %u", i);
			EXPECT_EQ(cases[i].got, provenance_of(self->fd, id))
				TH_LOG("case %u: IMPORT", i);
			drop_key(id);
		}

		/* A forged KEK claiming 0x31 vouches for no key made under it. */
		len = forge_under_mine(KEYSEAL_USAGE_KEK, 0, GEN | AS | NE,
				       mine_fp, blob);
		ASSERT_LT(0, len);
		id = load_blob("fkek", blob, len);
		ASSERT_LT(0, id);
		EXPECT_EQ(EXT, provenance_of(self->fd, id));
		child = NEW_KEY("child", "new aead parent=sealed:fkek");
		EXPECT_EQ(GEN, provenance_of(self->fd, child));
		_exit(0);
	}
	ASSERT_EQ(0, wait_child(pid));
}

/*
 * Item 2, R2: "new" under the attacker's user root is generated (0x01),
 * with no history bit, and after a reload from its blob external (0x03):
 * whoever knows user:mine could have sealed that blob. The same for a user
 * root root owns: a user key can be read back by its holders.
 */
TEST_F(trust, user_root_never_vouches)
{
	static const char *const what[] = {
		"aead", "aead exportable", "aead plaintext", "kek", "secret",
		"x25519",
	};
	unsigned int i;
	pid_t pid;

	pid = ATTACKER_FORK(self);
	if (pid == 0) {
		for (i = 0; i < sizeof(what) / sizeof(what[0]); i++)
			new_key_provenance(_metadata, self->fd, what[i],
					   "user:mine", GEN, EXT);
		_exit(0);
	}
	ASSERT_EQ(0, wait_child(pid));
	for (i = 0; i < sizeof(what) / sizeof(what[0]); i++)
		new_key_provenance(_metadata, self->fd, what[i], "user:kmk",
				   GEN, EXT);
}

/*
 * R2: a logon root root owns vouches, for root and for the attacker who
 * may only search it: 0x31 for a key never exportable, 0x11 for an
 * exportable one, 0x01 for a plaintext one, before and after a reload.
 */
TEST_F(trust, root_owned_logon_root_vouches)
{
	static const struct {
		const char *what;
		u8 prov;
	} cases[] = {
		{ "aead", GEN | AS | NE },
		{ "aead exportable", GEN | AS },
		{ "aead plaintext", GEN },
		{ "kek", GEN | AS | NE },
		{ "p256", GEN | AS | NE },
	};
	char name[16];
	unsigned int i, n = sizeof(cases) / sizeof(cases[0]);
	pid_t pid;

	/* Before 5.12, no P-256 key at all (exchange_test tests that). */
	if (!kernel_has_p256())
		n--;
	pid = ATTACKER_FORK(self);
	if (pid == 0) {
		for (i = 0; i < n; i++)
			new_key_provenance(_metadata, self->fd, cases[i].what,
					   "logon:svc:root", cases[i].prov,
					   cases[i].prov);
		_exit(0);
	}
	ASSERT_EQ(0, wait_child(pid));
	for (i = 0; i < n; i++)
		new_key_provenance(_metadata, self->fd, cases[i].what,
				   serial_name(self->svc, name, sizeof(name)),
				   cases[i].prov, cases[i].prov);
}

/*
 * Item 2, R2: a logon root the attacker owns does not vouch (its owner
 * chose its bytes), nor does an encrypted root it owns; an encrypted root
 * root owns does.
 */
TEST_F(trust, roots_owned_by_others_than_root_never_vouch)
{
	key_serial_t ekek;
	pid_t pid;

	/* Debian's 5.10 has no encrypted key type: add_key is ENODEV. */
	ekek = add_key_errno("encrypted", "ekek", "new user:kmk 32", 15,
			     KEY_SPEC_SESSION_KEYRING);
	if (ekek != -ENODEV)
		ASSERT_LT(0, ekek);
	pid = ATTACKER_FORK(self);
	if (pid == 0) {
		ASSERT_LT(0, add_random_logon_key("my:root", ROOT_KEK_SIZE));
		new_key_provenance(_metadata, self->fd, "aead",
				   "logon:my:root", GEN, EXT);
		if (ekek == -ENODEV)
			_exit(0);
		ASSERT_LT(0, add_key_errno("encrypted", "myenc",
					   "new user:mine 32", 16,
					   KEY_SPEC_SESSION_KEYRING));
		new_key_provenance(_metadata, self->fd, "aead",
				   "encrypted:myenc", GEN, EXT);
		_exit(0);
	}
	ASSERT_EQ(0, wait_child(pid));
	if (ekek == -ENODEV)
		SKIP(return, "no encrypted key type in this kernel");
	new_key_provenance(_metadata, self->fd, "aead", "encrypted:ekek",
			   GEN | AS | NE, GEN | AS | NE);
}

/*
 * R2, recursively: a sealed KEK vouches only if it is generated, always
 * sensitive and never exportable (0x31), which it only is under a KEK
 * that vouches. An exportable KEK (0x11) may leave, so what is under it
 * could be opened elsewhere; a KEK under a user root is 0x01.
 */
TEST_F(trust, sealed_kek_vouches_only_when_it_never_left)
{
	key_serial_t vk, vk2;

	vk = NEW_KEY("vk", "new kek parent=logon:svc:root");
	EXPECT_EQ(GEN | AS | NE, provenance_of(self->fd, vk));
	NEW_KEY("ek", "new kek exportable parent=logon:svc:root");
	NEW_KEY("uk", "new kek parent=user:kmk");
	vk2 = NEW_KEY("vk2", "new kek parent=sealed:vk");
	EXPECT_EQ(GEN | AS | NE, provenance_of(self->fd, vk2));

	new_key_provenance(_metadata, self->fd, "aead", "sealed:vk",
			   GEN | AS | NE, GEN | AS | NE);
	new_key_provenance(_metadata, self->fd, "aead", "sealed:vk2",
			   GEN | AS | NE, GEN | AS | NE);
	new_key_provenance(_metadata, self->fd, "aead exportable", "sealed:ek",
			   GEN, EXT);
	new_key_provenance(_metadata, self->fd, "aead", "sealed:uk", GEN, EXT);

	/* Reloaded from its blob under the root, vk still vouches. */
	vk = reload(vk, "vk");
	ASSERT_LT(0, vk);
	EXPECT_EQ(GEN | AS | NE, provenance_of(self->fd, vk));
	new_key_provenance(_metadata, self->fd, "secret", "sealed:vk",
			   GEN | AS | NE, GEN | AS | NE);
}

/*
 * R2's storing rule: whatever stores a key under a KEK that does not
 * vouch drops the history bits and keeps the origin (0x11 -> 0x01): EXPORT
 * to a KEK, REWRAP, "rewrap"; and a key that lost them does not get them
 * back under a KEK that vouches. Under a KEK that vouches they stay.
 */
TEST_F(trust, storing_where_no_one_vouches_drops_history)
{
	u8 blob[BLOB_MAX], out[BLOB_MAX];
	key_serial_t m, vk, ek;
	u32 len, out_len;
	char name[16], command[48];

	m = NEW_KEY("m", "new aead exportable parent=logon:svc:root");
	vk = NEW_KEY("vk", "new kek parent=logon:svc:root");
	ek = NEW_KEY("ek", "new kek exportable parent=logon:svc:root");
	ASSERT_EQ(GEN | AS, provenance_of(self->fd, m));

	len = sizeof(blob);
	ASSERT_EQ(0, dev_export(self->fd, m, KEYSEAL_TARGET_KEK, self->kmk,
				blob, &len));
	EXPECT_EQ(GEN, blob_provenance(blob, len));
	len = sizeof(blob);
	ASSERT_EQ(0, dev_export(self->fd, m, KEYSEAL_TARGET_KEK, ek, blob,
				&len));
	EXPECT_EQ(GEN, blob_provenance(blob, len));
	len = sizeof(blob);
	ASSERT_EQ(0, dev_export(self->fd, m, KEYSEAL_TARGET_KEK, vk, blob,
				&len));
	EXPECT_EQ(GEN | AS, blob_provenance(blob, len));

	len = BLOB_OF(m, blob);
	out_len = sizeof(out);
	ASSERT_EQ(0, dev_rewrap(self->fd, blob, len, 0, self->kmk, out,
				&out_len));
	EXPECT_EQ(GEN, blob_provenance(out, out_len));
	out_len = sizeof(out);
	ASSERT_EQ(0, dev_rewrap(self->fd, blob, len, 0, vk, out, &out_len));
	EXPECT_EQ(GEN | AS, blob_provenance(out, out_len));

	ASSERT_EQ(0, update_key(m, "rewrap parent=user:kmk"));
	EXPECT_EQ(GEN, provenance_of(self->fd, m));
	EXPECT_EQ(GEN, stored_provenance(m));
	snprintf(command, sizeof(command), "rewrap parent=%s",
		 serial_name(self->svc, name, sizeof(name)));
	ASSERT_EQ(0, update_key(m, command));
	EXPECT_EQ(GEN, provenance_of(self->fd, m));
	EXPECT_EQ(GEN, stored_provenance(m));
}

/*
 * Item 2 through item 1's paths, R2: a forged exportable blob under the
 * attacker's root, claiming generated, moved under root's vouching KEK by
 * REWRAP, by load then EXPORT, or by load then "rewrap", arrives as what
 * it is: external (0x03). Root, loading the REWRAP output, sees 0x03.
 */
TEST_F(trust, forged_blob_moved_under_a_vouching_root_stays_external)
{
	pid_t pid;

	pid = ATTACKER_FORK(self);
	if (pid == 0) {
		u8 mine_fp[FP_SIZE], blob[BLOB_MAX], out[BLOB_MAX];
		struct keyseal_blob b;
		char name[16], command[48];
		key_serial_t mine, id;
		u32 len, out_len = sizeof(out);

		mine = keyctl_search(KEY_SPEC_SESSION_KEYRING, "user", "mine",
				     0);
		mine_fingerprint(_metadata, mine_fp);
		len = forge_under_mine(KEYSEAL_USAGE_AEAD, EXP, GEN | AS,
				       mine_fp, blob);
		ASSERT_LT(0, len);

		ASSERT_EQ(0, dev_rewrap(self->fd, blob, len, mine, self->svc,
					out, &out_len));
		ASSERT_EQ(0, keyseal_blob_parse(out, out_len, &b));
		EXPECT_EQ(EXT, b.attrs.provenance);
		EXPECT_EQ(14, b.parent_len);
		EXPECT_EQ(0, memcmp("logon:svc:root", b.parent, 14));
		memcpy(self->out->blob, out, out_len);
		self->out->len = out_len;

		id = load_blob("chosen", blob, len);
		ASSERT_LT(0, id);
		out_len = sizeof(out);
		ASSERT_EQ(0, dev_export(self->fd, id, KEYSEAL_TARGET_KEK,
					self->svc, out, &out_len));
		EXPECT_EQ(EXT, blob_provenance(out, out_len));
		snprintf(command, sizeof(command), "rewrap parent=%s",
			 serial_name(self->svc, name, sizeof(name)));
		ASSERT_EQ(0, update_key(id, command));
		EXPECT_EQ(EXT, provenance_of(self->fd, id));
		EXPECT_EQ(EXT, stored_provenance(id));
		_exit(0);
	}
	ASSERT_EQ(0, wait_child(pid));
	/* Root loads what the attacker made under its KEK. */
	{
		key_serial_t id = load_blob("received", self->out->blob,
					    self->out->len);

		ASSERT_LT(0, id);
		EXPECT_EQ(EXT, provenance_of(self->fd, id));
		expect_chosen_material(_metadata, self->fd, id);
	}
}

TEST_HARNESS_MAIN
