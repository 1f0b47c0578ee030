#!/usr/bin/env python3
"""relu-elu.py: reference values of ELU and its derivative for
tests/08-relu-family.c, computed with mpmath at 50 digits from the exact
double inputs (never from the course's C code).  Prints the C table rows
pasted into the elu_rows table of that suite:

    python3 tests/data/relu-elu.py
"""
from mpmath import mp, mpf, exp, expm1

mp.dps = 50

XS = [-1e-300, -1e-10, -1e-5, -0.001, -0.5, -1.0, -2.0, -10.0, -40.0, -700.0]
ALPHAS = [1.0, 0.5, 1.6732632423543772]  # the last is SELU's alpha


def c(v):
    """The double nearest v, printed with 17 significant digits."""
    return "%.17g" % float(v)


for a in ALPHAS:
    for x in XS:
        X, A = mpf(x), mpf(a)  # exact: every double is an mpf
        y = A * expm1(X)
        dy = A * exp(X)
        print("\t{%s, %s, %s, %s}," % (c(X), c(A), c(y), c(dy)))
