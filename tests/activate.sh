#!/bin/sh
# activate.sh: the `activate` tool against the solutions (TAP).  Expected
# values are exact by mathematics: linear and step need no rounding.
# ACTIVATE names the tool (make memcheck passes a sanitized build), and
# TOOLS_WORK the directory for scratch files.
set -u
n=0 failed=0
activate=${ACTIVATE:-./activate}
out=${TOOLS_WORK:-tests}/activate.out

# expect STATUS 'WANTED STDOUT' 'TEXT IN STDERR' ARGS...
expect() {
	status=$1 want=$2 err=$3
	shift 3
	"$activate" "$@" > "$out" 2> "$out.err"
	got=$?
	n=$((n + 1))
	if test "$got" -ne "$status"; then
		failed=$((failed + 1)); echo "not ok $n - activate $*: exit $got, expected $status"
	elif test -n "$want" && test "$(cat "$out")" != "$(printf %b "$want")"; then
		failed=$((failed + 1)); echo "not ok $n - activate $*: printed $(tr '\n' ' ' < "$out")"
	elif test -n "$err" && ! grep -qF -- "$err" "$out.err"; then
		failed=$((failed + 1)); echo "not ok $n - activate $*: stderr lacks '$err': $(cat "$out.err")"
	else
		echo "ok $n - activate $* (exit $status)"
	fi
}

expect 0 '6\n-3\n0\n' '' --param 3 linear 2 -1 0
expect 0 '-2\n0\n3\n' '' linear -- -2 0 3
expect 0 '0.5\n0.5\n' '' --grad --param 0.5 linear -- -2 3
expect 0 'nan\ninf\n-inf\n' '' linear nan inf -inf
expect 0 'nan\n' '' --grad linear nan
expect 0 '0\n0\n1\n' '' step -- -1 0 1
expect 0 'x,step,step_grad\n-1,0,0\n-0.5,0,0\n0,0,0\n0.5,1,0\n1,1,0\n' '' --table -1:1:0.5 step
expect 0 '' '' --list
# --float and --bfloat16 round inputs and results to that format: 0.1 is not a
# float, 1 - 2^-24 is the float just below 1, 1.001 rounds to the
# bfloat16 1 (its spacing above 1 is 2^-7), 0.1 to 1.6015625 x 2^-4 (1.1001100
# 1100... in binary, rounded up at 7 bits), and -0.5 and NaN are exact.
expect 0 '0.10000000149011612\n-0.5\nnan\n' '' --float linear -- 0.1 -0.5 nan
expect 0 '0.99999994039535522\n' '' --float --param 0.9999999403953552 linear 1
expect 0 '1\n1.0078125\n' '' --bfloat16 linear 1.001 1.006
expect 0 'x,linear,linear_grad\n0.10009765625,0.10009765625,1\n' '' --bfloat16 --table 0.1:0.1:1 linear
expect 0 '' '' --help
expect 2 '' "unknown activation 'nosuch'" nosuch 1
expect 2 '' "'abc' is not a number" linear abc
expect 2 '' "'1x' is not a number" linear 1x
expect 2 '' "no value given" linear
expect 2 '' "no activation named"
expect 2 '' "is out of range" linear 1e999
expect 2 '' "unknown option" --bogus linear 1
expect 2 '' "needs a value" --param
expect 2 '' "takes no parameter" --param 2 step 1
expect 2 '' "--table wants FROM:TO:STEP" --table 1:2 step
expect 2 '' "must be a positive number" --table 0:1:0 step
expect 2 '' "must have finite FROM <= TO" --table 1:0:0.1 step
expect 2 '' "the limit is" --table 0:1:1e-9 step
expect 2 '' "needs at least one NAME" --table 0:1:0.5
expect 2 '' "unknown activation" --table 0:1:0.5 nosuch

# A name that is not an activation is called that, with the nearest names
# (or all of them), whether or not values follow it.
expect 2 '' "unknown activation 'relu6' (did you mean relu?" relu6
expect 2 '' "unknown activation 'relu6' (did you mean relu?" relu6 1
expect 2 '' "unknown activation 'sigmod' (did you mean sigmoid?" sigmod 0
expect 2 '' "the activations are linear, step, sigmoid" zzzz 1
# --table: three fields, none empty; an absurd row count in a few digits.
expect 2 '' "--table wants FROM:TO:STEP, three numbers, not '0::1:0.5'" --table 0::1:0.5 step
expect 2 '' "--table wants FROM:TO:STEP, three numbers, not '0:1:0.5:'" --table 0:1:0.5: step
expect 2 '' "--table wants FROM:TO:STEP, three numbers, not ':1:0.5'" --table :1:0.5 step
expect 2 '' "--table '0:1:1e-300' would print 1e+300 rows; the limit is 1000000" --table 0:1:1e-300 step
expect 2 '' "would print more rows than a double can count" --table -1e308:1e308:1e-300 step
n=$((n + 1))
if test "$(wc -c < "$out.err")" -lt 200; then
	echo "ok $n - the row-count message is short ($(wc -c < "$out.err") bytes)"
else
	failed=$((failed + 1)); echo "not ok $n - the row-count message is $(wc -c < "$out.err") bytes"
fi
expect 2 '' "option '--grad' takes no value" --grad=1 sigmoid 0
expect 2 '' "unknown option '-2' (to pass a negative number, put -- before it)" -2 linear

# Output that cannot be written is an error (exit 1), not a silent success.
if test -c /dev/full; then
	for args in "sigmoid 0" "--list" "--help" "--table -5:5:0.01 tanh" "softmax 1 2"; do
		# shellcheck disable=SC2086 # the arguments are meant to split
		"$activate" $args > /dev/full 2> "$out.err"
		got=$?
		n=$((n + 1))
		if test "$got" -eq 1 && grep -q "activate: cannot write the output: No space left on device" "$out.err"; then
			echo "ok $n - activate $args > /dev/full: exit 1, says so"
		else
			failed=$((failed + 1)); echo "not ok $n - activate $args > /dev/full: exit $got, $(cat "$out.err")"
		fi
	done
else
	n=$((n + 1)); echo "ok $n # SKIP /dev/full is not a character device on this machine"
fi
echo "1..$n"
test "$failed" -eq 0
