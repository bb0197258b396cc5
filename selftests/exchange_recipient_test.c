// SPDX-License-Identifier: GPL-2.0
/*
 * Recipient blobs: export to a recipient's public key with RFC 9180 HPKE
 * (base and auth mode) and import, every refusal with its exact errno
 * (exchange.h has the fixture).
 */

#include "exchange.h"

/* What the blob's header says, against the key and the recipient. */
static void check_header(struct __test_metadata *_metadata,
			 const struct keyseal_blob *b,
			 const struct keyseal_info *key,
			 const struct exchange_pubkey *to,
			 const struct exchange_pubkey *from)
{
	EXPECT_EQ(from ? KEYSEAL_SCHEME_HPKE_AUTH : KEYSEAL_SCHEME_HPKE_BASE,
		  b->scheme);
	EXPECT_EQ(to->kem, b->kem_id);
	EXPECT_EQ(KEYSEAL_KDF_HKDF_SHA256, b->kdf_id);
	EXPECT_EQ(KEYSEAL_AEAD_AES256GCM, b->aead_id);
	EXPECT_EQ(key->usage, b->attrs.usage);
	EXPECT_EQ(key->key_flags, b->attrs.key_flags);
	EXPECT_EQ(key->provenance, b->attrs.provenance);
	EXPECT_EQ(key->key_len, b->attrs.key_len);
	EXPECT_EQ(0, memcmp(key->key_id, b->attrs.key_id, KEYSEAL_KEY_ID_SIZE));
	EXPECT_EQ(0, memcmp(to->fp, b->recipient_fp, FP_SIZE));
	EXPECT_EQ(to->len, b->enc_len);
	if (from) {
		ASSERT_EQ(from->len, b->sender_pk_len);
		EXPECT_EQ(0, memcmp(from->key, b->sender_pk, from->len));
	} else {
		EXPECT_EQ(0, b->sender_pk_len);
	}
}

/*
 * An aead key sent to a recipient comes back as the same key: it decrypts
 * what it encrypted before it left. Base and auth mode; opened by the
 * recipient named by serial, and found by fingerprint.
 */
static void recipient_round_trip(struct __test_metadata *_metadata, int fd,
				 const FIXTURE_VARIANT(xchg) *variant,
				 bool auth, key_serial_t vroot2)
{
	static const char msg[] = "sent to another machine";
	u8 ct[sizeof(msg) + KEYSEAL_TAG_SIZE], pt[sizeof(msg)];
	u8 nonce[KEYSEAL_NONCE_SIZE] = { 0 }, blob[KEYSEAL_BLOB_MAX_SIZE];
	u32 ct_len = sizeof(ct), pt_len = sizeof(pt), len = sizeof(blob);
	struct keyseal_info info, got;
	key_serial_t data, rcpt, sender = 0, back;
	struct exchange_pubkey to, from;
	struct keyseal_blob b;

	PARTIES_OF_A_BLOB(fd, auth, data, rcpt, to, sender, from);
	ASSERT_EQ(0, dev_info(fd, data, &info));
	EXPECT_EQ(KEYSEAL_ORIGIN_GENERATED | KEYSEAL_PROV_ALWAYS_SENSITIVE,
		  info.provenance);
	ASSERT_EQ(0, dev_crypt(fd, true, data, msg, sizeof(msg), NULL, 0, ct,
			       &ct_len, nonce));

	ASSERT_EQ(0, dev_export_recipient(fd, data, to.kem, to.key, to.len,
					  sender, blob, &len));
	ASSERT_EQ(0, keyseal_blob_parse(blob, len, &b));
	check_header(_metadata, &b, &info, &to, auth ? &from : NULL);
	drop_key(data);

	/* the recipient by serial; stored under the parent asked for */
	back = dev_import(fd, blob, len, "back", rcpt, vroot2,
			  auth ? from.key : NULL, auth ? from.len : 0);
	ASSERT_LT(0, back);
	ASSERT_EQ(0, dev_info(fd, back, &got));
	EXPECT_EQ(0, memcmp(info.key_id, got.key_id, KEYSEAL_KEY_ID_SIZE));
	EXPECT_EQ(KEYSEAL_USAGE_AEAD, got.usage);
	EXPECT_EQ(info.key_len, got.key_len);
	EXPECT_EQ(KEYSEAL_FLAG_EXPORTABLE, got.key_flags);
	EXPECT_EQ(info.created, got.created);
	EXPECT_STREQ("logon:xchg:root2", got.parent);
	/*
	 * Only a sender the importer names vouches for the key's history
	 * (root importing, with an exchange key and a parent that vouch):
	 * otherwise anyone could have made the blob.
	 */
	EXPECT_EQ(auth ? info.provenance : KEYSEAL_ORIGIN_EXTERNAL,
		  got.provenance);
	ASSERT_EQ(0, dev_crypt(fd, false, back, ct, ct_len, NULL, 0, pt,
			       &pt_len, nonce));
	EXPECT_STREQ(msg, (char *)pt);

	/* an auth blob whose sender the importer does not name: as base */
	if (auth) {
		back = dev_import(fd, blob, len, "back2", rcpt, vroot2, NULL,
				  0);
		ASSERT_LT(0, back);
		ASSERT_EQ(0, dev_info(fd, back, &got));
		EXPECT_EQ(KEYSEAL_ORIGIN_EXTERNAL, got.provenance);
	}
}

