/* Chapter 13, Initialisation, depth and precision: checks for
 * exercises/13-init-depth.c.
 *
 * Expected values come from mathematics: the formulas of the
 * initialisations on sizes where they are exact; closed forms of
 * E[f(sigma Z)^2] and, where there is none, values computed with mpmath
 * (tests/data/init-depth.py); small networks worked by hand; central
 * differences of your own forward pass; the variance theory of the chapter
 * for the 50-layer experiment; bit patterns of floats worked by hand.
 */
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "batchnorm.h"
#include "depth.h"
#include "grader.h"
#include "rng.h"

#define CH "(see 13-init-depth.md, "
#define SEE_INIT CH "\"Keeping the variance\")"
#define SEE_GAIN CH "\"Each activation's gain\")"
#define SEE_MEASURE CH "\"The depth experiment\")"
#define SEE_CURES CH "\"Two more cures\")"
#define SEE_CLIP CH "\"Exploding gradients and clipping\")"
#define SEE_BF16 CH "\"Precision\")"
#define SEE_NAN "a NaN input gives NaN (see 01-why.md, \"Rules of the road\")"

/* ---- Initial weights ---- */

static const struct {
	enum mlp_init init;
	const char *name;
	size_t n_in, n_out;
	double want;
} stds[] = {
	{MLP_INIT_GLOROT, "MLP_INIT_GLOROT", 100, 100, 0.1},    /* sqrt(2/200) */
	{MLP_INIT_GLOROT, "MLP_INIT_GLOROT", 3, 5, 0.5},        /* sqrt(2/8) */
	{MLP_INIT_GLOROT, "MLP_INIT_GLOROT", 784, 216, 0.044721359549995794}, /* sqrt(1/500) */
	{MLP_INIT_HE, "MLP_INIT_HE", 50, 7, 0.2},               /* sqrt(2/50) */
	{MLP_INIT_HE, "MLP_INIT_HE", 8, 100, 0.5},              /* sqrt(2/8) */
	{MLP_INIT_HE, "MLP_INIT_HE", 784, 256, 0.050507627227610534}, /* sqrt(1/392) */
	{MLP_INIT_LECUN, "MLP_INIT_LECUN", 4, 9, 0.5},          /* sqrt(1/4) */
	{MLP_INIT_LECUN, "MLP_INIT_LECUN", 100, 3, 0.1},        /* sqrt(1/100) */
	{MLP_INIT_SMALL, "MLP_INIT_SMALL", 784, 256, 0.01},
};

static const char *init_hint(int k, double got)
{
	size_t a = stds[k].n_in, b = stds[k].n_out;
	double want = stds[k].want;
	if (grader_close(got, want * want, 1e-12, 1e-300) && want != 1)
		return "that is the variance; the standard deviation is its square root " SEE_INIT;
	if (stds[k].init == MLP_INIT_HE && a != b && grader_close(got, sqrt(2.0 / (double)b), 1e-12, 1e-300))
		return "He divides by n_in, the fan-in: the forward pass sums n_in terms " SEE_INIT;
	if (stds[k].init == MLP_INIT_GLOROT && grader_close(got, sqrt(1.0 / (double)(a + b)), 1e-12, 1e-300))
		return "Glorot's variance is 2/(n_in + n_out), the harmonic mean of 1/n_in and 1/n_out " SEE_INIT;
	if (stds[k].init == MLP_INIT_LECUN && grader_close(got, sqrt(2.0 / (double)a), 1e-12, 1e-300))
		return "that is He's; LeCun's variance is 1/n_in, for units of gain 1 " SEE_INIT;
	if (stds[k].init == MLP_INIT_HE && grader_close(got, sqrt(1.0 / (double)a), 1e-12, 1e-300))
		return "that is LeCun's; He doubles the variance, because ReLU zeroes half its inputs "
		       SEE_INIT;
	return "GLOROT sqrt(2/(n_in + n_out)), HE sqrt(2/n_in), LECUN sqrt(1/n_in), SMALL 0.01 " SEE_INIT;
}

START_TEST(init_std_matches_the_formulas)
{
	double got = init_std(stds[_i].init, stds[_i].n_in, stds[_i].n_out);
	expect_close(got, stds[_i].want, TOL_EXACT, 1e-300, init_hint(_i, got), "init_std(%s, %zu, %zu)",
		     stds[_i].name, stds[_i].n_in, stds[_i].n_out);
}
END_TEST

/* ---- E[f(sigma Z)^2] ---- */

static double ident(double x) { return x; }
static double relu(double x) { return x > 0 ? x : 0; }
static double step(double x) { return x > 0 ? 1 : 0; }
static double one(double x) { (void)x; return 1; }
static double expo(double x) { return exp(x); }
static double sine(double x) { return sin(x); }
static double th(double x) { return tanh(x); }
static double th_grad(double x) { double c = cosh(x); return 1 / (c * c); }
static double sigm(double x) { return 1 / (1 + exp(-x)); }

