/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * libkeyseal: sealed keys in the kernel keyring, from C.
 *
 * Every function returns 0 (or a non-negative count) on success and a
 * negative errno on failure, with the meanings of libkeyseal(3). The library
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
 * The handle stays valid until keyseal_close(); it may be used by several
 * threads at once.
 *
 * Return: 0, -ENOENT if the module is not loaded (no /dev/keyseal, or a
 * device node with no driver behind it), or another negative errno.
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
 * --- Text forms of blobs ---------------------------------------------------
 *
 * A blob travels in one of three forms: the binary blob itself; the text
 * form "keyctl read" returns and "load" takes, one line of RFC 4648 base64;
 * and a PEM-style form for files and mail:
 *
 *	-----BEGIN KEYSEAL BLOB-----
 *	(the text form, in lines of 64 characters)
 *	-----END KEYSEAL BLOB-----
 *
 * Every function that takes a blob takes it in any of the three forms.
 */

/**
 * enum keyseal_blob_form - the form a blob is in
 * @KEYSEAL_FORM_BINARY: the binary blob
 * @KEYSEAL_FORM_TEXT: one line of base64, as "keyctl read" returns it
 * @KEYSEAL_FORM_PEM: "-----BEGIN KEYSEAL BLOB-----", 64-column base64,
 *	"-----END KEYSEAL BLOB-----"
 */
enum keyseal_blob_form {
	KEYSEAL_FORM_BINARY = 1,
	KEYSEAL_FORM_TEXT = 2,
	KEYSEAL_FORM_PEM = 3,
};

/* Room for any blob in text form, with its NUL. */
#define KEYSEAL_TEXT_MAX	((KEYSEAL_BLOB_MAX_SIZE + 2) / 3 * 4 + 1)
/* Room for any blob in PEM form, with its NUL. */
#define KEYSEAL_PEM_MAX		(KEYSEAL_TEXT_MAX + KEYSEAL_TEXT_MAX / 64 + 1 + \
				 sizeof("-----BEGIN KEYSEAL BLOB-----\n") + \
				 sizeof("-----END KEYSEAL BLOB-----\n"))

/**
 * keyseal_blob_encode() - write a blob in a form
 * @blob: the binary blob
 * @len: its length
 * @form: the form to write
 * @out: output; the text forms are NUL-terminated, and KEYSEAL_TEXT_MAX or
 *	KEYSEAL_PEM_MAX bytes are always enough
 * @out_len: in: size of @out; out: length of the encoding without the NUL,
 *	or on -ERANGE the size @out needs (with the NUL)
 *
 * The PEM form ends with a newline; the text form has none.
 *
 * Return: 0; -EINVAL if @blob is not a well-formed blob or @form is unknown;
 * -ERANGE.
 */
int keyseal_blob_encode(const void *blob, size_t len,
			enum keyseal_blob_form form, void *out,
			size_t *out_len);

/**
 * keyseal_blob_decode() - read a blob in any form
 * @in: the input: a binary blob, the text form (surrounding whitespace, such
 *	as a final newline, is ignored) or the PEM form (text before the BEGIN
 *	line and after the END line is ignored, as in a mail, but not a second
 *	blob)
 * @len: its length
 * @blob: output, the binary blob; KEYSEAL_BLOB_MAX_SIZE bytes are enough
 * @blob_len: in: size of @blob; out: size of the blob, also on -ERANGE
 *
 * Base64 must be canonical and the blob well-formed (keyseal_blob_inspect()
 * would accept it); nothing is authenticated.
 *
 * Return: the form @in was in (KEYSEAL_FORM_*); -EINVAL if @in is no blob in
 * any form; -ERANGE.
 */
int keyseal_blob_decode(const void *in, size_t len, void *blob,
			size_t *blob_len);

/**
 * keyseal_usage_to_string() - the name of a usage, as keyctl commands spell it
 * @usage: KEYSEAL_USAGE_*
 *
 * Return: "kek", "aead", "secret", "x25519" or "p256"; NULL for an unknown
 * usage.
 */
