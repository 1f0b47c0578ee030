#!/bin/bash
# course.sh: the learner's loop, run as ./course in a build tree (make
# writes ./course with COURSE_SRCDIR, COURSE_IMPL, COURSE_MAKE and
# COURSE_BUILD set; learner/local.mk).  README.md, "How you work", is its
# manual; `./course help` its summary.
#
# It only ever writes to exercises/ when told to (reset, restore), and then
# keeps what it replaces in backups/ of the build tree first.  Its memory
# between runs (the chapter you are on, how far up the hint ladder you are)
# is in .course/ of the build tree.
set -u
src=$COURSE_SRCDIR impl=$COURSE_IMPL build=$COURSE_BUILD
make=${COURSE_MAKE:-make}
cd "$build" || exit 1
mem=.course
backups=backups
mkdir -p "$mem"

chapters=$(sh "$src/scripts/manifest.sh" chapters "$src/chapters/manifest")
CHAPTER_NEEDS=$(sh "$src/scripts/manifest.sh" needs "$src/chapters/manifest")
export CHAPTER_NEEDS

# How many failing checks the screen shows in full.
FULL=3

# Bold, red, green and links only on a terminal.
if test -t 1 && test "${TERM:-dumb}" != dumb; then
	B=$'\e[1m' R=$'\e[31m' G=$'\e[32m' N=$'\e[0m'
	links=${COURSE_LINKS:-yes}
else
	B= R= G= N= links=no
fi
cols=$(tput cols 2>/dev/null || echo 80)
test "$cols" -ge 40 2>/dev/null || cols=80

die() { echo "course: $*" >&2; exit 2; }

usage() {
	cat <<EOF
course: the learner's loop (README.md, "How you work").

  ./course watch [NN]    grade the chapter you are on at every save in
                         $impl/, show its failing checks and a hint, move
                         on when it passes (keys: h hint, r grade again,
                         n next chapter, q quit)
  ./course check [NN]    grade once and show the same screen
  ./course check --memcheck [NN]
                         grade under the memory checkers (make memcheck)
  ./course hint [NN]     the next hint for the first failing check
  ./course status        the scoreboard, from the last grading
  ./course reset NN      put exercise NN back to its stub (yours is kept in
                         $backups/, and the command says where)
  ./course restore NN [FILE]
                         bring back your newest backup of NN (or FILE)

NN is a chapter's number (04) or name (04-sigmoid, sigmoid).
EOF
}

# The chapter NN-slug named by $1: 04, 4, 04-sigmoid or sigmoid.
chapter() {
	local c a=$1
	case $a in [0-9]) a=0$a ;; esac
	for c in $chapters; do
		case $a in "$c" | "${c%%-*}" | "${c#*-}") echo "$c"; return 0 ;; esac
	done
	die "no chapter is called '$1': use its number, one of $(echo $chapters | sed 's/-[a-z0-9-]*//g')"
}

# "Sigmoid", from the chapter's first line.
title() {
	sed -n '1{s/^# *//;s/ *{#.*//;p;}' "$src/chapters/$1.md" 2>/dev/null
}

# "CHAPTER STATE PASSED TOTAL" for every chapter, as the scoreboard sees it.
states() {
	sh "$src/tests/scoreboard.sh" --states "$src" "$impl" $chapters
}

# The scoreboard's state of one chapter: sets st, passed, total.
state_of() {
	read -r _ st passed total <<< "$(states | grep "^$1 ")"
}

# True when the chapter's results are older than its files (or missing).
stale() {
	local f
	test -f "tests/$1.trs" || return 0
	for f in "$src/$impl/$1.c" "$src/$impl/$1.answers"; do
		test -f "$f" && test "$f" -nt "tests/$1.trs" && return 0
	done
	test -f "tests/answers/$1.trs" || ! test -f "$src/tests/answers/$1.key" || return 0
	return 1
}

