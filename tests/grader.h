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
 */
#ifndef GRADER_H
#define GRADER_H

#include <check.h>
#include <stdbool.h>
#include <stddef.h>

/* Tolerances, as relative errors.  TOL_EXACT allows a few rounding errors of
 * a good formula (2^-52 is one ULP); TOL_TEXTBOOK also admits a correct
 * textbook formula that loses a few more digits. */
#define TOL_EXACT 1e-14
#define TOL_TEXTBOOK 1e-9

/* Seconds a single check may run before it counts as an endless loop. */
#define GRADER_TIMEOUT 10

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
 * against O(h) for a one-sided difference (chapter 06). */
double grader_central_diff(double (*f)(double), double x, double h);

/* The gradient-check rule of chapter 06: an analytic derivative a agrees
 * with a central difference n (h = 1e-5) when |a - n| <= 1e-6 + 1e-4 |n|.
 * Correct code sits near 1e-10 of n; real bugs are off by 1e-2 or more. */
bool grader_grad_agrees(double a, double n);

/* One row of a high-precision reference table in tests/data/: x, f(x), f'(x),
 * computed with mpmath (tests/data/make-accuracy-data.py). */
struct grader_ref {
	double x, f, g;
};

/* Reads the CSV tests/data/NAME (under $srcdir, which make sets) into
 * rows[max] and returns the number of rows, or -1 with msg saying which file
 * and what is wrong (missing, empty, a malformed line, too many rows). */
int grader_load_reference(const char *name, struct grader_ref *rows, int max,
			  char *msg, size_t size);

/* |got - want| in units of the last place of want: the accuracy measure of
 * the reference solutions, held to 4 wherever want is a normal double. */
double grader_ulps(double got, double want);

/* True when f and its derivative g are within max_ulp ULP of rows[0..n)
 * wherever the exact value is a normal double; otherwise false, with msg
 * naming the first row that is not ("act_tanh(0.5) returned ..."). */
bool grader_table_within_ulps(const struct grader_ref *rows, int n,
			      double (*f)(double), const char *fname,
			      double (*g)(double), const char *gname,
			      double max_ulp, char *msg, size_t size);

/* True when got[0 .. n) and want[0 .. n) agree entry by entry, within
 * TOL_EXACT: for arrays worked by hand, where only rounding may differ. */
bool grader_same_array(const double *got, const double *want, int n);

/* Writes v[0 .. n) into buf as "[45, -3, 8, 98]", 17 digits each, and
 * returns buf, for a message that shows a whole array. */
const char *grader_show_array(char *buf, size_t size, const double *v, int n);

/* A new test case of suite s with the course's timeout.  Check forks for
 * every test, so a crash or an endless loop fails that check alone. */
TCase *grader_tcase(Suite *s, const char *name);

/* Runs a suite in Check's fork mode, printing TAP on stdout, and returns
 * EXIT_FAILURE when any check failed: the exit status is the verdict. */
int grader_run(Suite *s);

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

/* Number of rows of a reference table, for tcase_add_loop_test. */
#define ROWS(table) ((int)(sizeof(table) / sizeof((table)[0])))

#endif
