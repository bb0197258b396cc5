// SPDX-License-Identifier: GPL-2.0
/*
 * libkeyseal against the real module: every entry point of the library that
 * reaches the kernel, with the exact results the kernel gives, through the
 * shared library as applications link it.
 */

#include <pthread.h>
#include <sys/wait.h>

#include "keyseal_test.h"
#include "kselftest_harness.h"

#include "keyseal.h"

FIXTURE(lib) {
	struct keyseal *ks;
	key_serial_t kmk, kmk2;
	key_serial_t vroot;	/* logon:lib:root: root's, it vouches (R2) */
};

FIXTURE_SETUP(lib)
{
	SETUP_SESSION_WITH_ROOTS(self);
	self->vroot = add_random_logon_key("lib:root", ROOT_KEK_SIZE);
	ASSERT_LT(0, self->vroot);
	ASSERT_EQ(0, keyseal_open(&self->ks));
}

FIXTURE_TEARDOWN(lib)
{
	keyseal_close(self->ks);
}

static int32_t gen(const char *desc, uint8_t usage, uint16_t len,
		   uint8_t flags, const char *parent)
{
	struct keyseal_key_spec spec = {
		.usage = usage, .key_len = len, .key_flags = flags,
		.parent = parent,
	};
	int32_t serial;
	int ret = keyseal_key_generate(&spec, desc, KEY_SPEC_SESSION_KEYRING,
				       &serial);

	return ret ? ret : serial;
}

TEST_F(lib, generate_and_info)
{
	struct keyseal_key_info info;
	char *desc, want[64];
	int32_t id, id2;
	time_t now = time(NULL);
	int i;

	/* under a root that vouches, so that INFO has history to report */
	id = gen("k1", KEYSEAL_USAGE_AEAD, 16, KEYSEAL_FLAG_EXPORTABLE,
		 "logon:lib:root");
	ASSERT_LT(0, id);
	ASSERT_EQ(0, keyseal_info(self->ks, id, &info));
	EXPECT_EQ(id, info.serial);
	EXPECT_EQ(KEYSEAL_USAGE_AEAD, info.usage);
	EXPECT_EQ(KEYSEAL_ALG_AES_GCM, info.key_alg);
	EXPECT_EQ(16, info.key_len);
	EXPECT_EQ(KEYSEAL_FLAG_EXPORTABLE, info.key_flags);
	EXPECT_EQ(KEYSEAL_ORIGIN_GENERATED | KEYSEAL_PROV_ALWAYS_SENSITIVE,
		  info.provenance);
	EXPECT_STREQ("logon:lib:root", info.parent);
	EXPECT_LE((uint64_t)now - 5, info.created);
	EXPECT_GE((uint64_t)now + 5, info.created);
	EXPECT_EQ(0, info.not_after);

	/* no description: the kernel's "usage:keyid"; keyring 0 is @s */
	{
		struct keyseal_key_spec spec = {
			.usage = KEYSEAL_USAGE_KEK, .parent = "#0",
			.not_after = 4102444800ULL,
		};
		char parent[16];

		snprintf(parent, sizeof(parent), "#%d", self->vroot);
		spec.parent = parent;
		ASSERT_EQ(0, keyseal_key_generate(&spec, NULL, 0, &id2));
	}
	ASSERT_EQ(0, keyseal_info(self->ks, id2, &info));
	EXPECT_EQ(KEYSEAL_ORIGIN_GENERATED | KEYSEAL_PROV_ALWAYS_SENSITIVE |
		  KEYSEAL_PROV_NEVER_EXPORTABLE, info.provenance);
	EXPECT_EQ(4102444800ULL, info.not_after);
	EXPECT_STREQ("logon:lib:root", info.parent);
	strcpy(want, "kek:");
	for (i = 0; i < KEYSEAL_KEY_ID_SIZE; i++)
		sprintf(want + 4 + 2 * i, "%02x", info.key_id[i]);
	ASSERT_LT(0, keyctl_describe_alloc(id2, &desc));
	EXPECT_NE(NULL, strstr(desc, want)) TH_LOG("%s", desc);
	free(desc);
	EXPECT_EQ(id2, keyctl_search(KEY_SPEC_SESSION_KEYRING, "sealed", want,
				     0));
}

