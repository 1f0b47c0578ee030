/* Chapter 08, Leaky ReLU, PReLU, RReLU, ELU: checks for
 * exercises/08-relu-family.c. */
#include <math.h>
#include <stdio.h>

#include "activations.h"
#include "grader.h"
#include "rng.h"

#define CH "(see 08-relu-family.md, "
#define SEE_LEAKY "leaky(x) = x for x > 0, alpha x for x <= 0 " CH "\"Leaky ReLU\")"
#define SEE_LEAKY_GRAD "leaky'(x) = 1 for x > 0, alpha for x <= 0 " CH "\"Leaky ReLU\")"
#define SEE_LEAKY_KINK "leaky'(0) = alpha: the kink belongs to the side x <= 0 " CH "\"Leaky ReLU\")"
#define SEE_POSITIVE "alpha x applied to a positive input: only x <= 0 is scaled " CH "\"Leaky ReLU\")"
#define SEE_MAX "max(alpha x, x) equals the leaky ReLU only for alpha <= 1 " CH "\"The max shortcut\")"
#define SEE_XA "x / alpha mixes up the two parameterisations: the slope alpha multiplies, " \
	"x/a divides by a = 1/alpha " CH "\"Two ways to write the slope\")"
#define SEE_DALPHA "d prelu/d alpha = x for x <= 0 and 0 for x > 0 " CH "\"PReLU: a learned slope\")"
#define SEE_RRELU CH "\"RReLU: a random slope\")"
#define SEE_ELU "elu(x) = x for x > 0, alpha (e^x - 1) for x <= 0 " CH "\"ELU\")"
#define SEE_EXPM1 "that is alpha (exp(x) - 1), which loses digits near 0: use expm1(x) " CH "\"Why expm1\")"
#define SEE_ELU_GRAD "elu'(x) = 1 for x > 0, alpha e^x for x <= 0 " CH "\"ELU\")"
#define SEE_FROM_OUTPUT "that is elu(x) + alpha, the derivative from the output: exact on paper, but " \
	"for very negative x it is -alpha + alpha, which cancels to rounding error (0 at x = -40); " \
	"compute alpha e^x from x " CH "\"ELU\")"
#define SEE_NAN "a NaN input gives NaN (see 01-why.md, \"Rules of the road\")"

/* The slopes the chapter singles out for the leaky ReLU and PReLU: 0 (ReLU,
 * where 0 * -inf is NaN), 0.01 (the usual), 0.1, 0.25 (PReLU's start), 0.5,
 * 1 (the identity) and 2 (past 1, where the max shortcut breaks). */
static const double named_alphas[] = {0, 0.01, 0.1, 0.25, 0.5, 1, 2};
/* And for ELU: 1 (no kink), 0.5, SELU's 1.6733 (08-relu-family.md, "ELU"). */
static const double elu_alphas[] = {0.5, 1, 1.6732632423543772};

/* A point of a central difference: alpha for a function of x, or x for
 * a function of alpha. */
struct at {
	double x, alpha;
};

/* ---- Leaky ReLU and PReLU: one function, two names ---- */

/* x for x > 0, alpha x for x <= 0, worked by hand (the products are exact
 * except alpha = 0.01, where the rows hold the double nearest the answer). */
static const struct { double x, alpha, y, dy; } leaky_rows[] = {
	{-3, 0.01, -0.03, 0.01},
	{-3, 0.25, -0.75, 0.25},
	{-1e-300, 0.5, -5e-301, 0.5},
	{-0.0, 0.1, 0, 0.1},
	{0.0, 0.01, 0, 0.01}, /* the kink */
	{0.5, 0.01, 0.5, 1},
	{2, 0.25, 2, 1},
	{1e308, 0.01, 1e308, 1},
	{-1e308, 0.5, -5e307, 0.5},
	{-4, 2, -8, 2}, /* alpha > 1 is allowed, and defeats max(alpha x, x) */
	{4, 2, 4, 1},
	{-2, 0, 0, 0}, /* alpha = 0 is ReLU */
	{INFINITY, 0.01, INFINITY, 1},
	{-INFINITY, 0.01, -INFINITY, 0.01},
};

/* The hint for a wrong leaky or PReLU value: names the mistake it matches. */
static const char *leaky_hint(double x, double alpha, double got)
{
	if (x > 0 && alpha != 1 && got == alpha * x)
		return SEE_POSITIVE;
	if (alpha > 1 && got == fmax(alpha * x, x))
		return SEE_MAX;
	if (x < 0 && alpha != 1 && alpha != 0 && got == x / alpha)
		return SEE_XA;
	return SEE_LEAKY;
}

static const char *leaky_grad_hint(double x, double alpha, double got)
{
	if (x == 0)
		return SEE_LEAKY_KINK;
	if (x > 0 && got == alpha)
		return "alpha is the slope for x <= 0 only; for x > 0 it is 1 " CH "\"Leaky ReLU\")";
	return SEE_LEAKY_GRAD;
}

START_TEST(leaky_relu_is_x_or_alpha_x)
{
	double x = leaky_rows[_i].x, alpha = leaky_rows[_i].alpha;
	double got = act_leaky_relu(x, alpha);
	expect_close(got, leaky_rows[_i].y, TOL_EXACT, 1e-300, leaky_hint(x, alpha, got),
		     "act_leaky_relu(%.17g, %.17g)", x, alpha);
}
END_TEST

