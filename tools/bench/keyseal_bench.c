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
	void *arg;		/* what the operation works on */
	double rate[ROUNDS];
	int failed;
};

static key_serial_t ring, kmk, kmk2, emk, sealed_id, encrypted_id, mobile_id;
static int dev;
static char sealed_armor[4096], encrypted_blob[4096];
static char load_cmd[4200], encrypted_load_cmd[4200];
static uint8_t exported[KEYSEAL_BLOB_MAX_SIZE];
static uint32_t exported_len;
static uint8_t *plain, *sealed_buf, *opened_buf;
static int alg_fd = -1;

/* An exchange key, and the latest blob an HPKE export wrapped to it. */
struct recipient {
	const char *usage;
	key_serial_t serial;
	uint16_t kem;
	uint8_t public_key[65];
	uint32_t public_len;
	uint8_t blob[KEYSEAL_BLOB_MAX_SIZE];
	uint32_t blob_len;
};

static struct recipient x25519_recipient = { .usage = "x25519" };
static struct recipient p256_recipient = { .usage = "p256" };

/* A message sealed once at set-up, for the decryption benchmarks. */
struct sealed_message {
	uint8_t *ciphertext;	/* and the tag */
	uint8_t nonce[KEYSEAL_NONCE_SIZE];
};

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
	return add_key("sealed", desc, "new aead 32 parent=logon:bench:root", 35,
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
	const char *cmd = i & 1 ? "rewrap parent=logon:bench:root" :
				  "rewrap parent=logon:bench:root2";

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

static int hpke_export(struct bench *b, int i)
{
	struct recipient *r = b->arg;
	struct keyseal_export req = {
		.serial = mobile_id,
		.target = KEYSEAL_TARGET_RECIPIENT,
		.recipient = (uintptr_t)r->public_key,
		.recipient_len = r->public_len,
		.recipient_kem = r->kem,
		.blob_len = sizeof(r->blob),
		.blob = (uintptr_t)r->blob,
	};

	(void)i;
	if (ioctl(dev, KEYSEAL_IOC_EXPORT, &req))
		return 1;
	r->blob_len = req.blob_len;
	return 0;
}

/*
 * Imports open the blob of the export before them; the first, the blob made
 * here (KEYSEAL_BENCH_ONLY runs an import alone).
 */
static int export_first(struct bench *b)
{
	return b->arg ? hpke_export(b, 0) : ioctl_export(b, 0);
}

/* The exchange key is found by the fingerprint the blob names. */
static int hpke_import(struct bench *b, int i)
{
	struct recipient *r = b->arg;
	char desc[32];
	struct keyseal_import req = {
		.blob = (uintptr_t)r->blob,
		.blob_len = r->blob_len,
		.keyring = ring,
		.description = (uintptr_t)desc,
		.parent = kmk,
	};

	snprintf(desc, sizeof(desc), "h%d", i);
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

static int seal_message(struct bench *b)
{
	struct sealed_message *m = calloc(1, sizeof(*m));
	struct keyseal_crypt req = {
		.serial = sealed_id,
		.in = (uintptr_t)plain,
		.in_len = b->bytes,
		.out_len = b->bytes + KEYSEAL_TAG_SIZE,
	};

	if (!m || !(m->ciphertext = malloc(b->bytes + KEYSEAL_TAG_SIZE)))
		fail("buffers");
	req.out = (uintptr_t)m->ciphertext;
	if (ioctl(dev, KEYSEAL_IOC_ENCRYPT, &req))
		fail("ENCRYPT for the DECRYPT benchmark");
	memcpy(m->nonce, req.nonce, sizeof(m->nonce));
	b->arg = m;
	return 0;
}

static int ioctl_decrypt(struct bench *b, int i)
{
	struct sealed_message *m = b->arg;
	struct keyseal_crypt req = {
		.serial = sealed_id,
		.in = (uintptr_t)m->ciphertext,
		.in_len = b->bytes + KEYSEAL_TAG_SIZE,
		.out = (uintptr_t)opened_buf,
		.out_len = b->bytes,
	};

	(void)i;
	memcpy(req.nonce, m->nonce, sizeof(req.nonce));
	return ioctl(dev, KEYSEAL_IOC_DECRYPT, &req) != 0;
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

/*
 * One AF_ALG AEAD message: @in_len bytes in, @out_len bytes out, with a
 * 12-byte IV built from @iv_seed.
 */
static int af_alg_message(uint32_t op, uint32_t iv_seed, const void *in,
			  size_t in_len, void *out, size_t out_len)
{
	union {
		char buf[CMSG_SPACE(4) + CMSG_SPACE(16) + CMSG_SPACE(4)];
		struct cmsghdr align;
	} control;
	struct iovec iov = { (void *)in, in_len };
	struct msghdr msg = {
		.msg_iov = &iov,
		.msg_iovlen = 1,
		.msg_control = control.buf,
		.msg_controllen = sizeof(control.buf),
	};
	uint32_t assoclen = 0;
	uint8_t iv[4 + 12] = { 12 };	/* struct af_alg_iv: ivlen, then iv */
	struct cmsghdr *c;
	ssize_t n;

	memset(&control, 0, sizeof(control));
	memcpy(iv + 4, &iv_seed, sizeof(iv_seed));
	c = put_cmsg(&msg, NULL, ALG_SET_OP, &op, sizeof(op));
	c = put_cmsg(&msg, c, ALG_SET_IV, iv, sizeof(iv));
	put_cmsg(&msg, c, ALG_SET_AEAD_ASSOCLEN, &assoclen, sizeof(assoclen));

	n = sendmsg(alg_fd, &msg, 0);
	if (n != (ssize_t)in_len) {
		fprintf(stderr, "bench: AF_ALG sendmsg (%zu bytes, op %u): %zd: %s\n",
			in_len, op, n, strerror(errno));
		return 1;
	}
	n = read(alg_fd, out, out_len);
	if (n != (ssize_t)out_len) {
		fprintf(stderr, "bench: AF_ALG read: %zd: %s\n", n,
			strerror(errno));
		return 1;
	}
	return 0;
}

static int af_alg_encrypt(struct bench *b, int i)
{
	return af_alg_message(ALG_OP_ENCRYPT, i, plain, b->bytes, sealed_buf,
			      b->bytes + 16);
}

/* Decryption always opens the same message, sealed once with IV 0. */
static int af_alg_decrypt_setup(struct bench *b)
{
	struct sealed_message *m = calloc(1, sizeof(*m));

	af_alg_setup(b);
	if (!m || !(m->ciphertext = malloc(b->bytes + 16)))
		fail("buffers");
	if (af_alg_message(ALG_OP_ENCRYPT, 0, plain, b->bytes, m->ciphertext,
			   b->bytes + 16))
		fail("AF_ALG encrypt for the decrypt benchmark");
	b->arg = m;
	return 0;
}

static int af_alg_decrypt(struct bench *b, int i)
{
	struct sealed_message *m = b->arg;

	(void)i;
	return af_alg_message(ALG_OP_DECRYPT, 0, m->ciphertext, b->bytes + 16,
			      opened_buf, b->bytes);
}

/* --- set-up ---------------------------------------------------------------- */

static key_serial_t add_sealed_key(const char *desc, const char *cmd)
{
	return add_key("sealed", desc, cmd, strlen(cmd),
		       KEY_SPEC_SESSION_KEYRING);
}

static void setup_recipient(struct recipient *r)
{
	char cmd[64];
	struct keyseal_pubkey req = {
		.buf = (uintptr_t)r->public_key,
		.buf_len = sizeof(r->public_key),
	};

	snprintf(cmd, sizeof(cmd), "new %s parent=logon:bench:root", r->usage);
	r->serial = add_sealed_key(r->usage, cmd);
	if (r->serial < 0)
		fail(cmd);
	req.serial = r->serial;
	if (ioctl(dev, KEYSEAL_IOC_PUBKEY, &req))
		fail("PUBKEY");
	r->kem = req.kem;
	r->public_len = req.buf_len;
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
	/*
	 * Sealed keys live under logon roots, as admin-guide.rst recommends:
	 * root's logon roots vouch for provenance, so a blob loads as it is
	 * rather than being sealed again. The encrypted key type takes a user
	 * master key of the same material.
	 */
	kmk = add_key("logon", "bench:root", material, 32,
		      KEY_SPEC_SESSION_KEYRING);
	emk = add_key("user", "kmk", material, 32, KEY_SPEC_SESSION_KEYRING);
	material[0] ^= 1;
	kmk2 = add_key("logon", "bench:root2", material, 32,
		       KEY_SPEC_SESSION_KEYRING);
	sealed_id = add_sealed_key("data", "new aead 32 parent=logon:bench:root");
	mobile_id = add_sealed_key("mobile",
				   "new aead 32 parent=logon:bench:root exportable");
	encrypted_id = add_key("encrypted", "edata", "new user:kmk 32", 15,
			       KEY_SPEC_SESSION_KEYRING);
	if (ring < 0 || kmk < 0 || kmk2 < 0 || emk < 0 || sealed_id < 0 || mobile_id < 0 ||
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
	opened_buf = calloc(1, 1 << 20);
	if (!plain || !sealed_buf || !opened_buf)
		fail("buffers");
	setup_recipient(&x25519_recipient);
	setup_recipient(&p256_recipient);
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
#define IMPORT_OP(n, f, count, r) \
	{ .name = n, .unit = "ops/s", .ops = count, .run = f, .arg = r, \
	  .setup = export_first }
#define HPKE_OP(n, f, count, r) \
	{ .name = n, .unit = "ops/s", .ops = count, .run = f, .arg = r }

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
	IMPORT_OP("ioctl IMPORT", ioctl_import, 200, NULL),
	HPKE_OP("HPKE EXPORT X25519", hpke_export, 50, &x25519_recipient),
	IMPORT_OP("HPKE IMPORT X25519", hpke_import, 50, &x25519_recipient),
	HPKE_OP("HPKE EXPORT P-256", hpke_export, 20, &p256_recipient),
	IMPORT_OP("HPKE IMPORT P-256", hpke_import, 20, &p256_recipient),
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
	CRYPT_OP("DECRYPT 64 B", ioctl_decrypt, 64, 2000, seal_message),
	CRYPT_OP("AF_ALG decrypt 64 B", af_alg_decrypt, 64, 2000,
		 af_alg_decrypt_setup),
	CRYPT_OP("DECRYPT 4 KiB", ioctl_decrypt, 4096, 1000, seal_message),
	CRYPT_OP("AF_ALG decrypt 4 KiB", af_alg_decrypt, 4096, 1000,
		 af_alg_decrypt_setup),
	CRYPT_OP("DECRYPT 64 KiB", ioctl_decrypt, 65536, 200, seal_message),
	CRYPT_OP("AF_ALG decrypt 64 KiB", af_alg_decrypt, 65536, 200,
		 af_alg_decrypt_setup),
	CRYPT_OP("DECRYPT 1 MiB", ioctl_decrypt, 1 << 20, 16, seal_message),
	CRYPT_OP("AF_ALG decrypt 1 MiB", af_alg_decrypt, 1 << 20, 16,
		 af_alg_decrypt_setup),
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
	printf("ratio  %-44s %6.2f   (no target)\n",
	       "DECRYPT 64 KiB / AF_ALG decrypt 64 KiB",
	       rate_of("DECRYPT 64 KiB") / rate_of("AF_ALG decrypt 64 KiB"));
	printf("targets %s\n", met ? "met" : "missed");
	return 0;
}