TEST_F(lib, generate_errors)
{
	struct keyseal_key_spec spec = { .usage = KEYSEAL_USAGE_AEAD,
					  .parent = "user:kmk",
					  .not_after = 1000 };
	int32_t serial = 0, data;

	data = gen("dup", KEYSEAL_USAGE_AEAD, 0, 0, "user:kmk");
	ASSERT_LT(0, data);
	EXPECT_EQ(-EEXIST, gen("dup", KEYSEAL_USAGE_AEAD, 0, 0, "user:kmk"));
	EXPECT_EQ(-ENOKEY, gen("x", KEYSEAL_USAGE_AEAD, 0, 0, "user:missing"));
	EXPECT_EQ(-EKEYREJECTED, gen("x", KEYSEAL_USAGE_AEAD, 0, 0,
				     "sealed:dup"));
	EXPECT_EQ(-EKEYEXPIRED, keyseal_key_generate(&spec, "old", 0, &serial));
	spec.not_after = 0;
	EXPECT_EQ(-ENOTDIR, keyseal_key_generate(&spec, "x", self->kmk,
						 &serial));
	EXPECT_EQ(0, serial);
}

TEST_F(lib, find_and_list)
{
	int32_t a, b, c, found, *serials;
	key_serial_t sub;
	size_t count, i;
	int seen = 0;

	a = gen("la", KEYSEAL_USAGE_AEAD, 0, 0, "user:kmk");
	b = gen("lb", KEYSEAL_USAGE_SECRET, 64, 0, "user:kmk");
	sub = add_key("keyring", "sub", NULL, 0, KEY_SPEC_SESSION_KEYRING);
	ASSERT_LT(0, sub);
	{
		struct keyseal_key_spec spec = { .usage = KEYSEAL_USAGE_KEK,
						  .parent = "user:kmk" };

		ASSERT_EQ(0, keyseal_key_generate(&spec, "lc", sub, &c));
	}
	ASSERT_LT(0, a);
	ASSERT_LT(0, b);

	EXPECT_EQ(0, keyseal_key_find("%sealed:lb", &found));
	EXPECT_EQ(b, found);
	EXPECT_EQ(0, keyseal_key_find("%sealed:lc", &found));
	EXPECT_EQ(c, found);
	EXPECT_EQ(-ENOKEY, keyseal_key_find("%sealed:nope", &found));

	ASSERT_EQ(0, keyseal_key_list(&serials, &count));
	EXPECT_EQ(3, count);
	for (i = 0; i < count; i++)
		seen |= (serials[i] == a) | (serials[i] == b) << 1 |
			(serials[i] == c) << 2;
	EXPECT_EQ(7, seen);
	free(serials);

	/* gone from the keyrings, gone from the list */
	ASSERT_EQ(0, keyctl_unlink(sub, KEY_SPEC_SESSION_KEYRING));
	ASSERT_EQ(0, keyseal_key_list(&serials, &count));
	EXPECT_EQ(2, count);
	free(serials);
}