START_TEST(leaky_relu_grad_is_one_or_alpha)
{
	double x = leaky_rows[_i].x, alpha = leaky_rows[_i].alpha;
	double got = act_leaky_relu_grad(x, alpha);
	expect_close(got, leaky_rows[_i].dy, TOL_EXACT, 1e-300, leaky_grad_hint(x, alpha, got),
		     "act_leaky_relu_grad(%.17g, %.17g)", x, alpha);
}
END_TEST

/* Seed 003 writes the negative side as x/a with a in (1, inf): the same
 * function with alpha = 1/a. */
static const double as[] = {1.5, 2, 3, 10, 100, 5.5};

START_TEST(leaky_relu_with_alpha_1_over_a_is_x_over_a)
{
	const double xs[] = {-7, -0.3, -1e-200};
	for (int i = 0; i < 3; i++) {
		double a = as[_i], got = act_leaky_relu(xs[i], 1 / a);
		expect_close(got, xs[i] / a, TOL_EXACT, 1e-300,
			     "alpha = 1/a turns alpha x into x/a " CH "\"Two ways to write the slope\")",
			     "act_leaky_relu(%.17g, 1/%.17g)", xs[i], a);
	}
}
END_TEST

static double leaky_at(double x, void *ctx) { return act_leaky_relu(x, ((struct at *)ctx)->alpha); }

/* The leaky ReLU by its definition, at the finite points of the
 * central-difference checks (alpha x rounded once, as any correct code
 * rounds it). */
static double leaky_exact(double x, double alpha) { return x > 0 ? x : alpha * x; }

/* When a central-difference check fails, the function may be what is
 * wrong rather than the derivative: a forward function that is wrong at
 * x - h, x or x + h makes a correct derivative look wrong.  Writes a
 * message that says so, naming the function, and returns true; returns
 * false when the function is right at those three points. */
static bool leaky_forward_is_wrong(char *msg, size_t size, const char *name,
				   double (*f)(double, double), double x, double alpha)
{
	const double pts[] = {x - 1e-5, x, x + 1e-5};
	for (int i = 0; i < 3; i++) {
		double got = f(pts[i], alpha), want = leaky_exact(pts[i], alpha);
		if (grader_close(got, want, TOL_EXACT, 1e-300))
			continue;
		snprintf(msg, size, "%s(%.17g, %.17g) returned %.17g, expected %.17g: the function, not "
			 "its derivative, is wrong, so its central difference is wrong too -- %s",
			 name, pts[i], alpha, got, want, leaky_hint(pts[i], alpha, got));
		return true;
	}
	return false;
}
static double prelu_at(double x, void *ctx) { return act_prelu(x, ((struct at *)ctx)->alpha); }
static double prelu_of_alpha(double alpha, void *ctx) { return act_prelu(((struct at *)ctx)->x, alpha); }

/* Away from the kink by at least 10h = 1e-4. */
static const double smooth_xs[] = {-3, -1, -0.2, 0.2, 1, 3};
static const double alphas[] = {0.01, 0.25, 1.5};

START_TEST(leaky_relu_grad_matches_central_difference)
{
	for (int k = 0; k < 3; k++) {
		struct at at = {smooth_xs[_i], alphas[k]};
		double x = at.x, param = at.alpha;
		double n = grader_central_diff(leaky_at, &at, x, 1e-5);
		double a = act_leaky_relu_grad(x, param);
		char why[512];
		if (!grader_grad_agrees(a, n) &&
		    leaky_forward_is_wrong(why, sizeof why, "act_leaky_relu", act_leaky_relu, x, param))
			ck_abort_msg("act_leaky_relu_grad(%.17g, %.17g) returned %.17g but the central "
				     "difference of your act_leaky_relu is %.17g; %s", x, param, a, n, why);
		ck_assert_msg(grader_grad_agrees(a, n),
			      "act_leaky_relu_grad(%.17g, %.17g) returned %.17g but the central difference "
			      "of your act_leaky_relu is %.17g -- %s", x, param, a, n, SEE_LEAKY_GRAD);
	}
}
END_TEST

/* NaN for NaN at every slope the chapter names: with alpha = 0 a special
 * case for -inf must not catch NaN too. */
START_TEST(leaky_relu_propagates_nan)
{
	for (int k = 0; k < ROWS(named_alphas); k++) {
		double alpha = named_alphas[k], got = act_leaky_relu(NAN, alpha);
		expect_nan(got, alpha == 0 && got == 0 ? SEE_NAN ": alpha = 0 gives 0 for x <= 0, but NaN "
			   "is not <= 0" : SEE_NAN, "act_leaky_relu(nan, %g)", alpha);
	}
}
END_TEST

START_TEST(leaky_relu_grad_propagates_nan)
{
	for (int k = 0; k < ROWS(named_alphas); k++) {
		double alpha = named_alphas[k], got = act_leaky_relu_grad(NAN, alpha);
		expect_nan(got, got == alpha ? SEE_NAN ": NaN > 0 and NaN >= 0 are both false, so x > 0 ? "
			   "1 : alpha (or >=) gives alpha" : SEE_NAN, "act_leaky_relu_grad(nan, %g)", alpha);
	}
}
END_TEST

START_TEST(prelu_is_leaky_relu_with_learned_alpha)
{
	double x = leaky_rows[_i].x, alpha = leaky_rows[_i].alpha;
	double got = act_prelu(x, alpha);
	expect_close(got, leaky_rows[_i].y, TOL_EXACT, 1e-300, leaky_hint(x, alpha, got),
		     "act_prelu(%.17g, %.17g)", x, alpha);
	got = act_prelu_grad(x, alpha);
	expect_close(got, leaky_rows[_i].dy, TOL_EXACT, 1e-300, leaky_grad_hint(x, alpha, got),
		     "act_prelu_grad(%.17g, %.17g)", x, alpha);
}
END_TEST

