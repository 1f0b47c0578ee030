#!/bin/sh
# answers-grader.sh: the grading of written answers, graded (TAP).  Run by make
# check under --with-solutions, from the build tree, with srcdir, CHAPTERS
# and CC set (tests/local.mk).  The reference answers passing every key is
# shown by the keys' own PASS lines (tests/answers/*.log); here, for every
# chapter with a key, tests/answers/NN-slug.key:
#   - every question of the key has its line "qN =" in the stub and in the
#     reference answers, and the stub answers none of them;
#   - the untouched stub fails every question;
#   - a wrong answer fails: each number and expression answered off by 10%
#     and by 1, each choice with another word.
set -u
work=tests/answers-test.d
rm -rf "$work" && mkdir -p "$work/stub" "$work/wrong" || exit 99
# Numbered at the end: some results come from a subshell.
ok() { echo "ok - $*"; }
not_ok() { echo "not ok - $*"; }

# grade DIR CHAPTER: the TAP of learner/answers.sh on DIR/CHAPTER.answers.
grade() {
	srcdir=$(cd "$1/.." && pwd) IMPL_DIR=$(basename "$1") ANSWERS_WORK=$1.d \
		sh "$srcdir/learner/answers.sh" "$srcdir/tests/answers/$2.key"
}

for ch in $CHAPTERS; do
	key=$srcdir/tests/answers/$ch.key
	test -f "$key" || continue
	questions=$(grep -v '^[	 ]*#' "$key" | grep '|' | cut -d'|' -f1 | tr -d ' 	')
	count=$(echo "$questions" | wc -l)
	for q in $questions; do
		for f in exercises solutions; do
			if grep -q "^$q =" "$srcdir/$f/$ch.answers" 2> /dev/null; then :; else
				not_ok "$ch: $f/$ch.answers has no line \"$q =\""
				continue 2
			fi
		done
		if grep -q "^$q = *[^ ]" "$srcdir/exercises/$ch.answers"; then
			not_ok "$ch: the stub answers $q"
		fi
	done
	ok "$ch: $count questions, each with its line in the stub and in the reference answers"

	cp "$srcdir/exercises/$ch.answers" "$work/stub/$ch.answers"
	fails=$(grade "$work/stub" "$ch" | grep -c '^not ok')
	if test "$fails" -eq "$count"; then ok "$ch: the untouched stub fails all $count questions"
	else not_ok "$ch: the untouched stub fails $fails of $count questions"; fi

	# Each question answered wrong, one at a time, the others right.
	grep -v '^[	 ]*#' "$key" | grep '|' | while IFS='|' read -r q kind want spec _; do
		q=$(echo $q) kind=$(echo $kind)
		want=$(echo "$want" | sed 's/^[	 ]*//; s/[	 ]*$//')
		case $kind in
		choice) wrongs="not-$want" ;;
		*) wrongs="($want) * 1.1 + 1e-300|($want) + 1" ;;
		esac
		echo "$wrongs" | tr '|' '\n' | while read -r wrong; do
			sed "s|^$q = .*|$q = $wrong|" "$srcdir/solutions/$ch.answers" > "$work/wrong/$ch.answers"
			out=$(grade "$work/wrong" "$ch")
			if echo "$out" | grep -q "^not ok .*:questions:$q: "; then
				ok "$ch: $q = $wrong is rejected"
			else
				not_ok "$ch: $q = $wrong is accepted"
			fi
		done
	done
done > "$work/tap"
awk '{ sub(/^ok -/, "ok " NR " -"); sub(/^not ok -/, "not ok " NR " -"); print } END { print "1.." NR }' "$work/tap"
! grep -q '^not ok' "$work/tap"
