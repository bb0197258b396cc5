#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# One boot of the consumers test (run.sh): sealed secret keys handed to the
# kernel's real dm-crypt and fscrypt with "keyseal bridge", on two virtio
# disks that persist from one boot to the next.
#
#   c1  makes the keys and keeps their blobs; a dm-crypt volume on vda
#       (aes-xts-plain64, the bridged logon key) gets random data; ext4 on
#       vdb (mkfs.ext4 -O encrypt) gets a directory under a v2 policy whose
#       key is the bridged fscrypt-provisioning key, then the key is
#       removed and the names are unreadable
#   c2  loads the blobs, bridges again: the volume gives the data back byte
#       for byte and the files are readable; another key gives neither
#
# Output: TAP on stdout; blobs and checksums for the next boot in /out.

step=$1
in=/payload/in
out=/out
mnt=/mnt/fs
n=0

PATH=/payload/bin:$PATH
# No udev in the VM: dmsetup makes its device nodes itself.
export DM_DISABLE_UDEV=1

. "$(dirname "$0")/guest-tap.sh"

# The machine's root KEK: the same at every boot.
root_kek() {
	printf '%s' "consumers-root-kek-0123456789abcdef" |
		keyctl padd logon keyseal:root @s >/dev/null
}

# Sectors of the dm-crypt volume: all of vda.
sectors() {
	cat /sys/block/vda/size
}

# open_volume NAME KEYSTRING: dm-crypt over all of vda.
open_volume() {
	dmsetup create "$1" --noudevsync \
		--table "0 $(sectors) crypt aes-xts-plain64 $2 0 /dev/vda 0"
}

close_volume() {
	dmsetup remove --noudevsync "$1"
}

# The checksum of the first MiB a volume gives.
volume_sum() {
	dd if="/dev/mapper/$1" bs=1M count=1 2>/dev/null | sha256sum | cut -d' ' -f1
}

same_text() {
	[ "$(cat "$1")" = "$2" ]
}

differs() {
	[ "$1" != "$2" ]
}

# The table shows the key's name, never its bytes, even with --showkeys.
table_hides_key() {
	dmsetup table --showkeys "$1" >/tmp/table &&
		grep -q ":64:logon:$2 " /tmp/table
}

# bridge KEY --logon|--fscrypt DESC [-b N]: the new key's serial in /tmp/serial
bridge() {
	keyseal bridge "$@" >/tmp/serial
}

# The names in the encrypted directory are not the plaintext ones.
names_unreadable() {
	ls "$mnt/d" >/tmp/names &&
		[ "$(wc -l </tmp/names)" = 2 ] &&
		! grep -q '^note.txt$' /tmp/names &&
		! grep -q '^data.bin$' /tmp/names &&
		! cat "$mnt/d/note.txt" 2>/dev/null
}

files_readable() {
	same_text "$mnt/d/note.txt" "the sealed key opens this" &&
		[ "$(sha256sum <"$mnt/d/data.bin" | cut -d' ' -f1)" = "$(cat "$in/files.sha256")" ]
}

load_blob() {
	keyctl add sealed "$1" "load $(cat "$in/$1.key")" @s >/dev/null
}

modules() {
	for m in virtio_pci virtio_blk dm_crypt ext4; do
		modprobe "$m" 2>/dev/null
	done
	[ -b /dev/vda ] && [ -b /dev/vdb ] && [ -c /dev/mapper/control ]
}

mkdir -p "$mnt"
root_kek
check "modules and disks: virtio_blk, dm_crypt, ext4; vda, vdb" modules

