#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Installation and packaging, checked: make install and uninstall into a
# DESTDIR, a program built against the installed libkeyseal, the Debian
# packages and lintian, and what neither dpkg -c nor lintian can say of
# them: that DKMS builds the module from keyseal-dkms's sources for every
# supported kernel, and that a program builds against libkeyseal-dev and
# runs with libkeyseal0. Prints framed TAP (scripts/lib/tap.sh) and exits
# non-zero if a check failed.
#
# Everything it makes is under $BUILD/packaging (BUILD defaults to build/).
# The work tree, /usr/src, /var/lib/dkms and /lib/modules stay as they were:
# the packages are built from a copy of the tree (dpkg-buildpackage writes
# next to the tree it builds), and DKMS runs with private trees.

set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
BUILD=${BUILD:-$top/build}

# This script drives its own builds: a "make check" above it must not pass
# its variables or job server down into them.
unset MAKEFLAGS MFLAGS MAKELEVEL

version=$(sed -n 's/^PACKAGE_VERSION="\(.*\)"$/\1/p' dkms.conf)
arch=$(dpkg-architecture -qDEB_HOST_ARCH)
multiarch=$(dpkg-architecture -qDEB_HOST_MULTIARCH)
work=$BUILD/packaging
logs=$work/logs
# The copy of the work tree, named as a release tarball would unpack.
tree=$work/src/keyseal-$version
destdir=$work/destdir
prefix=/usr/local
packages=(keyseal-dkms libkeyseal0 libkeyseal-dev keyseal-tools)
dkms_args=(--dkmstree "$work/dkms/tree" --sourcetree "$work/dkms/src")
# The packages unpacked, as dpkg would install them.
debroot=$work/debroot
mapfile -t kernels < <(scripts/kernels.sh)
jobs=$(nproc)

# shellcheck source=lib/tap.sh
. scripts/lib/tap.sh

# check NAME FUNCTION [ARGS...]: one test. FUNCTION runs in a subshell with
# errexit in force (in an "if" bash would ignore it), so any failing command
# fails the test; its output, traced, goes to a log.
check() {
	local name=$1

	shift
	tap_step "$name" "$logs/$((tap_number + 1)).log" strict "$@"
}

strict() {
	(set -ex; "$@")
}

# Files (not directories) under a root, as absolute paths, sorted.
files_under() {
	(cd "$1" && find . ! -type d | sed 's|^\.||' | LC_ALL=C sort)
}

# same_list NAME EXPECTED ACTUAL: succeed if the two sorted lists are equal,
# else show how they differ.
same_list() {
	if ! diff -u --label "expected $1" --label "actual $1" "$2" "$3"; then
		return 1
	fi
}

# The man pages there are (they are written along with the code).
man_pages() {
	local page

	for page in "$tree"/userspace/man/*.[1-8]; do
		[ -e "$page" ] && echo "${page##*/}"
	done
	return 0
}

# --- the copy of the tree ----------------------------------------------------

# Tracked and new files as they are in the work tree, without what .gitignore
# names (build/) and without $BUILD itself, wherever it is.
copy_tree() {
	local rel

	rm -rf "$work/src"
	mkdir -p "$tree"
	if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
		rel=$(realpath -m --relative-to="$top" "$BUILD")/
		git ls-files -z --cached --others --exclude-standard |
			awk -v rel="$rel" 'BEGIN { RS = ORS = "\0" }
				substr($0, 1, length(rel)) != rel' |
			tar --null --ignore-failed-read -T - -cf - 2>/dev/null |
			tar -xf - -C "$tree"
	else
		tar --exclude=./.git --exclude=./build -cf - . | tar -xf - -C "$tree"
	fi
}

# --- tests ---------------------------------------------------------------------

# The version is dkms.conf's (the library's file name follows it: see
# t_library); the changelog names the packages' version, which must too.
t_version() {
	local changelog

	changelog=$(dpkg-parsechangelog -l "$tree/debian/changelog" -S Version)
	echo "dkms.conf $version, debian/changelog $changelog"
	[ -n "$version" ] && [ "${changelog%-*}" = "$version" ]
}

expected_install() {
	local kver=$1 page

	cat <<-EOF
		/etc/udev/rules.d/60-keyseal.rules
		/lib/modules/$kver/updates/keyseal.ko
		$prefix/bin/keyseal
		$prefix/include/keyseal.h
		$prefix/lib/systemd/system/keyseal-restore.service
		$prefix/lib/systemd/system/keyseal-root-kek.service
		$prefix/libexec/keyseal/keyseal-root-kek
		$prefix/include/linux/keyseal.h
		$prefix/lib/libkeyseal.a
		$prefix/lib/libkeyseal.so
		$prefix/lib/libkeyseal.so.0
		$prefix/lib/libkeyseal.so.$version
		$prefix/lib/pkgconfig/keyseal.pc
		$prefix/share/doc/keyseal/examples/modules-load.d/keyseal.conf
	EOF
	for page in $(man_pages); do
		echo "$prefix/share/man/man${page##*.}/$page"
	done
}