const char *keyseal_usage_to_string(uint8_t usage);

/**
 * keyseal_usage_from_string() - the usage a name stands for
 * @name: "kek", "aead", "secret", "x25519" or "p256"
 *
 * Return: KEYSEAL_USAGE_*, or -EINVAL.
 */
int keyseal_usage_from_string(const char *name);

/*
 * --- Keys in the kernel keyring ---------------------------------------------
 *
 * These functions need libkeyutils, not /dev/keyseal: they are add_key(2)
 * and keyctl_update(2) with the commands of Documentation/keyctl.rst. Each
 * argument is checked and the command is parsed back with the module's own
 * parser before it is sent, so no argument can add a word to a command.
 *
 * Keys and keyrings are named by serial (key_serial_t); a keyring may also
 * be a special one, KEY_SPEC_SESSION_KEYRING and the like from <keyutils.h>,
 * and 0 means the session keyring. A key given to a command by name is
 * "type:description", found in the caller's keyrings as request_key(2)
 * finds keys, or "#serial".
 *
 * Errors are the kernel's, with the meanings of Documentation/keyctl.rst:
 * -EINVAL (malformed), -ENOKEY (the parent or opening key is not in the
 * caller's keyrings), -EKEYREJECTED (it cannot serve), -EKEYREVOKED,
 * -EKEYEXPIRED, -EBADMSG (a blob that fails authentication), -EPERM (policy),
 * -EACCES, -EEXIST (a sealed key of that description is already in the
 * keyring), -EOPNOTSUPP, -ENODEV (the module is not loaded), -EDQUOT.
 */

/**
 * struct keyseal_key_spec - a key to make
 * @usage: KEYSEAL_USAGE_*
 * @key_flags: KEYSEAL_FLAG_*; KEYSEAL_FLAG_PLAINTEXT brings
 *	KEYSEAL_FLAG_EXPORTABLE with it
 * @key_len: bytes of material, or 0 for the usage's default (32)
 * @not_after: expiry, seconds since the epoch, or 0 for none
 * @parent: the KEK to store the key under, "type:description" or "#serial";
 *	NULL for the module's default parent
 */
struct keyseal_key_spec {
	uint8_t usage;
	uint8_t key_flags;
	uint16_t key_len;
	uint64_t not_after;
	const char *parent;
};

/**
 * keyseal_key_generate() - make a new key in the kernel ("new")
 * @spec: what key
 * @description: the new key's description, or NULL for the kernel's
 *	"usage:keyid"
 * @keyring: the keyring to add it to
 * @serial: set to the new key
 *
 * The material comes from the kernel's random number generator and never
 * leaves the kernel in the clear unless @spec gives the plaintext flag.
 *
 * Return: 0 or a negative errno (see above).
 */
int keyseal_key_generate(const struct keyseal_key_spec *spec,
			 const char *description, int32_t keyring,
			 int32_t *serial);

/**
 * keyseal_key_import_material() - make a key of known material ("import")
 * @spec: what key
 * @material: the key material
 * @len: its length, which must suit @spec->usage (@spec->key_len is 0 or
 *	@len)
 * @description: the new key's description, or NULL for the kernel's
 * @keyring: the keyring to add it to
 * @serial: set to the new key
 *
 * For migrating existing keys; the kernel requires CAP_SYS_ADMIN and marks
 * the key as imported in the clear for good. The copy of the material this
 * function makes is wiped before it returns.
 *
 * Return: 0 or a negative errno (see above); -EPERM without the privilege.
 */
int keyseal_key_import_material(const struct keyseal_key_spec *spec,
				const void *material, size_t len,
				const char *description, int32_t keyring,
				int32_t *serial);

