// SPDX-License-Identifier: GPL-2.0
/*
 * EXPORT to an RSA wrapping key (KEYSEAL_TARGET_RSA): the four forms cloud
 * key managers and HSMs import, checked by OpenSSL alone
 * (tests/common/rsa_openssl.h). An aead key the kernel exported is opened
 * to its material, and that material decrypts what the kernel ENCRYPTed
 * with the key; a secret imported with known bytes comes out as those
 * bytes. Then every refusal with its exact errno, for root and for an
 * unprivileged user (ATTACKER_UID), and, when the host put a SoftHSM2
 * token's public key in the payload (selftests/softhsm/), the exports that
 * the host's SoftHSM2 imports after the run, left in /out.
 */

#include <fcntl.h>
#include <keyutils.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "kselftest_harness.h"

#include "forge.h"
#include "hex.h"
#include "keyseal_test.h"
#include "rsa_openssl.h"

#define OUT_MAX		1100
#define SPKI_MAX	KEYSEAL_RSA_SPKI_MAX

/* Where the host leaves the SoftHSM2 token's wrapping key (run-tests' cwd) */
#define SOFTHSM_SPKI	"data/softhsm-rsa.der"

static const int formats[] = {
	KEYSEAL_RSA_AES_KWP_SHA256, KEYSEAL_RSA_AES_KWP_SHA1,
	KEYSEAL_RSA_OAEP_SHA256, KEYSEAL_RSA_OAEP_SHA1,
};

static const char *const format_names[] = {
	"", "rsa-aes-kwp-sha256", "rsa-aes-kwp-sha1", "rsa-oaep-sha256",
	"rsa-oaep-sha1",
};

/* The export's documented size: k, or k + AES-KWP of @key_len bytes. */
static u32 export_size(int format, u32 k, u32 key_len)
{
	if (format == KEYSEAL_RSA_OAEP_SHA256 || format == KEYSEAL_RSA_OAEP_SHA1)
		return k;
	return k + (key_len + 7) / 8 * 8 + 8;
}

FIXTURE(rsa) {
	key_serial_t kmk, kmk2;
	int fd;
	EVP_PKEY *pkey[3];
	u8 spki[3][SPKI_MAX];
	u32 spki_len[3];
	key_serial_t aead, aead16, locked;
	u8 out[OUT_MAX], opened[OUT_MAX];
};

FIXTURE_SETUP(rsa)
{
	const char *pems[3] = {
		rsa_test_key_pem, rsa_test_key_3072_pem, rsa_test_key_4096_pem,
	};
	int i;
	long len;

	SETUP_SESSION_WITH_ROOTS_AND_DEVICE(self);
	for (i = 0; i < 3; i++) {
		self->pkey[i] = rsa_test_private_key(pems[i]);
		ASSERT_NE(NULL, self->pkey[i]);
		len = rsa_test_spki(self->pkey[i], self->spki[i], SPKI_MAX);
		ASSERT_LT(0, len);
		self->spki_len[i] = (u32)len;
	}
	self->aead = NEW_KEY("aead", "new aead parent=user:kmk exportable");
	self->aead16 = NEW_KEY("aead16",
			       "new aead 16 parent=user:kmk exportable");
	self->locked = NEW_KEY("locked", "new aead parent=user:kmk");
}

FIXTURE_TEARDOWN(rsa)
{
	int i;

	for (i = 0; i < 3; i++)
		EVP_PKEY_free(self->pkey[i]);
	close(self->fd);
}

/*
 * What the kernel exported opens, with OpenSSL, to the key that decrypts
 * the kernel's own ciphertext: in each form, to each size of wrapping key,
 * for both sizes of data key.
 */
