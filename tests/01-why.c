/* Chapter 01, Why activation functions: checks for exercises/01-why.c.
 * Expected values are worked by hand in the comments, or come from the
 * suite's own plain loops in long double: never from the code under test.
 * Every buffer handed to your code has guard elements around it, and every
 * const input is compared with its original afterwards. */
#include <math.h>
#include <string.h>

#include "grader.h"
#include "layers.h"

#define SEE_DENSE "z = W x + b, W row-major (see 01-why.md, \"A neuron, a layer\")"
#define SEE_WRITES "z may hold anything on entry: write each z[i], never read it (see 01-why.md, \"A neuron, a layer\")"
#define SEE_COLLAPSE "W = W2 W1 and b = W2 b1 + b2 (see 01-why.md, \"Two linear layers are one\")"

enum { MAX = 6 };

/* The suite's own y = W x + b, written out plainly, in long double. */
static void ref_affine(double *y, const double *W, const double *b, const double *x,
		       size_t rows, size_t cols)
{
	for (size_t i = 0; i < rows; i++) {
		long double s = b[i];
		for (size_t j = 0; j < cols; j++)
			s += (long double)W[i * cols + j] * x[j];
		y[i] = (double)s;
	}
}

static void fill_random(double *v, size_t n, double lo, double hi)
{
	for (size_t i = 0; i < n; i++)
		v[i] = grader_uniform(lo, hi);
}

/* Calls dense_forward on guarded copies and checks the guards and the
 * inputs; returns the guarded z, prefilled with fill. */
static double *run_dense(const double *W, const double *b, const double *x, size_t n_out,
			 size_t n_in, double fill, const char *what)
{
	double *z = grader_out(n_out, fill), *gW = grader_in(W, n_out * n_in),
	       *gb = grader_in(b, n_out), *gx = grader_in(x, n_in);
	dense_forward(z, gW, gb, gx, n_out, n_in);
	grader_expect_guards(z, "z", "dense_forward(%s, n_out = %zu, n_in = %zu)", what, n_out, n_in);
	grader_expect_unchanged(gW, W, "W", "dense_forward(%s)", what);
	grader_expect_unchanged(gb, b, "b", "dense_forward(%s)", what);
	grader_expect_unchanged(gx, x, "x", "dense_forward(%s)", what);
	return z;
}

START_TEST(dense_forward_worked_example)
{
	/* W is 3x2: z = (1-2+0.5, 3-4-1, 5-6+2) = (-0.5, -2, 1). */
	const double W[] = {1, 2, 3, 4, 5, 6}, b[] = {0.5, -1, 2}, x[] = {1, -1};
	const double want[] = {-0.5, -2, 1};
	/* Read by columns, W[j * 3 + i]: (0.5+1-4, -1+2-5, 2+3-6) = (-2.5, -4, -1). */
	const double by_columns[] = {-2.5, -4, -1};
	double *z = run_dense(W, b, x, 3, 2, NAN, "W = [[1,2],[3,4],[5,6]], b = [0.5,-1,2], x = [1,-1]");
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
	double *z = run_dense(W, b, x, 2, 2, NAN, "x = 0");
	for (int i = 0; i < 2; i++)
		expect_close(z[i], b[i], TOL_EXACT, 1e-300,
			     "with x = 0 only the bias is left; start each sum from b[i] "
			     "(see 01-why.md, \"A neuron, a layer\")",
			     "dense_forward(x = 0) z[%d]", i);
}
END_TEST

/* z holds a different number before each call: the answer must not
 * depend on it. */
START_TEST(dense_forward_overwrites_whatever_z_held)
{
	const double W[] = {1, 2, 3, 4, 5, 6}, b[] = {0.5, -1, 2}, x[] = {1, -1};
	const double want[] = {-0.5, -2, 1};
	const double before[] = {0, 1, -7.5, 1e300};
	for (int k = 0; k < 4; k++) {
		double *z = run_dense(W, b, x, 3, 2, before[k], "the worked example");
		for (int i = 0; i < 3; i++)
			expect_close(z[i], want[i], TOL_EXACT, 1e-300,
				     grader_close(z[i], want[i] + before[k], TOL_EXACT, 1e-300) ?
				     "that is the answer plus what z held: " SEE_WRITES : SEE_WRITES,
				     "dense_forward(the worked example) with every z[i] = %g before it, z[%d]",
				     before[k], i);
	}
}
END_TEST

/* One weight at a time, in the first, a middle and the last row and
 * column: a loop that stops one short, or reads past, shows here. */
