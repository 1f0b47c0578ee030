/* Chapter 06, Vanishing gradients and gradient checking: checks for
 * exercises/06-vanishing.c.
 *
 * Expected values come from mathematics: chains worked by hand with
 * activations whose derivatives are exact (the identity, z^2), the sigmoid
 * bound |dy_L/dy_0| <= 0.25^L prod |w_k|, and, for tanh and sigmoid
 * chains, central differences of your own chain_forward.  The activations
 * here are the suite's own, so this chapter grades the chain alone.
 */
#include <math.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>

#include "chain.h"
#include "grader.h"

#define SEE_FWD "y[0] = x, y[k+1] = f(w[k] y[k] + b[k]) (see 06-vanishing.md, \"A stack of neurons\")"
#define SEE_BWD "walk down from the output: dz = g f'(z_k), dw[k] = dz y[k], db[k] = dz, g = dz w[k] (see 06-vanishing.md, \"The backward pass\")"
#define SEE_CD "(f(x + h) - f(x - h)) / 2h (see 06-vanishing.md, \"Gradient checking\")"
#define SEE_REL "|a - n| / max(|a|, |n|) (see 06-vanishing.md, \"Relative error\")"
#define SEE_BOUND "sigmoid' <= 1/4, so |dy_L/dy_0| <= 0.25^L prod |w_k| (see 06-vanishing.md, \"Why the gradient vanishes\")"

enum { MAXL = 32 };

/* The suite's activations and their exact derivatives. */
static double ident(double z) { return z; }
static double one(double z) { return isnan(z) ? z : 1.0; }
static double sq(double z) { return z * z; }
static double twice(double z) { return 2 * z; }
static double sig(double z) { return z >= 0 ? 1 / (1 + exp(-z)) : exp(z) / (1 + exp(z)); }
static double dsig(double z) { return sig(z) * sig(-z); }
static double dtanh(double z) { return 1 / (cosh(z) * cosh(z)); }

/* The suite's activations, in pairs, for random chains. */
static const struct {
	const char *name;
	double (*f)(double), (*df)(double);
} acts[] = {
	{"identity", ident, one},
	{"sigmoid", sig, dsig},
	{"tanh", tanh, dtanh},
};

/* ---- chain_forward ---- */

/* Runs chain_forward into a guarded y prefilled with NaN, on guarded
 * copies of w and b, and returns y. */
static double *run_forward(const char *what, const double *w, const double *b, double x,
			   double (*f)(double), size_t L)
{
	double *y = grader_out(L + 1, NAN), *gw = grader_in(w, L), *gb = grader_in(b, L);
	chain_forward(y, gw, gb, x, f, L);
	grader_expect_guards(y, "y", "chain_forward(%s, x = %g, L = %zu)", what, x, L);
	grader_expect_unchanged(gw, w, "w", "chain_forward(%s, L = %zu)", what, L);
	grader_expect_unchanged(gb, b, "b", "chain_forward(%s, L = %zu)", what, L);
	return y;
}

/* Checks y[0..L] of chain_forward against want. */
static void expect_forward(const char *what, const double *w, const double *b, double x,
			   double (*f)(double), size_t L, const double *want)
{
	double *y = run_forward(what, w, b, x, f, L);
	for (size_t k = 0; k <= L; k++) {
		const char *hint = SEE_FWD;
		if (k > 0 && grader_close(y[k], f(w[k - 1] * y[k - 1]) + b[k - 1], 1e-12, 1e-300) &&
		    !grader_close(want[k], f(w[k - 1] * y[k - 1]) + b[k - 1], 1e-12, 1e-300))
			hint = "that is f(w y) + b: the bias goes inside, f(w y + b); " SEE_FWD;
		expect_close(y[k], want[k], 1e-12, 1e-300, hint, "chain_forward(%s, x = %g, L = %zu): y[%zu]",
			     what, x, L, k);
	}
}

START_TEST(chain_forward_of_a_linear_chain)
{
	/* 2(1.5) + 1 = 4;  -1(4) + 3 = -1;  0.5(-1) - 2 = -2.5. */
	const double w[] = {2, -1, 0.5}, b[] = {1, 3, -2}, want[] = {1.5, 4, -1, -2.5};
	expect_forward("f = identity, w = [2, -1, 0.5], b = [1, 3, -2]", w, b, 1.5, ident, 3, want);
}
END_TEST

