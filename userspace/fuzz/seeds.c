// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Writes the fuzzers' seed corpora: userspace/fuzz/make-seeds.sh builds and
 * runs it, and the files it writes are committed. Every seed is made the
 * way the real thing is (the module's codec and armor, libkeyseal's forms
 * and PEM writer, OpenSSL for keys of other kinds), from fixed values, so
 * that the corpora can be made again and reviewed.
 *
 *   seeds OUTPUT_DIR	writes OUTPUT_DIR/{blob,armor,form,command,pubkey}/
 */

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <openssl/bio.h>
#include <openssl/core_names.h>
#include <openssl/encoder.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <openssl/pem.h>

#include "armor.h"
#include "blob.h"
#include "dh.h"
#include "keyseal.h"
#include "usage.h"

#define X25519	KEYSEAL_KEM_X25519_HKDF_SHA256
#define P256	KEYSEAL_KEM_P256_HKDF_SHA256

static const char *out_dir;

static void die(const char *what)
{
	fprintf(stderr, "seeds: %s\n", what);
	exit(1);
}

static void write_seed(const char *corpus, const char *name, const void *data,
		       size_t len)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", out_dir, corpus);
	if (mkdir(path, 0755) && errno != EEXIST)
		die(path);
	snprintf(path, sizeof(path), "%s/%s/%s", out_dir, corpus, name);
	f = fopen(path, "w");
	if (!f || fwrite(data, 1, len, f) != len || fclose(f))
		die(path);
}

static void write_text(const char *corpus, const char *name, const char *fmt,
		       ...)
{
	char text[8192];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= sizeof(text))
		die(name);
	write_seed(corpus, name, text, n);
}

/* Fixed scalars of the exchange keys in the seeds. */
static const u8 x25519_sk[32] = {
	0x77, 0x07, 0x6d, 0x0a, 0x73, 0x18, 0xa5, 0x7d, 0x3c, 0x16, 0xc1, 0x72,
	0x51, 0xb2, 0x66, 0x45, 0xdf, 0x4c, 0x2f, 0x87, 0xeb, 0xc0, 0x99, 0x2a,
	0xb1, 0x77, 0xfb, 0xa5, 0x1d, 0xb9, 0x2c, 0x2a,
};
static const u8 p256_sk[32] = {
	0xc9, 0xaf, 0xa9, 0xd8, 0x45, 0xba, 0x75, 0x16, 0x6b, 0x5c, 0x21, 0x57,
	0x67, 0xb1, 0xd6, 0x93, 0x4e, 0x50, 0xc3, 0xdb, 0x36, 0xe8, 0x9b, 0x12,
	0x7b, 0x8a, 0x62, 0x2b, 0x12, 0x0f, 0x67, 0x21,
};

struct blob_seed {
	const char *name;
	u8 scheme;
	u8 usage;
	u16 key_len;
	u8 key_flags;
	u8 provenance;
	u16 kem;
	const char *parent;
	u64 not_after;
	u8 fill;
};

#define GEN	KEYSEAL_ORIGIN_GENERATED
#define SENS	KEYSEAL_PROV_ALWAYS_SENSITIVE
#define NEVER	KEYSEAL_PROV_NEVER_EXPORTABLE
#define EXP	KEYSEAL_FLAG_EXPORTABLE
#define CLEAR	(KEYSEAL_FLAG_EXPORTABLE | KEYSEAL_FLAG_PLAINTEXT)
#define KEK	KEYSEAL_SCHEME_KEK
#define BASE	KEYSEAL_SCHEME_HPKE_BASE
#define AUTH	KEYSEAL_SCHEME_HPKE_AUTH
#define PLAIN	KEYSEAL_SCHEME_PLAINTEXT

