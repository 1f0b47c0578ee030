/* Chapter 08: Leaky ReLU, PReLU, RReLU, ELU.
 * Read chapters/08-relu-family.md, replace each TODO with your code, then
 * grade this chapter with:  make grade-08 */
#include <math.h>

#include "activations.h"
#include "rng.h"

/* snippet: act_leaky_relu */
double act_leaky_relu(double x, double alpha)
{
	/* TODO: x for x > 0, alpha x for x <= 0, NaN for NaN.  Any
	 * alpha >= 0 must work, alpha > 1 too; with alpha = 0, 0 at -inf
	 * (where alpha x is 0 * -inf = NaN). */
	(void)x, (void)alpha;
	return 0.0;
}
/* end snippet: act_leaky_relu */

/* snippet: act_leaky_relu_grad */
double act_leaky_relu_grad(double x, double alpha)
{
	/* TODO: 1 for x > 0, alpha for x <= 0 (alpha at the kink),
	 * NaN for NaN. */
	(void)x, (void)alpha;
	return 0.0;
}
/* end snippet: act_leaky_relu_grad */

/* snippet: act_prelu */
double act_prelu(double x, double alpha)
{
	/* TODO: the same function as act_leaky_relu. */
	(void)x, (void)alpha;
	return 0.0;
}
/* end snippet: act_prelu */

/* snippet: act_prelu_grad */
double act_prelu_grad(double x, double alpha)
{
	/* TODO: d prelu/dx, the same as act_leaky_relu_grad. */
	(void)x, (void)alpha;
	return 0.0;
}
/* end snippet: act_prelu_grad */

/* snippet: act_prelu_grad_alpha */
double act_prelu_grad_alpha(double x, double alpha)
{
	/* TODO: d prelu/d alpha: x for x <= 0, 0 for x > 0,
	 * NaN for NaN. */
	(void)x, (void)alpha;
	return 0.0;
}
/* end snippet: act_prelu_grad_alpha */

/* snippet: act_rrelu_slope */
double act_rrelu_slope(double lower, double upper, int training, struct rng *rng)
{
	/* TODO: training: a slope uniform on [lower, upper], drawn
	 * from rng (see rng.h).  Inference: (lower + upper)/2,
	 * leaving rng alone. */
	(void)lower, (void)upper, (void)training, (void)rng;
	return 0.0;
}
/* end snippet: act_rrelu_slope */

/* snippet: act_elu */
double act_elu(double x, double alpha)
{
	/* TODO: x for x > 0, alpha (e^x - 1) for x <= 0, computed so
	 * that it stays accurate for x near 0; NaN for NaN; -alpha
	 * at -inf. */
	(void)x, (void)alpha;
	return 0.0;
}
/* end snippet: act_elu */

/* snippet: act_elu_grad */
double act_elu_grad(double x, double alpha)
{
	/* TODO: 1 for x > 0, alpha e^x for x <= 0 (alpha at the
	 * kink), NaN for NaN. */
	(void)x, (void)alpha;
	return 0.0;
}
/* end snippet: act_elu_grad */
