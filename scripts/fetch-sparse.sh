#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Print the path of a sparse that the newest kernels accept. Kernels from
# 6.15 or so ask sparse to understand __typeof_unqual__, which Debian 12's
# sparse does not, and then skip the check with no more than a warning.
# This builds the sparse of Debian's unstable suite from its source package
# (fetched with debian-apt.sh; its binary package needs a newer C library
# than this machine's), once, into KEYSEAL_KERNEL_CACHE/sparse/VERSION.

set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
apt=$here/debian-apt.sh
dir=${KEYSEAL_KERNEL_CACHE:-/var/cache/keyseal}/sparse

"$apt" refresh
version=$("$apt" apt-cache showsrc sparse |
	awk '$1 == "Version:" { print $2 }' | sort -V | tail -n 1)
[ -n "$version" ] || { echo "fetch-sparse: no sparse source package" >&2; exit 1; }
out=$dir/$version
if [ ! -x "$out/sparse" ]; then
	rm -rf "$out.tmp"
	mkdir -p "$out.tmp"
	(cd "$out.tmp" &&
	 "$apt" apt-get source --download-only "sparse=$version" >&2 &&
	 tar -xf sparse_*.orig.tar.* &&
	 make -s -C sparse-*/ -j"$(nproc)" sparse >&2 &&
	 install -m 0755 sparse-*/sparse sparse &&
	 rm -rf sparse-*/ sparse_*) || exit 1
	rm -rf "$out"
	mv "$out.tmp" "$out"
fi
echo "$out/sparse"
