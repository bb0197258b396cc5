// SPDX-License-Identifier: GPL-2.0
/*
 * Key-management API attacks, one test each: the ways PKCS#11 tokens were
 * made to give up keys (Clulow 2003; Bortolozzo, Centenaro, Focardi and
 * Steel, "Attacking and fixing PKCS#11 security tokens", 2010) and the ways
 * keyseal's own features could be turned against its policy. Each attack is
 * tried on every path that could carry it (keyctl add and update, EXPORT,
 * IMPORT, REWRAP, ENCRYPT, DECRYPT) and must fail with the exact errno
 * Documentation/keyctl.rst gives for it; where a step must succeed for the
 * attack to be meaningful, that is asserted too.
 */

#include <sys/wait.h>

#include "keyseal_test.h"
#include "kselftest_harness.h"

#define BLOB_MAX	KEYSEAL_BLOB_MAX_SIZE

FIXTURE(attack) {
	int fd;
	key_serial_t kmk, kmk2;
	key_serial_t vroot;	/* logon:attack:root, root's: it vouches (R2) */
};

FIXTURE_SETUP(attack)
{
	SETUP_SESSION_WITH_ROOTS_AND_DEVICE(self);
	self->vroot = add_random_logon_key("attack:root", ROOT_KEK_SIZE);
	ASSERT_LT(0, self->vroot);
}

FIXTURE_TEARDOWN(attack)
{
	close(self->fd);
}

/*
 * A blob with its header fields changed by @edit and written again by the
 * codec, the body kept (or cut to the new key length's body): a blob the
 * codec accepts, which only authentication can refuse. Returns its length,
 * 0 if the codec refuses the edited header.
 */
static u32 edited(const u8 *blob, u32 len, u8 *out,
		  void (*edit)(struct keyseal_blob *b))
{
	struct keyseal_blob b;
	size_t body;
	int header;

	if (keyseal_blob_parse(blob, len, &b))
		return 0;
	edit(&b);
	header = keyseal_blob_write_header(&b, out, BLOB_MAX);
	if (header < 0)
		return 0;
	body = keyseal_blob_body_size(&b);
	if (body > b.body_len || header + body > BLOB_MAX)
		return 0;
	memcpy(out + header, b.body, body);
	return header + body;
}

/*
 * Every way in for a blob: keyctl load, IMPORT, and REWRAP (to @kek) for
 * whatever is not a well-formed blob of another scheme, which REWRAP
 * refuses as such.
 */
static void refused_everywhere(struct __test_metadata *_metadata, int fd,
			       const u8 *blob, u32 len, key_serial_t kek,
			       long expected, const char *what)
{
	struct keyseal_blob b;

	EXPECT_EQ(expected, load_blob("forged", blob, len)) TH_LOG("%s: load", what);
	EXPECT_EQ(expected, dev_import(fd, blob, len, "forged", 0, 0, NULL, 0))
		TH_LOG("%s: IMPORT", what);
	if (keyseal_blob_parse(blob, len, &b) ||
	    b.scheme == KEYSEAL_SCHEME_KEK)
		EXPECT_EQ(expected, rewrap_to(fd, blob, len, 0, kek))
			TH_LOG("%s: REWRAP", what);
}

/*
 * Wrap a key under a data key, then decrypt the blob with that data key:
 * no data key can wrap, on any path, and no KEK can decrypt.
 */
TEST_F(attack, wrap_under_data_key_then_decrypt)
{
	u8 blob[BLOB_MAX], out[BLOB_MAX], nonce[KEYSEAL_NONCE_SIZE] = { 0 };
	key_serial_t dk, victim, kek, xk;
	struct keyseal_blob b;
	u32 len, out_len;

	dk = NEW_KEY("dk", "new aead parent=user:kmk exportable");
	victim = NEW_KEY("victim", "new aead parent=user:kmk exportable");
	kek = NEW_KEY("kek", "new kek parent=user:kmk");
	xk = NEW_KEY("xk", "new x25519 parent=user:kmk");
	len = BLOB_OF(victim, blob);

	/* Wrap: not at creation, not by rewrap, not by export. */
	EXPECT_EQ(-EKEYREJECTED, add_sealed("w1", "new secret parent=sealed:dk"));
	EXPECT_EQ(-EKEYREJECTED, update_key(victim, "rewrap parent=sealed:dk"));
	EXPECT_EQ(-EKEYREJECTED, export_to_kek(self->fd, victim, dk));
	EXPECT_EQ(-EKEYREJECTED, rewrap_to(self->fd, blob, len, 0, dk));
	/* nor under an exchange key, nor a root key that is not sealed */
	EXPECT_EQ(-EKEYREJECTED, export_to_kek(self->fd, victim, xk));
	EXPECT_EQ(-EKEYREJECTED, update_key(victim, "rewrap parent=sealed:xk"));

	/* Decrypt: the key that wraps cannot, nor can the root. */
	ASSERT_EQ(0, keyseal_blob_parse(blob, len, &b));
	out_len = sizeof(out);
	EXPECT_EQ(-EKEYREJECTED, dev_crypt(self->fd, false, kek, b.body,
					   b.body_len, NULL, 0, out, &out_len,
					   nonce));
	out_len = sizeof(out);
	EXPECT_EQ(-EKEYREJECTED, dev_crypt(self->fd, false, self->kmk, b.body,
					   b.body_len, NULL, 0, out, &out_len,
					   nonce));
	out_len = sizeof(out);
	EXPECT_EQ(-EKEYREJECTED, dev_crypt(self->fd, false, xk, b.body,
					   b.body_len, NULL, 0, out, &out_len,
					   nonce));
	/* and a data key opening a blob it never made fails to authenticate */
	out_len = sizeof(out);
	EXPECT_EQ(-EBADMSG, dev_crypt(self->fd, false, dk, b.body, b.body_len,
				      NULL, 0, out, &out_len, nonce));
}

