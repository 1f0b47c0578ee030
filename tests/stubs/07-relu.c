/* Chapter 07: ReLU.
 * Read chapters/07-relu.md, replace each TODO with your code, then grade
 * this chapter with:  make grade-07 */
#include <math.h>

#include "activations.h"

/* snippet: act_relu */
double act_relu(double x)
{
	/* TODO: max(0, x), but a NaN input must come out as
	 * NaN (neither fmax(x, 0) nor x > 0 ? x : 0 does that). */
	(void)x;
	return 0.0;
}
/* end snippet: act_relu */

/* snippet: act_relu_grad */
double act_relu_grad(double x)
{
	/* TODO: 1 for x > 0, 0 for x <= 0 (0 at the kink, by
	 * convention), NaN for NaN. */
	(void)x;
	return 0.0;
}
/* end snippet: act_relu_grad */
