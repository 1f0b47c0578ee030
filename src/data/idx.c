/* idx.c: Fashion-MNIST from its gzipped IDX files, read with zlib.
 *
 * IDX (LeCun's format, which Fashion-MNIST keeps): a big-endian header of
 *     magic = 0x00000801 (labels, 1 dimension) or 0x00000803 (images, 3),
 *     then one 32-bit size per dimension,
 * then the unsigned bytes, row by row.  Everything read is checked: a
 * missing, truncated, corrupt or mismatched file is an error message that
 * names the file, never a crash.  Before anything is allocated, the counts
 * of the header are held against what a file of its real size can hold and
 * against the caps of caps.h; every file is read to its end, so zlib checks
 * its CRC and length, and nothing may follow the data the header declares;
 * a set of no images is refused. */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "caps.h"
#include "dataset.h"
#include "errmsg.h"

const char *const fashion_mnist_classes[10] = {
	"T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
	"Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot",
};

/* Deflate never expands more than 1032-fold (zlib's FAQ, "maximum
 * compression factor"): the most bytes a gzip file of n bytes can hold. */
#define DEFLATE_MAX_RATIO 1032.0

/* One IDX file being read: its stream and what its header says. */
struct idx {
	gzFile f;
	const char *path;
	uint32_t count;  /* items: images or labels */
	size_t item;     /* bytes per item */
	const char *what; /* "images" or "labels" */
	uint64_t done;   /* bytes read so far (of the header, then of the data) */
};

/* zlib's message for f, without the path it may start with (we name it). */
static const char *zlib_says(gzFile f, const char *path, int *code)
{
	const char *msg = gzerror(f, code);
	size_t pl = strlen(path);
	if (strncmp(msg, path, pl) == 0 && strncmp(msg + pl, ": ", 2) == 0)
		msg += pl + 2;
	/* gzdopen names the stream "<fd:3>". */
	if (strncmp(msg, "<fd:", 4) == 0 && strstr(msg, ">: "))
		msg = strstr(msg, ">: ") + 3;
	return msg;
}

/* Reads up to len bytes into p (p NULL: reads and forgets them); returns
 * the number read, or -1 with a message when zlib finds the data corrupt
 * (a CRC that does not match included). */
static long long read_some(struct idx *x, unsigned char *p, uint64_t len, const char *what,
			   char *err, size_t size)
{
	static unsigned char scratch[1 << 16];
	uint64_t got = 0;
	while (got < len) {
		uint64_t want = len - got, lim = p ? (1u << 30) : sizeof scratch;
		int r = gzread(x->f, p ? p + got : scratch, (unsigned)(want < lim ? want : lim));
		if (r < 0) {
			int code;
			const char *msg = zlib_says(x->f, x->path, &code);
			return errmsg(err, size, "%s: corrupt gzip data, found reading the %s (zlib: %s)",
				      x->path, what, msg);
		}
		if (r == 0)
			break;
		got += (uint64_t)r;
	}
	x->done += got;
	return (long long)got;
}

/* The message for a file that ended after x->done of the total bytes. */
static int cut_short(struct idx *x, uint64_t total, const char *what, char *err, size_t size)
{
	int code;
	const char *msg = zlib_says(x->f, x->path, &code);
	return errmsg(err, size, "%s: truncated: expected %llu bytes of %s, found only %llu%s%s%s",
		      x->path, (unsigned long long)total, what, (unsigned long long)x->done,
		      code != Z_OK ? " (zlib: " : "", code != Z_OK ? msg : "", code != Z_OK ? ")" : "");
}

static uint32_t be32(const unsigned char *b)
{
	return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
}

/* Opens path, reads an IDX header of ndim dimensions (images: 28 x 28) and
 * checks its count against the file's size and the caps. */
