/* Chapter 13: Initialisation, depth and precision.  Reference solution. */
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "batchnorm.h"
#include "depth.h"

/* snippet: init_std */
double init_std(enum mlp_init init, size_t n_in, size_t n_out)
{
	/* The variance that keeps the signal's size through a layer:
	 * 1/n_in for a unit of gain 1 (LeCun), twice that when half the
	 * units are off (He), and Glorot's compromise between the forward
	 * pass (n_in) and the backward pass (n_out). */
	switch (init) {
	case MLP_INIT_GLOROT: return sqrt(2.0 / (double)(n_in + n_out));
	case MLP_INIT_HE: return sqrt(2.0 / (double)n_in);
	case MLP_INIT_LECUN: return sqrt(1.0 / (double)n_in);
	case MLP_INIT_SMALL: return 0.01;
	}
	return NAN;
}
/* end snippet: init_std */

/* snippet: gauss_mean_square */
double gauss_mean_square(double (*f)(double), double sigma)
{
	/* The midpoint rule: cell k is [-12 + k h, -12 + (k + 1) h] and is
	 * sampled at its middle, never at 0 itself, where ReLU's slope jumps.
	 * For a smooth integrand that decays this fast the rule is accurate
	 * far beyond h^2, and phi(12) ~ 1e-32 makes the cut-off harmless. */
	const int cells = 24000;
	const double h = 0.001;
	double sum = 0.0;
	for (int k = 0; k < cells; k++) {
		double z = -12.0 + ((double)k + 0.5) * h;
		double y = f(sigma * z);
		sum += y * y * exp(-0.5 * z * z);
	}
	return sum * h / sqrt(2.0 * M_PI);
}
/* end snippet: gauss_mean_square */

/* snippet: depth_variance */
double depth_variance(const double *x, size_t n)
{
	if (n == 0)
		return NAN;
	/* Two passes: the mean first, then the squares of the deviations.
	 * The one-pass mean(x^2) - mean(x)^2 subtracts two large numbers when
	 * the mean is large beside the spread, and can even come out
	 * negative. */
	double mean = 0.0, var = 0.0;
	for (size_t i = 0; i < n; i++)
		mean += x[i];
	mean /= (double)n;
	for (size_t i = 0; i < n; i++)
		var += (x[i] - mean) * (x[i] - mean);
	return var / (double)n;
}
/* end snippet: depth_variance */

/* snippet: depth_forward */
void depth_forward(double *z, double *h, double *bn, const double *x,
		   const struct depth_net *net)
{
	size_t n = net->n, B = net->B, m = B * n;
	memcpy(h, x, m * sizeof *h);
	for (size_t l = 0; l < net->L; l++) {
		const double *in = h + l * m, *W = net->W + l * n * n;
		double *zl = z + l * m, *out = h + (l + 1) * m;
		for (size_t s = 0; s < B; s++) {
			double *zs = zl + s * n;
			for (size_t j = 0; j < n; j++)
				zs[j] = 0.0;
			for (size_t i = 0; i < n; i++) {
				double v = in[s * n + i];
				for (size_t j = 0; j < n; j++)
					zs[j] += v * W[i * n + j];
			}
		}
		if (net->batchnorm)
			batchnorm_forward(zl, bn + l * n, B, n);
		for (size_t k = 0; k < m; k++)
			out[k] = net->residual ? in[k] + net->f(zl[k]) : net->f(zl[k]);
	}
}
/* end snippet: depth_forward */

/* snippet: depth_backward */
void depth_backward(double *dz, double *dh, const double *dtop,
		    const double *z, const double *bn,
		    const struct depth_net *net)
{
	size_t n = net->n, B = net->B, m = B * n;
	memcpy(dh + net->L * m, dtop, m * sizeof *dh);
	for (size_t l = net->L; l-- > 0;) {
		const double *zl = z + l * m, *W = net->W + l * n * n, *dout = dh + (l + 1) * m;
		double *dzl = dz + l * m, *din = dh + l * m;
		for (size_t k = 0; k < m; k++)
			dzl[k] = dout[k] * net->df(zl[k]);
		if (net->batchnorm)
			batchnorm_backward(dzl, zl, bn + l * n, B, n);
		/* din = dz W^T, plus the shortcut's own copy of dout. */
		for (size_t s = 0; s < B; s++) {
			for (size_t i = 0; i < n; i++) {
				double acc = net->residual ? dout[s * n + i] : 0.0;
				for (size_t j = 0; j < n; j++)
					acc += dzl[s * n + j] * W[i * n + j];
				din[s * n + i] = acc;
			}
		}
	}
}
/* end snippet: depth_backward */

/* snippet: clip_by_norm */
double clip_by_norm(double *g, size_t n, double max_norm)
{
	/* sqrt(sum g_i^2) overflows once some |g_i| > 1e154 and underflows
	 * to 0 below 1e-162; dividing by the largest |g_i| first keeps every
	 * square in [0, 1], as hypot does for two numbers. */
	double big = 0.0;
	for (size_t i = 0; i < n; i++) {
		if (isnan(g[i]))
			return g[i];
		big = fmax(big, fabs(g[i]));
	}
	if (big == 0.0 || isinf(big))
		return big;
	double sum = 0.0;
	for (size_t i = 0; i < n; i++)
		sum += (g[i] / big) * (g[i] / big);
	double root = sqrt(sum), norm = big * root;
	if (norm > max_norm) {
		/* max_norm / norm, without forming a norm that may overflow. */
		double c = max_norm / big / root;
		for (size_t i = 0; i < n; i++)
			g[i] *= c;
	}
	return norm;
}
/* end snippet: clip_by_norm */

/* snippet: round_bf16 */
float round_bf16(float x)
{
	/* bfloat16 is the top half of a float: sign, the same 8 exponent bits,
	 * 7 fraction bits.  Adding 0x7FFF plus the lowest kept bit to the
	 * pattern, then dropping the low half, rounds to nearest with ties to
	 * even; a carry runs into the exponent when it must, up to inf.  A NaN
	 * whose payload is in the low half only would become inf that way, so
	 * it is returned first. */
	if (isnan(x))
		return x;
	uint32_t u;
	memcpy(&u, &x, sizeof u);
	u += 0x7FFFu + ((u >> 16) & 1u);
	u &= 0xFFFF0000u;
	float y;
	memcpy(&y, &u, sizeof y);
	return y;
}
/* end snippet: round_bf16 */
