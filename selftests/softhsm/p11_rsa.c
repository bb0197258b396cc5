// SPDX-License-Identifier: GPL-2.0
/*
 * The HSM's side of the RSA export, through nothing but PKCS#11: a token's
 * own RSA key pair, and the import of what the kernel exported to it.
 *
 *   p11_rsa MODULE TOKEN PIN keygen SPKI_OUT
 *	makes a 2048-bit RSA key pair in the token (the private key
 *	sensitive, never extractable) and writes its public key as a DER
 *	SubjectPublicKeyInfo, for the VM's rsa_export_test;
 *   p11_rsa MODULE TOKEN PIN import DIR
 *	imports DIR/rsa-oaep-sha1.bin (C_UnwrapKey, CKM_RSA_PKCS_OAEP) and
 *	DIR/rsa-aes-kwp-sha1.bin (CKM_RSA_PKCS_OAEP for the AES key, then
 *	CKM_AES_KEY_WRAP_PAD for the key) into the token, and decrypts with
 *	each imported key, in the token (CKM_AES_GCM), DIR/rsa-gcm.bin, which
 *	the kernel encrypted, to DIR/rsa-plaintext.bin. TAP on stdout.
 *
 * SoftHSM 2.6 has no CKM_RSA_AES_KEY_WRAP and takes SHA-1 OAEP only, so the
 * two SHA-1 forms are those it can check.
 */

#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <openssl/x509.h>

#include <p11-kit/pkcs11.h>

#define LABEL		"keyseal-rsa"
#define NONCE_SIZE	12
#define TAG_SIZE	16
#define FILE_MAX	4096

static CK_FUNCTION_LIST *p11;
static CK_SESSION_HANDLE session;
static int n_tests, failed;

static void tap(int ok, const char *what, CK_RV rv)
{
	n_tests++;
	if (!ok)
		failed = 1;
	printf("%sok %d %s", ok ? "" : "not ", n_tests, what);
	if (!ok && rv != CKR_OK)
		printf(" (CKR 0x%lx)", (unsigned long)rv);
	printf("\n");
}

static int die(const char *what, CK_RV rv)
{
	fprintf(stderr, "p11_rsa: %s: CKR 0x%lx\n", what, (unsigned long)rv);
	return 1;
}

static long read_all(const char *dir, const char *name, unsigned char *buf)
{
	char path[4096];
	FILE *f;
	size_t n;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "rb");
	if (!f) {
		perror(path);
		return -1;
	}
	n = fread(buf, 1, FILE_MAX, f);
	fclose(f);
	return (long)n;
}

/* The module's function list, a session on the token, logged in. */
static int open_token(const char *module, const char *token, const char *pin)
{
	CK_C_GetFunctionList get_list;
	CK_C_INITIALIZE_ARGS args = { .flags = CKF_OS_LOCKING_OK };
	CK_SLOT_ID slots[64];
	CK_ULONG n = 64, i;
	CK_TOKEN_INFO info;
	size_t len = strlen(token);
	void *lib;
	CK_RV rv;

	lib = dlopen(module, RTLD_NOW);
	if (!lib) {
		fprintf(stderr, "p11_rsa: %s\n", dlerror());
		return 1;
	}
	get_list = (CK_C_GetFunctionList)dlsym(lib, "C_GetFunctionList");
	if (!get_list || get_list(&p11) != CKR_OK)
		return die("C_GetFunctionList", CKR_GENERAL_ERROR);
	rv = p11->C_Initialize(&args);
	if (rv != CKR_OK)
		return die("C_Initialize", rv);
	rv = p11->C_GetSlotList(CK_TRUE, slots, &n);
	if (rv != CKR_OK)
		return die("C_GetSlotList", rv);
	for (i = 0; i < n; i++) {
		if (p11->C_GetTokenInfo(slots[i], &info) != CKR_OK)
			continue;
		/* labels are blank-padded to 32 bytes */
		if (len <= sizeof(info.label) &&
		    !memcmp(info.label, token, len) &&
		    (len == sizeof(info.label) || info.label[len] == ' '))
			break;
	}
	if (i == n)
		return die("no token of that label", CKR_TOKEN_NOT_PRESENT);
	rv = p11->C_OpenSession(slots[i], CKF_SERIAL_SESSION | CKF_RW_SESSION,
				NULL, NULL, &session);
	if (rv != CKR_OK)
		return die("C_OpenSession", rv);
	rv = p11->C_Login(session, CKU_USER, (CK_UTF8CHAR *)pin, strlen(pin));
	if (rv != CKR_OK)
		return die("C_Login", rv);
	return 0;
}