/* d/dalpha of x (x > 0) is 0; of alpha x (x <= 0) it is x. */
static const struct { double x, alpha, d; } dalpha_rows[] = {
	{-3, 0.25, -3},
	{-0.5, 0.1, -0.5},
	{-1e-300, 0.25, -1e-300},
	{0.0, 0.25, 0},
	{0.5, 0.25, 0},
	{2, 0.1, 0},
	{1e308, 0.25, 0},
	{-1e308, 0.25, -1e308},
	{INFINITY, 0.25, 0},
	{-INFINITY, 0.25, -INFINITY},
};

START_TEST(prelu_grad_alpha_is_x_on_the_negative_side)
{
	double x = dalpha_rows[_i].x, alpha = dalpha_rows[_i].alpha;
	double got = act_prelu_grad_alpha(x, alpha);
	const char *hint = SEE_DALPHA;
	if (got == alpha && x != alpha)
		hint = "that is alpha, the slope in x; the slope in alpha of alpha x is x. " SEE_DALPHA;
	else if (x > 0 && got == x)
		hint = "for x > 0, prelu(x) = x does not depend on alpha, so its alpha-derivative is 0. " SEE_DALPHA;
	expect_close(got, dalpha_rows[_i].d, TOL_EXACT, 1e-300, hint,
		     "act_prelu_grad_alpha(%.17g, %.17g)", x, alpha);
}
END_TEST

START_TEST(prelu_grads_match_central_differences)
{
	struct at at = {smooth_xs[_i], 0.25};
	double x = at.x, param = at.alpha;
	double n = grader_central_diff(prelu_at, &at, x, 1e-5);
	double a = act_prelu_grad(x, param);
	char why[512];
	if (!grader_grad_agrees(a, n) && leaky_forward_is_wrong(why, sizeof why, "act_prelu", act_prelu, x, param))
		ck_abort_msg("act_prelu_grad(%.17g, 0.25) returned %.17g but the central difference of "
			     "your act_prelu in x is %.17g; %s", x, a, n, why);
	ck_assert_msg(grader_grad_agrees(a, n),
		      "act_prelu_grad(%.17g, 0.25) returned %.17g but the central difference of your "
		      "act_prelu in x is %.17g -- %s", x, a, n, SEE_LEAKY_GRAD);
	/* prelu is linear in alpha: no kink to avoid. */
	n = grader_central_diff(prelu_of_alpha, &at, 0.25, 1e-5);
	a = act_prelu_grad_alpha(x, 0.25);
	ck_assert_msg(grader_grad_agrees(a, n),
		      "act_prelu_grad_alpha(%.17g, 0.25) returned %.17g but the central difference of "
		      "your act_prelu in alpha is %.17g -- %s", x, a, n, SEE_DALPHA);
}
END_TEST

START_TEST(prelu_propagates_nan)
{
	for (int k = 0; k < ROWS(named_alphas); k++) {
		double alpha = named_alphas[k];
		expect_nan(act_prelu(NAN, alpha), SEE_NAN, "act_prelu(nan, %g)", alpha);
		expect_nan(act_prelu_grad(NAN, alpha), SEE_NAN, "act_prelu_grad(nan, %g)", alpha);
		expect_nan(act_prelu_grad_alpha(NAN, alpha), SEE_NAN, "act_prelu_grad_alpha(nan, %g)", alpha);
	}
}
END_TEST

/* ---- RReLU ---- */

#define LOWER 0.125       /* 1/8, exact */
#define UPPER (1.0 / 3.0) /* the double nearest 1/3 */
#define DRAWS 100000

START_TEST(rrelu_inference_slope_is_the_midpoint)
{
	struct rng r;
	rng_seed(&r, 7);
	/* (1/8 + 1/3)/2 = 11/48; in doubles, 0.125 + fl(1/3) rounds to the
	 * double nearest 11/24, and halving is exact. */
	double got = act_rrelu_slope(LOWER, UPPER, 0, &r);
	expect_close(got, 11.0 / 48.0, 0, 0,
		     got == LOWER || got == UPPER ?
		     "at inference the slope is fixed at (lower + upper)/2, not an end of the interval " SEE_RRELU :
		     "at inference the slope is fixed at (lower + upper)/2 " SEE_RRELU,
		     "act_rrelu_slope(0.125, 1/3, training = 0, rng)");
	got = act_rrelu_slope(0.1, 0.3, 0, &r);
	expect_close(got, 0.2, TOL_EXACT, 0, "at inference the slope is fixed at (lower + upper)/2 " SEE_RRELU,
		     "act_rrelu_slope(0.1, 0.3, training = 0, rng)");
}
END_TEST

START_TEST(rrelu_inference_leaves_the_rng_alone)
{
	struct rng r;
	rng_seed(&r, 7);
	for (int i = 0; i < 3; i++)
		act_rrelu_slope(LOWER, UPPER, 0, &r);
	struct rng fresh;
	rng_seed(&fresh, 7);
	ck_assert_msg(r.state == fresh.state,
		      "act_rrelu_slope(0.125, 1/3, training = 0, rng) changed the generator: inference "
		      "draws nothing, so it must not touch rng " SEE_RRELU);
}
END_TEST

