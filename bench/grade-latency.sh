#!/bin/sh
# grade-latency.sh: how long a learner waits between saving an exercise and
# reading its verdict.  Not a test (timings depend on the machine): run it
# from a configured build tree,
#
#   sh bench/grade-latency.sh [CHAPTER] [RUNS]      (04-sigmoid, 5)
#
# and it prints, side by side from one run, the median of RUNS wall-clock
# times of
#   1. the chapter's suite binary alone (the floor);
#   2. make grade-NN after touching the chapter's exercise;
#   3. make check after touching the same exercise.
set -eu
ch=${1:-04-sigmoid} runs=${2:-5}
nn=${ch%%-*}
srcdir=$(sed -n 's/^srcdir = //p' Makefile)
impl=$(sed -n 's/^IMPL_DIR = //p' Makefile)
make -s "grade-$nn" > /dev/null 2>&1 || true

# median COMMAND...: the median wall-clock seconds of RUNS runs.
median() {
	for i in $(seq "$runs"); do
		touch "$srcdir/$impl/$ch.c"
		s=$(date +%s.%N)
		"$@" > /dev/null 2>&1 || true
		e=$(date +%s.%N)
		echo "$e - $s" | bc
	done | sort -n | sed -n "$(((runs + 1) / 2))p"
}

suite=$(median "tests/$ch.test")
grade=$(median make -s "grade-$nn")
check=$(median make -s -j2 check)
printf '| %-44s | %8s | %10s |\n' "median of $runs, $ch ($impl/)" seconds "x suite"
printf '|%s|%s|%s|\n' "----------------------------------------------" "----------" "------------"
for row in "suite binary alone:$suite" "make grade-$nn after a save:$grade" "make check after a save:$check"; do
	printf '| %-44s | %8.3f | %10.1f |\n' "${row%%:*}" "${row#*:}" "$(echo "${row#*:} / $suite" | bc -l)"
done
