// SPDX-License-Identifier: GPL-2.0
/*
 * keyseal: keys made in the kernel keyring that leave it only as encrypted,
 * authenticated blobs bound to their usage and export policy.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>

#include "keyseal.h"

static int __init keyseal_init(void)
{
	int ret;

	ret = register_key_type(&key_type_sealed);
	if (ret)
		return ret;

	ret = keyseal_device_init();
	if (ret)
		goto err_key_type;

	return 0;

err_key_type:
	unregister_key_type(&key_type_sealed);
	return ret;
}

static void __exit keyseal_exit(void)
{
	keyseal_device_exit();
	unregister_key_type(&key_type_sealed);
}

module_init(keyseal_init);
module_exit(keyseal_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Sealed keys: keyring keys exported only as authenticated blobs");
MODULE_AUTHOR("The keyseal developers");
