/* perceptron.h: chapter 03, Rosenblatt's perceptron y = step(w . x + b). */
#ifndef PERCEPTRON_H
#define PERCEPTRON_H

#include <stddef.h>

/* step(w . x + b) for one input x[dim]. */
double perceptron_predict(const double *w, double b, const double *x, size_t dim);

/* Trains w[dim] and b, starting from the values they hold, with the
 * perceptron rule on n samples X[n * dim] (row-major) with targets t[n] in
 * {0, 1}: for each sample in order, y = perceptron_predict(...), then
 *     w += lr (t - y) x,   b += lr (t - y).
 * Returns the number of epochs run up to and including the first epoch that
 * made no mistake, or -1 when every one of max_epochs epochs made one. */
int perceptron_train(double *w, double *b, const double *X, const double *t,
		     size_t n, size_t dim, double lr, int max_epochs);

#endif