TEST_F(rsa, aead_opens_to_the_material_that_decrypts)
{
	static const char pt[] = "what the kernel encrypted with the aead key";
	u8 nonce[KEYSEAL_NONCE_SIZE] = { }, ct[sizeof(pt) + KEYSEAL_TAG_SIZE];
	u8 dec[sizeof(pt)];
	key_serial_t keys[2] = { self->aead, self->aead16 };
	const u32 key_lens[2] = { 32, 16 };
	unsigned int s, f, k;

	for (k = 0; k < 2; k++) {
		u32 ct_len = sizeof(ct);

		ASSERT_EQ(0, dev_crypt(self->fd, true, keys[k], pt, sizeof(pt),
				       NULL, 0, ct, &ct_len, nonce));
		ASSERT_EQ(sizeof(ct), ct_len);
		for (s = 0; s < 3; s++) {
			u32 n = (u32)EVP_PKEY_get_size(self->pkey[s]);

			for (f = 0; f < ARRAY_SIZE(formats); f++) {
				u32 len = sizeof(self->out);

				ASSERT_EQ(0, dev_export_rsa(self->fd, keys[k],
							formats[f],
							self->spki[s],
							self->spki_len[s],
							self->out, &len))
					TH_LOG("%s, %u bits",
					       format_names[formats[f]], n * 8);
				EXPECT_EQ(export_size(formats[f], n,
						      key_lens[k]), len);
				ASSERT_EQ(key_lens[k],
					  rsa_test_unwrap(self->pkey[s],
							  formats[f],
							  self->out, len,
							  self->opened,
							  sizeof(self->opened)))
					TH_LOG("%s, %u bits",
					       format_names[formats[f]], n * 8);
				memset(dec, 0, sizeof(dec));
				ASSERT_EQ(0, forge_gcm_open(self->opened,
							    key_lens[k], nonce,
							    ct, ct_len, dec));
				EXPECT_EQ(0, memcmp(dec, pt, sizeof(pt)));
			}
		}
	}
}

/*
 * A secret imported with known bytes comes out as those bytes; rsa-oaep-*
 * holds at most k - 2 hLen - 2 of them, rsa-aes-kwp-* all 512.
 */
TEST_F(rsa, secret_exact_bytes_and_oaep_limit)
{
	static const struct {
		u32 len;
		int format;
		int key;	/* 0: 2048, 1: 3072, 2: 4096 bits */
		long expect;
	} cases[] = {
		{ 16, KEYSEAL_RSA_OAEP_SHA256, 0, 0 },
		{ 190, KEYSEAL_RSA_OAEP_SHA256, 0, 0 },
		{ 191, KEYSEAL_RSA_OAEP_SHA256, 0, -EINVAL },
		{ 214, KEYSEAL_RSA_OAEP_SHA1, 0, 0 },
		{ 215, KEYSEAL_RSA_OAEP_SHA1, 0, -EINVAL },
		{ 318, KEYSEAL_RSA_OAEP_SHA256, 1, 0 },
		{ 446, KEYSEAL_RSA_OAEP_SHA256, 2, 0 },
		{ 447, KEYSEAL_RSA_OAEP_SHA256, 2, -EINVAL },
		{ 470, KEYSEAL_RSA_OAEP_SHA1, 2, 0 },
		{ 512, KEYSEAL_RSA_AES_KWP_SHA256, 0, 0 },
		{ 512, KEYSEAL_RSA_AES_KWP_SHA1, 0, 0 },
		{ 17, KEYSEAL_RSA_AES_KWP_SHA256, 1, 0 },
		{ 512, KEYSEAL_RSA_OAEP_SHA1, 2, -EINVAL },
	};
	char cmd[64 + 2 * 512], hexed[2 * 512 + 1];
	u8 material[512];
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		int s = cases[i].key;
		u32 len = sizeof(self->out);
		key_serial_t id;

		ASSERT_EQ(cases[i].len, getrandom(material, cases[i].len, 0));
		hex_encode(material, cases[i].len, hexed);
		snprintf(cmd, sizeof(cmd),
			 "import secret %s parent=user:kmk exportable", hexed);
		id = NEW_KEY("secret", cmd);
		EXPECT_EQ(cases[i].expect,
			  dev_export_rsa(self->fd, id, cases[i].format,
				     self->spki[s], self->spki_len[s],
				     self->out, &len))
			TH_LOG("case %u", i);
		if (!cases[i].expect) {
			EXPECT_EQ((long)cases[i].len,
				  rsa_test_unwrap(self->pkey[s],
						  cases[i].format, self->out,
						  len, self->opened,
						  sizeof(self->opened)));
			EXPECT_EQ(0, memcmp(self->opened, material,
					    cases[i].len));
		}
		drop_key(id);
	}
}

