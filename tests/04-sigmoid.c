/* Chapter 04, Sigmoid: checks for exercises/04-sigmoid.c.
 *
 * Expected values come from mathematics: exact ones (sigmoid(0) = 1/2,
 * sigmoid'(0) = 1/4, the limits) and, across [-750, 750], the table that
 * tests/data/make-accuracy-data.py computed with mpmath at 50 digits.
 *
 * Tolerances (stated in the chapter, "The exercise"): sigmoid within a
 * relative error of 1e-9, which every formula that does not overflow or
 * cancel meets; the slopes within 1e-9 relative or 1e-15 absolute, so the
 * textbook y(1 - y) passes even where it rounds a slope of 1e-18 to 0.
 * NaN or inf for a finite input always fails.
 */
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "activations.h"
#include "grader.h"

#define SEE_F "sigmoid(x) = 1/(1 + e^-x) (see 04-sigmoid.md, \"The function\")"
#define SEE_GRAD "sigmoid'(x) = sigmoid(x)(1 - sigmoid(x)) (see 04-sigmoid.md, \"The derivative\")"
#define SEE_OVERFLOW "(see 04-sigmoid.md, \"Computing it without overflow\")"
#define SEE_FROM_Y "given y = sigmoid(x), the slope is y(1 - y) (see 04-sigmoid.md, \"The derivative from the output\")"
#define SEE_NAN "a NaN input gives NaN (see 01-why.md, \"Rules of the road\")"

/* The floor of the relative error for sigmoid: below it an absolute error
 * of DBL_MIN/2 is enough, since such results are not even normal doubles. */
#define FLOOR_F (DBL_MIN / (2 * TOL_TEXTBOOK))
/* The floor for the slopes: an absolute error of 1e-15 below 1e-6. */
#define FLOOR_GRAD 1e-6

/* The reference table, read at start-up: x, sigmoid(x), sigmoid'(x). */
static struct grader_table ref;

/* The grader's own sigmoid, only to recognise mistakes in hints (expected
 * values come from the table). */
static double sig(double x)
{
	return x >= 0 ? 1 / (1 + exp(-x)) : exp(x) / (1 + exp(x));
}

/* True when the learner's sigmoid is right where nothing can overflow, so
 * a wrong tail is a numerics problem, not a wrong formula. */
static bool sigmoid_right_near_zero(void)
{
	return grader_close(act_sigmoid(1.5), sig(1.5), 1e-9, 1e-300) &&
	       grader_close(act_sigmoid(-1.5), sig(-1.5), 1e-9, 1e-300);
}

/* What a wrong sigmoid(x) suggests, given the right answer want. */
static const char *sigmoid_hint(double x, double got)
{
	if (isnan(got) && x > 709)
		return "e^x/(1 + e^x) is inf/inf = NaN once e^x overflows: for x >= 0 use "
		       "1/(1 + e^-x) " SEE_OVERFLOW;
	if (!isfinite(got))
		return "something overflowed: branch on the sign of x " SEE_OVERFLOW;
	if (x != 0 && got != 0 && grader_close(got, sig(-x), 1e-9, 1e-300))
		return "that is sigmoid(-x) = 1/(1 + e^x): the exponent is -x; " SEE_F;
	if (!sigmoid_right_near_zero())
		return SEE_F;
	if (x < -37 && got == 0)
		return "0 where sigmoid(x), about e^x, is still a positive double: a subtraction cancelled "
		       "(1 - sigmoid(-x), for one, rounds to 0 for x < -37); for x < 0 use "
		       "e^x/(1 + e^x), which has no subtraction " SEE_OVERFLOW;
	if (fabs(x) > 500 && grader_close(got, sig(x > 0 ? 500.0 : -500.0), 1e-9, 1e-300))
		return "that is sigmoid(+-500): clipping x to [-500, 500], as some tutorials do, "
		       "changes the answer; nothing needs clipping " SEE_OVERFLOW;
	return SEE_F;
}

