/* model.c: the model file format of model.h. */
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <zlib.h>

#include "caps.h"
#include "errmsg.h"
#include "model.h"
#include "mlp.h"
#include "outfile.h"
#include "registry.h"

static const unsigned char magic[8] = {'A', 'C', 'T', 'M', 'L', 'P', 0x1a, 0x0a};
/* HEAD: magic, version, L; then the sizes, the name and the parameter. */
enum { HEAD = 16, NAME_BYTES = 16 };

/* A growable byte buffer, so the checksum covers exactly what is written. */
struct buf {
	unsigned char *p;
	size_t n, cap;
	int oom;
};

static void put(struct buf *b, const void *data, size_t n)
{
	if (b->oom)
		return;
	if (b->n + n > b->cap) {
		size_t cap = b->cap ? 2 * b->cap : 4096;
		while (cap < b->n + n)
			cap *= 2;
		unsigned char *p = realloc(b->p, cap);
		if (!p) {
			b->oom = 1;
			return;
		}
		b->p = p, b->cap = cap;
	}
	memcpy(b->p + b->n, data, n);
	b->n += n;
}

static void put_u32(struct buf *b, uint32_t v)
{
	unsigned char c[4] = {v & 0xff, v >> 8 & 0xff, v >> 16 & 0xff, v >> 24 & 0xff};
	put(b, c, 4);
}

static void put_f64(struct buf *b, double v)
{
	uint64_t u;
	memcpy(&u, &v, 8);
	unsigned char c[8];
	for (int k = 0; k < 8; k++)
		c[k] = (unsigned char)(u >> (8 * k));
	put(b, c, 8);
}

static uint32_t get_u32(const unsigned char *c)
{
	return (uint32_t)c[0] | (uint32_t)c[1] << 8 | (uint32_t)c[2] << 16 | (uint32_t)c[3] << 24;
}

static double get_f64(const unsigned char *c)
{
	uint64_t u = 0;
	for (int k = 0; k < 8; k++)
		u |= (uint64_t)c[k] << (8 * k);
	double v;
	memcpy(&v, &u, 8);
	return v;
}

/* v as the messages write it: "nan" whatever the sign bit, which means
 * nothing in a NaN. */
static const char *text_of(double v, char *buf, size_t size)
{
	if (isnan(v))
		snprintf(buf, size, "nan");
	else
		snprintf(buf, size, "%g", v);
	return buf;
}

/* The first parameter of net that is not finite, as its index, or -1. */
static long long first_non_finite(const struct mlp *net)
{
	long long k = 0;
	for (size_t l = 0; l < net->n_layers; l++) {
		for (size_t i = 0; i < net->size[l] * net->size[l + 1]; i++, k++)
			if (!isfinite(net->W[l][i]))
				return k;
		for (size_t i = 0; i < net->size[l + 1]; i++, k++)
			if (!isfinite(net->b[l][i]))
				return k;
	}
	return -1;
}

