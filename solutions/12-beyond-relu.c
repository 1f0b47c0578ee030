/* Chapter 12: Beyond ReLU.  Reference solution.
 *
 * Every function here is within 4 ULP of the exact value (mpmath, 60
 * digits) wherever that is a normal double, away from the zero of a
 * derivative (see the chapter, "Where the last digits go"): the checks hold
 * the solution to it, with the tables tests/data/NAME-reference.csv.
 */
#include <math.h>
#include <stddef.h>

#include "activations.h"
#include "glu.h"

/* sigma(x) = 1/(1 + e^-x), each side with the exponential that cannot
 * overflow (chapter 04).  A NaN takes the second branch and stays NaN. */
static double sigmoid(double x)
{
	if (x >= 0.0)
		return 1.0 / (1.0 + exp(-x));
	double e = exp(x);
	return e / (1.0 + e);
}

/* m e^a as (m e^{a/2}) e^{a/2}.  Below a = -708, e^a is subnormal: it
 * keeps fewer than 53 bits, and multiplying by m cannot give them back,
 * although m e^a may well be a normal double again (-710 e^-710 is).
 * e^{a/2} stays normal down to a = -1416. */
static double mul_exp(double m, double a)
{
	double h = exp(0.5 * a);
	return m * h * h;
}

/* snippet: act_softplus */
double act_softplus(double x)
{
	/* log(1 + e^x) = max(x, 0) + log1p(e^-|x|).  For x > 0, e^x would
	 * overflow past 709.78; e^-x <= 1 cannot, and log1p keeps every digit
	 * of log(1 + u) for small u, where log(1 + u) would round 1 + u first
	 * and return 0 for x < -37.  +inf gives inf + 0, -inf gives
	 * log1p(0) = 0, NaN stays NaN. */
	if (x > 0.0)
		return x + log1p(exp(-x));
	return log1p(exp(x));
}
/* end snippet: act_softplus */

/* snippet: act_softplus_grad */
double act_softplus_grad(double x)
{
	return sigmoid(x); /* d/dx log(1 + e^x) = e^x/(1 + e^x) */
}
/* end snippet: act_softplus_grad */

/* snippet: act_silu */
double act_silu(double x)
{
	/* x sigma(x); at -inf that is -inf * 0 = NaN, but the limit is 0. */
	if (x == -INFINITY)
		return -0.0;
	/* Below -708, sigma(x) = e^x/(1 + e^x) is e^x to the last bit, and
	 * subnormal (see mul_exp). */
	if (x < -708.0)
		return mul_exp(x, x);
	return x * sigmoid(x);
}
/* end snippet: act_silu */

/* snippet: act_silu_grad */
double act_silu_grad(double x)
{
	/* sigma(x) + x sigma(x)(1 - sigma(x)) = sigma(x)(1 + x sigma(-x)):
	 * sigma(-x), not 1 - sigma(x), which rounds to 0 for x > 37.  The
	 * infinities get their limits, 1 and 0, instead of inf * 0. */
	if (isinf(x))
		return x > 0.0 ? 1.0 : 0.0;
	if (x < -708.0)
		return mul_exp(1.0 + x, x); /* sigma(x) = e^x, sigma(-x) = 1 */
	return sigmoid(x) * fma(x, sigmoid(-x), 1.0);
}
/* end snippet: act_silu_grad */

/* snippet: gelu_phi */
/* 1/sqrt(2) and 1/sqrt(2 pi), each as a double plus the next 53 bits: the
 * second part is what rounding the constant left out. */
#define SQRT1_2_HI 0.7071067811865476
#define SQRT1_2_LO (-4.833646656726457e-17)
#define INV_SQRT_2PI 0.3989422804014327

/* Phi(x) = P(Z <= x) = erfc(-x/sqrt 2)/2 for a standard normal Z.  Not
 * (1 + erf(x/sqrt 2))/2: for x < 0 that subtracts two numbers near 1 and
 * leaves only rounding error, 0 for x < -8.3.  erfc has no subtraction.
 * Its argument t = -x/sqrt 2 is rounded, though, and in the left tail
 * erfc(t) ~ e^{-t^2} magnifies a relative error d in t into 2 t^2 d in the
 * result: 1800 ULP at x = -30.  So t is carried as t + dt, exactly enough,
 * and erfc(t + dt) = erfc(t) - dt (2/sqrt pi) e^{-t^2} to first order. */
