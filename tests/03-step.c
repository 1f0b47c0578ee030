/* Chapter 03, Step and the perceptron: checks for exercises/03-step.c.
 *
 * The perceptron checks compare your training with the rule of
 * include/perceptron.h, run here by the suite's own plain loop
 * (ref_train).  Their data are small integers and their learning rates
 * multiples of 1/8, so every sum is exact in double and any correct code
 * gets bit for bit the same weights, whatever order it adds in. */
#include <math.h>
#include <stdio.h>

#include "activations.h"
#include "grader.h"
#include "perceptron.h"

#define SEE_STEP "step(x) = 1 for x > 0, else 0 (see 03-step.md, \"The function\")"
#define SEE_ZERO "our convention is step(0) = 0: only x > 0 fires (see 03-step.md, \"The jump at zero\")"
#define SEE_GRAD "the step is flat on both sides, so its derivative is 0, and we take 0 at the jump too (see 03-step.md, \"A derivative of zero\")"
#define SEE_NAN "a NaN input gives NaN (see 01-why.md, \"Rules of the road\")"
#define SEE_RULE "w += lr (t - y) x and b += lr (t - y) after each wrong sample (see 03-step.md, \"The perceptron rule\")"
#define SEE_EPOCHS "return the number of the first epoch without a mistake, counting from 1, or -1 when all max_epochs epochs made one (see perceptron.h and 03-step.md, \"The perceptron rule\")"

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

START_TEST(step_is_one_for_positive_else_zero_at_random_inputs)
{
	for (int k = 0; k < 300; k++) {
		double x = grader_magnitude(-323, 308, true), got = act_step(x);
		expect_close(got, x > 0 ? 1 : 0, 0, 1e-300, SEE_STEP, "act_step(%.17g)", x);
	}
}
END_TEST

START_TEST(step_grad_is_zero)
{
	double x = rows[_i].x;
	expect_close(act_step_grad(x), 0, 0, 1e-300, SEE_GRAD, "act_step_grad(%.17g)", x);
}
END_TEST

START_TEST(step_grad_is_zero_at_random_inputs)
{
	for (int k = 0; k < 300; k++) {
		double x = grader_magnitude(-323, 308, true);
		expect_close(act_step_grad(x), 0, 0, 1e-300, SEE_GRAD, "act_step_grad(%.17g)", x);
	}
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

/* ---- The perceptron ---- */

enum { MAXN = 12, MAXD = 6 };

/* The suite's own perceptron, as include/perceptron.h states it. */
static double ref_predict(const double *w, double b, const double *x, size_t dim)
{
	double z = b;
	for (size_t j = 0; j < dim; j++)
		z += w[j] * x[j];
	return z > 0 ? 1 : 0;
}

static int ref_train(double *w, double *b, const double *X, const double *t, size_t n, size_t dim,
		     double lr, int max_epochs)
{
	for (int epoch = 1; epoch <= max_epochs; epoch++) {
		int mistakes = 0;
		for (size_t i = 0; i < n; i++) {
			double e = t[i] - ref_predict(w, *b, X + i * dim, dim);
			if (e == 0)
				continue;
			mistakes++;
			for (size_t j = 0; j < dim; j++)
				w[j] += lr * e * X[i * dim + j];
			*b += lr * e;
		}
		if (mistakes == 0)
			return epoch;
	}
	return -1;
}

/* perceptron_predict on guarded copies of w and x. */
static double predict(const double *w, double b, const double *x, size_t dim, const char *what)
{
	double *gw = grader_in(w, dim), *gx = grader_in(x, dim);
	double y = perceptron_predict(gw, b, gx, dim);
	grader_expect_unchanged(gw, w, "w", "perceptron_predict(%s)", what);
	grader_expect_unchanged(gx, x, "x", "perceptron_predict(%s)", what);
	return y;
}

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
	expect_close(predict(w, 0.5, x1, 2, "w = [2,-1], b = 0.5, x = [1,3]"), 0, 0, 1e-300, SEE_STEP,
		     "perceptron_predict(w = [2,-1], b = 0.5, x = [1,3])");
	expect_close(predict(w, 0.5, x2, 2, "w = [2,-1], b = 0.5, x = [1,1]"), 1, 0, 1e-300, SEE_STEP,
		     "perceptron_predict(w = [2,-1], b = 0.5, x = [1,1])");
	expect_close(predict(w, 0.5, x4, 2, "w = [2,-1], b = 0.5, x = [0,0.25]"), 1, 0, 1e-300,
		     "y = step(w . x + b): did you add the bias? " SEE_STEP,
		     "perceptron_predict(w = [2,-1], b = 0.5, x = [0,0.25])");
	expect_close(predict(w, 0.5, x3, 2, "w = [2,-1], b = 0.5, x = [0.25,1]"), 0, 0, 1e-300, SEE_ZERO,
		     "perceptron_predict(w = [2,-1], b = 0.5, x = [0.25,1])");
}
END_TEST

