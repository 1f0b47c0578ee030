/* Chapter 04: Sigmoid.
 * Read chapters/04-sigmoid.md, replace each TODO with your code, then grade
 * this chapter with:  make grade-04
 *
 * span (0, 1);  y = 1/(1 + e^-x);  dy/dx = y(1 - y).
 */
#include <math.h>

#include "activations.h"

/* snippet: act_sigmoid */
double act_sigmoid(double x)
{
	/* TODO: 1/(1 + e^-x), for every x: no overflow to NaN at x = +-1000,
	 * 0 at -inf, 1 at +inf, NaN for NaN. */
	(void)x;
	return 0.0;
}
/* end snippet: act_sigmoid */

/* snippet: act_sigmoid_grad */
double act_sigmoid_grad(double x)
{
	/* TODO: the slope sigmoid(x) sigmoid(-x), which equals
	 * sigmoid(x) (1 - sigmoid(x)) but keeps its digits for large x (the
	 * chapter's "Accuracy in the tails"); 0 at +-inf, NaN for NaN. */
	(void)x;
	return 0.0;
}
/* end snippet: act_sigmoid_grad */

/* snippet: act_sigmoid_grad_from_y */
double act_sigmoid_grad_from_y(double y)
{
	/* TODO: the same slope, given the output y = sigmoid(x) instead of x. */
	(void)y;
	return 0.0;
}
/* end snippet: act_sigmoid_grad_from_y */