static double Phi(double x)
{
	if (isinf(x))
		return x > 0.0 ? 1.0 : 0.0; /* and not dt = inf - inf */
	double t = -x * SQRT1_2_HI;
	double dt = fma(-x, SQRT1_2_HI, -t) - x * SQRT1_2_LO;
	return 0.5 * (erfc(t) - dt * M_2_SQRTPI * exp(-t * t));
}

/* m phi(x), phi(x) = e^{-x^2/2}/sqrt(2 pi) the normal density.  x^2 is
 * rounded too, and e^{-x^2/2} magnifies its error by x^2/2, so x^2 = h + l
 * exactly (fma gives the rounding error l) and e^{-(h + l)/2} =
 * e^{-h/2}(1 - l/2).  phi(x) is subnormal beyond |x| = 37.6 while x phi(x)
 * is not, hence the factor m and mul_exp.  Beyond |x| = 40, m phi(x) is
 * below every double for any m we use: 0, without the inf - inf that fma
 * would meet once x^2 overflows. */
static double mul_phi(double m, double x)
{
	if (!(fabs(x) <= 40.0))
		return isnan(x) ? x : 0.0;
	double h = x * x, l = fma(x, x, -h);
	return mul_exp(INV_SQRT_2PI * m, -0.5 * h) * (1.0 - 0.5 * l);
}
/* end snippet: gelu_phi */

/* snippet: act_gelu */
double act_gelu(double x)
{
	if (x == -INFINITY)
		return -0.0; /* -inf * Phi(-inf) = -inf * 0; the limit is 0 */
	/* Below x = -37.5, Phi(x) < 2.2e-308 is subnormal: it has lost
	 * digits that multiplying by x cannot give back, while x Phi(x) is
	 * still a normal double.  There the tail series
	 *     x Phi(x) = -phi(x)(1 - 1/x^2 + 3/x^4 - 15/x^6 + ...)
	 * gives it from phi(x), which is normal; its terms fall below 2^-53
	 * of the first after eight. */
	if (x < -37.5) {
		double r = 1.0 / (x * x);
		double series = 1.0 + r * (-1.0 + r * (3.0 + r * (-15.0 + r * (105.0 + r * (-945.0 +
				r * (10395.0 + r * (-135135.0 + r * 2027025.0)))))));
		return -mul_phi(series, x);
	}
	return x * Phi(x);
}
/* end snippet: act_gelu */

/* snippet: act_gelu_grad */
double act_gelu_grad(double x)
{
	/* (x Phi(x))' = Phi(x) + x phi(x).  At +-inf, x phi(x) is inf * 0:
	 * the limits are 1 and 0. */
	if (isinf(x))
		return x > 0.0 ? 1.0 : 0.0;
	return Phi(x) + mul_phi(x, x);
}
/* end snippet: act_gelu_grad */

/* snippet: gelu_tanh_arg */
/* 2 sqrt(2/pi) and 2 sqrt(2/pi) * 0.044715, each as a double plus the
 * rounding error of that double. */
#define C1_HI 1.5957691216057308
#define C1_LO (-9.96930880911092e-17)
#define C3_HI 0.07135481627260025
#define C3_LO (-6.175149918155315e-19)

/* v = 2u = C1 x + C3 x^3 as v + dv, to about 100 bits.  sigma(v) ~ e^v
 * for v < 0 magnifies a relative error d in v into |v| d: at x = -20,
 * where v = -600, the four roundings of a plain evaluation cost 2000 ULP.
 * Each product and sum below keeps its rounding error (fma gives a
 * product's exactly; Knuth's two-sum a sum's) and dv collects them. */
static double gelu_tanh_arg(double x, double *dv)
{
	double x2 = x * x, x2e = fma(x, x, -x2);
	double p = C3_HI * x2, pe = fma(C3_HI, x2, -p) + C3_HI * x2e + C3_LO * x2;
	double s = C1_HI + p, bb = s - C1_HI;
	double se = (C1_HI - (s - bb)) + (p - bb) + C1_LO + pe; /* C1 + C3 x^2 = s + se */
	double v = x * s;
	*dv = fma(x, s, -v) + x * se;
	return v;
}
/* end snippet: gelu_tanh_arg */

