/* Chapter 03: Step and the perceptron.
 * Read chapters/03-step.md, replace each TODO with your code, then grade
 * this chapter with:  make grade-03 */
#include <math.h>

#include "activations.h"
#include "perceptron.h"

/* snippet: act_step */
double act_step(double x)
{
	/* TODO: 1 for x > 0, 0 otherwise (0 at x = 0), NaN for NaN. */
	(void)x;
	return 0.0;
}
/* end snippet: act_step */

/* snippet: act_step_grad */
double act_step_grad(double x)
{
	/* TODO: 0 everywhere (0 at x = 0 too), NaN for NaN. */
	(void)x;
	return 0.0;
}
/* end snippet: act_step_grad */

/* snippet: perceptron_predict */
double perceptron_predict(const double *w, double b, const double *x, size_t dim)
{
	/* TODO: act_step(w . x + b). */
	(void)w, (void)b, (void)x, (void)dim;
	return 0.0;
}
/* end snippet: perceptron_predict */

/* snippet: perceptron_train */
int perceptron_train(double *w, double *b, const double *X, const double *t,
		     size_t n, size_t dim, double lr, int max_epochs)
{
	/* TODO: the perceptron rule, epoch by epoch (see perceptron.h).
	 * Return the epoch that made no mistake, or -1. */
	(void)w, (void)b, (void)X, (void)t, (void)n, (void)dim, (void)lr;
	(void)max_epochs;
	return 0;
}
/* end snippet: perceptron_train */