TEST_F(lib, export_targets)
{
	uint8_t blob[KEYSEAL_BLOB_MAX_SIZE], from_read[KEYSEAL_BLOB_MAX_SIZE];
	struct keyseal_export_target to_kmk2 = {
		.type = KEYSEAL_TARGET_KEK, .kek = self->kmk2,
	};
	struct keyseal_export_target clear = {
		.type = KEYSEAL_TARGET_PLAINTEXT,
	};
	char armor[KEYSEAL_TEXT_MAX + 1];
	struct keyseal_blob_info bi;
	int32_t fixed, mobile, open;
	size_t len = 0, rlen = sizeof(from_read);
	long n;

	fixed = gen("fixed", KEYSEAL_USAGE_AEAD, 0, 0, "user:kmk");
	mobile = gen("mobile", KEYSEAL_USAGE_AEAD, 0, KEYSEAL_FLAG_EXPORTABLE,
		     "user:kmk");
	open = gen("open", KEYSEAL_USAGE_SECRET, 20, KEYSEAL_FLAG_PLAINTEXT,
		   "user:kmk");
	ASSERT_LT(0, fixed);
	ASSERT_LT(0, mobile);
	ASSERT_LT(0, open);

	/* the size, asked for; then the parent's blob is keyctl read's */
	EXPECT_EQ(-ERANGE, keyseal_export(self->ks, fixed, NULL, NULL, &len));
	EXPECT_LT(100, len);
	ASSERT_EQ(0, keyseal_export(self->ks, fixed, NULL, blob, &len));
	n = read_key(fixed, armor, sizeof(armor));
	ASSERT_LT(0, n);
	ASSERT_EQ(KEYSEAL_FORM_TEXT, keyseal_blob_decode(armor, n, from_read,
							 &rlen));
	ASSERT_EQ(len, rlen);
	EXPECT_EQ(0, memcmp(blob, from_read, len));

	len = sizeof(blob);
	EXPECT_EQ(-EPERM, keyseal_export(self->ks, fixed, &to_kmk2, blob,
					 &len));
	len = sizeof(blob);
	ASSERT_EQ(0, keyseal_export(self->ks, mobile, &to_kmk2, blob, &len));
	ASSERT_EQ(0, keyseal_blob_inspect(blob, len, &bi));
	EXPECT_STREQ("user:kmk2", bi.parent);

	len = sizeof(blob);
	EXPECT_EQ(-EPERM, keyseal_export(self->ks, mobile, &clear, blob,
					 &len));
	len = sizeof(blob);
	ASSERT_EQ(0, keyseal_export(self->ks, open, &clear, blob, &len));
	ASSERT_EQ(0, keyseal_blob_inspect(blob, len, &bi));
	EXPECT_EQ(KEYSEAL_SCHEME_PLAINTEXT, bi.scheme);
	EXPECT_EQ(20, bi.key_len);

	/* a data key cannot wrap */
	to_kmk2.kek = fixed;
	len = sizeof(blob);
	EXPECT_EQ(-EKEYREJECTED, keyseal_export(self->ks, mobile, &to_kmk2,
						blob, &len));
}

