/* Chapter 09, Softmax and cross-entropy: checks for exercises/09-softmax.c.
 *
 * Expected values come from tests/data/softmax-values.h (mpmath, 60 digits,
 * made by tests/data/softmax-values.py) or from formulas evaluated here by
 * the suite's own loops (the Jacobian p_i (delta_ij - p_j)); never from the
 * solution. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "activations.h"
#include "grader.h"
#include "loss.h"

#include "data/softmax-values.h"

#define CH "see 09-softmax.md"
#define SEE_P "p_i = e^z_i / sum_j e^z_j (" CH ", \"From logits to probabilities\")"
#define SEE_MAX "subtract the largest logit before exp (" CH ", \"Subtract the maximum\")"
#define SEE_LOG "log softmax(z)_i = z_i - m - log(sum_j e^(z_j - m)) (" CH ", \"Log-softmax and log-sum-exp\")"
#define SEE_EDGE "(" CH ", \"The edge cases\")"
#define SEE_JAC "J[i*n + j] = p_i (delta_ij - p_j) (" CH ", \"The Jacobian\")"
#define SEE_BACK "dz_j = p_j (dp_j - sum_i p_i dp_i) (" CH ", \"The backward pass\")"
#define SEE_CE "loss = log(sum_i e^z_i) - z_label, computed from the logits (" CH ", \"Cross-entropy from logits\")"
#define SEE_GRAD "d loss / dz = p - y, y the one-hot label (" CH ", \"The gradient of the loss\")"
#define SEE_NAN "a NaN input gives NaN (see 01-why.md, \"Rules of the road\")"

#define LOG1P_HINT "log(1 + s) rounds 1 + s to 1 when s < 1e-16, losing the whole answer: use log1p(s)"
#define NOMAX_HINT "e^1000 overflows to inf (and e^-1000 underflows to 0), so the division gives NaN: " SEE_MAX

/* What an untouched output holds, so that a function that writes nothing fails. */
#define JUNK 12345.0

static const struct softmax_row *row_at(int i) { return &softmax_rows[i]; }

#define vec grader_show_array

static void fill(double *v, size_t n, double x)
{
	for (size_t i = 0; i < n; i++)
		v[i] = x;
}

static bool any_big(const double *z, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (isfinite(z[i]) && fabs(z[i]) > 700)
			return true;
	return false;
}

static bool any_nonfinite(const double *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!isfinite(v[i]))
			return true;
	return false;
}

/* softmax(z / m) with m the largest logit: what dividing by the maximum,
 * instead of subtracting it, computes. */
static bool looks_divided_by_max(const double *got, const double *z, size_t n)
{
	double m = z[0], e[64], s = 0;
	for (size_t i = 1; i < n; i++)
		m = fmax(m, z[i]);
	if (n < 2 || n > 64 || !isfinite(m) || m == 0)
		return false;
	for (size_t i = 0; i < n; i++)
		s += e[i] = exp(z[i] / m);
	for (size_t i = 0; i < n; i++)
		if (!grader_close(got[i], e[i] / s, 1e-9, 1e-300))
			return false;
	return true;
}

/* Checks got[0..n) against want[0..n): "CALL[i] returned ..., expected ...". */
static void expect_vec(const double *got, const double *want, size_t n, double tol,
		       double floor, const char *hint, const char *call)
{
	for (size_t i = 0; i < n; i++)
		expect_close(got[i], want[i], tol, floor, hint, "%s[%zu]", call, i);
}

/* The floor of the relative error for results in the log domain.  The
 * usual log-sum-exp, z_i - (m + log sum_j e^(z_j - m)) with m the largest
 * logit, adds m and takes it away again, which costs up to about one ulp of
 * m: 1e-13 when m = 1000.  That is as exact as the logits themselves (1000
 * is only known to an ulp of 1000), so it passes; an error that does not
 * shrink with m (log(1 + s) for log1p(s), log of an underflowed p) does not. */
static double lse_floor(const double *z, size_t n)
{
	double m = 0;
	for (size_t i = 0; i < n; i++)
		if (isfinite(z[i]) && fabs(z[i]) > m)
			m = fabs(z[i]);
	return m > 1e-300 ? m : 1e-300;
}

/* Blames overflow only for an output that is not finite. */
static const char *big_hint(double got, const char *otherwise)
{
	return isfinite(got) ? otherwise : NOMAX_HINT;
}

/* ---- Your functions, called through guarded buffers ----
 * Every call of this suite goes through these: the inputs are copied into
 * guarded buffers and compared with the originals afterwards (they are
 * const), and the outputs are guarded buffers holding what the caller's
 * held (JUNK, so that an output never written shows), copied back after.
 * In place (out == z) one guarded buffer serves as both. */

/* "act_softmax(z = [1, 2], n = 2)" for the messages. */
static const char *call_of(char *buf, size_t size, const char *fn, const char *arg, const double *v, size_t n)
{
	char vs[256];
	snprintf(buf, size, "%s(%s = %s, n = %zu)", fn, arg, v ? grader_show_array(vs, sizeof vs, v, n) : "NULL", n);
	return buf;
}

/* A guarded copy of v[n], or NULL for NULL. */
static double *guarded(const double *v, size_t n)
{
	return v ? grader_in(v, n) : NULL;
}

/* Copies the guarded out back into the caller's, unless it is NULL. */
static void give_back(double *out, const double *g, size_t n)
{
	if (out && n)
		memcpy(out, g, n * sizeof *out);
}

/* act_softmax or act_log_softmax, guarded. */
static void vector_fn(void (*fn)(const double *, double *, size_t), const char *name, const double *z,
		      double *out, size_t n)
{
	char c[512];
	call_of(c, sizeof c, name, "z", z, n);
	if (out && out == z) {
		double *g = grader_in(z, n);
		fn(g, g, n);
		grader_expect_guards(g, "z", "%s in place (out = z)", c);
		give_back(out, g, n);
		return;
	}
	double *gz = guarded(z, n), *go = out ? grader_in(out, n) : grader_out(0, 0);
	fn(gz, out ? go : NULL, n);
	if (gz)
		grader_expect_unchanged(gz, z, "z", "%s", c);
	grader_expect_guards(go, "out", "%s", c);
	give_back(out, go, n);
}

static void softmax(const double *z, double *out, size_t n)
{
	vector_fn(act_softmax, "act_softmax", z, out, n);
}

static void log_softmax(const double *z, double *out, size_t n)
{
	vector_fn(act_log_softmax, "act_log_softmax", z, out, n);
}

static void jacobian(const double *p, double *J, size_t n)
{
	char c[512];
	call_of(c, sizeof c, "act_softmax_jacobian", "p", p, n);
	double *gp = guarded(p, n), *gJ = J ? grader_in(J, n * n) : grader_out(0, 0);
	act_softmax_jacobian(gp, gJ, n);
	if (gp)
		grader_expect_unchanged(gp, p, "p", "%s", c);
	grader_expect_guards(gJ, "J", "%s", c);
	give_back(J, gJ, n * n);
}

static void softmax_backward(const double *p, const double *dp, double *dz, size_t n)
{
	char c[512];
	call_of(c, sizeof c, "act_softmax_backward", "p", p, n);
	double *gp = guarded(p, n), *gdp = guarded(dp, n), *gdz = dz ? grader_in(dz, n) : grader_out(0, 0);
	act_softmax_backward(gp, gdp, gdz, n);
	if (gp)
		grader_expect_unchanged(gp, p, "p", "%s", c);
	if (gdp)
		grader_expect_unchanged(gdp, dp, "dp", "%s", c);
	grader_expect_guards(gdz, "dz", "%s", c);
	give_back(dz, gdz, n);
}

static double cross_entropy(const double *z, size_t n, size_t label)
{
	char c[512];
	call_of(c, sizeof c, "loss_cross_entropy", "z", z, n);
	double *gz = guarded(z, n), loss = loss_cross_entropy(gz, n, label);
	if (gz)
		grader_expect_unchanged(gz, z, "z", "%s, label %zu", c, label);
	return loss;
}

static void cross_entropy_grad(const double *z, size_t n, size_t label, double *dz)
{
	char c[512];
	call_of(c, sizeof c, "loss_cross_entropy_grad", "z", z, n);
	if (dz == z) {
		double *g = grader_in(z, n);
		loss_cross_entropy_grad(g, n, label, g);
		grader_expect_guards(g, "z", "%s, label %zu, in place (dz = z)", c, label);
		give_back(dz, g, n);
		return;
	}
	double *gz = guarded(z, n), *gdz = grader_in(dz, n);
	loss_cross_entropy_grad(gz, n, label, gdz);
	grader_expect_unchanged(gz, z, "z", "%s, label %zu", c, label);
	grader_expect_guards(gdz, "dz", "%s, label %zu", c, label);
	give_back(dz, gdz, n);
}

/* ---- act_softmax ---------------------------------------------------- */

