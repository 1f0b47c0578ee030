/* glu.h: chapter 12, a gated linear unit (GLU), the feed-forward block of
 * LLaMA-style transformers.  Two projections of the same input, one passed
 * through a gate activation f, multiplied element by element:
 *
 *     a = inp W,   g = inp V,   out = a * f(g)
 *
 * SwiGLU is f = SiLU, GEGLU is f = GELU.  Shapes as in chapter 11
 * (network.h): a batch of B rows, weights stored input-major, so
 * W[i * n_out + j] connects input i to output j; no biases, as in LLaMA.
 * The gate comes as a pair of function pointers, f and its derivative df
 * (at the input g, like every act_NAME_grad), so the same code is SwiGLU,
 * GEGLU or any other gated unit.
 */
#ifndef GLU_H
#define GLU_H

#include <stddef.h>

/* out[B][n_out] = a * f(g), and keeps a[B][n_out] = inp W and
 * g[B][n_out] = inp V for the backward pass.  inp[B][n_in],
 * W[n_in][n_out], V[n_in][n_out]. */
void glu_forward(double *out, double *a, double *g, const double *inp,
		 const double *W, const double *V, double (*f)(double),
		 size_t B, size_t n_in, size_t n_out);

/* Given dout = dL/dout[B][n_out] and the a and g of glu_forward, ADDS
 *     dW[i][j]   += sum_s inp[s][i] dout[s][j] f(g[s][j])
 *     dV[i][j]   += sum_s inp[s][i] dout[s][j] a[s][j] f'(g[s][j])
 *     dinp[s][i] += sum_j W[i][j] (dL/da)[s][j] + V[i][j] (dL/dg)[s][j]
 * (dinp skipped when NULL), in the style of chapter 11's backward passes. */
void glu_backward(double *dinp, double *dW, double *dV, const double *dout,
		  const double *inp, const double *a, const double *g,
		  const double *W, const double *V,
		  double (*f)(double), double (*df)(double),
		  size_t B, size_t n_in, size_t n_out);

#endif
