/* Chapter 09: Softmax and cross-entropy.
 * Read chapters/09-softmax.md, replace each TODO with your code, then grade
 * this chapter with:  make grade-09
 * You may add static helper functions (a max, a sum of exponentials) and
 * call one of your functions from another. */
#include <math.h>

#include "activations.h"
#include "loss.h"

/* snippet: act_softmax */
void act_softmax(const double *z, double *out, size_t n)
{
	/* TODO: out[i] = e^(z[i] - m) / sum_j e^(z[j] - m), m the largest z[j].
	 * n = 0: do nothing (do not even read z).  A NaN logit: every out[i]
	 * is NaN.  -inf logits get probability 0; all -inf is NaN.  One +inf
	 * logit gets 1 and the others 0: give the largest logit its e^0 = 1
	 * without computing z[k] - m, which is inf - inf = NaN there.  out may
	 * be the same array as z: read each z[i] before you overwrite it. */
	(void)z, (void)out, (void)n;
}
/* end snippet: act_softmax */

/* snippet: act_log_softmax */
void act_log_softmax(const double *z, double *out, size_t n)
{
	/* TODO: out[i] = log softmax(z)[i] = (z[i] - m) - log(sum_j e^(z[j] - m)),
	 * accurate even where softmax(z)[i] underflows to 0 and where the
	 * other classes' share is below 1e-16.  The same rules for n = 0,
	 * NaN, -inf, +inf and out == z as act_softmax: the largest logit's
	 * z[k] - m is 0, never inf - inf. */
	(void)z, (void)out, (void)n;
}
/* end snippet: act_log_softmax */

/* snippet: act_softmax_jacobian */
void act_softmax_jacobian(const double *p, double *J, size_t n)
{
	/* TODO: J[i*n + j] = p[i] * (delta_ij - p[j]), where delta_ij is 1 when
	 * i == j and 0 otherwise. */
	(void)p, (void)J, (void)n;
}
/* end snippet: act_softmax_jacobian */

/* snippet: act_softmax_backward */
void act_softmax_backward(const double *p, const double *dp, double *dz, size_t n)
{
	/* TODO: dz[j] = p[j] * (dp[j] - sum_i p[i] dp[i]), without building
	 * the Jacobian. */
	(void)p, (void)dp, (void)dz, (void)n;
}
/* end snippet: act_softmax_backward */

/* snippet: loss_cross_entropy */
double loss_cross_entropy(const double *z, size_t n, size_t label)
{
	/* TODO: -log softmax(z)[label] = log(sum_i e^z[i]) - z[label], computed
	 * so that logits of 1000 neither overflow nor lose the answer; 0 for a
	 * label logit of +inf (when the label is the largest logit, its gap to
	 * the largest is 0, never inf - inf); NaN for a NaN logit. */
	(void)z, (void)n, (void)label;
	return 0.0;
}
/* end snippet: loss_cross_entropy */

/* snippet: loss_cross_entropy_grad */
void loss_cross_entropy_grad(const double *z, size_t n, size_t label, double *dz)
{
	/* TODO: dz = softmax(z) - y, where y[label] = 1 and every other y[i] = 0. */
	(void)z, (void)n, (void)label, (void)dz;
}
/* end snippet: loss_cross_entropy_grad */
