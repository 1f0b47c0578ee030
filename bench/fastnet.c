/* bench/fastnet.c: chapter 14's benchmark network.  The chapter 11 run
 * (784-256-128-10, ReLU, softmax cross-entropy, batch 64, SGD with momentum
 * 0.9, rate 0.05 times 0.8 per epoch, He-uniform weights, the same seed,
 * draws and shuffles as classify) with its matrix products done one of four
 * ways, chosen when it is compiled (bench/bench.sh builds each):
 *
 *   -DPLAIN            chapter 11's mlp_dense_forward and mlp_dense_backward
 *                      and chapter 07's act_relu, one sample at a time (double)
 *   (nothing)          chapter 14's gemm_nn, gemm_tn and vec_relu (double)
 *   -DFLOAT32          chapter 14's gemm_nn_f and gemm_tn_f (float)
 *   -DCBLAS            OpenBLAS's cblas_dgemm (cblas_sgemm with -DFLOAT32):
 *                      the library anchor
 *
 *   fastnet DATA_DIR EPOCHS THREADS SEED
 *
 * Threads split the columns of every product (an output's own weights),
 * never the batch, so no two threads write the same sum; under -DCBLAS
 * OpenBLAS splits them itself.  Besides one line per epoch it prints
 * where the time went, by the program's own clocks:
 *   "profile: forward F backward B activations A loss L update U"
 * (seconds per epoch), and last "fastnet: S s/epoch, test accuracy A".
 */
#define _POSIX_C_SOURCE 199309L
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef _OPENMP
#include <omp.h>
#endif

#include "dataset.h"
#include "now.h"
#include "rng.h"

#ifdef PLAIN
#include "activations.h"
#include "network.h"
#else
#include "fast.h"
#endif
#ifdef CBLAS
#include <cblas.h>
#endif

#ifdef FLOAT32
typedef float real;
#define CBLAS_GEMM cblas_sgemm
#else
typedef double real;
#define CBLAS_GEMM cblas_dgemm
#endif

enum { L = 3, BATCH = 64, EVAL_BATCH = 256 };
static const size_t size[L + 1] = {784, 256, 128, 10};
static int nthreads = 1;

/* The timers: seconds spent in each part of training. */
enum { T_FORWARD, T_BACKWARD, T_ACT, T_LOSS, T_UPDATE, N_TIMERS };
static double timer[N_TIMERS];
#define TIMED(which, ...)                         \
	do {                                      \
		double t0_ = now();               \
		__VA_ARGS__;                      \
		timer[which] += now() - t0_;      \
	} while (0)

/* ---- The two products, whichever way this program was built ---- */

#ifndef PLAIN
/* C[M][N] += A[M][K] B[K][N] (tn: A is K x M, read transposed). */
static void product(int tn, real *C, size_t ldc, const real *A, size_t lda, const real *B,
		    size_t ldb, size_t M, size_t K, size_t N)
{
#ifdef CBLAS
#ifdef FLOAT32
	cblas_sgemm(CblasRowMajor, tn ? CblasTrans : CblasNoTrans, CblasNoTrans, (int)M, (int)N,
		    (int)K, 1.0f, A, (int)lda, B, (int)ldb, 1.0f, C, (int)ldc);
#else
	cblas_dgemm(CblasRowMajor, tn ? CblasTrans : CblasNoTrans, CblasNoTrans, (int)M, (int)N,
		    (int)K, 1.0, A, (int)lda, B, (int)ldb, 1.0, C, (int)ldc);
#endif
#else
	/* snippet: threads */
	/* Each thread takes a band of columns, a multiple of 32 wide so that
	 * no block is cut; a narrow product stays on one thread. */
	int T = N >= 64 ? nthreads : 1;
	size_t band = (N / 32 + (size_t)T - 1) / (size_t)T * 32;
#pragma omp parallel for num_threads(T) schedule(static, 1) if (T > 1)
	for (int t = 0; t < T; t++) {
		size_t j0 = (size_t)t * band, j1 = t == T - 1 ? N : j0 + band;
		if (j0 >= N)
			continue;
		if (j1 > N)
			j1 = N;
#ifdef FLOAT32
		(tn ? gemm_tn_f : gemm_nn_f)(C + j0, ldc, A, lda, B + j0, ldb, M, K, j1 - j0);
#else
		(tn ? gemm_tn : gemm_nn)(C + j0, ldc, A, lda, B + j0, ldb, M, K, j1 - j0);
#endif
	}
	/* end snippet: threads */
#endif
}
#endif