static const struct {
	const char *name;
	double (*f)(double);
	double sigma, want;
} moments[] = {
	{"x", ident, 1.0, 1.0},                          /* E[Z^2] = 1 */
	{"x", ident, 3.0, 9.0},                          /* sigma^2 */
	{"1", one, 1.0, 1.0},                            /* phi integrates to 1 */
	{"relu", relu, 1.0, 0.5},                        /* half of E[Z^2] */
	{"relu", relu, 2.0, 2.0},                        /* sigma^2 / 2 */
	{"step", step, 1.0, 0.5},                        /* P(Z > 0) */
	{"exp", expo, 1.0, 7.3890560989306502},          /* E[e^{2 sigma Z}] = e^{2 sigma^2} = e^2 */
	{"sin", sine, 1.0, 0.43233235838169365},         /* (1 - e^{-2 sigma^2})/2 */
	/* From tests/data/init-depth.py (mpmath): */
	{"tanh", th, 1.0, 0.3942944903978412},
	{"tanh", th, 2.0, 0.63526123425693992},
	{"tanh", th, 0.5, 0.17351614343237184},
	{"tanh'", th_grad, 1.0, 0.46440290244826826},
	{"sigmoid", sigm, 1.0, 0.29337903585809294},
	{"sigmoid", sigm, 3.0, 0.38516209522608946},
};

/* The trapezoid rule on the same grid, with a point at z = 0. */
static double with_point_at_zero(double (*f)(double), double sigma)
{
	double sum = 0;
	for (int k = 0; k <= 24000; k++) {
		double z = -12 + k * 0.001, y = f(sigma * z);
		sum += (k == 0 || k == 24000 ? 0.5 : 1) * y * y * exp(-0.5 * z * z);
	}
	return sum * 0.001 / sqrt(2 * M_PI);
}

static const char *moment_hint(int k, double got)
{
	double want = moments[k].want;
	if (grader_close(got / sqrt(2 * M_PI), want, 1e-6, 1e-300))
		return "the normal density is e^{-z^2/2}/sqrt(2 pi): the 1/sqrt(2 pi) is missing " SEE_GAIN;
	if (grader_close(got * 0.001, want, 1e-6, 1e-300))
		return "each cell adds f(sigma z)^2 phi(z) times its width h = 0.001 " SEE_GAIN;
	if (moments[k].f == step && grader_close(got, with_point_at_zero(step, moments[k].sigma), 1e-9, 1e-300))
		return "a sample at z = 0, where the step jumps, weighs h phi(0) too much or too little: the "
		       "midpoint rule samples the middle of each cell, never 0 " SEE_GAIN;
	return "E[f(sigma Z)^2] = sum over the 24000 cells of f(sigma z)^2 phi(z) h, z the cell's middle "
	       SEE_GAIN;
}

START_TEST(gauss_mean_square_matches_closed_forms_and_mpmath)
{
	double got = gauss_mean_square(moments[_i].f, moments[_i].sigma);
	int k = _i;
	expect_close(got, moments[k].want, 1e-9, 1e-300, moment_hint(k, got),
		     "gauss_mean_square(%s, %.17g)", moments[k].name, moments[k].sigma);
}
END_TEST

/* ---- The variance ---- */

START_TEST(depth_variance_worked_examples)
{
	const double a[] = {1, 2, 3, 4};
	expect_close(depth_variance(a, 4), 1.25, TOL_EXACT, 1e-300,
		     "(1/n) sum (x - mean)^2 with mean 2.5: (2.25 + 0.25 + 0.25 + 2.25)/4; divide by n, "
		     "not n - 1 " SEE_MEASURE, "depth_variance({1, 2, 3, 4}, 4)");
	const double b[] = {-7};
	expect_close(depth_variance(b, 1), 0, TOL_EXACT, 1e-300, "one value has variance 0 " SEE_MEASURE,
		     "depth_variance({-7}, 1)");
	const double c[] = {3, 3, 3, -1, -1, -1};
	expect_close(depth_variance(c, 6), 4, TOL_EXACT, 1e-300, "mean 1, every deviation 2 " SEE_MEASURE,
		     "depth_variance({3, 3, 3, -1, -1, -1}, 6)");
}
END_TEST

START_TEST(depth_variance_keeps_a_small_spread_beside_a_large_mean)
{
	/* The mean is 1e9 + 2 exactly; the deviations -1, 0, 1. */
	const double x[] = {1e9 + 1, 1e9 + 2, 1e9 + 3};
	double got = depth_variance(x, 3);
	expect_close(got, 2.0 / 3.0, TOL_EXACT, 1e-300,
		     "mean(x^2) - mean(x)^2 subtracts two numbers near 1e18 whose difference is 2/3: "
		     "compute the mean first, then the squares of the deviations (two passes) " SEE_MEASURE,
		     "depth_variance({1e9 + 1, 1e9 + 2, 1e9 + 3}, 3)");
}
END_TEST

/* Random data beside a random large mean, whose double is rounded: the
 * suite's own two passes in long double.  A formula that sums x^2 - m^2
 * or subtracts mean(x)^2 loses m times the mean's rounding. */
START_TEST(depth_variance_at_random_data_beside_a_large_mean)
{
	enum { N = 20 };
	for (int trial = 0; trial < 40; trial++) {
		size_t n = grader_int(2, N);
		double x[N], m = grader_magnitude(6, 7, true);
		long double mean = 0, var = 0;
		for (size_t i = 0; i < n; i++)
			x[i] = m + grader_uniform(-1, 1), mean += x[i];
		mean /= n;
		for (size_t i = 0; i < n; i++)
			var += (x[i] - mean) * (x[i] - mean);
		double *gx = grader_in(x, n), got = depth_variance(gx, n);
		grader_expect_unchanged(gx, x, "x", "depth_variance(x, %zu)", n);
		expect_close(got, (double)(var / n), 1e-7, 1e-300,
			     "two passes: the mean first, then the squared deviations from it; any form that "
			     "subtracts large squares (x^2 - m^2, mean(x^2) - mean(x)^2) loses the spread " SEE_MEASURE,
			     "depth_variance(%zu values near %.17g spread over [-1, 1])", n, m);
	}
}
END_TEST

