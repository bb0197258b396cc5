#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Boot one keyseal test VM and judge the run.
#
#   run.sh KERNELRELEASE KEYSEAL_KO PAYLOAD_DIR OUT_DIR [TIMEOUT_SECONDS]
#
# OUT_DIR receives console.log (everything the kernel and the tests printed),
# results.tap (the TAP stream from the second serial port) and the files the
# payload left in /out. The run passes only if the VM wrote the done marker on
# the second serial port, before the timeout (default 300 s, or
# KEYSEAL_VM_TIMEOUT), and the console shows no Oops, BUG, WARNING, general
# protection fault, panic, lockup or hung task, and no report of a debug
# kernel's detectors (KASAN, KFENCE, UBSAN, lockdep, kmemleak, debugobjects).
# Extra kernel command-line words may be given in KEYSEAL_VM_APPEND;
# KEYSEAL_VM_ACCEL=kvm|tcg skips the KVM probe. KEYSEAL_VM_KERNEL boots
# another kernel image than /boot/vmlinuz-KERNELRELEASE, and
# KEYSEAL_VM_MODULES takes its modules from another directory than
# /lib/modules/KERNELRELEASE (mkinitramfs.sh). KEYSEAL_VM_CPUS sets the
# number of virtual CPUs (default 2). KEYSEAL_VM_QEMU_ARGS adds qemu
# arguments (a disk, a TPM); KEYSEAL_VM_TOOLS and KEYSEAL_VM_MODSUBDIRS add
# host tools and module directories to the image (mkinitramfs.sh).

set -euo pipefail

kver=$1
keyseal_ko=$2
payload=$3
out=$4
timeout_s=${5:-${KEYSEAL_VM_TIMEOUT:-300}}

here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$out"
rm -f "$out"/console.log "$out"/ttyS1.raw "$out"/results.tap

initrd="$out/initramfs.cpio"
"$here/mkinitramfs.sh" "$kver" "$keyseal_ko" "$payload" "$initrd"

case "${KEYSEAL_VM_ACCEL:-$("$here/probe-kvm.sh" "$kver")}" in
kvm) accel=(-accel kvm -cpu host) ;;
*) accel=(-accel tcg -cpu max) ;;
esac

append="console=ttyS0 rdinit=/init oops=panic panic_on_warn=1 panic=-1"
append="$append softlockup_panic=1 hung_task_panic=1 nokaslr"
append="$append ${KEYSEAL_VM_APPEND:-}"

status=0
timeout --foreground -k 5 "$timeout_s" \
	qemu-system-x86_64 "${accel[@]}" -m 1024 -smp "${KEYSEAL_VM_CPUS:-2}" \
		-nodefaults -no-reboot -display none -monitor none \
		-kernel "${KEYSEAL_VM_KERNEL:-/boot/vmlinuz-$kver}" -initrd "$initrd" \
		-append "$append" ${KEYSEAL_VM_QEMU_ARGS:-} \
		-serial stdio -serial "file:$out/ttyS1.raw" \
		</dev/null >"$out/console.log" 2>&1 || status=$?
rm -f "$initrd"

# The results port carries TAP and, between file markers, base64 files.
tr -d '\r' <"$out/ttyS1.raw" | awk -v dir="$out" '
	/^# file-begin: / { name = dir "/" substr($0, 15); tmp = name ".b64"; printf "" > tmp; infile = 1; next }
	/^# file-end: / { close(tmp); system("base64 -d < \"" tmp "\" > \"" name "\" && rm -f \"" tmp "\""); infile = 0; next }
	infile { print >> tmp; next }
	{ print }
' >"$out/results.tap"

verdict=ok
if [ "$status" = 124 ] || [ "$status" = 137 ]; then
	echo "vm($kver): timed out after ${timeout_s}s" >&2
	verdict=fail
fi
if ! grep -q '^# keyseal-vm: done$' "$out/results.tap"; then
	echo "vm($kver): no completion marker: the VM died or hung" >&2
	verdict=fail
fi
bad='Oops|BUG:|WARNING:|general protection|Kernel panic|end Kernel panic|soft lockup|hard LOCKUP|blocked for more than|rcu.*stall|Call Trace|UBSAN|KASAN'
# Debug kernels: lockdep, kmemleak and debugobjects can also report, or
# give up, without a BUG or WARNING line.
bad="$bad|KFENCE|ODEBUG|suspected memory leak|kmemleak.*disabled|turning off the locking correctness validator"
if grep -aEn "$bad" "$out/console.log" >"$out/kernel-problems.txt"; then
	echo "vm($kver): the kernel reported problems:" >&2
	sed 's/^/    /' "$out/kernel-problems.txt" | head -n 20 >&2
	verdict=fail
fi
[ "$verdict" = ok ]
