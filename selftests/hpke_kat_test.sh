#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# RFC 9180 known-answer tests of the kernel's HPKE, and those of the RSA
# export (AES-KWP, RSAES-OAEP, whole exports). The test variant of the
# module (make module KEYSEAL_KAT=y) runs the vectors, with the ephemeral
# keys they give, in its init, and refuses to load on a mismatch;
# the normal keyseal.ko has no way to take an ephemeral key from outside.
# This test swaps the variant in for keyseal.ko, and the normal module back.
# TAP on stdout.

kver=$(uname -r)
kat=$(cd "$(dirname "$0")/.." && pwd)/kat/$kver/keyseal.ko
# P-256 ECDH ("ecdh-nist-p256") came in 5.12: before, the variant runs the
# X25519 vectors and says so, and p256 keys are EOPNOTSUPP.
major=${kver%%.*}
minor=${kver#*.}
minor=${minor%%[!0-9]*}
if [ "$major" -lt 5 ] || { [ "$major" = 5 ] && [ "$minor" -lt 12 ]; }; then
	p256=
	passed='HPKE known-answer tests passed: 2 vectors, 12 encryptions, 6 refusals (no P-256 ECDH in this kernel)'
	break_vector=2
	failed_line='HPKE known-answer test failed: X25519, auth: Seal/Open'
else
	p256=yes
	passed='HPKE known-answer tests passed: 4 vectors, 24 encryptions, 11 refusals'
	break_vector=3
	failed_line='HPKE known-answer test failed: P-256, base: Seal/Open'
fi
rsa_passed='RSA export known-answer tests passed: 3 AES-KWP, 2 RSAES-OAEP, 4 exports'
rsa_failed_line='RSA export known-answer test failed: RSAES-OAEP SHA-256, 2048 bits: RSAES-OAEP'
n=0
status=0

ok() {
	n=$((n + 1))
	echo "ok $n $1"
}

not_ok() {
	n=$((n + 1))
	status=1
	echo "not ok $n $1"
}

loaded() { grep -q '^keyseal ' /proc/modules; }

# Each sealed key holds the module; the keys of earlier suites, and of
# "keyctl clear", go with the key garbage collector a moment later. Wait
# for it, ten seconds at most, and show what is left if it does not come.
rmmod_when_idle() {
	tries=0
	until rmmod keyseal 2>/dev/null; do
		tries=$((tries + 1))
		if [ "$tries" -ge 100 ]; then
			sed 's/^/# \/proc\/keys: /' /proc/keys
			sed 's/^/# \/proc\/key-users: /' /proc/key-users
			return 1
		fi
		sleep 0.1
	done
}
kat_variant() { [ -e /sys/module/keyseal/parameters/kat_break ]; }
log_count() { dmesg | grep -c "$1"; }

echo "1..9"

if [ ! -f "$kat" ]; then
	not_ok "KAT module for $kver in the payload (make module KERNELRELEASE=$kver KEYSEAL_KAT=y MODULE_BUILD=build/modules-kat/$kver; make -C selftests)"
	exit 1
fi
ok "KAT module for $kver in the payload"

if rmmod_when_idle && ! loaded; then
	ok "rmmod keyseal"
else
	not_ok "rmmod keyseal"
fi

# A vector that does not match stops the load: the test can fail. (busybox
# insmod tries finit_module, then init_module: the failure is logged twice.)
before=$(log_count "$failed_line")
if insmod "$kat" kat_break=$break_vector 2>/dev/null; then
	not_ok "a corrupted vector stops the load"
	rmmod keyseal
elif loaded; then
	not_ok "a corrupted vector stops the load (module listed: $(grep '^keyseal ' /proc/modules))"
elif [ "$(log_count "$failed_line")" -le "$before" ]; then
	not_ok "a corrupted vector stops the load (not logged: $failed_line)"
else
	ok "a corrupted vector stops the load"
fi

before=$(log_count "$rsa_failed_line")
if insmod "$kat" rsa_kat_break=5 2>/dev/null; then
	not_ok "a corrupted RSA export vector stops the load"
	rmmod keyseal
elif loaded; then
	not_ok "a corrupted RSA export vector stops the load (module listed)"
elif [ "$(log_count "$rsa_failed_line")" -le "$before" ]; then
	not_ok "a corrupted RSA export vector stops the load (not logged: $rsa_failed_line)"
else
	ok "a corrupted RSA export vector stops the load"
fi

before=$(log_count "$passed")
rsa_before=$(log_count "$rsa_passed")
if insmod "$kat" && loaded && kat_variant; then
	ok "KAT variant loads"
else
	not_ok "KAT variant loads ($(dmesg | grep 'known-answer' | tail -n 1))"
fi

if [ "$(log_count "$passed")" = $((before + 1)) ]; then
	ok "logged: $passed"
else
	not_ok "logged: $passed (got: $(dmesg | grep 'known-answer' | tail -n 1))"
fi

if [ "$(log_count "$rsa_passed")" = $((rsa_before + 1)) ]; then
	ok "logged: $rsa_passed"
else
	not_ok "logged: $rsa_passed (got: $(dmesg | grep 'RSA export known-answer' | tail -n 1))"
fi

# The variant is keyseal.ko with tests: it makes exchange keys.
if [ -n "$p256" ]; then
	p256_made() { keyctl add sealed kat-p256 "new p256" @s >/dev/null; }
	p256_says="makes"
else
	p256_made() {
		keyctl add sealed kat-p256 "new p256" @s 2>&1 |
			grep -q 'Operation not supported'
	}
	p256_says="refuses (EOPNOTSUPP)"
fi
if head -c 32 /dev/urandom | keyctl padd logon keyseal:root @s >/dev/null &&
   keyctl add sealed kat-x25519 "new x25519" @s >/dev/null && p256_made; then
	ok "KAT variant makes x25519 keys and $p256_says p256 keys"
else
	not_ok "KAT variant makes x25519 keys and $p256_says p256 keys"
fi
keyctl clear @s

if rmmod_when_idle && modprobe keyseal && loaded && ! kat_variant; then
	ok "normal keyseal.ko back"
else
	not_ok "normal keyseal.ko back"
fi
exit $status
