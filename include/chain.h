/* chain.h: chapter 06, a stack of L scalar neurons, its gradients, and the
 * numerical check that keeps them honest.
 *
 *   y[0] = x,   z_k = w[k] y[k] + b[k],   y[k+1] = f(z_k),   k = 0 .. L-1.
 *
 * The output is y[L].  By the chain rule, with g_k = dy_L/dy_k (g_L = 1):
 *   dy_L/dz_k = g_{k+1} f'(z_k),
 *   dy_L/dw_k = dy_L/dz_k * y[k],   dy_L/db_k = dy_L/dz_k,
 *   g_k       = dy_L/dz_k * w[k].
 * The activation comes as a pair of function pointers, f and its
 * derivative df (taking the input z, like every act_NAME_grad), so the
 * chain works with any activation of the course, or a test's own.
 */
#ifndef CHAIN_H
#define CHAIN_H

#include <stddef.h>

/* Forward pass: y[0] = x, then y[k+1] = f(w[k] y[k] + b[k]).
 * y[L + 1]; w[L], b[L]. */
void chain_forward(double *y, const double *w, const double *b, double x,
		   double (*f)(double), size_t L);

/* Backward pass: from the y that chain_forward wrote, writes (does not add
 * to) dw[k] = dy_L/dw_k and db[k] = dy_L/db_k for every k < L, and returns
 * dy_L/dy_0 (1 when L = 0).  dw[L], db[L]; y[L + 1]; w[L], b[L]. */
double chain_backward(double *dw, double *db, const double *y, const double *w,
		      const double *b, double (*df)(double), size_t L);

/* The central difference (f(x + h) - f(x - h)) / 2h: the slope of f at x
 * to O(h^2).  h around 1e-5 balances truncation against rounding. */
double grad_central_diff(double (*f)(double), double x, double h);

/* The relative error |a - n| / max(|a|, |n|) between an analytic
 * derivative a and a numerical one n; 0 when both are 0, NaN when either is. */
double grad_rel_err(double a, double n);

#endif
