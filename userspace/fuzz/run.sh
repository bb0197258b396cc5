#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make fuzz: build every libFuzzer target in userspace/fuzz/ and run each for
# FUZZ_SECONDS (default 60), one after the other.
#
#   FUZZ_SECONDS=600 make fuzz
#   userspace/fuzz/run.sh [TARGET...]	(e.g. fuzz_command; default: all)
#
# Each target works in $BUILD/fuzz/<target>/: corpus/ keeps what it found
# from run to run (the committed seeds in userspace/fuzz/corpus/<name> are
# read, never written), crashes/ receives crashing inputs, and log the
# output of the last run. A crash makes the run fail: turn the input into a
# regression test in userspace/tests/ and fix the cause.

set -uo pipefail

top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 1
export BUILD=${BUILD:-$top/build}
seconds=${FUZZ_SECONDS:-60}
bins=$BUILD/userspace/fuzz
status=0

make --no-print-directory -C userspace fuzzers || exit 1

if [ $# -gt 0 ]; then
	targets=("$@")
else
	targets=()
	for f in "$bins"/fuzz_*; do
		[ -x "$f" ] && targets+=("${f##*/}")
	done
fi

for target in "${targets[@]}"; do
	name=${target#fuzz_}
	work=$BUILD/fuzz/$target
	seeds=userspace/fuzz/corpus/$name
	dict=userspace/fuzz/$name.dict
	mkdir -p "$work/corpus" "$work/crashes"
	args=(-max_total_time="$seconds" -print_final_stats=1
	      -artifact_prefix="$work/crashes/")
	[ -f "$dict" ] && args+=(-dict="$dict")
	[ -d "$seeds" ] || seeds=

	echo "== $target: ${seconds}s"
	"$bins/$target" "${args[@]}" "$work/corpus" ${seeds:+"$seeds"} \
		>"$work/log" 2>&1
	result=$?
	grep -E '^stat::(number_of_executed_units|new_units_added)' \
		"$work/log" | sed 's/^/   /'
	echo "   corpus: $(find "$work/corpus" -type f | wc -l) inputs"
	if [ "$result" != 0 ]; then
		status=1
		echo "   FAILED (exit $result): $work/log"
		grep -E 'ERROR|Assertion|SUMMARY|Test unit written' \
			"$work/log" | head -n 5 | sed 's/^/   /'
	fi
done

[ "$status" = 0 ] && echo "fuzz: no crash in ${#targets[@]} targets" ||
	echo "fuzz: FAILED"
exit "$status"
