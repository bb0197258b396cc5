// SPDX-License-Identifier: GPL-2.0
/*
 * Stress: worker threads generate, export, import, rewrap, revoke and
 * unlink sealed keys that share parents, while another thread revokes,
 * unlinks and adds those parents again (a root key of type user and a
 * sealed KEK under it), for a bounded time. Then the module is unloaded and
 * loaded again.
 *
 * Every operation must succeed or fail with an errno the race it may have
 * met allows: the parent revoked or gone (EKEYREVOKED, ENOKEY), the key
 * itself revoked or unlinked by another thread (EKEYREVOKED, ENOKEY,
 * EACCES once no keyring of ours holds it), or policy (EPERM, for keys that
 * are not exportable and only those). Control keys under a parent no one
 * touches must never fail. The counts are printed and must add up, the
 * keys the workers think exist must be exactly those in the keyring, every
 * surviving key must still export and load again. The keys then hold the
 * module (delete_module fails with EAGAIN); once they are unlinked and
 * collected it unloads, and after modprobe their blobs must load in the
 * new instance of the module.
 *
 * KEYSEAL_STRESS_SECONDS sets how long the threads run (default 12).
 */

#include <pthread.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "keyseal_test.h"
#include "kselftest_harness.h"
#include "module_ctl.h"

#define WORKERS		4
#define SLOTS		48
#define BANK		32
#define CONTROLS	4
#define BLOB_MAX	KEYSEAL_BLOB_MAX_SIZE

enum parent {
	P_ROOT,		/* user:root, revoked and added again */
	P_MID,		/* sealed:mid under user:root, revoked and loaded again;
			 * not exportable, so keys of both kinds may live under
			 * it (a key is never more protected than its parent) */
	P_STABLE,	/* user:stable, never touched */
	P_DEST,		/* user:dest, never touched: where keys are moved to */
	P_COUNT,
};

static const char *const parent_names[P_COUNT] = {
	"user:root", "sealed:mid", "user:stable", "user:dest",
};

enum op {
	OP_GEN, OP_EXPORT, OP_EXPORT_KEK, OP_IMPORT, OP_REWRAP, OP_UPDATE,
	OP_REVOKE, OP_UNLINK, OP_COUNT,
};

static const char *const op_names[OP_COUNT] = {
	"generate", "export", "export to KEK", "import", "rewrap ioctl",
	"update rewrap", "revoke", "unlink",
};

/* What the races an operation can meet allow it to fail with. */
#define R_PARENT	0x01	/* its parent revoked or gone */
#define R_KEY		0x02	/* the key revoked or unlinked by others */
#define R_POLICY	0x04	/* not exportable */
#define R_GONE		0x08	/* already unlinked (unlink only) */

enum slot_state { S_EMPTY, S_BUSY, S_LIVE, S_REVOKED };

struct slot {
	enum slot_state state;
	key_serial_t id;
	enum parent parent;	/* where it is stored now */
	bool exportable;
	bool control;
};

struct banked {
	u8 blob[BLOB_MAX];
	u32 len;
	enum parent parent;
	bool exportable;
};

struct counts {
	unsigned int tried[OP_COUNT];
	unsigned int ok[OP_COUNT];
	unsigned int failed[OP_COUNT][256];
	unsigned int unexpected;
	unsigned int control_failures;
};

static struct {
	pthread_mutex_t lock;
	struct slot slots[SLOTS];
	struct banked bank[BANK];
	unsigned int banked;
	key_serial_t parents[P_COUNT];
	u8 root_material[ROOT_KEK_SIZE];
	u8 mid_blob[BLOB_MAX];
	u32 mid_len;
	struct timespec deadline;
	int fd;
	unsigned int next_desc;
	unsigned int churn_cycles, churn_failures;
	char first_unexpected[256];
} st = { .lock = PTHREAD_MUTEX_INITIALIZER };

struct worker {
	pthread_t thread;
	u64 rng;
	struct counts counts;
};

