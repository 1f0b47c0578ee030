/* Chapter 02, Linear: checks for exercises/02-linear.c.
 * Expected values are worked by hand, or are the product a x rounded once,
 * which is what any correct code returns. */
#include <math.h>

#include "activations.h"
#include "grader.h"

#define SEE_F "y = a x (see 02-linear.md, \"The function\")"
#define SEE_GRAD "dy/dx = a, whatever x is (see 02-linear.md, \"The derivative\")"
#define SEE_NAN "a NaN input gives NaN (see 01-why.md, \"Rules of the road\")"

/* The slopes the chapter names: a = 1 (the identity, and activate's
 * default), 2 and -0.5 (its infinity examples), 3 (its derivative example),
 * 0 (the corner where 0 * inf is NaN) and 1e10 (its overflow example). */
static const double named_a[] = {1, 2, -0.5, 3, 0, 1e10};

/* y = a x, worked by hand. */
static const struct { double x, a, y; } rows[] = {
	{2, 3, 6},
	{-1.5, 2, -3},
	{0.1, 1, 0.1},
	{-7, -0.25, 1.75},
	{1e300, 0.5, 5e299},
	{3, 0.5, 1.5},
	{0, 4, 0},
	{5, 0, 0},
	{-2, -0.5, 1},
};

/* The hint for a wrong a x. */
static const char *linear_hint(double x, double a, double got)
{
	if (got == x + a && a * x != x + a)
		return "that is x + a: the parameter scales x, it does not shift it; " SEE_F;
	if (got == x && a != 1)
		return "that is x itself: the slope a multiplies x; " SEE_F;
	return SEE_F;
}

START_TEST(linear_is_a_times_x)
{
	double x = rows[_i].x, a = rows[_i].a;
	double got = act_linear(x, a);
	expect_close(got, rows[_i].y, TOL_EXACT, 1e-300, linear_hint(x, a, got),
		     "act_linear(%.17g, %.17g)", x, a);
}
END_TEST

START_TEST(linear_is_a_times_x_at_random_inputs)
{
	for (int k = 0; k < 200; k++) {
		double x = grader_magnitude(-5, 5, true), a = grader_magnitude(-3, 3, true);
		if (k % 10 == 0)
			a = named_a[(k / 10) % ROWS(named_a)];
		double got = act_linear(x, a);
		expect_close(got, a * x, TOL_EXACT, 1e-300, linear_hint(x, a, got),
			     "act_linear(%.17g, %.17g)", x, a);
	}
}
END_TEST

START_TEST(linear_grad_is_a)
{
	double x = rows[_i].x, a = rows[_i].a;
	double got = act_linear_grad(x, a);
	expect_close(got, a, TOL_EXACT, 1e-300,
		     got == a * x && x != 0 && x != 1 ? "that is a x, the function itself: its slope is a; " SEE_GRAD :
		     got == 1 ? "1 is the slope for a = 1 only: the slope of a x is a; " SEE_GRAD : SEE_GRAD,
		     "act_linear_grad(%.17g, %.17g)", x, a);
}
END_TEST

START_TEST(linear_grad_is_a_at_random_inputs)
{
	for (int k = 0; k < 200; k++) {
		double x = grader_magnitude(-5, 300, true), a = grader_magnitude(-3, 3, true);
		if (k % 10 == 0)
			a = named_a[(k / 10) % ROWS(named_a)];
		double got = act_linear_grad(x, a);
		expect_close(got, a, 0, 1e-300,
			     got == 1 ? "1 is the slope for a = 1 only: the slope of a x is a; " SEE_GRAD : SEE_GRAD,
			     "act_linear_grad(%.17g, %.17g)", x, a);
	}
}
END_TEST

/* "the same at x = -1000 or at +-inf" (02-linear.md, "The derivative"). */
START_TEST(linear_grad_is_a_at_infinity)
{
	for (int k = 0; k < ROWS(named_a); k++) {
		double a = named_a[k];
		expect_close(act_linear_grad(INFINITY, a), a, 0, 1e-300,
			     "the slope is a everywhere, at +-inf too: " SEE_GRAD, "act_linear_grad(inf, %g)", a);
		expect_close(act_linear_grad(-INFINITY, a), a, 0, 1e-300,
			     "the slope is a everywhere, at +-inf too: " SEE_GRAD, "act_linear_grad(-inf, %g)", a);
	}
}
END_TEST

/* act_linear as a function of x alone, its a in ctx. */
static double linear_at(double x, void *a)
{
	return act_linear(x, *(double *)a);
}

