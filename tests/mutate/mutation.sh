#!/bin/sh
# mutation.sh: the mutation test of the grader.  Every operator-level
# mutant of solutions/ that tests/mutate/mutate makes is graded by its
# chapter's suite; a mutant that passes every check is a survivor, and
# every survivor must be listed, with the reason it is not a mistake, in
# tests/mutate/CHAPTER.equivalent ("ID  reason", one a line).
#
#   mutation.sh report [CHAPTER...]   grade every mutant (make mutation) and
#                                     write tests/mutate/report.md: per
#                                     chapter, generated / stillborn (does
#                                     not compile) / killed / equivalent
#                                     (the rows of chapters not named stay)
#   mutation.sh sample                TAP: a random sample of the unlisted
#                                     mutants of every chapter, as many as
#                                     $MUTATION_BUDGET seconds allow (45),
#                                     drawn with $MUTATION_SEED (printed);
#                                     a survivor fails (make check, CI)
#
# Run from the build tree with the environment of tests/local.mk (srcdir,
# CHAPTERS, CHAPTER_NEEDS, OBJEXT, CC, CFLAGS, CPPFLAGS, LINK_LIBS, SED) and
# MUTATE, the path of the mutate tool.  Mutants are graded with the random
# inputs of GRADER_SEED=1 (the report) or of $MUTATION_SEED (the sample),
# stopping at the first failing check, and, as the reference solutions are,
# with COURSE_ULP_CHECK set: a mutant that costs the solution its 4 ULP is
# a mistake for the solution, though a learner's code may be that far off.
set -u
mode=${1:-report}
test $# -gt 0 && shift
chapters=${*:-$CHAPTERS}
work=tests/mutate.d
rm -rf "$work" && mkdir -p "$work" || exit 99

# The reason CHAPTER's list gives for mutant ID, or nothing.
listed() {
	test -f "$srcdir/tests/mutate/$1.equivalent" &&
		$SED -n "s/^$(printf '%s' "$2" | $SED 's/[][\.*^$/]/\\&/g')[ 	][ 	]*//p" \
			"$srcdir/tests/mutate/$1.equivalent" | head -1
}

# grade CHAPTER ID SEED: prints stillborn, killed or survived.
grade() {
	name=$1.$(printf '%s' "$2" | tr -c 'A-Za-z0-9_\n' '_')
	if ! "$MUTATE" apply "$srcdir/solutions/$1.c" "$2" > "$work/$name.c" 2> "$work/$name.err"; then
		echo stillborn
	else
		grade_file "$1" "$work/$name.c" "$name" "$3"
	fi
}

# grade_file CHAPTER SOURCE NAME SEED: SOURCE built as CHAPTER's file
# (stillborn when it does not compile) and graded: killed or survived.
# Nothing it runs reads the caller's standard input (in a loop, the rest
# of the list being read).
grade_file() {
	if ! $SHELL "$srcdir/tests/link-suite.sh" "$work" "$3" "$2" "$1"; then
		echo stillborn
	elif COURSE_ULP_CHECK=1 GRADER_SEED=$4 GRADER_TIMEOUT=2 GRADER_FAIL_FAST=1 srcdir=$srcdir "$work/$3" \
		> "$work/$3.out" 2>&1; then
		echo survived
	else
		echo killed
	fi
	rm -f "$work/$3" "$work/$3.o"
} < /dev/null

# The suite must pass the unmutated solution with the same random inputs,
# or every mutant would look killed.
solution_passes() {
	COURSE_ULP_CHECK=1 GRADER_SEED=$2 GRADER_TIMEOUT=2 srcdir=$srcdir "tests/$1.test" \
		> "$work/$1.solution.out" 2>&1 && return
	echo "$1: the suite fails solutions/$1.c itself with GRADER_SEED=$2 (see $work/$1.solution.out):" \
		"fix the suite before grading mutants" >&2
	return 1
}

