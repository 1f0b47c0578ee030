/* accuracy: how many ULP each way of writing sigmoid, tanh
 * and their derivatives is off, against the high-precision values of
 * tests/data/.
 *
 *   accuracy sigmoid|tanh [CSV]
 *
 * prints a Markdown table for chapters 04 and 05; the book builds it as a
 * reference tool (docs/bin/accuracy, linked with docs/libref.a).  CSV defaults to
 * $srcdir/tests/data/NAME-reference.csv.  The rows named act_... call the
 * linked implementation (the reference solutions in the book); the others
 * are written out here, as a learner might write them.
 *
 * Error of a result y against the exact value v: |y - v| / ulp(v), where v
 * is the double nearest the exact value (so it is the distance, in units
 * of the last place, from the correctly rounded result).  Only rows whose
 * exact value is a normal double count: below 2^-1022 the spacing of
 * doubles is fixed and "relative error" stops meaning anything.
 */
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "activations.h"

enum { MAX_ROWS = 4096 };

static double xs[MAX_ROWS], fs[MAX_ROWS], gs[MAX_ROWS];
static int nrows;

static void load(const char *path)
{
	FILE *in = fopen(path, "r");
	if (!in) {
		perror(path);
		exit(2);
	}
	char line[512];
	if (!fgets(line, sizeof line, in)) { /* the header */
		fprintf(stderr, "%s: empty\n", path);
		exit(2);
	}
	while (nrows < MAX_ROWS && fgets(line, sizeof line, in)) {
		char *p = line;
		xs[nrows] = strtod(p, &p);
		fs[nrows] = strtod(p + 1, &p);
		gs[nrows] = strtod(p + 1, &p);
		nrows++;
	}
	fclose(in);
}

/* The formulas as a learner might write them. */
static double sig_naive(double x) { return 1.0 / (1.0 + exp(-x)); }
static double sig_exp_ratio(double x) { return exp(x) / (1.0 + exp(x)); }
static double sig_grad_textbook(double x)
{
	double s = act_sigmoid(x);
	return s * (1.0 - s);
}
static double tanh_naive(double x) { return (exp(x) - exp(-x)) / (exp(x) + exp(-x)); }
static double tanh_via_sigmoid(double x) { return 2.0 * act_sigmoid(2.0 * x) - 1.0; }
static double tanh_libm(double x) { return tanh(x); }
static double tanh_grad_textbook(double x)
{
	double t = tanh(x);
	return 1.0 - t * t;
}
static double tanh_grad_cosh(double x)
{
	double c = cosh(x);
	return 1.0 / (c * c);
}

struct formula {
	const char *name;
	double (*fn)(double);
	int grad; /* compares with the derivative column */
};

static const struct formula sigmoid_rows[] = {
	{"$1/(1 + e^{-x})$", sig_naive, 0},
	{"$e^x/(1 + e^x)$", sig_exp_ratio, 0},
	{"`act_sigmoid`: branch on the sign", act_sigmoid, 0},
	{"$\\sigma(x)(1 - \\sigma(x))$", sig_grad_textbook, 1},
	{"`act_sigmoid_grad`: $\\sigma(x)\\,\\sigma(-x)$", act_sigmoid_grad, 1},
};

static const struct formula tanh_rows[] = {
	{"$(e^x - e^{-x})/(e^x + e^{-x})$", tanh_naive, 0},
	{"$2\\sigma(2x) - 1$", tanh_via_sigmoid, 0},
	{"C library `tanh()`", tanh_libm, 0},
	{"`act_tanh`: expm1 form", act_tanh, 0},
	{"$1 - \\tanh^2 x$", tanh_grad_textbook, 1},
	{"$1/\\cosh^2 x$", tanh_grad_cosh, 1},
	{"`act_tanh_grad`: $4u/(1+u)^2$, $u = e^{-2|x|}$", act_tanh_grad, 1},
};

static double ulps(double got, double want)
{
	if (got == want)
		return 0;
	if (!isfinite(got))
		return INFINITY;
	double a = fabs(want);
	return fabs(got - want) / (nextafter(a, INFINITY) - a);
}

static void report(const struct formula *f)
{
	double worst = 0, worst_x = 0;
	int bad = 0, zeros = 0, n = 0;
	for (int i = 0; i < nrows; i++) {
		double want = f->grad ? gs[i] : fs[i];
		if (fabs(want) < DBL_MIN)
			continue;
		n++;
		double got = f->fn(xs[i]);
		if (!isfinite(got))
			bad++;
		else if (got == 0)
			zeros++;
		double e = ulps(got, want);
		if (isfinite(e) && e > worst) {
			worst = e;
			worst_x = xs[i];
		}
	}
	printf("| %s | ", f->name);
	if (worst < 1e4)
		printf("%.0f", worst);
	else
		printf("%.1e (no correct digit)", worst);
	printf(" | %.6g | %d | %d |\n", worst_x, zeros, bad);
	(void)n;
}

int main(int argc, char **argv)
{
	if (argc < 2 || argc > 3 || (strcmp(argv[1], "sigmoid") && strcmp(argv[1], "tanh"))) {
		fputs("usage: sigmoid-tanh-accuracy sigmoid|tanh [CSV]\n", stderr);
		return 2;
	}
	char path[1024];
	if (argc == 3) {
		snprintf(path, sizeof path, "%s", argv[2]);
	} else {
		const char *src = getenv("srcdir");
		snprintf(path, sizeof path, "%s/tests/data/%s-reference.csv", src ? src : ".",
			 argv[1]);
	}
	load(path);
	int is_sig = !strcmp(argv[1], "sigmoid");
	const struct formula *rows = is_sig ? sigmoid_rows : tanh_rows;
	size_t n = is_sig ? sizeof sigmoid_rows / sizeof *rows : sizeof tanh_rows / sizeof *rows;
	puts("| formula | max error (ULP) | worst at x | 0 for a normal result | NaN or inf |");
	puts("|:--|--:|--:|--:|--:|");
	for (size_t i = 0; i < n; i++)
		report(&rows[i]);
	return 0;
}