START_TEST(chain_forward_of_a_squaring_chain)
{
	/* (0.5(2) + 0.5)^2 = 2.25;  (2(2.25) - 1)^2 = 12.25. */
	const double w[] = {0.5, 2}, b[] = {0.5, -1}, want[] = {2, 2.25, 12.25};
	expect_forward("f(z) = z^2, w = [0.5, 2], b = [0.5, -1]", w, b, 2, sq, 2, want);
}
END_TEST

START_TEST(chain_forward_of_no_layers_is_x)
{
	const double want[] = {0.75};
	expect_forward("no layers", NULL, NULL, 0.75, ident, 0, want);
}
END_TEST

/* A random chain: depth 0..MAXL-1, weights and biases of either sign. */
static size_t random_chain(double *w, double *b, double *x)
{
	size_t L = grader_int(0, 12);
	for (size_t k = 0; k < L; k++)
		w[k] = grader_uniform(-2, 2), b[k] = grader_uniform(-1, 1);
	*x = grader_uniform(-2, 2);
	return L;
}

START_TEST(chain_forward_at_random_chains)
{
	for (int trial = 0; trial < 60; trial++) {
		double w[MAXL], b[MAXL], x, want[MAXL + 1];
		size_t L = random_chain(w, b, &x);
		int a = (int)grader_int(0, ROWS(acts) - 1);
		want[0] = x;
		for (size_t k = 0; k < L; k++)
			want[k + 1] = acts[a].f(w[k] * want[k] + b[k]);
		char what[64];
		snprintf(what, sizeof what, "random %s chain, trial %d", acts[a].name, trial);
		expect_forward(what, w, b, x, acts[a].f, L, want);
	}
}
END_TEST

/* ---- chain_backward ---- */

/* Runs chain_backward on guarded buffers (dw and db prefilled with fill,
 * which must be overwritten) and checks guards and inputs; returns the
 * returned dy_L/dy_0 and the guarded dw, db. */
static double run_backward(const char *what, const double *y, const double *w, const double *b,
			   double (*df)(double), size_t L, double fill, double **dw, double **db)
{
	*dw = grader_out(L, fill);
	*db = grader_out(L, fill);
	double *gy = grader_in(y, L + 1), *gw = grader_in(w, L), *gb = grader_in(b, L);
	double dx = chain_backward(*dw, *db, gy, gw, gb, df, L);
	const char *call = "chain_backward(%s, L = %zu)";
	grader_expect_guards(*dw, "dw", call, what, L);
	grader_expect_guards(*db, "db", call, what, L);
	grader_expect_unchanged(gy, y, "y", call, what, L);
	grader_expect_unchanged(gw, w, "w", call, what, L);
	grader_expect_unchanged(gb, b, "b", call, what, L);
	return dx;
}

/* Runs chain_backward on y (worked by hand or by the suite, so the
 * forward pass is not involved), with dw and db holding fill before the
 * call, and checks dw, db and the returned dy_L/dy_0. */
