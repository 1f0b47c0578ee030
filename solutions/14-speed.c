/* Chapter 14, speed: the reference solution.
 * Array activations that GCC vectorises at -O2 without -ffast-math, and the
 * two matrix products of a dense layer, blocked; see include/fast.h. */
#include <stdint.h>
#include <string.h>

#include "fast.h"

/* snippet: lanes */
/* GCC's -O2 vectorises a loop only when the vector code replaces the scalar
 * code whole: a loop of exactly LANES iterations qualifies, a loop of n does
 * not.  So every array loop runs in chunks of LANES with a constant trip
 * count, and the last n % LANES elements go through the same formula one by
 * one.  8 doubles fill one AVX-512 register, two AVX2 ones, four SSE2 ones. */
enum { LANES = 8 };
/* end snippet: lanes */

/* snippet: vec_relu */
/* x < 0 ? 0 : x, not x > 0 ? x : 0: NaN < 0 is false, so NaN passes through
 * (chapter 07).  A select, not a branch: the compiler makes it a vector
 * compare and blend. */
static inline double relu(double x)
{
	return x < 0.0 ? 0.0 : x;
}

void vec_relu(double *restrict y, const double *restrict x, size_t n)
{
	size_t i = 0;
	for (; i + LANES <= n; i += LANES)
		for (size_t k = 0; k < LANES; k++)
			y[i + k] = relu(x[i + k]);
	for (; i < n; i++)
		y[i] = relu(x[i]);
}
/* end snippet: vec_relu */

/* snippet: vec_relu_backward */
/* relu'(x) dy: dy for x > 0, 0 for x <= 0, and x itself (NaN) otherwise. */
static inline double relu_backward(double x, double dy)
{
	return x > 0.0 ? dy : x <= 0.0 ? 0.0 : x;
}

void vec_relu_backward(double *restrict dx, const double *restrict x,
		       const double *restrict dy, size_t n)
{
	size_t i = 0;
	for (; i + LANES <= n; i += LANES)
		for (size_t k = 0; k < LANES; k++)
			dx[i + k] += relu_backward(x[i + k], dy[i + k]);
	for (; i < n; i++)
		dx[i] += relu_backward(x[i], dy[i]);
}
/* end snippet: vec_relu_backward */

/* snippet: exp_neg */
/* e^x for x <= 0, with no branch and no call, so that it vectorises: write
 * x = k ln 2 + r with k an integer and |r| <= ln(2) / 2, then
 * e^x = 2^k e^r.  2^k is built from its bits; e^r is its Taylor polynomial
 * to degree 13, whose first left-out term r^14 / 14! is below 5e-18: under
 * one unit in the last place.  Below -708.4, e^x is no longer a normal
 * double (it is under DBL_MIN = 2.2e-308, and 2^k would need k < -1022);
 * we return 0 there. */
static inline double exp_neg(double x)
{
	const double log2e = 1.4426950408889634;
	/* ln 2 in two parts: ln2_hi holds its first 32 significant bits (the
	 * other 21 are zero), so k * ln2_hi is exact for |k| < 2^21, and r
	 * keeps its low bits. */
	const double ln2_hi = 6.93147180369123816490e-01;
	const double ln2_lo = 1.90821492927058770002e-10;
	/* Adding 1.5 * 2^52 rounds to an integer and leaves it in the low bits. */
	const double shift = 6755399441055744.0;
	double xc = x < -708.4 ? -708.4 : x; /* NaN < -708.4 is false: NaN stays */
	double kd = xc * log2e + shift;
	uint64_t kbits;
	memcpy(&kbits, &kd, sizeof kbits);
	kd -= shift;
	double r = (xc - kd * ln2_hi) - kd * ln2_lo;
	double p = 1.0 / 6227020800.0; /* 1/13! */
	p = p * r + 1.0 / 479001600.0;
	p = p * r + 1.0 / 39916800.0;
	p = p * r + 1.0 / 3628800.0;
	p = p * r + 1.0 / 362880.0;
	p = p * r + 1.0 / 40320.0;
	p = p * r + 1.0 / 5040.0;
	p = p * r + 1.0 / 720.0;
	p = p * r + 1.0 / 120.0;
	p = p * r + 1.0 / 24.0;
	p = p * r + 1.0 / 6.0;
	p = p * r + 0.5;
	p = p * r + 1.0;
	p = p * r + 1.0;
	/* 2^k: the biased exponent k + 1023 in bits 52..62.  The low bits of
	 * kbits hold k; the shift pushes everything above them out. */
	uint64_t sbits = (kbits + 1023) << 52;
	double scale;
	memcpy(&scale, &sbits, sizeof scale);
	return x < -708.4 ? 0.0 : p * scale;
}
/* end snippet: exp_neg */

