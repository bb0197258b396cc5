// SPDX-License-Identifier: GPL-2.0
/*
 * keyseal_bench: keyseal's key operations and AEAD throughput, side by side
 * with the in-tree key types and AF_ALG, in one run. Runs inside the test
 * VM (make bench).
 *
 * Every measurement is a batch of operations timed as a whole; batches of
 * all operations are interleaved, round after round, so slow phases of the
 * (emulated, noisy) machine hit every operation alike. Each line reports
 * the median rate over the rounds and the spread (min..max). Only ratios
 * between lines of one run carry meaning.
 */

#include <errno.h>
#include <math.h>
#include <fcntl.h>
#include <keyutils.h>
#include <linux/if_alg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <linux/keyseal.h>

#ifndef SOL_ALG
#define SOL_ALG 279
#endif

#define ROUNDS		7
#define MAX_OPS		4096

struct bench {
	const char *name;
	const char *unit;	/* "ops/s" or "MiB/s" */
	int ops;		/* operations per batch */
	size_t bytes;		/* bytes per operation, for throughput */
	int (*setup)(struct bench *b);
	int (*run)(struct bench *b, int i);
	void (*teardown)(struct bench *b);
	double rate[ROUNDS];
	int failed;
};

static key_serial_t ring, kmk, kmk2, sealed_id, encrypted_id, mobile_id;
static int dev;
static char sealed_armor[4096], encrypted_blob[4096];
static char load_cmd[4200], encrypted_load_cmd[4200];
static uint8_t exported[KEYSEAL_BLOB_MAX_SIZE];
static uint32_t exported_len;
static uint8_t *plain, *sealed_buf;
static int alg_fd = -1;

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void fail(const char *what)
{
	fprintf(stderr, "bench: %s: %s\n", what, strerror(errno));
	exit(1);
}

/* A fresh keyring for the keys one batch creates, emptied after it. */
static void clear_ring(void)
{
	keyctl_clear(ring);
}

/* --- keyring operations -------------------------------------------------- */

static int sealed_new(struct bench *b, int i)
{
	char desc[32];

	(void)b;
	snprintf(desc, sizeof(desc), "n%d", i);
	return add_key("sealed", desc, "new aead 32 parent=user:kmk", 27,
		       ring) < 0;
}

static int sealed_read(struct bench *b, int i)
{
	char buf[4096];

	(void)b;
	(void)i;
	return keyctl_read(sealed_id, buf, sizeof(buf)) <= 0;
}

static int sealed_load(struct bench *b, int i)
{
	char desc[32];

	(void)b;
	snprintf(desc, sizeof(desc), "l%d", i);
	return add_key("sealed", desc, load_cmd, strlen(load_cmd), ring) < 0;
}

static int sealed_rewrap(struct bench *b, int i)
{
	const char *cmd = i & 1 ? "rewrap parent=user:kmk" :
				  "rewrap parent=user:kmk2";

	(void)b;
	return keyctl_update(mobile_id, cmd, strlen(cmd)) < 0;
}

static int encrypted_new(struct bench *b, int i)
{
	static const char cmd[] = "new user:kmk 32";
	char desc[32];

	(void)b;
	snprintf(desc, sizeof(desc), "en%d", i);
	return add_key("encrypted", desc, cmd, sizeof(cmd) - 1, ring) < 0;
}

static int encrypted_read(struct bench *b, int i)
{
	char buf[4096];

	(void)b;
	(void)i;
	return keyctl_read(encrypted_id, buf, sizeof(buf)) <= 0;
}

static int encrypted_load(struct bench *b, int i)
{
	char desc[32];

	(void)b;
	snprintf(desc, sizeof(desc), "el%d", i);
	return add_key("encrypted", desc, encrypted_load_cmd,
		       strlen(encrypted_load_cmd), ring) < 0;
}

/* The floor of any keyring operation: add a user key and read it back. */
static int user_add_read(struct bench *b, int i)
{
	static const uint8_t payload[32] = { 1 };
	char desc[32], buf[64];
	key_serial_t id;

	(void)b;
	snprintf(desc, sizeof(desc), "u%d", i);
	id = add_key("user", desc, payload, sizeof(payload), ring);
	return id < 0 || keyctl_read(id, buf, sizeof(buf)) != sizeof(payload);
}

