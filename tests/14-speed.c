/* Chapter 14, speed: checks for exercises/14-speed.c.
 *
 * Expected values come from arithmetic and mathematics, never from another
 * implementation:
 *   - ReLU and the matrix products run on small integers, whose products
 *     and sums are exact in float and double, so the expected result is
 *     computed exactly in integer arithmetic and compared for equality;
 *   - the sigmoid and its slope are compared with the mpmath table of
 *     chapter 04 (tests/data/sigmoid-reference.csv), within the chapter's
 *     stated tolerance: relative error 1e-14 wherever the exact value is a
 *     normal double (above 2.2e-308), and 0 <= y < 2.2e-308 below that.
 * Every array is checked at lengths that are and are not multiples of the
 * 8 lanes, and the elements past its end must stay untouched.  Each run
 * also draws its own inputs from the run's seed (GRADER_SEED=N make
 * grade-14 repeats a run): random lengths, values across all magnitudes
 * and random shapes and leading dimensions, with the sigmoid compared with
 * its closed form in long double.  Every buffer handed over has guard
 * elements on both sides, and the const inputs must come back unchanged.
 */
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fast.h"
#include "grader.h"

#define SEE_LANES "(see 14-speed.md, \"Loops the compiler can vectorise\")"
#define SEE_EXP "(see 14-speed.md, \"An exponential without a call\")"
#define SEE_BLOCKS "(see 14-speed.md, \"A matrix product in blocks\")"
#define SEE_NAN "a NaN input gives NaN (see 07-relu.md, \"NaN must survive\")"
#define HINT_TAIL "the last n % 8 elements were not computed: after the chunks of LANES, " \
	"a tail loop does the rest one by one " SEE_LANES
#define HINT_PAST "wrote past the end of the array: a chunk must not start unless all " \
	"LANES of its elements exist (i + LANES <= n) " SEE_LANES
#define HINT_ADD "the gradient was overwritten: a backward function ADDS to it (dx[k] += ...), " \
	"as in chapter 11 " SEE_LANES

/* Lengths: empty, shorter than one chunk, whole chunks, chunks plus a tail. */
static const size_t lengths[] = {0, 1, 5, 8, 9, 16, 23, 37};
#define PAD 4                 /* elements past the end, which must not change */
#define SENTINEL 1234.5       /* what they hold */
#define MAXLEN 64

/* The k-th input of the ReLU checks: small integers, zeros of both signs,
 * a NaN and infinities, spread so that every chunk and tail sees some. */
static double relu_input(size_t k)
{
	switch (k % 11) {
	case 3: return -0.0;
	case 6: return NAN;
	case 9: return k % 2 ? INFINITY : -INFINITY;
	default: return (double)((int)(k * 7 % 11) - 5);
	}
}

/* Where in an array of n element k lies: its chunk of 8 or the tail. */
static bool in_tail(size_t k, size_t n)
{
	return k >= n / 8 * 8;
}

START_TEST(relu_of_small_integers_and_specials)
{
	size_t n = lengths[_i];
	double src[MAXLEN] = {0}, *y = grader_out(n + PAD, SENTINEL);
	for (size_t k = 0; k < n + PAD; k++)
		src[k] = relu_input(k);
	double *x = grader_in(src, n + PAD);
	vec_relu(y, x, n);
	grader_expect_unchanged(x, src, "x", "vec_relu(y, x, n = %zu)", n);
	grader_expect_guards(y, "y", "vec_relu(y, x, n = %zu)", n);
	for (size_t k = 0; k < n + PAD; k++) {
		double want = k >= n ? SENTINEL : isnan(x[k]) ? NAN : x[k] < 0 ? 0.0 : x[k];
		const char *hint = "relu(x) = x < 0 ? 0 : x " SEE_LANES;
		if (k >= n)
			hint = HINT_PAST;
		else if (y[k] == SENTINEL)
			hint = in_tail(k, n) ? HINT_TAIL : "this element was never written " SEE_LANES;
		else if (isnan(x[k]))
			hint = "NaN must stay NaN: x > 0 ? x : 0 and fmax(x, 0) turn it into 0; "
			       "x < 0 ? 0 : x does not " SEE_LANES;
		bool same = isnan(want) ? isnan(y[k]) : y[k] == want;
		ck_assert_msg(same, "vec_relu(y, x, n = %zu): y[%zu] = %.17g for x[%zu] = %.17g, expected %.17g -- %s",
			      n, k, y[k], k, x[k], want, hint);
	}
}
END_TEST

