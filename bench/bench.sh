#!/bin/sh
# bench.sh: the chapter 11 benchmark (make bench).  Not a test: it takes
# minutes.
#
#   bench.sh CLASSIFY SRCDIR IMPL_DIR
#
# Trains 784-256-128-10 (ReLU, softmax cross-entropy, batch 64, SGD with
# momentum) on Fashion-MNIST and prints seconds per epoch and test accuracy
#   1. with this build's classify (your configured CFLAGS), for one epoch;
#   2. with the same sources built -O3 -march=native -fopenmp, for
#      BENCH_EPOCHS epochs (10): the C figure the chapter reports;
#   3. with PyTorch, same architecture, initialisation, batch, rate and
#      epochs, when Debian's python3-torch is installed;
# then the two side by side and their ratio.  The logs stay in bench/, with
# bench/results.md, the table the chapter shows (copy it to the source tree).
# Environment: BENCH_EPOCHS (10), BENCH_THREADS (all cores), BENCH_DATA_DIR,
# BENCH_SEEDS (none): seeds for which both are trained again and only their
# test accuracies are compared, to show how much of a difference in
# accuracy is the seed's (their timings are not reported).
set -eu
classify=$1 srcdir=$2 impl=$3
epochs=${BENCH_EPOCHS:-10}
threads=${BENCH_THREADS:-$(nproc 2>/dev/null || echo 1)}
data=${BENCH_DATA_DIR:-/usr/share/datasets/fashion-mnist}
lr=0.05 decay=0.8 momentum=0.9 batch=64
CC=${CC:-cc}
mkdir -p bench

if ! test -r "$data/train-images-idx3-ubyte.gz"; then
	echo "bench: no Fashion-MNIST in $data: apt-get install dataset-fashion-mnist" >&2
	exit 1
fi
echo "bench: 784-256-128-10 ReLU, batch $batch, lr $lr (x $decay per epoch), momentum $momentum, $epochs epochs, $threads threads"
echo "bench: machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"

args="--data fashion-mnist --data-dir $data --hidden 256,128 --act relu --batch $batch --lr $lr --decay $decay --momentum $momentum --threads $threads"

echo "bench: [1/3] this build's classify, 1 epoch"
"$classify" $args --seed 1 --epochs 1 > bench/classify-build.log
grep '^epoch' bench/classify-build.log

echo "bench: [2/3] classify built -O3 -march=native -fopenmp from $impl/, $epochs epochs"
# BENCH_SOURCES: classify's and the course library's sources, from Makefile.am.
sources=
for f in ${BENCH_SOURCES:?run me through make bench}; do sources="$sources $srcdir/$f"; done
$CC -std=gnu11 -O3 -march=native -fopenmp -I"$srcdir/include" -I"$srcdir/src" \
	-o bench/classify-fast $sources "$srcdir/$impl"/[0-9]*.c -lz -lm
bench/classify-fast $args --seed 1 --epochs "$epochs" > bench/classify-fast.log
grep '^epoch' bench/classify-fast.log
c_sec=$(sed -n 's/^# training: .* in all, \([0-9.]*\) s per epoch$/\1/p' bench/classify-fast.log)
c_acc=$(sed -n 's/^test accuracy: //p' bench/classify-fast.log)
b_sec=$(sed -n 's/^# training: .* in all, \([0-9.]*\) s per epoch$/\1/p' bench/classify-build.log)

echo "bench: [3/3] PyTorch"
if /usr/bin/python3 -c 'import torch' 2>/dev/null; then
	/usr/bin/python3 "$srcdir/bench/torch_mlp.py" --data-dir "$data" --epochs "$epochs" --batch $batch \
		--lr $lr --decay $decay --momentum $momentum --threads "$threads" > bench/torch.log
	grep '^epoch' bench/torch.log
	t_sec=$(sed -n 's/^torch: \([0-9.]*\) s\/epoch.*/\1/p' bench/torch.log)
	t_acc=$(sed -n 's/^torch: .*test accuracy //p' bench/torch.log)
	t_ver=$(/usr/bin/python3 -c 'import torch; print(torch.__version__)')
else
	t_sec= t_acc= t_ver=
	echo "bench: python3-torch is not installed (apt-get install python3-torch): no PyTorch run"
fi

# The same as a Markdown table, which the chapter shows once it is copied
# to the source tree's bench/results.md.
{
	echo "| run: $epochs epochs, $threads threads, $(date -u +%Y-%m-%d) | seconds per epoch | test accuracy |"
	echo "|---|---:|---:|"
	echo "| classify, this build's CFLAGS (1 epoch) | $b_sec | - |"
	echo "| classify, \`-O3 -march=native -fopenmp\`, double | $c_sec | $c_acc |"
	if test -n "$t_sec"; then
		echo "| PyTorch $t_ver, float32 | $t_sec | $t_acc |"
	else
		echo "| PyTorch | not installed | - |"
	fi
} > bench/results.md

# The same runs over other seeds: accuracy only.
if test -n "${BENCH_SEEDS:-}"; then
	echo "bench: accuracy over seeds $BENCH_SEEDS"
	{
		echo
		echo "| seed | classify test accuracy | PyTorch test accuracy |"
		echo "|---:|---:|---:|"
	} >> bench/results.md
	for seed in $BENCH_SEEDS; do
		c=$(bench/classify-fast $args --epochs "$epochs" --seed "$seed" | sed -n 's/^test accuracy: //p')
		t=-
		if test -n "$t_sec"; then
			t=$(/usr/bin/python3 "$srcdir/bench/torch_mlp.py" --data-dir "$data" --epochs "$epochs" \
				--batch $batch --lr $lr --decay $decay --momentum $momentum --threads "$threads" \
				--seed "$seed" | sed -n 's/^torch: .*test accuracy //p')
		fi
		echo "bench: seed $seed: classify $c, PyTorch $t"
		echo "| $seed | $c | $t |" >> bench/results.md
	done
fi
echo
printf '%-44s %12s %14s\n' "run ($epochs epochs, $threads threads)" "s/epoch" "test accuracy"
printf '%-44s %12s %14s\n' "classify, this build's CFLAGS (1 epoch)" "$b_sec" "-"
printf '%-44s %12s %14s\n' "classify, -O3 -march=native, double" "$c_sec" "$c_acc"
if test -n "$t_sec"; then
	printf '%-44s %12s %14s\n' "PyTorch $t_ver, float32" "$t_sec" "$t_acc"
	awk -v c="$c_sec" -v t="$t_sec" -v b="$b_sec" 'BEGIN {
		printf "speed-up over PyTorch: %.1fx (-O3 -march=native), %.1fx (this build)\n", t / c, t / b }'
fi
