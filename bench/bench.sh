#!/bin/sh
# bench.sh: the benchmark of chapters 11 and 14 (make bench).  Not a test: it takes
# minutes, and its numbers depend on the machine.
#
#   bench.sh CLASSIFY SRCDIR IMPL_DIR
#
# Trains 784-256-128-10 (ReLU, softmax cross-entropy, batch 64, SGD with
# momentum) on Fashion-MNIST and prints seconds per epoch, GFLOP/s and test
# accuracy, all in one run:
#   1. this build's classify (your configured CFLAGS), one epoch;
#   2. the same sources built -O3 -march=native -fopenmp (double), for
#      BENCH_EPOCHS epochs, with each thread count of BENCH_THREADS;
#   3. PyTorch, same architecture, initialisation, batch, rate and epochs,
#      in float32 and in float64, with each thread count, when Debian's
#      python3-torch is installed;
#   4. chapter 14: the measured peak (bench/peak.c), and bench/fastnet.c
#      with chapter 11's layers, chapter 14's (double and float) and
#      OpenBLAS's (when libopenblas-dev is installed), with their profiles;
# then every C run beside the PyTorch run of the same precision and thread
# count.  The logs stay in bench/, with the tables the chapters show:
# bench/results.md (chapter 11), bench/speed.md and bench/profile.tsv
# (chapter 14).  Copy them to the source tree to update the book.
#
# The peer runs as its users run it: on the BLAS that libblas.so.3 points to
# (install libopenblas0-pthread for OpenBLAS; with only libblas3, Debian's
# reference BLAS, PyTorch is several times slower and its rows say so), with
# its own thread count and OpenBLAS's both set to the row's.  The peer prints
# which library, kernels and threads it really used.  OPENBLAS_CORETYPE and
# OPENBLAS_L2_SIZE, when the environment sets them, are unset for the peer
# alone: they force OpenBLAS onto an older processor's kernels; without them
# it picks its own, and the peer checks those on exact integer products
# before it trains.  BENCH_OPENBLAS_ENV=keep keeps them.
#
# Environment: BENCH_EPOCHS (10), BENCH_THREADS ("1 N", N = all cores),
# BENCH_DATA_DIR, BENCH_SEEDS (none): seeds for which the C build and
# PyTorch float32 are trained again, at the last thread count, and only
# their test accuracies compared (how much of a gap is the seed's).
set -eu
classify=$1 srcdir=$2 impl=$3
epochs=${BENCH_EPOCHS:-10}
cores=$(nproc 2>/dev/null || echo 1)
if test "$cores" -gt 1; then threads_list=${BENCH_THREADS:-"1 $cores"}; else threads_list=${BENCH_THREADS:-1}; fi
data=${BENCH_DATA_DIR:-/usr/share/datasets/fashion-mnist}
lr=0.05 decay=0.8 momentum=0.9 batch=64
CC=${CC:-cc}
mkdir -p bench

if ! test -r "$data/train-images-idx3-ubyte.gz"; then
	echo "bench: no Fashion-MNIST in $data: apt-get install dataset-fashion-mnist" >&2
	exit 1
fi
# Floating-point operations per epoch: a multiply-add is 2.  Per sample the
# forward pass does sum n_l n_(l+1) multiply-adds, the weight gradient as
# many, the input gradient as many less the first layer's (it has no input
# gradient): 60000 * 2 * (3 * 235008 - 784 * 256) = 60.5 GFLOP.
gflop=$(awk 'BEGIN { s = 784 * 256 + 256 * 128 + 128 * 10; printf "%.3f", 60000 * 2 * (3 * s - 784 * 256) / 1e9 }')
cpu=$(sed -n 's/^model name[^:]*: //p' /proc/cpuinfo | head -n 1)
simd=$(grep -m 1 -o -w -e avx512f -e avx2 /proc/cpuinfo | sort | tail -n 1 || true)
machine="${cpu:-unknown CPU} ($simd), $cores cores, Linux $(uname -r | cut -d- -f1)"
echo "bench: 784-256-128-10 ReLU, batch $batch, lr $lr (x $decay per epoch), momentum $momentum, $epochs epochs, $gflop GFLOP per epoch"
load=$(cut -d' ' -f1-3 /proc/loadavg)
echo "bench: machine: $machine, load average $load"

