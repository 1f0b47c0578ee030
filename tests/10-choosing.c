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
static double zero(double x) { (void)x; return 0.0; }
static double negate(double x) { return -x; }
static double minus_half(double x) { return x - 0.5; }
static double neg_exp(double x) { return -exp(x); }
static double flat_then_falls(double x) { return x < 0 ? 0.0 : -x; }
static double plus_twentieth(double x) { return x + 0.05; }
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
	{"x < 0 ? 0 : -x", flat_then_falls, -2, 2, 40, true, "flat, then falling: a flat step is neither a rise "
							    "nor a fall, whichever way the function goes"},
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
	double *glo = grader_out(1, 12345), *ghi = grader_out(1, -12345);
	probe_range(ranges[_i].f, ranges[_i].lo, ranges[_i].hi, ranges[_i].n, glo, ghi);
	grader_expect_guards(glo, "min", "probe_range(%s, ...)", ranges[_i].name);
	grader_expect_guards(ghi, "max", "probe_range(%s, ...)", ranges[_i].name);
	double lo = *glo, hi = *ghi;
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
	{"0", zero, true, "probes.h: an f that is 0 on the whole grid counts as centred (0 <= tol * 0)"},
	{"-exp", neg_exp, false, "all negative: it is |sum f| that is compared, whatever its sign"},
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

/* x + 0.05 over -3..3: the sum 61 (0.05) = 3.05 against the outputs' size
 * sum |x_i + 0.05| = 93.05: centred at tol = 0.05 (the property table's),
 * not at 0.01.  Every output counts towards the size. */
START_TEST(probe_zero_centred_weighs_every_output)
{
	ck_assert_msg(probe_zero_centred(plus_twentieth, 3, 60, 0.05),
		      "probe_zero_centred(x + 0.05, 3, 60, 0.05) returned false, expected true: |sum f| = 3.05 "
		      "is within 5%% of sum |f| = 93.05, the size of all 61 outputs -- %s", SEE_ZERO);
	ck_assert_msg(!probe_zero_centred(plus_twentieth, 3, 60, 0.01),
		      "probe_zero_centred(x + 0.05, 3, 60, 0.01) returned true, expected false: |sum f| = 3.05 is "
		      "more than 1%% of sum |f| = 93.05 -- %s", SEE_ZERO);
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
	{"x - 0.5", minus_half, 1e-6, false, "f(0) = -0.5: it is |f(0)| that must be at most tol"},
	{"x + 1e-7", plus_tiny, 1e-7, true, "f(0) = 1e-7 is at most tol = 1e-7: the bound includes tol"},
	{"2x", twice, 1, true, "the slope 2 is exactly tol = 1 from 1: the bound includes tol"},
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
	double far, tol;
	int want;
	const char *why;
} sat[] = {
	{"tanh", tanh, 30, 1e-6, PROBE_SAT_LEFT | PROBE_SAT_RIGHT, "tanh flattens towards -1 and 1"},
	{"1/(1 + e^-x)", logistic, 30, 1e-6, PROBE_SAT_LEFT | PROBE_SAT_RIGHT,
	 "the sigmoid flattens at both ends: towards 0 on the left, towards 1 on the right; "
	 "saturation is about the slope, not the value"},
	{"2", two, 30, 1e-6, PROBE_SAT_LEFT | PROBE_SAT_RIGHT, "a constant's slope is 0 everywhere"},
	{"x", identity, 30, 1e-6, 0, "the identity's slope is 1 everywhere"},
	{"x^3", cube, 30, 1e-6, 0, "x^3 gets steeper at both ends"},
	{"exp", exp, 30, 1e-6, PROBE_SAT_LEFT, "exp flattens on the left only"},
	{"-e^-x", neg_exp_neg, 30, 1e-6, PROBE_SAT_RIGHT, "-e^-x flattens on the right only: left is -far"},
	{"log(1 + e^x)", softplus, 30, 1e-6, PROBE_SAT_LEFT, "softplus flattens on the left only"},
	{"x > 0 ? x : 0", ramp, 30, 1e-6, PROBE_SAT_LEFT, "a ramp is flat on the left, slope 1 on the right"},
	{"x > 0 ? x : 0.01x", leaky, 30, 1e-6, 0, "a leaky ramp keeps slope 0.01 on the left"},
	{"atan", atan, 30, 1e-6, 0, "atan' = 1/(1 + x^2) is still 1e-3 at 30"},
	{"atan", atan, 1e4, 1e-6, PROBE_SAT_LEFT | PROBE_SAT_RIGHT, "atan' = 1/(1 + x^2) is 1e-8 at 1e4"},
	{"-x", negate, 30, 1e-6, 0, "the slope is -1: it is |f'| that must be at most tol"},
	{"x", identity, 30, 0.6, 0, "the slope 1 is above tol = 0.6 at both ends (a central difference "
				    "divides by 2h)"},
	{"0", zero, 30, 0, PROBE_SAT_LEFT | PROBE_SAT_RIGHT, "the slope 0 is at most tol = 0: the bound includes tol"},
};