/* A blob of every scheme and usage, and of each provenance and flag. */
static const struct blob_seed blob_seeds[] = {
	{ "kek-kek", KEK, KEYSEAL_USAGE_KEK, 32, 0, GEN | SENS | NEVER, 0,
	  "logon:keyseal:root", 0, 0xee },
	{ "kek-kek-exportable", KEK, KEYSEAL_USAGE_KEK, 32, EXP, GEN | SENS, 0,
	  "sealed:parent-kek", 4102444800ULL, 0x5c },
	{ "kek-aead16", KEK, KEYSEAL_USAGE_AEAD, 16, 0, GEN | SENS | NEVER, 0,
	  "user:kmk", 0, 0xee },
	{ "kek-aead32", KEK, KEYSEAL_USAGE_AEAD, 32, EXP, GEN | SENS, 0,
	  "user:kmk", 0, 0xee },
	{ "kek-aead32-plaintext", KEK, KEYSEAL_USAGE_AEAD, 32, CLEAR, GEN, 0,
	  "encrypted:ekek", 0, 0x3a },
	{ "kek-secret16-imported", KEK, KEYSEAL_USAGE_SECRET, 16, 0,
	  KEYSEAL_ORIGIN_IMPORTED, 0, "trusted:tpm", 0, 0x01 },
	{ "kek-secret512", KEK, KEYSEAL_USAGE_SECRET, 512, EXP, GEN | SENS, 0,
	  "user:kmk", 0, 0xee },
	{ "kek-x25519", KEK, KEYSEAL_USAGE_X25519, 32, 0, GEN | SENS | NEVER,
	  0, "user:kmk", 0, 0x42 },
	{ "kek-p256-external", KEK, KEYSEAL_USAGE_P256, 32, EXP,
	  KEYSEAL_ORIGIN_EXTERNAL, 0, "sealed:a:b:c", 0, 0x42 },
	{ "hpke-base-x25519", BASE, KEYSEAL_USAGE_AEAD, 32, EXP,
	  KEYSEAL_ORIGIN_EXTERNAL, X25519, NULL, 0, 0xee },
	{ "hpke-base-p256", BASE, KEYSEAL_USAGE_KEK, 32, EXP, GEN | SENS, P256,
	  NULL, 4102444800ULL, 0xee },
	{ "hpke-auth-x25519", AUTH, KEYSEAL_USAGE_SECRET, 100, CLEAR, GEN,
	  X25519, NULL, 0, 0x77 },
	{ "hpke-auth-p256", AUTH, KEYSEAL_USAGE_P256, 32, EXP, GEN | SENS, P256,
	  NULL, 0, 0xee },
	{ "plaintext-aead16", PLAIN, KEYSEAL_USAGE_AEAD, 16, CLEAR,
	  KEYSEAL_ORIGIN_IMPORTED, 0, NULL, 0, 0x11 },
	{ "plaintext-kek", PLAIN, KEYSEAL_USAGE_KEK, 32, CLEAR, GEN, 0, NULL,
	  1, 0x22 },
	{ "plaintext-secret64", PLAIN, KEYSEAL_USAGE_SECRET, 64, CLEAR,
	  KEYSEAL_ORIGIN_EXTERNAL, 0, NULL, 0, 0x33 },
	{ "plaintext-x25519", PLAIN, KEYSEAL_USAGE_X25519, 32, CLEAR, GEN, 0,
	  NULL, 0, 0x44 },
};

