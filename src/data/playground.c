/* playground.c: the TensorFlow Playground's 2-D classification sets, made
 * with the recipes of its dataset.ts (classifyCircleData, classifyXORData,
 * classifyTwoGaussData, classifySpiralData), drawing from the course's
 * seeded generator instead of Math.random.  The playground's labels +1 and
 * -1 become classes 1 and 0. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "dataset.h"

#define PI 3.14159265358979323846

const char *const playground_names[] = {"circle", "xor", "gauss", "spiral", "spiral3", NULL};

void dataset_free(struct dataset *d)
{
	free(d->X);
	free(d->y);
	memset(d, 0, sizeof *d);
}

static int alloc_set(struct dataset *d, size_t n, size_t dim, size_t classes)
{
	d->n = n, d->dim = dim, d->classes = classes;
	d->X = malloc((n ? n : 1) * dim * sizeof *d->X);
	d->y = malloc((n ? n : 1) * sizeof *d->y);
	if (!d->X || !d->y) {
		dataset_free(d);
		return -1;
	}
	return 0;
}

static void put(struct dataset *d, size_t i, double x, double y, int label)
{
	d->X[2 * i] = x;
	d->X[2 * i + 1] = y;
	d->y[i] = label;
}

/* The playground's normalRandom: Marsaglia's polar method. */
static double normal(struct rng *rng, double mean, double variance)
{
	double v1, v2, s;
	do {
		v1 = 2 * rng_uniform(rng) - 1;
		v2 = 2 * rng_uniform(rng) - 1;
		s = v1 * v1 + v2 * v2;
	} while (s > 1 || s == 0);
	return mean + sqrt(variance) * sqrt(-2 * log(s) / s) * v1;
}

/* Inner disc r ~ U(0, 2.5) is class 1, outer ring r ~ U(3.5, 5) class 0;
 * with noise, a point's label is that of the noisy point, so noise flips
 * labels near the gap while the point itself stays put (as in the playground). */
static void circle(struct dataset *d, double noise, struct rng *rng)
{
	const double radius = 5;
	size_t half = d->n / 2;
	for (size_t i = 0; i < d->n; i++) {
		int inner = i < half;
		double r = inner ? rng_range(rng, 0, radius * 0.5)
				 : rng_range(rng, radius * 0.7, radius);
		double angle = rng_range(rng, 0, 2 * PI);
		double x = r * sin(angle), y = r * cos(angle);
		double nx = rng_range(rng, -radius, radius) * noise;
		double ny = rng_range(rng, -radius, radius) * noise;
		put(d, i, x, y, hypot(x + nx, y + ny) < radius * 0.5);
	}
}

/* Uniform on (-5, 5)^2, each coordinate pushed 0.3 away from its axis;
 * class 1 where x y >= 0 (first and third quadrants). */
static void xor_quadrants(struct dataset *d, double noise, struct rng *rng)
{
	const double padding = 0.3;
	for (size_t i = 0; i < d->n; i++) {
		double x = rng_range(rng, -5, 5);
		x += x > 0 ? padding : -padding;
		double y = rng_range(rng, -5, 5);
		y += y > 0 ? padding : -padding;
		double nx = rng_range(rng, -5, 5) * noise;
		double ny = rng_range(rng, -5, 5) * noise;
		put(d, i, x, y, (x + nx) * (y + ny) >= 0);
	}
}

/* Two Gaussians centred at (2, 2) (class 1) and (-2, -2) (class 0), of
 * variance 0.5 at noise 0 growing linearly to 4 at noise 0.5. */
static void gauss(struct dataset *d, double noise, struct rng *rng)
{
	double variance = 0.5 + (4 - 0.5) * (noise / 0.5);
	size_t half = d->n / 2;
	for (size_t i = 0; i < d->n; i++) {
		double c = i < half ? 2 : -2;
		double x = normal(rng, c, variance);
		double y = normal(rng, c, variance);
		put(d, i, x, y, i < half);
	}
}

/* Spiral arms r = 5 i/m, angle 1.75 (2 pi) i/m + k (2 pi / arms) for
 * i < m = n / arms.  With two arms the second is turned by pi; the
 * playground's first arm is its positive class. */
static void spiral(struct dataset *d, double noise, struct rng *rng, size_t arms)
{
	size_t m = d->n / arms, i = 0;
	for (size_t k = 0; k < arms; k++) {
		size_t count = k + 1 < arms ? m : d->n - m * (arms - 1);
		double delta = 2 * PI * (double)k / (double)arms;
		for (size_t j = 0; j < count; j++, i++) {
			double r = (double)j / (double)m * 5;
			double t = 1.75 * (double)j / (double)m * 2 * PI + delta;
			double x = r * sin(t) + rng_range(rng, -1, 1) * noise;
			double y = r * cos(t) + rng_range(rng, -1, 1) * noise;
			int label = arms == 2 ? k == 0 : (int)k;
			put(d, i, x, y, label);
		}
	}
}

int playground_make(struct dataset *d, const char *name, size_t n, double noise,
		    struct rng *rng)
{
	memset(d, 0, sizeof *d);
	size_t classes = strcmp(name, "spiral3") == 0 ? 3 : 2;
	int known = 0;
	for (size_t k = 0; playground_names[k]; k++)
		known |= strcmp(name, playground_names[k]) == 0;
	if (!known || alloc_set(d, n, 2, classes) != 0)
		return -1;
	if (strcmp(name, "circle") == 0)
		circle(d, noise, rng);
	else if (strcmp(name, "xor") == 0)
		xor_quadrants(d, noise, rng);
	else if (strcmp(name, "gauss") == 0)
		gauss(d, noise, rng);
	else
		spiral(d, noise, rng, classes);
	return 0;
}

int dataset_split(struct dataset *all, double train_fraction, struct rng *rng,
		  struct dataset *train, struct dataset *test)
{
	size_t n = all->n, dim = all->dim;
	size_t n_train = (size_t)floor((double)n * train_fraction);
	memset(train, 0, sizeof *train);
	memset(test, 0, sizeof *test);
	if (alloc_set(train, n_train, dim, all->classes) != 0 ||
	    alloc_set(test, n - n_train, dim, all->classes) != 0) {
		dataset_free(train);
		dataset_free(test);
		return -1;
	}
	/* Fisher-Yates, as the playground's shuffle. */
	size_t *perm = malloc((n ? n : 1) * sizeof *perm);
	if (!perm) {
		dataset_free(train);
		dataset_free(test);
		return -1;
	}
	for (size_t i = 0; i < n; i++)
		perm[i] = i;
	for (size_t i = n; i > 1; i--) {
		size_t j = (size_t)(rng_next(rng) % i), t = perm[i - 1];
		perm[i - 1] = perm[j];
		perm[j] = t;
	}
	for (size_t i = 0; i < n; i++) {
		struct dataset *to = i < n_train ? train : test;
		size_t k = i < n_train ? i : i - n_train;
		memcpy(to->X + k * dim, all->X + perm[i] * dim, dim * sizeof *all->X);
		to->y[k] = all->y[perm[i]];
	}
	free(perm);
	dataset_free(all);
	return 0;
}