START_TEST(softmax_matches_high_precision_values)
{
	const struct softmax_row *r = row_at(_i);
	double out[SOFTMAX_NMAX];
	char zs[200], c[256];
	fill(out, SOFTMAX_NMAX, JUNK);
	softmax(r->z, out, r->n);
	snprintf(c, sizeof c, "act_softmax(%s)", vec(zs, sizeof zs, r->z, r->n));
	const char *hint = SEE_P;
	if (any_big(r->z, r->n) && any_nonfinite(out, r->n))
		hint = NOMAX_HINT;
	else if (looks_divided_by_max(out, r->z, r->n))
		hint = "that is softmax(z / max): subtract the maximum, do not divide by it -- " SEE_MAX;
	expect_vec(out, r->p, r->n, TOL_EXACT, 1e-300, hint, c);
}
END_TEST

START_TEST(softmax_sums_to_one)
{
	const struct softmax_row *r = row_at(_i);
	double out[SOFTMAX_NMAX];
	char zs[200];
	fill(out, SOFTMAX_NMAX, JUNK);
	softmax(r->z, out, r->n);
	double sum = 0;
	for (size_t i = 0; i < r->n; i++)
		sum += out[i];
	ck_assert_msg(fabs(sum - 1) <= 4e-16 * (double)r->n,
		      "act_softmax(%s) sums to %.17g, expected 1: divide every e^(z_i - m) by their sum -- %s",
		      vec(zs, sizeof zs, r->z, r->n), sum, SEE_P);
}
END_TEST

/* snippet: softmax_survives_logits_of_1000 */
START_TEST(softmax_survives_logits_of_1000)
{
	const double z1[] = {1000, 1000}, want1[] = {0.5, 0.5};
	const double z2[] = {1000, 0}, want2[] = {1, 0};
	double out[2] = {JUNK, JUNK};
	act_softmax(z1, out, 2);
	for (size_t i = 0; i < 2; i++)
		expect_close(out[i], want1[i], TOL_EXACT, 1e-300, big_hint(out[i], SEE_P),
			     "act_softmax([1000, 1000])[%zu]", i);
	out[0] = out[1] = JUNK;
	act_softmax(z2, out, 2);
	for (size_t i = 0; i < 2; i++)
		expect_close(out[i], want2[i], TOL_EXACT, 1e-300, big_hint(out[i], SEE_P),
			     "act_softmax([1000, 0])[%zu]", i);
}
END_TEST
/* end snippet: softmax_survives_logits_of_1000 */

START_TEST(softmax_survives_logits_of_minus_1000)
{
	const double z[] = {-1000, -1000}, want[] = {0.5, 0.5};
	double out[2] = {JUNK, JUNK};
	softmax(z, out, 2);
	expect_vec(out, want, 2, TOL_EXACT, 1e-300,
		   "e^-1000 underflows to 0, and 0/0 is NaN: " SEE_MAX, "act_softmax([-1000, -1000])");
}
END_TEST

START_TEST(softmax_gives_masked_logits_zero_probability)
{
	const double z[] = {-INFINITY, 0, -INFINITY, 0}, want[] = {0, 0.5, 0, 0.5};
	double out[4];
	fill(out, 4, JUNK);
	softmax(z, out, 4);
	expect_vec(out, want, 4, 0, 1e-300, "e^-inf = 0: a -inf logit masks its class " SEE_EDGE,
		   "act_softmax([-inf, 0, -inf, 0])");
}
END_TEST

START_TEST(softmax_of_all_minus_infinity_is_nan)
{
	const double z[] = {-INFINITY, -INFINITY, -INFINITY};
	double out[3];
	fill(out, 3, JUNK);
	softmax(z, out, 3);
	for (size_t i = 0; i < 3; i++)
		expect_nan(out[i], "with every class masked there is no distribution to return, "
			   "so NaN is the honest answer " SEE_EDGE, "act_softmax([-inf, -inf, -inf])[%zu]", i);
}
END_TEST

START_TEST(softmax_of_one_infinite_logit_is_one_hot)
{
	const double z[] = {0, INFINITY, 3}, want[] = {0, 1, 0};
	double out[3];
	fill(out, 3, JUNK);
	softmax(z, out, 3);
	expect_vec(out, want, 3, 0, 1e-300,
		   "as z_1 grows, p_1 -> 1 and the others -> 0; inf - inf is NaN, so give the largest "
		   "logit its term e^0 = 1 without computing it " SEE_EDGE, "act_softmax([0, inf, 3])");
}
END_TEST

/* Two logits at +inf: p_0 / p_2 = e^(z_0 - z_2) has no limit (it depends on
 * how the two grow), so no distribution is right and NaN is the answer for
 * them; a 0.5/0.5 or 1/0 split would be invented. */
START_TEST(softmax_of_two_infinite_logits_is_nan)
{
	const double z[] = {INFINITY, 0, INFINITY};
	double out[3];
	fill(out, 3, JUNK);
	softmax(z, out, 3);
	expect_nan(out[0], "two logits at +inf have no limiting split between them " SEE_EDGE,
		   "act_softmax([inf, 0, inf])[0]");
	expect_nan(out[2], "two logits at +inf have no limiting split between them " SEE_EDGE,
		   "act_softmax([inf, 0, inf])[2]");
}
END_TEST

START_TEST(softmax_propagates_nan)
{
	const double z1[] = {1, NAN, 2}, z2[] = {NAN, 1};
	double out[3];
	fill(out, 3, JUNK);
	softmax(z1, out, 3);
	for (size_t i = 0; i < 3; i++)
		expect_nan(out[i], SEE_NAN ": one NaN logit makes the sum, and so every p_i, NaN",
			   "act_softmax([1, nan, 2])[%zu]", i);
	fill(out, 3, JUNK);
	softmax(z2, out, 2);
	for (size_t i = 0; i < 2; i++)
		expect_nan(out[i], SEE_NAN ": fmax and comparisons skip NaN, so look for it",
			   "act_softmax([nan, 1])[%zu]", i);
}
END_TEST

/* In place must give exactly what the learner's own act_softmax gives into
 * a separate array: whether that is right is the other checks' business. */
START_TEST(softmax_works_in_place)
{
	const struct softmax_row *r = row_at(_i);
	double buf[SOFTMAX_NMAX], sep[SOFTMAX_NMAX];
	char zs[200], c[256];
	fill(sep, SOFTMAX_NMAX, JUNK);
	softmax(r->z, sep, r->n);
	memcpy(buf, r->z, sizeof buf);
	softmax(buf, buf, r->n);
	snprintf(c, sizeof c, "act_softmax(z = %s, out = z)", vec(zs, sizeof zs, r->z, r->n));
	expect_vec(buf, sep, r->n, 0, 1e-300,
		   "in place differs from your result into a separate out: out may be the same "
		   "array as z, so read z[i] before you overwrite it " SEE_EDGE, c);
}
END_TEST

START_TEST(softmax_of_nothing_touches_nothing)
{
	double out[2] = {JUNK, JUNK};
	softmax(NULL, out, 0); /* must not read z */
	softmax(NULL, NULL, 0);
	ck_assert_msg(out[0] == JUNK && out[1] == JUNK,
		      "act_softmax(NULL, out, 0) wrote into out; n = 0 does nothing " SEE_EDGE);
}
END_TEST

/* ---- act_log_softmax ------------------------------------------------ */

START_TEST(log_softmax_matches_high_precision_values)
{
	const struct softmax_row *r = row_at(_i);
	double out[SOFTMAX_NMAX];
	char zs[200], c[256];
	fill(out, SOFTMAX_NMAX, JUNK);
	log_softmax(r->z, out, r->n);
	snprintf(c, sizeof c, "act_log_softmax(%s)", vec(zs, sizeof zs, r->z, r->n));
	const char *hint = SEE_LOG;
	for (size_t i = 0; i < r->n; i++) {
		if (isinf(out[i]) && isfinite(r->logp[i]))
			hint = "that is log(softmax): p_i underflowed to 0 and log 0 = -inf -- " SEE_LOG;
		else if (out[i] == 0 && r->logp[i] != 0 && fabs(r->logp[i]) < 1e-16)
			hint = LOG1P_HINT " -- " SEE_LOG;
	}
	if (any_big(r->z, r->n) && any_nonfinite(out, r->n) && hint == (const char *)SEE_LOG)
		hint = NOMAX_HINT;
	expect_vec(out, r->logp, r->n, TOL_EXACT, lse_floor(r->z, r->n), hint, c);
}
END_TEST

START_TEST(log_softmax_of_0_and_minus_1000_is_minus_1000)
{
	const double z[] = {0, -1000};
	double out[2] = {JUNK, JUNK};
	log_softmax(z, out, 2);
	expect_close(out[1], -1000, 0, 1e-300,
		     isinf(out[1]) ? "that is log(softmax): e^-1000 underflows to 0 and log 0 = -inf, "
				     "but log p_1 = -1000 - log(1 + e^-1000) = -1000 -- " SEE_LOG
				   : SEE_LOG,
		     "act_log_softmax([0, -1000])[1]");
	expect_close(out[0], 0, 0, 1e-300, SEE_LOG, "act_log_softmax([0, -1000])[0]");
}
END_TEST

