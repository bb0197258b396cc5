/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The recipient key pairs of RFC 9180's test vectors, as printed there:
 * skRm and pkRm of A.1.1 (DHKEM(X25519, HKDF-SHA256)) and of A.3.1
 * (DHKEM(P-256, HKDF-SHA256), the public key uncompressed). Shared by
 * userspace/tests/ and selftests/.
 */
#ifndef KEYSEAL_TEST_RFC9180_KEYS_H
#define KEYSEAL_TEST_RFC9180_KEYS_H

#define RFC9180_X25519_SKRM \
	"4612c550263fc8ad58375df3f557aac531d26850903e55a9f23f21d8534e8ac8"
#define RFC9180_X25519_PKRM \
	"3948cfe0ad1ddb695d780e59077195da6c56506b027329794ab02bca80815c4d"

#define RFC9180_P256_SKRM \
	"f3ce7fdae57e1a310d87f1ebbde6f328be0a99cdbcadf4d6589cf29de4b8ffd2"
#define RFC9180_P256_PKRM \
	"04fe8c19ce0905191ebc298a9245792531f26f0cece2460639e8bc39cb7f706a82" \
	"6a779b4cf969b8a0e539c7f62fb3d30ad6aa8f80e30f1d128aafd68a2ce72ea0"

#endif /* KEYSEAL_TEST_RFC9180_KEYS_H */