/* Policy and usage: EPERM and EKEYREJECTED, as for the other targets. */
TEST_F(rsa, policy_and_usage)
{
	key_serial_t kek, xk, secret;
	u32 len = sizeof(self->out);

	EXPECT_EQ(-EPERM, dev_export_rsa(self->fd, self->locked,
				     KEYSEAL_RSA_AES_KWP_SHA256, self->spki[0],
				     self->spki_len[0], self->out, &len));
	/* an exportable key restricted later is no longer */
	secret = NEW_KEY("s", "new secret 32 parent=user:kmk exportable");
	ASSERT_EQ(0, dev_export_rsa(self->fd, secret, KEYSEAL_RSA_OAEP_SHA1,
				self->spki[0], self->spki_len[0], self->out,
				&len));
	ASSERT_EQ(0, update_key(secret, "restrict"));
	len = sizeof(self->out);
	EXPECT_EQ(-EPERM, dev_export_rsa(self->fd, secret, KEYSEAL_RSA_OAEP_SHA1,
				     self->spki[0], self->spki_len[0],
				     self->out, &len));

	kek = NEW_KEY("kek", "new kek parent=user:kmk exportable");
	xk = NEW_KEY("xk", "new x25519 parent=user:kmk exportable");
	EXPECT_EQ(-EKEYREJECTED, dev_export_rsa(self->fd, kek,
					    KEYSEAL_RSA_AES_KWP_SHA256,
					    self->spki[0], self->spki_len[0],
					    self->out, &len));
	EXPECT_EQ(-EKEYREJECTED, dev_export_rsa(self->fd, xk,
					    KEYSEAL_RSA_AES_KWP_SHA256,
					    self->spki[0], self->spki_len[0],
					    self->out, &len));
	/* a non-exportable kek: policy speaks first */
	drop_key(kek);
	kek = NEW_KEY("kek2", "new kek parent=user:kmk");
	EXPECT_EQ(-EPERM, dev_export_rsa(self->fd, kek, KEYSEAL_RSA_OAEP_SHA256,
				     self->spki[0], self->spki_len[0],
				     self->out, &len));
	EXPECT_EQ(-ENOKEY, dev_export_rsa(self->fd, 0x7ffffff0,
				      KEYSEAL_RSA_OAEP_SHA256, self->spki[0],
				      self->spki_len[0], self->out, &len));
}

/* Malformed requests: EINVAL before anything is read or wrapped. */
TEST_F(rsa, malformed_request)
{
	struct keyseal_export base = {
		.serial = self->aead,
		.target = KEYSEAL_TARGET_RSA,
		.recipient = (uintptr_t)self->spki[0],
		.recipient_len = self->spki_len[0],
		.recipient_kem = KEYSEAL_RSA_AES_KWP_SHA256,
	}, req;
	u32 len;
	int i;

	req = base;
	len = sizeof(self->out);
	ASSERT_EQ(0, dev_export_req(self->fd, &req, self->out, &len));
	EXPECT_EQ(256 + 40, len);

	for (i = 0; i < 12; i++) {
		req = base;
		switch (i) {
		case 0: req.recipient_kem = 0; break;
		case 1: req.recipient_kem = 5; break;
		case 2: req.recipient_len = 0; break;
		case 3: req.recipient = 0; break;
		case 4: req.recipient_len = KEYSEAL_RSA_SPKI_MAX + 1; break;
		case 5: req.sender = self->aead; break;
		case 6: req.kek = self->kmk; break;
		case 7: req.flags = 1; break;
		case 8: req.reserved[3] = 1; break;
		case 9: req.__pad = 1; break;
		case 10: req.target = 6; break;
		case 11: req.recipient_kem = KEYSEAL_KEM_X25519_HKDF_SHA256;
			break;
		}
		len = sizeof(self->out);
		EXPECT_EQ(-EINVAL, dev_export_req(self->fd, &req, self->out, &len))
			TH_LOG("case %d", i);
	}

	/* an unmapped SPKI */
	req = base;
	req.recipient = 8;
	len = sizeof(self->out);
	EXPECT_EQ(-EFAULT, dev_export_req(self->fd, &req, self->out, &len));

	/* too small a buffer: ERANGE, and the size */
	req = base;
	len = 100;
	EXPECT_EQ(-ERANGE, dev_export_req(self->fd, &req, self->out, &len));
	EXPECT_EQ(256 + 40, len);
}

