#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Build the initramfs of a keyseal test VM.
#
#   mkinitramfs.sh KERNELRELEASE KEYSEAL_KO PAYLOAD_DIR OUTPUT
#
# The image holds busybox, kmod, keyctl (each with its shared libraries), the
# kernel's crypto modules decompressed with a fresh modules.dep so that the
# crypto API can autoload templates through /sbin/modprobe, keyseal.ko, and
# PAYLOAD_DIR as /payload (its "run" script is started by /init). Every
# executable found in the payload gets its shared libraries too.
#
# KEYSEAL_VM_MODULES names another directory laid out like
# /lib/modules/KERNELRELEASE (a kernel package unpacked, or a kernel built
# here) to take the kernel's modules from. KEYSEAL_VM_TOOLS lists more host
# tools to put in /bin (with their libraries), KEYSEAL_VM_MODSUBDIRS more
# module directories or files (e.g. kernel/drivers/md, or
# kernel/drivers/md/dm-crypt.ko*) to put in the image.

set -euo pipefail

kver=$1
keyseal_ko=$2
payload=$3
output=$4

here=$(cd "$(dirname "$0")" && pwd)
moddir=${KEYSEAL_VM_MODULES:-/lib/modules/$kver}
imgmoddir=/lib/modules/$kver
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT

mkdir -p "$root"/{bin,sbin,lib,lib64,dev,proc,sys,tmp,root,etc,out}

# Copy the shared libraries a binary needs to the same paths in the image.
copy_libs() {
	local lib
	ldd "$1" 2>/dev/null | awk '/=> \// { print $3 } /^\t\// { print $1 }' |
	while read -r lib; do
		[ -e "$root$lib" ] || install -D -m 0755 "$(readlink -f "$lib")" "$root$lib"
	done
}

copy_with_libs() {
	install -D -m 0755 "$1" "$root$2"
	copy_libs "$1"
}

install -m 0755 /bin/busybox "$root/bin/busybox"
for applet in $("$root/bin/busybox" --list); do
	[ -e "$root/bin/$applet" ] || ln -s busybox "$root/bin/$applet"
done

copy_with_libs /bin/kmod /sbin/kmod
for tool in modprobe insmod rmmod lsmod modinfo depmod; do
	rm -f "$root/sbin/$tool" "$root/bin/$tool"
	ln -s kmod "$root/sbin/$tool"
done
copy_with_libs "$(command -v keyctl)" /bin/keyctl
# Scenario suites name the host tools they need (dmsetup, mkfs.ext4, ...).
for tool in ${KEYSEAL_VM_TOOLS:-}; do
	copy_with_libs "$(command -v "$tool")" "/bin/${tool##*/}"
done

# Crypto modules and what they depend on; decompressed so that module loading
# needs no decompressor support in the image. (A kernel with everything built
# in, like the debug kernel, has none of them.)
mkdir -p "$root$imgmoddir"
# An entry is a directory or a file, and may be a glob
# (kernel/fs/mbcache.ko*: compressed or not, depending on the kernel).
for sub in kernel/crypto kernel/lib kernel/arch/x86/crypto ${KEYSEAL_VM_MODSUBDIRS:-}; do
	for src in "$moddir"/$sub; do
		[ -e "$src" ] || continue
		rel=${src#"$moddir"/}
		if [ -d "$src" ]; then
			mkdir -p "$root$imgmoddir/$rel"
			cp -a "$src/." "$root$imgmoddir/$rel/"
		else
			mkdir -p "$root$imgmoddir/${rel%/*}"
			cp -a "$src" "$root$imgmoddir/$rel"
		fi
	done
done
find "$root$imgmoddir" -name '*.ko.xz' -exec xz -d {} +
find "$root$imgmoddir" -name '*.ko.zst' -exec zstd -q -d --rm {} +
cp "$moddir"/modules.order "$moddir"/modules.builtin* "$root$imgmoddir/" 2>/dev/null || true
install -D -m 0644 "$keyseal_ko" "$root$imgmoddir/extra/keyseal.ko"
depmod -b "$root" "$kver"

mkdir -p "$root/payload"
cp -a "$payload/." "$root/payload/"
find "$root/payload" -type f -perm -u+x | while read -r f; do
	if [ "$(head -c 4 "$f" | od -An -tx1 | tr -d ' ')" = 7f454c46 ]; then
		copy_libs "$f"
	fi
done

install -m 0755 "$here/init" "$root/init"

(cd "$root" && find . -print0 | cpio --null -o -H newc --quiet) >"$output"