args="--data fashion-mnist --data-dir $data --hidden 256,128 --act relu --batch $batch --lr $lr --decay $decay --momentum $momentum"

# rows.tsv: one line per run: label, precision, threads, s/epoch, accuracy.
: > bench/rows.tsv
row() { printf '%s\t%s\t%s\t%s\t%s\n' "$@" >> bench/rows.tsv; }
# The seconds per epoch and the test accuracy that classify printed last.
c_sec() { sed -n 's/^# training: .* in all, \([0-9.]*\) s per epoch$/\1/p' "$1"; }
c_acc() { sed -n 's/^test accuracy: //p' "$1"; }

echo "bench: [1/4] this build's classify, 1 epoch, $cores threads"
"$classify" $args --seed 1 --epochs 1 --threads "$cores" > bench/classify-build.log
grep '^epoch' bench/classify-build.log
row "classify, this build's CFLAGS (1 epoch)" float64 "$cores" "$(c_sec bench/classify-build.log)" -

echo "bench: [2/4] classify built -O3 -march=native -fopenmp from $impl/, $epochs epochs"
# BENCH_SOURCES: classify's and the course library's sources, from Makefile.am.
sources=
for f in ${BENCH_SOURCES:?run me through make bench}; do sources="$sources $srcdir/$f"; done
$CC -std=gnu11 -O3 -march=native -fopenmp -I"$srcdir/include" -I"$srcdir/src" \
	-o bench/classify-fast $sources "$srcdir/$impl"/[0-9]*.c -lz -lm
for t in $threads_list; do
	log=bench/classify-fast-$t.log
	bench/classify-fast $args --seed 1 --epochs "$epochs" --threads "$t" > "$log"
	echo "bench: $t threads: $(c_sec "$log") s/epoch, test accuracy $(c_acc "$log")"
	row "classify, \`-O3 -march=native -fopenmp\`" float64 "$t" "$(c_sec "$log")" "$(c_acc "$log")"
done

echo "bench: [3/4] PyTorch"
peer_env=
if test "${BENCH_OPENBLAS_ENV:-}" != keep; then
	for v in OPENBLAS_CORETYPE OPENBLAS_L2_SIZE; do
		if eval "test -n \"\${$v:-}\""; then
			echo "bench: $v=$(eval "echo \$$v") is set here: unset for PyTorch (BENCH_OPENBLAS_ENV=keep keeps it)"
			peer_env="$peer_env -u $v"
		fi
	done
