#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The debug kernel of "make check-debug": Debian's linux-source-6.12, made
# from "make tinyconfig" and scripts/debug-kernel.config (KASAN, kmemleak,
# lockdep, UBSAN, KFENCE, ... and everything keyseal and the test VM need,
# built in). Built once and cached outside the tree, keyed by the source
# package's version, the fragment and the compiler; about 15 minutes on two
# cores the first time, nothing after.
#
#   debug-kernel.sh      prints the directory of the built kernel:
#                        bzImage, release (its KERNELRELEASE), src/ (the
#                        build tree modules are built against) and
#                        modules/lib/modules/RELEASE (for the VM's initramfs)
#
# KEYSEAL_DEBUG_KERNEL_CACHE names another cache directory than
# /var/cache/keyseal/debug-kernel. Build output goes to stderr.

set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
series=6.12
fragment=$here/debug-kernel.config
cache=${KEYSEAL_DEBUG_KERNEL_CACHE:-/var/cache/keyseal/debug-kernel}

log() { printf 'debug-kernel: %s\n' "$*" >&2; }

tarball=$(ls /usr/src/linux-source-$series.tar.* 2>/dev/null | head -n 1) || true
if [ -z "$tarball" ]; then
	log "linux-source-$series is not installed (run scripts/deps.sh)"
	exit 1
fi
source_version=$(dpkg-query -W -f='${Version}' linux-source-$series)
config_hash=$( { cat "$fragment"; gcc --version | head -n 1; } |
	sha256sum | cut -c1-16)
dir=$cache/$(tr -c 'A-Za-z0-9.\n' _ <<<"$source_version")-$config_hash

mkdir -p "$cache"
# One build at a time per key; a second caller waits and then finds it done.
exec 9>"$dir.lock"
flock 9
if [ -e "$dir/ready" ]; then
	echo "$dir"
	exit 0
fi

# Every line of the fragment as olddefconfig left it: a "not set" line may
# also be absent (the option's dependencies are off).
check_config() {
	local config=$1 line name missing=0

	while read -r line; do
		case $line in
		CONFIG_*)
			grep -qxF -- "$line" "$config" && continue ;;
		"# CONFIG_"*" is not set")
			name=${line#\# }
			name=${name%% *}
			! grep -q "^$name=" "$config" && continue ;;
		*)
			continue ;;
		esac
		log "olddefconfig did not keep: $line (have: $(grep -E "^(# )?${line#\# }" "$config" || echo nothing))"
		missing=1
	done <"$fragment"
	return "$missing"
}

start=$SECONDS
log "building $series ($source_version) into $dir"
rm -rf "$dir"
mkdir -p "$dir"
tar -xf "$tarball" -C "$dir"
mv "$dir/linux-source-$series" "$dir/src"
cd "$dir/src"
make ARCH=x86_64 tinyconfig >&2
scripts/kconfig/merge_config.sh -m .config "$fragment" >&2
make ARCH=x86_64 olddefconfig >&2
check_config .config
make ARCH=x86_64 -j"$(nproc)" >&2
make ARCH=x86_64 modules_install INSTALL_MOD_PATH="$dir/modules" >&2
make -s ARCH=x86_64 kernelrelease >"$dir/release"
cp arch/x86/boot/bzImage "$dir/bzImage"
touch "$dir/ready"
log "built $(cat "$dir/release") in $((SECONDS - start)) s"
echo "$dir"