/**
 * struct keyseal_load_params - which keys open and keep a loaded blob
 * @parent: a blob under a KEK: the KEK that opens it, if not the one the
 *	blob names; a recipient or plaintext blob: the KEK to store the new key
 *	under, if not the default parent. "type:description", "#serial" or NULL.
 * @recipient: a recipient blob: the exchange key that opens it,
 *	"type:description", "#serial" or NULL
 * @sender: a recipient blob in HPKE auth mode: the public key it must come
 *	from, or NULL to accept any sender
 */
struct keyseal_load_params {
	const char *parent;
	const char *recipient;
	const struct keyseal_public_key *sender;
};

/**
 * keyseal_key_load() - make a key from a blob ("load")
 * @blob: the blob, in any form
 * @len: its length
 * @params: which keys open and keep it, or NULL for the defaults
 * @description: the new key's description, or NULL for the kernel's
 * @keyring: the keyring to add it to
 * @serial: set to the new key
 *
 * The same as keyseal_import() without /dev/keyseal, with keys named as
 * keyctl names them rather than by serial.
 *
 * Return: 0 or a negative errno (see above).
 */
int keyseal_key_load(const void *blob, size_t len,
		     const struct keyseal_load_params *params,
		     const char *description, int32_t keyring,
		     int32_t *serial);

/**
 * keyseal_key_rewrap() - store a key under another KEK ("rewrap")
 * @serial: the key
 * @parent: the new parent, "type:description" or "#serial"
 *
 * Return: 0 or a negative errno (see above); -EPERM if the key is not
 * exportable and @parent is not its current parent.
 */
int keyseal_key_rewrap(int32_t serial, const char *parent);

/**
 * keyseal_key_restrict() - clear policy flags of a key ("restrict")
 * @serial: the key
 * @key_flags: the flags to keep (KEYSEAL_FLAG_*; plaintext brings
 *	exportable with it); flags can be cleared, never set
 *
 * The key is sealed again under its parent, which must be in the caller's
 * keyrings.
 *
 * Return: 0 or a negative errno (see above); -EPERM if @key_flags sets a
 * flag the key does not have.
 */
int keyseal_key_restrict(int32_t serial, uint8_t key_flags);

/**
 * keyseal_key_find() - the serial of a key named as keyctl names keys
 * @name: a serial ("123456" or "#123456"); "%type:description", searched
 *	for in the caller's keyrings as request_key(2) searches, with search
 *	permission; or a special keyring: "@t", "@p", "@s", "@u", "@us"
 * @serial: set to the key, or to the KEY_SPEC_* value of a special keyring
 *
 * A serial is not checked: the operation that uses it will be.
 *
 * Return: 0; -EINVAL for a malformed name; -ENOKEY if no such key is in the
 * caller's keyrings; or another error of request_key(2) (-EKEYREVOKED,
 * -EKEYEXPIRED, -EACCES).
 */
int keyseal_key_find(const char *name, int32_t *serial);

/**
 * keyseal_key_list() - the sealed keys in the caller's keyrings
 * @serials: set to an array of their serials, which the caller frees with
 *	free(); NULL if there are none
 * @count: set to the number of serials
 *
 * The thread, process and session keyrings are walked (the keyrings
 * request_key(2) searches, so every key listed can be found by name), with
 * the keyrings linked in them, as far as the caller may read them; each key
 * is listed once.
 *
 * Return: 0, -ENOMEM.
 */
int keyseal_key_list(int32_t **serials, size_t *count);

/*
 * --- /dev/keyseal ----------------------------------------------------------
 *
 * What keyctl cannot say, through the handle keyseal_open() returns. Keys
 * are named by serial and checked with the caller's credentials. Errors
 * have the meanings of Documentation/keyctl.rst; besides: -ENOKEY if a key
 * named by serial is not one the caller can reach, -EKEYREJECTED if a key is
 * not a sealed key or cannot serve (a kek key asked to encrypt), -ERANGE if
 * an output buffer is too small (its length then says how much is needed),
 * -EOPNOTSUPP if the module lacks the request.
 */

