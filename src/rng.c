/* SplitMix64 (Steele, Lea and Flood, 2014): tiny, fast, and good enough for
 * test inputs and toy data; not for cryptography. */
#include <math.h>

#include "rng.h"

void rng_seed(struct rng *rng, uint64_t seed)
{
	rng->state = seed;
}

uint64_t rng_next(struct rng *rng)
{
	uint64_t z = (rng->state += 0x9e3779b97f4a7c15u);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
	return z ^ (z >> 31);
}

double rng_uniform(struct rng *rng)
{
	/* The top 53 bits fill a double's significand exactly. */
	return (double)(rng_next(rng) >> 11) * 0x1.0p-53;
}

double rng_range(struct rng *rng, double lo, double hi)
{
	return lo + (hi - lo) * rng_uniform(rng);
}

double rng_normal(struct rng *rng)
{
	/* 1 - u lies in (0, 1], so the logarithm is finite. */
	double u = 1.0 - rng_uniform(rng);
	double v = rng_uniform(rng);
	return sqrt(-2.0 * log(u)) * cos(6.283185307179586 * v) /* 2 pi */;
}
