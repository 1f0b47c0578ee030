/* Chapter 08-relu-family: placeholder until the chapter is written. */
#include "activations.h"

double act_leaky_relu(double x, double alpha)
{
	(void)x, (void)alpha;
	return 0.0;
}

double act_leaky_relu_grad(double x, double alpha)
{
	(void)x, (void)alpha;
	return 0.0;
}

double act_prelu(double x, double alpha)
{
	(void)x, (void)alpha;
	return 0.0;
}

double act_prelu_grad(double x, double alpha)
{
	(void)x, (void)alpha;
	return 0.0;
}

double act_prelu_grad_alpha(double x, double alpha)
{
	(void)x, (void)alpha;
	return 0.0;
}

double act_rrelu_slope(double lower, double upper, int training, struct rng *rng)
{
	(void)lower, (void)upper, (void)training, (void)rng;
	return 0.0;
}

double act_elu(double x, double alpha)
{
	(void)x, (void)alpha;
	return 0.0;
}

double act_elu_grad(double x, double alpha)
{
	(void)x, (void)alpha;
	return 0.0;
}

