// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Known-answer vectors of the RSA export, and the test that runs them: the
 * module's KAT variant in its init, libkeyseal's unit test in userspace,
 * each over its own primitives.
 *
 * Published: RFC 5649 section 6 (AES-KWP under a 192-bit KEK) and Example
 * 1.1 of RFC 8017's oaep-vect.txt (RSAES-OAEP with SHA-1, a 1024-bit key),
 * transcribed as printed. Made for keyseal, since no published vector gives
 * them: AES-KWP under an AES-256 key, RSAES-OAEP with SHA-256 and whole
 * exports to a 2048-bit key, computed with Python's "cryptography" (AES-KWP)
 * and an independent Python RSAES-OAEP that reproduces Example 1.1. The unit
 * test checks them again with OpenSSL at every run: EVP_aes_256_wrap_pad()
 * unwraps, and the private key of the 2048-bit key
 * (tests/common/rsa_test_key.h) decrypts, each one.
 */

#include "command.h"
#include "primitives.h"
#include "rsa_vectors.h"

/* The 2048-bit wrapping key of the exports and of the SHA-256 vector */
const char keyseal_rsa_kat_spki[] = {
	"30820122300d06092a864886f70d01010105000382010f003082010a0282010100a4e5f165b10a0f4f8c4efedfa6360b66f3f55f22f1950ac98e561aa6c8ee78f0401e4e7fa794cdf013e5df90c8196c373f590e86b4a1238bbf323a85954e6b027814c5e3d45e476e9682e210711ab798984c5c01895e81a4d37b8fdf33f616a179f96f251ec69a3684d1fb1bd4eb53fa61173c6c1374e9c5e153e8b4a9213fd9b976bf50f2da0fcb996c89e00d58a1e998924fb707df7249f226c9af0e84c6633acf5f7d824d5c79a29a0f97850a7f4b97d3b10a339d963c2d75085df513cc245745f79df264495592f5d48c7e470d0c33c2b78dfb2347406ced303fb17694c3861400adfdef832a7764b10e612145bb81c6b7c9998aeafc0eef38729ab54b7b0203010001"
};

/* RFC 5649 section 6, and one with an AES-256 KEK (see the top) */
const struct keyseal_kwp_vector keyseal_kwp_vectors[KEYSEAL_KWP_VECTORS] = {
	{
		.name = "RFC 5649, 20 octets",
		.kek = "5840df6e29b02af1ab493b705bf16ea1ae8338f4dcc176a8",
		.key = "c37b7e6492584340bed12207808941155068f738",
		.wrapped =
			"138bdeaa9b8fa7fc61f97742e72248ee5ae6ae5360d1ae6a5f54f373fa543b6a",
	},
	{
		.name = "RFC 5649, 7 octets",
		.kek = "5840df6e29b02af1ab493b705bf16ea1ae8338f4dcc176a8",
		.key = "466f7250617369",
		.wrapped = "afbeb0f07dfbf5419200f2ccb50bb24f",
	},
	{
		.name = "AES-256 KEK, 32 octets",
		.kek =
			"a0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7b8b9babbbcbdbebf",
		.key =
			"000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f",
		.wrapped =
			"9353d7e06f1380a7feeb6f288ac471268b664a7ca504edf9cbc549033a904b99dd33db35eef211b5",
	},
};

