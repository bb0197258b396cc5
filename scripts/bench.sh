#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make bench: measure keyseal against the in-tree key types and AF_ALG, in
# the test VM, on every supported kernel. The report (tables and ratios) is
# printed and written to build/bench/report.txt.

set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
export BUILD=${BUILD:-$top/build}
out=$BUILD/bench

make --no-print-directory -C tools/bench >/dev/null
mkdir -p "$out"
: >"$out/report.txt"

for kver in $(scripts/kernels.sh); do
	make --no-print-directory module KERNELRELEASE="$kver" \
		>"$out/build-$kver.log" 2>&1 || { cat "$out/build-$kver.log"; exit 1; }
	echo "bench: kernel $kver (a few minutes under emulation)" >&2
	selftests/vm/run.sh "$kver" "$BUILD/modules/$kver/keyseal.ko" \
		"$out/payload" "$out/vm-$kver" 1800
	{
		echo "== $kver"
		cat "$out/vm-$kver/bench.txt"
		echo
	} >>"$out/report.txt"
done

{
	echo "machine: $(nproc) CPUs, $(awk '/MemTotal/ { printf "%d MiB", $2 / 1024 }' /proc/meminfo)," \
		"VM accelerator: ${KEYSEAL_VM_ACCEL:-$(selftests/vm/probe-kvm.sh "$(scripts/kernels.sh | head -n 1)")}"
	echo "Absolute numbers come from a software-emulated VM; only ratios within one run carry meaning."
} >>"$out/report.txt"
cat "$out/report.txt"