TEST_F(xchg, recipient_round_trip_base)
{
	recipient_round_trip(_metadata, self->fd, variant, false, self->vroot2);
}

TEST_F(xchg, recipient_round_trip_auth)
{
	recipient_round_trip(_metadata, self->fd, variant, true, self->vroot2);
}

/* The usage of the other KEM's exchange keys. */
static const char *other_usage(const FIXTURE_VARIANT(xchg) *v)
{
	return v->kem == X25519 ? "p256" : "x25519";
}

/*
 * An exportable data key, and keys that no recipient blob is for: a KEK and
 * an exchange key of the other KEM.
 */
#define DATA_AND_NON_RECIPIENTS(data, kek, other) do {			\
	char __cmd[64];							\
									\
	data = add_sealed("data", "new aead parent=user:kmk exportable"); \
	kek = add_sealed("kek", "new kek parent=user:kmk");		\
	snprintf(__cmd, sizeof(__cmd), "new %s parent=user:kmk",	\
		 other_usage(variant));					\
	other = add_sealed("other", __cmd);				\
	ASSERT_LT(0, data);						\
	ASSERT_LT(0, kek);						\
	if (variant->kem == X25519 && !kernel_has_p256()) {		\
		/* no key of the other KEM here: the KEK stands in */	\
		ASSERT_EQ(-EOPNOTSUPP, other);				\
		other = kek;						\
	}								\
	ASSERT_LT(0, other);						\
} while (0)

/*
 * Without a recipient named, the exchange key is the one whose fingerprint
 * the blob names, searched in the caller's keyrings ("fp:<hex>", which
 * keyctl search understands too).
 */
