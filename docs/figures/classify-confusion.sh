#!/bin/sh
# classify-confusion.sh: a short Fashion-MNIST run of the reference
# `classify` (the first 10000 training images, 2 epochs, 784-256-128-10
# ReLU) and its confusion matrix as ten rows of ten counts, true class by
# row, for chapter 11's figure.  The last line, a comment, has the test
# accuracy.  Without the data set it prints nothing and fails.
set -eu
out=$(classify --data fashion-mnist --limit 10000 --epochs 2 --seed 1)
printf '%s\n' "$out" | awk '/^confusion matrix/ { on = 1; getline; next }
	on && NF == 12 { $1 = ""; $2 = ""; print substr($0, 3) }
	/^[0-9] / && NF == 13 { $1 = ""; $2 = ""; $3 = ""; print substr($0, 4) }'
printf '%s\n' "$out" | sed -n 's/^test accuracy: /# test accuracy /p'