/* The blob a seed describes; returns its length. */
static size_t make_blob(const struct blob_seed *s, u8 *buf)
{
	u8 fp[KEYSEAL_FINGERPRINT_SIZE], salt[KEYSEAL_SALT_SIZE];
	u8 enc[KEYSEAL_P256_PUBLIC_SIZE], sender[KEYSEAL_P256_PUBLIC_SIZE];
	struct keyseal_blob b = {
		.scheme = s->scheme,
		.usage = s->usage,
		.key_alg = keyseal_usage_alg(s->usage),
		.key_flags = s->key_flags,
		.provenance = s->provenance,
		.key_len = s->key_len,
		.kem_id = s->kem,
		.created = 1700000000,
		.not_after = s->not_after,
	};
	size_t body, i;
	int len;

	for (i = 0; i < KEYSEAL_KEY_ID_SIZE; i++)
		b.key_id[i] = i;
	memset(fp, 0xf0, sizeof(fp));
	memset(salt, 0x5a, sizeof(salt));
	if (s->scheme != PLAIN) {
		b.kdf_id = KEYSEAL_KDF_HKDF_SHA256;
		b.aead_id = KEYSEAL_AEAD_AES256GCM;
	}
	if (s->scheme == KEK) {
		b.parent = s->parent;
		b.parent_len = strlen(s->parent);
		b.parent_fp = fp;
		b.salt = salt;
	} else if (s->scheme != PLAIN) {
		/* Real public keys, as a sender would put them. */
		if (keyseal_dh_public_of(s->kem, s->kem == X25519 ?
					 x25519_sk : p256_sk, enc))
			die("public key");
		memcpy(sender, enc, sizeof(sender));
		sender[sizeof(sender) - 1] ^= s->kem == X25519 ? 0x55 : 0;
		keyseal_blob_set_recipient(&b, s->kem, fp, enc,
					   s->scheme == AUTH ? sender : NULL);
	}

	len = keyseal_blob_write_header(&b, buf, KEYSEAL_BLOB_MAX_SIZE);
	if (len < 0)
		die(s->name);
	body = keyseal_blob_body_size(&b);
	memset(buf + len, s->fill, body);
	return len + body;
}

static void armor_seeds(const u8 *blob, size_t len, const char *name)
{
	static const char *const edges[] = {
		"AA==", "AAA=", "AAAA", "////", "+/+/", "AB==", "AAB=", "A===",
		"AA=A", "====", "S1NCTA==", "S1NCTAE=", "S1NCTAEB",
	};
	char text[KEYSEAL_TEXT_MAX], edge_name[32];
	size_t i, n;

	n = keyseal_armor_encode(blob, len, text);
	write_seed("armor", name, text, n);
	if (strcmp(name, "kek-aead32"))
		return;
	for (i = 0; i < sizeof(edges) / sizeof(edges[0]); i++) {
		snprintf(edge_name, sizeof(edge_name), "edge-%02zu", i);
		write_seed("armor", edge_name, edges[i], strlen(edges[i]));
	}
}

static void form_seeds(const u8 *blob, size_t len, const char *name)
{
	char text[KEYSEAL_PEM_MAX], seed[KEYSEAL_PEM_MAX + 256], *p;
	char seed_name[64];
	size_t n = sizeof(text);

	if (strcmp(name, "kek-aead32") && strcmp(name, "hpke-auth-p256") &&
	    strcmp(name, "plaintext-aead16"))
		return;
	snprintf(seed_name, sizeof(seed_name), "%s.bin", name);
	write_seed("form", seed_name, blob, len);

	if (keyseal_blob_encode(blob, len, KEYSEAL_FORM_TEXT, text, &n))
		die("text form");
	snprintf(seed_name, sizeof(seed_name), "%s.txt", name);
	write_text("form", seed_name, "%s\n", text);

	n = sizeof(text);
	if (keyseal_blob_encode(blob, len, KEYSEAL_FORM_PEM, text, &n))
		die("pem form");
	snprintf(seed_name, sizeof(seed_name), "%s.pem", name);
	write_seed("form", seed_name, text, n);

	if (strcmp(name, "kek-aead32"))
		return;
	/* As a mail carries it: text around it, CRLF line ends. */
	n = 0;
	n += sprintf(seed + n, "Subject: the key\r\n\r\nHere it is:\r\n");
	for (p = text; *p; p++) {
		if (*p == '\n')
			seed[n++] = '\r';
		seed[n++] = *p;
	}
	n += sprintf(seed + n, "\r\n-- \r\nsent from a keyseal host\r\n");
	write_seed("form", "kek-aead32.mail", seed, n);
}

