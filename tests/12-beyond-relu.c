/* Chapter 12, Beyond ReLU: checks for exercises/12-beyond-relu.c.
 *
 * Expected values come from mathematics: the tables tests/data/NAME-
 * reference.csv, which tests/data/beyond-relu.py computed with mpmath at 60
 * digits; values worked by hand (the kinks of the hard functions, the gated
 * unit on small integers); the limits at +-inf; and central differences of
 * your own functions.
 *
 * Tolerance (stated in the chapter, "Where the last digits go"): a relative
 * error of 1e-12 against the tables, measured against the larger of the
 * exact value and the largest term the derivative sums where those terms
 * cancel (at a derivative's zero), with an absolute floor of DBL_MIN/2 where
 * the exact value is not a normal double.  Every stable formula meets it;
 * one that overflows, cancels or loses a tail does not.  With
 * COURSE_ULP_CHECK set (the reference solutions), 4 ULP instead.
 */
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "activations.h"
#include "glu.h"
#include "grader.h"

#define CH "(see 12-beyond-relu.md, "
#define SEE_SOFTPLUS CH "\"Softplus, the smooth ReLU\")"
#define SEE_SILU CH "\"SiLU, or swish\")"
#define SEE_GELU CH "\"GELU\")"
#define SEE_GELU_TANH CH "\"GELU's tanh approximation\")"
#define SEE_MISH CH "\"Mish\")"
#define SEE_SELU CH "\"SELU\")"
#define SEE_HARD CH "\"Hard sigmoid and hard swish\")"
#define SEE_DIGITS CH "\"Where the last digits go\")"
#define SEE_GLU CH "\"Gated units: SwiGLU and GEGLU\")"
#define SEE_NAN "a NaN input gives NaN (see 01-why.md, \"Rules of the road\")"
#define SEE_LIMIT "at an infinite x, x times a factor that tends to 0 is inf * 0 = NaN in C: " \
	"return the limit instead " SEE_DIGITS

/* The learner's tolerance, and the floor below which an absolute error of
 * DBL_MIN/2 is enough (such values are not even normal doubles). */
#define TOL 1e-12
#define FLOOR (DBL_MIN / (2 * TOL))

/* SELU's constants, PyTorch's, as the nearest doubles (and their product,
 * rounded once: LAMBDA * ALPHA rounds to the double below). */
#define LAMBDA 1.0507009873554805
#define ALPHA 1.6732632423543772
#define LAMBDA_ALPHA 1.7580993408473768

/* ---- The grader's own formulas, with the C library ----
 * Only to recognise a mistake in a hint, or to size a tolerance; expected
 * values come from the tables. */
static double sig(double x) { return x >= 0 ? 1 / (1 + exp(-x)) : exp(x) / (1 + exp(x)); }
static double Phi(double x) { return 0.5 * erfc(-x * M_SQRT1_2); }
static double phi(double x) { return exp(-0.5 * x * x) / sqrt(2 * M_PI); }
static double sp(double x) { return x > 0 ? x + log1p(exp(-x)) : log1p(exp(x)); }
static double sech2(double s) { double c = cosh(s); return 1 / (c * c); }
static double u_of(double x) { return sqrt(2 / M_PI) * (x + 0.044715 * x * x * x); }
static double du_of(double x) { return sqrt(2 / M_PI) * (1 + 3 * 0.044715 * x * x); }
static double gelu_ref(double x) { return x * Phi(x); }
static double gelu_grad_ref(double x) { return Phi(x) + x * phi(x); }
static double gelu_tanh_ref(double x) { return x * sig(2 * u_of(x)); }
static double gelu_tanh_grad_ref(double x)
{
	double v = 2 * u_of(x);
	return sig(v) + x * sig(v) * sig(-v) * 2 * du_of(x);
}

/* True when the wrong formula's value w explains got: got is wrong, and
 * ten times nearer w than the right answer want. */
static bool looks_like(double got, double w, double want)
{
	if (isnan(got) || isnan(w) || got == want)
		return false;
	if (got == w)
		return true;
	return fabs(got - w) <= 0.1 * fabs(got - want);
}

/* ---- What a wrong value suggests, function by function ---- */

static const char *softplus_hint(double x, double got, double want)
{
	if (!isfinite(got) && isfinite(want))
		return "an exponential overflowed to inf (e^x for x > 709.78, e^-x for x < -709.78): "
		       "use the form whose exponential is at most 1, x + log1p(e^-x) for x > 0 and "
		       "log1p(e^x) otherwise " SEE_SOFTPLUS;
	if (x < -30 && got == 0 && want != 0)
		return "1 + e^x rounds to 1 for x < -37, so log(1 + e^x) returns 0 where softplus(x) = e^x: "
		       "log1p(u) computes log(1 + u) without forming 1 + u " SEE_SOFTPLUS;
	if (x >= 15 && got == x && want != x)
		return "returning x above a threshold (PyTorch's is 20) is right in float32 only: in double, "
		       "log1p(e^-x) is more than half an ulp of x up to x = 37 " SEE_SOFTPLUS;
	return "softplus(x) = log(1 + e^x) " SEE_SOFTPLUS;
}

static const char *softplus_grad_hint(double x, double got, double want)
{
	if (isnan(got))
		return "e^x/(1 + e^x) is inf/inf = NaN once e^x overflows (x > 709.78): softplus'(x) is "
		       "sigma(x), which chapter 04 computes without overflow " SEE_SOFTPLUS;
	if (looks_like(got, sig(-x), want))
		return "that is sigma(-x): softplus'(x) = e^x/(1 + e^x) = sigma(x) " SEE_SOFTPLUS;
	if (looks_like(got, sig(x) * sig(-x), want))
		return "that is sigma'(x), the second derivative of softplus: softplus'(x) = sigma(x) "
		       SEE_SOFTPLUS;
	if (looks_like(got, sp(x), want))
		return "that is softplus(x) itself, not its slope sigma(x) " SEE_SOFTPLUS;
	return "softplus'(x) = sigma(x) = 1/(1 + e^-x) " SEE_SOFTPLUS;
}

static const char *silu_hint(double x, double got, double want)
{
	if (isnan(got) && isinf(x))
		return SEE_LIMIT;
	if (x < -709 && got == 0 && want != 0)
		return "1 + e^-x overflows to inf for x < -709.78, and x/inf = 0 where silu(x) = x e^x is "
		       "still a double: for x < 0 compute sigma(x) as e^x/(1 + e^x) (chapter 04) " SEE_SILU;
	if (looks_like(got, x * sig(-x), want))
		return "that is x sigma(-x): silu(x) = x sigma(x) = x/(1 + e^-x) " SEE_SILU;
	if (looks_like(got, sig(x), want))
		return "that is sigma(x) alone: silu(x) = x sigma(x) " SEE_SILU;
	return "silu(x) = x sigma(x) " SEE_SILU;
}

