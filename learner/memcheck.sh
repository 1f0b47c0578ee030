#!/bin/sh
# memcheck.sh [--tap] CHAPTER...: runs each chapter's suite built with AddressSanitizer
# and UndefinedBehaviorSanitizer (memcheck/tests/CHAPTER.test, made by
# learner/local.mk), then, when valgrind is installed, the plain suite
# (tests/CHAPTER.test) under valgrind for reads of uninitialised memory, and
# prints one line per chapter: its state on the scoreboard, and the memory
# errors found, each as the kind of error, the function and the line of the
# chapter's file where it happened.  Run by `make memcheck` from the build
# tree, with srcdir, IMPL_DIR and CHAPTER_NEEDS set (tests/local.mk).
#
# Each suite's standard error (the sanitizers' reports) is kept in
# memcheck/tests/CHAPTER.san and valgrind's in CHAPTER.vg; the findings, one
# per line, in CHAPTER.mem (empty when the chapter is clean), which the
# scoreboard reads.  Exit status 1 when any chapter has a memory error, or,
# for the reference solutions, when any check fails.  With --tap (the
# course's own test, tests/memcheck.sh) it prints one TAP line per chapter
# instead of the table.
set -u
status=0
tap=no
if test "${1:-}" = --tap; then tap=yes; shift; fi
n=0

# Leaks are not what this checks (the suites allocate freely); a sanitizer
# error ends the check it happens in, and the others still run.
ASAN_OPTIONS=detect_leaks=0:abort_on_error=0:print_summary=1
UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
# The sanitizers slow a check down; Check's time limit stretches with them.
CK_TIMEOUT_MULTIPLIER=${CK_TIMEOUT_MULTIPLIER:-4}
export ASAN_OPTIONS UBSAN_OPTIONS CK_TIMEOUT_MULTIPLIER
valgrind=$(command -v valgrind)
test "${MEMCHECK_VALGRIND:-yes}" = no && valgrind=

# "Sigmoid", from the chapter's first line.
title() {
	sed -n '1{s/^# *//;s/ *{#.*//;p;}' "$srcdir/chapters/$1.md" 2>/dev/null
}

# The findings of a sanitizer log (stdin), one line each: the kind of error,
# then where, preferring the first frame in the learner's file.
sanitizer_findings() {
	awk -v impl="$IMPL_DIR/" '
	# "#0 0x4f2 in act_softmax /home/me/course/exercises/09-softmax.c:98"
	# -> "act_softmax at exercises/09-softmax.c:98"
	function where(line,   f, i, n, file) {
		n = split(line, f, " ")
		for (i = 1; i < n; i++) if (f[i] == "in") break
		file = f[i + 2]
		if (index(file, impl)) file = substr(file, index(file, impl))
		return plain(f[i + 1]) " at " file
	}
	# The compiler'"'"'s clones keep the name: act_softmax.part.0 is act_softmax.
	function plain(name) { sub(/\.(part|isra|constprop|cold)\..*/, "", name); return name }
	/ERROR: AddressSanitizer: / {
		kind = $0; sub(/.*AddressSanitizer: /, "", kind); sub(/ on address.*| on unknown.*/, "", kind)
		# The grader poisons the guard elements around every array it hands over.
		if (kind == "use-after-poison") kind = "out-of-bounds access (into the guard elements around an array)"
		access = ""; mine = ""; first = ""; asan = 1; next
	}
	asan && /^(READ|WRITE) of size/ { access = " (" $1 " of " $4 " bytes)" }
	asan && /^ *#[0-9]+ / {
		if (first == "") first = $0
		if (mine == "" && index($0, impl)) mine = $0
	}
	asan && /^SUMMARY: AddressSanitizer/ {
		w = mine != "" ? mine : first
		print kind access " in " where(w) (mine == "" ? " (not in your file: a wrong size or pointer passed on?)" : "")
		asan = 0
	}
	/: runtime error: / {
		loc = $0; sub(/: runtime error: .*/, "", loc)
		if (index(loc, impl)) loc = substr(loc, index(loc, impl))
		msg = $0; sub(/.*: runtime error: /, "", msg)
		print "undefined behaviour: " msg " at " loc
	}' | sort | uniq -c | sed 's/^ *\([0-9]*\) \(.*\)/\2 [\1 times]/; s/ \[1 times\]$//'
}