/* snippet: act_gelu_tanh */
double act_gelu_tanh(double x)
{
	/* x/2 (1 + tanh u) = x sigma(2u): 1 + tanh u cancels to 0 for
	 * u < -19, sigma does not.  Beyond |x| = 30, |v| > 1900 and sigma(v)
	 * is 0 or 1 in doubles (this also keeps x^3 from overflowing). */
	if (!(fabs(x) <= 30.0))
		return isnan(x) || x > 0.0 ? x : -0.0;
	double dv, v = gelu_tanh_arg(x, &dv);
	/* sigma(v + dv) = sigma(v)(1 + sigma(-v) dv) to first order; below
	 * v = -700 that is e^v (1 + dv), and e^v may be subnormal. */
	if (v < -700.0)
		return mul_exp(x, v) * (1.0 + dv);
	return x * sigmoid(v) * (1.0 + sigmoid(-v) * dv);
}
/* end snippet: act_gelu_tanh */

/* snippet: act_gelu_tanh_grad */
double act_gelu_tanh_grad(double x)
{
	/* d/dx x sigma(v) = sigma(v) + x sigma(v) sigma(-v) v',
	 * v' = C1 + 3 C3 x^2. */
	if (!(fabs(x) <= 30.0))
		return isnan(x) ? x : x > 0.0 ? 1.0 : 0.0;
	double dv, v = gelu_tanh_arg(x, &dv);
	double dvdx = fma(3.0 * C3_HI, x * x, C1_HI);
	if (v < -700.0) /* sigma(v) = e^v, sigma(-v) = 1 */
		return mul_exp(1.0 + x * dvdx, v) * (1.0 + dv);
	double s = sigmoid(v), sn = sigmoid(-v);
	double sp = s * (1.0 + sn * dv), snp = sn * (1.0 - s * dv); /* at v + dv */
	return sp + x * sp * snp * dvdx;
}
/* end snippet: act_gelu_tanh_grad */

/* snippet: act_mish */
double act_mish(double x)
{
	/* x tanh(softplus(x)), with chapter 12's softplus: for x < -37 it is
	 * e^x, not 0, so mish(x) ~ x e^x keeps its digits.  -inf * tanh(0)
	 * would be NaN; the limit is 0. */
	if (x == -INFINITY)
		return -0.0;
	/* Below -708, softplus(x) = e^x and tanh(e^x) = e^x to the last bit:
	 * x e^x, with e^x subnormal (see mul_exp). */
	if (x < -708.0)
		return mul_exp(x, x);
	return x * tanh(act_softplus(x));
}
/* end snippet: act_mish */

/* snippet: act_mish_grad */
double act_mish_grad(double x)
{
	/* tanh(s) + x sech^2(s) sigma(x), s = softplus(x).  sech^2 s as
	 * 4u/(1 + u)^2 with u = e^{-2s} <= 1 (chapter 05): 1 - tanh^2 s would
	 * round to 0 for s > 19.  At +-inf, x sech^2 is inf * 0: the limits
	 * are 1 and 0. */
	if (isinf(x))
		return x > 0.0 ? 1.0 : 0.0;
	if (x < -708.0)
		return mul_exp(1.0 + x, x); /* e^x + x e^x, as for SiLU */
	double s = act_softplus(x), u = exp(-2.0 * s);
	return tanh(s) + x * (4.0 * u / ((1.0 + u) * (1.0 + u))) * sigmoid(x);
}
/* end snippet: act_mish_grad */

/* snippet: act_selu */
/* PyTorch's constants (Klambauer et al. give them to 30 digits).  lambda
 * alpha is rounded once, as one constant, not as a product of two rounded
 * ones. */
#define SELU_LAMBDA 1.0507009873554805
#define SELU_LAMBDA_ALPHA 1.7580993408473768

double act_selu(double x)
{
	/* lambda x for x > 0, lambda alpha (e^x - 1) otherwise; expm1 as in
	 * chapter 08's ELU.  NaN takes the second branch and stays NaN. */
	if (x > 0.0)
		return SELU_LAMBDA * x;
	return SELU_LAMBDA_ALPHA * expm1(x);
}
/* end snippet: act_selu */

