// SPDX-License-Identifier: GPL-2.0
/*
 * What an unprivileged user can make the kernel believe (issue 12, items 1
 * and 2, and item 6's roots found by name and clear-text import in a user
 * namespace): the rules R1, R2, R5 and R6 of the fix.
 *
 * The attacker is a local user (ATTACKER_UID) with /dev/keyseal and stock
 * keyctl, holding only search permission on root's root KEK
 * logon:svc:root, which it may link into its own session keyring.
 * It knows the bytes of its own user root key, user:mine, and so can seal
 * anything it likes under it in userspace (forge.h), claiming any flags,
 * provenance and parent fingerprint. What must hold:
 *
 * - R1: a blob under a KEK opens only under the KEK whose fingerprint it
 *   carries (EKEYREJECTED otherwise), and "its own parent" is the KEK that
 *   opened it, so no forged fingerprint moves a key under root's KEK.
 * - R2: provenance says generated, always sensitive or never exportable
 *   only where the kernel can vouch for it: under a root KEK root owns of
 *   type logon (or encrypted, trusted), or a sealed KEK that is generated,
 *   always sensitive and never exportable beneath one. Elsewhere generated
 *   becomes external on loading, and any store drops the history bits.
 *   Recipient blobs keep the sender's word only for a privileged importer
 *   who named the sender of an auth-mode blob, received by an exchange key
 *   that vouches.
 * - R5: a KEK or exchange key found by name or fingerprint must belong to
 *   the caller or to root (EKEYREJECTED); by serial it is the caller's
 *   explicit choice.
 * - R6: clear-text import needs CAP_SYS_ADMIN in the initial user
 *   namespace (EPERM inside unshare(CLONE_NEWUSER)).
 *
 * Every value is exact: the provenance byte, the errno, the bytes of the
 * key material the attacker chose.
 */

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
	 * found (KEKs by name are searched for in the session keyring
	 * itself, not in keyrings linked from it), and may only search it.
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
static u8 provenance_of(int fd, key_serial_t id)
{
	struct keyseal_info info;

	return dev_info(fd, id, &info) ? 0xff : info.provenance;
}

/* The provenance of a key's stored blob (keyctl read), or 0xff. */
static u8 stored_provenance(key_serial_t id)
{
	u8 blob[BLOB_MAX];
	struct keyseal_blob b;
	long len = read_blob(id, blob, sizeof(blob));

	return len < 0 || keyseal_blob_parse(blob, len, &b) ? 0xff :
	       b.provenance;
}

/* The provenance a blob carries, or 0xff. */
static u8 blob_provenance(const u8 *blob, u32 len)
{
	struct keyseal_blob b;

	return keyseal_blob_parse(blob, len, &b) ? 0xff : b.provenance;
}

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

