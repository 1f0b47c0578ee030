#!/usr/bin/env python3
"""make-accuracy-data.py: the reference values of chapters 04 and 05.

Writes sigmoid-reference.csv and tanh-reference.csv next to itself: for
each x, the function and its derivative computed with mpmath at 50
significant digits, printed with 25.  The checks never take an expected
value from the code they grade; they take it from here.

    sigmoid(x)  = 1/(1 + e^-x)        sigmoid'(x) = sigmoid(x) sigmoid(-x)
    tanh(x)                           tanh'(x)    = sech(x)^2

Every x is a double, written with 17 significant digits so that it reads
back as exactly the double the values were computed for.  The x cover
[-750, 750] (and +-1000, +-1e10): dense near 0, the tails where the results are tiny (and,
beyond about +-708, below the smallest normal double), and tiny |x|.
Run it again with:  python3 tests/data/make-accuracy-data.py
"""
import os

import mpmath

from points import add_random, mirrored

mpmath.mp.dps = 50
here = os.path.dirname(os.path.abspath(__file__))


def xs():
    pts = set()
    # A grid: steps of 0.25 up to 40, then 2.5 up to 750.
    for i in range(0, 161):
        pts.add(i * 0.25)
    for i in range(16, 301):
        pts.add(i * 2.5)
    # Points that matter: the last normal results and where exp overflows.
    pts.update([354.5, 355.5, 356.0, 700.0, 708.0, 708.25, 708.39, 708.5,
                709.0, 709.5, 709.75, 709.78, 709.79, 710.0, 710.5, 711.0,
                744.0, 745.0, 745.2, 746.0, 1000.0, 1e10])
    # Tiny |x|, where tanh x ~ x and sigmoid x ~ 1/2 + x/4.
    for e in (-1, -2, -3, -5, -8, -10, -16, -20, -100, -300):
        pts.add(10.0 ** e)
    pts.update([2.0 ** -1022, 2.0 ** -1074, 1.5e-8, 3e-5, 0.1, 0.3, 0.7])
    # Random points, reproducible: a fixed seed.
    add_random(pts, 20240604, small=60, middle=60, large=40, tiny=20)
    return mirrored(pts)


def sig(x):
    return 1 / (1 + mpmath.exp(-x))


def write(name, f, df):
    path = os.path.join(here, name)
    with open(path, "w") as out:
        out.write("x,f,grad\n")
        for x in xs():
            X = mpmath.mpf(x)
            out.write("%r,%s,%s\n" % (x, mpmath.nstr(f(X), 25, min_fixed=1, max_fixed=0),
                                       mpmath.nstr(df(X), 25, min_fixed=1, max_fixed=0)))


write("sigmoid-reference.csv", sig, lambda x: sig(x) * sig(-x))
write("tanh-reference.csv", mpmath.tanh, lambda x: mpmath.sech(x) ** 2)
