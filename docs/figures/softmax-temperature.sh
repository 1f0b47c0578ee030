#!/bin/sh
# softmax-temperature.sh: softmax(z / T) of the seed's logits z = [2.0, 1.0,
# 0.1] for temperatures T from 0.1 to 10, from the reference `activate`
# (chapter 09).  Prints "T p1 p2 p3" lines for the figure.
set -eu
for T in 0.1 0.125 0.15 0.2 0.25 0.3 0.4 0.5 0.6 0.7 0.8 0.9 1 1.25 1.5 2 2.5 3 4 5 6 7 8 10; do
	# z / T with awk; the minus signs need no "--": every logit is positive.
	set -- $(awk -v t="$T" 'BEGIN { printf "%.17g %.17g %.17g", 2.0 / t, 1.0 / t, 0.1 / t }')
	echo "$T $(activate softmax "$@" | tr '\n' ' ')"
done
