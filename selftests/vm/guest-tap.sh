# SPDX-License-Identifier: GPL-2.0
#
# TAP for the scenario guests (twohost, consumers, boot): sourced by their
# guest.sh, which sets $step (the boot's name) and $n (the last test's
# number, 0 at the start).

ok() {
	n=$((n + 1))
	echo "ok $n $step: $1"
}

not_ok() {
	n=$((n + 1))
	echo "not ok $n $step: $1"
}

# check DESCRIPTION COMMAND...: one test, passing if COMMAND succeeds.
check() {
	desc=$1
	shift
	if "$@" >/tmp/check.out 2>&1; then
		ok "$desc"
	else
		not_ok "$desc"
		sed 's/^/# /' /tmp/check.out
	fi
}

# refuse DESCRIPTION MESSAGE COMMAND...: COMMAND must fail saying MESSAGE.
refuse() {
	desc=$1
	msg=$2
	shift 2
	if "$@" >/tmp/check.out 2>&1; then
		not_ok "$desc (it succeeded)"
	elif grep -q "$msg" /tmp/check.out; then
		ok "$desc"
	else
		not_ok "$desc"
		sed 's/^/# /' /tmp/check.out
	fi
}