/*
 * Encrypt chosen bytes with a KEK, then unwrap them as a key: a KEK never
 * encrypts; bytes a data key encrypted, dressed as a blob under that data
 * key, find no KEK; and a blob under a real KEK cannot be made without it.
 */
TEST_F(attack, encrypt_chosen_bytes_then_unwrap_as_key)
{
	u8 chosen[32], out[BLOB_MAX], forged[BLOB_MAX], genuine[BLOB_MAX];
	u8 nonce[KEYSEAL_NONCE_SIZE] = { 0 }, fp[KEYSEAL_FINGERPRINT_SIZE];
	static const u8 salt[KEYSEAL_SALT_SIZE] = { 1, 2, 3 };
	key_serial_t kek, dk, child;
	struct keyseal_blob b = {
		.scheme = KEYSEAL_SCHEME_KEK,
		.usage = KEYSEAL_USAGE_KEK,
		.key_alg = KEYSEAL_ALG_KEK_HKDF_AES256GCM,
		.key_flags = KEYSEAL_FLAG_EXPORTABLE | KEYSEAL_FLAG_PLAINTEXT,
		.provenance = KEYSEAL_ORIGIN_GENERATED,
		.key_len = 32,
		.kdf_id = KEYSEAL_KDF_HKDF_SHA256,
		.aead_id = KEYSEAL_AEAD_AES256GCM,
		.parent_fp = fp,
		.salt = salt,
	}, g;
	int header;
	u32 len, out_len;

	memset(chosen, 0x41, sizeof(chosen));
	kek = NEW_KEY("kek", "new kek parent=user:kmk");
	dk = NEW_KEY("dk", "new aead parent=user:kmk");

	/* A KEK encrypts nothing, chosen or not. */
	out_len = sizeof(out);
	EXPECT_EQ(-EKEYREJECTED, dev_crypt(self->fd, true, kek, chosen,
					   sizeof(chosen), NULL, 0, out,
					   &out_len, nonce));

	/* The data key encrypts the chosen bytes (that is its job)... */
	out_len = sizeof(out);
	ASSERT_EQ(0, dev_crypt(self->fd, true, dk, chosen, sizeof(chosen), NULL,
			       0, out, &out_len, nonce));
	ASSERT_EQ(sizeof(chosen) + KEYSEAL_TAG_SIZE, out_len);
	/* ...and they are presented as a plaintext-flagged KEK under it. */
	b.parent = "sealed:dk";
	b.parent_len = strlen(b.parent);
	memset(fp, 0, sizeof(fp));
	header = keyseal_blob_write_header(&b, forged, sizeof(forged));
	ASSERT_LT(0, header);
	memcpy(forged + header, out, out_len);
	len = header + out_len;
	ASSERT_EQ(0, keyseal_blob_parse(forged, len, &g));
	EXPECT_EQ(-EKEYREJECTED, load_blob("forged", forged, len));
	EXPECT_EQ(-EKEYREJECTED, dev_import(self->fd, forged, len, "forged", dk,
					    0, NULL, 0));
	EXPECT_EQ(-EKEYREJECTED, rewrap_to(self->fd, forged, len, dk,
					   self->kmk2));

	/* Under the real KEK, with its fingerprint: the tag cannot be made. */
	child = NEW_KEY("child", "new secret parent=sealed:kek");
	len = BLOB_OF(child, genuine);
	ASSERT_EQ(0, keyseal_blob_parse(genuine, len, &g));
	memcpy(fp, g.parent_fp, sizeof(fp));
	b.parent = "sealed:kek";
	b.parent_len = strlen(b.parent);
	header = keyseal_blob_write_header(&b, forged, sizeof(forged));
	ASSERT_LT(0, header);
	memcpy(forged + header, out, out_len);
	len = header + out_len;
	refused_everywhere(_metadata, self->fd, forged, len, self->kmk2,
			   -EBADMSG, "chosen bytes under the real KEK");
	EXPECT_EQ(-EBADMSG, dev_import(self->fd, forged, len, "forged", kek, 0,
				       NULL, 0));
}

/*
 * Wrap a strong key under a weaker one: only a sealed KEK (AES-256) or a
 * root key of 32 bytes or more wraps; a 128-bit data key, a short secret,
 * an exchange key or a short root key never does, on any path.
 */
