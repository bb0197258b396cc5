#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# One boot of the boot-time restore test (run.sh). The machine has a TPM
# (swtpm on the host), a disk that keeps /var/lib/keyseal between boots,
# as a tar archive written straight to /dev/vda, and a disk /dev/vdb for a
# dm-crypt volume.
#
#   seal       a fresh root KEK sealed to the TPM; a KEK under it and keys
#              under that KEK; the keystore saved, with the keys' ids; a
#              dm-crypt volume on vdb with the volume key, bridged, and
#              data written to it
#   restore    the same TPM: the root KEK unseals, every key comes back
#              with its key id, parents first; a corrupt file fails alone;
#              restoring again changes nothing; the volume opens and gives
#              the data back; a root KEK bound to a PCR unseals until the
#              PCR is extended
#   other-tpm  another TPM: the root KEK does not unseal, every file fails
#              with its cause, no sealed key is left in the kernel, and the
#              volume key cannot be bridged
#
# Output: TAP on stdout.

step=$1
n=0
store=/var/lib/keyseal/keystore
kek=/payload/bin/keyseal-root-kek

PATH=/payload/bin:$PATH
LD_LIBRARY_PATH=/payload/lib
DM_DISABLE_UDEV=1
export PATH LD_LIBRARY_PATH DM_DISABLE_UDEV

. "$(dirname "$0")/guest-tap.sh"