START_TEST(rrelu_training_slopes_lie_in_the_interval)
{
	struct rng r;
	rng_seed(&r, 2024);
	for (int i = 0; i < DRAWS; i++) {
		double a = act_rrelu_slope(LOWER, UPPER, 1, &r);
		expect_that(a >= LOWER && a <= UPPER,
			      "act_rrelu_slope(0.125, 1/3, training = 1, rng) returned %.17g on draw %d, "
			      "outside [lower, upper] = [0.125, 0.333...]: draw lower + (upper - lower) u "
			      "with u uniform on [0, 1) " SEE_RRELU, a, i + 1);
	}
}
END_TEST

START_TEST(rrelu_training_slopes_average_to_the_midpoint)
{
	/* The mean of n draws from U(a, b) has standard deviation
	 * (b - a)/sqrt(12 n), here (5/24)/sqrt(1.2e6) = 1.9e-4.  A correct
	 * generator lands outside 5 of those with probability 6e-7; the
	 * mistakes this catches (a skewed or shifted draw) are off by 0.02 or
	 * more, a hundred standard deviations. */
	struct rng r;
	rng_seed(&r, 2024);
	double sum = 0;
	for (int i = 0; i < DRAWS; i++)
		sum += act_rrelu_slope(LOWER, UPPER, 1, &r);
	double mean = sum / DRAWS, sd = (UPPER - LOWER) / sqrt(12.0 * DRAWS);
	ck_assert_msg(fabs(mean - 11.0 / 48.0) <= 5 * sd,
		      "act_rrelu_slope(0.125, 1/3, training = 1, rng) averaged %.17g over %d draws, "
		      "expected 11/48 = 0.2291666... within 5 standard deviations (%.2g): the slope "
		      "must be uniform on [lower, upper] " SEE_RRELU, mean, DRAWS, 5 * sd);
}
END_TEST

START_TEST(rrelu_training_slopes_fill_the_interval)
{
	/* The chance that 100000 uniform draws all miss the outer 1% at one
	 * end is 0.99^100000 = e^-1005: a failure here is a bug. */
	struct rng r;
	rng_seed(&r, 99);
	double lo = INFINITY, hi = -INFINITY, first = act_rrelu_slope(LOWER, UPPER, 1, &r);
	int same = 1;
	for (int i = 1; i < DRAWS; i++) {
		double a = act_rrelu_slope(LOWER, UPPER, 1, &r);
		lo = fmin(lo, a), hi = fmax(hi, a);
		same += a == first;
	}
	ck_assert_msg(same < DRAWS,
		      "act_rrelu_slope(0.125, 1/3, training = 1, rng) returned %.17g on every one of %d "
		      "draws: every training draw gave the same slope (reseeding rng each call, or not "
		      "drawing at all?) " SEE_RRELU, first, DRAWS);
	double margin = 0.01 * (UPPER - LOWER);
	ck_assert_msg(lo < LOWER + margin && hi > UPPER - margin,
		      "act_rrelu_slope(0.125, 1/3, training = 1, rng) stayed in [%.17g, %.17g] over %d "
		      "draws, expected to come within 1%% of both ends of [0.125, 0.333...] " SEE_RRELU,
		      lo, hi, DRAWS);
}
END_TEST

START_TEST(rrelu_same_seed_gives_same_slopes)
{
	struct rng r1, r2;
	rng_seed(&r1, 12345);
	rng_seed(&r2, 12345);
	double first[1000];
	for (int i = 0; i < 1000; i++)
		first[i] = act_rrelu_slope(LOWER, UPPER, 1, &r1);
	for (int i = 0; i < 1000; i++) {
		double a = act_rrelu_slope(LOWER, UPPER, 1, &r2);
		expect_that(a == first[i],
			      "act_rrelu_slope(0.125, 1/3, training = 1, rng) gave %.17g on draw %d from a "
			      "generator seeded 12345, but %.17g on the same draw from another one seeded "
			      "12345: draw from the rng you are given, nothing else " SEE_RRELU,
			      a, i + 1, first[i]);
	}
}
END_TEST

/* ---- ELU ---- */

/* x <= 0: alpha (e^x - 1) and alpha e^x from tests/data/relu-elu.py
 * (mpmath, 50 digits); x > 0 and the infinities by the definition. */
