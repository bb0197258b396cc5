// SPDX-License-Identifier: GPL-2.0
/*
 * keyseal: keys made in the kernel keyring that leave it only as encrypted,
 * authenticated blobs bound to their usage and export policy.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>

#include "blob.h"
#include "crypto.h"
#include "hpke_kat.h"
#include "keyseal.h"
#include "sealed_key.h"

char *keyseal_default_parent = "logon:keyseal:root";
module_param_named(default_parent, keyseal_default_parent, charp, 0444);
MODULE_PARM_DESC(default_parent,
		 "KEK of keys created without parent=, as type:description (default logon:keyseal:root)");

static int __init keyseal_init(void)
{
	int ret;

	if (!keyseal_parent_spec_valid(keyseal_default_parent,
				       strlen(keyseal_default_parent))) {
		pr_err("default_parent must be type:description\n");
		return -EINVAL;
	}

	/* Only the known-answer-test variant has tests to run here. */
	ret = keyseal_hpke_kat();
	if (!ret)
		ret = keyseal_rsa_kat();
	if (ret)
		goto err_crypto;

	ret = sealed_key_init();
	if (ret)
		goto err_crypto;

	ret = register_key_type(&key_type_sealed);
	if (ret)
		goto err_sealed_key;

	ret = keyseal_device_init();
	if (ret)
		goto err_key_type;

	return 0;

err_key_type:
	unregister_key_type(&key_type_sealed);
err_sealed_key:
	sealed_key_exit();
err_crypto:
	/* Transforms the tests used may wait in the pool. */
	keyseal_crypto_exit();
	keyseal_rsa_exit();
	return ret;
}

/*
 * Only reached once no sealed key exists: each holds a reference on the
 * module (sealed_instantiate()).
 */
static void __exit keyseal_exit(void)
{
	keyseal_device_exit();
	unregister_key_type(&key_type_sealed);
	/* Payloads on their way out may still hold transforms. */
	sealed_key_exit();
	keyseal_crypto_exit();
	keyseal_rsa_exit();
}

module_init(keyseal_init);
module_exit(keyseal_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Sealed keys: keyring keys exported only as authenticated blobs");
MODULE_AUTHOR("The keyseal developers");
