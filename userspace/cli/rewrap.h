/* SPDX-License-Identifier: GPL-2.0 */
/*
 * keyseal rewrap: one blob file sealed again under another KEK, in place.
 */
#ifndef KEYSEAL_CLI_REWRAP_H
#define KEYSEAL_CLI_REWRAP_H

#include "cli.h"

/**
 * struct rewrap - what every file of a rewrap shares
 * @ks: the device
 * @kek: the new KEK
 * @unwrap: the KEK that opens the blobs, if @have_unwrap
 * @have_unwrap: whether --unwrap named one
 * @checks: loads done so far, to name each check key apart
 */
struct rewrap {
	struct keyseal *ks;
	struct cli_key kek;
	struct cli_key unwrap;
	bool have_unwrap;
	unsigned int checks;
};

/*
 * Rewrap @file: 0 if it was, with the new blob's header in @now; 1 if it
 * was left as it was, after saying why.
 */
int rewrap_file(struct rewrap *r, const char *file,
		struct keyseal_blob_info *now);

#endif /* KEYSEAL_CLI_REWRAP_H */
