#!/bin/sh
# course.sh: the learner's loop tried as a learner tries it (TAP).  Run by
# make check under --with-solutions, from the build tree, after make has put
# a copy of the distribution in tests/course.d/src (learner/local.mk).
#
# In that copy, configured as a learner's tree (it grades exercises/), it
# runs ./course watch in a real terminal, tmux, typing with send-keys and
# reading the screen with capture-pane: a save regrades, h gives the next
# hint, a chapter that passes moves the screen to the next one.  Then reset
# and restore, with nothing the learner wrote ever lost; then that
# ./course status, the scoreboard, the book's marks and make memcheck agree
# on where the learner stands.  SKIP without tmux or inotifywait.
set -u
for tool in tmux inotifywait; do
	if ! command -v "$tool" > /dev/null 2>&1; then
		pkg=$tool
		test "$tool" = inotifywait && pkg=inotify-tools
		echo "1..0 # SKIP $tool is not installed (apt-get install $pkg)"
		exit 0
	fi
done

work=$(pwd)/tests/course.d
tree=$work/src
# The test works inside the learner's tree: srcdir must not be relative.
srcdir=$(cd "${srcdir:-.}" && pwd)
n=0 failed=0
ok() { n=$((n + 1)); echo "ok $n - $*"; }
not_ok() { n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $*"; }
check() { if eval "$1"; then ok "$2"; else not_ok "$2"; fi; }
diag() { sed 's/^/# /' "$@"; }

# A tmux server of our own, whatever tmux the tests run inside.
tmux="tmux -L course-test-$$ -f /dev/null"
trap '$tmux kill-server 2> /dev/null' EXIT INT TERM
screen() { $tmux capture-pane -p -t learner; }
# Waits (up to 60 s) until the screen shows TEXT; false if it never does.
wait_for() {
	i=0
	while test $i -lt 300; do
		screen 2> /dev/null | grep -qF -- "$1" && return 0
		sleep 0.2
		i=$((i + 1))
	done
	screen > "$work/screen.txt" 2>&1
	return 1
}
# A learner's save: write the new file next to the old one, then rename it
# over, as vim and most editors do.
save() {
	cp "$1" "$tree/exercises/$2.tmp" && mv "$tree/exercises/$2.tmp" "$tree/exercises/$2"
}

# The learner's tree: configured without --with-solutions, built as README's
# setup line builds it.  (A copy of a read-only distcheck tree is read-only:
# a learner's is not.  The make running this test is not the learner's.)
if ! test -f "$tree/configure"; then
	echo "1..0 # SKIP tests/course.d/src is missing: run this through make check"
	exit 0
fi
chmod -R u+w "$tree"
# The learner's shell has none of the variables make check sets for the
# course's own tests (its CFLAGS carry -Werror under distcheck).
unset MAKEFLAGS MFLAGS MAKELEVEL CC CFLAGS CPPFLAGS LINK_LIBS IMPL_DIR CHAPTERS \
	CHAPTER_NEEDS OBJEXT SED COURSE_ULP_CHECK
if (cd "$tree" && ./configure && make) > "$work/build.log" 2>&1; then
	ok "a learner's tree configures and builds"
else
	not_ok "a learner's tree does not build"
	tail -20 "$work/build.log" | diag
	echo "1..$n"
	exit 1
fi
cd "$tree" || exit 99

# Without inotifywait, watch names the Debian package.
COURSE_INOTIFYWAIT=no-such-inotifywait ./course watch > "$work/no-inotify.out" 2>&1
check 'test $? -eq 2 && grep -q "apt-get install inotify-tools" "$work/no-inotify.out"' \
	"./course watch without inotifywait names the package inotify-tools"

./course status > "$work/status0.out" 2>&1
check 'grep -q "01 Why activation functions .*not started" "$work/status0.out"' \
	"./course status: a fresh tree has not started chapter 01"

# The progress bar for CHAPTERS done, as course.sh draws it: 30 wide.
nch=$(sh "$srcdir/scripts/manifest.sh" chapters "$srcdir/chapters/manifest" | wc -l)
bar() {
	fill=$(($1 * 30 / nch))
	printf 'Course [%s%s] %d of %d chapters done' "$(printf '%*s' $fill '' | tr ' ' '#')" \
		"$(printf '%*s' $((30 - fill)) '' | tr ' ' '-')" "$1" "$nch"
}

# The loop, in a terminal 110 columns wide.
$tmux new-session -d -s learner -x 110 -y 50 "./course watch; echo course exited \$?; sleep 600"
check 'wait_for "Watching exercises/"' "./course watch starts and watches exercises/"
check 'wait_for "Chapter 01, Why activation functions: not started"' \
	"it opens on chapter 01, not started"
check 'wait_for "Hint: Every output z[i] is one neuron"' \
	"it shows the first step of the hint ladder under the first failure"
check 'wait_for "Read: chapters/01-why.md, section \"A neuron, a layer\""' \
	"it names the section of the book that explains the first failure"
check 'wait_for "more failing checks"' "it counts the failures it does not show in full"
check 'wait_for "$(bar 0)"' "it shows the progress bar"

save "$srcdir/solutions/01-why.c" 01-why.c
check 'wait_for "Chapter 01, Why activation functions: in progress"' \
	"a save in exercises/ regrades the chapter: in progress"
check 'wait_for "✗ q2  (questions, exercises/01-why.answers)"' \
	"with the code right, the written questions are what fails"

$tmux send-keys -t learner h
check 'wait_for "Hint 2 of 2 for q2"' "h shows the next hint"

save "$srcdir/solutions/01-why.answers" 01-why.answers
check 'wait_for "Chapter 01, Why activation functions, is done"' \
	"when every check passes, the screen says the chapter is done"
check 'wait_for "Chapter 02, Linear (identity): not started"' "and moves on to chapter 02"
check 'wait_for "$(bar 1)"' "and the progress bar moves"
check 'grep -qx 02-linear "$tree/.course/current"' \
	"the current chapter is remembered in the build tree (.course/current)"

$tmux send-keys -t learner q
check 'wait_for "course exited 0"' "q quits"
screen | diag

# course hint, from the shell, climbs the ladder of the first failure.
./course hint 02 > "$work/hint1.out" 2>&1
./course hint 02 > "$work/hint2.out" 2>&1
check 'grep -q "^Hint 2 of 3" "$work/hint1.out" && grep -q "^Hint 3 of 3" "$work/hint2.out"' \
	"./course hint gives the next step each time"

# Reset and restore: nothing the learner wrote is ever lost.
printf '\n/* my own note */\n' >> exercises/01-why.c
cp exercises/01-why.c "$work/mine.c"
./course reset 01 > "$work/reset.out" 2>&1
backup=$(sed -n 's|^Your version is kept in \(.*\);$|\1|p' "$work/reset.out")
check 'cmp -s exercises/01-why.c "$srcdir/tests/stubs/01-why.c"' "./course reset 01 puts the stub back"
check 'test -n "$backup" && cmp -s "$backup" "$work/mine.c"' \
	"and keeps the learner's version where it says ($backup)"
case $backup in "$tree"/backups/01-why-*.c) ok "the backup is in the build tree, timestamped" ;;
*) not_ok "the backup $backup is not backups/01-why-TIMESTAMP.c of the build tree" ;; esac
printf '\n/* typed after the reset */\n' >> exercises/01-why.c
cp exercises/01-why.c "$work/after.c"
./course restore 01 > "$work/restore.out" 2>&1
check 'cmp -s exercises/01-why.c "$work/mine.c"' "./course restore 01 brings the learner's version back"
kept=$(sed -n 's|^What exercises/01-why.c held is kept in \(.*\)\.$|\1|p' "$work/restore.out")
check 'test -n "$kept" && cmp -s "$kept" "$work/after.c"' \
	"and keeps what was typed since the reset as well"
