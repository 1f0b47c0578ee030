/* mlp.c: what the course provides beneath the network you write in
 * exercises/11-classifier.c: memory, initialisation, zeroed gradients
 * (include/mlp.h).  It calls none of your code.  Shapes are documented in
 * include/network.h. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "mlp.h"

struct mlp *mlp_create(size_t n_layers, const size_t *sizes, struct mlp_act act,
		       size_t max_batch)
{
	if (n_layers < 1 || n_layers > MLP_MAX_LAYERS || max_batch < 1)
		return NULL;
	for (size_t l = 0; l <= n_layers; l++)
		if (sizes[l] < 1)
			return NULL;
	struct mlp *net = calloc(1, sizeof *net);
	if (!net)
		return NULL;
	net->n_layers = n_layers;
	net->act = act;
	net->max_batch = max_batch;
	int ok = 1;
	for (size_t l = 0; l <= n_layers; l++)
		net->size[l] = sizes[l];
	for (size_t l = 0; l < n_layers; l++) {
		size_t nw = sizes[l] * sizes[l + 1], nb = sizes[l + 1];
		size_t na = max_batch * sizes[l + 1];
		ok &= (net->W[l] = calloc(nw, sizeof(double))) != NULL;
		ok &= (net->dW[l] = calloc(nw, sizeof(double))) != NULL;
		ok &= (net->vW[l] = calloc(nw, sizeof(double))) != NULL;
		ok &= (net->b[l] = calloc(nb, sizeof(double))) != NULL;
		ok &= (net->db[l] = calloc(nb, sizeof(double))) != NULL;
		ok &= (net->vb[l] = calloc(nb, sizeof(double))) != NULL;
		ok &= (net->z[l] = calloc(na, sizeof(double))) != NULL;
		ok &= (net->a[l] = calloc(na, sizeof(double))) != NULL;
		ok &= (net->dz[l] = calloc(na, sizeof(double))) != NULL;
		ok &= (net->da[l] = calloc(na, sizeof(double))) != NULL;
	}
	if (!ok) {
		mlp_free(net);
		return NULL;
	}
	return net;
}

void mlp_free(struct mlp *net)
{
	if (!net)
		return;
	for (size_t l = 0; l < net->n_layers; l++) {
		free(net->W[l]), free(net->dW[l]), free(net->vW[l]);
		free(net->b[l]), free(net->db[l]), free(net->vb[l]);
		free(net->z[l]), free(net->a[l]), free(net->dz[l]), free(net->da[l]);
	}
	free(net);
}

void mlp_init(struct mlp *net, struct rng *rng)
{
	/* He for the ReLU family keeps the variance of the signal from halving
	 * at every layer (half the units are off); Glorot suits the symmetric
	 * squashing functions; LeCun is what SELU's constants assume.  All three
	 * are uniform with variance s^2 / 3 (chapter 13). */
	for (size_t l = 0; l < net->n_layers; l++) {
		size_t n_in = net->size[l], n_out = net->size[l + 1];
		double s = 0.0;
		switch (net->act.init) {
		case MLP_INIT_GLOROT: s = sqrt(6.0 / (double)(n_in + n_out)); break;
		case MLP_INIT_HE: s = sqrt(6.0 / (double)n_in); break;
		case MLP_INIT_LECUN: s = sqrt(3.0 / (double)n_in); break;
		case MLP_INIT_SMALL: break;
		}
		for (size_t k = 0; k < n_in * n_out; k++) {
			net->W[l][k] = net->act.init == MLP_INIT_SMALL ? 0.01 * rng_normal(rng)
								       : rng_range(rng, -s, s);
			net->vW[l][k] = 0.0;
		}
		for (size_t k = 0; k < n_out; k++)
			net->b[l][k] = net->vb[l][k] = 0.0;
	}
	mlp_zero_grad(net);
}

void mlp_zero_grad(struct mlp *net)
{
	for (size_t l = 0; l < net->n_layers; l++) {
		memset(net->dW[l], 0, net->size[l] * net->size[l + 1] * sizeof(double));
		memset(net->db[l], 0, net->size[l + 1] * sizeof(double));
		memset(net->dz[l], 0, net->max_batch * net->size[l + 1] * sizeof(double));
		memset(net->da[l], 0, net->max_batch * net->size[l + 1] * sizeof(double));
	}
}

size_t mlp_n_params(const struct mlp *net)
{
	size_t n = 0;
	for (size_t l = 0; l < net->n_layers; l++)
		n += (net->size[l] + 1) * net->size[l + 1];
	return n;
}

/* The k-th parameter's slot in arrays shaped like W and b (W then b, layer
 * by layer); NULL past the end. */
static double *slot(const struct mlp *net, double *const *Ws, double *const *bs, size_t k)
{
	for (size_t l = 0; l < net->n_layers; l++) {
		size_t nw = net->size[l] * net->size[l + 1], nb = net->size[l + 1];
		if (k < nw)
			return Ws[l] + k;
		k -= nw;
		if (k < nb)
			return bs[l] + k;
		k -= nb;
	}
	return NULL;
}

double *mlp_param(struct mlp *net, size_t k)
{
	return slot(net, net->W, net->b, k);
}

double *mlp_grad(struct mlp *net, size_t k)
{
	return slot(net, net->dW, net->db, k);
}

void mlp_shuffle(size_t *perm, size_t n, struct rng *rng)
{
	for (size_t i = 0; i < n; i++)
		perm[i] = i;
	for (size_t i = n; i > 1; i--) {
		/* The modulo's bias is below i / 2^64: invisible here. */
		size_t j = (size_t)(rng_next(rng) % i);
		size_t t = perm[i - 1];
		perm[i - 1] = perm[j];
		perm[j] = t;
	}
}