static const struct { double x, alpha, y, dy; } elu_rows[] = {
	{-1e-300, 1, -1e-300, 1},
	{-1e-10, 1, -9.9999999995000007e-11, 0.99999999989999999},
	{-1.0000000000000001e-05, 1, -9.9999500001666663e-06, 0.99999000004999983},
	{-0.001, 1, -0.00099950016662500845, 0.99900049983337502},
	{-0.5, 1, -0.39346934028736658, 0.60653065971263342},
	{-1, 1, -0.63212055882855767, 0.36787944117144233},
	{-2, 1, -0.8646647167633873, 0.1353352832366127},
	{-10, 1, -0.99995460007023751, 4.5399929762484854e-05},
	{-40, 1, -1, 4.2483542552915889e-18},
	{-700, 1, -1, 9.8596765437597708e-305},
	{-1e-300, 0.5, -5.0000000000000001e-301, 0.5},
	{-1e-10, 0.5, -4.9999999997500004e-11, 0.49999999995},
	{-1.0000000000000001e-05, 0.5, -4.9999750000833331e-06, 0.49999500002499991},
	{-0.001, 0.5, -0.00049975008331250423, 0.49950024991668751},
	{-0.5, 0.5, -0.19673467014368329, 0.30326532985631671},
	{-1, 0.5, -0.31606027941427883, 0.18393972058572117},
	{-2, 0.5, -0.43233235838169365, 0.067667641618306351},
	{-10, 0.5, -0.49997730003511875, 2.2699964881242427e-05},
	{-40, 0.5, -0.5, 2.1241771276457944e-18},
	{-700, 0.5, -0.5, 4.9298382718798854e-305},
	{-1e-300, 1.6732632423543772, -1.6732632423543773e-300, 1.6732632423543772},
	{-1e-10, 1.6732632423543772, -1.673263242270714e-10, 1.6732632421870508},
	{-1.0000000000000001e-05, 1.6732632423543772, -1.6732548760660531e-05, 1.6732465098056166},
	{-0.001, 1.6732632423543772, -0.0016724268895407018, 1.6715908154648365},
	{-0.5, 1.6732632423543772, -0.65837778409627679, 1.0148854582581004},
	{-1, 1.6732632423543772, -1.0577040958243333, 0.61555914653004395},
	{-2, 1.6732632423543772, -1.4468116875209347, 0.22645155483344254},
	{-10, 1.6732632423543772, -1.6731872763207001, 7.596603367703639e-05},
	{-40, 1.6732632423543772, -1.6732632423543772, 7.1086150158792196e-18},
	{-700, 1.6732632423543772, -1.6732632423543772, 1.6497834342176872e-304},
	{0.0, 1, 0, 1}, /* the kink: elu'(0) = alpha */
	{-0.0, 0.5, 0, 0.5},
	{0.0, 1.6732632423543772, 0, 1.6732632423543772},
	{1e-300, 0.5, 1e-300, 1},
	{0.5, 1, 0.5, 1},
	{3, 0.5, 3, 1},
	{1e308, 1, 1e308, 1},
	{-1e308, 1, -1, 0},
	{INFINITY, 1, INFINITY, 1},
	{-INFINITY, 1, -1, 0},
	{-INFINITY, 0.5, -0.5, 0},
};

START_TEST(elu_is_x_or_alpha_expm1)
{
	double x = elu_rows[_i].x, alpha = elu_rows[_i].alpha;
	double got = act_elu(x, alpha);
	const char *hint = SEE_ELU;
	if (x < 0 && got == alpha * (exp(x) - 1.0))
		hint = SEE_EXPM1;
	else if (x > 0 && alpha != 1 && got == alpha * expm1(x))
		hint = "alpha (e^x - 1) applied to a positive input: for x > 0, elu(x) = x " CH "\"ELU\")";
	expect_close(got, elu_rows[_i].y, TOL_EXACT, 0, hint, "act_elu(%.17g, %.17g)", x, alpha);
}
END_TEST

START_TEST(elu_grad_is_one_or_alpha_exp)
{
	double x = elu_rows[_i].x, alpha = elu_rows[_i].alpha;
	double got = act_elu_grad(x, alpha);
	const char *hint = SEE_ELU_GRAD;
	if (x == 0)
		hint = "elu'(0) = alpha e^0 = alpha: the kink belongs to the side x <= 0, as in PyTorch " CH "\"ELU\")";
	else if (x > 0 && got == alpha * exp(x))
		hint = "alpha e^x is the slope for x <= 0 only; for x > 0 the slope is 1 " CH "\"ELU\")";
	else if (x < 0 && (got == act_elu(x, alpha) + alpha || got == alpha * expm1(x) + alpha))
		hint = SEE_FROM_OUTPUT;
	expect_close(got, elu_rows[_i].dy, TOL_EXACT, 0, hint, "act_elu_grad(%.17g, %.17g)", x, alpha);
}
END_TEST

static double elu_at(double x, void *ctx) { return act_elu(x, ((struct at *)ctx)->alpha); }

START_TEST(elu_grad_matches_central_difference)
{
	for (int k = 0; k < 3; k++) {
		struct at at = {smooth_xs[_i], alphas[k]};
		double x = at.x, param = at.alpha;
		double n = grader_central_diff(elu_at, &at, x, 1e-5);
		double a = act_elu_grad(x, param);
		ck_assert_msg(grader_grad_agrees(a, n),
			      "act_elu_grad(%.17g, %.17g) returned %.17g but the central difference of your "
			      "act_elu is %.17g -- %s", x, param, a, n, SEE_ELU_GRAD);
	}
}
END_TEST

START_TEST(elu_propagates_nan)
{
	for (int k = 0; k < ROWS(elu_alphas); k++) {
		double alpha = elu_alphas[k];
		expect_nan(act_elu(NAN, alpha), SEE_NAN, "act_elu(nan, %g)", alpha);
		expect_nan(act_elu_grad(NAN, alpha), SEE_NAN, "act_elu_grad(nan, %g)", alpha);
	}
}
END_TEST

/* ---- Infinities, at every slope the chapter names ---- */