int model_save(const struct mlp *net, const char *path, char *err, size_t err_size)
{
	/* A network that diverged is not a model: writing it would replace a
	 * good file with one that --load refuses. */
	struct stat st;
	const char *kept = stat(path, &st) == 0 ? "; the file is left as it was" : "";
	char t[32];
	if (!isfinite(net->act.param))
		return errmsg(err, err_size, "%s: not saved: the activation's parameter is %s%s",
			      path, text_of(net->act.param, t, sizeof t), kept);
	long long bad = first_non_finite(net);
	if (bad >= 0) {
		size_t l = 0, k = (size_t)bad;
		while (k >= (net->size[l] + 1) * net->size[l + 1])
			k -= (net->size[l] + 1) * net->size[l + 1], l++;
		double v = k < net->size[l] * net->size[l + 1] ? net->W[l][k]
							       : net->b[l][k - net->size[l] * net->size[l + 1]];
		return errmsg(err, err_size, "%s: not saved: the network diverged (parameter %lld is "
			      "%s; try a smaller --lr)%s", path, bad, text_of(v, t, sizeof t), kept);
	}
	struct buf b = {0};
	char name[NAME_BYTES] = {0};
	strncpy(name, net->act.name, NAME_BYTES - 1);
	put(&b, magic, 8);
	put_u32(&b, MODEL_VERSION);
	put_u32(&b, (uint32_t)net->n_layers);
	for (size_t l = 0; l <= net->n_layers; l++)
		put_u32(&b, (uint32_t)net->size[l]);
	put(&b, name, NAME_BYTES);
	put_f64(&b, net->act.param);
	for (size_t l = 0; l < net->n_layers; l++) {
		for (size_t k = 0; k < net->size[l] * net->size[l + 1]; k++)
			put_f64(&b, net->W[l][k]);
		for (size_t k = 0; k < net->size[l + 1]; k++)
			put_f64(&b, net->b[l][k]);
	}
	if (!b.oom)
		put_u32(&b, (uint32_t)crc32_z(0L, b.p, b.n));
	if (b.oom) {
		free(b.p);
		return errmsg(err, err_size, "%s: out of memory while writing the model", path);
	}
	/* Into a temporary file renamed over path only once it is all on the
	 * disk, so a full disk cannot leave half a model behind. */
	struct outfile o;
	if (outfile_open(&o, path, err, err_size) != 0) {
		free(b.p);
		return -1;
	}
	fwrite(b.p, 1, b.n, o.f);
	free(b.p);
	return outfile_close(&o, err, err_size);
}

/* Reads exactly n bytes; 0, or -1 when the file ends (or fails) first. */
static int read_all(FILE *f, void *p, size_t n)
{
	return fread(p, 1, n, f) == n ? 0 : -1;
}

/* The model in f (called path).  The header comes first: the length of the
 * file is checked against the shape it gives, and the shape against the
 * caps, before anything of that size is allocated or read. */
