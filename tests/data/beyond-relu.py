#!/usr/bin/env python3
"""beyond-relu.py: the reference values of chapter 12.

Writes NAME-reference.csv next to itself for each activation of chapter 12:
for each x, the function and its derivative computed with mpmath at 60
significant digits from the exact double x, printed with 25.  The checks
never take an expected value from the code they grade; they take it from
here.  Every formula below is the definition, written so that mpmath's
extra digits are not eaten by a cancellation (x sigma(2u) for the tanh form
of GELU, erfc for Phi):

    softplus(x)  = log(1 + e^x)               softplus' = sigma(x)
    silu(x)      = x sigma(x)                 silu'     = sigma(x)(1 + x sigma(-x))
    gelu(x)      = x Phi(x)                   gelu'     = Phi(x) + x phi(x)
    gelu_tanh(x) = x/2 (1 + tanh u)           gelu_tanh' by the product rule,
                 = x sigma(2u),  u = sqrt(2/pi)(x + 0.044715 x^3)
    mish(x)      = x tanh(softplus(x))        mish'     = tanh s + x sech^2(s) sigma(x)
    selu(x)      = lambda x (x > 0), lambda alpha (e^x - 1) (x <= 0)
    hardsigmoid  = min(max((x + 3)/6, 0), 1)  1/6 on (-3, 3), 0 outside
    hardswish    = x hardsigmoid(x)           0, (2x + 3)/6, 1

SELU's constants are PyTorch's, to 32 digits.  The piecewise functions'
kinks (x = +-3, and 0 for SELU) are left out: what a derivative is *at* a
kink is a convention, which the suite checks row by row.

Run it again with:  python3 tests/data/beyond-relu.py
"""
import os

import mpmath
from mpmath import mp, mpf

from points import add_random, mirrored

mp.dps = 60
here = os.path.dirname(os.path.abspath(__file__))

LAMBDA = mpf("1.0507009873554804934193349852946")
ALPHA = mpf("1.6732632423543772848170429916717")
K = mpf("0.044715")


def xs():
    pts = set()
    # Dense near 0, where the functions bend; coarser out to the tails.
    for i in range(0, 129):
        pts.add(i / 16)           # 0 .. 8 by 1/16
    for i in range(17, 81):
        pts.add(i / 2)            # 8.5 .. 40 by 1/2
    for i in range(9, 151):
        pts.add(i * 5.0)          # 45 .. 750 by 5
    # Tiny |x|, where every function here is near its tangent at 0.
    for e in (-1, -2, -3, -5, -8, -10, -16, -20, -100, -300):
        pts.add(10.0 ** e)
    pts.update([2.0 ** -1022, 2.0 ** -1074, 1e-308])
    # Where the tails leave the normal doubles, and where exp overflows.
    pts.update([21.25, 21.5, 21.75, 36.5, 37.0, 37.25, 37.5, 37.75, 38.5,
                708.0, 708.5, 709.5, 709.75, 710.0, 745.0, 1000.0, 1e10, 1e100,
                1e200, 1e300])
    # gelu: below -37.5 Phi(x) is subnormal while x Phi(x) is not.
    pts.update([37.55, 37.58, 37.6, 37.62])
    # gelu_tanh: from -21.145 to -21.177, sigma(2u) is subnormal while
    # x sigma(2u) is not (x sigma(2u) from it loses up to 4 bits, 10 ULP).
    pts.update([21.15, 21.1705, 21.1745, 21.176])
    # Next to the kinks of the hard functions (and hardswish' = 0 at -1.5),
    # where x/6 + 1/2 and x/3 + 1/2 cancel; the kinks themselves are left
    # out below.
    for k in (1e-5, 1e-10, 2.0 ** -40):
        pts.update([3.0 - k, 3.0 + k, 1.5 - k, 1.5 + k])
    # Random points, reproducible: a fixed seed.
    add_random(pts, 20260512, small=80, middle=60, large=20, tiny=20)
    return mirrored(pts)


def sig(x):
    return 1 / (1 + mpmath.exp(-x))


def Phi(x):
    # mpmath's erfc fails for huge arguments; beyond |x| = 1000, Phi differs
    # from 0 or 1 by less than phi(1000) < 1e-200000.
    if abs(x) > 1000:
        return mpf(1) if x > 0 else mpf(0)
    return mpmath.erfc(-x / mpmath.sqrt(2)) / 2


def phi(x):
    return mpmath.exp(-x * x / 2) / mpmath.sqrt(2 * mpmath.pi)


def softplus(x):
    return mpmath.log1p(mpmath.exp(x))


def gelu_tanh_u2(x):
    """2u and its derivative in x."""
    c = mpmath.sqrt(2 / mpmath.pi)
    return 2 * c * (x + K * x ** 3), 2 * c * (1 + 3 * K * x ** 2)


def gelu_tanh(x):
    v, _ = gelu_tanh_u2(x)
    return x * sig(v)


def gelu_tanh_grad(x):
    v, dv = gelu_tanh_u2(x)
    return sig(v) + x * sig(v) * sig(-v) * dv


def mish(x):
    return x * mpmath.tanh(softplus(x))


def mish_grad(x):
    s = softplus(x)
    return mpmath.tanh(s) + x * mpmath.sech(s) ** 2 * sig(x)


def selu(x):
    return LAMBDA * x if x > 0 else LAMBDA * ALPHA * mpmath.expm1(x)


def selu_grad(x):
    return LAMBDA if x > 0 else LAMBDA * ALPHA * mpmath.exp(x)


def hardsigmoid(x):
    return min(max((x + 3) / 6, mpf(0)), mpf(1))


def hardsigmoid_grad(x):
    return mpf(1) / 6 if -3 < x < 3 else mpf(0)


def hardswish(x):
    return x * hardsigmoid(x)


def hardswish_grad(x):
    if x < -3:
        return mpf(0)
    if x > 3:
        return mpf(1)
    return (2 * x + 3) / 6


FUNCTIONS = {
    "softplus": (softplus, sig, None),
    "silu": (lambda x: x * sig(x), lambda x: sig(x) * (1 + x * sig(-x)), None),
    "gelu": (lambda x: x * Phi(x), lambda x: Phi(x) + x * phi(x), None),
    "gelu_tanh": (gelu_tanh, gelu_tanh_grad, None),
    "mish": (mish, mish_grad, None),
    "selu": (selu, selu_grad, [0.0]),
    "hardsigmoid": (hardsigmoid, hardsigmoid_grad, [-3.0, 3.0]),
    "hardswish": (hardswish, hardswish_grad, [-3.0, 3.0]),
}


def num(v):
    # Far below the smallest double (4.9e-324), a value is written as a
    # signed 0, the double it rounds to, rather than with a huge exponent.
    if v != 0 and abs(v) < mpf("1e-400"):
        return "-0.0" if v < 0 else "0.0"
    return mpmath.nstr(v, 25, min_fixed=1, max_fixed=0)


def write(name, f, df, kinks):
    path = os.path.join(here, name.replace("_", "-") + "-reference.csv")
    with open(path, "w") as out:
        out.write("x,f,grad\n")
        for x in xs():
            if kinks and x in kinks:
                continue
            X = mpf(x)  # exact: every double is an mpf
            out.write("%r,%s,%s\n" % (x, num(f(X)), num(df(X))))


for name, (f, df, kinks) in FUNCTIONS.items():
    write(name, f, df, kinks)