/* ReLU and its backward pass over n numbers. */
static void relu_forward(real *a, const real *z, size_t n)
{
#if defined(PLAIN)
	for (size_t k = 0; k < n; k++)
		a[k] = act_relu(z[k]);
#elif defined(FLOAT32)
	for (size_t k = 0; k < n; k++)
		a[k] = z[k] < 0 ? 0 : z[k];
#else
	vec_relu(a, z, n);
#endif
}

static void relu_backward(real *dz, const real *z, const real *da, size_t n)
{
#if defined(PLAIN)
	for (size_t k = 0; k < n; k++)
		dz[k] += act_relu_grad(z[k]) * da[k];
#elif defined(FLOAT32)
	for (size_t k = 0; k < n; k++)
		dz[k] += z[k] > 0 ? da[k] : 0;
#else
	vec_relu_backward(dz, z, da, n);
#endif
}

/* ---- The network ---- */

struct net {
	real *W[L], *Wt[L], *b[L], *vW[L], *vb[L], *dW[L], *db[L];
	real *z[L], *a[L], *dz[L], *da[L];
};

static void *zalloc(size_t n, size_t each)
{
	void *p = calloc(n, each);
	if (!p) {
		fprintf(stderr, "fastnet: out of memory\n");
		exit(1);
	}
	return p;
}

/* As mlp_init: W uniform on +-sqrt(6 / n_in), drawn input-major layer by
 * layer from rng, so a seed gives classify's initial weights. */
static void net_init(struct net *n, struct rng *rng)
{
	for (size_t l = 0; l < L; l++) {
		size_t ni = size[l], no = size[l + 1], nb = EVAL_BATCH * no;
		n->W[l] = zalloc(ni * no, sizeof(real));
		n->Wt[l] = zalloc(ni * no, sizeof(real));
		n->dW[l] = zalloc(ni * no, sizeof(real));
		n->vW[l] = zalloc(ni * no, sizeof(real));
		n->b[l] = zalloc(no, sizeof(real));
		n->db[l] = zalloc(no, sizeof(real));
		n->vb[l] = zalloc(no, sizeof(real));
		n->z[l] = zalloc(nb, sizeof(real));
		n->a[l] = zalloc(nb, sizeof(real));
		n->dz[l] = zalloc(nb, sizeof(real));
		n->da[l] = zalloc(nb, sizeof(real));
		double s = sqrt(6.0 / (double)ni);
		for (size_t k = 0; k < ni * no; k++)
			n->W[l][k] = (real)rng_range(rng, -s, s);
		for (size_t i = 0; i < ni; i++)
			for (size_t j = 0; j < no; j++)
				n->Wt[l][j * ni + i] = n->W[l][i * no + j];
	}
}

static void forward(struct net *n, const real *X, size_t B)
{
	const real *inp = X;
	for (size_t l = 0; l < L; l++) {
		size_t ni = size[l], no = size[l + 1];
		real *z = n->z[l];
#ifdef PLAIN
		TIMED(T_FORWARD, mlp_dense_forward(z, inp, n->W[l], n->b[l], B, ni, no));
#else
		TIMED(T_FORWARD, {
			for (size_t s = 0; s < B; s++)
				memcpy(z + s * no, n->b[l], no * sizeof(real));
			product(0, z, no, inp, ni, n->W[l], no, B, ni, no);
		});
#endif
		if (l + 1 < L) {
			TIMED(T_ACT, relu_forward(n->a[l], z, B * no));
			inp = n->a[l];
		}
	}
}

/* Softmax cross-entropy of the logits z[B][10]: returns the summed loss,
 * writes dz = (p - onehot) / B, counts the right answers. */
