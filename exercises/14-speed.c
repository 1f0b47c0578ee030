/* Chapter 14: speed.
 * Read chapters/14-speed.md, replace each TODO with your code, then grade
 * this chapter with:  make grade-14
 * include/fast.h gives every function's contract and every shape. */
#include <stdint.h>
#include <string.h>

#include "fast.h"

/* snippet: lanes */
/* GCC's -O2 vectorises a loop only when the vector code replaces the scalar
 * code whole: a loop of exactly LANES iterations qualifies, a loop of n does
 * not.  Write every array loop as chunks of LANES plus a tail. */
enum { LANES = 8 };
/* end snippet: lanes */

/* snippet: vec_relu */
void vec_relu(double *restrict y, const double *restrict x, size_t n)
{
	/* TODO: y[k] = x[k] < 0 ? 0 : x[k] for every k < n (NaN stays NaN),
	 * in chunks of LANES with a constant inner loop, then the tail. */
	(void)y, (void)x, (void)n;
}
/* end snippet: vec_relu */

/* snippet: vec_relu_backward */
void vec_relu_backward(double *restrict dx, const double *restrict x,
		       const double *restrict dy, size_t n)
{
	/* TODO: dx[k] += dy[k] where x[k] > 0; nothing where x[k] <= 0;
	 * NaN where x[k] is NaN.  ADD, do not overwrite. */
	(void)dx, (void)x, (void)dy, (void)n;
}
/* end snippet: vec_relu_backward */

/* snippet: vec_sigmoid */
void vec_sigmoid(double *restrict y, const double *restrict x, size_t n)
{
	/* TODO: y[k] = sigmoid(x[k]), without calling exp (a call stops the
	 * compiler from vectorising): e = e^-|x| from x = k ln 2 + r,
	 * 2^k built from its bits and e^r from its Taylor polynomial, then
	 * 1 / (1 + e) for x >= 0 and e / (1 + e) below. */
	(void)y, (void)x, (void)n;
}
/* end snippet: vec_sigmoid */

/* snippet: vec_sigmoid_backward */
void vec_sigmoid_backward(double *restrict dx, const double *restrict x,
			  const double *restrict dy, size_t n)
{
	/* TODO: dx[k] += sigmoid'(x[k]) dy[k], with sigmoid'(x) written so
	 * that it does not cancel to 0 for large x (not s (1 - s)). */
	(void)dx, (void)x, (void)dy, (void)n;
}
/* end snippet: vec_sigmoid_backward */

/* snippet: gemm_nn */
void gemm_nn(double *restrict C, size_t ldc, const double *restrict A, size_t lda,
	     const double *restrict B, size_t ldb, size_t M, size_t K, size_t N)
{
	/* TODO: C[i*ldc + j] += sum over k < K of A[i*lda + k] * B[k*ldb + j],
	 * for i < M and j < N.  Fast: blocks of 8 rows by 16 columns whose
	 * sums stay in local arrays over the whole loop on k; then the edges. */
	(void)C, (void)ldc, (void)A, (void)lda, (void)B, (void)ldb, (void)M, (void)K, (void)N;
}
/* end snippet: gemm_nn */

/* snippet: gemm_tn */
void gemm_tn(double *restrict C, size_t ldc, const double *restrict A, size_t lda,
	     const double *restrict B, size_t ldb, size_t M, size_t K, size_t N)
{
	/* TODO: C[i*ldc + j] += sum over k < K of A[k*lda + i] * B[k*ldb + j]:
	 * A is stored K rows of M, and read transposed. */
	(void)C, (void)ldc, (void)A, (void)lda, (void)B, (void)ldb, (void)M, (void)K, (void)N;
}
/* end snippet: gemm_tn */

/* snippet: gemm_f */
void gemm_nn_f(float *restrict C, size_t ldc, const float *restrict A, size_t lda,
	       const float *restrict B, size_t ldb, size_t M, size_t K, size_t N)
{
	/* TODO: gemm_nn in float (blocks of 32 columns fill the same registers). */
	(void)C, (void)ldc, (void)A, (void)lda, (void)B, (void)ldb, (void)M, (void)K, (void)N;
}

void gemm_tn_f(float *restrict C, size_t ldc, const float *restrict A, size_t lda,
	       const float *restrict B, size_t ldb, size_t M, size_t K, size_t N)
{
	/* TODO: gemm_tn in float. */
	(void)C, (void)ldc, (void)A, (void)lda, (void)B, (void)ldb, (void)M, (void)K, (void)N;
}
/* end snippet: gemm_f */
