/* Chapter 07-relu: placeholder until the chapter is written. */
#include "activations.h"

double act_relu(double x)
{
	(void)x;
	return 0.0;
}

double act_relu_grad(double x)
{
	(void)x;
	return 0.0;
}