TEST_F(lib, import_every_form)
{
	static const enum keyseal_blob_form forms[] = {
		KEYSEAL_FORM_BINARY, KEYSEAL_FORM_TEXT, KEYSEAL_FORM_PEM,
	};
	uint8_t blob[KEYSEAL_BLOB_MAX_SIZE];
	char text[KEYSEAL_PEM_MAX], desc[16];
	struct keyseal_import_params p = { 0 };
	struct keyseal_key_info orig, info;
	size_t len = sizeof(blob), text_len;
	int32_t id, copy, ring;
	unsigned int i;

	id = gen("orig", KEYSEAL_USAGE_AEAD, 0, 0, "user:kmk");
	ASSERT_LT(0, id);
	ASSERT_EQ(0, keyseal_info(self->ks, id, &orig));
	ASSERT_EQ(0, keyseal_export(self->ks, id, NULL, blob, &len));
	ring = add_key("keyring", "store", NULL, 0, KEY_SPEC_SESSION_KEYRING);
	ASSERT_LT(0, ring);

	p.keyring = ring;
	for (i = 0; i < 3; i++) {
		text_len = sizeof(text);
		ASSERT_EQ(0, keyseal_blob_encode(blob, len, forms[i], text,
						 &text_len));
		snprintf(desc, sizeof(desc), "copy%u", i);
		p.description = desc;
		ASSERT_EQ(0, keyseal_import(self->ks, text, text_len, &p,
					    &copy)) TH_LOG("form %u", forms[i]);
		EXPECT_EQ(copy, keyctl_search(ring, "sealed", desc, 0));
		ASSERT_EQ(0, keyseal_info(self->ks, copy, &info));
		EXPECT_EQ(0, memcmp(orig.key_id, info.key_id,
				    KEYSEAL_KEY_ID_SIZE));
	}

	/* the same description again */
	EXPECT_EQ(-EEXIST, keyseal_import(self->ks, blob, len, &p, &copy));
	/* the opening key by serial: the right one, a wrong one */
	p.description = "by-serial";
	p.unwrap = self->kmk;
	EXPECT_EQ(0, keyseal_import(self->ks, blob, len, &p, &copy));
	p.description = "wrong";
	p.unwrap = self->kmk2;
	EXPECT_EQ(-EKEYREJECTED, keyseal_import(self->ks, blob, len, &p,
						&copy));
	/* a storage parent is for recipient and plaintext blobs only */
	p.unwrap = 0;
	p.parent = self->kmk2;
	EXPECT_EQ(-EINVAL, keyseal_import(self->ks, blob, len, &p, &copy));
	p.parent = 0;
	/* no parameters: the session keyring, the kernel's description */
	EXPECT_EQ(0, keyseal_import(self->ks, blob, len, NULL, &copy));
	EXPECT_EQ(-EEXIST, keyseal_import(self->ks, blob, len, NULL, &copy));
	/* tampered; parent gone */
	blob[len - 1] ^= 1;
	EXPECT_EQ(-EBADMSG, keyseal_import(self->ks, blob, len, &p, &copy));
	blob[len - 1] ^= 1;
	drop_key(self->kmk);
	EXPECT_EQ(-ENOKEY, keyseal_import(self->ks, blob, len, &p, &copy));
}

TEST_F(lib, load_restrict_rewrap_through_keyctl)
{
	struct keyseal_load_params lp = { 0 };
	uint8_t blob[KEYSEAL_BLOB_MAX_SIZE];
	char pem[KEYSEAL_PEM_MAX], kmk[16];
	struct keyseal_key_info orig, info;
	size_t len = sizeof(blob), pem_len = sizeof(pem);
	int32_t id, fixed, back;

	id = gen("pt", KEYSEAL_USAGE_AEAD, 32, KEYSEAL_FLAG_PLAINTEXT,
		 "user:kmk");
	fixed = gen("fixed", KEYSEAL_USAGE_AEAD, 32, 0, "user:kmk");
	ASSERT_LT(0, id);
	ASSERT_LT(0, fixed);
	ASSERT_EQ(0, keyseal_info(self->ks, id, &orig));

	/* load a PEM blob, the KEK named by serial */
	ASSERT_EQ(0, keyseal_export(self->ks, id, NULL, blob, &len));
	ASSERT_EQ(0, keyseal_blob_encode(blob, len, KEYSEAL_FORM_PEM, pem,
					 &pem_len));
	snprintf(kmk, sizeof(kmk), "#%d", self->kmk);
	lp.parent = kmk;
	ASSERT_EQ(0, keyseal_key_load(pem, pem_len, &lp, "loaded", 0, &back));
	ASSERT_EQ(0, keyseal_info(self->ks, back, &info));
	EXPECT_EQ(0, memcmp(orig.key_id, info.key_id, KEYSEAL_KEY_ID_SIZE));
	EXPECT_EQ(-EEXIST, keyseal_key_load(pem, pem_len, &lp, "loaded", 0,
					    &back));
	lp.parent = "user:kmk2";
	EXPECT_EQ(-EKEYREJECTED, keyseal_key_load(pem, pem_len, &lp, "l2", 0,
						  &back));

	/* restrict: only ever less */
	EXPECT_EQ(0, keyseal_key_restrict(id, KEYSEAL_FLAG_EXPORTABLE));
	ASSERT_EQ(0, keyseal_info(self->ks, id, &info));
	EXPECT_EQ(KEYSEAL_FLAG_EXPORTABLE, info.key_flags);
	EXPECT_EQ(-EPERM, keyseal_key_restrict(id, KEYSEAL_FLAG_PLAINTEXT));

	/* rewrap: an exportable key moves; a fixed one stays */
	EXPECT_EQ(0, keyseal_key_rewrap(id, "user:kmk2"));
	ASSERT_EQ(0, keyseal_info(self->ks, id, &info));
	EXPECT_STREQ("user:kmk2", info.parent);
	EXPECT_EQ(-EPERM, keyseal_key_rewrap(fixed, "user:kmk2"));
	EXPECT_EQ(-ENOKEY, keyseal_key_rewrap(id, "user:gone"));
}

