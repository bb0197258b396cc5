/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * libkeyseal: sealed keys in the kernel keyring, from C.
 *
 * Every function returns 0 (or a non-negative count) on success and a
 * negative errno on failure, with the meanings of keyseal(7). The library
 * keeps no global state: a struct keyseal is an open /dev/keyseal, and may be
 * shared between threads.
 */
#ifndef KEYSEAL_H
#define KEYSEAL_H

#include <stddef.h>
#include <stdint.h>

#include <linux/keyseal.h>

#ifdef __cplusplus
extern "C" {
#endif

/*
 * The library is built with -fvisibility=hidden, so that only what
 * libkeyseal.map lists is exported; what is declared here must be visible
 * for the map to export it.
 */
#pragma GCC visibility push(default)

struct keyseal;

/**
 * keyseal_open() - open /dev/keyseal
 * @ks: set to the new handle
 *
 * Return: 0, -ENOENT if the module is not loaded, or another negative errno.
 */
int keyseal_open(struct keyseal **ks);

/**
 * keyseal_close() - close a handle from keyseal_open(); NULL is ignored
 * @ks: the handle
 */
void keyseal_close(struct keyseal *ks);

/**
 * struct keyseal_blob_info - what a blob says about itself, read offline
 */
struct keyseal_blob_info {
	uint8_t scheme;
	uint8_t usage;
	uint8_t key_alg;
	uint8_t key_flags;
	uint8_t provenance;
	uint16_t key_len;
	uint16_t kem_id;
	uint8_t key_id[KEYSEAL_KEY_ID_SIZE];
	uint64_t created;
	uint64_t not_after;
	char parent[KEYSEAL_PARENT_MAX + 1];
	uint8_t parent_fingerprint[KEYSEAL_FINGERPRINT_SIZE];
	uint8_t recipient_fingerprint[KEYSEAL_FINGERPRINT_SIZE];
	uint8_t sender_public[KEYSEAL_P256_PUBLIC_SIZE];
	uint16_t sender_public_len;
};

/**
 * keyseal_blob_inspect() - parse a binary blob without the module
 * @blob: the blob
 * @len: its length
 * @info: filled with the blob's header fields
 *
 * Nothing is authenticated: only the kernel, holding the key that opens the
 * blob, can tell whether these fields are genuine.
 *
 * Return: 0, or -EINVAL if @blob is not a well-formed blob.
 */
int keyseal_blob_inspect(const void *blob, size_t len,
			 struct keyseal_blob_info *info);

#pragma GCC visibility pop

#ifdef __cplusplus
}
#endif

#endif /* KEYSEAL_H */
