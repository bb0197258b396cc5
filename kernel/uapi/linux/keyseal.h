/* SPDX-License-Identifier: ((GPL-2.0 WITH Linux-syscall-note) OR MIT) */
/*
 * keyseal: the "sealed" key type's blob constants and the /dev/keyseal ioctl
 * ABI. Documentation/userspace-api.rst describes both.
 *
 * Every ioctl structure is made of fixed-size fields with explicit padding;
 * user pointers travel as __u64. Padding, reserved fields and unknown flag
 * bits must be zero (EINVAL otherwise), so each can take a meaning later: a
 * new field is carved out of a reserved one and announced by a flag bit. A
 * structure that must grow beyond its reserved space gets a new ioctl number
 * (the size is part of the number); old numbers keep working.
 */
#ifndef _UAPI_LINUX_KEYSEAL_H
#define _UAPI_LINUX_KEYSEAL_H

#include <linux/ioctl.h>
#include <linux/types.h>

/* Blob format version 1: Documentation/blob-format.rst */
#define KEYSEAL_BLOB_MAGIC		"KSBL"
#define KEYSEAL_BLOB_MAGIC_SIZE		4
#define KEYSEAL_BLOB_VERSION		1
#define KEYSEAL_BLOB_MAX_SIZE		2048

/* How the key material in a blob is protected. */
#define KEYSEAL_SCHEME_KEK		1	/* under a key-encryption key */
#define KEYSEAL_SCHEME_HPKE_BASE	2	/* to a recipient, RFC 9180 base mode */
#define KEYSEAL_SCHEME_HPKE_AUTH	3	/* to a recipient, sender authenticated */
#define KEYSEAL_SCHEME_PLAINTEXT	4	/* in the clear (plaintext keys only) */

/* What a key may do; usages never overlap. */
#define KEYSEAL_USAGE_KEK		1	/* wraps other keys, AES-256 */
#define KEYSEAL_USAGE_AEAD		2	/* encrypts data, AES-GCM */
#define KEYSEAL_USAGE_SECRET		3	/* opaque secret for the kernel */
#define KEYSEAL_USAGE_X25519		4	/* receives keys, X25519 */
#define KEYSEAL_USAGE_P256		5	/* receives keys, P-256 */

/* Algorithm of the key material itself. */
#define KEYSEAL_ALG_KEK_HKDF_AES256GCM	1	/* 32 bytes */
#define KEYSEAL_ALG_AES_GCM		2	/* 16 or 32 bytes */
#define KEYSEAL_ALG_RAW			3	/* 16..512 bytes */
#define KEYSEAL_ALG_X25519		4	/* 32-byte private scalar */
#define KEYSEAL_ALG_P256		5	/* 32-byte private scalar */

/* Export policy; flags can be cleared, never set again. */
#define KEYSEAL_FLAG_EXPORTABLE		0x01	/* may be wrapped for others */
#define KEYSEAL_FLAG_PLAINTEXT		0x02	/* may leave in the clear */
#define KEYSEAL_FLAGS_ALL		0x03

/* Provenance: where the material came from, and what it never was. */
#define KEYSEAL_ORIGIN_GENERATED	1	/* made by a keyseal kernel */
#define KEYSEAL_ORIGIN_IMPORTED		2	/* imported in the clear */
#define KEYSEAL_ORIGIN_EXTERNAL		3	/* wrapped outside any keyseal kernel */
#define KEYSEAL_PROV_ORIGIN_MASK	0x0f
#define KEYSEAL_PROV_ALWAYS_SENSITIVE	0x10	/* never had the plaintext flag */
#define KEYSEAL_PROV_NEVER_EXPORTABLE	0x20	/* never had the exportable flag */

/* RFC 9180 algorithm identifiers, also used by the KEK scheme. */
#define KEYSEAL_KEM_P256_HKDF_SHA256	0x0010
#define KEYSEAL_KEM_X25519_HKDF_SHA256	0x0020
#define KEYSEAL_KDF_HKDF_SHA256		0x0001
#define KEYSEAL_AEAD_AES128GCM		0x0001
#define KEYSEAL_AEAD_AES256GCM		0x0002