TEST_F(lib, import_material_in_the_clear)
{
	static const uint8_t material[16] = {
		0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77,
		0x88, 0x99, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff,
	};
	struct keyseal_key_spec spec = {
		.usage = KEYSEAL_USAGE_AEAD, .parent = "user:kmk",
		.key_flags = KEYSEAL_FLAG_PLAINTEXT,
	};
	struct keyseal_export_target clear = {
		.type = KEYSEAL_TARGET_PLAINTEXT,
	};
	uint8_t blob[KEYSEAL_BLOB_MAX_SIZE];
	struct keyseal_key_info info;
	size_t len = sizeof(blob);
	int32_t id;

	ASSERT_EQ(0, keyseal_key_import_material(&spec, material,
						 sizeof(material), "mig", 0,
						 &id));
	ASSERT_EQ(0, keyseal_info(self->ks, id, &info));
	EXPECT_EQ(KEYSEAL_ORIGIN_IMPORTED, info.provenance);
	EXPECT_EQ(16, info.key_len);
	/* the material the kernel holds is the material given */
	ASSERT_EQ(0, keyseal_export(self->ks, id, &clear, blob, &len));
	EXPECT_EQ(0, memcmp(blob + len - 16, material, 16));
	explicit_bzero(blob, sizeof(blob));
}

TEST_F(lib, rewrap_blob_without_a_key)
{
	uint8_t in[KEYSEAL_BLOB_MAX_SIZE], out[KEYSEAL_BLOB_MAX_SIZE];
	char text[KEYSEAL_TEXT_MAX];
	struct keyseal_key_info orig, info;
	struct keyseal_blob_info bi;
	size_t len = sizeof(in), out_len = 0, text_len = sizeof(text);
	int32_t id, back;

	id = gen("mob", KEYSEAL_USAGE_SECRET, 48, KEYSEAL_FLAG_EXPORTABLE,
		 "user:kmk");
	ASSERT_LT(0, id);
	ASSERT_EQ(0, keyseal_info(self->ks, id, &orig));
	ASSERT_EQ(0, keyseal_export(self->ks, id, NULL, in, &len));
	ASSERT_EQ(0, keyseal_blob_encode(in, len, KEYSEAL_FORM_TEXT, text,
					 &text_len));

	EXPECT_EQ(-ERANGE, keyseal_rewrap(self->ks, text, text_len, 0,
					  self->kmk2, NULL, &out_len));
	EXPECT_LT(100, out_len);
	ASSERT_EQ(0, keyseal_rewrap(self->ks, text, text_len, 0, self->kmk2,
				    out, &out_len));
	ASSERT_EQ(0, keyseal_blob_inspect(out, out_len, &bi));
	EXPECT_STREQ("user:kmk2", bi.parent);
	drop_key(id);
	drop_key(self->kmk);
	ASSERT_EQ(0, keyseal_import(self->ks, out, out_len, NULL, &back));
	ASSERT_EQ(0, keyseal_info(self->ks, back, &info));
	EXPECT_EQ(0, memcmp(orig.key_id, info.key_id, KEYSEAL_KEY_ID_SIZE));
	/* the old parent is gone: the old blob opens no more */
	out_len = sizeof(out);
	EXPECT_EQ(-ENOKEY, keyseal_rewrap(self->ks, in, len, 0, self->kmk2,
					  out, &out_len));
}