TEST_F(xchg, recipient_found_by_fingerprint)
{
	char criterion[4 + 2 * FP_SIZE + 1];
	u8 blob[KEYSEAL_BLOB_MAX_SIZE];
	key_serial_t data, rcpt, other, ring, back;
	struct exchange_pubkey to, pk_other;
	u32 len = sizeof(blob);
	struct keyseal_info info, got;

	data = add_sealed("data", "new aead parent=user:kmk exportable");
	ASSERT_LT(0, data);
	EXCHANGE_KEY("rcpt", rcpt, to);
	EXCHANGE_KEY("other", other, pk_other);
	ASSERT_EQ(0, dev_info(self->fd, data, &info));
	ASSERT_EQ(0, dev_export_recipient(self->fd, data, to.kem, to.key,
					  to.len, 0, blob, &len));

	strcpy(criterion, "fp:");
	hex_encode(to.fp, FP_SIZE, criterion + 3);
	EXPECT_EQ(rcpt, keyctl_search(KEY_SPEC_SESSION_KEYRING, "sealed",
				      criterion, 0));
	hex_encode(pk_other.fp, FP_SIZE, criterion + 3);
	EXPECT_EQ(other, keyctl_search(KEY_SPEC_SESSION_KEYRING, "sealed",
				       criterion, 0));
	criterion[3] = 'x';
	EXPECT_EQ(-1, keyctl_search(KEY_SPEC_SESSION_KEYRING, "sealed",
				    criterion, 0));
	EXPECT_EQ(EINVAL, errno);
	criterion[3 + 2 * FP_SIZE - 1] = '\0';
	EXPECT_EQ(-1, keyctl_search(KEY_SPEC_SESSION_KEYRING, "sealed",
				    criterion, 0));
	EXPECT_EQ(EINVAL, errno);
	/* descriptions still match as descriptions */
	EXPECT_EQ(rcpt, keyctl_search(KEY_SPEC_SESSION_KEYRING, "sealed",
				      "rcpt", 0));

	/* found in a keyring below the session keyring */
	ring = add_key("keyring", "below", NULL, 0, KEY_SPEC_SESSION_KEYRING);
	ASSERT_LT(0, ring);
	ASSERT_EQ(0, keyctl_link(rcpt, ring));
	ASSERT_EQ(0, keyctl_unlink(rcpt, KEY_SPEC_SESSION_KEYRING));
	back = dev_import(self->fd, blob, len, "back", 0, self->kmk, NULL, 0);
	ASSERT_LT(0, back);
	ASSERT_EQ(0, dev_info(self->fd, back, &got));
	EXPECT_EQ(0, memcmp(info.key_id, got.key_id, KEYSEAL_KEY_ID_SIZE));

	/* gone: no key in the caller's keyrings */
	keyctl_unlink(rcpt, ring);
	keyctl_invalidate(rcpt);
	EXPECT_EQ(-ENOKEY, dev_import(self->fd, blob, len, "back2", 0,
				      self->kmk, NULL, 0));
}

/* keyctl "load" of recipient blobs: recipient=, parent=, sender=. */
TEST_F(xchg, keyctl_load_recipient_blob)
{
	char armor[KEYSEAL_ARMOR_MAX_SIZE + 1], extra[512], hex[2 * PUBLIC_MAX + 1];
	u8 blob[KEYSEAL_BLOB_MAX_SIZE];
	key_serial_t data, rcpt, sender, stranger, back;
	struct exchange_pubkey to, from, other;
	struct keyseal_info info, got;
	u32 len = sizeof(blob);

	data = add_sealed("data", "new aead parent=logon:xchg:root exportable");
	ASSERT_LT(0, data);
	EXCHANGE_KEY("rcpt", rcpt, to);
	EXCHANGE_KEY("sender", sender, from);
	EXCHANGE_KEY("stranger", stranger, other);
	ASSERT_EQ(0, dev_info(self->fd, data, &info));
	ASSERT_EQ(0, dev_export_recipient(self->fd, data, to.kem, to.key,
					  to.len, sender, blob, &len));
	armor[keyseal_armor_encode(blob, len, armor)] = '\0';

	hex_encode(from.key, from.len, hex);
	snprintf(extra, sizeof(extra),
		 "recipient=sealed:rcpt parent=logon:xchg:root2 sender=%s", hex);
	back = load_armor("back", armor, extra);
	ASSERT_LT(0, back);
	ASSERT_EQ(0, dev_info(self->fd, back, &got));
	EXPECT_EQ(0, memcmp(info.key_id, got.key_id, KEYSEAL_KEY_ID_SIZE));
	EXPECT_STREQ("logon:xchg:root2", got.parent);
	/* root named the sender; recipient and parent vouch: kept (R2) */
	EXPECT_EQ(info.provenance, got.provenance);
	EXPECT_EQ(KEYSEAL_ORIGIN_GENERATED | KEYSEAL_PROV_ALWAYS_SENSITIVE,
		  got.provenance);

	snprintf(extra, sizeof(extra), "recipient=#%d parent=user:kmk", rcpt);
	EXPECT_LT(0, load_armor("back2", armor, extra));
	/* no recipient=: by fingerprint */
	EXPECT_LT(0, load_armor("back3", armor, "parent=user:kmk"));

	hex_encode(other.key, other.len, hex);
	snprintf(extra, sizeof(extra),
		 "recipient=sealed:rcpt parent=user:kmk sender=%s", hex);
	EXPECT_EQ(-EKEYREJECTED, load_armor("x", armor, extra));
	EXPECT_EQ(-EKEYREJECTED, load_armor("x", armor,
					    "recipient=sealed:stranger parent=user:kmk"));
	EXPECT_EQ(-EKEYREJECTED, load_armor("x", armor,
					    "recipient=user:kmk parent=user:kmk"));
	EXPECT_EQ(-ENOKEY, load_armor("x", armor,
				      "recipient=sealed:nobody parent=user:kmk"));
	/* the default parent is not in this session */
	EXPECT_EQ(-ENOKEY, load_armor("x", armor, "recipient=sealed:rcpt"));
	/* a parent that is not a KEK */
	EXPECT_EQ(-EKEYREJECTED, load_armor("x", armor,
					    "recipient=sealed:rcpt parent=sealed:rcpt"));
}