static void blob_corpora(void)
{
	u8 blob[KEYSEAL_BLOB_MAX_SIZE];
	size_t i, len;

	for (i = 0; i < sizeof(blob_seeds) / sizeof(blob_seeds[0]); i++) {
		len = make_blob(&blob_seeds[i], blob);
		write_seed("blob", blob_seeds[i].name, blob, len);
		armor_seeds(blob, len, blob_seeds[i].name);
		form_seeds(blob, len, blob_seeds[i].name);
	}
}

static void command_corpus(void)
{
	static const char *const commands[] = {
		"new kek", "new kek 32 parent=user:kmk exportable",
		"new aead 16 parent=sealed:k1 plaintext",
		"new aead notafter=4102444800",
		"new secret 512 parent=#12345 exportable notafter=1",
		"new secret 16\n", "new\tx25519 parent=logon:keyseal:root",
		"new p256 plaintext parent=encrypted:e",
		"rewrap parent=user:kmk2", "rewrap parent=#2147483647",
		"restrict", "restrict exportable", "restrict plaintext\n",
		"restrict exportable plaintext",
	};
	u8 blob[KEYSEAL_BLOB_MAX_SIZE], pk[KEYSEAL_P256_PUBLIC_SIZE];
	char armor[KEYSEAL_TEXT_MAX], hex[2 * KEYSEAL_SECRET_MAX + 1];
	char name[32];
	size_t i, len;

	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
		snprintf(name, sizeof(name), "cmd-%02zu", i);
		write_seed("command", name, commands[i], strlen(commands[i]));
	}

	len = make_blob(&blob_seeds[3], blob);
	armor[keyseal_armor_encode(blob, len, armor)] = '\0';
	write_text("command", "load", "load %s", armor);
	write_text("command", "load-parent", "load %s parent=user:kmk\n",
		   armor);
	len = make_blob(&blob_seeds[12], blob);
	armor[keyseal_armor_encode(blob, len, armor)] = '\0';
	if (keyseal_dh_public_of(P256, p256_sk, pk))
		die("p256 public key");
	for (i = 0; i < sizeof(pk); i++)
		sprintf(hex + 2 * i, "%02x", pk[i]);
	write_text("command", "load-recipient",
		   "load %s recipient=sealed:x parent=#7 sender=%s", armor,
		   hex);

	for (i = 0; i < 32; i++)
		sprintf(hex + 2 * i, "%02X", (unsigned int)(i * 37));
	write_text("command", "import-aead",
		   "import aead %s parent=user:kmk exportable", hex);
	for (i = 0; i < 16; i++)
		sprintf(hex + 2 * i, "%02x", (unsigned int)(i + 0xa0));
	write_text("command", "import-secret",
		   "import secret %s notafter=4102444800 plaintext", hex);
}

/* OpenSSL key from a fixed scalar, for the PEM seeds. */
static EVP_PKEY *fixed_key(u16 kem)
{
	OSSL_PARAM_BLD *bld = NULL;
	OSSL_PARAM *params = NULL;
	EVP_PKEY_CTX *ctx = NULL;
	EVP_PKEY *pkey = NULL;
	u8 pk[KEYSEAL_P256_PUBLIC_SIZE];
	BIGNUM *d = NULL;

	if (kem == X25519)
		return EVP_PKEY_new_raw_private_key(EVP_PKEY_X25519, NULL,
						    x25519_sk, 32);
	if (keyseal_dh_public_of(P256, p256_sk, pk))
		return NULL;
	d = BN_bin2bn(p256_sk, 32, NULL);
	bld = OSSL_PARAM_BLD_new();
	ctx = EVP_PKEY_CTX_new_from_name(NULL, "EC", NULL);
	if (d && bld && ctx &&
	    OSSL_PARAM_BLD_push_utf8_string(bld, OSSL_PKEY_PARAM_GROUP_NAME,
					    "prime256v1", 0) &&
	    OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_PRIV_KEY, d) &&
	    OSSL_PARAM_BLD_push_octet_string(bld, OSSL_PKEY_PARAM_PUB_KEY, pk,
					     sizeof(pk)))
		params = OSSL_PARAM_BLD_to_param(bld);
	if (params && EVP_PKEY_fromdata_init(ctx) == 1)
		EVP_PKEY_fromdata(ctx, &pkey, EVP_PKEY_KEYPAIR, params);
	OSSL_PARAM_free(params);
	OSSL_PARAM_BLD_free(bld);
	EVP_PKEY_CTX_free(ctx);
	BN_free(d);
	return pkey;
}