fi
torch() {
	env $peer_env /usr/bin/python3 "$srcdir/bench/torch_mlp.py" --data-dir "$data" --epochs "$epochs" \
		--batch $batch --lr $lr --decay $decay --momentum $momentum "$@"
}
blas=
if /usr/bin/python3 -c 'import torch' 2>/dev/null; then
	for dtype in float32 float64; do
		for t in $threads_list; do
			# With more than one thread, PyTorch's OpenMP workers spin
			# while OpenBLAS's threads work and want the same cores: on
			# two cores an epoch then took from 2 to 67 s, varying run to
			# run.  OMP_WAIT_POLICY=PASSIVE makes them sleep instead; that
			# run is the one compared, and one epoch with PyTorch's
			# default is shown beside it.
			waits=default
			test "$t" -gt 1 && waits="PASSIVE default"
			for wait in $waits; do
				log=bench/torch-$dtype-$t-$wait.log
				if test $wait = PASSIVE; then
					OMP_WAIT_POLICY=$wait torch --dtype $dtype --threads "$t" > "$log"
				elif test "$t" -gt 1; then
					torch --dtype $dtype --threads "$t" --epochs 1 > "$log"
				else
					torch --dtype $dtype --threads "$t" > "$log"
				fi
				head -n 1 "$log"
				t_sec=$(sed -n 's/^torch: \([0-9.]*\) s\/epoch.*/\1/p' "$log")
				t_acc=$(sed -n 's/^torch: .*test accuracy //p' "$log")
				echo "bench: $t_sec s/epoch, test accuracy $t_acc"
				ver=$(sed -n '1s/^torch: \([^ ]*\) .*/\1/p' "$log")
				blas=$(sed -n '1s/^torch: [^ ]* [^ ]*, blas //p' "$log")
				case $blas in
				*OpenBLAS*) label="PyTorch $ver" ;;
				*) label="PyTorch $ver on the reference BLAS (not OpenBLAS)" ;;
				esac
				if test $wait = PASSIVE; then
					label="$label, \`OMP_WAIT_POLICY=PASSIVE\`"
				elif test "$t" -gt 1; then
					label="$label, its default OpenMP waits (1 epoch)" t_acc=-
				fi
				row "$label" $dtype "$t" "$t_sec" "$t_acc"
			done
		done
	done
else
	echo "bench: python3-torch is not installed (apt-get install python3-torch libopenblas0-pthread): no PyTorch run"
fi

echo "bench: [4/4] chapter 14: the peak, and the fast network from $impl/"
# Built like classify-fast above, with fastnet.c instead of classify.c.
fsources=
for f in $sources; do case $f in */src/classify.c) ;; *) fsources="$fsources $f" ;; esac; done
fast="$CC -std=gnu11 -O3 -march=native -fopenmp -I$srcdir/include -I$srcdir/src"
$fast -o bench/peak "$srcdir/bench/peak.c"
for v in plain double float; do
	case $v in plain) def=-DPLAIN ;; double) def= ;; float) def=-DFLOAT32 ;; esac
	$fast $def -o bench/fastnet-$v "$srcdir/bench/fastnet.c" $fsources "$srcdir/$impl"/[0-9]*.c -lz -lm
done
# The library anchor: the same network on OpenBLAS's matrix products, when
# libopenblas-dev is installed (the library PyTorch above runs on).
blas_runs=
if $fast -DCBLAS -o bench/fastnet-blas-double "$srcdir/bench/fastnet.c" $fsources \
	"$srcdir/$impl"/[0-9]*.c -lz -lm -lopenblas 2> bench/fastnet-blas.err &&
   $fast -DCBLAS -DFLOAT32 -o bench/fastnet-blas-float "$srcdir/bench/fastnet.c" $fsources \
	"$srcdir/$impl"/[0-9]*.c -lz -lm -lopenblas 2>> bench/fastnet-blas.err; then
	blas_runs="blas-double blas-float"
else
	echo "bench: no OpenBLAS C anchor (apt-get install libopenblas-dev)"
fi
: > bench/peak.tsv
for t in $threads_list; do
	p=$(bench/peak "$t")
	echo "bench: $t threads: $p"
	echo "$p" | awk -v t="$t" '{ printf "%s\tfloat32\t%s\n%s\tfloat64\t%s\n", t, $3, t, $6 }' >> bench/peak.tsv
