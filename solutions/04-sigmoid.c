/* Chapter 04: Sigmoid.  Reference solution.
 *
 * span (0, 1);  y = 1/(1 + e^-x);  dy/dx = y(1 - y) = sigmoid(x) sigmoid(-x).
 */
#include <math.h>

#include "activations.h"

/* snippet: act_sigmoid */
double act_sigmoid(double x)
{
	/* Numerics: e^-x overflows for x < -709.78, and e^x/(1 + e^x) would
	 * be inf/inf = NaN for x > 709.78.  So each side gets the form whose
	 * exponential is at most 1: nothing overflows, nothing cancels, and
	 * a NaN fails the test x >= 0 and comes out of the second branch. */
	if (x >= 0.0)
		return 1.0 / (1.0 + exp(-x));
	double e = exp(x);
	return e / (1.0 + e);
}
/* end snippet: act_sigmoid */

/* snippet: act_sigmoid_grad */
double act_sigmoid_grad(double x)
{
	/* Numerics: 1 - sigmoid(x) rounds to 0 once x > 37, so y(1 - y)
	 * returns 0 where the true slope is e^-x, still a normal double up
	 * to x = 708.  sigmoid(-x) is exactly 1 - sigmoid(x) in real
	 * arithmetic and is computed without a subtraction. */
	return act_sigmoid(x) * act_sigmoid(-x);
}
/* end snippet: act_sigmoid_grad */

/* snippet: act_sigmoid_grad_from_y */
double act_sigmoid_grad_from_y(double y)
{
	/* Backprop keeps y = sigmoid(x) from the forward pass; the slope then
	 * costs one multiplication. */
	return y * (1.0 - y);
}
/* end snippet: act_sigmoid_grad_from_y */