/* snippet: vec_sigmoid */
/* With e = e^-|x| in (0, 1]: sigma(x) = 1 / (1 + e) for x >= 0 and
 * e / (1 + e) for x < 0 (chapter 04): no overflow, no cancellation. */
static inline double sigmoid(double x)
{
	double e = exp_neg(-__builtin_fabs(x));
	double s = 1.0 / (1.0 + e);
	return x >= 0.0 ? s : e * s;
}

void vec_sigmoid(double *restrict y, const double *restrict x, size_t n)
{
	size_t i = 0;
	for (; i + LANES <= n; i += LANES)
		for (size_t k = 0; k < LANES; k++)
			y[i + k] = sigmoid(x[i + k]);
	for (; i < n; i++)
		y[i] = sigmoid(x[i]);
}
/* end snippet: vec_sigmoid */

/* snippet: vec_sigmoid_backward */
/* sigma'(x) = sigma(x) (1 - sigma(x)) = e / (1 + e)^2 with e = e^-|x|: the
 * same for x and -x, and no 1 - sigma, which for large x would cancel to 0
 * long before sigma'(x) does. */
static inline double sigmoid_grad(double x)
{
	double e = exp_neg(-__builtin_fabs(x));
	double s = 1.0 / (1.0 + e);
	return e * s * s;
}

void vec_sigmoid_backward(double *restrict dx, const double *restrict x,
			  const double *restrict dy, size_t n)
{
	size_t i = 0;
	for (; i + LANES <= n; i += LANES)
		for (size_t k = 0; k < LANES; k++)
			dx[i + k] += sigmoid_grad(x[i + k]) * dy[i + k];
	for (; i < n; i++)
		dx[i] += sigmoid_grad(x[i]) * dy[i];
}
/* end snippet: vec_sigmoid_backward */

/* snippet: block */
/* One block of C: 8 rows by NR columns, NR = 16 doubles (two AVX-512
 * registers, four AVX2 ones).  Its 128 sums stay in 16 of the 32 AVX-512
 * registers for the whole loop over k, and every row of B loaded is used 8
 * times, once per row of the block: an eighth of the memory traffic of one
 * row at a time.  A's
 * element (r, k) is A[r * ars + k * aks]: (lda, 1) reads A as stored,
 * (1, lda) reads it transposed, so one block serves both products. */
enum { NR = 16 };

static void block8(double *restrict C, size_t ldc, const double *restrict A, size_t ars,
		   size_t aks, const double *restrict B, size_t ldb, size_t K)
{
	double c0[NR], c1[NR], c2[NR], c3[NR], c4[NR], c5[NR], c6[NR], c7[NR];
	for (size_t j = 0; j < NR; j++) {
		c0[j] = C[j];
		c1[j] = C[ldc + j];
		c2[j] = C[2 * ldc + j];
		c3[j] = C[3 * ldc + j];
		c4[j] = C[4 * ldc + j];
		c5[j] = C[5 * ldc + j];
		c6[j] = C[6 * ldc + j];
		c7[j] = C[7 * ldc + j];
	}
	for (size_t k = 0; k < K; k++) {
		const double *b = B + k * ldb;
		const double *a = A + k * aks;
		double a0 = a[0], a1 = a[ars], a2 = a[2 * ars], a3 = a[3 * ars];
		double a4 = a[4 * ars], a5 = a[5 * ars], a6 = a[6 * ars], a7 = a[7 * ars];
		for (size_t j = 0; j < NR; j++) {
			c0[j] += a0 * b[j];
			c1[j] += a1 * b[j];
			c2[j] += a2 * b[j];
			c3[j] += a3 * b[j];
			c4[j] += a4 * b[j];
			c5[j] += a5 * b[j];
			c6[j] += a6 * b[j];
			c7[j] += a7 * b[j];
		}
	}
	for (size_t j = 0; j < NR; j++) {
		C[j] = c0[j];
		C[ldc + j] = c1[j];
		C[2 * ldc + j] = c2[j];
		C[3 * ldc + j] = c3[j];
		C[4 * ldc + j] = c4[j];
		C[5 * ldc + j] = c5[j];
		C[6 * ldc + j] = c6[j];
		C[7 * ldc + j] = c7[j];
	}
}

/* C[M][N] += A B with A's element (i, k) at A[i * ars + k * aks]: whole
 * blocks first, then the edges (rows past the last block of 8, columns past
 * the last block of NR) one row at a time. */
static void gemm(double *restrict C, size_t ldc, const double *restrict A, size_t ars,
		 size_t aks, const double *restrict B, size_t ldb, size_t M, size_t K, size_t N)
{
	size_t M8 = M / 8 * 8, NB = N / NR * NR;
	for (size_t j0 = 0; j0 < NB; j0 += NR)
		for (size_t i0 = 0; i0 < M8; i0 += 8)
			block8(C + i0 * ldc + j0, ldc, A + i0 * ars, ars, aks, B + j0, ldb, K);
	for (size_t i = 0; i < M; i++) {
		size_t j_first = i < M8 ? NB : 0;
		for (size_t k = 0; k < K; k++) {
			const double a = A[i * ars + k * aks];
			for (size_t j = j_first; j < N; j++)
				C[i * ldc + j] += a * B[k * ldb + j];
		}
	}
}
/* end snippet: block */

