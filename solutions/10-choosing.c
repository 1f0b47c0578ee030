/* Chapter 10: Choosing an activation.  Reference solution. */
#include <math.h>

#include "probes.h"

/* snippet: grid_point */
/* x_i of the grid lo..hi with n steps.  lo + i*step, not repeated
 * addition, so the points do not drift; and x_n is hi exactly. */
static double grid_point(double lo, double hi, size_t n, size_t i)
{
	if (i == n)
		return hi;
	return lo + (double)i * ((hi - lo) / (double)n);
}
/* end snippet: grid_point */

/* snippet: probe_monotonic */
bool probe_monotonic(double (*f)(double), double lo, double hi, size_t n)
{
	bool rises = false, falls = false;
	double prev = f(grid_point(lo, hi, n, 0));
	if (isnan(prev))
		return false;
	for (size_t i = 1; i <= n; i++) {
		double y = f(grid_point(lo, hi, n, i));
		if (isnan(y))
			return false;
		rises = rises || y > prev;
		falls = falls || y < prev;
		prev = y;
	}
	/* Monotonic means one direction only; flat steps are allowed. */
	return !(rises && falls);
}
/* end snippet: probe_monotonic */

/* snippet: probe_range */
void probe_range(double (*f)(double), double lo, double hi, size_t n,
		 double *min, double *max)
{
	double lo_y = INFINITY, hi_y = -INFINITY;
	for (size_t i = 0; i <= n; i++) {
		double y = f(grid_point(lo, hi, n, i));
		if (isnan(y)) {
			/* fmin and fmax would drop the NaN: report it instead. */
			*min = *max = y;
			return;
		}
		lo_y = fmin(lo_y, y);
		hi_y = fmax(hi_y, y);
	}
	*min = lo_y;
	*max = hi_y;
}
/* end snippet: probe_range */

/* snippet: probe_zero_centred */
bool probe_zero_centred(double (*f)(double), double a, size_t n, double tol)
{
	double sum = 0.0, size = 0.0;
	for (size_t i = 0; i <= n; i++) {
		double y = f(grid_point(-a, a, n, i));
		sum += y;
		size += fabs(y);
	}
	/* Relative to the outputs' size, so that scaling f changes nothing.
	 * A NaN makes the comparison false. */
	return fabs(sum) <= tol * size;
}
/* end snippet: probe_zero_centred */

/* snippet: probe_near_identity */
bool probe_near_identity(double (*f)(double), double tol)
{
	const double h = PROBE_H;
	double slope = (f(h) - f(-h)) / (2.0 * h);
	return fabs(f(0.0)) <= tol && fabs(slope - 1.0) <= tol;
}
/* end snippet: probe_near_identity */

/* snippet: probe_saturating */
int probe_saturating(double (*f)(double), double far, double tol)
{
	const double h = PROBE_H;
	double left = (f(-far + h) - f(-far - h)) / (2.0 * h);
	double right = (f(far + h) - f(far - h)) / (2.0 * h);
	int ends = 0;
	if (fabs(left) <= tol)
		ends |= PROBE_SAT_LEFT;
	if (fabs(right) <= tol)
		ends |= PROBE_SAT_RIGHT;
	return ends;
}
/* end snippet: probe_saturating */
