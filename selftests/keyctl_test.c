// SPDX-License-Identifier: GPL-2.0
/*
 * The sealed key type through stock keyctl calls: new, read, load, import,
 * rewrap, restrict, and every error the design names for them.
 */

#include <sys/wait.h>

#include "keyseal_test.h"
#include "kselftest_harness.h"

FIXTURE(session) {
	key_serial_t kmk;
};

FIXTURE_SETUP(session)
{
	ASSERT_EQ(0, new_session());
	self->kmk = add_random_user_key("kmk", ROOT_KEK_SIZE);
	ASSERT_LT(0, self->kmk);
}

FIXTURE_TEARDOWN(session)
{
}

FIXTURE(vouched) {
	key_serial_t kmk, vroot;
};

/* user:kmk, and logon:keyctl:root, a root key root owns, which vouches. */
FIXTURE_SETUP(vouched)
{
	ASSERT_EQ(0, new_session());
	self->kmk = add_random_user_key("kmk", ROOT_KEK_SIZE);
	self->vroot = add_random_logon_key("keyctl:root", ROOT_KEK_SIZE);
	ASSERT_LT(0, self->kmk);
	ASSERT_LT(0, self->vroot);
}

FIXTURE_TEARDOWN(vouched)
{
}

/* The provenance of a new key of @key_flags under a root that vouches. */
static u8 vouched_provenance(u8 key_flags)
{
	return KEYSEAL_ORIGIN_GENERATED |
	       (key_flags & KEYSEAL_FLAG_PLAINTEXT ?
		0 : KEYSEAL_PROV_ALWAYS_SENSITIVE) |
	       (key_flags & KEYSEAL_FLAG_EXPORTABLE ?
		0 : KEYSEAL_PROV_NEVER_EXPORTABLE);
}

/*
 * new -> read -> drop -> load, for one command under @parent; checks the
 * identity kept, and the provenance: @first_prov in the first blob,
 * @second_prov once loaded again.
 */