TEST_F(attack, wrap_strong_key_under_weaker_key)
{
	static const char *const weak[] = {
		"sealed:a128", "sealed:s16", "sealed:x", "user:short",
	};
	key_serial_t strong, weak_id[4];
	u8 blob[BLOB_MAX];
	char command[64];
	unsigned int i;
	u32 len;

	strong = NEW_KEY("strong", "new aead 32 parent=user:kmk exportable");
	len = BLOB_OF(strong, blob);
	weak_id[0] = NEW_KEY("a128", "new aead 16 parent=user:kmk");
	weak_id[1] = NEW_KEY("s16", "new secret 16 parent=user:kmk");
	weak_id[2] = NEW_KEY("x", "new x25519 parent=user:kmk");
	weak_id[3] = add_random_user_key("short", 16);
	ASSERT_LT(0, weak_id[3]);

	for (i = 0; i < 4; i++) {
		snprintf(command, sizeof(command), "new aead 32 parent=%s",
			 weak[i]);
		EXPECT_EQ(-EKEYREJECTED, add_sealed("w", command))
			TH_LOG("%s", weak[i]);
		snprintf(command, sizeof(command), "rewrap parent=%s", weak[i]);
		EXPECT_EQ(-EKEYREJECTED, update_key(strong, command))
			TH_LOG("%s", weak[i]);
		EXPECT_EQ(-EKEYREJECTED, export_to_kek(self->fd, strong,
						       weak_id[i]))
			TH_LOG("%s", weak[i]);
		EXPECT_EQ(-EKEYREJECTED, rewrap_to(self->fd, blob, len, 0,
						   weak_id[i]))
			TH_LOG("%s", weak[i]);
	}
	/* One byte short of a root KEK is still short. */
	ASSERT_LT(0, add_random_user_key("short31", ROOT_KEK_SIZE - 1));
	EXPECT_EQ(-EKEYREJECTED, update_key(strong, "rewrap parent=user:short31"));
	/* What may wrap, does: the same key under a KEK of full strength. */
	EXPECT_EQ(0, update_key(strong, "rewrap parent=user:kmk2"));
	ASSERT_LT(0, add_sealed("kek", "new kek parent=user:kmk"));
	EXPECT_EQ(0, update_key(strong, "rewrap parent=sealed:kek"));
}

static void add_exportable(struct keyseal_blob *b)
{
	b->key_flags = KEYSEAL_FLAG_EXPORTABLE;
	b->provenance &= ~KEYSEAL_PROV_NEVER_EXPORTABLE;
}

static void add_plaintext(struct keyseal_blob *b)
{
	b->key_flags = KEYSEAL_FLAG_EXPORTABLE | KEYSEAL_FLAG_PLAINTEXT;
	b->provenance = KEYSEAL_ORIGIN_GENERATED;
}

static void flags_only(struct keyseal_blob *b)
{
	b->key_flags = KEYSEAL_FLAG_EXPORTABLE;
}

/* Edit a blob's flags and load it: authenticated, so refused. */
TEST_F(attack, edit_flags_and_load)
{
	u8 blob[BLOB_MAX], forged[BLOB_MAX];
	key_serial_t fixed, mobile, rcpt;
	struct exchange_pubkey pk;
	u32 len, flen;

	/* under a root that vouches, so that its blob records a history */
	fixed = NEW_KEY("fixed", "new aead parent=logon:attack:root");
	len = BLOB_OF(fixed, blob);

	flen = edited(blob, len, forged, add_exportable);
	ASSERT_LT(0, flen);
	refused_everywhere(_metadata, self->fd, forged, flen, self->kmk2,
			   -EBADMSG, "exportable added");
	flen = edited(blob, len, forged, add_plaintext);
	ASSERT_LT(0, flen);
	refused_everywhere(_metadata, self->fd, forged, flen, self->kmk2,
			   -EBADMSG, "plaintext added");
	/* A flag against the history the blob records is not even a blob. */
	EXPECT_EQ(0, edited(blob, len, forged, flags_only));
	memcpy(forged, blob, len);
	forged[10] = KEYSEAL_FLAG_EXPORTABLE;
	refused_everywhere(_metadata, self->fd, forged, len, self->kmk2,
			   -EINVAL, "exportable, history kept");

	/* The flags of a recipient blob are bound too. */
	mobile = NEW_KEY("mobile", "new aead parent=user:kmk exportable");
	rcpt = NEW_KEY("rcpt", "new x25519 parent=user:kmk");
	ASSERT_EQ(0, dev_pubkey(self->fd, rcpt, &pk));
	len = sizeof(blob);
	ASSERT_EQ(0, dev_export_recipient(self->fd, mobile, pk.kem, pk.key,
					  pk.len, 0, blob, &len));
	flen = edited(blob, len, forged, add_plaintext);
	ASSERT_LT(0, flen);
	refused_everywhere(_metadata, self->fd, forged, flen, self->kmk2,
			   -EBADMSG, "plaintext added to a recipient blob");
	/* untouched, it loads */
	EXPECT_LT(0, dev_import(self->fd, blob, len, "received", 0, self->kmk,
				NULL, 0));
}

static void to_secret(struct keyseal_blob *b)
{
	b->usage = KEYSEAL_USAGE_SECRET;
	b->key_alg = KEYSEAL_ALG_RAW;
}

static void to_kek(struct keyseal_blob *b)
{
	b->usage = KEYSEAL_USAGE_KEK;
	b->key_alg = KEYSEAL_ALG_KEK_HKDF_AES256GCM;
}