START_TEST(probe_saturating_knows_the_test_functions)
{
	int got = probe_saturating(sat[_i].f, sat[_i].far, sat[_i].tol);
	ck_assert_msg(got == sat[_i].want,
		      "probe_saturating(%s, %g, %g) returned %d = %s, expected %s: %s -- %s", sat[_i].name,
		      sat[_i].far, sat[_i].tol, got, ends(got), ends(sat[_i].want), sat[_i].why, SEE_SAT);
}
END_TEST

/* ---- The odd sample first, in the middle and last ---- */

/* On the grid 0..1 with 10 steps (x_0 = 0, x_5 = 0.5, x_10 = 1): x, except
 * at one grid point, where the value drops, or is NaN.  The test is a band
 * around the point, so a grid point a rounding away still counts. */
static bool near(double x, double at) { return fabs(x - at) < 0.01; }
static double drop_first(double x) { return near(x, 0) ? 2 : x; }
static double drop_middle(double x) { return near(x, 0.5) ? -1 : x; }
static double drop_last(double x) { return near(x, 1) ? -1 : x; }
static double nan_first(double x) { return near(x, 0) ? NAN : x; }
static double nan_middle(double x) { return near(x, 0.5) ? NAN : x; }
static double nan_last(double x) { return near(x, 1) ? NAN : x; }
static double low_first(double x) { return near(x, 0) ? -5 : x; }
static double low_middle(double x) { return near(x, 0.5) ? -5 : x; }
static double high_first(double x) { return near(x, 0) ? 5 : x; }
static double high_middle(double x) { return near(x, 0.5) ? 5 : x; }
static double high_last(double x) { return near(x, 1) ? 5 : x; }
/* On -3..3 with 60 steps: x (odd), with an outlier or a NaN at one end or in the middle. */
static double odd_bump_first(double x) { return near(x, -3) ? 10 : x; }
static double odd_bump_middle(double x) { return near(x, 0) ? 10 : x; }
static double odd_bump_last(double x) { return near(x, 3) ? 10 : x; }
static double odd_nan_first(double x) { return near(x, -3) ? NAN : x; }
static double odd_nan_middle(double x) { return near(x, 0) ? NAN : x; }
static double odd_nan_last(double x) { return near(x, 3) ? NAN : x; }

static const char *const where3[] = {"first", "middle", "last"};

/* x on the grid 0..1 with 10 steps, but falling at grid point k (or NaN
 * there), for every k: a loop that skips any one point shows. */
#define ODD_AT(k)                                                                        \
	static double falls_at_##k(double x) { return near(x, k / 10.0) ? (k ? -1.0 : 2.0) : x; } \
	static double nan_at_##k(double x) { return near(x, k / 10.0) ? NAN : x; }
ODD_AT(0) ODD_AT(1) ODD_AT(2) ODD_AT(3) ODD_AT(4) ODD_AT(5) ODD_AT(6) ODD_AT(7) ODD_AT(8) ODD_AT(9) ODD_AT(10)
static double (*const falls_at[])(double) = {
	falls_at_0, falls_at_1, falls_at_2, falls_at_3, falls_at_4, falls_at_5,
	falls_at_6, falls_at_7, falls_at_8, falls_at_9, falls_at_10,
};
static double (*const nan_at[])(double) = {
	nan_at_0, nan_at_1, nan_at_2, nan_at_3, nan_at_4, nan_at_5,
	nan_at_6, nan_at_7, nan_at_8, nan_at_9, nan_at_10,
};

