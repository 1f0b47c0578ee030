/* Chapter 01: Why activation functions.
 * Read chapters/01-why.md, replace each TODO with your code, then grade this
 * chapter with:  make grade-01 */
#include "layers.h"

/* snippet: dense_forward */
void dense_forward(double *z, const double *W, const double *b, const double *x,
		   size_t n_out, size_t n_in)
{
	/* TODO: z[i] = b[i] + sum over j of W[i * n_in + j] * x[j]. */
	(void)z, (void)W, (void)b, (void)x, (void)n_out, (void)n_in;
}
/* end snippet: dense_forward */

/* snippet: linear_collapse */
void linear_collapse(double *W, double *b, const double *W1, const double *b1,
		     const double *W2, const double *b2, size_t n_in,
		     size_t n_hidden, size_t n_out)
{
	/* TODO: W = W2 W1 (n_out x n_in) and b = W2 b1 + b2 (n_out). */
	(void)W, (void)b, (void)W1, (void)b1, (void)W2, (void)b2;
	(void)n_in, (void)n_hidden, (void)n_out;
}
/* end snippet: linear_collapse */