static u32 rnd(struct worker *w, u32 n)
{
	u64 z = (w->rng += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return (z ^ (z >> 31)) % n;
}

static bool past_deadline(void)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return now.tv_sec > st.deadline.tv_sec ||
	       (now.tv_sec == st.deadline.tv_sec &&
		now.tv_nsec >= st.deadline.tv_nsec);
}

static bool allowed(long err, unsigned int races)
{
	switch (err) {
	case -EKEYREVOKED:
	case -ENOKEY:
		return races & (R_PARENT | R_KEY);
	case -EACCES:
		return races & R_KEY;
	case -EPERM:
		return races & R_POLICY;
	case -ENOENT:
		return races & R_GONE;
	}
	return false;
}

/* Count an outcome; a control key's operation may not fail at all. */
static void record(struct worker *w, enum op kind, long ret,
		   unsigned int races, bool control)
{
	struct counts *c = &w->counts;
	bool wrong;

	c->tried[kind]++;
	if (ret >= 0) {
		c->ok[kind]++;
		/* Where policy refuses, nothing else may let it through. */
		wrong = races & R_POLICY;
	} else {
		c->failed[kind][-ret & 255]++;
		wrong = control ? !(races & R_POLICY && ret == -EPERM) :
			!allowed(ret, races);
	}
	if (!wrong)
		return;
	if (control && ret < 0)
		c->control_failures++;
	else
		c->unexpected++;
	pthread_mutex_lock(&st.lock);
	if (!st.first_unexpected[0])
		snprintf(st.first_unexpected, sizeof(st.first_unexpected),
			 "%s%s: %s", control ? "control " : "",
			 op_names[kind],
			 ret < 0 ? strerrorname_np(-ret) : "success");
	pthread_mutex_unlock(&st.lock);
}

/* Races a key under @p may meet through its parent. */
static unsigned int parent_races(enum parent p)
{
	return p == P_ROOT || p == P_MID ? R_PARENT : 0;
}

/* Whether @p is a parent no one touches. */
static bool steady(enum parent p)
{
	return p == P_STABLE || p == P_DEST;
}

/* --- the pool of keys the workers share ---------------------------------- */

/* An empty slot, reserved; or -1. */
static int reserve_slot(struct worker *w)
{
	int i, start = rnd(w, SLOTS);

	pthread_mutex_lock(&st.lock);
	for (i = 0; i < SLOTS; i++) {
		struct slot *s = &st.slots[(start + i) % SLOTS];

		if (s->state == S_EMPTY) {
			s->state = S_BUSY;
			pthread_mutex_unlock(&st.lock);
			return (start + i) % SLOTS;
		}
	}
	pthread_mutex_unlock(&st.lock);
	return -1;
}

static void fill_slot(int i, key_serial_t id, enum parent p, bool exportable)
{
	pthread_mutex_lock(&st.lock);
	st.slots[i] = (struct slot){ id > 0 ? S_LIVE : S_EMPTY, id > 0 ? id : 0,
				     p, exportable, false };
	pthread_mutex_unlock(&st.lock);
}

/* A copy of a random slot in use (not a control's when @workers_only). */
static bool pick_slot(struct worker *w, struct slot *copy, bool workers_only)
{
	int i, start = rnd(w, SLOTS);

	pthread_mutex_lock(&st.lock);
	for (i = 0; i < SLOTS; i++) {
		struct slot *s = &st.slots[(start + i) % SLOTS];

		if ((s->state == S_LIVE || s->state == S_REVOKED) &&
		    !(workers_only && s->control)) {
			*copy = *s;
			pthread_mutex_unlock(&st.lock);
			return true;
		}
	}
	pthread_mutex_unlock(&st.lock);
	return false;
}

