/* Chapter 02, Linear: checks for exercises/02-linear.c. */
#include <math.h>

#include "activations.h"
#include "grader.h"

#define SEE_F "y = a x (see 02-linear.md, \"The function\")"
#define SEE_GRAD "dy/dx = a, whatever x is (see 02-linear.md, \"The derivative\")"
#define SEE_NAN "a NaN input gives NaN (see 01-why.md, \"Rules of the road\")"

/* y = a x, worked by hand. */
static const struct { double x, a, y; } rows[] = {
	{2, 3, 6},
	{-1.5, 2, -3},
	{0.1, 1, 0.1},
	{-7, -0.25, 1.75},
	{1e300, 0.5, 5e299},
	{3, 0.5, 1.5},
	{0, 4, 0},
};

/* act_linear as a function of x alone, its a in ctx. */
static double linear_at(double x, void *a) { return act_linear(x, *(double *)a); }

START_TEST(linear_is_a_times_x)
{
	double x = rows[_i].x, a = rows[_i].a;
	double got = act_linear(x, a);
	expect_close(got, rows[_i].y, TOL_EXACT, 1e-300,
		     got == x + a ? "that is x + a: the parameter scales x, it does not shift it; " SEE_F : SEE_F,
		     "act_linear(%.17g, %.17g)", x, a);
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

START_TEST(linear_grad_matches_central_difference)
{
	const double xs[] = {-2.5, -0.3, 0.7, 4};
	double param = 1.75;
	for (int i = 0; i < 4; i++) {
		double n = grader_central_diff(linear_at, &param, xs[i], 1e-5);
		double a = act_linear_grad(xs[i], param);
		ck_assert_msg(grader_grad_agrees(a, n),
			      "act_linear_grad(%.17g, 1.75) returned %.17g but the central difference of your "
			      "act_linear is %.17g -- %s", xs[i], a, n, SEE_GRAD);
	}
}
END_TEST

START_TEST(linear_keeps_infinities)
{
	expect_close(act_linear(INFINITY, 2), INFINITY, 0, 0, SEE_F, "act_linear(inf, 2)");
	expect_close(act_linear(-INFINITY, 2), -INFINITY, 0, 0, SEE_F, "act_linear(-inf, 2)");
	expect_close(act_linear(INFINITY, -0.5), -INFINITY, 0, 0, SEE_F, "act_linear(inf, -0.5)");
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

START_TEST(linear_propagates_nan)
{
	expect_nan(act_linear(NAN, 2), SEE_NAN, "act_linear(nan, 2)");
}
END_TEST

/* snippet: check_grad_nan */
START_TEST(linear_grad_propagates_nan)
{
	expect_nan(act_linear_grad(NAN, 2), SEE_NAN ": the slope is a everywhere, but not at NaN",
		   "act_linear_grad(nan, 2)");
}
END_TEST
/* end snippet: check_grad_nan */

int main(void)
{
	Suite *s = suite_create("02-linear");
	TCase *tc = grader_tcase(s, "linear");
	tcase_add_loop_test(tc, linear_is_a_times_x, 0, ROWS(rows));
	tcase_add_test(tc, linear_keeps_infinities);
	tcase_add_test(tc, linear_with_a_zero_is_zero_even_at_infinity);
	tcase_add_test(tc, linear_propagates_nan);
	tc = grader_tcase(s, "linear_grad");
	tcase_add_loop_test(tc, linear_grad_is_a, 0, ROWS(rows));
	tcase_add_test(tc, linear_grad_matches_central_difference);
	tcase_add_test(tc, linear_grad_propagates_nan);
	return grader_run(s);
}