static void to_aead(struct keyseal_blob *b)
{
	b->usage = KEYSEAL_USAGE_AEAD;
	b->key_alg = KEYSEAL_ALG_AES_GCM;
}

static void to_x25519(struct keyseal_blob *b)
{
	b->usage = KEYSEAL_USAGE_X25519;
	b->key_alg = KEYSEAL_ALG_X25519;
}

/* Edit a blob's usage and load it: every other usage of the same length. */
TEST_F(attack, edit_usage_and_load)
{
	static void (*const relabel[])(struct keyseal_blob *) = {
		to_secret, to_kek, to_aead, to_x25519,
	};
	static const char *const keys[] = {
		"new aead 32 parent=user:kmk exportable",
		"new kek parent=user:kmk exportable",
		"new secret 32 parent=user:kmk exportable",
		"new x25519 parent=user:kmk exportable",
	};
	u8 blob[BLOB_MAX], forged[BLOB_MAX];
	struct keyseal_blob b;
	unsigned int i, j;
	key_serial_t id;
	u32 len, flen;

	for (i = 0; i < 4; i++) {
		id = NEW_KEY("k", keys[i]);
		len = BLOB_OF(id, blob);
		ASSERT_EQ(0, keyseal_blob_parse(blob, len, &b));
		for (j = 0; j < 4; j++) {
			flen = edited(blob, len, forged, relabel[j]);
			ASSERT_LT(0, flen);
			if (flen == len && !memcmp(forged, blob, len))
				continue;	/* its own usage */
			refused_everywhere(_metadata, self->fd, forged, flen,
					   self->kmk2, -EBADMSG, keys[i]);
		}
		/* The usage byte alone, its algorithm left: malformed. */
		memcpy(forged, blob, len);
		forged[6] = b.usage == KEYSEAL_USAGE_SECRET ?
			    KEYSEAL_USAGE_AEAD : KEYSEAL_USAGE_SECRET;
		refused_everywhere(_metadata, self->fd, forged, len, self->kmk2,
				   -EINVAL, keys[i]);
		drop_key(id);
	}
}

static void to_aes128(struct keyseal_blob *b)
{
	b->aead_id = KEYSEAL_AEAD_AES128GCM;
}

static void to_16_bytes(struct keyseal_blob *b)
{
	b->key_len = 16;
}

/*
 * Edit a blob's algorithms and load it: a key algorithm that is not its
 * usage's, a weaker wrapping AEAD or another KDF is no version 1 blob; a
 * 256-bit key cut to 128 bits is a blob, and a forged one.
 */
TEST_F(attack, edit_algorithm_and_load)
{
	u8 blob[BLOB_MAX], forged[BLOB_MAX];
	key_serial_t id;
	u32 len, flen;

	id = NEW_KEY("k", "new aead 32 parent=user:kmk exportable");
	len = BLOB_OF(id, blob);

	memcpy(forged, blob, len);
	forged[7] = KEYSEAL_ALG_RAW;		/* key algorithm */
	refused_everywhere(_metadata, self->fd, forged, len, self->kmk2,
			   -EINVAL, "key algorithm");
	memcpy(forged, blob, len);
	forged[17] = KEYSEAL_AEAD_AES128GCM;	/* wrapping AEAD */
	refused_everywhere(_metadata, self->fd, forged, len, self->kmk2,
			   -EINVAL, "wrapping AEAD");
	memcpy(forged, blob, len);
	forged[15] = 2;				/* KDF */
	refused_everywhere(_metadata, self->fd, forged, len, self->kmk2,
			   -EINVAL, "KDF");
	EXPECT_EQ(0, edited(blob, len, forged, to_aes128));

	flen = edited(blob, len, forged, to_16_bytes);
	ASSERT_LT(0, flen);
	refused_everywhere(_metadata, self->fd, forged, flen, self->kmk2,
			   -EBADMSG, "key cut to 128 bits");
}

static u64 new_not_after;

static void set_not_after(struct keyseal_blob *b)
{
	b->not_after = new_not_after;
}

/*
 * Edit a blob's not-after and load it: extended, removed or put in the
 * past, it no longer authenticates, and a forged date is never believed
 * (not even to say EKEYEXPIRED).
 */
TEST_F(attack, edit_not_after_and_load)
{
	u8 blob[BLOB_MAX], forged[BLOB_MAX];
	char command[96];
	u64 soon = time(NULL) + 3600;
	static const u64 dates[] = { 0, 1, 4102444800ULL, 0xffffffffffffffffULL };
	key_serial_t id;
	unsigned int i;
	u32 len, flen;

	snprintf(command, sizeof(command),
		 "new aead parent=user:kmk exportable notafter=%llu",
		 (unsigned long long)soon);
	id = NEW_KEY("k", command);
	len = BLOB_OF(id, blob);

	for (i = 0; i < 4; i++) {
		new_not_after = dates[i];
		flen = edited(blob, len, forged, set_not_after);
		ASSERT_LT(0, flen);
		refused_everywhere(_metadata, self->fd, forged, flen,
				   self->kmk2, -EBADMSG, "not-after");
	}
	new_not_after = soon + 1;
	flen = edited(blob, len, forged, set_not_after);
	ASSERT_LT(0, flen);
	refused_everywhere(_metadata, self->fd, forged, flen, self->kmk2,
			   -EBADMSG, "not-after one second later");
	/* The untouched blob still loads. */
	drop_key(id);
	EXPECT_LT(0, load_blob("k", blob, len));
}

