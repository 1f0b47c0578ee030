/* plot.h: classify --plot, a decision boundary as a self-contained SVG. */
#ifndef PLOT_H
#define PLOT_H

#include <stddef.h>

#include "dataset.h"
#include "network.h"

/* Draws what net predicts over the square [-lim, lim]^2 (shaded by its
 * confidence, as the TensorFlow Playground does) with the training points
 * (white edge) and the test points (black edge) on top, a title, and a
 * legend for the edges and the class colours.
 * Returns 0, or -1 with a message in err. */
int plot_boundary(struct mlp *net, const struct dataset *train, const struct dataset *test,
		  double lim, const char *title, const char *path, char *err, size_t err_size);

/* The same picture as data, for gnuplot (the book's figures): index 0 is
 * "x y p" over a 100 x 100 grid, p the probability of class 1 (blocks
 * separated by blank lines, as `with image` wants); index 1 the training
 * points and index 2 the test points, "x y label".  path "-" is stdout. */
int plot_grid(struct mlp *net, const struct dataset *train, const struct dataset *test,
	      double lim, const char *path, char *err, size_t err_size);

#endif
