/* mlp.h: what the course provides beneath your network (src/mlp.c):
 * memory, initial weights, gradients zeroed, parameters by index.  It calls
 * none of your code, so you may call it from yours (mlp_train_step calls
 * mlp_zero_grad). */
#ifndef MLP_H
#define MLP_H

#include <stddef.h>

#include "network.h"
#include "rng.h"

/* Allocates a network with n_layers layers of the given sizes
 * (sizes[0 .. n_layers]) for batches of up to max_batch; every array zero.
 * Returns NULL when out of memory or the shape is invalid. */
struct mlp *mlp_create(size_t n_layers, const size_t *sizes, struct mlp_act act,
		       size_t max_batch);
/* Frees what mlp_create allocated; NULL is fine. */
void mlp_free(struct mlp *net);
/* Random initial weights as net->act.init says (enum mlp_init), zero biases,
 * velocities and gradients. */
void mlp_init(struct mlp *net, struct rng *rng);
/* Sets every gradient buffer that a backward pass adds into to zero: dW, db,
 * and the scratch gradients dz and da. */
void mlp_zero_grad(struct mlp *net);
/* The number of parameters, and the k-th of them (W then b, layer by
 * layer), for gradient checks and model files; NULL past the end. */
size_t mlp_n_params(const struct mlp *net);
double *mlp_param(struct mlp *net, size_t k);
double *mlp_grad(struct mlp *net, size_t k);
/* A uniformly random permutation of 0 .. n-1 (Fisher-Yates). */
void mlp_shuffle(size_t *perm, size_t n, struct rng *rng);

#endif
