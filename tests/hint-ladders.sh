#!/bin/sh
# hint-ladders.sh: the hint ladders (tests/hints/NN-slug.md), checked against what
# they help with (TAP).  Run by make check under --with-solutions, from the
# build tree, with srcdir and CHAPTERS set (tests/local.mk).  For every
# chapter:
#   - every function the stub asks for has a ladder of three steps (a
#     nudge, the formula, the shape of the code);
#   - every ladder is named after something real: a function of the stub,
#     a check or a test case of the suite, or a question of the answers key,
#     so that a renamed check cannot leave its ladder behind;
#   - every step is non-empty.
set -u
n=0 failed=0
ok() { n=$((n + 1)); echo "ok $n - $*"; }
not_ok() { n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $*"; }

# The functions a stub asks for (tests/stub-functions.sh).
functions() { sh "$srcdir/tests/stub-functions.sh" "$1"; }

# The steps of ladder KEY in FILE: how many.
steps() {
	awk -v key="$2" '/^## / { in_ = ($2 == key); next } in_ && /^[0-9]+\. / { n++ } END { print n + 0 }' "$1"
}

for ch in $CHAPTERS; do
	hints=$srcdir/tests/hints/$ch.md
	if ! test -f "$hints"; then
		n=$((n + 1))
		echo "ok $n - $ch # SKIP tests/hints/$ch.md does not exist yet: ./course shows no hints for it"
		continue
	fi
	for fn in $(functions "$srcdir/exercises/$ch.c"); do
		s=$(steps "$hints" "$fn")
		if test "$s" -ge 3; then ok "$ch: $fn has a ladder of $s steps"
		else not_ok "$ch: $fn has a ladder of $s steps in tests/hints/$ch.md, 3 wanted"; fi
	done
	# What a ladder may be named after.
	known=$( {
		functions "$srcdir/exercises/$ch.c"
		sed -n 's/.*START_TEST(\([A-Za-z_0-9]*\)).*/\1/p' "$srcdir/tests/$ch.c"
		sed -n 's/.*grader_tcase(s, "\([A-Za-z_0-9]*\)").*/\1/p' "$srcdir/tests/$ch.c"
		test -f "$srcdir/tests/answers/$ch.key" &&
			grep -v '^[	 ]*#' "$srcdir/tests/answers/$ch.key" | grep '|' | cut -d'|' -f1 | tr -d ' 	'
	} | sort -u)
	for key in $(sed -n 's/^## \([^ ]*\).*/\1/p' "$hints"); do
		name=${key##*:}
		if echo "$known" | grep -qx "$name"; then ok "$ch: ladder $key names a function, check or question"
		else not_ok "$ch: ladder $key in tests/hints/$ch.md names nothing in exercises/$ch.c, tests/$ch.c or its key"; fi
	done
	empty=$(awk '/^## / { key = $2; next } /^[0-9]+\. *$/ { print key }' "$hints")
	if test -z "$empty"; then ok "$ch: no empty step"
	else not_ok "$ch: empty steps in $(echo $empty)"; fi
done
echo "1..$n"
test "$failed" -eq 0