START_TEST(leaky_relu_and_prelu_limits_at_infinity)
{
	for (int k = 0; k < ROWS(named_alphas); k++) {
		double alpha = named_alphas[k], low = alpha == 0 ? 0 : -INFINITY;
		const char *hint = alpha == 0 ? "with alpha = 0 the function is ReLU, whose limit at -inf is "
						 "0, not 0 * -inf = NaN " CH "\"Leaky ReLU\")" : SEE_LEAKY;
		expect_close(act_leaky_relu(INFINITY, alpha), INFINITY, 0, 0, SEE_LEAKY, "act_leaky_relu(inf, %g)", alpha);
		expect_close(act_leaky_relu(-INFINITY, alpha), low, 0, 1e-300, hint, "act_leaky_relu(-inf, %g)", alpha);
		expect_close(act_prelu(INFINITY, alpha), INFINITY, 0, 0, SEE_LEAKY, "act_prelu(inf, %g)", alpha);
		expect_close(act_prelu(-INFINITY, alpha), low, 0, 1e-300, hint, "act_prelu(-inf, %g)", alpha);
		expect_close(act_leaky_relu_grad(INFINITY, alpha), 1, 0, 1e-300, SEE_LEAKY_GRAD,
			     "act_leaky_relu_grad(inf, %g)", alpha);
		expect_close(act_leaky_relu_grad(-INFINITY, alpha), alpha, 0, 1e-300, SEE_LEAKY_GRAD,
			     "act_leaky_relu_grad(-inf, %g)", alpha);
		expect_close(act_prelu_grad(INFINITY, alpha), 1, 0, 1e-300, SEE_LEAKY_GRAD,
			     "act_prelu_grad(inf, %g)", alpha);
		expect_close(act_prelu_grad(-INFINITY, alpha), alpha, 0, 1e-300, SEE_LEAKY_GRAD,
			     "act_prelu_grad(-inf, %g)", alpha);
		expect_close(act_prelu_grad_alpha(INFINITY, alpha), 0, 0, 1e-300, SEE_DALPHA,
			     "act_prelu_grad_alpha(inf, %g)", alpha);
		expect_close(act_prelu_grad_alpha(-INFINITY, alpha), -INFINITY, 0, 0, SEE_DALPHA,
			     "act_prelu_grad_alpha(-inf, %g)", alpha);
	}
}
END_TEST

/* The kink belongs to x <= 0: the slope there is alpha, at 0 and -0, for
 * every named alpha. */
START_TEST(leaky_relu_and_prelu_grads_at_the_kink_are_alpha)
{
	for (int k = 0; k < ROWS(named_alphas); k++)
		for (int sign = 0; sign < 2; sign++) {
			double alpha = named_alphas[k], x = sign ? -0.0 : 0.0;
			expect_close(act_leaky_relu_grad(x, alpha), alpha, 0, 1e-300, SEE_LEAKY_KINK,
				     "act_leaky_relu_grad(%g, %g)", x, alpha);
			expect_close(act_prelu_grad(x, alpha), alpha, 0, 1e-300, SEE_LEAKY_KINK,
				     "act_prelu_grad(%g, %g)", x, alpha);
			expect_close(act_prelu_grad_alpha(x, alpha), 0, 0, 1e-300, SEE_DALPHA,
				     "act_prelu_grad_alpha(%g, %g)", x, alpha);
		}
}
END_TEST

START_TEST(elu_limits_at_infinity)
{
	for (int k = 0; k < ROWS(elu_alphas); k++) {
		double alpha = elu_alphas[k];
		expect_close(act_elu(INFINITY, alpha), INFINITY, 0, 0, SEE_ELU, "act_elu(inf, %g)", alpha);
		expect_close(act_elu(-INFINITY, alpha), -alpha, 0, 1e-300,
			     "elu saturates at -alpha: expm1(-inf) = -1 " CH "\"ELU\")", "act_elu(-inf, %g)", alpha);
		expect_close(act_elu_grad(INFINITY, alpha), 1, 0, 1e-300, SEE_ELU_GRAD, "act_elu_grad(inf, %g)", alpha);
		expect_close(act_elu_grad(-INFINITY, alpha), 0, 0, 1e-300, SEE_ELU_GRAD,
			     "act_elu_grad(-inf, %g)", alpha);
	}
}
END_TEST

START_TEST(elu_grad_at_the_kink_is_alpha)
{
	for (int k = 0; k < ROWS(elu_alphas); k++)
		for (int sign = 0; sign < 2; sign++) {
			double alpha = elu_alphas[k], x = sign ? -0.0 : 0.0;
			expect_close(act_elu_grad(x, alpha), alpha, 0, 1e-300,
				     "elu'(0) = alpha e^0 = alpha: the kink belongs to the side x <= 0 " CH "\"ELU\")",
				     "act_elu_grad(%g, %g)", x, alpha);
			expect_close(act_elu(x, alpha), 0, 0, 1e-300, SEE_ELU, "act_elu(%g, %g)", x, alpha);
		}
}
END_TEST

/* ---- Random inputs, new each run ---- */

/* A slope: one the chapter names, or a random one in [0, 3). */
static double draw_alpha(int k)
{
	return k % 3 == 0 ? named_alphas[(k / 3) % ROWS(named_alphas)] : grader_uniform(0, 3);
}

START_TEST(leaky_relu_and_prelu_at_random_inputs)
{
	for (int k = 0; k < 300; k++) {
		double x = grader_magnitude(-300, 300, true), alpha = draw_alpha(k);
		double want = x > 0 ? x : alpha * x, dwant = x > 0 ? 1 : alpha;
		double got = act_leaky_relu(x, alpha);
		expect_close(got, want, TOL_EXACT, 1e-300, leaky_hint(x, alpha, got),
			     "act_leaky_relu(%.17g, %.17g)", x, alpha);
		got = act_prelu(x, alpha);
		expect_close(got, want, TOL_EXACT, 1e-300, leaky_hint(x, alpha, got), "act_prelu(%.17g, %.17g)", x, alpha);
		got = act_leaky_relu_grad(x, alpha);
		expect_close(got, dwant, 0, 1e-300, leaky_grad_hint(x, alpha, got),
			     "act_leaky_relu_grad(%.17g, %.17g)", x, alpha);
		got = act_prelu_grad(x, alpha);
		expect_close(got, dwant, 0, 1e-300, leaky_grad_hint(x, alpha, got),
			     "act_prelu_grad(%.17g, %.17g)", x, alpha);
		got = act_prelu_grad_alpha(x, alpha);
		expect_close(got, x > 0 ? 0 : x, 0, 1e-300,
			     got == alpha ? "that is alpha, the slope in x; the slope in alpha of alpha x is x. " SEE_DALPHA :
			     x > 0 && got == x ? "for x > 0, prelu(x) = x does not depend on alpha. " SEE_DALPHA : SEE_DALPHA,
			     "act_prelu_grad_alpha(%.17g, %.17g)", x, alpha);
	}
}
END_TEST