# make install, as a newcomer types it, with the first supported kernel.
t_install() {
	rm -rf "$destdir"
	make -C "$tree" -j"$jobs" install DESTDIR="$destdir" \
		BUILD="$work/build" KERNELRELEASE="${kernels[0]}"
	expected_install "${kernels[0]}" | LC_ALL=C sort >"$work/install.expected"
	files_under "$destdir" >"$work/install.actual"
	same_list "make install" "$work/install.expected" "$work/install.actual"
}

t_library() {
	local lib=$destdir$prefix/lib soname

	soname=$(readelf -d "$lib/libkeyseal.so.$version" |
		sed -n 's/.*(SONAME).*\[\(.*\)\]/\1/p')
	echo "SONAME $soname"
	[ "$soname" = libkeyseal.so.0 ]
	[ "$(readlink "$lib/libkeyseal.so.0")" = "libkeyseal.so.$version" ]
	[ "$(readlink -f "$lib/libkeyseal.so")" = "$lib/libkeyseal.so.$version" ]
}

# pc ROOT LIBDIR ARGS...: pkg-config as a build against files staged under
# ROOT sees it; /usr/include and /usr/lib are named too, as they are not
# the build machine's own.
pc() {
	local root=$1 libdir=$2

	shift 2
	PKG_CONFIG_SYSROOT_DIR=$root PKG_CONFIG_PATH=$root$libdir/pkgconfig \
	PKG_CONFIG_ALLOW_SYSTEM_CFLAGS=1 PKG_CONFIG_ALLOW_SYSTEM_LIBS=1 \
		pkg-config "$@" keyseal
}

t_pkgconfig() {
	local libs cflags static

	[ "$(pc "$destdir" $prefix/lib --modversion)" = "$version" ]
	read -ra libs <<<"$(pc "$destdir" $prefix/lib --libs)"
	[ "${libs[*]}" = "-L$destdir$prefix/lib -lkeyseal" ]
	read -ra cflags <<<"$(pc "$destdir" $prefix/lib --cflags)"
	[ "${cflags[0]}" = "-I$destdir$prefix/include" ]
	# A static link needs libkeyseal's own dependencies (Requires.private).
	read -ra static <<<"$(pc "$destdir" $prefix/lib --static --libs)"
	printf '%s\n' "${static[@]}" | grep -qx -- -lkeyutils
	printf '%s\n' "${static[@]}" | grep -qx -- -lcrypto
}

# t_program ROOT LIBDIR: a program of someone else's, built against
# libkeyseal staged under ROOT: the public headers (keyseal.h, which
# includes linux/keyseal.h), pkg-config, the shared library, at run time.
t_program() {
	local root=$1 libdir=$2 dir=$work/program lib=$1$2

	rm -rf "$dir"
	mkdir -p "$dir"
	cat >"$dir/inspect.c" <<-'EOF'
		// SPDX-License-Identifier: GPL-2.0
		#include <errno.h>
		#include <stdio.h>
		#include <string.h>

		#include <keyseal.h>

		int main(void)
		{
			/* The magic alone is a truncated blob, never a valid one. */
			static const char magic[] = KEYSEAL_BLOB_MAGIC;
			struct keyseal_blob_info info;
			int ret;

			ret = keyseal_blob_inspect(magic, strlen(magic), &info);
			printf("keyseal_blob_inspect: %d\n", ret);
			return ret == -EINVAL ? 0 : 1;
		}
	EOF
	# shellcheck disable=SC2046 # pkg-config prints separate words
	cc -Wall -Wextra -Werror $(pc "$root" "$libdir" --cflags) \
		-o "$dir/inspect" "$dir/inspect.c" $(pc "$root" "$libdir" --libs)
	LD_LIBRARY_PATH=$lib ldd "$dir/inspect" | grep -F "$lib/libkeyseal.so.0"
	LD_LIBRARY_PATH=$lib "$dir/inspect"
}

t_uninstall() {
	make -C "$tree" uninstall DESTDIR="$destdir" BUILD="$work/build" \
		KERNELRELEASE="${kernels[0]}"
	: >"$work/uninstall.expected"
	files_under "$destdir" >"$work/uninstall.actual"
	same_list "after make uninstall" "$work/uninstall.expected" \
		"$work/uninstall.actual"
}

# What the system's DKMS state is made of; it must not change.
system_dkms_state() {
	ls -la /var/lib/dkms /usr/src
	ls -laR /lib/modules/*/updates 2>/dev/null || true
}

# dkms ACTION ... with private trees. dkms 3 signs what it builds with a key
# it makes in /var/lib/dkms unless these variables name another, and keeps
# temporary files in TMPDIR.
private_dkms() {
	local action=$1

	shift
	mok_signing_key=$work/dkms/mok.key mok_certificate=$work/dkms/mok.pub \
	TMPDIR=$work/dkms/tmp dkms "$action" "${dkms_args[@]}" "$@"
}

# The source tree keyseal-dkms installs in /usr/src, as DKMS takes it.
t_dkms_add() {
	rm -rf "$work/dkms"
	mkdir -p "$work/dkms/tree" "$work/dkms/src" "$work/dkms/tmp"
	private_dkms add "$debroot/usr/src/keyseal-$version"
}

t_dkms_build() {
	local kver=$1 built vermagic

	if ! private_dkms build -m keyseal -v "$version" -k "$kver"; then
		cat "$work/dkms/tree/keyseal/$version/build/make.log" || true
		return 1
	fi
	built=$(echo "$work/dkms/tree/keyseal/$version/$kver"/*/module/keyseal.ko*)
	vermagic=$(modinfo -F vermagic "$built")
	echo "$built: $vermagic"
	[ "${vermagic%% *}" = "$kver" ]
}

