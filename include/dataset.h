/* dataset.h: the data chapter 11 trains on.
 *
 *   - The TensorFlow Playground's 2-D toy sets (src/data/playground.c),
 *     made with the playground's own recipes from a seeded generator.
 *   - Fashion-MNIST, read from the gzipped IDX files of Debian's
 *     dataset-fashion-mnist package (src/data/idx.c).
 */
#ifndef DATASET_H
#define DATASET_H

#include <stddef.h>

#include "rng.h"

/* n samples of dim features, X[n][dim] row by row, with labels y[n] in
 * 0 .. classes-1. */
struct dataset {
	size_t n, dim, classes;
	double *X;
	int *y;
};

/* Frees X and y and empties the set; an empty set is fine. */
void dataset_free(struct dataset *d);

/* ---- The playground sets ---- */

/* The playground's names: "circle", "xor", "gauss", "spiral", and ours,
 * "spiral3" (three arms, for softmax over three classes). */
extern const char *const playground_names[];

/* Makes n points of the set called name, with the playground's noise
 * parameter (0 to 0.5; 0 is its default), drawing from rng.  Points come in
 * the playground's order; split them with dataset_split.  Returns 0, or -1
 * when name is unknown or memory runs out. */
int playground_make(struct dataset *d, const char *name, size_t n, double noise,
		    struct rng *rng);

/* The playground's split: shuffles all (with rng), then the first
 * train_fraction of the points go to train, the rest to test.  all is
 * consumed (emptied).  Returns 0, or -1 when memory runs out. */
int dataset_split(struct dataset *all, double train_fraction, struct rng *rng,
		  struct dataset *train, struct dataset *test);

/* ---- Fashion-MNIST ---- */

/* Where Debian's dataset-fashion-mnist package puts the files. */
#define FASHION_MNIST_DIR "/usr/share/datasets/fashion-mnist"

/* The ten class names, in label order. */
extern const char *const fashion_mnist_classes[10];

/* Reads one split ("train" or "t10k") from dir: 28x28 images scaled to
 * [0, 1], as 784 features.  max_n > 0 keeps only the first max_n samples,
 * though both files are still read to their ends and checked whole.
 * Refused, before anything of their size is allocated: counts beyond what
 * the files' real sizes can hold or beyond the caps of caps.h, a set of
 * no images.  Refused after reading: a truncated file, a corrupt gzip
 * stream (a CRC that does not match included), data after the declared
 * count, a label outside 0..9.  On failure returns -1 and writes into err
 * (size err_size) a sentence naming the file and what is wrong with it. */
int fashion_mnist_load(struct dataset *d, const char *dir, const char *split, size_t max_n,
		       char *err, size_t err_size);

#endif
