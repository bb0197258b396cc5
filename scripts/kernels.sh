#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Print the releases of the installed kernels keyseal supports (Debian 12's
# 6.1 and the 6.12 from bookworm-backports), one per line: those with an image
# in /boot and headers under /lib/modules/RELEASE/build.

for series in 6.1 6.12; do
	for dir in /lib/modules/"$series".*; do
		[ -e "$dir/build/Makefile" ] || continue
		[ -e "/boot/vmlinuz-${dir##*/}" ] || continue
		echo "${dir##*/}"
	done | sort -V | tail -n 1
done