static int open_idx(struct idx *x, const char *path, unsigned ndim, char *err, size_t size)
{
	const char *what = ndim == 1 ? "labels" : "images";
	memset(x, 0, sizeof *x);
	x->path = path;
	x->what = what;
	int fd = open(path, O_RDONLY);
	if (fd < 0) {
		if (errno == ENOENT)
			return errmsg(err, size,
				      "%s: no such file; Fashion-MNIST comes with Debian's package "
				      "dataset-fashion-mnist (apt-get install dataset-fashion-mnist), "
				      "or point --data-dir at a directory holding its four .gz files",
				      path);
		return errmsg(err, size, "%s: cannot open: %s", path, strerror(errno));
	}
	struct stat st;
	if (fstat(fd, &st) != 0 || !(x->f = gzdopen(fd, "rb"))) {
		int e = errno;
		close(fd);
		return errmsg(err, size, "%s: cannot open: %s", path, strerror(e));
	}
	unsigned char head[4 + 4 * 3];
	uint64_t len = 4 + 4 * (uint64_t)ndim;
	long long got = read_some(x, head, len, "IDX header", err, size);
	if (got < 0)
		return -1;
	if ((uint64_t)got < len)
		return cut_short(x, len, "IDX header", err, size);
	uint32_t magic = be32(head), want = 0x800u | ndim;
	if (magic != want)
		return errmsg(err, size, "%s: not an IDX %s file: magic number 0x%08x, expected 0x%08x",
			      path, ndim == 1 ? "label" : "image", (unsigned)magic, (unsigned)want);
	x->count = be32(head + 4);
	x->item = 1;
	if (ndim == 3) {
		uint32_t rows = be32(head + 8), cols = be32(head + 12);
		if (rows != 28 || cols != 28)
			return errmsg(err, size, "%s: images are %ux%u, expected 28x28", path,
				      (unsigned)rows, (unsigned)cols);
		x->item = 28 * 28;
	}
	if (x->count == 0)
		return errmsg(err, size, "%s: holds no %s; a data set needs at least one", path, what);
	/* What the file can hold, before a byte is allocated for it: a
	 * damaged header claiming 4 billion images is a message, not an
	 * attempt at 3 TB. */
	double claimed = (double)x->count * (double)x->item;
	double most = gzdirect(x->f) ? (double)st.st_size - (double)len
				     : (double)st.st_size * DEFLATE_MAX_RATIO;
	if (S_ISREG(st.st_mode) && claimed > most) {
		char t1[32], t2[32];
		return errmsg(err, size, "%s: its header claims %u %s (%s), more than a file of %s "
			      "can hold: a damaged header", path, (unsigned)x->count, what,
			      caps_bytes_text(claimed, t1, sizeof t1),
			      caps_bytes_text((double)st.st_size, t2, sizeof t2));
	}
	if (x->count > CAP_SAMPLES)
		return errmsg(err, size, "%s: holds %u %s; classify reads at most %d", path,
			      (unsigned)x->count, what, CAP_SAMPLES);
	x->done = 0; /* from here on, bytes of data */
	return 0;
}

/* Reads the first n items of x into a buffer of its own (grown as the
 * bytes arrive, so a file shorter than its header promises costs only what
 * it holds), then the rest of the file, which must end exactly where the
 * header says: zlib checks the CRC and length at the end of the stream.
 * Returns the buffer, or NULL with a message. */
