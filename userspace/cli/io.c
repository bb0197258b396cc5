// SPDX-License-Identifier: GPL-2.0
/*
 * Files: whole inputs, and outputs that replace their target atomically (a
 * temporary file in the same directory, fsync, rename, fsync of the
 * directory), so a reader sees the old file or the new one, never a part.
 */

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

const char *input_name(const char *path)
{
	return !path || !strcmp(path, "-") ? "stdin" : path;
}

static const char *output_name(const struct output *out)
{
	return out->path ? out->path : "stdout";
}

void free_secret(void *data, size_t len)
{
	if (!data)
		return;
	explicit_bzero(data, len);
	free(data);
}

int read_file(const char *path, size_t max, uint8_t **data, size_t *len)
{
	bool is_stdin = !path || !strcmp(path, "-");
	size_t n = 0;
	uint8_t *buf;
	ssize_t r;
	int fd;

	fd = is_stdin ? STDIN_FILENO : open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		err("cannot open %s: %s", path, strerror(errno));
		return 1;
	}
	/* One allocation: what it holds may be secret, and is never copied. */
	buf = malloc(max + 1);
	if (!buf) {
		err("out of memory");
		goto fail;
	}
	for (;;) {
		r = read(fd, buf + n, max + 1 - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			err("cannot read %s: %s", input_name(path),
			    strerror(errno));
			goto fail;
		}
		if (r == 0)
			break;
		n += r;
		if (n > max) {
			err("%s is too large: keyseal reads at most %zu bytes here",
			    input_name(path), max);
			goto fail;
		}
	}
	if (!is_stdin)
		close(fd);
	*data = buf;
	*len = n;
	return 0;
fail:
	free_secret(buf, max + 1);
	if (!is_stdin && fd >= 0)
		close(fd);
	return 1;
}

/* A temporary file next to out->path, created 0600: 0 or 1. */
static int open_temporary(struct output *out)
{
	const char *base = strrchr(out->path, '/');
	char *copy = strdup(out->path);

	base = base ? base + 1 : out->path;
	if (!copy || asprintf(&out->tmp, "%s/.%s.keyseal-XXXXXX",
			      dirname(copy), base) < 0) {
		out->tmp = NULL;
		free(copy);
		err("out of memory");
		return 1;
	}
	free(copy);
	/* mkostemp creates the file 0600: a secret is never readable. */
	out->fd = mkostemp(out->tmp, O_CLOEXEC);
	if (out->fd < 0) {
		err("cannot create a file next to %s: %s", out->path,
		    strerror(errno));
		free(out->tmp);
		out->tmp = NULL;
		return 1;
	}
	return 0;
}

/*
 * The temporary file's mode: that of @old, the file it replaces, if there
 * is one; else 0666 less the umask. 0, or -1 with errno.
 */
static int set_mode(struct output *out, const struct stat *old)
{
	mode_t mask;

	if (old) {
		/* The replacement is the same file to everyone but its bytes. */
		if (geteuid() == 0 &&
		    fchown(out->fd, old->st_uid, old->st_gid) < 0)
			return -1;
		return fchmod(out->fd, old->st_mode & 07777);
	}
	mask = umask(0);
	umask(mask);
	return fchmod(out->fd, 0666 & ~mask);
}

int output_open(struct output *out, const char *path, bool secret,
		bool keep_mode)
{
	struct stat st;
	bool exists;

	memset(out, 0, sizeof(*out));
	if (!path || !strcmp(path, "-")) {
		if (secret && isatty(STDOUT_FILENO)) {
			err("refusing to write secret data to a terminal: use -o FILE or a pipe");
			return 1;
		}
		out->fd = STDOUT_FILENO;
		return 0;
	}

	out->path = path;
	exists = stat(path, &st) == 0;
	if (exists && !S_ISREG(st.st_mode)) {
		/* A device or a pipe: nothing to replace, write to it. */
		out->fd = open(path, O_WRONLY | O_TRUNC | O_CLOEXEC);
		if (out->fd < 0) {
			err("cannot open %s: %s", path, strerror(errno));
			return 1;
		}
		return 0;
	}
	if (open_temporary(out))
		return 1;
	if (secret || !set_mode(out, keep_mode && exists ? &st : NULL))
		return 0;
	err("cannot set the mode of a file next to %s: %s", path,
	    strerror(errno));
	output_abort(out);
	return 1;
}

int output_write(struct output *out, const void *data, size_t len)
{
	const uint8_t *p = data;
	ssize_t w;

	while (len) {
		w = write(out->fd, p, len);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0) {
			err("cannot write %s: %s", output_name(out),
			    strerror(errno));
			return 1;
		}
		p += w;
		len -= w;
	}
	return 0;
}

static int sync_directory(const char *path)
{
	char *copy = strdup(path);
	int fd, ret = -1;

	if (!copy)
		return -1;
	fd = open(dirname(copy), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd >= 0) {
		ret = fsync(fd);
		close(fd);
	}
	free(copy);
	return ret;
}

int output_commit(struct output *out)
{
	int ret = 0;

	if (out->fd == STDOUT_FILENO)
		return 0;
	if (!out->tmp) {
		if (close(out->fd) < 0) {
			err("cannot write %s: %s", out->path, strerror(errno));
			ret = 1;
		}
		out->fd = -1;
		return ret;
	}
	if (fsync(out->fd) < 0 || close(out->fd) < 0) {
		err("cannot write %s: %s", out->path, strerror(errno));
		out->fd = -1;
		output_abort(out);
		return 1;
	}
	out->fd = -1;
	if (rename(out->tmp, out->path) < 0) {
		err("cannot replace %s: %s", out->path, strerror(errno));
		output_abort(out);
		return 1;
	}
	free(out->tmp);
	out->tmp = NULL;
	/* The rename itself must survive a crash too. */
	if (sync_directory(out->path) < 0) {
		err("cannot sync the directory of %s: %s", out->path,
		    strerror(errno));
		return 1;
	}
	return 0;
}

void output_abort(struct output *out)
{
	if (out->fd >= 0 && out->fd != STDOUT_FILENO)
		close(out->fd);
	out->fd = -1;
	if (out->tmp) {
		unlink(out->tmp);
		free(out->tmp);
		out->tmp = NULL;
	}
}

int write_file(const char *path, const void *data, size_t len, bool secret)
{
	struct output out;

	if (output_open(&out, path, secret, false))
		return 1;
	if (output_write(&out, data, len)) {
		output_abort(&out);
		return 1;
	}
	return output_commit(&out);
}
