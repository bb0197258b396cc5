// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Offline reading of blobs with the codec the module uses.
 */

#include <string.h>

#include "blob.h"
#include "internal.h"

int keyseal_blob_inspect(const void *buf, size_t len,
			 struct keyseal_blob_info *info)
{
	struct keyseal_blob blob;
	int ret;

	ret = keyseal_blob_parse(buf, len, &blob);
	if (ret)
		return ret;

	memset(info, 0, sizeof(*info));
	info->scheme = blob.scheme;
	info->usage = blob.attrs.usage;
	info->key_alg = blob.attrs.key_alg;
	info->key_flags = blob.attrs.key_flags;
	info->provenance = blob.attrs.provenance;
	info->key_len = blob.attrs.key_len;
	info->kem_id = blob.kem_id;
	memcpy(info->key_id, blob.attrs.key_id, sizeof(info->key_id));
	info->created = blob.attrs.created;
	info->not_after = blob.attrs.not_after;
	if (blob.parent) {
		memcpy(info->parent, blob.parent, blob.parent_len);
		memcpy(info->parent_fingerprint, blob.parent_fp,
		       KEYSEAL_FINGERPRINT_SIZE);
	}
	if (blob.recipient_fp)
		memcpy(info->recipient_fingerprint, blob.recipient_fp,
		       KEYSEAL_FINGERPRINT_SIZE);
	if (blob.sender_pk_len) {
		memcpy(info->sender_public, blob.sender_pk, blob.sender_pk_len);
		info->sender_public_len = blob.sender_pk_len;
	}
	return 0;
}
