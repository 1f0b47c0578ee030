/* Chapter 05, Tanh: checks for exercises/05-tanh.c.
 *
 * Expected values come from mathematics: exact ones (tanh 0 = 0, tanh' 0 =
 * 1, the limits) and, across [-750, 750], the table that
 * tests/data/make-accuracy-data.py computed with mpmath at 50 digits.
 *
 * Tolerance (stated in the chapter, "The exercise"): a relative error of
 * 1e-9, or an absolute error of 1e-15 for results below 1e-6, so the
 * textbook 2 sigmoid(2x) - 1 and 1 - tanh^2 x pass even where they cancel.
 * NaN or inf for a finite input always fails.
 */
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "activations.h"
#include "grader.h"

#define SEE_F "tanh x = (e^x - e^-x)/(e^x + e^-x) (see 05-tanh.md, \"The function\")"
#define SEE_SIG "tanh x = 2 sigmoid(2x) - 1 (see 05-tanh.md, \"A zero-centred sigmoid\")"
#define SEE_GRAD "tanh'(x) = 1 - tanh^2 x (see 05-tanh.md, \"The derivative\")"
#define SEE_OVERFLOW "(see 05-tanh.md, \"A formula that does not overflow\")"
#define SEE_NAN "a NaN input gives NaN (see 01-why.md, \"Rules of the road\")"

/* Below 1e-6 an absolute error of 1e-15 is enough. */
#define FLOOR 1e-6

/* The reference table, read at start-up: x, tanh x, tanh' x. */
static struct grader_table ref;

/* What a wrong tanh x suggests (the grader's own tanh only recognises
 * mistakes; expected values come from the table). */
static const char *tanh_hint(double x, double got)
{
	if (isnan(got))
		return "(e^x - e^-x)/(e^x + e^-x) is inf/inf = NaN once e^x overflows, at "
		       "|x| > 709.78 (or e^2x at |x| > 354.89): use e^-2|x| " SEE_OVERFLOW;
	if (!isfinite(got))
		return "tanh stays between -1 and 1: something overflowed " SEE_OVERFLOW;
	if (x != 0 && got == -tanh(x))
		return "wrong sign: tanh is odd, tanh(-x) = -tanh(x); " SEE_F;
	if (x != 0 && fabs(x) < 700 && grader_close(got, tanh(x / 2), 1e-9, 1e-300))
		return "that is 2 sigmoid(x) - 1 = tanh(x/2), not " SEE_SIG;
	if (got != 0 && x != 0 && fabs(x) < 700 && grader_close(got, 1 / (1 + exp(-2 * x)), 1e-9, 1e-300))
		return "that is sigmoid(2x), not " SEE_SIG;
	return SEE_F;
}

START_TEST(tanh_matches_high_precision_table)
{
	GRADER_FOR_CHUNK(ref, r, _i) {
		double x = r->x, got = act_tanh(x);
		expect_close(got, r->f, TOL_TEXTBOOK, FLOOR, tanh_hint(x, got), "act_tanh(%.17g)", x);
	}
}
END_TEST

START_TEST(tanh_of_zero_is_zero)
{
	double got = act_tanh(0);
	expect_close(got, 0, 0, 1e-300, got == 0.5 ? "that is sigmoid(0): " SEE_SIG : SEE_F,
		     "act_tanh(0)");
}
END_TEST

START_TEST(tanh_is_odd)
{
	const double xs[] = {0.125, 0.5, 1, 2.75, 6, 15, 400};
	for (int i = 0; i < 7; i++) {
		double x = xs[i], a = act_tanh(x), b = act_tanh(-x);
		if (!isfinite(a) || !isfinite(b))
			ck_abort_msg("act_tanh(%.17g) = %.17g and act_tanh(%.17g) = %.17g: %s is not "
				     "a number between -1 and 1, so something overflowed -- %s",
				     x, a, -x, b, isfinite(a) ? "the second" : "the first",
				     isfinite(a) ? tanh_hint(-x, b) : tanh_hint(x, a));
		ck_assert_msg(fabs(a + b) <= 1e-15 && a > 0,
			      "act_tanh(%.17g) = %.17g and act_tanh(%.17g) = %.17g, expected opposite "
			      "numbers, the first positive: tanh is odd, tanh(-x) = -tanh(x) -- %s",
			      x, a, -x, b, SEE_F);
	}
}
END_TEST

