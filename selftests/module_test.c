// SPDX-License-Identifier: GPL-2.0
/*
 * The module is there: the key type is registered and the device answers.
 */

#include <errno.h>
#include <fcntl.h>
#include <keyutils.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include <linux/keyseal.h>

#include "kselftest_harness.h"

TEST(key_type_sealed_is_registered)
{
	static const char junk[] = "not-a-command";

	/* Without the type, add_key fails with ENODEV before any parsing. */
	ASSERT_EQ(-1, add_key("sealed", "probe", junk, sizeof(junk) - 1,
			      KEY_SPEC_SESSION_KEYRING));
	EXPECT_EQ(EINVAL, errno);
}

TEST(device_is_world_accessible)
{
	struct stat st;

	ASSERT_EQ(0, stat("/dev/keyseal", &st));
	EXPECT_TRUE(S_ISCHR(st.st_mode));
	EXPECT_EQ(0666, st.st_mode & 07777);
}

TEST(unknown_ioctl_is_enotty)
{
	static const unsigned long unknown[] = {
		_IOWR(KEYSEAL_IOCTL_TYPE, 0x7f, struct keyseal_info),
		_IO(KEYSEAL_IOCTL_TYPE, 0x01),	/* right number, wrong size */
		_IOR(KEYSEAL_IOCTL_TYPE, 0x02, struct keyseal_export),
		TCGETS,
	};
	struct keyseal_info info = { 0 };
	unsigned int i;
	int fd;

	fd = open("/dev/keyseal", O_RDWR | O_CLOEXEC);
	ASSERT_LE(0, fd);
	for (i = 0; i < sizeof(unknown) / sizeof(unknown[0]); i++) {
		EXPECT_EQ(-1, ioctl(fd, unknown[i], &info));
		EXPECT_EQ(ENOTTY, errno) TH_LOG("command %#lx", unknown[i]);
	}
	close(fd);
}

TEST_HARNESS_MAIN
