/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The /dev/keyseal ioctls' handlers, and the rule on fields every request
 * keeps zero.
 */
#ifndef _KEYSEAL_IOCTL_H
#define _KEYSEAL_IOCTL_H

#include <linux/compiler_types.h>
#include <linux/string.h>
#include <linux/types.h>

/**
 * keyseal_ioc_unused_set() - whether a request sets a field the ABI keeps
 *	zero
 * @flags: the request's flags, of which no version defines any yet
 * @pad: its explicit padding
 * @reserved: its reserved words
 * @reserved_size: their size
 *
 * Every ioctl refuses such a request with -EINVAL, so that these fields
 * can take a meaning later without older kernels silently ignoring it.
 *
 * Return: true if any of them is not zero.
 */
static inline bool keyseal_ioc_unused_set(u32 flags, u32 pad,
					  const __u64 *reserved,
					  size_t reserved_size)
{
	return flags || pad || memchr_inv(reserved, 0, reserved_size);
}

long keyseal_ioc_info(void __user *argp);
long keyseal_ioc_export(void __user *argp);
long keyseal_ioc_import(void __user *argp);
long keyseal_ioc_rewrap(void __user *argp);
long keyseal_ioc_encrypt(void __user *argp);
long keyseal_ioc_decrypt(void __user *argp);
long keyseal_ioc_pubkey(void __user *argp);
long keyseal_ioc_bridge(void __user *argp);

#endif /* _KEYSEAL_IOCTL_H */
