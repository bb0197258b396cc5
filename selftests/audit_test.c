// SPDX-License-Identifier: GPL-2.0
/*
 * Audit records, issue 15 item 3: every time a key leaves or enters, the
 * kernel writes one AUDIT_KERNEL_OTHER record, success or failure, with the
 * operation, the key's serial, id and usage, the target, the caller and the
 * result, and never a byte of key material.
 *
 * The records are read as the kernel multicasts them to netlink audit
 * readers (AUDIT_NLGRP_READLOG, CAP_AUDIT_READ), which needs no audit
 * daemon and takes nothing from one; auditing is enabled for the test's
 * duration (keyseal records only while it is, as auditd would have it) and
 * restored after. The records of a step are those the kernel queued before
 * the record of a marker key's export, which the test makes after the step:
 * kauditd sends records in order, so each step's records are exactly known.
 *
 * A kernel without audit (the debug kernel's tinyconfig) skips the suite.
 */

#include <linux/audit.h>
#include <linux/netlink.h>
#include <openssl/sha.h>
#include <poll.h>
#include <sys/socket.h>

#include "keyseal_test.h"
#include "kselftest_harness.h"
#include "rsa_openssl.h"

#define REC_MAX		4096
#define RECS_MAX	8
#define SECRETS_MAX	4
#define KEK_SIZE	32
#define FP_HEX		(2 * KEYSEAL_FINGERPRINT_SIZE + 1)
#define ROOT		"logon:audit:root"
#define OTHER		"user:audit:other"
#define COMM		"audit_test"
/* How long the kernel may take to deliver a step's records. */
#define DELIVERY_MS	10000

/* What the attacker imports in the clear: these bytes must never show. */
static const u8 chosen[32] = "attacker's clear key, 32 bytes!";

/* --- reading audit records ------------------------------------------------ */

/*
 * One netlink request on @fd: AUDIT_SET acknowledged, or AUDIT_GET and its
 * reply's status. (The kernel sends AUDIT_GET's reply from a thread of its
 * own, so an acknowledgement could overtake it: none is asked for.)
 */
static int audit_request(int fd, u16 type, const struct audit_status *set,
			 struct audit_status *got)
{
	struct {
		struct nlmsghdr nlh;
		struct audit_status s;
	} req = {
		.nlh = {
			.nlmsg_len = NLMSG_LENGTH(set ? sizeof(*set) : 0),
			.nlmsg_type = type,
			.nlmsg_flags = NLM_F_REQUEST | (got ? 0 : NLM_F_ACK),
			.nlmsg_seq = 1,
		},
	};
	struct sockaddr_nl kernel = { .nl_family = AF_NETLINK };
	char buf[8192];
	struct nlmsghdr *nlh;
	ssize_t n;

	if (set)
		req.s = *set;
	if (sendto(fd, &req, req.nlh.nlmsg_len, 0,
		   (struct sockaddr *)&kernel, sizeof(kernel)) < 0)
		return -errno;
	for (;;) {
		n = recv(fd, buf, sizeof(buf), 0);
		if (n < 0)
			return -errno;
		for (nlh = (struct nlmsghdr *)buf; NLMSG_OK(nlh, n);
		     nlh = NLMSG_NEXT(nlh, n)) {
			if (nlh->nlmsg_type == AUDIT_GET && got) {
				memcpy(got, NLMSG_DATA(nlh),
				       sizeof(*got) < nlh->nlmsg_len -
				       NLMSG_HDRLEN ? sizeof(*got) :
				       nlh->nlmsg_len - NLMSG_HDRLEN);
				return 0;
			}
			if (nlh->nlmsg_type == NLMSG_ERROR)
				return ((struct nlmsgerr *)
					NLMSG_DATA(nlh))->error;
		}
	}
}

/* The kernel's auditing switch: 0, 1, or 2 (locked); or -errno. */
static int audit_enabled_get(int ctl)
{
	struct audit_status s = { 0 };
	int ret = audit_request(ctl, AUDIT_GET, NULL, &s);

	return ret ? ret : (int)s.enabled;
}

static int audit_enabled_set(int ctl, int enabled)
{
	struct audit_status s = {
		.mask = AUDIT_STATUS_ENABLED,
		.enabled = enabled,
	};

	return audit_request(ctl, AUDIT_SET, &s, NULL);
}

/* A socket that receives the records the kernel multicasts to readers. */
static int audit_reader(void)
{
	struct sockaddr_nl addr = {
		.nl_family = AF_NETLINK,
		.nl_groups = 1 << (AUDIT_NLGRP_READLOG - 1),
	};
	int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_AUDIT);

	if (fd < 0)
		return -errno;
	if (bind(fd, (struct sockaddr *)&addr, sizeof(addr))) {
		close(fd);
		return -errno;
	}
	return fd;
}

/*
 * The next keyseal record, NUL-terminated, within @ms: its length, or
 * -ETIMEDOUT. Other records (the syscall records auditing adds, say) are
 * skipped.
 */
