/* bench/peak.c: the processor's measured peak, the yardstick of chapter 14's
 * benchmark.  Many independent multiply-adds, a = a * m + c, on arrays that
 * fill the vector registers: nothing waits on memory or on another result,
 * so this is as fast as the cores compute.  bench/bench.sh builds it
 * -O3 -march=native (GCC contracts a * m + c into one FMA instruction).
 *
 *   peak THREADS    prints "peak: float F GFLOP/s, double D GFLOP/s"
 */
#define _POSIX_C_SOURCE 199309L
#include <stdio.h>
#include <stdlib.h>

#include "now.h"

/* 12 chains of 16 floats or 8 doubles: 12 vector registers, more than the
 * FMA latency (4 cycles) times the FMA units (2) a core needs in flight. */
enum { CHAINS = 12, REPS = 20000000 };

#define PEAK(NAME, T, LANES)                                                   \
	static double NAME(long reps)                                          \
	{                                                                      \
		T a[CHAINS][LANES];                                            \
		const T m = (T)0.999999, c = (T)1e-7;                          \
		for (int i = 0; i < CHAINS; i++)                               \
			for (int j = 0; j < LANES; j++)                        \
				a[i][j] = (T)(i + j);                          \
		for (long r = 0; r < reps; r++)                                \
			for (int i = 0; i < CHAINS; i++)                       \
				for (int j = 0; j < LANES; j++)                \
					a[i][j] = a[i][j] * m + c;             \
		T sum = 0;                                                     \
		for (int i = 0; i < CHAINS; i++)                               \
			for (int j = 0; j < LANES; j++)                        \
				sum += a[i][j];                                \
		return (double)sum;                                            \
	}
PEAK(peak_float, float, 16)
PEAK(peak_double, double, 8)

int main(int argc, char **argv)
{
	int threads = argc > 1 ? atoi(argv[1]) : 1;
	if (threads < 1 || threads > 64) {
		fprintf(stderr, "usage: peak THREADS (1 to 64)\n");
		return 2;
	}
	double gf[2], sum = 0;
	for (int kind = 0; kind < 2; kind++) {
		double best = 0;
		for (int run = 0; run < 3; run++) {
			double t0 = now();
#pragma omp parallel for num_threads(threads) reduction(+ : sum)
			for (int t = 0; t < threads; t++)
				sum += kind ? peak_double(REPS / 4) : peak_float(REPS / 4);
			double dt = now() - t0;
			double flop = 2.0 * CHAINS * (kind ? 8 : 16) * (REPS / 4) * (double)threads;
			if (flop / dt > best)
				best = flop / dt;
		}
		gf[kind] = best / 1e9;
	}
	/* The sum is printed so that the compiler must compute it. */
	printf("peak: float %.1f GFLOP/s, double %.1f GFLOP/s (checksum %.3g)\n", gf[0], gf[1], sum);
	return 0;
}
