/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Exchange keys and recipient blobs: the fixture (with its x25519 and p256
 * variants) and helpers shared by exchange_keys_test.c (the keys and their
 * public halves), exchange_recipient_test.c (RFC 9180 HPKE export and
 * import, every refusal with its exact errno) and exchange_interop_test.c
 * (libkeyseal's userspace HPKE in both directions).
 */
#ifndef KEYSEAL_SELFTEST_EXCHANGE_H
#define KEYSEAL_SELFTEST_EXCHANGE_H

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/x509.h>

#include "forge.h"
#include "keyseal_test.h"
#include "kselftest_harness.h"

/* libkeyseal's userspace sender and receiver (userspace/lib). */
#include "dh.h"
#include "hex.h"
#include "keyseal.h"
#include "recipient.h"
#include "rfc9180_keys.h"

#define BAD_POINTER	8ULL	/* never mapped */
#define X25519		KEYSEAL_KEM_X25519_HKDF_SHA256
#define P256		KEYSEAL_KEM_P256_HKDF_SHA256
#define PUBLIC_MAX	KEYSEAL_P256_PUBLIC_SIZE
#define FP_SIZE		KEYSEAL_FINGERPRINT_SIZE

/* A vector's hex, which is never malformed: that would be a bug here. */
static inline void from_hex(const char *hex, u8 *bytes, size_t size)
{
	if (unhex(hex, bytes, size) < 0)
		abort();
}

FIXTURE(xchg) {
	int fd;
	key_serial_t kmk, kmk2;
	/*
	 * Root keys that vouch (logon, owned by root): the exchange keys and
	 * the keys they send live under them, so that a recipient blob can
	 * keep the provenance its sender vouches for (R2).
	 */
	key_serial_t vroot, vroot2;
};

FIXTURE_VARIANT(xchg) {
	const char *usage;
	u8 usage_id;
	u8 key_alg;
	u16 kem;
	u32 public_len;
	const char *rfc_sk;	/* RFC 9180 A.1/A.3 skRm and pkRm */
	const char *rfc_pk;
};

FIXTURE_VARIANT_ADD(xchg, x25519) {
	.usage = "x25519",
	.usage_id = KEYSEAL_USAGE_X25519,
	.key_alg = KEYSEAL_ALG_X25519,
	.kem = X25519,
	.public_len = KEYSEAL_X25519_PUBLIC_SIZE,
	.rfc_sk = RFC9180_X25519_SKRM,
	.rfc_pk = RFC9180_X25519_PKRM,
};

FIXTURE_VARIANT_ADD(xchg, p256) {
	.usage = "p256",
	.usage_id = KEYSEAL_USAGE_P256,
	.key_alg = KEYSEAL_ALG_P256,
	.kem = P256,
	.public_len = KEYSEAL_P256_PUBLIC_SIZE,
	.rfc_sk = RFC9180_P256_SKRM,
	.rfc_pk = RFC9180_P256_PKRM,
};

FIXTURE_SETUP(xchg)
{
	u8 pk[KEYSEAL_P256_PUBLIC_SIZE], blob[KEYSEAL_BLOB_MAX_SIZE];
	u32 len = sizeof(blob);
	key_serial_t data;
	char cmd[256];

	SETUP_SESSION_WITH_ROOTS_AND_DEVICE(self);
	self->vroot = add_random_logon_key("xchg:root", ROOT_KEK_SIZE);
	self->vroot2 = add_random_logon_key("xchg:root2", ROOT_KEK_SIZE);
	ASSERT_LT(0, self->vroot);
	ASSERT_LT(0, self->vroot2);
	if (variant->kem != P256 || kernel_has_p256())
		return;
	/*
	 * Without P-256 ECDH, every way to a P-256 key is EOPNOTSUPP: making
	 * one, importing one, sending a key to one.
	 */
	ASSERT_EQ(-EOPNOTSUPP, add_sealed("p256", "new p256 parent=user:kmk"));
	snprintf(cmd, sizeof(cmd), "import p256 %s parent=user:kmk",
		 variant->rfc_sk);
	ASSERT_EQ(-EOPNOTSUPP, add_sealed("p256", cmd));
	data = add_sealed("data", "new aead parent=user:kmk exportable");
	ASSERT_LT(0, data);
	from_hex(variant->rfc_pk, pk, sizeof(pk));
	ASSERT_EQ(-EOPNOTSUPP, dev_export_recipient(self->fd, data, P256, pk,
						    sizeof(pk), 0, blob, &len));
	SKIP(return, "no P-256 ECDH in this kernel (before 5.12)");
}

FIXTURE_TEARDOWN(xchg)
{
	close(self->fd);
}

/* A new exchange key of the variant's usage under logon:xchg:root. */
static inline key_serial_t new_exchange_key(const FIXTURE_VARIANT(xchg) *v,
				     const char *desc, const char *extra)
{
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "new %s parent=logon:xchg:root%s%s", v->usage,
		 extra ? " " : "", extra ? extra : "");
	return add_sealed(desc, cmd);
}

/* A fresh exchange key and its public half. */
#define EXCHANGE_KEY(desc, id, pk) do {					\
	id = new_exchange_key(variant, desc, NULL);			\
	ASSERT_LT(0, id);						\
	ASSERT_EQ(0, dev_pubkey(self->fd, id, &pk));			\
} while (0)

/*
 * The keys a recipient blob needs: an exportable data key to send, the
 * recipient's exchange key and, in auth mode, the sender's (else @sender
 * is left as it is).
 */
#define PARTIES_OF_A_BLOB(fd, auth, data, rcpt, to, sender, from) do { \
	data = add_sealed("data",					\
			  "new aead parent=logon:xchg:root exportable");	\
	rcpt = new_exchange_key(variant, "rcpt", NULL);			\
	ASSERT_LT(0, data);						\
	ASSERT_LT(0, rcpt);						\
	ASSERT_EQ(0, dev_pubkey(fd, rcpt, &to));			\
	if (auth) {							\
		sender = new_exchange_key(variant, "sender", NULL);	\
		ASSERT_LT(0, sender);					\
		ASSERT_EQ(0, dev_pubkey(fd, sender, &from));		\
	}								\
} while (0)

#endif /* KEYSEAL_SELFTEST_EXCHANGE_H */
