#!/bin/sh
# depth.sh: the `depth` tool of chapter 13 against the solutions (TAP).
# Its command line is refused as activate's and classify's are (exit 2,
# naming the argument), and its numbers agree with closed forms: for a
# standard normal Z, E[relu(Z)^2] = E[relu'(Z)^2] = 1/2, and a linear layer
# of width n with weights of variance gain^2 / n multiplies the variance by
# gain^2.
set -u
n=0 failed=0
depth=${DEPTH:-./depth}
out=${TOOLS_WORK:-tests}/depth.out

pass() { n=$((n + 1)); echo "ok $n - $1"; }
fail() { n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $1"; sed 's/^/# /' "$out.err" | head -5; }

# expect STATUS 'TEXT IN STDERR' ARGS...
expect() {
	status=$1 err=$2
	shift 2
	"$depth" "$@" > "$out" 2> "$out.err"
	got=$?
	if test "$got" -ne "$status"; then fail "depth $*: exit $got, expected $status"
	elif ! grep -qF -- "$err" "$out.err"; then fail "depth $*: stderr lacks '$err'"
	else pass "depth $* (exit $status: $err)"
	fi
}

expect 2 "--layers 0 is out of range: it must be from 1 to 1000" --layers 0
expect 2 "--width 'x' is not a whole number" --width x
expect 2 "--gain 'nan' is not a finite number" --gain nan
expect 2 "--gain '1e999' is too large for a double" --gain 1e999
expect 2 "unknown option '--bogus'" --bogus
expect 2 "option '--layers' needs a value" --layers
expect 2 "unexpected argument 'relu'" relu
expect 2 "--act 'gelux': no such scalar activation" --act gelux
expect 2 "--param: relu takes no parameter" --act relu --param 2
expect 2 "--init 'xavier': glorot, he, lecun or small" --init xavier
# Output that is lost is a failure (exit 1), not a silent success.
if test -w /dev/full; then
	for args in --gains "--layers 2"; do
		# shellcheck disable=SC2086 # $args is meant to split
		"$depth" $args > /dev/full 2> "$out.err"
		if test $? -eq 1 && grep -q "cannot write the output" "$out.err"; then
			pass "depth $args > /dev/full exits 1, saying the output was lost"
		else
			fail "depth $args > /dev/full does not exit 1 with a message"
		fi
	done
fi

# The gains table: relu's row is 1/2, sqrt(2), 1/2, sqrt(2) to 4 places.
"$depth" --gains > "$out" 2> "$out.err"
if grep -qF '| relu | 0.5000 | 1.4142 | 0.5000 | 1.4142 | he |' "$out"; then
	pass "depth --gains: relu's second moments are 1/2 and its gains sqrt(2)"
else
	fail "depth --gains: relu's row is not 0.5000 | 1.4142 | 0.5000 | 1.4142"
fi
if grep -qF '| linear | 1.0000 | 1.0000 | 1.0000 | 1.0000 |' "$out"; then
	pass "depth --gains: linear keeps the variance (gains 1)"
else
	fail "depth --gains: linear's row is not all 1.0000"
fi

# A linear network of L = 5 layers, inputs and top gradient of variance 1:
# forward, layer l's activations have variance gain^(2l); backward, the
# gradient at layer l's input has passed L - l + 1 layers: gain^(2(L-l+1)).
# Up to sampling (256 x 256 values a layer), well within 10%.
L=5
within() {
	awk -F, -v g="$1" -v L=$L '
	function near(got, want) { return got >= 0.9 * want && got <= 1.1 * want }
	NR > 1 { n++; if (!near($2, g ^ (2 * $1)) || !near($3, g ^ (2 * (L - $1 + 1)))) bad = 1 }
	END { exit bad || n != L }' "$out"
}
for gain in 1 2; do
	"$depth" --act linear --init lecun --gain "$gain" --width 256 --batch 256 --layers $L > "$out" 2> "$out.err"
	if within "$gain"; then
		pass "depth: linear layers with gain $gain scale the variance by $gain^2 a layer"
	else
		fail "depth: linear layers with gain $gain do not scale the variance by $gain^2 a layer"
		sed 's/^/# /' "$out"
	fi
done
echo "1..$n"
test "$failed" -eq 0
