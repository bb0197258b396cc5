/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The other side of the RSA export, with OpenSSL alone: a cloud key
 * manager's import of the four forms (Documentation/blob-format.rst, "RSA
 * export"), RSA-OAEP with EVP_PKEY_decrypt() and AES-KWP with
 * EVP_aes_256_wrap_pad(). Nothing of keyseal's is used, so that these
 * check keyseal's code rather than repeat it. Shared by userspace/tests/
 * and selftests/.
 *
 * Also the private half of the 2048-bit key of kernel/shared/rsa_vectors.c,
 * and a 3072-bit and a 4096-bit key, made for keyseal's tests with
 * "openssl genpkey -algorithm RSA".
 */
#ifndef KEYSEAL_TEST_RSA_OPENSSL_H
#define KEYSEAL_TEST_RSA_OPENSSL_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

#include <linux/keyseal.h>

static const char rsa_test_key_pem[] =
	"-----BEGIN PRIVATE KEY-----\n"
	"MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQCk5fFlsQoPT4xO\n"
	"/t+mNgtm8/VfIvGVCsmOVhqmyO548EAeTn+nlM3wE+XfkMgZbDc/WQ6GtKEji78y\n"
	"OoWVTmsCeBTF49ReR26WguIQcRq3mJhMXAGJXoGk03uP3zP2FqF5+W8lHsaaNoTR\n"
	"+xvU61P6YRc8bBN06cXhU+i0qSE/2bl2v1Dy2g/LmWyJ4A1YoemYkk+3B99ySfIm\n"
	"ya8OhMZjOs9ffYJNXHmimg+XhQp/S5fTsQoznZY8LXUIXfUTzCRXRfed8mRJVZL1\n"
	"1Ix+Rw0MM8K3jfsjR0Bs7TA/sXaUw4YUAK3974Mqd2SxDmEhRbuBxrfJmYrq/A7v\n"
	"OHKatUt7AgMBAAECggEANzrXCA7shiVIIttGEFcQqZpzaDp9fMSArr5TLeKl0Pbz\n"
	"GtOC+R+jfFJFz4QgKTewJ3UOIvsT76JqVwn33QLHX6vVlVRSOIOnXB0ZV5Vyc+TV\n"
	"udmlIBv5wzmcLJt/PWDmE8MCQYYV0egJw4TeFQn+9iEX1cKDH8j+4JIoon31Z3tc\n"
	"62J88W6/rAuX8cyRVky7tayhd6iNqkZ6vn7vEmPTLg841m9bKaX1gQpKh1GaXQ0Q\n"
	"+A0ThXxjw1k8vBX6KVhAdjubyLp74mEqYA5s2TMaIRTrt3APJLF8jYCA/qJwtlYa\n"
	"Q8ouun+KAjO/8r7uj+qOj8D1wRme8gKzIC7Re1kfVQKBgQDTxuFU3fSCidTEJ2Ks\n"
	"PXxTCmTS4n1OX24LS31lFXWi+fkjh/tns3IAQdsd59knawypokPn9P8BWfnD6DRL\n"
	"ETkIgjRwHgXnLDLjsbrGeXRdFX15EDIl+KINO3Rlh2d2IVMLElRNpKVFXlS5bazb\n"
	"2MsyxiOMSCT6jF103PQB66fKpwKBgQDHVQi08k2cMviY52QNaTExOdXpVfME36iR\n"
	"j/2Qyk+PzgRJTXqiBAPZpZqyJyRBME0Qtof0+DsYvnq3WAetJ7uTCrK5Sg0UHHPg\n"
	"cFVb3sS8LB1SxoqTUQr9AkjG55NrbcSGn63OCJHrcGlvmO1zZ/de8rO+DqlpmgD6\n"
	"60Mtvo0XDQKBgQCfUkfDKRgB/N9skpTRL5CQiIlBfdL3WyPWq3wyx+owKg8cg/jH\n"
	"E2D4gJLv9LSRyx9DnyenIdGWmrIkiFSPBO37ULlSf8PBHqdKVTNGjajVPo2evmh7\n"
	"2IlRmyD+INfdL0TiV2/E2dDcVxM2TSR2YKq+EAI+TyhCtca5XGDV8QvSkQKBgF3J\n"
	"0NLyvzmjcfzfwt/cgtzajZ/AZRwB8FqtGW2rA0xybunenrjkkrsxhFwWtqRFib03\n"
	"ZTkKIyQ9W5gwv0vlygghnH46LXUs/gi4UjFr271+ND3iVQmDtFvfW0bbZy3A9Bsz\n"
	"vp+WwLG6rqFnnzIR1P7Dy3a9h1C8uYFWeMFpSxFxAoGAaixIFbp9hWYbqdzRbYvF\n"
	"9LZre7h33tpPPpPwW1drMd8LGHSK0sxmitjPhhAcTmCLd+DmQqmW+qV7PRLXiURz\n"
	"fRieLwl+mlb3ALvKNjUlJwMAAFmws4xcL9slebbKhlqgSrLxoBgEZt1AXJYMLw7j\n"
	"kGArCcGCEwhyyUyh/TqanAs=\n"
	"-----END PRIVATE KEY-----\n"
	;

