/* Chapter 06: Vanishing gradients and gradient checking.
 * Read chapters/06-vanishing.md, replace each TODO with your code, then
 * grade this chapter with:  make grade-06
 *
 * The chain (include/chain.h):  y[0] = x,  y[k+1] = f(w[k] y[k] + b[k]).
 */
#include <math.h>

#include "chain.h"

/* snippet: chain_forward */
void chain_forward(double *y, const double *w, const double *b, double x,
		   double (*f)(double), size_t L)
{
	/* TODO: y[0] = x, then y[k+1] = f(w[k] y[k] + b[k]) for k = 0 .. L-1. */
	(void)y, (void)w, (void)b, (void)x, (void)f, (void)L;
}
/* end snippet: chain_forward */

/* snippet: chain_backward */
double chain_backward(double *dw, double *db, const double *y, const double *w,
		      const double *b, double (*df)(double), size_t L)
{
	/* TODO: from the y of chain_forward, WRITE dw[k] = dy_L/dw_k and
	 * db[k] = dy_L/db_k for every k < L, and return dy_L/dy_0 (1 when
	 * L = 0); df is f', taken at z_k.  include/chain.h gives the chain
	 * rule for it. */
	(void)dw, (void)db, (void)y, (void)w, (void)b, (void)df, (void)L;
	return 0.0;
}
/* end snippet: chain_backward */

/* snippet: grad_central_diff */
double grad_central_diff(double (*f)(double), double x, double h)
{
	/* TODO: (f(x + h) - f(x - h)) / 2h. */
	(void)f, (void)x, (void)h;
	return 0.0;
}
/* end snippet: grad_central_diff */

/* snippet: grad_rel_err */
double grad_rel_err(double a, double n)
{
	/* TODO: |a - n| / max(|a|, |n|); 0 when a and n are both 0; NaN when
	 * either is NaN. */
	(void)a, (void)n;
	return 0.0;
}
/* end snippet: grad_rel_err */
