#!/bin/sh
# compile-chapter.sh MODE OBJECT COMMAND...: compiles one chapter's file
# with COMMAND, which writes OBJECT.
#
# A learner's half-written exercise must not stop the other chapters from
# being built and graded.  So in MODE "learner" a compile error is shown,
# kept in OBJECT's .err file (the scoreboard reads it), and the object is
# removed; make goes on, and whatever links the chapter explains instead
# (link-chapters.sh).  In MODE "strict" (the reference solutions) an error
# fails the build, as usual.
mode=$1 obj=$2
shift 2
err=${obj%.*}.err
rm -f "$err"
if "$@" 2> "$err.tmp"; then
	cat "$err.tmp" >&2
	rm -f "$err.tmp"
	exit 0
fi
cat "$err.tmp" >&2
if test "$mode" != learner; then
	rm -f "$err.tmp"
	exit 1
fi
mv "$err.tmp" "$err"
rm -f "$obj"
echo "note: that chapter does not compile; the other chapters are still built and graded" >&2
exit 0