START_TEST(probes_see_an_odd_sample_at_every_grid_point)
{
	for (int k = 0; k <= 10; k++) {
		ck_assert_msg(!probe_monotonic(falls_at[k], 0, 1, 10),
			      "probe_monotonic(x, but falling at grid point %d, 0, 1, 10) returned true, expected false: "
			      "compare every neighbouring pair of the n + 1 samples -- %s", k, SEE_MONO);
		ck_assert_msg(!probe_monotonic(nan_at[k], 0, 1, 10),
			      "probe_monotonic(x, but NaN at grid point %d, 0, 1, 10) returned true, expected false: "
			      "a NaN sample is not monotonic -- %s", k, SEE_MONO);
		double *lo = grader_out(1, 12345), *hi = grader_out(1, -12345);
		probe_range(nan_at[k], 0, 1, 10, lo, hi);
		expect_nan(*lo, "a NaN sample makes min and max NaN, wherever it is -- " SEE_RANGE,
			   "probe_range(x, but NaN at grid point %d, 0, 1, 10): min", k);
		expect_nan(*hi, "a NaN sample makes min and max NaN, wherever it is -- " SEE_RANGE,
			   "probe_range(x, but NaN at grid point %d, 0, 1, 10): max", k);
		grader_expect_guards(lo, "min", "probe_range(...)");
		grader_expect_guards(hi, "max", "probe_range(...)");
	}
}
END_TEST

START_TEST(probes_see_the_odd_sample_anywhere)
{
	double (*const drops[])(double) = {drop_first, drop_middle, drop_last};
	double (*const nans[])(double) = {nan_first, nan_middle, nan_last};
	double (*const lows[])(double) = {low_first, low_middle, drop_last};
	double (*const highs[])(double) = {high_first, high_middle, high_last};
	double (*const bumps[])(double) = {odd_bump_first, odd_bump_middle, odd_bump_last};
	double (*const odd_nans[])(double) = {odd_nan_first, odd_nan_middle, odd_nan_last};
	const double low_want[] = {-5, -5, -1}, high_want[] = {5, 5, 5};
	for (int p = 0; p < 3; p++) {
		ck_assert_msg(!probe_monotonic(drops[p], 0, 1, 10),
			      "probe_monotonic(x with a drop at the %s grid point, 0, 1, 10) returned true, expected "
			      "false: compare every neighbouring pair, the first and the last included -- %s",
			      where3[p], SEE_MONO);
		ck_assert_msg(!probe_monotonic(nans[p], 0, 1, 10),
			      "probe_monotonic(x with NaN at the %s grid point, 0, 1, 10) returned true, expected false: "
			      "a NaN sample is not monotonic -- %s", where3[p], SEE_MONO);
		double *lo = grader_out(1, 12345), *hi = grader_out(1, -12345);
		probe_range(nans[p], 0, 1, 10, lo, hi);
		expect_nan(*lo, "a NaN sample makes min and max NaN, wherever it is -- " SEE_RANGE,
			   "probe_range(x with NaN at the %s grid point, 0, 1, 10): min", where3[p]);
		expect_nan(*hi, "a NaN sample makes min and max NaN, wherever it is -- " SEE_RANGE,
			   "probe_range(x with NaN at the %s grid point, 0, 1, 10): max", where3[p]);
		probe_range(lows[p], 0, 1, 10, lo, hi);
		expect_close(*lo, low_want[p], 0, 1e-300, "the smallest of all n + 1 samples, ends included -- " SEE_RANGE,
			     "probe_range(x with its smallest value at the %s grid point, 0, 1, 10): min", where3[p]);
		probe_range(highs[p], 0, 1, 10, lo, hi);
		expect_close(*hi, high_want[p], 0, 1e-300, "the largest of all n + 1 samples, ends included -- " SEE_RANGE,
			     "probe_range(x with its largest value at the %s grid point, 0, 1, 10): max", where3[p]);
		grader_expect_guards(lo, "min", "probe_range(...)");
		grader_expect_guards(hi, "max", "probe_range(...)");
		ck_assert_msg(!probe_zero_centred(bumps[p], 3, 60, 1e-9),
			      "probe_zero_centred(x with an outlier of 10 at the %s grid point, 3, 60, 1e-9) returned "
			      "true, expected false: sum over all n + 1 points -- %s", where3[p], SEE_ZERO);
		ck_assert_msg(!probe_zero_centred(odd_nans[p], 3, 60, 1e-9),
			      "probe_zero_centred(x with NaN at the %s grid point, 3, 60, 1e-9) returned true, expected "
			      "false: probes.h says false if any value is NaN -- %s", where3[p], SEE_ZERO);
	}
}
END_TEST