static int next_record(int fd, char *rec, size_t size, int ms)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };
	char buf[16384];	/* more than the kernel's longest record */
	struct nlmsghdr *nlh = (struct nlmsghdr *)buf;
	size_t len;
	ssize_t n;

	for (;;) {
		if (poll(&p, 1, ms) != 1)
			return -ETIMEDOUT;
		n = recv(fd, buf, sizeof(buf), 0);
		if (n < 0)
			return -errno;
		if (!NLMSG_OK(nlh, n) || nlh->nlmsg_type != AUDIT_KERNEL_OTHER)
			continue;
		len = nlh->nlmsg_len - NLMSG_HDRLEN;
		if (len >= size)
			len = size - 1;
		memcpy(rec, NLMSG_DATA(nlh), len);
		rec[len] = '\0';
		if (strstr(rec, " op=keyseal-"))
			return len;
	}
}

/* A field's value, or "" if the record has none. */
static const char *field(const char *rec, const char *name, char *val,
			 size_t size)
{
	char pattern[64];
	const char *p;
	size_t len;

	snprintf(pattern, sizeof(pattern), " %s=", name);
	p = strstr(rec, pattern);
	val[0] = '\0';
	if (!p)
		return val;
	p += strlen(pattern);
	len = strcspn(p, " ");
	if (len >= size)
		len = size - 1;
	memcpy(val, p, len);
	val[len] = '\0';
	return val;
}

static void hex(const u8 *buf, size_t len, char *out)
{
	size_t i;

	for (i = 0; i < len; i++)
		sprintf(out + 2 * i, "%02x", buf[i]);
	out[2 * len] = '\0';
}

/* --- the fixture ------------------------------------------------------------ */

FIXTURE(audit) {
	int fd, ctl, reader, was_enabled;
	key_serial_t root, other, marker;
	char root_fp[FP_HEX], other_fp[FP_HEX];
	/* the records of the last step */
	char rec[RECS_MAX][REC_MAX];
	int n;
	/* hex of material that must appear in no record */
	char secret[SECRETS_MAX][2 * 64 + 1];
	int secrets;
};

/* The fingerprint of a key's parent, in hex. */
static void parent_fp_of(struct __test_metadata *_metadata, int fd,
			 key_serial_t id, char *out)
{
	struct keyseal_info info;

	ASSERT_EQ(0, dev_info(fd, id, &info));
	hex(info.parent_fingerprint, sizeof(info.parent_fingerprint), out);
}

/*
 * Auditing on, a reader, root KEKs logon:audit:root (the default here) and
 * user:audit:other, and the marker key.
 */
FIXTURE_SETUP(audit)
{
	key_serial_t k;

	self->ctl = -1;
	self->reader = -1;
	self->fd = -1;
	self->was_enabled = -1;
	ASSERT_EQ(0, new_session());
	self->ctl = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_AUDIT);
	if (self->ctl < 0 && errno == EPROTONOSUPPORT)
		SKIP(return, "this kernel has no audit (CONFIG_AUDIT)");
	ASSERT_LE(0, self->ctl);
	self->was_enabled = audit_enabled_get(self->ctl);
	ASSERT_LE(0, self->was_enabled);
	if (!self->was_enabled)
		ASSERT_EQ(0, audit_enabled_set(self->ctl, 1));
	self->reader = audit_reader();
	ASSERT_LE(0, self->reader);

	self->root = add_random_logon_key("audit:root", KEK_SIZE);
	self->other = add_random_user_key("audit:other", KEK_SIZE);
	ASSERT_LT(0, self->root);
	ASSERT_LT(0, self->other);
	self->fd = open("/dev/keyseal", O_RDWR | O_CLOEXEC);
	ASSERT_LE(0, self->fd);
	self->marker = NEW_KEY("marker", "new aead parent=" ROOT);
	parent_fp_of(_metadata, self->fd, self->marker, self->root_fp);
	k = NEW_KEY("on-other", "new aead parent=" OTHER);
	parent_fp_of(_metadata, self->fd, k, self->other_fp);
	drop_key(k);
}

FIXTURE_TEARDOWN(audit)
{
	if (self->was_enabled == 0)
		EXPECT_EQ(0, audit_enabled_set(self->ctl, 0));
	if (self->fd >= 0)
		close(self->fd);
	if (self->reader >= 0)
		close(self->reader);
	if (self->ctl >= 0)
		close(self->ctl);
}

/*
 * The records of the step just done, into self->rec: the marker key is
 * exported to its parent, and the records read up to the marker's own. No
 * record may hold a secret the test registered.
 */
#define TAKE() do {							\
	u8 __blob[KEYSEAL_BLOB_MAX_SIZE];				\
	char __rec[REC_MAX], __serial[16], __v[32];			\
	u32 __len = sizeof(__blob);					\
	int __i, __r;							\
									\
	ASSERT_EQ(0, dev_export(self->fd, self->marker,			\
				KEYSEAL_TARGET_PARENT, 0, __blob, &__len)); \
	snprintf(__serial, sizeof(__serial), "%d", self->marker);	\
	for (self->n = 0;;) {						\
		__r = next_record(self->reader, __rec, sizeof(__rec),	\
				  DELIVERY_MS);				\
		ASSERT_LT(0, __r) TH_LOG("no marker record");		\
		for (__i = 0; __i < self->secrets; __i++)		\
			ASSERT_EQ(NULL, strcasestr(__rec,		\
						   self->secret[__i]))	\
				TH_LOG("material in: %s", __rec);	\
		if (!strcmp(__serial, field(__rec, "serial", __v,	\
					    sizeof(__v))))		\
			break;						\
		ASSERT_GT(RECS_MAX, self->n) TH_LOG("%s", __rec);	\
		strcpy(self->rec[self->n++], __rec);			\
	}								\
} while (0)

