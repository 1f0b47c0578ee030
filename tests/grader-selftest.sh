#!/bin/sh
# grader-selftest.sh: the grader graded (TAP).  Run by `make check` under
# --with-solutions, from the build tree, with srcdir, CHAPTERS,
# CHAPTER_NEEDS, OBJEXT, CC, CFLAGS, CPPFLAGS and LINK_LIBS set by
# tests/local.mk.
#
# For every chapter it proves that the suite
#   - fails the pristine stub of exercises/, with a failing check that names
#     each function the stub defines;
#   - rejects every mutant in tests/mutants/CHAPTER/: a .diff that turns the
#     solution into one real mistake.  Text before the diff is its
#     description; a line "Hint: TEXT" there says the suite's failure output
#     must contain TEXT, so a hint that recognises the mistake stays honest.
#   - lists every rule of its chapter in tests/rules/CHAPTER.txt with the
#     checks that enforce it: a rule without a check, a check the suite does
#     not have, and a check that enforces no rule all fail;
# and that the grader cannot be fooled: each case in tests/integrity/ (code
# that exits, aborts, signals, prints fake TAP or a flood, hangs, answers
# from a lookup table of the suite's inputs, or writes past an output) is
# failed with the message its "Expect:" lines name, and the TAP stays whole.
# A chapter built on an earlier one is graded with that chapter's stub, and
# every check that fails must name the earlier chapter as the cause.
# It also checks the course's bookkeeping: tests/stubs/ and that every
# chapter of chapters/manifest has its files.
# The suites passing against solutions/ is shown by their own PASS lines.
set -u
work=tests/selftest.d
rm -rf "$work" && mkdir -p "$work" || exit 99
n=0
failed=0

ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() { n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $1"; }
# Shows a file as TAP diagnostics, so it lands in the log.
diag() { sed 's/^/# /' "$1"; }

# The functions a stub asks for (tests/stub-functions.sh).
functions() { sh "$srcdir/tests/stub-functions.sh" "$1"; }

# build NAME SOURCE CHAPTER: SOURCE compiled as a learner's file and linked
# into the chapter's suite as $work/NAME; the diagnostics in $work/NAME.cc.
build() {
	$SHELL "$srcdir/tests/link-suite.sh" "$work" "$@"
}

# The checks of a suite's TAP output: "ok 3 - tests/02-linear.c:linear:NAME: ...".
check_names() {
	$SED -n 's/^\(not \)*ok [0-9]* - [^:]*:[^:]*:\([A-Za-z0-9_]*\):.*/\2/p' "$1" | sort -u
}

# rules CHAPTER: checks tests/rules/CHAPTER.txt against the suite's checks
# (in $work/CHAPTER.solution.out).
n_rules=0
rules() {
	file=$srcdir/tests/rules/$1.txt
	if ! test -f "$file"; then
		not_ok "$1: tests/rules/$1.txt is missing: list the chapter's rules and their checks"
		return
	fi
	check_names "$work/$1.solution.out" > "$work/$1.checks"
	# "rule ID: ...", then "  check NAME" lines: one line "ID NAME..." per rule.
	awk '/^rule / { if (id) print id names; id = $2; sub(/:$/, "", id); names = "" }
	     /^  check / { names = names " " $2 }
	     END { if (id) print id names }' "$file" > "$work/$1.rules"
	: > "$work/$1.named"
	while read -r id names; do
		n_rules=$((n_rules + 1))
		if test -z "$names"; then
			not_ok "$1: rule $id has no check"
			continue
		fi
		missing=
		for c in $names; do
			echo "$c" >> "$work/$1.named"
			grep -qx "$c" "$work/$1.checks" || missing="$missing $c"
		done
		if test -n "$missing"; then
			not_ok "$1: rule $id names checks that tests/$1.c does not have:$missing"
		else
			ok "$1: rule $id is enforced by $(echo $names | wc -w) check(s)"
		fi
	done < "$work/$1.rules"
	for c in $(cat "$work/$1.checks"); do
		grep -qx "$c" "$work/$1.named" ||
			not_ok "$1: check $c enforces no rule of tests/rules/$1.txt"
	done
}

for ch in $CHAPTERS; do
	for f in "chapters/$ch.md" "exercises/$ch.c" "solutions/$ch.c" "tests/$ch.c"; do
		if test -f "$srcdir/$f"; then ok "$ch: $f exists"; else not_ok "$ch: $f is missing"; fi
	done
	# The suite built against solutions/ passes, and says so by its exit status.
	if "tests/$ch.test" > "$work/$ch.solution.out" 2>&1; then
		ok "$ch: the suite passes solutions/ and exits 0"
	else
		not_ok "$ch: the suite fails solutions/ or exits non-zero"
	fi

	rules "$ch"

	# The stub and the solution define the same functions.
	if test "$(functions "$srcdir/exercises/$ch.c")" = "$(functions "$srcdir/solutions/$ch.c")"; then
		ok "$ch: exercise and solution define the same functions"
	else
		not_ok "$ch: exercises/$ch.c and solutions/$ch.c define different functions"
	fi

	# The pristine stub fails, with a failing check for each function.
	name=$ch.stub
	if ! build "$name" "$srcdir/exercises/$ch.c" "$ch"; then
		not_ok "$ch: the stub does not compile"; diag "$work/$name.cc"
	elif "$work/$name" > "$work/$name.out" 2>&1; then
		not_ok "$ch: the suite passes the untouched stub"
	else
		ok "$ch: the suite fails the untouched stub"
		for fn in $(functions "$srcdir/exercises/$ch.c"); do
			if grep '^not ok' "$work/$name.out" | grep -q "$fn("; then
				ok "$ch: a failing check names $fn() for the stub"
			else
				not_ok "$ch: no failing check names $fn() for the stub"
			fi
		done
	fi

	# Every mutant is rejected.
	count=0
	for diff in "$srcdir/tests/mutants/$ch"/*.diff; do
		test -f "$diff" || continue
		count=$((count + 1))
		m=$(basename "$diff" .diff)
		name=$ch.$m
		if ! patch -s -o "$work/$name.c" "$srcdir/solutions/$ch.c" < "$diff" > "$work/$name.patch" 2>&1; then
			not_ok "$ch: mutant $m does not apply to solutions/$ch.c"; diag "$work/$name.patch"
			continue
		fi
		if cmp -s "$work/$name.c" "$srcdir/solutions/$ch.c"; then
			not_ok "$ch: mutant $m changes nothing"
		elif ! build "$name" "$work/$name.c" "$ch"; then
			not_ok "$ch: mutant $m does not compile"; diag "$work/$name.cc"
		elif "$work/$name" > "$work/$name.out" 2>&1; then
			not_ok "$ch: mutant $m passes every check"
		else
			hint=$($SED -n 's/^Hint: //p' "$diff")
			fails=$(grep -c '^not ok' "$work/$name.out")
			if test -n "$hint" && ! grep '^not ok' "$work/$name.out" | grep -qF "$hint"; then
				not_ok "$ch: mutant $m is rejected, but no message says \"$hint\""
				grep '^not ok' "$work/$name.out" | diag /dev/stdin
			else
				ok "$ch: mutant $m is rejected by $fails checks"
			fi
		fi
	done
	if test "$count" -ge 4; then ok "$ch: has $count mutants"
	else not_ok "$ch: has $count mutants in tests/mutants/$ch/, at least 4 wanted"; fi
done

# A chapter built on an earlier one blames that one while it is a stub:
# with the needed chapter's stub and this chapter's solution, every failing
# check says "(chapter NN) is not done yet", and so sends the learner back.
for pair in $CHAPTER_NEEDS; do
	ch=${pair%%:*}
	for need in $(echo "${pair#*:}" | tr ',' ' '); do
		name=$ch.without.$need
		nn=${need%%-*}
		if ! NEEDED_STUB=$need build "$name" "$srcdir/solutions/$ch.c" "$ch"; then
			not_ok "$ch: does not build with the stub of $need"; diag "$work/$name.cc"
			continue
		fi
		"$work/$name" > "$work/$name.out" 2>&1
		fails=$(grep -c '^not ok' "$work/$name.out")
		blind=$(grep '^not ok' "$work/$name.out" | grep -vF "(chapter $nn) is not done yet")
		if test "$fails" -eq 0; then
			ok "$ch: passes with the stub of $need (it does not use what $need leaves undone)"
		elif test -n "$blind"; then
			not_ok "$ch: with the stub of $need, a failing check does not say chapter $nn is not done"
			echo "$blind" | head -3 | diag /dev/stdin
		else
			ok "$ch: with the stub of $need, all $fails failing checks say chapter $nn is not done yet"
		fi
	done
done

# The integrity cases.  The TAP must stay whole: results numbered 1..N, one
# plan 1..N at the end, whatever the code under test printed.
tap_whole() {
	awk '/^(not )?ok / { n++; if ($0 !~ "^(not )?ok " n " ") bad = 1 }
	     /^1\.\./ { plans++; if ($0 != "1.." n) bad = 1 }
	     END { exit !(n > 0 && plans == 1 && !bad) }' "$1"
}
for case_ in "$srcdir"/tests/integrity/*.diff "$srcdir"/tests/integrity/*.c; do
	test -f "$case_" || continue
	base=$(basename "$case_")
	ch=${base%%.*}
	name=$ch.integrity.${base#*.}
	name=${name%.*}
	case " $CHAPTERS " in *" $ch "*) ;; *) continue ;; esac
	if test "${case_%.diff}" != "$case_"; then
		if ! patch -s -o "$work/$name.c" "$srcdir/solutions/$ch.c" < "$case_" > "$work/$name.patch" 2>&1; then
			not_ok "integrity: $base does not apply to solutions/$ch.c"; diag "$work/$name.patch"
			continue
		fi
	else
		cp "$case_" "$work/$name.c"
	fi
	if ! build "$name" "$work/$name.c" "$ch"; then
		not_ok "integrity: $base does not compile"; diag "$work/$name.cc"
		continue
	fi
	GRADER_TIMEOUT=2 "$work/$name" > "$work/$name.out" 2>&1
	status=$?
	if test $status -eq 0; then
		not_ok "integrity: $base passes every check of tests/$ch.c"
		continue
	fi
	if ! tap_whole "$work/$name.out"; then
		not_ok "integrity: $base garbles the TAP of tests/$ch.c (results not numbered 1..N, or not one plan)"
		continue
	fi
	missing=
	while read -r expect; do
		grep -qF "$expect" "$work/$name.out" || missing="$missing \"$expect\""
	done <<-EOF
	$($SED -n 's/^.*Expect: //p' "$case_")
	EOF
	if test -n "$missing"; then
		not_ok "integrity: $base fails, but no line says$missing"
		grep '^not ok' "$work/$name.out" | head -3 | diag /dev/stdin
	else
		ok "integrity: $base fails $(grep -c '^not ok' "$work/$name.out") check(s), saying $($SED -n 's/^.*Expect: //p' "$case_" | head -1)"
		grep -F "$($SED -n 's/^.*Expect: //p' "$case_" | head -1)" "$work/$name.out" | head -1 | cut -c1-400 | diag /dev/stdin
	fi
done

# Only in a pristine tree (a release, or distcheck) do the stubs match
# tests/stubs/, the copies that `course reset` restores and the scoreboard
# compares with; a learner's tree is graded without this test.
for ch in $CHAPTERS; do
	for f in $ch.c $ch.answers; do
		test -f "$srcdir/exercises/$f" || test -f "$srcdir/tests/stubs/$f" || continue
		if cmp -s "$srcdir/tests/stubs/$f" "$srcdir/exercises/$f"; then
			ok "$ch: tests/stubs/$f is exercises/$f"
		else
			not_ok "$ch: tests/stubs/$f differs from exercises/$f (make stubs after editing a stub)"
		fi
	done
done

echo "# $n_rules rules in tests/rules/, for $(echo $CHAPTERS | wc -w) chapters"
echo "1..$n"
test "$failed" -eq 0
