/* parallel.c: see parallel.h.  The threads only ever write their own
 * clone's buffers; the sum of the gradients runs after they have joined. */
#include <stdlib.h>
#include <string.h>

#include "mlp.h"
#include "parallel.h"
#include "train.h"

#ifdef _OPENMP
#include <omp.h>
/* The thread count is always in a variable called nthreads. */
#define PARALLEL_FOR _Pragma("omp parallel for num_threads(nthreads) schedule(static, 1)")
#else
#define PARALLEL_FOR
#endif

int team_init(struct team *t, struct mlp *net, int n, size_t max_batch)
{
	memset(t, 0, sizeof *t);
	if (n < 1)
		n = 1;
	if (n > TEAM_MAX)
		n = TEAM_MAX;
	t->n = n;
	t->net = net;
	t->clone[0] = net;
	size_t slice = (max_batch + (size_t)n - 1) / (size_t)n;
	for (int k = 1; k < n; k++) {
		struct mlp *c = mlp_create(net->n_layers, net->size, net->act, slice);
		if (!c) {
			team_free(t);
			return -1;
		}
		/* Share the parameters: the clone's own copies are never used. */
		for (size_t l = 0; l < net->n_layers; l++) {
			free(c->W[l]), free(c->b[l]), free(c->vW[l]), free(c->vb[l]);
			c->W[l] = net->W[l], c->b[l] = net->b[l];
			c->vW[l] = c->vb[l] = NULL;
		}
		t->clone[k] = c;
	}
	return 0;
}

void team_free(struct team *t)
{
	for (int k = 1; k < t->n; k++) {
		struct mlp *c = t->clone[k];
		if (!c)
			continue;
		for (size_t l = 0; l < c->n_layers; l++)
			c->W[l] = c->b[l] = NULL; /* they belong to t->net */
		mlp_free(c);
	}
	memset(t, 0, sizeof *t);
}

double team_train_step(struct team *t, const double *X, const int *labels, size_t B,
		       const struct mlp_sgd *opt, size_t *right)
{
	struct mlp *net = t->net;
	size_t L = net->n_layers, d = net->size[0], c = net->size[L];
	if (t->n == 1 || B < 2 * (size_t)t->n) {
		/* Your own training step, untouched. */
		double loss = mlp_train_step(net, X, labels, B, opt);
		*right += count_right(net->z[L - 1], labels, B, c);
		return loss;
	}
	int n = t->n, nthreads = n;
	size_t start[TEAM_MAX + 1];
	for (int k = 0; k <= n; k++)
		start[k] = B * (size_t)k / (size_t)n;
	double loss[TEAM_MAX];
	size_t ok[TEAM_MAX];
	(void)nthreads; /* unused without OpenMP */
	PARALLEL_FOR
	for (int k = 0; k < n; k++) {
		struct mlp *m = t->clone[k];
		size_t s0 = start[k], Bk = start[k + 1] - s0;
		mlp_zero_grad(m);
		mlp_forward(m, X + s0 * d, Bk);
		loss[k] = mlp_xent_forward(m->z[L - 1], labels + s0, Bk, c);
		ok[k] = count_right(m->z[L - 1], labels + s0, Bk, c);
		mlp_backward(m, X + s0 * d, labels + s0, Bk);
	}
	/* Each slice's gradient is the mean over its Bk samples; the batch's
	 * is their average weighted by Bk / B. */
	double total = 0;
	for (size_t l = 0; l < L; l++) {
		size_t nw = net->size[l] * net->size[l + 1], nb = net->size[l + 1];
		double w0 = (double)(start[1] - start[0]) / (double)B;
		for (size_t i = 0; i < nw; i++)
			net->dW[l][i] *= w0;
		for (size_t i = 0; i < nb; i++)
			net->db[l][i] *= w0;
		for (int k = 1; k < n; k++) {
			double wk = (double)(start[k + 1] - start[k]) / (double)B;
			const double *dW = t->clone[k]->dW[l], *db = t->clone[k]->db[l];
			for (size_t i = 0; i < nw; i++)
				net->dW[l][i] += wk * dW[i];
			for (size_t i = 0; i < nb; i++)
				net->db[l][i] += wk * db[i];
		}
	}
	for (int k = 0; k < n; k++) {
		total += loss[k] * (double)(start[k + 1] - start[k]);
		*right += ok[k];
	}
	mlp_sgd_step(net, opt);
	return total / (double)B;
}

void team_predict(struct team *t, const double *X, size_t n, int *pred)
{
	int T = t->n, nthreads = T;
	size_t d = t->net->size[0];
	(void)nthreads; /* unused without OpenMP */
	PARALLEL_FOR
	for (int k = 0; k < T; k++) {
		size_t s0 = n * (size_t)k / (size_t)T, s1 = n * (size_t)(k + 1) / (size_t)T;
		mlp_predict(t->clone[k], X + s0 * d, s1 - s0, pred + s0);
	}
}