/* What one record must say; NULL and 0 fields read "?". */
struct want {
	const char *op;
	key_serial_t serial;
	const u8 *key_id;
	const char *usage;
	const char *target;
	const char *kek;
	const char *kek_fp;
	const u8 *pub_fp;
	const char *parent;
	const char *parent_fp;
	uid_t uid;
	pid_t pid;
	int err;
};

#define EXPECT_FIELD(rec, name, want) do {				\
	char __val[REC_MAX];						\
									\
	EXPECT_STREQ(want, field(rec, name, __val, sizeof(__val)))	\
		TH_LOG("%s in %s", name, rec);				\
} while (0)

static void check_record(struct __test_metadata *_metadata, const char *rec,
			 const struct want *w)
{
	char v[REC_MAX];

	EXPECT_FIELD(rec, "op", w->op);
	snprintf(v, sizeof(v), "%d", w->serial);
	EXPECT_FIELD(rec, "serial", v);
	if (w->key_id)
		hex(w->key_id, KEYSEAL_KEY_ID_SIZE, v);
	else
		strcpy(v, "?");
	EXPECT_FIELD(rec, "key_id", v);
	EXPECT_FIELD(rec, "usage", w->usage ? w->usage : "?");
	EXPECT_FIELD(rec, "target", w->target);
	if (w->kek)
		snprintf(v, sizeof(v), "\"%s\"", w->kek);
	else
		strcpy(v, "?");
	EXPECT_FIELD(rec, "kek", v);
	EXPECT_FIELD(rec, "kek_fp", w->kek_fp ? w->kek_fp : "?");
	if (w->pub_fp)
		hex(w->pub_fp, KEYSEAL_FINGERPRINT_SIZE, v);
	else
		strcpy(v, "?");
	EXPECT_FIELD(rec, "pub_fp", v);
	if (w->parent)
		snprintf(v, sizeof(v), "\"%s\"", w->parent);
	else
		strcpy(v, "?");
	EXPECT_FIELD(rec, "parent", v);
	EXPECT_FIELD(rec, "parent_fp", w->parent_fp ? w->parent_fp : "?");
	snprintf(v, sizeof(v), "%u", w->uid);
	EXPECT_FIELD(rec, "uid", v);
	snprintf(v, sizeof(v), "%d", w->pid ? w->pid : getpid());
	EXPECT_FIELD(rec, "pid", v);
	EXPECT_FIELD(rec, "comm", "\"" COMM "\"");
	EXPECT_FIELD(rec, "res", w->err ? "0" : "1");
	snprintf(v, sizeof(v), "%d", -w->err);
	EXPECT_FIELD(rec, "errno", v);
}

/* The step made exactly one record, and it says @w. */
#define EXPECT_ONE(...) do {						\
	struct want __w = { __VA_ARGS__ };				\
									\
	TAKE();								\
	ASSERT_EQ(1, self->n);						\
	check_record(_metadata, self->rec[0], &__w);			\
} while (0)

/* The step made no record. */
#define EXPECT_NONE() do {						\
	TAKE();								\
	EXPECT_EQ(0, self->n) TH_LOG("%s", self->rec[0]);		\
} while (0)

static void key_id_of(struct __test_metadata *_metadata, int fd,
		      key_serial_t id, u8 *key_id)
{
	struct keyseal_info info;

	ASSERT_EQ(0, dev_info(fd, id, &info));
	memcpy(key_id, info.key_id, KEYSEAL_KEY_ID_SIZE);
}

/* --- export -------------------------------------------------------------- */

/*
 * keyctl read is an export to the key's parent: one record when the blob is
 * handed out, none when the caller only asks for its size; one when it is
 * refused (an expired key).
 */
TEST_F(audit, keyctl_read)
{
	u8 blob[KEYSEAL_BLOB_MAX_SIZE], id[KEYSEAL_KEY_ID_SIZE];
	char command[128];
	key_serial_t k;
	time_t end;

	k = NEW_KEY("db", "new aead parent=" ROOT);
	key_id_of(_metadata, self->fd, k, id);
	EXPECT_NONE();

	EXPECT_LT(0, keyctl_read(k, NULL, 0));
	EXPECT_NONE();

	BLOB_OF(k, blob);
	EXPECT_ONE(.op = "keyseal-export", .serial = k, .key_id = id,
		   .usage = "aead", .target = "parent", .kek = ROOT,
		   .kek_fp = self->root_fp, .parent = ROOT,
		   .parent_fp = self->root_fp);

	end = time(NULL) + 1;
	snprintf(command, sizeof(command), "new secret notafter=%lld parent=" ROOT,
		 (long long)end);
	k = NEW_KEY("soon", command);
	key_id_of(_metadata, self->fd, k, id);
	while (time(NULL) <= end)
		usleep(50000);
	EXPECT_EQ(-EKEYEXPIRED, read_blob(k, blob, sizeof(blob)));
	EXPECT_ONE(.op = "keyseal-export", .serial = k, .key_id = id,
		   .usage = "secret", .target = "parent", .kek = ROOT,
		   .kek_fp = self->root_fp, .parent = ROOT,
		   .parent_fp = self->root_fp, .err = -EKEYEXPIRED);
}