START_TEST(log_softmax_keeps_a_tiny_log_probability)
{
	const double z[] = {0, -40};
	double out[2] = {JUNK, JUNK};
	log_softmax(z, out, 2);
	expect_close(out[0], -SOFTMAX_LOG1P_EXP_M40, TOL_EXACT, 1e-300,
		     out[0] == 0 ? LOG1P_HINT " -- " SEE_LOG : SEE_LOG, "act_log_softmax([0, -40])[0]");
}
END_TEST

START_TEST(log_softmax_survives_logits_of_1000)
{
	const double z1[] = {1000, 1000}, z2[] = {-1000, -1000};
	const double want[] = {-SOFTMAX_LOG2, -SOFTMAX_LOG2};
	double out[2] = {JUNK, JUNK};
	log_softmax(z1, out, 2);
	for (size_t i = 0; i < 2; i++)
		expect_close(out[i], want[i], TOL_EXACT, 1000, big_hint(out[i], SEE_LOG),
			     "act_log_softmax([1000, 1000])[%zu]", i);
	out[0] = out[1] = JUNK;
	log_softmax(z2, out, 2);
	for (size_t i = 0; i < 2; i++)
		expect_close(out[i], want[i], TOL_EXACT, 1000, big_hint(out[i], SEE_LOG),
			     "act_log_softmax([-1000, -1000])[%zu]", i);
}
END_TEST

START_TEST(log_softmax_gives_masked_logits_minus_infinity)
{
	const double z[] = {-INFINITY, 0, -INFINITY, 0};
	const double want[] = {-INFINITY, -SOFTMAX_LOG2, -INFINITY, -SOFTMAX_LOG2};
	double out[4];
	fill(out, 4, JUNK);
	log_softmax(z, out, 4);
	expect_vec(out, want, 4, TOL_EXACT, 1e-300,
		   "a masked class has p = 0, so log p = -inf; the live ones share the sum " SEE_EDGE,
		   "act_log_softmax([-inf, 0, -inf, 0])");
}
END_TEST

START_TEST(log_softmax_of_all_minus_infinity_is_nan)
{
	const double z[] = {-INFINITY, -INFINITY};
	double out[2] = {JUNK, JUNK};
	log_softmax(z, out, 2);
	for (size_t i = 0; i < 2; i++)
		expect_nan(out[i], "with every class masked there is no distribution " SEE_EDGE,
			   "act_log_softmax([-inf, -inf])[%zu]", i);
}
END_TEST

START_TEST(log_softmax_of_one_infinite_logit_is_zero_there)
{
	const double z[] = {0, INFINITY, 3}, want[] = {-INFINITY, 0, -INFINITY};
	double out[3];
	fill(out, 3, JUNK);
	log_softmax(z, out, 3);
	expect_vec(out, want, 3, 0, 1e-300,
		   "as z_1 grows, log p_1 -> 0 and the others -> -inf; inf - inf is NaN, so the "
		   "largest logit's own z_k - m is 0 without computing it " SEE_EDGE,
		   "act_log_softmax([0, inf, 3])");
}
END_TEST

START_TEST(log_softmax_propagates_nan)
{
	const double z[] = {1, 2, NAN};
	double out[3];
	fill(out, 3, JUNK);
	log_softmax(z, out, 3);
	for (size_t i = 0; i < 3; i++)
		expect_nan(out[i], SEE_NAN, "act_log_softmax([1, 2, nan])[%zu]", i);
}
END_TEST

START_TEST(log_softmax_works_in_place)
{
	const struct softmax_row *r = row_at(_i);
	double buf[SOFTMAX_NMAX], sep[SOFTMAX_NMAX];
	char zs[200], c[256];
	fill(sep, SOFTMAX_NMAX, JUNK);
	log_softmax(r->z, sep, r->n);
	memcpy(buf, r->z, sizeof buf);
	log_softmax(buf, buf, r->n);
	snprintf(c, sizeof c, "act_log_softmax(z = %s, out = z)", vec(zs, sizeof zs, r->z, r->n));
	expect_vec(buf, sep, r->n, 0, 1e-300,
		   "in place differs from your result into a separate out: out may be the same "
		   "array as z, so do not use out as scratch space while you still need z " SEE_EDGE, c);
}
END_TEST

START_TEST(log_softmax_of_nothing_touches_nothing)
{
	double out[2] = {JUNK, JUNK};
	log_softmax(NULL, out, 0);
	log_softmax(NULL, NULL, 0);
	ck_assert_msg(out[0] == JUNK && out[1] == JUNK,
		      "act_log_softmax(NULL, out, 0) wrote into out; n = 0 does nothing " SEE_EDGE);
}
END_TEST

/* ---- act_softmax_jacobian ------------------------------------------- */

/* The rows whose logits are all finite and moderate, for derivative checks. */
static const int smooth_rows[] = {0, 1, 2, 3, 7};

START_TEST(softmax_jacobian_is_p_i_times_delta_ij_minus_p_j)
{
	const struct softmax_row *r = row_at(_i);
	size_t n = r->n;
	const double *p = r->p;
	double J[SOFTMAX_NMAX * SOFTMAX_NMAX];
	char ps[200];
	fill(J, SOFTMAX_NMAX * SOFTMAX_NMAX, JUNK);
	jacobian(p, J, n);
	vec(ps, sizeof ps, p, n);
	for (size_t i = 0; i < n; i++) {
		for (size_t j = 0; j < n; j++) {
			double want = p[i] * ((i == j ? 1.0 : 0.0) - p[j]);
			double got = J[i * n + j];
			const char *hint = SEE_JAC;
			if (i == j && p[i] != 0 && grader_close(got, -p[i] * p[j], 1e-12, 1e-300))
				hint = "that is -p_i p_j without the diagonal's delta term: the diagonal is "
				       "p_i (1 - p_i) -- " SEE_JAC;
			else if (i != j && grader_close(got, -p[i] * p[i], 1e-12, 1e-300))
				hint = "that is -p_i p_i: the bracket holds p_j, the column's probability -- " SEE_JAC;
			else if (i != j && grader_close(got, p[i] * p[j], 1e-12, 1e-300))
				hint = "off the diagonal the entry is -p_i p_j: raising z_j lowers p_i -- " SEE_JAC;
			expect_close(got, want, TOL_EXACT, 1e-300, hint,
				     "act_softmax_jacobian(p = %s): J[%zu*n + %zu]", ps, i, j);
		}
	}
}
END_TEST

START_TEST(softmax_jacobian_rows_sum_to_zero)
{
	const struct softmax_row *r = row_at(smooth_rows[_i]);
	size_t n = r->n;
	double J[SOFTMAX_NMAX * SOFTMAX_NMAX];
	char ps[200];
	fill(J, SOFTMAX_NMAX * SOFTMAX_NMAX, JUNK);
	jacobian(r->p, J, n);
	for (size_t i = 0; i < n; i++) {
		double sum = 0;
		for (size_t j = 0; j < n; j++)
			sum += J[i * n + j];
		ck_assert_msg(fabs(sum) <= 1e-15,
			      "act_softmax_jacobian(p = %s): row %zu sums to %.17g, expected 0: moving "
			      "every logit together changes no probability, and a row of "
			      "p_i (delta_ij - p_j) sums to p_i (1 - sum_j p_j) = 0 -- %s",
			      vec(ps, sizeof ps, r->p, n), i, sum, SEE_JAC);
	}
}
END_TEST

/* Column j of the Jacobian of the learner's act_softmax at z, by central
 * differences: (softmax(z + h e_j) - softmax(z - h e_j)) / 2h. */
static void softmax_column_fd(const double *z, size_t n, size_t j, double *col)
{
	const double h = 1e-5;
	double zp[SOFTMAX_NMAX], zm[SOFTMAX_NMAX], pp[SOFTMAX_NMAX], pm[SOFTMAX_NMAX];
	fill(pp, SOFTMAX_NMAX, JUNK);
	fill(pm, SOFTMAX_NMAX, JUNK);
	memcpy(zp, z, n * sizeof *z);
	memcpy(zm, z, n * sizeof *z);
	zp[j] += h;
	zm[j] -= h;
	softmax(zp, pp, n);
	softmax(zm, pm, n);
	for (size_t i = 0; i < n; i++)
		col[i] = (pp[i] - pm[i]) / (2 * h);
}

