// SPDX-License-Identifier: GPL-2.0
/*
 * /dev/keyseal: ioctls for what keyctl cannot express.
 *
 * The device is world-accessible; every permission check is made on the keys
 * named in each request, with the caller's credentials.
 */

#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/module.h>

#include "ioctl.h"

static long keyseal_ioctl(struct file *file, unsigned int cmd,
			  unsigned long arg)
{
	void __user *argp = (void __user *)arg;

	switch (cmd) {
	case KEYSEAL_IOC_INFO:
		return keyseal_ioc_info(argp);
	case KEYSEAL_IOC_EXPORT:
		return keyseal_ioc_export(argp);
	case KEYSEAL_IOC_IMPORT:
		return keyseal_ioc_import(argp);
	case KEYSEAL_IOC_REWRAP:
		return keyseal_ioc_rewrap(argp);
	case KEYSEAL_IOC_ENCRYPT:
		return keyseal_ioc_crypt(argp, true);
	case KEYSEAL_IOC_DECRYPT:
		return keyseal_ioc_crypt(argp, false);
	case KEYSEAL_IOC_PUBKEY:
		return keyseal_ioc_pubkey(argp);
	}
	return -ENOTTY;
}

static const struct file_operations keyseal_fops = {
	.owner = THIS_MODULE,
	.unlocked_ioctl = keyseal_ioctl,
	.compat_ioctl = compat_ptr_ioctl,
	.llseek = noop_llseek,
};

static struct miscdevice keyseal_misc = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "keyseal",
	.fops = &keyseal_fops,
	.mode = 0666,
};

int keyseal_device_init(void)
{
	return misc_register(&keyseal_misc);
}

void keyseal_device_exit(void)
{
	misc_deregister(&keyseal_misc);
}