/*
 * EXPORT to each target, allowed and refused: its own parent, another KEK
 * (and its parent named as a KEK, which is the parent), a recipient, the
 * clear. A request refused before keyseal holds the key makes no record.
 */
TEST_F(audit, export_ioctl)
{
	u8 blob[KEYSEAL_BLOB_MAX_SIZE], id[KEYSEAL_KEY_ID_SIZE];
	u8 nid[KEYSEAL_KEY_ID_SIZE];
	struct exchange_pubkey pk;
	struct keyseal_export bad;
	key_serial_t k, n, x;
	pid_t pid;
	u32 len;

	k = NEW_KEY("db", "new aead exportable parent=" ROOT);
	n = NEW_KEY("fixed", "new aead parent=" ROOT);
	x = NEW_KEY("inbox", "new x25519 parent=" ROOT);
	key_id_of(_metadata, self->fd, k, id);
	key_id_of(_metadata, self->fd, n, nid);
	ASSERT_EQ(0, dev_pubkey(self->fd, x, &pk));
	EXPECT_NONE();

	len = sizeof(blob);
	EXPECT_EQ(0, dev_export(self->fd, k, KEYSEAL_TARGET_PARENT, 0, blob,
				&len));
	EXPECT_ONE(.op = "keyseal-export", .serial = k, .key_id = id,
		   .usage = "aead", .target = "parent", .kek = ROOT,
		   .kek_fp = self->root_fp, .parent = ROOT,
		   .parent_fp = self->root_fp);

	EXPECT_EQ(0, export_to_kek(self->fd, k, self->other));
	EXPECT_ONE(.op = "keyseal-export", .serial = k, .key_id = id,
		   .usage = "aead", .target = "kek", .kek = OTHER,
		   .kek_fp = self->other_fp, .parent = ROOT,
		   .parent_fp = self->root_fp);

	EXPECT_EQ(0, export_to_kek(self->fd, n, self->root));
	EXPECT_ONE(.op = "keyseal-export", .serial = n, .key_id = nid,
		   .usage = "aead", .target = "parent", .kek = ROOT,
		   .kek_fp = self->root_fp, .parent = ROOT,
		   .parent_fp = self->root_fp);

	len = sizeof(blob);
	EXPECT_EQ(0, dev_export_recipient(self->fd, k, pk.kem, pk.key, pk.len,
					  0, blob, &len));
	EXPECT_ONE(.op = "keyseal-export", .serial = k, .key_id = id,
		   .usage = "aead", .target = "recipient", .pub_fp = pk.fp,
		   .parent = ROOT, .parent_fp = self->root_fp);

	/* refused by policy: the key is not exportable */
	EXPECT_EQ(-EPERM, export_to_kek(self->fd, n, self->other));
	EXPECT_ONE(.op = "keyseal-export", .serial = n, .key_id = nid,
		   .usage = "aead", .target = "kek", .kek = OTHER,
		   .kek_fp = self->other_fp, .parent = ROOT,
		   .parent_fp = self->root_fp, .err = -EPERM);
	len = sizeof(blob);
	EXPECT_EQ(-EPERM, dev_export_recipient(self->fd, n, pk.kem, pk.key,
					       pk.len, 0, blob, &len));
	EXPECT_ONE(.op = "keyseal-export", .serial = n, .key_id = nid,
		   .usage = "aead", .target = "recipient", .pub_fp = pk.fp,
		   .parent = ROOT, .parent_fp = self->root_fp, .err = -EPERM);
	len = sizeof(blob);
	EXPECT_EQ(-EPERM, dev_export(self->fd, k, KEYSEAL_TARGET_PLAINTEXT, 0,
				     blob, &len));
	EXPECT_ONE(.op = "keyseal-export", .serial = k, .key_id = id,
		   .usage = "aead", .target = "plaintext", .parent = ROOT,
		   .parent_fp = self->root_fp, .err = -EPERM);

	/* the target KEK is not found: named as unknown */
	EXPECT_EQ(-ENOKEY, export_to_kek(self->fd, k, 0x7ffffff0));
	EXPECT_ONE(.op = "keyseal-export", .serial = k, .key_id = id,
		   .usage = "aead", .target = "kek", .parent = ROOT,
		   .parent_fp = self->root_fp, .err = -ENOKEY);

	/* a blob that does not fit: nothing left, and the record says so */
	len = 8;
	EXPECT_EQ(-ERANGE, dev_export(self->fd, k, KEYSEAL_TARGET_PARENT, 0,
				      blob, &len));
	EXPECT_ONE(.op = "keyseal-export", .serial = k, .key_id = id,
		   .usage = "aead", .target = "parent", .kek = ROOT,
		   .kek_fp = self->root_fp, .parent = ROOT,
		   .parent_fp = self->root_fp, .err = -ERANGE);

	/* no key held: a malformed request, a key that is not there */
	memset(&bad, 0, sizeof(bad));
	bad.serial = k;
	bad.target = KEYSEAL_TARGET_PARENT;
	bad.reserved[0] = 1;
	EXPECT_EQ(-EINVAL, dev_ioctl(self->fd, KEYSEAL_IOC_EXPORT, &bad));
	len = sizeof(blob);
	EXPECT_EQ(-ENOKEY, dev_export(self->fd, 0x7ffffff0,
				      KEYSEAL_TARGET_PARENT, 0, blob, &len));
	/* nor a key the caller may not read: the attacker's try on root's */
	pid = fork_as(ATTACKER_UID);
	ASSERT_LE(0, pid);
	if (!pid) {
		len = sizeof(blob);
		_exit(dev_export(self->fd, k, KEYSEAL_TARGET_PARENT, 0, blob,
				 &len) == -EACCES ? 0 : 1);
	}
	EXPECT_EQ(0, wait_child(pid));
	EXPECT_NONE();
}