START_TEST(depth_variance_propagates_nan)
{
	const double x[] = {1, NAN, 3};
	expect_nan(depth_variance(x, 3), SEE_NAN, "depth_variance({1, nan, 3}, 3)");
	expect_nan(depth_variance(x, 0), "the variance of no values is undefined: NaN " SEE_MEASURE,
		   "depth_variance(x, 0)");
}
END_TEST

/* ---- The depth network, worked by hand ----
 * B = 2 samples, width n = 2, L = 2 layers, f(z) = z^2, f'(z) = 2z:
 *     x = [[1, 2], [-1, 1]],  W_1 = [[1, 0], [1, -1]],  W_2 = [[0, 1], [2, 1]]
 *     z_1 = x W_1 = [[3, -2], [0, -1]]
 * plain:    h_1 = [[9, 4], [0, 1]],     z_2 = [[8, 13], [2, 1]],  h_2 = [[64, 169], [4, 1]]
 * residual: h_1 = [[10, 6], [-1, 2]],   z_2 = [[12, 16], [4, 1]], h_2 = [[154, 262], [15, 3]]
 * Backward from dL/dh_2 = [[1, -1], [2, 1]]:
 * plain:    dz_2 = [[16, -26], [8, 2]],  dh_1 = [[-26, 6], [2, 18]],
 *           dz_1 = [[-156, -24], [0, -36]], dh_0 = [[-156, -132], [0, 36]]
 * residual: dz_2 = [[24, -32], [16, 2]], dh_1 = [[-31, 15], [4, 35]],
 *           dz_1 = [[-186, -60], [0, -70]], dh_0 = [[-217, -111], [4, 105]] */
static double sq(double z) { return z * z; }
static double twice(double z) { return 2 * z; }

static const double w_x[4] = {1, 2, -1, 1};
static const double w_W[8] = {1, 0, 1, -1, 0, 1, 2, 1};
static const double w_dtop[4] = {1, -1, 2, 1};
static const struct {
	double z[8], h[12], dz[8], dh[12];
} worked[2] = {
	{{3, -2, 0, -1, 8, 13, 2, 1}, {1, 2, -1, 1, 9, 4, 0, 1, 64, 169, 4, 1},
	 {-156, -24, 0, -36, 16, -26, 8, 2}, {-156, -132, 0, 36, -26, 6, 2, 18, 1, -1, 2, 1}},
	{{3, -2, 0, -1, 12, 16, 4, 1}, {1, 2, -1, 1, 10, 6, -1, 2, 154, 262, 15, 3},
	 {-186, -60, 0, -70, 24, -32, 16, 2}, {-217, -111, 4, 105, -31, 15, 4, 35, 1, -1, 2, 1}},
};

START_TEST(depth_forward_worked_example)
{
	int res = _i;
	double *W = grader_in(w_W, 8), *x = grader_in(w_x, 4);
	struct depth_net net = {2, 2, 2, W, sq, twice, res, 0};
	double *z = grader_out(8, 1000), *h = grader_out(12, 1000), *bn = grader_out(4, 1000);
	depth_forward(z, h, bn, x, &net);
	const char *call = "depth_forward(z, h, bn, x, net with B = 2, n = 2, L = 2)";
	grader_expect_guards(z, "z", "%s", call);
	grader_expect_guards(h, "h", "%s", call);
	grader_expect_guards(bn, "bn", "%s", call);
	grader_expect_unchanged(W, w_W, "net->W", "%s", call);
	grader_expect_unchanged(x, w_x, "x", "%s", call);
	char b1[512], b2[512];
	const char *kind = res ? "residual" : "plain";
	ck_assert_msg(grader_same_array(z, worked[res].z, 8) && grader_same_array(h, worked[res].h, 12),
		      "depth_forward(%s, f(z) = z^2, B = 2, n = 2, L = 2) gave z = %s and h = %s, expected "
		      "z = %s and h = %s -- %s", kind, grader_show_array(b1, sizeof b1, z, 8), grader_show_array(b2, sizeof b2, h, 12),
		      res ? "[3, -2, 0, -1, 12, 16, 4, 1]" : "[3, -2, 0, -1, 8, 13, 2, 1]",
		      res ? "[1, 2, -1, 1, 10, 6, -1, 2, 154, 262, 15, 3]" : "[1, 2, -1, 1, 9, 4, 0, 1, 64, 169, 4, 1]",
		      res ? "a residual layer adds its input: h_l = h_{l-1} + f(z_l), with z_l = h_{l-1} W_l "
			    "(h[0] is x) " SEE_CURES
			  : "h[0] = x, then z_l = h_{l-1} W_l with W input-major and h_l = f(z_l) " SEE_MEASURE);
}
END_TEST

