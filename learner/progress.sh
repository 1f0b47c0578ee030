#!/bin/sh
# progress.sh SRCDIR IMPL_DIR OUT CHAPTER...: writes OUT, the book's
# progress.css, which marks each chapter in the contents (the sidebar of
# every page, and the index) as done, in progress or not started, from the
# scoreboard's verdicts on the last grading (tests/scoreboard.sh --states),
# so the book, the scoreboard and ./course status agree.  A build that
# grades solutions/ marks nothing.  Run by make html (learner/local.mk) with
# CHAPTER_NEEDS set; OUT is only rewritten when it changes.
set -u
srcdir=$1 impl=$2 out=$3
shift 3

# The <li value="4"> of chapter 04, in the sidebar and on the index.
items() {
	for ch; do
		n=$(echo "${ch%%-*}" | sed 's/^0*//')
		printf '%s\n' ".sidebar-chapters > li[value=\"$n\"] > a::after" \
			".book-toc > li[value=\"$n\"] > a::after"
	done | sed '$!s/$/,/'
}

{
	echo "/* Where you stand in the course, from the last grading (./course status):"
	echo "   written by make html (learner/progress.sh); do not edit. */"
	if test "$impl" = exercises; then
		states=$(sh "$srcdir/tests/scoreboard.sh" --states "$srcdir" "$impl" "$@")
		done=$(echo "$states" | awk '$2 == "done" { print $1 }')
		started=$(echo "$states" | awk '$2 == "started" || $2 == "broken" || $2 == "ungraded" { print $1 }')
		fresh=$(echo "$states" | awk '$2 == "unstarted" { print $1 }')
		for group in done started fresh; do
			eval "list=\$$group"
			test -n "$list" || continue
			case $group in
			done) label='✓ done' colour='#1a7f37' ;;
			started) label='in progress' colour='#9a6700' ;;
			fresh) label='not started' colour='#6e7781' ;;
			esac
			items $list
			echo " { content: \"$label\"; color: $colour; }"
		done
		echo ".sidebar-chapters > li > a::after, .book-toc > li > a::after {"
		echo "  margin-left: 0.5em; font-size: 0.75em; font-weight: 600; white-space: nowrap; }"
	fi
} > "$out.tmp"
if cmp -s "$out.tmp" "$out"; then rm -f "$out.tmp"; else mv "$out.tmp" "$out"; fi