/* A blob for one exchange key opens with no other key. */
TEST_F(xchg, wrong_recipient)
{
	unsigned int keys0, bytes0, keys1, bytes1;
	u8 blob[KEYSEAL_BLOB_MAX_SIZE];
	key_serial_t data, rcpt, rcpt2, other, kek;
	struct exchange_pubkey to, to2;
	u32 len = sizeof(blob);

	DATA_AND_NON_RECIPIENTS(data, kek, other);
	EXCHANGE_KEY("rcpt", rcpt, to);
	EXCHANGE_KEY("rcpt2", rcpt2, to2);
	ASSERT_EQ(0, dev_export_recipient(self->fd, data, to.kem, to.key,
					  to.len, 0, blob, &len));

	ASSERT_EQ(0, key_quota_settle(10000));
	ASSERT_EQ(0, key_quota(&keys0, &bytes0));
	EXPECT_EQ(-EKEYREJECTED, dev_import(self->fd, blob, len, "x", rcpt2,
					    self->kmk, NULL, 0));
	EXPECT_EQ(-EKEYREJECTED, dev_import(self->fd, blob, len, "x", other,
					    self->kmk, NULL, 0));
	EXPECT_EQ(-EKEYREJECTED, dev_import(self->fd, blob, len, "x", data,
					    self->kmk, NULL, 0));
	EXPECT_EQ(-EKEYREJECTED, dev_import(self->fd, blob, len, "x", kek,
					    self->kmk, NULL, 0));
	EXPECT_EQ(-EKEYREJECTED, dev_import(self->fd, blob, len, "x", self->kmk,
					    self->kmk, NULL, 0));
	ASSERT_EQ(0, key_quota(&keys1, &bytes1));
	EXPECT_EQ(keys0, keys1);
	EXPECT_EQ(bytes0, bytes1);
	EXPECT_LT(0, dev_import(self->fd, blob, len, "x", rcpt, self->kmk,
				NULL, 0));
}

/*
 * Every single-byte change of a recipient blob fails, and with the errno
 * of what it hit: the codec's checks (EINVAL), the recipient's fingerprint
 * (EKEYREJECTED), or the authentication of everything else (EBADMSG) --
 * every byte of enc, of the sender's key and of the body among them.
 */
