#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# apt on a private configuration, for the Debian suites this machine does not
# use but whose kernels keyseal is tested on. Its sources list, package lists
# and package cache are under KEYSEAL_KERNEL_CACHE/apt (default
# /var/cache/keyseal/apt): the machine's own apt sources, and so what it
# installs, stay as they are. The mirror is the one those sources already
# use (debian-mirror.sh).
#
#   debian-apt.sh refresh         refresh the lists if they are a day old
#   debian-apt.sh packages        print the path of an index of the lists,
#                                 one "PACKAGE VERSION" per line
#   debian-apt.sh apt-get ARGS    apt-get on the private configuration
#   debian-apt.sh apt-cache ARGS  apt-cache on the private configuration

set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
apt_dir=${KEYSEAL_KERNEL_CACHE:-/var/cache/keyseal}/apt
# Debian 11 (5.10), Debian 13 and its backports (6.12 and the newest stable
# series), unstable; the sources of unstable for its newest tools (sparse).
main_suites=(bullseye trixie trixie-backports sid)
security_suites=(bullseye-security)
source_suites=(sid)

apt_opts=(
	-o "Dir::Etc::SourceList=$apt_dir/sources.list"
	-o Dir::Etc::SourceParts=/dev/null
	-o "Dir::State::Lists=$apt_dir/lists"
	-o "Dir::Cache=$apt_dir/cache"
	-o Dir::State::status=/dev/null
	-o APT::Sandbox::User=root
	-q
)

die() { printf 'debian-apt: %s\n' "$*" >&2; exit 1; }

write_sources() {
	local mirror security suite

	mirror=$("$here/debian-mirror.sh" bookworm | sed -n 1p)
	security=$("$here/debian-mirror.sh" bookworm-security | sed -n 1p)
	[ -n "$mirror" ] || die "cannot find the Debian mirror in the apt sources"
	for suite in "${main_suites[@]}"; do
		echo "deb $mirror $suite main"
	done
	for suite in "${source_suites[@]}"; do
		echo "deb-src $mirror $suite main"
	done
	if [ -n "$security" ]; then
		for suite in "${security_suites[@]}"; do
			echo "deb $security $suite main"
		done
	fi
}

# An unreachable mirror is fatal only when there are no lists at all.
refresh() {
	mkdir -p "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial"
	write_sources >"$apt_dir/sources.list.new"
	if cmp -s "$apt_dir/sources.list.new" "$apt_dir/sources.list"; then
		rm -f "$apt_dir/sources.list.new"
	else
		mv "$apt_dir/sources.list.new" "$apt_dir/sources.list"
		rm -f "$apt_dir/updated"
	fi
	[ -n "$(find "$apt_dir/updated" -mmin -1440 2>/dev/null)" ] && return 0
	if apt-get "${apt_opts[@]}" update >&2; then
		touch "$apt_dir/updated"
	elif ls "$apt_dir"/lists/*_Packages* >/dev/null 2>&1; then
		printf 'debian-apt: update failed; using the lists of %s\n' \
			"$(date -r "$apt_dir/lists" +%F)" >&2
	else
		die "apt-get update failed and there are no package lists"
	fi
}

# The lists may be kept compressed: apt-helper reads them either way.
packages() {
	local index=$apt_dir/packages

	if [ ! -s "$index" ] || [ "$apt_dir/lists" -nt "$index" ]; then
		/usr/lib/apt/apt-helper cat-file "$apt_dir"/lists/*_Packages* |
			awk '/^Package: / { p = $2 } /^Version: / { print p, $2 }' \
			>"$index.new"
		mv "$index.new" "$index"
	fi
	echo "$index"
}

case ${1:-} in
refresh) refresh ;;
packages) packages ;;
apt-get | apt-cache) cmd=$1; shift; exec "$cmd" "${apt_opts[@]}" "$@" ;;
*) die "usage: debian-apt.sh refresh|packages|apt-get ARGS|apt-cache ARGS" ;;
esac
