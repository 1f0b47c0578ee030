/* parallel.h: classify's data-parallel training step.  Each batch is cut
 * into one slice per thread; every thread runs *your* mlp_forward and
 * mlp_backward on its slice, in a clone of the network that shares the
 * weights but has its own activations and gradients; the slices' gradients
 * are then averaged and your mlp_sgd_step applies them once.  With one
 * thread it is simply your mlp_train_step. */
#ifndef PARALLEL_H
#define PARALLEL_H

#include <stddef.h>

#include "network.h"

#define TEAM_MAX 64

struct team {
	int n;                     /* threads */
	struct mlp *net;           /* the network being trained */
	struct mlp *clone[TEAM_MAX]; /* clone[0] is net itself */
};

/* Sets up n threads (n >= 1) for batches of up to max_batch; returns 0, or
 * -1 when out of memory. */
int team_init(struct team *t, struct mlp *net, int n, size_t max_batch);
void team_free(struct team *t);

/* One training step on the batch X[B], labels[B]; returns the batch's mean
 * loss and adds the number of samples it classified right (before the
 * update) to *right. */
double team_train_step(struct team *t, const double *X, const int *labels, size_t B,
		       const struct mlp_sgd *opt, size_t *right);

/* The predicted class of each of the n samples X[n], split over the threads. */
void team_predict(struct team *t, const double *X, size_t n, int *pred);

#endif