static void round_trip(struct __test_metadata *_metadata, const char *what,
		       const char *parent, u8 usage, u16 key_len,
		       u8 key_flags, u8 first_prov, u8 second_prov)
{
	u8 blob[KEYSEAL_BLOB_MAX_SIZE], again[KEYSEAL_BLOB_MAX_SIZE];
	char armor[KEYSEAL_ARMOR_MAX_SIZE + 2], command[128];
	struct keyseal_blob first, second;
	key_serial_t id;
	long len, len2;

	snprintf(command, sizeof(command), "%s parent=%s", what, parent);
	id = add_sealed("rt", command);
	ASSERT_LT(0, id) TH_LOG("%s: %s", command, strerror(-id));
	len = read_key(id, armor, sizeof(armor));
	ASSERT_LT(0, len);
	/* one line of base64, nothing else */
	EXPECT_EQ(len, strspn(armor, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/="));
	len = keyseal_armor_decode(armor, len, blob, sizeof(blob));
	ASSERT_LT(0, len);
	ASSERT_EQ(0, keyseal_blob_parse(blob, len, &first));
	EXPECT_EQ(KEYSEAL_SCHEME_KEK, first.scheme);
	EXPECT_EQ(usage, first.usage);
	EXPECT_EQ(key_len, first.key_len);
	EXPECT_EQ(key_flags, first.key_flags);
	EXPECT_EQ(first_prov, first.provenance) TH_LOG("%s", command);
	EXPECT_EQ(strlen(parent), first.parent_len);
	EXPECT_EQ(0, memcmp(first.parent, parent, strlen(parent)));

	drop_key(id);
	id = load_armor("rt", armor, NULL);
	ASSERT_LT(0, id) TH_LOG("load: %s", strerror(-id));
	len2 = read_blob(id, again, sizeof(again));
	ASSERT_EQ(len, len2);
	ASSERT_EQ(0, keyseal_blob_parse(again, len2, &second));
	EXPECT_EQ(0, memcmp(first.key_id, second.key_id, KEYSEAL_KEY_ID_SIZE));
	EXPECT_EQ(first.usage, second.usage);
	EXPECT_EQ(first.key_flags, second.key_flags);
	EXPECT_EQ(second_prov, second.provenance) TH_LOG("%s", command);
	EXPECT_EQ(first.created, second.created);
	EXPECT_EQ(first.not_after, second.not_after);
	drop_key(id);
}

/*
 * Every usage and size round-trips, under a root that vouches (its
 * provenance kept) and under a user root, which never vouches (R2):
 * generated with no history bit, then external once loaded from its blob.
 */
TEST_F(vouched, round_trip_every_usage_and_size)
{
	static const struct {
		const char *command;
		u8 usage;
		u16 key_len;
		u8 key_flags;
	} cases[] = {
		{ "new kek", KEYSEAL_USAGE_KEK, 32, 0 },
		{ "new kek 32 exportable", KEYSEAL_USAGE_KEK, 32,
		  KEYSEAL_FLAG_EXPORTABLE },
		{ "new aead 16", KEYSEAL_USAGE_AEAD, 16, 0 },
		{ "new aead 32 plaintext", KEYSEAL_USAGE_AEAD, 32,
		  KEYSEAL_FLAG_EXPORTABLE | KEYSEAL_FLAG_PLAINTEXT },
		{ "new secret 16", KEYSEAL_USAGE_SECRET, 16, 0 },
		{ "new secret exportable", KEYSEAL_USAGE_SECRET, 32,
		  KEYSEAL_FLAG_EXPORTABLE },
		{ "new secret 512 notafter=4102444800", KEYSEAL_USAGE_SECRET,
		  512, 0 },
	};
	unsigned int i;
	u8 prov;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		prov = vouched_provenance(cases[i].key_flags);
		round_trip(_metadata, cases[i].command, "logon:keyctl:root",
			   cases[i].usage, cases[i].key_len,
			   cases[i].key_flags, prov, prov);
		round_trip(_metadata, cases[i].command, "user:kmk",
			   cases[i].usage, cases[i].key_len,
			   cases[i].key_flags, KEYSEAL_ORIGIN_GENERATED,
			   KEYSEAL_ORIGIN_EXTERNAL);
	}
}

/* The provenance a new key's blob carries, or 0xff. */
static u8 new_key_provenance(const char *command)
{
	u8 blob[KEYSEAL_BLOB_MAX_SIZE];
	struct keyseal_blob b;
	key_serial_t id = add_sealed("p", command);
	long len;

	if (id < 0)
		return 0xff;
	len = read_blob(id, blob, sizeof(blob));
	drop_key(id);
	return len < 0 || keyseal_blob_parse(blob, len, &b) ? 0xff :
	       b.provenance;
}

/*
 * Generated keys, under a root that vouches: always sensitive unless
 * plaintext, never exportable unless exportable. Under a user root, whose
 * holders can read it back: generated only (R2).
 */
TEST_F(vouched, provenance_of_generated_keys)
{
	EXPECT_EQ(KEYSEAL_ORIGIN_GENERATED | KEYSEAL_PROV_ALWAYS_SENSITIVE |
		  KEYSEAL_PROV_NEVER_EXPORTABLE,
		  new_key_provenance("new aead parent=logon:keyctl:root"));
	EXPECT_EQ(KEYSEAL_ORIGIN_GENERATED | KEYSEAL_PROV_ALWAYS_SENSITIVE,
		  new_key_provenance("new aead parent=logon:keyctl:root exportable"));
	EXPECT_EQ(KEYSEAL_ORIGIN_GENERATED,
		  new_key_provenance("new aead parent=logon:keyctl:root plaintext"));
	EXPECT_EQ(KEYSEAL_ORIGIN_GENERATED,
		  new_key_provenance("new aead parent=user:kmk"));
	EXPECT_EQ(KEYSEAL_ORIGIN_GENERATED,
		  new_key_provenance("new aead parent=user:kmk plaintext"));
}

/* Reading twice gives the same stored blob; new keys get new ids. */
TEST_F(session, stored_blob_is_stable_and_ids_unique)
{
	char a1[KEYSEAL_ARMOR_MAX_SIZE + 2], a2[KEYSEAL_ARMOR_MAX_SIZE + 2];
	u8 b1[KEYSEAL_BLOB_MAX_SIZE], b2[KEYSEAL_BLOB_MAX_SIZE];
	struct keyseal_blob p1, p2;
	key_serial_t k1, k2;
	long l1, l2;

	k1 = add_sealed("s1", "new aead parent=user:kmk");
	k2 = add_sealed("s2", "new aead parent=user:kmk");
	ASSERT_LT(0, k1);
	ASSERT_LT(0, k2);
	ASSERT_LT(0, read_key(k1, a1, sizeof(a1)));
	ASSERT_LT(0, read_key(k1, a2, sizeof(a2)));
	EXPECT_STREQ(a1, a2);

	l1 = read_blob(k1, b1, sizeof(b1));
	l2 = read_blob(k2, b2, sizeof(b2));
	ASSERT_EQ(0, keyseal_blob_parse(b1, l1, &p1));
	ASSERT_EQ(0, keyseal_blob_parse(b2, l2, &p2));
	EXPECT_NE(0, memcmp(p1.key_id, p2.key_id, KEYSEAL_KEY_ID_SIZE));
	EXPECT_NE(0, memcmp(p1.salt, p2.salt, KEYSEAL_SALT_SIZE));
	EXPECT_NE(0, memcmp(p1.body, p2.body, p1.body_len));
}

/*
 * A sealed KEK loaded back still opens the blobs made under it before: its
 * material survived the round trip.
 */
TEST_F(session, kek_material_survives_round_trip)
{
	char kek_armor[KEYSEAL_ARMOR_MAX_SIZE + 2];
	char child_armor[KEYSEAL_ARMOR_MAX_SIZE + 2];
	key_serial_t kek, child;

	kek = add_sealed("kek1", "new kek parent=user:kmk");
	ASSERT_LT(0, kek);
	child = add_sealed("child", "new secret 64 parent=sealed:kek1");
	ASSERT_LT(0, child);
	ASSERT_LT(0, read_key(kek, kek_armor, sizeof(kek_armor)));
	ASSERT_LT(0, read_key(child, child_armor, sizeof(child_armor)));
	drop_key(child);
	drop_key(kek);

	/* Without its parent the child cannot come back. */
	EXPECT_EQ(-ENOKEY, load_armor("child", child_armor, NULL));
	kek = load_armor("kek1", kek_armor, NULL);
	ASSERT_LT(0, kek);
	child = load_armor("child", child_armor, NULL);
	EXPECT_LT(0, child);

	/* A fresh KEK under the same name has other material. */
	drop_key(child);
	drop_key(kek);
	ASSERT_LT(0, add_sealed("kek1", "new kek parent=user:kmk"));
	EXPECT_EQ(-EKEYREJECTED, load_armor("child", child_armor, NULL));
}

static int blob_of_new_key(const char *command, u8 *blob, size_t size)
{
	key_serial_t id = add_sealed("victim", command);
	long len;

	if (id < 0)
		return id;
	len = read_blob(id, blob, size);
	drop_key(id);
	return len;
}

/* Which errors a changed byte may cause, by where it is. */
static int flip_error_allowed(const struct keyseal_blob *b, size_t offset,
			      int err)
{
	size_t parent_start = KEYSEAL_BLOB_FIXED_SIZE + 1;
	size_t fp_start = parent_start + b->parent_len;

	if (err == -EBADMSG || err == -EINVAL)
		return 1;
	/* A different parent name names a key that is not there. */
	if (offset >= parent_start && offset < fp_start)
		return err == -ENOKEY;
	/* A different fingerprint is a KEK that cannot serve. */
	if (offset >= fp_start && offset < fp_start + KEYSEAL_FINGERPRINT_SIZE)
		return err == -EKEYREJECTED;
	return 0;
}

TEST_F(session, every_byte_flip_fails)
{
	u8 blob[KEYSEAL_BLOB_MAX_SIZE], bad[KEYSEAL_BLOB_MAX_SIZE];
	static const u8 masks[] = { 0x01, 0x80, 0xff };
	struct keyseal_blob b;
	size_t offset, m;
	long len;

	len = blob_of_new_key("new aead parent=user:kmk exportable", blob,
			      sizeof(blob));
	ASSERT_LT(0, len);
	ASSERT_EQ(0, keyseal_blob_parse(blob, len, &b));
	/* the untouched blob loads */
	ASSERT_LT(0, load_blob("ok", blob, len));

	for (offset = 0; offset < (size_t)len; offset++) {
		for (m = 0; m < sizeof(masks); m++) {
			key_serial_t id;

			memcpy(bad, blob, len);
			bad[offset] ^= masks[m];
			id = load_blob("bad", bad, len);
			ASSERT_GT(0, id) TH_LOG("flip %#x at %zu loaded",
						masks[m], offset);
			ASSERT_TRUE(flip_error_allowed(&b, offset, id))
				TH_LOG("flip %#x at %zu: %s", masks[m], offset,
				       strerror(-id));
		}
	}
}

TEST_F(session, every_truncation_fails)
{
	char armor[KEYSEAL_ARMOR_MAX_SIZE + 2];
	u8 blob[KEYSEAL_BLOB_MAX_SIZE];
	key_serial_t id;
	size_t cut;
	long len;

	id = add_sealed("t", "new secret 48 parent=user:kmk");
	ASSERT_LT(0, id);
	len = read_blob(id, blob, sizeof(blob));
	ASSERT_LT(0, len);
	drop_key(id);

	for (cut = 1; cut < (size_t)len; cut++)
		ASSERT_EQ(-EINVAL, load_blob("t", blob, cut))
			TH_LOG("cut at %zu", cut);
	/* and the armored text, cut anywhere */
	ASSERT_LT(0, keyseal_armor_encode(blob, len, armor));
	armor[keyseal_armor_size(len)] = '\0';
	for (cut = keyseal_armor_size(len) - 1; cut > 0; cut--) {
		armor[cut] = '\0';
		ASSERT_EQ(-EINVAL, load_armor("t", armor, NULL))
			TH_LOG("text cut at %zu", cut);
	}
}

TEST_F(session, wrong_parent_material_same_name)
{
	char armor[KEYSEAL_ARMOR_MAX_SIZE + 2];
	key_serial_t id;

	id = add_sealed("w", "new aead parent=user:kmk");
	ASSERT_LT(0, id);
	ASSERT_LT(0, read_key(id, armor, sizeof(armor)));
	drop_key(id);
	drop_key(self->kmk);
	ASSERT_LT(0, add_random_user_key("kmk", ROOT_KEK_SIZE));
	EXPECT_EQ(-EKEYREJECTED, load_armor("w", armor, NULL));
}

TEST_F(session, parent_absent_revoked_or_wrong)
{
	char armor[KEYSEAL_ARMOR_MAX_SIZE + 2];
	key_serial_t id, data;

	id = add_sealed("a", "new aead parent=user:kmk");
	ASSERT_LT(0, id);
	ASSERT_LT(0, read_key(id, armor, sizeof(armor)));
	drop_key(id);

	EXPECT_EQ(-ENOKEY, add_sealed("x", "new aead parent=user:nothere"));
	ASSERT_EQ(0, keyctl_revoke(self->kmk));
	EXPECT_EQ(-EKEYREVOKED, load_armor("a", armor, NULL));
	EXPECT_EQ(-EKEYREVOKED, add_sealed("x", "new aead parent=user:kmk"));
	drop_key(self->kmk);
	EXPECT_EQ(-ENOKEY, load_armor("a", armor, NULL));

	/* sealed keys other than KEKs cannot be parents */
	ASSERT_LT(0, add_random_user_key("kmk2", ROOT_KEK_SIZE));
	data = add_sealed("data", "new aead parent=user:kmk2");
	ASSERT_LT(0, data);
	EXPECT_EQ(-EKEYREJECTED, add_sealed("x", "new aead parent=sealed:data"));
	ASSERT_LT(0, add_sealed("sec", "new secret parent=user:kmk2"));
	EXPECT_EQ(-EKEYREJECTED, add_sealed("x", "new kek parent=sealed:sec"));
	/* a root key with too little material cannot either */
	ASSERT_LT(0, add_random_user_key("short", ROOT_KEK_SIZE - 1));
	EXPECT_EQ(-EKEYREJECTED, add_sealed("x", "new aead parent=user:short"));
	/* nor a key of a type that cannot hold a KEK */
	EXPECT_EQ(-EINVAL, add_sealed("x", "new aead parent=keyring:_ses"));
}

TEST_F(session, other_root_key_types)
{
	key_serial_t enc, id;
	char armor[KEYSEAL_ARMOR_MAX_SIZE + 2];
	static const char root[32] = "0123456789abcdef0123456789abcdef";

	ASSERT_LT(0, add_key_errno("logon", "keyseal:root", root, sizeof(root),
				   KEY_SPEC_SESSION_KEYRING));
	/* no parent= means the default parent, logon:keyseal:root */
	id = add_sealed("d", "new aead");
	ASSERT_LT(0, id);
	ASSERT_LT(0, read_key(id, armor, sizeof(armor)));
	drop_key(id);
	EXPECT_LT(0, load_armor("d", armor, NULL));

	enc = add_key_errno("encrypted", "ekek", "new user:kmk 32", 15,
			    KEY_SPEC_SESSION_KEYRING);
	if (enc == -ENODEV) {
		/* No encrypted key type in this kernel (Debian's 5.10). */
		EXPECT_EQ(-ENOKEY,
			  add_sealed("e", "new secret parent=encrypted:ekek"));
		return;
	}
	ASSERT_LT(0, enc);
	id = add_sealed("e", "new secret parent=encrypted:ekek");
	ASSERT_LT(0, id);
	ASSERT_LT(0, read_key(id, armor, sizeof(armor)));
	drop_key(id);
	EXPECT_LT(0, load_armor("e", armor, NULL));
}

TEST_F(session, default_parent_absent)
{
	EXPECT_EQ(-ENOKEY, add_sealed("d", "new aead"));
}

TEST_F(session, expired_keys)
{
	char command[128], armor[KEYSEAL_ARMOR_MAX_SIZE + 2];
	time_t now = time(NULL);
	key_serial_t id;

	snprintf(command, sizeof(command),
		 "new aead parent=user:kmk notafter=%lld", (long long)now - 1);
	EXPECT_EQ(-EKEYEXPIRED, add_sealed("old", command));

	snprintf(command, sizeof(command),
		 "new aead parent=user:kmk notafter=%lld", (long long)now + 2);
	id = add_sealed("soon", command);
	ASSERT_LT(0, id);
	ASSERT_LT(0, read_key(id, armor, sizeof(armor)));
	sleep(3);
	EXPECT_EQ(-EKEYEXPIRED, read_key(id, armor, sizeof(armor)));
	drop_key(id);
	EXPECT_EQ(-EKEYEXPIRED, load_armor("soon", armor, NULL));

	/* an expired sealed KEK cannot be a parent */
	snprintf(command, sizeof(command),
		 "new kek parent=user:kmk notafter=%lld",
		 (long long)time(NULL) + 2);
	ASSERT_LT(0, add_sealed("oldkek", command));
	sleep(3);
	EXPECT_EQ(-EKEYEXPIRED, add_sealed("x", "new aead parent=sealed:oldkek"));
}

TEST_F(session, restrict_only_clears)
{
	u8 blob[KEYSEAL_BLOB_MAX_SIZE];
	struct keyseal_blob b;
	key_serial_t id;
	long len;

	id = add_sealed("r", "new aead parent=user:kmk plaintext");
	ASSERT_LT(0, id);
	EXPECT_EQ(0, update_key(id, "restrict exportable"));
	len = read_blob(id, blob, sizeof(blob));
	ASSERT_EQ(0, keyseal_blob_parse(blob, len, &b));
	EXPECT_EQ(KEYSEAL_FLAG_EXPORTABLE, b.key_flags);
	EXPECT_EQ(-EPERM, update_key(id, "restrict plaintext"));
	EXPECT_EQ(0, update_key(id, "restrict"));
	EXPECT_EQ(-EPERM, update_key(id, "restrict exportable"));
	len = read_blob(id, blob, sizeof(blob));
	ASSERT_EQ(0, keyseal_blob_parse(blob, len, &b));
	EXPECT_EQ(0, b.key_flags);
	/* history: it was exportable once, so never-exportable stays off */
	EXPECT_EQ(KEYSEAL_ORIGIN_GENERATED, b.provenance);
}

TEST_F(session, rewrap)
{
	char armor[KEYSEAL_ARMOR_MAX_SIZE + 2];
	u8 blob[KEYSEAL_BLOB_MAX_SIZE];
	key_serial_t fixed, mobile, kmk2;
	struct keyseal_blob b;
	long len;

	kmk2 = add_random_user_key("kmk2", ROOT_KEK_SIZE);
	ASSERT_LT(0, kmk2);
	fixed = add_sealed("fixed", "new aead parent=user:kmk");
	mobile = add_sealed("mobile", "new aead parent=user:kmk exportable");
	ASSERT_LT(0, fixed);
	ASSERT_LT(0, mobile);

	EXPECT_EQ(-EPERM, update_key(fixed, "rewrap parent=user:kmk2"));
	/* under its own parent again: allowed, it is how it persists */
	EXPECT_EQ(0, update_key(fixed, "rewrap parent=user:kmk"));
	EXPECT_EQ(-ENOKEY, update_key(mobile, "rewrap parent=user:nothere"));
	EXPECT_EQ(-EKEYREJECTED, update_key(mobile, "rewrap parent=sealed:fixed"));
	ASSERT_EQ(0, update_key(mobile, "rewrap parent=user:kmk2"));

	len = read_blob(mobile, blob, sizeof(blob));
	ASSERT_EQ(0, keyseal_blob_parse(blob, len, &b));
	EXPECT_EQ(9, b.parent_len);
	EXPECT_EQ(0, memcmp(b.parent, "user:kmk2", 9));
	ASSERT_LT(0, read_key(mobile, armor, sizeof(armor)));
	drop_key(mobile);
	drop_key(self->kmk);
	EXPECT_LT(0, load_armor("mobile", armor, NULL));

	/* a KEK cannot become its own parent */
	ASSERT_LT(0, add_sealed("k", "new kek parent=user:kmk2 exportable"));
	EXPECT_EQ(-EKEYREJECTED,
		  update_key(keyctl_search(KEY_SPEC_SESSION_KEYRING, "sealed",
					   "k", 0),
			     "rewrap parent=sealed:k"));
}

TEST_F(session, update_never_replaces_material)
{
	key_serial_t id = add_sealed("u", "new aead parent=user:kmk");

	ASSERT_LT(0, id);
	EXPECT_EQ(-EEXIST, update_key(id, "new aead parent=user:kmk"));
	/* add_key on the same description updates, so it is refused too */
	EXPECT_EQ(-EEXIST, add_sealed("u", "new aead parent=user:kmk"));
	/* update commands cannot create keys */
	EXPECT_EQ(-EINVAL, add_sealed("v", "rewrap parent=user:kmk"));
	EXPECT_EQ(-EINVAL, add_sealed("v", "restrict"));
}

TEST_F(session, malformed_commands)
{
	static const char *const bad[] = {
		"", "frobnicate", "new", "new rsa parent=user:kmk",
		"new aead 24 parent=user:kmk", "new aead 0 parent=user:kmk",
		"new secret 513 parent=user:kmk",
		"new secret 99999999999999999999 parent=user:kmk",
		"new aead parent=user:kmk bogus",
		"new aead parent=user:kmk parent=user:kmk",
		"new aead parent=user:kmk exportable exportable",
		"new aead parent=user", "new aead notafter=soon",
		"import aead xyz", "import aead 0011", "load !!!!",
		"load Zm9vYmFy", "load", "load Zm9v Zm9v",
	};
	char big[8192];
	unsigned int i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		EXPECT_EQ(-EINVAL, add_sealed("m", bad[i])) TH_LOG("case %u", i);

	memset(big, 'A', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	memcpy(big, "load ", 5);
	EXPECT_EQ(-EINVAL, add_sealed("m", big));
	memcpy(big, "new aead parent=user:", 21);
	big[21 + 300] = '\0';
	EXPECT_EQ(-EINVAL, add_sealed("m", big));
}

TEST_F(session, describe_shows_no_secret)
{
	char line[512];
	key_serial_t id;

	id = add_sealed("shown", "new secret 32 parent=user:kmk exportable");
	ASSERT_LT(0, id);
	proc_keys_line(id, line, sizeof(line));
	ASSERT_NE(NULL, strstr(line, "sealed    shown: secret 256-bit exportable id="))
		TH_LOG("%s", line);
	EXPECT_NE(NULL, strstr(line, " parent=user:kmk"));

	/* without a description, the key is named usage:keyid */
	id = add_key("sealed", NULL, "new kek parent=user:kmk", 23,
		     KEY_SPEC_SESSION_KEYRING);
	ASSERT_LT(0, id);
	proc_keys_line(id, line, sizeof(line));
	EXPECT_NE(NULL, strstr(line, "sealed    kek:")) TH_LOG("%s", line);
}

/* Clear-text import needs CAP_SYS_ADMIN; run it as root and as nobody. */
TEST_F(session, import_needs_privilege)
{
	static const char hex[] = "000102030405060708090a0b0c0d0e0f";
	u8 blob[KEYSEAL_BLOB_MAX_SIZE];
	struct keyseal_blob b;
	key_serial_t id;
	int status;
	pid_t pid;
	long len;

	id = add_sealed("imp", "import aead 000102030405060708090a0b0c0d0e0f "
			"parent=user:kmk");
	ASSERT_LT(0, id);
	len = read_blob(id, blob, sizeof(blob));
	ASSERT_EQ(0, keyseal_blob_parse(blob, len, &b));
	EXPECT_EQ(KEYSEAL_ORIGIN_IMPORTED, b.provenance);
	EXPECT_EQ(16, b.key_len);

	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		char command[128];

		if (setgid(65534) || setuid(65534) || new_session() ||
		    add_random_user_key("mine", ROOT_KEK_SIZE) < 0)
			_exit(2);
		snprintf(command, sizeof(command),
			 "import aead %s parent=user:mine", hex);
		_exit(add_sealed("imp", command) == -EPERM ? 0 : 1);
	}
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	EXPECT_EQ(0, WEXITSTATUS(status));
}

/*
 * Another user can neither read a key it cannot read nor use a KEK it
 * cannot find.
 */
TEST_F(session, other_uid_cannot_export_or_use)
{
	key_serial_t id;
	int status;
	pid_t pid;

	id = add_sealed("private", "new aead parent=user:kmk");
	ASSERT_LT(0, id);
	/* possessor everything, owner view only, nobody else anything */
	ASSERT_EQ(0, keyctl_setperm(id, KEY_POS_ALL | KEY_USR_VIEW));

	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		char buf[KEYSEAL_ARMOR_MAX_SIZE + 2];

		/* leave root's session: the key is then not possessed */
		if (setgid(1000) || setuid(1000) || new_session())
			_exit(2);
		if (read_key(id, buf, sizeof(buf)) != -EACCES)
			_exit(3);
		/* root's KEK is not in this user's keyrings */
		if (add_sealed("x", "new aead parent=user:kmk") != -ENOKEY)
			_exit(4);
		_exit(0);
	}
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	EXPECT_EQ(0, WEXITSTATUS(status));
}

