#!/bin/sh
# link-suite.sh DIR NAME SOURCE CHAPTER: compiles SOURCE as a learner's file
# of CHAPTER and links it into that chapter's suite as DIR/NAME, with the
# layers as tests/local.mk links them; the compiler's messages go to
# DIR/NAME.cc.  The grader's self-test and mutation test build their
# stubs, mutants and cases with it.  Needs CC, CFLAGS, CPPFLAGS, LINK_LIBS,
# OBJEXT, SED and CHAPTER_NEEDS (chapters/manifest) from tests/local.mk.
# NEEDED_STUB=NN-slug, if set, takes that needed chapter from its pristine
# stub (tests/stubs/) instead, as a learner who has not done it yet has it.
dir=$1 name=$2 src=$3 ch=$4

# A learner's mistakes warn (an unused parameter, a variable set but not
# used): compile as a learner's file, without -Werror.
cflags=$(printf '%s\n' "$CFLAGS" | $SED 's/-Werror//g')

# The objects of the chapters CHAPTER needs, from the implementation this
# tree is configured with.
needed=
for pair in $CHAPTER_NEEDS; do
	case $pair in
	"$ch":*) needed=$(echo "${pair#*:}" | tr ',' '\n' | $SED "s|.*|impl/&.$OBJEXT|") ;;
	esac
done

: > "$dir/$name.cc"
if test -n "${NEEDED_STUB:-}"; then
	$CC $CPPFLAGS $cflags -c -o "$dir/$name.needed.o" "$srcdir/tests/stubs/$NEEDED_STUB.c" \
		>> "$dir/$name.cc" 2>&1 || exit 1
	needed=$(echo "$needed" | $SED "s|^impl/$NEEDED_STUB\.$OBJEXT\$|$dir/$name.needed.o|")
fi

$CC $CPPFLAGS $cflags -c -o "$dir/$name.o" "$src" >> "$dir/$name.cc" 2>&1 &&
$CC $CFLAGS -o "$dir/$name" "tests/$ch.$OBJEXT" tests/libgrader.a libtools.a "$dir/$name.o" \
	$needed libcourse.a $LINK_LIBS -lm >> "$dir/$name.cc" 2>&1
