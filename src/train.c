/* train.c: the course's training loop and measurements on top of the
 * network you write (include/train.h). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "train.h"

size_t argmax(const double *v, size_t n)
{
	size_t best = 0;
	for (size_t j = 1; j < n; j++)
		if (v[j] > v[best])
			best = j;
	return best;
}

double mlp_train_epoch_with(train_step_fn *step, void *ctx, size_t dim, const double *X,
			    const int *labels, const size_t *perm, size_t n, size_t batch,
			    const struct mlp_sgd *opt, size_t *right)
{
	double *xb = malloc(batch * dim * sizeof *xb + 1);
	int *yb = malloc(batch * sizeof *yb + 1);
	double total = 0.0;
	size_t ok = 0;
	if (!xb || !yb || batch == 0) {
		free(xb), free(yb);
		return NAN;
	}
	for (size_t s0 = 0; s0 < n; s0 += batch) {
		size_t B = n - s0 < batch ? n - s0 : batch;
		/* Gather the batch into contiguous rows. */
		for (size_t s = 0; s < B; s++) {
			memcpy(xb + s * dim, X + perm[s0 + s] * dim, dim * sizeof *xb);
			yb[s] = labels[perm[s0 + s]];
		}
		total += step(ctx, xb, yb, B, opt, &ok) * (double)B;
	}
	free(xb), free(yb);
	if (right)
		*right += ok;
	return n ? total / (double)n : NAN;
}

/* mlp_train_step as a train_step_fn. */
static double plain_step(void *ctx, const double *X, const int *labels, size_t B,
			 const struct mlp_sgd *opt, size_t *right)
{
	struct mlp *net = ctx;
	double loss = mlp_train_step(net, X, labels, B, opt);
	*right += count_right(net->z[net->n_layers - 1], labels, B, net->size[net->n_layers]);
	return loss;
}

double mlp_train_epoch(struct mlp *net, const double *X, const int *labels, const size_t *perm,
		       size_t n, size_t batch, const struct mlp_sgd *opt)
{
	if (batch > net->max_batch)
		batch = net->max_batch;
	return mlp_train_epoch_with(plain_step, net, net->size[0], X, labels, perm, n, batch, opt,
				    NULL);
}

void mlp_predict(struct mlp *net, const double *X, size_t n, int *pred)
{
	size_t d = net->size[0], c = net->size[net->n_layers];
	for (size_t s0 = 0; s0 < n; s0 += net->max_batch) {
		size_t B = n - s0 < net->max_batch ? n - s0 : net->max_batch;
		mlp_forward(net, X + s0 * d, B);
		const double *logits = net->z[net->n_layers - 1];
		for (size_t s = 0; s < B; s++)
			pred[s0 + s] = (int)argmax(logits + s * c, c);
	}
}

size_t count_right(const double *logits, const int *labels, size_t B, size_t n_classes)
{
	size_t right = 0;
	for (size_t s = 0; s < B; s++)
		right += (int)argmax(logits + s * n_classes, n_classes) == labels[s];
	return right;
}

double accuracy(const int *pred, const int *labels, size_t n)
{
	size_t right = 0;
	for (size_t s = 0; s < n; s++)
		right += pred[s] == labels[s];
	return n ? (double)right / (double)n : 0.0;
}

double mlp_accuracy(struct mlp *net, const double *X, const int *labels, size_t n)
{
	if (n == 0)
		return 0.0;
	int *pred = malloc(n * sizeof *pred);
	if (!pred)
		return NAN;
	mlp_predict(net, X, n, pred);
	double a = accuracy(pred, labels, n);
	free(pred);
	return a;
}
