/* Chapter 01, Why activation functions: checks for exercises/01-why.c.
 * Expected values are worked by hand in the comments, or come from the
 * suite's own plain loops: never from the code under test. */
#include <math.h>
#include <string.h>

#include "grader.h"
#include "layers.h"
#include "rng.h"

#define SEE_DENSE "z = W x + b, W row-major (see 01-why.md, \"A neuron, a layer\")"
#define SEE_COLLAPSE "W = W2 W1 and b = W2 b1 + b2 (see 01-why.md, \"Two linear layers are one\")"

/* Fills v[n] with NaN, so an output that is never written shows as NaN. */
static void poison(double *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		v[i] = NAN;
}

/* The suite's own y = W x + b, written out plainly. */
static void ref_affine(double *y, const double *W, const double *b,
		       const double *x, size_t rows, size_t cols)
{
	for (size_t i = 0; i < rows; i++) {
		y[i] = b[i];
		for (size_t j = 0; j < cols; j++)
			y[i] += W[i * cols + j] * x[j];
	}
}

START_TEST(dense_forward_worked_example)
{
	/* W is 3x2: z = (1-2+0.5, 3-4-1, 5-6+2) = (-0.5, -2, 1). */
	const double W[] = {1, 2, 3, 4, 5, 6}, b[] = {0.5, -1, 2}, x[] = {1, -1};
	const double want[] = {-0.5, -2, 1};
	/* Read by columns, W[j * 3 + i]: (0.5+1-4, -1+2-5, 2+3-6) = (-2.5, -4, -1). */
	const double by_columns[] = {-2.5, -4, -1};
	double z[3];
	poison(z, 3);
	dense_forward(z, W, b, x, 3, 2);
	bool column_major = true;
	for (int i = 0; i < 3; i++)
		column_major = column_major && z[i] == by_columns[i];
	for (int i = 0; i < 3; i++)
		expect_close(z[i], want[i], TOL_EXACT, 1e-300,
			     column_major ? "z = (-2.5, -4, -1) is W read by columns, W[j * n_out + i]; "
					    "W is row-major: row i holds output i's weights, W[i * n_in + j] "
					    "(see 01-why.md, \"A neuron, a layer\")" : SEE_DENSE,
			     "dense_forward(W = [[1,2],[3,4],[5,6]], b = [0.5,-1,2], x = [1,-1]) z[%d]", i);
}
END_TEST

START_TEST(dense_forward_of_zero_input_is_the_bias)
{
	const double W[] = {9, -9, 4, 0.5}, b[] = {0.25, -3}, x[] = {0, 0};
	double z[2];
	poison(z, 2);
	dense_forward(z, W, b, x, 2, 2);
	for (int i = 0; i < 2; i++)
		expect_close(z[i], b[i], TOL_EXACT, 1e-300,
			     "with x = 0 only the bias is left; start each sum from b[i] "
			     "(see 01-why.md, \"A neuron, a layer\")",
			     "dense_forward(x = 0) z[%d]", i);
}
END_TEST

START_TEST(dense_forward_matches_plain_loops_on_random_layers)
{
	struct rng rng;
	rng_seed(&rng, 101);
	for (int trial = 0; trial < 20; trial++) {
		size_t n_out = 1 + rng_next(&rng) % 5, n_in = 1 + rng_next(&rng) % 5;
		double W[25], b[5], x[5], z[5], want[5];
		for (size_t i = 0; i < n_out * n_in; i++)
			W[i] = rng_range(&rng, -2, 2);
		for (size_t i = 0; i < n_out; i++)
			b[i] = rng_range(&rng, -2, 2);
		for (size_t i = 0; i < n_in; i++)
			x[i] = rng_range(&rng, -2, 2);
		poison(z, 5);
		dense_forward(z, W, b, x, n_out, n_in);
		ref_affine(want, W, b, x, n_out, n_in);
		for (size_t i = 0; i < n_out; i++)
			expect_close(z[i], want[i], 1e-12, 1e-12, SEE_DENSE,
				     "dense_forward(random %zux%zu layer, trial %d) z[%zu]",
				     n_out, n_in, trial, i);
	}
}
END_TEST