static void expect_backward(const char *what, const double *y, const double *w, const double *b,
			    double (*df)(double), size_t L, double fill, const double *dw_want,
			    const double *db_want, double dx_want)
{
	double *dw, *db;
	double dx = run_backward(what, y, w, b, df, L, fill, &dw, &db); /* must be written, not added to */

	/* Mistakes that show in the top or bottom layer. */
	const char *hint = SEE_BWD;
	if (L >= 2 && isnan(db[0]) && !isnan(db[1]))
		hint = "db[0] was never written: the loop skips layer 0; " SEE_BWD;
	else if (L >= 2 && db[0] == df(w[0] * y[0] + b[0]))
		hint = "db[0] is f'(z_0) alone, so dw[0] and db[0] miss the layers above: the "
		       "backward pass started at layer 0, but the chain rule runs from the output "
		       "down; " SEE_BWD;
	else if (L >= 1 && db[L - 1] == df(y[L]) && df(y[L]) != df(w[L - 1] * y[L - 1] + b[L - 1]))
		hint = "db[L-1] is f' at the output y_L: f' takes the layer's input z_k = w_k y_k + b_k; " SEE_BWD;
	else if (L >= 1 && db[L - 1] == 1 && db_want[L - 1] != 1)
		hint = "db[L-1] is 1: each layer contributes the factor f'(z_k); " SEE_BWD;
	else if (L >= 2 && grader_close(db[L - 1], db_want[L - 1] * w[L - 1], 1e-12, 1e-300) &&
		 w[L - 1] != 1)
		hint = "db[k] carries a factor w[k] too many: multiply g by w[k] after recording "
		       "dw[k] and db[k]; " SEE_BWD;
	else if (L >= 1 && dw[L - 1] == db[L - 1] && y[L - 1] != 1)
		hint = "dw[k] equals db[k]: dz_k/dw_k = y_k, so dw[k] = dz y[k]; " SEE_BWD;

	for (size_t k = 0; k < L; k++) {
		expect_close(dw[k], dw_want[k], 1e-12, 1e-300, hint,
			     "chain_backward(%s, L = %zu): dw[%zu]", what, L, k);
		expect_close(db[k], db_want[k], 1e-12, 1e-300, hint,
			     "chain_backward(%s, L = %zu): db[%zu]", what, L, k);
	}
	expect_close(dx, dx_want, 1e-12, 1e-300, hint,
		     "chain_backward(%s, L = %zu), returning dy_L/dy_0,", what, L);
}

START_TEST(chain_backward_of_a_linear_chain)
{
	/* f = identity: dy_3/dy_0 = 2(-1)(0.5) = -1;  db_k = prod_{j>k} w_j:
	 * db = [-0.5, 0.5, 1];  dw_k = db_k y_k = [-0.75, 2, -1]. */
	const double y[] = {1.5, 4, -1, -2.5}, w[] = {2, -1, 0.5}, b[] = {1, 3, -2};
	const double dw[] = {-0.75, 2, -1}, db[] = {-0.5, 0.5, 1};
	expect_backward("f = identity, w = [2, -1, 0.5], b = [1, 3, -2], x = 1.5", y, w, b, one, 3, NAN,
			dw, db, -1);
}
END_TEST

START_TEST(chain_backward_of_a_squaring_chain)
{
	/* f(z) = z^2, f'(z) = 2z;  z_0 = 1.5, z_1 = 3.5.
	 * db_1 = 2(3.5) = 7, dw_1 = 7(2.25) = 15.75, g_1 = 7(2) = 14;
	 * db_0 = 14(2)(1.5) = 42, dw_0 = 42(2) = 84, dy_2/dy_0 = 42(0.5) = 21. */
	const double y[] = {2, 2.25, 12.25}, w[] = {0.5, 2}, b[] = {0.5, -1};
	const double dw[] = {84, 15.75}, db[] = {42, 7};
	expect_backward("f(z) = z^2, w = [0.5, 2], b = [0.5, -1], x = 2", y, w, b, twice, 2, NAN, dw, db, 21);
}
END_TEST

/* dw and db hold a different number before each call: it must not matter. */
START_TEST(chain_backward_overwrites_whatever_dw_and_db_held)
{
	const double y[] = {1.5, 4, -1, -2.5}, w[] = {2, -1, 0.5}, b[] = {1, 3, -2};
	const double dw_want[] = {-0.75, 2, -1}, db_want[] = {-0.5, 0.5, 1}, before[] = {0, 1, -3.25};
	for (int f = 0; f < 3; f++) {
		double *dw, *db;
		run_backward("f = identity, w = [2, -1, 0.5], b = [1, 3, -2]", y, w, b, one, 3, before[f], &dw, &db);
		const char *hint = "chain.h: chain_backward writes (does not add to) dw[k] and db[k]; " SEE_BWD;
		for (size_t k = 0; k < 3; k++) {
			expect_close(dw[k], dw_want[k], 1e-12, 1e-300, hint,
				     "chain_backward(identity chain, L = 3) with every dw and db at %g before it: dw[%zu]",
				     before[f], k);
			expect_close(db[k], db_want[k], 1e-12, 1e-300, hint,
				     "chain_backward(identity chain, L = 3) with every dw and db at %g before it: db[%zu]",
				     before[f], k);
		}
	}
}
END_TEST