static unsigned char *read_items(struct idx *x, size_t n, const char *what, char *err, size_t size)
{
	uint64_t total = (uint64_t)x->count * x->item, keep = (uint64_t)n * x->item;
	size_t cap = keep < (1u << 20) ? (size_t)keep : 1u << 20;
	unsigned char *p = malloc(cap + 1);
	if (!p) {
		errmsg(err, size, "%s: out of memory", x->path);
		return NULL;
	}
	while (x->done < keep) {
		if (x->done == cap) {
			cap = keep - cap < cap ? (size_t)keep : 2 * cap;
			unsigned char *q = realloc(p, cap + 1);
			if (!q) {
				errmsg(err, size, "%s: out of memory", x->path);
				goto fail;
			}
			p = q;
		}
		long long got = read_some(x, p + x->done, cap - x->done, what, err, size);
		if (got < 0)
			goto fail;
		if (got == 0) {
			cut_short(x, total, what, err, size);
			goto fail;
		}
	}
	long long got = read_some(x, NULL, total - keep, what, err, size);
	if (got < 0)
		goto fail;
	if (x->done < total) {
		cut_short(x, total, what, err, size);
		goto fail;
	}
	unsigned char extra;
	got = read_some(x, &extra, 1, what, err, size);
	if (got < 0)
		goto fail;
	if (got > 0) {
		errmsg(err, size, "%s: more data after the %u %s its header declares", x->path,
		       (unsigned)x->count, x->what);
		goto fail;
	}
	int code;
	const char *msg = zlib_says(x->f, x->path, &code);
	if (code != Z_OK) {
		errmsg(err, size, "%s: corrupt gzip data at its end (zlib: %s)", x->path, msg);
		goto fail;
	}
	return p;
fail:
	free(p);
	return NULL;
}

int fashion_mnist_load(struct dataset *d, const char *dir, const char *split, size_t max_n,
		       char *err, size_t err_size)
{
	char ipath[4096], lpath[4096];
	struct idx fi = {0}, fl = {0};
	unsigned char *pix = NULL, *lab = NULL;
	int rc = -1;
	memset(d, 0, sizeof *d);
	snprintf(ipath, sizeof ipath, "%s/%s-images-idx3-ubyte.gz", dir, split);
	snprintf(lpath, sizeof lpath, "%s/%s-labels-idx1-ubyte.gz", dir, split);

	if (open_idx(&fi, ipath, 3, err, err_size) != 0 || open_idx(&fl, lpath, 1, err, err_size) != 0)
		goto out;
	if (fi.count != fl.count) {
		errmsg(err, err_size, "%s holds %u images but %s holds %u labels", ipath,
		       (unsigned)fi.count, lpath, (unsigned)fl.count);
		goto out;
	}
	size_t n = fi.count, dim = fi.item;
	if (max_n > 0 && max_n < n)
		n = max_n;
	/* The bytes as read, then as doubles, and the labels. */
	double need = (double)n * (double)dim * (1 + sizeof *d->X) + (double)n * (1 + sizeof *d->y);
	if (need > CAP_MEMORY) {
		char t[32];
		errmsg(err, err_size, "%s: %zu images need %s, over classify's limit of %d GB "
		       "(--limit takes fewer)", ipath, n, caps_bytes_text(need, t, sizeof t),
		       CAP_MEMORY_GB);
		goto out;
	}
	if (!(pix = read_items(&fi, n, "pixel data", err, err_size)) ||
	    !(lab = read_items(&fl, n, "label data", err, err_size)))
		goto out;
	for (size_t s = 0; s < n; s++) {
		if (lab[s] > 9) {
			errmsg(err, err_size, "%s: label %zu is %u; Fashion-MNIST labels are 0 to 9",
			       lpath, s, (unsigned)lab[s]);
			goto out;
		}
	}
	/* Only now, with every byte of both files checked, the doubles. */
	d->X = malloc(n * dim * sizeof *d->X);
	d->y = malloc(n * sizeof *d->y);
	if (!d->X || !d->y) {
		errmsg(err, err_size, "%s: out of memory for %zu images", ipath, n);
		goto out;
	}
	for (size_t s = 0; s < n; s++)
		d->y[s] = lab[s];
	/* Pixels 0..255 scaled to [0, 1]: inputs of order 1 suit the
	 * initialisation, which assumes unit-scale inputs. */
	for (size_t k = 0; k < n * dim; k++)
		d->X[k] = pix[k] / 255.0;
	d->n = n, d->dim = dim, d->classes = 10;
	rc = 0;
out:
	free(pix);
	free(lab);
	if (fi.f)
		gzclose(fi.f);
	if (fl.f)
		gzclose(fl.f);
	if (rc != 0)
		dataset_free(d);
	return rc;
}
