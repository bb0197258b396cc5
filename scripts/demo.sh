#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make demo: build keyseal for the newest supported kernel and walk through
# both of its scenarios for real, in test VMs (no module is loaded on this
# machine): a key kept for later, and a key sent to another host.

set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
export BUILD=${BUILD:-$top/build}
out=$BUILD/demo

scripts/kernel-tools.sh "$BUILD/tools"
kver=$(scripts/kernels.sh | tail -n 1)
mkdir -p "$out"
echo "Building keyseal for $kver..."
make --no-print-directory module KERNELRELEASE="$kver" >"$out/build.log" 2>&1 &&
	make --no-print-directory -C selftests userspace-payload \
		>>"$out/build.log" 2>&1 ||
	{ cat "$out/build.log"; exit 1; }

files=$out/files
rm -rf "$files"
mkdir -p "$files"

# What a boot printed, without the test framing.
transcript() {
	grep -v -E '^# |^1\.\.|^(not )?ok [0-9]|^Joined session' "$1" || true
}

# One boot of one host; prints what the host did.
boot() {
	local step=$1 dir=$out/$1

	rm -rf "$dir"
	mkdir -p "$dir/payload/in"
	cp -a "$BUILD/selftests/payload/bin" "$BUILD/selftests/payload/lib" \
		"$dir/payload/"
	install -m 0755 tools/demo/guest.sh "$dir/payload/guest.sh"
	cp -a "$files/." "$dir/payload/in/"
	printf '#!/bin/sh\nkeyctl session - /payload/guest.sh %s 2>&1\n' \
		"$step" >"$dir/payload/run"
	chmod +x "$dir/payload/run"

	echo
	echo "[booting a test VM: kernel $kver, software emulation]"
	if ! selftests/vm/run.sh "$kver" "$BUILD/modules/$kver/keyseal.ko" \
		"$dir/payload" "$dir/vm"; then
		transcript "$dir/vm/results.tap"
		echo "demo: the VM run failed (see ${dir#"$top"/}/vm/console.log)"
		exit 1
	fi
	transcript "$dir/vm/results.tap"
	grep -q '^demo: ' "$dir/vm/results.tap" && exit 1
	find "$dir/vm" -maxdepth 1 -type f \
		\( -name '*.key' -o -name '*.pem' -o -name '*.blob' -o -name '*.enc' \) \
		-exec cp {} "$files/" \;
}

boot a1
boot b
boot a2

cat <<EOT

Shown, in kernel $kver:
  1. A key made in the kernel left it only as a blob sealed under the root
     KEK; the keyring forgot it; stock keyctl loaded it back and it still
     decrypted its data. One changed character, or another root KEK under
     the same name, and the blob was refused.
  2. Host B sent a key to host A knowing only A's public key (HPKE, RFC
     9180); A, after a reboot, opened it and decrypted B's data. A key that
     was not exportable could not be sent.
Next: make check runs everything, on kernels 6.1 and 6.12.
EOT