# Grades one chapter (make grade-NN), quietly; its output is in .course/grade.out.
grade() {
	date +%H:%M:%S > "$mem/graded-at"
	"$make" -s "grade-${1%%-*}" > "$mem/grade.out" 2>&1
}

# Grades every chapter you have touched whose results are older than it.
refresh() {
	local c s
	while read -r c s _; do
		test "$s" = unstarted && continue
		stale "$c" && grade "$c"
	done <<< "$(states)"
}

# The failing checks of a chapter, one per line: "FILE:CASE:CHECK: MESSAGE".
failures() {
	cat "tests/$1.log" "tests/answers/$1.log" 2>/dev/null |
		sed -n 's/^not ok [0-9]* - //p'
}

# A clickable link to FILE#ANCHOR (OSC 8) in a terminal that shows them;
# elsewhere, and always, the path itself is the text.
link() {
	local path=$1 text=$1
	if test "$links" = yes; then
		printf '\e]8;;file://%s/%s\e\\%s\e]8;;\e\\' "$build" "$path" "$text"
	else
		printf '%s' "$text"
	fi
}

# Where the book explains a message's "(see 04-sigmoid.md, "The function")":
# prints "docs/html/04-sigmoid.html#sigmoid-function" (linked), or the
# chapter's file and section when the book is not built.
section_of() {
	local msg=$1 page heading id
	[[ $msg =~ see\ ([0-9][0-9]-[a-z0-9-]*)\.md,\ \"([^\"]*)\" ]] || return 1
	page=${BASH_REMATCH[1]} heading=${BASH_REMATCH[2]}
	id=$(grep -m1 -F "# $heading {#" "$src/chapters/$page.md" 2>/dev/null |
		sed 's/.*{#\([^ }]*\).*/\1/')
	if test -n "$id" && test -f "docs/html/$page.html"; then
		link "docs/html/$page.html#$id"
	elif test -n "$id"; then
		printf 'chapters/%s.md, section "%s" (make html builds the book)' "$page" "$heading"
	else
		printf 'chapters/%s.md, "%s"' "$page" "$heading"
	fi
}

# The hint ladder of a check, from tests/hints/CHAPTER.md: `ladder CHAPTER
# CASE CHECK MESSAGE N` prints step N of the first section that exists of
# "## CASE:CHECK", "## CHECK", "## FUNCTION" for each function the message
# names ("act_sigmoid(0) returned ..."), and "## CASE"; with N = count, it
# prints the number of steps of that ladder instead.
ladder() {
	local file=$src/tests/hints/$1.md key steps
	test -f "$file" || return 1
	for key in "$2:$3" "$3" $(grep -o '[a-z_][a-z0-9_]*(' <<< "$4" | tr -d '(') "$2"; do
		steps=$(awk -v key="$key" '
			/^## / { in_ = ($2 == key); next }
			in_ && /^[0-9]+\. / { n = $1 + 0 }
			END { print n + 0 }' "$file")
		test "$steps" -gt 0 || continue
		if test "$5" = count; then echo "$steps"; return 0; fi
		awk -v key="$key" -v want="$5" '
			/^## / { in_ = ($2 == key); next }
			!in_ { next }
			/^[0-9]+\. / { n = $1 + 0; sub(/^[0-9]+\. /, "") }
			n == want { sub(/^   /, ""); print }' "$file" | sed -e :a -e '/^\n*$/{$d;N;ba' -e '}'
		return 0
	done
	return 1
}

# Folds text to the terminal's width, indented by $1 spaces.
indent() {
	local pad
	pad=$(printf '%*s' "$1" '')
	fold -s -w $((cols - $1 - 1)) | sed "s/^/$pad/"
}

# [#########-----------] 3 of 11 chapters done
progress() {
	local c s p t done=0 all=0 width=30 fill
	while read -r c s p t; do
		all=$((all + 1))
		test "$s" = done && done=$((done + 1))
	done <<< "$(states)"
	fill=$((done * width / all))
	printf 'Course [%s%s] %d of %d chapters done\n' \
		"$(printf '%*s' "$fill" '' | tr ' ' '#')" \
		"$(printf '%*s' $((width - fill)) '' | tr ' ' '-')" "$done" "$all"
}

# The chapters CHAPTER's code calls that are not done yet.
waiting_on() {
	local pair n w=
	for pair in $CHAPTER_NEEDS; do
		case $pair in "$1":*)
			for n in $(echo "${pair#*:}" | tr ',' ' '); do
				state_of "$n"
				test "$st" = done || w="$w ${n%%-*}"
			done ;;
		esac
	done
	echo $w
}

# The screen for one chapter: its state, the course's progress, its failing
# checks (the first few in full), the first step of the hint ladder.
show() {
	local ch=$1 nn=${1%%-*} line rows n=0 more=0 lines checks file tcase check msg where hint steps w
	state_of "$ch"
	case $st in
	done) verdict="${G}done${N}: all $total checks pass" ;;
	unstarted) verdict="not started" ;;
	broken) verdict="${R}does not compile${N}" ;;
	ungraded) verdict="not graded yet" ;;
	*) verdict="in progress: $passed of $total checks pass" ;;
	esac
	echo "${B}Chapter $nn, $(title "$ch")${N}: $verdict   (graded $(cat "$mem/graded-at" 2>/dev/null))"
	progress
	echo
	w=$(waiting_on "$ch")
	test -z "$w" || echo "Note: this chapter calls your chapter $w, which is not done yet: some checks fail because of it." | indent 0
	if test "$st" = broken; then
		echo "${R}✗${N} $impl/$ch.c does not compile; the compiler says:"
		head -n 20 "impl/$ch.err" | indent 4
		echo
		echo "Fix the first error first: the others often follow from it."
		return
	fi
	if test "$st" = unstarted; then
		if test -f "$src/$impl/$ch.answers"; then
			echo "Read chapters/$ch.md, then write the TODOs of $impl/$ch.c and the answers in $impl/$ch.answers; every save grades them." | indent 0
		else
			echo "Read chapters/$ch.md, then write the TODOs of $impl/$ch.c; every save grades them." | indent 0
		fi
		test -f "docs/html/$ch.html" && echo "In the book: $(link "docs/html/$ch.html")"
		echo "What the untouched stub fails:"
		echo
	fi
	# One entry per failing check, in order: "ROWS<tab>its first line".
	while IFS=$'\t' read -r rows line; do
		test -n "$line" || continue
		n=$((n + 1))
		if test "$n" -gt "$FULL"; then more=$((more + 1)); continue; fi
		if [[ $line =~ ^([^:\ ]+):([^:\ ]+):([^:\ ]+):\ (.*)$ ]]; then
			file=${BASH_REMATCH[1]} tcase=${BASH_REMATCH[2]}
			check=${BASH_REMATCH[3]} msg=${BASH_REMATCH[4]}
		else
			file= tcase= check=$line msg=
		fi
		echo "${R}✗${N} ${B}$check${N}${tcase:+  ($tcase, $file)}"
		test -z "$msg" || echo "$msg" | indent 4
		test "$rows" -le 1 || echo "    (and $((rows - 1)) more rows of this check)"
		if where=$(section_of "$msg"); then
			echo "    Read: $where"
		fi
		if test "$n" -eq 1 && hint=$(ladder "$ch" "$tcase" "$check" "$msg" 1) && test -n "$hint"; then
			echo "Hint: $hint" | indent 4
			steps=$(ladder "$ch" "$tcase" "$check" "$msg" count)
			if test "$steps" -gt 2; then echo "    ($((steps - 1)) more hints: ./course hint, or h here)"
			elif test "$steps" -eq 2; then echo "    (1 more hint: ./course hint, or h here)"; fi
		fi
	done <<< "$(failures "$ch" | awk '
		{ k = $0; sub(/: .*/, "", k) }
		!(k in rows) { order[++n] = k; first[k] = $0 }
		{ rows[k]++ }
		END { for (i = 1; i <= n; i++) printf "%d\t%s\n", rows[order[i]], first[order[i]] }')"
	if test "$more" -gt 0; then
		lines=$(failures "$ch" | wc -l)
		echo
		test "$more" -eq 1 && checks=check || checks=checks
		echo "... and $more more failing $checks ($lines failing lines in all): make grade-$nn lists them all."
	fi
}