START_TEST(relu_backward_adds_dy_where_x_is_positive)
{
	size_t n = lengths[_i];
	double xs[MAXLEN] = {0}, dys[MAXLEN] = {0}, *dx = grader_out(n + PAD, SENTINEL);
	for (size_t k = 0; k < n + PAD; k++) {
		xs[k] = relu_input(k);
		dys[k] = (double)(k % 5) + 1;
		if (k < n)
			dx[k] = 100.0 + (double)k;
	}
	xs[0] = 1.5; /* a positive first element, so that skipping it shows */
	double *x = grader_in(xs, n + PAD), *dy = grader_in(dys, n + PAD);
	vec_relu_backward(dx, x, dy, n);
	grader_expect_unchanged(x, xs, "x", "vec_relu_backward(dx, x, dy, n = %zu)", n);
	grader_expect_unchanged(dy, dys, "dy", "vec_relu_backward(dx, x, dy, n = %zu)", n);
	grader_expect_guards(dx, "dx", "vec_relu_backward(dx, x, dy, n = %zu)", n);
	for (size_t k = 0; k < n + PAD; k++) {
		double before = k < n ? 100.0 + (double)k : SENTINEL;
		double want = k >= n ? SENTINEL : isnan(x[k]) ? NAN : x[k] > 0 ? before + dy[k] : before;
		const char *hint = "dx += relu'(x) dy, relu'(x) = 1 for x > 0 and 0 for x <= 0 " SEE_LANES;
		if (k >= n)
			hint = HINT_PAST;
		else if (isnan(x[k]))
			hint = "a NaN input must make the gradient NaN: x > 0 ? dy : 0 adds 0 for NaN " SEE_NAN;
		else if (dx[k] == before && want != before)
			hint = in_tail(k, n) ? HINT_TAIL : hint;
		else if (dx[k] == dy[k] || dx[k] == 0)
			hint = HINT_ADD;
		else if (x[k] == 0)
			hint = "by convention relu'(0) = 0: x > 0, not x >= 0 (see 07-relu.md, \"The kink at zero\")";
		bool same = isnan(want) ? isnan(dx[k]) : dx[k] == want;
		ck_assert_msg(same, "vec_relu_backward(dx, x, dy, n = %zu): dx[%zu] = %.17g for x = %.17g, "
			      "dy = %.17g and dx = %.17g before, expected %.17g -- %s",
			      n, k, dx[k], x[k], dy[k], before, want, hint);
	}
}
END_TEST

/* The mpmath table, read at start-up: x, sigmoid(x), sigmoid'(x). */
enum { MAX_REF = 4096 };
static struct grader_ref ref[MAX_REF];
static int nref;
static char ref_error[1024];

START_TEST(reference_table_is_readable)
{
	ck_abort_msg("%s", ref_error);
}
END_TEST

/* The chapter's tolerance: relative 1e-14 for a normal exact value, and any
 * 0 <= got < DBL_MIN below (e^x for x < -708 is no longer normal). */
static bool sigmoid_close(double got, double want)
{
	if (fabs(want) < DBL_MIN)
		return got >= 0 && got < DBL_MIN;
	return fabs(got - want) <= 1e-14 * fabs(want);
}

/* True when the learner's sigmoid is right at x = 1 and x = -1, where
 * nothing can overflow or cancel: sigmoid(1) = 1/(1 + 1/e) and
 * sigmoid(-1) = 1 - sigmoid(1), to 20 digits. */
static bool sigmoid_right_near_zero(void)
{
	double x[2] = {1.0, -1.0}, y[2] = {0, 0};
	vec_sigmoid(y, x, 2);
	return fabs(y[0] - 0.73105857863000487925) < 1e-12 &&
	       fabs(y[1] - 0.26894142136999512075) < 1e-12;
}

static const char *sigmoid_hint(double x, double got, double want)
{
	if (!sigmoid_right_near_zero())
		return "far off already at x = 1 and -1: check the reduction x = k ln 2 + r, and that "
		       "e = e^-|x| " SEE_EXP;
	if (got == SENTINEL)
		return "this element was never written: are the chunks and the tail both there? " SEE_LANES;
	if (!isfinite(got) || (x < -708.4 && !(got >= 0 && got < DBL_MIN)))
		return "below -708.4, e^x is no longer a normal double and 2^k's bits wrap for "
		       "k < -1022: clamp x first, and give 0 there " SEE_EXP;
	if (x < -37 && got == 0 && want >= DBL_MIN)
		return "0 where sigmoid(x), about e^x, is a positive double: 1 - sigmoid(-x) cancels; "
		       "for x < 0 use e/(1 + e) " SEE_EXP;
	if (fabs(got - want) > 1e-9 * fabs(want))
		return "far off: check the reduction x = k ln 2 + r and the sign of the exponent " SEE_EXP;
	return "close, but not within 1e-14: take the Taylor polynomial of e^r to degree 13 and "
	       "ln 2 in two parts " SEE_EXP;
}

/* Rows [first, first + n) of the table through vec_sigmoid at once; _i picks
 * where the run starts, so chunks and tails fall on different rows. */
START_TEST(sigmoid_matches_high_precision_table)
{
	size_t first = (size_t)_i * 3;
	size_t n = (size_t)nref - first;
	double *src = malloc((n + PAD) * sizeof *src), *y = grader_out(n + PAD, SENTINEL);
	ck_assert_msg(src != NULL, "out of memory");
	for (size_t k = 0; k < n + PAD; k++)
		src[k] = k < n ? ref[first + k].x : 0.5;
	double *x = grader_in(src, n + PAD);
	vec_sigmoid(y, x, n);
	grader_expect_unchanged(x, src, "x", "vec_sigmoid(y, x, n = %zu)", n);
	grader_expect_guards(y, "y", "vec_sigmoid(y, x, n = %zu)", n);
	for (size_t k = 0; k < n; k++) {
		double want = ref[first + k].f;
		ck_assert_msg(sigmoid_close(y[k], want),
			      "vec_sigmoid(y, x, n = %zu): y[%zu] = %.17g for x = %.17g, expected %.17g "
			      "(relative error %.3g) -- %s", n, k, y[k], x[k], want,
			      fabs(y[k] - want) / fabs(want), sigmoid_hint(x[k], y[k], want));
	}
	for (size_t k = n; k < n + PAD; k++)
		ck_assert_msg(y[k] == SENTINEL, "vec_sigmoid(y, x, n = %zu): y[%zu] = %.17g -- %s",
			      n, k, y[k], HINT_PAST);
	free(src);
}
END_TEST