/*
 * Load an exported blob under another usage. A blob carries its usage and
 * the key comes back with it; relabeled, the blob under another KEK or to a
 * recipient fails; the key cannot be made a KEK by being named as one; and
 * the key in the clear, which a plaintext key may give, is a clear import:
 * refused without CAP_SYS_ADMIN, and marked imported, history gone, with it.
 */
TEST_F(attack, load_exported_blob_under_other_usage)
{
	u8 blob[BLOB_MAX], forged[BLOB_MAX];
	key_serial_t dk, rcpt, back;
	struct exchange_pubkey pk;
	struct keyseal_info info;
	u32 len, flen;
	int status;
	pid_t pid;

	dk = NEW_KEY("dk", "new aead 32 parent=user:kmk plaintext");

	/* exported under another KEK */
	len = sizeof(blob);
	ASSERT_EQ(0, dev_export(self->fd, dk, KEYSEAL_TARGET_KEK, self->kmk2,
				blob, &len));
	flen = edited(blob, len, forged, to_kek);
	refused_everywhere(_metadata, self->fd, forged, flen, self->kmk,
			   -EBADMSG, "exported to a KEK, relabeled kek");
	back = dev_import(self->fd, blob, len, "back", 0, 0, NULL, 0);
	ASSERT_LT(0, back);
	ASSERT_EQ(0, dev_info(self->fd, back, &info));
	EXPECT_EQ(KEYSEAL_USAGE_AEAD, info.usage);
	/* named as a parent, it is still a data key */
	EXPECT_EQ(-EKEYREJECTED, add_sealed("c", "new secret parent=sealed:back"));
	EXPECT_EQ(-EKEYREJECTED, export_to_kek(self->fd, dk, back));

	/* exported to a recipient */
	rcpt = NEW_KEY("rcpt", "new x25519 parent=user:kmk");
	ASSERT_EQ(0, dev_pubkey(self->fd, rcpt, &pk));
	len = sizeof(blob);
	ASSERT_EQ(0, dev_export_recipient(self->fd, dk, pk.kem, pk.key, pk.len,
					  0, blob, &len));
	flen = edited(blob, len, forged, to_secret);
	refused_everywhere(_metadata, self->fd, forged, flen, self->kmk,
			   -EBADMSG, "exported to a recipient, relabeled secret");

	/* exported in the clear */
	len = sizeof(blob);
	ASSERT_EQ(0, dev_export(self->fd, dk, KEYSEAL_TARGET_PLAINTEXT, 0, blob,
				&len));
	flen = edited(blob, len, forged, to_kek);
	ASSERT_LT(0, flen);
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		if (setgid(65534) || setuid(65534) || new_session() ||
		    add_random_user_key("mine", ROOT_KEK_SIZE) < 0)
			_exit(2);
		_exit(load_blob_with("relabeled", forged, flen,
				"parent=user:mine") == -EPERM ? 0 : 1);
	}
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	EXPECT_EQ(0, WEXITSTATUS(status));
	back = load_blob_with("relabeled", forged, flen, "parent=user:kmk");
	ASSERT_LT(0, back);
	ASSERT_EQ(0, dev_info(self->fd, back, &info));
	EXPECT_EQ(KEYSEAL_USAGE_KEK, info.usage);
	EXPECT_EQ(KEYSEAL_ORIGIN_IMPORTED, info.provenance);
}

/*
 * Re-export a non-exportable key through rewrap: it is only ever sealed
 * again under its own parent (under whatever name or serial), never under
 * another KEK, on any path; nor does it leave in the clear.
 */
TEST_F(attack, reexport_non_exportable_through_rewrap)
{
	u8 blob[BLOB_MAX], out[BLOB_MAX];
	struct keyseal_info info;
	key_serial_t fixed, child;
	char command[64];
	u32 len, out_len;

	fixed = NEW_KEY("fixed", "new aead parent=user:kmk");
	child = NEW_KEY("child", "new kek parent=user:kmk exportable");
	len = BLOB_OF(fixed, blob);

	EXPECT_EQ(-EPERM, update_key(fixed, "rewrap parent=user:kmk2"));
	EXPECT_EQ(-EPERM, update_key(fixed, "rewrap parent=sealed:child"));
	EXPECT_EQ(-EPERM, export_to_kek(self->fd, fixed, self->kmk2));
	EXPECT_EQ(-EPERM, export_to_kek(self->fd, fixed, child));
	EXPECT_EQ(-EPERM, rewrap_to(self->fd, blob, len, 0, self->kmk2));
	EXPECT_EQ(-EPERM, rewrap_to(self->fd, blob, len, self->kmk, child));
	out_len = sizeof(out);
	EXPECT_EQ(-EPERM, dev_export(self->fd, fixed, KEYSEAL_TARGET_PLAINTEXT,
				     0, out, &out_len));

	/* Under its own parent, named by serial: allowed, and still there. */
	snprintf(command, sizeof(command), "rewrap parent=#%d", self->kmk);
	EXPECT_EQ(0, update_key(fixed, command));
	EXPECT_EQ(0, rewrap_to(self->fd, blob, len, 0, self->kmk));
	ASSERT_EQ(0, dev_info(self->fd, fixed, &info));
	EXPECT_STREQ("user:kmk", info.parent);
	EXPECT_EQ(0, info.key_flags);
}