static struct mlp *load(FILE *f, const char *path, size_t max_batch, char *err, size_t err_size)
{
	struct stat st;
	int regular = fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode);
	unsigned char head[HEAD + 4 * (CAP_LAYERS + 1)];
	size_t got = fread(head, 1, HEAD, f);
	if (ferror(f)) {
		errmsg(err, err_size, "%s: read error: %s", path, strerror(errno));
		return NULL;
	}
	if (got < 8 || memcmp(head, magic, 8) != 0) {
		errmsg(err, err_size, "%s: not a classify model file (it does not start with the magic "
		       "bytes \"ACTMLP\\x1a\\n\")", path);
		return NULL;
	}
	if (got < HEAD) {
		errmsg(err, err_size, "%s: truncated: %zu bytes is too short for a model", path, got);
		return NULL;
	}
	uint32_t version = get_u32(head + 8), L = get_u32(head + 12);
	if (version != MODEL_VERSION) {
		errmsg(err, err_size, "%s: model format version %u; this classify reads version %d",
		       path, (unsigned)version, MODEL_VERSION);
		return NULL;
	}
	if (L < 1 || L > CAP_LAYERS) {
		errmsg(err, err_size, "%s: %u layers; a model has 1 to %d", path, (unsigned)L,
		       CAP_LAYERS);
		return NULL;
	}
	if (read_all(f, head + HEAD, 4 * ((size_t)L + 1)) != 0) {
		errmsg(err, err_size, "%s: truncated: too short for the sizes of its %u layers", path,
		       (unsigned)L);
		return NULL;
	}
	size_t sizes[CAP_LAYERS + 1];
	uint64_t n_params = 0;
	for (uint32_t l = 0; l <= L; l++) {
		sizes[l] = get_u32(head + HEAD + 4 * l);
		if (sizes[l] < 1 || sizes[l] > CAP_WIDTH) {
			errmsg(err, err_size, "%s: layer size %zu is out of range: classify allows "
			       "1 to %d units in a layer", path, sizes[l], CAP_WIDTH);
			return NULL;
		}
	}
	for (uint32_t l = 0; l < L; l++)
		n_params += ((uint64_t)sizes[l] + 1) * sizes[l + 1];
	size_t off = HEAD + 4 * ((size_t)L + 1);
	uint64_t want = off + NAME_BYTES + 8 + 8 * n_params + 4;
	double bytes = caps_network_bytes(L, sizes, max_batch, 1);
	if (bytes > CAP_MEMORY) {
		char text[32];
		errmsg(err, err_size, "%s: a network of this shape needs %s, more than classify's "
		       "limit of %d GB", path, caps_bytes_text(bytes, text, sizeof text), CAP_MEMORY_GB);
		return NULL;
	}
	if (regular && (uint64_t)st.st_size != want) {
		if ((uint64_t)st.st_size < want)
			errmsg(err, err_size, "%s: truncated: %llu bytes, expected %llu", path,
			       (unsigned long long)st.st_size, (unsigned long long)want);
		else
			errmsg(err, err_size, "%s: %llu bytes, but its header describes a model of %llu: "
			       "data after its end, or a damaged header", path,
			       (unsigned long long)st.st_size, (unsigned long long)want);
		return NULL;
	}
	unsigned char *p = malloc(want);
	if (!p) {
		errmsg(err, err_size, "%s: out of memory for the model", path);
		return NULL;
	}
	memcpy(p, head, off);
	struct mlp *net = NULL;
	if (read_all(f, p + off, want - off) != 0) {
		errmsg(err, err_size, "%s: truncated: shorter than the %llu bytes its header gives",
		       path, (unsigned long long)want);
		goto out;
	}
	if (!regular && fgetc(f) != EOF) {
		errmsg(err, err_size, "%s: longer than the %llu bytes its header gives", path,
		       (unsigned long long)want);
		goto out;
	}
	uint32_t stored = get_u32(p + want - 4), crc = (uint32_t)crc32_z(0L, p, want - 4);
	if (stored != crc) {
		errmsg(err, err_size, "%s: damaged: its CRC-32 is 0x%08x but its contents give 0x%08x "
		       "(a truncated or altered file)", path, (unsigned)stored, (unsigned)crc);
		goto out;
	}
	char name[NAME_BYTES + 1] = {0};
	memcpy(name, p + off, NAME_BYTES);
	off += NAME_BYTES;
	double param = get_f64(p + off);
	off += 8;
	enum act_id id;
	if (!act_lookup(name, &id)) {
		errmsg(err, err_size, "%s: unknown activation \"%s\"", path, name);
		goto out;
	}
	char t[32];
	if (!isfinite(param)) {
		errmsg(err, err_size, "%s: the activation's parameter is %s; a trained model has a "
		       "finite one", path, text_of(param, t, sizeof t));
		goto out;
	}
	net = mlp_create(L, sizes, act_layer(id, param), max_batch);
	if (!net) {
		errmsg(err, err_size, "%s: out of memory for the network", path);
		goto out;
	}
	for (size_t k = 0; k < n_params; k++) {
		double v = get_f64(p + off + 8 * k);
		if (!isfinite(v)) {
			errmsg(err, err_size, "%s: parameter %zu is %s; a trained model has finite ones",
			       path, k, text_of(v, t, sizeof t));
			mlp_free(net);
			net = NULL;
			goto out;
		}
		*mlp_param(net, k) = v;
	}
out:
	free(p);
	return net;
}

struct mlp *model_load(const char *path, size_t max_batch, char *err, size_t err_size)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		errmsg(err, err_size, "%s: cannot open: %s", path, strerror(errno));
		return NULL;
	}
	struct mlp *net = load(f, path, max_batch, err, err_size);
	fclose(f);
	return net;
}
