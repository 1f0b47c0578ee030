/* Chapter 07, ReLU: checks for exercises/07-relu.c. */
#include <math.h>

#include "activations.h"
#include "grader.h"

#define SEE_F "relu(x) = max(0, x) (see 07-relu.md, \"The function\")"
#define SEE_GRAD "relu'(x) = 1 for x > 0 and 0 for x < 0 (see 07-relu.md, \"The derivative\")"
#define SEE_KINK "by convention ReLU'(0) = 0 (see 07-relu.md, \"The kink at zero\")"
#define SEE_NAN "a NaN input gives NaN (see 07-relu.md, \"NaN must survive\")"
#define SEE_LAUNDER SEE_NAN ": NaN > 0 and NaN >= 0 are false and fmax(NaN, 0) is 0, so " \
	"x > 0 ? x : 0, x >= 0 ? x : 0 and fmax(x, 0) all turn NaN into 0"
#define SEE_DEAD "a unit whose pre-activation is negative for every input gets no gradient " \
	"(see 07-relu.md, \"Dying units\")"

/* relu(x) and relu'(x) by the definition; x = 0 is the kink. */
static const struct { double x, y, dy; } rows[] = {
	{-3, 0, 0},
	{-1e-300, 0, 0},
	{-4.9406564584124654e-324, 0, 0}, /* the smallest subnormal */
	{-0.0, 0, 0},
	{0.0, 0, 0},
	{4.9406564584124654e-324, 4.9406564584124654e-324, 1},
	{1e-300, 1e-300, 1},
	{0.5, 0.5, 1},
	{7, 7, 1},
	{1e308, 1e308, 1},
	{-1e308, 0, 0},
	{INFINITY, INFINITY, 1},
	{-INFINITY, 0, 0},
};

START_TEST(relu_is_max_of_zero_and_x)
{
	double x = rows[_i].x;
	double got = act_relu(x);
	expect_close(got, rows[_i].y, 0, 1e-300,
		     x < 0 && got == x ? "that is x itself: negative inputs give 0. " SEE_F : SEE_F,
		     "act_relu(%.17g)", x);
}
END_TEST

START_TEST(relu_grad_is_one_for_positive_else_zero)
{
	double x = rows[_i].x;
	double got = act_relu_grad(x);
	const char *hint = SEE_GRAD;
	if (x == 0)
		hint = SEE_KINK;
	else if (got == act_relu(x) && got != rows[_i].dy)
		hint = "that is relu(x), the function itself, not its slope. " SEE_GRAD;
	expect_close(got, rows[_i].dy, 0, 1e-300, hint, "act_relu_grad(%.17g)", x);
}
END_TEST

START_TEST(relu_propagates_nan)
{
	double got = act_relu(NAN);
	expect_nan(got, got == 0 ? SEE_LAUNDER : SEE_NAN, "act_relu(nan)");
}
END_TEST

START_TEST(relu_grad_propagates_nan)
{
	double got = act_relu_grad(NAN);
	expect_nan(got, got == 0 ? SEE_NAN ": NaN > 0 is false, and so is NaN >= 0, so x > 0 ? 1 : 0 and x >= 0 ? 1 : 0 both turn NaN into 0" : SEE_NAN,
		   "act_relu_grad(nan)");
}
END_TEST

/* act_relu in the shape grader_central_diff takes. */
static double relu_at(double x, void *ctx) { (void)ctx; return act_relu(x); }

START_TEST(relu_grad_matches_central_difference)
{
	/* At least 10h = 1e-4 away from the kink, where ReLU is a straight line. */
	const double xs[] = {-2, -0.5, -1e-3, 1e-3, 0.5, 2};
	for (int i = 0; i < 6; i++) {
		double n = grader_central_diff(relu_at, NULL, xs[i], 1e-5);
		double a = act_relu_grad(xs[i]);
		ck_assert_msg(grader_grad_agrees(a, n),
			      "act_relu_grad(%.17g) returned %.17g but the central difference of your "
			      "act_relu is %.17g -- %s", xs[i], a, n, SEE_GRAD);
	}
}
END_TEST

/* ---- Random inputs, new each run ---- */

START_TEST(relu_is_max_of_zero_and_x_at_random_inputs)
{
	for (int k = 0; k < 300; k++) {
		double x = grader_magnitude(-323, 308, true), got = act_relu(x);
		expect_close(got, x > 0 ? x : 0, 0, 1e-300,
			     x < 0 && got == x ? "that is x itself: negative inputs give 0. " SEE_F : SEE_F,
			     "act_relu(%.17g)", x);
	}
}
END_TEST

/* relu(x) + relu(-x) = |x| and relu(x) - relu(-x) = x (07-relu.md, "The function"). */
START_TEST(relu_of_x_and_minus_x_make_abs_at_random_inputs)
{
	for (int k = 0; k < 200; k++) {
		double x = grader_magnitude(-10, 10, true), p = act_relu(x), m = act_relu(-x);
		expect_that(p + m == fabs(x) && p - m == x,
			    "act_relu(%.17g) = %.17g and act_relu(%.17g) = %.17g: relu(x) + relu(-x) "
			    "should be |x| and relu(x) - relu(-x) should be x -- %s", x, p, -x, m, SEE_F);
	}
}
END_TEST

START_TEST(relu_grad_is_one_for_positive_else_zero_at_random_inputs)
{
	for (int k = 0; k < 300; k++) {
		double x = grader_magnitude(-323, 308, true), got = act_relu_grad(x);
		expect_close(got, x > 0 ? 1 : 0, 0, 1e-300,
			     got == act_relu(x) && got != (x > 0) ? "that is relu(x), the function itself, "
			     "not its slope. " SEE_GRAD : SEE_GRAD, "act_relu_grad(%.17g)", x);
	}
}
END_TEST

