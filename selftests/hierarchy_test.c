// SPDX-License-Identifier: GPL-2.0
/*
 * Hierarchies of sealed KEKs: chains of parents store and load back in
 * order, and no key is ever stored under itself or one of its descendants,
 * which would make it impossible to load again.
 */

#include <fcntl.h>

#include "keyseal_test.h"
#include "kselftest_harness.h"

#define DEPTH 5

FIXTURE(chain) {
	int fd;
	key_serial_t kek[DEPTH];	/* kek[0] under user:kmk, kek[i] under kek[i - 1] */
};

FIXTURE_SETUP(chain)
{
	char name[16], cmd[64];
	int i;

	ASSERT_EQ(0, new_session());
	ASSERT_LT(0, add_random_user_key("kmk", ROOT_KEK_SIZE));
	for (i = 0; i < DEPTH; i++) {
		snprintf(name, sizeof(name), "k%d", i);
		if (i)
			snprintf(cmd, sizeof(cmd),
				 "new kek exportable parent=sealed:k%d", i - 1);
		else
			snprintf(cmd, sizeof(cmd),
				 "new kek exportable parent=user:kmk");
		self->kek[i] = add_sealed(name, cmd);
		ASSERT_LT(0, self->kek[i]) TH_LOG("%s", cmd);
	}
	self->fd = open("/dev/keyseal", O_RDWR | O_CLOEXEC);
	ASSERT_LE(0, self->fd);
}

FIXTURE_TEARDOWN(chain)
{
	close(self->fd);
}

TEST_F(chain, loads_back_in_order)
{
	struct armor {
		char text[KEYSEAL_ARMOR_MAX_SIZE + 2];
	} *armor = calloc(DEPTH, sizeof(*armor));
	char leaf[KEYSEAL_ARMOR_MAX_SIZE + 2], name[16];
	key_serial_t id;
	int i;

	ASSERT_NE(NULL, armor);
	/* under an exportable KEK, a key is exportable too (R3) */
	id = add_sealed("leaf", "new aead exportable parent=sealed:k4");
	ASSERT_LT(0, id);
	ASSERT_LT(0, read_key(id, leaf, sizeof(leaf)));
	drop_key(id);
	for (i = 0; i < DEPTH; i++) {
		ASSERT_LT(0, read_key(self->kek[i], armor[i].text,
				      sizeof(armor[i].text)));
		drop_key(self->kek[i]);
	}

	/* the leaf needs its parent, which needs its own, up to the root */
	EXPECT_EQ(-ENOKEY, load_armor("leaf", leaf, NULL));
	EXPECT_EQ(-ENOKEY, load_armor("k4", armor[4].text, NULL));
	for (i = 0; i < DEPTH; i++) {
		snprintf(name, sizeof(name), "k%d", i);
		ASSERT_LT(0, load_armor(name, armor[i].text, NULL))
			TH_LOG("k%d", i);
	}
	EXPECT_LT(0, load_armor("leaf", leaf, NULL));
	free(armor);
}

TEST_F(chain, rewrap_never_under_itself_or_a_descendant)
{
	int i, j;

	for (i = 0; i < DEPTH; i++) {
		for (j = i; j < DEPTH; j++) {
			char cmd[64];

			snprintf(cmd, sizeof(cmd), "rewrap parent=sealed:k%d", j);
			EXPECT_EQ(-EKEYREJECTED, update_key(self->kek[i], cmd))
				TH_LOG("k%d under k%d", i, j);
		}
	}
	/* under an ancestor, or another branch, is fine */
	EXPECT_EQ(0, update_key(self->kek[4], "rewrap parent=sealed:k1"));
	EXPECT_EQ(0, update_key(self->kek[3], "rewrap parent=user:kmk"));
	/* k4 now hangs from k1: k3 may go under k4, k1 still may not */
	EXPECT_EQ(-EKEYREJECTED, update_key(self->kek[1],
					    "rewrap parent=sealed:k4"));
	EXPECT_EQ(0, update_key(self->kek[3], "rewrap parent=sealed:k4"));
}

TEST_F(chain, rewrap_ioctl_never_under_a_descendant)
{
	u8 blob[KEYSEAL_BLOB_MAX_SIZE], out[KEYSEAL_BLOB_MAX_SIZE];
	u32 len = sizeof(blob), out_len = sizeof(out);

	ASSERT_EQ(0, dev_export(self->fd, self->kek[1], KEYSEAL_TARGET_PARENT,
				0, blob, &len));
	EXPECT_EQ(-EKEYREJECTED, dev_rewrap(self->fd, blob, len, 0,
					    self->kek[3], out, &out_len));
	out_len = sizeof(out);
	EXPECT_EQ(-EKEYREJECTED, dev_rewrap(self->fd, blob, len, 0,
					    self->kek[1], out, &out_len));
	out_len = sizeof(out);
	EXPECT_EQ(0, dev_rewrap(self->fd, blob, len, 0,
				keyctl_search(KEY_SPEC_SESSION_KEYRING, "user",
					      "kmk", 0), out, &out_len));
}

TEST_HARNESS_MAIN
