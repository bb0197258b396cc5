# SPDX-License-Identifier: GPL-2.0
#
# Count the results in framed TAP: suites start with "# suite: NAME" and end
# with "# suite-exit: NAME STATUS". A suite that exits non-zero without a
# failed test, or reports fewer results than its plan, or never reaches its
# exit marker, counts as one more failure: a crash is never a pass.
# Prints one "not ok SUITE: TEST" line per failure, then "PASSED FAILED SKIPPED".

function close_suite(status) {
	if (suite == "")
		return
	if (plan > seen) {
		print "not ok " suite ": " (plan - seen) " planned tests did not run"
		failed += plan - seen
	}
	if (status != 0 && suite_failed == 0) {
		print "not ok " suite ": exited with status " status
		failed++
	}
	suite = ""
}

/^# suite: / {
	close_suite(0)
	suite = $3; plan = 0; seen = 0; suite_failed = 0
	next
}
/^# suite-exit: / {
	if (suite != "") {
		status = $4
		close_suite(status)
	}
	next
}
suite != "" && /^1\.\.[0-9]+/ {
	plan = substr($1, 4) + 0
	next
}
suite != "" && /^ok / {
	seen++
	if ($0 ~ /# *SKIP/)
		skipped++
	else
		passed++
	next
}
suite != "" && /^not ok / {
	seen++
	if ($0 ~ /# *SKIP/) {
		skipped++
	} else {
		failed++
		suite_failed++
		print "not ok " suite ": " substr($0, index($0, " ok ") + 4)
	}
	next
}
END {
	if (suite != "") {
		print "not ok " suite ": never finished"
		failed++
		if (plan > seen)
			failed += plan - seen
	}
	print passed + 0, failed + 0, skipped + 0
}
