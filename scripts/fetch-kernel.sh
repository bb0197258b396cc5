#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Fetch one Debian kernel that this machine does not run, and prepare a tree
# to build keyseal.ko for it.
#
#   fetch-kernel.sh SERIES      e.g. 5.10, 7.3, or "newest": the newest
#                               linux-source-X.Y in the suites of debian-apt.sh
#
# Prints one line: the directory of the kernel, holding
#   release     its release (uname -r), e.g. 7.3.4+deb13-amd64
#   vmlinuz     the image, from Debian's linux-image (or linux-binary) package
#   modules/    its modules, laid out like /lib/modules/RELEASE
#   build/      linux-source-SERIES of the same version, configured with the
#               image's own config, modules_prepare'd, with the image's
#               Module.symvers: a module built here loads into that image
#   config.diff what olddefconfig changed in that config with this
#               machine's compiler (it must not touch what modules see)
#
# The packages come through debian-apt.sh, a private apt configuration: the
# machine's apt sources stay as they are. Everything is kept in
# KEYSEAL_KERNEL_CACHE (default /var/cache/keyseal), outside the work tree:
# a kernel is fetched and prepared once, and again only when Debian
# publishes a new version of its series (the lists are refreshed daily).

set -euo pipefail

series=${1:?usage: fetch-kernel.sh SERIES}
cache=${KEYSEAL_KERNEL_CACHE:-/var/cache/keyseal}
here=$(cd "$(dirname "$0")" && pwd)
apt=$here/debian-apt.sh
index=

log() { printf 'fetch-kernel: %s\n' "$*" >&2; }
die() { log "$*"; exit 1; }

newest_series() {
	sed -n 's/^linux-source-\([0-9][0-9.]*\) .*/\1/p' "$index" |
		sort -u -V | tail -n 1
}

candidate() {
	"$apt" apt-cache policy "$1" |
		awk '$1 == "Candidate:" && $2 != "(none)" { print $2 }'
}

# The release of the generic amd64 flavour built from source VERSION.
release_of() {
	awk -v v="$1" '$2 == v { print $1 }' "$index" |
		sed -n 's/^linux-headers-\([0-9].*-amd64\)$/\1/p' |
		grep -v -e '-cloud-amd64$' -e '-rt-amd64$' | sort -u | head -n 1
}

exists() {
	grep -qxF "$1 $2" "$index"
}

# Download and unpack the image, modules and headers of RELEASE.
fetch_binaries() {
	local kver=$1 version=$2 dir=$3 p pkgs=()

	for p in "linux-image-$kver-unsigned" "linux-binary-unsigned-$kver" \
		 "linux-modules-$kver" "linux-base-$kver" "linux-headers-$kver"; do
		exists "$p" "$version" && pkgs+=("$p=$version")
	done
	[ ${#pkgs[@]} -gt 0 ] || die "no image packages of $kver $version"
	log "downloading ${pkgs[*]}"
	(cd "$dir/debs" && "$apt" apt-get download "${pkgs[@]}" >&2)
	for p in "$dir"/debs/*.deb; do
		case ${p##*/} in
		linux-source-*) ;;
		*) dpkg-deb -x "$p" "$dir/root" ;;
		esac
	done
}

# Link the image, its modules and its config where this script promises them.
link_binaries() {
	local kver=$1 dir=$2 f

	for f in "$dir/root/boot/vmlinuz-$kver" \
		 "$dir/root/usr/lib/modules/$kver/vmlinuz.unsigned" \
		 "$dir/root/usr/lib/modules/$kver/vmlinuz"; do
		[ -e "$f" ] && { ln -sfn "${f#"$dir"/}" "$dir/vmlinuz"; break; }
	done
	for f in "$dir/root/lib/modules/$kver" "$dir/root/usr/lib/modules/$kver"; do
		[ -d "$f/kernel" ] && { ln -sfn "${f#"$dir"/}" "$dir/modules"; break; }
	done
	for f in "$dir/root/boot/config-$kver" "$dir/modules/config"; do
		[ -e "$f" ] && { cp "$f" "$dir/image.config"; break; }
	done
	[ -e "$dir/vmlinuz" ] || die "no kernel image in the packages of $kver"
	[ -e "$dir/modules" ] || die "no modules in the packages of $kver"
	[ -e "$dir/image.config" ] || die "no config in the packages of $kver"
	[ -e "$dir/root/usr/src/linux-headers-$kver/Module.symvers" ] ||
		die "no Module.symvers in linux-headers-$kver"
}

# Unpack linux-source-SERIES and prepare it with the image's config: the
# image's Module.symvers and release make what is built here load there.
prepare_tree() {
	local kver=$1 dir=$2 deb src=$2/build

	deb=$(ls "$dir"/debs/linux-source-*.deb)
	mkdir -p "$src"
	log "unpacking ${deb##*/}"
	dpkg-deb --fsys-tarfile "$deb" |
		tar -xO --wildcards './usr/src/linux-source-*.tar.xz' |
		xz -T0 -dc | tar -x --strip-components=1 -C "$src"
	cp "$dir/image.config" "$src/.config"
	# Debian signs its modules with a key it keeps; nothing is signed here.
	"$src/scripts/config" --file "$src/.config" \
		--disable MODULE_SIG_ALL \
		--set-str SYSTEM_TRUSTED_KEYS "" \
		--set-str SYSTEM_REVOCATION_KEYS ""
	log "configuring and preparing $kver"
	make -s -C "$src" olddefconfig >&2
	diff <(grep '^CONFIG_' "$dir/image.config" | sort) \
	     <(grep '^CONFIG_' "$src/.config" | sort) >"$dir/config.diff" || true
	make -s -C "$src" -j"$(nproc)" KERNELRELEASE="$kver" modules_prepare >&2
	echo "$kver" >"$src/include/config/kernel.release"
	cp "$dir/root/usr/src/linux-headers-$kver/Module.symvers" "$src/"
}

main() {
	local version kver dir tmp old

	mkdir -p "$cache/kernels"
	exec 9>"$cache/lock"
	flock 9
	"$apt" refresh
	index=$("$apt" packages)
	[ "$series" = newest ] && series=$(newest_series)
	version=$(candidate "linux-source-$series")
	[ -n "$version" ] || die "no linux-source-$series in the suites of debian-apt.sh"
	kver=$(release_of "$version")
	[ -n "$kver" ] || die "no amd64 kernel of version $version"
	dir=$cache/kernels/$kver
	if [ "$(cat "$dir/ready" 2>/dev/null)" = "$version" ]; then
		echo "$dir"
		return 0
	fi

	log "preparing $kver ($version) in $dir"
	tmp=$dir.tmp
	rm -rf "$tmp" "$dir"
	mkdir -p "$tmp/debs" "$tmp/root"
	(cd "$tmp/debs" &&
	 "$apt" apt-get download "linux-source-$series=$version" >&2)
	fetch_binaries "$kver" "$version" "$tmp"
	link_binaries "$kver" "$tmp"
	prepare_tree "$kver" "$tmp"
	rm -rf "$tmp/debs"
	echo "$kver" >"$tmp/release"
	echo "$series" >"$tmp/series"
	echo "$version" >"$tmp/ready"
	mv "$tmp" "$dir"

	# An older version of the same series is not needed any more.
	for old in "$cache"/kernels/*/series; do
		[ "$(cat "$old")" = "$series" ] || continue
		[ "${old%/series}" = "$dir" ] || rm -rf "${old%/series}"
	done
	echo "$dir"
}

main
