#!/bin/sh
# ratio.sh: one number from bench/results.md, for the chapters' prose.
#
#   ratio.sh RESULTS PRECISION THREADS  C's seconds per epoch over PyTorch's,
#                                       from the like-with-like table
#   ratio.sh RESULTS gflops THREADS     GFLOP/s of the -O3 C run
#
# Prints nothing and fails when the row is missing, so the book's build
# stops instead of showing a stale or empty number.
set -eu
results=$1 what=$2 threads=$3
case $what in
gflops)
	awk -F ' *[|] *' -v t="$threads" '$2 ~ /-O3/ && $4 == t { print $6; found = 1; exit }
		END { exit !found }' "$results" ;;
*)
	awk -F ' *[|] *' -v p="$what" -v t="$threads" '$2 == "C " p " vs PyTorch " p && $3 == t {
			printf "%.2f\n", $4 / $5; found = 1; exit }
		END { exit !found }' "$results" ;;
esac
