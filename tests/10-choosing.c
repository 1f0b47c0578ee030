/* Chapter 10, Choosing an activation: checks for exercises/10-choosing.c.
 *
 * The probes are tried on functions whose properties are known by
 * mathematics (x^3, sin, a constant, tanh and exp from libm, ...), never on
 * the learner's activations from other chapters, so that a mistake there
 * cannot fail this chapter. */
#include <math.h>
#include <stdio.h>

#include "grader.h"
#include "probes.h"

#define CH "see 10-choosing.md"
#define SEE_MONO "monotonic: the samples never go down, or never go up (" CH ", \"Monotonic\")"
#define SEE_RANGE "the smallest and largest f(x_i) over all n + 1 grid points, ends included (" CH ", \"Output range\")"
#define SEE_ZERO "|sum f(x_i)| <= tol * sum |f(x_i)| over the grid -a..a (" CH ", \"Zero-centred\")"
#define SEE_IDENT "|f(0)| <= tol and |f'(0) - 1| <= tol, f'(0) by a central difference (" CH ", \"Near the identity\")"
#define SEE_SAT "saturating: |f'(x)| <= tol at x = -far (left) or x = +far (right) (" CH ", \"Saturation\")"

/* Test functions with properties we know. */
static double cube(double x) { return x * x * x; }
static double neg_cube(double x) { return -x * x * x; }
static double square(double x) { return x * x; }
static double two(double x) { (void)x; return 2.0; }
static double identity(double x) { return x; }
static double twice(double x) { return 2.0 * x; }
static double plus_ten(double x) { return x + 10.0; }
static double plus_half(double x) { return x + 0.5; }
static double plus_tiny(double x) { return x + 1e-7; }
static double plus_square(double x) { return x + x * x; }
static double logistic(double x) { return 1.0 / (1.0 + exp(-x)); }
static double ramp(double x) { return x > 0 ? x : 0.0; }
static double leaky(double x) { return x > 0 ? x : 0.01 * x; }
static double softplus(double x) { return log1p(exp(x)); }
static double neg_exp_neg(double x) { return -exp(-x); }
static double tiny_bump(double x) { return 1e-12 * (1.0 + x * x); }
/* Rises on [0, 1) and drops at the very last grid point x = 1. */
static double drops_at_one(double x) { return x < 0.95 ? x : 0.0; }
/* NaN at x = 0.5, x elsewhere. */
static double nan_at_half(double x) { return x == 0.5 ? NAN : x; }

/* ---- probe_monotonic ------------------------------------------------ */

static const struct {
	const char *name;
	double (*f)(double);
	double lo, hi;
	size_t n;
	bool want;
	const char *why;
} mono[] = {
	{"x^3", cube, -2, 2, 100, true, "x^3 only rises"},
	{"-x^3", neg_cube, -2, 2, 100, true, "-x^3 only falls, and falling counts as monotonic"},
	{"2", two, -5, 5, 10, true, "a constant never goes up or down: flat steps are allowed"},
	{"exp", exp, -5, 5, 50, true, "exp only rises"},
	{"tanh", tanh, -30, 30, 600, true, "tanh only rises; beyond |x| = 19.1 it is exactly -1 or 1 "
					   "in double, and flat steps are allowed"},
	{"x > 0 ? x : 0", ramp, -2, 2, 40, true, "a ramp is flat, then rises: flat steps are allowed"},
	{"sin", sin, -1.5, 1.5, 30, true, "sin rises on [-1.5, 1.5]"},
	{"sin", sin, -3, 3, 60, false, "sin rises and falls on [-3, 3], although sin(-3) < sin(3)"},
	{"x^2", square, -1, 2, 30, false, "x^2 falls, then rises, although f(-1) < f(2)"},
	{"x < 0.95 ? x : 0", drops_at_one, 0, 1, 10, false, "it drops at the last grid point, x = 1"},
	{"x (nan at 0.5)", nan_at_half, 0, 1, 10, false, "a NaN sample is not monotonic"},
};

START_TEST(probe_monotonic_knows_the_test_functions)
{
	bool got = probe_monotonic(mono[_i].f, mono[_i].lo, mono[_i].hi, mono[_i].n);
	ck_assert_msg(got == mono[_i].want,
		      "probe_monotonic(%s, %g, %g, %zu) returned %s, expected %s: %s -- %s",
		      mono[_i].name, mono[_i].lo, mono[_i].hi, mono[_i].n, got ? "true" : "false",
		      mono[_i].want ? "true" : "false", mono[_i].why, SEE_MONO);
}
END_TEST

/* ---- probe_range ---------------------------------------------------- */