START_TEST(tanh_survives_huge_inputs)
{
	const double xs[] = {1e300, -1e300, DBL_MAX, -DBL_MAX, 1e10, -1e10};
	for (int i = 0; i < 6; i++) {
		double x = xs[i], got = act_tanh(x);
		expect_close(got, x > 0 ? 1 : -1, 0, 1e-300, tanh_hint(x, got), "act_tanh(%.17g)", x);
	}
}
END_TEST

START_TEST(tanh_limits_at_infinity)
{
	double got = act_tanh(INFINITY);
	expect_close(got, 1, 0, 1e-300, tanh_hint(INFINITY, got), "act_tanh(inf)");
	got = act_tanh(-INFINITY);
	expect_close(got, -1, 0, 1e-300, tanh_hint(-INFINITY, got), "act_tanh(-inf)");
}
END_TEST

START_TEST(tanh_propagates_nan)
{
	expect_nan(act_tanh(NAN), SEE_NAN, "act_tanh(nan)");
}
END_TEST

/* What a wrong tanh'(x) suggests. */
static const char *grad_hint(double x, double got, double want)
{
	double t = tanh(x);
	if (isnan(got))
		return "inf/inf = NaN: e^2x (or cosh x) overflows, but the slope is tiny out "
		       "there; write it with e^-2|x| " SEE_OVERFLOW;
	if (!isfinite(got))
		return "the slope is between 0 and 1: something overflowed " SEE_OVERFLOW;
	if (x != 0 && grader_close(got, 1 - t, 1e-9, 1e-300) && !grader_close(want, 1 - t, 1e-9, FLOOR))
		return "that is 1 - tanh(x) without the square: tanh' = 1 - tanh^2; " SEE_GRAD;
	if (x != 0 && grader_close(got, 1 - x * x, 1e-9, 1e-300) && !grader_close(want, 1 - x * x, 1e-9, FLOOR))
		return "that is 1 - x^2: act_tanh_grad takes the input x; 1 - y^2 needs y = tanh x; " SEE_GRAD;
	if (got != 0 && grader_close(got, want / 2, 1e-9, 1e-300))
		return "that is half of tanh'(x): d/dx [2 sigmoid(2x) - 1] = 4 sigmoid'(2x), the "
		       "inner 2 is the chain factor; " SEE_GRAD;
	if (x != 0 && grader_close(got, 1 / (cosh(x / 2) * cosh(x / 2)), 1e-9, 1e-300))
		return "that is sech^2(x/2): the exponent is -2|x|, not -|x|; " SEE_GRAD;
	if (x != 0 && grader_close(got, 1 + t * t, 1e-9, 1e-300))
		return "that is 1 + tanh^2: the slope is 1 - tanh^2; " SEE_GRAD;
	return SEE_GRAD;
}

START_TEST(tanh_grad_matches_high_precision_table)
{
	GRADER_FOR_CHUNK(ref, r, _i) {
		double x = r->x, got = act_tanh_grad(x);
		expect_close(got, r->g, TOL_TEXTBOOK, FLOOR, grad_hint(x, got, r->g), "act_tanh_grad(%.17g)", x);
	}
}
END_TEST

START_TEST(tanh_grad_at_zero_is_one)
{
	double got = act_tanh_grad(0);
	expect_close(got, 1, 0, 1e-300, grad_hint(0, got, 1), "act_tanh_grad(0)");
}
END_TEST

