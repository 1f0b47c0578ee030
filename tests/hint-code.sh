#!/bin/sh
# hint-code.sh: every hint ladder's code, followed literally, passes (TAP).
# Run by make check under --with-solutions, from the build tree, with srcdir,
# CHAPTERS, CHAPTER_NEEDS, OBJEXT, CC, CFLAGS, CPPFLAGS, LINK_LIBS and SED
# set by tests/local.mk.
#
# The last step of a function's ladder (tests/hints/NN-slug.md) is the shape
# of the code: the function's whole body as an indented code block.  For
# every chapter this test writes the stub with each function's body replaced
# by that block, links it into the chapter's suite as a learner's file
# (tests/link-suite.sh, as the grader's self-test builds stubs and mutants)
# and runs the suite as a learner's `make grade-NN` does, so that a hint
# which leads into a failing check fails here, naming the check.
#
# In the last step, the last code block is the body; a code block that starts
# with "static" (after its comment) is a helper the ladder asks for (chapter
# 12's sigmoid), written at file scope above the stub's first function.
#
# The splice relies on the stubs' layout: a function definition starts at
# column 0 (its parameters may continue on indented lines), its body opens
# with a "{" alone on a line and closes with a "}" alone on a line, both at
# column 0, and no other line starts with a brace.  splice() checks that
# this holds for every stub and says where it does not.
set -u
work=tests/hint-code.d
rm -rf "$work" && mkdir -p "$work" || exit 99
n=0 failed=0
ok() { n=$((n + 1)); echo "ok $n - $*"; }
not_ok() { n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $*"; }
diag() { $SED 's/^/# /' "$1"; }

# The functions a stub asks for (tests/stub-functions.sh).
functions() { sh "$srcdir/tests/stub-functions.sh" "$1"; }

# code HINTS FN DIR: the code blocks of the last step of ladder FN: the body
# (the last block that does not start with "static") into DIR/FN.body, the
# static helpers into DIR/FN.helpers.  Code is indented 7 spaces (3 for the
# list item, 4 for the block); blank lines inside a block are kept.
code() {
	awk -v key="$2" -v body="$3/$2.body" -v helpers="$3/$2.helpers" '
		function flush() {
			while (nb > 0 && blk[nb] == "") nb--
			if (nb == 0) return
			text = ""
			for (k = 1; k <= nb; k++) text = text blk[k] "\n"
			for (k = 1; k <= nb && blk[k] ~ /^(\/\*| \*)/; k++) ;
			if (blk[k] ~ /^static/) help = help text "\n"
			else last = text
			nb = 0
		}
		/^## / { if (in_) flush(); in_ = ($2 == key); next }
		!in_ { next }
		/^[0-9]+\. / { flush(); last = ""; help = ""; next }
		/^       / { sub(/^       /, ""); blk[++nb] = $0; next }
		/^[ \t]*$/ { if (nb > 0) blk[++nb] = ""; next }
		{ flush() }
		END {
			if (in_) flush()
			if (last != "") printf "%s", last > body
			if (help != "") printf "%s", help > helpers
		}' "$1"
}

# splice STUB DIR: the stub with the body of every function FN replaced by
# DIR/FN.body and DIR/helpers above the first function; exits 1, saying
# why on stderr, when the stub's layout is not the one described above.
splice() {
	awk -v dir="$2" -v stub="$1" '
		function fail(why) { printf "%s:%d: %s\n", stub, NR, why > "/dev/stderr"; bad = 1; exit 1 }
		state == "body" && /^}$/ { print; state = ""; next }
		state == "body" { next }
		state == "head" && /^{$/ {
			print
			file = dir "/" fn ".body"
			while ((getline line < file) > 0) print "\t" line
			close(file)
			state = "body"
			next
		}
		state == "head" && /^[^ \t]/ { fail("the definition of " fn "() has no \"{\" alone at column 0") }
		state == "head" { print; next }
		/^[{}]/ { fail("a brace at column 0 outside a function body") }
		# A definition, as tests/stub-functions.sh finds them.
		/^[a-z_][a-z_ ]*[ *][a-z_][a-z0-9_]*\(/ && !/^static/ {
			fn = $0
			sub(/\(.*/, "", fn); sub(/.*[ *]/, "", fn)
			if (!helped) {
				file = dir "/helpers"
				while ((getline line < file) > 0) print line
				close(file)
				helped = 1
			}
			print
			state = "head"
			next
		}
		{ print }
		END {
			if (bad) exit 1
			if (state != "") { printf "%s: %s() does not end with \"}\" at column 0\n", stub, fn > "/dev/stderr"; exit 1 }
		}' "$1"
}

for ch in $CHAPTERS; do
	nn=${ch%%-*}
	stub=$srcdir/exercises/$ch.c hints=$srcdir/tests/hints/$ch.md
	fns=$(functions "$stub")
	if test -z "$fns"; then
		ok "$nn # SKIP exercises/$ch.c defines no function"
		continue
	fi
	if ! test -f "$hints"; then
		not_ok "$nn: tests/hints/$ch.md is missing"
		continue
	fi
	dir=$work/$ch
	mkdir -p "$dir"
	missing=
	for fn in $fns; do
		code "$hints" "$fn" "$dir"
		if ! test -s "$dir/$fn.body"; then
			not_ok "$nn: the last step of ladder $fn in tests/hints/$ch.md has no code block"
			missing=yes
		fi
	done
	test -z "$missing" || continue
	# The helpers in the order of their ladders, so that one may call the
	# helper of a ladder above it.
	for key in $($SED -n 's/^## \([^ ]*\).*/\1/p' "$hints"); do
		if test -f "$dir/$key.helpers"; then cat "$dir/$key.helpers"; fi
	done > "$dir/helpers"
	# ./course hint folds what is wider than an 80-column terminal, and
	# code folded at a space no longer reads as code.
	wide=$(cat "$dir"/*.body "$dir/helpers" | awk 'length($0) > 71' | head -3)
	if test -n "$wide"; then
		not_ok "$nn: code in tests/hints/$ch.md wider than 78 columns (80 in a terminal)"
		echo "$wide" | diag /dev/stdin
	fi
	if ! splice "$stub" "$dir" > "$dir/hints.c" 2> "$dir/splice.err"; then
		not_ok "$nn: exercises/$ch.c cannot be spliced"; diag "$dir/splice.err"
		continue
	fi
	if ! $SHELL "$srcdir/tests/link-suite.sh" "$dir" hints "$dir/hints.c" "$ch"; then
		not_ok "$nn: the hints' code does not compile ($dir/hints.c)"; diag "$dir/hints.cc"
		continue
	fi
	if test -s "$dir/hints.cc"; then
		not_ok "$nn: the hints' code compiles with warnings ($dir/hints.c)"; diag "$dir/hints.cc"
	fi
	# Graded as a learner's file is graded: without the reference solutions'
	# ULP bound.
	(unset COURSE_ULP_CHECK; "$dir/hints") > "$dir/hints.out" 2>&1
	checks=$(grep -c '^\(not \)*ok ' "$dir/hints.out")
	fails=$(grep -c '^not ok ' "$dir/hints.out")
	if test "$checks" -eq 0; then
		not_ok "$nn: the suite, run on the hints' code, reports no check"; diag "$dir/hints.out"
	elif test "$fails" -gt 0; then
		not_ok "$nn: the hints' code, followed literally, fails $fails of $checks checks"
		grep '^not ok ' "$dir/hints.out" | cut -c1-400 | diag /dev/stdin
	else
		ok "$nn: the hints' code, followed literally, passes all $checks checks"
	fi
done
echo "1..$n"
test "$failed" -eq 0
