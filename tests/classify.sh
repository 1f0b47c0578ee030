#!/bin/sh
# classify.sh: the `classify` tool against the solutions (TAP): its output
# format, its option errors (exit 2), model files that round-trip and damaged
# ones that are refused, and Fashion-MNIST files that are missing, truncated
# or malformed (made here, small, with printf and gzip), reported by name;
# files that are never replaced by worse ones; sizes that stay within the
# caps; output that cannot be written.  CLASSIFY names the tool (make
# memcheck passes a sanitized build), TOOLS_WORK the scratch directory.
set -u
n=0 failed=0 fsize_limit=
classify=${CLASSIFY:-./classify}
work=${TOOLS_WORK:-tests}/classify.d
rm -rf "$work" && mkdir -p "$work" || exit 99
out=$work/out

pass() { n=$((n + 1)); echo "ok $n - $1"; }
fail() { n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $1"; sed 's/^/# /' "$out.err" | head -5; }
skip() { n=$((n + 1)); echo "ok $n # SKIP $1"; }
# same A B WHAT: files A and B are byte for byte the same.
same() { if cmp -s "$1" "$2"; then pass "$3"; else fail "$3"; fi; }
# no_temp: a failed or finished write leaves no temporary file behind.
no_temp() {
	if ls "$work" | grep -q '\.tmp-'; then fail "$1: left $(ls "$work" | grep '\.tmp-')"; else pass "$1: no temporary file left"; fi
}

# expect STATUS 'TEXT IN STDERR' ARGS...: the exit status, and stderr naming the problem.
expect() {
	status=$1 err=$2
	shift 2
	if test -n "$fsize_limit"; then
		# A full disk, as a file-size limit; SIGXFSZ ignored, so a write
		# past it fails (EFBIG) instead of killing classify.
		(ulimit -f "$fsize_limit" && trap '' XFSZ && exec "$classify" "$@") > "$out" 2> "$out.err"
	else
		"$classify" "$@" > "$out" 2> "$out.err"
	fi
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
"$classify" --data circle --act tanh --hidden 4,2 --epochs 30 --lr 0.03 --batch 10 --seed 1 > "$out" 2> "$out.err"
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
expect 2 "--lr 0 is out of range: it must be > 0" --lr 0
expect 2 "--lr 'nan' is not a finite number" --lr nan
expect 2 "--lr '1e999' is too large for a double" --lr 1e999
expect 2 "--momentum 1 is out of range: it must be in [0, 1)" --momentum 1
expect 2 "--decay 0 is out of range: it must be in (0, 1]" --decay 0
expect 2 "--batch 0 is out of range" --batch 0
expect 2 "--noise 0.7" --noise 0.7
expect 2 "unknown data set 'moons'" --data moons
expect 2 "--act: unknown activation 'maxout'; the activations are linear" --act maxout
expect 2 "--act: unknown activation 'relu6' (did you mean relu?" --act relu6
expect 2 "--act softmax: a vector function" --act softmax
expect 2 "--init 'bogus': glorot, he, lecun or small" --init bogus
expect 2 "--act rrelu: rrelu draws its slope at random in training" --act rrelu
expect 2 "--param: tanh takes no parameter" --act tanh --param 2
expect 2 "--hidden '4,,2'" --hidden 4,,2
expect 2 "--hidden '0'" --hidden 0
expect 2 "--hidden '4;2'" --hidden '4;2'
expect 2 "--plot applies to the playground sets only, not to fashion-mnist" --data fashion-mnist --plot x.svg
expect 2 "--limit applies to fashion-mnist only, not to circle" --limit 5
expect 2 "unexpected argument 'extra'" --epochs 1 extra
expect 2 "--load takes the network's shape" --load m.bin --hidden 3
expect 2 "drop --act, --hidden, --param and --init" --load m.bin --init he
expect 0 "" --help
# A prefix of two options is ambiguous, and the message names both.
expect 2 "option '--h' is ambiguous: --hidden or --help" --h
expect 2 "option '--help' takes no value" --help=1
expect 2 "unknown option '-x'" --epochs 3 -xy
# 1e-320 is a subnormal double, finite and positive: a learning rate like
# any other.  1e-400 is no double at all; it would be 0.
expect 0 "" --lr 1e-320 --epochs 1
expect 2 "--lr '1e-400' is too small for a double: it would be 0" --lr 1e-400
# Two options naming one file: one output would overwrite the other.
expect 2 "--plot and --save both name $work/x.svg: one would overwrite the other" --plot "$work/x.svg" --save "$work/x.svg"
expect 2 "--plot and --save both name $work/../classify.d/x.svg" --plot "$work/x.svg" --save "$work/../classify.d/x.svg"
expect 2 "--plot and --grid both name" --plot "$work/x.svg" --grid "$work/./x.svg"
: > "$work/model-here"
expect 2 "--grid and --load both name $work/model-here" --grid "$work/model-here" --load "$work/model-here"

# The defaults come from one table: the run's header line shows what
# --help lists.
"$classify" --help > "$work/help" 2> "$out.err"
help_default() { sed -n "/^  --$1 /{n;s/.*default \([^ ;]*\).*/\1/p;}" "$work/help"; }
want="batch $(help_default batch), lr $(help_default lr), decay $(help_default decay), momentum $(help_default momentum), seed $(help_default seed)"
cap=$(sed -n 's/.*more than \([0-9]*\) GB of memory.*/\1/p' "$work/help")
"$classify" --epochs 1 > "$out" 2> "$out.err"
if head -n 1 "$out" | grep -qF "$want"; then
	pass "the header shows the defaults --help lists ($want)"
else
	fail "header '$(head -n 1 "$out")' lacks '$want'"
fi
if head -n 1 "$out" | grep -qF " 2-$(help_default hidden | tr , -)-2, $(help_default act) hidden"; then
	pass "the network is the --hidden and --act --help lists"
else
	fail "header '$(head -n 1 "$out")' is not the network --help lists"
fi

# Sizes: one cap on memory, stated in --help, and the same caps for options
# and files.
if test -n "$cap"; then pass "--help states the memory cap ($cap GB)"; else fail "--help states no memory cap"; fi
expect 2 "--hidden 40000,40000 needs more than" --hidden 40000,40000
expect 2 "over classify's limit of $cap GB" --hidden 40000,40000
expect 2 "this run needs" --hidden 20000 --batch 100000
expect 2 "over classify's limit of $cap GB" --hidden 20000 --batch 100000
expect 2 "--hidden '100001': want layer sizes from 1 to 100000" --hidden 100001

# Output files are checked before training, not after it: an unwritable path
# fails at once (exit 1) and names the file; a new file is not left behind.
expect 1 "--save /nonexistent-dir/m.bin: cannot write: " --data spiral3 --save /nonexistent-dir/m.bin
if grep -q '^epoch' "$out"; then fail "--save to an unwritable path trains first"; else pass "--save to an unwritable path fails before training"; fi
expect 1 "--plot $work: cannot write: " --plot "$work"
expect 1 "--grid /nonexistent-dir/g.dat: cannot write: " --grid /nonexistent-dir/g.dat
expect 1 "--save /nonexistent-dir/m.bin: cannot write" --plot "$work/new.svg" --save /nonexistent-dir/m.bin
if test -e "$work/new.svg"; then fail "the up-front check left $work/new.svg behind"; else pass "the up-front check leaves no new file behind"; fi

# Save and load: the loaded model scores what the trained one did.
"$classify" --data circle --epochs 40 --lr 0.1 --seed 3 --save "$work/m.bin" > "$out" 2> "$out.err"
trained=$(tail -n 1 "$out")
"$classify" --data circle --seed 3 --load "$work/m.bin" > "$out" 2> "$out.err"
loaded=$(tail -n 1 "$out")
if test -n "$trained" && test "$trained" = "$loaded"; then
	pass "a saved model loads and scores the same ($loaded)"
else
	fail "saved model scored '$trained', loaded one '$loaded'"
fi
if grep -q '^epoch' "$out"; then fail "--load without --epochs trains"; else pass "--load alone only evaluates"; fi
no_temp "--save"
# --save over the model --load read goes on training it.
cp "$work/m.bin" "$work/more.bin"
expect 0 "" --data circle --seed 3 --load "$work/more.bin" --epochs 2 --save "$work/more.bin"
expect 0 "" --data circle --seed 3 --load "$work/more.bin"
# A replaced file keeps its permissions.
cp "$work/m.bin" "$work/private.bin" && chmod 600 "$work/private.bin"
expect 0 "" --data circle --epochs 1 --save "$work/private.bin"
if test "$(stat -c %a "$work/private.bin")" = 600; then pass "a replaced model keeps its mode 600"; else fail "a replaced model has mode $(stat -c %a "$work/private.bin")"; fi

# Never a good file replaced by a worse one.  A run that diverges does not
# save its network (exit 1), and the good model is still there.
cp "$work/m.bin" "$work/good.bin"
expect 1 "$work/good.bin: not saved: the network diverged: the loss is no longer finite at epoch " --data circle --act relu --lr 1e200 --epochs 20 --save "$work/good.bin"
same "$work/m.bin" "$work/good.bin" "a diverged run leaves the saved model as it was"
expect 1 "not saved: the network diverged" --data circle --act relu --lr 1e200 --epochs 20 --save "$work/new.bin"
if test -e "$work/new.bin"; then fail "a diverged run made $work/new.bin"; else pass "a diverged run makes no new model file"; fi
# Without --save it fails all the same, and reports no accuracy: the
# accuracy of a network of NaN is not a number to print.
expect 1 "the network diverged: the loss is no longer finite at epoch " --data circle --act relu --lr 1e200 --epochs 20
if grep -q "accuracy\|train [0-9]" "$out"; then
	fail "a diverged run prints an accuracy"
else
	pass "a diverged run prints no accuracy"
fi
# A full disk, as a file-size limit of 4 blocks (2 or 4 kB, by the shell):
# the save fails (exit 1), the old file is intact, and a new one is not
# left behind half written.
if (ulimit -f 4) 2> /dev/null; then
	fsize_limit=4
	big="--data circle --hidden 64,64 --epochs 1"
	# shellcheck disable=SC2086 # $big is meant to split
	expect 1 "$work/good.bin: cannot write: File too large; the file is left as it was" $big --save "$work/good.bin"
	same "$work/m.bin" "$work/good.bin" "the old model survives a full disk byte for byte"
	# shellcheck disable=SC2086
	expect 1 "$work/cut.bin: cannot write: File too large; no file was made" $big --save "$work/cut.bin"
	if test -e "$work/cut.bin"; then fail "a model that did not fit left $work/cut.bin"; else pass "a model that does not fit leaves no file"; fi
	cp "$work/m.bin" "$work/old.svg"
	expect 1 "$work/old.svg: cannot write: File too large; the file is left as it was" --data xor --epochs 1 --plot "$work/old.svg"
	same "$work/m.bin" "$work/old.svg" "the file a plot would replace survives"
	no_temp "failed writes"
	fsize_limit=
else
	skip "this machine does not allow a file-size limit (ulimit -f) for the full-disk cases"
fi

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
# Nothing the header does not account for, and nothing read before the
# length is checked: /dev/zero and a 2 GB file are refused at once.
expect 1 "/dev/zero: not a classify model file" --data circle --load /dev/zero
cp "$work/m.bin" "$work/huge.bin" && truncate -s 2G "$work/huge.bin"
expect 1 "$work/huge.bin: 2147483648 bytes, but its header describes a model of $size" --data circle --load "$work/huge.bin"
rm -f "$work/huge.bin"
{ cat "$work/m.bin"; printf 'X'; } > "$work/longer.bin"
expect 1 "$work/longer.bin: $((size + 1)) bytes, but its header describes a model of $size" --data circle --load "$work/longer.bin"
# Headers made by hand (little-endian, model.h): a layer wider than
# --hidden allows, and a shape whose network is beyond the memory cap.
le32() { printf "\\$(printf %03o $(($1 & 255)))\\$(printf %03o $(($1 >> 8 & 255)))\\$(printf %03o $(($1 >> 16 & 255)))\\$(printf %03o $(($1 >> 24 & 255)))"; }
{ printf 'ACTMLP\032\n'; le32 1; le32 1; le32 1048576; le32 2; } > "$work/wide.bin"
expect 1 "$work/wide.bin: layer size 1048576 is out of range: classify allows 1 to 100000 units" --data circle --load "$work/wide.bin"
{ printf 'ACTMLP\032\n'; le32 1; le32 3; le32 2; le32 100000; le32 100000; le32 2; } > "$work/vast.bin"
expect 1 "$work/vast.bin: a network of this shape needs" --data circle --load "$work/vast.bin"
expect 1 "more than classify's limit of $cap GB" --data circle --load "$work/vast.bin"
# Values that are not finite, in a file whose CRC is right (gzip computes
# it: its trailer starts with the CRC-32 of the data, little-endian).
with_crc() { { cat "$1"; gzip -c < "$1" | tail -c 8 | head -c 4; } > "$2"; }
"$classify" --data circle --act leaky_relu --hidden 3 --epochs 2 --save "$work/lr.bin" > "$out" 2> "$out.err"
lsize=$(wc -c < "$work/lr.bin")
nan='\000\000\000\000\000\000\370\177'
# 2-3-2: the parameter sits after 16 + 4 * 3 bytes of header and 16 of name.
{ head -c 44 "$work/lr.bin"; printf "$nan"; tail -c +53 "$work/lr.bin" | head -c $((lsize - 56)); } > "$work/body"
with_crc "$work/body" "$work/nanparam.bin"
expect 1 "$work/nanparam.bin: the activation's parameter is nan" --data circle --load "$work/nanparam.bin"
{ head -c 52 "$work/lr.bin"; printf "$nan"; tail -c +61 "$work/lr.bin" | head -c $((lsize - 64)); } > "$work/body"
with_crc "$work/body" "$work/nanweight.bin"
expect 1 "$work/nanweight.bin: parameter 0 is nan" --data circle --load "$work/nanweight.bin"
head -c $((lsize - 4)) "$work/lr.bin" > "$work/body"
with_crc "$work/body" "$work/same.bin"
same "$work/lr.bin" "$work/same.bin" "gzip's CRC-32 is the model file's (so the two files above differ only where meant)"

# --plot writes one self-contained SVG.
"$classify" --data xor --epochs 5 --plot "$work/b.svg" > "$out" 2> "$out.err"
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
"$classify" --data fashion-mnist --data-dir "$work/ok" --epochs 1 --batch 2 --hidden 4 > "$out" 2> "$out.err"
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
# A stream whose CRC does not match (gzip -t agrees it is bad): read to its
# end, so zlib checks it.  40 images, more than zlib decompresses ahead
# (16 kB), so that --limit 1 alone would never reach the CRC.
fm "$work/crc" && images "$work/crc" train 2051 40 $((40 * 784)) &&
	labels "$work/crc" train 40 $(seq 1 40 | sed 's/.*/3/')
gz=$work/crc/train-images-idx3-ubyte.gz && gsize=$(wc -c < "$gz")
byte=$(od -An -tu1 -j $((gsize - 8)) -N 1 "$gz" | tr -d ' ')
printf "\\$(printf %03o $(((byte + 1) % 256)))" | dd of="$gz" bs=1 seek=$((gsize - 8)) conv=notrunc 2> /dev/null
if gzip -t "$gz" 2> /dev/null; then fail "the damaged CRC fixture passes gzip -t"; else pass "gzip -t rejects the damaged CRC fixture"; fi
expect 1 "$gz: corrupt gzip data" --data fashion-mnist --data-dir "$work/crc"
expect 1 "(zlib: incorrect data check)" --data fashion-mnist --data-dir "$work/crc"
expect 1 "(zlib: incorrect data check)" --data fashion-mnist --data-dir "$work/crc" --limit 1
# Data after the images the header declares.
fm "$work/long" && images "$work/long" train 2051 2 $((3 * 784))
expect 1 "$work/long/train-images-idx3-ubyte.gz: more data after the 2 images its header declares" \
	--data fashion-mnist --data-dir "$work/long"
expect 1 "more data after the 2 images" --data fashion-mnist --data-dir "$work/long" --limit 1
fm "$work/longlab" && labels "$work/longlab" t10k 2 3 7 1
expect 1 "$work/longlab/t10k-labels-idx1-ubyte.gz: more data after the 2 labels" --data fashion-mnist --data-dir "$work/longlab"
# No images: no training set, and no test set to score.
fm "$work/empty" && images "$work/empty" train 2051 0 0 && labels "$work/empty" train 0
expect 1 "$work/empty/train-images-idx3-ubyte.gz: holds no images" --data fashion-mnist --data-dir "$work/empty"
fm "$work/notest" && images "$work/notest" t10k 2051 0 0 && labels "$work/notest" t10k 0
expect 1 "$work/notest/t10k-images-idx3-ubyte.gz: holds no images" --data fashion-mnist --data-dir "$work/notest"
# A header claiming 4,294,967,295 images in a file of a few bytes is
# refused before anything is allocated.
fm "$work/claim" && images "$work/claim" train 2051 4294967295 1568
expect 1 "$work/claim/train-images-idx3-ubyte.gz: its header claims 4294967295 images (3.4 TB), more than a file of" \
	--data fashion-mnist --data-dir "$work/claim"

# Output that cannot be written: exit 1, and no training after the first line.
if test -c /dev/full; then
	"$classify" --data circle --epochs 3 > /dev/full 2> "$out.err"
	status=$?
	if test $status -eq 1 && grep -qF "classify: cannot write the output: No space left on device" "$out.err"; then
		pass "classify > /dev/full: exit 1, says so"
	else
		fail "classify > /dev/full: exit $status"
	fi
	"$classify" --help > /dev/full 2> "$out.err"
	status=$?
	if test $status -eq 1; then pass "classify --help > /dev/full: exit 1"; else fail "classify --help > /dev/full: exit $status"; fi
else
	skip "/dev/full is not a character device on this machine"
fi

# A gzip stream cut in the middle: zlib notices, and we name the file.
fm "$work/cut" && gz=$work/cut/train-images-idx3-ubyte.gz && head -c 30 "$gz" > "$gz.part" && mv "$gz.part" "$gz"
expect 1 "$work/cut/train-images-idx3-ubyte.gz: truncated" --data fashion-mnist --data-dir "$work/cut"

echo "1..$n"
test "$failed" -eq 0