static const char *silu_grad_hint(double x, double got, double want)
{
	if (isnan(got) && isinf(x))
		return SEE_LIMIT;
	if (looks_like(got, sig(x), want))
		return "that is sigma(x) alone: x sigma(x) is a product, and the product rule adds "
		       "x sigma'(x): silu'(x) = sigma(x)(1 + x sigma(-x)) " SEE_SILU;
	if (looks_like(got, sig(x) * sig(-x), want))
		return "that is sigma'(x); the product rule gives silu'(x) = sigma(x) + x sigma'(x) " SEE_SILU;
	if (looks_like(got, sig(x) * (1 + x * sig(x)), want))
		return "sigma'(x) = sigma(x)(1 - sigma(x)) = sigma(x) sigma(-x), so the bracket is "
		       "1 + x sigma(-x) " SEE_SILU;
	return "silu'(x) = sigma(x)(1 + x sigma(-x)) " SEE_SILU;
}

static const char *gelu_hint(double x, double got, double want)
{
	if (isnan(got) && isinf(x))
		return SEE_LIMIT;
	if (x < -2 && looks_like(got, 0.5 * x * (1 + erf(x * M_SQRT1_2)), want))
		return "1 + erf(x/sqrt 2) subtracts two numbers near 1 when x < 0 and keeps only rounding "
		       "error (0 below x = -8.3): Phi(x) = erfc(-x/sqrt 2)/2 has no subtraction " SEE_GELU;
	if (looks_like(got, gelu_tanh_ref(x), want))
		return "that is the tanh approximation; act_gelu is the exact x Phi(x) " SEE_GELU;
	if (looks_like(got, 0.5 * x * erfc(x * M_SQRT1_2), want))
		return "that is x (1 - Phi(x)): Phi(x) = erfc(-x/sqrt 2)/2, with a minus sign " SEE_GELU;
	if (looks_like(got, x * erfc(-x * M_SQRT1_2), want))
		return "erfc runs from 2 to 0: Phi(x) = erfc(-x/sqrt 2)/2, halved " SEE_GELU;
	return "gelu(x) = x Phi(x), Phi(x) = erfc(-x/sqrt 2)/2 " SEE_GELU;
}

static const char *gelu_grad_hint(double x, double got, double want)
{
	if (isnan(got) && isinf(x))
		return SEE_LIMIT;
	if (looks_like(got, Phi(x), want))
		return "that is Phi(x) alone: x Phi(x) is a product, and the product rule adds x phi(x) "
		       SEE_GELU;
	if (looks_like(got, Phi(x) + x * exp(-0.5 * x * x), want))
		return "phi(x) = e^{-x^2/2}/sqrt(2 pi): the density needs its 1/sqrt(2 pi) " SEE_GELU;
	if (looks_like(got, Phi(x) + phi(x), want))
		return "the product rule's second term is x phi(x), not phi(x) " SEE_GELU;
	if (looks_like(got, gelu_tanh_grad_ref(x), want))
		return "that is the derivative of the tanh approximation, not of x Phi(x) " SEE_GELU;
	return "gelu'(x) = Phi(x) + x phi(x), phi(x) = e^{-x^2/2}/sqrt(2 pi) " SEE_GELU;
}

static const char *gelu_tanh_hint(double x, double got, double want)
{
	if (isnan(got) && isinf(x))
		return SEE_LIMIT;
	if (x < -2 && looks_like(got, 0.5 * x * (1 + tanh(u_of(x))), want))
		return "1 + tanh u cancels when u < 0 (to 0 below u = -19): 1 + tanh u = 2 sigma(2u), so "
		       "x/2 (1 + tanh u) = x sigma(2u), which has no subtraction " SEE_GELU_TANH;
	if (looks_like(got, gelu_ref(x), want))
		return "that is the exact GELU, x Phi(x); act_gelu_tanh is the tanh approximation "
		       SEE_GELU_TANH;
	if (looks_like(got, x * sig(u_of(x)), want))
		return "1 + tanh u = 2 sigma(2u): the argument of sigma is 2u, not u " SEE_GELU_TANH;
	return "gelu_tanh(x) = x/2 (1 + tanh u), u = sqrt(2/pi)(x + 0.044715 x^3) " SEE_GELU_TANH;
}

static const char *gelu_tanh_grad_hint(double x, double got, double want)
{
	if (isnan(got) && isfinite(x))
		return "x^3 overflows for |x| > 5.6e102, and inf * 0 or inf - inf follows; beyond |x| = 30 "
		       "the slope is 1 or 0 to the last bit " SEE_GELU_TANH;
	if (isnan(got) && isinf(x))
		return SEE_LIMIT;
	double v = 2 * u_of(x);
	if (looks_like(got, sig(v) + x * sig(v) * sig(-v), want) ||
	    looks_like(got, sig(v) + x * sig(v) * sig(-v) * 2, want))
		return "the chain rule: d/dx sigma(v(x)) = sigma(v) sigma(-v) v'(x), with "
		       "v = 2u and v' = 2 sqrt(2/pi)(1 + 3 * 0.044715 x^2) " SEE_GELU_TANH;
	if (looks_like(got, gelu_grad_ref(x), want))
		return "that is the exact GELU's derivative, Phi(x) + x phi(x), not the approximation's "
		       SEE_GELU_TANH;
	return "gelu_tanh'(x) = sigma(v) + x sigma(v) sigma(-v) v', v = 2u " SEE_GELU_TANH;
}

static const char *mish_hint(double x, double got, double want)
{
	if (isnan(got) && isinf(x))
		return SEE_LIMIT;
	if (x < -30 && got == 0 && want != 0)
		return "softplus(x) = log(1 + e^x) rounds to 0 for x < -37, and x tanh(0) = 0 where "
		       "mish(x) = x e^x: compute softplus with log1p, as act_softplus does " SEE_MISH;
	if (looks_like(got, x * tanh(x), want))
		return "that is x tanh(x): mish(x) = x tanh(softplus(x)) " SEE_MISH;
	return "mish(x) = x tanh(softplus(x)) " SEE_MISH;
}

