// SPDX-License-Identifier: GPL-2.0
/*
 * Hostile input in the kernel: thousands of randomly mutated blobs and
 * commands, fed to keyctl add ("load" and every other verb), keyctl update,
 * and the IMPORT and REWRAP ioctls.
 *
 * Each mutant's fate is predicted, not merely tolerated, by the errno model
 * in hostile_model.c, which reads on its own:
 *
 * - Input the module's own codec or parser rejects (compiled in here from
 *   the same sources) fails with EINVAL, and nothing else does.
 * - A well-formed blob under a KEK fails as the keys in this session say it
 *   must: ENOKEY if the KEK it names is not here, EKEYREJECTED if that key
 *   cannot be a KEK or has another fingerprint, EINVAL if its type can hold
 *   no KEK, and EBADMSG otherwise; a recipient blob fails with ENOKEY,
 *   EKEYREJECTED or EBADMSG by the same rules, and a command's options,
 *   expiry and parent are judged the same way.
 * - Only the untouched blob succeeds, and a plaintext blob, which is the key
 *   in the clear: what it makes must be what it says, imported. Its
 *   provenance is what the KEK that opened it can vouch for (R2): kept
 *   under root's logon root, external under any other.
 * - A failed update leaves the key as it was, byte for byte; no update
 *   loosens a flag or changes what the key is.
 * - The caller's key quota is back to its baseline at the end.
 *
 * The mutants come from a seeded generator. The seed is printed; set
 * KEYSEAL_HOSTILE_SEED (in the VM: KEYSEAL_VM_APPEND=KEYSEAL_HOSTILE_SEED=n,
 * which the kernel passes to init's environment) to make the same mutants
 * again. KEYSEAL_HOSTILE_SCALE multiplies their number.
 */

#include "command.h"
#include "hex.h"
#include "hostile_model.h"
#include "keyseal_test.h"
#include "kselftest_harness.h"
#include "usage.h"

/* Mutants per test at scale 1: some ten seconds under TCG for all of them. */
#define LOAD_MUTANTS	10000
#define IMPORT_MUTANTS	5000
#define REWRAP_MUTANTS	5000
#define ADD_MUTANTS	8000
#define UPDATE_MUTANTS	4000

#define MUTANT_MAX	(KEYSEAL_BLOB_MAX_SIZE + 64)
#define TEXT_MAX	(KEYSEAL_CMD_MAX_SIZE + 256)

/* --- the generator -------------------------------------------------------- */

struct rng {
	u64 state;
};