/* Change a slot if it still holds @id. */
static void slot_set(key_serial_t id, enum slot_state state, int parent)
{
	int i;

	pthread_mutex_lock(&st.lock);
	for (i = 0; i < SLOTS; i++) {
		struct slot *s = &st.slots[i];

		if (s->id != id || s->state == S_EMPTY || s->state == S_BUSY)
			continue;
		if (state == S_EMPTY)
			s->id = 0;
		if (state != S_LIVE || s->state != S_REVOKED)
			s->state = state;
		if (parent >= 0)
			s->parent = parent;
	}
	pthread_mutex_unlock(&st.lock);
}

static void bank_blob(const u8 *blob, u32 len, enum parent p, bool exportable)
{
	struct banked *b;

	pthread_mutex_lock(&st.lock);
	b = &st.bank[st.banked++ % BANK];
	memcpy(b->blob, blob, len);
	b->len = len;
	b->parent = p;
	b->exportable = exportable;
	pthread_mutex_unlock(&st.lock);
}

static bool pick_banked(struct worker *w, struct banked *copy)
{
	bool found = false;

	pthread_mutex_lock(&st.lock);
	if (st.banked) {
		*copy = st.bank[rnd(w, st.banked < BANK ? st.banked : BANK)];
		found = true;
	}
	pthread_mutex_unlock(&st.lock);
	return found;
}

static void new_desc(char *desc, size_t size)
{
	unsigned int n = __atomic_fetch_add(&st.next_desc, 1, __ATOMIC_RELAXED);

	snprintf(desc, size, "w%u", n);
}

/* --- the workers --------------------------------------------------------- */

static void op_gen(struct worker *w)
{
	static const char *const usages[] = { "aead", "secret", "kek" };
	enum parent p = rnd(w, 3);		/* root, mid or stable */
	bool exportable = rnd(w, 2);
	u8 blob[BLOB_MAX];
	char desc[16], command[96];
	key_serial_t id;
	long len;
	int i = reserve_slot(w);

	if (i < 0)
		return;
	new_desc(desc, sizeof(desc));
	snprintf(command, sizeof(command), "new %s parent=%s%s",
		 usages[rnd(w, 3)], parent_names[p],
		 exportable ? " exportable" : "");
	id = add_sealed(desc, command);
	record(w, OP_GEN, id, parent_races(p), steady(p));
	/*
	 * Its first blob, for imports and rewraps later, read before the
	 * key is in a slot: once it is, another worker may move it.
	 */
	if (id > 0) {
		len = read_blob(id, blob, sizeof(blob));
		record(w, OP_EXPORT, len, 0, true);
		if (len > 0)
			bank_blob(blob, len, p, exportable);
	}
	fill_slot(i, id, p, exportable);
}

static void op_export(struct worker *w, bool to_kek)
{
	u8 blob[BLOB_MAX];
	struct slot s;
	u32 len = sizeof(blob);
	unsigned int races;
	long ret;

	if (!pick_slot(w, &s, false))
		return;
	races = s.control ? 0 : R_KEY;
	if (to_kek) {
		if (!s.exportable && s.parent != P_DEST)
			races |= R_POLICY;
		ret = dev_export(st.fd, s.id, KEYSEAL_TARGET_KEK,
				 st.parents[P_DEST], blob, &len);
		record(w, OP_EXPORT_KEK, ret, races, s.control);
	} else {
		ret = dev_export(st.fd, s.id, KEYSEAL_TARGET_PARENT, 0, blob,
				 &len);
		record(w, OP_EXPORT, ret, races, s.control);
	}
}

static void op_import(struct worker *w)
{
	struct banked b;
	key_serial_t id;
	char desc[16];
	int i;

	if (!pick_banked(w, &b))
		return;
	i = reserve_slot(w);
	if (i < 0)
		return;
	new_desc(desc, sizeof(desc));
	id = dev_import(st.fd, b.blob, b.len, desc, 0, 0, NULL, 0);
	record(w, OP_IMPORT, id, parent_races(b.parent), steady(b.parent));
	fill_slot(i, id, b.parent, b.exportable);
}

