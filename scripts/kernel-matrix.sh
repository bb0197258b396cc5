#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# keyseal on the Debian kernels this machine does not run: for each, the
# kernel is fetched and prepared (fetch-kernel.sh), keyseal.ko and its
# known-answer-test variant are built against it warning-free (W=1, -Werror,
# sparse), and Debian's own image of that kernel boots in a VM that runs the
# functional suites. Prints framed TAP (scripts/lib/tap-count.awk) on stdout,
# the VMs' results included; logs go to $BUILD/matrix/. Exits non-zero if
# anything failed.
#
#   kernel-matrix.sh [SERIES...]
#
# SERIES defaults to KEYSEAL_KERNEL_SERIES, or "5.10 newest": the oldest
# kernel keyseal supports and the newest linux-source Debian carries. A
# series written SERIES:build (e.g. 7.2:build) is built, not booted: its
# VM run is a skipped test.
# The selftests payload ($BUILD/selftests/payload, make -C selftests) must
# exist.

set -uo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 1
BUILD=${BUILD:-$top/build}
out=$BUILD/matrix
read -r -a series <<<"${*:-${KEYSEAL_KERNEL_SERIES:-5.10 newest}}"
adversarial_suites=hostile_test,stress_test,attacks_test,unload_test
failures=0

# Make's variables from a "make check" above must not reach these builds.
unset MAKEFLAGS MFLAGS MAKELEVEL

mkdir -p "$out"

# step N NAME LOG COMMAND...: test N of the current suite, and how long it
# took (Documentation/testing.rst keeps the numbers).
step() {
	local n=$1 name=$2 log=$3 start=$SECONDS

	shift 3
	if "$@" >"$log" 2>&1; then
		echo "ok $n $name"
		echo "#   took $((SECONDS - start)) s"
	else
		failures=$((failures + 1))
		echo "not ok $n $name"
		echo "#   took $((SECONDS - start)) s; log: ${log#"$top"/}"
		tail -n 20 "$log" | sed 's/^/#   /'
		return 1
	fi
}

# The newest kernels want a newer sparse than Debian 12's, and without one
# skip the check with a mere warning; their own script tells which.
checker_for() {
	local valid=$1/scripts/checker-valid.sh

	if [ ! -x "$valid" ] || [ "$("$valid" sparse -m64)" = 1 ]; then
		echo sparse
	else
		scripts/fetch-sparse.sh
	fi
}

# build KVER KDIR CHECK MODULE_BUILD [make arguments]: keyseal.ko with no
# warning at all, sparse included (and sparse did run).
build() {
	local kver=$1 kdir=$2 check=$3 dir=$4 output status

	shift 4
	rm -rf "$dir"
	output=$(make --no-print-directory -j"$(nproc)" module \
		KERNELRELEASE="$kver" KDIR="$kdir" MODULE_BUILD="$dir" \
		CHECK="$check" W=1 \
		KCFLAGS=-Werror C=2 CF=-Wsparse-error "$@" 2>&1)
	status=$?
	printf '%s\n' "$output"
	[ "$status" = 0 ] && [ -e "$dir/keyseal.ko" ] &&
		! grep -Eq 'warning:|error:|not available or not up to date' \
			<<<"$output"
}

# The payload with the KAT module of KVER where hpke_kat_test looks for it.
make_payload() {
	local kver=$1 payload=$2

	rm -rf "$payload"
	cp -a "$BUILD/selftests/payload" "$payload" &&
	install -D -m 0644 "$out/$kver/modules-kat/keyseal.ko" \
		"$payload/kat/$kver/keyseal.ko"
}