# The next chapter after $1 that is not done, wrapping round; none if all are.
next_chapter() {
	local c s after=no cand=
	while read -r c s _; do
		if test "$c" = "$1"; then after=yes; continue; fi
		test "$s" = done && continue
		if test $after = yes; then echo "$c"; return; fi
		test -n "$cand" || cand=$c
	done <<< "$(states)"
	echo "$cand"
}

# The chapter to work on: the one named, else the remembered one, else the
# first that is not done.
current() {
	if test $# -gt 0 && test -n "$1"; then chapter "$1"; return; fi
	if test -s "$mem/current" && grep -qx "$(cat "$mem/current")" <<< "$chapters"; then
		cat "$mem/current"
		return
	fi
	states | awk '$2 != "done" { print $1; exit }'
}

# The first failing check's case, name and message: sets tcase, check, msg.
first_failure() {
	local line
	line=$(failures "$1" | head -n 1)
	test -n "$line" || return 1
	if [[ $line =~ ^([^:\ ]+):([^:\ ]+):([^:\ ]+):\ (.*)$ ]]; then
		tcase=${BASH_REMATCH[2]} check=${BASH_REMATCH[3]} msg=${BASH_REMATCH[4]}
	else
		tcase= check=$line msg=$line
	fi
}

# course hint: the next step of the ladder for the first failing check.
hint() {
	local ch=$1 step=2 was wstep tcase check msg steps
	stale "$ch" && grade "$ch"
	state_of "$ch"
	if test "$st" = done; then
		echo "Chapter ${ch%%-*} passes every check: no hint needed."
		return 0
	fi
	if test "$st" = broken; then
		echo "$impl/$ch.c does not compile: the compiler's first message is the hint (./course check ${ch%%-*})."
		return 0
	fi
	first_failure "$ch" || { echo "No failing check for chapter ${ch%%-*} yet: grade it first."; return 0; }
	if test -f "$mem/hint" && read -r was wstep < "$mem/hint" && test "$was" = "$ch:$tcase:$check"; then
		step=$((wstep + 1))
	fi
	if ! steps=$(ladder "$ch" "$tcase" "$check" "$msg" count); then
		echo "There is no hint ladder for $check yet: the message of the check and the section it names are the hint."
		return 0
	fi
	test "$step" -le "$steps" || step=$steps
	echo "$ch:$tcase:$check $step" > "$mem/hint"
	echo "${B}Hint $step of $steps${N} for $check ($tcase):"
	ladder "$ch" "$tcase" "$check" "$msg" "$step" | indent 2
	if test "$step" -eq "$steps"; then
		echo
		if test "$tcase" = questions; then
			echo "That is the last hint for this question. Still stuck? solutions/$ch.answers has the answers, and the instructor's edition of the book (make html-instructor) explains them." | indent 0
		else
			echo "That is the last hint for this check. Still stuck? solutions/$ch.c is the reference (README: \"Solutions and the honour rule\")." | indent 0
		fi
	fi
}

