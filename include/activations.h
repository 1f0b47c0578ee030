/* activations.h: every activation function of the course and its derivative.
 *
 * The rules every function here follows (chapter 01, "Rules of the road"),
 * which the checks enforce:
 *   - double precision throughout;
 *   - a NaN input gives NaN, in derivatives too: NaN is never laundered
 *     into a number, because it is how a diverging network shows itself;
 *   - +inf and -inf give the mathematical limit;
 *   - no finite input, however large, gives NaN or a spurious inf.
 * Every act_NAME_grad takes the *input* x, not the output y; where a chapter
 * teaches the output form it is named so (act_sigmoid_grad_from_y).
 */
#ifndef ACTIVATIONS_H
#define ACTIVATIONS_H

#include <stddef.h>

#include "rng.h"

/* 02 Linear (identity).  span (-inf, inf); y = a*x; dy/dx = a. */
double act_linear(double x, double a);
double act_linear_grad(double x, double a);

/* 03 Step.  span {0, 1}; y = 1 if x > 0 else 0; dy/dx = 0 (taken as 0 at 0). */
double act_step(double x);
double act_step_grad(double x);

/* 04 Sigmoid.  span (0, 1); y = 1/(1 + e^-x); dy/dx = y(1 - y). */
double act_sigmoid(double x);
double act_sigmoid_grad(double x);
/* The same derivative from the output y = sigmoid(x), as backprop code uses it. */
double act_sigmoid_grad_from_y(double y);

/* 05 Tanh.  span (-1, 1); y = tanh x = 2 sigmoid(2x) - 1; dy/dx = 1 - y^2. */
double act_tanh(double x);
double act_tanh_grad(double x);

/* 07 ReLU.  span [0, inf); y = max(0, x), NaN propagated; dy/dx = 1 if x > 0 else 0. */
double act_relu(double x);
double act_relu_grad(double x);

/* 08 Leaky ReLU.  y = x if x > 0 else alpha*x; dy/dx = 1 if x > 0 else alpha. */
double act_leaky_relu(double x, double alpha);
double act_leaky_relu_grad(double x, double alpha);

/* 08 PReLU: leaky ReLU whose alpha is learned, so it has two derivatives. */
double act_prelu(double x, double alpha);
double act_prelu_grad(double x, double alpha);        /* d/dx     */
double act_prelu_grad_alpha(double x, double alpha);  /* d/dalpha */

/* 08 RReLU: the negative slope, drawn uniformly from [lower, upper] when
 * training, fixed at (lower + upper)/2 at inference (rng is then unused). */
double act_rrelu_slope(double lower, double upper, int training, struct rng *rng);

/* 08 ELU.  span (-alpha, inf); y = x if x > 0 else alpha(e^x - 1);
 * dy/dx = 1 if x > 0 else alpha e^x. */
double act_elu(double x, double alpha);
double act_elu_grad(double x, double alpha);

/* 09 Softmax over a vector of n logits z.  out may be the same array as z;
 * n = 0 does nothing. */
void act_softmax(const double *z, double *out, size_t n);
void act_log_softmax(const double *z, double *out, size_t n);
/* J[i*n + j] = dp_i/dz_j = p_i(delta_ij - p_j), from p = softmax(z). */
void act_softmax_jacobian(const double *p, double *J, size_t n);
/* dz = J^T dp, without forming J: dz_j = p_j (dp_j - sum_i p_i dp_i). */
void act_softmax_backward(const double *p, const double *dp, double *dz, size_t n);

/* 12 Softplus.  span (0, inf); y = log(1 + e^x); dy/dx = sigma(x). */
double act_softplus(double x);
double act_softplus_grad(double x);

/* 12 SiLU (swish).  span [-0.278, inf); y = x sigma(x);
 * dy/dx = sigma(x)(1 + x(1 - sigma(x))). */
double act_silu(double x);
double act_silu_grad(double x);

/* 12 GELU, exact.  span [-0.170, inf); y = x Phi(x), Phi the standard normal
 * CDF; dy/dx = Phi(x) + x phi(x), phi its density. */
double act_gelu(double x);
double act_gelu_grad(double x);

/* 12 GELU, the tanh approximation.  y = x/2 (1 + tanh(sqrt(2/pi)(x + 0.044715 x^3))). */
double act_gelu_tanh(double x);
double act_gelu_tanh_grad(double x);

/* 12 Mish.  span [-0.309, inf); y = x tanh(softplus(x));
 * dy/dx = tanh(s) + x sech^2(s) sigma(x), s = softplus(x). */
double act_mish(double x);
double act_mish_grad(double x);

/* 12 SELU.  span (-lambda alpha, inf); y = lambda x for x > 0, lambda alpha (e^x - 1)
 * for x <= 0; dy/dx = lambda or lambda alpha e^x (lambda alpha at 0). */
double act_selu(double x);
double act_selu_grad(double x);

/* 12 Hard sigmoid.  span [0, 1]; y = min(max((x + 3)/6, 0), 1);
 * dy/dx = 1/6 on (-3, 3), 0 elsewhere (0 at the kinks). */
double act_hardsigmoid(double x);
double act_hardsigmoid_grad(double x);

/* 12 Hard swish.  span [-0.375, inf); y = x hardsigmoid(x);
 * dy/dx = 0 for x < -3, (2x + 3)/6 on [-3, 3], 1 for x > 3. */
double act_hardswish(double x);
double act_hardswish_grad(double x);

#endif