/* act_tanh in the shape grader_central_diff takes. */
static double tanh_at(double x, void *ctx)
{
	(void)ctx;
	return act_tanh(x);
}

/* Your derivative against a central difference of your own act_tanh
 * (chapter 06, "Gradient checking"). */
START_TEST(tanh_grad_matches_central_difference)
{
	const double xs[] = {-4, -1.5, -0.6, -0.1, 0, 0.2, 0.9, 2.25, 5};
	for (int i = 0; i < 9; i++) {
		double n = grader_central_diff(tanh_at, NULL, xs[i], 1e-5);
		double a = act_tanh_grad(xs[i]);
		ck_assert_msg(grader_grad_agrees(a, n),
			      "act_tanh_grad(%.17g) returned %.17g but the central difference of your "
			      "act_tanh is %.17g -- %s", xs[i], a, n,
			      grad_hint(xs[i], a, 1 / (cosh(xs[i]) * cosh(xs[i]))));
	}
}
END_TEST

START_TEST(tanh_grad_survives_huge_inputs)
{
	const double xs[] = {1e300, -1e300, DBL_MAX, -DBL_MAX, INFINITY, -INFINITY};
	for (int i = 0; i < 6; i++) {
		double got = act_tanh_grad(xs[i]);
		expect_close(got, 0, 0, 1e-300, grad_hint(xs[i], got, 0), "act_tanh_grad(%.17g)", xs[i]);
	}
}
END_TEST

START_TEST(tanh_grad_propagates_nan)
{
	expect_nan(act_tanh_grad(NAN), SEE_NAN, "act_tanh_grad(nan)");
}
END_TEST

/* ---- Random inputs, new each run ---- */

/* A random input: mostly moderate, some in the tails, some tiny. */
static double draw_x(int k)
{
	switch (k % 4) {
	case 0: return grader_uniform(-4, 4);
	case 1: return grader_uniform(-25, 25);
	case 2: return grader_magnitude(-12, 2.87, true); /* |x| up to 741 */
	default: return grader_magnitude(-300, 0, true);
	}
}

/* tanh' x = sech^2 x = 4u/(1 + u)^2, u = e^-2|x|, in long double. */
static long double ref_slope(double x)
{
	long double u = expl(-2 * fabsl((long double)x));
	return 4 * u / ((1 + u) * (1 + u));
}

START_TEST(tanh_matches_closed_form_at_random_inputs)
{
	for (int k = 0; k < 400; k++) {
		double x = draw_x(k), got = act_tanh(x);
		expect_close(got, (double)tanhl(x), TOL_TEXTBOOK, FLOOR, tanh_hint(x, got), "act_tanh(%.17g)", x);
	}
}
END_TEST

START_TEST(tanh_is_odd_at_random_inputs)
{
	for (int k = 0; k < 300; k++) {
		double x = draw_x(k), a = act_tanh(x), b = act_tanh(-x);
		expect_that(grader_close(a, -b, 2 * TOL_TEXTBOOK, FLOOR),
			    "act_tanh(%.17g) = %.17g and act_tanh(%.17g) = %.17g, expected opposite numbers: "
			    "tanh is odd, tanh(-x) = -tanh(x) -- %s", x, a, -x, b, tanh_hint(x, a));
	}
}
END_TEST

/* "span (-1, 1)", and it only rises. */
START_TEST(tanh_rises_and_stays_between_minus_1_and_1_at_random_inputs)
{
	for (int k = 0; k < 300; k++) {
		double x = draw_x(k), y = x + fmax(1e-6 * fabs(x), 1e-3) * grader_uniform(1, 100);
		double tx = act_tanh(x), ty = act_tanh(y);
		expect_that(fabs(tx) <= 1 + TOL_TEXTBOOK, "act_tanh(%.17g) returned %.17g, outside [-1, 1] -- %s",
			    x, tx, tanh_hint(x, tx));
		expect_that(tx <= ty, "act_tanh(%.17g) = %.17g but act_tanh(%.17g) = %.17g: tanh only rises -- %s",
			    x, tx, y, ty, SEE_F);
	}
}
END_TEST