/* Write a key with an OSSL_ENCODER, as PEM and as DER. */
static void write_key(const char *name, EVP_PKEY *pkey, int selection,
		      const char *structure)
{
	static const char *const types[] = { "PEM", "DER" };
	OSSL_ENCODER_CTX *ectx;
	unsigned char *data;
	char file[64];
	size_t len, i;

	for (i = 0; i < 2; i++) {
		data = NULL;
		len = 0;
		ectx = OSSL_ENCODER_CTX_new_for_pkey(pkey, selection, types[i],
						     structure, NULL);
		if (!ectx || OSSL_ENCODER_to_data(ectx, &data, &len) != 1)
			die(name);
		snprintf(file, sizeof(file), "%s.%s", name, i ? "der" : "pem");
		write_seed("pubkey", file, data, len);
		OPENSSL_free(data);
		OSSL_ENCODER_CTX_free(ectx);
	}
}

static void pubkey_corpus(void)
{
	static const u8 ed25519_sk[32] = { 0x9d, 0x61, 0xb1, 0x9d };
	EVP_PKEY *x = fixed_key(X25519), *p = fixed_key(P256), *ed;
	const int pub = EVP_PKEY_PUBLIC_KEY, pair = EVP_PKEY_KEYPAIR;
	u8 raw[KEYSEAL_P256_PUBLIC_SIZE];

	ed = EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, NULL, ed25519_sk,
					  32);
	if (!x || !p || !ed)
		die("keys");
	write_key("x25519-public", x, pub, "SubjectPublicKeyInfo");
	write_key("x25519-private", x, pair, "PrivateKeyInfo");
	write_key("p256-public", p, pub, "SubjectPublicKeyInfo");
	write_key("p256-private", p, pair, "PrivateKeyInfo");
	write_key("p256-private-sec1", p, pair, "type-specific");
	write_key("ed25519-public", ed, pub, "SubjectPublicKeyInfo");
	write_key("ed25519-private", ed, pair, "PrivateKeyInfo");
	if (EVP_PKEY_set_utf8_string_param(p,
			OSSL_PKEY_PARAM_EC_POINT_CONVERSION_FORMAT,
			"compressed") != 1)
		die("compressed point");
	write_key("p256-public-compressed", p, pub, "SubjectPublicKeyInfo");

	if (keyseal_dh_public_of(X25519, x25519_sk, raw))
		die("x25519 public key");
	write_seed("pubkey", "x25519-public.raw", raw,
		   KEYSEAL_X25519_PUBLIC_SIZE);
	if (keyseal_dh_public_of(P256, p256_sk, raw))
		die("p256 public key");
	write_seed("pubkey", "p256-public.raw", raw, KEYSEAL_P256_PUBLIC_SIZE);
	EVP_PKEY_free(ed);
	EVP_PKEY_free(p);
	EVP_PKEY_free(x);
}

int main(int argc, char **argv)
{
	if (argc != 2)
		die("usage: seeds OUTPUT_DIR");
	out_dir = argv[1];
	if (mkdir(out_dir, 0755) && errno != EEXIST)
		die(out_dir);
	blob_corpora();
	command_corpus();
	pubkey_corpus();
	return 0;
}
