/* accuracy: how many ULP each way of writing sigmoid, tanh
 * and their derivatives, and the functions of chapter 12, is off, against
 * the high-precision values of tests/data/.
 *
 *   accuracy sigmoid|tanh [CSV]
 *   accuracy beyond          chapter 12: softplus, SiLU, GELU, ... (one
 *                            table each, tests/data/NAME-reference.csv)
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
	nrows = 0;
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
	const char *table; /* chapter 12: the function, and its table's name */
};

static const struct formula sigmoid_rows[] = {
	{"$1/(1 + e^{-x})$", sig_naive, 0, NULL},
	{"$e^x/(1 + e^x)$", sig_exp_ratio, 0, NULL},
	{"`act_sigmoid`: branch on the sign", act_sigmoid, 0, NULL},
	{"$\\sigma(x)(1 - \\sigma(x))$", sig_grad_textbook, 1, NULL},
	{"`act_sigmoid_grad`: $\\sigma(x)\\,\\sigma(-x)$", act_sigmoid_grad, 1, NULL},
};

static const struct formula tanh_rows[] = {
	{"$(e^x - e^{-x})/(e^x + e^{-x})$", tanh_naive, 0, NULL},
	{"$2\\sigma(2x) - 1$", tanh_via_sigmoid, 0, NULL},
	{"C library `tanh()`", tanh_libm, 0, NULL},
	{"`act_tanh`: expm1 form", act_tanh, 0, NULL},
	{"$1 - \\tanh^2 x$", tanh_grad_textbook, 1, NULL},
	{"$1/\\cosh^2 x$", tanh_grad_cosh, 1, NULL},
	{"`act_tanh_grad`: $4u/(1+u)^2$, $u = e^{-2|x|}$", act_tanh_grad, 1, NULL},
};

/* Chapter 12's functions as a learner might write them, and the
 * reference solutions (act_...); u is the tanh form's argument. */
static double sig(double x) { return x >= 0 ? 1 / (1 + exp(-x)) : exp(x) / (1 + exp(x)); }
static double softplus_naive(double x) { return log(1 + exp(x)); }
static double softplus_log1p(double x) { return log1p(exp(x)); }
static double softplus_threshold(double x) { return x > 20 ? x : act_softplus(x); }
static double silu_naive(double x) { return x / (1 + exp(-x)); }
static double silu_sig(double x) { return x * sig(x); }
static double gelu_erf(double x) { return 0.5 * x * (1 + erf(x / sqrt(2))); }
static double gelu_erfc(double x) { return 0.5 * x * erfc(-x / sqrt(2)); }
static double u_of(double x) { return sqrt(2 / M_PI) * (x + 0.044715 * x * x * x); }
static double gelu_tanh_naive(double x) { return 0.5 * x * (1 + tanh(u_of(x))); }
static double gelu_tanh_sig(double x) { return x * sig(2 * u_of(x)); }
static double mish_naive(double x) { return x * tanh(log(1 + exp(x))); }
static double mish_softplus(double x) { return x * tanh(x > 0 ? x + log1p(exp(-x)) : log1p(exp(x))); }
static double selu_exp(double x) { return x > 0 ? 1.0507009873554805 * x : 1.7580993408473768 * (exp(x) - 1); }
static double hardsigmoid_half(double x) { return x <= -3 ? 0 : x >= 3 ? 1 : x / 6 + 0.5; }

static const struct formula beyond_rows[] = {
	{"$\\log(1 + e^x)$", softplus_naive, 0, "softplus"},
	{"`log1p(exp(x))`", softplus_log1p, 0, "softplus"},
	{"$x$ above 20, as PyTorch", softplus_threshold, 0, "softplus"},
	{"`act_softplus`", act_softplus, 0, "softplus"},
	{"$x/(1 + e^{-x})$", silu_naive, 0, "silu"},
	{"$x\\,\\sigma(x)$, chapter 04's $\\sigma$", silu_sig, 0, "silu"},
	{"`act_silu`", act_silu, 0, "silu"},
	{"$\\frac{x}{2}(1 + \\operatorname{erf}(x/\\sqrt 2))$", gelu_erf, 0, "gelu"},
	{"$\\frac{x}{2}\\operatorname{erfc}(-x/\\sqrt 2)$", gelu_erfc, 0, "gelu"},
	{"`act_gelu`", act_gelu, 0, "gelu"},
	{"$\\frac{x}{2}(1 + \\tanh u)$", gelu_tanh_naive, 0, "gelu-tanh"},
	{"$x\\,\\sigma(2u)$", gelu_tanh_sig, 0, "gelu-tanh"},
	{"`act_gelu_tanh`", act_gelu_tanh, 0, "gelu-tanh"},
	{"$x \\tanh(\\log(1 + e^x))$", mish_naive, 0, "mish"},
	{"$x \\tanh(\\operatorname{softplus}(x))$, `log1p`", mish_softplus, 0, "mish"},
	{"`act_mish`", act_mish, 0, "mish"},
	{"$\\lambda\\alpha(e^x - 1)$ for $x \\le 0$", selu_exp, 0, "selu"},
	{"`act_selu`: `expm1`", act_selu, 0, "selu"},
	{"$x/6 + 1/2$ between the kinks", hardsigmoid_half, 0, "hardsigmoid"},
	{"`act_hardsigmoid`: $(x + 3)/6$", act_hardsigmoid, 0, "hardsigmoid"},
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
	if (f->table)
		printf("| %s ", f->table);
	printf("| %s | ", f->name);
	if (worst < 1e4)
		printf("%.0f", worst);
	else
		printf("%.1e (no correct digit)", worst);
	printf(" | %.6g | %d | %d |\n", worst_x, zeros, bad);
	(void)n;
}

/* Chapter 12's table: each row against its function's own table. */
static int beyond(void)
{
	const char *src = getenv("srcdir"), *loaded = "";
	puts("| function | formula | max error (ULP) | worst at $x$ | 0 for a normal result | NaN or inf |");
	puts("|:--|:--|--:|--:|--:|--:|");
	for (size_t i = 0; i < sizeof beyond_rows / sizeof beyond_rows[0]; i++) {
		if (strcmp(beyond_rows[i].table, loaded) != 0) {
			char path[1024];
			loaded = beyond_rows[i].table;
			snprintf(path, sizeof path, "%s/tests/data/%s-reference.csv", src ? src : ".",
				 loaded);
			load(path);
		}
		report(&beyond_rows[i]);
	}
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 2 && strcmp(argv[1], "beyond") == 0)
		return beyond();
	if (argc < 2 || argc > 3 || (strcmp(argv[1], "sigmoid") && strcmp(argv[1], "tanh"))) {
		fputs("usage: accuracy sigmoid|tanh [CSV]\n       accuracy beyond\n", stderr);
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
