# SPDX-License-Identifier: GPL-2.0
#
# TAP for keyseal's scripts (bash, sourced). Results are numbered "ok N
# NAME" / "not ok N NAME" lines; a failure is followed by the tail of its
# output as "#" diagnostics. A script that is one suite of a bigger run
# frames its results (tap_suite_begin, tap_suite_end); a script that sums
# up a run adds the framed suites others wrote (tap_count, with
# tap-count.awk) and ends with tap_totals: "N passed, N failed".

tap_lib=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
tap_top=$(cd "$tap_lib/../.." && pwd)
tap_number=0
tap_passed=0
tap_failed=0
tap_skipped=0
tap_status=0

# A path as the reader finds it from the top of the tree.
tap_path() {
	printf '%s\n' "${1#"$tap_top"/}"
}

# tap_result NAME STATUS [LOG]: one result; STATUS 0 passes. A failure
# names LOG and shows its tail.
tap_result() {
	local name=$1 status=$2 log=${3:-}

	tap_number=$((tap_number + 1))
	if [ "$status" = 0 ]; then
		tap_passed=$((tap_passed + 1))
		echo "ok $tap_number $name"
		return 0
	fi
	tap_failed=$((tap_failed + 1))
	echo "not ok $tap_number $name"
	if [ -n "$log" ]; then
		echo "#   log: $(tap_path "$log")"
		tap_tail "$log"
	fi
	return 0
}

tap_tail() {
	tail -n 30 "$1" | sed 's/^/#   /'
}

# tap_run LOG COMMAND...: COMMAND's output to LOG and its status to
# tap_status. COMMAND runs as a command of its own, never in an "if" or
# "||", where bash would ignore errexit in all it runs; the caller's
# errexit is off meanwhile.
tap_run() {
	local log=$1 errexit=

	shift
	case $- in *e*) errexit=1; set +e ;; esac
	"$@" >"$log" 2>&1
	tap_status=$?
	[ -n "$errexit" ] && set -e
	return 0
}

# tap_step NAME LOG COMMAND...: one result, passing when COMMAND succeeds;
# its output is kept in LOG.
tap_step() {
	local name=$1 log=$2

	shift 2
	tap_run "$log" "$@"
	tap_result "$name" "$tap_status" "$log"
}

# tap_check NAME COMMAND...: one result, COMMAND's output shown only if it
# fails.
tap_check() {
	local name=$1 log

	shift
	log=$(mktemp)
	tap_run "$log" "$@"
	tap_result "$name" "$tap_status"
	[ "$tap_status" = 0 ] || tap_tail "$log"
	rm -f "$log"
}

tap_suite_begin() {
	echo "# suite: $1"
}

# The plan comes last: the number of results is known only then.
tap_suite_end() {
	echo "1..$tap_number"
	echo "# suite-exit: $1 $((tap_failed > 0))"
}

# tap_count FILE: add the results of the framed suites in FILE to this
# script's totals, and say which failed.
tap_count() {
	local file=$1 counts p f s

	counts=$(awk -f "$tap_lib/tap-count.awk" "$file")
	grep '^not ok' <<<"$counts" | sed 's/^/#   /'
	read -r p f s <<<"$(tail -n 1 <<<"$counts")"
	tap_passed=$((tap_passed + p))
	tap_failed=$((tap_failed + f))
	tap_skipped=$((tap_skipped + s))
	echo "#   $p passed, $f failed, $s skipped ($(tap_path "$file"))"
}

# The last line of a run, and its exit status.
tap_totals() {
	echo "# $tap_skipped skipped"
	echo "$tap_passed passed, $tap_failed failed"
	[ "$tap_failed" = 0 ]
}