START_TEST(softmax_jacobian_matches_central_difference)
{
	const struct softmax_row *r = row_at(smooth_rows[_i]);
	size_t n = r->n;
	double p[SOFTMAX_NMAX], J[SOFTMAX_NMAX * SOFTMAX_NMAX], col[SOFTMAX_NMAX];
	char zs[200];
	fill(J, SOFTMAX_NMAX * SOFTMAX_NMAX, JUNK);
	softmax(r->z, p, n);
	jacobian(p, J, n);
	for (size_t j = 0; j < n; j++) {
		softmax_column_fd(r->z, n, j, col);
		for (size_t i = 0; i < n; i++)
			ck_assert_msg(grader_grad_agrees(J[i * n + j], col[i]),
				      "act_softmax_jacobian(softmax(%s)): J[%zu*n + %zu] = %.17g but the central "
				      "difference of your act_softmax gives dp_%zu/dz_%zu = %.17g -- %s",
				      vec(zs, sizeof zs, r->z, n), i, j, J[i * n + j], i, j, col[i], SEE_JAC);
	}
}
END_TEST

START_TEST(softmax_jacobian_propagates_nan)
{
	const double p[] = {0.5, NAN, 0.5};
	double J[9];
	fill(J, 9, JUNK);
	jacobian(p, J, 3);
	for (size_t k = 0; k < 3; k++) {
		expect_nan(J[1 * 3 + k], SEE_NAN, "act_softmax_jacobian(p = [0.5, nan, 0.5]): J[1*n + %zu]", k);
		expect_nan(J[k * 3 + 1], SEE_NAN, "act_softmax_jacobian(p = [0.5, nan, 0.5]): J[%zu*n + 1]", k);
	}
}
END_TEST

/* ---- act_softmax_backward ------------------------------------------- */

/* Upstream gradients dp for the backward checks. */
static const double dps[][SOFTMAX_NMAX] = {
	{1, 0, 0, 0, 0},
	{0, -2, 0.5, 3, -1},
	{0.25, 4, -3, -0.5, 2},
};

START_TEST(softmax_backward_is_jacobian_transpose_times_dp)
{
	const struct softmax_row *r = row_at(_i / 3);
	const double *dp = dps[_i % 3], *p = r->p;
	size_t n = r->n;
	double dz[SOFTMAX_NMAX];
	char ps[200], ds[200];
	fill(dz, SOFTMAX_NMAX, JUNK);
	softmax_backward(p, dp, dz, n);
	vec(ps, sizeof ps, p, n);
	vec(ds, sizeof ds, dp, n);
	for (size_t j = 0; j < n; j++) {
		/* (J^T dp)_j = sum_i J_ij dp_i, from the formula of the Jacobian. */
		long double want = 0;
		for (size_t i = 0; i < n; i++)
			want += (long double)p[i] * ((i == j ? 1.0L : 0.0L) - p[j]) * dp[i];
		const char *hint = SEE_BACK;
		if (dz[j] != (double)want && grader_close(dz[j], p[j] * dp[j], 1e-12, 1e-300))
			hint = "that is p_j dp_j: you forgot the sum term, - p_j sum_i p_i dp_i -- " SEE_BACK;
		else if (dz[j] != (double)want &&
			 grader_close(dz[j], p[j] * (1 - p[j]) * dp[j], 1e-12, 1e-300))
			hint = "that is p_j (1 - p_j) dp_j, the diagonal of J alone: softmax is not "
			       "elementwise, every p_i depends on z_j, and you forgot the sum term -- " SEE_BACK;
		expect_close(dz[j], (double)want, TOL_EXACT, 1e-2, hint,
			     "act_softmax_backward(p = %s, dp = %s)[%zu]", ps, ds, j);
	}
}
END_TEST

/* A point z of R^n with coordinate j free, for central differences along
 * z_j of a scalar function of your functions (grader_central_diff's ctx). */
struct along {
	double z[SOFTMAX_NMAX];
	size_t n, j, label;
	const double *dp;
};

/* L(z) = sum_i dp_i softmax(z)_i with the learner's softmax: its gradient is
 * what act_softmax_backward(p, dp) must return. */
static double weighted_softmax_along_j(double t, void *ctx)
{
	const struct along *c = ctx;
	double z[SOFTMAX_NMAX], p[SOFTMAX_NMAX], s = 0;
	memcpy(z, c->z, sizeof z);
	z[c->j] = t;
	fill(p, SOFTMAX_NMAX, JUNK);
	softmax(z, p, c->n);
	for (size_t i = 0; i < c->n; i++)
		s += c->dp[i] * p[i];
	return s;
}

START_TEST(softmax_backward_matches_central_difference)
{
	const struct softmax_row *r = row_at(smooth_rows[_i / 3]);
	size_t n = r->n;
	double p[SOFTMAX_NMAX], dz[SOFTMAX_NMAX];
	char zs[200], ds[200];
	struct along at = {{0}, n, 0, 0, dps[_i % 3]};
	memcpy(at.z, r->z, sizeof at.z);
	softmax(r->z, p, n);
	fill(dz, SOFTMAX_NMAX, JUNK);
	softmax_backward(p, at.dp, dz, n);
	for (size_t j = 0; j < n; j++) {
		at.j = j;
		double num = grader_central_diff(weighted_softmax_along_j, &at, r->z[j], 1e-5);
		ck_assert_msg(grader_grad_agrees(dz[j], num),
			      "act_softmax_backward(softmax(%s), dp = %s)[%zu] returned %.17g but the central "
			      "difference of sum_i dp_i p_i through your act_softmax is %.17g -- %s",
			      vec(zs, sizeof zs, r->z, n), vec(ds, sizeof ds, at.dp, n), j, dz[j], num,
			      SEE_BACK);
	}
}
END_TEST

START_TEST(softmax_backward_of_a_constant_dp_is_zero)
{
	/* dz_j = c sum_i J_ij = c d(sum_i p_i)/dz_j = 0: the p_i always sum
	 * to 1, so a loss that weighs them all alike cannot change. */
	const double p[] = {0.5, 0.3, 0.2}, dp[] = {2, 2, 2};
	double dz[3];
	fill(dz, 3, JUNK);
	softmax_backward(p, dp, dz, 3);
	for (size_t j = 0; j < 3; j++)
		expect_close(dz[j], 0, 0, 1e-15,
			     dz[j] == p[j] * dp[j] || dz[j] == p[j] * (1 - p[j]) * dp[j]
				     ? "the sum term cancels a common dp exactly; you forgot the sum term, "
				       "- p_j sum_i p_i dp_i -- " SEE_BACK : SEE_BACK,
			     "act_softmax_backward(p = [0.5, 0.3, 0.2], dp = [2, 2, 2])[%zu]", j);
}
END_TEST

START_TEST(softmax_backward_of_nothing_touches_nothing)
{
	double dz[2] = {JUNK, JUNK};
	softmax_backward(NULL, NULL, dz, 0);
	jacobian(NULL, dz, 0);
	ck_assert_msg(dz[0] == JUNK && dz[1] == JUNK,
		      "act_softmax_backward(NULL, NULL, dz, 0) or jacobian(NULL, J, 0) "
		      "wrote into its output; n = 0 does nothing " SEE_EDGE);
}
END_TEST

/* ---- loss_cross_entropy --------------------------------------------- */

/* Every (row, label) pair of the rows of at most 4 logits, as one index. */
static int pair_count(void)
{
	int count = 0;
	for (int i = 0; i < ROWS(softmax_rows); i++)
		count += (int)softmax_rows[i].n;
	return count;
}

static const struct softmax_row *pair_at(int k, size_t *label)
{
	for (int i = 0; i < ROWS(softmax_rows); i++) {
		if ((size_t)k < softmax_rows[i].n) {
			*label = (size_t)k;
			return &softmax_rows[i];
		}
		k -= (int)softmax_rows[i].n;
	}
	return NULL;
}

START_TEST(cross_entropy_matches_high_precision_values)
{
	size_t label = 0;
	const struct softmax_row *r = pair_at(_i, &label);
	double want = -r->logp[label];
	double got = cross_entropy(r->z, r->n, label);
	char zs[200];
	const char *hint = SEE_CE;
	if (got == -want && want != 0)
		hint = "that is log p: the loss is -log p_label, positive -- " SEE_CE;
	else if (isinf(got) && isfinite(want))
		hint = any_big(r->z, r->n) ? "an infinity: e^z overflowed, or p_label underflowed to 0 "
					     "before the log; use log-sum-exp -- " SEE_CE
					   : "-log(softmax) gives inf when p_label underflows to 0 -- " SEE_CE;
	else if (got == 0 && want != 0 && want < 1e-16)
		hint = LOG1P_HINT " -- " SEE_CE;
	expect_close(got, want, TOL_EXACT, lse_floor(r->z, r->n), hint,
		     "loss_cross_entropy(%s, %zu, %zu)", vec(zs, sizeof zs, r->z, r->n), r->n, label);
}
END_TEST