START_TEST(sigmoid_matches_high_precision_table)
{
	GRADER_FOR_CHUNK(ref, r, _i) {
		double x = r->x, got = act_sigmoid(x);
		expect_close(got, r->f, TOL_TEXTBOOK, FLOOR_F, sigmoid_hint(x, got), "act_sigmoid(%.17g)", x);
	}
}
END_TEST

START_TEST(sigmoid_of_zero_is_one_half)
{
	expect_close(act_sigmoid(0), 0.5, 0, 1e-300, SEE_F ": 1/(1 + e^0) = 1/2", "act_sigmoid(0)");
}
END_TEST

START_TEST(sigmoid_of_minus_x_is_one_minus_sigmoid_of_x)
{
	const double xs[] = {0.125, 0.5, 1, 2.75, 6, 15};
	for (int i = 0; i < 6; i++) {
		double x = xs[i], sum = act_sigmoid(x) + act_sigmoid(-x);
		ck_assert_msg(fabs(sum - 1) <= 1e-15,
			      "act_sigmoid(%.17g) + act_sigmoid(%.17g) = %.17g, expected 1: the curve is "
			      "symmetric about (0, 1/2), sigmoid(-x) = 1 - sigmoid(x) -- %s",
			      x, -x, sum, SEE_F);
	}
}
END_TEST

START_TEST(sigmoid_survives_huge_inputs)
{
	const double xs[] = {1e300, -1e300, DBL_MAX, -DBL_MAX, 1e10, -1e10};
	for (int i = 0; i < 6; i++) {
		double x = xs[i], want = x > 0 ? 1 : 0, got = act_sigmoid(x);
		expect_close(got, want, 0, 1e-300, sigmoid_hint(x, got), "act_sigmoid(%.17g)", x);
	}
}
END_TEST

START_TEST(sigmoid_limits_at_infinity)
{
	expect_close(act_sigmoid(INFINITY), 1, 0, 1e-300, SEE_F ": 1/(1 + e^-inf) = 1", "act_sigmoid(inf)");
	double got = act_sigmoid(-INFINITY);
	expect_close(got, 0, 0, 1e-300,
		     got > 0 && grader_close(got, sig(-500), 1e-9, 1e-300) ?
		     "that is sigmoid(-500): clipping x to [-500, 500], as some tutorials do, "
		     "changes the answer; nothing needs clipping " SEE_OVERFLOW :
		     "sigmoid(-inf) = 0: e^-inf = 0, so e^x/(1 + e^x) gives 0/(1 + 0) " SEE_OVERFLOW,
		     "act_sigmoid(-inf)");
}
END_TEST

START_TEST(sigmoid_propagates_nan)
{
	expect_nan(act_sigmoid(NAN), SEE_NAN, "act_sigmoid(nan)");
}
END_TEST

/* What a wrong sigmoid'(x) suggests. */
static const char *grad_hint(double x, double got, double s)
{
	double sm = sig(-x);
	if (!isfinite(got))
		return "the slope is between 0 and 1/4 everywhere: something overflowed " SEE_OVERFLOW;
	if (grader_close(got, s * (1 + s), 1e-9, 1e-300))
		return "that is sigmoid(x) * (1 + sigmoid(x)): the derivative is "
		       "sigmoid(x) * (1 - sigmoid(x)); " SEE_GRAD;
	if (x != 0 && grader_close(got, x * (1 - x), 1e-9, 1e-300))
		return "that is x(1 - x): act_sigmoid_grad_from_y wants y = sigmoid(x), not x; " SEE_GRAD;
	if (x != 0 && grader_close(got, s, 1e-9, 1e-300))
		return "that is sigmoid(x) itself, not its slope; " SEE_GRAD;
	if (x != 0 && grader_close(got, sm * sm, 1e-9, 1e-300) && sm != s)
		return "that is sigmoid(-x)^2: did the sign of an exponent slip? " SEE_GRAD;
	return SEE_GRAD;
}

START_TEST(sigmoid_grad_matches_high_precision_table)
{
	GRADER_FOR_CHUNK(ref, r, _i) {
		double x = r->x, got = act_sigmoid_grad(x);
		expect_close(got, r->g, TOL_TEXTBOOK, FLOOR_GRAD, grad_hint(x, got, r->f),
			     "act_sigmoid_grad(%.17g)", x);
	}
}
END_TEST

