/* SPDX-License-Identifier: GPL-2.0 */
/*
 * hostile_test's errno model: what the module must make of each mutated
 * blob and command, given the keys of the session. It is a specification
 * that reads on its own: hostile_model.c says, case by case, which errno a
 * mutant must give and what a success must look like; hostile_test.c only
 * makes the mutants, asks the kernel, and compares.
 *
 * The model knows nothing of the test harness: it is told the session's
 * keys (struct hostile_session) and judges from those alone.
 */
#ifndef KEYSEAL_HOSTILE_MODEL_H
#define KEYSEAL_HOSTILE_MODEL_H

#include <keyutils.h>
#include <stdbool.h>
#include <stddef.h>

#include <linux/keyseal.h>

#include "blob.h"
#include "command.h"

/* Outcomes besides -errno. */
#define OK		1	/* a predicted success */
#define ANY_LOOKUP	2	/* a serial not made here: any lookup error */

/* --- the session: keys and what each can do ------------------------------ */

enum key_kind {
	KIND_KEK,	/* can be a KEK: its fingerprint decides */
	KIND_NOT_KEK,	/* found, but neither a KEK nor an exchange key */
	KIND_EXCHANGE,	/* an exchange key (of @kem) */
};

struct known_key {
	char name[64];		/* "type:description" */
	key_serial_t serial;
	enum key_kind kind;
	bool vouches;		/* a KEK that vouches for provenance (R2) */
	u8 fp[KEYSEAL_FINGERPRINT_SIZE];	/* of the KEK or public key */
	u16 kem;				/* of an exchange key */
};

enum source_id {
	SRC_KEK_AEAD,		/* aead, exportable, under user:kmk */
	SRC_KEK_SECRET,		/* secret, not exportable, under sealed:kek1 */
				/* (kek1 is not exportable either: R3) */
	SRC_KEK_KEK,		/* kek, exportable, under the default parent */
	SRC_KEK_X25519,		/* x25519, not exportable, under user:kmk2 */
	SRC_HPKE_BASE,		/* the aead key, to sealed:rcpt */
	SRC_HPKE_AUTH,		/* the same, from sealed:snd */
	SRC_HPKE_P256,		/* the aead key, to sealed:r256 (P-256) */
	SRC_PLAINTEXT,		/* a secret in the clear */
	SRC_COUNT,
};

struct source {
	u8 blob[KEYSEAL_BLOB_MAX_SIZE];
	u32 len;
	struct keyseal_blob parsed;
	bool exportable;
};

#define KNOWN_MAX	20
/* What the model is told: the keys here, the blobs, the target of updates. */
struct hostile_session {
	struct known_key known[KNOWN_MAX];
	unsigned int nknown;
	struct source src[SRC_COUNT];	/* the untouched blobs */
	key_serial_t target;		/* the key keyctl update is sent to */
	u8 target_flags;
	u8 target_parent_fp[KEYSEAL_FINGERPRINT_SIZE];
};

/* --- lookups -------------------------------------------------------------- */

const struct known_key *find_known(const struct hostile_session *s,
				   const char *name, size_t len,
				   key_serial_t serial);
bool is_source(const struct hostile_session *s, const u8 *buf, u32 len);
bool well_formed(const u8 *buf, u32 len, struct keyseal_blob *b);

/* --- outcomes: OK, ANY_LOOKUP or -errno ----------------------------------- */

bool as_predicted(long expected, long got);
int predict_load(const struct hostile_session *s, const u8 *buf, u32 len,
		 const struct keyseal_cmd *cmd, key_serial_t unwrap);
int predict_rewrap(const struct hostile_session *s, const u8 *buf, u32 len,
		   key_serial_t unwrap);
int predict_made(const struct hostile_session *s,
		 const struct keyseal_cmd *cmd,
		 const struct known_key **out_kek);
int predict_update(const struct hostile_session *s,
		   const struct keyseal_cmd *cmd,
		   const struct known_key **kek);

/* --- provenance (R2) ------------------------------------------------------ */

u8 unvouched(u8 provenance);
bool opener_vouches(const struct hostile_session *s,
		    const struct keyseal_blob *b);

#endif /* KEYSEAL_HOSTILE_MODEL_H */
