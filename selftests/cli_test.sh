#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The keyseal command against the real module: every subcommand, its output
# and its error messages (the exact text of the important ones), exit
# statuses, encrypt/decrypt round trips and tampering, rewrap of several
# files with atomic replacement, and --json read with grep and sed only
# (the VM has busybox, no python). TAP on stdout, the plan at the end.
#
# Runs in a session keyring of its own (vm/run-tests). KEYSEAL may name the
# binary; by default it is the payload's bin/keyseal.

here=$(cd "$(dirname "$0")" && pwd)
KS=${KEYSEAL:-$here/../bin/keyseal}
NOCAP=${NOCAP:-$here/../bin/nocap}
T=$(mktemp -d /tmp/cli_test.XXXXXX)
chmod 755 "$T"
cd "$T" || exit 1

n=0
failed=0

diag() { printf '# %s\n' "$*"; }
pass() { n=$((n + 1)); echo "ok $n $1"; }
fail() { n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n $1"; }

# run CMD...: $rc, $out (stdout), $errout (stderr)
run() {
	"$@" >"$T/.out" 2>"$T/.err"
	rc=$?
	out=$(cat "$T/.out")
	errout=$(cat "$T/.err")
}

show() {
	diag "rc=$rc"
	sed 's/^/# stdout: /' "$T/.out" | head -n 20
	sed 's/^/# stderr: /' "$T/.err" | head -n 20
}

# check NAME CONDITION...: one test, passing when the condition holds
check() {
	name=$1
	shift
	if "$@"; then
		pass "$name"
	else
		fail "$name"
		show
	fi
}

# expect_ok NAME CMD...: exit status 0
expect_ok() {
	name=$1
	shift
	run "$@"
	check "$name" [ "$rc" = 0 ]
}

# expect_err NAME RC MESSAGE CMD...: that status and exactly that stderr
expect_err() {
	name=$1 want_rc=$2 want=$3
	shift 3
	run "$@"
	if [ "$rc" = "$want_rc" ] && [ "$errout" = "$want" ]; then
		pass "$name"
	else
		fail "$name"
		diag "want rc=$want_rc: $want"
		show
	fi
}

# expect_usage NAME FIRST-LINE CMD...: status 2, a first line, the synopsis
expect_usage() {
	name=$1 want=$2
	shift 2
	run "$@"
	first=$(head -n 1 "$T/.err")
	if [ "$rc" = 2 ] && [ "$first" = "$want" ] &&
	   grep -q '^Usage: keyseal ' "$T/.err"; then
		pass "$name"
	else
		fail "$name"
		diag "want rc=2: $want"
		show
	fi
}

# The value of a member of a one-line JSON document, quotes removed.
json_get() {
	printf '%s\n' "$1" | grep -o "\"$2\":[^,}]*" | head -n 1 |
		cut -d: -f2- | sed 's/^"//; s/"$//'
}

# Flip the low bit of the byte at OFFSET in FILE.
flip() {
	b=$(od -An -tu1 -j "$2" -N1 "$1" | tr -d ' ')
	printf "$(printf '\\%03o' $((b ^ 1)))" |
		dd of="$1" bs=1 seek="$2" conv=notrunc 2>/dev/null
}

mode() { stat -c %a "$1"; }
size() { wc -c <"$1" | tr -d ' '; }

head -c 32 /dev/urandom >kmk.bin
kmk=$(keyctl padd user kmk @s <kmk.bin)
head -c 32 /dev/urandom >kmk2.bin
kmk2=$(keyctl padd user kmk2 @s <kmk2.bin)
ring=$(keyctl newring ring @s)
# A root key that vouches for what it holds: logon, and root's (R2).
vroot=$(head -c 32 /dev/urandom | keyctl padd logon cli:root @s)
if [ -z "$kmk" ] || [ -z "$kmk2" ] || [ -z "$ring" ] || [ -z "$vroot" ]; then
	echo "Bail out! no root keys"
	exit 1
fi

# --- the command itself -------------------------------------------------------

run "$KS"
check "no command: usage on stderr, status 2" \
	[ "$rc" = 2 -a "$(head -n 1 "$T/.err")" = "Usage: keyseal COMMAND [ARGS...]" ]
run "$KS" --help
check "--help: usage on stdout, status 0" \
	[ "$rc" = 0 -a "$(head -n 1 "$T/.out")" = "Usage: keyseal COMMAND [ARGS...]" ]
run "$KS" frobnicate
check "unknown command: status 2" \
	[ "$rc" = 2 -a "$(head -n 1 "$T/.err")" = "keyseal: unknown command 'frobnicate'" ]
run "$KS" --version
check "--version" [ "$rc" = 0 -a "${out#keyseal }" != "$out" ]
for c in gen import export info list inspect rewrap encrypt decrypt pubkey wrap \
	bridge save restore; do
	run "$KS" "$c" --help
	check "$c --help" [ "$rc" = 0 -a "$(head -n 1 "$T/.out" | cut -d' ' -f1-3)" = "Usage: keyseal $c" ]
done
run "$KS" help rewrap
check "help rewrap is rewrap --help" \
	[ "$rc" = 0 -a "$(head -n 1 "$T/.out" | cut -d' ' -f1-3)" = "Usage: keyseal rewrap" ]
expect_usage "unknown option: status 2" "keyseal info: unknown option '--frob'" \
	"$KS" info --frob 1

# --- gen ----------------------------------------------------------------------

run "$KS" gen aead db --parent user:kmk --exportable
db=$out
check "gen prints the serial" [ "$rc" = 0 -a -n "$db" -a "$db" -gt 0 ]
check "gen: the key is sealed:db in @s" \
	[ "$(keyctl search @s sealed db 2>/dev/null)" = "$db" ]
fixed=$("$KS" gen aead fixed -p %user:kmk)
pt=$("$KS" gen aead pt --parent user:kmk --plaintext)
kek=$("$KS" gen kek kek --parent "$kmk")
dk=$("$KS" gen aead dk -p user:kmk -b 16)
check "gen: parents by name, %name and serial; sizes" \
	[ -n "$fixed" -a -n "$pt" -a -n "$kek" -a -n "$dk" ]

expect_err "gen: existing description" 1 \
	"keyseal: a sealed key named 'db' is already in that keyring" \
	"$KS" gen aead db --parent user:kmk
expect_err "gen: parent not in keyrings" 1 \
	"keyseal: parent key user:nothere is not in your keyrings" \
	"$KS" gen aead x --parent user:nothere
expect_err "gen: default parent not in keyrings" 1 \
	"keyseal: parent key logon:keyseal:root (the default parent) is not in your keyrings" \
	"$KS" gen aead x
expect_err "gen: parent of the wrong usage" 1 \
	"keyseal: parent key sealed:db cannot be a parent: a parent is a sealed kek key, or a user, logon, encrypted or trusted key of at least 32 bytes" \
	"$KS" gen aead x --parent sealed:db
expect_usage "gen: unknown usage" \
	"keyseal gen: unknown usage 'rsa': give kek, aead, secret, x25519 or p256" \
	"$KS" gen rsa
expect_usage "gen: size the usage forbids" \
	"keyseal gen: aead keys cannot have 24 bytes" "$KS" gen aead x --bytes 24
expect_usage "gen: a parent with a space is no name" \
	"keyseal gen: 'user:kmk exportable' does not name a key: give type:description or a serial" \
	"$KS" gen aead x --parent "user:kmk exportable"
expect_usage "gen: not-after in the past" \
	"keyseal gen: --not-after is in the past" "$KS" gen aead x --not-after 1000
expect_usage "gen: not-after malformed" \
	"keyseal gen: --not-after needs seconds since the epoch or YYYY-MM-DD[THH:MM:SS]Z" \
	"$KS" gen aead x --not-after tomorrow
expect_usage "gen: missing usage" "keyseal gen: missing USAGE" "$KS" gen
expect_err "gen: unknown keyring" 2 \
	"keyseal: '@x' is not a keyring: give @s, @u, @us, @p, @t, a serial or %keyring:name" \
	"$KS" gen aead x --parent user:kmk -k @x
run "$KS" gen aead inring --parent user:kmk -k %keyring:ring
check "gen into a chosen keyring" \
	[ "$rc" = 0 -a "$(keyctl search "$ring" sealed inring 2>/dev/null)" = "$out" ]

run "$KS" gen secret s40 --bytes 40 --parent "$kmk" --not-after 2100-01-01 --json
check "gen --json: usage, bits, expiry, parent" \
	[ "$rc" = 0 -a "$(json_get "$out" usage)" = secret \
	  -a "$(json_get "$out" bits)" = 320 \
	  -a "$(json_get "$out" not_after)" = 4102444800 \
	  -a "$(json_get "$out" parent)" = user:kmk \
	  -a "$(json_get "$out" name)" = sealed:s40 ]

# --- info ---------------------------------------------------------------------

run "$KS" info %sealed:db
check "info: what the key is" [ "$rc" = 0 ]
# A user root never vouches (R2): no history bit, whatever the flags.
for line in "key $db (sealed:db)" "  usage: aead, AES-256-GCM" \
	    "  flags: exportable" \
	    "  provenance: generated in a keyseal kernel" \
	    "  not after: never" "  parent: user:kmk"; do
	check "info shows '$line'" grep -qxF "$line" "$T/.out"
done
vk=$("$KS" gen aead vk --parent logon:cli:root)
run "$KS" info "$vk"
for line in "  flags: none" \
	    "  provenance: generated in a keyseal kernel, always sensitive, never exportable" \
	    "  parent: logon:cli:root"; do
	check "info under a root that vouches shows '$line'" grep -qxF "$line" "$T/.out"
done
keyctl unlink "$vk" @s >/dev/null
run "$KS" info "$dk" --json
check "info --json: a one-element array" \
	[ "$rc" = 0 -a "$(json_get "$out" serial)" = "$dk" \
	  -a "$(json_get "$out" bits)" = 128 \
	  -a "$(json_get "$out" exportable)" = false \
	  -a "$(printf '%s' "$out" | cut -c1)" = "[" ]
db_id=$(json_get "$("$KS" info "$db" --json)" key_id)
check "info --json: a 128-bit key id" [ ${#db_id} = 32 ]
expect_err "info: no such key by name" 1 \
	"keyseal: key sealed:none is not in your keyrings" "$KS" info %sealed:none
expect_err "info: no such key by serial" 1 \
	"keyseal: key 2147483000 is not in your keyrings" "$KS" info 2147483000
expect_err "info: not a sealed key" 1 \
	"keyseal: key $kmk (user:kmk) is not a sealed key" "$KS" info "$kmk"
expect_err "info: not a key name" 2 \
	"keyseal: 'x1' does not name a key: give a serial or type:description" \
	"$KS" info x1
expect_usage "info: missing key" "keyseal info: missing KEY" "$KS" info

# --- list ---------------------------------------------------------------------

short=$(printf '%s' "$db_id" | cut -c1-8)
run "$KS" list
check "list: a header" [ "$rc" = 0 -a "$(head -n 1 "$T/.out" | awk '{print $1, $2, $NF}')" = "SERIAL USAGE DESCRIPTION" ]
check "list: the line of db" \
	[ "$(awk -v s="$db" '$1 == s { print $2, $3, $4, $5, $6, $7 }' "$T/.out")" = "aead 256 exportable $short user:kmk db" ]
check "list: keys in keyrings below the session's" \
	grep -q ' inring$' "$T/.out"
check "list: plaintext keys say so" \
	[ "$(awk -v s="$pt" '$1 == s { print $4 }' "$T/.out")" = exportable,plaintext ]
check "list: no root keys" [ "$(grep -c ' kmk$' "$T/.out")" = 0 ]
keys=$(($("$KS" list | wc -l) - 1))
run "$KS" list --json
check "list --json: one object per sealed key" \
	[ "$rc" = 0 -a "$(printf '%s' "$out" | grep -o '"serial":' | wc -l)" = "$keys" \
	  -a "$keys" -ge 7 ]
soon=$("$KS" gen aead soon --parent user:kmk --not-after $(($(date +%s) + 2)))
sleep 3
run "$KS" list
check "list: an expired key says so" \
	[ "$(awk -v s="$soon" '$1 == s { print $4 }' "$T/.out")" = expired ]

# --- export -------------------------------------------------------------------

expect_ok "export: PEM to a file" "$KS" export %sealed:db -o db.pem
check "export: PEM armor" [ "$(head -n 1 db.pem)" = "-----BEGIN KEYSEAL BLOB-----" \
	-a "$(tail -n 1 db.pem)" = "-----END KEYSEAL BLOB-----" \
	-a "$(awk 'NR > 1 && !/^-/ { print length($0) }' db.pem | sort -u | tail -n 1)" = 64 ]
run "$KS" export "$db" --text
check "export --text is keyctl pipe, and a newline" \
	[ "$rc" = 0 -a "$out" = "$(keyctl pipe "$db")" -a "$(size "$T/.out")" = $(($(keyctl pipe "$db" | wc -c) + 1)) ]
printf '%s\n' "$out" >db.txt
expect_ok "export --binary" "$KS" export %sealed:db --binary -o db.bin
check "export --binary: the magic" [ "$(head -c 4 db.bin)" = KSBL ]
expect_ok "export to stdout" "$KS" export %sealed:db
check "export to stdout: PEM" [ "$(head -n 1 "$T/.out")" = "-----BEGIN KEYSEAL BLOB-----" ]
expect_ok "export --kek: an exportable key" \
	"$KS" export %sealed:db --kek %user:kmk2 -o db2.pem
check "export --kek: the blob names the new KEK" \
	[ "$(json_get "$("$KS" inspect --json db2.pem)" parent)" = user:kmk2 ]
expect_err "export --kek: not exportable" 1 \
	"keyseal: key $fixed (sealed:fixed) is not exportable" \
	"$KS" export %sealed:fixed --kek user:kmk2
expect_ok "export --kek: a fixed key under its own parent" \
	"$KS" export %sealed:fixed --kek "$kmk"
expect_err "export --kek: itself" 1 \
	"keyseal: key $kek (sealed:kek) cannot wrap itself" \
	"$KS" export %sealed:kek --kek %sealed:kek
expect_err "export --kek: a data key" 1 \
	"keyseal: KEK $fixed (sealed:fixed) cannot wrap keys: a KEK is a sealed kek key, or a user, logon, encrypted or trusted key of at least 32 bytes" \
	"$KS" export %sealed:db --kek %sealed:fixed
expect_err "export --plaintext: no plaintext flag" 1 \
	"keyseal: key $db (sealed:db) may not leave in the clear: it has no plaintext flag" \
	"$KS" export %sealed:db --plaintext
expect_ok "export --plaintext" "$KS" export %sealed:pt --plaintext -o pt.pem
check "export --plaintext: mode 0600" [ "$(mode pt.pem)" = 600 ]
check "export --plaintext: a plaintext blob" \
	[ "$(json_get "$("$KS" inspect --json pt.pem)" scheme)" = plaintext ]
touch umask.ref
check "export: blobs get the umask's mode" [ "$(mode db.pem)" = "$(mode umask.ref)" ]
expect_err "export: not a sealed key" 1 \
	"keyseal: key $kmk (user:kmk) is not a sealed key" "$KS" export "$kmk"
expect_usage "export: exclusive targets" \
	"keyseal export: --kek, --plaintext, --to and --to-rsa exclude each other" \
	"$KS" export %sealed:db --kek user:kmk2 --plaintext

# --- export --to-rsa (rsa_export_test opens what the kernel exports) ----------

rsa=$here/../data/rsa-2048.pub.pem
expect_ok "export --to-rsa: rsa-aes-kwp-sha256 in base64" \
	"$KS" export %sealed:db --to-rsa "$rsa" --format rsa-aes-kwp-sha256 -o db.kwp
check "export --to-rsa: one line of base64 of k + 40 bytes" \
	[ "$(wc -l <db.kwp)" = 1 -a "$(base64 -d <db.kwp | wc -c)" = 296 ]
expect_ok "export --to-rsa --binary: rsa-oaep-sha1" \
	"$KS" export %sealed:db --to-rsa "$rsa" --format rsa-oaep-sha1 --binary -o db.oaep
check "export --to-rsa --binary: k bytes" [ "$(size db.oaep)" = 256 ]
expect_err "export --to-rsa: not exportable" 1 \
	"keyseal: key $fixed (sealed:fixed) is not exportable" \
	"$KS" export %sealed:fixed --to-rsa "$rsa" --format rsa-oaep-sha256
xkek=$("$KS" gen kek xkek --parent user:kmk --exportable)
expect_err "export --to-rsa: a kek" 1 \
	"keyseal: key $xkek (sealed:xkek): a kek key: only aead and secret keys can be exported to an RSA wrapping key" \
	"$KS" export %sealed:xkek --to-rsa "$rsa" --format rsa-oaep-sha256
expect_err "export --to-rsa: an EC key" 1 \
	"keyseal: $here/../data/ec-p256.pub.pem: not an RSA key: the wrapping key must be RSA (2048, 3072 or 4096 bits)" \
	"$KS" export %sealed:db --to-rsa "$here/../data/ec-p256.pub.pem" --format rsa-oaep-sha256
expect_err "export --to-rsa: a 1024-bit key" 1 \
	"keyseal: $here/../data/rsa-1024.pub.pem: an RSA key of 1024 bits: the wrapping key must have 2048, 3072 or 4096 bits" \
	"$KS" export %sealed:db --to-rsa "$here/../data/rsa-1024.pub.pem" --format rsa-oaep-sha256
printf 'not a key\n' >bad.pem
expect_err "export --to-rsa: no PEM" 1 \
	"keyseal: bad.pem: no public key in it: give the RSA wrapping key as PEM (BEGIN PUBLIC KEY) or DER" \
	"$KS" export %sealed:db --to-rsa bad.pem --format rsa-oaep-sha256
expect_usage "export --to-rsa: an unknown form" \
	"keyseal export: unknown --format 'rsa-oaep': give rsa-aes-kwp-sha256, rsa-aes-kwp-sha1, rsa-oaep-sha256 or rsa-oaep-sha1" \
	"$KS" export %sealed:db --to-rsa "$rsa" --format rsa-oaep
expect_usage "export --to-rsa: no form" \
	"keyseal export: --to-rsa and --format go together" \
	"$KS" export %sealed:db --to-rsa "$rsa"
expect_ok "wrap --to-rsa: a plaintext blob, without the module" \
	"$KS" wrap --to-rsa "$rsa" --format rsa-aes-kwp-sha1 --binary -o pt.kwp pt.pem
check "wrap --to-rsa: k + 40 bytes" [ "$(size pt.kwp)" = 296 ]
expect_usage "wrap --to-rsa: no policy travels" \
	"keyseal wrap: --to-rsa carries no sender and no policy: --from, --exportable, --plaintext and --not-after go with --to" \
	"$KS" wrap --to-rsa "$rsa" --format rsa-oaep-sha1 -e pt.pem
expect_usage "export: missing key" "keyseal export: missing KEY" "$KS" export

# --- inspect ------------------------------------------------------------------

run "$KS" inspect db.pem
check "inspect: offline, what the blob says" [ "$rc" = 0 ]
for line in "db.pem: keyseal blob, pem form" \
	    "  scheme: kek (sealed under a KEK)" "  usage: aead, AES-256-GCM" \
	    "  flags: exportable" "  key id: $db_id" "  parent: user:kmk"; do
	check "inspect shows '$line'" grep -qxF "$line" "$T/.out"
done
run "$KS" inspect --json db.pem db.txt db.bin
check "inspect --json: every form" \
	[ "$rc" = 0 -a "$(printf '%s' "$out" | grep -o '"form":"[a-z]*"' | tr '\n' ' ')" = '"form":"pem" "form":"text" "form":"binary" ' ]
run "$KS" inspect <db.txt
check "inspect: stdin" [ "$rc" = 0 -a "$(head -n 1 "$T/.out")" = "stdin: keyseal blob, text form" ]
echo "hello" >junk.txt
expect_err "inspect: not a blob" 1 "keyseal: junk.txt: not a keyseal blob" \
	"$KS" inspect junk.txt
run "$KS" inspect db.pem junk.txt db.txt
check "inspect: one bad file of three, status 1, the others shown" \
	[ "$rc" = 1 -a "$(grep -c 'keyseal blob' "$T/.out")" = 2 ]

# --- import -------------------------------------------------------------------

run "$KS" import db.pem -n db-copy --json
check "import: the same key" [ "$rc" = 0 -a "$(json_get "$out" key_id)" = "$db_id" \
	-a "$(json_get "$out" name)" = sealed:db-copy ]
run "$KS" import -n db-text <db.txt
check "import: text from stdin" [ "$rc" = 0 -a "$(keyctl search @s sealed db-text)" = "$out" ]
run "$KS" import db.bin -n db-bin -k "$ring"
check "import: binary into a chosen keyring" \
	[ "$rc" = 0 -a "$(keyctl search "$ring" sealed db-bin)" = "$out" ]
run "$KS" import db2.pem -n db-moved
check "import: under the other KEK" [ "$rc" = 0 ]
expect_err "import: existing description" 1 \
	"keyseal: db.pem: a sealed key named 'db-copy' is already in that keyring" \
	"$KS" import db.pem -n db-copy
cp db.bin bad.bin
flip bad.bin $(($(size bad.bin) - 1))
expect_err "import: tampered blob" 1 \
	"keyseal: bad.bin: the blob failed authentication: it was changed, or sealed under other key material" \
	"$KS" import bad.bin -n bad
expect_err "import: not a blob" 1 "keyseal: junk.txt: not a keyseal blob" \
	"$KS" import junk.txt
# What is wrong with a blob, as the codec tells it: db.bin is $blen bytes.
blen=$(size db.bin)
head -c $((blen - 1)) db.bin >short.bin
expect_err "import: a blob one byte short" 1 \
	"keyseal: short.bin: truncated: the blob has $((blen - 1)) bytes, its header says $blen" \
	"$KS" import short.bin
head -c 30 db.bin >short-header.bin
expect_err "import: a blob cut inside its header" 1 \
	"keyseal: short-header.bin: truncated: the blob has 30 bytes, and ends inside its header" \
	"$KS" import short-header.bin
tr -d '\n' <db.txt | head -c -1 >short.txt
expect_err "import: a text form one character short" 1 \
	"keyseal: short.txt: truncated: the blob has $(((blen + 2) / 3 * 3 - 3)) bytes, its header says $blen" \
	"$KS" import short.txt
cat db.bin junk.txt >long.bin
expect_err "import: bytes after the blob" 1 \
	"keyseal: long.bin: malformed: the blob has $((blen + 6)) bytes, its header says $blen" \
	"$KS" import long.bin
cp db.bin v2.bin
printf '\002' | dd of=v2.bin bs=1 seek=4 conv=notrunc 2>/dev/null
expect_err "import: another format version" 1 \
	"keyseal: v2.bin: a blob of format version 2: this keyseal reads version 1" \
	"$KS" import v2.bin
cp db.bin alg.bin
printf '\011' | dd of=alg.bin bs=1 seek=7 conv=notrunc 2>/dev/null
expect_err "import: a header version 1 does not allow" 1 \
	"keyseal: alg.bin: malformed: its header holds values blob format version 1 does not allow" \
	"$KS" import alg.bin
fold -w 60 db.txt >folded.txt
expect_err "import: a whole blob in a text form keyseal does not read" 1 \
	"keyseal: folded.txt: malformed: the blob is whole, but its text is not in the one form keyseal reads (a single line of base64, or PEM in lines of 64 characters, one blob to a file)" \
	"$KS" import folded.txt
expect_err "import: the wrong opening key" 1 \
	"keyseal: db.pem: key $kmk2 (user:kmk2) cannot open this blob: it is not the KEK the blob was sealed under" \
	"$KS" import db.pem -n x --unwrap %user:kmk2
expect_usage "import: --parent with a KEK blob" \
	"keyseal import: --parent is for recipient and plaintext blobs: a blob under a KEK is stored under that KEK" \
	"$KS" import db.pem --parent user:kmk2
head -c 32 /dev/urandom >kmk3.bin
kmk3=$(keyctl padd user kmk3 @s <kmk3.bin)
k3=$("$KS" gen aead k3 --parent user:kmk3 --exportable)
"$KS" export "$k3" -o k3.pem
keyctl unlink "$kmk3" @s >/dev/null
expect_err "import: parent not in keyrings" 1 \
	"keyseal: k3.pem: parent key user:kmk3 is not in your keyrings" \
	"$KS" import k3.pem -n k3b
head -c 32 /dev/urandom | keyctl padd user kmk3 @s >/dev/null
expect_err "import: a parent of that name, other material" 1 \
	"keyseal: k3.pem: key user:kmk3 is not the key this blob was sealed under (its fingerprint differs)" \
	"$KS" import k3.pem -n k3b
run "$KS" import pt.pem --parent %user:kmk -n pt-copy --json
check "import: a plaintext blob, as root" \
	[ "$rc" = 0 -a "$(json_get "$out" origin)" = imported ]
expect_err "import: a plaintext blob needs CAP_SYS_ADMIN" 1 \
	"keyseal: pt.pem: importing a key in the clear needs CAP_SYS_ADMIN" \
	"$NOCAP" "$KS" import pt.pem --parent user:kmk -n pt-nocap

# --- rewrap -------------------------------------------------------------------

ida=$("$KS" gen secret ra --parent user:kmk --exportable)
idb=$("$KS" gen aead rb --parent user:kmk --exportable)
idc=$("$KS" gen kek rc --parent user:kmk --exportable)
"$KS" export "$ida" -o a.pem
"$KS" export "$idb" --text -o b.txt
"$KS" export "$idc" --binary -o c.bin
"$KS" export "$fixed" -o fixed.pem
cp db.bin bad2.bin
flip bad2.bin 43	# the creation time: the header is authenticated
chmod 640 a.pem
cp fixed.pem fixed.orig
cp bad2.bin bad2.orig
a_id=$(json_get "$("$KS" inspect --json a.pem)" key_id)
ln -s c.bin link.bin
run "$KS" rewrap --kek user:kmk2 a.pem b.txt link.bin fixed.pem bad2.bin
check "rewrap: status 1 when one file fails" [ "$rc" = 1 ]
check "rewrap: the good files, one line each" \
	[ "$out" = "a.pem: now under user:kmk2
b.txt: now under user:kmk2
link.bin: now under user:kmk2" ]
check "rewrap: why fixed.pem failed" grep -qxF \
	"keyseal: fixed.pem: the key in it is not exportable: it stays under its parent user:kmk" "$T/.err"
check "rewrap: why bad2.bin failed" grep -qxF \
	"keyseal: bad2.bin: the blob failed authentication: it was changed, or sealed under other key material" "$T/.err"
check "rewrap: failed files untouched" cmp -s fixed.pem fixed.orig
check "rewrap: a tampered file untouched" cmp -s bad2.bin bad2.orig
check "rewrap: each file keeps its form" \
	[ "$("$KS" inspect --json a.pem b.txt c.bin | grep -o '"form":"[a-z]*"' | tr '\n' ' ')" = '"form":"pem" "form":"text" "form":"binary" ' ]
check "rewrap: the new parent" \
	[ "$("$KS" inspect --json a.pem b.txt c.bin | grep -o '"parent":"[a-z0-9:]*"' | sort -u)" = '"parent":"user:kmk2"' ]
check "rewrap: the same key" [ "$(json_get "$("$KS" inspect --json a.pem)" key_id)" = "$a_id" ]
check "rewrap: the mode kept" [ "$(mode a.pem)" = 640 ]
check "rewrap: a symbolic link still links" [ -L link.bin ]
check "rewrap: no temporary file left" [ -z "$(ls -A | grep keyseal-)" ]
# Invalidated keys go with the garbage collector, soon after.
for i in 1 2 3 4 5; do
	grep -q keyseal-rewrap-check /proc/keys || break
	sleep 1
done
check "rewrap: no check key left behind" \
	[ -z "$(grep keyseal-rewrap-check /proc/keys)" ]
keyctl unlink "$kmk" @s >/dev/null
run "$KS" import a.pem -n ra-new
check "rewrap: the new blob loads without the old KEK" [ "$rc" = 0 ]
kmk=$(keyctl padd user kmk @s <kmk.bin)
run "$KS" rewrap --kek "$kmk" --json a.pem
check "rewrap --json" [ "$rc" = 0 -a "$out" = '[{"file":"a.pem","rewrapped":true,"parent":"user:kmk"}]' ]
expect_err "rewrap: a KEK of the wrong usage" 1 \
	"keyseal: KEK $db (sealed:db) cannot wrap keys: its usage is aead, not kek" \
	"$KS" rewrap --kek %sealed:db a.pem
cp pt.pem pt2.pem
expect_err "rewrap: a plaintext blob" 1 \
	"keyseal: pt2.pem: a plaintext blob is not sealed under a KEK: it cannot be rewrapped" \
	"$KS" rewrap --kek user:kmk2 pt2.pem
expect_usage "rewrap: --kek required" "keyseal rewrap: missing --kek" \
	"$KS" rewrap a.pem
expect_usage "rewrap: a file required" "keyseal rewrap: missing FILE" \
	"$KS" rewrap --kek user:kmk2

# --- encrypt / decrypt ----------------------------------------------------------

for bytes in 0 1 4096 1048576; do
	head -c "$bytes" /dev/urandom >"p.$bytes"
	run "$KS" encrypt %sealed:db "p.$bytes" -o "c.$bytes" --aad "file $bytes"
	chunks=$(((bytes + 65535) / 65536))
	[ "$chunks" = 0 ] && chunks=1
	check "encrypt $bytes bytes: header, nonce and tag per 64 KiB" \
		[ "$rc" = 0 -a "$(size "c.$bytes")" = $((28 + 28 * chunks + bytes)) ]
	run "$KS" decrypt "$db" "c.$bytes" -o "d.$bytes" --aad "file $bytes"
	check "decrypt $bytes bytes: the same bytes, mode 0600" \
		[ "$rc" = 0 -a "$(mode "d.$bytes")" = 600 ] && cmp -s "p.$bytes" "d.$bytes"
done
check "encrypt: the header" [ "$(head -c 4 c.1)" = KSCT ]
run sh -c "echo attack at dawn | $KS encrypt %sealed:dk | $KS decrypt %sealed:dk"
check "encrypt | decrypt through pipes" [ "$rc" = 0 -a "$out" = "attack at dawn" ]

expect_err "decrypt: other associated data" 1 \
	"keyseal: c.4096: chunk 0 failed authentication: the data was changed, truncated or reordered, or the associated data or the key is not the one it was encrypted with" \
	"$KS" decrypt %sealed:db c.4096 -o out.4096 --aad "file 4095"
check "decrypt: no output file after a failure" [ ! -e out.4096 ]
cp c.4096 t.ct
flip t.ct 2000
expect_err "decrypt: tampered ciphertext" 1 \
	"keyseal: t.ct: chunk 0 failed authentication: the data was changed, truncated or reordered, or the associated data or the key is not the one it was encrypted with" \
	"$KS" decrypt %sealed:db t.ct --aad "file 4096"
cp c.4096 t.ct
flip t.ct 30
expect_err "decrypt: tampered nonce" 1 \
	"keyseal: t.ct: chunk 0 failed authentication: the data was changed, truncated or reordered, or the associated data or the key is not the one it was encrypted with" \
	"$KS" decrypt %sealed:db t.ct --aad "file 4096"
cp c.4096 t.ct
flip t.ct $(($(size t.ct) - 1))
expect_err "decrypt: tampered tag" 1 \
	"keyseal: t.ct: chunk 0 failed authentication: the data was changed, truncated or reordered, or the associated data or the key is not the one it was encrypted with" \
	"$KS" decrypt %sealed:db t.ct --aad "file 4096"
head -c $((28 + 15 * (65536 + 28))) c.1048576 >t.ct
expect_err "decrypt: the last chunk dropped" 1 \
	"keyseal: t.ct: chunk 14 failed authentication: the data was changed, truncated or reordered, or the associated data or the key is not the one it was encrypted with" \
	"$KS" decrypt %sealed:db t.ct -o out.t --aad "file 1048576"
check "decrypt -o: nothing written when the end is missing" [ ! -e out.t ]
head -c $((28 + 65536 + 28 + 20)) c.1048576 >t.ct
expect_err "decrypt: cut inside a later chunk" 1 \
	"keyseal: t.ct: truncated: chunk 1 is incomplete or missing" \
	"$KS" decrypt %sealed:db t.ct -o out.t --aad "file 1048576"
check "decrypt -o: nothing written when a later chunk is cut" [ ! -e out.t ]
head -c 40 c.4096 >t.ct
expect_err "decrypt: cut inside the first chunk" 1 \
	"keyseal: t.ct: truncated: chunk 0 is incomplete or missing" \
	"$KS" decrypt %sealed:db t.ct --aad "file 4096"
cat c.1 c.1 >t.ct
run "$KS" decrypt %sealed:db t.ct --aad "file 1"
check "decrypt: data after the last chunk" [ "$rc" = 1 ]
expect_err "decrypt: not a ciphertext" 1 "keyseal: junk.txt: not a keyseal ciphertext" \
	"$KS" decrypt %sealed:db junk.txt
dk_id=$(json_get "$("$KS" info "$dk" --json)" key_id)
expect_err "decrypt: another key" 1 \
	"keyseal: c.1 was encrypted with key id $db_id, but key $dk (sealed:dk) has key id $dk_id" \
	"$KS" decrypt %sealed:dk c.1
expect_err "encrypt: a kek key" 1 \
	"keyseal: key $kek (sealed:kek) cannot encrypt data: its usage is kek, not aead" \
	"$KS" encrypt %sealed:kek p.1
expect_err "encrypt: an expired key" 1 \
	"keyseal: key $soon (sealed:soon) expired on $(date -u -d "@$(json_get "$("$KS" info "$soon" --json)" not_after)" +%Y-%m-%dT%H:%M:%SZ)" \
	"$KS" encrypt %sealed:soon p.1
expect_usage "encrypt: exclusive associated data" \
	"keyseal encrypt: --aad and --aad-file exclude each other" \
	"$KS" encrypt %sealed:db --aad x --aad-file p.1
printf 'file 1' >aad.txt
expect_ok "decrypt: associated data from a file" \
	"$KS" decrypt %sealed:db c.1 --aad-file aad.txt -o d.aad
check "decrypt --aad-file: the same bytes" cmp -s p.1 d.aad

# --- exchange: pubkey and wrap ----------------------------------------------------

cat >rcpt.pub <<'EOF'
-----BEGIN PUBLIC KEY-----
MCowBQYDK2VuAyEA9rKifSLjTKmPlDI6lXLFK9c6jNfIAtjXG1m8lCaFeAA=
-----END PUBLIC KEY-----
EOF
cat >sender.pub <<'EOF'
-----BEGIN PUBLIC KEY-----
MCowBQYDK2VuAyEAioyzQKTxrCHyG/TseUDq2vZWEuUXCM9JT9uCK6hvR1Q=
-----END PUBLIC KEY-----
EOF
cat >sender.pem <<'EOF'
-----BEGIN PRIVATE KEY-----
MC4CAQAwBQYDK2VuBCIEIFBPLeW+kftON51lbS5wtdZGkp6hHmCa+VHM9pphWFV6
-----END PRIVATE KEY-----
EOF
rcpt_fp=3ec07108b4e016c10dfa8b2ee96ceb447bf5d6e9b402f34cab16e31b46c3fdcb
sender_fp=cb2eaa6e8e7a2981714b79fec94c94161828150949c91e98efad1a8587314025
head -c 32 /dev/urandom >raw.key
expect_ok "wrap: raw material for a recipient, sender authenticated" \
	"$KS" wrap --to rcpt.pub --from sender.pem --raw aead raw.key -o w.pem
run "$KS" inspect --json w.pem
check "wrap: recipient and sender fingerprints" \
	[ "$(json_get "$out" scheme)" = hpke-auth \
	  -a "$(json_get "$out" recipient_fingerprint)" = "$rcpt_fp" \
	  -a "$(json_get "$out" sender_fingerprint)" = "$sender_fp" \
	  -a "$(json_get "$out" origin)" = external \
	  -a "$(json_get "$out" exportable)" = false ]
run "$KS" wrap --to rcpt.pub --raw aead raw.key --text -o w.txt
# 88 + 32 (enc) bytes of header and 48 of body: 168 bytes, 224 of base64
check "wrap --text: one line of base64, ended by a newline" \
	[ "$rc" = 0 -a "$(size w.txt)" = 225 -a "$(wc -l <w.txt)" = 1 \
	  -a "$(tail -c 1 w.txt | od -An -tx1 | tr -d ' ')" = 0a ]
tr -d '\n' <w.txt >w.line
run "$KS" inspect --json w.line
check "wrap --text: the line without its newline is the text form" \
	[ "$rc" = 0 -a "$(json_get "$out" form)" = text ]
run "$KS" wrap --to rcpt.pub --from sender.pem --raw aead raw.key --binary -o w-auth.bin
check "wrap: auth mode adds the sender's 32 bytes: 200 bytes" \
	[ "$rc" = 0 -a "$(size w-auth.bin)" = 200 ]
run "$KS" inspect w.pem
check "inspect: a recipient blob, for humans" \
	grep -qxF "  recipient fingerprint: $rcpt_fp" "$T/.out"
run "$KS" wrap --to rcpt.pub --exportable pt.pem
check "wrap: a plaintext blob keeps its key id" \
	[ "$rc" = 0 -a "$(json_get "$(printf '%s\n' "$out" | "$KS" inspect --json)" key_id)" = "$(json_get "$("$KS" inspect --json pt.pem)" key_id)" ]
expect_err "wrap: not a plaintext blob" 1 \
	"keyseal: db.pem: a kek blob holds no key in the clear: wrap needs a plaintext blob (keyseal export --plaintext)" \
	"$KS" wrap --to rcpt.pub db.pem
head -c 20 /dev/urandom >raw20.key
expect_err "wrap: material of the wrong size" 1 \
	"keyseal: raw20.key: 20 bytes of key material do not suit usage aead" \
	"$KS" wrap --to rcpt.pub --raw aead raw20.key
expect_err "wrap: not a public key" 1 \
	"keyseal: junk.txt: not an X25519 or P-256 public key in PEM" \
	"$KS" wrap --to junk.txt --raw aead raw.key
expect_usage "wrap: --to required" "keyseal wrap: missing --to or --to-rsa" \
	"$KS" wrap --raw aead raw.key

run "$KS" gen x25519 xch --parent user:kmk
if [ "$rc" != 0 ]; then
	check "gen x25519: a kernel without exchange keys says so" \
		[ "$rc" = 1 -a "$errout" = "keyseal: this kernel's keyseal cannot make x25519 keys" ]
	expect_err "pubkey: not an exchange key" 1 \
		"keyseal: key $db (sealed:db) has no public key: its usage is aead, not x25519 or p256" \
		"$KS" pubkey %sealed:db
	for t in "pubkey of an exchange key" \
		 "pubkey: an X25519 SubjectPublicKeyInfo, prefix and 32 bytes" \
		 "pubkey: the fingerprint is the SHA-256 of the DER" \
		 "wrap for a keyseal host, imported" \
		 "import: the wrapped key is the material sent" \
		 "export --to: a recipient blob for the exchange key" \
		 "import: a recipient blob, the same key" \
		 "import --sender: the expected sender" \
		 "import --sender: another sender" \
		 "import --sender: a blob that names no sender"; do
		n=$((n + 1))
		echo "ok $n $t # SKIP this kernel has no exchange keys"
	done
else
	xch=$out
	check "gen x25519" [ -n "$xch" ]
	run "$KS" pubkey %sealed:xch -o xch.pub
	check "pubkey of an exchange key" \
		[ "$rc" = 0 -a "$(head -n 1 xch.pub)" = "-----BEGIN PUBLIC KEY-----" ]
	# Documentation/blob-format.rst: the DER is a fixed prefix and the
	# raw key, and the fingerprint its SHA-256
	sed '1d;$d' xch.pub | base64 -d >xch.der
	check "pubkey: an X25519 SubjectPublicKeyInfo, prefix and 32 bytes" \
		[ "$(size xch.der)" = 44 -a "$(head -c 12 xch.der | od -An -tx1 | tr -d ' \n')" = 302a300506032b656e032100 ]
	check "pubkey: the fingerprint is the SHA-256 of the DER" \
		[ "$(sha256sum xch.der | cut -d' ' -f1)" = "$(json_get "$("$KS" pubkey %sealed:xch --json)" fingerprint)" ]
	run "$KS" wrap --to xch.pub --plaintext --raw aead raw.key -o to-host.pem
	run "$KS" import to-host.pem --unwrap %sealed:xch --parent %user:kmk -n sent
	sent=$out
	check "wrap for a keyseal host, imported" [ "$rc" = 0 -a -n "$sent" ]
	"$KS" export "$sent" --plaintext --binary -o sent.bin
	check "import: the wrapped key is the material sent" \
		[ "$(tail -c 32 sent.bin | od -An -tx1)" = "$(od -An -tx1 raw.key)" ]
	expect_err "pubkey: not an exchange key" 1 \
		"keyseal: key $db (sealed:db) has no public key: its usage is aead, not x25519 or p256" \
		"$KS" pubkey %sealed:db
	run "$KS" export %sealed:db --to xch.pub -o to-xch.pem
	check "export --to: a recipient blob for the exchange key" \
		[ "$rc" = 0 -a "$(json_get "$("$KS" inspect --json to-xch.pem)" recipient_fingerprint)" = "$(json_get "$("$KS" pubkey %sealed:xch --json)" fingerprint)" ]
	run "$KS" import to-xch.pem --parent user:kmk -n db-received --json
	check "import: a recipient blob, the same key" \
		[ "$rc" = 0 -a "$(json_get "$out" key_id)" = "$db_id" ]
	"$KS" wrap --to xch.pub --from sender.pem --raw aead raw.key -o auth.pem
	expect_ok "import --sender: the expected sender" \
		"$KS" import auth.pem --unwrap %sealed:xch --parent user:kmk \
		--sender sender.pub -n from-sender
	expect_err "import --sender: another sender" 1 \
		"keyseal: auth.pem: the blob is not from the expected sender: it names the sender whose fingerprint is $sender_fp" \
		"$KS" import auth.pem --parent user:kmk --sender rcpt.pub -n x
	expect_err "import --sender: a blob that names no sender" 1 \
		"keyseal: to-xch.pem: the blob names no sender (HPKE base mode), so it is not from the expected one" \
		"$KS" import to-xch.pem --parent user:kmk --sender sender.pub -n y
fi

# --- bridge: secret keys handed to dm-crypt and fscrypt -----------------------

"$KS" gen secret bsec -b 64 --parent user:kmk >/dev/null
"$KS" gen aead bdata --parent user:kmk >/dev/null
bsec=$(keyctl search @s sealed bsec)
bdata=$(keyctl search @s sealed bdata)
expect_usage "bridge: --logon or --fscrypt" \
	"keyseal bridge: give one of --logon and --fscrypt" "$KS" bridge %sealed:bsec
expect_usage "bridge: not both" \
	"keyseal bridge: give one of --logon and --fscrypt" \
	"$KS" bridge %sealed:bsec --logon cli:a --fscrypt cli:b
expect_usage "bridge: -b is a number" "keyseal bridge: --bytes needs a number of bytes" \
	"$KS" bridge %sealed:bsec --logon cli:a -b many
run "$KS" bridge %sealed:bsec --logon cli:vol
check "bridge --logon: the serial of a logon key" \
	[ "$rc" = 0 -a "$(keyctl rdescribe "$out" 2>/dev/null | cut -d';' -f1,5)" = "logon;cli:vol" ]
run "$KS" bridge %sealed:bsec --logon cli:json -b 64 --json
check "bridge --json: dm-crypt's table key" \
	[ "$rc" = 0 -a "$(json_get "$out" dm_crypt_key)" = ":64:logon:cli:json" -a "$(json_get "$out" key_len)" = 64 ]
# fscrypt's key type is there unless the kernel has no fscrypt (the debug
# kernel): it refuses a one-byte payload, and an unknown type is ENODEV.
if keyctl add fscrypt-provisioning probe x @s 2>&1 | grep -q "No such device"; then
	expect_err "bridge --fscrypt: a kernel without fscrypt" 1 \
		"keyseal: this kernel cannot make fscrypt-provisioning key cli:fs: no such key type, or a keyseal module without BRIDGE" \
		"$KS" bridge %sealed:bsec --fscrypt cli:fs
else
	run "$KS" bridge %sealed:bsec --fscrypt cli:fs --json -k %keyring:ring
	check "bridge --fscrypt --json: key_id is the serial, in the keyring asked for" \
		[ "$rc" = 0 -a "$(json_get "$out" key_id)" = "$(json_get "$out" serial)" -a \
		  "$(keyctl search "$ring" fscrypt-provisioning cli:fs)" = "$(json_get "$out" serial)" ]
fi
expect_err "bridge: only secret keys" 1 \
	"keyseal: key $bdata (sealed:bdata) has usage aead: only secret keys can be handed to dm-crypt or fscrypt" \
	"$KS" bridge %sealed:bdata --logon cli:x
expect_err "bridge: -b another length" 1 \
	"keyseal: key $bsec (sealed:bsec) has 64 bytes of material, not the 32 bytes asked for" \
	"$KS" bridge %sealed:bsec --logon cli:x -b 32
"$KS" gen secret bbig -b 65 --parent user:kmk >/dev/null
expect_err "bridge: too long for fscrypt" 1 \
	"keyseal: key $(keyctl search @s sealed bbig) (sealed:bbig) has 65 bytes of material, more than fscrypt-provisioning key cli:x takes" \
	"$KS" bridge %sealed:bbig --fscrypt cli:x
expect_err "bridge: a logon description needs a prefix" 1 \
	"keyseal: the kernel refused the description 'novol' (a logon key's needs a prefix, as in cryptsetup:vol)" \
	"$KS" bridge %sealed:bsec --logon novol

# save and restore: a keystore of blob files, restored parents first,
# idempotent, every file tried.
expect_usage "save: nothing named" \
	"keyseal save: name the keys to save, or --all" "$KS" save --keystore ks
expect_usage "save: keys and --all" \
	"keyseal save: name the keys to save, or --all" "$KS" save --all x --keystore ks
expect_usage "save: --keyring is for --all" \
	"keyseal save: --keyring is for --all" "$KS" save x -k @s --keystore ks
expect_usage "restore: no operands" \
	"keyseal restore: too many arguments" "$KS" restore x
expect_err "restore: no keystore" 1 \
	"keyseal: keystore $T/none: No such file or directory" \
	"$KS" restore --keystore "$T/none"
ksring=$(keyctl newring ksring @s)
kskek=$("$KS" gen kek ks-kek --parent user:kmk -k "$ksring")
"$KS" gen aead ks-data --parent "#$kskek" -k "$ksring" >/dev/null
bad=$("$KS" gen aead ks/bad --parent user:kmk)
expect_err "save: a description that is no file name" 1 \
	"keyseal: key $bad (sealed:ks/bad): its description cannot be a keystore file name (at most 200 letters, digits and . _ - + : @, no leading dot)" \
	"$KS" save "$bad" --keystore ks
expect_ok "save --all: the sealed keys of a keyring" \
	"$KS" save --all -k "$ksring" --keystore ks
check "save: one file per key, 0600, in a 0700 directory" \
	[ "$(ls ks | tr '\n' ' ')" = "ks-data.blob ks-kek.blob " \
	  -a "$(mode ks/ks-data.blob)" = 600 -a "$(mode ks/ks-kek.blob)" = 600 \
	  -a "$(mode ks)" = 700 ]
check "save: a file holds the key's blob under its parent" \
	[ "$(json_get "$("$KS" inspect --json ks/ks-data.blob)" parent)" = sealed:ks-kek ]
run "$KS" restore --keystore ks -k "$ksring"
check "restore with the keys there: present, status 0" \
	[ "$rc" = 0 -a "$(tail -n 1 "$T/.out")" = "keyseal restore: 0 restored, 2 present, 0 failed" ]
keyctl clear "$ksring"
run "$KS" restore --keystore ks -k "$ksring"
check "restore: the KEK before the key under it, though named after it" \
	[ "$rc" = 0 -a "$(sed -n 's/: restored as.*//p' "$T/.out" | tr '\n' ' ')" = "ks-kek.blob ks-data.blob " ]
check "restore: the keys are in the keyring again" \
	[ "$(keyctl search "$ksring" sealed ks-data)" -gt 0 ]
echo "junk" >ks/junk.blob
head -c 200 ks/ks-kek.blob >ks/cut.blob
keyctl clear "$ksring"
run "$KS" restore --keystore ks -k "$ksring"
check "restore: corrupt files fail alone, status 1" \
	[ "$rc" = 1 -a "$(tail -n 1 "$T/.out")" = "keyseal restore: 2 restored, 0 present, 2 failed" ]
check "restore: each corrupt file is named" \
	[ "$(grep -c '/cut.blob: \|/junk.blob: ' "$T/.err")" = 2 ]
rm ks/junk.blob ks/cut.blob
keyctl unlink %user:kmk @s >/dev/null
keyctl clear "$ksring"
run "$KS" restore --keystore ks -k "$ksring"
check "restore without the root KEK: every file fails, status 1" \
	[ "$rc" = 1 -a "$(tail -n 1 "$T/.out")" = "keyseal restore: 0 restored, 0 present, 2 failed" ]
check "restore: each failure names its file, its cause and its errno" \
	[ "$errout" = "keyseal: ks-kek.blob: parent key user:kmk is not in your keyrings (ENOKEY)
keyseal: ks-data.blob: parent key sealed:ks-kek is not in your keyrings (ENOKEY)" ]
check "restore: nothing is half-loaded" [ -z "$(keyctl rlist "$ksring")" ]

cd /
rm -rf "$T"
echo "1..$n"
[ "$failed" = 0 ]