static const struct {
	const char *name;
	double (*f)(double);
	double lo, hi;
	size_t n;
	double min, max;
	const char *why;
} ranges[] = {
	{"x + 10", plus_ten, 0, 1, 4, 10, 11, "start from the first sample, not from 0"},
	{"x^2", square, -1, 2, 3, 0, 4, "samples 1, 0, 1, 4: the smallest is inside the interval"},
	{"-x^3", neg_cube, -1, 2, 3, -8, 1, "samples 1, 0, -1, -8"},
	{"x", identity, 0, 1, 10, 0, 1, "the grid ends at x_n = hi = 1"},
	{"tanh", tanh, -1000, 1000, 20, -1, 1, "tanh(-1000) = -1 and tanh(1000) = 1 in double"},
	{"2", two, -3, 3, 6, 2, 2, "a constant's range is one value"},
};

START_TEST(probe_range_finds_the_smallest_and_largest_sample)
{
	double lo = 12345, hi = -12345;
	probe_range(ranges[_i].f, ranges[_i].lo, ranges[_i].hi, ranges[_i].n, &lo, &hi);
	char hint[512];
	snprintf(hint, sizeof hint, "%s -- %s", ranges[_i].why, SEE_RANGE);
	expect_close(lo, ranges[_i].min, 0, 1e-300, hint, "probe_range(%s, %g, %g, %zu): min",
		     ranges[_i].name, ranges[_i].lo, ranges[_i].hi, ranges[_i].n);
	expect_close(hi, ranges[_i].max, 0, 1e-300, hint, "probe_range(%s, %g, %g, %zu): max",
		     ranges[_i].name, ranges[_i].lo, ranges[_i].hi, ranges[_i].n);
}
END_TEST

START_TEST(probe_range_reports_a_nan_sample)
{
	double lo = 12345, hi = -12345;
	probe_range(nan_at_half, 0, 1, 10, &lo, &hi);
	const char *hint = "a NaN sample makes min and max NaN; fmin and fmax quietly skip NaN, so "
			   "test for it -- " SEE_RANGE;
	expect_nan(lo, hint, "probe_range(x (nan at 0.5), 0, 1, 10): min");
	expect_nan(hi, hint, "probe_range(x (nan at 0.5), 0, 1, 10): max");
}
END_TEST

/* ---- probe_zero_centred --------------------------------------------- */

static const struct {
	const char *name;
	double (*f)(double);
	bool want;
	const char *why;
} centred[] = {
	{"tanh", tanh, true, "tanh is odd: its outputs balance around 0"},
	{"sin", sin, true, "sin is odd"},
	{"x^3", cube, true, "x^3 is odd"},
	{"x", identity, true, "x is odd"},
	{"1/(1 + e^-x)", logistic, false, "the logistic sigmoid is always positive, centred on 0.5"},
	{"x > 0 ? x : 0", ramp, false, "a ramp passes through 0 but never goes below it: "
				       "zero-centred is about the outputs' balance, not f(0) = 0"},
	{"x^2", square, false, "x^2 is never negative"},
	{"exp", exp, false, "exp is always positive"},
	{"1e-12 (1 + x^2)", tiny_bump, false, "tiny, but all positive: compare the sum with the "
					      "outputs' own size, not with an absolute tol"},
};

START_TEST(probe_zero_centred_knows_the_test_functions)
{
	bool got = probe_zero_centred(centred[_i].f, 3.0, 60, 1e-9);
	ck_assert_msg(got == centred[_i].want,
		      "probe_zero_centred(%s, 3, 60, 1e-9) returned %s, expected %s: %s -- %s",
		      centred[_i].name, got ? "true" : "false", centred[_i].want ? "true" : "false",
		      centred[_i].why, SEE_ZERO);
}
END_TEST

/* ---- probe_near_identity -------------------------------------------- */

static const struct {
	const char *name;
	double (*f)(double);
	double tol;
	bool want;
	const char *why;
} ident[] = {
	{"sin", sin, 1e-6, true, "sin(0) = 0 and sin'(0) = cos 0 = 1"},
	{"tanh", tanh, 1e-6, true, "tanh(0) = 0 and tanh'(0) = 1"},
	{"x", identity, 1e-6, true, "the identity itself"},
	{"x + x^2", plus_square, 1e-6, true, "f(0) = 0 and f'(0) = 1; a one-sided difference "
					      "(f(h) - f(0))/h gives 1 + h, off by 1e-5"},
	{"expm1", expm1, 1e-6, true, "e^0 - 1 = 0 and the slope e^0 = 1; a one-sided difference "
				      "is off by h/2"},
	{"x + 1e-7", plus_tiny, 1e-6, true, "f(0) = 1e-7 is within tol = 1e-6"},
	{"x + 1e-7", plus_tiny, 1e-8, false, "f(0) = 1e-7 is not within tol = 1e-8"},
	{"x^3", cube, 1e-6, false, "the slope of x^3 at 0 is 0"},
	{"x + 0.5", plus_half, 1e-6, false, "the slope is 1, but f(0) = 0.5: check f(0) too"},
	{"2x", twice, 1e-6, false, "f(0) = 0, but the slope is 2"},
	{"1/(1 + e^-x)", logistic, 1e-6, false, "the logistic sigmoid is 0.5 at 0, with slope 0.25"},
	{"x > 0 ? x : 0", ramp, 1e-6, false, "a one-sided difference at the kink gives "
					     "0 or 1; the central difference gives 1/2"},
};