/* Keys of the two other sizes, for the VM, where making one takes long */
static const char rsa_test_key_3072_pem[] =
	"-----BEGIN PRIVATE KEY-----\n"
	"MIIG/QIBADANBgkqhkiG9w0BAQEFAASCBucwggbjAgEAAoIBgQC66QSuLInkTkHp\n"
	"gEcoNSc/CHk3LtrTp/1FMQ9CrcmpuAJ5tK+BLwfm5Yr0XiZ47ZSMT6NedEMZ9MWN\n"
	"0Hqj1kuoXgwq74TCSVlTpBMYa94SjNEK1WFgcUhYjZSonYYHT19B0a8cWNOuiJuW\n"
	"xvP8KJRCm289TNY8tYWoMMmnWMGiBAmj4jn5SLy+YVu9sa9oNIQctkNNo0gxxs/B\n"
	"EiW+5f61sjtoqCm75aCBs3ua7TegAm1d7dEq3aTUnjUtDthkX495If7oPjmnapPR\n"
	"lPM5hpkYiag3J2yqckVUUwG3tVC0j5nT1xZ2xCWH5dcj46Bps4NH+fMZmiSaP8Hk\n"
	"EMpjok1OsERplYp4FW198aUXYC921J7sWowbEcvyCOKGD7NHxGsUZASlFd08eu3V\n"
	"rByVcNv3ScGtDRJeJS/oD9H5SmW2BaULL2LnfIy1fxgNFMSXfFqzNyr841W2jtL/\n"
	"ZEjbSsajUrYf8Zfm+nEqe09SdnXiWCBpF0woKvsehsUlmEr6WW8CAwEAAQKCAYAD\n"
	"f3nlcpLwEWDdaFesknYWEWgHVtqkjGfKhDUHZ+42vWlacr24GrO4qAIWOa7Zo4Sc\n"
	"rZ7elSluUmziDw1EhK2szHnI0eu3oRzJWnA7DEW/LiB5Ze3pGqWidp/aGfyYpW0g\n"
	"c7alvqnTgd37j+SgCvhfWL5XtNjrkPAb6jHT7m7NQ+sURJcWKbzSiUrovWsNdbIl\n"
	"QWn4CX6/47sen2LSdEZ0iw3ekwsY55693qiJCTh5x6HZWKqJ9VTw37caDUWSd1FV\n"
	"URuPuN6otHvJqKIpKmsfi9lyY5E/uT4bvr8GKYsyJKlhlzQA9CPcT+XiixNLRoXZ\n"
	"lWmkNN22zuLmuv7YUgoujkd+o8sEyZ075I45YAHXw+qo4vqTZ5m+7dH2Hmrj2QDn\n"
	"rVJbFCY5mLEZcDyLrX7wm2J/ixaiMU/A6WS7ZxDBiFhRrE/xCOtOA4mB5ekDD3t0\n"
	"rQDMeEp45RukDXmc/wBsPyk/fRJnBpBaodhooqL+DLIlU5rX+xrzPLOHGQltHDEC\n"
	"gcEA9ulCq6/5g+bTKAgZOjd/szr3dqIedpC2hvbB5jlYI/OVG3MtnEKCZvw4vPdF\n"
	"ASDo2VJyIdaeTq8qr4xkKPHqu6GnE3/xPYxK+LzUctSwKGn1xSBi3sA0fDGohRrf\n"
	"0wqikDR479oLo8xlmn9ztlvg4Qu83EETYOu5sY9RiDU2Hk3XQFKm4bAhSqsQGZwi\n"
	"tqN+4TqhyZUYIh/VEbYrxQOaJHRXLahqkMvKTer3DLUV+X49m784B9Esz2SC+CYR\n"
	"ogn/AoHBAMHKWICCe4FObNR1ndKFaVgp2iJOEbdhBNaTFmfbEwinzmY9YVvioNez\n"
	"aeuTXsd51+EVqb+djasjsoYLowGghYQJfYXSde/+VDH4KAIb/kIMOpIQogG8HSRR\n"
	"+qsyMGMcWkW63LaxlH5LqRP39c3ag3dwnMgd4iBn6gIU398EqeJri9T1PFDCbzA1\n"
	"tZ96HLfwO3y7NezXsofktGyPZYUw23V1YkE4mzWg2VT0u4ZYkYwItCXKbIDKvW90\n"
	"VgxZlu1QkQKBwQD1S39kuYqVM7gLSSBm6cP/91Dplt3UxKfRJUw0wDuEW/WCM8bY\n"
	"Omr6jRCBCtaO7HbnkDS60VCssvEhPcQzuUKN7WbixHSRxNKmklItUoc/XyU/FZGj\n"
	"4idCSsM0mSJLs4EU6kxLXL+7ltBJ0NzQCi865EJYPn5WB1mPwOYq/1IogQSbboFE\n"
	"LYqld5SjHK6P65WdhHY+odQ78ovm8KhDLfTwynPhdDOKbisphYiyIyUVnAjwteOg\n"
	"QHrX/u7uQEO8S1kCgcAvNrxPOvsaKuBK9wjnhIeA6llx6DFayzFhkd5wmShPAItB\n"
	"z4yL1XA4fUa+FV6PHPlipmOAAsPEQWM6U1V4jQJag/FoDDmdqgobTol40hclQlN2\n"
	"yMSfxZQYCD0ZPpYZX4wC1x71B9jU2FwuOEhTyfwjunUIMHeqS4bw0OMmM72sI2Wj\n"
	"EciLKIPsa/l/DEI48jecEQR3Wqntf+QRWvJx+9BMErhIiaEO9MxebW3Osn9rbadu\n"
	"WZ4L1tlGcUKRqbYixXECgcANzn8iftZG0C2aIN6I++Wii8ZDs58H0Z9B8j9P+FUV\n"
	"Hm/rwQf2LbHKT6yciZb22bpOibrRKZ1BSTunzCPzjACVhb/mVnoL96nuNAWaF8su\n"
	"lOC8qge2cM6SiVoUJU0tvl68ju/ms0O/T8i576UQm65rssAPCuxifDfyo02Ot26b\n"
	"PdZVg5siFN2pzUoJXvBH6KubFmr3hnhP/+0Uvrn7OKVunDtAjQgWaFkHyZV9Wmp9\n"
	"44lCVDVrxNYuhl0Ms29k7Qg=\n"
	"-----END PRIVATE KEY-----\n";