static void flip_every_byte(struct __test_metadata *_metadata, int fd,
			    const FIXTURE_VARIANT(xchg) *variant, bool auth,
			    key_serial_t kmk)
{
	unsigned int keys0, bytes0, keys1, bytes1, n_inval = 0, n_rej = 0;
	unsigned int n_bad = 0;
	size_t fp_off, enc_off, sender_off, body_off, i;
	u8 blob[KEYSEAL_BLOB_MAX_SIZE];
	key_serial_t data, rcpt, sender = 0;
	struct keyseal_blob b, m;
	struct exchange_pubkey to, from;
	u32 len = sizeof(blob);
	long expect, ret;

	PARTIES_OF_A_BLOB(fd, auth, data, rcpt, to, sender, from);
	ASSERT_EQ(0, dev_export_recipient(fd, data, to.kem, to.key, to.len,
					  sender, blob, &len));
	ASSERT_EQ(0, keyseal_blob_parse(blob, len, &b));
	fp_off = KEYSEAL_BLOB_FIXED_SIZE;
	enc_off = fp_off + FP_SIZE + 2;
	sender_off = enc_off + b.enc_len + 2;
	body_off = b.header_len;
	ASSERT_EQ(sender_off + b.sender_pk_len, body_off);

	ASSERT_EQ(0, key_quota_settle(10000));
	ASSERT_EQ(0, key_quota(&keys0, &bytes0));
	for (i = 0; i < len; i++) {
		blob[i] ^= 0x01;
		if (keyseal_blob_parse(blob, len, &m))
			expect = -EINVAL;
		else if (i >= fp_off && i < fp_off + FP_SIZE)
			expect = -EKEYREJECTED;
		else
			expect = -EBADMSG;
		/* the codec takes any enc, sender key and body bytes */
		if ((i >= enc_off && i < enc_off + b.enc_len) ||
		    (i >= sender_off && i < body_off) || i >= body_off)
			EXPECT_EQ(-EBADMSG, expect) TH_LOG("byte %zu", i);
		ret = dev_import(fd, blob, len, "flip", rcpt, kmk, NULL, 0);
		EXPECT_EQ(expect, ret) TH_LOG("byte %zu", i);
		n_inval += ret == -EINVAL;
		n_rej += ret == -EKEYREJECTED;
		n_bad += ret == -EBADMSG;
		blob[i] ^= 0x01;
	}
	EXPECT_EQ(FP_SIZE, n_rej);
	EXPECT_LE(b.enc_len + b.sender_pk_len + b.body_len, n_bad);
	EXPECT_EQ(len, n_inval + n_rej + n_bad);

	/* with the sender named, a changed sender key is another sender */
	for (i = sender_off; auth && i < body_off; i++) {
		blob[i] ^= 0x80;
		EXPECT_EQ(-EKEYREJECTED, dev_import(fd, blob, len, "flip", rcpt,
						    kmk, from.key, from.len))
			TH_LOG("byte %zu", i);
		blob[i] ^= 0x80;
	}
	/* every truncation, and one byte more */
	for (i = 0; i < len; i++)
		EXPECT_EQ(-EINVAL, dev_import(fd, blob, i ? i : 1, "flip", rcpt,
					      kmk, NULL, 0))
			TH_LOG("length %zu", i);
	blob[len] = 0;
	EXPECT_EQ(-EINVAL, dev_import(fd, blob, len + 1, "flip", rcpt, kmk,
				      NULL, 0));

	/* nothing was left behind, and the blob itself still opens */
	ASSERT_EQ(0, key_quota(&keys1, &bytes1));
	EXPECT_EQ(keys0, keys1);
	EXPECT_EQ(bytes0, bytes1);
	EXPECT_LT(0, dev_import(fd, blob, len, "flip", rcpt, kmk, NULL, 0));
}

TEST_F_TIMEOUT(xchg, every_byte_flip_base, 600)
{
	flip_every_byte(_metadata, self->fd, variant, false, self->kmk);
}

TEST_F_TIMEOUT(xchg, every_byte_flip_auth, 600)
{
	flip_every_byte(_metadata, self->fd, variant, true, self->kmk);
}

