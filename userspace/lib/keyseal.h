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

/*
 * --- Exchange keys and recipient blobs (userspace sender) -----------------
 *
 * A sender without the module (a key server, say) wraps a key for a keyseal
 * host's exchange key: an RFC 9180 HPKE recipient blob, which that host's
 * kernel imports with KEYSEAL_IOC_IMPORT. These functions need no
 * /dev/keyseal, only libcrypto. Exchange keys are X25519 or P-256 and are
 * named by their RFC 9180 KEM: KEYSEAL_KEM_X25519_HKDF_SHA256 or
 * KEYSEAL_KEM_P256_HKDF_SHA256.
 *
 * Errors: -EINVAL for malformed input (a wrong length, an unknown KEM, text
 * that is not the PEM asked for), -EKEYREJECTED for a public key that is not
 * a valid point or gives an all-zero X25519 exchange, -EOPNOTSUPP for a
 * well-formed key of another algorithm, -ERANGE for an output buffer that is
 * too small, -ENOMEM, -EIO if the random generator fails.
 */

/* Bytes of an exchange private key, X25519 or P-256. */
#define KEYSEAL_EXCHANGE_PRIVATE_SIZE	32
/* Room for any exchange public key in PEM, with its NUL. */
#define KEYSEAL_PUBLIC_PEM_MAX		256

/**
 * struct keyseal_public_key - an exchange public key
 * @kem: KEYSEAL_KEM_X25519_HKDF_SHA256 or KEYSEAL_KEM_P256_HKDF_SHA256
 * @len: bytes of @key in use, KEYSEAL_X25519_PUBLIC_SIZE or
 *	KEYSEAL_P256_PUBLIC_SIZE
 * @key: the key as RFC 9180 serialises it: the X25519 u-coordinate, or the
 *	uncompressed P-256 point (0x04 || x || y); what KEYSEAL_IOC_PUBKEY
 *	returns
 *
 * Fill it with keyseal_public_key_from_raw() or _from_pem(); every function
 * that takes one checks it again.
 */
struct keyseal_public_key {
	uint16_t kem;
	uint16_t len;
	uint8_t key[KEYSEAL_P256_PUBLIC_SIZE];
};

/**
 * struct keyseal_private_key - an exchange private key held in userspace
 * @kem: KEYSEAL_KEM_X25519_HKDF_SHA256 or KEYSEAL_KEM_P256_HKDF_SHA256
 * @scalar: the X25519 private key (RFC 7748, clamped when used) or the
 *	big-endian P-256 scalar, in [1, n-1]
 *
 * The sender's own key in HPKE auth mode. It is secret: clear it with
 * keyseal_private_key_wipe() when done.
 */
struct keyseal_private_key {
	uint16_t kem;
	uint8_t scalar[KEYSEAL_EXCHANGE_PRIVATE_SIZE];
};

/**
 * keyseal_public_key_from_raw() - take a public key in its raw form
 * @kem: KEYSEAL_KEM_*
 * @raw: the key as RFC 9180 serialises it
 * @len: its length: KEYSEAL_X25519_PUBLIC_SIZE or KEYSEAL_P256_PUBLIC_SIZE
 * @pk: set to the key
 *
 * Return: 0; -EINVAL for an unknown KEM or a wrong length; -EKEYREJECTED for
 * bytes that are not an uncompressed point on P-256; -ENOMEM.
 */
int keyseal_public_key_from_raw(uint16_t kem, const void *raw, size_t len,
				struct keyseal_public_key *pk);

/**
 * keyseal_public_key_from_pem() - read a PEM SubjectPublicKeyInfo
 * @pem: the text, "-----BEGIN PUBLIC KEY-----" (what ``openssl pkey
 *	-pubout`` writes); it need not be NUL-terminated
 * @len: its length
 * @pk: set to the key
 *
 * Return: 0; -EINVAL if @pem holds no public key; -EOPNOTSUPP for a key
 * that is neither X25519 nor P-256; -EKEYREJECTED for an invalid point;
 * -ENOMEM.
 */
int keyseal_public_key_from_pem(const char *pem, size_t len,
				struct keyseal_public_key *pk);

/**
 * keyseal_public_key_to_pem() - write a public key as PEM
 * @pk: the key
 * @buf: output, NUL-terminated; KEYSEAL_PUBLIC_PEM_MAX bytes are enough
 * @size: size of @buf
 *
 * The DER inside is the one keyseal_public_key_fingerprint() hashes, and
 * the text is the one ``openssl pkey -pubout`` writes for the same key.
 *
 * Return: the length of the text without its NUL; -ERANGE if @size is too
 * small; -EINVAL or -EKEYREJECTED for an invalid @pk.
 */
int keyseal_public_key_to_pem(const struct keyseal_public_key *pk, char *buf,
			      size_t size);

