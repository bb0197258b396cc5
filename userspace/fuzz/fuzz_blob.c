// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * libFuzzer target: the blob codec. Whatever parses must serialise back to
 * the very same header bytes, and its body must sit where the header ends.
 */

#include <assert.h>
#include <stdint.h>
#include <string.h>

#include "blob.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct keyseal_blob blob;
	u8 header[KEYSEAL_BLOB_MAX_SIZE];
	int len;

	if (keyseal_blob_parse(data, size, &blob))
		return 0;

	len = keyseal_blob_write_header(&blob, header, sizeof(header));
	assert(len > 0 && (size_t)len == blob.header_len);
	assert(!memcmp(header, data, len));
	assert(blob.body == data + len);
	assert(blob.header_len + blob.body_len == size);
	return 0;
}
