#!/bin/sh
# manifest.sh WHAT MANIFEST: reads chapters/manifest for make.
#   chapters   the chapters, in order: 01-why 02-linear ...
#   suites     their suites: tests/01-why.test tests/02-linear.test ...
#   needs      CHAPTER:NEEDS for each chapter that needs others: 11-classifier:09-softmax
#   answers    the keys of the chapters with written answers: tests/answers/01-why.key ...
case $1 in
chapters) sed -n 's/^\([0-9][0-9]-[a-z0-9-]*\).*/\1/p' "$2" ;;
suites) sed -n 's|^\([0-9][0-9]-[a-z0-9-]*\).*|tests/\1.test|p' "$2" ;;
needs) sed -n 's/^\([0-9][0-9]-[a-z0-9-]*\)[	 ][	 ]*\([0-9][0-9a-z,-]*\).*/\1:\2/p' "$2" ;;
answers)
	for c in $(sed -n 's/^\([0-9][0-9]-[a-z0-9-]*\).*/\1/p' "$2"); do
		test -f "${2%/*}/../tests/answers/$c.key" && echo "tests/answers/$c.key"
	done ;;
*) echo "usage: manifest.sh chapters|suites|needs|answers MANIFEST" >&2; exit 2 ;;
esac
