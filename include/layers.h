/* layers.h: chapter 01, a dense layer and why linear layers collapse. */
#ifndef LAYERS_H
#define LAYERS_H

#include <stddef.h>

/* z = W x + b for one layer.
 * z[n_out], W[n_out * n_in] row-major (row i holds the weights of output i),
 * b[n_out], x[n_in]. */
void dense_forward(double *z, const double *W, const double *b, const double *x,
		   size_t n_out, size_t n_in);

/* The single layer (W, b) that equals layer 1 (W1, b1) followed by layer 2
 * (W2, b2) with no activation between them:  W = W2 W1,  b = W2 b1 + b2.
 * W[n_out * n_in], b[n_out], W1[n_hidden * n_in], b1[n_hidden],
 * W2[n_out * n_hidden], b2[n_out]; all row-major. */
void linear_collapse(double *W, double *b, const double *W1, const double *b1,
		     const double *W2, const double *b2, size_t n_in,
		     size_t n_hidden, size_t n_out);

#endif