START_TEST(tanh_grad_matches_closed_form_at_random_inputs)
{
	for (int k = 0; k < 400; k++) {
		double x = draw_x(k), got = act_tanh_grad(x), want = (double)ref_slope(x);
		expect_close(got, want, TOL_TEXTBOOK, FLOOR, grad_hint(x, got, want), "act_tanh_grad(%.17g)", x);
	}
}
END_TEST

/* The slope lies in (0, 1] and is the same at x and -x. */
START_TEST(tanh_grad_is_even_and_at_most_one_at_random_inputs)
{
	for (int k = 0; k < 300; k++) {
		double x = draw_x(k), a = act_tanh_grad(x), b = act_tanh_grad(-x);
		expect_that(a >= 0 && a <= 1 + TOL_TEXTBOOK,
			    "act_tanh_grad(%.17g) returned %.17g, outside [0, 1] -- %s",
			    x, a, grad_hint(x, a, (double)ref_slope(x)));
		expect_that(grader_close(a, b, 2 * TOL_TEXTBOOK, FLOOR),
			    "act_tanh_grad(%.17g) = %.17g but act_tanh_grad(%.17g) = %.17g: tanh' = 1 - tanh^2 "
			    "is the same at -x -- %s", x, a, -x, b, SEE_GRAD);
	}
}
END_TEST

START_TEST(tanh_grad_matches_central_difference_at_random_inputs)
{
	for (int k = 0; k < 100; k++) {
		double x = grader_uniform(-10, 10);
		double n = grader_central_diff(tanh_at, NULL, x, 1e-5), a = act_tanh_grad(x);
		expect_that(grader_grad_agrees(a, n),
			    "act_tanh_grad(%.17g) returned %.17g but the central difference of your act_tanh "
			    "is %.17g -- %s", x, a, n, grad_hint(x, a, (double)ref_slope(x)));
	}
}
END_TEST

int main(void)
{
	Suite *s = suite_create("05-tanh");
	TCase *tc = grader_tcase(s, "tanh");
	ref = grader_table("tanh-reference.csv", tc);
	tcase_add_test(tc, tanh_of_zero_is_zero);
	tcase_add_loop_test(tc, tanh_matches_high_precision_table, 0, ref.chunks);
	tcase_add_test(tc, tanh_matches_closed_form_at_random_inputs);
	tcase_add_test(tc, tanh_is_odd);
	tcase_add_test(tc, tanh_is_odd_at_random_inputs);
	tcase_add_test(tc, tanh_rises_and_stays_between_minus_1_and_1_at_random_inputs);
	tcase_add_test(tc, tanh_survives_huge_inputs);
	tcase_add_test(tc, tanh_limits_at_infinity);
	tcase_add_test(tc, tanh_propagates_nan);
	tc = grader_tcase(s, "tanh_grad");
	tcase_add_test(tc, tanh_grad_at_zero_is_one);
	tcase_add_loop_test(tc, tanh_grad_matches_high_precision_table, 0, ref.chunks);
	tcase_add_test(tc, tanh_grad_matches_closed_form_at_random_inputs);
	tcase_add_test(tc, tanh_grad_is_even_and_at_most_one_at_random_inputs);
	tcase_add_test(tc, tanh_grad_matches_central_difference);
	tcase_add_test(tc, tanh_grad_matches_central_difference_at_random_inputs);
	tcase_add_test(tc, tanh_grad_survives_huge_inputs);
	tcase_add_test(tc, tanh_grad_propagates_nan);
	grader_add_ulp_check(s, ref, act_tanh, "act_tanh", act_tanh_grad, "act_tanh_grad");
	return grader_run(s);
}