/* Small integers, so that w . x + b is exact and often exactly 0. */
static void random_ints(double *v, size_t n, int range)
{
	for (size_t i = 0; i < n; i++)
		v[i] = (double)((int)grader_int(0, (size_t)(2 * range)) - range);
}

START_TEST(perceptron_predict_at_random_inputs)
{
	for (int k = 0; k < 200; k++) {
		size_t dim = grader_int(1, MAXD);
		double w[MAXD], x[MAXD], b;
		random_ints(w, dim, 3);
		random_ints(x, dim, 3);
		random_ints(&b, 1, 4);
		char ws[128], xs[128], what[300];
		snprintf(what, sizeof what, "w = %s, b = %g, x = %s", grader_show_array(ws, sizeof ws, w, dim), b,
			 grader_show_array(xs, sizeof xs, x, dim));
		double want = ref_predict(w, b, x, dim);
		expect_close(predict(w, b, x, dim, what), want, 0, 1e-300,
			     want == 0 && ref_predict(w, b + 0.5, x, dim) == 1 ? SEE_ZERO : SEE_STEP,
			     "perceptron_predict(%s, dim = %zu)", what, dim);
	}
}
END_TEST

/* One input at a time, in the first, a middle and the last place. */
START_TEST(perceptron_predict_reads_every_input)
{
	enum { DIM = 5 };
	size_t pos[3];
	grader_positions(DIM, pos);
	for (int p = 0; p < 3; p++) {
		double w[DIM] = {0}, x[DIM] = {0};
		w[pos[p]] = 2, x[pos[p]] = 1; /* z = 2 - 1 = 1 > 0 */
		expect_close(predict(w, -1, x, DIM, "one input"), 1, 0, 1e-300,
			     "w . x sums w[j] x[j] over every j < dim: " SEE_STEP,
			     "perceptron_predict(w and x zero but w[%zu] = 2, x[%zu] = 1, b = -1, dim = 5)",
			     pos[p], pos[p]);
	}
}
END_TEST

/* True when w[dim], b are what the rule gives after max_epochs epochs (or
 * fewer, if an epoch was clean) from w0, b0. */
static bool same_as_rule(const double *w, double b, const double *w0, double b0, const double *Xs,
			 const double *ts, size_t n, size_t dim, double lr, int max_epochs)
{
	double rw[MAXD], rb = b0;
	for (size_t j = 0; j < dim; j++)
		rw[j] = w0[j];
	ref_train(rw, &rb, Xs, ts, n, dim, lr, max_epochs);
	bool same = rb == b;
	for (size_t j = 0; j < dim; j++)
		same = same && rw[j] == w[j];
	return same;
}

/* Runs perceptron_train on guarded copies and compares everything with
 * the suite's own perceptron from the same start. */