/* Wrapping keys the kernel refuses: EINVAL. */
TEST_F(rsa, refused_wrapping_keys)
{
	static const unsigned int bad_bits[] = { 1024, 2047, 2056 };
	u8 spki[SPKI_MAX + 1];
	EVP_PKEY *pkey;
	unsigned int i;
	u32 len, n = self->spki_len[0];
	long l;

	/* every proper prefix, and one byte more */
	memcpy(spki, self->spki[0], n);
	for (i = 1; i < n; i++) {
		len = sizeof(self->out);
		EXPECT_EQ(-EINVAL, dev_export_rsa(self->fd, self->aead,
					      KEYSEAL_RSA_OAEP_SHA256, spki, i,
					      self->out, &len))
			TH_LOG("%u bytes", i);
	}
	spki[n] = 0;
	len = sizeof(self->out);
	EXPECT_EQ(-EINVAL, dev_export_rsa(self->fd, self->aead,
				      KEYSEAL_RSA_OAEP_SHA256, spki, n + 1,
				      self->out, &len));
	/* another algorithm identifier (rsaEncryption's last arc) */
	spki[16] ^= 0x0b;
	len = sizeof(self->out);
	EXPECT_EQ(-EINVAL, dev_export_rsa(self->fd, self->aead,
				      KEYSEAL_RSA_OAEP_SHA256, spki, n,
				      self->out, &len));
	spki[16] ^= 0x0b;
	/* an even exponent */
	spki[n - 1] ^= 1;
	len = sizeof(self->out);
	EXPECT_EQ(-EINVAL, dev_export_rsa(self->fd, self->aead,
				      KEYSEAL_RSA_OAEP_SHA256, spki, n,
				      self->out, &len));

	/* other sizes, near the right ones */
	for (i = 0; i < ARRAY_SIZE(bad_bits); i++) {
		pkey = rsa_test_generate(bad_bits[i]);
		ASSERT_NE(NULL, pkey);
		l = rsa_test_spki(pkey, spki, sizeof(spki));
		ASSERT_LT(0, l);
		len = sizeof(self->out);
		EXPECT_EQ(-EINVAL, dev_export_rsa(self->fd, self->aead,
					      KEYSEAL_RSA_AES_KWP_SHA256, spki,
					      (u32)l, self->out, &len))
			TH_LOG("%u bits", bad_bits[i]);
		EVP_PKEY_free(pkey);
	}
	/* an EC key */
	pkey = EVP_PKEY_Q_keygen(NULL, NULL, "EC", "P-256");
	ASSERT_NE(NULL, pkey);
	l = rsa_test_spki(pkey, spki, sizeof(spki));
	ASSERT_LT(0, l);
	len = sizeof(self->out);
	EXPECT_EQ(-EINVAL, dev_export_rsa(self->fd, self->aead,
				      KEYSEAL_RSA_AES_KWP_SHA256, spki, (u32)l,
				      self->out, &len));
	EVP_PKEY_free(pkey);
}

/*
 * An unprivileged user: root's exportable key is not its to read; its own
 * non-exportable key stays; its own exportable one leaves only wrapped,
 * and opens to the material that decrypts its own ciphertext.
 */
TEST_F(rsa, unprivileged_user)
{
	int *ok = shared_alloc(sizeof(int) * 8);
	pid_t pid;

	ASSERT_NE(NULL, ok);
	pid = fork_as(ATTACKER_UID);
	ASSERT_LE(0, pid);
	if (pid == 0) {
		static const char pt[] = "the attacker's own data";
		u8 nonce[KEYSEAL_NONCE_SIZE] = { };
		u8 ct[sizeof(pt) + KEYSEAL_TAG_SIZE], dec[sizeof(pt)];
		u32 len = sizeof(self->out), ct_len = sizeof(ct);
		key_serial_t mine, locked, kek;

		ok[0] = dev_export_rsa(self->fd, self->aead,
				   KEYSEAL_RSA_AES_KWP_SHA256, self->spki[0],
				   self->spki_len[0], self->out, &len) ==
			-EACCES;
		if (add_random_user_key("kmk", ROOT_KEK_SIZE) < 0)
			_exit(2);
		mine = add_sealed("mine", "new aead parent=user:kmk exportable");
		locked = add_sealed("locked", "new aead parent=user:kmk");
		kek = add_sealed("kek", "new kek parent=user:kmk exportable");
		if (mine < 0 || locked < 0 || kek < 0)
			_exit(2);
		len = sizeof(self->out);
		ok[1] = dev_export_rsa(self->fd, locked, KEYSEAL_RSA_OAEP_SHA256,
				   self->spki[0], self->spki_len[0], self->out,
				   &len) == -EPERM;
		len = sizeof(self->out);
		ok[2] = dev_export_rsa(self->fd, kek, KEYSEAL_RSA_OAEP_SHA256,
				   self->spki[0], self->spki_len[0], self->out,
				   &len) == -EKEYREJECTED;
		len = sizeof(self->out);
		ok[3] = dev_export_rsa(self->fd, mine, KEYSEAL_RSA_OAEP_SHA256,
				   self->spki[0], self->spki_len[0] - 1,
				   self->out, &len) == -EINVAL;
		len = sizeof(self->out);
		ok[4] = dev_export_rsa(self->fd, mine, KEYSEAL_RSA_AES_KWP_SHA1,
				   self->spki[1], self->spki_len[1], self->out,
				   &len) == 0 &&
			rsa_test_unwrap(self->pkey[1], KEYSEAL_RSA_AES_KWP_SHA1,
					self->out, len, self->opened,
					sizeof(self->opened)) == 32 &&
			dev_crypt(self->fd, true, mine, pt, sizeof(pt), NULL,
				  0, ct, &ct_len, nonce) == 0 &&
			forge_gcm_open(self->opened, 32, nonce, ct, ct_len,
				       dec) == 0 &&
			!memcmp(dec, pt, sizeof(pt));
		/* read permission taken away from itself: EACCES */
		ok[5] = keyctl_setperm(mine, KEY_POS_VIEW | KEY_POS_SETATTR |
					     KEY_USR_VIEW) == 0 &&
			dev_export_rsa(self->fd, mine, KEYSEAL_RSA_OAEP_SHA256,
				   self->spki[0], self->spki_len[0], self->out,
				   &len) == -EACCES;
		_exit(0);
	}
	ASSERT_EQ(0, wait_child(pid));
	EXPECT_TRUE(ok[0]) TH_LOG("root's key: not EACCES");
	EXPECT_TRUE(ok[1]) TH_LOG("own non-exportable key: not EPERM");
	EXPECT_TRUE(ok[2]) TH_LOG("own kek: not EKEYREJECTED");
	EXPECT_TRUE(ok[3]) TH_LOG("truncated SPKI: not EINVAL");
	EXPECT_TRUE(ok[4]) TH_LOG("own exportable key: not exported and opened");
	EXPECT_TRUE(ok[5]) TH_LOG("own key without read permission: not EACCES");
}

