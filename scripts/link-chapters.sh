#!/bin/sh
# link-chapters.sh OUTPUT COMMAND...: runs the link COMMAND, which writes
# OUTPUT from, among others, chapter objects DIR/NN-slug.o.
#
# When one of those objects is missing because its chapter does not compile
# (compile-chapter.sh keeps the compiler's message in DIR/NN-slug.err), it
# writes OUTPUT as a small script that says so instead: a suite's
# (tests/*.test) prints one failing TAP check, "does not compile" or
# "waiting on NN", with the compiler's message; a tool's prints the reason
# and exits 1.
out=$1
shift
missing= names=
for arg in "$@"; do
	case $arg in
	*/[0-9][0-9]-*.o)
		if ! test -f "$arg"; then
			missing="$missing ${arg%.o}"
			names="$names ${arg##*/}"
		fi ;;
	esac
done
test -z "$missing" && exec "$@"

names=$(echo $names | sed 's/\.o//g')
first=${names%% *}
case $names in
*' '*) broken="chapters $(echo $names | sed 's/ /, /g') do not compile" ;;
*) broken="chapter $names does not compile" ;;
esac
# Quotes a line for the stand-in's sh: 'it'\''s'.
quote() { sed "s/'/'\\\\''/g; s/^/'/; s/\$/'/"; }
{
	echo '#!/bin/sh'
	echo "# Written by scripts/link-chapters.sh: $names did not compile."
	case $out in
	*.test)
		ch=$(basename "$out" .test)
		case " $names " in
		*" $ch "*) why="$ch does not compile: fix it, then make grade-${ch%%-*} (the compiler's message follows)" ;;
		*) why="$ch is waiting on $first, which does not compile: make grade-${first%%-*} first" ;;
		esac
		echo 'echo 1..1'
		echo "not ok 1 - $why" | quote | sed 's/^/echo /'
		for m in $missing; do
			test -f "$m.err" && sed 's/^/# /' "$m.err" | quote | sed 's/^/echo /'
		done
		;;
	*)
		echo "${out##*/}: cannot run yet: $broken (make grade-${first%%-*} shows why; fix it, then make)" |
			quote | sed 's/^/echo /; s/$/ >\&2/'
		echo "note: ${out##*/} is not built: $broken" >&2
		;;
	esac
	echo 'exit 1'
} > "$out"
chmod +x "$out"