START_TEST(probe_near_identity_knows_the_test_functions)
{
	bool got = probe_near_identity(ident[_i].f, ident[_i].tol);
	ck_assert_msg(got == ident[_i].want,
		      "probe_near_identity(%s, %g) returned %s, expected %s: %s -- %s",
		      ident[_i].name, ident[_i].tol, got ? "true" : "false",
		      ident[_i].want ? "true" : "false", ident[_i].why, SEE_IDENT);
}
END_TEST

/* ---- probe_saturating ----------------------------------------------- */

static const char *ends(int bits)
{
	static const char *const names[] = {"0 (neither end)", "PROBE_SAT_LEFT",
					    "PROBE_SAT_RIGHT", "PROBE_SAT_LEFT | PROBE_SAT_RIGHT"};
	return bits >= 0 && bits <= 3 ? names[bits] : "a value with bits other than the two ends";
}

static const struct {
	const char *name;
	double (*f)(double);
	double far;
	int want;
	const char *why;
} sat[] = {
	{"tanh", tanh, 30, PROBE_SAT_LEFT | PROBE_SAT_RIGHT, "tanh flattens towards -1 and 1"},
	{"1/(1 + e^-x)", logistic, 30, PROBE_SAT_LEFT | PROBE_SAT_RIGHT,
	 "the sigmoid flattens at both ends: towards 0 on the left, towards 1 on the right; "
	 "saturation is about the slope, not the value"},
	{"2", two, 30, PROBE_SAT_LEFT | PROBE_SAT_RIGHT, "a constant's slope is 0 everywhere"},
	{"x", identity, 30, 0, "the identity's slope is 1 everywhere"},
	{"x^3", cube, 30, 0, "x^3 gets steeper at both ends"},
	{"exp", exp, 30, PROBE_SAT_LEFT, "exp flattens on the left only"},
	{"-e^-x", neg_exp_neg, 30, PROBE_SAT_RIGHT, "-e^-x flattens on the right only: left is -far"},
	{"log(1 + e^x)", softplus, 30, PROBE_SAT_LEFT, "softplus flattens on the left only"},
	{"x > 0 ? x : 0", ramp, 30, PROBE_SAT_LEFT, "a ramp is flat on the left, slope 1 on the right"},
	{"x > 0 ? x : 0.01x", leaky, 30, 0, "a leaky ramp keeps slope 0.01 on the left"},
	{"atan", atan, 30, 0, "atan' = 1/(1 + x^2) is still 1e-3 at 30"},
	{"atan", atan, 1e4, PROBE_SAT_LEFT | PROBE_SAT_RIGHT, "atan' = 1/(1 + x^2) is 1e-8 at 1e4"},
};

START_TEST(probe_saturating_knows_the_test_functions)
{
	int got = probe_saturating(sat[_i].f, sat[_i].far, 1e-6);
	ck_assert_msg(got == sat[_i].want,
		      "probe_saturating(%s, %g, 1e-6) returned %d = %s, expected %s: %s -- %s",
		      sat[_i].name, sat[_i].far, got, ends(got), ends(sat[_i].want), sat[_i].why, SEE_SAT);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("10-choosing");
	TCase *tc = grader_tcase(s, "probe_monotonic");
	tcase_add_loop_test(tc, probe_monotonic_knows_the_test_functions, 0, ROWS(mono));
	tc = grader_tcase(s, "probe_range");
	tcase_add_loop_test(tc, probe_range_finds_the_smallest_and_largest_sample, 0, ROWS(ranges));
	tcase_add_test(tc, probe_range_reports_a_nan_sample);
	tc = grader_tcase(s, "probe_zero_centred");
	tcase_add_loop_test(tc, probe_zero_centred_knows_the_test_functions, 0, ROWS(centred));
	tc = grader_tcase(s, "probe_near_identity");
	tcase_add_loop_test(tc, probe_near_identity_knows_the_test_functions, 0, ROWS(ident));
	tc = grader_tcase(s, "probe_saturating");
	tcase_add_loop_test(tc, probe_saturating_knows_the_test_functions, 0, ROWS(sat));
	return grader_run(s);
}