static double loss(real *dz, const real *z, const int *y, size_t B, size_t *right)
{
	size_t c = size[L];
	double sum = 0;
	for (size_t s = 0; s < B; s++) {
		const real *zs = z + s * c;
		size_t best = 0;
		double m = zs[0], e = 0;
		for (size_t j = 1; j < c; j++)
			if (zs[j] > zs[best])
				best = j, m = zs[j];
		for (size_t j = 0; j < c; j++)
			e += exp((double)zs[j] - m);
		double lse = m + log(e);
		sum += lse - (double)zs[y[s]];
		*right += (int)best == y[s];
		for (size_t j = 0; j < c; j++)
			dz[s * c + j] = (real)((exp((double)zs[j] - lse) - (j == (size_t)y[s])) / (double)B);
	}
	return sum;
}

static void backward(struct net *n, const real *X, size_t B)
{
	for (size_t l = L; l-- > 0;) {
		size_t ni = size[l], no = size[l + 1];
		const real *inp = l ? n->a[l - 1] : X;
		real *dz = n->dz[l];
		memset(n->dW[l], 0, ni * no * sizeof(real));
		memset(n->db[l], 0, no * sizeof(real));
		real *da = l ? n->da[l - 1] : NULL;
		if (da)
			memset(da, 0, B * ni * sizeof(real));
#ifdef PLAIN
		TIMED(T_BACKWARD, mlp_dense_backward(da, n->dW[l], n->db[l], dz, inp, n->W[l], B, ni, no));
#else
		TIMED(T_BACKWARD, {
			for (size_t s = 0; s < B; s++)
				for (size_t j = 0; j < no; j++)
					n->db[l][j] += dz[s * no + j];
			product(1, n->dW[l], no, inp, ni, dz, no, ni, B, no);
#ifdef CBLAS
			/* The library reads W transposed itself: no copy needed. */
			if (da)
				CBLAS_GEMM(CblasRowMajor, CblasNoTrans, CblasTrans, (int)B, (int)ni,
					   (int)no, 1, dz, (int)no, n->W[l], (int)no, 1, da, (int)ni);
#else
			if (da)
				product(0, da, ni, dz, no, n->Wt[l], ni, B, no, ni);
#endif
		});
#endif
		if (da) {
			memset(n->dz[l - 1], 0, B * ni * sizeof(real));
			TIMED(T_ACT, relu_backward(n->dz[l - 1], n->z[l - 1], da, B * ni));
		}
	}
}

/* v = m v - lr g, w += v, as mlp_sgd_step.  Chapter 14's input gradient
 * reads the transposed copy Wt[n_out][n_in], a product in the same
 * row-major form as the forward pass instead of a dot product along each
 * row of W; it is rewritten here, tile by tile as each tile of W is
 * updated, so that both stay in cache. */
static void update(struct net *n, real lr, real m)
{
	for (size_t l = 0; l < L; l++) {
		size_t ni = size[l], no = size[l + 1];
		real *W = n->W[l], *vW = n->vW[l];
		const real *dW = n->dW[l];
#if defined(PLAIN) || defined(CBLAS)
		for (size_t k = 0; k < ni * no; k++) {
			vW[k] = m * vW[k] - lr * dW[k];
			W[k] += vW[k];
		}
#else
		real *Wt = n->Wt[l];
		enum { TILE = 16 };
		for (size_t i0 = 0; i0 < ni; i0 += TILE)
			for (size_t j0 = 0; j0 < no; j0 += TILE) {
				size_t i1 = i0 + TILE < ni ? i0 + TILE : ni;
				size_t j1 = j0 + TILE < no ? j0 + TILE : no;
				for (size_t i = i0; i < i1; i++)
					for (size_t j = j0; j < j1; j++) {
						size_t k = i * no + j;
						vW[k] = m * vW[k] - lr * dW[k];
						W[k] += vW[k];
						Wt[j * ni + i] = W[k];
					}
			}
#endif
		for (size_t j = 0; j < no; j++) {
			n->vb[l][j] = m * n->vb[l][j] - lr * n->db[l][j];
			n->b[l][j] += n->vb[l][j];
		}
	}
}

static double accuracy(struct net *n, const real *X, const int *y, size_t count)
{
	size_t right = 0, c = size[L];
	for (size_t s0 = 0; s0 < count; s0 += EVAL_BATCH) {
		size_t B = count - s0 < EVAL_BATCH ? count - s0 : EVAL_BATCH;
		forward(n, X + s0 * size[0], B);
		for (size_t s = 0; s < B; s++) {
			const real *z = n->z[L - 1] + s * c;
			size_t best = 0;
			for (size_t j = 1; j < c; j++)
				if (z[j] > z[best])
					best = j;
			right += (int)best == y[s0 + s];
		}
	}
	return (double)right / (double)count;
}

