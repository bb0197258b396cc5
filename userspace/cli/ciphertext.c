// SPDX-License-Identifier: GPL-2.0
/*
 * The ciphertext format of keyseal encrypt (crypt.h): its header, the
 * associated data of each chunk, and the records of the input.
 */

#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "crypt.h"

static void put_be32(uint8_t *p, uint32_t v)
{
	p[0] = v >> 24;
	p[1] = v >> 16;
	p[2] = v >> 8;
	p[3] = v;
}

static uint32_t get_be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | p[3];
}

void ct_make_header(struct crypt *c)
{
	memset(c->header, 0, sizeof(c->header));
	memcpy(c->header, CT_MAGIC, 4);
	c->header[4] = CT_VERSION;
	c->chunk = CT_CHUNK;
	put_be32(c->header + 8, c->chunk);
	memcpy(c->header + 12, c->info.key_id, KEYSEAL_KEY_ID_SIZE);
}

int ct_read_header(struct crypt *c)
{
	char want[2 * KEYSEAL_KEY_ID_SIZE + 1], got[2 * KEYSEAL_KEY_ID_SIZE + 1];
	ssize_t n = read_full(c, c->header, CT_HEADER_SIZE);

	if (n < 0)
		return 1;
	if (n < CT_HEADER_SIZE || memcmp(c->header, CT_MAGIC, 4)) {
		err("%s: not a keyseal ciphertext", c->in_name);
		return 1;
	}
	if (c->header[4] != CT_VERSION || c->header[5] || c->header[6] ||
	    c->header[7]) {
		err("%s: a keyseal ciphertext of an unknown version (%u)",
		    c->in_name, c->header[4]);
		return 1;
	}
	c->chunk = get_be32(c->header + 8);
	if (!c->chunk || c->chunk > KEYSEAL_CRYPT_MAX) {
		err("%s: not a keyseal ciphertext (chunk size %u)", c->in_name,
		    c->chunk);
		return 1;
	}
	if (memcmp(c->header + 12, c->info.key_id, KEYSEAL_KEY_ID_SIZE)) {
		hex_string(c->header + 12, KEYSEAL_KEY_ID_SIZE, got);
		hex_string(c->info.key_id, KEYSEAL_KEY_ID_SIZE, want);
		err("%s was encrypted with key id %s, but key %s has key id %s",
		    c->in_name, got, c->key.label, want);
		return 1;
	}
	return 0;
}

void ct_chunk_aad(struct crypt *c, uint64_t index, bool last)
{
	uint8_t *p = c->aad + CT_HEADER_SIZE;
	int i;

	memcpy(c->aad, c->header, CT_HEADER_SIZE);
	for (i = 0; i < 8; i++)
		p[i] = index >> (56 - 8 * i);
	p[8] = last;
}

ssize_t read_full(struct crypt *c, uint8_t *buf, size_t len)
{
	size_t n = 0;
	ssize_t r;

	while (n < len) {
		r = read(c->in, buf + n, len - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			err("cannot read %s: %s", c->in_name, strerror(errno));
			return -1;
		}
		if (r == 0)
			break;
		n += r;
	}
	return n;
}

int next_record(struct crypt *c, struct records *r)
{
	uint8_t *t = r->cur;

	r->cur = r->ahead;
	r->ahead = t;
	r->len = r->ahead_len;
	if (r->len < 0)
		return -1;
	r->ahead_len = 0;
	if ((size_t)r->len == r->size) {
		r->ahead_len = read_full(c, r->ahead, r->size);
		if (r->ahead_len < 0)
			return -1;
	}
	return (size_t)r->len < r->size || r->ahead_len == 0;
}
