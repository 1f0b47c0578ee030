#!/bin/sh
# scoreboard.sh SRCDIR IMPL_DIR CHAPTER...: the per-chapter table printed
# after `make check` (every chapter) and `make grade-NN` (one), read from
# the TAP driver's tests/CHAPTER.trs files and the compiler's impl/CHAPTER.err.
# CHAPTER_NEEDS (from chapters/manifest) says which chapters wait on which.
#
# A chapter whose exercise is still byte-for-byte the stub we shipped is
# "not started", whatever checks it passes by accident (a stub returning 0
# already passes relu(-1) = 0): tests/stubs.sha256 records the pristine stubs.
srcdir=$1 impl=$2
shift 2

pristine() {
	test "$impl" = exercises || return 1
	want=$(grep " exercises/$1\.c\$" "$srcdir/tests/stubs.sha256" 2>/dev/null | cut -d' ' -f1)
	test -n "$want" || return 1
	got=$(sha256sum < "$srcdir/exercises/$1.c" | cut -d' ' -f1)
	test "$want" = "$got"
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
# done or started.
grade() {
	trs=tests/$1.trs
	pass=0 total=0
	if test -f "impl/$1.err"; then state=broken; return; fi
	if test -f "$trs"; then
		pass=$(grep -c '^:test-result: PASS' "$trs")
		total=$(grep -c '^:test-result:' "$trs")
	fi
	if pristine "$1"; then state=unstarted
	elif ! test -f "$trs"; then state=ungraded
	elif test "$pass" -eq "$total" && test "$total" -gt 0; then state=done
	else state=started
	fi
}

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
		test "$srcdir/$impl/$ch.c" -nt "tests/$ch.trs" && status="$status (edited since: make grade-$nn)"
	fi
	printf '  %-46s %7s  %s\n' "$nn $(title "$ch")" "$checks" "$status"
	test -n "$next" || test "$state" = done || next=$ch
done
if test -n "$zeroed"; then
	echo "(An untouched stub scores 0, whatever checks it passes by accident.)"
fi
if test -n "$next"; then
	echo "Next: read chapters/$next.md, edit $impl/$next.c, then run: make grade-${next%%-*}"
	echo "      The FAIL lines above say what each failing check called, expected and got."
elif test $# -gt 1; then
	echo "Every chapter is done."
fi
echo