START_TEST(sigmoid_of_specials)
{
	/* sigmoid(0) = 1/2, the limits, NaN; then lengths with tails. */
	double x[] = {0.0, -0.0, INFINITY, -INFINITY, NAN, 0.0, 0.0, 0.0, 0.0};
	double want[] = {0.5, 0.5, 1.0, 0.0, NAN, 0.5, 0.5, 0.5, 0.5};
	for (size_t n = 1; n <= 9; n++) {
		double *y = grader_out(n, SENTINEL), *in = grader_in(x, n);
		vec_sigmoid(y, in, n);
		grader_expect_unchanged(in, x, "x", "vec_sigmoid(y, x, n = %zu)", n);
		grader_expect_guards(y, "y", "vec_sigmoid(y, x, n = %zu)", n);
		for (size_t k = 0; k < n; k++) {
			bool ok = isnan(want[k]) ? isnan(y[k]) : y[k] == want[k];
			ck_assert_msg(ok, "vec_sigmoid(y, x, n = %zu): y[%zu] = %.17g for x = %g, expected %g -- %s",
				      n, k, y[k], x[k], want[k],
				      y[k] == SENTINEL ? HINT_TAIL
				      : isnan(x[k]) ? "NaN must stay NaN: a clamp written x < -708 ? -708 : x "
						      "keeps it, since NaN < -708 is false " SEE_EXP
				      : "sigmoid(0) = 1/2, sigmoid(inf) = 1, sigmoid(-inf) = 0 " SEE_EXP);
		}
	}
}
END_TEST

/* Below x = -708.4, sigmoid(x) ~ e^x and sigmoid'(x) ~ e^x are under
 * DBL_MIN: the chapter accepts any value in [0, DBL_MIN) there, and nothing
 * else (a 2^k built from k < -1022 wraps its exponent bits). */
START_TEST(sigmoid_far_below_the_normal_range)
{
	const double xs[] = {-708.5, -709, -720, -745, -800, -1000, -1400, -1e6, -1e300};
	enum { N = sizeof xs / sizeof xs[0] };
	const double dys[N] = {1, 1, 1, 1, 1, 1, 1, 1, 1};
	double *x = grader_in(xs, N), *dy = grader_in(dys, N), *y = grader_out(N, SENTINEL),
	       *dx = grader_out(N, 0);
	vec_sigmoid(y, x, N);
	vec_sigmoid_backward(dx, x, dy, N);
	grader_expect_guards(y, "y", "vec_sigmoid(y, x, n = %d)", (int)N);
	grader_expect_guards(dx, "dx", "vec_sigmoid_backward(dx, x, dy, n = %d)", (int)N);
	grader_expect_unchanged(x, xs, "x", "vec_sigmoid and vec_sigmoid_backward(n = %d)", (int)N);
	for (size_t k = 0; k < N; k++) {
		expect_that(y[k] >= 0 && y[k] < DBL_MIN,
			    "vec_sigmoid(y, x, n = %d): y[%zu] = %.17g for x = %g, expected a value in "
			    "[0, DBL_MIN): e^x is below the normal doubles there -- clamp x before "
			    "building 2^k, and give 0 below the clamp " SEE_EXP, (int)N, k, y[k], x[k]);
		expect_that(dx[k] >= 0 && dx[k] < DBL_MIN,
			    "vec_sigmoid_backward(dx = 0, x, dy = 1, n = %d): dx[%zu] = %.17g for x = %g, "
			    "expected a value in [0, DBL_MIN) -- clamp x before building 2^k " SEE_EXP,
			    (int)N, k, dx[k], x[k]);
	}
}
END_TEST

static const char *grad_hint(double x, double got, double want, double before)
{
	if (fabs(x) > 37 && got == before && want > before)
		return "sigmoid(x)(1 - sigmoid(x)) cancels to 0 for x > 37: with e = e^-|x|, "
		       "sigmoid'(x) = e/(1 + e)^2 for either sign " SEE_EXP;
	if (got == before)
		return "dx did not change: is the tail there? " SEE_LANES;
	if (!isfinite(got))
		return "not a finite number: clamp x before building 2^k " SEE_EXP;
	return "sigmoid'(x) = e/(1 + e)^2 with e = e^-|x|, added to dx " SEE_EXP;
}

