/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Unloading and loading keyseal from a test, as root: the syscalls
 * themselves, for exact errnos. Each sealed key holds the module, and
 * unlinked keys are destroyed by the key garbage collector a little later,
 * so an unload waits for them (unload_when_idle()).
 */
#ifndef KEYSEAL_MODULE_CTL_H
#define KEYSEAL_MODULE_CTL_H

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <unistd.h>

/*
 * delete_module(O_NONBLOCK): 0, or -EAGAIN (EWOULDBLOCK) while something
 * holds the module, -EBUSY while it is still coming or going.
 */
static inline int unload_module(void)
{
	return syscall(SYS_delete_module, "keyseal", O_NONBLOCK) ? -errno : 0;
}

/* finit_module() of the keyseal.ko the VM image installed. */
static inline int load_module(const char *params)
{
	char path[256];
	struct utsname u;
	int fd, ret;

	if (uname(&u))
		return -errno;
	snprintf(path, sizeof(path), "/lib/modules/%s/extra/keyseal.ko",
		 u.release);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	ret = syscall(SYS_finit_module, fd, params, 0) ? -errno : 0;
	close(fd);
	return ret;
}

static inline bool module_loaded(void)
{
	char line[256];
	bool found = false;
	FILE *f = fopen("/proc/modules", "r");

	if (!f)
		return false;
	while (!found && fgets(line, sizeof(line), f))
		found = !strncmp(line, "keyseal ", 8);
	fclose(f);
	return found;
}

static inline void print_file(const char *path)
{
	char line[512];
	FILE *f = fopen(path, "r");

	if (!f)
		return;
	while (fgets(line, sizeof(line), f))
		fprintf(stderr, "# %s: %s", path, line);
	fclose(f);
}

/*
 * What may be holding the module: its reference count, the keys root may
 * view, and how many keys each uid has (root cannot view other uids'
 * keys in /proc/keys).
 */
static inline void print_module_holders(void)
{
	print_file("/sys/module/keyseal/refcnt");
	print_file("/proc/keys");
	print_file("/proc/key-users");
}

/*
 * Unload the module once the sealed keys are gone, waiting up to @ms for
 * the key garbage collector, which destroys unlinked keys a little later.
 * Returns 0, or the last error; says what holds the module when it gives
 * up.
 */
static inline int unload_when_idle(unsigned int ms)
{
	unsigned int waited;
	int ret;

	for (waited = 0;; waited += 10) {
		ret = unload_module();
		if (ret != -EAGAIN && ret != -EBUSY)
			break;
		if (waited >= ms) {
			print_module_holders();
			break;
		}
		usleep(10000);
	}
	return ret;
}

#endif /* KEYSEAL_MODULE_CTL_H */
