/* Chapter 03: Step and the perceptron.  Reference solution. */
#include <math.h>

#include "activations.h"
#include "perceptron.h"

/* snippet: act_step */
double act_step(double x)
{
	if (isnan(x))
		return x;
	return x > 0.0 ? 1.0 : 0.0; /* step(0) = 0: our convention */
}
/* end snippet: act_step */

/* snippet: act_step_grad */
double act_step_grad(double x)
{
	/* Zero wherever it exists; at the jump we take 0 too. */
	return isnan(x) ? x : 0.0;
}
/* end snippet: act_step_grad */

/* snippet: perceptron_predict */
double perceptron_predict(const double *w, double b, const double *x, size_t dim)
{
	double z = b;
	for (size_t j = 0; j < dim; j++)
		z += w[j] * x[j];
	return act_step(z);
}
/* end snippet: perceptron_predict */

/* snippet: perceptron_train */
int perceptron_train(double *w, double *b, const double *X, const double *t,
		     size_t n, size_t dim, double lr, int max_epochs)
{
	for (int epoch = 1; epoch <= max_epochs; epoch++) {
		int mistakes = 0;
		for (size_t i = 0; i < n; i++) {
			const double *x = X + i * dim;
			double error = t[i] - perceptron_predict(w, *b, x, dim);
			if (error == 0.0)
				continue;
			mistakes++;
			for (size_t j = 0; j < dim; j++)
				w[j] += lr * error * x[j];
			*b += lr * error;
		}
		if (mistakes == 0)
			return epoch;
	}
	return -1;
}
/* end snippet: perceptron_train */
