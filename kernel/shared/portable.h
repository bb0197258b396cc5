/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * What keyseal's portable sources (the blob codec, the armor, the command
 * parser and the HPKE suite ids) need from their surroundings. The same
 * files are compiled into the module, into libkeyseal and into the fuzzers;
 * only this header differs.
 */
#ifndef _KEYSEAL_PORTABLE_H
#define _KEYSEAL_PORTABLE_H

#ifdef __KERNEL__
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/types.h>
#include <uapi/linux/keyseal.h>
#else
#include <keyseal_user_types.h>	/* userspace/compat/ */
#include <linux/keyseal.h>
#endif

#endif /* _KEYSEAL_PORTABLE_H */
