#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make demo: build keyseal for the newest supported kernel and walk through
# its scenarios for real, in test VMs (no module is loaded on this
# machine): a key kept for later, a key sent to another host, and a disk
# key that survives reboot, released only by this machine's TPM (swtpm).

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

# One boot of one host; prints what the host did. KEYSEAL_VM_* in the
# environment add a TPM and a disk.
boot() {
	local step=$1 dir=$out/$1

	rm -rf "$dir"
	mkdir -p "$dir/payload/in"
	cp -a "$BUILD/selftests/payload/bin" "$BUILD/selftests/payload/lib" \
		"$dir/payload/"
	install -m 0755 tools/demo/guest.sh "$dir/payload/guest.sh"
	install -m 0755 userspace/system/keyseal-root-kek "$dir/payload/bin/"
	cp -a "$files/." "$dir/payload/in/"
	# The TPM's TCTI, which tss2 opens with dlopen(): ldd cannot see it.
	[ -n "${DEMO_TCTI:-}" ] && cp -L "$DEMO_TCTI" "$dir/payload/lib/"
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

# tpm_boot STEP STATE: a boot of the machine with a TPM whose state is in
# STATE (swtpm, for this boot only) and its disk.
tpm_boot() {
	local sock=$out/$1-swtpm.sock pid tcti status=0

	tcti=$(ldconfig -p | awk '/libtss2-tcti-device\.so\.0 / { p = $NF } END { print p }')
	swtpm socket --tpm2 --tpmstate dir="$2" \
		--ctrl type=unixio,path="$sock" --terminate \
		>"$out/$1-swtpm.log" 2>&1 &
	pid=$!
	for _ in $(seq 50); do
		[ -S "$sock" ] && break
		sleep 0.1
	done
	KEYSEAL_VM_TOOLS="tpm2_createprimary tpm2_create tpm2_load tpm2_unseal tpm2_flushcontext dmsetup" \
	KEYSEAL_VM_MODSUBDIRS="kernel/drivers/virtio kernel/drivers/block/virtio_blk.ko* kernel/drivers/md/dm-mod.ko* kernel/drivers/md/dm-crypt.ko*" \
	KEYSEAL_VM_QEMU_ARGS="-chardev socket,id=chrtpm,path=$sock -tpmdev emulator,id=tpm0,chardev=chrtpm -device tpm-tis,tpmdev=tpm0 -drive file=$out/disk.img,format=raw,if=virtio -drive file=$out/volume.img,format=raw,if=virtio" \
	DEMO_TCTI=$tcti boot "$1" || status=$?
	# swtpm --terminate ends with the VM; if it did not, end it.
	kill "$pid" 2>/dev/null || true
	wait "$pid" 2>/dev/null || true
	return "$status"
}

boot a1
boot b
boot a2

rm -rf "$out/tpm-mine" "$out/tpm-other" "$out/disk.img" "$out/volume.img"
mkdir -p "$out/tpm-mine" "$out/tpm-other"
truncate -s 16M "$out/disk.img"
truncate -s 16M "$out/volume.img"
tpm_boot tpm1 "$out/tpm-mine"
tpm_boot tpm2 "$out/tpm-mine"
tpm_boot tpm3 "$out/tpm-other"

cat <<EOT

Shown, in kernel $kver:
  1. A key made in the kernel left it only as a blob sealed under the root
     KEK; the keyring forgot it; stock keyctl loaded it back and it still
     decrypted its data. One changed character, or another root KEK under
     the same name, and the blob was refused.
  2. Host B sent a key to host A knowing only A's public key (HPKE, RFC
     9180); A, after a reboot, opened it and decrypted B's data. A key that
     was not exportable could not be sent.
  3. A disk key, under a KEK under a root KEK sealed to the machine's TPM,
     saved to the keystore, came back after a reboot with the same key id,
     released by the TPM alone, and opened its dm-crypt volume again
     without ever leaving the kernel; with the same disks in a machine
     with another TPM the root KEK did not unseal and no key was loaded.
Next: make check runs everything, on kernels 5.10, 6.1, 6.12 and Debian's newest.
EOT
