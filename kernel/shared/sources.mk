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

# The RSA export (cloud KMS and HSM import forms) over primitives.h: the
# module's kernel/rsa.c, libkeyseal's lib/rsa.c.
KEYSEAL_SHARED_RSA := rsa_export.c

# RFC 9180's vectors, the RSA export's (RFC 5649, RFC 8017) and the
# known-answer tests that run them: the module's
# KAT variant (KEYSEAL_KAT=y) and libkeyseal's unit test.
KEYSEAL_SHARED_KAT := hpke_vectors.c rsa_vectors.c
