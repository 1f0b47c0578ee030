/* grader.h: what every chapter's Check suite shares.
 *
 * A check reads like the sentence a learner needs when it fails:
 *
 *     expect_close(act_sigmoid_grad(x), want, TOL_EXACT, 0,
 *                  "sigma'(x) = sigma(x)(1 - sigma(x)) (see 04-sigmoid.md, \"The derivative\")",
 *                  "act_sigmoid_grad(%.17g)", x);
 *
 * fails with
 *
 *     act_sigmoid_grad(0) returned 0.5, expected 0.25 -- sigma'(x) = ... (see ...)
 *
 * Numbers are printed with 17 significant digits, enough to tell any two
 * doubles apart.  Comparisons use a relative error with a floor,
 *     |got - want| / max(floor, |got| + |want|),
 * because Check's own _tol macros are absolute only.
 *
 * The parts, one file each:
 *   grader.c         comparisons, messages, central differences
 *   grader-run.c     the runner: the TAP the learner sees, the run's seed
 *   grader-check.c   each check's own process, whose exits, signals, hangs
 *                    and output are caught and named
 *   grader-where.c   which function was running (for those messages)
 *   grader-guard.c   guard elements around the buffers learner code writes
 *   grader-table.c   the mpmath reference tables of tests/data/
 */
#ifndef GRADER_H
#define GRADER_H

#include <check.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "rng.h"

/* Tolerances, as relative errors.  TOL_EXACT allows a few rounding errors of
 * a good formula (2^-52 is one ULP); TOL_TEXTBOOK also admits a correct
 * textbook formula that loses a few more digits. */
#define TOL_EXACT 1e-14
#define TOL_TEXTBOOK 1e-9

/* ---- Comparisons and messages (grader.c) ---- */

/* True when got and want agree: both NaN, the same infinity, or finite with
 * |got - want| / max(floor, |got| + |want|) <= tol. */
bool grader_close(double got, double want, double tol, double floor);

/* The relative error with a floor used by grader_close (NaN if either is NaN). */
double grader_rel_err(double got, double want, double floor);

/* Writes "CALL returned GOT, expected WANT -- HINT" into msg when got and want
 * differ, and returns false; returns true when they agree. */
bool grader_check_close(char *msg, size_t size, double got, double want,
			double tol, double floor, const char *hint,
			const char *callfmt, ...)
	__attribute__((format(printf, 8, 9)));

/* The same for an expected NaN. */
bool grader_check_nan(char *msg, size_t size, double got, const char *hint,
		      const char *callfmt, ...)
	__attribute__((format(printf, 5, 6)));

/* Central difference (f(x + h) - f(x - h)) / 2h: error O(h^2) for smooth f,
 * against O(h) for a one-sided difference (chapter 06).  ctx is passed to f
 * untouched: the parameters of the function being differentiated. */
double grader_central_diff(double (*f)(double x, void *ctx), void *ctx, double x, double h);

/* The gradient-check rule of chapter 06: an analytic derivative a agrees
 * with a central difference n (h = 1e-5) when |a - n| <= 1e-6 + 1e-4 |n|.
 * Correct code sits near 1e-10 of n; real bugs are off by 1e-2 or more. */
bool grader_grad_agrees(double a, double n);

/* |got - want| in units of the last place of want: the accuracy measure of
 * the reference solutions, held to 4 wherever want is a normal double. */
double grader_ulps(double got, double want);

/* Writes v[0 .. n) into buf as "[2, 1, 0.1]", each number with the fewest
 * digits that read back exactly, and returns buf: a message that shows a
 * whole array. */
const char *grader_show_array(char *buf, size_t size, const double *v, size_t n);

/* True when got[0 .. n) and want[0 .. n) agree entry by entry, within
 * TOL_EXACT: for arrays worked by hand, where only rounding may differ. */
bool grader_same_array(const double *got, const double *want, int n);

/* log softmax(z)[0..n) in long double, (z_i - m) - log sum_j e^(z_j - m):
 * the expected values of random checks on logits (chapters 09 and 11). */
void grader_log_softmax(const double *z, size_t n, long double *lp);

/* The first, a middle and the last index of n >= 1 elements: where a check
 * puts the element that decides the answer (the largest logit, the NaN, the
 * odd sample), so that a loop that skips either end is caught. */
void grader_positions(size_t n, size_t pos[3]);

/* ---- The runner (grader-run.c) ---- */

/* Seconds a single check may run before it counts as an endless loop
 * ($GRADER_TIMEOUT overrides it, for the mutation tool). */
#define GRADER_TIMEOUT 10
/* Bytes of output a check's code may write before it counts as a flood. */
#define GRADER_OUTPUT_LIMIT (1 << 20)

/* A new test case of suite s.  Each of its checks runs in a process of its
 * own with a time limit, so that a crash, an exit or an endless loop in the
 * code under test fails that check alone, with a message that says what
 * happened and in which function. */
TCase *grader_tcase(Suite *s, const char *name);

/* Runs suite s and prints TAP on stdout: one line per check, then the
 * output the code under test printed, as comments (it never reaches the
 * TAP stream itself).  Every failure names the run's seed.  Returns
 * EXIT_FAILURE when any check failed: the exit status is the verdict. */
