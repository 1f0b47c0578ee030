#!/bin/sh
# scoreboard.sh SRCDIR IMPL_DIR CHAPTER...: the per-chapter table printed
# after `make check` (every chapter), `make grade-NN` (one) and `course
# status`, read from the TAP driver's tests/CHAPTER.trs (the suite) and
# tests/answers/CHAPTER.trs (the written answers) and the compiler's
# impl/CHAPTER.err.  CHAPTER_NEEDS (from chapters/manifest) says which
# chapters wait on which.
#
# scoreboard.sh --states SRCDIR IMPL_DIR CHAPTER... prints the same verdicts
# for programs, one line per chapter, "CHAPTER STATE PASSED TOTAL", with STATE
# one of broken, unstarted, ungraded, done, started: `course` and the book's
# progress marks read them, so all three agree.
#
# A chapter whose exercise (and answers file) is still byte for byte the stub
# we shipped is "not started", whatever checks it passes by accident (a stub
# returning 0 already passes relu(-1) = 0): tests/stubs/ holds the stubs.
format=table
if test "$1" = --states; then format=states; shift; fi
srcdir=$1 impl=$2
shift 2

pristine() {
	test "$impl" = exercises || return 1
	cmp -s "$srcdir/tests/stubs/$1.c" "$srcdir/exercises/$1.c" || return 1
	! test -f "$srcdir/tests/stubs/$1.answers" ||
		cmp -s "$srcdir/tests/stubs/$1.answers" "$srcdir/exercises/$1.answers"
}

# "# 04 Sigmoid {#ch-sigmoid}" -> "Sigmoid"
title() {
	sed -n '1{s/^# *//;s/ *{#.*//;s/^[0-9][0-9]* *//;p;}' "$srcdir/chapters/$1.md" 2>/dev/null
}

# The chapters CHAPTER's code needs.
needs() {
	for pair in $CHAPTER_NEEDS; do
		case $pair in "$1":*) echo "${pair#*:}" | tr ',' ' ' ;; esac
	done
}

# Sets pass, total and state for one chapter: broken, unstarted, ungraded,
# done or started.  Its checks are the suite's and, when the chapter has
# written questions (tests/answers/CHAPTER.key), the answers'.
grade() {
	pass=0 total=0 graded=yes
	if test -f "impl/$1.err"; then state=broken; return; fi
	for trs in "tests/$1.trs" "tests/answers/$1.trs"; do
		if test -f "$trs"; then
			pass=$((pass + $(grep -c '^:test-result: PASS' "$trs")))
			total=$((total + $(grep -c '^:test-result:' "$trs")))
		elif test "$trs" = "tests/$1.trs" || test -f "$srcdir/tests/answers/$1.key"; then
			graded=no
		fi
	done
	if pristine "$1"; then state=unstarted
	elif test $graded = no; then state=ungraded
	elif test "$pass" -eq "$total" && test "$total" -gt 0; then state=done
	else state=started
	fi
}

# True when the exercise or its answers changed after they were graded.
edited_since() {
	for f in "$srcdir/$impl/$1.c" "$srcdir/$impl/$1.answers"; do
		test -f "$f" || continue
		test "$f" -nt "tests/$1.trs" && return 0
		test -f "tests/answers/$1.trs" && test "$f" -nt "tests/answers/$1.trs" && return 0
	done
	return 1
}

if test $format = states; then
	for ch in "$@"; do
		grade "$ch"
		echo "$ch $state $pass $total"
	done
	exit 0
fi

next= zeroed=
echo
echo "Scoreboard ($impl/)"
printf '  %-46s %7s  %s\n' Chapter Checks Status
for ch in "$@"; do
	nn=${ch%%-*}
	waiting=
	for n in $(needs "$ch"); do
		grade "$n"
		test "$state" = done || waiting="$waiting ${n%%-*}"
	done
	grade "$ch"
	checks=$pass/$total
	case $state in
	broken) checks=-; status="does not compile: make grade-$nn shows the compiler's message" ;;
	unstarted)
		status="not started: edit $impl/$ch.c"
		test "$pass" -eq 0 || zeroed=yes
		checks=0/$total ;;
	ungraded) checks=-; status="not graded yet: make grade-$nn" ;;
	done) status=done ;;
	started) status="in progress" ;;
	esac
	test -z "$waiting" || status="$status; waiting on$waiting"
	# A result older than the file it graded says little about the file.
	if test "$state" = done || test "$state" = started; then
		edited_since "$ch" && status="$status (edited since: make grade-$nn)"
	fi
	# make memcheck's findings on this very file (learner/memcheck.sh).
	mem=memcheck/tests/$ch.mem
	if test -s "$mem" && ! test "$srcdir/$impl/$ch.c" -nt "$mem"; then
		status="$status; make memcheck finds a memory error"
	fi
	printf '  %-46s %7s  %s\n' "$nn $(title "$ch")" "$checks" "$status"
	test -n "$next" || test "$state" = done || next=$ch
done
if test -n "$zeroed"; then
	echo "(An untouched stub scores 0, whatever checks it passes by accident.)"
fi
if test -n "$next" && test "${SCOREBOARD_BY:-}" = course; then
	echo "Next: read chapters/$next.md and edit $impl/$next.c; ./course watch grades every save."
elif test -n "$next"; then
	echo "Next: read chapters/$next.md, edit $impl/$next.c, then run: make grade-${next%%-*}"
	echo "      The FAIL lines above say what each failing check called, expected and got."
elif test $# -gt 1; then
	echo "Every chapter is done."
fi
echo