static const char *mish_grad_hint(double x, double got, double want)
{
	if (isnan(got) && isinf(x))
		return SEE_LIMIT;
	double s = sp(x);
	if (looks_like(got, tanh(s) + x * sech2(s), want))
		return "the chain rule through softplus multiplies by softplus'(x) = sigma(x): "
		       "mish'(x) = tanh(s) + x sech^2(s) sigma(x) " SEE_MISH;
	if (looks_like(got, tanh(s), want))
		return "that is tanh(softplus(x)) alone: x tanh(s) is a product, and the product rule "
		       "adds x d/dx tanh(s) " SEE_MISH;
	return "mish'(x) = tanh(s) + x sech^2(s) sigma(x), s = softplus(x) " SEE_MISH;
}

static const char *selu_hint(double x, double got, double want)
{
	if (x < 0 && looks_like(got, LAMBDA_ALPHA * (exp(x) - 1), want))
		return "e^x - 1 loses digits near 0: expm1(x) computes it directly (chapter 08, "
		       "\"Why expm1\") " SEE_SELU;
	if (x > 0 && got == x)
		return "the positive side is lambda x, not x: lambda scales both sides " SEE_SELU;
	if (x < 0 && looks_like(got, ALPHA * expm1(x), want))
		return "the negative side is lambda alpha (e^x - 1): lambda scales both sides " SEE_SELU;
	return "selu(x) = lambda x for x > 0, lambda alpha (e^x - 1) for x <= 0 " SEE_SELU;
}

static const char *selu_grad_hint(double x, double got, double want)
{
	(void)want;
	if (x > 0 && got == 1)
		return "the slope for x > 0 is lambda, not 1 " SEE_SELU;
	if (x < 0 && (looks_like(got, act_selu(x) + LAMBDA_ALPHA, want) ||
		      looks_like(got, act_selu(x) + LAMBDA * ALPHA, want)))
		return "that is selu(x) + lambda alpha, the derivative from the output: for very negative "
		       "x it is -lambda alpha + lambda alpha, which cancels to rounding error; compute "
		       "lambda alpha e^x from x " SEE_SELU;
	return "selu'(x) = lambda for x > 0, lambda alpha e^x for x <= 0 " SEE_SELU;
}

static const char *hardsigmoid_hint(double x, double got, double want)
{
	if (looks_like(got, x / 6 + 0.5, want))
		return "x/6 + 1/2 subtracts two numbers near 1/2 when x is near -3: (x + 3)/6 is exact "
		       "until the division " SEE_HARD;
	if (looks_like(got, fmin(fmax(0.2 * x + 0.5, 0), 1), want))
		return "that is Keras's older hard sigmoid, 0.2x + 1/2; this course, like PyTorch, uses "
		       "(x + 3)/6 " SEE_HARD;
	return "hardsigmoid(x) = 0 for x <= -3, 1 for x >= 3, (x + 3)/6 between " SEE_HARD;
}

static const char *hardsigmoid_grad_hint(double x, double got, double want)
{
	(void)want;
	if (fabs(x) == 3 && got == 1.0 / 6)
		return "at the kinks x = -3 and x = 3 the derivative is taken as 0, as PyTorch does "
		       SEE_HARD;
	if (got == 0.2)
		return "0.2 is the slope of Keras's older hard sigmoid; (x + 3)/6 has slope 1/6 " SEE_HARD;
	return "hardsigmoid'(x) = 1/6 for -3 < x < 3, 0 elsewhere " SEE_HARD;
}

static const char *hardswish_hint(double x, double got, double want)
{
	if (x > 3 && looks_like(got, x * (x + 3) / 6, want))
		return "for x >= 3 hardswish(x) = x: the hard sigmoid is 1 there " SEE_HARD;
	if (x > -3 && x < 0 && looks_like(got, x * (x / 6 + 0.5), want))
		return "x (x/6 + 1/2) cancels near x = -3: write x (x + 3)/6 " SEE_HARD;
	return "hardswish(x) = 0 for x <= -3, x for x >= 3, x (x + 3)/6 between " SEE_HARD;
}

static const char *hardswish_grad_hint(double x, double got, double want)
{
	if (looks_like(got, x / 3 + 0.5, want))
		return "x/3 + 1/2 cancels near x = -1.5, where the slope is 0: write (2x + 3)/6 " SEE_HARD;
	if ((x == -3 && got == 0) || (x == 3 && got == 1))
		return "PyTorch takes the middle piece at both kinks: -1/2 at x = -3 and 3/2 at x = 3 "
		       SEE_HARD;
	if (looks_like(got, act_hardsigmoid(x), want))
		return "that is hardsigmoid(x) alone: x hardsigmoid(x) is a product, and the product rule "
		       "adds x hardsigmoid'(x) " SEE_HARD;
	return "hardswish'(x) = 0 for x < -3, (2x + 3)/6 for -3 <= x <= 3, 1 for x > 3 " SEE_HARD;
}

/* ---- Where a derivative cancels ----
 * The derivatives of silu, gelu, gelu_tanh and mish cross 0 at the
 * function's minimum, as a sum of two terms of about 0.2 that cancel: no
 * double formula is accurate relative to the tiny difference.  There the
 * error is measured against the larger term (the chapter, "Where the last
 * digits go"). */
static double silu_terms(double x) { return sig(x) * fmax(1, fabs(x) * sig(-x)); }
static double gelu_terms(double x) { return fmax(Phi(x), fabs(x) * phi(x)); }
static double gelu_tanh_terms(double x)
{
	double v = 2 * u_of(x);
	return fmax(sig(v), fabs(x * sig(v) * sig(-v) * 2 * du_of(x)));
}
static double mish_terms(double x)
{
	double s = sp(x);
	return fmax(tanh(s), fabs(x * sech2(s) * sig(x)));
}

/* ---- The functions under test ---- */

enum { MAX_REF = 1500, CHUNK = 100 };

struct fn {
	const char *name;  /* "softplus": act_softplus, act_softplus_grad */
	const char *table; /* its file in tests/data/ */
	double (*f)(double), (*g)(double);
	const char *(*hint_f)(double x, double got, double want);
	const char *(*hint_g)(double x, double got, double want);
	double (*terms)(double x); /* where g cancels: its largest term; else NULL */
	double f_inf, f_minf, g_inf, g_minf; /* the limits at +inf and -inf */
	struct grader_ref *ref;
	int n;
	char error[512];
};

enum { SOFTPLUS, SILU, GELU, GELU_TANH, MISH, SELU, HARDSIGMOID, HARDSWISH, N_FN };

