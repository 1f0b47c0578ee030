/* Chapter 07: ReLU.  Reference solution. */
#include <math.h>

#include "activations.h"

/* snippet: act_relu */
double act_relu(double x)
{
	/* Not fmax(x, 0.0) and not x > 0 ? x : 0: both turn NaN into 0
	 * (fmax returns its other argument when one is NaN, and NaN > 0 is
	 * false), which would hide a diverging network behind clean zeros.
	 * Here NaN < 0 is false too, so NaN falls through to "return x". */
	if (x < 0.0)
		return 0.0;
	return x;
}
/* end snippet: act_relu */

/* snippet: act_relu_grad */
double act_relu_grad(double x)
{
	if (isnan(x))
		return x;
	/* ReLU'(0) = 0 by convention, as in PyTorch and TensorFlow: at the
	 * kink any slope in [0, 1] is a valid subgradient. */
	return x > 0.0 ? 1.0 : 0.0;
}
/* end snippet: act_relu_grad */