START_TEST(cross_entropy_survives_logits_of_1000)
{
	const double z1[] = {1000, 0}, z2[] = {-1000, -1000}, z3[] = {1000, 1000};
	const char *hint = "e^1000 overflows to inf and e^-1000 underflows to 0; from the logits, the "
			   "loss is m - z_label + log(sum_i e^(z_i - m)) -- " SEE_CE;
	expect_close(cross_entropy(z1, 2, 1), 1000, TOL_EXACT, 1000, hint,
		     "loss_cross_entropy([1000, 0], 2, 1)");
	expect_close(cross_entropy(z1, 2, 0), 0, TOL_EXACT, 1000, hint,
		     "loss_cross_entropy([1000, 0], 2, 0)");
	expect_close(cross_entropy(z2, 2, 0), SOFTMAX_LOG2, TOL_EXACT, 1000, hint,
		     "loss_cross_entropy([-1000, -1000], 2, 0)");
	expect_close(cross_entropy(z3, 2, 1), SOFTMAX_LOG2, TOL_EXACT, 1000, hint,
		     "loss_cross_entropy([1000, 1000], 2, 1)");
}
END_TEST

START_TEST(cross_entropy_of_a_confident_right_answer_is_tiny_not_zero)
{
	const double z[] = {0, -40};
	double got = cross_entropy(z, 2, 0);
	expect_close(got, SOFTMAX_LOG1P_EXP_M40, TOL_EXACT, 1e-300,
		     got == 0 ? LOG1P_HINT " -- " SEE_CE : SEE_CE, "loss_cross_entropy([0, -40], 2, 0)");
}
END_TEST

START_TEST(cross_entropy_of_a_masked_label_is_infinite)
{
	const double z[] = {-INFINITY, 0, 1};
	expect_close(cross_entropy(z, 3, 0), INFINITY, 0, 0,
		     "a masked class has p = 0 and -log 0 = +inf " SEE_EDGE,
		     "loss_cross_entropy([-inf, 0, 1], 3, 0)");
}
END_TEST

/* include/loss.h promises 0 for a certain right answer: a label logit of
 * +inf, the largest, wherever it stands. */
START_TEST(cross_entropy_of_a_certain_right_answer_is_zero)
{
	const double z[][3] = {{INFINITY, 0, 1}, {0, INFINITY, 1}, {0, 1, INFINITY}};
	for (size_t k = 0; k < 3; k++) {
		double *in = grader_in(z[k], 3);
		expect_close(loss_cross_entropy(in, 3, k), 0, 0, 0,
			     "the label's logit is +inf, so p_label = 1 and the loss is 0: when the label is "
			     "the largest logit, m - z_label is 0 by definition; write 0 rather than "
			     "computing inf - inf = NaN " SEE_EDGE,
			     "loss_cross_entropy(logits with +inf at the label, index %zu, 3, %zu)", k, k);
		grader_expect_unchanged(in, z[k], "z", "loss_cross_entropy(z, 3, %zu)", k);
	}
}
END_TEST

START_TEST(cross_entropy_propagates_nan)
{
	const double z[] = {0, NAN, 1};
	expect_nan(cross_entropy(z, 3, 0), SEE_NAN, "loss_cross_entropy([0, nan, 1], 3, 0)");
	expect_nan(cross_entropy(z, 3, 1), SEE_NAN, "loss_cross_entropy([0, nan, 1], 3, 1)");
}
END_TEST

/* ---- loss_cross_entropy_grad ---------------------------------------- */

START_TEST(cross_entropy_grad_is_p_minus_y)
{
	size_t label = 0;
	const struct softmax_row *r = pair_at(_i, &label);
	size_t n = r->n;
	double dz[SOFTMAX_NMAX], want[SOFTMAX_NMAX];
	char zs[200], c[256];
	for (size_t i = 0; i < n; i++)
		want[i] = i == label ? r->pm1[i] : r->p[i];
	fill(dz, SOFTMAX_NMAX, JUNK);
	cross_entropy_grad(r->z, n, label, dz);
	const char *hint = SEE_GRAD;
	bool flipped = true, forgot_y = true;
	for (size_t i = 0; i < n; i++) {
		flipped = flipped && grader_close(dz[i], -want[i], 1e-9, 1e-12);
		forgot_y = forgot_y && grader_close(dz[i], r->p[i], 1e-9, 1e-12);
	}
	if (flipped)
		hint = "that is y - p: the gradient of -log p_label is p - y -- " SEE_GRAD;
	else if (forgot_y)
		hint = "that is p alone: subtract 1 at the label -- " SEE_GRAD;
	snprintf(c, sizeof c, "loss_cross_entropy_grad(%s, %zu, %zu)", vec(zs, sizeof zs, r->z, n),
		 n, label);
	/* The floor 1e-2 forgives an absolute 1e-16: p_label - 1 rounds when
	 * p_label is near 1, a loss of digits the gradient can live with. */
	expect_vec(dz, want, n, TOL_EXACT, 1e-2, hint, c);
}
END_TEST

static double loss_along_j(double t, void *ctx)
{
	const struct along *c = ctx;
	double z[SOFTMAX_NMAX];
	memcpy(z, c->z, sizeof z);
	z[c->j] = t;
	return cross_entropy(z, c->n, c->label);
}

START_TEST(cross_entropy_grad_matches_central_difference)
{
	const struct softmax_row *r = row_at(smooth_rows[_i / 3]);
	size_t n = r->n;
	double dz[SOFTMAX_NMAX];
	char zs[200];
	struct along at = {{0}, n, 0, (size_t)(_i % 3) % n, NULL};
	memcpy(at.z, r->z, sizeof at.z);
	fill(dz, SOFTMAX_NMAX, JUNK);
	cross_entropy_grad(r->z, n, at.label, dz);
	for (size_t j = 0; j < n; j++) {
		at.j = j;
		double num = grader_central_diff(loss_along_j, &at, r->z[j], 1e-5);
		ck_assert_msg(grader_grad_agrees(dz[j], num),
			      "loss_cross_entropy_grad(%s, %zu, %zu)[%zu] returned %.17g but the central "
			      "difference of your loss_cross_entropy is %.17g -- %s",
			      vec(zs, sizeof zs, r->z, n), n, at.label, j, dz[j], num,
			      grader_grad_agrees(-dz[j], num)
				      ? "the sign is flipped: the gradient is p - y, not y - p -- " SEE_GRAD
				      : SEE_GRAD);
	}
}
END_TEST

START_TEST(cross_entropy_grad_survives_logits_of_1000)
{
	const double z1[] = {1000, 0}, want1[] = {1, -1};
	const double z2[] = {1000, 1000}, want2[] = {-0.5, 0.5};
	double dz[2] = {JUNK, JUNK};
	cross_entropy_grad(z1, 2, 1, dz);
	for (size_t i = 0; i < 2; i++)
		expect_close(dz[i], want1[i], TOL_EXACT, 1e-300, big_hint(dz[i], SEE_GRAD),
			     "loss_cross_entropy_grad([1000, 0], 2, 1)[%zu]", i);
	dz[0] = dz[1] = JUNK;
	cross_entropy_grad(z2, 2, 0, dz);
	for (size_t i = 0; i < 2; i++)
		expect_close(dz[i], want2[i], TOL_EXACT, 1e-300, big_hint(dz[i], SEE_GRAD),
			     "loss_cross_entropy_grad([1000, 1000], 2, 0)[%zu]", i);
}
END_TEST

START_TEST(cross_entropy_grad_propagates_nan)
{
	const double z[] = {NAN, 0, 1};
	double dz[3];
	fill(dz, 3, JUNK);
	cross_entropy_grad(z, 3, 2, dz);
	for (size_t i = 0; i < 3; i++)
		expect_nan(dz[i], SEE_NAN, "loss_cross_entropy_grad([nan, 0, 1], 3, 2)[%zu]", i);
}
END_TEST

/* ---- The decisive element first, in the middle and last ---- */

enum { POS_N = 5 };

/* Your softmax and log-softmax of z[POS_N] into out and lp, which hold
 * JUNK before; zs gets z written out for the messages. */
static void both(const double *z, double *out, double *lp, char *zs, size_t size)
{
	fill(out, POS_N, JUNK);
	fill(lp, POS_N, JUNK);
	softmax(z, out, POS_N);
	log_softmax(z, lp, POS_N);
	vec(zs, size, z, POS_N);
}

/* z = [0, ..., 0] with z[k] = v. */
static void spike(double *z, size_t k, double v)
{
	fill(z, POS_N, 0);
	z[k] = v;
}

/* The largest logit anywhere: 3 (moderate) and 1000 (where e^z overflows
 * unless the maximum is subtracted). */