/* --- ioctls ---------------------------------------------------------------- */

static int ioctl_export(struct bench *b, int i)
{
	struct keyseal_export req = {
		.serial = mobile_id,
		.target = KEYSEAL_TARGET_KEK,
		.kek = kmk2,
		.blob_len = sizeof(exported),
		.blob = (uintptr_t)exported,
	};

	(void)b;
	(void)i;
	if (ioctl(dev, KEYSEAL_IOC_EXPORT, &req))
		return 1;
	exported_len = req.blob_len;
	return 0;
}

static int ioctl_import(struct bench *b, int i)
{
	char desc[32];
	struct keyseal_import req = {
		.blob = (uintptr_t)exported,
		.blob_len = exported_len,
		.keyring = ring,
		.description = (uintptr_t)desc,
	};

	(void)b;
	snprintf(desc, sizeof(desc), "i%d", i);
	return ioctl(dev, KEYSEAL_IOC_IMPORT, &req) != 0;
}

static int ioctl_encrypt(struct bench *b, int i)
{
	struct keyseal_crypt req = {
		.serial = sealed_id,
		.in = (uintptr_t)plain,
		.in_len = b->bytes,
		.out = (uintptr_t)sealed_buf,
		.out_len = b->bytes + KEYSEAL_TAG_SIZE,
	};

	(void)i;
	return ioctl(dev, KEYSEAL_IOC_ENCRYPT, &req) != 0;
}

static void raise_optmem_max(long bytes)
{
	FILE *f = fopen("/proc/sys/net/core/optmem_max", "r+");
	long now = 0;

	if (!f)
		return;
	if (fscanf(f, "%ld", &now) == 1 && now < bytes) {
		rewind(f);
		fprintf(f, "%ld\n", bytes);
	}
	fclose(f);
}

/* AF_ALG gcm(aes), one sendmsg and one read per message, as a user would. */
static int af_alg_setup(struct bench *b)
{
	struct sockaddr_alg sa = {
		.salg_family = AF_ALG,
		.salg_type = "aead",
		.salg_name = "gcm(aes)",
	};
	uint8_t key[32];
	int tfm, sndbuf = 4 << 20;

	(void)b;
	if (alg_fd >= 0)
		return 0;
	/*
	 * AF_ALG charges a message's scatterlists to the socket's option
	 * memory; 6.1's default (20 KiB) cannot hold a 1 MiB message.
	 */
	raise_optmem_max(2 << 20);
	tfm = socket(AF_ALG, SOCK_SEQPACKET, 0);
	if (tfm < 0 || bind(tfm, (struct sockaddr *)&sa, sizeof(sa)))
		fail("AF_ALG gcm(aes)");
	if (getrandom(key, sizeof(key), 0) != sizeof(key) ||
	    setsockopt(tfm, SOL_ALG, ALG_SET_KEY, key, sizeof(key)) ||
	    setsockopt(tfm, SOL_ALG, ALG_SET_AEAD_AUTHSIZE, NULL, 16))
		fail("AF_ALG key");
	alg_fd = accept(tfm, NULL, 0);
	if (alg_fd < 0)
		fail("AF_ALG accept");
	/* Whole messages must fit in the socket, both ways, for AEAD. */
	if (setsockopt(alg_fd, SOL_SOCKET, SO_SNDBUFFORCE, &sndbuf,
		       sizeof(sndbuf)) ||
	    setsockopt(alg_fd, SOL_SOCKET, SO_RCVBUFFORCE, &sndbuf,
		       sizeof(sndbuf)))
		fail("AF_ALG buffers");
	return 0;
}

/* Append a SOL_ALG control message; data goes in by memcpy (no aliasing). */
static struct cmsghdr *put_cmsg(struct msghdr *msg, struct cmsghdr *c,
				int type, const void *data, size_t len)
{
	c = c ? CMSG_NXTHDR(msg, c) : CMSG_FIRSTHDR(msg);
	c->cmsg_level = SOL_ALG;
	c->cmsg_type = type;
	c->cmsg_len = CMSG_LEN(len);
	memcpy(CMSG_DATA(c), data, len);
	return c;
}

