/* Chapter 03, Step and the perceptron: checks for exercises/03-step.c. */
#include <math.h>

#include "activations.h"
#include "grader.h"
#include "perceptron.h"

#define SEE_STEP "step(x) = 1 for x > 0, else 0 (see 03-step.md, \"The function\")"
#define SEE_ZERO "our convention is step(0) = 0: only x > 0 fires (see 03-step.md, \"The jump at zero\")"
#define SEE_GRAD "the step is flat on both sides, so its derivative is 0, and we take 0 at the jump too (see 03-step.md, \"A derivative of zero\")"
#define SEE_NAN "a NaN input gives NaN (see 01-why.md, \"Rules of the road\")"
#define SEE_RULE "w += lr (t - y) x and b += lr (t - y) after each wrong sample (see 03-step.md, \"The perceptron rule\")"

static const struct { double x, y; } rows[] = {
	{-3, 0}, {-1e-300, 0}, {-0.0, 0}, {0.0, 0}, {4.9406564584124654e-324, 1},
	{1e-300, 1}, {0.5, 1}, {7, 1}, {1e308, 1}, {-INFINITY, 0}, {INFINITY, 1},
};

START_TEST(step_is_one_for_positive_else_zero)
{
	double x = rows[_i].x;
	double got = act_step(x);
	expect_close(got, rows[_i].y, 0, 1e-300, x == 0 ? SEE_ZERO : SEE_STEP,
		     "act_step(%.17g)", x);
}
END_TEST

START_TEST(step_grad_is_zero)
{
	double x = rows[_i].x;
	expect_close(act_step_grad(x), 0, 0, 1e-300, SEE_GRAD, "act_step_grad(%.17g)", x);
}
END_TEST

START_TEST(step_propagates_nan)
{
	double got = act_step(NAN);
	expect_nan(got, got == 0 ? SEE_NAN ": NaN > 0 is false, so x > 0 ? 1 : 0 turns NaN into 0" : SEE_NAN,
		   "act_step(nan)");
}
END_TEST

START_TEST(step_grad_propagates_nan)
{
	expect_nan(act_step_grad(NAN), SEE_NAN, "act_step_grad(nan)");
}
END_TEST

/* The truth tables: inputs (0,0), (0,1), (1,0), (1,1). */
static const double X[] = {0, 0, 0, 1, 1, 0, 1, 1};
static const double t_and[] = {0, 0, 0, 1};
static const double t_or[] = {0, 1, 1, 1};
static const double t_xor[] = {0, 1, 1, 0};

START_TEST(perceptron_predict_is_step_of_w_dot_x_plus_b)
{
	/* 2(1) - 1(3) + 0.5 = -0.5 -> 0;  2(1) - 1(1) + 0.5 = 1.5 -> 1;
	 * 2(0.25) - 1(1) + 0.5 = 0 -> 0 (step(0) = 0);  0 - 0.25 + 0.5 = 0.25 -> 1. */
	const double w[] = {2, -1};
	const double x1[] = {1, 3}, x2[] = {1, 1}, x3[] = {0.25, 1}, x4[] = {0, 0.25};
	expect_close(perceptron_predict(w, 0.5, x1, 2), 0, 0, 1e-300, SEE_STEP,
		     "perceptron_predict(w = [2,-1], b = 0.5, x = [1,3])");
	expect_close(perceptron_predict(w, 0.5, x2, 2), 1, 0, 1e-300, SEE_STEP,
		     "perceptron_predict(w = [2,-1], b = 0.5, x = [1,1])");
	expect_close(perceptron_predict(w, 0.5, x4, 2), 1, 0, 1e-300,
		     "y = step(w . x + b): did you add the bias? " SEE_STEP,
		     "perceptron_predict(w = [2,-1], b = 0.5, x = [0,0.25])");
	expect_close(perceptron_predict(w, 0.5, x3, 2), 0, 0, 1e-300, SEE_ZERO,
		     "perceptron_predict(w = [2,-1], b = 0.5, x = [0.25,1])");
}
END_TEST

