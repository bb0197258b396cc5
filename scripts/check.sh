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
passed=0
failed=0
skipped=0

rm -rf "$logs"
mkdir -p "$logs"

say() { printf '%s\n' "$*"; }

result() {
	local name=$1 status=$2 log=${3:-}

	if [ "$status" = 0 ]; then
		passed=$((passed + 1))
		say "ok - $name"
	else
		failed=$((failed + 1))
		say "not ok - $name${log:+ (log: ${log#"$top"/})}"
		[ -n "$log" ] && tail -n 25 "$log" | sed 's/^/    /'
	fi
}

# step NAME LOG COMMAND...: one check, passing when COMMAND succeeds.
step() {
	local name=$1 log=$2

	shift 2
	"$@" >"$log" 2>&1
	result "$name" $? "$log"
}

# Add the results of a framed TAP file (scripts/tap-count.awk) to the totals.
count_tap() {
	local file=$1 counts p f s

	counts=$(awk -f scripts/tap-count.awk "$file")
	grep '^not ok' <<<"$counts" | sed 's/^/    /'
	read -r p f s <<<"$(tail -n 1 <<<"$counts")"
	passed=$((passed + p))
	failed=$((failed + f))
	skipped=$((skipped + s))
	say "    $p passed, $f failed, $s skipped (${file#"$top"/})"
}

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
		say "# suite: ${t##*/}"
		(cd "$BUILD/userspace/tests" && "$t")
		say "# suite-exit: ${t##*/} $?"
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

say "keyseal: make check"

step "dependencies installed" "$logs/deps.log" scripts/deps.sh
if [ "$failed" != 0 ]; then
	say "$passed passed, $failed failed"
	exit 1
fi
step "kernel tools extracted from linux-source" "$logs/tools.log" \
	scripts/kernel-tools.sh "$BUILD/tools"

mapfile -t kernels < <(scripts/kernels.sh)
say "# kernels: ${kernels[*]}"
KEYSEAL_VM_ACCEL=${KEYSEAL_VM_ACCEL:-$(selftests/vm/probe-kvm.sh "${kernels[0]}")}
export KEYSEAL_VM_ACCEL
say "# vm accelerator: $KEYSEAL_VM_ACCEL"
for kver in "${kernels[@]}"; do
	step "module builds for $kver (W=1, -Werror, sparse)" \
		"$logs/module-$kver.log" build_module "$kver"
	step "KAT module builds for $kver (W=1, -Werror, sparse)" \
		"$logs/module-kat-$kver.log" build_kat_module "$kver"
done
step "checkpatch --strict" "$logs/checkpatch.log" checkpatch
step "kernel-doc -Wall" "$logs/kernel-doc.log" kernel_doc
step "Documentation/ reads without docutils warnings" "$logs/docs.log" docs_lint

step "userspace builds (-Wall -Wextra -Werror)" "$logs/userspace.log" \
	make --no-print-directory -C userspace all tests
unit_tests >"$logs/unit.tap" 2>&1
count_tap "$logs/unit.tap"

step "fuzzers build (libFuzzer, ASan, UBSan)" "$logs/fuzzers-build.log" \
	make --no-print-directory -C userspace fuzzers
for fuzzer in "$BUILD"/userspace/fuzz/fuzz_*; do
	[ -x "$fuzzer" ] || continue
	step "fuzz smoke ${fuzzer##*/} (${fuzz_seconds}s)" \
		"$logs/${fuzzer##*/}.log" fuzz_smoke "$fuzzer"
done

# Installation, DKMS and the Debian packages, in a copy of the tree.
scripts/check-packaging.sh >"$logs/packaging.tap" 2>&1
count_tap "$logs/packaging.tap"

adversarial_suites=hostile_test,stress_test,attacks_test
step "selftests build" "$logs/selftests-build.log" \
	make --no-print-directory -C selftests
for kver in "${kernels[@]}"; do
	say "# vm: kernel $kver"
	# Two boots, each well under a minute: the functional suites, then
	# the adversarial ones (which also reload the module).
	for part in functional adversarial; do
		out=$BUILD/vm/$kver-$part
		case $part in
		functional) suites=-$adversarial_suites ;;
		adversarial) suites=$adversarial_suites ;;
		esac
		step "vm run on $kver ($part suites): booted, finished, unloaded, no Oops/WARN/panic" \
			"$logs/vm-$kver-$part.log" env \
			KEYSEAL_VM_APPEND="KEYSEAL_SUITES=$suites" \
			selftests/vm/run.sh "$kver" \
			"$BUILD/modules/$kver/keyseal.ko" \
			"$BUILD/selftests/payload" "$out"
		[ -e "$out/results.tap" ] && count_tap "$out/results.tap"
	done

	out=$BUILD/twohost/$kver
	step "two hosts exchange keys on $kver: four clean VM boots" \
		"$logs/twohost-$kver.log" selftests/twohost/run.sh "$kver" \
		"$BUILD/modules/$kver/keyseal.ko" "$BUILD/selftests/payload" "$out"
	[ -e "$out/results.tap" ] && count_tap "$out/results.tap"
done

# Debian's other kernels (5.10 and the newest): built, and their own images
# booted with the functional suites (scripts/kernel-matrix.sh).
scripts/kernel-matrix.sh >"$logs/kernel-matrix.tap" 2>"$logs/kernel-matrix.log"
count_tap "$logs/kernel-matrix.tap"

say "# $skipped skipped"
say "$passed passed, $failed failed"
[ "$failed" = 0 ]