static int af_alg_encrypt(struct bench *b, int i)
{
	union {
		char buf[CMSG_SPACE(4) + CMSG_SPACE(16) + CMSG_SPACE(4)];
		struct cmsghdr align;
	} control;
	struct iovec iov = { plain, b->bytes };
	struct msghdr msg = {
		.msg_iov = &iov,
		.msg_iovlen = 1,
		.msg_control = control.buf,
		.msg_controllen = sizeof(control.buf),
	};
	uint32_t op = ALG_OP_ENCRYPT, assoclen = 0;
	uint8_t iv[4 + 12] = { 12 };	/* struct af_alg_iv: ivlen, then iv */
	struct cmsghdr *c;
	ssize_t n;

	memset(&control, 0, sizeof(control));
	memcpy(iv + 4, &i, sizeof(i));
	c = put_cmsg(&msg, NULL, ALG_SET_OP, &op, sizeof(op));
	c = put_cmsg(&msg, c, ALG_SET_IV, iv, sizeof(iv));
	put_cmsg(&msg, c, ALG_SET_AEAD_ASSOCLEN, &assoclen, sizeof(assoclen));

	n = sendmsg(alg_fd, &msg, 0);
	if (n != (ssize_t)b->bytes) {
		fprintf(stderr, "bench: AF_ALG sendmsg (fd %d, %zu bytes, op %d): %zd: %s\n",
			alg_fd, b->bytes, i, n, strerror(errno));
		return 1;
	}
	n = read(alg_fd, sealed_buf, b->bytes + 16);
	if (n != (ssize_t)(b->bytes + 16)) {
		fprintf(stderr, "bench: AF_ALG read: %zd: %s\n", n,
			strerror(errno));
		return 1;
	}
	return 0;
}

/* --- set-up ---------------------------------------------------------------- */

static key_serial_t add_sealed_key(const char *desc, const char *cmd)
{
	return add_key("sealed", desc, cmd, strlen(cmd),
		       KEY_SPEC_SESSION_KEYRING);
}

static void setup_keys(void)
{
	uint8_t material[32];
	long n;

	if (keyctl_join_session_keyring(NULL) < 0)
		fail("session keyring");
	ring = add_key("keyring", "bench", NULL, 0, KEY_SPEC_SESSION_KEYRING);
	if (getrandom(material, sizeof(material), 0) != sizeof(material))
		fail("getrandom");
	kmk = add_key("user", "kmk", material, 32, KEY_SPEC_SESSION_KEYRING);
	material[0] ^= 1;
	kmk2 = add_key("user", "kmk2", material, 32, KEY_SPEC_SESSION_KEYRING);
	sealed_id = add_sealed_key("data", "new aead 32 parent=user:kmk");
	mobile_id = add_sealed_key("mobile",
				   "new aead 32 parent=user:kmk exportable");
	encrypted_id = add_key("encrypted", "edata", "new user:kmk 32", 15,
			       KEY_SPEC_SESSION_KEYRING);
	if (ring < 0 || kmk < 0 || kmk2 < 0 || sealed_id < 0 || mobile_id < 0 ||
	    encrypted_id < 0)
		fail("keys");

	n = keyctl_read(sealed_id, sealed_armor, sizeof(sealed_armor) - 1);
	if (n <= 0)
		fail("read sealed");
	sealed_armor[n] = '\0';
	snprintf(load_cmd, sizeof(load_cmd), "load %s", sealed_armor);

	n = keyctl_read(encrypted_id, encrypted_blob,
			sizeof(encrypted_blob) - 1);
	if (n <= 0)
		fail("read encrypted");
	encrypted_blob[n] = '\0';
	snprintf(encrypted_load_cmd, sizeof(encrypted_load_cmd), "load %s",
		 encrypted_blob);

	dev = open("/dev/keyseal", O_RDWR | O_CLOEXEC);
	if (dev < 0)
		fail("/dev/keyseal");
	plain = calloc(1, 1 << 20);
	sealed_buf = calloc(1, (1 << 20) + 64);
	if (!plain || !sealed_buf)
		fail("buffers");
}