START_TEST(softmax_and_log_softmax_find_the_largest_logit_anywhere)
{
	size_t pos[3];
	grader_positions(POS_N, pos);
	for (int p = 0; p < 3; p++)
		for (int big = 0; big < 2; big++) {
			size_t k = pos[p];
			double v = big ? 1000 : 3, z[POS_N], out[POS_N], lp[POS_N];
			char zs[128];
			spike(z, k, v);
			both(z, out, lp, zs, sizeof zs);
			/* e^v / (e^v + 4) and 1 / (e^v + 4), and their logs, in long double. */
			long double lse = v + log1pl(4 * expl(-(long double)v));
			for (size_t i = 0; i < POS_N; i++) {
				long double want = (i == k ? v : 0) - lse;
				const char *hint = "e^(z_i - m) overflowed, so the m subtracted was not the "
						   "largest logit: find the largest among all n, first and last "
						   "included -- " SEE_MAX;
				expect_close(out[i], (double)expl(want), 1e-12, 1e-300,
					     isfinite(out[i]) ? SEE_P : hint, "act_softmax(%s)[%zu]", zs, i);
				expect_close(lp[i], (double)want, TOL_EXACT, lse_floor(z, POS_N),
					     isfinite(lp[i]) ? SEE_LOG : hint, "act_log_softmax(%s)[%zu]", zs, i);
			}
		}
}
END_TEST

/* One NaN, first, in the middle or last, makes every output NaN; so does a
 * NaN that is the only logit (n = 1), where a search for the largest logit
 * that skips NaN finds none. */
START_TEST(every_function_propagates_a_nan_anywhere)
{
	const double lone[1] = {NAN};
	double one[1] = {JUNK};
	softmax(lone, one, 1);
	expect_nan(one[0], SEE_NAN, "act_softmax([nan])[0]");
	one[0] = JUNK;
	log_softmax(lone, one, 1);
	expect_nan(one[0], SEE_NAN, "act_log_softmax([nan])[0]");
	expect_nan(cross_entropy(lone, 1, 0), SEE_NAN, "loss_cross_entropy([nan], 1, 0)");
	one[0] = JUNK;
	cross_entropy_grad(lone, 1, 0, one);
	expect_nan(one[0], SEE_NAN, "loss_cross_entropy_grad([nan], 1, 0)[0]");

	size_t pos[3];
	grader_positions(POS_N, pos);
	for (int p = 0; p < 3; p++) {
		size_t k = pos[p];
		double z[POS_N] = {0.5, -1, 2, 0.25, 1}, out[POS_N], J[POS_N * POS_N];
		const double dp[POS_N] = {1, -0.5, 2, 0, 0.25};
		z[k] = NAN;
		char zs[128];
		vec(zs, sizeof zs, z, POS_N);
		fill(out, POS_N, JUNK);
		softmax(z, out, POS_N);
		for (size_t i = 0; i < POS_N; i++)
			expect_nan(out[i], SEE_NAN ": fmax and comparisons skip NaN, so look for it",
				   "act_softmax(%s)[%zu]", zs, i);
		fill(out, POS_N, JUNK);
		log_softmax(z, out, POS_N);
		for (size_t i = 0; i < POS_N; i++)
			expect_nan(out[i], SEE_NAN, "act_log_softmax(%s)[%zu]", zs, i);
		for (size_t label = 0; label < POS_N; label++) {
			expect_nan(cross_entropy(z, POS_N, label), SEE_NAN, "loss_cross_entropy(%s, 5, %zu)", zs, label);
			fill(out, POS_N, JUNK);
			cross_entropy_grad(z, POS_N, label, out);
			for (size_t i = 0; i < POS_N; i++)
				expect_nan(out[i], SEE_NAN, "loss_cross_entropy_grad(%s, 5, %zu)[%zu]", zs, label, i);
		}
		/* In the probabilities: J's row and column k; in p or dp: all of dz. */
		double pr[POS_N] = {0.1, 0.2, 0.3, 0.25, 0.15};
		pr[k] = NAN;
		vec(zs, sizeof zs, pr, POS_N);
		fill(J, POS_N * POS_N, JUNK);
		jacobian(pr, J, POS_N);
		for (size_t i = 0; i < POS_N; i++) {
			expect_nan(J[k * POS_N + i], SEE_NAN, "act_softmax_jacobian(p = %s): J[%zu*n + %zu]", zs, k, i);
			expect_nan(J[i * POS_N + k], SEE_NAN, "act_softmax_jacobian(p = %s): J[%zu*n + %zu]", zs, i, k);
		}
		fill(out, POS_N, JUNK);
		softmax_backward(pr, dp, out, POS_N);
		for (size_t i = 0; i < POS_N; i++)
			expect_nan(out[i], SEE_NAN ": a NaN probability makes the sum, and so every dz_j, NaN",
				   "act_softmax_backward(p = %s, dp)[%zu]", zs, i);
		double pg[POS_N] = {0.1, 0.2, 0.3, 0.25, 0.15}, dn[POS_N] = {1, -0.5, 2, 0, 0.25};
		dn[k] = NAN;
		vec(zs, sizeof zs, dn, POS_N);
		fill(out, POS_N, JUNK);
		softmax_backward(pg, dn, out, POS_N);
		for (size_t i = 0; i < POS_N; i++)
			expect_nan(out[i], SEE_NAN ": a NaN upstream gradient makes the sum, and so every dz_j, NaN",
				   "act_softmax_backward(p, dp = %s)[%zu]", zs, i);
	}
}
END_TEST

/* A masked logit (-inf), first, in the middle or last: probability 0, log
 * probability -inf, and an infinite loss when it is the label. */
START_TEST(masked_logits_anywhere)
{
	size_t pos[3];
	grader_positions(POS_N, pos);
	for (int p = 0; p < 3; p++) {
		size_t k = pos[p];
		double z[POS_N], out[POS_N], lp[POS_N];
		char zs[128];
		fill(z, POS_N, 0);
		z[k] = -INFINITY;
		both(z, out, lp, zs, sizeof zs);
		for (size_t i = 0; i < POS_N; i++) {
			expect_close(out[i], i == k ? 0 : 0.25, TOL_EXACT, 1e-300,
				     "e^-inf = 0: a -inf logit masks its class " SEE_EDGE, "act_softmax(%s)[%zu]", zs, i);
			expect_close(lp[i], i == k ? -INFINITY : -2 * SOFTMAX_LOG2, TOL_EXACT, 1e-300,
				     "a masked class has p = 0, so log p = -inf " SEE_EDGE, "act_log_softmax(%s)[%zu]", zs, i);
		}
		expect_close(cross_entropy(z, POS_N, k), INFINITY, 0, 0,
			     "a masked class has p = 0 and -log 0 = +inf " SEE_EDGE, "loss_cross_entropy(%s, 5, %zu)", zs, k);
	}
}
END_TEST

/* One +inf logit anywhere takes all the probability; two have no limit. */
START_TEST(infinite_logits_anywhere)
{
	size_t pos[3];
	grader_positions(POS_N, pos);
	for (int p = 0; p < 3; p++) {
		size_t k = pos[p];
		double z[POS_N] = {0, 3, -1, 2, 1}, out[POS_N], lp[POS_N];
		char zs[128];
		z[k] = INFINITY;
		both(z, out, lp, zs, sizeof zs);
		for (size_t i = 0; i < POS_N; i++) {
			expect_close(out[i], i == k, 0, 1e-300,
				     "as one logit grows its class takes all the probability; inf - inf is NaN, so give "
				     "the largest logit its term e^0 = 1 without computing it " SEE_EDGE,
				     "act_softmax(%s)[%zu]", zs, i);
			expect_close(lp[i], i == k ? 0 : -INFINITY, 0, 1e-300,
				     "log p -> 0 for the infinite logit and -inf for the others " SEE_EDGE,
				     "act_log_softmax(%s)[%zu]", zs, i);
		}
		/* Two at +inf: k and the next position of the three. */
		size_t k2 = pos[(p + 1) % 3];
		z[k2] = INFINITY;
		vec(zs, sizeof zs, z, POS_N);
		fill(out, POS_N, JUNK);
		softmax(z, out, POS_N);
		expect_nan(out[k], "two logits at +inf have no limiting split between them " SEE_EDGE,
			   "act_softmax(%s)[%zu]", zs, k);
		expect_nan(out[k2], "two logits at +inf have no limiting split between them " SEE_EDGE,
			   "act_softmax(%s)[%zu]", zs, k2);
	}
}
END_TEST

/* The loss and its gradient with the label and the largest logit each
 * first, in the middle or last. */
START_TEST(cross_entropy_at_every_label_and_largest_logit_position)
{
	size_t pos[3];
	grader_positions(POS_N, pos);
	for (int p = 0; p < 3; p++)
		for (int q = 0; q < 3; q++) {
			size_t k = pos[p], label = pos[q];
			double z[POS_N], dz[POS_N];
			spike(z, k, 2.5);
			long double lse = 2.5L + log1pl(4 * expl(-2.5L));
			double want = (double)(lse - z[label]);
			char zs[128];
			vec(zs, sizeof zs, z, POS_N);
			expect_close(cross_entropy(z, POS_N, label), want, TOL_EXACT, 1e-300, SEE_CE,
				     "loss_cross_entropy(%s, 5, %zu)", zs, label);
			fill(dz, POS_N, JUNK);
			cross_entropy_grad(z, POS_N, label, dz);
			for (size_t i = 0; i < POS_N; i++) {
				long double pi = expl(z[i] - lse);
				expect_close(dz[i], (double)(pi - (i == label)), 1e-12, 1e-2,
					     "subtract 1 at the label, wherever it is -- " SEE_GRAD,
					     "loss_cross_entropy_grad(%s, 5, %zu)[%zu]", zs, label, i);
			}
		}
}
END_TEST