START_TEST(depth_backward_worked_example)
{
	int res = _i;
	struct depth_net net = {2, 2, 2, w_W, sq, twice, res, 0};
	double *z = grader_in(worked[res].z, 8), *dtop = grader_in(w_dtop, 4);
	double bn0[4] = {0}, *bn = grader_in(bn0, 4);
	double *dz = grader_out(8, 1000), *dh = grader_out(12, 1000);
	depth_backward(dz, dh, dtop, z, bn, &net);
	const char *call = "depth_backward(dz, dh, dtop, z, bn, net with B = 2, n = 2, L = 2)";
	grader_expect_guards(dz, "dz", "%s", call);
	grader_expect_guards(dh, "dh", "%s", call);
	grader_expect_unchanged(z, worked[res].z, "z", "%s", call);
	grader_expect_unchanged(dtop, w_dtop, "dtop", "%s", call);
	grader_expect_unchanged(bn, bn0, "bn", "%s", call);
	char b1[512], b2[512];
	const char *kind = res ? "residual" : "plain";
	ck_assert_msg(grader_same_array(dz, worked[res].dz, 8) && grader_same_array(dh, worked[res].dh, 12),
		      "depth_backward(%s, f'(z) = 2z, B = 2, n = 2, L = 2) gave dz = %s and dh = %s, expected "
		      "dz = %s and dh = %s -- %s", kind, grader_show_array(b1, sizeof b1, dz, 8), grader_show_array(b2, sizeof b2, dh, 12),
		      res ? "[-186, -60, 0, -70, 24, -32, 16, 2]" : "[-156, -24, 0, -36, 16, -26, 8, 2]",
		      res ? "[-217, -111, 4, 105, -31, 15, 4, 35, 1, -1, 2, 1]"
			  : "[-156, -132, 0, 36, -26, 6, 2, 18, 1, -1, 2, 1]",
		      res ? "the shortcut passes dL/dh_l straight back: dh_{l-1} = dh_l + dz_l W_l^T " SEE_CURES
			  : "dh[L] = dtop; dz_l = dh_l f'(z_l); dh_{l-1} = dz_l W_l^T, written, not added to "
			    SEE_MEASURE);
}
END_TEST

START_TEST(depth_forward_normalises_with_batchnorm)
{
	/* One layer, f the identity: z = batchnorm(x W_1), the course's own
	 * normalisation applied to x W_1 = [[3, -2], [0, -1]]. */
	struct depth_net net = {2, 2, 1, w_W, ident, one, 0, 1};
	double z[4], h[8], bn[2], want[4] = {3, -2, 0, -1}, want_bn[2];
	batchnorm_forward(want, want_bn, 2, 2);
	depth_forward(z, h, bn, w_x, &net);
	char b1[256], b2[256];
	ck_assert_msg(grader_same_array(z, want, 4) && grader_same_array(bn, want_bn, 2),
		      "depth_forward(batchnorm, f(z) = z, B = 2, n = 2, L = 1) gave z = %s, expected "
		      "batchnorm_forward(x W_1) = %s: normalise z_l in place, with its 1/std in bn + l n, "
		      "before f " SEE_CURES, grader_show_array(b1, sizeof b1, z, 4), grader_show_array(b2, sizeof b2, want, 4));
}
END_TEST

/* ---- Gradient checks on a small random network ----
 * L = sum r * h_L; its gradient with respect to h_L is r.  Every entry of
 * x and of W is nudged by +-h; dL/dx is dh[0], dL/dW_l is h_{l-1}^T dz_l. */
enum { GN = 3, GB = 4, GL = 3 };
struct gcase {
	double x[GB * GN], W[GL * GN * GN], r[GB * GN];
};

static double net_loss(const struct gcase *c, const struct depth_net *net)
{
	double z[GL * GB * GN], h[(GL + 1) * GB * GN], bn[GL * GN], L = 0;
	depth_forward(z, h, bn, c->x, net);
	for (int k = 0; k < GB * GN; k++)
		L += c->r[k] * h[GL * GB * GN + k];
	return L;
}

static void gradient_check(int residual, int batchnorm)
{
	/* Random inputs, new each run (GRADER_SEED repeats them). */
	struct gcase c;
	struct rng *rng = grader_rng();
	for (int k = 0; k < GB * GN; k++)
		c.x[k] = rng_normal(rng), c.r[k] = rng_normal(rng);
	for (int k = 0; k < GL * GN * GN; k++)
		c.W[k] = 0.7 * rng_normal(rng);
	double *g_x = c.x, *g_W = c.W, *g_r = c.r;
	struct depth_net net = {GN, GB, GL, g_W, th, th_grad, residual, batchnorm};
	double z[GL * GB * GN], h[(GL + 1) * GB * GN], bn[GL * GN];
	double dz[GL * GB * GN], dh[(GL + 1) * GB * GN];
	depth_forward(z, h, bn, g_x, &net);
	depth_backward(dz, dh, g_r, z, bn, &net);
	const char *kind = batchnorm ? "batchnorm" : residual ? "residual" : "plain";
	const double eps = 1e-5;
	for (int k = 0; k < GB * GN; k++) {
		double keep = g_x[k];
		g_x[k] = keep + eps;
		double up = net_loss(&c, &net);
		g_x[k] = keep - eps;
		double down = net_loss(&c, &net);
		g_x[k] = keep;
		double n = (up - down) / (2 * eps);
		ck_assert_msg(grader_grad_agrees(dh[k], n),
			      "depth_backward(%s, f = tanh, B = 4, n = 3, L = 3) gave dL/dx[%d] = dh[0][%d] = "
			      "%.17g, but the central difference of L = sum r h_L through your depth_forward is "
			      "%.17g -- %s", kind, k, k, dh[k], n,
			      residual ? "the shortcut adds dh_l to dh_{l-1} " SEE_CURES
			      : batchnorm ? "after dz_l = dh_l f'(z_l), batchnorm_backward turns it into the "
					    "gradient before the normalisation " SEE_CURES
					  : "dz_l = dh_l f'(z_l), dh_{l-1} = dz_l W_l^T " SEE_MEASURE);
	}
	for (int l = 0; l < GL; l++) {
		for (int i = 0; i < GN; i++) {
			for (int j = 0; j < GN; j++) {
				int k = (l * GN + i) * GN + j;
				double keep = g_W[k];
				g_W[k] = keep + eps;
				double up = net_loss(&c, &net);
				g_W[k] = keep - eps;
				double down = net_loss(&c, &net);
				g_W[k] = keep;
				double n = (up - down) / (2 * eps), a = 0;
				for (int s = 0; s < GB; s++)
					a += h[(l * GB + s) * GN + i] * dz[(l * GB + s) * GN + j];
				ck_assert_msg(grader_grad_agrees(a, n),
					      "depth_backward(%s, f = tanh) gave dz from which dL/dW_%d[%d][%d] = "
					      "sum_s h_%d[s][%d] dz_%d[s][%d] = %.17g, but the central difference "
					      "of L through your depth_forward is %.17g -- dz_l is the gradient at "
					      "z_l = h_{l-1} W_l %s", kind, l + 1, i, j, l, i, l + 1, j, a, n,
					      batchnorm ? "before the normalisation " SEE_CURES : SEE_MEASURE);
			}
		}
	}
}