START_TEST(linear_collapse_worked_example)
{
	/* W1 = [[1,2],[3,4]], b1 = [1,1]; W2 = [[1,-1]], b2 = [0.5]:
	 * W = [1-3, 2-4] = [-2, -2], b = 1 - 1 + 0.5 = 0.5. */
	const double W1[] = {1, 2, 3, 4}, b1[] = {1, 1}, W2[] = {1, -1}, b2[] = {0.5};
	double W[2], b[1];
	poison(W, 2);
	poison(b, 1);
	linear_collapse(W, b, W1, b1, W2, b2, 2, 2, 1);
	expect_close(W[0], -2, TOL_EXACT, 1e-300, SEE_COLLAPSE, "linear_collapse(worked example) W[0]");
	expect_close(W[1], -2, TOL_EXACT, 1e-300, SEE_COLLAPSE, "linear_collapse(worked example) W[1]");
	expect_close(b[0], 0.5, TOL_EXACT, 1e-300,
		     b[0] == 1.5 ? "b = 1.5 is b1[i] + b2[i], entry by entry: b1 must pass through W2, "
				   "b = W2 b1 + b2 (see 01-why.md, \"Two linear layers are one\")" :
		     b[0] == 2.5 ? "b = 2.5 is all of b1 added to b2: b1 must pass through W2, "
				   "b = W2 b1 + b2 (see 01-why.md, \"Two linear layers are one\")" :
				   SEE_COLLAPSE,
		     "linear_collapse(worked example) b[0]");
}
END_TEST

/* snippet: check_collapse */
/* The chapter's claim itself: for random layers and inputs, the collapsed
 * layer gives what the two stacked layers give. */
START_TEST(linear_collapse_equals_two_stacked_layers)
{
	struct rng rng;
	rng_seed(&rng, 202);
	enum { MAX = 4 };
	for (int trial = 0; trial < 20; trial++) {
		size_t n_in = 1 + rng_next(&rng) % MAX, n_hid = 1 + rng_next(&rng) % MAX,
		       n_out = 1 + rng_next(&rng) % MAX;
		double W1[MAX * MAX], b1[MAX], W2[MAX * MAX], b2[MAX], W[MAX * MAX], b[MAX];
		for (size_t i = 0; i < MAX * MAX; i++)
			W1[i] = rng_range(&rng, -1, 1), W2[i] = rng_range(&rng, -1, 1);
		for (size_t i = 0; i < MAX; i++)
			b1[i] = rng_range(&rng, -1, 1), b2[i] = rng_range(&rng, -1, 1);
		poison(W, MAX * MAX);
		poison(b, MAX);
		linear_collapse(W, b, W1, b1, W2, b2, n_in, n_hid, n_out);
		for (int probe = 0; probe < 5; probe++) {
			double x[MAX], h[MAX], two[MAX], one[MAX];
			for (size_t i = 0; i < n_in; i++)
				x[i] = rng_range(&rng, -3, 3);
			ref_affine(h, W1, b1, x, n_hid, n_in);
			ref_affine(two, W2, b2, h, n_out, n_hid);
			ref_affine(one, W, b, x, n_out, n_in);
			for (size_t i = 0; i < n_out; i++)
				expect_close(one[i], two[i], 1e-12, 1e-12, SEE_COLLAPSE,
					     "linear_collapse(random %zu-%zu-%zu layers, trial %d) applied to x, output %zu, vs the two layers",
					     n_in, n_hid, n_out, trial, i);
		}
	}
}
END_TEST
/* end snippet: check_collapse */

int main(void)
{
	Suite *s = suite_create("01-why");
	TCase *tc = grader_tcase(s, "dense");
	tcase_add_test(tc, dense_forward_worked_example);
	tcase_add_test(tc, dense_forward_of_zero_input_is_the_bias);
	tcase_add_test(tc, dense_forward_matches_plain_loops_on_random_layers);
	tc = grader_tcase(s, "collapse");
	tcase_add_test(tc, linear_collapse_worked_example);
	tcase_add_test(tc, linear_collapse_equals_two_stacked_layers);
	return grader_run(s);
}