static int keygen(const char *spki_out)
{
	CK_MECHANISM mech = { CKM_RSA_PKCS_KEY_PAIR_GEN, NULL, 0 };
	CK_BBOOL yes = CK_TRUE, no = CK_FALSE;
	CK_ULONG bits = 2048;
	CK_BYTE e[] = { 0x01, 0x00, 0x01 };
	CK_ATTRIBUTE pub_tmpl[] = {
		{ CKA_TOKEN, &yes, sizeof(yes) },
		{ CKA_LABEL, LABEL, strlen(LABEL) },
		{ CKA_ENCRYPT, &yes, sizeof(yes) },
		{ CKA_WRAP, &yes, sizeof(yes) },
		{ CKA_MODULUS_BITS, &bits, sizeof(bits) },
		{ CKA_PUBLIC_EXPONENT, e, sizeof(e) },
	};
	CK_ATTRIBUTE priv_tmpl[] = {
		{ CKA_TOKEN, &yes, sizeof(yes) },
		{ CKA_LABEL, LABEL, strlen(LABEL) },
		{ CKA_PRIVATE, &yes, sizeof(yes) },
		{ CKA_SENSITIVE, &yes, sizeof(yes) },
		{ CKA_EXTRACTABLE, &no, sizeof(no) },
		{ CKA_DECRYPT, &yes, sizeof(yes) },
		{ CKA_UNWRAP, &yes, sizeof(yes) },
	};
	CK_OBJECT_HANDLE pub, priv;
	unsigned char n_buf[512], e_buf[16], *der = NULL;
	CK_ATTRIBUTE get[] = {
		{ CKA_MODULUS, n_buf, sizeof(n_buf) },
		{ CKA_PUBLIC_EXPONENT, e_buf, sizeof(e_buf) },
	};
	OSSL_PARAM_BLD *bld;
	OSSL_PARAM *params = NULL;
	EVP_PKEY_CTX *ctx = NULL;
	EVP_PKEY *pkey = NULL;
	BIGNUM *bn_n, *bn_e;
	int len, ret = 1;
	FILE *f;
	CK_RV rv;

	rv = p11->C_GenerateKeyPair(session, &mech, pub_tmpl,
				    sizeof(pub_tmpl) / sizeof(pub_tmpl[0]),
				    priv_tmpl,
				    sizeof(priv_tmpl) / sizeof(priv_tmpl[0]),
				    &pub, &priv);
	if (rv != CKR_OK)
		return die("C_GenerateKeyPair", rv);
	rv = p11->C_GetAttributeValue(session, pub, get, 2);
	if (rv != CKR_OK)
		return die("C_GetAttributeValue", rv);

	/* the SPKI, from the modulus and exponent the token gives */
	bn_n = BN_bin2bn(n_buf, (int)get[0].ulValueLen, NULL);
	bn_e = BN_bin2bn(e_buf, (int)get[1].ulValueLen, NULL);
	bld = OSSL_PARAM_BLD_new();
	if (!bn_n || !bn_e || !bld ||
	    !OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_RSA_N, bn_n) ||
	    !OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_RSA_E, bn_e))
		goto out;
	params = OSSL_PARAM_BLD_to_param(bld);
	ctx = EVP_PKEY_CTX_new_from_name(NULL, "RSA", NULL);
	if (!params || !ctx || EVP_PKEY_fromdata_init(ctx) <= 0 ||
	    EVP_PKEY_fromdata(ctx, &pkey, EVP_PKEY_PUBLIC_KEY, params) <= 0)
		goto out;
	len = i2d_PUBKEY(pkey, &der);
	f = fopen(spki_out, "wb");
	if (len <= 0 || !f)
		goto out;
	if (fwrite(der, 1, (size_t)len, f) == (size_t)len)
		ret = 0;
	if (fclose(f))
		ret = 1;