# The disks: virtio_blk (and on 6.1 the virtio bus itself) are modules,
# and so is dm-crypt.
disks() {
	for m in virtio_pci virtio_blk dm_mod dm_crypt; do
		modprobe -q "$m" 2>/dev/null
	done
	i=0
	while { [ ! -b /dev/vda ] || [ ! -b /dev/vdb ]; } && [ "$i" -lt 50 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	[ -b /dev/vda ] && [ -b /dev/vdb ] && [ -c /dev/mapper/control ]
}

# The volume key, restored or made, handed to dm-crypt as logon:keyseal:vol.
bridge_vol() {
	keyseal bridge %sealed:vol --logon keyseal:vol -b 64 -k @u
}

# dm-crypt over all of vdb, with the bridged key. No udev in the VM:
# dmsetup makes its device nodes itself (DM_DISABLE_UDEV).
open_volume() {
	dmsetup create vol --noudevsync --table \
		"0 $(cat /sys/block/vdb/size) crypt aes-xts-plain64 :64:logon:keyseal:vol 0 /dev/vdb 0" &&
	[ -b /dev/mapper/vol ]
}

close_volume() {
	dmsetup remove --noudevsync vol
}

volume_sum() {
	dd if=/dev/mapper/vol bs=65536 count=16 2>/dev/null | sha256sum | cut -d' ' -f1
}

write_volume() {
	head -c 1048576 /dev/urandom >/tmp/data &&
	dd if=/tmp/data of=/dev/mapper/vol bs=65536 conv=fsync 2>/dev/null &&
	sha256sum /tmp/data | cut -d' ' -f1 >/var/lib/keyseal/volume.sha256 &&
	[ "$(volume_sum)" = "$(cat /var/lib/keyseal/volume.sha256)" ]
}

volume_gives_data_back() {
	[ "$(volume_sum)" = "$(cat /var/lib/keyseal/volume.sha256)" ]
}

# The raw disk holds no plaintext: not the data written through dm-crypt.
vdb_is_ciphertext() {
	[ "$(dd if=/dev/vdb bs=65536 count=16 2>/dev/null | sha256sum | cut -d' ' -f1)" != \
	  "$(cat /var/lib/keyseal/volume.sha256)" ]
}

save_disk() {
	tar -cf /dev/vda -C / var/lib/keyseal && sync
}

load_disk() {
	tar -xf /dev/vda -C /
}

key_id() {
	keyseal info "sealed:$1" --json | sed -n 's/.*"key_id":"\([0-9a-f]*\)".*/\1/p'
}

# The key ids of the keystore's keys, as "name id" lines.
key_ids() {
	for k in disk-kek data vol top; do
		echo "$k $(key_id "$k")"
	done
}

sealed_keys() {
	grep -c ' sealed ' /proc/keys
}

no_sealed_key() {
	[ "$(sealed_keys)" = 0 ]
}

files_are_0600() {
	for f in "$store"/*.blob /var/lib/keyseal/tpm/*; do
		[ "$(stat -c %a "$f")" = 600 ] || { echo "$f: $(stat -c %a "$f")"; return 1; }
	done
}

# restored_before A B: the last restore loaded file A before file B.
restored_before() {
	a=$(grep -n "^$1: restored" /tmp/restore.out | cut -d: -f1)
	b=$(grep -n "^$2: restored" /tmp/restore.out | cut -d: -f1)
	[ -n "$a" ] && [ -n "$b" ] && [ "$a" -lt "$b" ]
}

same_ids() {
	key_ids | cmp - /var/lib/keyseal/ids
}

# pcr ARGS...: keyseal-root-kek with its state in /tmp/pcr, its root KEK
# in the keyring $pcring.
pcr() {
	KEYSEAL_STATE_DIR=/tmp/pcr KEYSEAL_ROOT_KEK_KEYRING=$pcring $kek "$@"
}

# passphrase ARGS...: keyseal-root-kek with its state in /tmp/pp.
passphrase() {
	KEYSEAL_STATE_DIR=/tmp/pp $kek "$@"
}

# passphrase_kek PASSPHRASE: the root KEK from it, the passphrase on stdin.
passphrase_kek() {
	keyctl unlink %logon:keyseal:root @u >/dev/null 2>&1
	echo "$1" | passphrase load passphrase
}

# restore_says WORDS: the last restore's summary line.
restore_says() {
	grep -q "^keyseal restore: $1\$" /tmp/restore.out
}

# Root's user keyring is where the root KEK and the restored keys live;
# this session searches it, as a unit with KeyringMode=shared does.
keyctl link @u @s >/dev/null
check "the TPM is there: /dev/tpmrm0" test -c /dev/tpmrm0
check "the disks are there, and dm-crypt: /dev/vda, /dev/vdb" disks

case $step in
seal)
	check "a fresh root KEK is sealed to the TPM" $kek seal
	refuse "sealing again would lose the keys: refused without --force" \
		"give --force" $kek seal
	check "only the TPM's sealed objects are on disk" \
		sh -c "[ \"\$(ls /var/lib/keyseal/tpm)\" = \"root-kek.priv
root-kek.pub\" ]"
	check "the root KEK is loaded from the TPM" $kek load
	check "as logon:keyseal:root in root's user keyring" \
		keyctl search @u logon keyseal:root
	check "loading again leaves it as it is" $kek load
	# Parents by name are found in @u, which this session does not link.
	keyctl unlink @u @s >/dev/null 2>&1
	check "a KEK under the root KEK" keyseal gen kek disk-kek -k @u
	keyctl link @u @s >/dev/null
	check "an aead key under that KEK" \
		keyseal gen aead data --parent sealed:disk-kek -k @u
	check "a secret key (a volume key) under that KEK" \
		keyseal gen secret vol -b 64 --parent sealed:disk-kek -k @u
	check "an aead key under the root KEK" keyseal gen aead top -k @u
	echo "sealed at boot 1" >/tmp/msg
	check "data encrypted with the aead key" \
		keyseal encrypt sealed:data /tmp/msg -o /var/lib/keyseal/msg.enc
	check "keyseal save --all: the four keys of root's user keyring" \
		keyseal save --all
	check "one file per key" sh -c "[ \"\$(ls $store | tr '\n' ' ')\" = 'data.blob disk-kek.blob top.blob vol.blob ' ]"
	check "every file of the keystore and the TPM is 0600" files_are_0600
	check "a saved file is the key's blob under its parent" \
		sh -c "keyseal inspect $store/data.blob | grep -q 'sealed:disk-kek'"
	keyseal gen aead a/b >/dev/null
	refuse "a description that is no file name is not saved" \
		"cannot be a keystore file name" keyseal save %sealed:a/b --keystore /tmp/ks
	key_ids >/var/lib/keyseal/ids
	check "the key ids are noted" sh -c "[ \$(grep -c ' [0-9a-f]\{32\}\$' /var/lib/keyseal/ids) = 4 ]"
	check "the volume key is bridged to dm-crypt (logon:keyseal:vol)" bridge_vol
	check "a dm-crypt volume (aes-xts-plain64) on vdb with it" open_volume
	check "data written to the volume reads back" write_volume
	check "the volume closes" close_volume
	check "vdb itself holds ciphertext only" vdb_is_ciphertext
	keyseal restore >/tmp/restore.out 2>&1
	check "restore with every key there: all present, nothing failed" \
		restore_says "0 restored, 4 present, 0 failed"
	check "the keystore goes to the disk" save_disk
	;;
restore)
	check "the keystore comes back from the disk" load_disk
	check "no sealed key before the restore" no_sealed_key
	check "the TPM releases the root KEK" $kek load
	# A corrupt file, sorted first, fails alone.
	echo "not a blob" >"$store/aaa-corrupt.blob"
	head -c 300 "$store/top.blob" >"$store/top-cut.blob"
	keyseal restore >/tmp/restore.out 2>&1
	status=$?
	sed 's/^/# /' /tmp/restore.out
	check "restore with two corrupt files fails (status 1)" [ "$status" = 1 ]
	check "and restores the four keys" \
		restore_says "4 restored, 0 present, 2 failed"
	check "each corrupt file is named with its cause" \
		sh -c "grep -q 'aaa-corrupt.blob: not a keyseal blob' /tmp/restore.out &&
		       grep -q 'top-cut.blob' /tmp/restore.out"
	check "a KEK is restored before the key under it, though named after it" \
		restored_before disk-kek.blob data.blob
	check "every key has its key id again" same_ids
	check "the aead key decrypts what it encrypted before the reboot" \
		sh -c "keyseal decrypt sealed:data /var/lib/keyseal/msg.enc -o /tmp/msg &&
		       [ \"\$(cat /tmp/msg)\" = 'sealed at boot 1' ]"
	check "the restored volume key is bridged to dm-crypt again" bridge_vol
	check "the dm-crypt volume opens" open_volume
	check "and gives the data back, byte for byte" volume_gives_data_back
	check "the volume closes" close_volume
	rm -f "$store/aaa-corrupt.blob" "$store/top-cut.blob"
	keyseal restore >/tmp/restore.out 2>&1
	status=$?
	check "restoring again: status 0, all four present" \
		sh -c "[ $status = 0 ] && grep -q '^keyseal restore: 0 restored, 4 present, 0 failed$' /tmp/restore.out"
	check "and no key is loaded twice" [ "$(sealed_keys)" = 4 ]

	# A root KEK bound to a PCR (23, which any process may extend), in a
	# state directory and a keyring of its own.
	pcring=$(keyctl newring pcr-test @s)
	refuse "seal --pcrs checks its list" "takes a bank and PCR numbers" \
		pcr seal --pcrs sha256:x
	check "a root KEK bound to PCR 23 is sealed" pcr seal --pcrs sha256:23
	check "it unseals while PCR 23 holds its value" pcr load
	check "into the keyring asked for" keyctl search "$pcring" logon keyseal:root
	keyctl clear "$pcring"
	check "PCR 23 is extended" \
		tpm2_pcrextend 23:sha256=0000000000000000000000000000000000000000000000000000000000000000
	refuse "then the TPM refuses to unseal it" \
		"the PCRs sha256:23 it is bound to hold other values" pcr load
	check "and nothing is loaded" [ -z "$(keyctl rlist "$pcring")" ]
	;;
other-tpm)
	check "the keystore comes back from the disk" load_disk
	refuse "another TPM does not release the root KEK" \
		"the TPM refused the sealed root KEK" $kek load
	refuse "no root KEK is left in the keyring" "" \
		keyctl search @u logon keyseal:root
	keyseal restore >/tmp/restore.out 2>&1
	status=$?
	sed 's/^/# /' /tmp/restore.out
	check "restore fails (status 1)" [ "$status" = 1 ]
	check "every file fails" restore_says "0 restored, 0 present, 4 failed"
	check "the KEK's file: its parent, the root KEK, is missing" \
		grep -q 'disk-kek.blob: parent key logon:keyseal:root is not in your keyrings (ENOKEY)' /tmp/restore.out
	check "the keys under it: their parent KEK is missing" \
		grep -q 'data.blob: parent key sealed:disk-kek is not in your keyrings (ENOKEY)' /tmp/restore.out
	check "no sealed key is in the kernel" no_sealed_key
	# Another root KEK, of the right name, opens nothing either.
	head -c 32 /dev/urandom >/tmp/other-kek
	check "another root KEK loads from a file" $kek load file:/tmp/other-kek
	keyseal restore >/tmp/restore.out 2>&1
	sed 's/^/# /' /tmp/restore.out
	check "under another root KEK every file fails" \
		restore_says "0 restored, 0 present, 4 failed"
	check "the KEK's file: sealed under other key material" \
		grep -q 'disk-kek.blob: key logon:keyseal:root is not the key this blob was sealed under (its fingerprint differs) (EKEYREJECTED)' /tmp/restore.out
	check "and still no sealed key is in the kernel" no_sealed_key
	refuse "the volume key cannot be bridged: it is not there" \
		"not in your keyrings" bridge_vol
	refuse "and the volume cannot be opened" "" open_volume
	check "no volume is left behind" sh -c '! dmsetup info vol'

	# The passphrase alternative: the same passphrase, the same root KEK.
	keyctl clear @u
	check "a salt for a passphrase" passphrase set-passphrase
	check "a root KEK from a passphrase" passphrase_kek 'correct horse'
	keyseal gen aead pp -k @u >/dev/null
	check "a key under it is saved" keyseal save %sealed:pp --keystore /tmp/pks
	keyctl clear @u
	check "the same passphrase after the keyring is cleared" \
		passphrase_kek 'correct horse'
	keyseal restore --keystore /tmp/pks >/tmp/restore.out 2>&1
	check "gives the root KEK the key was saved under" \
		restore_says "1 restored, 0 present, 0 failed"
	keyctl clear @u
	check "another passphrase gives a root KEK too" \
		passphrase_kek 'wrong horse'
	keyseal restore --keystore /tmp/pks >/tmp/restore.out 2>&1
	sed 's/^/# /' /tmp/restore.out
	check "but not the one that opens the key" \
		grep -q 'pp.blob: key logon:keyseal:root is not the key this blob was sealed under (its fingerprint differs) (EKEYREJECTED)' /tmp/restore.out
	refuse "an empty passphrase is refused" "the passphrase is empty" \
		passphrase_kek ''
	;;
esac
# Keys in root's user keyring would hold the module past the test.
keyctl clear @u
echo "1..$n"
