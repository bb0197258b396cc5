/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Why an input that libkeyseal would not read as a blob is no blob: not one
 * at all, cut short, or malformed. Told by the module's own codec.
 */
#ifndef KEYSEAL_CLI_DIAGNOSE_H
#define KEYSEAL_CLI_DIAGNOSE_H

#include <stddef.h>
#include <stdint.h>

enum blob_fault {
	BLOB_SOUND,		/* the blob is well formed; its armor is not */
	BLOB_NOT_BLOB,		/* no keyseal blob at all */
	BLOB_BAD_BASE64,	/* a blob's text or PEM form that does not decode */
	BLOB_VERSION,		/* a blob of a version keyseal does not know */
	BLOB_TRUNCATED,		/* shorter than its header says */
	BLOB_TRAILING,		/* longer than its header says */
	BLOB_MALFORMED,		/* fields version 1 does not allow */
};

/**
 * struct blob_diagnosis - what is wrong with an input
 * @fault: BLOB_*
 * @len: the bytes of blob the input holds (decoded from base64)
 * @want: the bytes its header says it has; 0 if it does not say
 * @version: BLOB_VERSION: the version the blob claims
 */
struct blob_diagnosis {
	enum blob_fault fault;
	size_t len;
	size_t want;
	unsigned int version;
};

/* What is wrong with the blob in @in, in any of its forms. */
void diagnose_blob(const uint8_t *in, size_t len, struct blob_diagnosis *d);

#endif /* KEYSEAL_CLI_DIAGNOSE_H */
