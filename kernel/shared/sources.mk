# SPDX-License-Identifier: GPL-2.0 OR MIT
#
# The portable sources, named once for every build that compiles them:
# kernel/Kbuild (keyseal.ko), userspace/Makefile (libkeyseal, its unit tests,
# its fuzzers) and selftests/Makefile. Names are relative to this folder.

# Sources that need nothing but portable.h: the blob codec, the usage table,
# the armor, the keyctl command parser, the RFC 9180 suite ids, the DH
# groups' key sizes and scalar ranges.
KEYSEAL_SHARED := blob.c usage.c armor.c command.c hpke_suite.c dh_group.c

# RFC 9180 HPKE over primitives.h, which each side implements: the module
# in crypto.c and dh.c, libkeyseal in lib/primitives.c and lib/dh.c; and
# the HPKE setup of the recipient scheme, over it.
KEYSEAL_SHARED_HPKE := hpke.c recipient_hpke.c

# RFC 9180's vectors and the known-answer test that runs them: the module's
# KAT variant (KEYSEAL_KAT=y) and libkeyseal's unit test.
KEYSEAL_SHARED_KAT := hpke_vectors.c
