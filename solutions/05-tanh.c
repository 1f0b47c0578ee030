/* Chapter 05-tanh: placeholder until the chapter is written. */
#include "activations.h"

double act_tanh(double x)
{
	(void)x;
	return 0.0;
}

double act_tanh_grad(double x)
{
	(void)x;
	return 0.0;
}