/* splitmix64: small, fast, and the same sequence everywhere. */
static u64 rng_next(struct rng *r)
{
	u64 z = (r->state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static u32 rng_below(struct rng *r, u32 n)
{
	return n ? rng_next(r) % n : 0;
}

static u64 master_seed(void)
{
	const char *env = getenv("KEYSEAL_HOSTILE_SEED");
	u64 seed;

	if (env && *env)
		return strtoull(env, NULL, 0);
	if (getrandom(&seed, sizeof(seed), 0) != sizeof(seed))
		seed = time(NULL);
	return seed;
}

static unsigned int scaled(unsigned int n)
{
	const char *env = getenv("KEYSEAL_HOSTILE_SCALE");
	unsigned long scale = env && *env ? strtoul(env, NULL, 0) : 1;

	return n * (scale ? scale : 1);
}

/* FNV-1a: each test draws its own sequence from the one seed. */
static u64 name_hash(const char *name)
{
	u64 h = 0xcbf29ce484222325ULL;

	while (*name)
		h = (h ^ (u8)*name++) * 0x100000001b3ULL;
	return h;
}

/* --- the session: keys and what each can do ------------------------------ */

FIXTURE(hostile) {
	int fd;
	struct rng rng;
	struct hostile_session keys;	/* what the model knows */
	key_serial_t kmk, kmk2, rcpt, snd;
	unsigned int keys0, bytes0;
	unsigned int seen[256];	/* outcomes by errno; [0]: successes */
	unsigned int mutants, malformed, untouched;
	struct timespec start;
};

static struct known_key *add_known(FIXTURE_DATA(hostile) *self,
				   const char *name, key_serial_t serial,
				   enum key_kind kind)
{
	struct known_key *k = &self->keys.known[self->keys.nknown++];

	snprintf(k->name, sizeof(k->name), "%s", name);
	k->serial = serial;
	k->kind = kind;
	return k;
}

/*
 * The fingerprint of a KEK: the parent fingerprint of a key made under it
 * (exportable, which any KEK may hold, R3).
 */
static int kek_fingerprint(const char *parent, u8 *fp)
{
	u8 blob[KEYSEAL_BLOB_MAX_SIZE];
	struct keyseal_blob b;
	char command[128];
	key_serial_t id;
	long len;

	snprintf(command, sizeof(command), "new secret 16 exportable parent=%s",
		 parent);
	id = add_sealed("fp-probe", command);
	if (id < 0)
		return id;
	len = read_blob(id, blob, sizeof(blob));
	discard_key(id);
	if (len < 0 || keyseal_blob_parse(blob, len, &b))
		return -EINVAL;
	memcpy(fp, b.parent_fp, KEYSEAL_FINGERPRINT_SIZE);
	return 0;
}

/* A sealed key in the session, known by what it is. */
static int known_sealed(FIXTURE_DATA(hostile) *self, const char *desc,
			enum key_kind kind)
{
	struct keyseal_info info;
	struct known_key *k;
	char name[64];
	key_serial_t id;

	id = keyctl_search(KEY_SPEC_SESSION_KEYRING, "sealed", desc, 0);
	if (id < 0)
		return -errno;
	snprintf(name, sizeof(name), "sealed:%s", desc);
	k = add_known(self, name, id, kind);
	if (kind == KIND_KEK)
		return kek_fingerprint(name, k->fp);
	if (kind == KIND_EXCHANGE) {
		if (dev_info(self->fd, id, &info))
			return -EIO;
		memcpy(k->fp, info.public_fingerprint, sizeof(k->fp));
		k->kem = info.usage == KEYSEAL_USAGE_P256 ?
			 KEYSEAL_KEM_P256_HKDF_SHA256 :
			 KEYSEAL_KEM_X25519_HKDF_SHA256;
	}
	return 0;
}

static int keep_source(struct source *s, const u8 *blob, u32 len,
		       bool exportable)
{
	memcpy(s->blob, blob, len);
	s->len = len;
	s->exportable = exportable;
	return keyseal_blob_parse(s->blob, len, &s->parsed);
}

static int stored_source(FIXTURE_DATA(hostile) *self, enum source_id i,
			 const char *desc, const char *command,
			 enum key_kind kind)
{
	u8 blob[KEYSEAL_BLOB_MAX_SIZE];
	key_serial_t id = add_sealed(desc, command);
	long len;

	if (id < 0)
		return id;
	len = read_blob(id, blob, sizeof(blob));
	if (len < 0)
		return len;
	if (keep_source(&self->keys.src[i], blob, len,
			strstr(command, "exportable")))
		return -EINVAL;
	return known_sealed(self, desc, kind);
}

FIXTURE_SETUP(hostile)
{
	static const char root[32] = "keyseal hostile test root key!!";
	struct exchange_pubkey pk;
	u8 blob[KEYSEAL_BLOB_MAX_SIZE];
	struct known_key *k;
	key_serial_t id, a1;
	u64 seed;
	u32 len;

	seed = master_seed();
	self->rng.state = seed ^ name_hash(_metadata->name);
	TH_LOG("seed %llu: KEYSEAL_HOSTILE_SEED=%llu makes these mutants again",
	       (unsigned long long)seed, (unsigned long long)seed);

	ASSERT_EQ(0, new_session());
	/* The keys of the test before are still being collected. */
	ASSERT_EQ(0, key_quota_settle(10000));
	self->fd = open("/dev/keyseal", O_RDWR | O_CLOEXEC);
	ASSERT_LE(0, self->fd);

	/* The keys a blob or command may name, and what each can do. */
	id = add_key_errno("logon", "keyseal:root", root, sizeof(root),
			   KEY_SPEC_SESSION_KEYRING);
	ASSERT_LT(0, id);
	k = add_known(self, "logon:keyseal:root", id, KIND_KEK);
	ASSERT_EQ(0, kek_fingerprint(k->name, k->fp));
	/*
	 * Root's logon root is the only KEK here that vouches: user roots
	 * never do, kek1 is under one, k2 is exportable.
	 */
	k->vouches = true;
	self->kmk = add_random_user_key("kmk", ROOT_KEK_SIZE);
	ASSERT_LT(0, self->kmk);
	k = add_known(self, "user:kmk", self->kmk, KIND_KEK);
	ASSERT_EQ(0, kek_fingerprint(k->name, k->fp));
	self->kmk2 = add_random_user_key("kmk2", ROOT_KEK_SIZE);
	ASSERT_LT(0, self->kmk2);
	k = add_known(self, "user:kmk2", self->kmk2, KIND_KEK);
	ASSERT_EQ(0, kek_fingerprint(k->name, k->fp));
	id = add_random_user_key("short", ROOT_KEK_SIZE - 1);
	ASSERT_LT(0, id);
	add_known(self, "user:short", id, KIND_NOT_KEK);
	ASSERT_LT(0, add_sealed("kek1", "new kek parent=user:kmk"));
	ASSERT_EQ(0, known_sealed(self, "kek1", KIND_KEK));
	ASSERT_LT(0, add_sealed("dk", "new aead 16 parent=user:kmk"));
	ASSERT_EQ(0, known_sealed(self, "dk", KIND_NOT_KEK));
	self->rcpt = add_sealed("rcpt", "new x25519 parent=user:kmk");
	ASSERT_LT(0, self->rcpt);
	ASSERT_EQ(0, known_sealed(self, "rcpt", KIND_EXCHANGE));
	self->snd = add_sealed("snd", "new x25519 parent=user:kmk");
	ASSERT_LT(0, self->snd);
	ASSERT_EQ(0, known_sealed(self, "snd", KIND_EXCHANGE));

	/* The genuine blobs the mutants are made from. */
	ASSERT_EQ(0, stored_source(self, SRC_KEK_AEAD, "a1",
				   "new aead parent=user:kmk exportable",
				   KIND_NOT_KEK));
	ASSERT_EQ(0, stored_source(self, SRC_KEK_SECRET, "s1",
				   "new secret 48 parent=sealed:kek1",
				   KIND_NOT_KEK));
	ASSERT_EQ(0, stored_source(self, SRC_KEK_KEK, "k2",
				   "new kek exportable", KIND_KEK));
	ASSERT_EQ(0, stored_source(self, SRC_KEK_X25519, "x1",
				   "new x25519 parent=user:kmk2",
				   KIND_EXCHANGE));

	ASSERT_EQ(0, dev_pubkey(self->fd, self->rcpt, &pk));
	a1 = find_known(&self->keys, "sealed:a1", 9, 0)->serial;
	len = sizeof(blob);
	ASSERT_EQ(0, dev_export_recipient(self->fd, a1, pk.kem, pk.key, pk.len,
					  0, blob, &len));
	ASSERT_EQ(0, keep_source(&self->keys.src[SRC_HPKE_BASE], blob, len, true));
	len = sizeof(blob);
	ASSERT_EQ(0, dev_export_recipient(self->fd, a1, pk.kem, pk.key, pk.len,
					  self->snd, blob, &len));
	ASSERT_EQ(0, keep_source(&self->keys.src[SRC_HPKE_AUTH], blob, len, true));
	ASSERT_LT(0, add_sealed("r256", "new p256 parent=user:kmk"));
	ASSERT_EQ(0, known_sealed(self, "r256", KIND_EXCHANGE));
	ASSERT_EQ(0, dev_pubkey(self->fd,
				self->keys.known[self->keys.nknown - 1].serial,
				&pk));
	len = sizeof(blob);
	ASSERT_EQ(0, dev_export_recipient(self->fd, a1, pk.kem, pk.key, pk.len,
					  0, blob, &len));
	ASSERT_EQ(0, keep_source(&self->keys.src[SRC_HPKE_P256], blob, len, true));
	ASSERT_LT(0, add_sealed("p1", "new secret 24 parent=user:kmk plaintext"));
	ASSERT_EQ(0, known_sealed(self, "p1", KIND_NOT_KEK));
	len = sizeof(blob);
	ASSERT_EQ(0, dev_export(self->fd,
				self->keys.known[self->keys.nknown - 1].serial,
				KEYSEAL_TARGET_PLAINTEXT, 0, blob, &len));
	ASSERT_EQ(0, keep_source(&self->keys.src[SRC_PLAINTEXT], blob, len, true));

	/*
	 * Baseline: what stays to the end, once the probes dropped above are
	 * collected. The target of updates does not stay.
	 */
	ASSERT_EQ(0, key_quota_settle(10000));
	ASSERT_EQ(0, key_quota(&self->keys0, &self->bytes0));
	clock_gettime(CLOCK_MONOTONIC, &self->start);
	self->keys.target = add_sealed("target",
				  "new aead parent=user:kmk exportable");
	ASSERT_LT(0, self->keys.target);
	add_known(self, "sealed:target", self->keys.target, KIND_NOT_KEK);
	self->keys.target_flags = KEYSEAL_FLAG_EXPORTABLE;
	memcpy(self->keys.target_parent_fp,
	       find_known(&self->keys, "user:kmk", 8, 0)->fp,
	       KEYSEAL_FINGERPRINT_SIZE);
}

FIXTURE_TEARDOWN(hostile)
{
	close(self->fd);
}

/* What was seen, and the quota back where it was. */
static void finish(struct __test_metadata *_metadata,
		   FIXTURE_DATA(hostile) *self)
{
	unsigned int keys, bytes, i;
	struct timespec now;
	char line[512];
	size_t n;
	int ret;

	clock_gettime(CLOCK_MONOTONIC, &now);
	n = snprintf(line, sizeof(line),
		     "%u mutants in %.1f s, %u malformed, %u untouched; outcomes:",
		     self->mutants, now.tv_sec - self->start.tv_sec +
		     (now.tv_nsec - self->start.tv_nsec) / 1e9,
		     self->malformed, self->untouched);
	for (i = 0; i < 256 && n < sizeof(line); i++)
		if (self->seen[i])
			n += snprintf(line + n, sizeof(line) - n, " %s %u",
				      i ? strerrorname_np(i) : "success",
				      self->seen[i]);
	TH_LOG("%s", line);

	discard_key(self->keys.target);
	ret = key_quota_wait(self->keys0, self->bytes0, 10000, &keys, &bytes);
	EXPECT_EQ(0, ret)
		TH_LOG("key quota: %u keys %u bytes, was %u keys %u bytes",
		       keys, bytes, self->keys0, self->bytes0);
}

static void count(FIXTURE_DATA(hostile) *self, long ret)
{
	self->mutants++;
	self->seen[ret > 0 ? 0 : -ret & 255]++;
}

static const char *outcome_name(long ret)
{
	if (ret == OK)
		return "success";
	if (ret == ANY_LOOKUP)
		return "a lookup error";
	return ret > 0 ? "success" : ret ? strerrorname_np(-ret) : "0";
}

static void hex_dump(struct __test_metadata *_metadata, const char *what,
		     const u8 *buf, u32 len)
{
	static char line[2 * MUTANT_MAX + 1];

	hex_encode(buf, len < MUTANT_MAX ? len : MUTANT_MAX, line);
	TH_LOG("%s (%u bytes): %s", what, len, line);
}

static const char *or_nothing(const char *text)
{
	return text ? text : "";
}

/* Stop at the first mutant that fares otherwise, saying which it was. */
#define EXPECT_OUTCOME(expected, got, what, i, text)			\
	ASSERT_TRUE(as_predicted(expected, got))			\
		TH_LOG("%s %u: got %s, expected %s %s", what, i,	\
		       outcome_name(got), outcome_name(expected),	\
		       or_nothing(text))

/* --- blob mutations ------------------------------------------------------- */

/* Header fields worth aiming at, by offset and size. */
static const struct {
	u8 offset;
	u8 size;
} fields[] = {
	{ 4, 1 }, { 5, 1 }, { 6, 1 }, { 7, 1 }, { 8, 2 }, { 10, 1 }, { 11, 1 },
	{ 12, 2 }, { 14, 2 }, { 16, 2 }, { 18, 2 }, { 20, 16 }, { 36, 8 },
	{ 44, 8 }, { 52, 1 }, { 53, 2 },
};

static const u8 interesting[] = {
	0, 1, 2, 3, 4, 5, 6, 0x10, 0x11, 0x20, 0x21, 0x31, 0x3f, 0x40, 0x7f,
	0x80, 0xfe, 0xff,
};

static u8 random_byte(struct rng *r)
{
	return rng_below(r, 2) ? rng_next(r) :
	       interesting[rng_below(r, sizeof(interesting))];
}

/* One random change to @buf of *@len bytes, which has MUTANT_MAX of room. */
static void mutate_once(struct rng *r, u8 *buf, u32 *len,
			const struct source *sources)
{
	u32 n = *len, pos = rng_below(r, n ? n : 1), k, i;
	const struct source *other;

	switch (rng_below(r, 10)) {
	case 0:		/* flip bits */
		for (i = 1 + rng_below(r, 3); n && i; i--)
			buf[rng_below(r, n)] ^= 1 << rng_below(r, 8);
		break;
	case 1:		/* a byte */
		if (n)
			buf[pos] = random_byte(r);
		break;
	case 2:		/* a header field */
		i = rng_below(r, sizeof(fields) / sizeof(fields[0]));
		for (k = 0; k < fields[i].size && fields[i].offset + k < n; k++)
			buf[fields[i].offset + k] =
				k + 1 == fields[i].size ? random_byte(r) :
				rng_below(r, 4) ? 0 : rng_next(r);
		break;
	case 3:		/* cut */
		*len = rng_below(r, n);
		break;
	case 4:		/* grow */
		k = 1 + rng_below(r, 16);
		if (n + k > MUTANT_MAX)
			break;
		for (i = 0; i < k; i++)
			buf[n + i] = random_byte(r);
		*len = n + k;
		break;
	case 5:		/* insert a byte */
		if (n + 1 > MUTANT_MAX)
			break;
		memmove(buf + pos + 1, buf + pos, n - pos);
		buf[pos] = random_byte(r);
		*len = n + 1;
		break;
	case 6:		/* delete bytes */
		k = 1 + rng_below(r, 8);
		if (pos + k > n)
			k = n - pos;
		memmove(buf + pos, buf + pos + k, n - pos - k);
		*len = n - k;
		break;
	case 7:		/* a range of another blob, at the same place */
		other = &sources[rng_below(r, SRC_COUNT)];
		k = 1 + rng_below(r, 64);
		for (i = 0; i < k && pos + i < n && pos + i < other->len; i++)
			buf[pos + i] = other->blob[pos + i];
		break;
	case 8:		/* another blob's header before a cut of this one */
		other = &sources[rng_below(r, SRC_COUNT)];
		if (n < 60)
			break;
		i = 52 + rng_below(r, n - 52);
		k = other->parsed.header_len;
		if (k + n - i > MUTANT_MAX)
			break;
		memmove(buf + k, buf + i, n - i);
		memcpy(buf, other->blob, k);
		*len = k + n - i;
		break;
	default:	/* a length off by one: key_len, parent_len, enc_len */
		i = rng_below(r, 3);
		pos = i == 0 ? 9 : i == 1 ? 52 : 52 + KEYSEAL_FINGERPRINT_SIZE + 1;
		if (pos < n)
			buf[pos] += rng_below(r, 2) ? 1 : -1;
		break;
	}
}

/*
 * A well-formed edit: the blob parsed, one field changed to something
 * version 1 allows, the header written again with the codec. Returns false
 * if no such edit could be made.
 */
static bool edit_field(FIXTURE_DATA(hostile) *self, u8 *buf, u32 *len)
{
	u8 header[KEYSEAL_BLOB_MAX_SIZE], body[KEYSEAL_BLOB_MAX_SIZE];
	struct rng *r = &self->rng;
	const struct known_key *k;
	struct keyseal_blob b;
	size_t body_len;
	int header_len;
	unsigned int i;

	if (keyseal_blob_parse(buf, *len, &b))
		return false;
	body_len = b.body_len;
	memcpy(body, b.body, body_len);
	k = &self->keys.known[rng_below(r, self->keys.nknown)];

	switch (rng_below(r, 8)) {
	case 0:		/* loosen or tighten the flags, history to match */
		b.key_flags = rng_below(r, 4);
		if (b.key_flags == KEYSEAL_FLAG_PLAINTEXT)
			b.key_flags |= KEYSEAL_FLAG_EXPORTABLE;
		if (b.key_flags)
			b.provenance &= ~KEYSEAL_PROV_NEVER_EXPORTABLE;
		if (b.key_flags & KEYSEAL_FLAG_PLAINTEXT)
			b.provenance &= ~KEYSEAL_PROV_ALWAYS_SENSITIVE;
		break;
	case 1:		/* another usage, of the same length */
		b.usage = 1 + rng_below(r, 5);
		b.key_alg = keyseal_usage_alg(b.usage);
		break;
	case 2:		/* no expiry, long expired, or later */
		b.not_after = rng_below(r, 2) ? 0 : rng_below(r, 2) ? 1 :
			      b.not_after + 1 + rng_below(r, 1000000);
		break;
	case 3:
		b.created += rng_below(r, 2) ? 1 : -1;
		break;
	case 4:
		i = rng_below(r, KEYSEAL_KEY_ID_SIZE);
		b.key_id[i] ^= 1 + rng_below(r, 255);
		break;
	case 5:		/* another history */
		b.provenance = 1 + rng_below(r, 3);
		if (b.provenance == KEYSEAL_ORIGIN_GENERATED && !b.key_flags)
			b.provenance |= KEYSEAL_PROV_ALWAYS_SENSITIVE |
					KEYSEAL_PROV_NEVER_EXPORTABLE;
		break;
	case 6:		/* another KEK here, by name */
		if (b.scheme != KEYSEAL_SCHEME_KEK)
			return false;
		b.parent = k->name;
		b.parent_len = strlen(k->name);
		break;
	default:	/* the fingerprint of another key here */
		if (b.scheme == KEYSEAL_SCHEME_KEK)
			b.parent_fp = k->fp;
		else if (b.scheme != KEYSEAL_SCHEME_PLAINTEXT)
			b.recipient_fp = k->fp;
		else
			return false;
		break;
	}
	header_len = keyseal_blob_write_header(&b, header, sizeof(header));
	if (header_len < 0 || header_len + body_len > KEYSEAL_BLOB_MAX_SIZE)
		return false;
	memcpy(buf, header, header_len);
	memcpy(buf + header_len, body, body_len);
	*len = header_len + body_len;
	return true;
}

/* Sources weighted toward blobs under KEKs, which are most of a host's. */
static const struct source *pick_source(FIXTURE_DATA(hostile) *self,
					bool kek_only)
{
	static const u8 weights[SRC_COUNT] = { 4, 2, 2, 2, 2, 2, 2, 1 };
	unsigned int i, n;

	if (kek_only && rng_below(&self->rng, 8))
		return &self->keys.src[rng_below(&self->rng, SRC_HPKE_BASE)];
	n = rng_below(&self->rng, 17);
	for (i = 0; n >= weights[i]; i++)
		n -= weights[i];
	return &self->keys.src[i];
}

/* A mutant of a source: a well-formed edit, or 1 to 3 random changes. */
static const struct source *make_mutant(FIXTURE_DATA(hostile) *self,
					bool kek_only, u8 *buf, u32 *len)
{
	const struct source *s = pick_source(self, kek_only);
	unsigned int i, n;

	memcpy(buf, s->blob, s->len);
	*len = s->len;
	if (rng_below(&self->rng, 4) == 0 && edit_field(self, buf, len))
		return s;
	for (i = 0, n = 1 + rng_below(&self->rng, 3); i < n; i++)
		mutate_once(&self->rng, buf, len, self->keys.src);
	return s;
}

/* A key made from a plaintext blob is what the blob says, imported. */
static void check_plaintext_key(struct __test_metadata *_metadata, int fd,
				key_serial_t id, const struct keyseal_blob *b)
{
	struct keyseal_info info;

	ASSERT_EQ(0, dev_info(fd, id, &info));
	EXPECT_EQ(b->usage, info.usage);
	EXPECT_EQ(b->key_len, info.key_len);
	EXPECT_EQ(b->key_flags, info.key_flags);
	EXPECT_EQ(KEYSEAL_ORIGIN_IMPORTED, info.provenance);
	EXPECT_EQ(0, memcmp(b->key_id, info.key_id, KEYSEAL_KEY_ID_SIZE));
	EXPECT_EQ(b->not_after, info.not_after);
}

/*
 * After a successful load or import: the key is what the blob says, with
 * the provenance the KEK that opened it vouches for (R2). A recipient
 * blob vouches for nothing here: no sender is named.
 */
static void check_loaded(struct __test_metadata *_metadata,
			 FIXTURE_DATA(hostile) *self, key_serial_t id,
			 const u8 *buf, u32 len)
{
	struct keyseal_info info;
	struct keyseal_blob b;

	ASSERT_TRUE(well_formed(buf, len, &b));
	if (b.scheme == KEYSEAL_SCHEME_PLAINTEXT) {
		check_plaintext_key(_metadata, self->fd, id, &b);
		return;
	}
	/* Anything else that loads is a source, unchanged. */
	ASSERT_TRUE(is_source(&self->keys, buf, len));
	ASSERT_EQ(0, dev_info(self->fd, id, &info));
	EXPECT_EQ(b.usage, info.usage);
	EXPECT_EQ(b.key_flags, info.key_flags);
	EXPECT_EQ(0, memcmp(b.key_id, info.key_id, KEYSEAL_KEY_ID_SIZE));
	EXPECT_EQ(b.scheme == KEYSEAL_SCHEME_KEK &&
		  opener_vouches(&self->keys, &b) ?
		  b.provenance : unvouched(b.provenance), info.provenance);
}

/* keyctl add "load <armor>" of any bytes, armored as keyctl read would. */
static key_serial_t load_any(const char *desc, const u8 *buf, u32 len)
{
	static char command[5 + 4 * (MUTANT_MAX / 3 + 1) + 1];
	size_t n = sprintf(command, "load ");

	n += keyseal_armor_encode(buf, len, command + n);
	command[n] = '\0';
	return add_sealed(desc, command);
}

TEST_F_TIMEOUT(hostile, load_mutated_blobs, 300)
{
	unsigned int i, n = scaled(LOAD_MUTANTS);
	static u8 buf[MUTANT_MAX];
	struct keyseal_blob b;
	long ret, expected;
	u32 len;

	for (i = 0; i < n; i++) {
		make_mutant(self, false, buf, &len);
		expected = predict_load(&self->keys, buf, len, NULL, 0);
		self->malformed += !well_formed(buf, len, &b);
		self->untouched += is_source(&self->keys, buf, len);
		ret = load_any("hostile", buf, len);
		count(self, ret);
		if (!as_predicted(expected, ret))
			hex_dump(_metadata, "load mutant", buf, len);
		EXPECT_OUTCOME(expected, ret, "load mutant", i, NULL);
		if (ret > 0) {
			check_loaded(_metadata, self, ret, buf, len);
			discard_key(ret);
		}
	}
	finish(_metadata, self);
}

/* A serial to name as the key that opens a blob: mostly none. */
static key_serial_t pick_unwrap(FIXTURE_DATA(hostile) *self)
{
	if (rng_below(&self->rng, 10) < 7)
		return 0;
	return self->keys.known[rng_below(&self->rng, self->keys.nknown)].serial;
}

TEST_F_TIMEOUT(hostile, import_mutated_blobs, 300)
{
	unsigned int i, n = scaled(IMPORT_MUTANTS);
	static u8 buf[MUTANT_MAX];
	struct keyseal_blob b;
	long ret, expected;
	key_serial_t unwrap;
	u32 len;

	for (i = 0; i < n; i++) {
		make_mutant(self, false, buf, &len);
		unwrap = pick_unwrap(self);
		expected = predict_load(&self->keys, buf, len, NULL, unwrap);
		self->malformed += !well_formed(buf, len, &b);
		self->untouched += is_source(&self->keys, buf, len);
		ret = dev_import(self->fd, buf, len, "hostile", unwrap, 0,
				 NULL, 0);
		count(self, ret);
		if (!as_predicted(expected, ret)) {
			hex_dump(_metadata, "import mutant", buf, len);
			TH_LOG("unwrap %d", unwrap);
		}
		EXPECT_OUTCOME(expected, ret, "import mutant", i, NULL);
		if (ret > 0) {
			check_loaded(_metadata, self, ret, buf, len);
			discard_key(ret);
		}
	}
	finish(_metadata, self);
}

TEST_F_TIMEOUT(hostile, rewrap_mutated_blobs, 300)
{
	unsigned int i, n = scaled(REWRAP_MUTANTS);
	static u8 buf[MUTANT_MAX], out[KEYSEAL_BLOB_MAX_SIZE];
	struct keyseal_blob in_b, out_b;
	long ret, expected;
	key_serial_t unwrap, id;
	u32 len, out_len;

	for (i = 0; i < n; i++) {
		make_mutant(self, true, buf, &len);
		unwrap = pick_unwrap(self);
		expected = predict_rewrap(&self->keys, buf, len, unwrap);
		self->malformed += !well_formed(buf, len, &in_b);
		self->untouched += is_source(&self->keys, buf, len);
		out_len = sizeof(out);
		ret = dev_rewrap(self->fd, buf, len, unwrap, self->kmk2, out,
				 &out_len);
		count(self, ret);
		if (!as_predicted(expected, ret)) {
			hex_dump(_metadata, "rewrap mutant", buf, len);
			TH_LOG("unwrap %d", unwrap);
		}
		EXPECT_OUTCOME(expected, ret, "rewrap mutant", i, NULL);
		if (ret)
			continue;
		/* The same key, under user:kmk2, and it loads. */
		ASSERT_TRUE(well_formed(buf, len, &in_b));
		ASSERT_TRUE(well_formed(out, out_len, &out_b));
		EXPECT_EQ(9, out_b.parent_len);
		EXPECT_EQ(0, memcmp(out_b.parent, "user:kmk2", 9));
		EXPECT_EQ(0, memcmp(in_b.key_id, out_b.key_id,
				    KEYSEAL_KEY_ID_SIZE));
		EXPECT_EQ(in_b.key_flags, out_b.key_flags);
		EXPECT_EQ(in_b.usage, out_b.usage);
		/* stored under a user root: the origin only (R2) */
		EXPECT_EQ(opener_vouches(&self->keys, &in_b) ?
			  in_b.provenance & KEYSEAL_PROV_ORIGIN_MASK :
			  unvouched(in_b.provenance), out_b.provenance);
		id = load_any("rewrapped", out, out_len);
		EXPECT_LT(0, id);
		if (id > 0)
			discard_key(id);
	}
	finish(_metadata, self);
}

/* --- command mutations ---------------------------------------------------- */

static const char *const tokens[] = {
	"new", "load", "import", "rewrap", "restrict", "kek", "aead", "secret",
	"x25519", "p256", "parent=", "recipient=", "sender=", "notafter=",
	"exportable", "plaintext", "user:kmk", "user:kmk2", "sealed:kek1",
	"sealed:dk", "sealed:rcpt", "logon:keyseal:root", "user:short",
	"keyring:_ses", "trusted:t", "#1", "#", " ", "\t", "\n", "=", "00",
	"ff", "16", "32", "48", "512", "513", "0", "1", "4102444800",
	"18446744073709551615",
};

/* The numbers among them, from here to the end. */
#define FIRST_NUMBER	33

/* One random change to the text of a command, NUL-terminated. */
static void mutate_text(struct rng *r, char *text)
{
	static const char chars[] =
		"abcdefghijklmnopqrstuvwxyz0123456789 \t\n=#:+/\x01\x7f\x80";
	size_t n = strlen(text), pos = rng_below(r, n + 1), k;
	const char *t;

	switch (rng_below(r, 6)) {
	case 0:		/* a character */
		if (n)
			text[rng_below(r, n)] =
				chars[rng_below(r, sizeof(chars) - 1)];
		break;
	case 1:		/* a token */
		t = tokens[rng_below(r, sizeof(tokens) / sizeof(tokens[0]))];
		k = strlen(t);
		if (n + k + 1 >= TEXT_MAX)
			break;
		memmove(text + pos + k, text + pos, n - pos + 1);
		memcpy(text + pos, t, k);
		break;
	case 2:		/* delete */
		k = 1 + rng_below(r, 12);
		if (pos + k > n)
			k = n - pos;
		memmove(text + pos, text + pos + k, n - pos - k + 1);
		break;
	case 3:		/* cut */
		text[pos] = '\0';
		break;
	case 4:		/* a word again, at the end */
		for (k = pos; k < n && text[k] != ' '; k++)
			;
		if (n + 1 + (k - pos) + 1 >= TEXT_MAX)
			break;
		text[n] = ' ';
		memmove(text + n + 1, text + pos, k - pos);
		text[n + 1 + k - pos] = '\0';
		break;
	default:	/* a number */
		t = tokens[FIRST_NUMBER +
			   rng_below(r, sizeof(tokens) / sizeof(tokens[0]) -
					FIRST_NUMBER)];
		k = strlen(t);
		while (pos < n && (text[pos] < '0' || text[pos] > '9'))
			pos++;
		if (pos == n || n + k + 1 >= TEXT_MAX)
			break;
		memmove(text + pos + k, text + pos + 1, n - pos);
		memcpy(text + pos, t, k);
		break;
	}
}

/* The command templates: every verb, with their options. */
static void command_template(FIXTURE_DATA(hostile) *self, unsigned int i,
			     char *text)
{
	char armor[KEYSEAL_ARMOR_MAX_SIZE + 1];
	const struct source *s;
	unsigned int k;
	u8 hex[32];

	switch (i % 10) {
	case 0:
		strcpy(text, "new aead 16 parent=user:kmk exportable");
		break;
	case 1:
		strcpy(text, "new secret 48 parent=sealed:kek1 "
		       "notafter=4102444800");
		break;
	case 2:
		sprintf(text, "new kek parent=#%d", self->kmk);
		break;
	case 3:
		strcpy(text, "new x25519 plaintext");
		break;
	case 4:
	case 5:
		if (getrandom(hex, sizeof(hex), 0) != sizeof(hex))
			memset(hex, 0x5a, sizeof(hex));
		k = sprintf(text, "import %s ", i % 10 == 4 ? "aead" : "p256");
		for (i = 0; i < sizeof(hex); i++)
			k += sprintf(text + k, "%02x", hex[i]);
		sprintf(text + k, " parent=user:kmk2");
		break;
	case 6:
	case 7:
		s = &self->keys.src[SRC_KEK_AEAD];
		armor[keyseal_armor_encode(s->blob, s->len, armor)] = '\0';
		sprintf(text, "load %s parent=user:kmk", armor);
		break;
	case 8:
		s = &self->keys.src[SRC_HPKE_AUTH];
		armor[keyseal_armor_encode(s->blob, s->len, armor)] = '\0';
		sprintf(text, "load %s recipient=sealed:rcpt parent=user:kmk2",
			armor);
		break;
	default:
		strcpy(text, i % 2 ? "rewrap parent=user:kmk2" :
		       "restrict exportable");
		break;
	}
}

/* A key made by "new" or "import" is what the command asked for. */
static void check_made(struct __test_metadata *_metadata,
		       FIXTURE_DATA(hostile) *self, key_serial_t id,
		       const struct keyseal_cmd *cmd,
		       const struct known_key *kek)
{
	struct keyseal_info info;

	ASSERT_EQ(0, dev_info(self->fd, id, &info));
	EXPECT_EQ(cmd->usage, info.usage);
	EXPECT_EQ(cmd->key_len, info.key_len);
	EXPECT_EQ(cmd->key_flags, info.key_flags);
	EXPECT_EQ(cmd->not_after, info.not_after);
	/* history only where the parent vouches (R2) */
	EXPECT_EQ(cmd->verb == KEYSEAL_CMD_IMPORT ? KEYSEAL_ORIGIN_IMPORTED :
		  !kek->vouches ? KEYSEAL_ORIGIN_GENERATED :
		  KEYSEAL_ORIGIN_GENERATED |
		  (cmd->key_flags & KEYSEAL_FLAG_PLAINTEXT ?
		   0 : KEYSEAL_PROV_ALWAYS_SENSITIVE) |
		  (cmd->key_flags & KEYSEAL_FLAG_EXPORTABLE ?
		   0 : KEYSEAL_PROV_NEVER_EXPORTABLE),
		  info.provenance);
	EXPECT_STREQ(kek->name, info.parent);
	EXPECT_EQ(0, memcmp(kek->fp, info.parent_fingerprint,
			    KEYSEAL_FINGERPRINT_SIZE));
}

TEST_F_TIMEOUT(hostile, add_mutated_commands, 300)
{
	unsigned int i, j, m, n = scaled(ADD_MUTANTS);
	static char text[TEXT_MAX];
	const struct known_key *kek = NULL;
	struct keyseal_cmd cmd;
	long ret, expected;
	size_t len;

	for (i = 0; i < n; i++) {
		command_template(self, rng_below(&self->rng, 10), text);
		for (j = 0, m = 1 + rng_below(&self->rng, 3); j < m; j++)
			mutate_text(&self->rng, text);
		len = strlen(text);
		if (keyseal_cmd_parse(text, len, &cmd)) {
			expected = -EINVAL;
			self->malformed++;
		} else {
			expected = predict_made(&self->keys, &cmd, &kek);
		}
		ret = add_key_errno("sealed", "hostile", text, len,
				    KEY_SPEC_SESSION_KEYRING);
		count(self, ret);
		EXPECT_OUTCOME(expected, ret, "command", i, text);
		if (ret <= 0)
			continue;
		if (cmd.verb == KEYSEAL_CMD_NEW || cmd.verb == KEYSEAL_CMD_IMPORT)
			check_made(_metadata, self, ret, &cmd, kek);
		discard_key(ret);
	}
	finish(_metadata, self);
}

/* The update templates: what a key can be told, and what it cannot. */
static void update_template(FIXTURE_DATA(hostile) *self, unsigned int i,
			    char *text)
{
	switch (i % 8) {
	case 0:
		strcpy(text, "rewrap parent=user:kmk2");
		break;
	case 1:
		strcpy(text, "rewrap parent=user:kmk");
		break;
	case 2:
		sprintf(text, "rewrap parent=#%d", self->kmk2);
		break;
	case 3:
		strcpy(text, "rewrap parent=sealed:kek1");
		break;
	case 4:
		strcpy(text, "restrict exportable");
		break;
	case 5:
		strcpy(text, "restrict plaintext");
		break;
	default:
		command_template(self, i == 6 ? 0 : 6, text);
		break;
	}
}

/* The target after an update: the same key, never with a loosened flag. */
static void check_target(struct __test_metadata *_metadata,
			 FIXTURE_DATA(hostile) *self,
			 const struct keyseal_info *before, const char *armor,
			 long ret, const struct keyseal_cmd *cmd,
			 const struct known_key *kek)
{
	char now_armor[KEYSEAL_ARMOR_MAX_SIZE + 2];
	struct keyseal_info now;

	ASSERT_EQ(0, dev_info(self->fd, self->keys.target, &now));
	EXPECT_EQ(before->usage, now.usage);
	EXPECT_EQ(before->key_len, now.key_len);
	EXPECT_EQ(before->created, now.created);
	EXPECT_EQ(before->not_after, now.not_after);
	EXPECT_EQ(before->provenance, now.provenance);
	EXPECT_EQ(0, memcmp(before->key_id, now.key_id, KEYSEAL_KEY_ID_SIZE));
	EXPECT_EQ(0, now.key_flags & ~before->key_flags);
	ASSERT_LT(0, read_key(self->keys.target, now_armor, sizeof(now_armor)));

	if (ret) {
		/* Refused: not a byte changed. */
		EXPECT_STREQ(armor, now_armor);
		EXPECT_EQ(0, memcmp(before, &now, sizeof(now)));
		return;
	}
	if (cmd->verb == KEYSEAL_CMD_RESTRICT) {
		EXPECT_EQ(cmd->key_flags, now.key_flags);
		EXPECT_STREQ(before->parent, now.parent);
		self->keys.target_flags = now.key_flags;
		return;
	}
	EXPECT_EQ(before->key_flags, now.key_flags);
	EXPECT_STREQ(kek->name, now.parent);
	EXPECT_EQ(0, memcmp(kek->fp, now.parent_fingerprint,
			    KEYSEAL_FINGERPRINT_SIZE));
	memcpy(self->keys.target_parent_fp, kek->fp, KEYSEAL_FINGERPRINT_SIZE);
}

TEST_F_TIMEOUT(hostile, update_mutated_commands, 300)
{
	unsigned int i, j, m, n = scaled(UPDATE_MUTANTS);
	char armor[KEYSEAL_ARMOR_MAX_SIZE + 2];
	static char text[TEXT_MAX];
	const struct known_key *kek = NULL;
	struct keyseal_info before;
	struct keyseal_cmd cmd;
	long ret, expected;
	size_t len;

	for (i = 0; i < n; i++) {
		/* A target that can no longer move is made again, at times. */
		if (self->keys.target_flags != KEYSEAL_FLAG_EXPORTABLE &&
		    !rng_below(&self->rng, 8)) {
			discard_key(self->keys.target);
			self->keys.target = add_sealed("target", "new aead "
						  "parent=user:kmk exportable");
			ASSERT_LT(0, self->keys.target);
			self->keys.known[self->keys.nknown - 1].serial =
				self->keys.target;
			self->keys.target_flags = KEYSEAL_FLAG_EXPORTABLE;
			memcpy(self->keys.target_parent_fp,
			       find_known(&self->keys, "user:kmk", 8, 0)->fp,
			       KEYSEAL_FINGERPRINT_SIZE);
		}
		ASSERT_EQ(0, dev_info(self->fd, self->keys.target, &before));
		ASSERT_LT(0, read_key(self->keys.target, armor, sizeof(armor)));

		update_template(self, rng_below(&self->rng, 8), text);
		for (j = 0, m = rng_below(&self->rng, 3); j < m; j++)
			mutate_text(&self->rng, text);
		len = strlen(text);
		if (keyseal_cmd_parse(text, len, &cmd)) {
			expected = -EINVAL;
			self->malformed++;
		} else {
			expected = predict_update(&self->keys, &cmd, &kek);
		}
		ret = keyctl_update(self->keys.target, text, len) < 0 ? -errno : 0;
		count(self, ret);
		EXPECT_OUTCOME(expected, ret, "update", i, text);
		check_target(_metadata, self, &before, armor, ret, &cmd, kek);
	}
	finish(_metadata, self);
}

TEST_HARNESS_MAIN