/*
 * EXPORT to an RSA wrapping key names the key by the SHA-256 of the
 * SubjectPublicKeyInfo it was given, also when the export is refused or the
 * key given is no RSA key.
 */
TEST_F(audit, export_rsa)
{
	u8 spki[KEYSEAL_RSA_SPKI_MAX], out[1024], fp[KEYSEAL_FINGERPRINT_SIZE];
	u8 bad_fp[KEYSEAL_FINGERPRINT_SIZE];
	u8 id[KEYSEAL_KEY_ID_SIZE], nid[KEYSEAL_KEY_ID_SIZE];
	EVP_PKEY *pkey;
	key_serial_t k, n;
	long spki_len;
	u32 len;

	pkey = rsa_test_private_key(rsa_test_key_pem);
	ASSERT_NE(NULL, pkey);
	spki_len = rsa_test_spki(pkey, spki, sizeof(spki));
	EVP_PKEY_free(pkey);
	ASSERT_LT(0, spki_len);
	SHA256(spki, spki_len, fp);
	SHA256(spki, spki_len - 1, bad_fp);

	k = NEW_KEY("cloud", "new aead exportable parent=" ROOT);
	n = NEW_KEY("kept", "new aead parent=" ROOT);
	key_id_of(_metadata, self->fd, k, id);
	key_id_of(_metadata, self->fd, n, nid);
	EXPECT_NONE();

	len = sizeof(out);
	EXPECT_EQ(0, dev_export_rsa(self->fd, k, KEYSEAL_RSA_AES_KWP_SHA256,
				    spki, spki_len, out, &len));
	EXPECT_ONE(.op = "keyseal-export", .serial = k, .key_id = id,
		   .usage = "aead", .target = "rsa", .pub_fp = fp,
		   .parent = ROOT, .parent_fp = self->root_fp);

	len = sizeof(out);
	EXPECT_EQ(-EPERM, dev_export_rsa(self->fd, n, KEYSEAL_RSA_OAEP_SHA1,
					 spki, spki_len, out, &len));
	EXPECT_ONE(.op = "keyseal-export", .serial = n, .key_id = nid,
		   .usage = "aead", .target = "rsa", .pub_fp = fp,
		   .parent = ROOT, .parent_fp = self->root_fp, .err = -EPERM);

	/* A truncated SubjectPublicKeyInfo is no key; the record says so. */
	len = sizeof(out);
	EXPECT_EQ(-EINVAL, dev_export_rsa(self->fd, k, KEYSEAL_RSA_OAEP_SHA256,
					  spki, spki_len - 1, out, &len));
	EXPECT_ONE(.op = "keyseal-export", .serial = k, .key_id = id,
		   .usage = "aead", .target = "rsa", .pub_fp = bad_fp,
		   .parent = ROOT, .parent_fp = self->root_fp, .err = -EINVAL);
}

/*
 * BRIDGE: the record names the sealed key, its parent and the copy made of
 * it; a refused bridge names no copy.
 */
TEST_F(audit, bridge)
{
	u8 id[KEYSEAL_KEY_ID_SIZE], aid[KEYSEAL_KEY_ID_SIZE];
	char serial[16];
	key_serial_t s, a, l;

	s = NEW_KEY("vol", "new secret 64 parent=" ROOT);
	a = NEW_KEY("data", "new aead parent=" ROOT);
	key_id_of(_metadata, self->fd, s, id);
	key_id_of(_metadata, self->fd, a, aid);
	EXPECT_NONE();

	l = dev_bridge(self->fd, s, KEYSEAL_BRIDGE_LOGON, "audit:vol",
		       KEY_SPEC_SESSION_KEYRING, 0);
	ASSERT_LT(0, l);
	EXPECT_ONE(.op = "keyseal-bridge", .serial = s, .key_id = id,
		   .usage = "secret", .target = "logon", .parent = ROOT,
		   .parent_fp = self->root_fp);
	EXPECT_FIELD(self->rec[0], "copy", "\"logon:audit:vol\"");
	snprintf(serial, sizeof(serial), "%d", l);
	EXPECT_FIELD(self->rec[0], "copy_serial", serial);

	EXPECT_EQ(-EKEYREJECTED, dev_bridge(self->fd, a, KEYSEAL_BRIDGE_LOGON,
					    "audit:data",
					    KEY_SPEC_SESSION_KEYRING, 0));
	EXPECT_ONE(.op = "keyseal-bridge", .serial = a, .key_id = aid,
		   .usage = "aead", .target = "logon", .parent = ROOT,
		   .parent_fp = self->root_fp, .err = -EKEYREJECTED);
	EXPECT_FIELD(self->rec[0], "copy", "?");
	EXPECT_FIELD(self->rec[0], "copy_serial", "?");
}

/*
 * A key exported in the clear: the record names it, and neither it nor the
 * load of the plaintext blob holds a byte of the material.
 */
