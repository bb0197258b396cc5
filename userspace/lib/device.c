// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The /dev/keyseal handle, and the requests that only read a key: INFO and
 * PUBKEY.
 */

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <linux/keyctl.h>

#include "internal.h"

int keyseal_open(struct keyseal **ks)
{
	struct keyseal *handle;
	int err;

	if (!ks)
		return -EINVAL;
	handle = calloc(1, sizeof(*handle));
	if (!handle)
		return -ENOMEM;
	handle->fd = open(KEYSEAL_DEVICE, O_RDWR | O_CLOEXEC);
	if (handle->fd < 0) {
		err = errno;
		free(handle);
		/* A stale device node with no driver behind it: not loaded. */
		if (err == ENXIO || err == ENODEV)
			err = ENOENT;
		return -err;
	}
	*ks = handle;
	return 0;
}

void keyseal_close(struct keyseal *ks)
{
	if (!ks)
		return;
	close(ks->fd);
	free(ks);
}

int ks_ioctl(const struct keyseal *ks, unsigned long request, void *arg)
{
	if (ioctl(ks->fd, request, arg) == 0)
		return 0;
	/* A request this module does not know. */
	if (errno == ENOTTY)
		return -EOPNOTSUPP;
	return -errno;
}

int32_t ks_keyring(int32_t keyring)
{
	return keyring ? keyring : KEY_SPEC_SESSION_KEYRING;
}

int keyseal_info(struct keyseal *ks, int32_t serial,
		 struct keyseal_key_info *info)
{
	struct keyseal_info req;
	int ret;

	if (!ks || !info)
		return -EINVAL;
	memset(&req, 0, sizeof(req));
	req.serial = serial;
	ret = ks_ioctl(ks, KEYSEAL_IOC_INFO, &req);
	if (ret)
		return ret;

	memset(info, 0, sizeof(*info));
	info->serial = serial;
	info->usage = req.usage;
	info->key_alg = req.key_alg;
	info->key_flags = req.key_flags;
	info->provenance = req.provenance;
	info->key_len = req.key_len;
	memcpy(info->key_id, req.key_id, sizeof(info->key_id));
	info->created = req.created;
	info->not_after = req.not_after;
	/* The kernel terminates it; a library does not take that on trust. */
	memcpy(info->parent, req.parent, sizeof(info->parent) - 1);
	memcpy(info->parent_fingerprint, req.parent_fingerprint,
	       sizeof(info->parent_fingerprint));
	memcpy(info->public_fingerprint, req.public_fingerprint,
	       sizeof(info->public_fingerprint));
	return 0;
}

int keyseal_pubkey(struct keyseal *ks, int32_t serial,
		   struct keyseal_public_key *pk)
{
	uint8_t raw[KEYSEAL_P256_PUBLIC_SIZE];
	struct keyseal_pubkey req;
	int ret;

	if (!ks || !pk)
		return -EINVAL;
	memset(&req, 0, sizeof(req));
	req.serial = serial;
	req.buf = ks_ptr(raw);
	req.buf_len = sizeof(raw);
	ret = ks_ioctl(ks, KEYSEAL_IOC_PUBKEY, &req);
	if (ret)
		return ret;
	if (req.buf_len > sizeof(raw))
		return -EINVAL;
	/* Checks the KEM, the length and the point, as for any public key. */
	return keyseal_public_key_from_raw(req.kem, raw, req.buf_len, pk);
}