static void op_rewrap(struct worker *w)
{
	u8 out[BLOB_MAX];
	u32 out_len = sizeof(out);
	unsigned int races;
	struct banked b;
	long ret;

	if (!pick_banked(w, &b))
		return;
	races = parent_races(b.parent) | (b.exportable ? 0 : R_POLICY);
	ret = dev_rewrap(st.fd, b.blob, b.len, 0, st.parents[P_DEST], out,
			 &out_len);
	record(w, OP_REWRAP, ret, races, steady(b.parent));
	if (!ret)
		bank_blob(out, out_len, P_DEST, b.exportable);
}

static void op_update(struct worker *w)
{
	enum parent to;
	unsigned int races;
	char command[64];
	struct slot s;
	long ret;

	if (!pick_slot(w, &s, false))
		return;
	/* Controls go back under their own parent, which is always there. */
	to = s.control ? P_STABLE : rnd(w, 2) ? P_DEST : P_ROOT;
	races = (s.control ? 0 : R_KEY) | parent_races(to);
	if (!s.exportable && to != s.parent)
		races |= R_POLICY;
	snprintf(command, sizeof(command), "rewrap parent=%s",
		 parent_names[to]);
	ret = update_key(s.id, command);
	record(w, OP_UPDATE, ret, races, s.control);
	if (!ret)
		slot_set(s.id, S_LIVE, to);
}

static void op_revoke(struct worker *w)
{
	struct slot s;
	long ret;

	if (!pick_slot(w, &s, true))
		return;
	ret = keyctl_revoke(s.id) < 0 ? -errno : 0;
	record(w, OP_REVOKE, ret, R_KEY, false);
	if (!ret)
		slot_set(s.id, S_REVOKED, -1);
}

static void op_unlink(struct worker *w)
{
	struct slot s;
	long ret;

	if (!pick_slot(w, &s, true))
		return;
	ret = keyctl_unlink(s.id, KEY_SPEC_SESSION_KEYRING) < 0 ? -errno : 0;
	record(w, OP_UNLINK, ret, R_KEY | R_GONE, false);
	if (!ret)
		slot_set(s.id, S_EMPTY, -1);
}

static void *work(void *arg)
{
	struct worker *w = arg;

	while (!past_deadline()) {
		switch (rnd(w, 16)) {
		case 0: case 1: case 2:
			op_gen(w);
			break;
		case 3: case 4: case 5:
			op_export(w, false);
			break;
		case 6: case 7:
			op_export(w, true);
			break;
		case 8: case 9:
			op_import(w);
			break;
		case 10: case 11:
			op_rewrap(w);
			break;
		case 12: case 13:
			op_update(w);
			break;
		case 14:
			op_revoke(w);
			break;
		default:
			op_unlink(w);
			break;
		}
	}
	return NULL;
}

/* --- the parents come and go --------------------------------------------- */

static key_serial_t add_root(void)
{
	return add_key_errno("user", "root", st.root_material,
			     sizeof(st.root_material), KEY_SPEC_SESSION_KEYRING);
}

/* Bring a parent back: the same material, so its children's blobs open. */
static key_serial_t bring_back(enum parent p)
{
	key_serial_t id;
	int tries;

	for (tries = 0; tries < 1000; tries++) {
		id = p == P_ROOT ? add_root() :
		     load_blob("mid", st.mid_blob, st.mid_len);
		if (id > 0)
			return id;
		/* mid needs root, which may be away */
		st.churn_failures++;
		usleep(1000);
	}
	return id;
}

static void *churn(void *arg)
{
	unsigned int n = 0;
	enum parent p;
	key_serial_t id;

	(void)arg;
	while (!past_deadline()) {
		p = n++ % 3 == 2 ? P_MID : P_ROOT;
		id = st.parents[p];
		if (keyctl_revoke(id))
			st.churn_failures++;
		usleep(2000);
		/* Revoked and still linked, or gone altogether. */
		if (n % 2 && keyctl_unlink(id, KEY_SPEC_SESSION_KEYRING))
			st.churn_failures++;
		usleep(2000);
		id = bring_back(p);
		if (id < 0)
			return NULL;
		st.parents[p] = id;
		st.churn_cycles++;
		usleep(3000);
	}
	return NULL;
}