/* RFC 8017's oaep-vect.txt Example 1.1, and one with SHA-256 (see the top) */
const struct keyseal_oaep_vector keyseal_oaep_vectors[KEYSEAL_OAEP_VECTORS] = {
	{
		.name = "RSAES-OAEP SHA-1, example 1.1",
		.hash = KEYSEAL_RSA_HASH_SHA1,
		.rsa_key =
			"30818902818100a8b3b284af8eb50b387034a860f146c4919f318763cd6c5598c8ae4811a1e0abc4c7e0b082d693a5e7fced675cf4668512772c0cbc64a742c6c630f533c8cc72f62ae833c40bf25842e984bb78bdbf97c0107d55bdb662f5c4e0fab9845cb5148ef7392dd3aaff93ae1e6b667bb3d4247616d4f5ba10d4cfd226de88d39f16fb0203010001",
		.msg = "6628194e12073db03ba94cda9ef9532397d50dba79b987004afefe34",
		.seed = "18b776ea21069d69776a33e96bad48e1dda0a5ef",
		.ct =
			"354fe67b4a126d5d35fe36c777791a3f7ba13def484e2d3908aff722fad468fb21696de95d0be911c2d3174f8afcc201035f7b6d8e69402de5451618c21a535fa9d7bfc5b8dd9fc243f8cf927db31322d6e881eaa91a996170e657a05a266426d98c88003f8477c1227094a0d9fa1e8c4024309ce1ecccb5210035d47ac72e8a",
	},
	{
		.name = "RSAES-OAEP SHA-256, 2048 bits",
		.hash = KEYSEAL_RSA_HASH_SHA256,
		.rsa_key =
			"3082010a0282010100a4e5f165b10a0f4f8c4efedfa6360b66f3f55f22f1950ac98e561aa6c8ee78f0401e4e7fa794cdf013e5df90c8196c373f590e86b4a1238bbf323a85954e6b027814c5e3d45e476e9682e210711ab798984c5c01895e81a4d37b8fdf33f616a179f96f251ec69a3684d1fb1bd4eb53fa61173c6c1374e9c5e153e8b4a9213fd9b976bf50f2da0fcb996c89e00d58a1e998924fb707df7249f226c9af0e84c6633acf5f7d824d5c79a29a0f97850a7f4b97d3b10a339d963c2d75085df513cc245745f79df264495592f5d48c7e470d0c33c2b78dfb2347406ced303fb17694c3861400adfdef832a7764b10e612145bb81c6b7c9998aeafc0eef38729ab54b7b0203010001",
		.msg =
			"000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f",
		.seed =
			"404142434445464748494a4b4c4d4e4f505152535455565758595a5b5c5d5e5f",
		.ct =
			"1e8575c6ea73876335f0d5b983dead9082bbd81e4917946488cfea543fcfbce310ddf00929929dbebf56e2e60c581853ee52cda09987521569bdbe300df596d5254fe148992d610a932cd697fa2ca32dd6cdb5c009afe6f235e8ef9be95c976326325a68024cce63a4273b84020526656fdad3224439ba2dea61cac77ad55ed619c51840480f9da95978484ab3951ae5e61dbbe23827756739008fc0eeada350734cb991057ccfe705ea4635a89d1a7d913c32337380135514c0862a45854f516ed7bb5d8453d787de3ce1fecc8049854a2f00bb6d180b4fa289573799eed766a9206e62770f91fbf37016128ef61cea70426e573474cf7f73313da090ede53c",
	},
};

