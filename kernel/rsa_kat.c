// SPDX-License-Identifier: GPL-2.0
/*
 * The RSA export's known-answer tests in the init of the module's KAT
 * variant (make module KEYSEAL_KAT=y): RFC 5649's AES-KWP vectors, RFC
 * 8017's RSAES-OAEP example and whole exports with the seed and AES key
 * they give (shared/rsa_vectors.c, which libkeyseal's unit test runs too),
 * over the module's SHA-1, SHA-256, AES and "rsa" akcipher. Any mismatch
 * fails the module load.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/slab.h>

#include "hpke_kat.h"
#include "rsa_vectors.h"

static unsigned int rsa_kat_break;
module_param(rsa_kat_break, uint, 0444);
MODULE_PARM_DESC(rsa_kat_break,
		 "Corrupt the expected result of RSA export vector N (from 1): the load must fail");

/**
 * keyseal_rsa_kat() - run the RSA export's known-answer tests
 *
 * Return: 0 if every vector came out as expected, else -EBADMSG (or the
 * error of the step that failed).
 */
int keyseal_rsa_kat(void)
{
	struct keyseal_rsa_kat *kat;
	int ret;

	kat = kzalloc(sizeof(*kat), GFP_KERNEL);
	if (!kat)
		return -ENOMEM;
	kat->corrupt = rsa_kat_break;
	ret = keyseal_rsa_kat_run(kat);
	if (!ret)
		pr_info("RSA export known-answer tests passed: %u AES-KWP, %u RSAES-OAEP, %u exports\n",
			kat->kwp, kat->oaep, kat->exports);
	else
		pr_err("RSA export known-answer test failed: %s: %s (%d)\n",
		       kat->vector, kat->step, ret);
	kfree_sensitive(kat);
	return ret;
}