/* --- the test ------------------------------------------------------------ */

static void merge(struct counts *total, const struct counts *c)
{
	unsigned int op, e;

	for (op = 0; op < OP_COUNT; op++) {
		total->tried[op] += c->tried[op];
		total->ok[op] += c->ok[op];
		for (e = 0; e < 256; e++)
			total->failed[op][e] += c->failed[op][e];
	}
	total->unexpected += c->unexpected;
	total->control_failures += c->control_failures;
}

static void print_counts(struct __test_metadata *_metadata,
			 const struct counts *c)
{
	unsigned int op, e, sum;
	char line[256];
	size_t n;

	for (op = 0; op < OP_COUNT; op++) {
		n = snprintf(line, sizeof(line), "%-14s %6u tried, %6u ok",
			     op_names[op], c->tried[op], c->ok[op]);
		sum = c->ok[op];
		for (e = 1; e < 256; e++) {
			if (!c->failed[op][e])
				continue;
			sum += c->failed[op][e];
			n += snprintf(line + n, sizeof(line) - n, ", %s %u",
				      strerrorname_np(e), c->failed[op][e]);
		}
		TH_LOG("%s", line);
		/* Every operation ended one way or another, counted once. */
		EXPECT_EQ(c->tried[op], sum);
	}
}

/*
 * Whether the keys of the workers' slots are exactly the worker keys in the
 * session keyring: live ones (which describe as "sealed;...;w<n>") and
 * revoked ones (which no longer describe, EKEYREVOKED).
 */
static void check_keyring(struct __test_metadata *_metadata)
{
	key_serial_t ring[1024];
	unsigned int live = 0, revoked = 0, i, j;
	char desc[256];
	long len;
	int n;

	len = keyctl_read(KEY_SPEC_SESSION_KEYRING, (char *)ring, sizeof(ring));
	ASSERT_LT(0, len);
	ASSERT_GE(sizeof(ring), (size_t)len);
	n = len / sizeof(key_serial_t);
	for (j = 0; j < (unsigned int)n; j++) {
		if (keyctl_describe(ring[j], desc, sizeof(desc)) < 0) {
			EXPECT_EQ(EKEYREVOKED, errno);
			revoked++;
		} else if (!strncmp(desc, "sealed;", 7) && strstr(desc, ";w")) {
			live++;
		}
	}
	for (i = 0; i < SLOTS; i++) {
		const struct slot *s = &st.slots[i];

		if (s->state != S_LIVE && s->state != S_REVOKED)
			continue;
		for (j = 0; j < (unsigned int)n && ring[j] != s->id; j++)
			;
		EXPECT_GT(n, j) TH_LOG("slot %u: key %d not in the keyring",
				       i, s->id);
		if (s->control)
			continue;
		if (s->state == S_LIVE)
			live--;
		else
			revoked--;
	}
	EXPECT_EQ(0, live) TH_LOG("live keys no worker knows of");
	EXPECT_EQ(0, revoked) TH_LOG("revoked keys no worker knows of");
}

/* Unlink every key of the session keyring but the root keys in use. */
static void unlink_all_but_roots(struct __test_metadata *_metadata)
{
	key_serial_t ring[1024];
	long len;
	int i, n;

	len = keyctl_read(KEY_SPEC_SESSION_KEYRING, (char *)ring, sizeof(ring));
	ASSERT_LT(0, len);
	n = len / sizeof(key_serial_t);
	for (i = 0; i < n; i++)
		if (ring[i] != st.parents[P_ROOT] &&
		    ring[i] != st.parents[P_STABLE] &&
		    ring[i] != st.parents[P_DEST])
			EXPECT_EQ(0, keyctl_unlink(ring[i],
						   KEY_SPEC_SESSION_KEYRING));
}

