// SPDX-License-Identifier: GPL-2.0
/*
 * fscrypt_key: the fscrypt ioctls the consumers test needs (Debian has no
 * fscryptctl), with the key given by key_id: an fscrypt-provisioning key,
 * which "keyseal bridge --fscrypt" makes.
 *
 *   fscrypt_key add MOUNT KEY_ID       add the key, print its identifier
 *   fscrypt_key set DIR IDENTIFIER     set a v2 policy (AES-256-XTS/CTS)
 *   fscrypt_key remove MOUNT IDENTIFIER
 *   fscrypt_key status MOUNT IDENTIFIER   print present, absent or
 *                                          incompletely-removed
 *
 * Errors go to stderr as "fscrypt_key: ACTION: strerror", exit status 1.
 */

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <linux/fscrypt.h>

static int fail(const char *what)
{
	fprintf(stderr, "fscrypt_key: %s: %s\n", what, strerror(errno));
	return 1;
}

static int parse_identifier(const char *hex, __u8 *id)
{
	unsigned int i, byte;

	if (strlen(hex) != 2 * FSCRYPT_KEY_IDENTIFIER_SIZE)
		return -1;
	for (i = 0; i < FSCRYPT_KEY_IDENTIFIER_SIZE; i++) {
		if (sscanf(hex + 2 * i, "%2x", &byte) != 1)
			return -1;
		id[i] = (__u8)byte;
	}
	return 0;
}

static int add_key(int fd, const char *key_id)
{
	struct fscrypt_add_key_arg arg;
	unsigned int i;
	char *end;
	long id;

	id = strtol(key_id, &end, 10);
	if (*end || id <= 0 || id > 0x7fffffff) {
		fprintf(stderr, "fscrypt_key: bad key_id '%s'\n", key_id);
		return 1;
	}
	memset(&arg, 0, sizeof(arg));
	arg.key_spec.type = FSCRYPT_KEY_SPEC_TYPE_IDENTIFIER;
	arg.key_id = (__u32)id;
	if (ioctl(fd, FS_IOC_ADD_ENCRYPTION_KEY, &arg))
		return fail("FS_IOC_ADD_ENCRYPTION_KEY");
	for (i = 0; i < FSCRYPT_KEY_IDENTIFIER_SIZE; i++)
		printf("%02x", arg.key_spec.u.identifier[i]);
	printf("\n");
	return 0;
}

static int set_policy(int fd, const __u8 *id)
{
	struct fscrypt_policy_v2 policy;

	memset(&policy, 0, sizeof(policy));
	policy.version = FSCRYPT_POLICY_V2;
	policy.contents_encryption_mode = FSCRYPT_MODE_AES_256_XTS;
	policy.filenames_encryption_mode = FSCRYPT_MODE_AES_256_CTS;
	policy.flags = FSCRYPT_POLICY_FLAGS_PAD_32;
	memcpy(policy.master_key_identifier, id, FSCRYPT_KEY_IDENTIFIER_SIZE);
	if (ioctl(fd, FS_IOC_SET_ENCRYPTION_POLICY, &policy))
		return fail("FS_IOC_SET_ENCRYPTION_POLICY");
	return 0;
}

static void key_spec(struct fscrypt_key_specifier *spec, const __u8 *id)
{
	memset(spec, 0, sizeof(*spec));
	spec->type = FSCRYPT_KEY_SPEC_TYPE_IDENTIFIER;
	memcpy(spec->u.identifier, id, FSCRYPT_KEY_IDENTIFIER_SIZE);
}

static int remove_key(int fd, const __u8 *id)
{
	struct fscrypt_remove_key_arg arg;

	memset(&arg, 0, sizeof(arg));
	key_spec(&arg.key_spec, id);
	if (ioctl(fd, FS_IOC_REMOVE_ENCRYPTION_KEY, &arg))
		return fail("FS_IOC_REMOVE_ENCRYPTION_KEY");
	if (arg.removal_status_flags & FSCRYPT_KEY_REMOVAL_STATUS_FLAG_FILES_BUSY) {
		fprintf(stderr, "fscrypt_key: files busy, key not fully removed\n");
		return 1;
	}
	return 0;
}

static int key_status(int fd, const __u8 *id)
{
	struct fscrypt_get_key_status_arg arg;

	memset(&arg, 0, sizeof(arg));
	key_spec(&arg.key_spec, id);
	if (ioctl(fd, FS_IOC_GET_ENCRYPTION_KEY_STATUS, &arg))
		return fail("FS_IOC_GET_ENCRYPTION_KEY_STATUS");
	switch (arg.status) {
	case FSCRYPT_KEY_STATUS_PRESENT:
		printf("present\n");
		break;
	case FSCRYPT_KEY_STATUS_ABSENT:
		printf("absent\n");
		break;
	default:
		printf("incompletely-removed\n");
		break;
	}
	return 0;
}

int main(int argc, char **argv)
{
	__u8 id[FSCRYPT_KEY_IDENTIFIER_SIZE];
	int fd, ret;

	if (argc != 4) {
		fprintf(stderr, "usage: fscrypt_key add|set|remove|status PATH ARG\n");
		return 2;
	}
	fd = open(argv[2], O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return fail(argv[2]);
	if (!strcmp(argv[1], "add")) {
		ret = add_key(fd, argv[3]);
	} else if (parse_identifier(argv[3], id)) {
		fprintf(stderr, "fscrypt_key: bad identifier '%s'\n", argv[3]);
		ret = 2;
	} else if (!strcmp(argv[1], "set")) {
		ret = set_policy(fd, id);
	} else if (!strcmp(argv[1], "remove")) {
		ret = remove_key(fd, id);
	} else if (!strcmp(argv[1], "status")) {
		ret = key_status(fd, id);
	} else {
		fprintf(stderr, "fscrypt_key: unknown action '%s'\n", argv[1]);
		ret = 2;
	}
	close(fd);
	return ret;
}
