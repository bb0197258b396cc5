/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * The commands the "sealed" key type accepts as add_key and update payloads:
 *
 *   new <usage> [<bytes>] [parent=<key>] [exportable] [plaintext]
 *       [notafter=<unix-seconds>]
 *   load <blob> [parent=<key>] [recipient=<key>] [sender=<hex public key>]
 *   import <usage> <hex> [parent=<key>] [exportable] [plaintext]
 *       [notafter=<unix-seconds>]
 *   rewrap parent=<key>
 *   restrict [exportable] [plaintext]
 *
 * A <key> is "type:description", found in the caller's keyrings, or
 * "#serial".
 *
 * Parsing checks syntax and ranges only; what is allowed is policy's call.
 */
#ifndef _KEYSEAL_COMMAND_H
#define _KEYSEAL_COMMAND_H

#include "portable.h"

#define KEYSEAL_CMD_MAX_SIZE	4096

enum keyseal_verb {
	KEYSEAL_CMD_NEW = 1,
	KEYSEAL_CMD_LOAD,
	KEYSEAL_CMD_IMPORT,
	KEYSEAL_CMD_REWRAP,
	KEYSEAL_CMD_RESTRICT,
};

/**
 * struct keyseal_cmd_key - a key a command names
 * @name: "type:description", not NUL-terminated, or NULL
 * @name_len: its length
 * @serial: the key's serial if named as "#serial", else 0
 *
 * Both @name and @serial unset: the option was not given.
 */
struct keyseal_cmd_key {
	const char *name;
	u8 name_len;
	s32 serial;
};

/**
 * struct keyseal_cmd - a parsed command
 * @verb: KEYSEAL_CMD_*
 * @usage: new, import: KEYSEAL_USAGE_*
 * @key_flags: new, import, restrict: the KEYSEAL_FLAG_* named ("plaintext"
 *	brings "exportable" with it)
 * @key_len: new: bytes of material to make; import: bytes in @data
 * @not_after: new, import: expiry in seconds since the epoch, 0 for none
 * @parent: the key parent= names: the KEK to store under, or for "load" of
 *	a blob under a KEK, the KEK that opens it
 * @recipient: load: the exchange key recipient= names to open a recipient
 *	blob with
 * @data: load: the armored blob; import: the material in hex
 * @data_len: its length
 * @sender_pk: load: the public key the blob must come from
 * @sender_pk_len: its length, 0 if sender= was not given
 */
struct keyseal_cmd {
	enum keyseal_verb verb;
	u8 usage;
	u8 key_flags;
	u16 key_len;
	u64 not_after;
	struct keyseal_cmd_key parent;
	struct keyseal_cmd_key recipient;
	const char *data;
	size_t data_len;
	u8 sender_pk[KEYSEAL_P256_PUBLIC_SIZE];
	u16 sender_pk_len;
};

int keyseal_cmd_parse(const char *text, size_t len, struct keyseal_cmd *cmd);
int keyseal_hex_decode(const char *hex, size_t len, u8 *out, size_t size);

#endif /* _KEYSEAL_COMMAND_H */
