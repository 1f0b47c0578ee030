#!/bin/sh
# vanishing-depth.sh [--markdown]: |dy_L/dy_0| of a stack of L scalar
# neurons y_{k+1} = f(w y_k + b), b = 0, y_0 = 1, against the depth L, from
# the reference `activate` (chapter 06).  Columns: sigmoid with w = 1, tanh
# with w = 1 and w = 2, relu with w = 1, and the bound 0.25^L of sigmoid.
# CSV for the figure by default; --markdown prints a table of some depths.
set -eu
max=30
mul() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.17g\n", a * b }'; }

# column F W: prints "L,|dy_L/dy_0|" for L = 1..max
column() {
	f=$1 w=$2 y=1 g=1 L=1
	while test "$L" -le "$max"; do
		z=$(mul "$w" "$y")
		y=$(activate "$f" -- "$z")
		g=$(mul "$g" "$(mul "$w" "$(activate --grad "$f" -- "$z")")")
		echo "$L,$g"
		L=$((L + 1))
	done
}

tmp=${TMPDIR:-/tmp}/vanishing-depth.$$
trap 'rm -f "$tmp".*' EXIT
column sigmoid 1 > "$tmp.s"
column tanh 1 > "$tmp.t"
column tanh 2 > "$tmp.t2"
column relu 1 > "$tmp.r"
# paste, then take |g| and add the bound.
paste -d, "$tmp.s" "$tmp.t" "$tmp.t2" "$tmp.r" |
awk -F, -v md="${1:-}" '
function abs(v) { return v < 0 ? -v : v }
BEGIN {
	if (md == "--markdown") {
		print "| depth $L$ | sigmoid, $w = 1$ | tanh, $w = 1$ | tanh, $w = 2$ | ReLU, $w = 1$ | bound $0.25^L$ |"
		print "|--:|--:|--:|--:|--:|--:|"
	} else
		print "depth,sigmoid,tanh,tanh_w2,relu,bound"
}
{
	L = $1; b = 0.25 ^ L
	if (md != "--markdown")
		printf "%d,%.6g,%.6g,%.6g,%.6g,%.6g\n", L, abs($2), abs($4), abs($6), abs($8), b
	else if (L == 1 || L == 2 || L == 5 || L == 10 || L == 20 || L == 30)
		printf "| %d | %.3g | %.3g | %.3g | %.3g | %.3g |\n", L, abs($2), abs($4), abs($6), abs($8), b
}'
