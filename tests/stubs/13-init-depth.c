/* Chapter 13: Initialisation, depth and precision.
 * Read chapters/13-init-depth.md, replace each TODO with your code, then
 * grade this chapter with:  make grade-13
 * include/depth.h says what each function takes and returns. */
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "batchnorm.h"
#include "depth.h"

/* snippet: init_std */
double init_std(enum mlp_init init, size_t n_in, size_t n_out)
{
	/* TODO: the standard deviation of the initial weights:
	 * sqrt(2/(n_in + n_out)) for MLP_INIT_GLOROT, sqrt(2/n_in) for
	 * MLP_INIT_HE, sqrt(1/n_in) for MLP_INIT_LECUN, 0.01 for
	 * MLP_INIT_SMALL. */
	(void)init, (void)n_in, (void)n_out;
	return 0.0;
}
/* end snippet: init_std */

/* snippet: gauss_mean_square */
double gauss_mean_square(double (*f)(double), double sigma)
{
	/* TODO: E[f(sigma Z)^2] = integral of f(sigma z)^2 phi(z) dz, by the
	 * midpoint rule: 24000 cells of width h = 0.001 over [-12, 12], each
	 * sampled at its middle z = -12 + (k + 1/2) h;
	 * phi(z) = e^{-z^2/2}/sqrt(2 pi). */
	(void)f, (void)sigma;
	return 0.0;
}
/* end snippet: gauss_mean_square */

/* snippet: depth_variance */
double depth_variance(const double *x, size_t n)
{
	/* TODO: (1/n) sum (x_i - mean)^2, the mean computed first;
	 * NaN for n = 0. */
	(void)x, (void)n;
	return 0.0;
}
/* end snippet: depth_variance */

/* snippet: depth_forward */
void depth_forward(double *z, double *h, double *bn, const double *x,
		   const struct depth_net *net)
{
	/* TODO: h[0] = x; then for each layer l = 0 .. L-1 (arrays of B*n):
	 *     z[l] = h[l] W_l              (W_l = net->W + l*n*n, input-major)
	 *     batchnorm_forward(z[l], bn + l*n, B, n)   if net->batchnorm
	 *     h[l+1] = f(z[l])  (+ h[l] if net->residual). */
	(void)z, (void)h, (void)bn, (void)x, (void)net;
}
/* end snippet: depth_forward */

/* snippet: depth_backward */
void depth_backward(double *dz, double *dh, const double *dtop,
		    const double *z, const double *bn,
		    const struct depth_net *net)
{
	/* TODO: dh[L] = dtop; then for l = L-1 down to 0:
	 *     dz[l] = dh[l+1] * f'(z[l])
	 *     batchnorm_backward(dz[l], z[l], bn + l*n, B, n)   if net->batchnorm
	 *     dh[l] = dz[l] W_l^T  (+ dh[l+1] if net->residual). */
	(void)dz, (void)dh, (void)dtop, (void)z, (void)bn, (void)net;
}
/* end snippet: depth_backward */

/* snippet: clip_by_norm */
double clip_by_norm(double *g, size_t n, double max_norm)
{
	/* TODO: the norm sqrt(sum g_i^2), without overflow or underflow;
	 * when it is above max_norm, scale every g_i by max_norm/norm.
	 * Return the norm before clipping. */
	(void)g, (void)n, (void)max_norm;
	return 0.0;
}
/* end snippet: clip_by_norm */

/* snippet: round_bf16 */
float round_bf16(float x)
{
	/* TODO: the nearest bfloat16 (the top 16 bits of x's pattern),
	 * ties to even; NaN stays NaN. */
	(void)x;
	return 0.0f;
}
/* end snippet: round_bf16 */