/* One layer with a distinct weight, first, in the middle or last: an
 * identity chain's gradients are products of the weights above. */
START_TEST(chain_backward_reaches_every_layer)
{
	enum { L = 5 };
	size_t pos[3];
	grader_positions(L, pos);
	for (int p = 0; p < 3; p++) {
		double w[L] = {1, 1, 1, 1, 1}, b[L] = {0.5, -1, 0.25, 2, -0.5}, y[L + 1], dw[L], db[L];
		w[pos[p]] = 3;
		y[0] = 0.5;
		for (size_t k = 0; k < L; k++)
			y[k + 1] = w[k] * y[k] + b[k];
		for (size_t k = 0; k < L; k++) {
			db[k] = 1;
			for (size_t j = k + 1; j < L; j++)
				db[k] *= w[j];
			dw[k] = db[k] * y[k];
		}
		char what[96];
		snprintf(what, sizeof what, "f = identity, every w = 1 but w[%zu] = 3", pos[p]);
		expect_backward(what, y, w, b, one, L, NAN, dw, db, 3);
	}
}
END_TEST

/* A loop that starts at k = L - 1 wraps round to SIZE_MAX at L = 0 and
 * reads far outside the arrays.  The grader would say "received SIGSEGV
 * in chain_backward"; this check says why as well.  (Calling ck_abort_msg
 * from the handler is fine here: the check runs in its own process, which
 * ends right there.) */
static void empty_chain_crashed(int signo)
{
	(void)signo;
	ck_abort_msg("chain_backward(no layers, L = 0) crashed: with L = 0 a loop that starts at "
		     "k = L - 1 starts at the largest size_t and reads outside the arrays; "
		     "for (size_t k = L; k-- > 0;) visits nothing -- %s", SEE_BWD);
}

START_TEST(chain_backward_of_no_layers_is_one)
{
	double y[1] = {0.75}, *dw, *db;
	signal(SIGSEGV, empty_chain_crashed);
	signal(SIGBUS, empty_chain_crashed);
	double dx = run_backward("no layers", y, NULL, NULL, one, 0, NAN, &dw, &db);
	signal(SIGSEGV, SIG_DFL);
	signal(SIGBUS, SIG_DFL);
	ck_assert_msg(dx == 1, "chain_backward(no layers, L = 0) returned %.17g, expected 1: dy_0/dy_0 -- %s",
		      dx, SEE_BWD);
}
END_TEST

/* The gradients of a random chain by the product formula of the chapter,
 * from the suite's own forward pass, in long double. */
static long double exact_backward(const double *w, const double *b, double x, double (*f)(double),
				  double (*df)(double), size_t L, double *y, double *dw, double *db)
{
	y[0] = x;
	for (size_t k = 0; k < L; k++)
		y[k + 1] = f(w[k] * y[k] + b[k]);
	long double g = 1;
	for (size_t k = L; k-- > 0;) {
		long double dz = g * df(w[k] * y[k] + b[k]);
		dw[k] = (double)(dz * y[k]);
		db[k] = (double)dz;
		g = dz * w[k];
	}
	return g;
}

START_TEST(chain_backward_at_random_chains)
{
	for (int trial = 0; trial < 60; trial++) {
		double w[MAXL], b[MAXL], x, y[MAXL + 1], dw_want[MAXL], db_want[MAXL];
		size_t L = random_chain(w, b, &x);
		int a = (int)grader_int(0, ROWS(acts) - 1);
		double dx_want = (double)exact_backward(w, b, x, acts[a].f, acts[a].df, L, y, dw_want, db_want);
		char what[64];
		snprintf(what, sizeof what, "random %s chain, trial %d", acts[a].name, trial);
		expect_backward(what, y, w, b, acts[a].df, L, grader_uniform(-5, 5), dw_want, db_want, dx_want);
	}
}
END_TEST

/* A chain whose parameter *nudged is varied for a central difference of
 * your chain_forward (grader_central_diff's ctx). */
