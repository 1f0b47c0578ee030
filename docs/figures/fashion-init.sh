#!/bin/sh
# fashion-init.sh: chapter 13's "the wrong initialisation stalls a deep
# network" on Fashion-MNIST.  Trains a deep network, 784 -> seven hidden
# layers of 128 -> 10, on the first 10000 training images for 3 epochs
# (classify's Fashion-MNIST rate, decay, momentum and batch), with each
# activation and initialisation, and prints the loss after each epoch and
# the test accuracy as a Markdown table.  It takes about half a minute per
# run, so the book shows its last output, docs/figures/fashion-init.md; to
# update it, from a tree configured --with-solutions:
#
#   CLASSIFY=./classify sh docs/figures/fashion-init.sh > docs/figures/fashion-init.md
set -eu
classify=${CLASSIFY:-classify}
printf '| activation | initialisation | loss, epoch 1 | loss, epoch 3 | test accuracy |\n'
printf '|:--|:--|--:|--:|--:|\n'
for run in "relu small" "relu glorot" "relu he" "tanh small" "tanh glorot" "tanh he"; do
	set -- $run
	"$classify" --data fashion-mnist --hidden 128,128,128,128,128,128,128 --act "$1" \
		--init "$2" --limit 10000 --epochs 3 --threads 1 --seed 1 |
	awk -v a="$1" -v i="$2" '
		$1 == "epoch" && $2 == 1 { l1 = $4 }
		$1 == "epoch" && $2 == 3 { l3 = $4 }
		/^test accuracy:/ { acc = $3 }
		END { if (acc == "") exit 1; printf "| %s | %s | %.4f | %.4f | %s |\n", a, i, l1, l3, acc }'
done