/* Bytes charged to the caller's key quota, from /proc/key-users. */
static long quota_bytes(void)
{
	unsigned int uid, usage, nkeys, ninst, qkeys, maxkeys, qbytes, maxbytes;
	char line[256];
	long bytes = -1;
	FILE *f = fopen("/proc/key-users", "r");

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, " %u: %u %u/%u %u/%u %u/%u", &uid, &usage,
			   &nkeys, &ninst, &qkeys, &maxkeys, &qbytes,
			   &maxbytes) == 8 && uid == getuid())
			bytes = qbytes;
	fclose(f);
	return bytes;
}

/* Average quota charge of @n keys made by @make. */
static double quota_per_key(int (*make)(struct bench *, int), int n)
{
	long before, after;
	int i;

	clear_ring();
	before = quota_bytes();
	for (i = 0; i < n; i++)
		if (make(NULL, i))
			fail("quota probe");
	after = quota_bytes();
	clear_ring();
	return (double)(after - before) / n;
}

#define KEY_OP(n, f, count) { .name = n, .unit = "ops/s", .ops = count, .run = f }
#define CRYPT_OP(n, f, size, count, s) \
	{ .name = n, .unit = "MiB/s", .ops = count, .bytes = size, .run = f, \
	  .setup = s }

static struct bench benches[] = {
	KEY_OP("sealed new", sealed_new, 200),
	KEY_OP("encrypted new", encrypted_new, 200),
	KEY_OP("sealed read", sealed_read, 2000),
	KEY_OP("encrypted read", encrypted_read, 200),
	KEY_OP("sealed load", sealed_load, 200),
	KEY_OP("encrypted load", encrypted_load, 200),
	KEY_OP("user add+read", user_add_read, 200),
	KEY_OP("sealed update rewrap", sealed_rewrap, 200),
	KEY_OP("ioctl EXPORT (to KEK)", ioctl_export, 200),
	KEY_OP("ioctl IMPORT", ioctl_import, 200),
	CRYPT_OP("ENCRYPT 64 B", ioctl_encrypt, 64, 2000, NULL),
	CRYPT_OP("AF_ALG gcm(aes) 64 B", af_alg_encrypt, 64, 2000, af_alg_setup),
	CRYPT_OP("ENCRYPT 4 KiB", ioctl_encrypt, 4096, 1000, NULL),
	CRYPT_OP("AF_ALG gcm(aes) 4 KiB", af_alg_encrypt, 4096, 1000,
		 af_alg_setup),
	CRYPT_OP("ENCRYPT 64 KiB", ioctl_encrypt, 65536, 200, NULL),
	CRYPT_OP("AF_ALG gcm(aes) 64 KiB", af_alg_encrypt, 65536, 200,
		 af_alg_setup),
	CRYPT_OP("ENCRYPT 1 MiB", ioctl_encrypt, 1 << 20, 16, NULL),
	CRYPT_OP("AF_ALG gcm(aes) 1 MiB", af_alg_encrypt, 1 << 20, 16,
		 af_alg_setup),
};

#define N_BENCHES (sizeof(benches) / sizeof(benches[0]))

static double run_batch(struct bench *b)
{
	double start, elapsed;
	int i;

	clear_ring();
	start = now();
	for (i = 0; i < b->ops; i++) {
		if (b->run(b, i)) {
			b->failed = errno ? errno : EIO;
			return 0;
		}
	}
	elapsed = now() - start;
	clear_ring();
	if (b->bytes)
		return b->ops * (double)b->bytes / elapsed / (1 << 20);
	return b->ops / elapsed;
}

static int compare_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static double median(struct bench *b, double *lo, double *hi)
{
	double sorted[ROUNDS];

	memcpy(sorted, b->rate, sizeof(sorted));
	qsort(sorted, ROUNDS, sizeof(double), compare_double);
	*lo = sorted[0];
	*hi = sorted[ROUNDS - 1];
	return sorted[ROUNDS / 2];
}

static struct bench *find(const char *name)
{
	unsigned int i;

