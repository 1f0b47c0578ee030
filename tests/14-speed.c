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
 * 8 lanes, and the elements past its end must stay untouched.
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
	double x[MAXLEN] = {0}, y[MAXLEN] = {0};
	for (size_t k = 0; k < n + PAD; k++) {
		x[k] = relu_input(k);
		y[k] = SENTINEL;
	}
	vec_relu(y, x, n);
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
	double x[MAXLEN] = {0}, dy[MAXLEN] = {0}, dx[MAXLEN] = {0};
	for (size_t k = 0; k < n + PAD; k++) {
		x[k] = relu_input(k);
		dy[k] = (double)(k % 5) + 1;
		dx[k] = k < n ? 100.0 + (double)k : SENTINEL;
	}
	x[0] = 1.5; /* a positive first element, so that skipping it shows */
	vec_relu_backward(dx, x, dy, n);
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
	double *x = malloc((n + PAD) * sizeof *x), *y = malloc((n + PAD) * sizeof *y);
	ck_assert_msg(x && y, "out of memory");
	for (size_t k = 0; k < n + PAD; k++) {
		x[k] = k < n ? ref[first + k].x : 0.5;
		y[k] = SENTINEL;
	}
	vec_sigmoid(y, x, n);
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
	free(x), free(y);
}
END_TEST