/* ---- Random logits, new each run ---- */

enum { RN = 12 };

/* Random logits: n in 1 .. RN, of a random scale up to 700. */
static size_t random_logits(double *z)
{
	size_t n = grader_int(1, RN);
	double scale = grader_magnitude(-2, 2.85, false);
	for (size_t i = 0; i < n; i++)
		z[i] = grader_uniform(-scale, scale);
	return n;
}

/* Softmax and log-softmax of random logits, against long double, summing
 * to 1.  The tolerance for p_i, 1e-12, admits the textbook exp(z_i - m),
 * whose rounding of z_i - m costs about |z_i - m| ulp. */
START_TEST(softmax_and_log_softmax_at_random_logits)
{
	for (int k = 0; k < 100; k++) {
		double z[RN], out[RN], lp[RN];
		long double want[RN];
		size_t n = random_logits(z);
		grader_log_softmax(z, n, want);
		fill(out, RN, JUNK);
		fill(lp, RN, JUNK);
		softmax(z, out, n);
		log_softmax(z, lp, n);
		char zs[400];
		vec(zs, sizeof zs, z, n);
		double sum = 0;
		for (size_t i = 0; i < n; i++) {
			sum += out[i];
			expect_close(out[i], (double)expl(want[i]), 1e-12, 1e-300,
				     looks_divided_by_max(out, z, n) ? "that is softmax(z / max): subtract the maximum, "
				     "do not divide by it -- " SEE_MAX : big_hint(out[i], SEE_P), "act_softmax(%s)[%zu]", zs, i);
			expect_close(lp[i], (double)want[i], TOL_EXACT, lse_floor(z, n), big_hint(lp[i], SEE_LOG),
				     "act_log_softmax(%s)[%zu]", zs, i);
		}
		expect_that(fabs(sum - 1) <= 4e-16 * (double)n, "act_softmax(%s) sums to %.17g, expected 1 -- %s",
			    zs, sum, SEE_P);
	}
}
END_TEST

/* Adding c to every logit changes nothing; permuting them permutes the
 * outputs.  The logits are multiples of 2^-20 and c an integer, so z + c
 * is exact. */
START_TEST(softmax_is_shift_invariant_and_permutation_equivariant)
{
	for (int k = 0; k < 60; k++) {
		double z[RN], zc[RN], zp[RN], p[RN], pc[RN], pp[RN], lp[RN], lpp[RN];
		size_t n = grader_int(1, RN), perm[RN];
		for (size_t i = 0; i < n; i++)
			z[i] = ldexp(floor(grader_uniform(-100, 100) * 1048576), -20);
		double c = floor(grader_uniform(-1000, 1000));
		for (size_t i = 0; i < n; i++)
			zc[i] = z[i] + c, perm[i] = i;
		for (size_t i = n; i-- > 1;) { /* Fisher-Yates */
			size_t j = grader_int(0, i), t = perm[i];
			perm[i] = perm[j], perm[j] = t;
		}
		for (size_t i = 0; i < n; i++)
			zp[i] = z[perm[i]];
		softmax(z, p, n);
		softmax(zc, pc, n);
		softmax(zp, pp, n);
		log_softmax(z, lp, n);
		log_softmax(zp, lpp, n);
		char zs[400];
		vec(zs, sizeof zs, z, n);
		for (size_t i = 0; i < n; i++) {
			expect_close(pc[i], p[i], 1e-12, 1e-300,
				     "adding one constant to every logit changes no probability (" CH ", \"From logits to "
				     "probabilities\")", "act_softmax(%s + %g)[%zu] against act_softmax(z)[%zu]", zs, c, i, i);
			expect_close(pp[i], p[perm[i]], 1e-13, 1e-300,
				     "softmax treats every position alike: permuting the logits permutes the "
				     "probabilities -- " SEE_P, "act_softmax(z permuted)[%zu] against act_softmax(%s)[%zu]",
				     i, zs, perm[i]);
			expect_close(lpp[i], lp[perm[i]], 1e-13, lse_floor(z, n),
				     "permuting the logits permutes the log-probabilities -- " SEE_LOG,
				     "act_log_softmax(z permuted)[%zu] against act_log_softmax(%s)[%zu]", i, zs, perm[i]);
		}
	}
}
END_TEST

/* Your log-softmax against the log of your softmax, wherever the
 * probability is a normal number that log can take accurately. */
START_TEST(log_softmax_is_the_log_of_softmax_where_both_are_accurate)
{
	for (int k = 0; k < 100; k++) {
		double z[RN], p[RN], lp[RN];
		size_t n = random_logits(z);
		softmax(z, p, n);
		log_softmax(z, lp, n);
		char zs[400];
		vec(zs, sizeof zs, z, n);
		for (size_t i = 0; i < n; i++)
			if (p[i] > 1e-250)
				expect_close(lp[i], log(p[i]), 1e-12, lse_floor(z, n),
					     "log softmax(z)_i and log(softmax(z)_i) must agree where p_i is an ordinary "
					     "number -- " SEE_LOG, "act_log_softmax(%s)[%zu] against log(act_softmax(%s)[%zu])",
					     zs, i, zs, i);
	}
}
END_TEST

/* In place, at random logits: out = z gives what a separate out gives. */
START_TEST(in_place_at_random_logits)
{
	for (int k = 0; k < 60; k++) {
		double z[RN], sep[RN], buf[RN];
		size_t n = random_logits(z), label = grader_int(0, n - 1);
		char zs[400];
		vec(zs, sizeof zs, z, n);
		softmax(z, sep, n);
		memcpy(buf, z, sizeof buf);
		softmax(buf, buf, n);
		expect_vec(buf, sep, n, 0, 1e-300, "out may be the same array as z: read z[i] before you "
			   "overwrite it " SEE_EDGE, "act_softmax(z = out)");
		log_softmax(z, sep, n);
		memcpy(buf, z, sizeof buf);
		log_softmax(buf, buf, n);
		expect_vec(buf, sep, n, 0, 1e-300, "out may be the same array as z: do not use out as scratch "
			   "space while you still need z " SEE_EDGE, "act_log_softmax(z = out)");
		cross_entropy_grad(z, n, label, sep);
		memcpy(buf, z, sizeof buf);
		cross_entropy_grad(buf, n, label, buf);
		expect_vec(buf, sep, n, 0, 1e-300, "loss.h: dz may be the same array as z, so finish reading "
			   "the logits before you write dz -- " SEE_GRAD, "loss_cross_entropy_grad(z, n, label, dz = z)");
	}
}
END_TEST

/* The Jacobian of random probabilities: the formula, rows and columns
 * summing to 0, and J symmetric (09-softmax.md, "The Jacobian"). */
START_TEST(softmax_jacobian_at_random_probabilities)
{
	for (int k = 0; k < 60; k++) {
		double z[RN], p[RN], J[RN * RN];
		long double lp[RN];
		size_t n = random_logits(z);
		grader_log_softmax(z, n, lp);
		for (size_t i = 0; i < n; i++)
			p[i] = (double)expl(lp[i]);
		fill(J, RN * RN, JUNK);
		jacobian(p, J, n);
		char ps[400];
		vec(ps, sizeof ps, p, n);
		for (size_t i = 0; i < n; i++) {
			long double row = 0, col = 0;
			for (size_t j = 0; j < n; j++) {
				long double want = (long double)p[i] * ((i == j) - (long double)p[j]);
				expect_close(J[i * n + j], (double)want, TOL_EXACT, 1e-300, SEE_JAC,
					     "act_softmax_jacobian(p = %s): J[%zu*n + %zu]", ps, i, j);
				expect_that(J[i * n + j] == J[j * n + i] || grader_close(J[i * n + j], J[j * n + i], TOL_EXACT, 1e-300),
					    "act_softmax_jacobian(p = %s): J[%zu*n + %zu] = %.17g but J[%zu*n + %zu] = %.17g: J is "
					    "symmetric, p_i p_j = p_j p_i -- %s", ps, i, j, J[i * n + j], j, i, J[j * n + i], SEE_JAC);
				row += J[i * n + j], col += J[j * n + i];
			}
			expect_that(fabsl(row) <= 1e-15 && fabsl(col) <= 1e-15,
				    "act_softmax_jacobian(p = %s): row %zu sums to %.3Lg and column %zu to %.3Lg, expected 0 "
				    "(the probabilities always sum to 1) -- %s", ps, i, row, i, col, SEE_JAC);
		}
	}
}
END_TEST