/*
 * Re-export a non-exportable key through a recipient (HPKE): refused in
 * base and auth mode, and so for a key that was exportable once but no
 * longer is.
 */
TEST_F(attack, reexport_non_exportable_through_recipient)
{
	key_serial_t fixed, mobile, rcpt, snd;
	struct exchange_pubkey pk;
	u8 blob[BLOB_MAX];
	u32 len;

	fixed = NEW_KEY("fixed", "new aead parent=user:kmk");
	mobile = NEW_KEY("mobile", "new secret parent=user:kmk exportable");
	rcpt = NEW_KEY("rcpt", "new x25519 parent=user:kmk");
	snd = NEW_KEY("snd", "new x25519 parent=user:kmk");
	ASSERT_EQ(0, dev_pubkey(self->fd, rcpt, &pk));

	len = sizeof(blob);
	EXPECT_EQ(-EPERM, dev_export_recipient(self->fd, fixed, pk.kem, pk.key,
					       pk.len, 0, blob, &len));
	len = sizeof(blob);
	EXPECT_EQ(-EPERM, dev_export_recipient(self->fd, fixed, pk.kem, pk.key,
					       pk.len, snd, blob, &len));
	/* an exchange key is no more exportable than any other */
	len = sizeof(blob);
	EXPECT_EQ(-EPERM, dev_export_recipient(self->fd, snd, pk.kem, pk.key,
					       pk.len, 0, blob, &len));

	len = sizeof(blob);
	ASSERT_EQ(0, dev_export_recipient(self->fd, mobile, pk.kem, pk.key,
					  pk.len, 0, blob, &len));
	ASSERT_EQ(0, update_key(mobile, "restrict"));
	len = sizeof(blob);
	EXPECT_EQ(-EPERM, dev_export_recipient(self->fd, mobile, pk.kem, pk.key,
					       pk.len, snd, blob, &len));
}

/*
 * Re-export a non-exportable key through a child KEK. What must hold: a
 * non-exportable key is only ever sealed under the parent it has, so the
 * escape "seal it under an exportable child KEK, then move the child"
 * fails at its first step, however the child is named; a KEK that is not
 * exportable does not leave either. Nor can a non-exportable key be made
 * under an exportable KEK (issue 12 item 5, R3: a key is never more
 * protected than its parent, EPERM): only exportable keys travel with an
 * exportable KEK, and arrive as what the kernel can vouch for (external,
 * having been under user roots, R2). A key meant never to leave a host
 * belongs under KEKs that cannot leave it.
 */
TEST_F(attack, reexport_non_exportable_through_child_kek)
{
	u8 blob[BLOB_MAX], born_blob[BLOB_MAX], child_blob[BLOB_MAX];
	key_serial_t fixed, child, nk, born, arrived;
	u32 len, born_len, child_len;
	struct keyseal_info info;
	char command[64];

	fixed = NEW_KEY("fixed", "new aead parent=user:kmk");
	child = NEW_KEY("child", "new kek parent=user:kmk exportable");
	len = BLOB_OF(fixed, blob);

	/* Step one: under the child. Refused, every way. */
	EXPECT_EQ(-EPERM, update_key(fixed, "rewrap parent=sealed:child"));
	snprintf(command, sizeof(command), "rewrap parent=#%d", child);
	EXPECT_EQ(-EPERM, update_key(fixed, command));
	EXPECT_EQ(-EPERM, export_to_kek(self->fd, fixed, child));
	EXPECT_EQ(-EPERM, rewrap_to(self->fd, blob, len, 0, child));
	/* Naming the child as the KEK that opens the blob does not help. */
	EXPECT_EQ(-EKEYREJECTED, load_blob_with("fixed2", blob, len,
					   "parent=sealed:child"));
	EXPECT_EQ(-EKEYREJECTED, dev_import(self->fd, blob, len, "fixed2",
					    child, 0, NULL, 0));
	/* A blob under a KEK is stored under the KEK that opens it. */
	EXPECT_EQ(-EINVAL, dev_import(self->fd, blob, len, "fixed2", 0, child,
				      NULL, 0));

	/* A KEK that is not exportable stays, and its keys with it. */
	nk = NEW_KEY("nk", "new kek parent=user:kmk");
	NEW_KEY("under", "new aead parent=sealed:nk");
	EXPECT_EQ(-EPERM, export_to_kek(self->fd, nk, self->kmk2));
	EXPECT_EQ(-EPERM, update_key(nk, "rewrap parent=user:kmk2"));

	/* Born under the exportable child, only an exportable key... */
	EXPECT_EQ(-EPERM, add_sealed("born", "new aead parent=sealed:child"));
	born = NEW_KEY("born", "new aead exportable parent=sealed:child");
	born_len = BLOB_OF(born, born_blob);
	child_len = sizeof(child_blob);
	ASSERT_EQ(0, dev_export(self->fd, child, KEYSEAL_TARGET_KEK, self->kmk2,
				child_blob, &child_len));
	/* (another host: user:kmk2, but neither user:kmk nor these keys) */
	drop_key(born);
	drop_key(child);
	drop_key(fixed);
	drop_key(self->kmk);
	ASSERT_LT(0, load_blob("child", child_blob, child_len));
	arrived = load_blob("born", born_blob, born_len);
	ASSERT_LT(0, arrived);
	/* ...which moves with it, and is external there (R2). */
	ASSERT_EQ(0, dev_info(self->fd, arrived, &info));
	EXPECT_EQ(KEYSEAL_FLAG_EXPORTABLE, info.key_flags);
	EXPECT_EQ(KEYSEAL_ORIGIN_EXTERNAL, info.provenance);
	/* The key that stayed under user:kmk cannot follow. */
	EXPECT_EQ(-ENOKEY, load_blob("fixed", blob, len));
}

