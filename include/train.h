/* train.h: what the course builds on top of your network (src/train.c):
 * the epoch loop, prediction and accuracy, for classify and the chapter 11
 * checks. */
#ifndef TRAIN_H
#define TRAIN_H

#include <stddef.h>

#include "network.h"

/* The index of the largest of v[0 .. n), the first one on a tie; 0 when
 * a NaN hides the answer (a diverged network predicts class 0). */
size_t argmax(const double *v, size_t n);

/* A training step on the batch X[B], labels[B]: returns the batch's mean
 * loss and adds to *right the number of samples it classified right before
 * its update.  ctx is whatever the step needs (the network, a team of
 * threads). */
typedef double train_step_fn(void *ctx, const double *X, const int *labels, size_t B,
			     const struct mlp_sgd *opt, size_t *right);

/* One epoch: the n samples X[n][dim] in the order perm[n] (the caller
 * shuffles), gathered in batches of batch, each through step.  Returns the
 * mean loss over the epoch (NaN when out of memory), and adds the samples
 * classified right to *right when right is not NULL. */
double mlp_train_epoch_with(train_step_fn *step, void *ctx, size_t dim, const double *X,
			    const int *labels, const size_t *perm, size_t n, size_t batch,
			    const struct mlp_sgd *opt, size_t *right);
/* The same with your mlp_train_step on net. */
double mlp_train_epoch(struct mlp *net, const double *X, const int *labels, const size_t *perm,
		       size_t n, size_t batch, const struct mlp_sgd *opt);

/* The most probable class of each of the n samples X[n][size[0]], in
 * batches of up to net->max_batch; writes pred[n]. */
void mlp_predict(struct mlp *net, const double *X, size_t n, int *pred);
/* How many of the B rows of logits[B][n_classes] have their largest logit
 * at the label. */
size_t count_right(const double *logits, const int *labels, size_t B, size_t n_classes);
/* The fraction of the n predictions pred[n] that equal labels[n]; 0 for
 * n = 0. */
double accuracy(const int *pred, const int *labels, size_t n);
/* The fraction of the n samples X[n] that net classifies correctly (NaN
 * when out of memory, 0 for n = 0). */
double mlp_accuracy(struct mlp *net, const double *X, const int *labels, size_t n);

#endif