struct chain {
	double w[MAXL], b[MAXL], x;
	size_t L;
	double (*f)(double);
	double *nudged;
};

static double out_of(double v, void *ctx)
{
	struct chain *c = ctx;
	double y[MAXL + 1], keep = *c->nudged;
	*c->nudged = v;
	chain_forward(y, c->w, c->b, c->x, c->f, c->L);
	*c->nudged = keep;
	return y[c->L];
}

/* Your chain_backward against central differences of your chain_forward,
 * for every w_k, b_k and x. */
static void expect_matches_central_difference(const char *name, struct chain *c, double (*df)(double))
{
	double y[MAXL + 1], dw[MAXL], db[MAXL];
	chain_forward(y, c->w, c->b, c->x, c->f, c->L);
	double dx = chain_backward(dw, db, y, c->w, c->b, df, c->L);
	for (size_t i = 0; i <= 2 * c->L; i++) {
		/* i = 2k: w_k;  2k + 1: b_k;  2L: x. */
		size_t k = i / 2;
		c->nudged = i == 2 * c->L ? &c->x : i % 2 ? &c->b[k] : &c->w[k];
		double a = i == 2 * c->L ? dx : i % 2 ? db[k] : dw[k];
		char what[32];
		if (i == 2 * c->L)
			snprintf(what, sizeof what, "dy_L/dy_0");
		else
			snprintf(what, sizeof what, "%s[%zu]", i % 2 ? "db" : "dw", k);
		double n = grader_central_diff(out_of, c, *c->nudged, 1e-5);
		ck_assert_msg(grader_grad_agrees(a, n),
			      "chain_backward(%s chain, L = %zu) gave %s = %.17g, but the central "
			      "difference of your chain_forward is %.17g -- %s", name, c->L, what, a, n,
			      SEE_BWD);
	}
}

START_TEST(chain_backward_matches_central_difference_tanh)
{
	struct chain c = {{1.5, -0.8, 2.0, 0.7, -1.2}, {0.1, -0.3, 0.2, 0, 0.5}, 0.4, 5, tanh, NULL};
	expect_matches_central_difference("tanh", &c, dtanh);
}
END_TEST

START_TEST(chain_backward_matches_central_difference_sigmoid)
{
	struct chain c = {{3, -2.5, 4, 1.5}, {-0.5, 1, -2, 0.25}, -0.7, 4, sig, NULL};
	expect_matches_central_difference("sigmoid", &c, dsig);
}
END_TEST

START_TEST(chain_backward_matches_central_difference_at_random_chains)
{
	for (int trial = 0; trial < 20; trial++) {
		struct chain c;
		c.L = random_chain(c.w, c.b, &c.x);
		int a = (int)grader_int(1, ROWS(acts) - 1); /* sigmoid or tanh: smooth */
		c.f = acts[a].f;
		expect_matches_central_difference(acts[a].name, &c, acts[a].df);
	}
}
END_TEST

/* The sigmoid bound, for depths 1..20 and weights of either sign: the
 * gradient is never above 0.25^L prod |w_k|, and it is the product
 * prod w_k sigmoid'(z_k). */
START_TEST(sigmoid_chain_gradient_obeys_the_quarter_bound)
{
	size_t L = (size_t)_i + 1;
	double w[MAXL], b[MAXL], y[MAXL + 1], dw[MAXL], db[MAXL], bound = 1, exact = 1;
	for (size_t k = 0; k < L; k++) {
		w[k] = (k % 3 == 1 ? -1 : 1) * (0.5 + 0.25 * (double)(k % 5)); /* 0.5 .. 1.5 */
		b[k] = 0.1 * (double)(k % 4) - 0.15;
		bound *= 0.25 * fabs(w[k]);
	}
	/* The exact gradient, from the suite's own forward pass. */
	double v = 0.3;
	for (size_t k = 0; k < L; k++) {
		double z = w[k] * v + b[k];
		exact *= w[k] * dsig(z);
		v = sig(z);
	}
	chain_forward(y, w, b, 0.3, sig, L);
	double dx = chain_backward(dw, db, y, w, b, dsig, L);
	ck_assert_msg(fabs(dx) <= bound * (1 + 1e-12),
		      "chain_backward(sigmoid chain, L = %zu) returned dy_L/dy_0 = %.17g, above the "
		      "bound 0.25^L prod |w_k| = %.17g -- %s", L, dx, bound, SEE_BOUND);
	expect_close(dx, exact, 1e-12, 1e-300, SEE_BWD,
		     "chain_backward(sigmoid chain, L = %zu), returning dy_L/dy_0,", L);
}
END_TEST

