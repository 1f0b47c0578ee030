/* beyond-accuracy: how many ULP each way of writing chapter 12's functions
 * is off, against the high-precision tables of tests/data/.
 *
 *   beyond-accuracy
 *
 * prints a Markdown table for chapter 12, "Where the last digits go"; the
 * book builds it as a reference tool (docs/bin/beyond-accuracy).  The rows
 * named act_... call the linked implementation (the reference solutions in
 * the book); the others are written out here, as a learner might write
 * them.  Errors are measured as in accuracy.c (chapters 04 and 05): |y - v|
 * in units of the last place of v, the double nearest the exact value, over
 * the rows whose exact value is a normal double.
 */
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "activations.h"

enum { MAX_ROWS = 4096 };

struct table {
	double x[MAX_ROWS], f[MAX_ROWS];
	int n;
};

static void load(struct table *t, const char *name)
{
	const char *src = getenv("srcdir");
	char path[1024];
	snprintf(path, sizeof path, "%s/tests/data/%s-reference.csv", src ? src : ".", name);
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
	t->n = 0;
	while (t->n < MAX_ROWS && fgets(line, sizeof line, in)) {
		char *p = line;
		t->x[t->n] = strtod(p, &p);
		t->f[t->n] = strtod(p + 1, &p);
		t->n++;
	}
	fclose(in);
}

/* The formulas as a learner might write them. */
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

struct formula {
	const char *table, *name;
	double (*fn)(double);
};

static const struct formula rows[] = {
	{"softplus", "$\\log(1 + e^x)$", softplus_naive},
	{"softplus", "`log1p(exp(x))`", softplus_log1p},
	{"softplus", "$x$ above 20, as PyTorch", softplus_threshold},
	{"softplus", "`act_softplus`", act_softplus},
	{"silu", "$x/(1 + e^{-x})$", silu_naive},
	{"silu", "$x\\,\\sigma(x)$, chapter 04's $\\sigma$", silu_sig},
	{"silu", "`act_silu`", act_silu},
	{"gelu", "$\\frac{x}{2}(1 + \\operatorname{erf}(x/\\sqrt 2))$", gelu_erf},
	{"gelu", "$\\frac{x}{2}\\operatorname{erfc}(-x/\\sqrt 2)$", gelu_erfc},
	{"gelu", "`act_gelu`", act_gelu},
	{"gelu-tanh", "$\\frac{x}{2}(1 + \\tanh u)$", gelu_tanh_naive},
	{"gelu-tanh", "$x\\,\\sigma(2u)$", gelu_tanh_sig},
	{"gelu-tanh", "`act_gelu_tanh`", act_gelu_tanh},
	{"mish", "$x \\tanh(\\log(1 + e^x))$", mish_naive},
	{"mish", "$x \\tanh(\\operatorname{softplus}(x))$, `log1p`", mish_softplus},
	{"mish", "`act_mish`", act_mish},
	{"selu", "$\\lambda\\alpha(e^x - 1)$ for $x \\le 0$", selu_exp},
	{"selu", "`act_selu`: `expm1`", act_selu},
	{"hardsigmoid", "$x/6 + 1/2$ between the kinks", hardsigmoid_half},
	{"hardsigmoid", "`act_hardsigmoid`: $(x + 3)/6$", act_hardsigmoid},
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

static void report(const struct table *t, const struct formula *f)
{
	double worst = 0, worst_x = 0;
	int bad = 0, zeros = 0;
	for (int i = 0; i < t->n; i++) {
		double want = t->f[i];
		if (fabs(want) < DBL_MIN)
			continue;
		double got = f->fn(t->x[i]);
		if (!isfinite(got))
			bad++;
		else if (got == 0)
			zeros++;
		double e = ulps(got, want);
		if (isfinite(e) && e > worst) {
			worst = e;
			worst_x = t->x[i];
		}
	}
	printf("| %s | %s | ", f->table, f->name);
	if (worst < 1e4)
		printf("%.0f", worst);
	else
		printf("%.1e", worst);
	printf(" | %.6g | %d | %d |\n", worst_x, zeros, bad);
}

int main(void)
{
	static struct table t;
	const char *loaded = "";
	puts("| function | formula | max error (ULP) | worst at $x$ | 0 for a normal result | NaN or inf |");
	puts("|:--|:--|--:|--:|--:|--:|");
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		if (rows[i].table != loaded) {
			load(&t, rows[i].table);
			loaded = rows[i].table;
		}
		report(&t, &rows[i]);
	}
	return 0;
}