/* dx starts at 0 and dy = 1, so dx ends as sigmoid'(x) itself. */
START_TEST(sigmoid_backward_matches_high_precision_table)
{
	size_t first = (size_t)_i * 3;
	size_t n = (size_t)nref - first;
	double *xs = malloc(n * sizeof *xs), *dys = malloc(n * sizeof *dys), *dx = grader_out(n, 0);
	ck_assert_msg(xs && dys, "out of memory");
	for (size_t k = 0; k < n; k++) {
		xs[k] = ref[first + k].x;
		dys[k] = 1;
	}
	double *x = grader_in(xs, n), *dy = grader_in(dys, n);
	vec_sigmoid_backward(dx, x, dy, n);
	grader_expect_unchanged(x, xs, "x", "vec_sigmoid_backward(dx, x, dy, n = %zu)", n);
	grader_expect_unchanged(dy, dys, "dy", "vec_sigmoid_backward(dx, x, dy, n = %zu)", n);
	grader_expect_guards(dx, "dx", "vec_sigmoid_backward(dx, x, dy, n = %zu)", n);
	for (size_t k = 0; k < n; k++) {
		double want = ref[first + k].g;
		ck_assert_msg(sigmoid_close(dx[k], want),
			      "vec_sigmoid_backward(dx, x, dy, n = %zu): dx[%zu] = %.17g for x = %.17g, dy = 1 "
			      "and dx = 0 before, expected %.17g -- %s", n, k, dx[k], x[k], want,
			      grad_hint(x[k], dx[k], want, 0));
	}
	free(xs), free(dys);
}
END_TEST

/* dx = 3 and dy = 2 before: dx must become 3 + 2 sigmoid'(x), not 2 sigmoid'(x). */
START_TEST(sigmoid_backward_adds)
{
	double xs[11], dys[11], *dx = grader_out(11, 3);
	for (size_t k = 0; k < 11; k++) {
		xs[k] = 0.0;
		dys[k] = 2;
	}
	double *x = grader_in(xs, 11), *dy = grader_in(dys, 11);
	vec_sigmoid_backward(dx, x, dy, 11);
	grader_expect_guards(dx, "dx", "vec_sigmoid_backward(dx, x, dy, n = 11)");
	for (size_t k = 0; k < 11; k++)
		/* sigmoid'(0) = 1/4: 3 + 2/4 = 3.5 exactly. */
		ck_assert_msg(dx[k] == 3.5,
			      "vec_sigmoid_backward(dx, x, dy, n = 11): dx[%zu] = %.17g for x = 0, dy = 2 and "
			      "dx = 3 before, expected 3.5 -- %s", k, dx[k],
			      dx[k] == 0.5 ? HINT_ADD : dx[k] == 3 ? HINT_TAIL
			      : "sigmoid'(0) = 1/4, so dx += 2/4 " SEE_EXP);
}
END_TEST

START_TEST(sigmoid_backward_of_nan_is_nan)
{
	const double xs[3] = {0, NAN, 0}, dys[3] = {1, 1, 1};
	double *x = grader_in(xs, 3), *dy = grader_in(dys, 3), *dx = grader_out(3, 0);
	vec_sigmoid_backward(dx, x, dy, 3);
	grader_expect_guards(dx, "dx", "vec_sigmoid_backward(dx, x = {0, nan, 0}, dy, n = 3)");
	expect_nan(dx[1], SEE_NAN, "vec_sigmoid_backward(dx, x = {0, nan, 0}, dy = 1, n = 3): dx[1]");
}
END_TEST

/* ---- Random inputs of the run ---- */

/* A length for round r: every fourth a whole number of chunks (where a
 * loop that runs one chunk too far leaves the array), the others anything
 * up to 9 chunks. */
static size_t random_length(int round)
{
	return round % 4 == 0 ? 8 * grader_int(1, 9) : grader_int(1, 75);
}

/* A value for the ReLU checks: any size from subnormal up, either sign,
 * zeros of both signs, and often in (-1, 1), where a threshold at 1 instead
 * of 0 shows. */
static double relu_random(void)
{
	switch (grader_int(0, 7)) {
	case 0: return grader_uniform(-1, 1);
	case 1: return grader_magnitude(-320, -300, true);
	case 2: return grader_int(0, 1) ? 0.0 : -0.0;
	case 3: return grader_magnitude(-300, 300, true);
	default: return grader_magnitude(-4, 4, true);
	}
}

/* Round r puts a positive x at the first, a middle or the last element (a
 * loop that starts at 1 or stops one short drops it) and a NaN at
 * another; the rest is random. */
static void relu_random_inputs(double *x, size_t n, int round)
{
	size_t pos[3];
	grader_positions(n, pos);
	for (size_t k = 0; k < n; k++)
		x[k] = relu_random();
	x[pos[(round + 1) % 3]] = NAN;
	x[pos[round % 3]] = grader_magnitude(-3, 3, false);
}

typedef void backward_fn(double *restrict dx, const double *restrict x, const double *restrict dy,
			 size_t n);

/* Draws dy[0..n) and dx's values before[0..n) (a quarter of them 0), then
 * calls f(dx, x, dy, n) on guarded copies, checks that x and dy come back
 * unchanged and nothing around dx changed, and returns dx. */
static const double *backward_at_random(backward_fn *f, const char *name, const double *x, double *dy,
					double *before, size_t n)
{
	for (size_t k = 0; k < n; k++) {
		dy[k] = grader_magnitude(-3, 3, true);
		before[k] = grader_int(0, 3) ? grader_magnitude(-3, 3, true) : 0.0;
	}
	double *dx = grader_in(before, n), *xg = grader_in(x, n), *dyg = grader_in(dy, n);
	f(dx, xg, dyg, n);
	grader_expect_unchanged(xg, x, "x", "%s(dx, x, dy, n = %zu)", name, n);
	grader_expect_unchanged(dyg, dy, "dy", "%s(dx, x, dy, n = %zu)", name, n);
	grader_expect_guards(dx, "dx", "%s(dx, x, dy, n = %zu)", name, n);
	return dx;
}

