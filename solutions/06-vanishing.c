/* Chapter 06: Vanishing gradients and gradient checking.  Reference solution. */
#include <math.h>

#include "chain.h"

/* snippet: chain_forward */
void chain_forward(double *y, const double *w, const double *b, double x,
		   double (*f)(double), size_t L)
{
	y[0] = x;
	for (size_t k = 0; k < L; k++)
		y[k + 1] = f(w[k] * y[k] + b[k]);
}
/* end snippet: chain_forward */

/* snippet: chain_backward */
double chain_backward(double *dw, double *db, const double *y, const double *w,
		      const double *b, double (*df)(double), size_t L)
{
	double g = 1.0; /* dy_L/dy_L */
	for (size_t k = L; k-- > 0;) {
		/* z_k again, rounded exactly as the forward pass rounded it. */
		double z = w[k] * y[k] + b[k];
		double dz = g * df(z); /* dy_L/dz_k: one more factor f'(z_k) */
		dw[k] = dz * y[k];
		db[k] = dz;
		g = dz * w[k]; /* dy_L/dy_k: one more factor w_k */
	}
	return g;
}
/* end snippet: chain_backward */

/* snippet: grad_central_diff */
double grad_central_diff(double (*f)(double), double x, double h)
{
	/* The h^1 terms of the Taylor series cancel between f(x + h) and
	 * f(x - h): the error is O(h^2), against O(h) for (f(x + h) - f(x))/h. */
	return (f(x + h) - f(x - h)) / (2.0 * h);
}
/* end snippet: grad_central_diff */

/* snippet: grad_rel_err */
double grad_rel_err(double a, double n)
{
	if (isnan(a) || isnan(n))
		return NAN;
	if (a == n) /* also 0 and 0, where the scale below is 0 */
		return 0.0;
	return fabs(a - n) / fmax(fabs(a), fabs(n));
}
/* end snippet: grad_rel_err */
