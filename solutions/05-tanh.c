/* Chapter 05: Tanh.  Reference solution.
 *
 * span (-1, 1);  y = tanh x = 2 sigmoid(2x) - 1;  dy/dx = 1 - y^2 = sech^2 x.
 */
#include <math.h>

#include "activations.h"

/* snippet: act_tanh */
double act_tanh(double x)
{
	/* Numerics: (e^x - e^-x)/(e^x + e^-x) is inf/inf = NaN once e^x
	 * overflows (|x| > 709.78).  Written with u = e^{-2|x|} <= 1 instead,
	 *     tanh|x| = (1 - u)/(1 + u) = -m/(2 + m),   m = expm1(-2|x|) = u - 1,
	 * nothing overflows, and expm1 keeps the digits of tiny |x| that
	 * 1 - u would cancel away.  tanh is odd: copysign puts the sign back
	 * (and keeps tanh(-0) = -0). */
	double m = expm1(-2.0 * fabs(x));
	return copysign(-m / (2.0 + m), x);
}
/* end snippet: act_tanh */

/* snippet: act_tanh_grad */
double act_tanh_grad(double x)
{
	/* Numerics: 1 - tanh^2 x rounds to 0 once tanh x rounds to 1
	 * (|x| > 19), and 1/cosh^2 x overflows cosh for |x| > 710.5.
	 * sech^2 x = 4u/(1 + u)^2 with u = e^{-2|x|} <= 1 has neither
	 * problem: u underflows to 0 exactly when the slope is below every
	 * double anyway. */
	double u = exp(-2.0 * fabs(x));
	return 4.0 * u / ((1.0 + u) * (1.0 + u));
}
/* end snippet: act_tanh_grad */
