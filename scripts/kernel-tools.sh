#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Extract the kernel's own tools keyseal's checks use from Debian's
# linux-source package into DEST (default build/tools): checkpatch.pl with its
# data files, kernel-doc, and the kselftest harness headers. Nothing from the
# kernel tree is kept in the repository.

set -euo pipefail

dest=${1:-build/tools}
series=6.12
members=(
	scripts/checkpatch.pl
	scripts/spelling.txt
	scripts/const_structs.checkpatch
	scripts/kernel-doc
	tools/testing/selftests/kselftest_harness.h
	tools/testing/selftests/kselftest.h
)

stamp="$dest/.extracted-$series"
[ -e "$stamp" ] && exit 0

tarball=$(ls /usr/src/linux-source-$series.tar.* 2>/dev/null | head -n 1)
if [ -z "$tarball" ]; then
	echo "kernel-tools: linux-source-$series is not installed (run scripts/deps.sh)" >&2
	exit 1
fi
mkdir -p "$dest"
tar -xf "$tarball" -C "$dest" --strip-components=1 \
	"${members[@]/#/linux-source-$series/}"
touch "$stamp"
