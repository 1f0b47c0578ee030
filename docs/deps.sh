#!/bin/sh
# deps.sh TARGET DEPFILE FILE...: writes DEPFILE, a make rule saying that
# TARGET (a page or a figure of the book) depends on what its source FILEs
# use, so that make rebuilds it when, and only when, one of those changes:
#   include="PATH"      a listing from the source tree
#   $srcdir/PATH        a script or data file (and what that script uses)
#   a reference tool    activate, classify, ... by name, as docs/bin/NAME
# Run from the build tree with $srcdir set (docs/page.sh, docs/figure.sh).
set -eu
target=$1 depfile=$2
shift 2

# The files FILE names, one per line.
used() {
	grep -o 'include="[^"]*"' "$1" | sed "s|^include=\"\\(.*\\)\"\$|$srcdir/\\1|" || true
	grep -o '\$srcdir/[A-Za-z0-9_./-]*' "$1" | sed "s|^\\\$srcdir|$srcdir|" || true
	for tool in docs/bin/*; do
		test -x "$tool" && grep -qw "${tool##*/}" "$1" && echo "$tool"
	done
	return 0
}

{
	for f in "$@"; do
		used "$f"
		# One level down: what a script it runs uses.
		for s in $(used "$f" | grep '\.sh$'); do
			test -f "$s" && used "$s"
		done
	done
} | sort -u > "$depfile.list"
{
	printf '%s:' "$target"
	tr '\n' ' ' < "$depfile.list"
	echo
} > "$depfile"
rm -f "$depfile.list"