START_TEST(depth_backward_matches_central_differences)
{
	gradient_check(0, 0);
}
END_TEST

START_TEST(depth_backward_residual_matches_central_differences)
{
	gradient_check(1, 0);
}
END_TEST

START_TEST(depth_backward_batchnorm_matches_central_differences)
{
	gradient_check(0, 1);
}
END_TEST

/* ---- The 50-layer experiment, with your functions throughout ----
 * Width 128, batch 64, weights drawn normal with init_std's deviation.
 * The chapter's theory: a ReLU layer multiplies the second moment of its
 * pre-activations by n sigma^2 / 2, and the gradient's variance by the same
 * factor on the way back.  He (n sigma^2 = 2) keeps both; Glorot on square
 * layers (n sigma^2 = 1) halves both at every layer, 2^-49 over 50 layers.
 * Finite width adds noise of a few percent per layer, a factor 2 or 3
 * over 50 layers; the bounds below allow a factor 5 (10 for Glorot's
 * tiny ratio), against factors of 10^15 for the mistakes. */
enum { EN = 128, EB = 64, EL = 50 };

struct experiment {
	double first_h, last_h, first_g, last_g;
};

static struct experiment run_experiment(enum mlp_init init, int residual)
{
	static double W[EL * EN * EN], x[EB * EN], dtop[EB * EN];
	static double z[EL * EB * EN], h[(EL + 1) * EB * EN], bn[EL * EN];
	static double dz[EL * EB * EN], dh[(EL + 1) * EB * EN];
	struct rng rng;
	rng_seed(&rng, 50);
	double s = init_std(init, EN, EN);
	for (int k = 0; k < EB * EN; k++)
		x[k] = rng_normal(&rng), dtop[k] = rng_normal(&rng);
	for (int k = 0; k < EL * EN * EN; k++)
		W[k] = s * rng_normal(&rng);
	struct depth_net net = {EN, EB, EL, W, relu, step, residual, 0};
	depth_forward(z, h, bn, x, &net);
	depth_backward(dz, dh, dtop, z, bn, &net);
	size_t m = EB * EN;
	return (struct experiment){depth_variance(h + m, m), depth_variance(h + EL * m, m),
				   depth_variance(dh + (EL - 1) * m, m), depth_variance(dh, m)};
}

START_TEST(relu_with_he_keeps_the_variance_through_50_layers)
{
	struct experiment e = run_experiment(MLP_INIT_HE, 0);
	double fwd = e.last_h / e.first_h, bwd = e.last_g / e.first_g;
	ck_assert_msg(fwd >= 0.2 && fwd <= 5 && bwd >= 0.2 && bwd <= 5,
		      "50 ReLU layers of width 128 with He's initialisation (init_std(MLP_INIT_HE, 128, 128) "
		      "= %.6g): the activations' variance went from %.6g at layer 1 to %.6g at layer 50 "
		      "(ratio %.3g), the gradients' from %.6g at layer 50 to %.6g at layer 1 (ratio %.3g); "
		      "expected both ratios near 1, within a factor 5 -- %s",
		      init_std(MLP_INIT_HE, EN, EN), e.first_h, e.last_h, fwd, e.first_g, e.last_g, bwd,
		      fwd < 1e-6 || bwd < 1e-6 ? "the signal vanished: is n sigma^2 = 2 for He? " SEE_INIT
		      : fwd > 1e6 || bwd > 1e6 ? "the signal exploded: is n sigma^2 = 2 for He? " SEE_INIT
					       : SEE_MEASURE);
}
END_TEST

START_TEST(relu_with_glorot_halves_the_variance_at_every_layer)
{
	struct experiment e = run_experiment(MLP_INIT_GLOROT, 0);
	double fwd = e.last_h / e.first_h, bwd = e.last_g / e.first_g;
	/* 2^-49 = 1.8e-15, give or take a factor 10. */
	ck_assert_msg(fwd > 1.8e-16 && fwd < 1.8e-14 && bwd > 1.8e-16 && bwd < 1.8e-14,
		      "50 ReLU layers of width 128 with Glorot's initialisation: the activations' variance "
		      "went from %.6g at layer 1 to %.6g at layer 50 (ratio %.3g), the gradients' from %.6g "
		      "to %.6g (ratio %.3g); expected both near 2^-49 = 1.8e-15, within a factor 10: Glorot's "
		      "n sigma^2 = 1 on square layers, and a ReLU layer keeps half -- %s",
		      e.first_h, e.last_h, fwd, e.first_g, e.last_g, bwd, SEE_INIT);
}
END_TEST

