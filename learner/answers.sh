#!/bin/sh
# answers.sh KEY: grades the written answers of one chapter (TAP), run by
# make check as the log compiler of tests/answers/NN-slug.key, with srcdir,
# IMPL_DIR and CC set by tests/local.mk.
#
# The learner writes exercises/NN-slug.answers, one line per question,
#     q2 = 1/(1 + exp(-0.5))
# and the key, tests/answers/NN-slug.key, says what each must be:
#     q2 | number | 1/(1 + exp(-0.5))  | 5e-3             | The function
#     q3 | choice | no                 |                  | The derivative
#     q5 | expr   | a*(a*z - t)        | a z t: 1 2 3, ... | The derivative
# (question | kind | answer | tolerance, or the points an expression is
# checked at | the section of the chapter to read when it is wrong).
#
# A number or an expression is C (the language of the course): it is
# compiled with the C compiler and math.h, and evaluated in double; an
# integer literal counts as a double, so 1/4 is a quarter.  A number is
# right within its relative tolerance (1e-9 when none is given), an
# expression when it agrees with the key's within 1e-9 at every point, a
# choice when it is the key's word, in any case.
set -u
key=$1
ch=$(basename "$key" .key)
answers=$srcdir/$IMPL_DIR/$ch.answers
shown=$IMPL_DIR/$ch.answers
# Scratch files: tests/answers/NN-slug.d, or under $ANSWERS_WORK, so that
# tests/answers-grader.sh, grading other answers files while make -j runs
# the keys beside it, never shares a directory with them.
work=${ANSWERS_WORK:-tests/answers}/$ch.d
rm -rf "$work" && mkdir -p "$work" || exit 99
n=0

# "  x  " -> "x"
trim() { sed 's/^[	 ]*//; s/[	 ]*$//'; }

# The field $2 (1-based, |-separated) of line $1.
field() { printf '%s\n' "$1" | awk -F'|' -v k="$2" '{ print $k }' | trim; }

# Integer literals become double ones (1/4 -> 1.0/4.0), leaving identifiers
# (log1p, x2) and literals that already have a point or exponent alone.
doubles() {
	awk '{
		s = $0; out = ""
		while (match(s, /[0-9.][0-9.]*([eE][-+]?[0-9]+)?/)) {
			pre = substr(s, 1, RSTART - 1); tok = substr(s, RSTART, RLENGTH)
			s = substr(s, RSTART + RLENGTH)
			prev = substr(pre, length(pre), 1)
			if (prev ~ /[A-Za-z_]/ || tok ~ /[.eE]/ || tok !~ /^[0-9]+$/)
				out = out pre tok
			else
				out = out pre tok ".0"
		}
		print out s
	}'
}

# The section's reference, which failure messages end with.
see() { echo "(see $ch.md, \"$1\")"; }

result() {
	n=$((n + 1))
	if test "$1" = ok; then echo "ok $n - $shown:questions:$2"
	else echo "not ok $n - $shown:questions:$2: $3"; fi
}

