#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# SoftHSM2, an HSM nobody here wrote, imports what the kernel exported to
# its own RSA key (Documentation/blob-format.rst, "RSA export").
#
#   softhsm.sh prepare STATE_DIR PAYLOAD_DIR
#	a fresh token in STATE_DIR with a 2048-bit RSA key pair made inside
#	it; its public key goes to PAYLOAD_DIR/data/softhsm-rsa.der, where
#	the VM's rsa_export_test finds it and exports to it;
#   softhsm.sh verify STATE_DIR VM_OUT_DIR
#	the token imports the exports that the VM left in VM_OUT_DIR and
#	decrypts with them what the kernel encrypted (p11_rsa import). TAP,
#	framed as the suite softhsm_import.
#
# p11_rsa is built by selftests/Makefile into $BUILD/selftests/softhsm/.

set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
BUILD=${BUILD:-$(cd "$here/../.." && pwd)/build}
p11_rsa=$BUILD/selftests/softhsm/p11_rsa
module=${KEYSEAL_SOFTHSM_MODULE:-/usr/lib/softhsm/libsofthsm2.so}
token=keyseal
pin=4711

cmd=$1
state=$2
dir=$3
export SOFTHSM2_CONF=$state/softhsm2.conf

case $cmd in
prepare)
	rm -rf "$state"
	mkdir -p "$state/tokens" "$dir/data"
	printf 'directories.tokendir = %s/tokens\nobjectstore.backend = file\nlog.level = ERROR\n' \
		"$state" >"$SOFTHSM2_CONF"
	softhsm2-util --init-token --free --label "$token" --pin "$pin" \
		--so-pin 0815 >/dev/null
	"$p11_rsa" "$module" "$token" "$pin" keygen "$dir/data/softhsm-rsa.der"
	;;
verify)
	# framed as a suite, for scripts/lib/tap-count.awk
	echo "# suite: softhsm_import"
	status=0
	"$p11_rsa" "$module" "$token" "$pin" import "$dir" || status=$?
	echo "# suite-exit: softhsm_import $status"
	exit "$status"
	;;
*)
	echo "usage: $0 prepare STATE_DIR PAYLOAD_DIR | verify STATE_DIR VM_OUT_DIR" >&2
	exit 2
	;;
esac
