// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Blobs across /dev/keyseal: EXPORT, IMPORT and REWRAP.
 *
 * Lengths are size_t here and __u32 in the ioctls: every length is checked
 * before it is narrowed, so a huge size can never wrap into a small one.
 */

#include <errno.h>
#include <limits.h>
#include <string.h>

#include "internal.h"

/* A buffer size the ioctl can carry; more is never needed. */
static uint32_t size_u32(size_t size)
{
	return size > UINT32_MAX ? UINT32_MAX : (uint32_t)size;
}

static int public_key_len_valid(const struct keyseal_public_key *pk)
{
	return pk->len > 0 && pk->len <= sizeof(pk->key);
}

/* Fields that belong to other targets must be zero, as the kernel wants. */
static int export_request(const struct keyseal_export_target *target,
			  struct keyseal_export *req)
{
	const struct keyseal_public_key *pk = target->recipient;

	req->target = target->type;
	switch (target->type) {
	case KEYSEAL_TARGET_PARENT:
	case KEYSEAL_TARGET_PLAINTEXT:
		if (target->kek || target->sender || pk)
			return -EINVAL;
		return 0;
	case KEYSEAL_TARGET_KEK:
		if (!target->kek || target->sender || pk)
			return -EINVAL;
		req->kek = target->kek;
		return 0;
	case KEYSEAL_TARGET_RECIPIENT:
		if (target->kek || !pk || !public_key_len_valid(pk))
			return -EINVAL;
		req->sender = target->sender;
		req->recipient = ks_ptr(pk->key);
		req->recipient_len = pk->len;
		req->recipient_kem = pk->kem;
		return 0;
	}
	return -EINVAL;
}

int keyseal_export(struct keyseal *ks, int32_t serial,
		   const struct keyseal_export_target *target, void *blob,
		   size_t *blob_len)
{
	static const struct keyseal_export_target parent = {
		.type = KEYSEAL_TARGET_PARENT,
	};
	struct keyseal_export req;
	int ret;

	if (!ks || !blob_len || (!blob && *blob_len))
		return -EINVAL;
	memset(&req, 0, sizeof(req));
	req.serial = serial;
	ret = export_request(target ? target : &parent, &req);
	if (ret)
		return ret;
	req.blob = ks_ptr(blob);
	req.blob_len = size_u32(*blob_len);

	ret = ks_ioctl(ks, KEYSEAL_IOC_EXPORT, &req);
	if (ret == 0 || ret == -ERANGE)
		*blob_len = req.blob_len;
	return ret;
}

int keyseal_import(struct keyseal *ks, const void *blob, size_t len,
		   const struct keyseal_import_params *params,
		   int32_t *serial)
{
	static const struct keyseal_import_params defaults;
	const struct keyseal_public_key *sender;
	uint8_t bin[KEYSEAL_BLOB_MAX_SIZE];
	size_t bin_len = sizeof(bin);
	struct keyseal_import req;
	int ret;

	if (!ks || !blob || !serial)
		return -EINVAL;
	if (!params)
		params = &defaults;
	sender = params->expected_sender;
	if (params->unwrap < 0 || params->parent < 0 ||
	    (sender && !public_key_len_valid(sender)))
		return -EINVAL;

	ret = keyseal_blob_decode(blob, len, bin, &bin_len);
	if (ret > 0) {
		memset(&req, 0, sizeof(req));
		req.blob = ks_ptr(bin);
		req.blob_len = bin_len;
		req.keyring = ks_keyring(params->keyring);
		req.description = ks_ptr(params->description);
		req.unwrap = params->unwrap;
		req.parent = params->parent;
		if (sender) {
			req.expected_sender = ks_ptr(sender->key);
			req.expected_sender_len = sender->len;
		}
		ret = ks_ioctl(ks, KEYSEAL_IOC_IMPORT, &req);
		if (ret == 0)
			*serial = req.serial;
	}
	/* A plaintext blob is the key itself. */
	explicit_bzero(bin, sizeof(bin));
	return ret;
}

int keyseal_rewrap(struct keyseal *ks, const void *blob, size_t len,
		   int32_t unwrap, int32_t kek, void *out, size_t *out_len)
{
	uint8_t bin[KEYSEAL_BLOB_MAX_SIZE];
	size_t bin_len = sizeof(bin);
	struct keyseal_rewrap req;
	int ret;

	if (!ks || !blob || !out_len || (!out && *out_len) || unwrap < 0 ||
	    kek <= 0)
		return -EINVAL;
	ret = keyseal_blob_decode(blob, len, bin, &bin_len);
	if (ret > 0) {
		memset(&req, 0, sizeof(req));
		req.blob_in = ks_ptr(bin);
		req.blob_in_len = bin_len;
		req.unwrap = unwrap;
		req.kek = kek;
		req.blob_out = ks_ptr(out);
		req.blob_out_len = size_u32(*out_len);
		ret = ks_ioctl(ks, KEYSEAL_IOC_REWRAP, &req);
		if (ret == 0 || ret == -ERANGE)
			*out_len = req.blob_out_len;
	}
	explicit_bzero(bin, sizeof(bin));
	return ret;
}
