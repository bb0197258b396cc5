# SPDX-License-Identifier: GPL-2.0
#
# What the scenario runners (twohost, consumers, boot) share: sourced by
# their run.sh, which sets $kver, $keyseal_ko, $payload (the selftests
# payload), $out, $here (its own folder), $top (the tree) and $status.

# scenario_payload SCENARIO STEP DIR: DIR/payload gets the selftests
# payload's bin/ and lib/, the scenario's guest.sh with guest-tap.sh, and a
# run script that starts "guest.sh STEP" in a session keyring of its own,
# framed as the suite SCENARIO-STEP.
scenario_payload() {
	local scenario=$1 step=$2 dir=$3

	mkdir -p "$dir/payload"
	cp -a "$payload/bin" "$payload/lib" "$dir/payload/"
	install -m 0755 "$here/guest.sh" "$dir/payload/guest.sh"
	install -m 0644 "$top/selftests/vm/guest-tap.sh" \
		"$dir/payload/guest-tap.sh"
	cat >"$dir/payload/run" <<EOS
#!/bin/sh
cd /payload
echo "# suite: $scenario-$step"
keyctl session - ./guest.sh $step 2>&1
echo "# suite-exit: $scenario-$step \$?"
EOS
	chmod +x "$dir/payload/run"
}

# scenario_boot DIR: boot DIR/payload (selftests/vm/run.sh, with the
# KEYSEAL_VM_* variables the caller sets), add its TAP to $out/results.tap;
# a failed boot sets status=1.
scenario_boot() {
	local dir=$1

	"$top/selftests/vm/run.sh" "$kver" "$keyseal_ko" "$dir/payload" \
		"$dir/vm" || status=1
	cat "$dir/vm/results.tap" >>"$out/results.tap" 2>/dev/null
}