START_TEST(leaky_relu_and_prelu_grads_match_central_differences_at_random_inputs)
{
	for (int k = 0; k < 100; k++) {
		struct at at = {grader_magnitude(-4, 2, true), draw_alpha(k)}; /* |x| >= 1e-4 */
		double n = grader_central_diff(leaky_at, &at, at.x, 1e-5), a = act_leaky_relu_grad(at.x, at.alpha);
		expect_that(grader_grad_agrees(a, n), "act_leaky_relu_grad(%.17g, %.17g) returned %.17g but the "
			    "central difference of your act_leaky_relu is %.17g -- %s", at.x, at.alpha, a, n, SEE_LEAKY_GRAD);
		n = grader_central_diff(prelu_at, &at, at.x, 1e-5), a = act_prelu_grad(at.x, at.alpha);
		expect_that(grader_grad_agrees(a, n), "act_prelu_grad(%.17g, %.17g) returned %.17g but the central "
			    "difference of your act_prelu in x is %.17g -- %s", at.x, at.alpha, a, n, SEE_LEAKY_GRAD);
		n = grader_central_diff(prelu_of_alpha, &at, at.alpha, 1e-5), a = act_prelu_grad_alpha(at.x, at.alpha);
		expect_that(grader_grad_agrees(a, n), "act_prelu_grad_alpha(%.17g, %.17g) returned %.17g but the "
			    "central difference of your act_prelu in alpha is %.17g -- %s", at.x, at.alpha, a, n, SEE_DALPHA);
	}
}
END_TEST

START_TEST(elu_at_random_inputs)
{
	for (int k = 0; k < 300; k++) {
		double x = k % 2 ? grader_uniform(-50, 5) : grader_magnitude(-300, 2.8, true);
		double alpha = k % 3 ? grader_uniform(0.05, 3) : elu_alphas[(k / 3) % ROWS(elu_alphas)];
		/* alpha (e^x - 1) and alpha e^x in long double. */
		double want = x > 0 ? x : (double)(alpha * expm1l(x)), dwant = x > 0 ? 1 : (double)(alpha * expl(x));
		double got = act_elu(x, alpha);
		const char *hint = SEE_ELU;
		if (x < 0 && got == alpha * (exp(x) - 1.0) && got != want)
			hint = SEE_EXPM1;
		else if (x > 0 && alpha != 1 && got == alpha * expm1(x))
			hint = "alpha (e^x - 1) applied to a positive input: for x > 0, elu(x) = x " CH "\"ELU\")";
		expect_close(got, want, TOL_EXACT, 1e-300, hint, "act_elu(%.17g, %.17g)", x, alpha);
		got = act_elu_grad(x, alpha);
		hint = SEE_ELU_GRAD;
		if (x < 0 && got == act_elu(x, alpha) + alpha && got != dwant)
			hint = SEE_FROM_OUTPUT;
		else if (x > 0 && got == alpha * exp(x))
			hint = "alpha e^x is the slope for x <= 0 only; for x > 0 the slope is 1 " CH "\"ELU\")";
		expect_close(got, dwant, TOL_EXACT, 1e-300, hint, "act_elu_grad(%.17g, %.17g)", x, alpha);
	}
}
END_TEST

START_TEST(elu_grad_matches_central_difference_at_random_inputs)
{
	for (int k = 0; k < 100; k++) {
		struct at at = {grader_uniform(-8, 4), grader_uniform(0.05, 3)};
		if (fabs(at.x) < 1e-4)
			continue; /* the kink */
		double n = grader_central_diff(elu_at, &at, at.x, 1e-5), a = act_elu_grad(at.x, at.alpha);
		expect_that(grader_grad_agrees(a, n), "act_elu_grad(%.17g, %.17g) returned %.17g but the central "
			    "difference of your act_elu is %.17g -- %s", at.x, at.alpha, a, n, SEE_ELU_GRAD);
	}
}
END_TEST

/* A random interval [lower, upper] inside [0, 1], at least 0.05 wide. */
static void draw_interval(double *lower, double *upper)
{
	*lower = grader_uniform(0, 0.9);
	*upper = *lower + grader_uniform(0.05, 1 - *lower);
}

START_TEST(rrelu_inference_slope_is_the_midpoint_of_random_intervals)
{
	for (int k = 0; k < 100; k++) {
		double lower, upper;
		draw_interval(&lower, &upper);
		struct rng r = *grader_rng(), before = r;
		double got = act_rrelu_slope(lower, upper, 0, &r);
		expect_close(got, (lower + upper) / 2, TOL_EXACT, 1e-300,
			     got == 11.0 / 48.0 ? "that is the midpoint of the default interval [1/8, 1/3]: use "
						  "the lower and upper you are given " SEE_RRELU :
			     "at inference the slope is fixed at (lower + upper)/2 " SEE_RRELU,
			     "act_rrelu_slope(%.17g, %.17g, training = 0, rng)", lower, upper);
		expect_that(r.state == before.state, "act_rrelu_slope(%.17g, %.17g, training = 0, rng) changed the "
			    "generator: inference draws nothing " SEE_RRELU, lower, upper);
	}
}
END_TEST

