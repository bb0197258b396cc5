/* SPDX-License-Identifier: LGPL-2.1-or-later OR MIT */
/*
 * The kernel's basic types and helpers for the portable sources shared with
 * the module (kernel/shared/portable.h), when they are compiled in
 * userspace.
 */
#ifndef KEYSEAL_USER_TYPES_H
#define KEYSEAL_USER_TYPES_H

#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
typedef int32_t s32;

#ifndef ARRAY_SIZE
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#endif

/* Clears a secret; the compiler may not drop it as a dead store. */
static inline void memzero_explicit(void *s, size_t count)
{
	explicit_bzero(s, count);
}

#endif /* KEYSEAL_USER_TYPES_H */
