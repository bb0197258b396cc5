#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# keyseal's checks, in tiers that share their steps.
#
#   check.sh            make check: every tier but debug, on every supported
#                       kernel, modules built from scratch; the debug tier
#                       too with KEYSEAL_DEBUG_KERNEL=1
#   check.sh TIER...    the tiers named, on the newest supported kernel:
#                       make test, make style, make check-debug
#
#   test       the module builds; userspace, its unit tests (ASan, UBSan),
#              the fuzzers and a short run of each; no VM
#   style      checkpatch, sparse (module and KAT variant), kernel-doc,
#              docutils over Documentation/
#   packaging  install, DKMS and the Debian packages (check-packaging.sh)
#   vm         the selftests in test VMs: functional and adversarial
#              suites, two hosts exchanging keys, dm-crypt and fscrypt
#              taking bridged keys across a reboot, keys restored at boot
#              under a root KEK sealed to a TPM
#   kernels    the kernel matrix: keyseal built and booted on Debian's
#              kernels other than the installed ones (kernel-matrix.sh)
#   debug      the vm tier on a 6.12 built with KASAN, kmemleak, lockdep,
#              UBSAN and KFENCE (debug-kernel.sh), with a longer stress run
#
# Each step and each test counts once; the last line is "N passed, N
# failed" and the exit status is non-zero if anything failed. Logs are kept
# in build/check/. Packages are not installed here: make check runs
# scripts/deps.sh first.
#
# FUZZ_SECONDS (default 10) is how long each fuzzer runs;
# KEYSEAL_DEBUG_STRESS_SECONDS (default 120) how long stress_test runs on
# the debug kernel.

set -uo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 1
export BUILD=${BUILD:-$top/build}
logs=$BUILD/check
fuzz_seconds=${FUZZ_SECONDS:-10}
debug_stress_seconds=${KEYSEAL_DEBUG_STRESS_SECONDS:-120}
jobs=$(nproc)

# shellcheck source=lib/tap.sh
. scripts/lib/tap.sh

# --- steps ---------------------------------------------------------------------

# build_module KERNELRELEASE DIR [MAKE ARGS...]: keyseal.ko built in DIR
# with every compiler warning an error; a warning left in the output
# (sparse's, modpost's) fails it too.
build_module() {
	local kver=$1 dir=$2 out status

	shift 2
	out=$(make --no-print-directory -j"$jobs" module KERNELRELEASE="$kver" \
		MODULE_BUILD="$dir" W=1 KCFLAGS=-Werror "$@" 2>&1)
	status=$?
	printf '%s\n' "$out"
	[ "$status" = 0 ] && ! grep -Eiq 'warning:|error:' <<<"$out"
}

# The module and its known-answer-test variant (KEYSEAL_KAT=y), which the
# VM's hpke_kat_test loads; any build-time option goes to both.
build_modules() {
	local kver=$1

	shift
	build_module "$kver" "$BUILD/modules/$kver" "$@" &&
		build_module "$kver" "$BUILD/modules-kat/$kver" KEYSEAL_KAT=y "$@"
}

checkpatch() {
	"$BUILD/tools/scripts/checkpatch.pl" --strict --no-tree --quiet \
		--show-types -f kernel/*.[ch] kernel/shared/*.[ch] \
		kernel/uapi/linux/*.h
}

# kernel-doc must find every comment of the module complete.
kernel_doc() {
	local out

	out=$("$BUILD/tools/scripts/kernel-doc" -none -Wall kernel/*.[ch] \
		kernel/shared/*.[ch] kernel/uapi/linux/*.h 2>&1)
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

# Every fuzzer, as many at a time as there are CPUs: each still has a CPU
# of its own for its FUZZ_SECONDS.
fuzz_smokes() {
	local fuzzers=() pids=() status=() f i name

	for f in "$BUILD"/userspace/fuzz/fuzz_*; do
		[ -x "$f" ] && fuzzers+=("$f")
	done
	for i in "${!fuzzers[@]}"; do
		if [ "$i" -ge "$jobs" ]; then
			wait "${pids[i - jobs]}"
			status[i - jobs]=$?
		fi
		fuzz_smoke "${fuzzers[i]}" >"$logs/${fuzzers[i]##*/}.log" 2>&1 &
		pids[i]=$!
	done
	for i in "${!fuzzers[@]}"; do
		if [ -z "${status[i]:-}" ]; then
			wait "${pids[i]}"
			status[i]=$?
		fi
		name=${fuzzers[i]##*/}
		tap_result "fuzz smoke $name (${fuzz_seconds}s)" "${status[i]}" \
			"$logs/$name.log"
	done
}

# KVM when it really works here, else TCG; probed once per run.
vm_accel() {
	[ -n "${KEYSEAL_VM_ACCEL:-}" ] ||
		KEYSEAL_VM_ACCEL=$(selftests/vm/probe-kvm.sh "${kernels[-1]}")
	export KEYSEAL_VM_ACCEL
	echo "# vm accelerator: $KEYSEAL_VM_ACCEL"
}