TEST_F(audit, plaintext_export_and_load)
{
	u8 blob[KEYSEAL_BLOB_MAX_SIZE], id[KEYSEAL_KEY_ID_SIZE];
	struct keyseal_blob parsed;
	key_serial_t k, l;
	char *s;
	u32 len;

	k = NEW_KEY("clear", "new aead plaintext parent=" ROOT);
	key_id_of(_metadata, self->fd, k, id);
	len = sizeof(blob);
	ASSERT_EQ(0, dev_export(self->fd, k, KEYSEAL_TARGET_PLAINTEXT, 0,
				blob, &len));
	ASSERT_EQ(0, keyseal_blob_parse(blob, len, &parsed));
	ASSERT_EQ(KEYSEAL_SCHEME_PLAINTEXT, parsed.scheme);
	ASSERT_EQ(32, parsed.body_len);
	s = self->secret[self->secrets++];
	hex(parsed.body, parsed.body_len, s);
	EXPECT_ONE(.op = "keyseal-export", .serial = k, .key_id = id,
		   .usage = "aead", .target = "plaintext", .parent = ROOT,
		   .parent_fp = self->root_fp);

	drop_key(k);
	l = load_blob_with("again", blob, len, "parent=" ROOT);
	ASSERT_LT(0, l);
	EXPECT_ONE(.op = "keyseal-load", .serial = l, .key_id = id,
		   .usage = "aead", .target = "plaintext", .parent = ROOT,
		   .parent_fp = self->root_fp);
}

/* --- rewrap --------------------------------------------------------------- */

/*
 * REWRAP of a blob (no serial: no key in a keyring) and keyctl update
 * "rewrap" of a key, allowed and refused; restrict re-seals nothing that
 * leaves, and makes no record.
 */
TEST_F(audit, rewrap)
{
	u8 blob[KEYSEAL_BLOB_MAX_SIZE], nblob[KEYSEAL_BLOB_MAX_SIZE];
	u8 id[KEYSEAL_KEY_ID_SIZE], nid[KEYSEAL_KEY_ID_SIZE];
	key_serial_t k, n;
	u32 len, nlen;

	k = NEW_KEY("db", "new aead exportable parent=" ROOT);
	n = NEW_KEY("fixed", "new aead parent=" ROOT);
	key_id_of(_metadata, self->fd, k, id);
	key_id_of(_metadata, self->fd, n, nid);
	len = BLOB_OF(k, blob);
	nlen = BLOB_OF(n, nblob);
	TAKE();
	ASSERT_EQ(2, self->n);

	EXPECT_EQ(0, rewrap_to(self->fd, blob, len, 0, self->other));
	EXPECT_ONE(.op = "keyseal-rewrap", .key_id = id, .usage = "aead",
		   .target = "kek", .kek = OTHER, .kek_fp = self->other_fp,
		   .parent = ROOT, .parent_fp = self->root_fp);
	EXPECT_EQ(0, rewrap_to(self->fd, nblob, nlen, 0, self->root));
	EXPECT_ONE(.op = "keyseal-rewrap", .key_id = nid, .usage = "aead",
		   .target = "parent", .kek = ROOT, .kek_fp = self->root_fp,
		   .parent = ROOT, .parent_fp = self->root_fp);
	EXPECT_EQ(-EPERM, rewrap_to(self->fd, nblob, nlen, 0, self->other));
	EXPECT_ONE(.op = "keyseal-rewrap", .key_id = nid, .usage = "aead",
		   .target = "kek", .kek = OTHER, .kek_fp = self->other_fp,
		   .parent = ROOT, .parent_fp = self->root_fp, .err = -EPERM);
	/* not authentic: the KEK that opens it is known, not the target */
	nblob[nlen - 1] ^= 1;
	EXPECT_EQ(-EBADMSG, rewrap_to(self->fd, nblob, nlen, 0, self->other));
	EXPECT_ONE(.op = "keyseal-rewrap", .key_id = nid, .usage = "aead",
		   .target = "kek", .parent = ROOT, .parent_fp = self->root_fp,
		   .err = -EBADMSG);
	/* not a blob: nothing known, no record */
	memset(nblob, 0, sizeof(nblob));
	EXPECT_EQ(-EINVAL, rewrap_to(self->fd, nblob, 100, 0, self->other));
	EXPECT_NONE();

	EXPECT_EQ(0, update_key(k, "rewrap parent=" OTHER));
	EXPECT_ONE(.op = "keyseal-rewrap", .serial = k, .key_id = id,
		   .usage = "aead", .target = "kek", .kek = OTHER,
		   .kek_fp = self->other_fp, .parent = ROOT,
		   .parent_fp = self->root_fp);
	EXPECT_EQ(0, update_key(k, "rewrap parent=" ROOT));
	EXPECT_ONE(.op = "keyseal-rewrap", .serial = k, .key_id = id,
		   .usage = "aead", .target = "kek", .kek = ROOT,
		   .kek_fp = self->root_fp, .parent = OTHER,
		   .parent_fp = self->other_fp);
	EXPECT_EQ(-EPERM, update_key(n, "rewrap parent=" OTHER));
	EXPECT_ONE(.op = "keyseal-rewrap", .serial = n, .key_id = nid,
		   .usage = "aead", .target = "kek", .kek = OTHER,
		   .kek_fp = self->other_fp, .parent = ROOT,
		   .parent_fp = self->root_fp, .err = -EPERM);
	EXPECT_EQ(-ENOKEY, update_key(n, "rewrap parent=user:nowhere"));
	EXPECT_ONE(.op = "keyseal-rewrap", .serial = n, .key_id = nid,
		   .usage = "aead", .target = "kek", .parent = ROOT,
		   .parent_fp = self->root_fp, .err = -ENOKEY);

	EXPECT_EQ(0, update_key(k, "restrict"));
	EXPECT_NONE();
}

