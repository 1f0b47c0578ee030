/* Chapter 08: Leaky ReLU, PReLU, RReLU, ELU.  Reference solution. */
#include <math.h>

#include "activations.h"
#include "rng.h"

/* snippet: act_leaky_relu */
double act_leaky_relu(double x, double alpha)
{
	/* Not fmax(alpha * x, x): that is right only for alpha <= 1. */
	if (isnan(x) || x > 0.0)
		return x;
	/* alpha = 0 is ReLU, whose limit at -inf is 0, not 0 * -inf = NaN. */
	return alpha == 0.0 ? 0.0 : alpha * x;
}
/* end snippet: act_leaky_relu */

/* snippet: act_leaky_relu_grad */
double act_leaky_relu_grad(double x, double alpha)
{
	if (isnan(x))
		return x;
	return x > 0.0 ? 1.0 : alpha; /* alpha at the kink, as PyTorch */
}
/* end snippet: act_leaky_relu_grad */

/* snippet: act_prelu */
double act_prelu(double x, double alpha)
{
	/* The same function as leaky ReLU; only who chooses alpha differs. */
	return act_leaky_relu(x, alpha);
}
/* end snippet: act_prelu */

/* snippet: act_prelu_grad */
double act_prelu_grad(double x, double alpha)
{
	return act_leaky_relu_grad(x, alpha);
}
/* end snippet: act_prelu_grad */

/* snippet: act_prelu_grad_alpha */
double act_prelu_grad_alpha(double x, double alpha)
{
	(void)alpha; /* y = alpha x on x <= 0 is linear in alpha */
	if (isnan(x) || x <= 0.0)
		return x;
	return 0.0;
}
/* end snippet: act_prelu_grad_alpha */

/* snippet: act_rrelu_slope */
double act_rrelu_slope(double lower, double upper, int training, struct rng *rng)
{
	if (!training)
		return (lower + upper) / 2.0; /* the mean of U(lower, upper) */
	return rng_range(rng, lower, upper);
}
/* end snippet: act_rrelu_slope */

/* snippet: act_elu */
double act_elu(double x, double alpha)
{
	if (isnan(x) || x > 0.0)
		return x;
	/* expm1, not exp(x) - 1: near 0, exp(x) rounds to a double next to 1
	 * and the subtraction leaves only the rounding error; expm1 keeps
	 * every digit of e^x - 1.  expm1(-inf) = -1 gives the limit -alpha. */
	return alpha * expm1(x);
}
/* end snippet: act_elu */

/* snippet: act_elu_grad */
double act_elu_grad(double x, double alpha)
{
	if (isnan(x))
		return x;
	/* alpha e^x = elu(x) + alpha for x <= 0; alpha at the kink, as PyTorch. */
	return x > 0.0 ? 1.0 : alpha * exp(x);
}
/* end snippet: act_elu_grad */