/* Whole exports to the 2048-bit key, with the seed and AES key given */
const struct keyseal_rsa_export_vector
keyseal_rsa_export_vectors[KEYSEAL_RSA_EXPORT_VECTORS] = {
	{
		.name = "rsa-aes-kwp-sha256",
		.format = KEYSEAL_RSA_AES_KWP_SHA256,
		.material = "101112131415161718191a1b1c1d1e1f",
		.seed =
			"404142434445464748494a4b4c4d4e4f505152535455565758595a5b5c5d5e5f",
		.aes_key =
			"a0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7b8b9babbbcbdbebf",
		.out =
			"2c9abae6353093cff197238027253fe8f00ba8d42bf3b673d5250e3079e6ad32177b81239a8a532ca3f1e14d283d1264c35f107aee7c3fd02b48b4b3b1235bd22c89f7513ab098bc0069d67d623213edd518837da9da7c435a73ed2a0e3fc809f11cd3d490c35d34601370c0da458f8a759a9006d5203e4b4ee47b141aa6ac7fc4f88e8f6dab58099c8372bcbc6842e51ff0891e29448716b508cbfff4cc6e2de78b3abe0ea035af45a3e8a8fc12e469af37d75c19ab884e60462f6e6854e79193ffb865162f7220522abad379d68f83ce938f12bd23bfd8a2fc592ac8290374f9ad1692cd7799611db69e0f709ba50f4d4c7158f44a8fb3caa68dba6d36f5e4f6f7fc8a7a29616362d47b01eaf809f2d7e99bfd593f03b9",
	},
	{
		.name = "rsa-aes-kwp-sha1",
		.format = KEYSEAL_RSA_AES_KWP_SHA1,
		.material = "101112131415161718191a1b1c1d1e1f",
		.seed = "606162636465666768696a6b6c6d6e6f70717273",
		.aes_key =
			"a0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7b8b9babbbcbdbebf",
		.out =
			"0b5e287276e291aaef410b484b94ca0e2a9dcfdfefcee027d3fe037c9801df8408ac912875f3f8f5725d93b6571812e3cafd317febfdfc2e8958db1ad2ef1848c0d969ea0add56deb5cee85a1fb9f73f9e59c99e572e9888a61d8454b64cd77309f222e2681f2e8c8871859245b9641018f2b1eb0817c01bef4d985ea1090816955fd123b38e98c677ada04e279f74ac7e41e964e635e9654660046d8e20fce7152056bccf75548feab9b5190ec0518388c051fc912066f7b9779186f93e1e00eafeb043ea15cad4b634786b46bdc58325edb538f9095c80bd3a02605a117ff97fc6b271eb157b9e6ec0c092a3cb140e3ffd87963115a8883a29829feb583c74f6f7fc8a7a29616362d47b01eaf809f2d7e99bfd593f03b9",
	},
	{
		.name = "rsa-oaep-sha256",
		.format = KEYSEAL_RSA_OAEP_SHA256,
		.material =
			"000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f",
		.seed =
			"404142434445464748494a4b4c4d4e4f505152535455565758595a5b5c5d5e5f",
		.out =
			"1e8575c6ea73876335f0d5b983dead9082bbd81e4917946488cfea543fcfbce310ddf00929929dbebf56e2e60c581853ee52cda09987521569bdbe300df596d5254fe148992d610a932cd697fa2ca32dd6cdb5c009afe6f235e8ef9be95c976326325a68024cce63a4273b84020526656fdad3224439ba2dea61cac77ad55ed619c51840480f9da95978484ab3951ae5e61dbbe23827756739008fc0eeada350734cb991057ccfe705ea4635a89d1a7d913c32337380135514c0862a45854f516ed7bb5d8453d787de3ce1fecc8049854a2f00bb6d180b4fa289573799eed766a9206e62770f91fbf37016128ef61cea70426e573474cf7f73313da090ede53c",
	},
	{
		.name = "rsa-oaep-sha1",
		.format = KEYSEAL_RSA_OAEP_SHA1,
		.material = "101112131415161718191a1b1c1d1e1f",
		.seed = "606162636465666768696a6b6c6d6e6f70717273",
		.out =
			"526f76a401f380622f3496e5931049f1ba00ae3441fc7e51d4099c1e032934b03996dc930a95f0170e1cfc0ed9272f2648a38936372a25fcfff401d5a29b8fe43292bc57c7bb66d8710f20fa49c2895ff7f717220fc3952973e2b7cf1c08c0ff5fba07d28537e1f9b251b71cce40b54ba9dfde2a4beeae4bbe03c8808da45e0b5b0e99fa7b77c213d3865de587d9dd328ea9d23d3c85a79436f5a55355d3bcd0502d6c0ab7ee63b69fd9158374338d6561c02aded167c4f1b0304df6bd60ca4c2ffac8c8d2c2034a43732a880ef7f143d7e023a4869a7e314af352462a57b2b34766627e57f474f823d535f1d5d8852a7ea586406166c850cfd42baf82aea13c",
	},
};

/* Decode a value of the table; an absent one is empty. */
static int kat_decode(const char *hex, struct keyseal_rsa_kat_value *v)
{
	int n = keyseal_hex_decode(hex, hex ? strlen(hex) : 0, v->bytes,
				   sizeof(v->bytes));

	if (n < 0)
		return n;
	v->len = n;
	return 0;
}

/* What the code gave must be @want, or the first byte of it flipped. */
static int kat_check(struct keyseal_rsa_kat *kat, const char *step,
		     struct keyseal_rsa_kat_value *want, size_t len,
		     bool corrupt)
{
	if (corrupt)
		want->bytes[0] ^= 1;
	if (len != want->len || memcmp(kat->out, want->bytes, len)) {
		kat->step = step;
		return -EBADMSG;
	}
	return 0;
}

static int kat_kwp(struct keyseal_rsa_kat *kat,
		   const struct keyseal_kwp_vector *v, bool corrupt)
{
	size_t len;
	int ret;

	kat->step = "decode";
	ret = kat_decode(v->kek, &kat->a);
	if (!ret)
		ret = kat_decode(v->key, &kat->b);
	if (!ret)
		ret = kat_decode(v->wrapped, &kat->c);
	if (ret)
		return ret;
	len = keyseal_kwp_size(kat->b.len);
	kat->step = "AES-KWP";
	if (len > sizeof(kat->out))
		return -EINVAL;
	ret = keyseal_kwp_wrap(kat->a.bytes, kat->a.len, kat->b.bytes,
			       kat->b.len, kat->out);
	if (ret)
		return ret;
	return kat_check(kat, "AES-KWP", &kat->c, len, corrupt);
}

