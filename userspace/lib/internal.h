/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Definitions private to libkeyseal (and to its unit tests, which compile
 * the library's sources into themselves).
 */
#ifndef KEYSEAL_INTERNAL_H
#define KEYSEAL_INTERNAL_H

#include <stdint.h>

#include "keyseal.h"

#define KEYSEAL_DEVICE "/dev/keyseal"

struct keyseal {
	int fd;
};

/* The ioctl on an open handle: 0 or -errno. */
int ks_ioctl(const struct keyseal *ks, unsigned long request, void *arg);

/* A user pointer as the ioctl structures carry it. */
static inline uint64_t ks_ptr(const void *p)
{
	return (uint64_t)(uintptr_t)p;
}

/* The keyring a caller means by 0: the session keyring, as keyctl's @s. */
int32_t ks_keyring(int32_t keyring);

/*
 * keyctl commands (keyctl.c). Each builder checks its arguments, writes the
 * NUL-terminated command into @buf and parses it back with the module's own
 * parser, to prove that the command says exactly what was asked and nothing
 * more. Return: the command's length, -EINVAL, or -ERANGE if @size is too
 * small.
 */
int ks_build_new(const struct keyseal_key_spec *spec, char *buf, size_t size);
int ks_build_import(const struct keyseal_key_spec *spec, const void *material,
		    size_t len, char *buf, size_t size);
int ks_build_load(const void *blob, size_t len,
		  const struct keyseal_load_params *params, char *buf,
		  size_t size);
int ks_build_rewrap(const char *parent, char *buf, size_t size);
int ks_build_restrict(uint8_t key_flags, char *buf, size_t size);

/* A decimal serial, 1 to INT32_MAX without sign or leading zero: 0 or -EINVAL. */
int ks_parse_serial(const char *s, int32_t *serial);

/* Whether @name is "type:description" or "#serial" as commands take it. */
int ks_key_name_valid(const char *name);

#endif /* KEYSEAL_INTERNAL_H */