./course reset 01 > /dev/null 2>&1 && ./course reset 01 > "$work/reset2.out" 2>&1
check 'grep -q "already the stub" "$work/reset2.out" && test "$(ls backups | grep -c "^01-why-")" -eq 3' \
	"resetting a stub again makes no empty backup"
diag "$work/reset.out" "$work/restore.out"
./course restore 01 > /dev/null 2>&1

# Where the learner stands: 01 done, 02 not started, whoever is asked.
./course status > "$work/status.out" 2>&1
check 'grep -q "01 Why activation functions .* done" "$work/status.out" &&
	grep -q "02 Linear (identity) .*not started" "$work/status.out"' \
	"./course status: 01 done, 02 not started"
CHAPTER_NEEDS= sh "$srcdir/learner/progress.sh" . exercises "$work/progress.css" 01-why 02-linear
check 'sed -n "/li\[value=\"1\"\]/,/content/p" "$work/progress.css" | grep -q "content: \"✓ done\"" &&
	sed -n "/li\[value=\"2\"\]/,/content/p" "$work/progress.css" | grep -q "content: \"not started\""' \
	"the book's contents mark 01 done and 02 not started"
make memcheck MEMCHECK_CHAPTERS="01-why 02-linear" MEMCHECK_VALGRIND=no > "$work/memcheck.out" 2>&1
check 'grep -q "01 Why activation functions  *done  *clean" "$work/memcheck.out" &&
	grep -q "02 Linear (identity)  *not started  *clean" "$work/memcheck.out"' \
	"make memcheck: 01 done and clean, 02 not started"

# A loop one past the end of the arrays, and make memcheck names the
# function and the line.
sed 's/for (size_t i = 0; i < n_out; i++) {/for (size_t i = 0; i <= n_out; i++) {/' \
	"$srcdir/solutions/01-why.c" > "$work/overflow.c"
save "$work/overflow.c" 01-why.c
make memcheck MEMCHECK_CHAPTERS=01-why MEMCHECK_VALGRIND=no > "$work/memcheck2.out" 2>&1
check 'grep -Eq "\((READ|WRITE) of 8 bytes\) in dense_forward at exercises/01-why.c:[0-9]" "$work/memcheck2.out"' \
	"make memcheck reports the out-of-bounds access in dense_forward with its line"
./course status > "$work/status2.out" 2>&1
check 'grep -q "01 Why activation functions .*make memcheck finds a memory error" "$work/status2.out"' \
	"and the scoreboard says so"
diag "$work/memcheck2.out"

echo "1..$n"
test "$failed" -eq 0
