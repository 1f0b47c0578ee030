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
enum { MAX_REF = 4096, CHUNK = 100 };
static struct grader_ref ref[MAX_REF];
static int nref;
static char ref_error[1024];

START_TEST(reference_table_is_readable)
{
	ck_abort_msg("%s", ref_error);
}
END_TEST

/* Rows [_i * CHUNK, (_i + 1) * CHUNK) of the table. */
#define FOR_CHUNK(i) for (int i = _i * CHUNK; i < nref && i < (_i + 1) * CHUNK; i++)

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
	FOR_CHUNK(i) {
		double x = ref[i].x, got = act_tanh(x);
		expect_close(got, ref[i].f, TOL_TEXTBOOK, FLOOR, tanh_hint(x, got), "act_tanh(%.17g)", x);
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
	if (x != 0 && grader_close(got, 1 - t, 1e-9, 1e-300))
		return "that is 1 - tanh(x) without the square: tanh' = 1 - tanh^2; " SEE_GRAD;
	if (x != 0 && grader_close(got, 1 - x * x, 1e-9, 1e-300))
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
	FOR_CHUNK(i) {
		double x = ref[i].x, got = act_tanh_grad(x);
		expect_close(got, ref[i].g, TOL_TEXTBOOK, FLOOR, grad_hint(x, got, ref[i].g),
			     "act_tanh_grad(%.17g)", x);
	}
}
END_TEST

START_TEST(tanh_grad_at_zero_is_one)
{
	double got = act_tanh_grad(0);
	expect_close(got, 1, 0, 1e-300, grad_hint(0, got, 1), "act_tanh_grad(0)");
}
END_TEST

/* Your derivative against a central difference of your own act_tanh
 * (chapter 06, "Gradient checking"). */
START_TEST(tanh_grad_matches_central_difference)
{
	const double xs[] = {-4, -1.5, -0.6, -0.1, 0, 0.2, 0.9, 2.25, 5};
	for (int i = 0; i < 9; i++) {
		double n = grader_central_diff(act_tanh, xs[i], 1e-5);
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

/* Only with COURSE_ULP_CHECK set, for the reference solutions: within 4 ULP
 * of the exact value wherever that is a normal double. */
START_TEST(tanh_and_grad_within_4_ulp)
{
	char msg[512];
	if (!grader_table_within_ulps(ref, nref, act_tanh, "act_tanh", act_tanh_grad, "act_tanh_grad",
				      4, msg, sizeof msg))
		ck_abort_msg("%s", msg);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("05-tanh");
	int chunks = 0;
	TCase *tc = grader_tcase(s, "tanh");
	nref = grader_load_reference("tanh-reference.csv", ref, MAX_REF, ref_error, sizeof ref_error);
	if (nref > 0)
		chunks = (nref + CHUNK - 1) / CHUNK;
	else
		tcase_add_test(tc, reference_table_is_readable);
	tcase_add_test(tc, tanh_of_zero_is_zero);
	tcase_add_loop_test(tc, tanh_matches_high_precision_table, 0, chunks);
	tcase_add_test(tc, tanh_is_odd);
	tcase_add_test(tc, tanh_survives_huge_inputs);
	tcase_add_test(tc, tanh_limits_at_infinity);
	tcase_add_test(tc, tanh_propagates_nan);
	tc = grader_tcase(s, "tanh_grad");
	tcase_add_test(tc, tanh_grad_at_zero_is_one);
	tcase_add_loop_test(tc, tanh_grad_matches_high_precision_table, 0, chunks);
	tcase_add_test(tc, tanh_grad_matches_central_difference);
	tcase_add_test(tc, tanh_grad_survives_huge_inputs);
	tcase_add_test(tc, tanh_grad_propagates_nan);
	if (getenv("COURSE_ULP_CHECK"))
		tcase_add_test(grader_tcase(s, "ulp"), tanh_and_grad_within_4_ulp);
	return grader_run(s);
}