one_kernel() {
	local s=${1%:build} boot=yes kdir kver log check tap

	[ "$1" = "$s:build" ] && boot=
	log=$out/fetch-$s.log
	echo "# suite: kernel-$s"
	echo "1..4"
	if ! step 1 "linux-source-$s fetched and prepared, with Debian's image" \
		"$log" scripts/fetch-kernel.sh "$s"; then
		echo "# suite-exit: kernel-$s 1"
		return
	fi
	kdir=$(tail -n 1 "$log")
	kver=$(cat "$kdir/release")
	tested+=("$kver")
	first_kdir=${first_kdir:-$kdir/build}
	check=$(checker_for "$kdir/build" 2>>"$log") || check=sparse
	mkdir -p "$out/$kver"
	step 2 "module builds for $kver (W=1, -Werror, sparse)" \
		"$out/$kver/module.log" build "$kver" "$kdir/build" "$check" \
		"$out/$kver/module"
	step 3 "KAT module builds for $kver (W=1, -Werror, sparse)" \
		"$out/$kver/module-kat.log" build "$kver" "$kdir/build" "$check" \
		"$out/$kver/modules-kat" KEYSEAL_KAT=y
	rm -rf "$out/$kver/vm"
	if [ -z "$boot" ]; then
		echo "ok 4 vm run on Debian's $kver image # SKIP built only ($s:build)"
	elif [ -e "$out/$kver/module/keyseal.ko" ] &&
	   make_payload "$kver" "$out/$kver/payload"; then
		step 4 "vm run on Debian's $kver image (functional suites): booted, finished, unloaded, no Oops/WARN/panic" \
			"$out/$kver/vm.log" env \
			KEYSEAL_VM_KERNEL="$kdir/vmlinuz" \
			KEYSEAL_VM_MODULES="$kdir/modules" \
			KEYSEAL_VM_APPEND="KEYSEAL_SUITES=-$adversarial_suites" \
			KEYSEAL_VM_CPUS=1 \
			selftests/vm/run.sh "$kver" "$out/$kver/module/keyseal.ko" \
			"$out/$kver/payload" "$out/$kver/vm"
	else
		failures=$((failures + 1))
		echo "not ok 4 vm run on $kver: no module or payload to boot with"
	fi
	echo "# suite-exit: kernel-$s 0"
	tap=$out/$kver/vm/results.tap
	[ -e "$tap" ] || return
	grep -v '^# keyseal-vm: done$' "$tap"
	grep -q '^not ok' "$tap" && failures=$((failures + 1))
}

# dkms.conf's BUILD_EXCLUSIVE_KERNEL admits every kernel tested here and
# none before 5.10.
dkms_range() {
	local range kver

	range=$(sed -n 's/^BUILD_EXCLUSIVE_KERNEL="\(.*\)"$/\1/p' dkms.conf)
	echo "range: $range"
	for kver in "${tested[@]}"; do
		grep -Eq "$range" <<<"$kver" || { echo "refuses $kver"; return 1; }
	done
	for kver in 5.9.16-1-amd64 5.4.0-216-generic 4.19.0-27-amd64; do
		grep -Eq "$range" <<<"$kver" && { echo "admits $kver"; return 1; }
	done
	return 0
}

# make against a kernel before 5.10 (one of ours, told it is 5.9) stops in
# kernel/Kbuild with one line, before compiling anything.
old_kernel_refused() {
	local kdir=$1 dir output

	dir=$(mktemp -d)
	ln -s "$top"/kernel/*.c "$top"/kernel/*.h "$top/kernel/Kbuild" \
		"$top/kernel/uapi" "$dir/"
	output=$(make -s -C "$kdir" M="$dir" VERSION=5 PATCHLEVEL=9 modules 2>&1)
	local status=$?
	printf '%s\n' "$output"
	rm -rf "$dir"
	[ "$status" != 0 ] &&
		[ "$(grep -c 'keyseal needs Linux 5.10 or later; this kernel is 5.9' <<<"$output")" = 1 ] &&
		! grep -q 'error:' <<<"$output"
}

mapfile -t tested < <(scripts/kernels.sh)
first_kdir=
for s in "${series[@]}"; do
	one_kernel "$s"
done

echo "# suite: kernel-range"
echo "1..2"
step 1 "dkms.conf builds for ${tested[*]} and nothing before 5.10" \
	"$out/dkms-range.log" dkms_range
if [ -n "$first_kdir" ]; then
	step 2 "make on a kernel before 5.10 stops with one line" \
		"$out/old-kernel.log" old_kernel_refused "$first_kdir"
else
	failures=$((failures + 1))
	echo "not ok 2 make on a kernel before 5.10: no prepared kernel to try"
fi
echo "# suite-exit: kernel-range 0"
[ "$failures" = 0 ]
