/* bench/arrays.c: what an activation costs over a whole array (chapter 14),
 * in nanoseconds per element, for arrays of 10^3 to 10^7 doubles, all in
 * one run:
 *   copy               memcpy of the array: what moving the numbers costs alone
 *   vec_relu           chapter 14's array ReLU, and its backward pass
 *   vec_sigmoid        chapter 14's array sigmoid, and its backward pass
 *   act_relu           chapter 07's ReLU, one call per element
 *   act_sigmoid        chapter 04's sigmoid, one call per element
 * Not a test: timings depend on the machine.  `make bench-activations`
 * runs it twice, built with this build's flags and with -march=native too.
 * Output: tab-separated, a header line, then one line per array length.
 */
#define _POSIX_C_SOURCE 199309L
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "activations.h"
#include "fast.h"
#include "now.h"
#include "rng.h"

static double *x, *y, *dy;

/* The loops under test, each over n elements. */
static void copy(size_t n)
{
	memcpy(y, x, n * sizeof *y);
}
static void relu(size_t n) { vec_relu(y, x, n); }
static void relu_backward(size_t n) { vec_relu_backward(y, x, dy, n); }
static void sigmoid(size_t n) { vec_sigmoid(y, x, n); }
static void sigmoid_backward(size_t n) { vec_sigmoid_backward(y, x, dy, n); }
/* Through a pointer, as a layer calling an activation by name would. */
static double (*volatile scalar_relu)(double) = act_relu;
static double (*volatile scalar_sigmoid)(double) = act_sigmoid;
static void call_relu(size_t n)
{
	double (*f)(double) = scalar_relu;
	for (size_t k = 0; k < n; k++)
		y[k] = f(x[k]);
}
static void call_sigmoid(size_t n)
{
	double (*f)(double) = scalar_sigmoid;
	for (size_t k = 0; k < n; k++)
		y[k] = f(x[k]);
}

/* Nanoseconds per element: the best of 3 runs of enough repetitions to
 * take about 0.1 s each, so short arrays are timed over many passes. */
static double ns_per_element(void (*f)(size_t), size_t n)
{
	size_t reps = 1;
	double best = INFINITY;
	for (;;) {
		double t0 = now();
		for (size_t r = 0; r < reps; r++)
			f(n);
		if (now() - t0 > 0.02 || reps > 1u << 30)
			break;
		reps *= 4;
	}
	reps = reps * 5 + 1;
	for (int run = 0; run < 3; run++) {
		double t0 = now();
		for (size_t r = 0; r < reps; r++)
			f(n);
		double t = (now() - t0) / ((double)n * (double)reps) * 1e9;
		if (t < best)
			best = t;
	}
	return best;
}

int main(void)
{
	static const struct {
		const char *name;
		void (*f)(size_t);
	} loops[] = {
		{"copy", copy},
		{"vec_relu", relu},
		{"vec_relu_backward", relu_backward},
		{"vec_sigmoid", sigmoid},
		{"vec_sigmoid_backward", sigmoid_backward},
		{"act_relu", call_relu},
		{"act_sigmoid", call_sigmoid},
	};
	enum { N_LOOPS = sizeof loops / sizeof loops[0] };
	const size_t nmax = 10000000;
	x = malloc(nmax * sizeof *x), y = malloc(nmax * sizeof *y), dy = malloc(nmax * sizeof *dy);
	if (!x || !y || !dy) {
		fprintf(stderr, "arrays: out of memory\n");
		return 1;
	}
	/* Inputs spread over [-6, 6], half of them negative, in random order
	 * so that no branch can guess the sign. */
	struct rng rng;
	rng_seed(&rng, 1);
	for (size_t k = 0; k < nmax; k++) {
		x[k] = rng_range(&rng, -6, 6);
		dy[k] = 1;
		y[k] = 0;
	}
	printf("n");
	for (int i = 0; i < N_LOOPS; i++)
		printf("\t%s", loops[i].name);
	printf("\n");
	for (size_t n = 1000; n <= nmax; n *= 10) {
		printf("%zu", n);
		for (int i = 0; i < N_LOOPS; i++)
			printf("\t%.3f", ns_per_element(loops[i].f, n));
		printf("\n");
		fflush(stdout);
	}
	free(x), free(y), free(dy);
	return 0;
}