START_TEST(sigmoid_chain_gradient_vanishes_with_depth)
{
	/* w = 1, b = 0: every factor sigmoid'(z_k) < 1/4, so 30 layers leave
	 * less than 4^-30 = 8.7e-19 of the gradient, but not 0. */
	double w[30], b[30], y[31], dw[30], db[30];
	for (int k = 0; k < 30; k++)
		w[k] = 1, b[k] = 0;
	chain_forward(y, w, b, 1.0, sig, 30);
	double dx = chain_backward(dw, db, y, w, b, dsig, 30);
	ck_assert_msg(dx > 0 && dx < pow(0.25, 30),
		      "chain_backward(sigmoid chain, w = 1, b = 0, L = 30) returned dy_L/dy_0 = %.17g, "
		      "expected a positive number below 0.25^30 = %.17g -- %s", dx, pow(0.25, 30), SEE_BOUND);
	ck_assert_msg(db[29] > 0.1 && db[0] < 1e-17,
		      "chain_backward(sigmoid chain, w = 1, b = 0, L = 30) gave db[29] = %.17g and db[0] = "
		      "%.17g: the top layer's gradient should be above 0.1, the bottom's below 1e-17 -- %s",
		      db[29], db[0], SEE_BOUND);
}
END_TEST

/* ---- grad_central_diff ---- */

static double cube(double x) { return x * x * x; }

START_TEST(central_diff_of_a_cube_is_exact_to_h_squared)
{
	/* ((2 + h)^3 - (2 - h)^3)/2h = 12 + h^2 = 12.000001 for h = 1e-3;
	 * the one-sided (f(x + h) - f(x))/h = 12 + 6h + h^2 = 12.006001. */
	double got = grad_central_diff(cube, 2, 1e-3);
	const char *hint = SEE_CD;
	if (grader_close(got, 12.006001, 1e-9, 1e-300))
		hint = "that is the one-sided (f(x + h) - f(x))/h, off by O(h): " SEE_CD;
	else if (grader_close(got, 24.000002, 1e-9, 1e-300))
		hint = "that is twice the slope: divide by 2h, not h: " SEE_CD;
	expect_close(got, 12.000001, 1e-9, 1e-300, hint, "grad_central_diff(x^3, 2, 1e-3)");
}
END_TEST

START_TEST(central_diff_of_sin_is_cos)
{
	const double xs[] = {-2, 0, 1, 2.5};
	for (int i = 0; i < 4; i++) {
		double got = grad_central_diff(sin, xs[i], 1e-5);
		expect_close(got, cos(xs[i]), 1e-9, 1e-6, SEE_CD, "grad_central_diff(sin, %.17g, 1e-5)", xs[i]);
	}
}
END_TEST

START_TEST(central_diff_of_exp_at_zero)
{
	/* (e^h - e^-h)/2h = sinh(h)/h = 1 + h^2/6 + ... = 1.0000000016666667 for h = 1e-4. */
	double got = grad_central_diff(exp, 0, 1e-4);
	expect_close(got, 1.0000000016666667, 1e-11, 1e-300, SEE_CD, "grad_central_diff(exp, 0, 1e-4)");
}
END_TEST

/* Cubics whose central difference is known exactly:
 * (p(x + h) - p(x - h)) / 2h = p'(x) + c3 h^2 for p = c3 x^3 + c2 x^2 + c1 x + c0. */
static double p1(double x) { return -2 * x * x * x + x * x - 3 * x + 0.5; }
static double p2(double x) { return 0.25 * x * x * x - x; }
static const struct {
	const char *name;
	double (*p)(double);
	double c3, c2, c1;
} cubics[] = {
	{"x^3", cube, 1, 0, 0},
	{"-2x^3 + x^2 - 3x + 0.5", p1, -2, 1, -3},
	{"x^3/4 - x", p2, 0.25, 0, -1},
};

