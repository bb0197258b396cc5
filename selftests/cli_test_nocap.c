// SPDX-License-Identifier: GPL-2.0
/*
 * cli_test_nocap COMMAND [ARGS...]: run COMMAND without CAP_SYS_ADMIN, for
 * cli_test's checks of what keyseal refuses an unprivileged caller. The
 * capability leaves the bounding set, so not even a root COMMAND gets it
 * back. (Another uid would do too, but the test VM's root directory is
 * searchable by root only, so nothing could be executed.)
 */

#include <linux/capability.h>
#include <stdio.h>
#include <sys/prctl.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: %s COMMAND [ARGS...]\n", argv[0]);
		return 127;
	}
	if (prctl(PR_CAPBSET_DROP, CAP_SYS_ADMIN, 0, 0, 0)) {
		perror("cli_test_nocap: PR_CAPBSET_DROP");
		return 127;
	}
	execvp(argv[1], argv + 1);
	perror(argv[1]);
	return 127;
}
