/* Chapter 09: Softmax and cross-entropy.  Reference solution. */
#include <math.h>

#include "activations.h"
#include "loss.h"

/* snippet: helpers */
/* The index of the largest logit (the first, if several tie).  A NaN
 * logit wins, so that the callers see it and return NaN. */
static size_t argmax(const double *z, size_t n)
{
	size_t k = 0;
	for (size_t i = 1; i < n && !isnan(z[k]); i++)
		if (isnan(z[i]) || z[i] > z[k])
			k = i;
	return k;
}

/* e^(a - m) to within about one rounding.  The subtraction a - m rounds
 * to d, off by r = (a - m) - d, and e^(d + r) = e^d (1 + r + ...): for
 * |a - m| near 30 the rounding of d alone would cost e^d some 8 ULP.
 * TwoSum recovers r exactly (Knuth, TAOCP vol. 2, 4.2.2); fma adds e^d r
 * with a single rounding.  Infinite d (a masked logit) needs no repair. */
static double exp_diff(double a, double m)
{
	double d = a - m;
	if (!isfinite(d))
		return exp(d);
	double a1 = d + m, m1 = a1 - d;
	double r = (a - a1) - (m - m1);
	double e = exp(d);
	return fma(e, r, e);
}

/* sum over i != k of e^(z_i - z_k): every other class measured against the
 * largest logit z_k, so each term lies in [0, 1] and nothing overflows.  The
 * largest logit's own term, e^0 = 1, is left out on purpose: the callers
 * add it exactly (1 + s) or through log1p(s).  NaN when z_k is -inf (all
 * logits -inf) or when another logit is +inf too, where softmax has no
 * limit. */
static double sum_exp_others(const double *z, size_t n, size_t k)
{
	double s = 0.0;
	for (size_t i = 0; i < n; i++)
		if (i != k)
			s += exp_diff(z[i], z[k]);
	return s;
}

/* sum_i p_i dp_i as hi + *lo, in about twice double precision (Ogita, Rump
 * and Oishi's Dot2: fma recovers each product's rounding error, TwoSum each
 * addition's).  The backward pass subtracts this dot product from dp_j,
 * and where the two nearly cancel, only the dot's extra digits survive. */
static double dot2(const double *p, const double *dp, size_t n, double *lo)
{
	double hi = 0.0, err = 0.0;
	for (size_t i = 0; i < n; i++) {
		double t = p[i] * dp[i], t_err = fma(p[i], dp[i], -t);
		double s = hi + t, b = s - hi;
		err += ((hi - (s - b)) + (t - b)) + t_err;
		hi = s;
	}
	*lo = isfinite(hi) ? err : 0.0; /* no digits below an infinity */
	return hi;
}
/* end snippet: helpers */

/* Writes NaN into out[0..n). */
static void fill_nan(double *out, size_t n)
{
	for (size_t i = 0; i < n; i++)
		out[i] = NAN;
}

/* snippet: act_softmax */
void act_softmax(const double *z, double *out, size_t n)
{
	if (n == 0)
		return;
	size_t k = argmax(z, n);
	double m = z[k];
	if (isnan(m)) {
		fill_nan(out, n);
		return;
	}
	/* Subtracting the maximum changes nothing mathematically (e^-m cancels
	 * between numerator and denominator) but keeps every exponent <= 0:
	 * e^1000 would overflow to inf, and inf/inf is NaN.  Each z[i] is read
	 * before out[i] is written, so out may be z. */
	double sum = 1.0;
	for (size_t i = 0; i < n; i++) {
		double e = i == k ? 1.0 : exp_diff(z[i], m);
		out[i] = e;
		if (i != k)
			sum += e;
	}
	for (size_t i = 0; i < n; i++)
		out[i] /= sum;
}
/* end snippet: act_softmax */

/* snippet: act_log_softmax */
void act_log_softmax(const double *z, double *out, size_t n)
{
	if (n == 0)
		return;
	size_t k = argmax(z, n);
	double m = z[k];
	if (isnan(m)) {
		fill_nan(out, n);
		return;
	}
	/* log softmax(z)_i = (z_i - m) - log(sum_j e^(z_j - m)), the log-sum-exp
	 * trick.  Never log(softmax): a probability that underflows to 0 would
	 * give -inf where the answer is a modest negative number.  The sum is
	 * 1 + s with s the other classes' share, and log1p(s) keeps s even
	 * when it is below 1e-16, where 1 + s rounds to 1. */
	double lse = log1p(sum_exp_others(z, n, k));
	for (size_t i = 0; i < n; i++)
		out[i] = (i == k ? 0.0 : z[i] - m) - lse;
}
/* end snippet: act_log_softmax */

/* snippet: act_softmax_jacobian */
void act_softmax_jacobian(const double *p, double *J, size_t n)
{
	/* dp_i/dz_j = p_i (delta_ij - p_j): raising z_j raises p_j and takes
	 * probability from every other class in proportion to its share. */
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < n; j++)
			J[i * n + j] = p[i] * ((i == j ? 1.0 : 0.0) - p[j]);
}
/* end snippet: act_softmax_jacobian */

/* snippet: act_softmax_backward */
void act_softmax_backward(const double *p, const double *dp, double *dz, size_t n)
{
	/* dz_j = sum_i J_ij dp_i = p_j dp_j - p_j sum_i p_i dp_i: O(n) work and
	 * memory instead of the n-by-n matrix.  The dot product is finished
	 * before dz is written, so dz may be dp.  (A plain loop for the dot
	 * product is right too; dot2 only keeps digits when dp_j - dot
	 * cancels.) */
	double lo, dot = dot2(p, dp, n, &lo);
	for (size_t j = 0; j < n; j++)
		dz[j] = p[j] * ((dp[j] - dot) - lo);
}
/* end snippet: act_softmax_backward */

/* snippet: loss_cross_entropy */
double loss_cross_entropy(const double *z, size_t n, size_t label)
{
	if (label >= n)
		return NAN; /* no such class */
	size_t k = argmax(z, n);
	double m = z[k];
	if (isnan(m))
		return m;
	/* -log p_label = log(sum_i e^z_i) - z_label = (m - z_label) + log1p(s):
	 * two terms >= 0, so no cancellation, and no exponential of a large
	 * number.  When the label is the largest logit the first term is
	 * exactly 0 and the loss is log1p(s), accurate even when tiny. */
	double gap = label == k ? 0.0 : m - z[label];
	return gap + log1p(sum_exp_others(z, n, k));
}
/* end snippet: loss_cross_entropy */

/* snippet: loss_cross_entropy_grad */
void loss_cross_entropy_grad(const double *z, size_t n, size_t label, double *dz)
{
	if (label >= n) {
		fill_nan(dz, n);
		return;
	}
	act_softmax(z, dz, n);
	/* dz = p - y.  At the label, p - 1 = -(sum of the other p_i): the same
	 * number, but a sum of terms of one sign, so it keeps its digits when
	 * p_label is close to 1, where p_label - 1 would cancel.  (With one
	 * class there is no other p_i: a NaN logit must stay NaN there.) */
	double rest = 0.0;
	for (size_t i = 0; i < n; i++)
		if (i != label)
			rest += dz[i];
	if (!isnan(dz[label]))
		dz[label] = -rest;
}
/* end snippet: loss_cross_entropy_grad */
