/* Chapter 02: Linear (identity).  Reference solution. */
#include <math.h>

#include "activations.h"

/* snippet: act_linear */
double act_linear(double x, double a)
{
	/* With a = 0 the function is 0 everywhere, so its limit at +-inf is 0,
	 * where IEEE arithmetic would give 0 * inf = NaN. */
	if (a == 0.0 && isinf(x))
		return 0.0;
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
