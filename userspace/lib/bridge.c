// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * BRIDGE: a secret key handed to an in-kernel consumer (dm-crypt, fscrypt)
 * as a key the kernel makes, whose material userspace never sees.
 */

#include <errno.h>
#include <string.h>

#include "internal.h"

int keyseal_bridge(struct keyseal *ks, int32_t serial, uint32_t kind,
		   const char *description, int32_t keyring, uint32_t key_len,
		   int32_t *new_serial)
{
	struct keyseal_bridge req;
	int ret;

	if (!ks || !description || !*description || !new_serial)
		return -EINVAL;
	if (kind != KEYSEAL_BRIDGE_LOGON && kind != KEYSEAL_BRIDGE_FSCRYPT)
		return -EINVAL;
	memset(&req, 0, sizeof(req));
	req.serial = serial;
	req.kind = kind;
	req.keyring = ks_keyring(keyring);
	req.key_len = key_len;
	req.description = ks_ptr(description);
	ret = ks_ioctl(ks, KEYSEAL_IOC_BRIDGE, &req);
	if (ret)
		return ret;
	*new_serial = req.new_serial;
	return 0;
}