START_TEST(sigmoid_grad_at_zero_is_a_quarter)
{
	double got = act_sigmoid_grad(0);
	expect_close(got, 0.25, 0, 1e-300, grad_hint(0, got, 0.5), "act_sigmoid_grad(0)");
}
END_TEST

/* act_sigmoid in the shape grader_central_diff takes. */
static double sigmoid_at(double x, void *ctx)
{
	(void)ctx;
	return act_sigmoid(x);
}

/* Your derivative against a central difference of your own act_sigmoid
 * (chapter 06, "Gradient checking"): they must agree, whatever the table says. */
START_TEST(sigmoid_grad_matches_central_difference)
{
	const double xs[] = {-7.5, -3, -1.25, -0.4, 0, 0.3, 1, 2.5, 6};
	for (int i = 0; i < 9; i++) {
		double n = grader_central_diff(sigmoid_at, NULL, xs[i], 1e-5);
		double a = act_sigmoid_grad(xs[i]);
		ck_assert_msg(grader_grad_agrees(a, n),
			      "act_sigmoid_grad(%.17g) returned %.17g but the central difference of "
			      "your act_sigmoid is %.17g -- %s", xs[i], a, n,
			      grad_hint(xs[i], a, act_sigmoid(xs[i])));
	}
}
END_TEST

START_TEST(sigmoid_grad_survives_huge_inputs)
{
	const double xs[] = {1e300, -1e300, DBL_MAX, -DBL_MAX, INFINITY, -INFINITY};
	for (int i = 0; i < 6; i++) {
		double got = act_sigmoid_grad(xs[i]);
		expect_close(got, 0, 0, 1e-300,
			     isnan(got) ? "the slope is 0 far out on both sides: look for inf/inf or "
					  "0 * inf " SEE_OVERFLOW : SEE_GRAD,
			     "act_sigmoid_grad(%.17g)", xs[i]);
	}
}
END_TEST

START_TEST(sigmoid_grad_propagates_nan)
{
	expect_nan(act_sigmoid_grad(NAN), SEE_NAN, "act_sigmoid_grad(nan)");
}
END_TEST

/* y(1 - y) at y = sigmoid(x), worked by hand. */
static const struct { double y, g; } from_y[] = {
	{0.5, 0.25}, {0.25, 0.1875}, {0.75, 0.1875}, {0.125, 0.109375},
	{0, 0}, {1, 0}, {0.0625, 0.05859375}, {0.9375, 0.05859375},
};

START_TEST(sigmoid_grad_from_y_is_y_times_one_minus_y)
{
	double y = from_y[_i].y, got = act_sigmoid_grad_from_y(y);
	double sy = 1 / (1 + exp(-y));
	const char *hint = SEE_FROM_Y;
	if (grader_close(got, sy * (1 - sy), 1e-9, 1e-300))
		hint = "that is sigmoid(y)(1 - sigmoid(y)): y is already the output sigmoid(x), "
		       "do not apply sigmoid again; " SEE_FROM_Y;
	else if (grader_close(got, y * (1 + y), 1e-9, 1e-300) && y != 0)
		hint = "that is y(1 + y); " SEE_FROM_Y;
	expect_close(got, from_y[_i].g, TOL_TEXTBOOK, FLOOR_GRAD, hint, "act_sigmoid_grad_from_y(%.17g)", y);
}
END_TEST

START_TEST(sigmoid_grad_from_y_matches_the_table)
{
	/* Fed the exact sigmoid(x), it gives the exact slope (where y(1 - y)
	 * does not cancel: |x| <= 8), within the chapter's slope tolerance. */
	for (const struct grader_ref *r = ref.rows; r < ref.rows + ref.n; r++) {
		if (fabs(r->x) > 8)
			continue;
		double got = act_sigmoid_grad_from_y(r->f);
		expect_close(got, r->g, TOL_TEXTBOOK, FLOOR_GRAD, SEE_FROM_Y,
			     "act_sigmoid_grad_from_y(%.17g) (y = sigmoid(%.17g))", r->f, r->x);
	}
}
END_TEST

