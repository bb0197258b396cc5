#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Make the fuzzers' seed corpora again (userspace/fuzz/corpus/), with
# seeds.c built against the module's codec and libkeyseal. The corpora are
# committed; run this after a change to the blob format or to the seeds.

set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cd "$top/userspace"
${CC:-cc} -Ilib -Icompat -I../kernel/uapi -I../kernel/shared -D_GNU_SOURCE \
	-O1 -g -Wall -Wextra -Werror -o "$work/seeds" fuzz/seeds.c \
	lib/*.c ../kernel/shared/blob.c ../kernel/shared/armor.c \
	../kernel/shared/command.c ../kernel/shared/hpke_suite.c \
	-lkeyutils -lcrypto
"$work/seeds" "$work/corpus"
for dir in "$work"/corpus/*; do
	rm -rf "$here/corpus/${dir##*/}"
	cp -r "$dir" "$here/corpus/"
done