done
: > bench/fast.tsv
# profile.tsv: seconds per epoch in each part, one thread; a header line, so
# that the figure's columns have names.
printf 'run\tforward\tbackward\tactivations\tloss\tupdate\tother\n' > bench/profile.tsv
for v in plain double float $blas_runs; do
	case $v in
	plain) label="chapter 11's layers, one sample at a time" short="ch. 11" prec=float64 list=1 ;;
	double) label="chapter 14, blocked, \`OMP_WAIT_POLICY=PASSIVE\`" short="ch. 14" prec=float64 list=$threads_list ;;
	float) label="chapter 14, blocked, \`OMP_WAIT_POLICY=PASSIVE\`" short="ch. 14" prec=float32 list=$threads_list ;;
	blas-double) label="OpenBLAS \`cblas_dgemm\`" short=OpenBLAS prec=float64 list=$threads_list ;;
	blas-float) label="OpenBLAS \`cblas_sgemm\`" short=OpenBLAS prec=float32 list=$threads_list ;;
	esac
	for t in $list; do
		log=bench/fastnet-$v-$t.log
		# Threads sleep when idle, as PyTorch's compared runs do: each
		# product is a fork and a join, and a spinning thread steals the
		# core the other one needs when the machine has other work.
		case $v in
		blas-*) env $peer_env bench/fastnet-$v "$data" "$epochs" "$t" 1 > "$log" ;;
		*) OMP_WAIT_POLICY=PASSIVE bench/fastnet-$v "$data" "$epochs" "$t" 1 > "$log" ;;
		esac
		sec=$(sed -n 's/^fastnet: \([0-9.]*\) s\/epoch.*/\1/p' "$log")
		acc=$(sed -n 's/^fastnet: .*test accuracy //p' "$log")
		# The profile, averaged over the epochs: seconds per epoch in each part.
		prof=$(awk '/^profile:/ { for (i = 2; i < NF; i += 2) s[i] += $(i + 1); n++ }
			END { for (i = 2; i <= 12; i += 2) printf "%s%.3f", (i > 2 ? "\t" : ""), s[i] / n }' "$log")
		echo "bench: $v, $t threads: $sec s/epoch, test accuracy $acc; profile (forward backward activations loss update other): $prof"
		printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$label" $prec "$t" "$sec" "$acc" "$prof" >> bench/fast.tsv
		test "$t" = 1 && printf '%s %s\t%s\n' "$short" $prec "$prof" >> bench/profile.tsv
	done
done

# Chapter 14's table: every network of this run with its GFLOP/s, the share
# of the peak measured above, and the dense layers' own rate (from the
# profile); then chapter 14's runs beside PyTorch and the OpenBLAS anchor.
{
	echo "Measured $(date -u +%Y-%m-%d) on $machine (load average $load at the start), in one run; $epochs epochs of $gflop GFLOP each."
	echo "Peak: $(awk -F '\t' '{ printf "%s%s GFLOP/s in %s on %s thread%s", (NR > 1 ? ", " : ""), $3, $2, $1, ($1 > 1 ? "s" : "") }' bench/peak.tsv), from a loop of independent multiply-adds."
	echo
	echo "| run | precision | threads | seconds per epoch | GFLOP/s | share of peak | dense layers' GFLOP/s | test accuracy |"
	echo "|---|---|---:|---:|---:|---:|---:|---:|"
	awk -F '\t' -v g="$gflop" '
	FILENAME ~ /peak/ { peak[$1, $2] = $3; next }
	FILENAME ~ /rows/ { if ($5 == "-") next
		printf "| %s | %s | %s | %s | %.1f | %.0f%% | - | %s |\n", $1, $2, $3, $4, g / $4, 100 * g / $4 / peak[$3, $2], $5; next }
	{ printf "| %s | %s | %s | %s | %.1f | %.0f%% | %.1f | %s |\n", $1, $2, $3, $4, g / $4,
		100 * g / $4 / peak[$3, $2], g / ($6 + $7), $5 }' bench/peak.tsv bench/fast.tsv bench/rows.tsv
	echo
	echo "| like with like | threads | chapter 14 s/epoch | PyTorch s/epoch | OpenBLAS C s/epoch | chapter 14 vs PyTorch | chapter 14 vs OpenBLAS |"
	echo "|---|---:|---:|---:|---:|---|---|"
	awk -F '\t' '
	function cmp(a, b) { return b == "" ? "-" : a < b ? sprintf("%.2fx faster", b / a) : sprintf("%.2fx slower", a / b) }
	FILENAME ~ /rows/ { if ($1 ~ /^PyTorch/ && $5 != "-" && (!(($2, $3) in peer) || $4 < peer[$2, $3])) peer[$2, $3] = $4; next }
	$1 ~ /^OpenBLAS/ { blas[$2, $3] = $4; next }
	$1 ~ /^chapter 14/ { fast[$2, $3] = $4; order[++n] = $2 SUBSEP $3 }
	END {
		for (k = 1; k <= n; k++) {
			split(order[k], key, SUBSEP)
			f = fast[key[1], key[2]]; p = peer[key[1], key[2]]; b = blas[key[1], key[2]]
			printf "| %s | %s | %s | %s | %s | %s | %s |\n", key[1], key[2], f, p == "" ? "-" : p,
				b == "" ? "-" : b, cmp(f, p), cmp(f, b)
		}
	}' bench/rows.tsv bench/fast.tsv
} > bench/speed.md

# The table the chapter shows, once copied to the source tree's
# bench/results.md: every run, then each C run beside the peer's run of the
# same precision and thread count.
{
	echo "Measured $(date -u +%Y-%m-%d) on $machine (load average $load at the start); $epochs epochs (where not said otherwise) of $gflop GFLOP each."
	if test -n "$blas"; then
		echo "PyTorch's BLAS, as it reported itself: \`$(echo "$blas" | sed 's/, [0-9]* BLAS threads\{0,1\},.*//')\`;"
		echo "its BLAS threads and its own were set to each row's count, and it reported both."
	fi
	echo
	echo "| run | precision | threads | seconds per epoch | GFLOP/s | test accuracy |"
	echo "|---|---|---:|---:|---:|---:|"
	awk -F '\t' -v g="$gflop" '{
		printf "| %s | %s | %s | %s | %.1f | %s |\n", $1, $2, $3, $4, g / $4, $5 }' bench/rows.tsv
	echo
	echo "| like with like | threads | C s/epoch | PyTorch s/epoch | faster |"
	echo "|---|---:|---:|---:|---|"
	awk -F '\t' '
	$1 ~ /^PyTorch/ && $5 != "-" && (!(($2, $3) in peer) || $4 < peer[$2, $3]) { peer[$2, $3] = $4 }
	$1 ~ /-O3/ { c[$2, $3] = $4; order[++n] = $2 SUBSEP $3 }
	END {
		for (k = 1; k <= n; k++) {
			split(order[k], key, SUBSEP)
			if (!((key[1], key[2]) in peer))
				continue
			t = peer[key[1], key[2]]; s = c[key[1], key[2]]
			printf "| C %s vs PyTorch %s | %s | %s | %s | %s |\n", key[1], key[1], key[2], s, t,
				s < t ? sprintf("C, %.1fx", t / s) : sprintf("PyTorch, %.1fx", s / t)
		}
	}' bench/rows.tsv
} > bench/results.md

# The same runs over other seeds: accuracy only.
if test -n "${BENCH_SEEDS:-}"; then
	t=$(echo "$threads_list" | awk '{ print $NF }')
	echo "bench: accuracy over seeds $BENCH_SEEDS ($t threads)"
	{
		echo
		echo "| seed | C test accuracy | PyTorch float32 test accuracy |"
		echo "|---:|---:|---:|"
	} >> bench/results.md
	for seed in $BENCH_SEEDS; do
		c=$(bench/classify-fast $args --epochs "$epochs" --threads "$t" --seed "$seed" | sed -n 's/^test accuracy: //p')
		p=-
		if test -n "$blas"; then
			p=$(OMP_WAIT_POLICY=PASSIVE torch --dtype float32 --threads "$t" --seed "$seed" |
				sed -n 's/^torch: .*test accuracy //p')
		fi
		echo "bench: seed $seed: C $c, PyTorch $p"
		echo "| $seed | $c | $p |" >> bench/results.md
	done
fi
echo "bench: load average at the end $(cut -d' ' -f1-3 /proc/loadavg)"
echo
cat bench/results.md
echo
cat bench/speed.md
