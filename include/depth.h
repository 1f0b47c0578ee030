/* depth.h: chapter 13, initialisation, depth and precision: what you write
 * (exercises/13-init-depth.c).  The batch normalisation that the depth
 * experiment can switch on is the course's (batchnorm.h).
 *
 * The depth experiment pushes a batch of inputs through L dense layers of
 * the same width n, without biases, and back again, and measures the
 * variance of the activations and of the gradients at every layer:
 *
 *     h_0 = x,   z_l = h_{l-1} W_l,   h_l = f(z_l)            (plain)
 *                                     h_l = h_{l-1} + f(z_l)  (residual)
 *
 * with z_l normalised over the batch before f when batchnorm is on.
 * Shapes as in chapter 11 (network.h): rows of a batch, weights stored
 * input-major, so layer l's weight from unit i to unit j is
 * W[(l * n + i) * n + j], for l = 0 .. L-1 (the text's W_1 .. W_L).
 */
#ifndef DEPTH_H
#define DEPTH_H

#include <stddef.h>
#include <stdint.h>

#include "network.h"

/* snippet: init_std */
/* The standard deviation of the initial weights of a dense layer
 * with n_in inputs and n_out outputs:
 *     GLOROT  sqrt(2 / (n_in + n_out))    HE     sqrt(2 / n_in)
 *     LECUN   sqrt(1 / n_in)              SMALL  0.01 */
double init_std(enum mlp_init init, size_t n_in, size_t n_out);
/* end snippet: init_std */

/* E[f(sigma Z)^2] for a standard normal Z: the integral of
 * f(sigma z)^2 phi(z) over z, by the midpoint rule on 24000 cells of width
 * 0.001 over [-12, 12] (whose points never fall on 0, where ReLU's slope
 * jumps). */
double gauss_mean_square(double (*f)(double), double sigma);

/* The variance of x[0 .. n): (1/n) sum (x_i - mean)^2, computed in two
 * passes (the mean first).  NaN when n is 0 or any x_i is NaN. */
double depth_variance(const double *x, size_t n);

/* The network of the depth experiment. */
struct depth_net {
	size_t n, B, L;      /* width, batch size, depth */
	const double *W;     /* the L weight matrices, W[(l * n + i) * n + j] */
	double (*f)(double); /* the activation */
	double (*df)(double); /* its derivative, at the input, as every act_NAME_grad */
	int residual;        /* 1: h_l = h_{l-1} + f(z_l) */
	int batchnorm;       /* 1: z_l normalised over the batch (batchnorm_forward) before f */
};

/* snippet: depth_forward */
/* The forward pass.  Copies x[B][n] into h[0], then for
 * l = 1 .. L writes z_l = h_{l-1} W_l into z[l-1] (normalised in
 * place by batchnorm_forward, its 1/std in bn[l-1][n], when
 * net->batchnorm) and h_l into h[l].
 * z[L][B][n], h[L+1][B][n], bn[L][n] (unused without batchnorm). */
void depth_forward(double *z, double *h, double *bn, const double *x,
		   const struct depth_net *net);

/* The backward pass, after depth_forward: from dtop = dL/dh_L[B][n],
 * writes dh[l] = dL/dh_l for l = L .. 0, and dz[l-1] = dL/dz_l for
 * l = L .. 1: the gradient at z_l before the normalisation, which
 * batchnorm_backward gives from the one after it.
 * dz[L][B][n], dh[L+1][B][n]; z and bn as depth_forward left them. */
void depth_backward(double *dz, double *dh, const double *dtop,
		    const double *z, const double *bn,
		    const struct depth_net *net);
/* end snippet: depth_forward */

/* snippet: clip_by_norm */
/* Gradient clipping by norm: when the Euclidean norm of g[0 .. n)
 * is above max_norm, scales g so that its norm is max_norm.  Returns
 * the norm before clipping, computed without overflow or underflow
 * for any finite g.  A NaN entry gives NaN and an infinite one inf,
 * and g is then left as it is. */
double clip_by_norm(double *g, size_t n, double max_norm);
/* end snippet: clip_by_norm */

/* snippet: round_bf16 */
/* The bfloat16 nearest to the float x (ties to even), as a float:
 * the top 16 bits of x's pattern, rounded.  NaN stays NaN, whatever
 * its bits; the infinities stay; a float beyond the largest
 * bfloat16 rounds to inf. */
float round_bf16(float x);
/* end snippet: round_bf16 */

#endif
