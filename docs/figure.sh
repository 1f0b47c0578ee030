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
tmp=$out.tmp.d
rm -rf "$tmp"
mkdir "$tmp"
trap 'rm -rf "$tmp" "$err"' EXIT

# draw STYLE SCRIPT SVG: gnuplot, with its messages in $err.
draw() {
	"$GNUPLOT" -e "$BOOK_TERMINAL; set output '$3'" "$1" "$2" 2>"$err" || return 1
	if test -s "$err"; then
		cat "$err" >&2
	fi
	! grep -qi 'warning\|error\|not found\|no such file' "$err"
}

if ! draw "$srcdir/docs/figures/style.gp" "$gp" "$tmp/figure.svg"; then
	echo "figure.sh: $gp failed (see above)" >&2
	exit 1
fi
if ! grep -q '<svg' "$tmp/figure.svg"; then
	echo "figure.sh: $gp drew no SVG" >&2
	exit 1
fi

# Every row of its data is plotted.  After "set key autotitle columnhead"
# or "set datafile columnheaders", gnuplot takes the first row of each data
# file for a header and drops it, and a file without a header loses a row:
# chapter 11's decision boundaries were drawn sheared that way.  So draw the
# figure again with header reading turned off in the style and the script,
# and insist on the same picture.  (A header row such as the one of
# `activate --table` is skipped either way: it is not numeric.)
for f in "$srcdir/docs/figures/style.gp" "$gp"; do
	sed -e 's/autotitle[[:space:]]\{1,\}col[a-z]*/autotitle/g' \
	    -e 's/datafile[[:space:]]\{1,\}col[a-z]*/datafile nocolumnheaders/g' \
	    "$f" >"$tmp/rows-$(basename "$f")"
done
if ! draw "$tmp/rows-style.gp" "$tmp/rows-$(basename "$gp")" "$tmp/rows.svg"; then
	echo "figure.sh: $gp failed when drawn with no header rows (see above)" >&2
	exit 1
fi
if ! cmp -s "$tmp/figure.svg" "$tmp/rows.svg"; then
	echo "figure.sh: $gp does not plot every row of its data: gnuplot reads a row as a column header (set key autotitle columnhead, set datafile columnheaders), and a file without a header loses its first row; give each curve its title instead" >&2
	exit 1
fi
mv "$tmp/figure.svg" "$out"
# What the figure used, for make (docs/local.mk): its scripts and tools.
mkdir -p docs/deps
sh "$srcdir/docs/deps.sh" "$out" "docs/deps/fig-$(basename "$gp" .gp).d" "$gp"
