#!/bin/sh
# why-collapse.sh: chapter 01's figure.  One input x, three hidden units,
# one output, with fixed weights:
#   W1 = (1, -1, 2), b1 = (0.5, 1, -3), W2 = (1, 1, 0.5), b2 = 0,
#   y = W2 f(W1 x + b1) + b2,
# for f = linear, relu and tanh from the reference `activate`, and the single
# layer W = W2 W1, b = W2 b1 + b2 that the linear network collapses into.
# Prints "x y_linear y_relu y_tanh y_single", x from -3 to 3.
set -eu
xs=$(awk 'BEGIN { for (i = 0; i <= 120; i++) printf "%.17g\n", (i - 60) / 20 }')
# unit W B: the unit's pre-activation W x + B at every x.
unit() { echo "$xs" | awk -v w="$1" -v b="$2" '{ printf "%.17g\n", w * $1 + b }'; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/why-collapse.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
unit 1 0.5 >"$tmp/z1"
unit -1 1 >"$tmp/z2"
unit 2 -3 >"$tmp/z3"
for f in linear relu tanh; do
	for u in 1 2 3; do
		activate "$f" -- $(cat "$tmp/z$u") >"$tmp/$f$u"
	done
	paste "$tmp/${f}1" "$tmp/${f}2" "$tmp/${f}3" |
		awk '{ printf "%.17g\n", 1 * $1 + 1 * $2 + 0.5 * $3 }' >"$tmp/$f"
done
# The collapsed layer: W = 1 - 1 + 0.5 * 2 = 1, b = 0.5 + 1 + 0.5 * -3 = 0.
echo "$xs" | awk '{ printf "%.17g\n", (1 * 1 + 1 * -1 + 0.5 * 2) * $1 + (1 * 0.5 + 1 * 1 + 0.5 * -3) }' >"$tmp/single"
echo "$xs" | paste - "$tmp/linear" "$tmp/relu" "$tmp/tanh" "$tmp/single"