# vm_suites KERNELRELEASE LABEL [CMDLINE WORDS]: two boots, the functional
# suites and the adversarial ones (which also reload the module), then the
# two-host exchange (four boots) and the boot-time restore with a TPM
# (three boots). The words go on the kernel command line,
# where the tests find them in their environment.
vm_suites() {
	local kver=$1 label=$2 words=${3:-} part suites out
	local adversarial=hostile_test,stress_test,attacks_test,unload_test

	for part in functional adversarial; do
		out=$BUILD/vm/$kver-$part
		case $part in
		functional) suites=-$adversarial ;;
		adversarial) suites=$adversarial ;;
		esac
		tap_step "vm run on $label ($part suites): booted, finished, unloaded, no kernel report" \
			"$logs/vm-$kver-$part.log" env \
			KEYSEAL_VM_APPEND="KEYSEAL_SUITES=$suites $words" \
			selftests/vm/run.sh "$kver" "$BUILD/modules/$kver/keyseal.ko" \
			"$BUILD/selftests/payload" "$out"
		[ -e "$out/results.tap" ] && tap_count "$out/results.tap"
		[ "$part" = functional ] && softhsm_import "$kver" "$label" "$out"
	done

	out=$BUILD/twohost/$kver
	tap_step "two hosts exchange keys on $label: four clean VM boots" \
		"$logs/twohost-$kver.log" env KEYSEAL_VM_APPEND="$words" \
		selftests/twohost/run.sh "$kver" "$BUILD/modules/$kver/keyseal.ko" \
		"$BUILD/selftests/payload" "$out"
	[ -e "$out/results.tap" ] && tap_count "$out/results.tap"

	# A TPM and a disk: Debian's kernels have their drivers, the debug
	# kernel (a tinyconfig) has neither.
	[ -n "${KEYSEAL_VM_KERNEL:-}" ] && return 0
	out=$BUILD/boot/$kver
	tap_step "keys restored at boot under a TPM-sealed root KEK on $label: three clean VM boots (swtpm)" \
		"$logs/boot-$kver.log" env KEYSEAL_VM_APPEND="$words" \
		selftests/boot/run.sh "$kver" "$BUILD/modules/$kver/keyseal.ko" \
		"$BUILD/selftests/payload" "$out"
	[ -e "$out/results.tap" ] && tap_count "$out/results.tap"
}

# SoftHSM2 imports what rsa_export_test's kernel exported to the token's
# own RSA key, and decrypts with it what that kernel encrypted (selftests/
# softhsm/softhsm.sh): a step, and the token's own TAP counted.
softhsm_import() {
	local kver=$1 label=$2 out=$3 log

	log=$logs/softhsm-$kver.log
	tap_step "SoftHSM2 imports the keys the kernel exported on $label" \
		"$log" selftests/softhsm/softhsm.sh verify "$BUILD/softhsm" "$out"
	tap_count "$log"
}

# vm_consumers KERNELRELEASE: sealed keys handed to the kernel's real
# dm-crypt and fscrypt (ext4), on disks that persist across two boots. Not
# on the debug kernel, which has neither built.
vm_consumers() {
	local kver=$1 out=$BUILD/consumers/$1

	tap_step "dm-crypt and fscrypt take bridged keys on $kver: two clean VM boots" \
		"$logs/consumers-$kver.log" \
		selftests/consumers/run.sh "$kver" "$BUILD/modules/$kver/keyseal.ko" \
		"$BUILD/selftests/payload" "$out"
	[ -e "$out/results.tap" ] && tap_count "$out/results.tap"
}

# The selftests' payload, and the keyseal command that the two-host test's
# sender without the module runs on the host; and the SoftHSM2 token whose
# RSA key the payload's rsa_export_test exports to.
build_selftests() {
	make --no-print-directory -C userspace all &&
		make --no-print-directory -C selftests &&
		BUILD=$BUILD selftests/softhsm/softhsm.sh prepare \
			"$BUILD/softhsm" "$BUILD/selftests/payload"
}

# --- tiers -------------------------------------------------------------------

tier_test() {
	local kver

	for kver in "${kernels[@]}"; do
		tap_step "module builds for $kver (W=1, -Werror)" \
			"$logs/module-$kver.log" \
			build_module "$kver" "$BUILD/modules/$kver"
	done
	tap_step "userspace builds (-Wall -Wextra -Werror)" "$logs/userspace.log" \
		make --no-print-directory -j"$jobs" -C userspace all tests
	unit_tests >"$logs/unit.tap" 2>&1
	tap_count "$logs/unit.tap"

	tap_step "fuzzers build (libFuzzer, ASan, UBSan)" \
		"$logs/fuzzers-build.log" \
		make --no-print-directory -j"$jobs" -C userspace fuzzers
	fuzz_smokes
}

