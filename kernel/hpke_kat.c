// SPDX-License-Identifier: GPL-2.0
/*
 * The init of the module's known-answer-test variant (make module
 * KEYSEAL_KAT=y): RFC 9180's vectors through the module's HPKE, with the
 * ephemeral keys they give (shared/hpke_vectors.c, which libkeyseal's unit
 * test runs too). Any mismatch fails the module load; nothing here is built
 * into keyseal.ko otherwise.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/err.h>
#include <linux/module.h>
#include <linux/slab.h>

#include "crypto.h"
#include "dh.h"
#include "hpke_kat.h"
#include "hpke_vectors.h"

static unsigned int kat_break;
module_param(kat_break, uint, 0444);
MODULE_PARM_DESC(kat_break,
		 "Corrupt the expected first ciphertext of vector N (from 1): the load must fail");

/* Whether the kernel has P-256 ECDH: "ecdh-nist-p256" came in 5.12. */
static bool kat_have_p256(void)
{
	static const u8 one[KEYSEAL_DH_PRIVATE_SIZE] = {
		[KEYSEAL_DH_PRIVATE_SIZE - 1] = 1,
	};
	u8 pk[KEYSEAL_P256_PUBLIC_SIZE];

	return keyseal_dh_public_of(KEYSEAL_KEM_P256_HKDF_SHA256, one, pk) !=
	       -EOPNOTSUPP;
}

/**
 * keyseal_hpke_kat() - run the HPKE known-answer tests
 *
 * Return: 0 if every vector and refusal came out as published, else
 * -EBADMSG (or -ENOMEM, -EOPNOTSUPP).
 */
int keyseal_hpke_kat(void)
{
	struct keyseal_hpke_kat *kat;
	struct keyseal_crypto *c;
	int ret;

	/* kmalloc'ed: Seal and Open run in place in its buffer. */
	kat = kzalloc(sizeof(*kat), GFP_KERNEL);
	if (!kat)
		return -ENOMEM;
	c = keyseal_crypto_get();
	if (IS_ERR(c)) {
		ret = PTR_ERR(c);
		goto out;
	}

	kat->c = c;
	kat->corrupt = kat_break;
	kat->no_p256 = !kat_have_p256();
	ret = keyseal_hpke_kat_run(kat);
	if (!ret)
		pr_info("HPKE known-answer tests passed: %u vectors, %u encryptions, %u refusals%s\n",
			kat->vectors, kat->encryptions, kat->refusals,
			kat->no_p256 ? " (no P-256 ECDH in this kernel)" : "");
	else if (kat->refusals_missed)
		pr_err("HPKE known-answer test failed: %u refusals did not happen\n",
		       kat->refusals_missed);
	else
		pr_err("HPKE known-answer test failed: %s: %s (%d)\n",
		       kat->vector, kat->step, ret);
	keyseal_crypto_put(c);
out:
	kfree_sensitive(kat);
	return ret;
}