START_TEST(dense_forward_reads_every_weight)
{
	enum { ROWS_ = 3, COLS = 5 };
	size_t rows[3], cols[3];
	grader_positions(ROWS_, rows);
	grader_positions(COLS, cols);
	double x[COLS], b[ROWS_] = {0, 0, 0};
	for (size_t j = 0; j < COLS; j++)
		x[j] = (double)(j + 2); /* 2, 3, 4, 5, 6 */
	for (int r = 0; r < 3; r++)
		for (int c = 0; c < 3; c++) {
			double W[ROWS_ * COLS] = {0}, want[ROWS_] = {0, 0, 0};
			W[rows[r] * COLS + cols[c]] = 0.5;
			want[rows[r]] = 0.5 * x[cols[c]];
			double *z = run_dense(W, b, x, ROWS_, COLS, NAN, "one weight");
			for (size_t i = 0; i < ROWS_; i++)
				expect_close(z[i], want[i], TOL_EXACT, 1e-300,
					     "every output i sums over every input j < n_in: " SEE_DENSE,
					     "dense_forward(3x5 W whose only non-zero weight is W[%zu][%zu] = 0.5, "
					     "x = [2,3,4,5,6], b = 0) z[%zu]", rows[r], cols[c], i);
		}
}
END_TEST

START_TEST(dense_forward_matches_plain_loops_on_random_layers)
{
	for (int trial = 0; trial < 50; trial++) {
		size_t n_out = grader_int(1, MAX), n_in = grader_int(1, MAX);
		double W[MAX * MAX], b[MAX], x[MAX], want[MAX];
		double scale = grader_magnitude(-3, 3, false);
		fill_random(W, n_out * n_in, -scale, scale);
		fill_random(b, n_out, -scale, scale);
		fill_random(x, n_in, -2, 2);
		double *z = run_dense(W, b, x, n_out, n_in, grader_uniform(-9, 9), "random layer");
		ref_affine(want, W, b, x, n_out, n_in);
		for (size_t i = 0; i < n_out; i++)
			expect_close(z[i], want[i], 1e-12, 100 * scale, SEE_DENSE,
				     "dense_forward(random %zux%zu layer, trial %d) z[%zu]",
				     n_out, n_in, trial, i);
	}
}
END_TEST

/* Calls linear_collapse on guarded buffers and checks guards and inputs. */
static void run_collapse(double **W, double **b, const double *W1, const double *b1,
			 const double *W2, const double *b2, size_t n_in, size_t n_hid, size_t n_out,
			 double fill, const char *what)
{
	*W = grader_out(n_out * n_in, fill);
	*b = grader_out(n_out, fill);
	double *gW1 = grader_in(W1, n_hid * n_in), *gb1 = grader_in(b1, n_hid),
	       *gW2 = grader_in(W2, n_out * n_hid), *gb2 = grader_in(b2, n_out);
	linear_collapse(*W, *b, gW1, gb1, gW2, gb2, n_in, n_hid, n_out);
	const char *call = "linear_collapse(%s, n_in = %zu, n_hidden = %zu, n_out = %zu)";
	grader_expect_guards(*W, "W", call, what, n_in, n_hid, n_out);
	grader_expect_guards(*b, "b", call, what, n_in, n_hid, n_out);
	grader_expect_unchanged(gW1, W1, "W1", call, what, n_in, n_hid, n_out);
	grader_expect_unchanged(gb1, b1, "b1", call, what, n_in, n_hid, n_out);
	grader_expect_unchanged(gW2, W2, "W2", call, what, n_in, n_hid, n_out);
	grader_expect_unchanged(gb2, b2, "b2", call, what, n_in, n_hid, n_out);
}