/* The grid -1..1.3 with 700 steps: x where x is one of its points, to within
 * 2 ulp, and NaN anywhere else.  Adding the step 700 times drifts by far
 * more than that, and lo + 700 (hi - lo)/700 misses 1.3 by an ulp. */
static double on_grid(double x)
{
	const double lo = -1, hi = 1.3;
	const int n = 700;
	long double i = roundl(((long double)x - lo) * n / (hi - lo));
	long double want = i == n ? hi : lo + i * ((long double)hi - lo) / n;
	return i >= 0 && i <= n && fabsl(x - want) <= 2 * 4.440892098500626e-16 ? x : NAN;
}

/* The same for -2..2 with 400 steps, for the zero-centred probe. */
static double on_symmetric_grid(double x)
{
	long double i = roundl(((long double)x + 2) * 400 / 4);
	long double want = i == 400 ? 2 : -2 + i * 4.0L / 400;
	return i >= 0 && i <= 400 && fabsl(x - want) <= 2 * 4.440892098500626e-16 ? x : NAN;
}

/* x_i = lo + i (hi - lo)/n, from i, and x_n = hi exactly (probes.h). */
START_TEST(probes_sample_exactly_the_grid_points)
{
	const char *hint = "compute x_i = lo + i (hi - lo) / n from i, not by adding the step n times "
			   "(the points drift), and make x_n exactly hi (see 10-choosing.md, \"Probing a function\")";
	ck_assert_msg(probe_monotonic(on_grid, -1, 1.3, 700),
		      "probe_monotonic(x on the grid, NaN off it, -1, 1.3, 700) returned false: a sample fell off "
		      "the grid -- %s", hint);
	double *lo = grader_out(1, 12345), *hi = grader_out(1, -12345);
	probe_range(on_grid, -1, 1.3, 700, lo, hi);
	expect_close(*lo, -1, 0, 1e-300, hint, "probe_range(x on the grid, NaN off it, -1, 1.3, 700): min");
	expect_close(*hi, 1.3, 0, 1e-300, hint, "probe_range(x on the grid, NaN off it, -1, 1.3, 700): max");
	ck_assert_msg(probe_zero_centred(on_symmetric_grid, 2, 400, 1e-9),
		      "probe_zero_centred(x on the grid, NaN off it, 2, 400, 1e-9) returned false: a sample fell "
		      "off the grid -2..2 -- %s", hint);
}
END_TEST

/* ---- Random grids, new each run ---- */

/* Test functions whose verdicts the suite works out on its own grid. */
static double cos_(double x) { return cos(x); }
static const struct {
	const char *name;
	double (*f)(double);
	long double (*exact)(long double);
} random_fns[] = {
	{"x^3", cube, NULL}, {"-x^3", neg_cube, NULL}, {"x^2", square, NULL}, {"exp", exp, expl},
	{"tanh", tanh, tanhl}, {"sin", sin, sinl}, {"cos", cos_, cosl},
};

static long double value(int k, long double x)
{
	if (random_fns[k].exact)
		return random_fns[k].exact(x);
	return random_fns[k].f == cube ? x * x * x : random_fns[k].f == neg_cube ? -x * x * x : x * x;
}

