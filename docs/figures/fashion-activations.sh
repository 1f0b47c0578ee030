#!/bin/sh
# fashion-activations.sh [SEED...]: chapter 12's comparison of activations
# on Fashion-MNIST (ACTS="relu gelu silu" by default, any activate --list
# names).  Trains chapter 11's 784-256-128-10 network with
# classify's Fashion-MNIST defaults (10 epochs, batch 64, rate 0.05 decaying
# by 0.8, momentum 0.9), once per activation and seed, and prints the test
# accuracies as a Markdown table.  It takes minutes per run, so the book
# shows its last output, docs/figures/fashion-activations.md; to update it,
# from a tree configured --with-solutions:
#
#   CLASSIFY=./classify THREADS=1 sh docs/figures/fashion-activations.sh 1 2 \
#       > docs/figures/fashion-activations.md
set -eu
classify=${CLASSIFY:-classify}
threads=${THREADS:+--threads $THREADS}
acts=${ACTS:-"relu gelu silu"}
test $# -gt 0 || set -- 1
printf '| activation |'
for s in "$@"; do printf ' seed %s |' "$s"; done
printf ' mean |\n|:--|'
for s in "$@"; do printf -- '--:|'; done
printf -- '--:|\n'
for a in $acts; do
	printf '| %s |' "$a"
	sum=0
	for s in "$@"; do
		acc=$("$classify" --data fashion-mnist --act "$a" --seed "$s" $threads | sed -n 's/^test accuracy: //p')
		test -n "$acc" || { echo "fashion-activations.sh: classify --act $a --seed $s failed" >&2; exit 1; }
		printf ' %s |' "$acc"
		sum=$(awk -v a="$sum" -v b="$acc" 'BEGIN { print a + b }')
	done
	awk -v s="$sum" -v n="$#" 'BEGIN { printf " %.4f |\n", s / n }'
done
