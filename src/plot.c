/* plot.c: the decision boundary as SVG.  The background is a small PNG of
 * the network's predictions on a grid, made here with zlib and embedded in
 * the SVG as base64, so the file is one self-contained picture of a few
 * kilobytes instead of thousands of rectangles. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "activations.h"
#include "errmsg.h"
#include "outfile.h"
#include "plot.h"
#include "train.h"

enum { GRID = 100, SIZE = 400, MARGIN = 30, LEGEND = 28 };

/* The playground's colours: orange for its negative class (our 0), blue
 * for its positive one (our 1); a third for spiral3. */
static const unsigned char colour[3][3] = {{0xf5, 0x93, 0x22}, {0x08, 0x77, 0xbd}, {0x3c, 0xa0, 0x3c}};

static void be32(unsigned char *p, unsigned long v)
{
	p[0] = v >> 24 & 0xff, p[1] = v >> 16 & 0xff, p[2] = v >> 8 & 0xff, p[3] = v & 0xff;
}

/* Appends a PNG chunk: length, type, data, CRC of type and data. */
static size_t chunk(unsigned char *out, const char *type, const unsigned char *data, size_t n)
{
	be32(out, (unsigned long)n);
	memcpy(out + 4, type, 4);
	if (n)
		memcpy(out + 8, data, n);
	be32(out + 8 + n, crc32(0L, out + 4, (uInt)(n + 4)));
	return n + 12;
}

/* An RGB image w x h as PNG bytes (malloc'd); NULL when out of memory. */
static unsigned char *png(const unsigned char *rgb, int w, int h, size_t *len)
{
	size_t raw_n = (size_t)h * (1 + 3 * (size_t)w);
	unsigned char *raw = malloc(raw_n);
	uLongf z_n = compressBound((uLong)raw_n);
	unsigned char *z = malloc(z_n);
	unsigned char *out = malloc(z_n + 64);
	if (!raw || !z || !out)
		goto oom;
	for (int y = 0; y < h; y++) {
		raw[(size_t)y * (1 + 3 * (size_t)w)] = 0; /* filter: none */
		memcpy(raw + (size_t)y * (1 + 3 * (size_t)w) + 1, rgb + (size_t)y * 3 * (size_t)w,
		       3 * (size_t)w);
	}
	if (compress2(z, &z_n, raw, (uLong)raw_n, 9) != Z_OK)
		goto oom;
	static const unsigned char sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
	unsigned char ihdr[13];
	be32(ihdr, (unsigned long)w), be32(ihdr + 4, (unsigned long)h);
	ihdr[8] = 8, ihdr[9] = 2, ihdr[10] = ihdr[11] = ihdr[12] = 0; /* 8-bit RGB */
	size_t n = 0;
	memcpy(out, sig, 8), n = 8;
	n += chunk(out + n, "IHDR", ihdr, 13);
	n += chunk(out + n, "IDAT", z, z_n);
	n += chunk(out + n, "IEND", NULL, 0);
	free(raw), free(z);
	*len = n;
	return out;
oom:
	free(raw), free(z), free(out);
	return NULL;
}