static int write_out(const char *name, const void *data, size_t len)
{
	char path[128];
	FILE *f;
	int ok;

	snprintf(path, sizeof(path), "/out/%s", name);
	f = fopen(path, "w");
	if (!f)
		return -1;
	ok = fwrite(data, 1, len, f) == len;
	return fclose(f) == 0 && ok ? 0 : -1;
}

/*
 * For the host's SoftHSM2 (selftests/softhsm/): the exports SoftHSM 2.6
 * can import (SHA-1 OAEP only) to the token's own RSA key, and what the
 * kernel encrypted with the key, left in /out: rsa-<form>.bin,
 * rsa-gcm.bin (nonce, then ciphertext and tag) and rsa-plaintext.bin.
 */
TEST_F(rsa, exports_for_softhsm)
{
	static const char pt[] = "decrypted by SoftHSM2 with the key it imported";
	u8 gcm[KEYSEAL_NONCE_SIZE + sizeof(pt) + KEYSEAL_TAG_SIZE];
	static const int hsm_formats[] = {
		KEYSEAL_RSA_OAEP_SHA1, KEYSEAL_RSA_AES_KWP_SHA1,
	};
	u8 spki[SPKI_MAX + 1];
	u32 len, ct_len = sizeof(gcm) - KEYSEAL_NONCE_SIZE;
	char name[64];
	unsigned int i;
	FILE *f;
	size_t n;

	f = fopen(SOFTHSM_SPKI, "r");
	if (!f)
		SKIP(return, "no SoftHSM2 key in the payload (%s)",
		     SOFTHSM_SPKI);
	n = fread(spki, 1, sizeof(spki), f);
	fclose(f);
	ASSERT_LT(0, n);
	ASSERT_GE(SPKI_MAX, n);

	ASSERT_EQ(0, dev_crypt(self->fd, true, self->aead, pt, sizeof(pt),
			       NULL, 0, gcm + KEYSEAL_NONCE_SIZE, &ct_len,
			       gcm));
	ASSERT_EQ(0, write_out("rsa-gcm.bin", gcm, sizeof(gcm)));
	ASSERT_EQ(0, write_out("rsa-plaintext.bin", pt, sizeof(pt)));
	for (i = 0; i < ARRAY_SIZE(hsm_formats); i++) {
		len = sizeof(self->out);
		ASSERT_EQ(0, dev_export_rsa(self->fd, self->aead, hsm_formats[i],
					spki, (u32)n, self->out, &len));
		snprintf(name, sizeof(name), "%s.bin",
			 format_names[hsm_formats[i]]);
		ASSERT_EQ(0, write_out(name, self->out, len));
	}
}

TEST_HARNESS_MAIN
