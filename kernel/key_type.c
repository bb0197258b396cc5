// SPDX-License-Identifier: GPL-2.0
/*
 * The "sealed" key type.
 */

#include <linux/key-type.h>

#include "keyseal.h"

static int sealed_preparse(struct key_preparsed_payload *prep)
{
	return -EINVAL;
}

static void sealed_free_preparse(struct key_preparsed_payload *prep)
{
}

struct key_type key_type_sealed = {
	.name = "sealed",
	.preparse = sealed_preparse,
	.free_preparse = sealed_free_preparse,
	.instantiate = generic_key_instantiate,
};