/**
 * struct keyseal_key_info - what a sealed key is
 * @serial: the key
 * @usage: KEYSEAL_USAGE_*
 * @key_alg: KEYSEAL_ALG_*
 * @key_flags: KEYSEAL_FLAG_*
 * @provenance: KEYSEAL_ORIGIN_* | KEYSEAL_PROV_*
 * @key_len: bytes of key material
 * @key_id: the key's identity, the same wherever it is loaded
 * @created: creation time, seconds since the epoch
 * @not_after: expiry, seconds since the epoch; 0 for none
 * @parent: the KEK it is stored under, "type:description"
 * @parent_fingerprint: that KEK's fingerprint
 * @public_fingerprint: exchange keys: SHA-256 of the public key's
 *	SubjectPublicKeyInfo; zero otherwise
 */
struct keyseal_key_info {
	int32_t serial;
	uint8_t usage;
	uint8_t key_alg;
	uint8_t key_flags;
	uint8_t provenance;
	uint16_t key_len;
	uint8_t key_id[KEYSEAL_KEY_ID_SIZE];
	uint64_t created;
	uint64_t not_after;
	char parent[KEYSEAL_PARENT_MAX + 1];
	uint8_t parent_fingerprint[KEYSEAL_FINGERPRINT_SIZE];
	uint8_t public_fingerprint[KEYSEAL_FINGERPRINT_SIZE];
};

/**
 * keyseal_info() - what a sealed key is (KEYSEAL_IOC_INFO)
 * @ks: the handle
 * @serial: the key; the caller needs view permission
 * @info: filled in
 *
 * Return: 0 or a negative errno.
 */
int keyseal_info(struct keyseal *ks, int32_t serial,
		 struct keyseal_key_info *info);

struct keyseal_public_key;

/**
 * struct keyseal_export_target - what to wrap a key for
 * @type: KEYSEAL_TARGET_PARENT (the key's own parent: the blob "keyctl
 *	read" gives), KEYSEAL_TARGET_KEK (@kek), KEYSEAL_TARGET_PLAINTEXT (in
 *	the clear) or KEYSEAL_TARGET_RECIPIENT (@recipient)
 * @kek: KEYSEAL_TARGET_KEK: the KEK to wrap under; else 0
 * @sender: KEYSEAL_TARGET_RECIPIENT: the caller's own exchange key, for HPKE
 *	auth mode, or 0 for base mode; else 0
 * @recipient: KEYSEAL_TARGET_RECIPIENT: the recipient's public key; else
 *	NULL
 */
struct keyseal_export_target {
	uint32_t type;
	int32_t kek;
	int32_t sender;
	const struct keyseal_public_key *recipient;
};

/**
 * keyseal_export() - a key wrapped for a target (KEYSEAL_IOC_EXPORT)
 * @ks: the handle
 * @serial: the key; the caller needs read permission
 * @target: the target, or NULL for the key's parent
 * @blob: output, the binary blob; KEYSEAL_BLOB_MAX_SIZE bytes are enough
 * @blob_len: in: size of @blob; out: size of the blob, also on -ERANGE
 *
 * Any KEK but the key's parent needs the exportable flag, and plaintext the
 * plaintext flag. A plaintext blob holds the key in the clear: the caller
 * wipes it when done.
 *
 * Return: 0; -EINVAL for a malformed target; -EPERM if policy forbids it;
 * -EKEYREJECTED if the KEK cannot wrap (not a kek, or the key itself);
 * -EKEYEXPIRED; -ERANGE; another negative errno.
 */
int keyseal_export(struct keyseal *ks, int32_t serial,
		   const struct keyseal_export_target *target, void *blob,
		   size_t *blob_len);