static int kat_oaep(struct keyseal_rsa_kat *kat,
		    const struct keyseal_oaep_vector *v, bool corrupt)
{
	struct keyseal_rsa_public pub = { };
	int ret;

	kat->step = "decode";
	ret = kat_decode(v->rsa_key, &kat->a);
	if (!ret)
		ret = kat_decode(v->msg, &kat->b);
	if (!ret)
		ret = kat_decode(v->seed, &kat->c);
	if (!ret)
		ret = kat_decode(v->ct, &kat->d);
	if (ret)
		return ret;
	/* The raw operation needs only the RSAPublicKey and k. */
	pub.key = kat->a.bytes;
	pub.key_len = kat->a.len;
	pub.n_len = kat->d.len;
	kat->step = "EME-OAEP encoding";
	ret = keyseal_oaep_encode(v->hash, kat->b.bytes, kat->b.len,
				  kat->c.bytes, kat->out, pub.n_len);
	if (ret)
		return ret;
	kat->step = "RSA public operation";
	ret = keyseal_rsa_encrypt_raw(&pub, kat->out, pub.n_len);
	if (ret)
		return ret;
	return kat_check(kat, "RSAES-OAEP", &kat->d, pub.n_len, corrupt);
}

static int kat_export(struct keyseal_rsa_kat *kat,
		      const struct keyseal_rsa_export_vector *v, bool corrupt)
{
	struct keyseal_rsa_public pub;
	size_t len;
	int ret;

	kat->step = "decode";
	ret = kat_decode(keyseal_rsa_kat_spki, &kat->a);
	if (!ret)
		ret = kat_decode(v->material, &kat->b);
	if (!ret)
		ret = kat_decode(v->seed, &kat->c);
	if (!ret)
		ret = kat_decode(v->aes_key, &kat->d);
	if (!ret)
		ret = kat_decode(v->out, &kat->e);
	if (ret)
		return ret;
	kat->step = "SubjectPublicKeyInfo";
	ret = keyseal_rsa_spki_parse(kat->a.bytes, kat->a.len, &pub);
	if (ret)
		return ret;
	kat->step = "size";
	ret = keyseal_rsa_export_size(v->format, &pub, kat->b.len, &len);
	if (ret)
		return ret;
	if (len != kat->e.len)
		return -EBADMSG;
	kat->step = "export";
	ret = keyseal_rsa_export_fixed(v->format, &pub, kat->b.bytes,
				       kat->b.len, kat->c.bytes, kat->d.bytes,
				       kat->out, sizeof(kat->out));
	if (ret)
		return ret;
	return kat_check(kat, "export", &kat->e, len, corrupt);
}

/**
 * keyseal_rsa_kat_run() - run the RSA export's known-answer tests
 * @kat: the run, zeroed but for @kat->corrupt
 *
 * Return: 0 if every vector came out as expected; else -EBADMSG for a value
 * that differs (@kat->vector and @kat->step say where) or the error of the
 * step that failed.
 */
int keyseal_rsa_kat_run(struct keyseal_rsa_kat *kat)
{
	unsigned int i, n = 0;
	int ret;

	for (i = 0; i < ARRAY_SIZE(keyseal_kwp_vectors); i++) {
		kat->vector = keyseal_kwp_vectors[i].name;
		ret = kat_kwp(kat, &keyseal_kwp_vectors[i],
			      kat->corrupt == ++n);
		if (ret)
			return ret;
		kat->kwp++;
	}
	for (i = 0; i < ARRAY_SIZE(keyseal_oaep_vectors); i++) {
		kat->vector = keyseal_oaep_vectors[i].name;
		ret = kat_oaep(kat, &keyseal_oaep_vectors[i],
			       kat->corrupt == ++n);
		if (ret)
			return ret;
		kat->oaep++;
	}
	for (i = 0; i < ARRAY_SIZE(keyseal_rsa_export_vectors); i++) {
		kat->vector = keyseal_rsa_export_vectors[i].name;
		ret = kat_export(kat, &keyseal_rsa_export_vectors[i],
				 kat->corrupt == ++n);
		if (ret)
			return ret;
		kat->exports++;
	}
	kat->vector = NULL;
	kat->step = NULL;
	return 0;
}
