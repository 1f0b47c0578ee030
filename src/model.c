/* model.c: the model file format of model.h. */
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "errmsg.h"
#include "model.h"
#include "mlp.h"
#include "registry.h"

static const unsigned char magic[8] = {'A', 'C', 'T', 'M', 'L', 'P', 0x1a, 0x0a};
enum { NAME_BYTES = 16, MAX_FILE = 1 << 30 };

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

/* The length a file of n bytes at p should have by its header, or 0 when the
 * header is cut off or implausible (then the checksum speaks for it). */
static uint64_t header_length(const unsigned char *p, size_t n)
{
	if (n < 16)
		return 0;
	uint32_t L = get_u32(p + 12);
	if (L < 1 || L > MLP_MAX_LAYERS || n < 16 + 4 * ((size_t)L + 1))
		return 0;
	uint64_t params = 0;
	for (uint32_t l = 0; l < L; l++) {
		uint64_t in = get_u32(p + 16 + 4 * l), out = get_u32(p + 16 + 4 * (l + 1));
		if (in < 1 || in > 1u << 20 || out < 1 || out > 1u << 20)
			return 0;
		params += (in + 1) * out;
	}
	return 16 + 4 * ((uint64_t)L + 1) + NAME_BYTES + 8 + 8 * params + 4;
}

int model_save(const struct mlp *net, const char *path, char *err, size_t err_size)
{
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
		put_u32(&b, (uint32_t)crc32(0L, b.p, (uInt)b.n));
	if (b.oom) {
		free(b.p);
		return errmsg(err, err_size, "%s: out of memory while writing the model", path);
	}
	FILE *f = fopen(path, "wb");
	if (!f) {
		free(b.p);
		return errmsg(err, err_size, "%s: cannot create: %s", path, strerror(errno));
	}
	size_t wrote = fwrite(b.p, 1, b.n, f);
	int bad = wrote != b.n || ferror(f);
	if (fclose(f) != 0)
		bad = 1;
	free(b.p);
	if (bad)
		return errmsg(err, err_size, "%s: write failed: %s", path, strerror(errno));
	return 0;
}

struct mlp *model_load(const char *path, size_t max_batch, char *err, size_t err_size)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		errmsg(err, err_size, "%s: cannot open: %s", path, strerror(errno));
		return NULL;
	}
	struct buf b = {0};
	unsigned char chunk[65536];
	size_t r;
	while ((r = fread(chunk, 1, sizeof chunk, f)) > 0 && b.n <= MAX_FILE)
		put(&b, chunk, r);
	int read_error = ferror(f);
	fclose(f);
	struct mlp *net = NULL;
	const unsigned char *p = b.p;
	if (read_error) {
		errmsg(err, err_size, "%s: read error", path);
		goto out;
	}
	if (b.oom || b.n > MAX_FILE) {
		errmsg(err, err_size, "%s: too large to be a model (over %d bytes)", path, MAX_FILE);
		goto out;
	}
	if (b.n < 8 || memcmp(p, magic, 8) != 0) {
		errmsg(err, err_size, "%s: not a classify model file (it does not start with the magic "
			  "bytes \"ACTMLP\\x1a\\n\")", path);
		goto out;
	}
	if (b.n < 16 + 4) {
		errmsg(err, err_size, "%s: truncated: %zu bytes is too short for a model", path, b.n);
		goto out;
	}
	uint32_t version = get_u32(p + 8);
	if (version != MODEL_VERSION) {
		errmsg(err, err_size, "%s: model format version %u; this classify reads version %d", path,
		     (unsigned)version, MODEL_VERSION);
		goto out;
	}
	/* A file cut short fails its checksum too, but then the last four
	 * bytes are not a CRC at all; the header says what is missing. */
	uint64_t want = header_length(p, b.n);
	if (b.n < want) {
		errmsg(err, err_size, "%s: truncated: %zu bytes, expected %llu", path, b.n,
		     (unsigned long long)want);
		goto out;
	}
	uint32_t stored = get_u32(p + b.n - 4), crc = (uint32_t)crc32(0L, p, (uInt)(b.n - 4));
	if (stored != crc) {
		errmsg(err, err_size, "%s: damaged: its CRC-32 is 0x%08x but its contents give 0x%08x "
			  "(a truncated or altered file)", path, (unsigned)stored, (unsigned)crc);
		goto out;
	}
	uint32_t L = get_u32(p + 12);
	if (L < 1 || L > MLP_MAX_LAYERS) {
		errmsg(err, err_size, "%s: %u layers; a model has 1 to %d", path, (unsigned)L, MLP_MAX_LAYERS);
		goto out;
	}
	size_t off = 16, sizes[MLP_MAX_LAYERS + 1], n_params = 0;
	if (b.n < off + 4 * (L + 1) + NAME_BYTES + 8 + 4) {
		errmsg(err, err_size, "%s: truncated: too short for its %u layers", path, (unsigned)L);
		goto out;
	}
	for (uint32_t l = 0; l <= L; l++) {
		sizes[l] = get_u32(p + off + 4 * l);
		if (sizes[l] < 1 || sizes[l] > 1u << 20) {
			errmsg(err, err_size, "%s: layer size %zu is out of range", path, sizes[l]);
			goto out;
		}
	}
	for (uint32_t l = 0; l < L; l++)
		n_params += (sizes[l] + 1) * sizes[l + 1];
	off += 4 * (L + 1);
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
	if (b.n != off + 8 * n_params + 4) {
		errmsg(err, err_size, "%s: %zu bytes, but a model of this shape has %zu", path, b.n,
		     off + 8 * n_params + 4);
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
			errmsg(err, err_size, "%s: parameter %zu is %g; a trained model has finite ones",
			     path, k, v);
			mlp_free(net);
			net = NULL;
			goto out;
		}
		*mlp_param(net, k) = v;
	}
out:
	free(b.p);
	return net;
}
