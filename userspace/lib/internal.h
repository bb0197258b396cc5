/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Definitions private to libkeyseal.
 */
#ifndef KEYSEAL_INTERNAL_H
#define KEYSEAL_INTERNAL_H

#include "keyseal.h"

#define KEYSEAL_DEVICE "/dev/keyseal"

struct keyseal {
	int fd;
};

#endif /* KEYSEAL_INTERNAL_H */