t_dkms_private() {
	system_dkms_state >"$work/dkms-state.after"
	same_list "system DKMS state" "$work/dkms-state.before" \
		"$work/dkms-state.after"
}

t_buildpackage() {
	(cd "$tree" && dpkg-buildpackage -us -uc -b)
}

deb_of() {
	if [ "$1" = keyseal-dkms ]; then
		echo "$work/src/${1}_$version-1_all.deb"
	else
		echo "$work/src/${1}_$version-1_$arch.deb"
	fi
}

t_unpack() {
	local package

	rm -rf "$debroot"
	for package in "${packages[@]}"; do
		dpkg-deb -x "$(deb_of "$package")" "$debroot"
	done
}

# The command the packages install runs, with the library they install.
t_deb_command() {
	LD_LIBRARY_PATH=$debroot/usr/lib/$multiarch "$debroot/usr/bin/keyseal" \
		--version | grep -F "$version"
}

# verify_units DIR: systemd-analyze verify on the units in DIR, whose
# commands must exist; the man pages they name are the tree's.
verify_units() {
	local unit page

	for unit in "$1"/keyseal-*.service; do
		for page in $(sed -n 's/^Documentation=//p' "$unit"); do
			page=${page#man:}
			[ -e "$tree/userspace/man/${page%(*}.${page//[^0-9]/}" ] ||
				{ echo "$unit: no man page $page"; return 1; }
		done
	done
	systemd-analyze verify --man=no "$1"/keyseal-*.service
}

# The units make install writes, pointing at a staged command and script.
t_units_install() {
	local root=$work/units

	rm -rf "$root"
	make -C "$tree" install-boot PREFIX="$root" \
		BINDIR="$work/build/userspace"
	verify_units "$root/lib/systemd/system"
}

# The units keyseal-tools installs, with their commands in the package.
t_units_deb() {
	local dir=$work/deb-units unit

	rm -rf "$dir"
	mkdir -p "$dir"
	for unit in "$debroot"/lib/systemd/system/keyseal-*.service; do
		sed "s|=/usr/|=$debroot/usr/|" "$unit" >"$dir/${unit##*/}"
	done
	[ -e "$dir/keyseal-root-kek.service" ] &&
		[ -e "$dir/keyseal-restore.service" ] &&
		[ -x "$debroot/usr/libexec/keyseal/keyseal-root-kek" ] &&
		verify_units "$dir"
}

# Warnings are listed in the log; the overrides in debian/ explain the ones
# that are there on purpose.
t_lintian() {
	lintian --fail-on error "$work/src/keyseal_$version-1_$arch.changes"
}

# --- main ----------------------------------------------------------------------

main() {
	local start=$SECONDS kver

	rm -rf "$work"
	mkdir -p "$logs"
	tap_suite_begin packaging
	echo "# kernels: ${kernels[*]}"

	copy_tree
	check "one version: dkms.conf, debian/changelog" \
		t_version
	check "make install DESTDIR= installs exactly the expected files" \
		t_install
	check "installed libkeyseal: soname libkeyseal.so.0 and its links" \
		t_library
	check "installed keyseal.pc: version, flags, static dependencies" \
		t_pkgconfig
	check "a program builds with pkg-config against the installed libkeyseal and runs" \
		t_program "$destdir" $prefix/lib
	check "systemd-analyze verify: the boot units make install writes" \
		t_units_install
	check "make uninstall DESTDIR= removes every installed file" \
		t_uninstall

	check "dpkg-buildpackage -us -uc -b" t_buildpackage
	check "lintian: no errors" t_lintian
	check "the packages unpack (dpkg-deb -x)" t_unpack
	check "a program builds with pkg-config against libkeyseal-dev and runs with libkeyseal0" \
		t_program "$debroot" "/usr/lib/$multiarch"
	check "keyseal-tools: keyseal runs with libkeyseal0" t_deb_command
	check "keyseal-tools: its boot units and keyseal-root-kek, systemd-analyze verify" \
		t_units_deb

	system_dkms_state >"$work/dkms-state.before"
	check "keyseal-dkms: dkms add of its /usr/src/keyseal-$version (private trees)" \
		t_dkms_add
	for kver in "${kernels[@]}"; do
		check "keyseal-dkms: dkms build for $kver" t_dkms_build "$kver"
	done
	check "dkms left /var/lib/dkms, /usr/src and /lib/modules alone" \
		t_dkms_private

	echo "# packaging checks took $((SECONDS - start)) s"
	tap_suite_end packaging
	[ "$tap_failed" = 0 ]
}

main "$@"