# A backup name that does not exist yet: backups/04-sigmoid-2025-01-31-140509.c
backup_name() {
	local b
	while :; do
		b=$backups/$1-$(date +%Y-%m-%d-%H%M%S).${2}
		test -e "$b" || { echo "$b"; return; }
		sleep 1
	done
}

# Copies FILE to a new backup of CHAPTER (extension EXT), checks the copy,
# and prints its name.
keep() {
	local b
	mkdir -p "$backups" || return 1
	b=$(backup_name "$2" "$3")
	cp -p "$1" "$b" && cmp -s "$1" "$b" || { echo "course: could not back up $1 into $b: nothing changed" >&2; return 1; }
	echo "$b"
}

# Replaces DEST by SRC without a moment in which DEST is half written.
replace() {
	cp "$1" "$2.course-tmp" && mv -f "$2.course-tmp" "$2"
}

learner_only() {
	test "$impl" = exercises ||
		die "this build grades $impl/ (configure --with-solutions): reset and restore only touch exercises/"
}

reset() {
	local ch=$1 file=$src/$impl/$1.c stub=$src/tests/stubs/$1.c b
	learner_only
	test -f "$stub" || die "tests/stubs/$ch.c is missing: this tree has no pristine stub to reset to"
	if cmp -s "$stub" "$file"; then
		echo "$impl/$ch.c is already the stub: nothing to do."
		return 0
	fi
	if test -f "$file"; then
		b=$(keep "$file" "$ch" c) || exit 1
	fi
	replace "$stub" "$file" || die "could not write $impl/$ch.c"
	echo "$impl/$ch.c is the stub again."
	test -n "${b:-}" && echo "Your version is kept in $build/$b;" &&
		echo "./course restore ${ch%%-*} brings it back."
	test -f "$src/$impl/$ch.answers" && echo "(Your answers, $impl/$ch.answers, are untouched.)"
	rm -f "$mem/hint"
	return 0
}