/* "#serial", for commands. */
static const char *serial_name(key_serial_t id, char *buf, size_t size)
{
	snprintf(buf, size, "#%d", id);
	return buf;
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

/* Whether a key holds CHOSEN_KEY: it encrypts what that key decrypts. */
static void expect_chosen_material(struct __test_metadata *_metadata, int fd,
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
		EXPECT_EQ(EXT, b.provenance);
		len = BLOB_OF(id, out);
		ASSERT_EQ(0, keyseal_blob_parse(out, len, &b));
		EXPECT_EQ(0, memcmp(mine_fp, b.parent_fp, FP_SIZE));
		EXPECT_EQ(EXT, b.provenance);
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
		EXPECT_EQ(EXT, b.provenance);
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

/* The keys of a recipient blob: data to send, and the exchange keys. */
struct parties {
	key_serial_t data, vrcpt, nrcpt, snd;
	struct exchange_pubkey vto, nto, from;
};

static void make_parties(struct __test_metadata *_metadata, int fd,
			 const char *root, const char *user_root,
			 struct parties *p)
{
	char command[96];

	snprintf(command, sizeof(command), "new aead exportable parent=%s",
		 root);
	p->data = NEW_KEY("data", command);
	/* a recipient that vouches, and one that does not */
	snprintf(command, sizeof(command), "new x25519 parent=%s", root);
	p->vrcpt = NEW_KEY("vrcpt", command);
	p->snd = NEW_KEY("snd", command);
	snprintf(command, sizeof(command), "new x25519 parent=%s", user_root);
	p->nrcpt = NEW_KEY("nrcpt", command);
	ASSERT_EQ(GEN | AS | NE, provenance_of(fd, p->vrcpt));
	ASSERT_EQ(GEN, provenance_of(fd, p->nrcpt));
	ASSERT_EQ(0, dev_pubkey(fd, p->vrcpt, &p->vto));
	ASSERT_EQ(0, dev_pubkey(fd, p->nrcpt, &p->nto));
	ASSERT_EQ(0, dev_pubkey(fd, p->snd, &p->from));
}

/* IMPORT of a recipient blob, and the new key's provenance (or -errno). */
static int import_provenance(int fd, const u8 *blob, u32 len,
			     key_serial_t rcpt, key_serial_t parent,
			     const struct exchange_pubkey *sender)
{
	key_serial_t id = dev_import(fd, blob, len, "received", rcpt, parent,
				     sender ? sender->key : NULL,
				     sender ? sender->len : 0);
	u8 prov;

	if (id < 0)
		return id;
	prov = provenance_of(fd, id);
	drop_key(id);
	return prov;
}

/*
 * R2's recipient rule: a recipient blob keeps the sender's provenance only
 * if it is auth mode, the importer named the sender it expected, the
 * importer has CAP_SYS_ADMIN in the initial user namespace and the
 * exchange key that receives it vouches (0x31). All four: 0x11 kept (and
 * dropped to 0x01 when stored under a user root). Any one missing:
 * external, 0x03 -- root importing a base blob, an auth blob without
 * naming the sender, or one received by an exchange key under a user
 * root; root inside a user namespace of its own; the attacker importing
 * into its own vouching exchange key a blob its own kernel key sent.
 */
TEST_F(trust, recipient_blob_provenance_needs_all_four)
{
	u8 auth_v[BLOB_MAX], base_v[BLOB_MAX], auth_n[BLOB_MAX];
	u32 auth_v_len = sizeof(auth_v), base_v_len = sizeof(base_v);
	u32 auth_n_len = sizeof(auth_n);
	char armor[KEYSEAL_ARMOR_MAX_SIZE + 1], extra[256];
	struct parties p;
	key_serial_t id;
	pid_t pid;
	int i;

	make_parties(_metadata, self->fd, "logon:svc:root", "user:kmk", &p);
	ASSERT_EQ(GEN | AS, provenance_of(self->fd, p.data));
	ASSERT_EQ(0, dev_export_recipient(self->fd, p.data, p.vto.kem,
					  p.vto.key, p.vto.len, p.snd, auth_v,
					  &auth_v_len));
	ASSERT_EQ(0, dev_export_recipient(self->fd, p.data, p.vto.kem,
					  p.vto.key, p.vto.len, 0, base_v,
					  &base_v_len));
	ASSERT_EQ(0, dev_export_recipient(self->fd, p.data, p.nto.kem,
					  p.nto.key, p.nto.len, p.snd, auth_n,
					  &auth_n_len));

	EXPECT_EQ(GEN | AS, import_provenance(self->fd, auth_v, auth_v_len,
					      p.vrcpt, self->svc, &p.from));
	EXPECT_EQ(GEN, import_provenance(self->fd, auth_v, auth_v_len, p.vrcpt,
					 self->kmk, &p.from));
	EXPECT_EQ(EXT, import_provenance(self->fd, auth_v, auth_v_len, p.vrcpt,
					 self->svc, NULL));
	EXPECT_EQ(EXT, import_provenance(self->fd, base_v, base_v_len, p.vrcpt,
					 self->svc, NULL));
	EXPECT_EQ(EXT, import_provenance(self->fd, auth_n, auth_n_len, p.nrcpt,
					 self->svc, &p.from));

	/* keyctl load: the same policy */
	armor[keyseal_armor_encode(auth_v, auth_v_len, armor)] = '\0';
	snprintf(extra, sizeof(extra),
		 "recipient=sealed:vrcpt parent=logon:svc:root sender=");
	for (i = 0; i < (int)p.from.len; i++)
		sprintf(extra + strlen(extra), "%02x", p.from.key[i]);
	id = load_armor("received", armor, extra);
	ASSERT_LT(0, id);
	EXPECT_EQ(GEN | AS, provenance_of(self->fd, id));
	drop_key(id);

	/* root in a user namespace of its own: no CAP_SYS_ADMIN that counts */
	fflush(stdout);
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		ASSERT_EQ(0, unshare(CLONE_NEWUSER));
		EXPECT_EQ(EXT, import_provenance(self->fd, auth_v, auth_v_len,
						 p.vrcpt, self->svc, &p.from));
		_exit(0);
	}
	ASSERT_EQ(0, wait_child(pid));

	/* the attacker: everything but the privilege */
	pid = ATTACKER_FORK(self);
	if (pid == 0) {
		struct parties a;
		u8 blob[BLOB_MAX];
		u32 len = sizeof(blob);

		make_parties(_metadata, self->fd, "logon:svc:root",
			     "user:mine", &a);
		ASSERT_EQ(GEN | AS, provenance_of(self->fd, a.data));
		ASSERT_EQ(0, dev_export_recipient(self->fd, a.data, a.vto.kem,
						  a.vto.key, a.vto.len, a.snd,
						  blob, &len));
		EXPECT_EQ(EXT, import_provenance(self->fd, blob, len, a.vrcpt,
						 self->svc, &a.from));
		_exit(0);
	}
	ASSERT_EQ(0, wait_child(pid));
}

/*
 * An auth-mode recipient blob made in userspace (libkeyseal's HPKE) by a
 * sender whose private key its maker holds, claiming @f's provenance.
 */
static int forge_recipient_blob(const struct forged_key *f,
				const struct exchange_pubkey *to,
				const struct keyseal_private_key *from,
				u8 *out, size_t size)
{
	static const char info[] = KEYSEAL_HPKE_INFO;
	u8 fp[FP_SIZE], enc[KEYSEAL_HPKE_ENC_MAX];
	struct keyseal_public_key rpk, spk;
	struct keyseal_hpke_ctx ctx;
	struct keyseal_blob b = {
		.scheme = KEYSEAL_SCHEME_HPKE_AUTH,
		.usage = f->usage,
		.key_alg = keyseal_usage_alg(f->usage),
		.key_flags = f->key_flags,
		.provenance = f->provenance,
		.key_len = f->key_len,
		.kem_id = to->kem,
		.kdf_id = KEYSEAL_KDF_HKDF_SHA256,
		.aead_id = KEYSEAL_AEAD_AES256GCM,
		.created = time(NULL),
		.recipient_fp = fp,
		.enc = enc,
		.enc_len = to->len,
	};
	int header, ret;

	if (keyseal_public_key_from_raw(to->kem, to->key, to->len, &rpk) ||
	    keyseal_public_key_fingerprint(&rpk, fp) ||
	    keyseal_private_key_public(from, &spk) ||
	    getrandom(b.key_id, sizeof(b.key_id), 0) != sizeof(b.key_id))
		return -EIO;
	b.sender_pk = spk.key;
	b.sender_pk_len = spk.len;
	ret = keyseal_hpke_setup_sender(to->kem, KEYSEAL_KDF_HKDF_SHA256,
					KEYSEAL_AEAD_AES256GCM, to->key,
					to->len, from->scalar,
					(const u8 *)info, sizeof(info) - 1,
					enc, &ctx);
	if (ret)
		return ret;
	header = keyseal_blob_write_header(&b, out, size);
	if (header < 0 ||
	    (size_t)header + f->key_len + KEYSEAL_TAG_SIZE > size) {
		ret = -ERANGE;
	} else {
		memcpy(out + header, f->material, f->key_len);
		ret = keyseal_hpke_seal(NULL, &ctx, 0, out, header,
					f->key_len);
	}
	keyseal_hpke_ctx_wipe(&ctx);
	return ret ? ret : header + f->key_len + KEYSEAL_TAG_SIZE;
}

/* A userspace exchange key pair of the KEM of @like. */
static void userspace_sender(struct __test_metadata *_metadata,
			     const struct exchange_pubkey *like,
			     struct keyseal_private_key *sk,
			     struct exchange_pubkey *pk)
{
	struct keyseal_public_key upk;
	u8 scalar[32], raw[KEYSEAL_P256_PUBLIC_SIZE];

	ASSERT_EQ(0, keyseal_dh_generate(like->kem, scalar));
	ASSERT_EQ(0, keyseal_dh_public_of(like->kem, scalar, raw));
	ASSERT_EQ(0, keyseal_private_key_from_raw(like->kem, scalar, 32, sk));
	ASSERT_EQ(0, keyseal_private_key_public(sk, &upk));
	memcpy(pk->key, upk.key, upk.len);
	pk->len = upk.len;
	pk->kem = upk.kem;
}

/*
 * Item 2, R2: auth mode with the attacker's own userspace sender, named as
 * the expected sender, claiming generated | always sensitive | never
 * exportable for material it chose: the unprivileged importer gets
 * external (0x03), by IMPORT and by keyctl load, though its exchange key
 * vouches and the blob authenticates. The key is the chosen material.
 */
TEST_F(trust, attacker_sender_claims_nothing)
{
	pid_t pid;

	pid = ATTACKER_FORK(self);
	if (pid == 0) {
		struct forged_key f = {
			.usage = KEYSEAL_USAGE_AEAD,
			.provenance = GEN | AS | NE,
			.material = (const u8 *)CHOSEN_KEY,
			.key_len = KEY_LEN,
		};
		char armor[KEYSEAL_ARMOR_MAX_SIZE + 1], extra[256];
		struct exchange_pubkey to, from;
		struct keyseal_private_key sk;
		u8 blob[BLOB_MAX];
		key_serial_t rcpt, id;
		int len, i;

		rcpt = NEW_KEY("rcpt", "new x25519 parent=logon:svc:root");
		ASSERT_EQ(GEN | AS | NE, provenance_of(self->fd, rcpt));
		ASSERT_EQ(0, dev_pubkey(self->fd, rcpt, &to));
		userspace_sender(_metadata, &to, &sk, &from);
		len = forge_recipient_blob(&f, &to, &sk, blob, sizeof(blob));
		ASSERT_LT(0, len);

		id = dev_import(self->fd, blob, len, "planted", rcpt, self->svc,
				from.key, from.len);
		ASSERT_LT(0, id);
		EXPECT_EQ(EXT, provenance_of(self->fd, id));
		EXPECT_EQ(EXT, stored_provenance(id));
		EXPECT_EQ(0, provenance_of(self->fd, id) & (AS | NE));
		expect_chosen_material(_metadata, self->fd, id);
		drop_key(id);

		armor[keyseal_armor_encode(blob, len, armor)] = '\0';
		snprintf(extra, sizeof(extra),
			 "recipient=sealed:rcpt parent=logon:svc:root sender=");
		for (i = 0; i < (int)from.len; i++)
			sprintf(extra + strlen(extra), "%02x", from.key[i]);
		id = load_armor("planted", armor, extra);
		ASSERT_LT(0, id);
		EXPECT_EQ(EXT, provenance_of(self->fd, id));
		keyseal_private_key_wipe(&sk);
		_exit(0);
	}
	ASSERT_EQ(0, wait_child(pid));
}

/*
 * R2 and R14: HPKE auth mode is not KCI-resistant, so whoever names a
 * sender vouches for it. Root, naming the userspace sender of a blob that
 * claims 0x31, receiving it with an exchange key that vouches and storing
 * it under a root that vouches, gets 0x31: the administrator's word.
 */
TEST_F(trust, root_naming_a_sender_vouches_for_it)
{
	struct forged_key f = {
		.usage = KEYSEAL_USAGE_AEAD,
		.provenance = GEN | AS | NE,
		.material = (const u8 *)CHOSEN_KEY,
		.key_len = KEY_LEN,
	};
	struct exchange_pubkey to, from;
	struct keyseal_private_key sk;
	u8 blob[BLOB_MAX];
	key_serial_t rcpt;
	int len;

	rcpt = NEW_KEY("rcpt", "new x25519 parent=logon:svc:root");
	ASSERT_EQ(0, dev_pubkey(self->fd, rcpt, &to));
	userspace_sender(_metadata, &to, &sk, &from);
	len = forge_recipient_blob(&f, &to, &sk, blob, sizeof(blob));
	ASSERT_LT(0, len);
	EXPECT_EQ(GEN | AS | NE, import_provenance(self->fd, blob, len, rcpt,
						   self->svc, &from));
	EXPECT_EQ(EXT, import_provenance(self->fd, blob, len, rcpt, self->svc,
					 NULL));
	keyseal_private_key_wipe(&sk);
}

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
		.usage = KEYSEAL_USAGE_AEAD,
		.key_alg = KEYSEAL_ALG_AES_GCM,
		.key_flags = EXP | PT,
		.provenance = GEN,
		.key_len = KEY_LEN,
		.created = time(NULL),
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