static struct grader_ref refs[N_FN][MAX_REF];
static struct fn fns[N_FN] = {
	[SOFTPLUS] = {"softplus", "softplus-reference.csv", act_softplus, act_softplus_grad,
		      softplus_hint, softplus_grad_hint, NULL, INFINITY, 0, 1, 0},
	[SILU] = {"silu", "silu-reference.csv", act_silu, act_silu_grad, silu_hint, silu_grad_hint,
		  silu_terms, INFINITY, 0, 1, 0},
	[GELU] = {"gelu", "gelu-reference.csv", act_gelu, act_gelu_grad, gelu_hint, gelu_grad_hint,
		  gelu_terms, INFINITY, 0, 1, 0},
	[GELU_TANH] = {"gelu_tanh", "gelu-tanh-reference.csv", act_gelu_tanh, act_gelu_tanh_grad,
		       gelu_tanh_hint, gelu_tanh_grad_hint, gelu_tanh_terms, INFINITY, 0, 1, 0},
	[MISH] = {"mish", "mish-reference.csv", act_mish, act_mish_grad, mish_hint, mish_grad_hint,
		  mish_terms, INFINITY, 0, 1, 0},
	[SELU] = {"selu", "selu-reference.csv", act_selu, act_selu_grad, selu_hint, selu_grad_hint,
		  NULL, INFINITY, -LAMBDA_ALPHA, LAMBDA, 0},
	[HARDSIGMOID] = {"hardsigmoid", "hardsigmoid-reference.csv", act_hardsigmoid,
			 act_hardsigmoid_grad, hardsigmoid_hint, hardsigmoid_grad_hint, NULL, 1, 0, 0, 0},
	[HARDSWISH] = {"hardswish", "hardswish-reference.csv", act_hardswish, act_hardswish_grad,
		       hardswish_hint, hardswish_grad_hint, NULL, INFINITY, 0, 1, 0},
};

/* ---- The closed forms in long double (64-bit mantissa) ----
 * Expected values at random inputs, new each run: 19 digits against the
 * 12 a learner needs and the 16 of 4 ULP. */
typedef long double ld;
static ld sigl(ld x) { return x >= 0 ? 1 / (1 + expl(-x)) : expl(x) / (1 + expl(x)); }
static ld softplusl(ld x) { return x > 0 ? x + log1pl(expl(-x)) : log1pl(expl(x)); }
static ld Phil(ld x) { return 0.5L * erfcl(-x / sqrtl(2)); }
static ld phil(ld x) { return expl(-0.5L * x * x) / sqrtl(2 * acosl(-1)); }
static ld vl(ld x) { return 2 * sqrtl(2 / acosl(-1)) * (x + 0.044715L * x * x * x); }
static ld dvl(ld x) { return 2 * sqrtl(2 / acosl(-1)) * (1 + 3 * 0.044715L * x * x); }
static ld sech2l(ld s) { ld u = expl(-2 * fabsl(s)); return 4 * u / ((1 + u) * (1 + u)); }

/* f and f' of function k at x, in long double. */
static void closed_form(int k, double xd, ld *f, ld *g)
{
	ld x = xd;
	switch (k) {
	case SOFTPLUS: *f = softplusl(x), *g = sigl(x); break;
	case SILU: *f = x * sigl(x), *g = sigl(x) * (1 + x * sigl(-x)); break;
	case GELU: *f = x * Phil(x), *g = Phil(x) + x * phil(x); break;
	case GELU_TANH:
		*f = x * sigl(vl(x)), *g = sigl(vl(x)) + x * sigl(vl(x)) * sigl(-vl(x)) * dvl(x);
		break;
	case MISH:
		*f = x * tanhl(softplusl(x)), *g = tanhl(softplusl(x)) + x * sech2l(softplusl(x)) * sigl(x);
		break;
	case SELU:
		*f = x > 0 ? (ld)LAMBDA * x : (ld)LAMBDA_ALPHA * expm1l(x);
		*g = x > 0 ? (ld)LAMBDA : (ld)LAMBDA_ALPHA * expl(x);
		break;
	case HARDSIGMOID:
		*f = x <= -3 ? 0 : x >= 3 ? 1 : (x + 3) / 6, *g = x <= -3 || x >= 3 ? 0 : 1.0L / 6;
		break;
	default: /* HARDSWISH */
		*f = x <= -3 ? 0 : x >= 3 ? x : x * (x + 3) / 6, *g = x < -3 ? 0 : x > 3 ? 1 : (2 * x + 3) / 6;
		break;
	}
}

/* A random input: moderate, in the tails where the formulas switch, or
 * where exponentials turn subnormal. */
static double draw_x(int i)
{
	switch (i % 5) {
	case 0: return grader_uniform(-8, 8);
	case 1: return grader_uniform(-40, 40);
	case 2: return grader_uniform(-760, -690);
	case 3: return grader_magnitude(-8, 2.85, true);
	default: return grader_uniform(-23, -19);
	}
}

/* The size against which an error in g(x) is measured: |want|, or the
 * largest term where the derivative cancels (|x| < 100 covers every zero). */
static double g_scale(const struct fn *F, double x, double want)
{
	double s = fabs(want);
	if (F->terms && fabs(x) < 100)
		s = fmax(s, F->terms(x));
	return s;
}

/* |got - want| <= tol * max(scale, FLOOR), or both the same NaN/infinity. */
static bool close_to(double got, double want, double scale, double tol)
{
	if (isnan(want) || isinf(want))
		return grader_close(got, want, 0, 1);
	return isfinite(got) && fabs(got - want) <= tol * fmax(scale, FLOOR);
}

static void check_f_chunk(int k, int chunk)
{
	const struct fn *F = &fns[k];
	if (F->n < 0)
		ck_abort_msg("%s", F->error);
	for (int i = chunk * CHUNK; i < F->n && i < (chunk + 1) * CHUNK; i++) {
		double x = F->ref[i].x, want = F->ref[i].f, got = F->f(x);
		if (!close_to(got, want, fabs(want), TOL))
			ck_abort_msg("act_%s(%.17g) returned %.17g, expected %.17g (relative error at most "
				     "%g) -- %s", F->name, x, got, want, TOL, F->hint_f(x, got, want));
	}
}

static void check_g_chunk(int k, int chunk)
{
	const struct fn *F = &fns[k];
	if (F->n < 0)
		ck_abort_msg("%s", F->error);
	for (int i = chunk * CHUNK; i < F->n && i < (chunk + 1) * CHUNK; i++) {
		double x = F->ref[i].x, want = F->ref[i].g, got = F->g(x);
		if (!close_to(got, want, g_scale(F, x, want), TOL))
			ck_abort_msg("act_%s_grad(%.17g) returned %.17g, expected %.17g (relative error at "
				     "most %g) -- %s", F->name, x, got, want, TOL, F->hint_g(x, got, want));
	}
}