static void base64(FILE *f, const unsigned char *p, size_t n)
{
	static const char digits[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	for (size_t i = 0; i < n; i += 3) {
		unsigned long v = (unsigned long)p[i] << 16;
		if (i + 1 < n)
			v |= (unsigned long)p[i + 1] << 8;
		if (i + 2 < n)
			v |= p[i + 2];
		fputc(digits[v >> 18 & 63], f);
		fputc(digits[v >> 12 & 63], f);
		fputc(i + 1 < n ? digits[v >> 6 & 63] : '=', f);
		fputc(i + 2 < n ? digits[v & 63] : '=', f);
	}
}

static void points(FILE *f, const struct dataset *d, double lim, const char *edge)
{
	double scale = SIZE / (2 * lim);
	for (size_t s = 0; s < d->n; s++) {
		double x = d->X[2 * s], y = d->X[2 * s + 1];
		if (fabs(x) > lim || fabs(y) > lim)
			continue;
		const unsigned char *c = colour[d->y[s] % 3];
		fprintf(f, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" fill=\"#%02x%02x%02x\" stroke=\"%s\"/>\n",
			MARGIN + (x + lim) * scale, MARGIN + (lim - y) * scale, c[0], c[1], c[2], edge);
	}
}

/* Below the axis: which edge marks the training and the test points, and
 * which colour each class is.  On a grey band, so that the white edge of a
 * training point shows as it does on the shaded boundary. */
static void legend(FILE *f, size_t classes, int x, int y)
{
	enum { STEP = 72 };
	fprintf(f, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"#ddd\"/>\n", x,
		y - LEGEND / 2 + 3, SIZE, LEGEND - 6);
	static const char *const edge[2] = {"white", "black"}, *const name[2] = {"train", "test"};
	for (int k = 0; k < 2; k++, x += STEP)
		fprintf(f, "<circle cx=\"%d\" cy=\"%d\" r=\"3.5\" fill=\"#999\" stroke=\"%s\"/>"
			   "<text x=\"%d\" y=\"%d\">%s</text>\n",
			x + 10, y, edge[k], x + 18, y + 4, name[k]);
	for (size_t j = 0; j < classes && j < 3; j++, x += STEP) {
		const unsigned char *c = colour[j];
		fprintf(f, "<circle cx=\"%d\" cy=\"%d\" r=\"3.5\" fill=\"#%02x%02x%02x\"/>"
			   "<text x=\"%d\" y=\"%d\">class %zu</text>\n",
			x + 10, y, c[0], c[1], c[2], x + 18, y + 4, j);
	}
}

int plot_boundary(struct mlp *net, const struct dataset *train, const struct dataset *test,
		  double lim, const char *title, const char *path, char *err, size_t err_size)
{
	size_t L = net->n_layers, classes = net->size[L];
	if (net->size[0] != 2)
		return errmsg(err, err_size, "--plot draws 2-D data only; this network has %zu inputs",
			    net->size[0]);
	double *X = malloc(GRID * GRID * 2 * sizeof *X);
	unsigned char *rgb = malloc(GRID * GRID * 3);
	double *p = malloc(classes * sizeof *p);
	if (!X || !rgb || !p) {
		free(X), free(rgb), free(p);
		return errmsg(err, err_size, "%s: out of memory", path);
	}
	/* Row 0 of the image is the top (largest y); cell centres. */
	for (int r = 0; r < GRID; r++)
		for (int c = 0; c < GRID; c++) {
			X[2 * (r * GRID + c)] = -lim + (c + 0.5) * 2 * lim / GRID;
			X[2 * (r * GRID + c) + 1] = lim - (r + 0.5) * 2 * lim / GRID;
		}
	for (size_t s0 = 0; s0 < GRID * GRID; s0 += net->max_batch) {
		size_t B = GRID * GRID - s0 < net->max_batch ? GRID * GRID - s0 : net->max_batch;
		mlp_forward(net, X + 2 * s0, B);
		for (size_t s = 0; s < B; s++) {
			act_softmax(net->z[L - 1] + s * classes, p, classes);
			size_t best = argmax(p, classes);
			/* Confidence 1/classes (a coin toss) is white, 1 is the
			 * class colour at 70%, as pale as the playground's. */
			double t = (p[best] - 1.0 / (double)classes) / (1 - 1.0 / (double)classes);
			if (!(t >= 0))
				t = 0;
			t *= 0.7;
			const unsigned char *col = colour[best % 3];
			for (int k = 0; k < 3; k++)
				rgb[3 * (s0 + s) + (size_t)k] =
					(unsigned char)lround(255 * (1 - t) + col[k] * t);
		}
	}
	size_t png_n = 0;
	unsigned char *img = png(rgb, GRID, GRID, &png_n);
	free(X), free(rgb), free(p);
	if (!img)
		return errmsg(err, err_size, "%s: out of memory", path);
	struct outfile out;
	if (outfile_open(&out, path, err, err_size) != 0) {
		free(img);
		return -1;
	}
	FILE *f = out.f;
	int W = SIZE + 2 * MARGIN, H = W + LEGEND;
	fprintf(f, "<svg xmlns=\"http://www.w3.org/2000/svg\" "
		   "xmlns:xlink=\"http://www.w3.org/1999/xlink\" width=\"%d\" height=\"%d\" "
		   "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"13\">\n",
		W, H, W, H);
	fprintf(f, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>\n", W, H);
	fprintf(f, "<text x=\"%d\" y=\"20\" text-anchor=\"middle\">", W / 2);
	for (const char *c = title; *c; c++) {
		if (*c == '<')
			fputs("&lt;", f);
		else if (*c == '&')
			fputs("&amp;", f);
		else
			fputc(*c, f);
	}
	fputs("</text>\n", f);
	fprintf(f, "<image x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" preserveAspectRatio=\"none\" "
		   "xlink:href=\"data:image/png;base64,", MARGIN, MARGIN, SIZE, SIZE);
	base64(f, img, png_n);
	fputs("\"/>\n", f);
	free(img);
	fprintf(f, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#888\"/>\n",
		MARGIN, MARGIN, SIZE, SIZE);
	/* Axis ticks at the integers that are multiples of 2. */
	for (int v = -(int)lim; v <= (int)lim; v++) {
		if (v % 2)
			continue;
		double at = MARGIN + (v + lim) * SIZE / (2 * lim);
		fprintf(f, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" fill=\"#555\">%d</text>\n",
			at, MARGIN + SIZE + 16, v);
		fprintf(f, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\" fill=\"#555\">%d</text>\n",
			MARGIN - 4, MARGIN + SIZE - (v + lim) * SIZE / (2 * lim) + 4, v);
	}
	points(f, train, lim, "white");
	points(f, test, lim, "black");
	legend(f, classes, MARGIN, W + LEGEND / 2);
	fputs("</svg>\n", f);
	return outfile_close(&out, err, err_size);
}

int plot_grid(struct mlp *net, const struct dataset *train, const struct dataset *test,
	      double lim, const char *path, char *err, size_t err_size)
{
	size_t L = net->n_layers, classes = net->size[L];
	if (net->size[0] != 2)
		return errmsg(err, err_size, "--grid draws 2-D data only; this network has %zu inputs",
			    net->size[0]);
	int to_stdout = strcmp(path, "-") == 0;
	double *p = malloc(classes * sizeof *p);
	if (!p)
		return errmsg(err, err_size, "%s: out of memory", path);
	struct outfile out = {.f = stdout};
	if (!to_stdout && outfile_open(&out, path, err, err_size) != 0) {
		free(p);
		return -1;
	}
	FILE *f = out.f;
	double X[2 * GRID];
	for (int r = 0; r < GRID; r++) {
		double y = -lim + (r + 0.5) * 2 * lim / GRID;
		for (int c = 0; c < GRID; c++) {
			X[2 * c] = -lim + (c + 0.5) * 2 * lim / GRID;
			X[2 * c + 1] = y;
		}
		for (size_t s0 = 0; s0 < GRID; s0 += net->max_batch) {
			size_t B = GRID - s0 < net->max_batch ? GRID - s0 : net->max_batch;
			mlp_forward(net, X + 2 * s0, B);
			for (size_t s = 0; s < B; s++) {
				act_softmax(net->z[L - 1] + s * classes, p, classes);
				fprintf(f, "%.4g %.4g %.6f\n", X[2 * (s0 + s)], y, p[classes > 1]);
			}
		}
		fputc('\n', f);
	}
	free(p);
	const struct dataset *sets[2] = {train, test};
	for (int k = 0; k < 2; k++) {
		fputc('\n', f);
		for (size_t s = 0; s < sets[k]->n; s++)
			fprintf(f, "%.6g %.6g %d\n", sets[k]->X[2 * s], sets[k]->X[2 * s + 1], sets[k]->y[s]);
		fputc('\n', f);
	}
	if (to_stdout)
		return 0; /* classify checks its standard output before it exits */
	return outfile_close(&out, err, err_size);
}