START_TEST(probe_monotonic_and_range_on_random_grids)
{
	for (int trial = 0; trial < 80; trial++) {
		int k = (int)grader_int(0, ROWS(random_fns) - 1);
		double lo = grader_uniform(-4, 3), hi = lo + grader_uniform(0.5, 6);
		size_t n = grader_int(1, 200);
		long double y[201];
		bool rises = false, falls = false, clear = true;
		long double min = INFINITY, max = -INFINITY;
		for (size_t i = 0; i <= n; i++) {
			long double x = i == n ? hi : lo + i * ((long double)hi - lo) / n;
			y[i] = value(k, x);
			min = fminl(min, y[i]), max = fmaxl(max, y[i]);
			if (i > 0) {
				rises = rises || y[i] > y[i - 1];
				falls = falls || y[i] < y[i - 1];
				/* A nearly flat step could go either way in doubles. */
				clear = clear && fabsl(y[i] - y[i - 1]) > 1e-9L * (1 + fabsl(y[i]));
			}
		}
		if (!clear)
			continue;
		bool want = !(rises && falls), got = probe_monotonic(random_fns[k].f, lo, hi, n);
		ck_assert_msg(got == want, "probe_monotonic(%s, %.17g, %.17g, %zu) returned %s, expected %s -- %s",
			      random_fns[k].name, lo, hi, n, got ? "true" : "false", want ? "true" : "false", SEE_MONO);
		double *gmin = grader_out(1, 12345), *gmax = grader_out(1, -12345);
		probe_range(random_fns[k].f, lo, hi, n, gmin, gmax);
		/* A grid point may be an ulp of lo or hi off the suite's, which
		 * moves f by up to 1e-11 (1 + |f|) here. */
		double floor = 100 * (1 + fmax(fabs((double)min), fabs((double)max)));
		expect_close(*gmin, (double)min, 1e-13, floor, SEE_RANGE, "probe_range(%s, %.17g, %.17g, %zu): min",
			     random_fns[k].name, lo, hi, n);
		expect_close(*gmax, (double)max, 1e-13, floor, SEE_RANGE, "probe_range(%s, %.17g, %.17g, %zu): max",
			     random_fns[k].name, lo, hi, n);
		grader_expect_guards(gmin, "min", "probe_range(%s, ...)", random_fns[k].name);
		grader_expect_guards(gmax, "max", "probe_range(%s, ...)", random_fns[k].name);
	}
}
END_TEST

/* Odd functions, scaled by anything, are centred on every symmetric grid;
 * positive ones never are. */
static double big_cube(double x) { return 1e6 * x * x * x; }
static double tiny_sin(double x) { return 1e-9 * sin(x); }
static double tiny_square(double x) { return 1e-9 * x * x; }
START_TEST(probe_zero_centred_on_random_grids)
{
	static const struct { const char *name; double (*f)(double); bool want; } fns[] = {
		{"tanh", tanh, true}, {"1e6 x^3", big_cube, true}, {"1e-9 sin", tiny_sin, true},
		{"exp", exp, false}, {"1/(1 + e^-x)", logistic, false}, {"1e-9 x^2", tiny_square, false},
	};
	for (int trial = 0; trial < 60; trial++) {
		int k = trial % ROWS(fns);
		double a = grader_uniform(0.5, 5), tol = grader_magnitude(-9, -2, false);
		size_t n = 2 * grader_int(1, 100);
		bool got = probe_zero_centred(fns[k].f, a, n, tol);
		ck_assert_msg(got == fns[k].want, "probe_zero_centred(%s, %.17g, %zu, %g) returned %s, expected %s: "
			      "the verdict compares the sum with the outputs' own size, whatever their scale -- %s",
			      fns[k].name, a, n, tol, got ? "true" : "false", fns[k].want ? "true" : "false", SEE_ZERO);
	}
}
END_TEST

/* x + c is near the identity exactly when |c| <= tol; x + 1e4 x^3 has the
 * central-difference slope 1 + 1e4 h^2 = 1 + 1e-6 (h = PROBE_H). */
