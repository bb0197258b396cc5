#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Two hosts exchange keys with HPKE: four boots of separate test VMs, with
# different root KEKs, that share only the files this script carries from
# one boot to the next (guest.sh says what each boot does). Between B's
# first boot and A's second, this machine — where no module is loaded —
# wraps a key for A with libkeyseal alone, as a key server would.
#
#   run.sh KERNELRELEASE KEYSEAL_KO PAYLOAD_DIR OUT_DIR
#
# PAYLOAD_DIR is the selftests payload, for its bin/ and lib/ (the keyseal
# command and libkeyseal). OUT_DIR gets one directory per boot and
# results.tap, framed TAP of every boot and of the host's own step. The
# exit status is non-zero if any boot failed (see selftests/vm/run.sh).

set -uo pipefail

kver=$1
keyseal_ko=$2
payload=$3
out=$4

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
# shellcheck source=../vm/scenario.sh
. "$top/selftests/vm/scenario.sh"
# shellcheck source=../../scripts/lib/tap.sh
. "$top/scripts/lib/tap.sh"
files=$out/files
status=0

rm -rf "$out"
mkdir -p "$files"
: >"$out/results.tap"

boot() {
	local step=$1 dir=$out/$1

	scenario_payload twohost "$step" "$dir"
	mkdir -p "$dir/payload/in"
	cp -a "$files/." "$dir/payload/in/"

	KEYSEAL_VM_APPEND="${KEYSEAL_VM_APPEND:-}" \
		scenario_boot "$dir"
	find "$dir/vm" -maxdepth 1 -type f \
		\( -name '*.key' -o -name '*.pem' -o -name '*.blob' -o -name '*.enc' \) \
		-exec cp {} "$files/" \;
}

# The keyseal command of this machine, where no module is loaded.
host_keyseal() {
	local dir=${BUILD:-$top/build}/userspace

	LD_LIBRARY_PATH=$dir "$dir/keyseal" "$@"
}

names_recipient() {
	host_keyseal inspect "$files/u-to-a.blob" | grep -qi "recipient"
}

# The key server: wraps a known key for A in userspace, module or not. It
# also notes B's fingerprint as OpenSSL computes it, for A to check.
userspace_sender() {
	tap_suite_begin twohost-userspace-sender
	openssl pkey -pubin -in "$files/b-xch.pem" -outform DER |
		sha256sum | cut -d' ' -f1 >"$files/b-xch.fp"
	head -c 32 /dev/urandom >"$files/u-key.bin"
	tap_check "host: wraps a key for A without the module" \
		host_keyseal wrap --to "$files/a-xch.pem" --raw aead --plaintext \
		-o "$files/u-to-a.blob" "$files/u-key.bin"
	tap_check "host: the blob names its recipient" names_recipient
	tap_suite_end twohost-userspace-sender
}

boot a1
boot b1
userspace_sender >>"$out/results.tap" 2>&1
boot a2
boot b2
exit "$status"
