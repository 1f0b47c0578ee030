#!/bin/sh
# classify.sh: the `classify` tool against the solutions (TAP): its output
# format, its option errors (exit 2), model files that round-trip and damaged
# ones that are refused, and Fashion-MNIST files that are missing, truncated
# or malformed (made here, small, with printf and gzip), reported by name.
set -u
n=0 failed=0
work=tests/classify.d
rm -rf "$work" && mkdir -p "$work" || exit 99
out=$work/out

pass() { n=$((n + 1)); echo "ok $n - $1"; }
fail() { n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $1"; sed 's/^/# /' "$out.err" | head -5; }

# expect STATUS 'TEXT IN STDERR' ARGS...: the exit status, and stderr naming the problem.
expect() {
	status=$1 err=$2
	shift 2
	./classify "$@" > "$out" 2> "$out.err"
	got=$?
	if test "$got" -ne "$status"; then
		fail "classify $*: exit $got, expected $status"
	elif test -n "$err" && ! grep -qF -- "$err" "$out.err"; then
		fail "classify $*: stderr lacks '$err'"
	else
		pass "classify $* (exit $status)"
	fi
}

# The seed's run: one line per epoch, and the last line exactly "test accuracy: D.DDDD".
./classify --data circle --act tanh --hidden 4,2 --epochs 30 --lr 0.03 --batch 10 --seed 1 > "$out" 2> "$out.err"
status=$?
if test $status -eq 0 && tail -n 1 "$out" | grep -Eq '^test accuracy: [01]\.[0-9]{4}$'; then
	pass "classify --data circle ...: the last line is 'test accuracy: D.DDDD'"
else
	fail "classify --data circle ...: exit $status, last line '$(tail -n 1 "$out")'"
fi
if test "$(grep -c '^epoch [0-9]* loss [0-9.]* train [0-9.]* test [0-9.]* time ' "$out")" -eq 30; then
	pass "classify --epochs 30 prints 30 epoch lines with loss, train and test accuracy"
else
	fail "classify --epochs 30 printed $(grep -c '^epoch' "$out") epoch lines"
fi
if tr -d '\n' < "$out" | grep -q "$(printf '\r')"; then
	fail "classify draws a progress bar (carriage returns) when stdout is not a terminal"
else
	pass "no progress bar when stdout is not a terminal"
fi

# Options: a clear message and exit 2.
expect 2 "unknown option '--bogus'" --bogus
expect 2 "'--epochs' needs a value" --epochs
expect 2 "--epochs 'abc' is not a whole number" --epochs abc
expect 2 "--epochs -1 is out of range" --epochs -1
expect 2 "--lr 'x' is not a finite number" --lr x
expect 2 "--lr 0: the learning rate must be positive" --lr 0
expect 2 "--lr 'nan' is not a finite number" --lr nan
expect 2 "--momentum 1: it must be in [0, 1)" --momentum 1
expect 2 "--batch 0 is out of range" --batch 0
expect 2 "--noise 0.7" --noise 0.7
expect 2 "unknown data set 'moons'" --data moons
expect 2 "--act 'swish': no such activation" --act swish
expect 2 "--act softmax: a vector function" --act softmax
expect 2 "--act rrelu: rrelu draws its slope at random in training" --act rrelu
expect 2 "--param: tanh takes no parameter" --act tanh --param 2
expect 2 "--hidden '4,,2'" --hidden 4,,2
expect 2 "--hidden '0'" --hidden 0
expect 2 "--hidden '4;2'" --hidden '4;2'
expect 2 "--plot and --grid draw the 2-D playground sets" --data fashion-mnist --plot x.svg
expect 2 "unexpected argument 'extra'" --epochs 1 extra
expect 2 "--load takes the network's shape" --load m.bin --hidden 3
expect 0 "" --help

# Output files are checked before training, not after it: an unwritable path
# fails at once (exit 1) and names the file; a new file is not left behind.
expect 1 "--save /nonexistent-dir/m.bin: cannot write: " --data spiral3 --save /nonexistent-dir/m.bin
if grep -q '^epoch' "$out"; then fail "--save to an unwritable path trains first"; else pass "--save to an unwritable path fails before training"; fi
expect 1 "--plot $work: cannot write: " --plot "$work"
expect 1 "--grid /nonexistent-dir/g.dat: cannot write: " --grid /nonexistent-dir/g.dat
expect 1 "--save /nonexistent-dir/m.bin: cannot write" --plot "$work/new.svg" --save /nonexistent-dir/m.bin
if test -e "$work/new.svg"; then fail "the up-front check left $work/new.svg behind"; else pass "the up-front check leaves no new file behind"; fi

# Save and load: the loaded model scores what the trained one did.
./classify --data circle --epochs 40 --lr 0.1 --seed 3 --save "$work/m.bin" > "$out" 2> "$out.err"
trained=$(tail -n 1 "$out")
./classify --data circle --seed 3 --load "$work/m.bin" > "$out" 2> "$out.err"
loaded=$(tail -n 1 "$out")
if test -n "$trained" && test "$trained" = "$loaded"; then
	pass "a saved model loads and scores the same ($loaded)"
else
	fail "saved model scored '$trained', loaded one '$loaded'"
fi
if grep -q '^epoch' "$out"; then fail "--load without --epochs trains"; else pass "--load alone only evaluates"; fi

# Damaged, truncated, foreign and mismatched model files are refused (exit 1).
size=$(wc -c < "$work/m.bin")
{ head -c 100 "$work/m.bin"; printf 'X'; tail -c $((size - 101)) "$work/m.bin"; } > "$work/flipped.bin"
expect 1 "$work/flipped.bin: damaged" --data circle --load "$work/flipped.bin"
head -c $((size - 9)) "$work/m.bin" > "$work/short.bin"
expect 1 "$work/short.bin: truncated: $((size - 9)) bytes, expected $size" --data circle --load "$work/short.bin"
echo "not a model" > "$work/text.bin"
expect 1 "$work/text.bin: not a classify model file" --data circle --load "$work/text.bin"
expect 1 "$work/none.bin: cannot open" --data circle --load "$work/none.bin"
expect 1 "$work/m.bin was trained for 2 inputs and 2 classes; spiral3 has 2 inputs and 3 classes" --data spiral3 --load "$work/m.bin"

# --plot writes one self-contained SVG.
./classify --data xor --epochs 5 --plot "$work/b.svg" > "$out" 2> "$out.err"
if head -c 4 "$work/b.svg" | grep -q '<svg' && grep -q 'data:image/png;base64,iVBOR' "$work/b.svg" &&
   tail -n 1 "$work/b.svg" | grep -q '</svg>'; then
	pass "--plot writes an SVG with the boundary as an embedded PNG"
else
	fail "--plot did not write a complete SVG"
fi
if grep -q '>train<' "$work/b.svg" && grep -q '>test<' "$work/b.svg" && grep -q '>class 1<' "$work/b.svg"; then
	pass "--plot draws a legend: train, test and the classes"
else
	fail "--plot draws no legend"
fi

# Fashion-MNIST: made-up IDX files, two 28x28 images per split.
be32() { printf "\\$(printf %03o $(($1 >> 24 & 255)))\\$(printf %03o $(($1 >> 16 & 255)))\\$(printf %03o $(($1 >> 8 & 255)))\\$(printf %03o $(($1 & 255)))"; }
# images DIR SPLIT MAGIC COUNT PIXEL_BYTES; labels DIR SPLIT COUNT LABEL_BYTES...
images() {
	{ be32 "$3"; be32 "$4"; be32 28; be32 28; head -c "$5" /dev/zero; } | gzip > "$1/$2-images-idx3-ubyte.gz"
}
labels() {
	d=$1 s=$2 c=$3
	shift 3
	{ be32 2049; be32 "$c"; for l in "$@"; do printf "\\$(printf %03o "$l")"; done; } | gzip > "$d/$s-labels-idx1-ubyte.gz"
}
fm() { # a complete, valid set in directory $1
	mkdir -p "$1"
	for s in train t10k; do images "$1" $s 2051 2 1568; labels "$1" $s 2 3 7; done
}
fm "$work/ok"
./classify --data fashion-mnist --data-dir "$work/ok" --epochs 1 --batch 2 --hidden 4 > "$out" 2> "$out.err"
if test $? -eq 0 && grep -q '^confusion matrix' "$out" && tail -n 1 "$out" | grep -Eq '^test accuracy: [01]\.[0-9]{4}$'; then
	pass "tiny valid IDX files: trains, prints a confusion matrix and the test accuracy"
else
	fail "tiny valid IDX files: $(tail -n 1 "$out")"
fi
expect 1 "dataset-fashion-mnist" --data fashion-mnist --data-dir "$work/nowhere"
fm "$work/trunc" && images "$work/trunc" train 2051 2 1000
expect 1 "$work/trunc/train-images-idx3-ubyte.gz: truncated: expected 1568 bytes of pixel data, found only 1000" \
	--data fashion-mnist --data-dir "$work/trunc"
fm "$work/head" && printf '\000\000\010' | gzip > "$work/head/t10k-labels-idx1-ubyte.gz"
expect 1 "$work/head/t10k-labels-idx1-ubyte.gz: truncated: expected 8 bytes of IDX header, found only 3" --data fashion-mnist --data-dir "$work/head"
fm "$work/magic" && images "$work/magic" train 2049 2 1568
expect 1 "$work/magic/train-images-idx3-ubyte.gz: not an IDX image file: magic number 0x00000801" \
	--data fashion-mnist --data-dir "$work/magic"
fm "$work/count" && labels "$work/count" train 1 3
expect 1 "holds 2 images but $work/count/train-labels-idx1-ubyte.gz holds 1 labels" \
	--data fashion-mnist --data-dir "$work/count"
fm "$work/label" && labels "$work/label" t10k 2 3 12
expect 1 "$work/label/t10k-labels-idx1-ubyte.gz: label 1 is 12" --data fashion-mnist --data-dir "$work/label"
# A gzip stream cut in the middle: zlib notices, and we name the file.
fm "$work/cut" && gz=$work/cut/train-images-idx3-ubyte.gz && head -c 30 "$gz" > "$gz.part" && mv "$gz.part" "$gz"
expect 1 "$work/cut/train-images-idx3-ubyte.gz: truncated" --data fashion-mnist --data-dir "$work/cut"

echo "1..$n"
test "$failed" -eq 0