static double plus_cubic(double x) { return x + 1e4 * x * x * x; }
START_TEST(probe_near_identity_at_random_tolerances)
{
	for (int trial = 0; trial < 60; trial++) {
		double tol = grader_magnitude(-9, -4, false);
		if (fabs(tol / 1e-7 - 1) < 0.1 || fabs(tol / 1e-6 - 1) < 0.1)
			continue; /* too close to call */
		bool got = probe_near_identity(plus_tiny, tol);
		ck_assert_msg(got == (tol >= 1e-7), "probe_near_identity(x + 1e-7, %g) returned %s, expected %s: "
			      "|f(0)| <= tol -- %s", tol, got ? "true" : "false", tol >= 1e-7 ? "true" : "false", SEE_IDENT);
		got = probe_near_identity(plus_cubic, tol);
		ck_assert_msg(got == (tol >= 1e-6), "probe_near_identity(x + 1e4 x^3, %g) returned %s, expected %s: "
			      "its central difference with h = PROBE_H is 1 + 1e4 h^2 = 1 + 1e-6 -- %s", tol,
			      got ? "true" : "false", tol >= 1e-6 ? "true" : "false", SEE_IDENT);
	}
}
END_TEST

/* atan' = 1/(1 + x^2) and exp' = e^x: which ends saturate at a random far
 * and tol, away from the borderline. */
START_TEST(probe_saturating_at_random_distances)
{
	for (int trial = 0; trial < 80; trial++) {
		double far = grader_magnitude(0.5, 4, false), tol = grader_magnitude(-8, -1, false);
		double atan_slope = 1 / (1 + far * far), exp_left = exp(-far);
		if (fabs(atan_slope / tol - 1) < 0.05 || fabs(exp_left / tol - 1) < 0.05)
			continue;
		int want = atan_slope <= tol ? PROBE_SAT_LEFT | PROBE_SAT_RIGHT : 0;
		int got = probe_saturating(atan, far, tol);
		ck_assert_msg(got == want, "probe_saturating(atan, %.17g, %g) returned %d = %s, expected %s: the slope "
			      "at +-far is %.3g -- %s", far, tol, got, ends(got), ends(want), atan_slope, SEE_SAT);
		want = exp_left <= tol ? PROBE_SAT_LEFT : 0;
		got = probe_saturating(exp, far, tol);
		ck_assert_msg(got == want, "probe_saturating(exp, %.17g, %g) returned %d = %s, expected %s: the slope "
			      "is %.3g at -far and e^far at +far -- %s", far, tol, got, ends(got), ends(want), exp_left, SEE_SAT);
	}
}
END_TEST

int main(void)
{
	Suite *s = suite_create("10-choosing");
	TCase *tc = grader_tcase(s, "probe_monotonic");
	tcase_add_loop_test(tc, probe_monotonic_knows_the_test_functions, 0, ROWS(mono));
	tcase_add_test(tc, probe_monotonic_and_range_on_random_grids);
	tc = grader_tcase(s, "probe_range");
	tcase_add_loop_test(tc, probe_range_finds_the_smallest_and_largest_sample, 0, ROWS(ranges));
	tcase_add_test(tc, probe_range_reports_a_nan_sample);
	tc = grader_tcase(s, "probe_zero_centred");
	tcase_add_loop_test(tc, probe_zero_centred_knows_the_test_functions, 0, ROWS(centred));
	tcase_add_test(tc, probe_zero_centred_weighs_every_output);
	tcase_add_test(tc, probe_zero_centred_on_random_grids);
	tc = grader_tcase(s, "probe_near_identity");
	tcase_add_loop_test(tc, probe_near_identity_knows_the_test_functions, 0, ROWS(ident));
	tcase_add_test(tc, probe_near_identity_at_random_tolerances);
	tc = grader_tcase(s, "probe_saturating");
	tcase_add_loop_test(tc, probe_saturating_knows_the_test_functions, 0, ROWS(sat));
	tcase_add_test(tc, probe_saturating_at_random_distances);
	tc = grader_tcase(s, "grid");
	tcase_add_test(tc, probes_see_the_odd_sample_anywhere);
	tcase_add_test(tc, probes_see_an_odd_sample_at_every_grid_point);
	tcase_add_test(tc, probes_sample_exactly_the_grid_points);
	return grader_run(s);
}
