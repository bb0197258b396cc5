#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Make the fuzzers' seed corpora again (userspace/fuzz/corpus/), with
# seeds.c built against the module's codec and libkeyseal ("make seeds" in
# userspace/). The corpora are committed; run this after a change to the
# blob format or to the seeds.

set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

make --no-print-directory -C "$top/userspace" O="$work" seeds
"$work/fuzz/seeds" "$work/corpus"
for dir in "$work"/corpus/*; do
	rm -rf "$here/corpus/${dir##*/}"
	cp -r "$dir" "$here/corpus/"
done