static const char rsa_test_key_4096_pem[] =
	"-----BEGIN PRIVATE KEY-----\n"
	"MIIJQQIBADANBgkqhkiG9w0BAQEFAASCCSswggknAgEAAoICAQCdpjR6Eu4sRDzy\n"
	"R3ZXn/6RXGFcsGxYjWRiHLuAo+Xn2zc9aR9HiTCNTZBVbHmtNwCZT2ZohEwle2TA\n"
	"2IUdB+urLSRY83JQSCmRZHNObQ5Qiyecvto3kT1G5UlbtrFWEHXTL+4519G6ID2o\n"
	"uIULCWtr4QtLCklGlFfO9UV3FpvgWJoalMtXKFJZnoQw+WSO2ekBEUSygg6L6zrR\n"
	"+j0LDAHrcVzSONKivG77HIZ89u41GPrMeiWaRCa5TGFqDkjv7qJ48toDBhmqz1CJ\n"
	"Qf9tM4eclwnta7dOgoVDmklnZVv8Oz6Zruy7BXahK8XXKak1bTuhvsAoJAN30PNG\n"
	"2kxFEebiiQW6PZR2Cuqi44/qJ42VqjAj/g+dWhr+gQWrRZU5btVlx2rgvYGSfNb9\n"
	"vOxs+8d/Vmz93hfAa4J62JXIInoC5pSBJyDV+OZl+7jEVnSps+1yxiBs6wkdfppT\n"
	"j+S33ZBeDBcoYSpvFKp5jDtzW1o04odh3liszuT9vSlXOaQ1yl3HQ5EqUL3LK8Xi\n"
	"TYXSIV/Ez7pPSNdWxsh0D5lAONJtot5ox8Tq68Cbkc0As3uSlhC16keO34r2/diu\n"
	"ra85vT2jQoZsJGlHtgtAniUlwRtmOXBU7xVn8uFU2egbCYm6AnqFBuhU2miW2cyF\n"
	"YFAWFWSy7OTrILFLlBv4vf/fLRactQIDAQABAoICAEzqJqc6bi51uoCAQio9Op/k\n"
	"APKOdsX7cfL2TrrT/BrTVs+k5qhptCD0q0sqKfFLKQUjenTauyX8XmtCGCvSTfZN\n"
	"h3LIj8jAdFtltWYZigbc5Z4xdVjwCQP6YQCYkUvKqxm2xFU/SSk0irCzGeIJHfpb\n"
	"qT1azuZbAL5N5y7TfoiF4eW/G7gxyX/E+XzFaHzTrz0gljI7hupYAXIp0zd9C8C5\n"
	"pc5A/+963PCx+aGlfhG01sQFgiwSPQxhyhNK1eYNuQImhhw8kTBHhmT5KKw4HF1X\n"
	"SXYm/B+XSXpyn4aNKsRUiVXExOX4I+k9aIBx6IbS/OmMncbXz0NZVCAI6HY4Zjrz\n"
	"EaNLEAE882xjjTvJmzHsjOeniXrifsOEzHdb269vhdAkSbefsatnvIH4Z07uM6rm\n"
	"dPl0Z7mqSjd4wiUYMYsmpplpiQ24uC9kJI12LI4GxJTPUsKwV2HXTd+pzVzAakVq\n"
	"/ZsJRZ3ycC5df6W5nwhoY3popi5hYlQfoD2ENUz4N4xkKZi/mnigZpSH1iw+x9Qh\n"
	"LiGvFoq4o3LinUWUxA3pLVfr+F5tV8/HQKWQHjFg6GmT3ACpJcXq9+nOmxDF5ZGr\n"
	"JaSifzcAxPrbLvYXuFE5QSfL4nEUO1evvfXvpX8m6jo0M0hbd7AHcDJ5xekwMJJT\n"
	"/Y6k6OvslbED0exvyvn/AoIBAQDLLRtwvvOMHAimYtVJOBlI/reCLbWYuAUrnObk\n"
	"rNGF3fAMZ+Nhb24MOvr+dzQnKm74735fim65bGxT6XXzt/7GKVQ1VBRYW7EcU+Ww\n"
	"972LKQcaE/J+DLMIoNEP9XHUy6wns83hCNDDV1H+zEcLAuj7cHiDK0V1+6sfxmaN\n"
	"r0ph61UI1W+8gGFVQeqvKRaV4Cvob98M/JWw1NBUZpNlNq8FU9ipmnnlH2C86Lab\n"
	"px5UOP04L+6eCL0nPZ8pmUtlmdFlKGgQjAEvkTS31ktDjPTO+HtjjIrwxY/mFOSt\n"
	"N833Eogs/QvOXTbKOhDE8iU2bul8tqf+R27BmqtXEKy4FlEfAoIBAQDGovBKnamv\n"
	"2lM7B4dknfisOONY24JCPHFx4Us8RCsuElwpTPozrB3CYh5yXvxQcH3Y8hNcc4/h\n"
	"jpMcs4tA4A2lCMnlgqOlIVZyXyDYaps2UC3pX4ASyyaxfxGGOTVDPiUfMuL9gYmA\n"
	"KkWAvnp/fAiV7wmSpA3T0+O7FU8iqShjcWN0ukW6dONGl1XShKbZSrU1wE82t3Oe\n"
	"WuTHUHkpP16b6fdYeEzlOauZ2GW9si7PHe31vtz0fvBUbWTeKZd3JXNX+nyCKVUE\n"
	"WF3cEb8ficilE2nQ0ebc2fYosrBij7+515h+8E4MjW9WA7C/P5rjvekCyE7T+HIO\n"
	"oc+73dVNEvOrAoIBAG/9oQ54co5cNXhhKed+AJH3tPcQcvSHGnJ7vdl2WNdNCjAM\n"
	"Y40leqdLK2ZwFlMwVJLqj+Hh0D5swRlPqjB4zvozdbMfcUdy4yEWLZlqNRQrvTpm\n"
	"nFdWcKjk29fMFr6QtYf82BKeZVQHIa8sskwjgoB18jd69oKeAik1lvmqEXn/2ZNQ\n"
	"8pIYwY3ZE58RKt3Z/tnUMEJcR7Z814huMfisN7TcDqUN/PqKXSxDqcQKTfFmqEz8\n"
	"Pq7laj3i/YRUdva93mm/5/yW72BkzYY3nKzTWW1sEbdBlKQ6gaL1CUdhZyo1ENKb\n"
	"eJJ7VuQJNY0ZW+GxKQoRNHA4t5gHxUHscwfVZUkCggEAdZibJ6GFhv17DtRbPJ8l\n"
	"TFh1h/KUgEAmbWQS1YAKDEGEXFMdQSAhkiXinpVLTRf7+Ub/XVlxEfkFcRV+WI8M\n"
	"pOq6FG0uEqHU+usEl/stHo+DTsliGj45DxYKOut9c+zDr1/B8JES5VShRyH9haHZ\n"
	"t2IHyc/j+8dS6DwqWHvK1GyZk85/X2656t3HSlWMLdJDy6mpe9xJz7NCBBnJUTkZ\n"
	"+rYd4DuAUqi8xdzOBusJOUcfzMANMZZBE8qbz8bRzBDY43oA4lIz6dmi35mGC9bX\n"
	"eZsvpxfNVGyZheib8g3mVNClkGkV2+qTwll29xJh0XhqDWKnAGjypWT4heFD2Vhh\n"
	"9wKCAQBUA0pUcqNF5SqznmWiK9gSLFkC1vXATQRhhcxrcJDiP1k9QnImPBTLh14W\n"
	"kKW2adkuJ5uw81UxThSlYyu+xANdej8nzBn6+4NGUsNMnMewh8g4kNfDyn61GtpF\n"
	"Ar/z/LOoaWlQWPt2gvbpr7D8I3YtBZPI8gqAFVB2KAJU9TNbbBECoM9JBeUHf9wb\n"
	"GB2nY7YwTtmshXa/PqG4omCErf1g+fTLj65Gp4MjA3oI/aQ5k04rtaiITpPO+QCX\n"
	"09W2jNjXKi/X5nt+3rgeqf3SM2tKGTy7lnAako7Jgrasg3aVUY9kLNCEPsAkovHm\n"
	"t+SYQmaoIhygGpmf/XzuSrul1awv\n"
	"-----END PRIVATE KEY-----\n";