/* snippet: act_selu_grad */
double act_selu_grad(double x)
{
	/* lambda for x > 0, lambda alpha e^x for x <= 0 (the left value at
	 * the kink, as ELU's in chapter 08). */
	if (x > 0.0)
		return SELU_LAMBDA;
	return SELU_LAMBDA_ALPHA * exp(x);
}
/* end snippet: act_selu_grad */

/* snippet: act_hardsigmoid */
double act_hardsigmoid(double x)
{
	/* relu6(x + 3)/6, written with comparisons: fmin and fmax return the
	 * other argument when one is NaN, so fmin(fmax(x + 3, 0), 6)/6 would
	 * turn NaN into 0.  (x + 3)/6, not x/6 + 1/2: near x = -3 the second
	 * subtracts two numbers near 1/2, the first is exact until the
	 * division. */
	if (x <= -3.0)
		return 0.0;
	if (x >= 3.0)
		return 1.0;
	return (x + 3.0) / 6.0;
}
/* end snippet: act_hardsigmoid */

/* snippet: act_hardsigmoid_grad */
double act_hardsigmoid_grad(double x)
{
	/* 1/6 strictly inside (-3, 3), 0 outside and at the kinks, as
	 * PyTorch.  NaN fails both tests and is returned. */
	if (x <= -3.0 || x >= 3.0)
		return 0.0;
	return isnan(x) ? x : 1.0 / 6.0;
}
/* end snippet: act_hardsigmoid_grad */

/* snippet: act_hardswish */
double act_hardswish(double x)
{
	/* x relu6(x + 3)/6.  The outer pieces exactly: 0 and x (x (x + 3)/6
	 * would overflow for x > 1e154). */
	if (x <= -3.0)
		return 0.0;
	if (x >= 3.0)
		return x;
	return x * (x + 3.0) / 6.0;
}
/* end snippet: act_hardswish */

/* snippet: act_hardswish_grad */
double act_hardswish_grad(double x)
{
	/* 0 for x < -3, (2x + 3)/6 on [-3, 3], 1 for x > 3: PyTorch takes the
	 * middle piece at both kinks, -1/2 at -3 and 3/2 at 3.  (2x + 3)/6,
	 * not x/3 + 1/2, for the same reason as hardsigmoid's (x + 3)/6. */
	if (x < -3.0)
		return 0.0;
	if (x > 3.0)
		return 1.0;
	return (2.0 * x + 3.0) / 6.0;
}
/* end snippet: act_hardswish_grad */

/* snippet: glu_forward */
void glu_forward(double *out, double *a, double *g, const double *inp,
		 const double *W, const double *V, double (*f)(double),
		 size_t B, size_t n_in, size_t n_out)
{
	for (size_t s = 0; s < B; s++) {
		double *as = a + s * n_out, *gs = g + s * n_out;
		for (size_t j = 0; j < n_out; j++)
			as[j] = gs[j] = 0.0;
		/* Input-major weights: the inner loop runs along a row of W and V. */
		for (size_t i = 0; i < n_in; i++) {
			double x = inp[s * n_in + i];
			for (size_t j = 0; j < n_out; j++) {
				as[j] += x * W[i * n_out + j];
				gs[j] += x * V[i * n_out + j];
			}
		}
		for (size_t j = 0; j < n_out; j++)
			out[s * n_out + j] = as[j] * f(gs[j]);
	}
}
/* end snippet: glu_forward */

/* snippet: glu_backward */
void glu_backward(double *dinp, double *dW, double *dV, const double *dout,
		  const double *inp, const double *a, const double *g,
		  const double *W, const double *V,
		  double (*f)(double), double (*df)(double),
		  size_t B, size_t n_in, size_t n_out)
{
	for (size_t s = 0; s < B; s++) {
		const double *x = inp + s * n_in;
		for (size_t j = 0; j < n_out; j++) {
			size_t k = s * n_out + j;
			/* out = a f(g): the product rule splits dout in two. */
			double da = dout[k] * f(g[k]);        /* dL/da */
			double dg = dout[k] * a[k] * df(g[k]); /* dL/dg */
			for (size_t i = 0; i < n_in; i++) {
				dW[i * n_out + j] += x[i] * da;
				dV[i * n_out + j] += x[i] * dg;
				if (dinp)
					dinp[s * n_in + i] += W[i * n_out + j] * da + V[i * n_out + j] * dg;
			}
		}
	}
}
/* end snippet: glu_backward */