/* A point of the central-difference checks is this far from every kink. */
static const double smooth_xs[] = {-6, -2.5, -1.25, -0.6, -0.1, 0.2, 0.9, 1.7, 2.5, 5};

/* The function of F, in the shape grader_central_diff takes. */
static double f_of(double x, void *F)
{
	return ((const struct fn *)F)->f(x);
}

static void check_central_difference(int k)
{
	struct fn *F = &fns[k];
	for (int i = 0; i < ROWS(smooth_xs); i++) {
		double x = smooth_xs[i], n = grader_central_diff(f_of, F, x, 1e-5), a = F->g(x);
		ck_assert_msg(grader_grad_agrees(a, n),
			      "act_%s_grad(%.17g) returned %.17g but the central difference of your act_%s "
			      "is %.17g -- %s", F->name, x, a, F->name, n, F->hint_g(x, a, n));
	}
}

static void check_limits(int k)
{
	const struct fn *F = &fns[k];
	struct { double x, want; double (*fun)(double); const char *suffix; const char *(*hint)(double, double, double); } c[] = {
		{INFINITY, F->f_inf, F->f, "", F->hint_f},
		{-INFINITY, F->f_minf, F->f, "", F->hint_f},
		{INFINITY, F->g_inf, F->g, "_grad", F->hint_g},
		{-INFINITY, F->g_minf, F->g, "_grad", F->hint_g},
	};
	for (int i = 0; i < 4; i++) {
		double got = c[i].fun(c[i].x);
		if (!grader_close(got, c[i].want, TOL_EXACT, 1e-300))
			ck_abort_msg("act_%s%s(%s) returned %.17g, expected the limit %.17g -- %s", F->name,
				     c[i].suffix, c[i].x > 0 ? "inf" : "-inf", got, c[i].want,
				     c[i].hint(c[i].x, got, c[i].want));
	}
}

static void check_nan(int k)
{
	const struct fn *F = &fns[k];
	const char *hint = SEE_NAN;
	if (k == HARDSIGMOID || k == HARDSWISH)
		hint = SEE_NAN ": fmin and fmax return the other argument when one is NaN, so a clamp "
		       "written with them turns NaN into a number; compare instead " SEE_HARD;
	expect_nan(F->f(NAN), hint, "act_%s(nan)", F->name);
	expect_nan(F->g(NAN), hint, "act_%s_grad(nan)", F->name);
}

/* Only with COURSE_ULP_CHECK set, for the reference solutions: within
 * 4 ULP of the exact value wherever it is a normal double, measured against
 * the larger term where a derivative cancels. */
static double ulps_of(double got, double want, double scale)
{
	if (got == want)
		return 0;
	double a = fmax(fabs(want), scale);
	return fabs(got - want) / (nextafter(a, INFINITY) - a);
}

static void check_ulps(int k)
{
	const struct fn *F = &fns[k];
	if (F->n < 0)
		ck_abort_msg("%s", F->error);
	for (int i = 0; i < F->n; i++) {
		double x = F->ref[i].x, f = F->f(x), g = F->g(x);
		double uf = ulps_of(f, F->ref[i].f, 0), ug = ulps_of(g, F->ref[i].g, g_scale(F, x, F->ref[i].g));
		if (fabs(F->ref[i].f) >= DBL_MIN && !(uf <= 4))
			ck_abort_msg("act_%s(%.17g) returned %.17g, %.3g ULP from %.17g (at most 4 wanted)",
				     F->name, x, f, uf, F->ref[i].f);
		if (fabs(F->ref[i].g) >= DBL_MIN && !(ug <= 4))
			ck_abort_msg("act_%s_grad(%.17g) returned %.17g, %.3g ULP from %.17g (at most 4 "
				     "wanted)", F->name, x, g, ug, F->ref[i].g);
	}
}

/* Random inputs, new each run, against the closed forms: the chapter's
 * tolerance, and with COURSE_ULP_CHECK (the reference solutions) 8 ULP
 * wherever the exact value is a normal double.  8, not the 4 of the
 * table's points: over two million random points the solution reaches
 * 6.2 ULP (act_gelu_tanh_grad near -4.63), the last digits of a long
 * double reference being no better than that where the terms cancel.
 * Not on the kinks of the hard functions, where the worked values decide. */
static void check_random(int k)
{
	const struct fn *F = &fns[k];
	bool ulp = getenv("COURSE_ULP_CHECK") != NULL;
	for (int i = 0; i < 500; i++) {
		double x = draw_x(i);
		if ((k == HARDSIGMOID || k == HARDSWISH) && fabs(fabs(x) - 3) < 1e-9)
			continue;
		ld lf, lg;
		closed_form(k, x, &lf, &lg);
		double want = (double)lf, dwant = (double)lg, got = F->f(x), dgot = F->g(x);
		double scale = g_scale(F, x, dwant);
		if (!close_to(got, want, fabs(want), TOL))
			ck_abort_msg("act_%s(%.17g) returned %.17g, expected %.17g (relative error at most %g) -- %s",
				     F->name, x, got, want, TOL, F->hint_f(x, got, want));
		if (!close_to(dgot, dwant, scale, TOL))
			ck_abort_msg("act_%s_grad(%.17g) returned %.17g, expected %.17g (relative error at most %g) -- %s",
				     F->name, x, dgot, dwant, TOL, F->hint_g(x, dgot, dwant));
		if (ulp && fabs(want) >= DBL_MIN && !(ulps_of(got, want, 0) <= 8))
			ck_abort_msg("act_%s(%.17g) returned %.17g, %.3g ULP from %.17g (the reference solution is "
				     "held to 8 at random points)", F->name, x, got, ulps_of(got, want, 0), want);
		if (ulp && fabs(dwant) >= DBL_MIN && !(ulps_of(dgot, dwant, scale) <= 8))
			ck_abort_msg("act_%s_grad(%.17g) returned %.17g, %.3g ULP from %.17g (the reference solution "
				     "is held to 8 at random points)", F->name, x, dgot, ulps_of(dgot, dwant, scale), dwant);
	}
}

