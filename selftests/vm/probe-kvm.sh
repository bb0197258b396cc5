#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Print "kvm" if KVM can really boot KERNELRELEASE here, else "tcg".
#
# /dev/kvm can exist yet fail (nested virtualisation without the needed
# features stops qemu with "KVM internal error"), so it is tried: a kernel with
# no root file system panics within seconds under a working KVM.

kver=$1

if [ ! -w /dev/kvm ]; then
	echo tcg
	exit 0
fi
if timeout -k 2 15 qemu-system-x86_64 -accel kvm -cpu host -m 256 \
	-nodefaults -no-reboot -display none -monitor none \
	-kernel "/boot/vmlinuz-$kver" -append "console=ttyS0 panic=-1" \
	-serial stdio </dev/null 2>&1 | grep -q 'Kernel panic'; then
	echo kvm
else
	echo tcg
fi