/* Trains from zero weights and checks the verdict and every prediction. */
static void expect_learns(const char *gate, const double *t)
{
	double w[2] = {0, 0}, b = 0;
	int epochs = perceptron_train(w, &b, X, t, 4, 2, 1.0, 100);
	ck_assert_msg(epochs >= 1 && epochs <= 100,
		      "perceptron_train(%s, lr = 1, max_epochs = 100) returned %d, expected the epoch "
		      "it stopped making mistakes (1..100): %s is linearly separable -- %s",
		      gate, epochs, gate, SEE_RULE);
	for (int i = 0; i < 4; i++) {
		double y = perceptron_predict(w, b, X + 2 * i, 2);
		ck_assert_msg(y == t[i],
			      "after perceptron_train(%s), w = [%.17g, %.17g], b = %.17g predicts %g for "
			      "(%g, %g), expected %g -- %s", gate, w[0], w[1], b, y, X[2 * i],
			      X[2 * i + 1], t[i], SEE_RULE);
	}
}

START_TEST(perceptron_learns_and)
{
	expect_learns("AND", t_and);
}
END_TEST

START_TEST(perceptron_learns_or)
{
	expect_learns("OR", t_or);
}
END_TEST

/* snippet: check_xor */
START_TEST(perceptron_cannot_learn_xor)
{
	double w[2] = {0, 0}, b = 0;
	int epochs = perceptron_train(w, &b, X, t_xor, 4, 2, 1.0, 1000);
	ck_assert_msg(epochs == -1,
		      "perceptron_train(XOR, lr = 1, max_epochs = 1000) returned %d, expected -1: no "
		      "line separates XOR, so every epoch makes a mistake (see 03-step.md, \"XOR\")",
		      epochs);
	int right = 0;
	for (int i = 0; i < 4; i++)
		right += perceptron_predict(w, b, X + 2 * i, 2) == t_xor[i];
	ck_assert_msg(right <= 3,
		      "after perceptron_train(XOR), w = [%.17g, %.17g], b = %.17g gets all four XOR "
		      "points right, which no single step(w . x + b) can -- %s", w[0], w[1], b, SEE_STEP);
}
END_TEST
/* end snippet: check_xor */

START_TEST(perceptron_train_stops_at_the_first_clean_epoch)
{
	/* Starting from weights that already separate AND, the first epoch makes
	 * no mistake and must not change them. */
	double w[2] = {1, 1}, b = -1.5;
	int epochs = perceptron_train(w, &b, X, t_and, 4, 2, 1.0, 100);
	bool unchanged = w[0] == 1 && w[1] == 1 && b == -1.5;
	ck_assert_msg(epochs == 1 && unchanged,
		      "perceptron_train(AND) from w = [1,1], b = -1.5, which already separates AND, "
		      "returned %d with w = [%.17g, %.17g], b = %.17g; expected 1 and no change -- "
		      "%supdate only after a mistake (see 03-step.md, \"The perceptron rule\")",
		      epochs, w[0], w[1], b,
		      epochs == 0 && unchanged ? "epochs count from 1, so a clean first epoch returns 1; " :
		      epochs > 1 ? "these weights make no mistake, so the first epoch is clean unless you "
				   "reset them or change them without a mistake; " : "");
}
END_TEST

int main(void)
{
	Suite *s = suite_create("03-step");
	TCase *tc = grader_tcase(s, "step");
	tcase_add_loop_test(tc, step_is_one_for_positive_else_zero, 0, ROWS(rows));
	tcase_add_test(tc, step_propagates_nan);
	tc = grader_tcase(s, "step_grad");
	tcase_add_loop_test(tc, step_grad_is_zero, 0, ROWS(rows));
	tcase_add_test(tc, step_grad_propagates_nan);
	tc = grader_tcase(s, "perceptron");
	tcase_add_test(tc, perceptron_predict_is_step_of_w_dot_x_plus_b);
	tcase_add_test(tc, perceptron_learns_and);
	tcase_add_test(tc, perceptron_learns_or);
	tcase_add_test(tc, perceptron_cannot_learn_xor);
	tcase_add_test(tc, perceptron_train_stops_at_the_first_clean_epoch);
	return grader_run(s);
}