/* Training draws on a random interval, from a generator seeded by the run:
 * all inside, near both ends, averaging to the midpoint (the mean of 20000
 * uniform draws lands outside 5 standard deviations once in 1.7 million),
 * and the same again from a copy of the generator. */
START_TEST(rrelu_training_slopes_on_random_intervals)
{
	enum { N = 20000 };
	for (int k = 0; k < 5; k++) {
		double lower, upper, sum = 0, lo = INFINITY, hi = -INFINITY;
		draw_interval(&lower, &upper);
		struct rng r = *grader_rng(), copy = r;
		rng_next(grader_rng()); /* a different stream for the next interval */
		for (int i = 0; i < N; i++) {
			double a = act_rrelu_slope(lower, upper, 1, &r), b = act_rrelu_slope(lower, upper, 1, &copy);
			expect_that(a >= lower && a <= upper,
				    "act_rrelu_slope(%.17g, %.17g, training = 1, rng) returned %.17g on draw %d, outside "
				    "[lower, upper]: draw lower + (upper - lower) u with u uniform on [0, 1) " SEE_RRELU,
				    lower, upper, a, i + 1);
			expect_that(a == b, "act_rrelu_slope(%.17g, %.17g, training = 1, rng) gave %.17g and %.17g on "
				    "draw %d from two copies of one generator: draw from the rng you are given, nothing "
				    "else " SEE_RRELU, lower, upper, a, b, i + 1);
			sum += a, lo = fmin(lo, a), hi = fmax(hi, a);
		}
		double mean = sum / N, sd = (upper - lower) / sqrt(12.0 * N), margin = 0.01 * (upper - lower);
		expect_that(fabs(mean - (lower + upper) / 2) <= 5 * sd,
			    "act_rrelu_slope(%.17g, %.17g, training = 1, rng) averaged %.17g over %d draws, expected the "
			    "midpoint %.17g within 5 standard deviations (%.2g): the slope must be uniform on [lower, "
			    "upper] " SEE_RRELU, lower, upper, mean, N, (lower + upper) / 2, 5 * sd);
		expect_that(lo < lower + margin && hi > upper - margin,
			    "act_rrelu_slope(%.17g, %.17g, training = 1, rng) stayed in [%.17g, %.17g] over %d draws, "
			    "expected to come within 1%% of both ends " SEE_RRELU, lower, upper, lo, hi, N);
	}
}
END_TEST

int main(void)
{
	Suite *s = suite_create("08-relu-family");
	TCase *tc = grader_tcase(s, "leaky_relu");
	tcase_add_loop_test(tc, leaky_relu_is_x_or_alpha_x, 0, ROWS(leaky_rows));
	tcase_add_loop_test(tc, leaky_relu_grad_is_one_or_alpha, 0, ROWS(leaky_rows));
	tcase_add_loop_test(tc, leaky_relu_with_alpha_1_over_a_is_x_over_a, 0, ROWS(as));
	tcase_add_loop_test(tc, leaky_relu_grad_matches_central_difference, 0, ROWS(smooth_xs));
	tcase_add_test(tc, leaky_relu_and_prelu_limits_at_infinity);
	tcase_add_test(tc, leaky_relu_and_prelu_grads_at_the_kink_are_alpha);
	tcase_add_test(tc, leaky_relu_and_prelu_at_random_inputs);
	tcase_add_test(tc, leaky_relu_and_prelu_grads_match_central_differences_at_random_inputs);
	tcase_add_test(tc, leaky_relu_propagates_nan);
	tcase_add_test(tc, leaky_relu_grad_propagates_nan);
	tc = grader_tcase(s, "prelu");
	tcase_add_loop_test(tc, prelu_is_leaky_relu_with_learned_alpha, 0, ROWS(leaky_rows));
	tcase_add_loop_test(tc, prelu_grad_alpha_is_x_on_the_negative_side, 0, ROWS(dalpha_rows));
	tcase_add_loop_test(tc, prelu_grads_match_central_differences, 0, ROWS(smooth_xs));
	tcase_add_test(tc, prelu_propagates_nan);
	tc = grader_tcase(s, "rrelu");
	tcase_add_test(tc, rrelu_inference_slope_is_the_midpoint);
	tcase_add_test(tc, rrelu_inference_leaves_the_rng_alone);
	tcase_add_test(tc, rrelu_inference_slope_is_the_midpoint_of_random_intervals);
	tcase_add_test(tc, rrelu_training_slopes_lie_in_the_interval);
	tcase_add_test(tc, rrelu_training_slopes_average_to_the_midpoint);
	tcase_add_test(tc, rrelu_training_slopes_fill_the_interval);
	tcase_add_test(tc, rrelu_same_seed_gives_same_slopes);
	tcase_add_test(tc, rrelu_training_slopes_on_random_intervals);
	tc = grader_tcase(s, "elu");
	tcase_add_loop_test(tc, elu_is_x_or_alpha_expm1, 0, ROWS(elu_rows));
	tcase_add_loop_test(tc, elu_grad_is_one_or_alpha_exp, 0, ROWS(elu_rows));
	tcase_add_loop_test(tc, elu_grad_matches_central_difference, 0, ROWS(smooth_xs));
	tcase_add_test(tc, elu_limits_at_infinity);
	tcase_add_test(tc, elu_grad_at_the_kink_is_alpha);
	tcase_add_test(tc, elu_at_random_inputs);
	tcase_add_test(tc, elu_grad_matches_central_difference_at_random_inputs);
	tcase_add_test(tc, elu_propagates_nan);
	return grader_run(s);
}