/*
 * Loosen flags through update: restrict only clears; new, import and load
 * never replace a key's material or flags (EEXIST), add_key over an
 * existing key included; rewrap keeps the flags it finds. A refused update
 * leaves the stored blob as it was.
 */
TEST_F(attack, loosen_flags_through_update)
{
	char armor[KEYSEAL_ARMOR_MAX_SIZE + 2], before[KEYSEAL_ARMOR_MAX_SIZE + 2];
	char command[KEYSEAL_ARMOR_MAX_SIZE + 64], now[KEYSEAL_ARMOR_MAX_SIZE + 2];
	static const char hex[] =
		"000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";
	key_serial_t fixed, mobile, clear;
	struct keyseal_info info;

	fixed = NEW_KEY("fixed", "new aead parent=user:kmk");
	mobile = NEW_KEY("mobile", "new aead parent=user:kmk exportable");
	clear = NEW_KEY("clear", "new aead parent=user:kmk plaintext");
	ASSERT_LT(0, read_key(fixed, before, sizeof(before)));
	ASSERT_LT(0, read_key(clear, armor, sizeof(armor)));

	EXPECT_EQ(-EPERM, update_key(fixed, "restrict exportable"));
	EXPECT_EQ(-EPERM, update_key(fixed, "restrict plaintext"));
	EXPECT_EQ(-EPERM, update_key(mobile, "restrict plaintext"));
	EXPECT_EQ(-EPERM, update_key(mobile, "restrict exportable plaintext"));

	EXPECT_EQ(-EEXIST, update_key(fixed, "new aead parent=user:kmk plaintext"));
	snprintf(command, sizeof(command),
		 "import aead %s parent=user:kmk plaintext", hex);
	EXPECT_EQ(-EEXIST, update_key(fixed, command));
	snprintf(command, sizeof(command), "load %s", armor);
	EXPECT_EQ(-EEXIST, update_key(fixed, command));
	EXPECT_EQ(-EEXIST, add_sealed("fixed", "new aead parent=user:kmk plaintext"));
	EXPECT_EQ(-EEXIST, add_sealed("fixed", command));

	ASSERT_EQ(0, dev_info(self->fd, fixed, &info));
	EXPECT_EQ(0, info.key_flags);
	ASSERT_LT(0, read_key(fixed, now, sizeof(now)));
	EXPECT_STREQ(before, now);

	/* Once cleared, a flag stays cleared through rewrap and restrict. */
	ASSERT_EQ(0, update_key(mobile, "restrict"));
	EXPECT_EQ(0, update_key(mobile, "rewrap parent=user:kmk"));
	EXPECT_EQ(-EPERM, update_key(mobile, "restrict exportable"));
	EXPECT_EQ(-EPERM, update_key(mobile, "rewrap parent=user:kmk2"));
	ASSERT_EQ(0, dev_info(self->fd, mobile, &info));
	EXPECT_EQ(0, info.key_flags);
}

/* The paths that use a parent, each tried against a parent that is gone. */
struct parent_paths {
	key_serial_t parent;	/* the parent, by serial */
	const char *name;	/* and by name */
	key_serial_t child;	/* a key under it */
	u8 child_blob[BLOB_MAX];
	u32 child_len;
	key_serial_t other;	/* an exportable key under @kek */
	u8 other_blob[BLOB_MAX];
	u32 other_len;
	key_serial_t kek;	/* a KEK that is there */
};

static void parent_paths_fail(struct __test_metadata *_metadata, int fd,
			      struct parent_paths *p, long by_name,
			      long by_serial)
{
	char command[96];

	/* (exportable: under an exportable KEK nothing else may be, R3) */
	snprintf(command, sizeof(command), "new aead exportable parent=%s",
		 p->name);
	EXPECT_EQ(by_name, add_sealed("x", command)) TH_LOG("%s", command);
	snprintf(command, sizeof(command), "new aead exportable parent=#%d",
		 p->parent);
	EXPECT_EQ(by_serial, add_sealed("x", command)) TH_LOG("%s", command);
	/* opening the child's blob, the parent named by the blob or a serial */
	EXPECT_EQ(by_name, load_blob("x", p->child_blob, p->child_len));
	EXPECT_EQ(by_serial, dev_import(fd, p->child_blob, p->child_len, "x",
					p->parent, 0, NULL, 0));
	EXPECT_EQ(by_name, rewrap_to(fd, p->child_blob, p->child_len, 0,
				     p->kek));
	/* sealing under it */
	EXPECT_EQ(by_serial, rewrap_to(fd, p->other_blob, p->other_len, 0,
				       p->parent));
	EXPECT_EQ(by_serial, export_to_kek(fd, p->other, p->parent));
	snprintf(command, sizeof(command), "rewrap parent=%s", p->name);
	EXPECT_EQ(by_name, update_key(p->other, command)) TH_LOG("%s", command);
	/* and the child, sealed again under its own parent (flags kept) */
	EXPECT_EQ(by_name, update_key(p->child, "restrict exportable"));
}