# evaluate NAME VARS EXPR KEY POINTS: compiles the answer EXPR and the key's
# KEY as C functions of VARS (space-separated) and prints both values at each
# point (POINTS: "1 2 3, 4 5 6"; none for a number), a line "ANSWER KEY"
# per point.  The compiler's first error, if any, is in $work/NAME.err.
evaluate() {
	name=$1 vars=$2 expr=$3 want=$4 points=$5
	params=$(echo "$vars" | awk '{ for (i = 1; i <= NF; i++) printf "%sdouble %s", (i > 1 ? ", " : ""), $i }')
	test -n "$params" || params=void
	{
		cat <<-EOF
		#include <math.h>
		#include <stdio.h>
		static double sigmoid(double x) { return 1 / (1 + exp(-x)); }
		static double relu(double x) { return x > 0 ? x : 0; }
		static double answer($params)
		{
		#line 1 "your answer"
			return $(printf '%s\n' "$expr" | doubles);
		}
		static double key($params)
		{
			return $(printf '%s\n' "$want" | doubles);
		}
		static void show(double a, double k) { printf("%.17g %.17g\\n", a, k); }
		int main(void)
		{
			(void)sigmoid, (void)relu;
		EOF
		if test -z "$vars"; then
			echo '	show(answer(), key());'
		else
			echo "$points" | tr ',' '\n' | while read -r p; do
				args=$(echo "$p" | doubles | sed 's/^ *//; s/ *$//; s/  */, /g')
				echo "	show(answer($args), key($args));"
			done
		fi
		echo '	return 0;'
		echo '}'
	} > "$work/$name.c"
	if ! $CC -o "$work/$name" "$work/$name.c" -lm > "$work/$name.cc" 2>&1; then
		grep -m1 'error' "$work/$name.cc" | sed 's/^your answer:[0-9:]* *//; s/^error: //' > "$work/$name.err"
		return 1
	fi
	"$work/$name"
}

if ! test -f "$key"; then
	echo "1..0 # SKIP $key is missing"
	exit 0
fi
if ! test -f "$answers"; then
	echo "1..1"
	echo "not ok 1 - $shown:questions:file: $shown is missing: course reset ${ch%%-*} puts the stub back"
	exit 1
fi

grep -v '^[	 ]*#' "$key" | grep '|' | while IFS= read -r line; do
	q=$(field "$line" 1) kind=$(field "$line" 2) want=$(field "$line" 3)
	spec=$(field "$line" 4) section=$(field "$line" 5)
	got=$(sed -n "s/^[	 ]*$q[	 ]*=//p" "$answers" | tail -n 1 | trim)
	if test -z "$got"; then
		result not "$q" "not answered yet: write your answer after \"$q =\" in $shown $(see "$section")"
		continue
	fi
	case $kind in
	choice)
		if test "$(echo "$got" | tr 'A-Z' 'a-z')" = "$(echo "$want" | tr 'A-Z' 'a-z')"; then
			result ok "$q"
		else
			result not "$q" "\"$got\" is not the answer $(see "$section")"
		fi
		continue ;;
	esac
	case $got in
	*'^'*) result not "$q" "\"$got\": ^ is not a power in C, write x*x or pow(x, 2)"; continue ;;
	*[\;\{\}\"\#]*) result not "$q" "\"$got\" is not one C expression"; continue ;;
	esac
	vars= points=
	if test "$kind" = expr; then
		vars=${spec%%:*} points=${spec#*:}
	fi
	if ! values=$(evaluate "$q" "$vars" "$got" "$want" "$points"); then
		result not "$q" "\"$got\" is not a C expression: $(cat "$work/$q.err")"
		continue
	fi
	tol=1e-9
	test "$kind" = number && test -n "$spec" && tol=$spec
	# The first point where the two disagree, as "K VALUE", or nothing.
	bad=$(echo "$values" | awk -v tol="$tol" '
		{
			if ($1 == $2 || ($1 ~ /nan/ && $2 ~ /nan/)) next
			if ($1 ~ /nan/ || $2 ~ /nan/) { print NR, $1; exit }
			d = $1 - $2; if (d < 0) d = -d
			a = $2 < 0 ? -$2 : $2
			if (d > tol * a) { print NR, $1; exit }
		}')
	if test -z "$bad"; then
		result ok "$q"
	elif test "$kind" = number; then
		case $got in
		*[!0-9.eE+-]*) value="$got = ${bad#* }" ;;
		*) value=$got ;;
		esac
		if test "$tol" = 0; then within=exactly; else within="to within $tol of it, relative"; fi
		result not "$q" "$value is not the answer ($within) $(see "$section")"
	else
		at=$(echo "$points" | tr ',' '\n' | sed -n "${bad%% *}p" | trim)
		where=$(echo "$vars $at" | awk '{ h = NF / 2; for (i = 1; i <= h; i++) printf "%s%s = %s", (i > 1 ? ", " : ""), $i, $(i + h) }')
		result not "$q" "$got gives ${bad#* } at $where, which is not the answer there $(see "$section")"
	fi
done > "$work/tap"
count=$(grep -c '^\(not \)\{0,1\}ok ' "$work/tap")
echo "1..$count"
cat "$work/tap"
! grep -q '^not ok' "$work/tap"
