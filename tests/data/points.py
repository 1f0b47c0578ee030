"""points.py: what the mpmath table generators (make-accuracy-data.py,
beyond-relu.py) share in choosing their x: random points drawn with a
fixed seed over the ranges every table covers, and the mirror image that
turns a set of x >= 0 into a symmetric one."""
import random


def add_random(pts, seed, small, middle, large, tiny):
    """Adds to pts, drawn in this order with the seed: `small` points
    uniform on [0, 4], `middle` on [4, 40], `large` on [40, 750], and
    `tiny` ones log-uniform on [1e-12, 1e-1]."""
    rng = random.Random(seed)
    for count, lo, hi in ((small, 0, 4), (middle, 4, 40), (large, 40, 750)):
        for _ in range(count):
            pts.add(rng.uniform(lo, hi))
    for _ in range(tiny):
        pts.add(10.0 ** rng.uniform(-12, -1))


def mirrored(pts):
    """Every x of pts and its negative, in increasing order."""
    return sorted(pts | {-p for p in pts})
