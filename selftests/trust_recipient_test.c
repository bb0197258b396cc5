// SPDX-License-Identifier: GPL-2.0
/*
 * What an unprivileged user can make the kernel believe, issue 12 item 2
 * for recipient blobs (trust.h has the fixture and the attacker):
 *
 * - R2: recipient blobs keep the sender's word only for a privileged
 *   importer who named the sender of an auth-mode blob, received by an
 *   exchange key that vouches.
 */

#include "trust.h"

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
		.attrs.usage = f->usage,
		.attrs.key_alg = keyseal_usage_alg(f->usage),
		.attrs.key_flags = f->key_flags,
		.attrs.provenance = f->provenance,
		.attrs.key_len = f->key_len,
		.kem_id = to->kem,
		.kdf_id = KEYSEAL_KDF_HKDF_SHA256,
		.aead_id = KEYSEAL_AEAD_AES256GCM,
		.attrs.created = time(NULL),
		.recipient_fp = fp,
		.enc = enc,
		.enc_len = to->len,
	};
	int header, ret;

	if (keyseal_public_key_from_raw(to->kem, to->key, to->len, &rpk) ||
	    keyseal_public_key_fingerprint(&rpk, fp) ||
	    keyseal_private_key_public(from, &spk) ||
	    getrandom(b.attrs.key_id, sizeof(b.attrs.key_id), 0) !=
	    sizeof(b.attrs.key_id))
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

TEST_HARNESS_MAIN
