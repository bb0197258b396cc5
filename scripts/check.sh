#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make check: install what is missing, then build and test everything keyseal
# promises, on every supported kernel. Each check and each test counts once;
# the last line is "N passed, N failed" and the exit status is non-zero if
# anything failed. Logs are kept in build/check/.
#
# FUZZ_SECONDS (default 10) is how long each fuzzer runs.

set -uo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 1
export BUILD=${BUILD:-$top/build}
logs=$BUILD/check
fuzz_seconds=${FUZZ_SECONDS:-10}

rm -rf "$logs"
mkdir -p "$logs"

# shellcheck source=lib/tap.sh
. scripts/lib/tap.sh

# A module build that must produce no warning at all, sparse included.
build_module() {
	local kver=$1 out

	rm -rf "$BUILD/modules/$kver"
	out=$(make --no-print-directory module KERNELRELEASE="$kver" W=1 \
		KCFLAGS=-Werror C=2 CF=-Wsparse-error 2>&1)
	local status=$?
	printf '%s\n' "$out"
	[ "$status" = 0 ] && ! grep -Eq 'warning:|error:' <<<"$out"
}

# The known-answer-test variant of the module (KEYSEAL_KAT=y), in a build
# directory of its own; the VM's hpke_kat_test loads it.
build_kat_module() {
	local kver=$1 out

	rm -rf "$BUILD/modules-kat/$kver"
	out=$(make --no-print-directory module KERNELRELEASE="$kver" \
		MODULE_BUILD="$BUILD/modules-kat/$kver" KEYSEAL_KAT=y W=1 \
		KCFLAGS=-Werror C=2 CF=-Wsparse-error 2>&1)
	local status=$?
	printf '%s\n' "$out"
	[ "$status" = 0 ] && ! grep -Eq 'warning:|error:' <<<"$out"
}

checkpatch() {
	"$BUILD/tools/scripts/checkpatch.pl" --strict --no-tree --quiet \
		--show-types -f kernel/*.c kernel/*.h kernel/uapi/linux/*.h
}

# kernel-doc must find every comment of the module complete.
kernel_doc() {
	local out

	out=$("$BUILD/tools/scripts/kernel-doc" -none -Wall kernel/*.c \
		kernel/*.h kernel/uapi/linux/*.h 2>&1)
	printf '%s\n' "$out"
	[ -z "$out" ]
}

# Documentation/ must read without a warning. Plain docutils stands in for
# Sphinx, so Sphinx's own :doc: role and toctree directive become plain
# text and a comment (line numbers stay right).
docs_lint() {
	local f out status=0

	for f in Documentation/*.rst; do
		out=$(sed -e 's/:doc:`/`/g' -e 's/^\.\. toctree::/.. toctree/' "$f" |
			rst2html --halt=warning --report=warning - 2>&1 >/dev/null) ||
			{ printf '%s: %s\n' "$f" "$out"; status=1; }
	done
	return $status
}

unit_tests() {
	local t

	for t in "$BUILD"/userspace/tests/*_test; do
		echo "# suite: ${t##*/}"
		(cd "$BUILD/userspace/tests" && "$t")
		echo "# suite-exit: ${t##*/} $?"
	done
}

# A crashing input is kept in the logs, next to the fuzzer's log.
fuzz_smoke() {
	local fuzzer=$1 name seeds dict work args

	name=${fuzzer##*/}
	seeds=userspace/fuzz/corpus/${name#fuzz_}
	dict=userspace/fuzz/${name#fuzz_}.dict
	work=$(mktemp -d)
	args=(-max_total_time="$fuzz_seconds" -print_final_stats=1
	      -artifact_prefix="$logs/$name-")
	[ -f "$dict" ] && args+=(-dict="$dict")
	"$fuzzer" "${args[@]}" "$work" "$seeds"
	local status=$?
	rm -rf "$work"
	return "$status"
}

echo "keyseal: make check"

tap_step "dependencies installed" "$logs/deps.log" scripts/deps.sh
if [ "$tap_failed" != 0 ]; then
	tap_totals
	exit 1
fi
tap_step "kernel tools extracted from linux-source" "$logs/tools.log" \
	scripts/kernel-tools.sh "$BUILD/tools"

mapfile -t kernels < <(scripts/kernels.sh)
echo "# kernels: ${kernels[*]}"
KEYSEAL_VM_ACCEL=${KEYSEAL_VM_ACCEL:-$(selftests/vm/probe-kvm.sh "${kernels[0]}")}
export KEYSEAL_VM_ACCEL
echo "# vm accelerator: $KEYSEAL_VM_ACCEL"
for kver in "${kernels[@]}"; do
	tap_step "module builds for $kver (W=1, -Werror, sparse)" \
		"$logs/module-$kver.log" build_module "$kver"
	tap_step "KAT module builds for $kver (W=1, -Werror, sparse)" \
		"$logs/module-kat-$kver.log" build_kat_module "$kver"
done
tap_step "checkpatch --strict" "$logs/checkpatch.log" checkpatch
tap_step "kernel-doc -Wall" "$logs/kernel-doc.log" kernel_doc
tap_step "Documentation/ reads without docutils warnings" "$logs/docs.log" docs_lint

tap_step "userspace builds (-Wall -Wextra -Werror)" "$logs/userspace.log" \
	make --no-print-directory -C userspace all tests
unit_tests >"$logs/unit.tap" 2>&1
tap_count "$logs/unit.tap"

tap_step "fuzzers build (libFuzzer, ASan, UBSan)" "$logs/fuzzers-build.log" \
	make --no-print-directory -C userspace fuzzers
for fuzzer in "$BUILD"/userspace/fuzz/fuzz_*; do
	[ -x "$fuzzer" ] || continue
	tap_step "fuzz smoke ${fuzzer##*/} (${fuzz_seconds}s)" \
		"$logs/${fuzzer##*/}.log" fuzz_smoke "$fuzzer"
done

# Installation, DKMS and the Debian packages, in a copy of the tree.
scripts/check-packaging.sh >"$logs/packaging.tap" 2>&1
tap_count "$logs/packaging.tap"

adversarial_suites=hostile_test,stress_test,attacks_test
tap_step "selftests build" "$logs/selftests-build.log" \
	make --no-print-directory -C selftests
for kver in "${kernels[@]}"; do
	echo "# vm: kernel $kver"
	# Two boots, each well under a minute: the functional suites, then
	# the adversarial ones (which also reload the module).
	for part in functional adversarial; do
		out=$BUILD/vm/$kver-$part
		case $part in
		functional) suites=-$adversarial_suites ;;
		adversarial) suites=$adversarial_suites ;;
		esac
		tap_step "vm run on $kver ($part suites): booted, finished, unloaded, no Oops/WARN/panic" \
			"$logs/vm-$kver-$part.log" env \
			KEYSEAL_VM_APPEND="KEYSEAL_SUITES=$suites" \
			selftests/vm/run.sh "$kver" \
			"$BUILD/modules/$kver/keyseal.ko" \
			"$BUILD/selftests/payload" "$out"
		[ -e "$out/results.tap" ] && tap_count "$out/results.tap"
	done

	out=$BUILD/twohost/$kver
	tap_step "two hosts exchange keys on $kver: four clean VM boots" \
		"$logs/twohost-$kver.log" selftests/twohost/run.sh "$kver" \
		"$BUILD/modules/$kver/keyseal.ko" "$BUILD/selftests/payload" "$out"
	[ -e "$out/results.tap" ] && tap_count "$out/results.tap"
done

tap_totals
