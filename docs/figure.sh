#!/bin/sh
# figure.sh NAME.gp OUT.svg: one figure of the book, run by make from the
# build tree with $srcdir, $GNUPLOT and $BOOK_TERMINAL set and the reference
# tools first on $PATH (docs/local.mk).  The figure script only plots: the
# terminal and output are set here, then docs/figures/style.gp is loaded.
# gnuplot carries on after a failed '< command' or an empty data file with
# only a warning; here that fails the figure, as a pandoc warning fails a page.
set -eu
gp=$1 out=$2
mkdir -p "$(dirname "$out")"
err=$out.err
status=0
"$GNUPLOT" -e "$BOOK_TERMINAL; set output '$out.tmp'" \
	"$srcdir/docs/figures/style.gp" "$gp" 2>"$err" || status=$?
if test -s "$err"; then
	cat "$err" >&2
fi
if test $status -ne 0 || grep -qi 'warning\|error\|not found\|no such file' "$err"; then
	echo "figure.sh: $gp failed (see above)" >&2
	status=1
elif ! grep -q '<svg' "$out.tmp" 2>/dev/null; then
	echo "figure.sh: $gp drew no SVG" >&2
	status=1
fi
rm -f "$err"
if test $status -ne 0; then
	rm -f "$out.tmp"
	exit 1
fi
mv "$out.tmp" "$out"
# What the figure used, for make (docs/local.mk): its scripts and tools.
mkdir -p docs/deps
sh "$srcdir/docs/deps.sh" "$out" "docs/deps/fig-$(basename "$gp" .gp).d" "$gp"