/* A child under @parent and another key under @kek, named after @tag. */
static void parent_paths_setup(struct __test_metadata *_metadata,
			       struct parent_paths *p, key_serial_t parent,
			       const char *name, key_serial_t kek,
			       const char *tag)
{
	char command[96], desc[32];

	p->parent = parent;
	p->name = name;
	p->kek = kek;
	snprintf(command, sizeof(command), "new aead parent=%s exportable",
		 name);
	snprintf(desc, sizeof(desc), "child-%s", tag);
	p->child = NEW_KEY(desc, command);
	p->child_len = BLOB_OF(p->child, p->child_blob);
	snprintf(command, sizeof(command), "new aead parent=#%d exportable",
		 kek);
	snprintf(desc, sizeof(desc), "other-%s", tag);
	p->other = NEW_KEY(desc, command);
	p->other_len = BLOB_OF(p->other, p->other_blob);
}

/* Use a revoked parent: a root KEK or a sealed KEK, by name or by serial. */
TEST_F(attack, use_revoked_parent)
{
	struct parent_paths *p = calloc(1, sizeof(*p));
	key_serial_t mid;

	ASSERT_NE(NULL, p);
	parent_paths_setup(_metadata, p, self->kmk, "user:kmk", self->kmk2,
			   "root");
	ASSERT_EQ(0, keyctl_revoke(self->kmk));
	parent_paths_fail(_metadata, self->fd, p, -EKEYREVOKED, -EKEYREVOKED);
	/* The child needs its parent for nothing else: it still moves. */
	EXPECT_EQ(0, update_key(p->child, "rewrap parent=user:kmk2"));

	mid = NEW_KEY("mid", "new kek parent=user:kmk2 exportable");
	parent_paths_setup(_metadata, p, mid, "sealed:mid", self->kmk2,
			   "sealed");
	ASSERT_EQ(0, keyctl_revoke(mid));
	parent_paths_fail(_metadata, self->fd, p, -EKEYREVOKED, -EKEYREVOKED);
	/* A revoked KEK keeps no secret to give. */
	EXPECT_EQ(-EKEYREVOKED, read_key(mid, (char *)p->other_blob,
					 sizeof(p->other_blob)));
	free(p);
}

/*
 * Use an expired parent. A sealed KEK past its not-after cannot serve
 * (EKEYEXPIRED), whether named or given by serial. A root key past its
 * keyring timeout is EKEYEXPIRED named by serial; by name the keyring
 * search skips expired keys, as it does for every request_key() caller, so
 * it is not found (ENOKEY).
 */
/*
 * Both parents expire EXPIRE_AFTER seconds after the test starts: long
 * enough for the setup (a dozen keys made and read) to fit on a slow,
 * loaded TCG guest, which a two-second window did not always. The setup
 * must still finish before the expiry, or the test proves nothing.
 */
#define EXPIRE_AFTER	20

TEST_F_TIMEOUT(attack, use_expired_parent, 60)
{
	struct parent_paths *sealed = calloc(1, sizeof(*sealed));
	struct parent_paths *root = calloc(1, sizeof(*root));
	char command[96], armor[KEYSEAL_ARMOR_MAX_SIZE + 2];
	key_serial_t mid, troot;
	time_t start = time(NULL), expiry = start + EXPIRE_AFTER;

	ASSERT_NE(NULL, sealed);
	ASSERT_NE(NULL, root);
	snprintf(command, sizeof(command),
		 "new kek parent=user:kmk exportable notafter=%lld",
		 (long long)expiry);
	mid = NEW_KEY("mid", command);
	parent_paths_setup(_metadata, sealed, mid, "sealed:mid", self->kmk2,
			   "sealed");
	troot = add_random_user_key("troot", ROOT_KEK_SIZE);
	ASSERT_LT(0, troot);
	parent_paths_setup(_metadata, root, troot, "user:troot", self->kmk2,
			   "root");
	/* the root key's timeout ends with mid's not-after */
	ASSERT_GT(expiry, time(NULL)) TH_LOG("too slow to set up in time");
	ASSERT_EQ(0, keyctl_set_timeout(troot, expiry - time(NULL)));
	TH_LOG("setup took %lld of %d seconds", (long long)(time(NULL) - start),
	       EXPIRE_AFTER);
	/* past the expiry, by more than a second of clock granularity */
	while (time(NULL) <= expiry + 1)
		sleep(1);

	parent_paths_fail(_metadata, self->fd, sealed, -EKEYEXPIRED,
			  -EKEYEXPIRED);
	/* An expired KEK gives nothing either. */
	EXPECT_EQ(-EKEYEXPIRED, read_key(mid, armor, sizeof(armor)));
	parent_paths_fail(_metadata, self->fd, root, -ENOKEY, -EKEYEXPIRED);
	free(sealed);
	free(root);
}

TEST_HARNESS_MAIN