# True when FILE is the same as one of the backups that follow it.
kept() {
	local f file=$1
	shift
	for f; do cmp -s "$f" "$file" && return 0; done
	return 1
}

restore() {
	local ch=$1 file=$src/$impl/$1.c from=${2:-} b list
	learner_only
	list=$(ls "$backups/$ch"-*.c 2>/dev/null | sort)
	if test -z "$from"; then
		from=$(echo "$list" | tail -n 1)
		test -n "$from" || die "there is no backup of chapter ${ch%%-*} in $build/$backups/"
	fi
	test -f "$from" || die "no backup $from (./course restore ${ch%%-*} lists them)"
	if cmp -s "$from" "$file"; then
		echo "$impl/$ch.c is already $from: nothing to do."
		return 0
	fi
	# What is there now is kept too, unless it is the stub or already kept.
	if test -f "$file" && ! cmp -s "$file" "$src/tests/stubs/$ch.c" &&
		! kept "$file" $list; then
		b=$(keep "$file" "$ch" c) || exit 1
		echo "What $impl/$ch.c held is kept in $build/$b."
	fi
	replace "$from" "$file" || die "could not write $impl/$ch.c"
	echo "$impl/$ch.c is your version from $from again."
	if test "$(echo "$list" | wc -l)" -gt 1; then
		echo "All the backups of chapter ${ch%%-*} (./course restore ${ch%%-*} FILE brings back one):"
		echo "$list" | sed 's/^/  /'
	fi
	rm -f "$mem/hint"
}

# The chapter a saved file belongs to, if it is an exercise or answers file.
chapter_of_file() {
	local c
	for c in $chapters; do
		case $1 in "$c.c" | "$c.answers") echo "$c"; return 0 ;; esac
	done
	return 1
}

# One screen: graded and shown, moving on when the chapter is done.
screen() {
	local ch=$1 banner=
	grade "$ch"
	state_of "$ch"
	if test "$st" = done && test "$interactive" = yes; then
		local next
		next=$(next_chapter "$ch")
		if test -n "$next" && test "$next" != "$ch"; then
			banner="${G}✓ Chapter ${ch%%-*}, $(title "$ch"), is done: every check passes.${N} On to chapter ${next%%-*}."
			ch=$next
			echo "$ch" > "$mem/current"
			grade "$ch"
		elif test -z "$next"; then
			banner="${G}✓ Every chapter is done.${N} Well done: ./classify trains a network on your code."
		fi
	fi
	test "$interactive" = yes && printf '\e[H\e[2J\e[3J'
	test -z "$banner" || { echo "$banner"; echo; }
	show "$ch"
	echo
	if test "$interactive" = yes; then
		echo "Watching $impl/: save a file there to grade again.  h hint  r grade again  n next chapter  q quit"
	fi
	current_chapter=$ch
}

