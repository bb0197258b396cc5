# SPDX-License-Identifier: GPL-2.0 OR MIT
#
# The portable sources, named once for every build that compiles them:
# kernel/Kbuild (keyseal.ko), userspace/Makefile (libkeyseal, its unit tests,
# its fuzzers) and selftests/Makefile. Names are relative to this folder.

# No cryptography: the blob codec, the armor, the keyctl command parser and
# the RFC 9180 suite ids.
KEYSEAL_SHARED_CODEC := blob.c armor.c command.c hpke_suite.c