/* --- load and import ------------------------------------------------------- */

/*
 * A KEK blob loaded with keyctl and imported with IMPORT (the same path):
 * the record has the new key's serial. A blob that fails, or a key of a
 * description already taken, has none.
 */
TEST_F(audit, load_kek_blob)
{
	u8 blob[KEYSEAL_BLOB_MAX_SIZE], id[KEYSEAL_KEY_ID_SIZE];
	key_serial_t k, l, i;
	u32 len;

	k = NEW_KEY("db", "new aead parent=" ROOT);
	key_id_of(_metadata, self->fd, k, id);
	len = BLOB_OF(k, blob);
	drop_key(k);
	TAKE();

	l = load_blob("loaded", blob, len);
	ASSERT_LT(0, l);
	EXPECT_ONE(.op = "keyseal-load", .serial = l, .key_id = id,
		   .usage = "aead", .target = "kek", .kek = ROOT,
		   .kek_fp = self->root_fp, .parent = ROOT,
		   .parent_fp = self->root_fp);

	EXPECT_EQ(-EEXIST, load_blob("loaded", blob, len));
	EXPECT_ONE(.op = "keyseal-load", .key_id = id, .usage = "aead",
		   .target = "kek", .kek = ROOT, .kek_fp = self->root_fp,
		   .parent = ROOT, .parent_fp = self->root_fp,
		   .err = -EEXIST);

	i = dev_import(self->fd, blob, len, "imported", 0, 0, NULL, 0);
	ASSERT_LT(0, i);
	EXPECT_ONE(.op = "keyseal-load", .serial = i, .key_id = id,
		   .usage = "aead", .target = "kek", .kek = ROOT,
		   .kek_fp = self->root_fp, .parent = ROOT,
		   .parent_fp = self->root_fp);

	blob[len - 1] ^= 1;
	EXPECT_EQ(-EBADMSG, load_blob("forged", blob, len));
	EXPECT_ONE(.op = "keyseal-load", .key_id = id, .usage = "aead",
		   .target = "kek", .kek = ROOT, .kek_fp = self->root_fp,
		   .parent = ROOT, .parent_fp = self->root_fp,
		   .err = -EBADMSG);

	/* not a blob: nothing known, no record */
	EXPECT_EQ(-EINVAL, load_armor("junk", "AAAA", NULL));
	EXPECT_NONE();
}

/* A blob sent to an exchange key, loaded, and one that is not authentic. */
TEST_F(audit, load_recipient_blob)
{
	u8 blob[KEYSEAL_BLOB_MAX_SIZE], id[KEYSEAL_KEY_ID_SIZE];
	struct exchange_pubkey pk;
	key_serial_t k, x, l;
	u32 len;

	x = NEW_KEY("inbox", "new x25519 parent=" ROOT);
	k = NEW_KEY("db", "new aead exportable parent=" ROOT);
	key_id_of(_metadata, self->fd, k, id);
	ASSERT_EQ(0, dev_pubkey(self->fd, x, &pk));
	len = sizeof(blob);
	ASSERT_EQ(0, dev_export_recipient(self->fd, k, pk.kem, pk.key, pk.len,
					  0, blob, &len));
	drop_key(k);
	TAKE();

	l = load_blob_with("from-peer", blob, len, "parent=" OTHER);
	ASSERT_LT(0, l);
	EXPECT_ONE(.op = "keyseal-load", .serial = l, .key_id = id,
		   .usage = "aead", .target = "recipient", .pub_fp = pk.fp,
		   .parent = OTHER, .parent_fp = self->other_fp);

	blob[len - 1] ^= 1;
	EXPECT_EQ(-EBADMSG, load_blob("forged", blob, len));
	EXPECT_ONE(.op = "keyseal-load", .key_id = id, .usage = "aead",
		   .target = "recipient", .pub_fp = pk.fp, .err = -EBADMSG);
}

/*
 * Clear-text import: root's is recorded with the new key, the attacker's
 * refusal with the attacker as the caller; no record holds the material.
 * The attacker's plaintext blob is refused and recorded too.
 */
