/* batchnorm.h: batch normalisation, as chapter 13's depth experiment uses
 * it: what the course provides (src/batchnorm.c).  No scale and shift
 * parameters: each unit's values over the batch are brought to mean 0 and
 * variance 1, which is all the experiment needs. */
#ifndef BATCHNORM_H
#define BATCHNORM_H

#include <stddef.h>

/* Added to the batch variance before the square root, as PyTorch does. */
#define BATCHNORM_EPS 1e-5

/* In place: z[s][j] = (z[s][j] - mean_j) * inv_std[j] for z[B][n], with
 * mean_j and var_j over the batch and inv_std[j] = 1/sqrt(var_j + eps). */
void batchnorm_forward(double *z, double *inv_std, size_t B, size_t n);

/* In place: given dz = dL/dzhat for zhat = batchnorm_forward's output,
 * makes it dL/dz:
 *     dz = inv_std (dzhat - mean(dzhat) - zhat mean(dzhat zhat)),
 * the means over the batch, column by column. */
void batchnorm_backward(double *dz, const double *zhat, const double *inv_std, size_t B,
			size_t n);

#endif