/* Only exportable keys go to a recipient. */
TEST_F(xchg, non_exportable_key_is_eperm)
{
	key_serial_t fixed, mobile, clear;
	u8 blob[KEYSEAL_BLOB_MAX_SIZE];
	u32 len = sizeof(blob);
	struct exchange_pubkey to;
	key_serial_t rcpt;

	EXCHANGE_KEY("rcpt", rcpt, to);
	fixed = add_sealed("fixed", "new aead parent=user:kmk");
	mobile = add_sealed("mobile", "new secret parent=user:kmk exportable");
	clear = add_sealed("clear", "new kek parent=user:kmk plaintext");
	ASSERT_LT(0, fixed);
	ASSERT_LT(0, mobile);
	ASSERT_LT(0, clear);

	EXPECT_EQ(-EPERM, dev_export_recipient(self->fd, fixed, to.kem, to.key,
					       to.len, 0, blob, &len));
	/* the exchange key itself is not exportable either */
	EXPECT_EQ(-EPERM, dev_export_recipient(self->fd, rcpt, to.kem, to.key,
					       to.len, 0, blob, &len));
	len = sizeof(blob);
	EXPECT_EQ(0, dev_export_recipient(self->fd, mobile, to.kem, to.key,
					  to.len, 0, blob, &len));
	len = sizeof(blob);
	EXPECT_EQ(0, dev_export_recipient(self->fd, clear, to.kem, to.key,
					  to.len, 0, blob, &len));
	ASSERT_EQ(0, update_key(mobile, "restrict"));
	len = sizeof(blob);
	EXPECT_EQ(-EPERM, dev_export_recipient(self->fd, mobile, to.kem, to.key,
					       to.len, 0, blob, &len));
}

/* An importer that names the sender it expects gets no other. */
TEST_F(xchg, unexpected_sender)
{
	u8 auth_blob[KEYSEAL_BLOB_MAX_SIZE], base_blob[KEYSEAL_BLOB_MAX_SIZE];
	u32 auth_len = sizeof(auth_blob), base_len = sizeof(base_blob);
	key_serial_t data, rcpt, sender, stranger;
	struct exchange_pubkey to, from, other;
	u8 wrong_size[PUBLIC_MAX + 1];
	long stored;

	data = add_sealed("data", "new aead parent=user:kmk exportable");
	ASSERT_LT(0, data);
	EXCHANGE_KEY("rcpt", rcpt, to);
	EXCHANGE_KEY("sender", sender, from);
	EXCHANGE_KEY("stranger", stranger, other);
	ASSERT_EQ(0, dev_export_recipient(self->fd, data, to.kem, to.key,
					  to.len, sender, auth_blob,
					  &auth_len));
	ASSERT_EQ(0, dev_export_recipient(self->fd, data, to.kem, to.key,
					  to.len, 0, base_blob, &base_len));

	EXPECT_EQ(-EKEYREJECTED, dev_import(self->fd, auth_blob, auth_len, "x",
					    rcpt, self->kmk, other.key,
					    other.len));
	/* a base blob comes from no one */
	EXPECT_EQ(-EKEYREJECTED, dev_import(self->fd, base_blob, base_len, "x",
					    rcpt, self->kmk, from.key,
					    from.len));
	/* a key of the other KEM's size is still not the sender */
	memset(wrong_size, 0x04, sizeof(wrong_size));
	memcpy(wrong_size, from.key, from.len);
	EXPECT_EQ(-EKEYREJECTED, dev_import(self->fd, auth_blob, auth_len, "x",
					    rcpt, self->kmk, wrong_size,
					    from.len == 32 ? 65 : 32));
	/* sizes no KEM has */
	EXPECT_EQ(-EINVAL, dev_import(self->fd, auth_blob, auth_len, "x", rcpt,
				      self->kmk, wrong_size, 33));
	EXPECT_EQ(-EINVAL, dev_import(self->fd, auth_blob, auth_len, "x", rcpt,
				      self->kmk, wrong_size,
				      sizeof(wrong_size)));
	EXPECT_EQ(-EINVAL, dev_import(self->fd, auth_blob, auth_len, "x", rcpt,
				      self->kmk, from.key, 0));
	EXPECT_LT(0, dev_import(self->fd, auth_blob, auth_len, "x", rcpt,
				self->kmk, from.key, from.len));

	/* the stranger's own blob, when the sender is expected */
	auth_len = sizeof(auth_blob);
	ASSERT_EQ(0, dev_export_recipient(self->fd, data, to.kem, to.key,
					  to.len, stranger, auth_blob,
					  &auth_len));
	EXPECT_EQ(-EKEYREJECTED, dev_import(self->fd, auth_blob, auth_len, "z",
					    rcpt, self->kmk, from.key,
					    from.len));
	EXPECT_LT(0, dev_import(self->fd, auth_blob, auth_len, "z", rcpt,
				self->kmk, other.key, other.len));

	/* nor does a blob under a KEK */
	stored = read_blob(data, base_blob, sizeof(base_blob));
	ASSERT_LT(0, stored);
	base_len = stored;
	EXPECT_EQ(-EKEYREJECTED, dev_import(self->fd, base_blob, base_len, "y",
					    0, 0, from.key, from.len));
	EXPECT_LT(0, dev_import(self->fd, base_blob, base_len, "y", 0, 0,
				NULL, 0));
}

