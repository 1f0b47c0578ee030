/* Chapter 02: Linear (identity).
 * Read chapters/02-linear.md, replace each TODO with your code, then grade
 * this chapter with:  make grade-02 */
#include <math.h>

#include "activations.h"

/* snippet: act_linear */
double act_linear(double x, double a)
{
	/* TODO: y = a x; 0 when a = 0, even at x = +-inf (where a x is
	 * 0 * inf = NaN). */
	(void)x, (void)a;
	return 0.0;
}
/* end snippet: act_linear */

/* snippet: act_linear_grad */
double act_linear_grad(double x, double a)
{
	/* TODO: dy/dx = a, and NaN when x is NaN. */
	(void)x, (void)a;
	return 0.0;
}
/* end snippet: act_linear_grad */
