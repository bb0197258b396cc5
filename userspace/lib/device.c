// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The /dev/keyseal handle.
 */

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include "internal.h"

int keyseal_open(struct keyseal **ks)
{
	struct keyseal *handle;

	handle = calloc(1, sizeof(*handle));
	if (!handle)
		return -ENOMEM;
	handle->fd = open(KEYSEAL_DEVICE, O_RDWR | O_CLOEXEC);
	if (handle->fd < 0) {
		int err = -errno;

		free(handle);
		return err;
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