/* At random x and h: the h it is given, both sides, and 2h. */
START_TEST(central_diff_of_cubics_at_random_points)
{
	for (int k = 0; k < 150; k++) {
		int c = k % ROWS(cubics);
		double x = grader_uniform(-3, 3), h = grader_magnitude(-4, -2, false);
		long double want = 3.0L * cubics[c].c3 * x * x + 2.0L * cubics[c].c2 * x + cubics[c].c1 +
				   (long double)cubics[c].c3 * h * h;
		double got = grad_central_diff(cubics[c].p, x, h);
		/* Rounding costs about eps |p| / h, below 2e-10 here; an absolute 1e-8
		 * near 0, a relative 1e-8 elsewhere. */
		const char *hint = SEE_CD;
		if (!grader_close(got, (double)want, 1e-8, 1) &&
		    grader_close(got, (double)(want - cubics[c].c3 * (long double)h * h) +
				 (double)((long double)cubics[c].c3 * 1e-10), 1e-6, 1))
			hint = "that is the difference with h = 1e-5, not the h it was given: " SEE_CD;
		expect_close(got, (double)want, 1e-8, 1, hint, "grad_central_diff(%s, %.17g, %.17g)",
			     cubics[c].name, x, h);
	}
}
END_TEST

START_TEST(central_diff_of_abs_at_its_kink_is_zero)
{
	/* |x| has no slope at 0; the central difference says (h - h)/2h = 0,
	 * the average of the slopes -1 and 1 on either side. */
	double got = grad_central_diff(fabs, 0, 1e-5);
	expect_close(got, 0, 0, 1e-300,
		     "(f(x + h) - f(x - h)) / 2h, which is (h - h)/2h = 0 for |x| at 0 (see the sections "
		     "\"Gradient checking\" and \"Kinks\" of 06-vanishing.md)",
		     "grad_central_diff(fabs, 0, 1e-5)");
}
END_TEST

/* ---- grad_rel_err ---- */

static const struct { double a, n, want; } rel[] = {
	{2, 1, 0.5},
	{1, 2, 0.5},
	{-1, 1, 2},
	{-4, -2, 0.5},
	{3, 3, 0},
	{0, 0, 0},
	{1e-20, 0, 1},
	{0, -5e-7, 1},
	{1.25, 1, 0.2},
	{3, 2, 1.0 / 3},  /* |n| != 1: absolute error 1, |a - n|/|n| = 0.5 */
	{-6, -4, 1.0 / 3}, /* absolute error 2, |a - n|/|n| = 0.5 */
};

START_TEST(rel_err_is_difference_over_the_larger)
{
	double a = rel[_i].a, n = rel[_i].n, got = grad_rel_err(a, n);
	const char *hint = SEE_REL;
	/* With |n| = 1 the absolute error and |a - n|/|n| coincide: the rows
	 * with |n| != 1 tell them apart, so each mistake is named only where
	 * the other one gives a different number. */
	bool abs_err = got == fabs(a - n), by_n = n != 0 && got == fabs(a - n) / fabs(n);
	if (isnan(got) && a == 0 && n == 0)
		hint = "0/0 when both are 0: two equal derivatives have relative error 0; " SEE_REL;
	else if (n == 0 && a != 0 && !isfinite(got))
		hint = "that divided by n = 0: grad_rel_err divides by |n| alone; use max(|a|, |n|), "
		       "which is never 0 unless both are; " SEE_REL;
	else if (got != rel[_i].want && abs_err && fabs(n) != 1)
		hint = "that is the absolute error |a - n|: divide by max(|a|, |n|); " SEE_REL;
	else if (got != rel[_i].want && by_n && fabs(n) != 1)
		hint = "that divides by |n| alone: use max(|a|, |n|), which is never 0 unless both are; " SEE_REL;
	else if (got != rel[_i].want && abs_err)
		hint = "that is the absolute error |a - n| or |a - n|/|n| (the same here, since |n| = 1): "
		       "divide by max(|a|, |n|); " SEE_REL;
	expect_close(got, rel[_i].want, 1e-12, 1e-300, hint, "grad_rel_err(%.17g, %.17g)", a, n);
}
END_TEST