tier_style() {
	local kver

	tap_step "checkpatch --strict" "$logs/checkpatch.log" checkpatch
	# C=2 checks every source, whether make test built it already or not.
	for kver in "${kernels[@]}"; do
		tap_step "sparse for $kver (module and KAT variant)" \
			"$logs/sparse-$kver.log" \
			build_modules "$kver" C=2 CF=-Wsparse-error
	done
	tap_step "kernel-doc -Wall" "$logs/kernel-doc.log" kernel_doc
	tap_step "Documentation/ reads without docutils warnings" \
		"$logs/docs.log" docs_lint
}

# Installation, DKMS and the Debian packages, in a copy of the tree.
tier_packaging() {
	scripts/check-packaging.sh >"$logs/packaging.tap" 2>&1
	tap_count "$logs/packaging.tap"
}

tier_vm() {
	local kver

	vm_accel
	for kver in "${kernels[@]}"; do
		tap_step "modules for the VM on $kver: keyseal.ko and its KAT variant" \
			"$logs/modules-vm-$kver.log" build_modules "$kver"
	done
	tap_step "selftests build" "$logs/selftests-build.log" \
		build_selftests
	for kver in "${kernels[@]}"; do
		echo "# vm: kernel $kver"
		vm_suites "$kver" "$kver"
		vm_consumers "$kver"
	done
}

# The VM suites on a kernel whose detectors turn what a stock kernel lets
# pass (a use after free, a leak, a lock order, undefined behaviour) into a
# report, and any report fails the boot (selftests/vm/run.sh). The VM
# scans for leaks with keyseal loaded and after rmmod (selftests/vm/init).
# The kernel runs operations 5-25 times slower: stress_test runs for
# longer, and each boot may take up to 30 minutes.
tier_debug() {
	local dir kver

	dir=$(scripts/debug-kernel.sh 2>"$logs/debug-kernel.log")
	tap_result "debug kernel built from linux-source-6.12 (KASAN, kmemleak, lockdep, UBSAN, KFENCE; cached)" \
		$? "$logs/debug-kernel.log"
	[ -e "$dir/ready" ] || return 0
	kver=$(cat "$dir/release")
	echo "# debug kernel: $kver, in $dir"

	vm_accel
	local -x KEYSEAL_VM_KERNEL=$dir/bzImage
	local -x KEYSEAL_VM_MODULES=$dir/modules/lib/modules/$kver
	local -x KEYSEAL_VM_TIMEOUT=1800
	tap_step "modules for the VM on $kver, against its own tree: keyseal.ko and its KAT variant (W=1, -Werror)" \
		"$logs/modules-vm-$kver.log" build_modules "$kver" KDIR="$dir/src"
	tap_step "selftests build, with the debug kernel's KAT module" \
		"$logs/selftests-build-debug.log" \
		build_selftests
	vm_suites "$kver" "the debug kernel $kver" \
		"KEYSEAL_STRESS_SECONDS=$debug_stress_seconds"
}

# Debian's other kernels (5.10 and the newest): built, and their own images
# booted with the functional suites. The trees are prepared once, outside
# the work tree (scripts/fetch-kernel.sh).
tier_kernels() {
	tap_step "selftests build, for the kernel matrix" "$logs/selftests-build.log" \
		build_selftests
	scripts/kernel-matrix.sh >"$logs/kernel-matrix.tap" \
		2>"$logs/kernel-matrix.log"
	tap_count "$logs/kernel-matrix.tap"
}

# --- main --------------------------------------------------------------------

rm -rf "$logs"
mkdir -p "$logs"
mapfile -t kernels < <(scripts/kernels.sh)
if [ $# -gt 0 ]; then
	tiers=("$@")
	kernels=("${kernels[@]: -1}")
	echo "keyseal: check $*"
else
	tiers=(test style packaging vm kernels)
	case ${KEYSEAL_DEBUG_KERNEL:-0} in
	0 | "") ;;
	*) tiers+=(debug) ;;
	esac
	# The whole promise holds for modules built from nothing.
	rm -rf "$BUILD/modules" "$BUILD/modules-kat"
	echo "keyseal: make check"
fi
for tier in "${tiers[@]}"; do
	if [ "$(type -t "tier_$tier")" != function ]; then
		echo "check.sh: no tier $tier (test, style, packaging, vm, kernels, debug)" >&2
		exit 2
	fi
done

tap_step "kernel tools extracted from linux-source" "$logs/tools.log" \
	scripts/kernel-tools.sh "$BUILD/tools"
if [ ${#kernels[@]} = 0 ]; then
	tap_result "a supported kernel is installed with its headers (scripts/kernels.sh)" 1
fi
echo "# kernels: ${kernels[*]}"
for tier in "${tiers[@]}"; do
	start=$SECONDS
	echo "# tier: $tier"
	"tier_$tier"
	echo "# tier $tier took $((SECONDS - start)) s"
done
tap_totals