START_TEST(residual_relu_with_small_init_keeps_its_input)
{
	/* With 0.01 normal weights a plain ReLU layer multiplies the variance
	 * by n sigma^2 / 2 = 0.0064: 10^-108 over 50 layers.  A residual layer
	 * adds its branch to its input, so the stream keeps at least the
	 * input's size, and the small branches add little to it. */
	struct experiment p = run_experiment(MLP_INIT_SMALL, 0), e = run_experiment(MLP_INIT_SMALL, 1);
	double fwd = e.last_h / e.first_h, bwd = e.last_g / e.first_g;
	ck_assert_msg(p.last_h / p.first_h < 1e-90 && fwd >= 0.9 && fwd <= 10 && bwd >= 0.9 && bwd <= 10,
		      "50 ReLU layers with 0.01 normal weights: plain, the activations' variance went from "
		      "%.6g to %.6g (expected a fall below 1e-90); residual, from %.6g to %.6g (ratio %.3g), "
		      "the gradients' from %.6g to %.6g (ratio %.3g), expected both ratios between 0.9 and "
		      "10: the shortcut carries the input and the gradient through -- %s",
		      p.first_h, p.last_h, e.first_h, e.last_h, fwd, e.first_g, e.last_g, bwd, SEE_CURES);
}
END_TEST

/* ---- Clipping by norm ---- */

static const char *clip_hint(const double *g, const double *g0, int n, double max_norm, double got)
{
	double ss = 0;
	for (int i = 0; i < n; i++)
		ss += g0[i] * g0[i];
	if (got == ss && ss != sqrt(ss))
		return "that is the sum of squares; the norm is its square root " SEE_CLIP;
	int clipped_each = 1;
	for (int i = 0; i < n; i++)
		clipped_each &= g[i] == fmax(-max_norm, fmin(max_norm, g0[i]));
	if (clipped_each)
		return "each entry was clipped to [-max_norm, max_norm] (clipping by value); by norm, the "
		       "whole vector is scaled by max_norm/norm, which keeps its direction " SEE_CLIP;
	return "if norm > max_norm, g_i *= max_norm/norm for every i; return the norm before clipping "
	       SEE_CLIP;
}

START_TEST(clip_by_norm_worked_examples)
{
	static const struct {
		double g[3];
		int n;
		double max_norm, norm, out[3];
		const char *why;
	} rows[] = {
		{{3, 4}, 2, 1, 5, {0.6, 0.8}, "norm 5 > 1: scaled by 1/5"},
		{{3, 4}, 2, 10, 5, {3, 4}, "norm 5 <= 10: unchanged"},
		{{3, 4}, 2, 5, 5, {3, 4}, "norm 5 = max_norm: unchanged"},
		{{-2, 1, 2}, 3, 1.5, 3, {-1, 0.5, 1}, "norm 3 > 1.5: halved"},
		{{3e200, -4e200}, 2, 1, 5e200, {0.6, -0.8}, "no overflow: the squares of 1e200 are not doubles"},
		{{3e-200, 4e-200}, 2, 1, 5e-200, {3e-200, 4e-200}, "no underflow: the squares of 1e-200 are 0"},
		{{0, 0}, 2, 1, 0, {0, 0}, "norm 0"},
		{{-3, -4}, 2, 1, 5, {-0.6, -0.8}, "every entry negative: the norm takes |g_i|"},
		{{-4, 0, -3}, 3, 10, 5, {-4, 0, -3}, "negative entries, norm within the bound"},
	};
	char b1[256], b2[256];
	for (int r = 0; r < ROWS(rows); r++) {
		double *g = grader_in(rows[r].g, (size_t)rows[r].n);
		double got = clip_by_norm(g, (size_t)rows[r].n, rows[r].max_norm);
		grader_expect_guards(g, "g", "clip_by_norm(%s, %d, %.17g)",
				     grader_show_array(b1, sizeof b1, rows[r].g, rows[r].n), rows[r].n, rows[r].max_norm);
		const char *hint = clip_hint(g, rows[r].g, rows[r].n, rows[r].max_norm, got);
		if (!isfinite(got) || got == 0)
			hint = rows[r].norm > 1e100 || rows[r].norm < 1e-100 ?
			       "sqrt(sum g_i^2) overflows or underflows for such g: divide every g_i by the "
			       "largest |g_i| first, and multiply the root back " SEE_CLIP : hint;
		ck_assert_msg(grader_close(got, rows[r].norm, TOL_EXACT, 1e-300) &&
			      grader_same_array(g, rows[r].out, rows[r].n),
			      "clip_by_norm(%s, %d, %.17g) returned %.17g and left g = %s, expected %.17g and %s "
			      "(%s) -- %s", grader_show_array(b1, sizeof b1, rows[r].g, rows[r].n), rows[r].n, rows[r].max_norm,
			      got, grader_show_array(b2, sizeof b2, g, rows[r].n), rows[r].norm,
			      grader_show_array(b1 + 128, sizeof b1 - 128, rows[r].out, rows[r].n), rows[r].why, hint);
	}
}
END_TEST

/* Random gradients, new each run: any length, entries of either sign and
 * any size, bounds on both sides of the norm.  The suite's own norm in
 * long double; clipping scales g by max_norm/norm, keeping its direction. */