START_TEST(relu_at_random_inputs)
{
	for (int round = 0; round < 24; round++) {
		size_t n = random_length(round);
		double src[MAXLEN * 2], *y = grader_out(n, SENTINEL);
		relu_random_inputs(src, n, round);
		double *x = grader_in(src, n);
		vec_relu(y, x, n);
		grader_expect_unchanged(x, src, "x", "vec_relu(y, x, n = %zu)", n);
		grader_expect_guards(y, "y", "vec_relu(y, x, n = %zu)", n);
		for (size_t k = 0; k < n; k++) {
			double want = isnan(x[k]) ? NAN : x[k] < 0 ? 0.0 : x[k];
			bool same = isnan(want) ? isnan(y[k]) : y[k] == want;
			expect_that(same, "vec_relu(y, x, n = %zu): y[%zu] = %.17g for x[%zu] = %.17g, "
				    "expected %.17g -- %s", n, k, y[k], k, x[k], want,
				    y[k] == SENTINEL ? (in_tail(k, n) ? HINT_TAIL : "this element was never "
							"written " SEE_LANES)
				    : isnan(x[k]) ? "NaN must stay NaN: x < 0 ? 0 : x " SEE_LANES
				    : "relu(x) = x < 0 ? 0 : x, whatever the size of x " SEE_LANES);
		}
	}
}
END_TEST

START_TEST(relu_backward_at_random_inputs)
{
	for (int round = 0; round < 24; round++) {
		size_t n = random_length(round);
		double x[MAXLEN * 2], dy[MAXLEN * 2], before[MAXLEN * 2];
		relu_random_inputs(x, n, round);
		const double *dx = backward_at_random(vec_relu_backward, "vec_relu_backward", x, dy, before, n);
		for (size_t k = 0; k < n; k++) {
			/* One addition, rounded once: the double nearest before + dy. */
			double want = isnan(x[k]) ? NAN : x[k] > 0 ? before[k] + dy[k] : before[k];
			bool same = isnan(want) ? isnan(dx[k]) : dx[k] == want;
			expect_that(same, "vec_relu_backward(dx, x, dy, n = %zu): dx[%zu] = %.17g for x = %.17g, "
				    "dy = %.17g and dx = %.17g before, expected %.17g -- %s", n, k, dx[k], x[k],
				    dy[k], before[k], want,
				    isnan(x[k]) ? "a NaN input must make the gradient NaN " SEE_NAN
				    : dx[k] == before[k] ? (in_tail(k, n) ? HINT_TAIL : "this element did not "
							    "change: does every chunk start at 0? " SEE_LANES)
				    : dx[k] == dy[k] ? HINT_ADD
				    : "dx += dy where x > 0, nothing where x <= 0 " SEE_LANES);
		}
	}
}
END_TEST

/* sigmoid(x) and sigmoid'(x) in long double, whose expl is good to about
 * 1e-19: with e = e^-|x|, 1/(1 + e) or e/(1 + e), and e/(1 + e)^2. */
static long double sigmoid_ld(double x)
{
	long double e = expl(-fabsl((long double)x));
	return x >= 0 ? 1 / (1 + e) : e / (1 + e);
}

static long double sigmoid_grad_ld(double x)
{
	long double e = expl(-fabsl((long double)x));
	return e / ((1 + e) * (1 + e));
}

/* A value for the sigmoid checks: mostly where sigmoid is neither 0 nor 1,
 * some where 1 - sigmoid cancels (|x| > 37), some around -708.4, where
 * e^x leaves the normal doubles, and some anywhere. */
static double sigmoid_random(void)
{
	switch (grader_int(0, 5)) {
	case 0: return grader_uniform(-800, 800);
	case 1: return grader_uniform(-712, -704);
	case 2: return grader_uniform(-60, 60);
	default: return grader_uniform(-12, 12);
	}
}

START_TEST(sigmoid_at_random_inputs)
{
	for (int round = 0; round < 16; round++) {
		size_t n = random_length(round);
		double src[MAXLEN * 2], *y = grader_out(n, SENTINEL);
		for (size_t k = 0; k < n; k++)
			src[k] = sigmoid_random();
		double *x = grader_in(src, n);
		vec_sigmoid(y, x, n);
		grader_expect_unchanged(x, src, "x", "vec_sigmoid(y, x, n = %zu)", n);
		grader_expect_guards(y, "y", "vec_sigmoid(y, x, n = %zu)", n);
		for (size_t k = 0; k < n; k++) {
			double want = (double)sigmoid_ld(x[k]);
			expect_that(sigmoid_close(y[k], want),
				    "vec_sigmoid(y, x, n = %zu): y[%zu] = %.17g for x = %.17g, expected %.17g "
				    "(relative error %.3g) -- %s", n, k, y[k], x[k], want,
				    fabs(y[k] - want) / fabs(want), sigmoid_hint(x[k], y[k], want));
		}
	}
}
END_TEST

/* dx += sigmoid'(x) dy from random dx and dy: the exact result is
 * before + g dy with g = sigmoid'(x), and the chapter allows g a relative
 * error of 1e-14 (any g in [0, DBL_MIN) where it is not normal), plus the
 * roundings of one multiplication and one addition. */
