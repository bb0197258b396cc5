#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# "make demo", one boot of one host: prints each command and what it
# answers. scripts/demo.sh boots host A, then host B, then host A again,
# carrying only public keys, blobs and ciphertext between them; then a
# machine with a TPM and a disk three times: twice with its own TPM, once
# with another one.

step=$1
in=/payload/in
PATH=/payload/bin:$PATH
LD_LIBRARY_PATH=/payload/lib
export PATH LD_LIBRARY_PATH
cd /tmp || exit 1

say() {
	echo
	echo "$*"
}

# Print a command line, run it, and stop the demo if it fails.
run() {
	echo "  \$ $*"
	sh -c "$*" >/tmp/out 2>&1
	status=$?
	sed 's/^/    /' /tmp/out
	if [ "$status" != 0 ]; then
		echo "demo: failed: $*"
		exit 1
	fi
}

# A command that must fail.
refused() {
	echo "  \$ $*"
	if sh -c "$*" >/tmp/out 2>&1; then
		echo "demo: that should have failed"
		exit 1
	fi
	sed 's/^/    /' /tmp/out
}

root_kek() {
	# A real host derives this from a TPM, a passphrase or a credential
	# store at boot (Documentation/admin-guide.rst).
	printf '%s' "$1" >/tmp/root.kek
	run "keyctl padd logon keyseal:root @s < /tmp/root.kek"
}

# The machine's disks: /dev/vda keeps /var/lib/keyseal across reboots,
# /dev/vdb is an encrypted volume. No udev: dmsetup makes its own nodes.
DM_DISABLE_UDEV=1
export DM_DISABLE_UDEV
disk() {
	for m in virtio_pci virtio_blk dm_mod dm_crypt; do
		modprobe -q "$m" 2>/dev/null
	done
	i=0
	while [ ! -b /dev/vdb ] && [ "$i" -lt 50 ]; do
		sleep 0.1
		i=$((i + 1))
	done
}

table="0 \$(cat /sys/block/vdb/size) crypt aes-xts-plain64 :64:logon:keyseal:vol 0 /dev/vdb 0"

case $step in
tpm1)
	disk
	say "== Scenario 3: a disk key that survives reboot, released only by this machine's TPM"
	say "-- a fresh root KEK, sealed to this machine's TPM (never on disk in the clear):"
	run "keyseal-root-kek seal"
	run "ls /var/lib/keyseal/tpm"
	run "keyseal-root-kek load"
	run "keyctl show @u"
	say "-- keys under it, in root's user keyring, which a login session (or a unit"
	echo "   with KeyringMode=shared) links in; the module finds a parent by name"
	echo "   there as request_key(2) would:"
	run "keyctl link @u @s"
	run "keyseal gen kek disk-kek -k @u"
	run "keyseal gen secret vol -b 64 --parent sealed:disk-kek -k @u"
	run "keyseal info %sealed:vol | grep 'key id'"
	say "-- saved to the keystore, as blobs:"
	run "keyseal save --all"
	run "ls -l /var/lib/keyseal/keystore"
	run "tar -cf /dev/vda -C / var/lib/keyseal"
	say "-- the volume key goes to dm-crypt inside the kernel, as a logon key:"
	run "keyseal bridge %sealed:vol --logon keyseal:vol -b 64 -k @u"
	run "dmsetup create vol --noudevsync --table \"$table\""
	run "dmsetup table --showkeys vol"
	run "echo 'the disk remembers this' | dd of=/dev/mapper/vol conv=fsync 2>/dev/null"
	run "dmsetup remove --noudevsync vol"
	keyctl clear @u
	;;
tpm2)
	disk
	say "== The same machine after a reboot: what keyseal-root-kek.service and keyseal-restore.service run"
	run "tar -xf /dev/vda -C /"
	run "grep -c ' sealed ' /proc/keys || true"
	run "keyctl link @u @s"
	run "keyseal-root-kek load"
	run "keyseal restore"
	run "keyseal info %sealed:vol | grep 'key id'"
	say "-- restoring again changes nothing:"
	run "keyseal restore"
	say "-- and the volume opens with the restored key:"
	run "keyseal bridge %sealed:vol --logon keyseal:vol -b 64 -k @u"
	run "dmsetup create vol --noudevsync --table \"$table\""
	run "head -n 1 /dev/mapper/vol"
	run "dmsetup remove --noudevsync vol"
	keyctl clear @u
	;;
