/* Chapter 04-sigmoid: placeholder until the chapter is written. */
#include "activations.h"

double act_sigmoid(double x)
{
	(void)x;
	return 0.0;
}

double act_sigmoid_grad(double x)
{
	(void)x;
	return 0.0;
}

double act_sigmoid_grad_from_y(double y)
{
	(void)y;
	return 0.0;
}