START_TEST(relu_grad_matches_central_difference_at_random_inputs)
{
	for (int k = 0; k < 100; k++) {
		double x = grader_magnitude(-4, 3, true); /* |x| >= 1e-4: clear of the kink */
		double n = grader_central_diff(relu_at, NULL, x, 1e-5), a = act_relu_grad(x);
		expect_that(grader_grad_agrees(a, n),
			    "act_relu_grad(%.17g) returned %.17g but the central difference of your "
			    "act_relu is %.17g -- %s", x, a, n, SEE_GRAD);
	}
}
END_TEST

/* The dying-ReLU experiment (07-relu.md, "Dying units").  One unit
 * y = f(w x + b) learns the line t = x + 1 on five inputs by gradient
 * descent on the mean squared error.  It starts with w = 1, b = -3, so its
 * pre-activation z = w x + b lies in [-4, -2]: negative for every input. */
/* snippet: dying_unit */
static const double xs[] = {-1, -0.5, 0, 0.5, 1};
enum { N_X = 5, STEPS = 1000 };

struct unit {
	double w, b;
	double (*f)(double);  /* the activation */
	double (*df)(double); /* its derivative */
};

/* One gradient-descent step on L = mean of (y - t)^2 / 2 over the inputs;
 * returns |dL/dw| + |dL/db|. */
static double unit_step(struct unit *u, double lr)
{
	double dw = 0, db = 0;
	for (int i = 0; i < N_X; i++) {
		double z = u->w * xs[i] + u->b;
		double t = xs[i] + 1;
		/* dL/dz, by the chain rule: (y - t) f'(z) */
		double dz = (u->f(z) - t) * u->df(z);
		dw += dz * xs[i] / N_X;
		db += dz / N_X;
	}
	u->w -= lr * dw;
	u->b -= lr * db;
	return fabs(dw) + fabs(db);
}
/* end snippet: dying_unit */

/* A leaky ReLU with slope 0.01, built from your ReLU:
 * leaky(z) = relu(z) - 0.01 relu(-z). */
static double leaky_from_relu(double z) { return act_relu(z) - 0.01 * act_relu(-z); }
static double leaky_from_relu_grad(double z) { return act_relu_grad(z) + 0.01 * act_relu_grad(-z); }

START_TEST(dead_relu_unit_gets_exactly_zero_gradient)
{
	struct unit u = {1, -3, act_relu, act_relu_grad};
	double g = unit_step(&u, 0.5);
	ck_assert_msg(g == 0,
		      "with act_relu and act_relu_grad(z) for z = w x + b in [-4, -2], one step of "
		      "gradient descent found |dL/dw| + |dL/db| = %.17g, expected exactly 0 -- %s",
		      g, SEE_DEAD);
}
END_TEST

START_TEST(dead_relu_unit_never_changes)
{
	struct unit u = {1, -3, act_relu, act_relu_grad};
	for (int s = 0; s < STEPS; s++)
		unit_step(&u, 0.5);
	ck_assert_msg(u.w == 1 && u.b == -3,
		      "after %d steps with act_relu and act_relu_grad, the unit moved from w = 1, b = -3 "
		      "to w = %.17g, b = %.17g; a dead unit cannot move -- %s", STEPS, u.w, u.b, SEE_DEAD);
}
END_TEST

START_TEST(leaky_unit_built_from_relu_recovers)
{
	struct unit u = {1, -3, leaky_from_relu, leaky_from_relu_grad};
	for (int s = 0; s < STEPS; s++)
		unit_step(&u, 0.5);
	/* The best fit of t = x + 1 is w = 1, b = 1, reached by step ~500. */
	ck_assert_msg(fabs(u.w - 1) < 1e-6 && fabs(u.b - 1) < 1e-6,
		      "the leaky unit act_relu(z) - 0.01 act_relu(-z), with slope act_relu_grad(z) + "
		      "0.01 act_relu_grad(-z), went from w = 1, b = -3 to w = %.17g, b = %.17g after %d "
		      "steps, expected w = 1, b = 1: its slope 0.01 on z < 0 should pull it back "
		      "(see 07-relu.md, \"Dying units\")", u.w, u.b, STEPS);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("07-relu");
	TCase *tc = grader_tcase(s, "relu");
	tcase_add_loop_test(tc, relu_is_max_of_zero_and_x, 0, ROWS(rows));
	tcase_add_test(tc, relu_is_max_of_zero_and_x_at_random_inputs);
	tcase_add_test(tc, relu_of_x_and_minus_x_make_abs_at_random_inputs);
	tcase_add_test(tc, relu_propagates_nan);
	tc = grader_tcase(s, "relu_grad");
	tcase_add_loop_test(tc, relu_grad_is_one_for_positive_else_zero, 0, ROWS(rows));
	tcase_add_test(tc, relu_grad_is_one_for_positive_else_zero_at_random_inputs);
	tcase_add_test(tc, relu_grad_matches_central_difference);
	tcase_add_test(tc, relu_grad_matches_central_difference_at_random_inputs);
	tcase_add_test(tc, relu_grad_propagates_nan);
	tc = grader_tcase(s, "dying_relu");
	tcase_add_test(tc, dead_relu_unit_gets_exactly_zero_gradient);
	tcase_add_test(tc, dead_relu_unit_never_changes);
	tcase_add_test(tc, leaky_unit_built_from_relu_recovers);
	return grader_run(s);
}
