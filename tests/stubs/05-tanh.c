/* Chapter 05: Tanh.
 * Read chapters/05-tanh.md, replace each TODO with your code, then grade
 * this chapter with:  make grade-05
 *
 * span (-1, 1);  y = tanh x = 2 sigmoid(2x) - 1;  dy/dx = 1 - y^2.
 */
#include <math.h>

#include "activations.h"

/* snippet: act_tanh */
double act_tanh(double x)
{
	/* TODO: (e^x - e^-x)/(e^x + e^-x), written so that it gives +-1, not
	 * NaN, at x = +-1000; +-1 at +-inf, NaN for NaN.  (math.h has tanh();
	 * the exercise is to build it yourself.) */
	(void)x;
	return 0.0;
}
/* end snippet: act_tanh */

/* snippet: act_tanh_grad */
double act_tanh_grad(double x)
{
	/* TODO: the slope 1 - tanh^2 x, from the input x; 0 at +-inf, NaN
	 * for NaN, never NaN for a finite x. */
	(void)x;
	return 0.0;
}
/* end snippet: act_tanh_grad */