case $mode in
report)
	report=$srcdir/tests/mutate/report.md
	{
		echo "# Mutation report"
		echo
		echo "Written by \`make mutation\` (tests/mutate/mutation.sh): every operator-level"
		echo "mutant of \`solutions/\` that \`tests/mutate/mutate\` makes, graded by its chapter's"
		echo "suite with the random inputs of GRADER_SEED=1 and, as for the reference solutions,"
		echo "COURSE_ULP_CHECK set.  *Stillborn* mutants do not"
		echo "compile; *equivalent* ones pass every check and are listed, with the reason"
		echo "they are not mistakes, in \`tests/mutate/CHAPTER.equivalent\`."
		echo
		echo "| Chapter | Generated | Stillborn | Killed | Equivalent (listed) | Unlisted survivors |"
		echo "|---|--:|--:|--:|--:|--:|"
	} > "$work/report.md"
	total_unlisted=0
	for ch in $chapters; do
		solution_passes "$ch" 1 || exit 1
		gen=0 still=0 killed=0 equiv=0 unlisted=0
		"$MUTATE" list "$srcdir/solutions/$ch.c" > "$work/$ch.list" || exit 99
		while IFS='	' read -r id what; do
			gen=$((gen + 1))
			case $(grade "$ch" "$id" 1) in
			stillborn) still=$((still + 1)) ;;
			killed) killed=$((killed + 1)) ;;
			survived)
				if test -n "$(listed "$ch" "$id")"; then
					equiv=$((equiv + 1))
				else
					unlisted=$((unlisted + 1))
					echo "$ch: unlisted survivor $id: $what" >&2
					echo "$ch $id $what" >> "$work/unlisted"
				fi ;;
			esac
		done < "$work/$ch.list"
		echo "$ch: $gen generated, $still stillborn, $killed killed, $equiv equivalent, $unlisted unlisted" >&2
		echo "| $ch | $gen | $still | $killed | $equiv | $unlisted |" > "$work/$ch.row"
		total_unlisted=$((total_unlisted + unlisted))
	done
	# One row per chapter of the course, in its order: graded now, or as
	# the report had it (a run of some chapters keeps the others' rows and
	# their unlisted survivors).
	for ch in $CHAPTERS; do
		if test -f "$work/$ch.row"; then
			cat "$work/$ch.row"
		elif test -f "$report"; then
			grep "^| $ch |" "$report"
			grep "^- $ch " "$report" | $SED 's/^- //' >> "$work/unlisted"
		fi
	done >> "$work/report.md"
	if test -s "$work/unlisted"; then
		{
			echo
			echo "Unlisted survivors (kill each with a check, or list it with its reason):"
			echo
			$SED 's/^/- /' "$work/unlisted"
		} >> "$work/report.md"
	fi
	cp "$work/report.md" "$report"
	echo "Wrote $report" >&2
	test "$total_unlisted" -eq 0
	;;
sample)
	seed=${MUTATION_SEED:-$(od -An -N4 -tu4 /dev/urandom | tr -d ' ')}
	budget=${MUTATION_BUDGET:-45}
	echo "# mutants drawn with MUTATION_SEED=$seed, for $budget seconds"
	# Only chapters that have been through `make mutation` (they are in
	# its report, and their survivors are listed): a new chapter's survivors
	# are found and judged by the full run first, not by a random draw.
	reported=
	for ch in $chapters; do
		if grep -q "| $ch |" "$srcdir/tests/mutate/report.md"; then
			reported="$reported $ch"
		else
			echo "# $ch: not sampled: it is not in tests/mutate/report.md yet (make mutation MUTATION_CHAPTERS=$ch)"
		fi
	done
	chapters=$reported
	for ch in $chapters; do
		solution_passes "$ch" "$seed" || { echo "not ok 1 - $ch: the suite fails solutions/$ch.c with GRADER_SEED=$seed"; echo "1..1"; exit 1; }
	done
	# The pipeline itself, first: a sample in which nothing could be built
	# would call every mutant "does not compile" and pass.  The first
	# chapter's stub, through the same steps, must be built and killed.
	first=$(echo $chapters | cut -d' ' -f1)
	if test -n "$first" && test "$(grade_file "$first" "$srcdir/tests/stubs/$first.c" "$first.stub" "$seed")" != killed; then
		echo "not ok 1 - the mutation pipeline cannot build and grade $first's stub (see $work/$first.stub.cc)"
		echo "1..1"
		exit 1
	fi
	# Every unlisted mutant of every chapter, in an order the seed fixes.
	for ch in $chapters; do
		"$MUTATE" list "$srcdir/solutions/$ch.c" | while IFS='	' read -r id what; do
			test -n "$(listed "$ch" "$id")" || printf '%s\t%s\t%s\n' "$ch" "$id" "$what"
		done
	done | awk -v seed="$seed" 'BEGIN { srand(seed) } { print rand() "\t" $0 }' |
		sort -n | cut -f2- > "$work/sample"
	n=0 failed=0 start=$(date +%s)
	while IFS='	' read -r ch id what; do
		test $(($(date +%s) - start)) -lt "$budget" || break
		n=$((n + 1))
		# printf, not echo: a mutant's text is printed as it is,
		# whatever backslashes it holds.
		case $(grade "$ch" "$id" "$seed") in
		survived)
			failed=$((failed + 1))
			printf 'not ok %d - %s: mutant %s (%s) passes every check: kill it with a check, or list it in tests/mutate/%s.equivalent with its reason\n' \
				"$n" "$ch" "$id" "$what" "$ch" ;;
		killed|stillborn)
			printf 'ok %d - %s: mutant %s (%s) is killed or does not compile\n' "$n" "$ch" "$id" "$what" ;;
		*)
			failed=$((failed + 1))
			printf 'not ok %d - %s: mutant %s (%s) could not be graded (see %s)\n' "$n" "$ch" "$id" "$what" "$work" ;;
		esac
	done < "$work/sample"
	test "$n" -gt 0 || { echo "ok 1 - no mutant to grade"; n=1; }
	echo "1..$n"
	test "$failed" -eq 0
	;;
*)
	echo "usage: mutation.sh report [CHAPTER...] | mutation.sh sample" >&2
	exit 2
	;;
esac
