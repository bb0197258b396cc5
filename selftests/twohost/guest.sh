#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# One boot of one host in the two-host exchange test (run.sh). Host A and
# host B have different root KEKs and share nothing but the files the test
# carries between boots: public keys, blobs and ciphertext.
#
#   a1  A makes an exchange key and publishes its public key
#   b1  B makes a data key, encrypts with it, sends it to A (HPKE auth mode,
#       B's own exchange key as sender) and publishes its exchange key
#   a2  A gets its exchange key back, opens B's key, decrypts B's data,
#       opens the key a sender without the module wrapped for it, and sends
#       a key of its own to B (base mode)
#   b2  B opens A's key and decrypts A's data
#
# Output: TAP on stdout; files for the next boots in /out.

step=$1
in=/payload/in
out=/out
n=0

PATH=/payload/bin:$PATH

. "$(dirname "$0")/guest-tap.sh"

# The root KEK of each host: the same at every boot of that host.
root_kek() {
	case $1 in
	A) printf '%s' "host-A-root-kek-0123456789abcdef" ;;
	B) printf '%s' "host-B-root-kek-fedcba9876543210" ;;
	esac | keyctl padd logon keyseal:root @s >/dev/null
}

same_text() {
	[ "$(cat "$1")" = "$2" ]
}

# provenance KEY ORIGIN ALWAYS_SENSITIVE NEVER_EXPORTABLE: what INFO says.
provenance() {
	keyseal info "$1" --json >/tmp/info.json &&
	grep -q "\"origin\":\"$2\"" /tmp/info.json &&
	grep -q "\"always_sensitive\":$3" /tmp/info.json &&
	grep -q "\"never_exportable\":$4" /tmp/info.json
}

case $step in
a1)
	root_kek A
	xch=$(keyseal gen x25519 xch-a)
	check "A makes an exchange key" [ -n "$xch" ]
	check "A stores it under its root KEK" \
		sh -c "keyctl pipe $xch > $out/a-xch.key"
	check "A publishes its public key" \
		keyseal pubkey "$xch" -o "$out/a-xch.pem"
	check "the public key is PEM SubjectPublicKeyInfo" \
		grep -q "BEGIN PUBLIC KEY" "$out/a-xch.pem"
	;;
b1)
	root_kek B
	data=$(keyseal gen aead data-b --exportable)
	xch=$(keyseal gen x25519 xch-b)
	echo "message from B to A" >/tmp/msg
	check "B encrypts data with its key" \
		keyseal encrypt "$data" /tmp/msg -o "$out/b-msg.enc"
	check "B sends the key to A, signed as B" \
		keyseal export "$data" --to "$in/a-xch.pem" --sender "$xch" \
			-o "$out/b-to-a.blob"
	check "B stores and publishes its exchange key" \
		sh -c "keyctl pipe $xch > $out/b-xch.key &&
		       keyseal pubkey $xch -o $out/b-xch.pem"
	fixed=$(keyseal gen aead fixed-b)
	refuse "B cannot send a key that is not exportable" "not exportable" \
		keyseal export "$fixed" --to "$in/a-xch.pem"
	;;
a2)
	root_kek A
	check "A loads its exchange key back from its blob" \
		keyseal import "$in/a-xch.key" -n xch-a
	refuse "A refuses B's key when it expects another sender" "" \
		keyseal import "$in/b-to-a.blob" -n from-b --sender "$in/a-xch.pem"
	got=$(keyseal import "$in/b-to-a.blob" -n from-b --sender "$in/b-xch.pem")
	check "A opens B's key, from B" [ -n "$got" ]
	check "A decrypts B's data with it" \
		keyseal decrypt "$got" "$in/b-msg.enc" -o /tmp/b-msg
	check "and reads B's message" same_text /tmp/b-msg "message from B to A"
	# R2: root named the sender, in auth mode, and A's exchange key and
	# root KEK vouch (logon, root's): B's history is believed.
	check "A believes B's key was generated in a kernel, since it named B" \
		provenance "$got" generated true false
	check "A sees that B sent it" \
		sh -c "keyseal inspect $in/b-to-a.blob |
		       grep -q 'sender fingerprint: $(cat $in/b-xch.fp)'"

	host=$(keyseal import "$in/u-to-a.blob" -n from-host)
	check "A opens a key wrapped by a sender without the module" \
		[ -n "$host" ]
	check "and it is the key the sender had" \
		sh -c "keyseal export $host --plaintext --binary |
		       tail -c 32 | cmp - $in/u-key.bin"
	check "a key from a sender without the module is external" \
		provenance "$host" external false false

	data=$(keyseal gen aead data-a --exportable)
	echo "message from A to B" >/tmp/msg
	check "A encrypts data and sends its key to B" \
		sh -c "keyseal encrypt $data /tmp/msg -o $out/a-msg.enc &&
		       keyseal export $data --to $in/b-xch.pem -o $out/a-to-b.blob"
	;;
b2)
	root_kek B
	check "B loads its exchange key back" \
		keyseal import "$in/b-xch.key" -n xch-b
	refuse "B cannot open what was sent to A" "" \
		keyseal import "$in/b-to-a.blob" -n not-mine
	got=$(keyseal import "$in/a-to-b.blob" -n from-a)
	check "B opens A's key" [ -n "$got" ]
	check "B decrypts A's data with it" \
		keyseal decrypt "$got" "$in/a-msg.enc" -o /tmp/a-msg
	check "and reads A's message" same_text /tmp/a-msg "message from A to B"
	# R2: a base-mode blob comes from anyone: external, no history.
	check "B, naming no sender, sees A's key as external" \
		provenance "$got" external false false
	;;
esac
echo "1..$n"
