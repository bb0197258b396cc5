#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Installation and packaging, checked: make install and uninstall into a
# DESTDIR, a program built against the installed libkeyseal, DKMS builds of
# the module for every supported kernel, the Debian packages, their contents
# and lintian. Prints framed TAP (scripts/tap-count.awk) and exits non-zero
# if a check failed.
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
mapfile -t kernels < <(scripts/kernels.sh)
jobs=$(nproc)
number=0
failures=0

# --- TAP ---------------------------------------------------------------------

# check NAME FUNCTION [ARGS...]: one test. FUNCTION runs in a subshell with
# errexit in force (in an "if" bash would ignore it), so any failing command
# fails the test; its output, traced, goes to a log whose tail follows a
# failure.
check() {
	local name=$1 log status

	shift
	number=$((number + 1))
	log=$logs/$number.log
	set +e
	(set -ex; "$@") >"$log" 2>&1
	status=$?
	set -e
	if [ "$status" = 0 ]; then
		echo "ok $number $name"
	else
		failures=$((failures + 1))
		echo "not ok $number $name"
		echo "#   log: ${log#"$top"/}"
		tail -n 30 "$log" | sed 's/^/#   /'
	fi
}

# Files (not directories) under a root, as absolute paths, sorted.
files_under() {
	(cd "$1" && find . ! -type d | sed 's|^\.||' | LC_ALL=C sort)
}

# Files (not directories) of a .deb, as absolute paths, sorted.
deb_files() {
	dpkg-deb -c "$1" | awk '$1 !~ /^d/ { print $6 }' | sed 's|^\./|/|' |
		LC_ALL=C sort
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

# pkg-config as a build against the DESTDIR sees it.
pc() {
	PKG_CONFIG_SYSROOT_DIR=$destdir \
	PKG_CONFIG_PATH=$destdir$prefix/lib/pkgconfig pkg-config "$@" keyseal
}

t_pkgconfig() {
	local libs cflags static

	[ "$(pc --modversion)" = "$version" ]
	read -ra libs <<<"$(pc --libs)"
	[ "${libs[*]}" = "-L$destdir$prefix/lib -lkeyseal" ]
	read -ra cflags <<<"$(pc --cflags)"
	[ "${cflags[0]}" = "-I$destdir$prefix/include" ]
	# A static link needs libkeyseal's own dependencies (Requires.private).
	read -ra static <<<"$(pc --static --libs)"
	printf '%s\n' "${static[@]}" | grep -qx -- -lkeyutils
	printf '%s\n' "${static[@]}" | grep -qx -- -lcrypto
}

# A program of someone else's: the public headers (keyseal.h, which
# includes linux/keyseal.h), pkg-config, the shared library, at run time.
t_program() {
	local dir=$work/program lib=$destdir$prefix/lib

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
	cc -Wall -Wextra -Werror $(pc --cflags) -o "$dir/inspect" \
		"$dir/inspect.c" $(pc --libs)
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

# From the source tree keyseal-dkms installs in /usr/src: dkms.conf and
# kernel/.
t_dkms_add() {
	local src=$work/dkms/in/keyseal

	rm -rf "$work/dkms"
	mkdir -p "$src" "$work/dkms/tree" "$work/dkms/src" "$work/dkms/tmp"
	cp -a "$tree/dkms.conf" "$tree/kernel" "$src/"
	private_dkms add "$src"
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

# What every package has: changelog, copyright, lintian overrides.
common_files() {
	echo "/usr/share/doc/$1/changelog.Debian.gz"
	echo "/usr/share/doc/$1/copyright"
	echo "/usr/share/lintian/overrides/$1"
}

expected_deb() {
	local page lib=/usr/lib/$multiarch src=/usr/src/keyseal-$version

	common_files "$1"
	case $1 in
	keyseal-dkms)
		echo /lib/udev/rules.d/60-keyseal.rules
		echo /usr/share/doc/keyseal-dkms/examples/modules-load.d/keyseal.conf
		echo "$src/dkms.conf"
		(cd "$tree" && find kernel -type f) | sed "s|^|$src/|"
		;;
	libkeyseal0)
		echo "$lib/libkeyseal.so.0"
		echo "$lib/libkeyseal.so.$version"
		;;
	libkeyseal-dev)
		echo /usr/include/keyseal.h
		echo /usr/include/linux/keyseal.h
		echo "$lib/libkeyseal.a"
		echo "$lib/libkeyseal.so"
		echo "$lib/pkgconfig/keyseal.pc"
		for page in $(man_pages); do
			[ "${page##*.}" = 3 ] && echo "/usr/share/man/man3/$page.gz"
		done
		;;
	keyseal-tools)
		echo /usr/bin/keyseal
		for page in $(man_pages); do
			[ "${page##*.}" != 3 ] &&
				echo "/usr/share/man/man${page##*.}/$page.gz"
		done
		;;
	esac
	return 0
}

t_deb() {
	local package=$1

	expected_deb "$package" | LC_ALL=C sort >"$work/$package.expected"
	deb_files "$(deb_of "$package")" >"$work/$package.actual"
	same_list "$package" "$work/$package.expected" "$work/$package.actual"
}

# Warnings are listed in the log; the overrides in debian/ explain the ones
# that are there on purpose.
t_lintian() {
	lintian --fail-on error "$work/src/keyseal_$version-1_$arch.changes"
}

# --- main ----------------------------------------------------------------------

main() {
	local start=$SECONDS package kver

	rm -rf "$work"
	mkdir -p "$logs"
	echo "# suite: packaging"
	echo "1..$((10 + ${#kernels[@]} + ${#packages[@]}))"
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
		t_program
	check "make uninstall DESTDIR= removes every installed file" \
		t_uninstall

	system_dkms_state >"$work/dkms-state.before"
	check "dkms add (private dkms and source trees)" t_dkms_add
	for kver in "${kernels[@]}"; do
		check "dkms build for $kver" t_dkms_build "$kver"
	done
	check "dkms left /var/lib/dkms, /usr/src and /lib/modules alone" \
		t_dkms_private

	check "dpkg-buildpackage -us -uc -b" t_buildpackage
	for package in "${packages[@]}"; do
		check "$package: the expected files" t_deb "$package"
	done
	check "lintian: no errors" t_lintian

	echo "# packaging checks took $((SECONDS - start)) s"
	echo "# suite-exit: packaging $((failures > 0))"
	[ "$failures" = 0 ]
}

main "$@"
