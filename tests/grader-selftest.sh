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

# The functions a C file defines at file scope: "double act_relu(double x)".
functions() {
	$SED -n '/^static/d; s/^[a-z_][a-z_ ]*[ *]\([a-z_][a-z0-9_]*\)(.*/\1/p' "$1" | sort -u
}

# A mutant is a learner's mistake, and mistakes warn (an unused parameter, a
# variable set but not used): compile them as a learner's file, without -Werror.
LEARNER_CFLAGS=$(printf '%s\n' "$CFLAGS" | $SED 's/-Werror//g')

# The objects of the chapters CHAPTER needs (chapters/manifest), from the
# reference solutions this tree is configured with.
needed() {
	for pair in $CHAPTER_NEEDS; do
		case $pair in
		"$1":*) echo "${pair#*:}" | tr ',' '\n' | sed "s|.*|impl/&.$OBJEXT|" ;;
		esac
	done
}

# build NAME SOURCE CHAPTER: compiles SOURCE and links it into the chapter's
# suite as $work/NAME, with the layers as tests/local.mk links them; the
# diagnostics land in $work/NAME.cc.
build() {
	$CC $CPPFLAGS $LEARNER_CFLAGS -c -o "$work/$1.o" "$2" > "$work/$1.cc" 2>&1 &&
	$CC $CFLAGS -o "$work/$1" "tests/$3.$OBJEXT" tests/libgrader.a libtools.a "$work/$1.o" \
		$(needed "$3") libcourse.a $LINK_LIBS -lm >> "$work/$1.cc" 2>&1
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

echo "1..$n"
test "$failed" -eq 0
