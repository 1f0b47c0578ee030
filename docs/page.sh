#!/bin/sh
# page.sh EDITION SOURCE.md OUT: one page of the book (EDITION learner or
# instructor: OUT.html; epub: OUT.json), run by make from
# the build tree with $srcdir, $PANDOC, $BOOK_CHAPTERS and $BOOK_TITLE set
# and the reference tools first on $PATH (docs/local.mk).  pandoc's messages
# are kept in docs/logs/ for tests/book.sh; any warning fails the page.
set -eu
edition=$1 src=$2 out=$3
name=$(basename "$src" .md)
log=docs/logs/$name.$edition.log
mkdir -p docs/logs "$(dirname "$out")"

# The EPUB edition (docs/local.mk, make epub) takes each page as pandoc's
# JSON, to be put together into one book; the others are HTML pages.
if test "$edition" = epub; then
	set -- --to=json
else
	set -- --to=html5 --standalone --mathml \
		--template="$srcdir/docs/template.html" \
		--highlight-style=tango --toc --toc-depth=2
fi
status=0
"$PANDOC" "$src" \
	--from=markdown "$@" \
	--lua-filter="$srcdir/docs/book.lua" \
	--metadata=lang:en \
	--metadata=page:"$name" \
	--metadata=edition:"$edition" \
	--metadata=chapters:"$BOOK_CHAPTERS" \
	--metadata=needs:"${BOOK_NEEDS:-}" \
	--metadata=book-title:"$BOOK_TITLE" \
	--fail-if-warnings \
	--output="$out.tmp" 2>"$log" || status=$?
if test -s "$log"; then
	cat "$log" >&2
fi
if test $status -ne 0 || grep -q WARNING "$log"; then
	rm -f "$out.tmp"
	echo "page.sh: pandoc failed on $src (see above)" >&2
	exit 1
fi
mv "$out.tmp" "$out"
# What the page used, for make (docs/local.mk): its listings, scripts and
# tools; the instructor's edition shows the chapter's solution as well.
mkdir -p docs/deps
uses=$src
if test "$edition" = instructor && test -f "$srcdir/solutions/$name.c"; then
	echo "include=\"solutions/$name.c\"" > "docs/deps/$name.$edition.extra"
	uses="$uses docs/deps/$name.$edition.extra"
fi
sh "$srcdir/docs/deps.sh" "$out" "docs/deps/$name.$edition.d" $uses