/* Public keys that are no public keys are refused before any blob is made. */
TEST_F(xchg, invalid_recipient_keys)
{
	static const u8 x25519_small_order[][32] = {
		{ 0 },
		{ 1 },
		{ 0xe0, 0xeb, 0x7a, 0x7c, 0x3b, 0x41, 0xb8, 0xae, 0x16, 0x56,
		  0xe3, 0xfa, 0xf1, 0x9f, 0xc4, 0x6a, 0xda, 0x09, 0x8d, 0xeb,
		  0x9c, 0x32, 0xb1, 0xfd, 0x86, 0x62, 0x05, 0x16, 0x5f, 0x49,
		  0xb8, 0x00 },
		/* p = 2^255 - 19, which is 0 */
		{ 0xed, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
		  0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
		  0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
		  0xff, 0x7f },
	};
	u8 blob[KEYSEAL_BLOB_MAX_SIZE], bad[PUBLIC_MAX + 1];
	key_serial_t data, rcpt, other, kek;
	struct keyseal_export req;
	u32 len = sizeof(blob);
	struct exchange_pubkey to;
	unsigned int i;

	DATA_AND_NON_RECIPIENTS(data, kek, other);
	EXCHANGE_KEY("rcpt", rcpt, to);

	/* wrong lengths and KEMs */
	memcpy(bad, to.key, to.len);
	bad[to.len] = 0;
	EXPECT_EQ(-EINVAL, dev_export_recipient(self->fd, data, to.kem, bad,
						to.len - 1, 0, blob, &len));
	EXPECT_EQ(-EINVAL, dev_export_recipient(self->fd, data, to.kem, bad,
						to.len + 1, 0, blob, &len));
	EXPECT_EQ(-EINVAL, dev_export_recipient(self->fd, data, 0, bad, to.len,
						0, blob, &len));
	EXPECT_EQ(-EINVAL, dev_export_recipient(self->fd, data, 0x0011, bad,
						to.len, 0, blob, &len));
	EXPECT_EQ(-EINVAL, dev_export_recipient(self->fd, data, to.kem, NULL,
						to.len, 0, blob, &len));
	EXPECT_EQ(-EFAULT,
		  dev_export_recipient(self->fd, data, to.kem,
				       (const u8 *)(uintptr_t)BAD_POINTER,
				       to.len, 0, blob, &len));

	/* keys that are not points, or give nothing secret */
	if (variant->kem == X25519) {
		for (i = 0; i < 4; i++)
			EXPECT_EQ(-EKEYREJECTED,
				  dev_export_recipient(self->fd, data, X25519,
						       x25519_small_order[i],
						       32, 0, blob, &len))
				TH_LOG("point %u", i);
	} else {
		bad[64] ^= 0x01;	/* off the curve */
		EXPECT_EQ(-EKEYREJECTED,
			  dev_export_recipient(self->fd, data, P256, bad, 65, 0,
					       blob, &len));
		memcpy(bad, to.key, 65);
		bad[0] = 0x06;		/* hybrid form */
		EXPECT_EQ(-EKEYREJECTED,
			  dev_export_recipient(self->fd, data, P256, bad, 65, 0,
					       blob, &len));
		bad[0] = 0x02;
		EXPECT_EQ(-EKEYREJECTED,
			  dev_export_recipient(self->fd, data, P256, bad, 65, 0,
					       blob, &len));
		memset(bad + 1, 0, 64);
		bad[0] = 0x04;		/* (0, 0) */
		EXPECT_EQ(-EKEYREJECTED,
			  dev_export_recipient(self->fd, data, P256, bad, 65, 0,
					       blob, &len));
		memset(bad + 1, 0xff, 64);	/* coordinates beyond p */
		EXPECT_EQ(-EKEYREJECTED,
			  dev_export_recipient(self->fd, data, P256, bad, 65, 0,
					       blob, &len));
	}

	/* senders that are not the caller's exchange key of this KEM */
	EXPECT_EQ(-EKEYREJECTED, dev_export_recipient(self->fd, data, to.kem,
						      to.key, to.len, other,
						      blob, &len));
	EXPECT_EQ(-EKEYREJECTED, dev_export_recipient(self->fd, data, to.kem,
						      to.key, to.len, data,
						      blob, &len));
	EXPECT_EQ(-EKEYREJECTED, dev_export_recipient(self->fd, data, to.kem,
						      to.key, to.len, kek, blob,
						      &len));
	EXPECT_EQ(-EKEYREJECTED, dev_export_recipient(self->fd, data, to.kem,
						      to.key, to.len, self->kmk,
						      blob, &len));
	EXPECT_EQ(-ENOKEY, dev_export_recipient(self->fd, data, to.kem, to.key,
						to.len, 0x7ffffff0, blob,
						&len));
	EXPECT_EQ(-EINVAL, dev_export_recipient(self->fd, data, to.kem, to.key,
						to.len, -1, blob, &len));

	/* recipient fields belong to the recipient target only */
	memset(&req, 0, sizeof(req));
	req.serial = data;
	req.target = KEYSEAL_TARGET_PARENT;
	req.sender = rcpt;
	req.blob = (uintptr_t)blob;
	req.blob_len = sizeof(blob);
	EXPECT_EQ(-EINVAL, dev_ioctl(self->fd, KEYSEAL_IOC_EXPORT, &req));
	req.sender = 0;
	req.recipient_kem = to.kem;
	EXPECT_EQ(-EINVAL, dev_ioctl(self->fd, KEYSEAL_IOC_EXPORT, &req));

	/* a small buffer learns the size */
	len = 16;
	EXPECT_EQ(-ERANGE, dev_export_recipient(self->fd, data, to.kem, to.key,
						to.len, 0, blob, &len));
	EXPECT_EQ(KEYSEAL_BLOB_FIXED_SIZE + FP_SIZE + 2 + to.len + 2 + 32 +
		  KEYSEAL_TAG_SIZE, len);
}