/* snippet: gemm_nn */
void gemm_nn(double *restrict C, size_t ldc, const double *restrict A, size_t lda,
	     const double *restrict B, size_t ldb, size_t M, size_t K, size_t N)
{
	gemm(C, ldc, A, lda, 1, B, ldb, M, K, N);
}
/* end snippet: gemm_nn */

/* snippet: gemm_tn */
void gemm_tn(double *restrict C, size_t ldc, const double *restrict A, size_t lda,
	     const double *restrict B, size_t ldb, size_t M, size_t K, size_t N)
{
	/* A is K x M as stored: its element (k, i) is A[k * lda + i]. */
	gemm(C, ldc, A, 1, lda, B, ldb, M, K, N);
}
/* end snippet: gemm_tn */

/* snippet: block_f */
/* The same in float: 32 floats fill the same two AVX-512 registers, so a
 * block is 8 rows by NRF = 32 columns and does twice the work per
 * instruction. */
enum { NRF = 32 };

static void block8_f(float *restrict C, size_t ldc, const float *restrict A, size_t ars,
		   size_t aks, const float *restrict B, size_t ldb, size_t K)
{
	float c0[NRF], c1[NRF], c2[NRF], c3[NRF], c4[NRF], c5[NRF], c6[NRF], c7[NRF];
	for (size_t j = 0; j < NRF; j++) {
		c0[j] = C[j];
		c1[j] = C[ldc + j];
		c2[j] = C[2 * ldc + j];
		c3[j] = C[3 * ldc + j];
		c4[j] = C[4 * ldc + j];
		c5[j] = C[5 * ldc + j];
		c6[j] = C[6 * ldc + j];
		c7[j] = C[7 * ldc + j];
	}
	for (size_t k = 0; k < K; k++) {
		const float *b = B + k * ldb;
		const float *a = A + k * aks;
		float a0 = a[0], a1 = a[ars], a2 = a[2 * ars], a3 = a[3 * ars];
		float a4 = a[4 * ars], a5 = a[5 * ars], a6 = a[6 * ars], a7 = a[7 * ars];
		for (size_t j = 0; j < NRF; j++) {
			c0[j] += a0 * b[j];
			c1[j] += a1 * b[j];
			c2[j] += a2 * b[j];
			c3[j] += a3 * b[j];
			c4[j] += a4 * b[j];
			c5[j] += a5 * b[j];
			c6[j] += a6 * b[j];
			c7[j] += a7 * b[j];
		}
	}
	for (size_t j = 0; j < NRF; j++) {
		C[j] = c0[j];
		C[ldc + j] = c1[j];
		C[2 * ldc + j] = c2[j];
		C[3 * ldc + j] = c3[j];
		C[4 * ldc + j] = c4[j];
		C[5 * ldc + j] = c5[j];
		C[6 * ldc + j] = c6[j];
		C[7 * ldc + j] = c7[j];
	}
}

static void gemm_f(float *restrict C, size_t ldc, const float *restrict A, size_t ars,
		   size_t aks, const float *restrict B, size_t ldb, size_t M, size_t K, size_t N)
{
	size_t M8 = M / 8 * 8, NB = N / NRF * NRF;
	for (size_t j0 = 0; j0 < NB; j0 += NRF)
		for (size_t i0 = 0; i0 < M8; i0 += 8)
			block8_f(C + i0 * ldc + j0, ldc, A + i0 * ars, ars, aks, B + j0, ldb, K);
	for (size_t i = 0; i < M; i++) {
		size_t j_first = i < M8 ? NB : 0;
		for (size_t k = 0; k < K; k++) {
			const float a = A[i * ars + k * aks];
			for (size_t j = j_first; j < N; j++)
				C[i * ldc + j] += a * B[k * ldb + j];
		}
	}
}
/* end snippet: block_f */

/* snippet: gemm_f */
void gemm_nn_f(float *restrict C, size_t ldc, const float *restrict A, size_t lda,
	       const float *restrict B, size_t ldb, size_t M, size_t K, size_t N)
{
	gemm_f(C, ldc, A, lda, 1, B, ldb, M, K, N);
}

void gemm_tn_f(float *restrict C, size_t ldc, const float *restrict A, size_t lda,
	       const float *restrict B, size_t ldb, size_t M, size_t K, size_t N)
{
	gemm_f(C, ldc, A, 1, lda, B, ldb, M, K, N);
}
/* end snippet: gemm_f */