static real *to_real(const struct dataset *d)
{
	real *X = zalloc(d->n * d->dim, sizeof(real));
	for (size_t k = 0; k < d->n * d->dim; k++)
		X[k] = (real)d->X[k];
	return X;
}

int main(int argc, char **argv)
{
	if (argc != 5) {
		fprintf(stderr, "usage: fastnet DATA_DIR EPOCHS THREADS SEED\n");
		return 2;
	}
	const char *dir = argv[1];
	long epochs = atol(argv[2]), threads = atol(argv[3]), seed = atol(argv[4]);
	if (epochs < 1 || threads < 1 || threads > 64) {
		fprintf(stderr, "fastnet: EPOCHS and THREADS (1 to 64) must be positive: %s %s\n",
			argv[2], argv[3]);
		return 2;
	}
	nthreads = (int)threads;
#ifdef CBLAS
	openblas_set_num_threads(nthreads);
#endif
	struct dataset train, test;
	char err[8192];
	if (fashion_mnist_load(&train, dir, "train", 0, err, sizeof err) != 0 ||
	    fashion_mnist_load(&test, dir, "t10k", 0, err, sizeof err) != 0) {
		fprintf(stderr, "fastnet: %s\n", err);
		return 1;
	}
	real *Xtr = to_real(&train), *Xte = to_real(&test);
	struct rng rng;
	rng_seed(&rng, (uint64_t)seed);
	struct net net;
	net_init(&net, &rng);
	size_t *perm = zalloc(train.n, sizeof *perm), d = size[0];
	real *xb = zalloc(BATCH * d, sizeof(real));
	int yb[BATCH];
	double total = 0, acc = 0;
	for (long e = 1; e <= epochs; e++) {
		memset(timer, 0, sizeof timer);
		/* mlp_shuffle's Fisher-Yates, on the same generator. */
		for (size_t i = 0; i < train.n; i++)
			perm[i] = i;
		for (size_t i = train.n; i > 1; i--) {
			size_t j = (size_t)(rng_next(&rng) % i), t = perm[i - 1];
			perm[i - 1] = perm[j];
			perm[j] = t;
		}
		real lr = (real)(0.05 * pow(0.8, (double)(e - 1)));
		double t0 = now(), sum = 0;
		size_t right = 0;
		for (size_t s0 = 0; s0 < train.n; s0 += BATCH) {
			size_t B = train.n - s0 < BATCH ? train.n - s0 : BATCH;
			for (size_t s = 0; s < B; s++) {
				memcpy(xb + s * d, Xtr + perm[s0 + s] * d, d * sizeof(real));
				yb[s] = train.y[perm[s0 + s]];
			}
			forward(&net, xb, B);
			TIMED(T_LOSS, sum += loss(net.dz[L - 1], net.z[L - 1], yb, B, &right));
			backward(&net, xb, B);
			TIMED(T_UPDATE, update(&net, lr, (real)0.9));
		}
		double dt = now() - t0;
		total += dt;
		double t[N_TIMERS];
		memcpy(t, timer, sizeof t); /* before the test set adds to them */
		acc = accuracy(&net, Xte, test.y, test.n);
		printf("epoch %ld loss %.6f train %.4f test %.4f time %.2fs\n", e,
		       sum / (double)train.n, (double)right / (double)train.n, acc, dt);
		/* "other": gathering the batch, zeroing the gradients. */
		printf("profile: forward %.3f backward %.3f activations %.3f loss %.3f update %.3f other %.3f\n",
		       t[T_FORWARD], t[T_BACKWARD], t[T_ACT], t[T_LOSS], t[T_UPDATE],
		       dt - t[T_FORWARD] - t[T_BACKWARD] - t[T_ACT] - t[T_LOSS] - t[T_UPDATE]);
		fflush(stdout);
	}
	printf("fastnet: %.2f s/epoch, test accuracy %.4f\n", total / (double)epochs, acc);
	return 0;
}