out:
	if (ret)
		fprintf(stderr, "p11_rsa: cannot write %s\n", spki_out);
	OPENSSL_free(der);
	EVP_PKEY_free(pkey);
	EVP_PKEY_CTX_free(ctx);
	OSSL_PARAM_free(params);
	OSSL_PARAM_BLD_free(bld);
	BN_free(bn_n);
	BN_free(bn_e);
	return ret;
}

static CK_RV find_private_key(CK_OBJECT_HANDLE *key)
{
	CK_OBJECT_CLASS cls = CKO_PRIVATE_KEY;
	CK_ATTRIBUTE tmpl[] = {
		{ CKA_CLASS, &cls, sizeof(cls) },
		{ CKA_LABEL, LABEL, strlen(LABEL) },
	};
	CK_ULONG n = 0;
	CK_RV rv;

	rv = p11->C_FindObjectsInit(session, tmpl, 2);
	if (rv == CKR_OK)
		rv = p11->C_FindObjects(session, key, 1, &n);
	p11->C_FindObjectsFinal(session);
	return rv == CKR_OK && n != 1 ? CKR_KEY_HANDLE_INVALID : rv;
}

/* Unwrap into a session AES key, for decryption or to unwrap with. */
static CK_RV unwrap(CK_MECHANISM *mech, CK_OBJECT_HANDLE with,
		    unsigned char *wrapped, CK_ULONG len, int for_unwrap,
		    CK_OBJECT_HANDLE *key)
{
	CK_OBJECT_CLASS cls = CKO_SECRET_KEY;
	CK_KEY_TYPE type = CKK_AES;
	CK_BBOOL yes = CK_TRUE, no = CK_FALSE;
	CK_ATTRIBUTE tmpl[] = {
		{ CKA_CLASS, &cls, sizeof(cls) },
		{ CKA_KEY_TYPE, &type, sizeof(type) },
		{ CKA_TOKEN, &no, sizeof(no) },
		{ CKA_SENSITIVE, &yes, sizeof(yes) },
		{ for_unwrap ? CKA_UNWRAP : CKA_DECRYPT, &yes, sizeof(yes) },
	};

	return p11->C_UnwrapKey(session, mech, with, wrapped, len, tmpl,
				sizeof(tmpl) / sizeof(tmpl[0]), key);
}

/* AES-GCM decryption in the token: whether it gives @pt. */
static CK_RV gcm_decrypts(CK_OBJECT_HANDLE key, unsigned char *gcm,
			  long gcm_len, const unsigned char *pt, long pt_len)
{
	CK_GCM_PARAMS params = {
		.pIv = gcm,
		.ulIvLen = NONCE_SIZE,
		.ulIvBits = NONCE_SIZE * 8,
		.pAAD = NULL,
		.ulAADLen = 0,
		.ulTagBits = TAG_SIZE * 8,
	};
	CK_MECHANISM mech = { CKM_AES_GCM, &params, sizeof(params) };
	unsigned char out[FILE_MAX];
	CK_ULONG out_len = sizeof(out);
	CK_RV rv;

	rv = p11->C_DecryptInit(session, &mech, key);
	if (rv == CKR_OK)
		rv = p11->C_Decrypt(session, gcm + NONCE_SIZE,
				    gcm_len - NONCE_SIZE, out, &out_len);
	if (rv == CKR_OK && (out_len != (CK_ULONG)pt_len ||
			     memcmp(out, pt, pt_len)))
		rv = CKR_GENERAL_ERROR;
	return rv;
}