/* |a - n| / max(|a|, |n|) at random a and n of either sign and any size:
 * the suite's own formula in long double. */
START_TEST(rel_err_at_random_pairs)
{
	for (int k = 0; k < 300; k++) {
		double a = grader_magnitude(-8, 8, true), n = grader_magnitude(-8, 8, true);
		if (k % 5 == 0)
			n = a * grader_uniform(0.5, 1.5); /* close pairs too */
		long double d = fabsl((long double)a - n), m = fmaxl(fabsl(a), fabsl(n));
		double got = grad_rel_err(a, n), want = (double)(d / m);
		const char *hint = SEE_REL;
		if (got == (double)(d / fabsl(n)) && fabs(a) > fabs(n))
			hint = "that divides by |n| alone: use max(|a|, |n|) -- " SEE_REL;
		else if (got == (double)(d / fabsl(a)) && fabs(n) > fabs(a))
			hint = "that divides by |a| alone: use max(|a|, |n|) -- " SEE_REL;
		expect_close(got, want, 1e-12, 1e-300, hint, "grad_rel_err(%.17g, %.17g)", a, n);
		double back = grad_rel_err(n, a);
		expect_that(back == got, "grad_rel_err(%.17g, %.17g) = %.17g but grad_rel_err(%.17g, %.17g) = "
			    "%.17g: the measure is symmetric -- %s", a, n, got, n, a, back, SEE_REL);
	}
}
END_TEST

START_TEST(rel_err_propagates_nan)
{
	expect_nan(grad_rel_err(NAN, 1), "a NaN derivative is never close to anything; " SEE_REL,
		   "grad_rel_err(nan, 1)");
	expect_nan(grad_rel_err(1, NAN), "a NaN derivative is never close to anything; " SEE_REL,
		   "grad_rel_err(1, nan)");
}
END_TEST

int main(void)
{
	Suite *s = suite_create("06-vanishing");
	TCase *tc = grader_tcase(s, "chain_forward");
	tcase_add_test(tc, chain_forward_of_a_linear_chain);
	tcase_add_test(tc, chain_forward_of_a_squaring_chain);
	tcase_add_test(tc, chain_forward_of_no_layers_is_x);
	tcase_add_test(tc, chain_forward_at_random_chains);
	tc = grader_tcase(s, "chain_backward");
	tcase_add_test(tc, chain_backward_of_a_linear_chain);
	tcase_add_test(tc, chain_backward_of_a_squaring_chain);
	tcase_add_test(tc, chain_backward_overwrites_whatever_dw_and_db_held);
	tcase_add_test(tc, chain_backward_reaches_every_layer);
	tcase_add_test(tc, chain_backward_of_no_layers_is_one);
	tcase_add_test(tc, chain_backward_at_random_chains);
	tcase_add_test(tc, chain_backward_matches_central_difference_tanh);
	tcase_add_test(tc, chain_backward_matches_central_difference_sigmoid);
	tcase_add_test(tc, chain_backward_matches_central_difference_at_random_chains);
	tcase_add_loop_test(tc, sigmoid_chain_gradient_obeys_the_quarter_bound, 0, 20);
	tcase_add_test(tc, sigmoid_chain_gradient_vanishes_with_depth);
	tc = grader_tcase(s, "grad_central_diff");
	tcase_add_test(tc, central_diff_of_a_cube_is_exact_to_h_squared);
	tcase_add_test(tc, central_diff_of_sin_is_cos);
	tcase_add_test(tc, central_diff_of_exp_at_zero);
	tcase_add_test(tc, central_diff_of_cubics_at_random_points);
	tcase_add_test(tc, central_diff_of_abs_at_its_kink_is_zero);
	tc = grader_tcase(s, "grad_rel_err");
	tcase_add_loop_test(tc, rel_err_is_difference_over_the_larger, 0, ROWS(rel));
	tcase_add_test(tc, rel_err_at_random_pairs);
	tcase_add_test(tc, rel_err_propagates_nan);
	return grader_run(s);
}