case $step in
c1)
	# --- dm-crypt -------------------------------------------------------
	check "a 64-byte secret key" keyseal gen secret vol -b 64
	keyctl pipe %sealed:vol >"$out/vol.key"
	check "bridged as logon key keyseal:vol" \
		bridge %sealed:vol --logon keyseal:vol -b 64
	check "dm-crypt opens with :64:logon:keyseal:vol" \
		open_volume vol :64:logon:keyseal:vol
	check "the table names the key, never its bytes" \
		table_hides_key vol keyseal:vol
	dd if=/dev/urandom of=/tmp/data bs=1M count=1 2>/dev/null
	sha256sum </tmp/data | cut -d' ' -f1 >"$out/vol.sha256"
	check "1 MiB written through the volume" \
		dd if=/tmp/data of=/dev/mapper/vol bs=1M count=1 conv=fsync
	check "and read back" same_text "$out/vol.sha256" "$(volume_sum vol)"
	check "the volume closes" close_volume vol
	check "vda holds no plaintext" \
		differs "$(cat "$out/vol.sha256")" \
		"$(dd if=/dev/vda bs=1M count=1 2>/dev/null | sha256sum | cut -d' ' -f1)"

	# The copy holds exactly the sealed key's bytes: a key imported from
	# known material, bridged, decrypts vda as the same bytes in hex do.
	hex=$(head -c 64 /dev/urandom | od -An -tx1 -v | tr -d ' \n')
	check "a secret key imported from known material" \
		keyctl add sealed known "import secret $hex" @s
	check "bridged as logon key keyseal:known" \
		bridge %sealed:known --logon keyseal:known
	check "a volume over vda with the bridged key" \
		open_volume known-logon :64:logon:keyseal:known
	check "another with the same bytes in hex" open_volume known-hex "$hex"
	check "both decrypt vda alike, byte for byte" \
		cmp /dev/mapper/known-logon /dev/mapper/known-hex
	close_volume known-logon
	close_volume known-hex

	# Too short a key for the cipher: refused by keyseal with -b, and by
	# dm-crypt itself without; nothing is left behind.
	check "a 32-byte secret key" keyseal gen secret short -b 32
	refuse "keyseal refuses a 32-byte key where 64 are needed" \
		"32 bytes of material, not the 64 bytes asked for" \
		bridge %sealed:short --logon keyseal:short -b 64
	check "  and makes no key" \
		sh -c '! keyctl search @s logon keyseal:short'
	check "bridged without -b" bridge %sealed:short --logon keyseal:short
	refuse "dm-crypt refuses it for :64:" "Invalid argument" \
		open_volume short :64:logon:keyseal:short
	check "  and no volume is left" sh -c '! dmsetup info short'
	refuse "an aead key is refused" "only secret keys" \
		sh -c 'keyseal gen aead data >/dev/null && keyseal bridge %sealed:data --logon keyseal:data'
	refuse "a logon description needs a prefix" "needs a prefix" \
		bridge %sealed:vol --logon novolume

	# --- fscrypt --------------------------------------------------------
	check "mkfs.ext4 -O encrypt on vdb" \
		mkfs.ext4 -q -F -O encrypt -b 4096 /dev/vdb
	check "mounted" mount -t ext4 /dev/vdb "$mnt"
	check "a 64-byte secret key for fscrypt" keyseal gen secret home -b 64
	keyctl pipe %sealed:home >"$out/home.key"
	check "bridged as fscrypt-provisioning key" \
		bridge %sealed:home --fscrypt fscrypt:home -b 64
	check "FS_IOC_ADD_ENCRYPTION_KEY takes it by key_id" \
		sh -c "fscrypt_key add $mnt \$(cat /tmp/serial) >$out/home.id"
	id=$(cat "$out/home.id")
	mkdir "$mnt/d"
	check "a v2 policy on a directory" fscrypt_key set "$mnt/d" "$id"
	echo "the sealed key opens this" >"$mnt/d/note.txt"
	dd if=/dev/urandom of="$mnt/d/data.bin" bs=4k count=16 2>/dev/null
	sha256sum <"$mnt/d/data.bin" | cut -d' ' -f1 >"$out/files.sha256"
	sync
	check "files written in it" same_text "$mnt/d/note.txt" "the sealed key opens this"
	# Too short a key for the cipher: v2 policies need the mode's security
	# strength, 32 bytes for AES-256-XTS. fscrypt itself refuses it.
	check "a 16-byte secret key bridged for fscrypt" \
		sh -c "keyseal gen secret tiny -b 16 >/dev/null && keyseal bridge %sealed:tiny --fscrypt fscrypt:tiny >/tmp/serial"
	check "  added" sh -c "fscrypt_key add $mnt \$(cat /tmp/serial) >/tmp/tiny.id"
	mkdir "$mnt/short"
	check "  a v2 policy names it" \
		fscrypt_key set "$mnt/short" "$(cat /tmp/tiny.id)"
	refuse "  fscrypt refuses it for AES-256-XTS: no file can be made" \
		"Required key not available" sh -c "echo x >$mnt/short/f"
	check "FS_IOC_REMOVE_ENCRYPTION_KEY" fscrypt_key remove "$mnt" "$id"
	check "  the key is absent" \
		sh -c "[ \$(fscrypt_key status $mnt $id) = absent ]"
	check "  the names are unreadable" names_unreadable
	umount "$mnt"
	;;
c2)
	check "the blobs load back" load_blob vol
	check "  both" load_blob home
	check "bridged again" bridge %sealed:vol --logon keyseal:vol -b 64
	check "dm-crypt opens the volume" open_volume vol :64:logon:keyseal:vol
	check "the data comes back byte for byte" \
		same_text "$in/vol.sha256" "$(volume_sum vol)"
	close_volume vol
	check "another key" keyseal gen secret other -b 64
	check "bridged" bridge %sealed:other --logon keyseal:other
	check "opens a volume" open_volume other :64:logon:keyseal:other
	check "  whose data is not the data" \
		differs "$(cat "$in/vol.sha256")" "$(volume_sum other)"
	close_volume other

	check "ext4 mounts" mount -t ext4 /dev/vdb "$mnt"
	check "the names are unreadable without the key" names_unreadable
	check "another key bridged for fscrypt" \
		bridge %sealed:other --fscrypt fscrypt:other
	check "  has another identifier" \
		sh -c "fscrypt_key add $mnt \$(cat /tmp/serial) >/tmp/other.id && [ \$(cat /tmp/other.id) != \$(cat $in/home.id) ]"
	check "  and leaves the names unreadable" names_unreadable
	check "the restored key bridged for fscrypt" \
		bridge %sealed:home --fscrypt fscrypt:home
	check "  has the same identifier" \
		sh -c "fscrypt_key add $mnt \$(cat /tmp/serial) >/tmp/home.id && [ \$(cat /tmp/home.id) = \$(cat $in/home.id) ]"
	check "the files are readable again" files_readable
	umount "$mnt"
	;;
esac
sync
echo "1..$n"