static int run(const char *command)
{
	int status = system(command);

	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

FIXTURE(stress) {
};

FIXTURE_SETUP(stress)
{
}

FIXTURE_TEARDOWN(stress)
{
}

TEST_F_TIMEOUT(stress, concurrent_keys_parents_and_reload, 300)
{
	static const char *const control_commands[CONTROLS] = {
		"new aead parent=user:stable exportable",
		"new secret 64 parent=user:stable",
		"new kek parent=user:stable exportable",
		"new aead 16 parent=user:stable",
	};
	struct survivor {
		key_serial_t id;
		u8 blob[BLOB_MAX];
		u32 len;
		struct keyseal_info info;
	} *survivors;
	const char *env = getenv("KEYSEAL_STRESS_SECONDS");
	unsigned int seconds = env && *env ? strtoul(env, NULL, 0) : 12;
	struct worker workers[WORKERS] = { 0 };
	key_serial_t id;
	unsigned int i, live = 0, nsurv = 0, revoked = 0;
	struct counts total = { 0 };
	pthread_t churner;
	struct stat sb;
	u64 seed;
	int n;

	survivors = calloc(SLOTS, sizeof(*survivors));
	ASSERT_NE(NULL, survivors);
	ASSERT_EQ(0, new_session());
	st.fd = open("/dev/keyseal", O_RDWR | O_CLOEXEC);
	ASSERT_LE(0, st.fd);
	ASSERT_EQ(sizeof(st.root_material),
		  getrandom(st.root_material, sizeof(st.root_material), 0));
	ASSERT_EQ(sizeof(seed), getrandom(&seed, sizeof(seed), 0));

	st.parents[P_ROOT] = add_root();
	ASSERT_LT(0, st.parents[P_ROOT]);
	st.parents[P_STABLE] = add_random_user_key("stable", ROOT_KEK_SIZE);
	st.parents[P_DEST] = add_random_user_key("dest", ROOT_KEK_SIZE);
	ASSERT_LT(0, st.parents[P_STABLE]);
	ASSERT_LT(0, st.parents[P_DEST]);
	st.parents[P_MID] = add_sealed("mid", "new kek parent=user:root");
	ASSERT_LT(0, st.parents[P_MID]);
	n = read_blob(st.parents[P_MID], st.mid_blob, sizeof(st.mid_blob));
	ASSERT_LT(0, n);
	st.mid_len = n;
	for (i = 0; i < CONTROLS; i++) {
		char desc[16];

		snprintf(desc, sizeof(desc), "c%u", i);
		id = add_sealed(desc, control_commands[i]);
		ASSERT_LT(0, id);
		st.slots[i] = (struct slot){ S_LIVE, id, P_STABLE,
					     !!strstr(control_commands[i],
						      "exportable"), true };
	}

	clock_gettime(CLOCK_MONOTONIC, &st.deadline);
	st.deadline.tv_sec += seconds;
	for (i = 0; i < WORKERS; i++) {
		workers[i].rng = seed + i;
		ASSERT_EQ(0, pthread_create(&workers[i].thread, NULL, work,
					    &workers[i]));
	}
	ASSERT_EQ(0, pthread_create(&churner, NULL, churn, NULL));
	for (i = 0; i < WORKERS; i++) {
		pthread_join(workers[i].thread, NULL);
		merge(&total, &workers[i].counts);
	}
	pthread_join(churner, NULL);

	TH_LOG("%u s, %u workers, parents revoked and back %u times",
	       seconds, WORKERS, st.churn_cycles);
	print_counts(_metadata, &total);
	EXPECT_EQ(0, total.unexpected) TH_LOG("first: %s", st.first_unexpected);
	EXPECT_EQ(0, total.control_failures)
		TH_LOG("first: %s", st.first_unexpected);
	EXPECT_LT(0, st.churn_cycles);
	ASSERT_LT(0, st.parents[P_ROOT]) TH_LOG("user:root never came back");
	ASSERT_LT(0, st.parents[P_MID]) TH_LOG("sealed:mid never came back");

	/* What the workers think exists is what the keyring holds. */
	for (i = 0; i < SLOTS; i++) {
		live += st.slots[i].state == S_LIVE && !st.slots[i].control;
		revoked += st.slots[i].state == S_REVOKED;
	}
	TH_LOG("%u worker keys alive, %u revoked", live, revoked);
	check_keyring(_metadata);

	/* Every surviving key still exports, and loads again from its blob. */
	for (i = 0; i < SLOTS; i++) {
		struct slot *s = &st.slots[i];
		struct survivor *v = &survivors[nsurv];
		struct keyseal_info info;
		char desc[32];
		u8 blob[BLOB_MAX];
		u32 len = sizeof(blob);

		if (s->state == S_REVOKED) {
			EXPECT_EQ(-EKEYREVOKED,
				  dev_export(st.fd, s->id, KEYSEAL_TARGET_PARENT,
					     0, blob, &len));
			continue;
		}
		if (s->state != S_LIVE)
			continue;
		v->id = s->id;
		v->len = sizeof(v->blob);
		ASSERT_EQ(0, dev_export(st.fd, s->id, KEYSEAL_TARGET_PARENT, 0,
					v->blob, &v->len));
		ASSERT_EQ(0, dev_info(st.fd, s->id, &v->info));
		snprintf(desc, sizeof(desc), "again%u", i);
		id = load_blob(desc, v->blob, v->len);
		ASSERT_LT(0, id) TH_LOG("survivor %d under %s: %s", s->id,
					v->info.parent, strerror(-id));
		ASSERT_EQ(0, dev_info(st.fd, id, &info));
		EXPECT_EQ(0, memcmp(v->info.key_id, info.key_id,
				    KEYSEAL_KEY_ID_SIZE));
		EXPECT_EQ(v->info.key_flags, info.key_flags);
		EXPECT_STREQ(v->info.parent, info.parent);
		nsurv++;
	}
	TH_LOG("%u surviving keys export and load again", nsurv);

	/*
	 * The sealed keys hold the module. Unlinked (all but the root keys)
	 * and collected, they let it go; a fresh module opens the blobs the
	 * old one made.
	 */
	close(st.fd);
	EXPECT_EQ(-EAGAIN, unload_module());
	EXPECT_TRUE(module_loaded());
	unlink_all_but_roots(_metadata);
	ASSERT_EQ(0, unload_when_idle(10000));
	EXPECT_FALSE(module_loaded());
	EXPECT_NE(0, stat("/dev/keyseal", &sb));
	ASSERT_EQ(0, run("/sbin/modprobe keyseal"));
	ASSERT_TRUE(module_loaded());
	st.fd = open("/dev/keyseal", O_RDWR | O_CLOEXEC);
	ASSERT_LE(0, st.fd);
	/* The sealed keys went with the old module: sealed:mid first. */
	ASSERT_LT(0, load_blob("mid", st.mid_blob, st.mid_len));
	for (i = 0; i < nsurv; i++) {
		struct survivor *v = &survivors[i];
		struct keyseal_info info;
		char desc[32];

		snprintf(desc, sizeof(desc), "reloaded%u", i);
		id = load_blob(desc, v->blob, v->len);
		ASSERT_LT(0, id) TH_LOG("after reload, under %s: %s",
					v->info.parent, strerror(-id));
		ASSERT_EQ(0, dev_info(st.fd, id, &info));
		EXPECT_EQ(0, memcmp(v->info.key_id, info.key_id,
				    KEYSEAL_KEY_ID_SIZE));
	}
	EXPECT_LT(0, add_sealed("fresh", "new aead parent=user:stable"));
	close(st.fd);
	free(survivors);
}

TEST_HARNESS_MAIN