/* The RFC 9180 "info" of every recipient blob. */
#define KEYSEAL_HPKE_INFO		"keyseal v1 key transport"

#define KEYSEAL_KEY_ID_SIZE		16
#define KEYSEAL_FINGERPRINT_SIZE	32
#define KEYSEAL_SALT_SIZE		32
#define KEYSEAL_NONCE_SIZE		12
#define KEYSEAL_TAG_SIZE		16
#define KEYSEAL_PARENT_MAX		255	/* "type:description" */
#define KEYSEAL_SECRET_MIN		16
#define KEYSEAL_SECRET_MAX		512
#define KEYSEAL_X25519_PUBLIC_SIZE	32
#define KEYSEAL_P256_PUBLIC_SIZE	65	/* uncompressed point */
#define KEYSEAL_CRYPT_MAX		0x100000	/* 1 MiB per ENCRYPT/DECRYPT */

#define KEYSEAL_IOCTL_TYPE		0xC5

/**
 * struct keyseal_info - attributes of a sealed key (KEYSEAL_IOC_INFO)
 * @serial: in: the key
 * @flags: in: must be zero
 * @usage: out: KEYSEAL_USAGE_*
 * @key_alg: out: KEYSEAL_ALG_*
 * @key_flags: out: KEYSEAL_FLAG_*
 * @provenance: out: KEYSEAL_ORIGIN_* | KEYSEAL_PROV_*
 * @key_len: out: bytes of key material
 * @__pad: must be zero
 * @key_id: out: the key's identity, the same wherever it is loaded
 * @created: out: creation time, seconds since the epoch
 * @not_after: out: expiry, seconds since the epoch; 0 for none
 * @parent_fingerprint: out: fingerprint of the parent KEK
 * @parent: out: the parent, "type:description", NUL-terminated
 * @public_fingerprint: out: SHA-256 of the public key's SubjectPublicKeyInfo
 *	for exchange keys, zero otherwise
 * @reserved: must be zero
 */
struct keyseal_info {
	__s32 serial;
	__u32 flags;
	__u8 usage;
	__u8 key_alg;
	__u8 key_flags;
	__u8 provenance;
	__u16 key_len;
	__u16 __pad;
	__u8 key_id[KEYSEAL_KEY_ID_SIZE];
	__u64 created;
	__u64 not_after;
	__u8 parent_fingerprint[KEYSEAL_FINGERPRINT_SIZE];
	char parent[KEYSEAL_PARENT_MAX + 1];
	__u8 public_fingerprint[KEYSEAL_FINGERPRINT_SIZE];
	__u64 reserved[4];
};

/* Targets of KEYSEAL_IOC_EXPORT */
#define KEYSEAL_TARGET_PARENT		1	/* the key's own parent */
#define KEYSEAL_TARGET_KEK		2	/* another KEK: @kek */
#define KEYSEAL_TARGET_PLAINTEXT	3	/* in the clear */
#define KEYSEAL_TARGET_RECIPIENT	4	/* a public key: @recipient */

/**
 * struct keyseal_export - wrap a key for a target (KEYSEAL_IOC_EXPORT)
 * @serial: in: the key to export
 * @target: in: KEYSEAL_TARGET_*
 * @kek: in: KEYSEAL_TARGET_KEK: serial of the wrapping KEK; else zero
 * @sender: in: KEYSEAL_TARGET_RECIPIENT: serial of the sender's own exchange
 *	key for HPKE auth mode, or zero for base mode; else zero
 * @recipient: in: KEYSEAL_TARGET_RECIPIENT: pointer to the recipient's raw
 *	public key (32 bytes X25519, 65 bytes uncompressed P-256); else zero
 * @recipient_len: in: its length
 * @recipient_kem: in: KEYSEAL_KEM_*
 * @__pad: must be zero
 * @flags: in: must be zero
 * @blob_len: in: size of the @blob buffer; out: size of the blob, also when
 *	the buffer was too small (ERANGE)
 * @blob: in: pointer to the output buffer
 * @reserved: must be zero
 */