START_TEST(clip_by_norm_at_random_gradients)
{
	enum { N = 40 };
	for (int trial = 0; trial < 60; trial++) {
		size_t n = grader_int(1, N);
		double g0[N], scale = grader_magnitude(-150, 300, false);
		long double ss = 0;
		for (size_t i = 0; i < n; i++) {
			g0[i] = scale * grader_uniform(-1, 1);
			ss += ((long double)g0[i] / scale) * ((long double)g0[i] / scale);
		}
		double norm = (double)(scale * sqrtl(ss)), max_norm = norm * grader_uniform(0.3, 3);
		double *g = grader_in(g0, n);
		char b[64];
		snprintf(b, sizeof b, "random g of %zu entries near %.3g", n, scale);
		double got = clip_by_norm(g, n, max_norm);
		grader_expect_guards(g, "g", "clip_by_norm(%s, %zu, %.17g)", b, n, max_norm);
		expect_close(got, norm, 1e-13, 1e-300,
			     !isfinite(got) || got == 0 ? "sqrt(sum g_i^2) overflows or underflows for such g: "
			     "divide every g_i by the largest |g_i| first " SEE_CLIP : SEE_CLIP,
			     "clip_by_norm(%s, %zu, %.17g), the norm returned", b, n, max_norm);
		double c = norm > max_norm ? max_norm / norm : 1;
		for (size_t i = 0; i < n; i++)
			expect_close(g[i], g0[i] * c, 1e-13, 1e-300, SEE_CLIP,
				     "clip_by_norm(%s, %zu, %.17g): g[%zu] afterwards", b, n, max_norm, i);
	}
}
END_TEST

/* Forty entries of 1e300: the norm sqrt(40) 1e300 is a double, though any
 * sum of squares, or any running scale that grows with the entries, is not. */
START_TEST(clip_by_norm_of_many_large_entries)
{
	enum { N = 40 };
	double g0[N];
	for (int i = 0; i < N; i++)
		g0[i] = i % 2 ? 1e300 : -1e300;
	double *g = grader_in(g0, N), norm = sqrt(40.0) * 1e300;
	double got = clip_by_norm(g, N, 1);
	grader_expect_guards(g, "g", "clip_by_norm(40 entries of +-1e300, 40, 1)");
	expect_close(got, norm, 1e-14, 1e-300,
		     "the norm of 40 entries of 1e300 is about 6.3e300: scale by the largest |g_i|, not by "
		     "anything that grows with the entries " SEE_CLIP, "clip_by_norm(40 entries of +-1e300, 40, 1)");
	for (int i = 0; i < N; i++)
		expect_close(g[i], g0[i] / norm, 1e-14, 1e-300, SEE_CLIP,
			     "clip_by_norm(40 entries of +-1e300, 40, 1): g[%d] afterwards", i);
}
END_TEST

/* Two entries of 1.5e308: the norm, 1.5e308 sqrt 2 = 2.1e308, is beyond the
 * largest double (1.8e308), so the honest return is +inf; the entries still
 * scale to a norm of max_norm, +-1/sqrt 2, which max_norm / norm (= 0) would
 * not give. */
START_TEST(clip_by_norm_of_a_norm_beyond_the_largest_double)
{
	const double g0[2] = {1.5e308, -1.5e308};
	double *g = grader_in(g0, 2);
	double got = clip_by_norm(g, 2, 1);
	grader_expect_guards(g, "g", "clip_by_norm([1.5e308, -1.5e308], 2, 1)");
	ck_assert_msg(isinf(got) && got > 0,
		      "clip_by_norm([1.5e308, -1.5e308], 2, 1) returned %.17g, expected inf: the norm 2.1e308 is "
		      "beyond the largest double " SEE_CLIP, got);
	for (int i = 0; i < 2; i++)
		expect_close(g[i], (i ? -1 : 1) / sqrt(2.0), 1e-15, 1e-300,
			     "scale by max_norm / big / root (never by max_norm / norm, which is 0 here) " SEE_CLIP,
			     "clip_by_norm([1.5e308, -1.5e308], 2, 1): g[%d] afterwards", i);
}
END_TEST

START_TEST(clip_by_norm_leaves_nan_and_inf_alone)
{
	double g[2] = {NAN, 1};
	double got = clip_by_norm(g, 2, 1);
	ck_assert_msg(isnan(got) && isnan(g[0]) && g[1] == 1,
		      "clip_by_norm({nan, 1}, 2, 1) returned %.17g and left g = {%g, %g}, expected NaN and g "
		      "unchanged -- " SEE_NAN ": a NaN gradient must stay visible, not be scaled into "
		      "something else " SEE_CLIP, got, g[0], g[1]);
	double h[2] = {INFINITY, 1};
	got = clip_by_norm(h, 2, 1);
	ck_assert_msg(got == INFINITY && h[0] == INFINITY && h[1] == 1,
		      "clip_by_norm({inf, 1}, 2, 1) returned %.17g and left g = {%g, %g}, expected inf and g "
		      "unchanged: scaling by 1/inf would turn inf into NaN and 1 into 0 " SEE_CLIP,
		      got, h[0], h[1]);
}
END_TEST

/* ---- bfloat16 ---- */

static float from_bits(uint32_t u) { float f; memcpy(&f, &u, sizeof f); return f; }
static uint32_t bits_of(float f) { uint32_t u; memcpy(&u, &f, sizeof u); return u; }