/**
 * struct keyseal_import_params - where an imported key goes, and what opens it
 * @keyring: the keyring to link the key into; 0 for the session keyring
 * @description: the key's description, or NULL for the kernel's
 *	"usage:keyid"
 * @unwrap: the key that opens the blob (its KEK, or the recipient's exchange
 *	key), or 0 for the one the blob names, found in the caller's keyrings
 * @parent: recipient and plaintext blobs: the KEK to store the key under,
 *	or 0 for the default parent; must be 0 for a blob under a KEK, whose KEK
 *	becomes the parent
 * @expected_sender: a recipient blob in HPKE auth mode: the public key it
 *	must come from, or NULL to accept any sender
 */
struct keyseal_import_params {
	int32_t keyring;
	const char *description;
	int32_t unwrap;
	int32_t parent;
	const struct keyseal_public_key *expected_sender;
};

/**
 * keyseal_import() - make a key from a blob (KEYSEAL_IOC_IMPORT)
 * @ks: the handle
 * @blob: the blob, in any form
 * @len: its length
 * @params: where the key goes and what opens it, or NULL for the defaults
 * @serial: set to the new key
 *
 * The key passes exactly the checks of keyctl "load". An existing key is
 * never replaced.
 *
 * Return: 0; -EINVAL; -EBADMSG if the blob fails authentication; -ENOKEY;
 * -EKEYREJECTED; -EKEYEXPIRED; -EEXIST; -EPERM (a plaintext blob without
 * CAP_SYS_ADMIN); another negative errno.
 */
int keyseal_import(struct keyseal *ks, const void *blob, size_t len,
		   const struct keyseal_import_params *params,
		   int32_t *serial);

/**
 * keyseal_rewrap() - seal a blob under another KEK (KEYSEAL_IOC_REWRAP)
 * @ks: the handle
 * @blob: a blob under a KEK, in any form
 * @len: its length
 * @unwrap: the KEK that opens it, or 0 for the one it names, found in the
 *	caller's keyrings
 * @kek: the KEK to seal it under
 * @out: output, the new binary blob; KEYSEAL_BLOB_MAX_SIZE bytes are enough
 * @out_len: in: size of @out; out: size of the new blob, also on -ERANGE
 *
 * No key is created and the material never leaves the kernel: this is key
 * rotation for blobs kept in files.
 *
 * Return: 0; -EINVAL (also for a blob of another scheme); -EBADMSG; -ENOKEY;
 * -EKEYREJECTED; -EPERM if the key is not exportable and @kek is not its
 * parent; -EKEYEXPIRED; -ERANGE; another negative errno.
 */
int keyseal_rewrap(struct keyseal *ks, const void *blob, size_t len,
		   int32_t unwrap, int32_t kek, void *out, size_t *out_len);

/**
 * keyseal_encrypt() - AES-GCM encryption with an aead key (KEYSEAL_IOC_ENCRYPT)
 * @ks: the handle
 * @serial: the aead key; the caller needs search permission
 * @in: the plaintext
 * @in_len: its length, at most KEYSEAL_CRYPT_MAX
 * @aad: additional authenticated data, or NULL if @aad_len is 0
 * @aad_len: its length, at most KEYSEAL_CRYPT_MAX
 * @out: output: the ciphertext followed by the KEYSEAL_TAG_SIZE-byte tag
 * @out_len: in: size of @out; out: @in_len + KEYSEAL_TAG_SIZE, also on
 *	-ERANGE
 * @nonce: set to the nonce the kernel chose, which decryption needs
 *
 * Return: 0; -EINVAL for an overlong input; -EKEYREJECTED if the key is not
 * an aead key; -EKEYEXPIRED; -ERANGE; another negative errno.
 */
int keyseal_encrypt(struct keyseal *ks, int32_t serial, const void *in,
		    size_t in_len, const void *aad, size_t aad_len, void *out,
		    size_t *out_len, uint8_t nonce[KEYSEAL_NONCE_SIZE]);