static void round_trip(struct __test_metadata *_metadata, struct keyseal *ks,
		       int32_t id, size_t size)
{
	uint8_t *plain = malloc(size + 1), *sealed = malloc(size + 16);
	uint8_t *opened = malloc(size + 1), nonce[KEYSEAL_NONCE_SIZE];
	size_t sealed_len = size + 16, opened_len = size, i;
	static const char aad[] = "file header";

	ASSERT_NE(NULL, plain);
	ASSERT_NE(NULL, sealed);
	ASSERT_NE(NULL, opened);
	for (i = 0; i < size; i++)
		plain[i] = i * 13 + 5;
	ASSERT_EQ(0, keyseal_encrypt(ks, id, plain, size, aad, sizeof(aad),
				     sealed, &sealed_len, nonce))
		TH_LOG("size %zu", size);
	ASSERT_EQ(size + 16, sealed_len);
	ASSERT_EQ(0, keyseal_decrypt(ks, id, sealed, sealed_len, aad,
				     sizeof(aad), nonce, opened, &opened_len));
	ASSERT_EQ(size, opened_len);
	EXPECT_EQ(0, memcmp(plain, opened, size));

	if (size)
		sealed[size - 1] ^= 1;
	else
		sealed[0] ^= 1;
	EXPECT_EQ(-EBADMSG, keyseal_decrypt(ks, id, sealed, sealed_len, aad,
					    sizeof(aad), nonce, opened,
					    &opened_len));
	if (size)
		sealed[size - 1] ^= 1;
	else
		sealed[0] ^= 1;
	EXPECT_EQ(-EBADMSG, keyseal_decrypt(ks, id, sealed, sealed_len, aad,
					    sizeof(aad) - 1, nonce, opened,
					    &opened_len));
	nonce[11] ^= 0x80;
	EXPECT_EQ(-EBADMSG, keyseal_decrypt(ks, id, sealed, sealed_len, aad,
					    sizeof(aad), nonce, opened,
					    &opened_len));
	free(plain);
	free(sealed);
	free(opened);
}

TEST_F(lib, encrypt_decrypt)
{
	static const size_t sizes[] = { 0, 1, 4096, KEYSEAL_CRYPT_MAX };
	uint8_t buf[64], out[80], nonce[KEYSEAL_NONCE_SIZE];
	size_t out_len = 0;
	int32_t id, kek;
	unsigned int i;

	id = gen("dk", KEYSEAL_USAGE_AEAD, 32, 0, "user:kmk");
	kek = gen("kk", KEYSEAL_USAGE_KEK, 32, 0, "user:kmk");
	ASSERT_LT(0, id);
	ASSERT_LT(0, kek);
	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++)
		round_trip(_metadata, self->ks, id, sizes[i]);

	memset(buf, 0, sizeof(buf));
	EXPECT_EQ(-ERANGE, keyseal_encrypt(self->ks, id, buf, 64, NULL, 0,
					   NULL, &out_len, nonce));
	EXPECT_EQ(80, out_len);
	EXPECT_EQ(-EKEYREJECTED, keyseal_encrypt(self->ks, kek, buf, 64, NULL,
						 0, out, &out_len, nonce));
	EXPECT_EQ(-EKEYREJECTED, keyseal_encrypt(self->ks, self->kmk, buf, 64,
						 NULL, 0, out, &out_len,
						 nonce));
	EXPECT_EQ(-ENOKEY, keyseal_encrypt(self->ks, 0x7ffffff0, buf, 64, NULL,
					   0, out, &out_len, nonce));
}

struct worker {
	struct keyseal *ks;
	int32_t id;
	int failures;
};