int grader_run(Suite *s);

/* The run's seed: $GRADER_SEED, or a fresh one each run, printed with
 * every failure so that `GRADER_SEED=N make grade-NN` replays the run. */
uint64_t grader_seed(void);

/* The current check's own generator, seeded from the run's seed and the
 * check's number: the random inputs of one check do not depend on how many
 * the others drew. */
struct rng *grader_rng(void);

/* A uniform draw from [lo, hi) of the current check's generator. */
double grader_uniform(double lo, double hi);
/* A draw whose size is spread over orders of magnitude: sign * 10^e with e
 * uniform on [lo_exp, hi_exp) and the sign random when signed_ is true. */
double grader_magnitude(double lo_exp, double hi_exp, bool signed_);
/* A uniform integer in [lo, hi]. */
size_t grader_int(size_t lo, size_t hi);

/* ---- Guard elements (grader-guard.c) ---- */

/* Guard elements on each side of a guarded buffer. */
#define GRADER_GUARD 4

/* n doubles for code under test to write, each set to fill, with
 * GRADER_GUARD guard elements before and after.  It lives until the check
 * ends (each check is a process of its own). */
double *grader_out(size_t n, double fill);

/* A guarded copy of src[0..n), for an input the API declares const. */
double *grader_in(const double *src, size_t n);

/* Fails the check when a guard of buf (from grader_out or grader_in)
 * changed: "CALL wrote past out[n-1]" or "before out[0]". */
void grader_expect_guards(const double *buf, const char *name, const char *callfmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Fails the check when the input in (from grader_in(src, n)) no longer
 * equals src, or its guards changed: "CALL wrote into its input z". */
void grader_expect_unchanged(const double *in, const double *src, const char *name,
			     const char *callfmt, ...)
	__attribute__((format(printf, 4, 5)));

/* The number of elements of a guarded buffer. */
size_t grader_len(const double *buf);

/* ---- Reference tables (grader-table.c) ---- */

/* One row of a high-precision reference table in tests/data/: x, f(x),
 * f'(x), computed with mpmath (tests/data/make-accuracy-data.py). */
struct grader_ref {
	double x, f, g;
};

/* A table, checked in chunks of GRADER_CHUNK rows (one loop index each). */
struct grader_table {
	const struct grader_ref *rows;
	int n, chunks;
};
enum { GRADER_CHUNK = 100 };

/* The one reader of those tables: tests/data/NAME (under $srcdir, which
 * make sets) into rows[max].  Returns the number of rows, or -1 with msg
 * saying which file and what is wrong (missing, empty, a malformed line,
 * too many rows). */
int grader_load_reference(const char *name, struct grader_ref *rows, int max, char *msg, size_t size);

/* Reads tests/data/NAME with grader_load_reference.  When it cannot,
 * the returned table is empty and tc gets a failing check,
 * reference_table_is_readable, that says which file and what is wrong. */
struct grader_table grader_table(const char *name, TCase *tc);

/* The rows of chunk i of table t, for a loop test. */
#define GRADER_FOR_CHUNK(t, row, i)                                                  \
	for (const struct grader_ref *row = (t).rows + (i) * GRADER_CHUNK;            \
	     row < (t).rows + (t).n && row < (t).rows + ((i) + 1) * GRADER_CHUNK; row++)

/* Adds, when $COURSE_ULP_CHECK is set (for the reference solutions), a
 * check that f and g are within 4 ULP of table t wherever the exact value
 * is a normal double. */
void grader_add_ulp_check(Suite *s, struct grader_table t, double (*f)(double), const char *fname,
			  double (*g)(double), const char *gname);

/* ---- Shorthands ---- */

/* Fails the current check unless got is close to want. */
#define expect_close(got, want, tol, floor, hint, ...)                          \
	do {                                                                    \
		char grader_msg_[1024];                                         \
		if (!grader_check_close(grader_msg_, sizeof grader_msg_, (got), \
					(want), (tol), (floor), (hint),         \
					__VA_ARGS__))                           \
			ck_abort_msg("%s", grader_msg_);                        \
	} while (0)

/* Fails the current check unless got is a NaN. */
#define expect_nan(got, hint, ...)                                              \
	do {                                                                    \
		char grader_msg_[1024];                                         \
		if (!grader_check_nan(grader_msg_, sizeof grader_msg_, (got),   \
				      (hint), __VA_ARGS__))                     \
			ck_abort_msg("%s", grader_msg_);                        \
	} while (0)

/* Fails the current check with a message unless cond holds.  Unlike
 * ck_assert_msg it costs nothing when cond holds (Check records a location
 * for every passing ck_assert), so it suits loops of many thousands. */
#define expect_that(cond, ...)                                                  \
	do {                                                                    \
		if (!(cond))                                                    \
			ck_abort_msg(__VA_ARGS__);                              \
	} while (0)

/* Number of rows of a reference table, for tcase_add_loop_test. */
#define ROWS(table) ((int)(sizeof(table) / sizeof((table)[0])))

#endif
