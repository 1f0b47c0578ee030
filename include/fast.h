/* fast.h: chapter 14, the fast path.  Array activations that the compiler
 * turns into vector instructions, and the matrix products a dense layer is
 * made of, blocked so that every weight loaded from memory is used for
 * several samples, in double and in float.
 *
 * Every array function takes whole arrays, outputs first; restrict promises
 * that no two of them overlap, which lets the compiler load several
 * elements at once.  A backward function ADDS to its gradient, as in
 * chapter 11.
 *
 * Matrices are row-major with a leading dimension: element (r, c) of an
 * R x C matrix A with leading dimension lda is A[r * lda + c], lda >= C.  A
 * block of columns of a larger matrix is then the same matrix with a pointer
 * moved to its first column, which is how the network gives each thread its
 * own columns (chapter 14, "Threads").
 */
#ifndef FAST_H
#define FAST_H

#include <stddef.h>

/* snippet: vec_api */
/* y[k] = relu(x[k]) = (x[k] < 0 ? 0 : x[k]) for k < n; NaN stays NaN. */
void vec_relu(double *restrict y, const double *restrict x, size_t n);

/* dx[k] += relu'(x[k]) dy[k]: dy[k] where x[k] > 0, else nothing (relu'(0) = 0). */
void vec_relu_backward(double *restrict dx, const double *restrict x,
		       const double *restrict dy, size_t n);

/* y[k] = sigmoid(x[k]) = 1 / (1 + e^(-x[k])), within 1e-14 relative error
 * wherever that is a normal double (x >= -708.39); below, any y in
 * [0, DBL_MIN).  NaN stays NaN. */
void vec_sigmoid(double *restrict y, const double *restrict x, size_t n);

/* dx[k] += sigmoid'(x[k]) dy[k], sigmoid' = sigmoid (1 - sigmoid). */
void vec_sigmoid_backward(double *restrict dx, const double *restrict x,
			  const double *restrict dy, size_t n);
/* end snippet: vec_api */

/* snippet: gemm_api */
/* C[M][N] += A[M][K] B[K][N]: the dense layer's forward pass (A the inputs,
 * B the weights W[n_in][n_out]) and its input gradient (A the output
 * gradient, B the transposed weights Wt[n_out][n_in]). */
void gemm_nn(double *restrict C, size_t ldc, const double *restrict A, size_t lda,
	     const double *restrict B, size_t ldb, size_t M, size_t K, size_t N);

/* C[M][N] += A[K][M]^T B[K][N], A read as stored, K rows of M: the weight
 * gradient dW[n_in][n_out] += inp[B][n_in]^T dout[B][n_out], summed over
 * the K samples of the batch. */
void gemm_tn(double *restrict C, size_t ldc, const double *restrict A, size_t lda,
	     const double *restrict B, size_t ldb, size_t M, size_t K, size_t N);

/* The same two in float. */
void gemm_nn_f(float *restrict C, size_t ldc, const float *restrict A, size_t lda,
	       const float *restrict B, size_t ldb, size_t M, size_t K, size_t N);
void gemm_tn_f(float *restrict C, size_t ldc, const float *restrict A, size_t lda,
	       const float *restrict B, size_t ldb, size_t M, size_t K, size_t N);
/* end snippet: gemm_api */

#endif