tpm3)
	disk
	say "== The same disk in another machine (another TPM)"
	run "tar -xf /dev/vda -C /"
	run "keyctl link @u @s"
	refused "keyseal-root-kek load"
	refused "keyseal restore"
	say "-- and no key was loaded, not even half; the volume stays closed:"
	run "grep -c ' sealed ' /proc/keys || true"
	refused "keyseal bridge %sealed:vol --logon keyseal:vol -b 64 -k @u"
	;;
a1)
	say "== Host A: kernel $(uname -r), its root KEK loaded as logon:keyseal:root"
	root_kek "host-A-root-kek-0123456789abcdef"

	say "== Scenario 1: keep a key made in the kernel for later"
	run "keyseal gen aead session-key"
	run "grep sealed /proc/keys"
	run "echo 'the secret plans' | keyseal encrypt %sealed:session-key -o plans.enc"
	say "-- the key leaves only as a blob sealed under the root KEK:"
	run "keyctl pipe %sealed:session-key > session.key"
	run "cut -c1-64 session.key"
	run "keyseal inspect session.key"
	say "-- the keyring forgets it (as it would at reboot):"
	run "keyctl unlink %sealed:session-key @s"
	refused "keyseal info %sealed:session-key"
	say "-- and the blob brings it back, with stock keyctl:"
	run "keyctl add sealed session-key \"load \$(cat session.key)\" @s"
	run "keyseal decrypt %sealed:session-key plans.enc"
	say "-- a blob changed by one character is refused:"
	run "awk '{ c = substr(\$0, 61, 1); print substr(\$0, 1, 60) (c == \"A\" ? \"B\" : \"A\") substr(\$0, 62) }' session.key > tampered.key"
	run "cut -c55-66 session.key tampered.key"
	refused "keyctl add sealed other \"load \$(cat tampered.key)\" @s"
	say "-- and so is the same blob under another root KEK of the same name:"
	run "keyctl unlink %logon:keyseal:root @s"
	run "printf other-root-kek-0123456789abcdef0 | keyctl padd logon keyseal:root @s"
	refused "keyctl add sealed again \"load \$(cat session.key)\" @s"

	say "== Scenario 2 begins: host A makes an exchange key to receive keys"
	run "keyctl unlink %logon:keyseal:root @s"
	root_kek "host-A-root-kek-0123456789abcdef"
	run "keyseal gen x25519 inbox"
	run "keyseal pubkey %sealed:inbox -o /out/a-inbox.pem"
	run "cat /out/a-inbox.pem"
	run "keyctl pipe %sealed:inbox > /out/a-inbox.key"
	;;
b)
	say "== Host B: another machine, another root KEK"
	root_kek "host-B-root-kek-fedcba9876543210"
	say "== Scenario 2: send a key to host A, which only published its public key"
	run "keyseal gen aead shared --exportable"
	run "echo 'meet at noon' | keyseal encrypt %sealed:shared -o /out/b-msg.enc"
	run "keyseal export %sealed:shared --to $in/a-inbox.pem -o /out/shared-for-a.blob"
	run "keyseal inspect /out/shared-for-a.blob"
	say "-- a key that is not exportable cannot be sent:"
	run "keyseal gen aead private-key"
	refused "keyseal export %sealed:private-key --to $in/a-inbox.pem"
	;;
a2)
	say "== Host A again, after a reboot: its root KEK and its exchange key"
	root_kek "host-A-root-kek-0123456789abcdef"
	run "keyseal import $in/a-inbox.key -n inbox"
	say "-- A opens the key B sent and decrypts B's data with it"
	run "keyseal import $in/shared-for-a.blob -n from-b"
	run "keyseal info %sealed:from-b"
	run "keyseal decrypt %sealed:from-b $in/b-msg.enc"
	;;
esac