static void *work(void *arg)
{
	struct worker *w = arg;
	uint8_t plain[256], sealed[256 + 16], opened[256];
	uint8_t nonce[KEYSEAL_NONCE_SIZE];
	size_t n, m;
	int i;

	for (i = 0; i < 200; i++) {
		memset(plain, i, sizeof(plain));
		n = sizeof(sealed);
		m = sizeof(opened);
		if (keyseal_encrypt(w->ks, w->id, plain, sizeof(plain), &i,
				    sizeof(i), sealed, &n, nonce) ||
		    keyseal_decrypt(w->ks, w->id, sealed, n, &i, sizeof(i),
				    nonce, opened, &m) ||
		    m != sizeof(plain) || memcmp(plain, opened, m))
			w->failures++;
	}
	return NULL;
}

/* One handle, shared by threads: the library keeps no other state. */
TEST_F(lib, threads_share_a_handle)
{
	struct worker w[4];
	pthread_t t[4];
	int32_t id;
	int i;

	id = gen("mt", KEYSEAL_USAGE_AEAD, 16, 0, "user:kmk");
	ASSERT_LT(0, id);
	for (i = 0; i < 4; i++) {
		w[i] = (struct worker){ self->ks, id, 0 };
		ASSERT_EQ(0, pthread_create(&t[i], NULL, work, &w[i]));
	}
	for (i = 0; i < 4; i++) {
		ASSERT_EQ(0, pthread_join(t[i], NULL));
		EXPECT_EQ(0, w[i].failures);
	}
}

TEST_F(lib, other_uid_is_refused)
{
	int32_t id;
	int status;
	pid_t pid;

	id = gen("mine", KEYSEAL_USAGE_AEAD, 0, KEYSEAL_FLAG_EXPORTABLE,
		 "user:kmk");
	ASSERT_LT(0, id);
	ASSERT_EQ(0, keyctl_setperm(id, KEY_POS_ALL | KEY_USR_VIEW));

	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		uint8_t buf[64], out[80], nonce[KEYSEAL_NONCE_SIZE];
		struct keyseal_key_info info;
		size_t len = sizeof(out);

		if (setgid(1000) || setuid(1000) || new_session())
			_exit(2);
		/* INFO needs view: granted to the user, not to others */
		if (keyseal_info(self->ks, id, &info) != -EACCES)
			_exit(3);
		if (keyseal_export(self->ks, id, NULL, out, &len) != -EACCES)
			_exit(4);
		memset(buf, 0, sizeof(buf));
		if (keyseal_encrypt(self->ks, id, buf, 16, NULL, 0, out, &len,
				    nonce) != -EACCES)
			_exit(5);
		_exit(0);
	}
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	ASSERT_TRUE(WIFEXITED(status));
	EXPECT_EQ(0, WEXITSTATUS(status));
}

/*
 * Exchange keys: the public key of an x25519 key when the module has them,
 * -EOPNOTSUPP when it does not; never anything else.
 */
TEST_F(lib, pubkey)
{
	uint8_t fp[KEYSEAL_FINGERPRINT_SIZE];
	struct keyseal_public_key pk;
	struct keyseal_key_info info;
	int32_t xch, data;

	data = gen("data", KEYSEAL_USAGE_AEAD, 0, 0, "user:kmk");
	ASSERT_LT(0, data);
	xch = gen("xch", KEYSEAL_USAGE_X25519, 0, 0, "user:kmk");
	if (xch == -EOPNOTSUPP) {
		EXPECT_EQ(-EOPNOTSUPP, keyseal_pubkey(self->ks, data, &pk));
		return;
	}
	ASSERT_LT(0, xch);
	ASSERT_EQ(0, keyseal_pubkey(self->ks, xch, &pk));
	EXPECT_EQ(KEYSEAL_KEM_X25519_HKDF_SHA256, pk.kem);
	EXPECT_EQ(32, pk.len);
	ASSERT_EQ(0, keyseal_info(self->ks, xch, &info));
	ASSERT_EQ(0, keyseal_public_key_fingerprint(&pk, fp));
	EXPECT_EQ(0, memcmp(fp, info.public_fingerprint, sizeof(fp)));
	EXPECT_EQ(-EKEYREJECTED, keyseal_pubkey(self->ks, data, &pk));
}

TEST_HARNESS_MAIN
