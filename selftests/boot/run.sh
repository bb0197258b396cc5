#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Keys that survive a reboot, released only by this machine's TPM: three
# boots of a test VM with a TPM 2.0 emulator (swtpm, qemu's tpm-tis, the
# kernel's built-in TPM driver), a disk that keeps /var/lib/keyseal
# between boots and a second one for a dm-crypt volume (guest.sh says what
# each boot does).
#
#   boot 1 (seal)       TPM A: a root KEK sealed to it, keys made and saved
#   boot 2 (restore)    TPM A again: the keys come back with their key ids,
#                       the dm-crypt volume opens; a root KEK bound to a
#                       PCR no longer unseals once the PCR is extended
#   boot 3 (other-tpm)  TPM B, fresh: the root KEK does not unseal, nothing
#                       is restored, nothing is half-loaded
#
#   run.sh KERNELRELEASE KEYSEAL_KO PAYLOAD_DIR OUT_DIR
#
# PAYLOAD_DIR is the selftests payload, for its bin/ and lib/. OUT_DIR gets
# one directory per boot, the TPMs' state, the disk image and results.tap
# (framed TAP of every boot). The exit status is non-zero if any boot failed
# (see selftests/vm/run.sh).

set -uo pipefail

kver=$1
keyseal_ko=$2
payload=$3
out=$4

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
# shellcheck source=../vm/scenario.sh
. "$top/selftests/vm/scenario.sh"
status=0
tpm_tools="tpm2_createprimary tpm2_create tpm2_load tpm2_unseal tpm2_flushcontext
	tpm2_createpolicy tpm2_pcrextend"
# The disks' driver (virtio_pci is a module on 6.1) and dm-crypt.
modules="kernel/drivers/virtio kernel/drivers/block/virtio_blk.ko*
	kernel/drivers/md/dm-mod.ko* kernel/drivers/md/dm-crypt.ko*"

rm -rf "$out"
mkdir -p "$out/tpm-a" "$out/tpm-b"
: >"$out/results.tap"
truncate -s 16M "$out/disk.img"
truncate -s 16M "$out/volume.img"

# The TCTI tss2 opens with dlopen(), which ldd cannot see.
tcti=$(ldconfig -p | awk '/libtss2-tcti-device\.so\.0 / { p = $NF } END { print p }')

# boot STEP TPM: one boot of the VM with the TPM whose state is in TPM.
boot() {
	local step=$1 state=$out/$2 dir=$out/$1 sock pid=

	scenario_payload boot "$step" "$dir"
	install -m 0755 "$top/userspace/system/keyseal-root-kek" \
		"$dir/payload/bin/keyseal-root-kek"
	[ -n "$tcti" ] && cp -L "$tcti" "$dir/payload/lib/"

	# The TPM lives as long as this boot; its state stays in $state.
	sock=$dir/swtpm.sock
	swtpm socket --tpm2 --tpmstate dir="$state" \
		--ctrl type=unixio,path="$sock" --terminate \
		--log file="$dir/swtpm.log" >"$dir/swtpm.out" 2>&1 &
	pid=$!
	for _ in $(seq 50); do
		[ -S "$sock" ] && break
		sleep 0.1
	done

	KEYSEAL_VM_TOOLS="$tpm_tools dmsetup argon2" \
	KEYSEAL_VM_MODSUBDIRS="$modules" \
	KEYSEAL_VM_QEMU_ARGS="-chardev socket,id=chrtpm,path=$sock -tpmdev emulator,id=tpm0,chardev=chrtpm -device tpm-tis,tpmdev=tpm0 -drive file=$out/disk.img,format=raw,if=virtio -drive file=$out/volume.img,format=raw,if=virtio" \
	KEYSEAL_VM_APPEND="${KEYSEAL_VM_APPEND:-}" \
		scenario_boot "$dir"
	if kill -0 "$pid" 2>/dev/null; then
		kill "$pid"
	fi
	wait "$pid" 2>/dev/null
}

boot seal tpm-a
boot restore tpm-a
boot other-tpm tpm-b
exit "$status"