START_TEST(sigmoid_of_specials)
{
	/* sigmoid(0) = 1/2, the limits, NaN; then lengths with tails. */
	double x[] = {0.0, -0.0, INFINITY, -INFINITY, NAN, 0.0, 0.0, 0.0, 0.0};
	double want[] = {0.5, 0.5, 1.0, 0.0, NAN, 0.5, 0.5, 0.5, 0.5};
	double y[9];
	for (size_t n = 1; n <= 9; n++) {
		for (size_t k = 0; k < 9; k++)
			y[k] = SENTINEL;
		vec_sigmoid(y, x, n);
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
	double x[] = {-708.5, -709, -720, -745, -800, -1000, -1400, -1e6, -1e300};
	enum { N = sizeof x / sizeof x[0] };
	double y[N], dx[N], dy[N];
	for (size_t k = 0; k < N; k++)
		dx[k] = 0, dy[k] = 1;
	vec_sigmoid(y, x, N);
	vec_sigmoid_backward(dx, x, dy, N);
	for (size_t k = 0; k < N; k++) {
		ck_assert_msg(y[k] >= 0 && y[k] < DBL_MIN,
			      "vec_sigmoid(y, x, n = %d): y[%zu] = %.17g for x = %g, expected a value in "
			      "[0, DBL_MIN): e^x is below the normal doubles there -- clamp x before "
			      "building 2^k, and give 0 below the clamp " SEE_EXP, (int)N, k, y[k], x[k]);
		ck_assert_msg(dx[k] >= 0 && dx[k] < DBL_MIN,
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
	double *x = malloc(n * sizeof *x), *dy = malloc(n * sizeof *dy), *dx = malloc(n * sizeof *dx);
	ck_assert_msg(x && dy && dx, "out of memory");
	for (size_t k = 0; k < n; k++) {
		x[k] = ref[first + k].x;
		dy[k] = 1;
		dx[k] = 0;
	}
	vec_sigmoid_backward(dx, x, dy, n);
	for (size_t k = 0; k < n; k++) {
		double want = ref[first + k].g;
		ck_assert_msg(sigmoid_close(dx[k], want),
			      "vec_sigmoid_backward(dx, x, dy, n = %zu): dx[%zu] = %.17g for x = %.17g, dy = 1 "
			      "and dx = 0 before, expected %.17g -- %s", n, k, dx[k], x[k], want,
			      grad_hint(x[k], dx[k], want, 0));
	}
	free(x), free(dy), free(dx);
}
END_TEST

/* dx = 3 and dy = 2 before: dx must become 3 + 2 sigmoid'(x), not 2 sigmoid'(x). */
START_TEST(sigmoid_backward_adds)
{
	double x[11], dy[11], dx[11];
	for (size_t k = 0; k < 11; k++) {
		x[k] = 0.0;
		dy[k] = 2;
		dx[k] = 3;
	}
	vec_sigmoid_backward(dx, x, dy, 11);
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
	double x[3] = {0, NAN, 0}, dy[3] = {1, 1, 1}, dx[3] = {0, 0, 0};
	vec_sigmoid_backward(dx, x, dy, 3);
	expect_nan(dx[1], SEE_NAN, "vec_sigmoid_backward(dx, x = {0, nan, 0}, dy = 1, n = 3): dx[1]");
}
END_TEST

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

/* A small integer in [-3, 3], deterministic. */
static double small(unsigned *state)
{
	*state = *state * 1103515245u + 12345u;
	return (double)((int)((*state >> 16) % 7u) - 3);
}

/* C[M][N] (ldc) += op(A) B through the function under test; A is M x K
 * (lda = K + pad) for NN, K x M (lda = M + pad) for TN.  The float ones get
 * float copies and their result is copied back. */
static void call(enum which w, double *C, size_t ldc, const double *A, size_t lda, const double *B,
		 size_t ldb, size_t M, size_t K, size_t N, size_t a_rows, size_t c_rows)
{
	if (w == NN) {
		gemm_nn(C, ldc, A, lda, B, ldb, M, K, N);
		return;
	}
	if (w == TN) {
		gemm_tn(C, ldc, A, lda, B, ldb, M, K, N);
		return;
	}
	size_t na = a_rows * lda, nb = K * ldb, nc = c_rows * ldc;
	float *Af = malloc(na * sizeof *Af), *Bf = malloc(nb * sizeof *Bf), *Cf = malloc(nc * sizeof *Cf);
	ck_assert_msg(Af && Bf && Cf, "out of memory");
	for (size_t k = 0; k < na; k++)
		Af[k] = (float)A[k];
	for (size_t k = 0; k < nb; k++)
		Bf[k] = (float)B[k];
	for (size_t k = 0; k < nc; k++)
		Cf[k] = (float)C[k];
	if (w == NN_F)
		gemm_nn_f(Cf, ldc, Af, lda, Bf, ldb, M, K, N);
	else
		gemm_tn_f(Cf, ldc, Af, lda, Bf, ldb, M, K, N);
	for (size_t k = 0; k < nc; k++)
		C[k] = (double)Cf[k];
	free(Af), free(Bf), free(Cf);
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
 * computed in integer arithmetic.  The padding of C must stay as it was. */
static void check_gemm(enum which w, size_t M, size_t K, size_t N)
{
	bool tn = w == TN || w == TN_F;
	size_t a_rows = tn ? K : M, a_cols = tn ? M : K;
	size_t lda = a_cols + LD_PAD, ldb = N + LD_PAD, ldc = N + LD_PAD;
	double *A = malloc(a_rows * lda * sizeof *A), *B = malloc(K * ldb * sizeof *B);
	double *C = malloc(M * ldc * sizeof *C), *C0 = malloc(M * ldc * sizeof *C0);
	ck_assert_msg(A && B && C && C0, "out of memory");
	unsigned state = (unsigned)(M * 1000 + K * 10 + N);
	const double pad = 999; /* in every padding slot of A, B and C */
	for (size_t r = 0; r < a_rows; r++)
		for (size_t c = 0; c < lda; c++)
			A[r * lda + c] = c < a_cols ? small(&state) : pad;
	for (size_t r = 0; r < K; r++)
		for (size_t c = 0; c < ldb; c++)
			B[r * ldb + c] = c < N ? small(&state) : pad;
	for (size_t r = 0; r < M; r++)
		for (size_t c = 0; c < ldc; c++)
			C0[r * ldc + c] = C[r * ldc + c] = c < N ? small(&state) : pad;
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
			ck_assert_msg(got == want,
				      "%s(C, ldc = %zu, A, lda = %zu, B, ldb = %zu, M = %zu, K = %zu, N = %zu): "
				      "C[%zu][%zu] = %.9g, expected %.9g (it was %.9g before) -- %s",
				      names[w], ldc, lda, ldb, M, K, N, i, j, got, want, c0,
				      gemm_hint(w, i, j, M, N, got, c0, (double)sum));
		}
	free(A), free(B), free(C), free(C0);
}

START_TEST(gemm_nn_of_small_integers_is_exact) { check_gemm(NN, shapes[_i].M, shapes[_i].K, shapes[_i].N); }
END_TEST
START_TEST(gemm_tn_of_small_integers_is_exact) { check_gemm(TN, shapes[_i].M, shapes[_i].K, shapes[_i].N); }
END_TEST
START_TEST(gemm_nn_f_of_small_integers_is_exact) { check_gemm(NN_F, shapes[_i].M, shapes[_i].K, shapes[_i].N); }
END_TEST
START_TEST(gemm_tn_f_of_small_integers_is_exact) { check_gemm(TN_F, shapes[_i].M, shapes[_i].K, shapes[_i].N); }
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
	tc = grader_tcase(s, "vec_relu_backward");
	tcase_add_loop_test(tc, relu_backward_adds_dy_where_x_is_positive, 0, ROWS(lengths));

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
	tc = grader_tcase(s, "vec_sigmoid_backward");
	tcase_add_loop_test(tc, sigmoid_backward_matches_high_precision_table, 0, starts);
	tcase_add_test(tc, sigmoid_backward_adds);
	tcase_add_test(tc, sigmoid_backward_of_nan_is_nan);

	tc = grader_tcase(s, "gemm_nn");
	tcase_add_loop_test(tc, gemm_nn_of_small_integers_is_exact, 0, ROWS(shapes));
	tcase_add_test(tc, gemm_nn_of_ones_sums_each_column);
	tc = grader_tcase(s, "gemm_tn");
	tcase_add_loop_test(tc, gemm_tn_of_small_integers_is_exact, 0, ROWS(shapes));
	tcase_add_test(tc, gemm_tn_of_ones_sums_each_column);
	tc = grader_tcase(s, "gemm_nn_f");
	tcase_add_loop_test(tc, gemm_nn_f_of_small_integers_is_exact, 0, ROWS(shapes));
	tcase_add_test(tc, gemm_nn_f_of_ones_sums_each_column);
	tc = grader_tcase(s, "gemm_tn_f");
	tcase_add_loop_test(tc, gemm_tn_f_of_small_integers_is_exact, 0, ROWS(shapes));
	tcase_add_test(tc, gemm_tn_f_of_ones_sums_each_column);
	return grader_run(s);
}