/* The backward pass at random p and dp, against J^T dp in long double.
 * dz_j = p_j (dp_j - sum_i p_i dp_i) may cancel; the tolerance is a few
 * ulp of the terms, as any way of computing the sum allows. */
START_TEST(softmax_backward_at_random_inputs)
{
	for (int k = 0; k < 60; k++) {
		double z[RN], p[RN], dp[RN], dz[RN];
		long double lp[RN], dot = 0, size = 0;
		size_t n = random_logits(z);
		grader_log_softmax(z, n, lp);
		for (size_t i = 0; i < n; i++) {
			p[i] = (double)expl(lp[i]);
			dp[i] = grader_uniform(-3, 3);
			dot += (long double)p[i] * dp[i];
			size += fabsl((long double)p[i] * dp[i]);
		}
		fill(dz, RN, JUNK);
		softmax_backward(p, dp, dz, n);
		char ps[400], ds[400];
		vec(ps, sizeof ps, p, n);
		vec(ds, sizeof ds, dp, n);
		for (size_t j = 0; j < n; j++) {
			long double want = p[j] * (dp[j] - dot);
			double allowed = (double)(1e-13L * p[j] * (fabsl(dp[j]) + size)) + 1e-300;
			const char *hint = SEE_BACK;
			if (grader_close(dz[j], p[j] * dp[j], 1e-12, 1e-300) && fabs(dz[j] - (double)want) > allowed)
				hint = "that is p_j dp_j: you forgot the sum term, - p_j sum_i p_i dp_i -- " SEE_BACK;
			expect_that(fabs(dz[j] - (double)want) <= allowed,
				    "act_softmax_backward(p = %s, dp = %s)[%zu] returned %.17g, expected %.17Lg -- %s",
				    ps, ds, j, dz[j], want, hint);
		}
	}
}
END_TEST

/* The loss and its gradient at random logits and labels: against long
 * double, at least 0, equal to minus your log-softmax at the label, a
 * gradient that sums to 0. */
START_TEST(cross_entropy_and_its_gradient_at_random_logits)
{
	for (int k = 0; k < 100; k++) {
		double z[RN], dz[RN], lp[RN];
		long double want[RN];
		size_t n = random_logits(z), label = grader_int(0, n - 1);
		grader_log_softmax(z, n, want);
		char zs[400];
		vec(zs, sizeof zs, z, n);
		double loss = cross_entropy(z, n, label);
		expect_close(loss, (double)-want[label], TOL_EXACT, lse_floor(z, n),
			     loss == (double)want[label] && loss != 0 ? "that is log p: the loss is -log p_label, "
			     "positive -- " SEE_CE : SEE_CE, "loss_cross_entropy(%s, %zu, %zu)", zs, n, label);
		log_softmax(z, lp, n);
		expect_close(loss, -lp[label], 1e-12, lse_floor(z, n),
			     "the loss is minus the log-softmax at the label -- " SEE_CE,
			     "loss_cross_entropy(%s, %zu, %zu) against -act_log_softmax(z)[%zu]", zs, n, label, label);
		fill(dz, RN, JUNK);
		cross_entropy_grad(z, n, label, dz);
		double sum = 0, size = 0;
		for (size_t i = 0; i < n; i++) {
			long double g = expl(want[i]) - (i == label);
			expect_close(dz[i], (double)g, 1e-12, 1e-2, SEE_GRAD, "loss_cross_entropy_grad(%s, %zu, %zu)[%zu]",
				     zs, n, label, i);
			sum += dz[i], size += fabs(dz[i]);
		}
		expect_that(fabs(sum) <= 1e-15 * (double)n + 1e-15 * size,
			    "loss_cross_entropy_grad(%s, %zu, %zu) sums to %.17g, expected 0: p sums to 1 and y "
			    "does too -- %s", zs, n, label, sum, SEE_GRAD);
	}
}
END_TEST

int main(void)
{
	int rows = ROWS(softmax_rows), smooth = ROWS(smooth_rows);
	Suite *s = suite_create("09-softmax");
	TCase *tc = grader_tcase(s, "softmax");
	tcase_add_loop_test(tc, softmax_matches_high_precision_values, 0, rows);
	tcase_add_loop_test(tc, softmax_sums_to_one, 0, rows);
	tcase_add_test(tc, softmax_survives_logits_of_1000);
	tcase_add_test(tc, softmax_survives_logits_of_minus_1000);
	tcase_add_test(tc, softmax_gives_masked_logits_zero_probability);
	tcase_add_test(tc, softmax_of_all_minus_infinity_is_nan);
	tcase_add_test(tc, softmax_of_one_infinite_logit_is_one_hot);
	tcase_add_test(tc, softmax_of_two_infinite_logits_is_nan);
	tcase_add_test(tc, softmax_propagates_nan);
	tcase_add_loop_test(tc, softmax_works_in_place, 0, rows);
	tcase_add_test(tc, softmax_of_nothing_touches_nothing);
	tcase_add_test(tc, softmax_and_log_softmax_find_the_largest_logit_anywhere);
	tcase_add_test(tc, softmax_and_log_softmax_at_random_logits);
	tcase_add_test(tc, softmax_is_shift_invariant_and_permutation_equivariant);

	tc = grader_tcase(s, "log_softmax");
	tcase_add_loop_test(tc, log_softmax_matches_high_precision_values, 0, rows);
	tcase_add_test(tc, log_softmax_of_0_and_minus_1000_is_minus_1000);
	tcase_add_test(tc, log_softmax_keeps_a_tiny_log_probability);
	tcase_add_test(tc, log_softmax_survives_logits_of_1000);
	tcase_add_test(tc, log_softmax_gives_masked_logits_minus_infinity);
	tcase_add_test(tc, log_softmax_of_all_minus_infinity_is_nan);
	tcase_add_test(tc, log_softmax_of_one_infinite_logit_is_zero_there);
	tcase_add_test(tc, log_softmax_propagates_nan);
	tcase_add_loop_test(tc, log_softmax_works_in_place, 0, rows);
	tcase_add_test(tc, log_softmax_of_nothing_touches_nothing);
	tcase_add_test(tc, log_softmax_is_the_log_of_softmax_where_both_are_accurate);

	tc = grader_tcase(s, "edge_cases_anywhere");
	tcase_add_test(tc, every_function_propagates_a_nan_anywhere);
	tcase_add_test(tc, masked_logits_anywhere);
	tcase_add_test(tc, infinite_logits_anywhere);
	tcase_add_test(tc, in_place_at_random_logits);

	tc = grader_tcase(s, "softmax_jacobian");
	tcase_add_loop_test(tc, softmax_jacobian_is_p_i_times_delta_ij_minus_p_j, 0, rows);
	tcase_add_loop_test(tc, softmax_jacobian_rows_sum_to_zero, 0, smooth);
	tcase_add_loop_test(tc, softmax_jacobian_matches_central_difference, 0, smooth);
	tcase_add_test(tc, softmax_jacobian_at_random_probabilities);
	tcase_add_test(tc, softmax_jacobian_propagates_nan);

	tc = grader_tcase(s, "softmax_backward");
	tcase_add_loop_test(tc, softmax_backward_is_jacobian_transpose_times_dp, 0, 3 * rows);
	tcase_add_loop_test(tc, softmax_backward_matches_central_difference, 0, 3 * smooth);
	tcase_add_test(tc, softmax_backward_of_a_constant_dp_is_zero);
	tcase_add_test(tc, softmax_backward_at_random_inputs);
	tcase_add_test(tc, softmax_backward_of_nothing_touches_nothing);

	tc = grader_tcase(s, "cross_entropy");
	tcase_add_loop_test(tc, cross_entropy_matches_high_precision_values, 0, pair_count());
	tcase_add_test(tc, cross_entropy_survives_logits_of_1000);
	tcase_add_test(tc, cross_entropy_of_a_confident_right_answer_is_tiny_not_zero);
	tcase_add_test(tc, cross_entropy_of_a_masked_label_is_infinite);
	tcase_add_test(tc, cross_entropy_of_a_certain_right_answer_is_zero);
	tcase_add_test(tc, cross_entropy_propagates_nan);
	tcase_add_test(tc, cross_entropy_at_every_label_and_largest_logit_position);
	tcase_add_test(tc, cross_entropy_and_its_gradient_at_random_logits);

	tc = grader_tcase(s, "cross_entropy_grad");
	tcase_add_loop_test(tc, cross_entropy_grad_is_p_minus_y, 0, pair_count());
	tcase_add_loop_test(tc, cross_entropy_grad_matches_central_difference, 0, 3 * smooth);
	tcase_add_test(tc, cross_entropy_grad_survives_logits_of_1000);
	tcase_add_test(tc, cross_entropy_grad_propagates_nan);
	return grader_run(s);
}