struct keyseal_export {
	__s32 serial;
	__u32 target;
	__s32 kek;
	__s32 sender;
	__u64 recipient;
	__u32 recipient_len;
	__u16 recipient_kem;
	__u16 __pad;
	__u32 flags;
	__u32 blob_len;
	__u64 blob;
	__u64 reserved[4];
};

/**
 * struct keyseal_import - make a key from a blob (KEYSEAL_IOC_IMPORT)
 * @blob: in: pointer to the binary blob
 * @blob_len: in: its length
 * @keyring: in: keyring to link the new key into (a serial or KEY_SPEC_*)
 * @description: in: pointer to the new key's NUL-terminated description
 * @unwrap: in: serial of the key that opens the blob (its parent KEK or the
 *	recipient's exchange key), or zero to find the key the blob names in
 *	the caller's keyrings
 * @parent: in: for recipient and plaintext blobs, serial of the KEK the new
 *	key is stored under, or zero for the default parent
 * @expected_sender: in: HPKE auth mode: pointer to the raw public key the
 *	blob must come from, or zero to accept any sender
 * @expected_sender_len: in: its length
 * @flags: in: must be zero
 * @serial: out: the new key
 * @__pad: must be zero
 * @reserved: must be zero
 */
struct keyseal_import {
	__u64 blob;
	__u32 blob_len;
	__s32 keyring;
	__u64 description;
	__s32 unwrap;
	__s32 parent;
	__u64 expected_sender;
	__u32 expected_sender_len;
	__u32 flags;
	__s32 serial;
	__u32 __pad;
	__u64 reserved[4];
};

/**
 * struct keyseal_rewrap - re-seal a blob under another KEK (KEYSEAL_IOC_REWRAP)
 * @blob_in: in: pointer to the blob
 * @blob_in_len: in: its length
 * @unwrap: in: serial of the KEK that opens it, or zero to find the parent the
 *	blob names in the caller's keyrings
 * @kek: in: serial of the KEK to seal under
 * @flags: in: must be zero
 * @blob_out_len: in: size of the @blob_out buffer; out: size of the new blob,
 *	also when the buffer was too small (ERANGE)
 * @__pad: must be zero
 * @blob_out: in: pointer to the output buffer
 * @reserved: must be zero
 *
 * No key is created and the key material never leaves the kernel.
 */
struct keyseal_rewrap {
	__u64 blob_in;
	__u32 blob_in_len;
	__s32 unwrap;
	__s32 kek;
	__u32 flags;
	__u32 blob_out_len;
	__u32 __pad;
	__u64 blob_out;
	__u64 reserved[4];
};

/**
 * struct keyseal_crypt - AES-GCM with an aead key (ENCRYPT and DECRYPT)
 * @serial: in: the aead key
 * @flags: in: must be zero
 * @in: in: pointer to the input: plaintext, or ciphertext followed by the tag
 * @in_len: in: its length, at most KEYSEAL_CRYPT_MAX (plus the tag)
 * @aad_len: in: length of the additional authenticated data
 * @aad: in: pointer to the additional authenticated data, may be zero if
 *	@aad_len is zero
 * @out: in: pointer to the output buffer
 * @out_len: in: its size; out: bytes written (@in_len + KEYSEAL_TAG_SIZE when
 *	encrypting, @in_len - KEYSEAL_TAG_SIZE when decrypting)
 * @__pad: must be zero
 * @nonce: ENCRYPT: out: the nonce the kernel chose; DECRYPT: in
 * @__pad2: must be zero
 * @reserved: must be zero
 */
struct keyseal_crypt {
	__s32 serial;
	__u32 flags;
	__u64 in;
	__u32 in_len;
	__u32 aad_len;
	__u64 aad;
	__u64 out;
	__u32 out_len;
	__u32 __pad;
	__u8 nonce[KEYSEAL_NONCE_SIZE];
	__u32 __pad2;
	__u64 reserved[2];
};