static int import(const char *dir)
{
	CK_RSA_PKCS_OAEP_PARAMS oaep = {
		.hashAlg = CKM_SHA_1,
		.mgf = CKG_MGF1_SHA1,
		.source = CKZ_DATA_SPECIFIED,
		.pSourceData = NULL,
		.ulSourceDataLen = 0,
	};
	CK_MECHANISM rsa_oaep = { CKM_RSA_PKCS_OAEP, &oaep, sizeof(oaep) };
	CK_MECHANISM kwp = { CKM_AES_KEY_WRAP_PAD, NULL, 0 };
	static unsigned char oaep_bin[FILE_MAX], kwp_bin[FILE_MAX];
	static unsigned char gcm[FILE_MAX], pt[FILE_MAX];
	long oaep_len, kwp_len, gcm_len, pt_len;
	CK_OBJECT_HANDLE priv, key, aes;
	const CK_ULONG k = 256;
	CK_RV rv;

	oaep_len = read_all(dir, "rsa-oaep-sha1.bin", oaep_bin);
	kwp_len = read_all(dir, "rsa-aes-kwp-sha1.bin", kwp_bin);
	gcm_len = read_all(dir, "rsa-gcm.bin", gcm);
	pt_len = read_all(dir, "rsa-plaintext.bin", pt);
	printf("1..5\n");
	tap(oaep_len == (long)k && kwp_len == (long)k + 40 &&
	    gcm_len == NONCE_SIZE + pt_len + TAG_SIZE,
	    "the VM left the exports and the ciphertext", CKR_OK);

	rv = find_private_key(&priv);
	tap(rv == CKR_OK, "the token's own RSA key", rv);

	rv = unwrap(&rsa_oaep, priv, oaep_bin, k, 0, &key);
	if (rv == CKR_OK)
		rv = gcm_decrypts(key, gcm, gcm_len, pt, pt_len);
	tap(rv == CKR_OK,
	    "rsa-oaep-sha1: C_UnwrapKey(CKM_RSA_PKCS_OAEP), then CKM_AES_GCM decrypts what the kernel encrypted",
	    rv);

	rv = unwrap(&rsa_oaep, priv, kwp_bin, k, 1, &aes);
	if (rv == CKR_OK)
		rv = unwrap(&kwp, aes, kwp_bin + k, kwp_len - k, 0, &key);
	if (rv == CKR_OK)
		rv = gcm_decrypts(key, gcm, gcm_len, pt, pt_len);
	tap(rv == CKR_OK,
	    "rsa-aes-kwp-sha1: CKM_RSA_PKCS_OAEP, then CKM_AES_KEY_WRAP_PAD, then CKM_AES_GCM decrypts what the kernel encrypted",
	    rv);

	/* the token checks what it imports: one bit off, no key */
	kwp_bin[kwp_len - 1] ^= 1;
	rv = unwrap(&rsa_oaep, priv, kwp_bin, k, 1, &aes);
	if (rv == CKR_OK)
		rv = unwrap(&kwp, aes, kwp_bin + k, kwp_len - k, 0, &key);
	tap(rv != CKR_OK,
	    "rsa-aes-kwp-sha1 with one bit flipped: the token refuses it",
	    CKR_OK);
	return failed;
}

int main(int argc, char **argv)
{
	int ret;

	if (argc != 6 || (strcmp(argv[4], "keygen") && strcmp(argv[4], "import"))) {
		fprintf(stderr, "usage: p11_rsa MODULE TOKEN PIN keygen SPKI_OUT | import DIR\n");
		return 2;
	}
	if (open_token(argv[1], argv[2], argv[3]))
		return 1;
	ret = !strcmp(argv[4], "keygen") ? keygen(argv[5]) : import(argv[5]);
	p11->C_Logout(session);
	p11->C_CloseSession(session);
	p11->C_Finalize(NULL);
	return ret;
}
