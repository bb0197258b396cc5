#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Install every Debian package keyseal needs to build, test and demo on a
# fresh Debian 12 machine. Does nothing when all of it is already present.
#
# The 6.12 kernel comes from bookworm-backports; that suite is added with the
# mirror the machine already uses, so no host name is written here.

set -euo pipefail

packages=(
	build-essential make gcc clang pkg-config sparse bc
	libkeyutils-dev libssl-dev keyutils openssl
	qemu-system-x86 busybox-static kmod cpio xz-utils zstd
	linux-image-amd64 linux-headers-amd64 linux-source-6.1
	dkms dh-dkms debhelper dpkg-dev lintian fakeroot man-db
	python3-docutils
	# boot-time restore: the root KEK sealed to a TPM (emulated by swtpm
	# in the test VM) or from a passphrase (argon2), systemd-analyze verify
	# on the units
	swtpm swtpm-tools tpm2-tools argon2 systemd
	# kernel trees: the kernel matrix and make check-debug
	flex bison libelf-dev dwarves
	# RSA export checked by an HSM: SoftHSM2 through PKCS#11
	softhsm2 opensc libp11-kit-dev
	# dm-crypt and fscrypt in the consumers test's VM
	dmsetup e2fsprogs
)
backports_packages=(
	linux-image-amd64 linux-headers-amd64 linux-source-6.12
)

log() { printf 'deps: %s\n' "$*" >&2; }

here=$(cd "$(dirname "$0")" && pwd)

# Both supported kernels (6.1 and 6.12) have an image and headers.
kernels_present() {
	[ "$("$here/kernels.sh" | wc -l)" = 2 ]
}

missing_packages() {
	local p
	for p in "${packages[@]}"; do
		if ! dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null |
		     grep -q '^install ok installed$'; then
			echo "$p"
		fi
	done
	return 0
}

add_backports() {
	local mirror list=/etc/apt/sources.list.d/keyseal-backports.list
	if grep -rqs 'bookworm-backports' /etc/apt/sources.list /etc/apt/sources.list.d/; then
		return 0
	fi
	mirror=$("$here/debian-mirror.sh" bookworm | sed -n 1p)
	if [ -z "$mirror" ]; then
		log "cannot find the bookworm mirror in the apt sources"
		exit 1
	fi
	log "adding bookworm-backports from $mirror"
	echo "deb $mirror bookworm-backports main" >"$list"
}

need_root() {
	if [ "$(id -u)" != 0 ]; then
		log "missing packages; run as root: $0"
		exit 1
	fi
}

main() {
	local missing
	missing=$(missing_packages)
	if [ -z "$missing" ] && kernels_present &&
	   ls /usr/src/linux-source-6.12.tar.* >/dev/null 2>&1; then
		return 0
	fi
	need_root
	export DEBIAN_FRONTEND=noninteractive
	add_backports
	apt-get update -q
	apt-get install -y -q --no-install-recommends "${packages[@]}"
	apt-get install -y -q --no-install-recommends -t bookworm-backports \
		"${backports_packages[@]}"
	if ! kernels_present; then
		log "kernel 6.1 or 6.12 with headers is still missing"
		exit 1
	fi
}

main "$@"
