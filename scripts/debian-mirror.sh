#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Print the URIs the machine's own apt sources use for SUITE (default
# bookworm), one per line, from the deb822 (.sources) and the one-line
# formats. Scripts that need another suite of the same archive take the URI
# from here, so that no host name is written in the repository.

suite=${1:-bookworm}

for f in /etc/apt/sources.list.d/*.sources; do
	[ -r "$f" ] || continue
	awk -v suite="$suite" '
		/^[[:space:]]*$/ { if (uri != "" && ok) print uri; uri = ""; ok = 0; next }
		tolower($1) == "uris:" { uri = $2 }
		tolower($1) == "suites:" { for (i = 2; i <= NF; i++) if ($i == suite) ok = 1 }
		END { if (uri != "" && ok) print uri }
	' "$f"
done
cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null |
	awk -v suite="$suite" '$1 == "deb" { i = 2; if ($2 ~ /^\[/) { while ($i !~ /\]$/) i++; i++ }
		if ($(i + 1) == suite) print $i }' || true
