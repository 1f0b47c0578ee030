#!/bin/sh
# classify-seeds.sh: chapter 11's table of the playground experiment over
# many seeds, from the reference `classify`.  Prints a Markdown table: for
# each set and activation, how many of SEEDS runs reached 0.95 test
# accuracy, how many stayed at chance (<= 0.6, a network that predicts one
# class: for ReLU, dead units), and the median.
#   classify-seeds.sh SEEDS EPOCHS LR
set -eu
seeds=${1:-20} epochs=${2:-300} lr=${3:-0.1}
echo "| set | activation | reached 0.95 | stuck at chance (<= 0.6) | median test accuracy |"
echo "|---|---|---:|---:|---:|"
for set in circle xor; do
	for act in linear sigmoid tanh relu; do
		s=1
		while test "$s" -le "$seeds"; do
			classify --data "$set" --act "$act" --hidden 4,2 --epochs "$epochs" --lr "$lr" \
				--batch 10 --seed "$s" | sed -n 's/^test accuracy: //p'
			s=$((s + 1))
		done | sort -n | awk -v set="$set" -v act="$act" '
			{ a[NR] = $1; if ($1 >= 0.95) hi++; if ($1 <= 0.6) lo++ }
			END {
				m = NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2
				printf "| %s | %s | %d of %d | %d | %.4f |\n", set, act, hi, NR, lo, m
			}'
	done
done