/* One set of named tests per function, so a PASS or FAIL line says which. */
#define FUNCTION_TESTS(NAME, K)                                                          \
	START_TEST(NAME##_matches_high_precision_table) { check_f_chunk(K, _i); } END_TEST \
	START_TEST(NAME##_grad_matches_high_precision_table) { check_g_chunk(K, _i); } END_TEST \
	START_TEST(NAME##_grad_matches_central_difference) { check_central_difference(K); } END_TEST \
	START_TEST(NAME##_limits_at_infinity) { check_limits(K); } END_TEST              \
	START_TEST(NAME##_propagates_nan) { check_nan(K); } END_TEST                     \
	START_TEST(NAME##_within_4_ulp) { check_ulps(K); } END_TEST                      \
	START_TEST(NAME##_matches_closed_form_at_random_inputs) { check_random(K); } END_TEST \
	static void add_##NAME(Suite *s)                                                 \
	{                                                                                \
		TCase *tc = grader_tcase(s, #NAME);                                      \
		int chunks = fns[K].n > 0 ? (fns[K].n + CHUNK - 1) / CHUNK : 1;          \
		tcase_add_loop_test(tc, NAME##_matches_high_precision_table, 0, chunks); \
		tcase_add_loop_test(tc, NAME##_grad_matches_high_precision_table, 0, chunks); \
		tcase_add_test(tc, NAME##_grad_matches_central_difference);              \
		tcase_add_test(tc, NAME##_limits_at_infinity);                           \
		tcase_add_test(tc, NAME##_propagates_nan);                               \
		tcase_add_test(tc, NAME##_matches_closed_form_at_random_inputs);         \
		if (getenv("COURSE_ULP_CHECK"))                                          \
			tcase_add_test(tc, NAME##_within_4_ulp);                         \
	}

FUNCTION_TESTS(softplus, SOFTPLUS)
FUNCTION_TESTS(silu, SILU)
FUNCTION_TESTS(gelu, GELU)
FUNCTION_TESTS(gelu_tanh, GELU_TANH)
FUNCTION_TESTS(mish, MISH)
FUNCTION_TESTS(selu, SELU)
FUNCTION_TESTS(hardsigmoid, HARDSIGMOID)
FUNCTION_TESTS(hardswish, HARDSWISH)

/* ---- Values worked by hand ---- */

/* The slopes at 0, the kinks of the piecewise functions, and the values
 * there, each with the reason it has that value. */
static const struct {
	int k;
	bool grad;
	double x, want;
	const char *why;
} worked[] = {
	{SOFTPLUS, true, 0, 0.5, "softplus'(0) = sigma(0) = 1/2"},
	{SILU, true, 0, 0.5, "silu'(0) = sigma(0)(1 + 0) = 1/2"},
	{GELU, true, 0, 0.5, "gelu'(0) = Phi(0) + 0 = 1/2"},
	{GELU_TANH, true, 0, 0.5, "gelu_tanh'(0) = sigma(0) + 0 = 1/2"},
	{MISH, false, 0, 0, "mish(0) = 0 tanh(log 2) = 0"},
	{MISH, true, 0, 0.6, "mish'(0) = tanh(log 2) = (2 - 1/2)/(2 + 1/2) = 3/5"},
	{SELU, false, 0, 0, "selu(0) = lambda alpha (e^0 - 1) = 0"},
	{SELU, true, 0, LAMBDA_ALPHA, "selu'(0) = lambda alpha, the left value at the kink, as ELU's"},
	{HARDSIGMOID, false, -3, 0, "hardsigmoid(-3) = 0"},
	{HARDSIGMOID, false, 3, 1, "hardsigmoid(3) = 1"},
	{HARDSIGMOID, false, 0, 0.5, "hardsigmoid(0) = 3/6"},
	{HARDSIGMOID, true, -3, 0, "hardsigmoid'(-3) = 0 at the kink, as PyTorch"},
	{HARDSIGMOID, true, 3, 0, "hardsigmoid'(3) = 0 at the kink, as PyTorch"},
	{HARDSIGMOID, true, 0, 1.0 / 6, "hardsigmoid'(0) = 1/6"},
	{HARDSWISH, false, -3, 0, "hardswish(-3) = -3 * 0 = 0"},
	{HARDSWISH, false, 3, 3, "hardswish(3) = 3 * 1"},
	{HARDSWISH, false, -1.5, -0.375, "hardswish(-1.5) = -1.5 * 1.5/6, its minimum"},
	{HARDSWISH, true, -3, -0.5, "hardswish'(-3) = (2(-3) + 3)/6 = -1/2: PyTorch takes the middle piece"},
	{HARDSWISH, true, 3, 1.5, "hardswish'(3) = (2 * 3 + 3)/6 = 3/2: PyTorch takes the middle piece"},
	{HARDSWISH, true, -1.5, 0, "hardswish'(-1.5) = 0 at the minimum"},
	{HARDSWISH, true, 0, 0.5, "hardswish'(0) = 3/6"},
};

START_TEST(worked_values_at_zero_and_the_kinks)
{
	const struct fn *F = &fns[worked[_i].k];
	double x = worked[_i].x, want = worked[_i].want;
	double got = worked[_i].grad ? F->g(x) : F->f(x);
	const char *hint = worked[_i].grad ? F->hint_g(x, got, want) : F->hint_f(x, got, want);
	if (!grader_close(got, want, TOL_EXACT, 1e-300))
		ck_abort_msg("act_%s%s(%.17g) returned %.17g, expected %.17g: %s -- %s", F->name,
			     worked[_i].grad ? "_grad" : "", x, got, want, worked[_i].why, hint);
}
END_TEST

/* ---- The gated unit ---- */

/* A test gate with exact arithmetic: f(g) = g^2, f'(g) = 2g. */
static double square(double g) { return g * g; }
static double twice(double g) { return 2 * g; }

/* The grader's own SiLU and GELU for the gradient checks (with the C
 * library), so that these checks grade the gated unit alone. */
static double silu_lib(double g) { return g * sig(g); }
static double silu_lib_grad(double g) { return sig(g) * (1 + g * sig(-g)); }
static double gelu_lib(double g) { return gelu_ref(g); }
static double gelu_lib_grad(double g) { return gelu_grad_ref(g); }

/* B = 2 samples, n_in = 3, n_out = 2, worked by hand with f(g) = g^2:
 *     a = inp W = [[5, -3], [2, 2]],   g = inp V = [[3, 1], [-2, 7]],
 *     out = a g^2 = [[45, -3], [8, 98]].
 * With dout = [[1, -1], [2, 1]]: dL/da = dout g^2 = [[9, -1], [8, 49]],
 * dL/dg = dout a 2g = [[30, 6], [-16, 28]], and
 *     dW = inp^T dL/da,  dV = inp^T dL/dg,  dinp = dL/da W^T + dL/dg V^T. */
enum { GB = 2, GI = 3, GO = 2 };
static const double g_inp[GB * GI] = {1, 2, -1, 0, 1, 3};
static const double g_W[GI * GO] = {1, 0, 2, -1, 0, 1};
static const double g_V[GI * GO] = {0, 1, 1, 1, -1, 2};
static const double g_a[GB * GO] = {5, -3, 2, 2};
static const double g_g[GB * GO] = {3, 1, -2, 7};
static const double g_out[GB * GO] = {45, -3, 8, 98};
static const double g_dout[GB * GO] = {1, -1, 2, 1};
static const double g_dW[GI * GO] = {9, -1, 26, 47, 15, 148};
static const double g_dV[GI * GO] = {30, 6, 44, 40, -78, 78};
static const double g_dinp[GB * GI] = {15, 55, -19, 36, -21, 121};

/* glu_forward on the worked example, into guarded out, a and g holding
 * fill beforehand, and guarded copies of its const inputs. */
static void worked_forward(double **out, double **a, double **g, double fill)
{
	*out = grader_out(GB * GO, fill), *a = grader_out(GB * GO, fill), *g = grader_out(GB * GO, fill);
	double *inp = grader_in(g_inp, GB * GI), *W = grader_in(g_W, GI * GO), *V = grader_in(g_V, GI * GO);
	glu_forward(*out, *a, *g, inp, W, V, square, GB, GI, GO);
	const char *call = "glu_forward(out, a, g, inp, W, V, f, B = 2, n_in = 3, n_out = 2)";
	grader_expect_guards(*out, "out", "%s", call);
	grader_expect_guards(*a, "a", "%s", call);
	grader_expect_guards(*g, "g", "%s", call);
	grader_expect_unchanged(inp, g_inp, "inp", "%s", call);
	grader_expect_unchanged(W, g_W, "W", "%s", call);
	grader_expect_unchanged(V, g_V, "V", "%s", call);
}

START_TEST(glu_forward_worked_example)
{
	double *out, *a, *g;
	worked_forward(&out, &a, &g, NAN);
	char b1[256], b2[256];
	ck_assert_msg(grader_same_array(a, g_a, GB * GO) && grader_same_array(g, g_g, GB * GO),
		      "glu_forward(inp, W, V, f(g) = g^2, B = 2, n_in = 3, n_out = 2) left a = %s and g = %s, "
		      "expected a = inp W = [5, -3, 2, 2] and g = inp V = [3, 1, -2, 7] -- a[s][j] = sum_i "
		      "inp[s][i] W[i][j], input-major as in chapter 11 " SEE_GLU,
		      grader_show_array(b1, sizeof b1, a, GB * GO), grader_show_array(b2, sizeof b2, g, GB * GO));
	const double gate_on_a[GB * GO] = {25 * 3, 9 * 1, 4 * -2, 4 * 7};
	ck_assert_msg(grader_same_array(out, g_out, GB * GO),
		      "glu_forward(inp, W, V, f(g) = g^2, B = 2, n_in = 3, n_out = 2) returned out = %s, "
		      "expected a f(g) = [45, -3, 8, 98] -- %s", grader_show_array(b1, sizeof b1, out, GB * GO),
		      grader_same_array(out, gate_on_a, GB * GO) ? "that is f(a) g: the gate f applies to g = inp V, "
		      "and multiplies a = inp W " SEE_GLU : "out = a * f(g), element by element " SEE_GLU);
}
END_TEST

START_TEST(glu_forward_writes_a_and_g)
{
	double *out, *a, *g;
	worked_forward(&out, &a, &g, 1000);
	char b1[256], b2[256];
	ck_assert_msg(grader_same_array(a, g_a, GB * GO) && grader_same_array(g, g_g, GB * GO),
		      "glu_forward(...) with a and g holding 1000 beforehand left a = %s and g = %s, expected "
		      "[5, -3, 2, 2] and [3, 1, -2, 7]: a and g are written, not added to " SEE_GLU,
		      grader_show_array(b1, sizeof b1, a, GB * GO), grader_show_array(b2, sizeof b2, g, GB * GO));
	ck_assert_msg(grader_same_array(out, g_out, GB * GO),
		      "glu_forward(...) with out holding 1000 beforehand returned out = %s, expected [45, -3, 8, "
		      "98]: out is written, not added to " SEE_GLU, grader_show_array(b1, sizeof b1, out, GB * GO));
}
END_TEST

/* Runs glu_backward on the worked example, on top of what dW, dV and dinp
 * already hold. */
static void worked_backward(double *dinp, double *dW, double *dV)
{
	glu_backward(dinp, dW, dV, g_dout, g_inp, g_a, g_g, g_W, g_V, square, twice, GB, GI, GO);
}

START_TEST(glu_backward_worked_example)
{
	double dinp[GB * GI] = {0}, dW[GI * GO] = {0}, dV[GI * GO] = {0};
	worked_backward(dinp, dW, dV);
	char b[256];
	ck_assert_msg(grader_same_array(dW, g_dW, GI * GO),
		      "glu_backward(...) on the worked example (f(g) = g^2) gave dW = %s, expected inp^T (dout f(g)) "
		      "= [9, -1, 26, 47, 15, 148] -- dL/da = dout * f(g) " SEE_GLU, grader_show_array(b, sizeof b, dW, GI * GO));
	const double dV_with_f[GI * GO] = {45, 3, 106, 104, 3, 291}; /* dout a f(g), not f'(g) */
	ck_assert_msg(grader_same_array(dV, g_dV, GI * GO),
		      "glu_backward(...) on the worked example (f(g) = g^2, f'(g) = 2g) gave dV = %s, expected "
		      "inp^T (dout a f'(g)) = [30, 6, 44, 40, -78, 78] -- %s", grader_show_array(b, sizeof b, dV, GI * GO),
		      grader_same_array(dV, dV_with_f, GI * GO) ? "that used f(g) where the chain rule needs f'(g): "
		      "dL/dg = dout * a * f'(g) " SEE_GLU : "dL/dg = dout * a * f'(g) " SEE_GLU);
	const double dinp_w_only[GB * GI] = {9, 19, -1, 8, -33, 49};
	ck_assert_msg(grader_same_array(dinp, g_dinp, GB * GI),
		      "glu_backward(...) on the worked example gave dinp = %s, expected dL/da W^T + dL/dg V^T = "
		      "[15, 55, -19, 36, -21, 121] -- %s", grader_show_array(b, sizeof b, dinp, GB * GI),
		      grader_same_array(dinp, dinp_w_only, GB * GI) ? "that is dL/da W^T alone: the input reaches the output "
		      "along both paths, through W and through V, and both gradients add " SEE_GLU :
		      "dinp[s][i] += sum_j W[i][j] dL/da[s][j] + V[i][j] dL/dg[s][j] " SEE_GLU);
}
END_TEST

START_TEST(glu_backward_adds_to_the_gradients)
{
	double dinp[GB * GI], dW[GI * GO], dV[GI * GO];
	for (int k = 0; k < GB * GI; k++)
		dinp[k] = 1;
	for (int k = 0; k < GI * GO; k++)
		dW[k] = dV[k] = 1;
	worked_backward(dinp, dW, dV);
	for (int k = 0; k < GI * GO; k++)
		ck_assert_msg(dW[k] == g_dW[k] + 1 && dV[k] == g_dV[k] + 1,
			      "glu_backward(...) with dW and dV holding 1 beforehand left dW[%d] = %.17g and "
			      "dV[%d] = %.17g, expected %.17g and %.17g: a backward pass adds (+=) to its "
			      "gradients, it does not overwrite them " SEE_GLU,
			      k, dW[k], k, dV[k], g_dW[k] + 1, g_dV[k] + 1);
	for (int k = 0; k < GB * GI; k++)
		ck_assert_msg(dinp[k] == g_dinp[k] + 1,
			      "glu_backward(...) with dinp holding 1 beforehand left dinp[%d] = %.17g, expected "
			      "%.17g: a backward pass adds (+=) to its gradients, it does not overwrite them "
			      SEE_GLU, k, dinp[k], g_dinp[k] + 1);
}
END_TEST

START_TEST(glu_backward_skips_a_null_dinp)
{
	double dW[GI * GO] = {0}, dV[GI * GO] = {0};
	worked_backward(NULL, dW, dV);
	char b1[256], b2[256];
	ck_assert_msg(grader_same_array(dW, g_dW, GI * GO) && grader_same_array(dV, g_dV, GI * GO),
		      "glu_backward(...) with dinp = NULL gave dW = %s and dV = %s, expected the same as with "
		      "a dinp: [9, -1, 26, 47, 15, 148] and [30, 6, 44, 40, -78, 78] " SEE_GLU,
		      grader_show_array(b1, sizeof b1, dW, GI * GO), grader_show_array(b2, sizeof b2, dV, GI * GO));
}
END_TEST

/* The gradient check of chapter 06 on L = sum_k r_k out_k, whose gradient
 * with respect to out is r: every entry of W, V and inp, perturbed by
 * +-h, against glu_backward with dout = r. */
enum { RB = 3, RI = 4, RO = 5 };
struct glu_case {
	double inp[RB * RI], W[RI * RO], V[RI * RO], r[RB * RO];
};

static double loss(const struct glu_case *c, double (*f)(double))
{
	double out[RB * RO] = {0}, a[RB * RO] = {0}, g[RB * RO] = {0}, L = 0;
	glu_forward(out, a, g, c->inp, c->W, c->V, f, RB, RI, RO);
	for (int k = 0; k < RB * RO; k++)
		L += c->r[k] * out[k];
	return L;
}

static void gradient_check(const char *unit, double (*f)(double), double (*df)(double))
{
	/* Random inputs, new each run (GRADER_SEED repeats them). */
	struct glu_case c;
	for (int k = 0; k < RB * RI; k++)
		c.inp[k] = grader_uniform(-1.5, 1.5);
	for (int k = 0; k < RI * RO; k++)
		c.W[k] = grader_uniform(-1, 1), c.V[k] = grader_uniform(-1, 1);
	for (int k = 0; k < RB * RO; k++)
		c.r[k] = grader_uniform(-1, 1);
	double out[RB * RO], a[RB * RO], g[RB * RO];
	double dinp[RB * RI] = {0}, dW[RI * RO] = {0}, dV[RI * RO] = {0};
	glu_forward(out, a, g, c.inp, c.W, c.V, f, RB, RI, RO);
	glu_backward(dinp, dW, dV, c.r, c.inp, a, g, c.W, c.V, f, df, RB, RI, RO);
	struct { const char *name; double *p, *grad; int n; } params[] = {
		{"W", c.W, dW, RI * RO}, {"V", c.V, dV, RI * RO}, {"inp", c.inp, dinp, RB * RI},
	};
	const double h = 1e-5;
	for (int p = 0; p < 3; p++) {
		for (int k = 0; k < params[p].n; k++) {
			double keep = params[p].p[k];
			params[p].p[k] = keep + h;
			double up = loss(&c, f);
			params[p].p[k] = keep - h;
			double down = loss(&c, f);
			params[p].p[k] = keep;
			double n = (up - down) / (2 * h), an = params[p].grad[k];
			ck_assert_msg(grader_grad_agrees(an, n),
				      "%s: glu_backward(...) gave dL/d%s[%d] = %.17g, but the central difference of "
				      "L = sum r * out through your glu_forward is %.17g -- the product rule "
				      "splits dout between the two paths: dL/da = dout f(g), dL/dg = dout a f'(g) "
				      SEE_GLU, unit, params[p].name, k, an, n);
		}
	}
}

START_TEST(swiglu_backward_matches_central_differences)
{
	gradient_check("SwiGLU (f = silu)", silu_lib, silu_lib_grad);
}
END_TEST

START_TEST(geglu_backward_matches_central_differences)
{
	gradient_check("GEGLU (f = gelu)", gelu_lib, gelu_lib_grad);
}
END_TEST

int main(void)
{
	for (int k = 0; k < N_FN; k++) {
		fns[k].ref = refs[k];
		fns[k].n = grader_load_reference(fns[k].table, refs[k], MAX_REF, fns[k].error,
						 sizeof fns[k].error);
	}
	Suite *s = suite_create("12-beyond-relu");
	add_softplus(s);
	add_silu(s);
	add_gelu(s);
	add_gelu_tanh(s);
	add_mish(s);
	add_selu(s);
	add_hardsigmoid(s);
	add_hardswish(s);
	TCase *tc = grader_tcase(s, "worked");
	tcase_add_loop_test(tc, worked_values_at_zero_and_the_kinks, 0, ROWS(worked));
	tc = grader_tcase(s, "glu");
	tcase_add_test(tc, glu_forward_worked_example);
	tcase_add_test(tc, glu_forward_writes_a_and_g);
	tcase_add_test(tc, glu_backward_worked_example);
	tcase_add_test(tc, glu_backward_adds_to_the_gradients);
	tcase_add_test(tc, glu_backward_skips_a_null_dinp);
	tcase_add_test(tc, swiglu_backward_matches_central_differences);
	tcase_add_test(tc, geglu_backward_matches_central_differences);
	return grader_run(s);
}