/* A private key from PEM, or NULL. */
static inline EVP_PKEY *rsa_test_private_key(const char *pem)
{
	BIO *bio = BIO_new_mem_buf(pem, -1);
	EVP_PKEY *pkey = bio ? PEM_read_bio_PrivateKey(bio, NULL, NULL, NULL) :
			       NULL;

	BIO_free(bio);
	return pkey;
}

/* A fresh RSA key of @bits, or NULL. */
static inline EVP_PKEY *rsa_test_generate(unsigned int bits)
{
	EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new_id(EVP_PKEY_RSA, NULL);
	EVP_PKEY *pkey = NULL;

	if (!ctx || EVP_PKEY_keygen_init(ctx) <= 0 ||
	    EVP_PKEY_CTX_set_rsa_keygen_bits(ctx, (int)bits) <= 0 ||
	    EVP_PKEY_keygen(ctx, &pkey) <= 0)
		pkey = NULL;
	EVP_PKEY_CTX_free(ctx);
	return pkey;
}

/* The SubjectPublicKeyInfo of @pkey, DER, into @spki: its length or -1. */
static inline long rsa_test_spki(EVP_PKEY *pkey, uint8_t *spki, size_t size)
{
	unsigned char *der = NULL;
	int len = i2d_PUBKEY(pkey, &der);

	if (len <= 0 || (size_t)len > size) {
		OPENSSL_free(der);
		return -1;
	}
	memcpy(spki, der, (size_t)len);
	OPENSSL_free(der);
	return len;
}

