/* now.h: the benchmarks' clock, in seconds: monotonic, so that a change of
 * the wall clock during a run cannot bend a timing. */
#ifndef BENCH_NOW_H
#define BENCH_NOW_H

#include <time.h>

static inline double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

#endif