START_TEST(linear_collapse_worked_example)
{
	/* W1 = [[1,2],[3,4]], b1 = [1,1]; W2 = [[1,-1]], b2 = [0.5]:
	 * W = [1-3, 2-4] = [-2, -2], b = 1 - 1 + 0.5 = 0.5. */
	const double W1[] = {1, 2, 3, 4}, b1[] = {1, 1}, W2[] = {1, -1}, b2[] = {0.5};
	double *W, *b;
	run_collapse(&W, &b, W1, b1, W2, b2, 2, 2, 1, NAN, "worked example");
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

START_TEST(linear_collapse_overwrites_whatever_w_and_b_held)
{
	const double W1[] = {1, 2, 3, 4}, b1[] = {1, 1}, W2[] = {1, -1}, b2[] = {0.5};
	const double before[] = {0, 3, -1e300};
	for (int k = 0; k < 3; k++) {
		double *W, *b;
		run_collapse(&W, &b, W1, b1, W2, b2, 2, 2, 1, before[k], "worked example");
		const char *hint = "W and b may hold anything on entry: write each entry, never add to "
				   "it (see 01-why.md, \"Two linear layers are one\")";
		expect_close(W[0], -2, TOL_EXACT, 1e-300, hint,
			     "linear_collapse(worked example) with W and b holding %g before it, W[0]", before[k]);
		expect_close(b[0], 0.5, TOL_EXACT, 1e-300, hint,
			     "linear_collapse(worked example) with W and b holding %g before it, b[0]", before[k]);
	}
}
END_TEST

/* snippet: check_collapse */
/* The chapter's claim itself: for random layers and inputs, the collapsed
 * layer gives what the two stacked layers give. */
START_TEST(linear_collapse_equals_two_stacked_layers)
{
	for (int trial = 0; trial < 30; trial++) {
		size_t n_in = grader_int(1, MAX), n_hid = grader_int(1, MAX), n_out = grader_int(1, MAX);
		double W1[MAX * MAX], b1[MAX], W2[MAX * MAX], b2[MAX], *W, *b;
		fill_random(W1, n_hid * n_in, -1, 1);
		fill_random(W2, n_out * n_hid, -1, 1);
		fill_random(b1, n_hid, -1, 1);
		fill_random(b2, n_out, -1, 1);
		run_collapse(&W, &b, W1, b1, W2, b2, n_in, n_hid, n_out, grader_uniform(-9, 9),
			     "random layers");
		for (int probe = 0; probe < 5; probe++) {
			double x[MAX], h[MAX], two[MAX], one[MAX];
			fill_random(x, n_in, -3, 3);
			ref_affine(h, W1, b1, x, n_hid, n_in);
			ref_affine(two, W2, b2, h, n_out, n_hid);
			ref_affine(one, W, b, x, n_out, n_in);
			for (size_t i = 0; i < n_out; i++)
				expect_close(one[i], two[i], 1e-12, 1, SEE_COLLAPSE,
					     "linear_collapse(random %zu-%zu-%zu layers, trial %d) applied to x, "
					     "output %zu, vs the two layers", n_in, n_hid, n_out, trial, i);
		}
	}
}
END_TEST
/* end snippet: check_collapse */

/* One hidden unit at a time carries the signal, in the first, a middle
 * and the last place: the sum over the hidden units must reach them all. */
START_TEST(linear_collapse_sums_over_every_hidden_unit)
{
	enum { IN = 2, HID = 5, OUT = 2 };
	size_t pos[3];
	grader_positions(HID, pos);
	for (int p = 0; p < 3; p++) {
		size_t k = pos[p];
		double W1[HID * IN] = {0}, b1[HID] = {0}, W2[OUT * HID] = {0}, b2[OUT] = {0}, *W, *b;
		W1[k * IN + 1] = 3;  /* hidden unit k = 3 x_1 + 2 */
		b1[k] = 2;
		W2[1 * HID + k] = 0.5; /* output 1 = 0.5 h_k */
		run_collapse(&W, &b, W1, b1, W2, b2, IN, HID, OUT, NAN, "one hidden unit");
		/* W = [[0,0],[0,1.5]], b = [0, 1]. */
		const double wantW[] = {0, 0, 0, 1.5}, wantb[] = {0, 1};
		for (int i = 0; i < OUT * IN; i++)
			expect_close(W[i], wantW[i], TOL_EXACT, 1e-300,
				     "W[i][j] = sum over every hidden unit k < n_hidden of W2[i][k] W1[k][j]: " SEE_COLLAPSE,
				     "linear_collapse(2-5-2 layers whose only path runs through hidden unit %zu) W[%d]", k, i);
		for (int i = 0; i < OUT; i++)
			expect_close(b[i], wantb[i], TOL_EXACT, 1e-300,
				     "b[i] = b2[i] + sum over every hidden unit k of W2[i][k] b1[k]: " SEE_COLLAPSE,
				     "linear_collapse(2-5-2 layers whose only path runs through hidden unit %zu) b[%d]", k, i);
	}
}
END_TEST

int main(void)
{
	Suite *s = suite_create("01-why");
	TCase *tc = grader_tcase(s, "dense");
	tcase_add_test(tc, dense_forward_worked_example);
	tcase_add_test(tc, dense_forward_of_zero_input_is_the_bias);
	tcase_add_test(tc, dense_forward_overwrites_whatever_z_held);
	tcase_add_test(tc, dense_forward_reads_every_weight);
	tcase_add_test(tc, dense_forward_matches_plain_loops_on_random_layers);
	tc = grader_tcase(s, "collapse");
	tcase_add_test(tc, linear_collapse_worked_example);
	tcase_add_test(tc, linear_collapse_overwrites_whatever_w_and_b_held);
	tcase_add_test(tc, linear_collapse_equals_two_stacked_layers);
	tcase_add_test(tc, linear_collapse_sums_over_every_hidden_unit);
	return grader_run(s);
}