/* RSAES-OAEP decryption, MGF1 with the OAEP hash, empty label. */
static inline long rsa_test_oaep_decrypt(EVP_PKEY *pkey, int sha1,
					 const uint8_t *in, size_t len,
					 uint8_t *out, size_t size)
{
	const EVP_MD *md = sha1 ? EVP_sha1() : EVP_sha256();
	EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new(pkey, NULL);
	size_t out_len = size;
	long ret = -1;

	if (ctx && EVP_PKEY_decrypt_init(ctx) > 0 &&
	    EVP_PKEY_CTX_set_rsa_padding(ctx, RSA_PKCS1_OAEP_PADDING) > 0 &&
	    EVP_PKEY_CTX_set_rsa_oaep_md(ctx, md) > 0 &&
	    EVP_PKEY_CTX_set_rsa_mgf1_md(ctx, md) > 0 &&
	    EVP_PKEY_decrypt(ctx, out, &out_len, in, len) > 0)
		ret = (long)out_len;
	EVP_PKEY_CTX_free(ctx);
	return ret;
}

/* AES Key Wrap with Padding, unwrapped: the key's length, or -1. */
static inline long rsa_test_kwp_unwrap(const uint8_t *kek, size_t kek_len,
				       const uint8_t *in, size_t len,
				       uint8_t *out, size_t size)
{
	const EVP_CIPHER *cipher = kek_len == 16 ? EVP_aes_128_wrap_pad() :
				   kek_len == 24 ? EVP_aes_192_wrap_pad() :
				   EVP_aes_256_wrap_pad();
	EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
	int n = 0, m = 0;
	long ret = -1;

	if (!ctx || size < len)
		goto out;
	EVP_CIPHER_CTX_set_flags(ctx, EVP_CIPHER_CTX_FLAG_WRAP_ALLOW);
	if (EVP_DecryptInit_ex(ctx, cipher, NULL, kek, NULL) &&
	    EVP_DecryptUpdate(ctx, out, &n, in, (int)len) &&
	    EVP_DecryptFinal_ex(ctx, out + n, &m))
		ret = n + m;
out:
	EVP_CIPHER_CTX_free(ctx);
	return ret;
}