START_TEST(sigmoid_backward_at_random_inputs)
{
	for (int round = 0; round < 16; round++) {
		size_t n = random_length(round);
		double x[MAXLEN * 2], dy[MAXLEN * 2], before[MAXLEN * 2];
		for (size_t k = 0; k < n; k++)
			x[k] = sigmoid_random();
		const double *dx = backward_at_random(vec_sigmoid_backward, "vec_sigmoid_backward", x, dy,
						      before, n);
		for (size_t k = 0; k < n; k++) {
			long double g = sigmoid_grad_ld(x[k]), term = g * dy[k];
			double want = (double)(before[k] + term);
			long double slack = g < DBL_MIN ? DBL_MIN * fabs(dy[k]) : 1e-14L * fabsl(term);
			/* the roundings, relative, or absolute where g dy is subnormal */
			slack += 0x1p-52L * (fabs(before[k]) + fabsl(term)) + 0x1p-1073L;
			expect_that(fabsl(dx[k] - (before[k] + term)) <= slack,
				    "vec_sigmoid_backward(dx, x, dy, n = %zu): dx[%zu] = %.17g for x = %.17g, "
				    "dy = %.17g and dx = %.17g before, expected %.17g -- %s", n, k, dx[k], x[k],
				    dy[k], before[k], want,
				    before[k] != 0 && dx[k] == (double)term ? HINT_ADD : grad_hint(x[k], dx[k], want, before[k]));
		}
	}
}
END_TEST

/* For the reference solution only ($COURSE_ULP_CHECK): one element through
 * the array functions, held to 4 ULP of the table, as chapter 04's are.
 * The chapter's 1e-14 is about 45 ULP; the solution's Taylor polynomial to
 * degree 13 and two-part ln 2 are meant to do far better, and a wrong
 * coefficient of a high power costs more than 4. */
static double sigmoid_one(double x)
{
	double y = 0;
	vec_sigmoid(&y, &x, 1);
	return y;
}

static double sigmoid_grad_one(double x)
{
	double dx = 0, dy = 1;
	vec_sigmoid_backward(&dx, &x, &dy, 1);
	return dx;
}

/* ---- The matrix products ---- */

/* Shapes M x K times K x N: below, at and past the blocks of 8 rows and of
 * 16 (double) or 32 (float) columns, and the network's own small layer. */
static const struct { size_t M, K, N; } shapes[] = {
	{1, 1, 1}, {3, 5, 7}, {4, 3, 16}, {8, 6, 32}, {5, 7, 33}, {8, 9, 64},
	{9, 17, 70}, {12, 64, 10}, {7, 1, 48}, {13, 20, 97}, {16, 5, 40}, {17, 3, 33},
};
enum { LD_PAD = 3 }; /* every leading dimension is 3 more than the row */

enum which { NN, TN, NN_F, TN_F };
static const char *const names[] = {"gemm_nn", "gemm_tn", "gemm_nn_f", "gemm_tn_f"};

/* A small integer in [-3, 3], from the run's seed. */
static double small(void)
{
	return (double)grader_int(0, 6) - 3;
}

/* C (c_rows rows of ldc) += op(A) B through the function under test, every
 * buffer guarded: A is M x K (lda) for NN, K x M for TN.  The float ones
 * get float copies, and their result is copied back.  A and B must come
 * back unchanged, and nothing around C may change. */
static void call(enum which w, double *C, size_t ldc, const double *A, size_t lda, const double *B,
		 size_t ldb, size_t M, size_t K, size_t N, size_t a_rows, size_t c_rows)
{
	size_t na = a_rows * lda, nb = K * ldb, nc = c_rows * ldc;
	char what[160];
	snprintf(what, sizeof what, "%s(C, ldc = %zu, A, lda = %zu, B, ldb = %zu, M = %zu, K = %zu, N = %zu)",
		 names[w], ldc, lda, ldb, M, K, N);
	if (w == NN || w == TN) {
		double *Cg = grader_out(nc, 0), *Ag = grader_in(A, na), *Bg = grader_in(B, nb);
		memcpy(Cg, C, nc * sizeof *C);
		(w == NN ? gemm_nn : gemm_tn)(Cg, ldc, Ag, lda, Bg, ldb, M, K, N);
		grader_expect_unchanged(Ag, A, "A", "%s", what);
		grader_expect_unchanged(Bg, B, "B", "%s", what);
		grader_expect_guards(Cg, "C", "%s", what);
		memcpy(C, Cg, nc * sizeof *C);
		return;
	}
	float *Af = malloc(na * sizeof *Af), *Bf = malloc(nb * sizeof *Bf), *Cf = grader_out_f(nc, 0);
	ck_assert_msg(Af && Bf, "out of memory");
	for (size_t k = 0; k < na; k++)
		Af[k] = (float)A[k];
	for (size_t k = 0; k < nb; k++)
		Bf[k] = (float)B[k];
	for (size_t k = 0; k < nc; k++)
		Cf[k] = (float)C[k];
	float *Ag = grader_in_f(Af, na), *Bg = grader_in_f(Bf, nb);
	(w == NN_F ? gemm_nn_f : gemm_tn_f)(Cf, ldc, Ag, lda, Bg, ldb, M, K, N);
	grader_expect_unchanged(Ag, Af, "A", "%s", what);
	grader_expect_unchanged(Bg, Bf, "B", "%s", what);
	grader_expect_guards(Cf, "C", "%s", what);
	for (size_t k = 0; k < nc; k++)
		C[k] = (double)Cf[k];
	free(Af), free(Bf);
}

