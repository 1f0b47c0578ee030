/* idx.c: Fashion-MNIST from its gzipped IDX files, read with zlib.
 *
 * IDX (LeCun's format, which Fashion-MNIST keeps): a big-endian header of
 *     magic = 0x00000801 (labels, 1 dimension) or 0x00000803 (images, 3),
 *     then one 32-bit size per dimension,
 * then the unsigned bytes, row by row.  Everything read is checked: a
 * missing, truncated, corrupt or mismatched file is an error message that
 * names the file, never a crash. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "dataset.h"
#include "errmsg.h"

const char *const fashion_mnist_classes[10] = {
	"T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
	"Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot",
};

/* Reads exactly len bytes; on a short read says why: zlib's error for
 * corrupt data, "ends after N bytes" for a file cut short. */
static int read_exact(gzFile f, void *buf, size_t len, const char *path, const char *what,
		      char *err, size_t size)
{
	unsigned char *p = buf;
	size_t got = 0;
	while (got < len) {
		unsigned chunk = len - got > (1u << 30) ? (1u << 30) : (unsigned)(len - got);
		int r = gzread(f, p + got, chunk);
		if (r < 0) {
			int code;
			const char *msg = gzerror(f, &code);
			size_t pl = strlen(path);
			if (strncmp(msg, path, pl) == 0 && strncmp(msg + pl, ": ", 2) == 0)
				msg += pl + 2;
			return errmsg(err, size, "%s: corrupt gzip data in the %s (zlib: %s)", path, what,
				    msg);
		}
		if (r == 0)
			break;
		got += (size_t)r;
	}
	if (got < len) {
		int code;
		const char *msg = gzerror(f, &code);
		/* zlib's message may start with the path; we name it already. */
		size_t pl = strlen(path);
		if (strncmp(msg, path, pl) == 0 && strncmp(msg + pl, ": ", 2) == 0)
			msg += pl + 2;
		return errmsg(err, size, "%s: truncated: expected %zu bytes of %s, found only %zu%s%s%s",
			    path, len, what, got, code != Z_OK ? " (zlib: " : "",
			    code != Z_OK ? msg : "", code != Z_OK ? ")" : "");
	}
	return 0;
}

static uint32_t be32(const unsigned char *b)
{
	return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
}

/* Opens path and reads an IDX header of ndim dimensions into dims. */
static gzFile open_idx(const char *path, unsigned ndim, uint32_t *dims, char *err, size_t size)
{
	gzFile f = gzopen(path, "rb");
	if (!f) {
		if (errno == ENOENT)
			errmsg(err, size,
			     "%s: no such file; Fashion-MNIST comes with Debian's package "
			     "dataset-fashion-mnist (apt-get install dataset-fashion-mnist), "
			     "or point --data-dir at a directory holding its four .gz files",
			     path);
		else
			errmsg(err, size, "%s: cannot open: %s", path, strerror(errno));
		return NULL;
	}
	unsigned char head[4 + 4 * 3];
	if (read_exact(f, head, 4 + 4 * (size_t)ndim, path, "IDX header", err, size) != 0) {
		gzclose(f);
		return NULL;
	}
	uint32_t magic = be32(head), want = 0x800u | ndim;
	if (magic != want) {
		errmsg(err, size, "%s: not an IDX %s file: magic number 0x%08x, expected 0x%08x",
		     path, ndim == 1 ? "label" : "image", (unsigned)magic, (unsigned)want);
		gzclose(f);
		return NULL;
	}
	for (unsigned k = 0; k < ndim; k++)
		dims[k] = be32(head + 4 + 4 * k);
	return f;
}

int fashion_mnist_load(struct dataset *d, const char *dir, const char *split, size_t max_n,
		       char *err, size_t err_size)
{
	char ipath[4096], lpath[4096];
	uint32_t idims[3], ldims[1];
	memset(d, 0, sizeof *d);
	snprintf(ipath, sizeof ipath, "%s/%s-images-idx3-ubyte.gz", dir, split);
	snprintf(lpath, sizeof lpath, "%s/%s-labels-idx1-ubyte.gz", dir, split);

	gzFile fi = open_idx(ipath, 3, idims, err, err_size);
	if (!fi)
		return -1;
	gzFile fl = open_idx(lpath, 1, ldims, err, err_size);
	if (!fl) {
		gzclose(fi);
		return -1;
	}
	int rc = -1;
	unsigned char *pix = NULL, *lab = NULL;
	if (idims[1] != 28 || idims[2] != 28) {
		errmsg(err, err_size, "%s: images are %ux%u, expected 28x28", ipath,
		     (unsigned)idims[1], (unsigned)idims[2]);
		goto out;
	}
	if (idims[0] != ldims[0]) {
		errmsg(err, err_size, "%s holds %u images but %s holds %u labels", ipath,
		     (unsigned)idims[0], lpath, (unsigned)ldims[0]);
		goto out;
	}
	size_t n = idims[0], dim = 28 * 28;
	if (max_n > 0 && max_n < n)
		n = max_n;
	pix = malloc(n * dim + 1);
	lab = malloc(n + 1);
	d->X = malloc((n ? n : 1) * dim * sizeof *d->X);
	d->y = malloc((n ? n : 1) * sizeof *d->y);
	if (!pix || !lab || !d->X || !d->y) {
		errmsg(err, err_size, "%s: out of memory for %zu images", ipath, n);
		goto out;
	}
	if (read_exact(fi, pix, n * dim, ipath, "pixel data", err, err_size) != 0 ||
	    read_exact(fl, lab, n, lpath, "label data", err, err_size) != 0)
		goto out;
	for (size_t s = 0; s < n; s++) {
		if (lab[s] > 9) {
			errmsg(err, err_size, "%s: label %zu is %u; Fashion-MNIST labels are 0 to 9",
			     lpath, s, (unsigned)lab[s]);
			goto out;
		}
		d->y[s] = lab[s];
	}
	/* Pixels 0..255 scaled to [0, 1]: inputs of order 1 suit the
	 * initialisation, which assumes unit-scale inputs. */
	for (size_t k = 0; k < n * dim; k++)
		d->X[k] = pix[k] / 255.0;
	d->n = n, d->dim = dim, d->classes = 10;
	rc = 0;
out:
	free(pix);
	free(lab);
	gzclose(fi);
	gzclose(fl);
	if (rc != 0)
		dataset_free(d);
	return rc;
}