START_TEST(linear_grad_matches_central_difference)
{
	for (int k = 0; k < 50; k++) {
		double x = grader_uniform(-10, 10), a = grader_uniform(-4, 4);
		if (k < ROWS(named_a) - 1) /* not 1e10: its central difference rounds too much */
			a = named_a[k];
		double n = grader_central_diff(linear_at, &a, x, 1e-5);
		double g = act_linear_grad(x, a);
		ck_assert_msg(grader_grad_agrees(g, n),
			      "act_linear_grad(%.17g, %.17g) returned %.17g but the central difference of your "
			      "act_linear is %.17g -- %s", x, a, g, n, SEE_GRAD);
	}
}
END_TEST

START_TEST(linear_keeps_infinities)
{
	for (int k = 0; k < ROWS(named_a); k++) {
		double a = named_a[k];
		if (a == 0)
			continue;
		double want = a > 0 ? INFINITY : -INFINITY;
		expect_close(act_linear(INFINITY, a), want, 0, 0, SEE_F ": a x tends to sign(a) inf",
			     "act_linear(inf, %g)", a);
		expect_close(act_linear(-INFINITY, a), -want, 0, 0, SEE_F ": a x tends to -sign(a) inf",
			     "act_linear(-inf, %g)", a);
	}
}
END_TEST

START_TEST(linear_with_a_zero_is_zero_even_at_infinity)
{
	double got = act_linear(INFINITY, 0);
	expect_close(got, 0, 0, 1e-300,
		     isnan(got) ? "0 * inf is NaN in IEEE arithmetic, but with a = 0 the function is 0 "
				  "everywhere, so its limit is 0 (see 02-linear.md, \"The function\")" : SEE_F,
		     "act_linear(inf, 0)");
	expect_close(act_linear(-INFINITY, 0), 0, 0, 1e-300, SEE_F, "act_linear(-inf, 0)");
}
END_TEST

/* "a finite input gives an infinite result only when the true answer is
 * too large for a double" (02-linear.md, "The function"). */
START_TEST(linear_overflows_only_when_the_answer_does)
{
	expect_close(act_linear(1e300, 1e10), INFINITY, 0, 0,
		     "1e310 is beyond the largest double: inf is the right answer " SEE_F,
		     "act_linear(1e300, 1e10)");
	expect_close(act_linear(-1e300, 1e10), -INFINITY, 0, 0, SEE_F, "act_linear(-1e300, 1e10)");
	for (int k = 0; k < 100; k++) {
		double x = grader_magnitude(0, 308, true), a = grader_magnitude(-300, 0, true);
		double got = act_linear(x, a);
		expect_close(got, a * x, TOL_EXACT, 1e-300,
			     isfinite(got) ? SEE_F : "a finite answer came back infinite or NaN: " SEE_F,
			     "act_linear(%.17g, %.17g)", x, a);
	}
}
END_TEST

START_TEST(linear_propagates_nan)
{
	for (int k = 0; k < ROWS(named_a); k++) {
		double a = named_a[k], got = act_linear(NAN, a);
		expect_nan(got, a == 0 && got == 0 ? SEE_NAN ": with a = 0 the limit at +-inf is 0, "
			   "but NaN is not an infinity (test isinf(x), not a == 0 alone)" : SEE_NAN,
			   "act_linear(nan, %g)", a);
	}
}
END_TEST

/* snippet: check_grad_nan */
START_TEST(linear_grad_propagates_nan)
{
	for (int k = 0; k < ROWS(named_a); k++)
		expect_nan(act_linear_grad(NAN, named_a[k]),
			   SEE_NAN ": the slope is a everywhere, but not at NaN", "act_linear_grad(nan, %g)",
			   named_a[k]);
}
END_TEST
/* end snippet: check_grad_nan */

int main(void)
{
	Suite *s = suite_create("02-linear");
	TCase *tc = grader_tcase(s, "linear");
	tcase_add_loop_test(tc, linear_is_a_times_x, 0, ROWS(rows));
	tcase_add_test(tc, linear_is_a_times_x_at_random_inputs);
	tcase_add_test(tc, linear_keeps_infinities);
	tcase_add_test(tc, linear_with_a_zero_is_zero_even_at_infinity);
	tcase_add_test(tc, linear_overflows_only_when_the_answer_does);
	tcase_add_test(tc, linear_propagates_nan);
	tc = grader_tcase(s, "linear_grad");
	tcase_add_loop_test(tc, linear_grad_is_a, 0, ROWS(rows));
	tcase_add_test(tc, linear_grad_is_a_at_random_inputs);
	tcase_add_test(tc, linear_grad_is_a_at_infinity);
	tcase_add_test(tc, linear_grad_matches_central_difference);
	tcase_add_test(tc, linear_grad_propagates_nan);
	return grader_run(s);
}
