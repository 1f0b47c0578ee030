#!/usr/bin/env python3
"""init-depth.py: reference values for tests/13-init-depth.c, computed with
mpmath at 40 digits (never from the course's C code).  Prints the rows of
the suite's moments[] table that have no closed form: E[f(sigma Z)^2] for a
standard normal Z,

    E[f(sigma Z)^2] = integral of f(sigma z)^2 e^{-z^2/2}/sqrt(2 pi) dz,

by mpmath's quadrature over the whole line.

    python3 tests/data/init-depth.py
"""
from mpmath import mp, mpf, quad, exp, sqrt, pi, tanh, sech, inf

mp.dps = 40


def moment(f, sigma):
    g = lambda z: f(sigma * z) ** 2 * exp(-z * z / 2) / sqrt(2 * pi)
    return quad(g, [-inf, 0, inf])


def sig(x):
    return 1 / (1 + exp(-x))


ROWS = [
    ("tanh", "th", tanh, 1), ("tanh", "th", tanh, 2), ("tanh", "th", tanh, 0.5),
    ("tanh'", "th_grad", lambda x: sech(x) ** 2, 1),
    ("sigmoid", "sigm", sig, 1), ("sigmoid", "sigm", sig, 3),
]
for name, c, f, s in ROWS:
    print('\t{"%s", %s, %s, %s},' % (name, c, repr(float(s)), "%.17g" % float(moment(f, mpf(s)))))