static void expect_trains_like_the_rule(const char *what, const double *w0, double b0,
					const double *Xs, const double *ts, size_t n, size_t dim,
					double lr, int max_epochs)
{
	double w[MAXD], b = b0;
	for (size_t j = 0; j < dim; j++)
		w[j] = w0[j];
	int want = ref_train(w, &b, Xs, ts, n, dim, lr, max_epochs);
	double *gw = grader_in(w0, dim), *gb = grader_in(&b0, 1);
	double *gX = grader_in(Xs, n * dim), *gt = grader_in(ts, n);
	int got = perceptron_train(gw, gb, gX, gt, n, dim, lr, max_epochs);
	char call[512];
	snprintf(call, sizeof call, "perceptron_train(%s, n = %zu, dim = %zu, lr = %g, max_epochs = %d)",
		 what, n, dim, lr, max_epochs);
	grader_expect_guards(gw, "w", "%s", call);
	grader_expect_guards(gb, "b", "%s", call);
	grader_expect_unchanged(gX, Xs, "X", "%s", call);
	grader_expect_unchanged(gt, ts, "t", "%s", call);
	/* Name the mistakes whose weights we can recognise. */
	const char *hint = SEE_RULE;
	if (same_as_rule(gw, *gb, w0, b0, Xs, ts, n, dim, lr, max_epochs - 1) &&
	    !same_as_rule(gw, *gb, w0, b0, Xs, ts, n, dim, lr, max_epochs))
		hint = "these are the weights after max_epochs - 1 epochs: run epochs 1 to max_epochs; " SEE_EPOCHS;
	else if (same_as_rule(gw, *gb, w0, b0, Xs, ts, n, dim, lr, max_epochs + 1) &&
		 !same_as_rule(gw, *gb, w0, b0, Xs, ts, n, dim, lr, max_epochs))
		hint = "these are the weights after max_epochs + 1 epochs: run epochs 1 to max_epochs; " SEE_EPOCHS;
	else if (got != want)
		hint = want == -1 && got == max_epochs ? "every epoch made a mistake, so the answer is -1; " SEE_EPOCHS :
		       got == want - 1 && want > 0 ? "epochs count from 1; " SEE_EPOCHS :
		       got == want + 1 && want > 0 ? "stop at the first epoch without a mistake; " SEE_EPOCHS :
		       SEE_EPOCHS;
	else if (lr != 1)
		hint = "the learning rate multiplies every update, of w and of b; " SEE_RULE;
	ck_assert_msg(got == want, "%s returned %d, expected %d -- %s", call, got, want, hint);
	for (size_t j = 0; j < dim; j++)
		expect_close(gw[j], w[j], 0, 1e-300, hint, "%s: w[%zu] afterwards", call, j);
	expect_close(*gb, b, 0, 1e-300, hint, "%s: b afterwards", call);
}

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
	const double zero[] = {0, 0};
	expect_trains_like_the_rule("AND from w = 0, b = 0", zero, 0, X, t_and, 4, 2, 1, 100);
}
END_TEST