START_TEST(sigmoid_grad_from_y_propagates_nan)
{
	expect_nan(act_sigmoid_grad_from_y(NAN), SEE_NAN, "act_sigmoid_grad_from_y(nan)");
}
END_TEST

/* ---- Random inputs, new each run ---- */

/* The closed forms, in long double (64-bit mantissa): expected values for
 * random inputs, 19 digits against the 9 the chapter asks for. */
static long double ref_sig(double x)
{
	return x >= 0 ? 1 / (1 + expl(-(long double)x)) : expl(x) / (1 + expl(x));
}

static long double ref_slope(double x)
{
	return ref_sig(x) * ref_sig(-x);
}

/* A random input: mostly moderate, some in the tails, some tiny. */
static double draw_x(int k)
{
	switch (k % 4) {
	case 0: return grader_uniform(-8, 8);
	case 1: return grader_uniform(-45, 45);
	case 2: return grader_magnitude(-12, 2.87, true); /* |x| up to 741 */
	default: return grader_magnitude(-300, 0, true);
	}
}

START_TEST(sigmoid_matches_closed_form_at_random_inputs)
{
	for (int k = 0; k < 400; k++) {
		double x = draw_x(k), got = act_sigmoid(x);
		expect_close(got, (double)ref_sig(x), TOL_TEXTBOOK, FLOOR_F, sigmoid_hint(x, got),
			     "act_sigmoid(%.17g)", x);
	}
}
END_TEST

START_TEST(sigmoid_is_symmetric_at_random_inputs)
{
	for (int k = 0; k < 200; k++) {
		double x = grader_uniform(-30, 30), sum = act_sigmoid(x) + act_sigmoid(-x);
		expect_that(fabs(sum - 1) <= 4 * TOL_TEXTBOOK,
			    "act_sigmoid(%.17g) + act_sigmoid(%.17g) = %.17g, expected 1: the curve is "
			    "symmetric about (0, 1/2), sigmoid(-x) = 1 - sigmoid(x) -- %s", x, -x, sum, SEE_F);
	}
}
END_TEST

/* "span (0, 1)", and it only rises. */
START_TEST(sigmoid_rises_and_stays_between_0_and_1_at_random_inputs)
{
	for (int k = 0; k < 300; k++) {
		double x = draw_x(k), y = x + fmax(1e-6 * fabs(x), 1e-3) * grader_uniform(1, 100);
		double sx = act_sigmoid(x), sy = act_sigmoid(y);
		expect_that(sx >= 0 && sx <= 1 + TOL_TEXTBOOK,
			    "act_sigmoid(%.17g) returned %.17g, outside [0, 1] -- %s", x, sx, SEE_F);
		expect_that(sx <= sy,
			    "act_sigmoid(%.17g) = %.17g but act_sigmoid(%.17g) = %.17g: the sigmoid only "
			    "rises -- %s", x, sx, y, sy, SEE_F);
	}
}
END_TEST

START_TEST(sigmoid_grad_matches_closed_form_at_random_inputs)
{
	for (int k = 0; k < 400; k++) {
		double x = draw_x(k), got = act_sigmoid_grad(x);
		expect_close(got, (double)ref_slope(x), TOL_TEXTBOOK, FLOOR_GRAD,
			     grad_hint(x, got, (double)ref_sig(x)), "act_sigmoid_grad(%.17g)", x);
	}
}
END_TEST

/* The slope lies in (0, 1/4], and is the same at x and -x. */
START_TEST(sigmoid_grad_is_even_and_at_most_a_quarter_at_random_inputs)
{
	for (int k = 0; k < 300; k++) {
		double x = draw_x(k), a = act_sigmoid_grad(x), b = act_sigmoid_grad(-x);
		expect_that(a >= 0 && a <= 0.25 * (1 + TOL_TEXTBOOK),
			    "act_sigmoid_grad(%.17g) returned %.17g, outside [0, 1/4]: sigma' = sigma(1 - "
			    "sigma) is largest at 0 -- %s", x, a, SEE_GRAD);
		expect_that(grader_close(a, b, 2 * TOL_TEXTBOOK, FLOOR_GRAD),
			    "act_sigmoid_grad(%.17g) = %.17g but act_sigmoid_grad(%.17g) = %.17g: "
			    "sigma'(x) = sigma(x) sigma(-x) is the same at -x -- %s", x, a, -x, b, SEE_GRAD);
	}
}
END_TEST

