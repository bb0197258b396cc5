/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Declarations shared by the parts of keyseal.ko.
 */
#ifndef _KEYSEAL_H
#define _KEYSEAL_H

#include <linux/key-type.h>

extern struct key_type key_type_sealed;

int keyseal_device_init(void);
void keyseal_device_exit(void);

#endif /* _KEYSEAL_H */
