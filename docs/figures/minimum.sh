#!/bin/sh
# minimum.sh NAME FROM TO: the smallest value of activation NAME on a grid
# of step 1e-4 from FROM to TO, and where it is, from the reference
# `activate`: "-0.2785 at x = -1.2785".  For the chapters' minima of the
# functions that dip below 0 (SiLU, GELU, Mish).
set -eu
activate --table "$2:$3:0.0001" "$1" |
awk -F, 'NR > 1 && (m == "" || $2 + 0 < m + 0) { m = $2; at = $1 }
	END { printf "%.4f at x = %.4f\n", m, at }'