/**
 * struct keyseal_pubkey - public half of an exchange key (KEYSEAL_IOC_PUBKEY)
 * @serial: in: an x25519 or p256 key
 * @flags: in: must be zero
 * @buf: in: pointer to the output buffer for the raw public key
 * @buf_len: in: its size; out: the public key's size, also when the buffer
 *	was too small (ERANGE)
 * @kem: out: KEYSEAL_KEM_*
 * @__pad: must be zero
 * @fingerprint: out: SHA-256 of the public key's SubjectPublicKeyInfo
 * @reserved: must be zero
 */
struct keyseal_pubkey {
	__s32 serial;
	__u32 flags;
	__u64 buf;
	__u32 buf_len;
	__u16 kem;
	__u16 __pad;
	__u8 fingerprint[KEYSEAL_FINGERPRINT_SIZE];
	__u64 reserved[2];
};

/* Kinds of in-kernel key KEYSEAL_IOC_BRIDGE makes */
#define KEYSEAL_BRIDGE_LOGON		1	/* "logon": dm-crypt and others */
#define KEYSEAL_BRIDGE_FSCRYPT		2	/* "fscrypt-provisioning", v2 */

/**
 * struct keyseal_bridge - hand a secret key to an in-kernel consumer
 *	(KEYSEAL_IOC_BRIDGE)
 * @serial: in: the sealed key, of usage secret; the caller needs search
 *	permission on it
 * @kind: in: KEYSEAL_BRIDGE_*
 * @keyring: in: keyring to link the new key into (a serial or KEY_SPEC_*);
 *	the caller needs write permission on it
 * @key_len: in: the length the consumer needs (a cipher's key size), or
 *	zero for any the kind allows; out: the length of the material
 * @description: in: pointer to the new key's NUL-terminated description
 * @flags: in: must be zero
 * @new_serial: out: the new key
 * @reserved: must be zero
 *
 * The new key holds a copy of the sealed key's material, made in the
 * kernel and owned by the caller: a logon key, or an fscrypt-provisioning
 * key of type FSCRYPT_KEY_SPEC_TYPE_IDENTIFIER for the key_id of
 * FS_IOC_ADD_ENCRYPTION_KEY. Neither type can be read from userspace.
 * The copy lives on its own: revoking the sealed key leaves it alone.
 */
struct keyseal_bridge {
	__s32 serial;
	__u32 kind;
	__s32 keyring;
	__u32 key_len;
	__u64 description;
	__u32 flags;
	__s32 new_serial;
	__u64 reserved[4];
};

#define KEYSEAL_IOC_INFO	_IOWR(KEYSEAL_IOCTL_TYPE, 0x01, struct keyseal_info)
#define KEYSEAL_IOC_EXPORT	_IOWR(KEYSEAL_IOCTL_TYPE, 0x02, struct keyseal_export)
#define KEYSEAL_IOC_IMPORT	_IOWR(KEYSEAL_IOCTL_TYPE, 0x03, struct keyseal_import)
#define KEYSEAL_IOC_REWRAP	_IOWR(KEYSEAL_IOCTL_TYPE, 0x04, struct keyseal_rewrap)
#define KEYSEAL_IOC_ENCRYPT	_IOWR(KEYSEAL_IOCTL_TYPE, 0x05, struct keyseal_crypt)
#define KEYSEAL_IOC_DECRYPT	_IOWR(KEYSEAL_IOCTL_TYPE, 0x06, struct keyseal_crypt)
#define KEYSEAL_IOC_PUBKEY	_IOWR(KEYSEAL_IOCTL_TYPE, 0x07, struct keyseal_pubkey)
#define KEYSEAL_IOC_BRIDGE	_IOWR(KEYSEAL_IOCTL_TYPE, 0x08, struct keyseal_bridge)

#endif /* _UAPI_LINUX_KEYSEAL_H */
