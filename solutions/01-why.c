/* Chapter 01: Why activation functions.  Reference solution. */
#include "layers.h"

/* snippet: dense_forward */
void dense_forward(double *z, const double *W, const double *b, const double *x,
		   size_t n_out, size_t n_in)
{
	for (size_t i = 0; i < n_out; i++) {
		/* Start from the bias: z may hold anything on entry. */
		double sum = b[i];
		for (size_t j = 0; j < n_in; j++)
			sum += W[i * n_in + j] * x[j];
		z[i] = sum;
	}
}
/* end snippet: dense_forward */

/* snippet: linear_collapse */
void linear_collapse(double *W, double *b, const double *W1, const double *b1,
		     const double *W2, const double *b2, size_t n_in,
		     size_t n_hidden, size_t n_out)
{
	for (size_t i = 0; i < n_out; i++) {
		for (size_t j = 0; j < n_in; j++) {
			double sum = 0.0;
			for (size_t k = 0; k < n_hidden; k++)
				sum += W2[i * n_hidden + k] * W1[k * n_in + j];
			W[i * n_in + j] = sum;
		}
		/* The first layer's bias passes through the second layer's weights. */
		double sum = b2[i];
		for (size_t k = 0; k < n_hidden; k++)
			sum += W2[i * n_hidden + k] * b1[k];
		b[i] = sum;
	}
}
/* end snippet: linear_collapse */