/**
 * keyseal_public_key_fingerprint() - the fingerprint of a public key
 * @pk: the key
 * @fingerprint: output, SHA-256 of the key's DER SubjectPublicKeyInfo, as
 *	``openssl pkey -pubin -outform DER | sha256sum`` prints it
 *
 * This is the recipient fingerprint of a recipient blob, and the
 * @public_fingerprint of struct keyseal_info.
 *
 * Return: 0; -EINVAL or -EKEYREJECTED for an invalid @pk; -ENOMEM.
 */
int keyseal_public_key_fingerprint(const struct keyseal_public_key *pk,
				   uint8_t fingerprint[KEYSEAL_FINGERPRINT_SIZE]);

/**
 * keyseal_private_key_from_raw() - take a private key in its raw form
 * @kem: KEYSEAL_KEM_*
 * @raw: KEYSEAL_EXCHANGE_PRIVATE_SIZE bytes, as in struct keyseal_private_key
 * @len: its length
 * @sk: set to the key
 *
 * Return: 0; -EINVAL for an unknown KEM, a wrong length or a P-256 scalar
 * outside [1, n-1].
 */
int keyseal_private_key_from_raw(uint16_t kem, const void *raw, size_t len,
				 struct keyseal_private_key *sk);

/**
 * keyseal_private_key_from_pem() - read an unencrypted PEM private key
 * @pem: the text, PKCS#8 "-----BEGIN PRIVATE KEY-----" as ``openssl genpkey
 *	-algorithm X25519`` or ``-algorithm EC -pkeyopt
 *	ec_paramgen_curve:P-256`` writes it (SEC 1 "EC PRIVATE KEY" is read
 *	too); it need not be NUL-terminated
 * @len: its length
 * @sk: set to the key
 *
 * Encrypted keys are refused rather than prompted for. The caller still
 * holds the key in @pem and should clear it.
 *
 * Return: 0; -EINVAL if @pem holds no unencrypted private key or a bad
 * scalar; -EOPNOTSUPP for a key that is neither X25519 nor P-256; -ENOMEM.
 */
int keyseal_private_key_from_pem(const char *pem, size_t len,
				 struct keyseal_private_key *sk);

/**
 * keyseal_private_key_public() - the public key of a private key
 * @sk: the private key
 * @pk: set to its public key
 *
 * Return: 0; -EINVAL for an invalid @sk; -ENOMEM.
 */
int keyseal_private_key_public(const struct keyseal_private_key *sk,
			       struct keyseal_public_key *pk);

/**
 * keyseal_private_key_wipe() - clear a private key
 * @sk: the key
 */
void keyseal_private_key_wipe(struct keyseal_private_key *sk);

/**
 * struct keyseal_wrap_key - a key to send, and the policy it travels with
 * @usage: KEYSEAL_USAGE_*
 * @key_flags: KEYSEAL_FLAG_*: the policy the recipient's kernel enforces
 * @not_after: expiry, seconds since the epoch, or 0 for none
 * @key_id: the key's KEYSEAL_KEY_ID_SIZE-byte identity, to keep the one it
 *	already has, or NULL to give the key a new random one
 * @material: the key material
 * @len: its length, which must suit @usage (32 bytes for kek, x25519 and
 *	p256; 16 or 32 for aead; 16 to 512 for secret)
 */
struct keyseal_wrap_key {
	uint8_t usage;
	uint8_t key_flags;
	uint64_t not_after;
	const uint8_t *key_id;
	const void *material;
	size_t len;
};

/**
 * keyseal_wrap_to_recipient() - wrap a key for a keyseal host's exchange key
 * @key: the key and its policy
 * @recipient: the recipient's exchange public key
 * @sender: the sender's own exchange private key for HPKE auth mode, which
 *	lets the recipient check who sent the key; NULL for base mode. Same
 *	KEM as @recipient.
 * @blob: output, the binary recipient blob; KEYSEAL_BLOB_MAX_SIZE bytes are
 *	always enough
 * @blob_len: in: size of @blob; out: size of the blob, also on -ERANGE
 *
 * The blob is RFC 9180 HPKE with @recipient's KEM, HKDF-SHA256 and
 * AES-256-GCM, info KEYSEAL_HPKE_INFO, a fresh ephemeral key, and the whole
 * header as associated data. Its provenance is KEYSEAL_ORIGIN_EXTERNAL and
 * its creation time is now. The material is checked only for its length
 * (and, for a p256 key, for a valid scalar).
 *
 * Return: 0; -EINVAL for a malformed key, policy or public key;
 * -EKEYREJECTED if @recipient is not a valid point, gives an all-zero X25519
 * exchange, or is of another KEM than @sender; -ERANGE; -EIO; -ENOMEM.
 */
int keyseal_wrap_to_recipient(const struct keyseal_wrap_key *key,
			      const struct keyseal_public_key *recipient,
			      const struct keyseal_private_key *sender,
			      void *blob, size_t *blob_len);

#pragma GCC visibility pop

#ifdef __cplusplus
}
#endif

#endif /* KEYSEAL_H */