static const char *gemm_hint(enum which w, size_t i, size_t j, size_t M, size_t N, double got,
			     double c0, double sum)
{
	size_t nr = w == NN || w == TN ? 16 : 32;
	if (j >= N)
		return "wrote into the padding after a row: row i of C starts at C + i * ldc, and "
		       "ldc may be larger than N " SEE_BLOCKS;
	if (got == c0 && sum != 0)
		return i >= M / 8 * 8 || j >= N / nr * nr
			       ? "an edge was left out: rows past the last block of 8, or columns past "
				 "the last full block, need the plain loop too " SEE_BLOCKS
			       : "this element of C did not change " SEE_BLOCKS;
	if (got == sum && c0 != 0)
		return "C was overwritten: the product is ADDED to C (C += A B), so a block starts "
		       "from C's values, not from 0 " SEE_BLOCKS;
	if (w == TN || w == TN_F)
		return "A is stored K rows of M and read transposed: element (i, k) of op(A) is "
		       "A[k * lda + i] " SEE_BLOCKS;
	return "C[i][j] += sum over k of A[i][k] B[k][j], with row r of a matrix at r times its "
	       "leading dimension " SEE_BLOCKS;
}

/* Small integers everywhere, so every sum is exact: the expected C is
 * computed in integer arithmetic.  Each leading dimension is its row's
 * width plus pad_a, pad_b, pad_c, and the padding of C must stay as it
 * was. */
static void check_gemm(enum which w, size_t M, size_t K, size_t N, size_t pad_a, size_t pad_b,
		       size_t pad_c)
{
	bool tn = w == TN || w == TN_F;
	size_t a_rows = tn ? K : M, a_cols = tn ? M : K;
	size_t lda = a_cols + pad_a, ldb = N + pad_b, ldc = N + pad_c;
	double *A = malloc(a_rows * lda * sizeof *A), *B = malloc(K * ldb * sizeof *B);
	double *C = malloc(M * ldc * sizeof *C), *C0 = malloc(M * ldc * sizeof *C0);
	ck_assert_msg(A && B && C && C0, "out of memory");
	const double pad = 999; /* in every padding slot of A, B and C */
	for (size_t r = 0; r < a_rows; r++)
		for (size_t c = 0; c < lda; c++)
			A[r * lda + c] = c < a_cols ? small() : pad;
	for (size_t r = 0; r < K; r++)
		for (size_t c = 0; c < ldb; c++)
			B[r * ldb + c] = c < N ? small() : pad;
	for (size_t r = 0; r < M; r++)
		for (size_t c = 0; c < ldc; c++)
			C0[r * ldc + c] = C[r * ldc + c] = c < N ? small() : pad;
	call(w, C, ldc, A, lda, B, ldb, M, K, N, a_rows, M);
	for (size_t i = 0; i < M; i++)
		for (size_t j = 0; j < ldc; j++) {
			long sum = 0;
			for (size_t k = 0 ; j < N && k < K; k++) {
				long a = (long)(tn ? A[k * lda + i] : A[i * lda + k]);
				sum += a * (long)B[k * ldb + j];
			}
			double c0 = C0[i * ldc + j];
			double want = j < N ? c0 + (double)sum : pad;
			double got = C[i * ldc + j];
			expect_that(got == want,
				    "%s(C, ldc = %zu, A, lda = %zu, B, ldb = %zu, M = %zu, K = %zu, N = %zu): "
				    "C[%zu][%zu] = %.9g, expected %.9g (it was %.9g before) -- %s",
				    names[w], ldc, lda, ldb, M, K, N, i, j, got, want, c0,
				    gemm_hint(w, i, j, M, N, got, c0, (double)sum));
		}
	free(A), free(B), free(C), free(C0);
}

/* The fixed shapes, each with leading dimensions LD_PAD wider than the rows. */
static void check_shape(enum which w, int i)
{
	check_gemm(w, shapes[i].M, shapes[i].K, shapes[i].N, LD_PAD, LD_PAD, LD_PAD);
}

/* Random shapes of the run: up to 3 blocks of rows and of columns and
 * their edges, with padding of 0 to 4 after each row (0: a matrix exactly
 * as wide as its rows, whose last element ends the buffer). */
static void check_random_shapes(enum which w)
{
	for (int round = 0; round < 6; round++) {
		size_t M = grader_int(1, 26), K = grader_int(1, 24), N = grader_int(1, 100);
		check_gemm(w, M, K, N, grader_int(0, 4), grader_int(0, 4), grader_int(0, 4));
	}
}

START_TEST(gemm_nn_of_small_integers_is_exact) { check_shape(NN, _i); }
END_TEST
START_TEST(gemm_tn_of_small_integers_is_exact) { check_shape(TN, _i); }
END_TEST
START_TEST(gemm_nn_f_of_small_integers_is_exact) { check_shape(NN_F, _i); }
END_TEST
START_TEST(gemm_tn_f_of_small_integers_is_exact) { check_shape(TN_F, _i); }
END_TEST
/* One check for the four products: _i is which (one loop index per test case). */
START_TEST(gemm_at_random_shapes) { check_random_shapes((enum which)_i); }
END_TEST