TEST_F(session, failed_loads_leave_no_quota)
{
	unsigned int keys0, bytes0, keys1, bytes1;
	u8 blob[KEYSEAL_BLOB_MAX_SIZE];
	key_serial_t id;
	long len;
	int i;

	/* The key stays: a dropped one would be uncharged at some point. */
	id = add_sealed("q", "new aead parent=user:kmk");
	ASSERT_LT(0, id);
	len = read_blob(id, blob, sizeof(blob));
	ASSERT_LT(0, len);

	/* earlier tests' keys are still being collected: wait for them */
	ASSERT_EQ(0, key_quota_settle(10000));
	ASSERT_EQ(0, key_quota(&keys0, &bytes0));
	for (i = 0; i < 200; i++) {
		blob[len - 1 - i % 16] ^= 1 + i % 255;
		EXPECT_EQ(-EBADMSG, load_blob("q2", blob, len));
		blob[len - 1 - i % 16] ^= 1 + i % 255;
	}
	for (i = 0; i < 50; i++)
		EXPECT_EQ(-EINVAL, add_sealed("q2", "new aead bogus"));
	EXPECT_EQ(-ENOKEY, add_sealed("q2", "new aead parent=user:none"));
	ASSERT_EQ(0, key_quota(&keys1, &bytes1));
	EXPECT_EQ(keys0, keys1);
	EXPECT_EQ(bytes0, bytes1);
}

TEST_HARNESS_MAIN
