#!/bin/sh
# scoreboard.sh SRCDIR IMPL_DIR CHAPTER...: the per-chapter table printed
# after `make check`, read from the TAP driver's tests/CHAPTER.trs files.
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

next= zeroed=
echo
echo "Scoreboard ($impl/)"
printf '  %-46s %7s  %s\n' Chapter Checks Status
for ch in "$@"; do
	trs=tests/$ch.trs
	name="${ch%%-*} $(title "$ch")"
	if ! test -f "$trs"; then
		printf '  %-46s %7s  %s\n' "$name" - "not graded yet: make grade-${ch%%-*}"
		test -n "$next" || next=$ch
		continue
	fi
	pass=$(grep -c '^:test-result: PASS' "$trs")
	total=$(grep -c '^:test-result:' "$trs")
	if pristine "$ch"; then
		status="not started: edit $impl/$ch.c"
		test "$pass" -eq 0 || zeroed=yes
		pass=0
	elif test "$pass" -eq "$total" && test "$total" -gt 0; then
		status=done
	else
		status="in progress"
	fi
	# A result older than the file it graded says little about the file.
	if test "$srcdir/$impl/$ch.c" -nt "$trs"; then
		status="$status (edited since: make grade-${ch%%-*})"
	fi
	printf '  %-46s %7s  %s\n' "$name" "$pass/$total" "$status"
	test -n "$next" || test "$status" = done || next=$ch
done
if test -n "$zeroed"; then
	echo "(An untouched stub scores 0, whatever checks it passes by accident.)"
fi
if test -n "$next"; then
	echo "Next: read chapters/$next.md, edit $impl/$next.c, then run: make grade-${next%%-*}"
	echo "      The FAIL lines above say what each failing check called, expected and got."
else
	echo "Every chapter is done."
fi
echo
