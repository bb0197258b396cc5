#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Sealed keys reach the kernel's own consumers: two boots of a test VM with
# two virtio disks that persist between them, the real dm-crypt and fscrypt
# (ext4), Debian's dmsetup and mkfs.ext4 (guest.sh says what each boot
# does). Keys survive the reboot only as blobs, under the same root KEK.
#
#   run.sh KERNELRELEASE KEYSEAL_KO PAYLOAD_DIR OUT_DIR
#
# PAYLOAD_DIR is the selftests payload, for its bin/ (keyseal, fscrypt_key)
# and lib/. OUT_DIR gets one directory per boot, the disk images and
# results.tap, framed TAP of both boots. The exit status is non-zero if
# either boot failed (see selftests/vm/run.sh).

set -uo pipefail

kver=$1
keyseal_ko=$2
payload=$3
out=$4

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
# shellcheck source=../vm/scenario.sh
. "$top/selftests/vm/scenario.sh"
files=$out/files
status=0

rm -rf "$out"
mkdir -p "$files"
: >"$out/results.tap"
truncate -s 8M "$out/vda.img"
truncate -s 32M "$out/vdb.img"

# What the guest needs beyond keyseal's image: the disks' driver (virtio_pci
# is a module on 6.1), dm-crypt, ext4, and their tools.
modules="kernel/drivers/virtio kernel/drivers/block/virtio_blk.ko*
	kernel/drivers/md/dm-mod.ko* kernel/drivers/md/dm-crypt.ko*
	kernel/fs/ext4 kernel/fs/jbd2 kernel/fs/mbcache.ko*"

boot() {
	local step=$1 dir=$out/$1

	scenario_payload consumers "$step" "$dir"
	mkdir -p "$dir/payload/in"
	cp -a "$files/." "$dir/payload/in/"

	KEYSEAL_VM_APPEND="${KEYSEAL_VM_APPEND:-}" \
	KEYSEAL_VM_TOOLS="${KEYSEAL_VM_TOOLS:-} dmsetup mkfs.ext4" \
	KEYSEAL_VM_MODSUBDIRS="${KEYSEAL_VM_MODSUBDIRS:-} $modules" \
	KEYSEAL_VM_QEMU_ARGS="${KEYSEAL_VM_QEMU_ARGS:-} \
-drive file=$out/vda.img,format=raw,if=virtio \
-drive file=$out/vdb.img,format=raw,if=virtio" \
		scenario_boot "$dir"
	find "$dir/vm" -maxdepth 1 -type f \
		\( -name '*.key' -o -name '*.sha256' -o -name '*.id' \) \
		-exec cp {} "$files/" \;
}

boot c1
boot c2
exit "$status"
