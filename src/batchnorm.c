/* batchnorm.c: batch normalisation without scale and shift, for the depth
 * experiment of chapter 13 (include/batchnorm.h). */
#include <math.h>

#include "batchnorm.h"

void batchnorm_forward(double *z, double *inv_std, size_t B, size_t n)
{
	for (size_t j = 0; j < n; j++) {
		double mean = 0, var = 0;
		for (size_t s = 0; s < B; s++)
			mean += z[s * n + j];
		mean /= (double)B;
		for (size_t s = 0; s < B; s++)
			var += (z[s * n + j] - mean) * (z[s * n + j] - mean);
		var /= (double)B;
		inv_std[j] = 1.0 / sqrt(var + BATCHNORM_EPS);
		for (size_t s = 0; s < B; s++)
			z[s * n + j] = (z[s * n + j] - mean) * inv_std[j];
	}
}

void batchnorm_backward(double *dz, const double *zhat, const double *inv_std, size_t B,
			size_t n)
{
	/* zhat depends on every z of its column through the mean and the
	 * variance; these two means are what that dependence sends back. */
	for (size_t j = 0; j < n; j++) {
		double m = 0, mz = 0;
		for (size_t s = 0; s < B; s++) {
			m += dz[s * n + j];
			mz += dz[s * n + j] * zhat[s * n + j];
		}
		m /= (double)B;
		mz /= (double)B;
		for (size_t s = 0; s < B; s++)
			dz[s * n + j] = inv_std[j] * (dz[s * n + j] - m - zhat[s * n + j] * mz);
	}
}