TEST_F(audit, clear_import)
{
	char command[200], chosen_hex[2 * sizeof(chosen) + 1];
	u8 blob[KEYSEAL_BLOB_MAX_SIZE], id[KEYSEAL_KEY_ID_SIZE];
	struct keyseal_blob parsed;
	key_serial_t k, c;
	pid_t pid;
	u32 len;

	hex(chosen, sizeof(chosen), chosen_hex);
	strcpy(self->secret[self->secrets++], chosen_hex);
	snprintf(command, sizeof(command),
		 "import aead %s exportable plaintext parent=" ROOT,
		 chosen_hex);

	c = add_sealed("chosen", command);
	ASSERT_LT(0, c);
	key_id_of(_metadata, self->fd, c, id);
	EXPECT_ONE(.op = "keyseal-import", .serial = c, .key_id = id,
		   .usage = "aead", .target = "clear", .parent = ROOT,
		   .parent_fp = self->root_fp);

	pid = fork_as(ATTACKER_UID);
	ASSERT_LE(0, pid);
	if (!pid)
		_exit(add_sealed("mine", command) == -EPERM ? 0 : 1);
	ASSERT_EQ(0, wait_child(pid));
	EXPECT_ONE(.op = "keyseal-import", .target = "clear",
		   .uid = ATTACKER_UID, .pid = pid, .err = -EPERM);

	/* the same key as a plaintext blob, from the attacker */
	k = NEW_KEY("clear", "new aead plaintext parent=" ROOT);
	len = sizeof(blob);
	ASSERT_EQ(0, dev_export(self->fd, k, KEYSEAL_TARGET_PLAINTEXT, 0,
				blob, &len));
	ASSERT_EQ(0, keyseal_blob_parse(blob, len, &parsed));
	hex(parsed.body, parsed.body_len, self->secret[self->secrets++]);
	key_id_of(_metadata, self->fd, k, id);
	TAKE();
	ASSERT_EQ(1, self->n);

	pid = fork_as(ATTACKER_UID);
	ASSERT_LE(0, pid);
	if (!pid)
		_exit(load_blob("mine", blob, len) == -EPERM ? 0 : 1);
	ASSERT_EQ(0, wait_child(pid));
	EXPECT_ONE(.op = "keyseal-load", .key_id = id, .usage = "aead",
		   .target = "plaintext", .uid = ATTACKER_UID, .pid = pid,
		   .err = -EPERM);
}

/* --- the attacker and the trail -------------------------------------------- */

/* How often @needle occurs in @hay. */
static int occurrences(const char *hay, const char *needle)
{
	int n = 0;

	for (; (hay = strstr(hay, needle)); hay += strlen(needle))
		n++;
	return n;
}

/*
 * A name is the attacker's to choose. keyseal takes no parent name with a
 * space, but one may hold quotes: a KEK whose description would close the
 * quoted value and spell out res= is written in hex, as audit writes such
 * strings, and the record keeps its one res= and uid=, the attacker's.
 */
TEST_F(audit, names_cannot_forge_fields)
{
	static const char desc[] = "evil\"res=1\"uid=0";
	char name[sizeof(desc) + 5], name_hex[2 * sizeof(name) + 1];
	struct keyseal_info info;
	struct {
		key_serial_t root, key;
		long info, read;
		char fp[FP_HEX];
	} *sh = shared_alloc(sizeof(*sh));
	pid_t pid;

	ASSERT_NE(NULL, sh);
	pid = fork_as(ATTACKER_UID);
	ASSERT_LE(0, pid);
	if (!pid) {
		u8 blob[KEYSEAL_BLOB_MAX_SIZE];
		char command[64];

		sh->root = add_random_user_key(desc, KEK_SIZE);
		snprintf(command, sizeof(command), "new aead parent=#%d",
			 sh->root);
		sh->key = add_sealed("mine", command);
		sh->info = dev_info(self->fd, sh->key, &info);
		hex(info.parent_fingerprint, KEYSEAL_FINGERPRINT_SIZE, sh->fp);
		sh->read = read_blob(sh->key, blob, sizeof(blob));
		_exit(0);
	}
	ASSERT_EQ(0, wait_child(pid));
	ASSERT_LT(0, sh->root);
	ASSERT_LT(0, sh->key);
	ASSERT_EQ(0, sh->info);
	ASSERT_LT(0, sh->read);

	snprintf(name, sizeof(name), "user:%s", desc);
	hex((const u8 *)name, strlen(name), name_hex);
	TAKE();
	ASSERT_EQ(1, self->n);
	EXPECT_FIELD(self->rec[0], "op", "keyseal-export");
	EXPECT_FIELD(self->rec[0], "kek", name_hex);
	EXPECT_FIELD(self->rec[0], "kek_fp", sh->fp);
	EXPECT_FIELD(self->rec[0], "parent", name_hex);
	EXPECT_FIELD(self->rec[0], "uid", "1000");
	EXPECT_FIELD(self->rec[0], "res", "1");
	EXPECT_EQ(1, occurrences(self->rec[0], " res="));
	EXPECT_EQ(1, occurrences(self->rec[0], " uid="));
	EXPECT_EQ(0, occurrences(self->rec[0], "evil"));
}

/*
 * The attacker can neither read the trail (joining the readers needs
 * CAP_AUDIT_READ) nor turn auditing off (CAP_AUDIT_CONTROL): the kernel's
 * rules, checked here because keyseal's records rely on them.
 */
TEST_F(audit, attacker_cannot_read_or_stop_the_trail)
{
	pid_t pid;

	pid = fork_as(ATTACKER_UID);
	ASSERT_LE(0, pid);
	if (!pid) {
		int ctl = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC,
				 NETLINK_AUDIT);

		_exit(audit_reader() == -EPERM && ctl >= 0 &&
		      audit_enabled_set(ctl, 0) == -EPERM ? 0 : 1);
	}
	EXPECT_EQ(0, wait_child(pid));
	EXPECT_LT(0, audit_enabled_get(self->ctl));
}

TEST_HARNESS_MAIN
