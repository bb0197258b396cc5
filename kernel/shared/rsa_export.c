// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * A key for an RSA wrapping public key, as cloud key managers and HSMs
 * import it: RSAES-OAEP with an empty label (RFC 8017 7.1.1, MGF1 with the
 * OAEP hash), of the key itself (rsa-oaep-*), or of an ephemeral AES-256
 * key, followed by the key wrapped under that AES key with AES Key Wrap with
 * Padding (RFC 5649) (rsa-aes-kwp-*: AWS KMS RSA_AES_KEY_WRAP_SHA_*, Google
 * Cloud KMS RSA_OAEP_*_SHA256_AES_256, PKCS#11 CKM_RSA_AES_KEY_WRAP).
 *
 * The hashes, the AES block, the raw RSA public operation and the random
 * bytes come from primitives.h; everything else is here, once, for the
 * module and for libkeyseal. Secrets (the key, the ephemeral AES key, the
 * OAEP seed and encoded message) live only in the caller's output buffer
 * and in wiped locals.
 */

#include "portable.h"
#include "primitives.h"
#include "rsa_export.h"

/* DER tags */
#define DER_INTEGER	0x02
#define DER_BIT_STRING	0x03
#define DER_NULL	0x05
#define DER_OID		0x06
#define DER_SEQUENCE	0x30

/* RFC 5649 3: the alternative initial value's constant half */
static const u8 kwp_aiv[4] = { 0xa6, 0x59, 0x59, 0xa6 };

/* rsaEncryption, 1.2.840.113549.1.1.1 (RFC 8017 A.1), its DER contents */
static const u8 rsa_encryption_oid[] = {
	0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01,
};

/**
 * struct der - what is left of a DER encoding to read
 * @p: the next byte
 * @len: the bytes left
 */
struct der {
	const u8 *p;
	size_t len;
};

/*
 * The next element, which must have @tag: @inner is set to its contents.
 * Strict DER: a definite length, in the fewest bytes, within what is left.
 */
static int der_take(struct der *d, u8 tag, struct der *inner)
{
	size_t len, hdr = 2;

	if (d->len < 2 || d->p[0] != tag)
		return -EINVAL;
	len = d->p[1];
	if (len == 0x81) {
		if (d->len < 3 || d->p[2] < 0x80)
			return -EINVAL;
		len = d->p[2];
		hdr = 3;
	} else if (len == 0x82) {
		if (d->len < 4 || d->p[2] == 0 ||
		    ((size_t)d->p[2] << 8 | d->p[3]) < 0x100)
			return -EINVAL;
		len = (size_t)d->p[2] << 8 | d->p[3];
		hdr = 4;
	} else if (len >= 0x80) {
		/* indefinite, or longer than any key keyseal takes */
		return -EINVAL;
	}
	if (len > d->len - hdr)
		return -EINVAL;
	inner->p = d->p + hdr;
	inner->len = len;
	d->p += hdr + len;
	d->len -= hdr + len;
	return 0;
}

/*
 * A positive INTEGER in its fewest bytes: @value and @len are set to its
 * magnitude, without the zero byte a set top bit needs.
 */
static int der_unsigned(struct der *d, const u8 **value, size_t *len)
{
	struct der i;

	if (der_take(d, DER_INTEGER, &i) || !i.len || i.p[0] & 0x80)
		return -EINVAL;
	if (i.p[0] == 0) {
		/* a zero byte only where the next has its top bit set */
		if (i.len == 1 || !(i.p[1] & 0x80))
			return -EINVAL;
		i.p++;
		i.len--;
	}
	*value = i.p;
	*len = i.len;
	return 0;
}

static unsigned int bit_length(const u8 *be, size_t len)
{
	unsigned int bits = len * 8;
	u8 top = be[0];

	while (!(top & 0x80)) {
		top <<= 1;
		bits--;
	}
	return bits;
}

/**
 * keyseal_rsa_spki_parse() - an RSA wrapping key, from its SPKI
 * @der: a SubjectPublicKeyInfo (RFC 5280 4.1), DER, as "openssl pkey
 *	-pubin -outform DER" writes it
 * @len: its length
 * @pub: set to the key found in it
 *
 * Only what a key manager hands out is taken: the rsaEncryption algorithm
 * with NULL parameters, a modulus of exactly 2048, 3072 or 4096 bits, an
 * odd public exponent from 3 to 2^32 - 1, nothing after the SPKI, strict
 * DER throughout.
 *
 * Return: 0 or -EINVAL.
 */
int keyseal_rsa_spki_parse(const u8 *der, size_t len,
			   struct keyseal_rsa_public *pub)
{
	struct der d = { der, len }, spki, alg, oid, null, bits, key, rsa;

	if (der_take(&d, DER_SEQUENCE, &spki) || d.len)
		return -EINVAL;
	if (der_take(&spki, DER_SEQUENCE, &alg) ||
	    der_take(&alg, DER_OID, &oid) ||
	    oid.len != sizeof(rsa_encryption_oid) ||
	    memcmp(oid.p, rsa_encryption_oid, oid.len) ||
	    der_take(&alg, DER_NULL, &null) || null.len || alg.len)
		return -EINVAL;
	/* the key: a BIT STRING of whole bytes */
	if (der_take(&spki, DER_BIT_STRING, &bits) || spki.len ||
	    bits.len < 1 || bits.p[0] != 0)
		return -EINVAL;
	key.p = bits.p + 1;
	key.len = bits.len - 1;
	pub->key = key.p;
	pub->key_len = key.len;
	if (der_take(&key, DER_SEQUENCE, &rsa) || key.len ||
	    der_unsigned(&rsa, &pub->n, &pub->n_len) ||
	    der_unsigned(&rsa, &pub->e, &pub->e_len) || rsa.len)
		return -EINVAL;

	pub->bits = bit_length(pub->n, pub->n_len);
	if (pub->bits != 2048 && pub->bits != 3072 && pub->bits != 4096)
		return -EINVAL;
	if (pub->e_len > 4 || !(pub->e[pub->e_len - 1] & 1) ||
	    (pub->e_len == 1 && pub->e[0] < 3))
		return -EINVAL;
	return 0;
}

/**
 * keyseal_rsa_format_hash() - the OAEP hash of a form
 * @format: KEYSEAL_RSA_*
 *
 * Return: KEYSEAL_RSA_HASH_*, or -EINVAL for an unknown form.
 */
int keyseal_rsa_format_hash(u16 format)
{
	switch (format) {
	case KEYSEAL_RSA_AES_KWP_SHA256:
	case KEYSEAL_RSA_OAEP_SHA256:
		return KEYSEAL_RSA_HASH_SHA256;
	case KEYSEAL_RSA_AES_KWP_SHA1:
	case KEYSEAL_RSA_OAEP_SHA1:
		return KEYSEAL_RSA_HASH_SHA1;
	}
	return -EINVAL;
}

static bool format_kwp(u16 format)
{
	return format == KEYSEAL_RSA_AES_KWP_SHA256 ||
	       format == KEYSEAL_RSA_AES_KWP_SHA1;
}

static size_t hash_size(int hash)
{
	return hash == KEYSEAL_RSA_HASH_SHA1 ? 20 : 32;
}

/**
 * keyseal_kwp_size() - the size of a key wrapped with AES-KWP
 * @len: the key's size, from 1 byte
 *
 * Return: @len rounded up to a multiple of 8, plus 8.
 */
size_t keyseal_kwp_size(size_t len)
{
	return (len + KEYSEAL_KWP_SEMIBLOCK - 1) / KEYSEAL_KWP_SEMIBLOCK *
	       KEYSEAL_KWP_SEMIBLOCK + KEYSEAL_KWP_SEMIBLOCK;
}

/**
 * keyseal_rsa_export_size() - the size of a key exported in a form
 * @format: KEYSEAL_RSA_*
 * @pub: the RSA wrapping key
 * @key_len: the key's length
 * @size: set to the export's size
 *
 * Return: 0, or -EINVAL for an unknown form or a key that OAEP cannot hold
 * (longer than k - 2 hLen - 2 bytes: 190 bytes with SHA-256 and a 2048-bit
 * modulus).
 */
int keyseal_rsa_export_size(u16 format, const struct keyseal_rsa_public *pub,
			    size_t key_len, size_t *size)
{
	int hash = keyseal_rsa_format_hash(format);

	if (hash < 0 || !key_len)
		return -EINVAL;
	if (format_kwp(format)) {
		*size = pub->n_len + keyseal_kwp_size(key_len);
		return 0;
	}
	if (key_len + 2 * hash_size(hash) + 2 > pub->n_len)
		return -EINVAL;
	*size = pub->n_len;
	return 0;
}

/*
 * MGF1 (RFC 8017 B.2.1) of @seed, XORed into @out: the mask is made a hash
 * at a time and never held whole.
 */
static int mgf1_xor(int hash, const u8 *seed, size_t seed_len, u8 *out,
		    size_t len)
{
	u8 counter[4] = { }, mask[KEYSEAL_RSA_DIGEST_MAX];
	struct keyseal_chunk in[2] = {
		{ seed, seed_len },
		{ counter, sizeof(counter) },
	};
	size_t h = hash_size(hash), done, i, n;
	u32 c = 0;
	int ret = 0;

	for (done = 0; done < len; done += n, c++) {
		counter[0] = c >> 24;
		counter[1] = c >> 16;
		counter[2] = c >> 8;
		counter[3] = c;
		ret = keyseal_digest(hash, in, 2, mask);
		if (ret)
			break;
		n = len - done < h ? len - done : h;
		for (i = 0; i < n; i++)
			out[done + i] ^= mask[i];
	}
	memzero_explicit(mask, sizeof(mask));
	return ret;
}

/**
 * keyseal_oaep_encode() - EME-OAEP encoding with an empty label
 * @hash: KEYSEAL_RSA_HASH_*, of OAEP and of MGF1
 * @msg: the message
 * @msg_len: its length, at most @k - 2 hLen - 2
 * @seed: hLen random bytes
 * @em: output, the encoded message, @k bytes
 * @k: the modulus's size in bytes
 *
 * RFC 8017 7.1.1 step 2: EM = 0x00 || maskedSeed || maskedDB, where DB =
 * lHash || PS || 0x01 || M.
 *
 * Return: 0, -EINVAL if the message is too long, or the hash's error.
 */
int keyseal_oaep_encode(int hash, const u8 *msg, size_t msg_len,
			const u8 *seed, u8 *em, size_t k)
{
	size_t h = hash_size(hash);
	u8 *db = em + 1 + h;
	size_t db_len = k - h - 1;
	int ret;

	if (hash != KEYSEAL_RSA_HASH_SHA1 && hash != KEYSEAL_RSA_HASH_SHA256)
		return -EINVAL;
	if (k < 2 * h + 2 || msg_len > k - 2 * h - 2)
		return -EINVAL;

	em[0] = 0;
	memcpy(em + 1, seed, h);
	ret = keyseal_digest(hash, NULL, 0, db);	/* lHash of "" */
	if (ret)
		goto fail;
	memset(db + h, 0, db_len - h - msg_len - 1);
	db[db_len - msg_len - 1] = 0x01;
	memcpy(db + db_len - msg_len, msg, msg_len);

	ret = mgf1_xor(hash, seed, h, db, db_len);
	if (!ret)
		ret = mgf1_xor(hash, db, db_len, em + 1, h);
	if (!ret)
		return 0;
fail:
	memzero_explicit(em, k);
	return ret;
}

/**
 * keyseal_kwp_wrap() - AES Key Wrap with Padding (RFC 5649 4.1)
 * @kek: the AES key to wrap under
 * @kek_len: its length: 16, 24 or 32
 * @in: the key to wrap
 * @len: its length, from 1 byte
 * @out: output, keyseal_kwp_size(@len) bytes; it must not overlap @in
 *
 * Return: 0, -EINVAL for an empty key or a bad @kek_len, or the AES
 * primitive's error.
 */
int keyseal_kwp_wrap(const u8 *kek, size_t kek_len, const u8 *in, size_t len,
		     u8 *out)
{
	size_t n = (len + KEYSEAL_KWP_SEMIBLOCK - 1) / KEYSEAL_KWP_SEMIBLOCK;
	struct keyseal_aes *aes;
	u8 b[16];
	size_t i, j;
	u64 t;
	int ret;

	if (!len || len > 0xffffffffu)
		return -EINVAL;
	ret = keyseal_aes_new(kek, kek_len, &aes);
	if (ret)
		return ret;

	/* A = AIV = A65959A6 || MLI; R = the key, zero-padded */
	memcpy(out, kwp_aiv, sizeof(kwp_aiv));
	out[4] = len >> 24;
	out[5] = len >> 16;
	out[6] = len >> 8;
	out[7] = len;
	memset(out + KEYSEAL_KWP_SEMIBLOCK, 0, n * KEYSEAL_KWP_SEMIBLOCK);
	memcpy(out + KEYSEAL_KWP_SEMIBLOCK, in, len);

	if (n == 1) {
		/* one semiblock: a single AES block, AIV || P */
		ret = keyseal_aes_encrypt_block(aes, out);
		goto out;
	}
	/* W(S) of RFC 3394 2.2.1, on A at out[0..8) and R[i] after it */
	for (j = 0; j < 6; j++) {
		for (i = 1; i <= n; i++) {
			u8 *r = out + i * KEYSEAL_KWP_SEMIBLOCK;
			int k;

			memcpy(b, out, 8);
			memcpy(b + 8, r, 8);
			ret = keyseal_aes_encrypt_block(aes, b);
			if (ret)
				goto out;
			t = (u64)n * j + i;
			for (k = 7; k >= 0; k--) {
				b[k] ^= (u8)t;
				t >>= 8;
			}
			memcpy(out, b, 8);
			memcpy(r, b + 8, 8);
		}
	}
out:
	memzero_explicit(b, sizeof(b));
	keyseal_aes_free(aes);
	if (ret)
		memzero_explicit(out, keyseal_kwp_size(len));
	return ret;
}

/* The export with the random inputs given: @seed hLen bytes, @aes_key 32. */
static int rsa_export(u16 format, const struct keyseal_rsa_public *pub,
		      const u8 *material, size_t len, const u8 *seed,
		      const u8 *aes_key, u8 *out, size_t out_len)
{
	int hash = keyseal_rsa_format_hash(format);
	size_t size, k = pub->n_len;
	int ret;

	ret = keyseal_rsa_export_size(format, pub, len, &size);
	if (ret)
		return ret;
	if (out_len < size)
		return -ERANGE;

	if (format_kwp(format)) {
		ret = keyseal_kwp_wrap(aes_key, KEYSEAL_RSA_KWP_KEY_SIZE,
				       material, len, out + k);
		if (!ret)
			ret = keyseal_oaep_encode(hash, aes_key,
						  KEYSEAL_RSA_KWP_KEY_SIZE,
						  seed, out, k);
	} else {
		ret = keyseal_oaep_encode(hash, material, len, seed, out, k);
	}
	if (!ret)
		ret = keyseal_rsa_encrypt_raw(pub, out, k);
	if (ret)
		memzero_explicit(out, size);
	return ret;
}

/**
 * keyseal_rsa_export() - a key exported to an RSA wrapping key
 * @format: KEYSEAL_RSA_*
 * @pub: the wrapping key, from keyseal_rsa_spki_parse()
 * @material: the key
 * @len: its length
 * @out: output
 * @out_len: its size, at least keyseal_rsa_export_size()
 *
 * rsa-oaep-*: RSAES-OAEP(@material), k bytes. rsa-aes-kwp-*: RSAES-OAEP of a
 * fresh AES-256 key, k bytes, then AES-KWP of @material under that key.
 *
 * Return: 0, -EINVAL (unknown form, key too long for OAEP), -ERANGE, or a
 * primitive's error.
 */
int keyseal_rsa_export(u16 format, const struct keyseal_rsa_public *pub,
		       const u8 *material, size_t len, u8 *out,
		       size_t out_len)
{
	u8 seed[KEYSEAL_RSA_DIGEST_MAX], aes_key[KEYSEAL_RSA_KWP_KEY_SIZE];
	int ret;

	ret = keyseal_random(seed, sizeof(seed));
	if (!ret)
		ret = keyseal_random(aes_key, sizeof(aes_key));
	if (!ret)
		ret = rsa_export(format, pub, material, len, seed, aes_key,
				 out, out_len);
	memzero_explicit(seed, sizeof(seed));
	memzero_explicit(aes_key, sizeof(aes_key));
	return ret;
}

#ifdef KEYSEAL_KAT
/*
 * Known-answer tests only: the export with the seed and AES key a vector
 * gives. No normal build has it.
 */
int keyseal_rsa_export_fixed(u16 format, const struct keyseal_rsa_public *pub,
			     const u8 *material, size_t len, const u8 *seed,
			     const u8 *aes_key, u8 *out, size_t out_len)
{
	return rsa_export(format, pub, material, len, seed, aes_key, out,
			  out_len);
}
#endif
