/* Chapter 09-softmax: placeholder until the chapter is written. */
#include "activations.h"

void act_softmax(const double *z, double *out, size_t n)
{
	(void)z, (void)out, (void)n;
}

void act_log_softmax(const double *z, double *out, size_t n)
{
	(void)z, (void)out, (void)n;
}

void act_softmax_jacobian(const double *p, double *J, size_t n)
{
	(void)p, (void)J, (void)n;
}

void act_softmax_backward(const double *p, const double *dp, double *dz, size_t n)
{
	(void)p, (void)dp, (void)dz, (void)n;
}