	for (i = 0; i < N_BENCHES; i++)
		if (!strcmp(benches[i].name, name))
			return &benches[i];
	return NULL;
}

static double rate_of(const char *name)
{
	double lo, hi;

	return median(find(name), &lo, &hi);
}

static int run_only(const char *name)
{
	struct bench *b = find(name);
	unsigned int round;

	if (!b) {
		fprintf(stderr, "bench: no operation '%s'\n", name);
		return 2;
	}
	if (b->setup)
		b->setup(b);
	for (round = 0; round < ROUNDS; round++)
		printf("%s: %.1f %s\n", b->name, run_batch(b), b->unit);
	return b->failed ? 1 : 0;
}

/*
 * Prints "ratio name value target verdict"; a ratio of rates one of which
 * failed to be measured is not a ratio at all.
 */
static int ratio(const char *what, double value, const char *cmp,
		 double target)
{
	int met = !strcmp(cmp, ">=") ? value >= target : value <= target;

	if (!isfinite(value) || value <= 0) {
		printf("ratio  %-44s    n/a   target %s %.1f   NOT MEASURED\n",
		       what, cmp, target);
		return 0;
	}

	printf("ratio  %-44s %6.2f   target %s %.1f   %s\n", what, value, cmp,
	       target, met ? "met" : "MISSED");
	return met;
}

int main(void)
{
	double lo, hi, sealed_bytes, encrypted_bytes, user_bytes;
	unsigned int i, round;
	int met = 1;

	setup_keys();
	/* KEYSEAL_BENCH_ONLY=name runs one operation (for profiling). */
	if (getenv("KEYSEAL_BENCH_ONLY"))
		return run_only(getenv("KEYSEAL_BENCH_ONLY"));
	for (i = 0; i < N_BENCHES; i++)
		if (benches[i].setup)
			benches[i].setup(&benches[i]);

	/* warm-up: one batch of everything, not counted */
	for (i = 0; i < N_BENCHES; i++)
		run_batch(&benches[i]);
	for (round = 0; round < ROUNDS; round++)
		for (i = 0; i < N_BENCHES; i++)
			benches[i].rate[round] = run_batch(&benches[i]);

	printf("kernel %s\n", getenv("KEYSEAL_KERNEL") ?: "?");
	printf("%-30s %12s %12s %12s  %s\n", "operation", "median", "min",
	       "max", "unit");
	for (i = 0; i < N_BENCHES; i++) {
		struct bench *b = &benches[i];
		double mid;

		if (b->failed) {
			printf("%-30s failed: %s\n", b->name,
			       strerror(b->failed));
			met = 0;
			continue;
		}
		mid = median(b, &lo, &hi);
		printf("%-30s %12.1f %12.1f %12.1f  %s\n", b->name, mid, lo, hi,
		       b->unit);
	}

	sealed_bytes = quota_per_key(sealed_new, 100);
	encrypted_bytes = quota_per_key(encrypted_new, 100);
	user_bytes = quota_per_key(user_add_read, 100);
	printf("memory %-29s %8.0f bytes of key quota per key\n", "sealed aead-256",
	       sealed_bytes);
	printf("memory %-29s %8.0f bytes of key quota per key\n",
	       "encrypted (32 bytes)", encrypted_bytes);
	printf("memory %-29s %8.0f bytes of key quota per key\n",
	       "user (32 bytes)", user_bytes);

	met &= ratio("sealed load / encrypted load", rate_of("sealed load") /
		     rate_of("encrypted load"), ">=", 2);
	met &= ratio("sealed read / encrypted read", rate_of("sealed read") /
		     rate_of("encrypted read"), ">=", 2);
	met &= ratio("cost of sealed load / cost of user add+read",
		     rate_of("user add+read") / rate_of("sealed load"), "<=", 2);
	met &= ratio("ENCRYPT 64 KiB / AF_ALG 64 KiB",
		     rate_of("ENCRYPT 64 KiB") /
		     rate_of("AF_ALG gcm(aes) 64 KiB"), ">=", 0.8);
	printf("targets %s\n", met ? "met" : "missed");
	return 0;
}
