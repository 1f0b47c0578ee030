/* Chapter 02: Linear (identity).  Reference solution. */
#include <math.h>

#include "activations.h"

/* snippet: act_linear */
double act_linear(double x, double a)
{
	return a * x;
}
/* end snippet: act_linear */

/* snippet: act_linear_grad */
double act_linear_grad(double x, double a)
{
	/* The slope does not depend on x, but a NaN input must still give NaN:
	 * returning a would hide a diverging network. */
	return isnan(x) ? x : a;
}
/* end snippet: act_linear_grad */
