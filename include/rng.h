/* rng.h: the course's small seeded random number generator (SplitMix64).
 *
 * Every random choice in the course (test inputs, RReLU slopes, toy data
 * sets, weight initialisation) draws from one of these, so a seed replays a
 * run exactly on any machine.
 */
#ifndef RNG_H
#define RNG_H

#include <stdint.h>

struct rng {
	uint64_t state;
};

/* Starts the generator at a seed; equal seeds give equal sequences. */
void rng_seed(struct rng *rng, uint64_t seed);
/* The next 64 random bits. */
uint64_t rng_next(struct rng *rng);
/* A double uniform on [0, 1), with 53 random bits. */
double rng_uniform(struct rng *rng);
/* A double uniform on [lo, hi). */
double rng_range(struct rng *rng, double lo, double hi);
/* A standard normal deviate (Box-Muller). */
double rng_normal(struct rng *rng);

#endif
