/* Chapter 12: Beyond ReLU.
 * Read chapters/12-beyond-relu.md, replace each TODO with your code, then
 * grade this chapter with:  make grade-12
 *
 * Several of these functions need sigma(x) = 1/(1 + e^-x): write yourself a
 * static helper here (chapter 04 says how to keep it from overflowing).
 * Every function: NaN in gives NaN out; +-inf give the limits; no finite x
 * gives NaN or a spurious inf.
 */
#include <math.h>
#include <stddef.h>

#include "activations.h"
#include "glu.h"

/* snippet: act_softplus */
double act_softplus(double x)
{
	/* TODO: log(1 + e^x), without overflow for large x and without
	 * losing e^x to rounding for very negative x. */
	(void)x;
	return 0.0;
}
/* end snippet: act_softplus */

/* snippet: act_softplus_grad */
double act_softplus_grad(double x)
{
	/* TODO: the derivative of log(1 + e^x). */
	(void)x;
	return 0.0;
}
/* end snippet: act_softplus_grad */

/* snippet: act_silu */
double act_silu(double x)
{
	/* TODO: x sigma(x); its limit at -inf is 0. */
	(void)x;
	return 0.0;
}
/* end snippet: act_silu */

/* snippet: act_silu_grad */
double act_silu_grad(double x)
{
	/* TODO: the product rule on x sigma(x); limits 1 at +inf, 0 at -inf. */
	(void)x;
	return 0.0;
}
/* end snippet: act_silu_grad */

/* snippet: act_gelu */
double act_gelu(double x)
{
	/* TODO: x Phi(x), Phi the standard normal CDF, through erfc so that
	 * the left tail keeps its digits; limit 0 at -inf. */
	(void)x;
	return 0.0;
}
/* end snippet: act_gelu */

/* snippet: act_gelu_grad */
double act_gelu_grad(double x)
{
	/* TODO: Phi(x) + x phi(x), phi the standard normal density;
	 * limits 1 at +inf, 0 at -inf. */
	(void)x;
	return 0.0;
}
/* end snippet: act_gelu_grad */

/* snippet: act_gelu_tanh */
double act_gelu_tanh(double x)
{
	/* TODO: x/2 (1 + tanh u), u = sqrt(2/pi)(x + 0.044715 x^3), written
	 * so that nothing cancels for very negative x. */
	(void)x;
	return 0.0;
}
/* end snippet: act_gelu_tanh */

/* snippet: act_gelu_tanh_grad */
double act_gelu_tanh_grad(double x)
{
	/* TODO: its derivative; no NaN for any finite x, however large. */
	(void)x;
	return 0.0;
}
/* end snippet: act_gelu_tanh_grad */

/* snippet: act_mish */
double act_mish(double x)
{
	/* TODO: x tanh(softplus(x)); limit 0 at -inf. */
	(void)x;
	return 0.0;
}
/* end snippet: act_mish */

/* snippet: act_mish_grad */
double act_mish_grad(double x)
{
	/* TODO: the product rule and the chain rule on x tanh(softplus(x));
	 * limits 1 at +inf, 0 at -inf. */
	(void)x;
	return 0.0;
}
/* end snippet: act_mish_grad */

/* snippet: act_selu */
double act_selu(double x)
{
	/* TODO: lambda x for x > 0, lambda alpha (e^x - 1) for x <= 0, with
	 * lambda = 1.0507009873554805 and alpha = 1.6732632423543772. */
	(void)x;
	return 0.0;
}
/* end snippet: act_selu */

/* snippet: act_selu_grad */
double act_selu_grad(double x)
{
	/* TODO: lambda for x > 0, lambda alpha e^x for x <= 0. */
	(void)x;
	return 0.0;
}
/* end snippet: act_selu_grad */

/* snippet: act_hardsigmoid */
double act_hardsigmoid(double x)
{
	/* TODO: 0 for x <= -3, 1 for x >= 3, (x + 3)/6 between. */
	(void)x;
	return 0.0;
}
/* end snippet: act_hardsigmoid */

/* snippet: act_hardsigmoid_grad */
double act_hardsigmoid_grad(double x)
{
	/* TODO: 1/6 for -3 < x < 3, else 0 (0 at the kinks too). */
	(void)x;
	return 0.0;
}
/* end snippet: act_hardsigmoid_grad */

/* snippet: act_hardswish */
double act_hardswish(double x)
{
	/* TODO: x hardsigmoid(x): 0 for x <= -3, x for x >= 3,
	 * x (x + 3)/6 between. */
	(void)x;
	return 0.0;
}
/* end snippet: act_hardswish */

/* snippet: act_hardswish_grad */
double act_hardswish_grad(double x)
{
	/* TODO: 0 for x < -3, (2x + 3)/6 for -3 <= x <= 3, 1 for x > 3. */
	(void)x;
	return 0.0;
}
/* end snippet: act_hardswish_grad */

/* snippet: glu_forward */
void glu_forward(double *out, double *a, double *g, const double *inp,
		 const double *W, const double *V, double (*f)(double),
		 size_t B, size_t n_in, size_t n_out)
{
	/* TODO: for each sample s and output j,
	 *     a[s*n_out + j] = sum over i of inp[s*n_in + i] * W[i*n_out + j]
	 *     g[s*n_out + j] = the same with V
	 *     out[s*n_out + j] = a[s*n_out + j] * f(g[s*n_out + j]).
	 * a and g are written, not added to. */
	(void)out, (void)a, (void)g, (void)inp, (void)W, (void)V, (void)f;
	(void)B, (void)n_in, (void)n_out;
}
/* end snippet: glu_forward */

/* snippet: glu_backward */
void glu_backward(double *dinp, double *dW, double *dV, const double *dout,
		  const double *inp, const double *a, const double *g,
		  const double *W, const double *V,
		  double (*f)(double), double (*df)(double),
		  size_t B, size_t n_in, size_t n_out)
{
	/* TODO: with da = dout * f(g) and dg = dout * a * df(g) for each
	 * (s, j), ADD (+=)
	 *     dW[i*n_out + j] += inp[s*n_in + i] * da
	 *     dV[i*n_out + j] += inp[s*n_in + i] * dg
	 *     dinp[s*n_in + i] += W[i*n_out + j] * da + V[i*n_out + j] * dg
	 * and skip dinp when it is NULL. */
	(void)dinp, (void)dW, (void)dV, (void)dout, (void)inp, (void)a, (void)g;
	(void)W, (void)V, (void)f, (void)df, (void)B, (void)n_in, (void)n_out;
}
/* end snippet: glu_backward */