/* Float patterns and the bfloat16 each rounds to (the top 16 bits). */
static const struct {
	uint32_t in, out;
	const char *why;
} bf16_rows[] = {
	{0x3F800000, 0x3F800000, "1 is a bfloat16"},
	{0x3F808000, 0x3F800000, "1 + 2^-8 is halfway between 1 and 1 + 2^-7: ties go to the even one, 1"},
	{0x3F818000, 0x3F820000, "1 + 3 * 2^-8 is halfway between 1 + 2^-7 and 1 + 2^-6: the even one is 1 + 2^-6"},
	{0x3F808001, 0x3F810000, "just above halfway: up"},
	{0x3F807FFF, 0x3F800000, "just below halfway: down"},
	{0xBF818000, 0xBF820000, "negative numbers round the same way, by magnitude"},
	{0x3F7FFFFF, 0x3F800000, "just below 1: the carry runs into the exponent"},
	{0x7F7F0000, 0x7F7F0000, "the largest bfloat16, (2 - 2^-7) 2^127"},
	{0x7F7F8000, 0x7F800000, "halfway between the largest bfloat16 and 2^128: ties to even, which is inf"},
	{0x7F7FFFFF, 0x7F800000, "the largest float rounds to inf"},
	{0x7F800000, 0x7F800000, "inf stays inf"},
	{0xFF800000, 0xFF800000, "-inf stays -inf"},
	{0x80000000, 0x80000000, "-0 stays -0"},
	{0x00012345, 0x00010000, "a subnormal float rounds like any other"},
};

START_TEST(round_bf16_rounds_to_nearest_even)
{
	float x = from_bits(bf16_rows[_i].in), got = round_bf16(x);
	uint32_t g = bits_of(got), want = bf16_rows[_i].out, in = bf16_rows[_i].in;
	const char *hint = "add 0x7FFF plus the lowest kept bit ((u >> 16) & 1) to the pattern u, then "
			   "clear the low 16 bits " SEE_BF16;
	if (g == (in & 0xFFFF0000u) && g != want)
		hint = "that truncates: the low half was dropped without rounding " SEE_BF16;
	else if (g == ((in + 0x8000u) & 0xFFFF0000u) && g != want)
		hint = "that rounds halfway cases up; IEEE rounding sends ties to the even neighbour, "
		       "the one whose lowest kept bit is 0 " SEE_BF16;
	ck_assert_msg(g == want,
		      "round_bf16(%.9g) (bits 0x%08X) returned %.9g (bits 0x%08X), expected %.9g (bits "
		      "0x%08X): %s -- %s", (double)x, in, (double)got, g, (double)from_bits(want), want,
		      bf16_rows[_i].why, hint);
}
END_TEST

START_TEST(round_bf16_keeps_nan)
{
	/* A NaN whose payload is in the low 16 bits only: dropping them, or
	 * rounding them away, would make it inf. */
	const uint32_t nans[] = {0x7FC00000, 0x7F800001, 0xFF80FFFF, 0x7FFFFFFF};
	for (int i = 0; i < 4; i++) {
		float got = round_bf16(from_bits(nans[i]));
		ck_assert_msg(isnan(got),
			      "round_bf16(nan with bits 0x%08X) returned %.9g (bits 0x%08X), expected a NaN: the "
			      "rounding trick turns a NaN whose payload sits in the low half into inf, so return "
			      "a NaN as it is first -- " SEE_NAN, nans[i], (double)got, bits_of(got));
	}
}
END_TEST

int main(void)
{
	Suite *s = suite_create("13-init-depth");
	TCase *tc = grader_tcase(s, "init_std");
	tcase_add_loop_test(tc, init_std_matches_the_formulas, 0, ROWS(stds));
	tc = grader_tcase(s, "gauss_mean_square");
	tcase_add_loop_test(tc, gauss_mean_square_matches_closed_forms_and_mpmath, 0, ROWS(moments));
	tc = grader_tcase(s, "depth_variance");
	tcase_add_test(tc, depth_variance_worked_examples);
	tcase_add_test(tc, depth_variance_keeps_a_small_spread_beside_a_large_mean);
	tcase_add_test(tc, depth_variance_at_random_data_beside_a_large_mean);
	tcase_add_test(tc, depth_variance_propagates_nan);
	tc = grader_tcase(s, "depth");
	tcase_add_loop_test(tc, depth_forward_worked_example, 0, 2);
	tcase_add_loop_test(tc, depth_backward_worked_example, 0, 2);
	tcase_add_test(tc, depth_forward_normalises_with_batchnorm);
	tcase_add_test(tc, depth_backward_matches_central_differences);
	tcase_add_test(tc, depth_backward_residual_matches_central_differences);
	tcase_add_test(tc, depth_backward_batchnorm_matches_central_differences);
	tc = grader_tcase(s, "experiment");
	tcase_add_test(tc, relu_with_he_keeps_the_variance_through_50_layers);
	tcase_add_test(tc, relu_with_glorot_halves_the_variance_at_every_layer);
	tcase_add_test(tc, residual_relu_with_small_init_keeps_its_input);
	tc = grader_tcase(s, "clip_by_norm");
	tcase_add_test(tc, clip_by_norm_worked_examples);
	tcase_add_test(tc, clip_by_norm_at_random_gradients);
	tcase_add_test(tc, clip_by_norm_of_many_large_entries);
	tcase_add_test(tc, clip_by_norm_of_a_norm_beyond_the_largest_double);
	tcase_add_test(tc, clip_by_norm_leaves_nan_and_inf_alone);
	tc = grader_tcase(s, "round_bf16");
	tcase_add_loop_test(tc, round_bf16_rounds_to_nearest_even, 0, ROWS(bf16_rows));
	tcase_add_test(tc, round_bf16_keeps_nan);
	return grader_run(s);
}