/*
 * An export in @format (KEYSEAL_RSA_*) opened with the wrapping key's
 * private half: the key's length, or -1.
 */
static inline long rsa_test_unwrap(EVP_PKEY *pkey, int format,
				   const uint8_t *in, size_t len,
				   uint8_t *out, size_t size)
{
	int sha1 = format == KEYSEAL_RSA_AES_KWP_SHA1 ||
		   format == KEYSEAL_RSA_OAEP_SHA1;
	size_t k = (size_t)EVP_PKEY_get_size(pkey);
	uint8_t aes[512];	/* EVP_PKEY_decrypt() wants room for k bytes */
	long ret;

	if (len < k)
		return -1;
	if (format == KEYSEAL_RSA_OAEP_SHA256 ||
	    format == KEYSEAL_RSA_OAEP_SHA1)
		return len == k ? rsa_test_oaep_decrypt(pkey, sha1, in, len,
							out, size) : -1;
	ret = rsa_test_oaep_decrypt(pkey, sha1, in, k, aes, sizeof(aes));
	if (ret != 32)
		return -1;
	ret = rsa_test_kwp_unwrap(aes, 32, in + k, len - k, out, size);
	OPENSSL_cleanse(aes, sizeof(aes));
	return ret;
}

#endif /* KEYSEAL_TEST_RSA_OPENSSL_H */