/**
 * keyseal_decrypt() - AES-GCM decryption with an aead key (KEYSEAL_IOC_DECRYPT)
 * @ks: the handle
 * @serial: the aead key; the caller needs search permission
 * @in: the ciphertext followed by the tag
 * @in_len: its length, KEYSEAL_TAG_SIZE to KEYSEAL_CRYPT_MAX +
 *	KEYSEAL_TAG_SIZE
 * @aad: the additional authenticated data given to keyseal_encrypt(), or
 *	NULL if @aad_len is 0
 * @aad_len: its length
 * @nonce: the nonce keyseal_encrypt() returned
 * @out: output, the plaintext; written only if it is authentic. The caller
 *	wipes it when done.
 * @out_len: in: size of @out; out: @in_len - KEYSEAL_TAG_SIZE, also on
 *	-ERANGE
 *
 * Return: 0; -EBADMSG if the ciphertext, its tag, @aad or @nonce is not
 * what was encrypted (or the key is another); -EINVAL; -EKEYREJECTED;
 * -EKEYEXPIRED; -ERANGE; another negative errno.
 */
int keyseal_decrypt(struct keyseal *ks, int32_t serial, const void *in,
		    size_t in_len, const void *aad, size_t aad_len,
		    const uint8_t nonce[KEYSEAL_NONCE_SIZE], void *out,
		    size_t *out_len);

/**
 * keyseal_pubkey() - the public key of an exchange key (KEYSEAL_IOC_PUBKEY)
 * @ks: the handle
 * @serial: an x25519 or p256 sealed key; the caller needs view permission
 * @pk: set to its public key, for keyseal_public_key_to_pem() and
 *	keyseal_public_key_fingerprint()
 *
 * Return: 0; -EKEYREJECTED if the key is not an exchange key; -EOPNOTSUPP if
 * the module has no exchange keys; another negative errno.
 */
int keyseal_pubkey(struct keyseal *ks, int32_t serial,
		   struct keyseal_public_key *pk);

/**
 * keyseal_bridge() - hand a secret key to an in-kernel consumer
 *	(KEYSEAL_IOC_BRIDGE)
 * @ks: the handle
 * @serial: a sealed key of usage secret; the caller needs search permission
 * @kind: KEYSEAL_BRIDGE_LOGON: a "logon" key, as dm-crypt takes with
 *	":<len>:logon:<description>" in its table; KEYSEAL_BRIDGE_FSCRYPT: an
 *	"fscrypt-provisioning" key of type FSCRYPT_KEY_SPEC_TYPE_IDENTIFIER,
 *	whose serial is the key_id of FS_IOC_ADD_ENCRYPTION_KEY
 * @description: the new key's description; a logon key's needs a
 *	"prefix:" ("cryptsetup:vol")
 * @keyring: the keyring to link it into (the caller needs write
 *	permission); 0 for the session keyring
 * @key_len: the length the consumer needs (32 or 64 for aes-xts-plain64;
 *	fscrypt's v2 AES-256-XTS takes 32 to 64), or 0 for any the kind
 *	takes
 * @new_serial: set to the new key
 *
 * The kernel copies the material into a key of that type, owned by the
 * caller, with the permissions "keyctl add" gives; a key of the same type
 * and description in @keyring is updated, as by "keyctl add". Neither type
 * can be read from userspace. The copy is independent of the sealed key:
 * revoking one leaves the other.
 *
 * Return: 0; -EINVAL for a malformed request or description;
 * -EKEYREJECTED if the key is not a secret key, or its length is not
 * @key_len or more than the kind takes (64 bytes for fscrypt);
 * -EKEYEXPIRED; -EKEYREVOKED; -ENOKEY; -EACCES; -EOPNOTSUPP if the kernel
 * lacks the key type (no fscrypt) or keyseal lacks BRIDGE; another
 * negative errno.
 */
int keyseal_bridge(struct keyseal *ks, int32_t serial, uint32_t kind,
		   const char *description, int32_t keyring, uint32_t key_len,
		   int32_t *new_serial);

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
