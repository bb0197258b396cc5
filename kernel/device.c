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
#include <linux/uaccess.h>

#include "ioctl.h"
#include "keyseal.h"

/*
 * Every request is written back, so it must be writable before anything
 * changes: a request in read-only memory fails with EFAULT having done
 * nothing. (Writing the caller's own bytes back to it changes nothing.)
 */
static int request_writable(void __user *argp, unsigned int size)
{
	u8 req[sizeof(struct keyseal_info)];

	BUILD_BUG_ON(sizeof(struct keyseal_export) > sizeof(req) ||
		     sizeof(struct keyseal_import) > sizeof(req) ||
		     sizeof(struct keyseal_rewrap) > sizeof(req) ||
		     sizeof(struct keyseal_crypt) > sizeof(req) ||
		     sizeof(struct keyseal_pubkey) > sizeof(req) ||
		     sizeof(struct keyseal_bridge) > sizeof(req));
	if (copy_from_user(req, argp, size) || copy_to_user(argp, req, size))
		return -EFAULT;
	return 0;
}

static long keyseal_ioctl(struct file *file, unsigned int cmd,
			  unsigned long arg)
{
	void __user *argp = (void __user *)arg;
	long (*handler)(void __user *argp);
	long ret;

	switch (cmd) {
	case KEYSEAL_IOC_INFO:
		handler = keyseal_ioc_info;
		break;
	case KEYSEAL_IOC_EXPORT:
		handler = keyseal_ioc_export;
		break;
	case KEYSEAL_IOC_IMPORT:
		handler = keyseal_ioc_import;
		break;
	case KEYSEAL_IOC_REWRAP:
		handler = keyseal_ioc_rewrap;
		break;
	case KEYSEAL_IOC_ENCRYPT:
		handler = keyseal_ioc_encrypt;
		break;
	case KEYSEAL_IOC_DECRYPT:
		handler = keyseal_ioc_decrypt;
		break;
	case KEYSEAL_IOC_PUBKEY:
		handler = keyseal_ioc_pubkey;
		break;
	case KEYSEAL_IOC_BRIDGE:
		handler = keyseal_ioc_bridge;
		break;
	default:
		return -ENOTTY;
	}
	ret = request_writable(argp, _IOC_SIZE(cmd));
	if (ret)
		return ret;
	return handler(argp);
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