watch() {
	local ch key changed f c
	local inotifywait=${COURSE_INOTIFYWAIT:-inotifywait}
	command -v "$inotifywait" > /dev/null ||
		die "watch needs inotifywait, from Debian's inotify-tools package: sudo apt-get install inotify-tools"
	interactive=yes
	echo "Grading the chapters you have changed since the last grading..."
	refresh
	ch=$(current "${1:-}")
	echo "$ch" > "$mem/current"
	coproc WATCH { exec "$inotifywait" -m -q -e close_write -e moved_to --format '%f' "$src/$impl"; }
	# Keys typed while the screen is drawn must not be echoed onto it.
	local tty=
	if test -t 0; then tty=$(stty -g); stty -echo; fi
	trap 'kill "$WATCH_PID" 2> /dev/null; test -z "$tty" || stty "$tty"; exit 0' EXIT INT TERM
	sleep 0.2
	screen "$ch"
	ch=$current_chapter
	while :; do
		key=
		if test -t 0; then
			read -rsn1 -t 0.3 key || key=
		else
			sleep 0.3
		fi
		changed=
		while read -r -t 0.05 -u "${WATCH[0]}" f; do
			c=$(chapter_of_file "$f") && changed=$c
		done
		if test -n "$changed"; then
			# An editor may write a file in several steps: let it finish.
			sleep 0.1
			while read -r -t 0.05 -u "${WATCH[0]}" f; do
				c=$(chapter_of_file "$f") && changed=$c
			done
			ch=$changed
			echo "$ch" > "$mem/current"
			screen "$ch"
			ch=$current_chapter
			continue
		fi
		case $key in
		q | Q) echo; exit 0 ;;
		h | H) echo; hint "$ch" ;;
		r | R | '') test -n "$key" || continue; screen "$ch"; ch=$current_chapter ;;
		n | N)
			c=$(next_chapter "$ch")
			test -n "$c" || c=$(echo "$chapters" | awk -v c="$ch" 'f { print; exit } $0 == c { f = 1 }')
			test -n "$c" && ch=$c
			echo "$ch" > "$mem/current"
			screen "$ch"; ch=$current_chapter ;;
		esac
	done
}

interactive=no
cmd=${1:-help}
test $# -gt 0 && shift
case $cmd in
watch)
	test $# -eq 0 || chapter "$1" > /dev/null || exit 2
	watch "$@" ;;
check)
	memcheck=no
	if test "${1:-}" = --memcheck; then memcheck=yes; shift; fi
	ch=$(current "${1:-}") || exit 2
	echo "$ch" > "$mem/current"
	if test $memcheck = yes; then
		"$make" -s memcheck-suites MEMCHECK_CHAPTERS="$ch"
		exit
	fi
	screen "$ch"
	state_of "$ch"
	test "$st" = done ;;
hint)
	ch=$(current "${1:-}") || exit 2
	hint "$ch" ;;
status) SCOREBOARD_BY=course sh "$src/tests/scoreboard.sh" "$src" "$impl" $chapters ;;
reset)
	test $# -ge 1 || die "which chapter? ./course reset NN"
	ch=$(chapter "$1") || exit 2
	reset "$ch" ;;
restore)
	test $# -ge 1 || die "which chapter? ./course restore NN"
	ch=$(chapter "$1") || exit 2
	restore "$ch" "${2:-}" ;;
help | -h | --help) usage ;;
*) usage >&2; exit 2 ;;
esac