/* A closed form: A all ones and B[k][j] = k + 1 give, for every i and j,
 * C[i][j] = 1 + 2 + ... + K = K (K + 1) / 2 (C starts at 0). */
static void check_ones(enum which w)
{
	enum { M = 9, K = 40, N = 35 };
	static double A[K * (M > K ? M : K)], B[K * N], C[M * N];
	for (size_t k = 0; k < sizeof A / sizeof A[0]; k++)
		A[k] = 1;
	for (size_t k = 0; k < K; k++)
		for (size_t j = 0; j < N; j++)
			B[k * N + j] = (double)(k + 1);
	memset(C, 0, sizeof C);
	bool tn = w == TN || w == TN_F;
	call(w, C, N, A, tn ? M : K, B, N, M, K, N, tn ? K : M, M);
	for (size_t i = 0; i < M; i++)
		for (size_t j = 0; j < N; j++)
			ck_assert_msg(C[i * N + j] == K * (K + 1) / 2,
				      "%s(C, A = ones, B[k][j] = k + 1, M = %d, K = %d, N = %d): C[%zu][%zu] = %.9g, "
				      "expected 1 + 2 + ... + %d = %d -- every k < K must be summed " SEE_BLOCKS,
				      names[w], M, K, N, i, j, C[i * N + j], K, K * (K + 1) / 2);
}

START_TEST(gemm_nn_of_ones_sums_each_column) { check_ones(NN); }
END_TEST
START_TEST(gemm_tn_of_ones_sums_each_column) { check_ones(TN); }
END_TEST
START_TEST(gemm_nn_f_of_ones_sums_each_column) { check_ones(NN_F); }
END_TEST
START_TEST(gemm_tn_f_of_ones_sums_each_column) { check_ones(TN_F); }
END_TEST

int main(void)
{
	Suite *s = suite_create("14-speed");
	TCase *tc = grader_tcase(s, "vec_relu");
	tcase_add_loop_test(tc, relu_of_small_integers_and_specials, 0, ROWS(lengths));
	tcase_add_test(tc, relu_at_random_inputs);
	tc = grader_tcase(s, "vec_relu_backward");
	tcase_add_loop_test(tc, relu_backward_adds_dy_where_x_is_positive, 0, ROWS(lengths));
	tcase_add_test(tc, relu_backward_at_random_inputs);

	int starts = 0;
	nref = grader_load_reference("sigmoid-reference.csv", ref, MAX_REF, ref_error, sizeof ref_error);
	if (nref > 8)
		starts = 3; /* runs from rows 0, 3 and 6: the chunks fall differently */
	tc = grader_tcase(s, "vec_sigmoid");
	if (nref <= 8)
		tcase_add_test(tc, reference_table_is_readable);
	tcase_add_loop_test(tc, sigmoid_matches_high_precision_table, 0, starts);
	tcase_add_test(tc, sigmoid_of_specials);
	tcase_add_test(tc, sigmoid_far_below_the_normal_range);
	tcase_add_test(tc, sigmoid_at_random_inputs);
	tc = grader_tcase(s, "vec_sigmoid_backward");
	tcase_add_loop_test(tc, sigmoid_backward_matches_high_precision_table, 0, starts);
	tcase_add_test(tc, sigmoid_backward_adds);
	tcase_add_test(tc, sigmoid_backward_of_nan_is_nan);
	tcase_add_test(tc, sigmoid_backward_at_random_inputs);
	if (nref > 8)
		grader_add_ulp_check(s, (struct grader_table){ref, nref, 1}, sigmoid_one, "vec_sigmoid",
				     sigmoid_grad_one, "vec_sigmoid_backward");

	tc = grader_tcase(s, "gemm_nn");
	tcase_add_loop_test(tc, gemm_nn_of_small_integers_is_exact, 0, ROWS(shapes));
	tcase_add_test(tc, gemm_nn_of_ones_sums_each_column);
	tcase_add_loop_test(tc, gemm_at_random_shapes, NN, NN + 1);
	tc = grader_tcase(s, "gemm_tn");
	tcase_add_loop_test(tc, gemm_tn_of_small_integers_is_exact, 0, ROWS(shapes));
	tcase_add_test(tc, gemm_tn_of_ones_sums_each_column);
	tcase_add_loop_test(tc, gemm_at_random_shapes, TN, TN + 1);
	tc = grader_tcase(s, "gemm_nn_f");
	tcase_add_loop_test(tc, gemm_nn_f_of_small_integers_is_exact, 0, ROWS(shapes));
	tcase_add_test(tc, gemm_nn_f_of_ones_sums_each_column);
	tcase_add_loop_test(tc, gemm_at_random_shapes, NN_F, NN_F + 1);
	tc = grader_tcase(s, "gemm_tn_f");
	tcase_add_loop_test(tc, gemm_tn_f_of_small_integers_is_exact, 0, ROWS(shapes));
	tcase_add_test(tc, gemm_tn_f_of_ones_sums_each_column);
	tcase_add_loop_test(tc, gemm_at_random_shapes, TN_F, TN_F + 1);
	return grader_run(s);
}
