/* Chapter 10: Choosing an activation.
 * Read chapters/10-choosing.md, replace each TODO with your code, then grade
 * this chapter with:  make grade-10
 * include/probes.h says exactly what each probe returns.  You may add a
 * static helper for the grid points x_i = lo + i (hi - lo) / n, with the
 * last point x_n exactly hi (rounding can miss it). */
#include <math.h>

#include "probes.h"

/* snippet: probe_monotonic */
bool probe_monotonic(double (*f)(double), double lo, double hi, size_t n)
{
	/* TODO: true when f(x_0), ..., f(x_n) never decrease or never increase;
	 * false if a value is NaN. */
	(void)f, (void)lo, (void)hi, (void)n;
	return false;
}
/* end snippet: probe_monotonic */

/* snippet: probe_range */
void probe_range(double (*f)(double), double lo, double hi, size_t n,
		 double *min, double *max)
{
	/* TODO: the smallest and largest f(x_i) over the grid; both NaN if a
	 * value is NaN. */
	(void)f, (void)lo, (void)hi, (void)n;
	*min = 0.0;
	*max = 0.0;
}
/* end snippet: probe_range */

/* snippet: probe_zero_centred */
bool probe_zero_centred(double (*f)(double), double a, size_t n, double tol)
{
	/* TODO: |sum f(x_i)| <= tol * sum |f(x_i)| over the grid -a..a. */
	(void)f, (void)a, (void)n, (void)tol;
	return false;
}
/* end snippet: probe_zero_centred */

/* snippet: probe_near_identity */
bool probe_near_identity(double (*f)(double), double tol)
{
	/* TODO: |f(0)| <= tol and |f'(0) - 1| <= tol, with f'(0) from a
	 * central difference of step PROBE_H. */
	(void)f, (void)tol;
	return false;
}
/* end snippet: probe_near_identity */

/* snippet: probe_saturating */
int probe_saturating(double (*f)(double), double far, double tol)
{
	/* TODO: PROBE_SAT_LEFT if |f'(-far)| <= tol, PROBE_SAT_RIGHT if
	 * |f'(far)| <= tol (both bits when both), f' from a central
	 * difference of step PROBE_H. */
	(void)f, (void)far, (void)tol;
	return 0;
}
/* end snippet: probe_saturating */