/* Each export draws a fresh ephemeral key. */
TEST_F(xchg, fresh_ephemeral_per_export)
{
	u8 one[KEYSEAL_BLOB_MAX_SIZE], two[KEYSEAL_BLOB_MAX_SIZE];
	u32 len1 = sizeof(one), len2 = sizeof(two);
	struct keyseal_blob b1, b2;
	key_serial_t data, rcpt;
	struct exchange_pubkey to;

	data = add_sealed("data", "new aead parent=user:kmk exportable");
	ASSERT_LT(0, data);
	EXCHANGE_KEY("rcpt", rcpt, to);
	ASSERT_EQ(0, dev_export_recipient(self->fd, data, to.kem, to.key,
					  to.len, 0, one, &len1));
	ASSERT_EQ(0, dev_export_recipient(self->fd, data, to.kem, to.key,
					  to.len, 0, two, &len2));
	ASSERT_EQ(len1, len2);
	ASSERT_EQ(0, keyseal_blob_parse(one, len1, &b1));
	ASSERT_EQ(0, keyseal_blob_parse(two, len2, &b2));
	EXPECT_NE(0, memcmp(b1.enc, b2.enc, b1.enc_len));
	EXPECT_NE(0, memcmp(b1.body, b2.body, b1.body_len));
	EXPECT_LT(0, dev_import(self->fd, one, len1, "one", rcpt, self->kmk,
				NULL, 0));
	EXPECT_LT(0, dev_import(self->fd, two, len2, "two", rcpt, self->kmk,
				NULL, 0));
}

TEST_HARNESS_MAIN
