// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * AES-GCM with an aead key whose material stays in the kernel: ENCRYPT and
 * DECRYPT. The kernel picks the nonce of every encryption and returns it.
 */

#include <errno.h>
#include <limits.h>
#include <string.h>

#include "internal.h"

/* Arguments common to both directions; @out_need is what @out must hold. */
static int crypt_request(int32_t serial, const void *in, size_t in_len,
			 const void *aad, size_t aad_len, void *out,
			 size_t *out_len, size_t out_need,
			 struct keyseal_crypt *req)
{
	if ((in_len && !in) || (aad_len && !aad))
		return -EINVAL;
	if (*out_len < out_need) {
		*out_len = out_need;
		return -ERANGE;
	}
	if (out_need && !out)
		return -EINVAL;

	memset(req, 0, sizeof(*req));
	req->serial = serial;
	req->in = ks_ptr(in);
	req->in_len = (uint32_t)in_len;
	req->aad = ks_ptr(aad);
	req->aad_len = (uint32_t)aad_len;
	req->out = ks_ptr(out);
	/* Never more than the kernel writes: out_need fits in 32 bits. */
	req->out_len = (uint32_t)out_need;
	return 0;
}

int keyseal_encrypt(struct keyseal *ks, int32_t serial, const void *in,
		    size_t in_len, const void *aad, size_t aad_len, void *out,
		    size_t *out_len, uint8_t nonce[KEYSEAL_NONCE_SIZE])
{
	struct keyseal_crypt req;
	int ret;

	if (!ks || !out_len || !nonce || in_len > KEYSEAL_CRYPT_MAX ||
	    aad_len > KEYSEAL_CRYPT_MAX)
		return -EINVAL;
	ret = crypt_request(serial, in, in_len, aad, aad_len, out, out_len,
			    in_len + KEYSEAL_TAG_SIZE, &req);
	if (ret)
		return ret;
	ret = ks_ioctl(ks, KEYSEAL_IOC_ENCRYPT, &req);
	if (ret)
		return ret;
	*out_len = req.out_len;
	memcpy(nonce, req.nonce, KEYSEAL_NONCE_SIZE);
	return 0;
}

int keyseal_decrypt(struct keyseal *ks, int32_t serial, const void *in,
		    size_t in_len, const void *aad, size_t aad_len,
		    const uint8_t nonce[KEYSEAL_NONCE_SIZE], void *out,
		    size_t *out_len)
{
	struct keyseal_crypt req;
	int ret;

	if (!ks || !out_len || !nonce || in_len < KEYSEAL_TAG_SIZE ||
	    in_len > KEYSEAL_CRYPT_MAX + KEYSEAL_TAG_SIZE ||
	    aad_len > KEYSEAL_CRYPT_MAX)
		return -EINVAL;
	ret = crypt_request(serial, in, in_len, aad, aad_len, out, out_len,
			    in_len - KEYSEAL_TAG_SIZE, &req);
	if (ret)
		return ret;
	memcpy(req.nonce, nonce, KEYSEAL_NONCE_SIZE);
	ret = ks_ioctl(ks, KEYSEAL_IOC_DECRYPT, &req);
	if (ret)
		return ret;
	*out_len = req.out_len;
	return 0;
}