START_TEST(perceptron_learns_or)
{
	expect_learns("OR", t_or);
	const double zero[] = {0, 0};
	expect_trains_like_the_rule("OR from w = 0, b = 0", zero, 0, X, t_or, 4, 2, 1, 100);
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

/* A random problem: n samples of dim small integers, labelled by a random
 * integer hyperplane offset by 1/2 (so no sample lies on it: separable),
 * or by coin flips (usually not separable). */
static void random_problem(double *Xs, double *ts, size_t n, size_t dim, bool separable)
{
	double teacher[MAXD], b;
	random_ints(teacher, dim, 3);
	random_ints(&b, 1, 3);
	random_ints(Xs, n * dim, 3);
	for (size_t i = 0; i < n; i++)
		ts[i] = separable ? ref_predict(teacher, b + 0.5, Xs + i * dim, dim) : (double)grader_int(0, 1);
}

/* The contract under random rates, epoch limits and sizes, starting from
 * zero or from random weights: the returned epoch, w and b all as the
 * rule gives them.  Small limits stop training before it converges, where
 * one epoch too many or too few changes the weights. */
START_TEST(perceptron_train_follows_the_rule_on_random_problems)
{
	static const double rates[] = {0.125, 0.25, 0.5, 0.75, 1, 1.5, 2, 3};
	for (int k = 0; k < 60; k++) {
		size_t n = grader_int(1, MAXN), dim = grader_int(1, MAXD);
		double Xs[MAXN * MAXD], ts[MAXN], w0[MAXD], b0 = 0;
		bool separable = k % 3 != 2;
		random_problem(Xs, ts, n, dim, separable);
		for (size_t j = 0; j < dim; j++)
			w0[j] = 0;
		if (k % 2)
			random_ints(w0, dim, 2), random_ints(&b0, 1, 2);
		double lr = rates[grader_int(0, ROWS(rates) - 1)];
		int max_epochs = (int)grader_int(1, k % 4 == 0 ? 50 : 4);
		char ws[128], what[256];
		snprintf(what, sizeof what, "random %s problem, trial %d, from w = %s, b = %g",
			 separable ? "separable" : "coin-flip", k, grader_show_array(ws, sizeof ws, w0, dim), b0);
		expect_trains_like_the_rule(what, w0, b0, Xs, ts, n, dim, lr, max_epochs);
	}
}
END_TEST

/* Weights that classify every sample but one right, with that one first,
 * in the middle, or last: one epoch must find it and update once. */
START_TEST(perceptron_train_visits_every_sample)
{
	enum { N = 5 };
	/* w = [1], b = 0 fires for x > 0; the targets agree except at pos. */
	const double Xs[N] = {2, -1, 3, -2, 1};
	size_t pos[3];
	grader_positions(N, pos);
	for (int p = 0; p < 3; p++) {
		double ts[N], w0[1] = {1};
		for (size_t i = 0; i < N; i++)
			ts[i] = Xs[i] > 0;
		ts[pos[p]] = 1 - ts[pos[p]];
		char what[128];
		snprintf(what, sizeof what, "x = [2,-1,3,-2,1] from w = [1], b = 0, only sample %zu wrong", pos[p]);
		expect_trains_like_the_rule(what, w0, 0, Xs, ts, N, 1, 0.5, 1);
		expect_trains_like_the_rule(what, w0, 0, Xs, ts, N, 1, 0.5, 20);
	}
}
END_TEST

int main(void)
{
	Suite *s = suite_create("03-step");
	TCase *tc = grader_tcase(s, "step");
	tcase_add_loop_test(tc, step_is_one_for_positive_else_zero, 0, ROWS(rows));
	tcase_add_test(tc, step_is_one_for_positive_else_zero_at_random_inputs);
	tcase_add_test(tc, step_propagates_nan);
	tc = grader_tcase(s, "step_grad");
	tcase_add_loop_test(tc, step_grad_is_zero, 0, ROWS(rows));
	tcase_add_test(tc, step_grad_is_zero_at_random_inputs);
	tcase_add_test(tc, step_grad_propagates_nan);
	tc = grader_tcase(s, "perceptron");
	tcase_add_test(tc, perceptron_predict_is_step_of_w_dot_x_plus_b);
	tcase_add_test(tc, perceptron_predict_at_random_inputs);
	tcase_add_test(tc, perceptron_predict_reads_every_input);
	tcase_add_test(tc, perceptron_learns_and);
	tcase_add_test(tc, perceptron_learns_or);
	tcase_add_test(tc, perceptron_cannot_learn_xor);
	tcase_add_test(tc, perceptron_train_stops_at_the_first_clean_epoch);
	tcase_add_test(tc, perceptron_train_follows_the_rule_on_random_problems);
	tcase_add_test(tc, perceptron_train_visits_every_sample);
	return grader_run(s);
}
