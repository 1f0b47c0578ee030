/* bench/activations.c: how long one call of each activation takes, side by
 * side in one run, so chapter 07 can say how much cheaper ReLU is than the
 * functions that need exp.  Not a test: timings depend on the machine.
 * `make bench-activations` builds and runs it against the configured
 * implementation (--with-solutions, or your own finished exercises).
 *
 * Every function is called through a pointer on the same inputs, so each
 * pays the same call overhead; the row "x (empty call)" measures that
 * overhead alone.  The results go to an array, not into one running sum,
 * so the calls can overlap as they would in a layer's loop instead of
 * waiting on each other's addition.  Compare rows of one run only.
 */
#define _POSIX_C_SOURCE 199309L
#include <math.h>
#include <stdio.h>

#include "activations.h"
#include "now.h"
#include "rng.h"

enum { N = 4096, REPEATS = 2000 };

static double xs[N], ys[N];
static volatile double sink; /* keeps the compiler from skipping the work */

static double identity(double x) { return x; }
/* The textbook sigmoid, for a baseline that does not depend on chapter 04. */
static double textbook_sigmoid(double x) { return 1.0 / (1.0 + exp(-x)); }
static double leaky(double x) { return act_leaky_relu(x, 0.01); }
static double elu(double x) { return act_elu(x, 1.0); }

/* Nanoseconds per call, the best of five runs (the least disturbed). */
static double time_per_call(double (*f)(double))
{
	double best = INFINITY;
	for (int run = 0; run < 5; run++) {
		double t0 = now();
		for (int r = 0; r < REPEATS; r++) {
			for (int i = 0; i < N; i++)
				ys[i] = f(xs[i]);
			sink = ys[r % N];
		}
		double t = (now() - t0) / ((double)N * REPEATS) * 1e9;
		if (t < best)
			best = t;
	}
	return best;
}

int main(void)
{
	static const struct {
		const char *name;
		double (*f)(double);
	} fns[] = {
		{"x (empty call)", identity},
		{"act_relu", act_relu},
		{"act_leaky_relu (0.01)", leaky},
		{"act_elu (1)", elu},
		{"act_sigmoid", act_sigmoid},
		{"act_tanh", act_tanh},
		{"1/(1 + exp(-x))", textbook_sigmoid},
	};
	/* Inputs spread over [-6, 6], half of them negative. */
	struct rng rng;
	rng_seed(&rng, 1);
	for (int i = 0; i < N; i++)
		xs[i] = rng_range(&rng, -6, 6);

	double relu = time_per_call(act_relu);
	printf("%-24s %8s %8s\n", "function", "ns/call", "vs relu");
	for (size_t k = 0; k < sizeof fns / sizeof fns[0]; k++) {
		double t = k == 1 ? relu : time_per_call(fns[k].f);
		printf("%-24s %8.2f %7.1fx\n", fns[k].name, t, t / relu);
	}
	return 0;
}