START_TEST(sigmoid_grad_matches_central_difference_at_random_inputs)
{
	for (int k = 0; k < 100; k++) {
		double x = grader_uniform(-20, 20);
		double n = grader_central_diff(sigmoid_at, NULL, x, 1e-5), a = act_sigmoid_grad(x);
		expect_that(grader_grad_agrees(a, n),
			    "act_sigmoid_grad(%.17g) returned %.17g but the central difference of your "
			    "act_sigmoid is %.17g -- %s", x, a, n, grad_hint(x, a, act_sigmoid(x)));
	}
}
END_TEST

START_TEST(sigmoid_grad_from_y_at_random_outputs)
{
	for (int k = 0; k < 300; k++) {
		double y = k % 2 ? grader_uniform(0, 1) : (double)ref_sig(draw_x(k));
		double got = act_sigmoid_grad_from_y(y);
		long double want = (long double)y * (1 - (long double)y);
		expect_close(got, (double)want, TOL_TEXTBOOK, FLOOR_GRAD, SEE_FROM_Y,
			     "act_sigmoid_grad_from_y(%.17g)", y);
	}
}
END_TEST

int main(void)
{
	Suite *s = suite_create("04-sigmoid");
	TCase *tc = grader_tcase(s, "sigmoid");
	ref = grader_table("sigmoid-reference.csv", tc);
	tcase_add_test(tc, sigmoid_of_zero_is_one_half);
	tcase_add_loop_test(tc, sigmoid_matches_high_precision_table, 0, ref.chunks);
	tcase_add_test(tc, sigmoid_matches_closed_form_at_random_inputs);
	tcase_add_test(tc, sigmoid_of_minus_x_is_one_minus_sigmoid_of_x);
	tcase_add_test(tc, sigmoid_is_symmetric_at_random_inputs);
	tcase_add_test(tc, sigmoid_rises_and_stays_between_0_and_1_at_random_inputs);
	tcase_add_test(tc, sigmoid_survives_huge_inputs);
	tcase_add_test(tc, sigmoid_limits_at_infinity);
	tcase_add_test(tc, sigmoid_propagates_nan);
	tc = grader_tcase(s, "sigmoid_grad");
	tcase_add_test(tc, sigmoid_grad_at_zero_is_a_quarter);
	tcase_add_loop_test(tc, sigmoid_grad_matches_high_precision_table, 0, ref.chunks);
	tcase_add_test(tc, sigmoid_grad_matches_closed_form_at_random_inputs);
	tcase_add_test(tc, sigmoid_grad_is_even_and_at_most_a_quarter_at_random_inputs);
	tcase_add_test(tc, sigmoid_grad_matches_central_difference);
	tcase_add_test(tc, sigmoid_grad_matches_central_difference_at_random_inputs);
	tcase_add_test(tc, sigmoid_grad_survives_huge_inputs);
	tcase_add_test(tc, sigmoid_grad_propagates_nan);
	tc = grader_tcase(s, "sigmoid_grad_from_y");
	tcase_add_loop_test(tc, sigmoid_grad_from_y_is_y_times_one_minus_y, 0, ROWS(from_y));
	tcase_add_test(tc, sigmoid_grad_from_y_matches_the_table);
	tcase_add_test(tc, sigmoid_grad_from_y_at_random_outputs);
	tcase_add_test(tc, sigmoid_grad_from_y_propagates_nan);
	grader_add_ulp_check(s, ref, act_sigmoid, "act_sigmoid", act_sigmoid_grad, "act_sigmoid_grad");
	return grader_run(s);
}