# The same for valgrind's log: the first error of each kind in the learner's
# file ("Conditional jump or move depends on uninitialised value(s)").
valgrind_findings() {
	awk -v impl="$IMPL_DIR/" '
	function plain(name) { sub(/\.(part|isra|constprop|cold)\..*/, "", name); return name }
	/^==[0-9]+== [A-Z][a-z].*(uninitialised|Invalid|overlap|free)/ {
		kind = $0; sub(/^==[0-9]+== /, "", kind); origin = ""; vg = 1; next
	}
	vg && /value was created by/ { origin = $0; sub(/.*created by /, " (created by ", origin); origin = origin ")" }
	# "==7==    at 0x109A: dense_forward (/home/me/course/exercises/01-why.c:8)"
	vg && /^==[0-9]+==    (at|by) / && index($0, impl) {
		w = $0; sub(/.*: /, "", w); sub(/ \(.*/, "", w)
		file = substr($0, index($0, impl)); sub(/\)$/, "", file)
		print kind origin " in " plain(w) " at " file; vg = 0; next
	}
	/^==[0-9]+== $/ { vg = 0 }' | sort | uniq -c | sed 's/^ *\([0-9]*\) \(.*\)/\2 [\1 times]/; s/ \[1 times\]$//'
}

# The scoreboard's state of each chapter, to print beside the findings.
states=$(CHAPTER_NEEDS=$CHAPTER_NEEDS sh "$srcdir/tests/scoreboard.sh" --states "$srcdir" "$IMPL_DIR" "$@")

tools="AddressSanitizer, UndefinedBehaviorSanitizer${valgrind:+, valgrind}"
if test $tap = no; then
	echo
	echo "Memory check ($IMPL_DIR/: $tools)"
	printf '  %-46s %-12s %s\n' Chapter Scoreboard Memory
fi
bad=
for ch in "$@"; do
	out=memcheck/tests/$ch
	rm -f "$out.san" "$out.vg" "$out.mem"
	state=$(echo "$states" | awk -v c="$ch" '$1 == c { print $2 }')
	case $state in
	unstarted) state="not started" ;; started) state="in progress" ;; ungraded) state="not graded" ;;
	broken) state="-" ;;
	esac
	if test -f "memcheck/impl/$ch.err"; then
		if test $tap = yes; then n=$((n + 1)); echo "not ok $n - $ch: does not compile"; status=1; continue; fi
		printf '  %-46s %-12s %s\n' "${ch%%-*} $(title "$ch")" "$state" "does not compile (make grade-${ch%%-*})"
		continue
	fi
	"$out.test" > "$out.tap" 2> "$out.san"
	fails=$(grep -c '^not ok' "$out.tap")
	sed -n 's/^ok .*/:test-result: PASS/p; s/^not ok .*/:test-result: FAIL/p' "$out.tap" > "$out.trs"
	sanitizer_findings < "$out.san" > "$out.mem"
	if test -n "$valgrind" && test -x "tests/$ch.test"; then
		"$valgrind" -q --error-exitcode=99 --fullpath-after= --track-origins=yes \
			"tests/$ch.test" > "$out.vg.tap" 2> "$out.vg"
		valgrind_findings < "$out.vg" >> "$out.mem"
	fi
	if test -s "$out.mem"; then
		verdict="$(wc -l < "$out.mem") memory error(s):"
		bad="$bad ${ch%%-*}"
		status=1
	elif test "$IMPL_DIR" = solutions && test "$fails" -gt 0; then
		verdict="$fails checks fail under the sanitizers (memcheck/tests/$ch.tap)"
		status=1
	else
		verdict=clean
	fi
	if test $tap = yes; then
		n=$((n + 1))
		if test "$verdict" = clean; then echo "ok $n - $ch: clean under $tools"
		else echo "not ok $n - $ch: $verdict $(tr '\n' ' ' < "$out.mem")"; fi
		continue
	fi
	printf '  %-46s %-12s %s\n' "${ch%%-*} $(title "$ch")" "$state" "$verdict"
	sed 's/^/      /' "$out.mem"
done
if test $tap = yes; then
	echo "1..$n"
	exit $status
fi
echo
if test -n "$bad"; then
	echo "Memory errors in chapter$bad: each line above names the function and the line of"
	echo "$IMPL_DIR/ where it happened (the full reports: memcheck/tests/NN-*.san and .vg)."
	echo "A write past the end of an array may pass every check and still corrupt memory."
else
	echo "No memory error in any chapter checked."
fi
echo
exit $status
