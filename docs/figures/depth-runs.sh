#!/bin/sh
# depth-runs.sh RUN...: chapter 13's depth experiment for several networks
# side by side, from `depth` (the reference one in the book).  Each RUN is
# "LABEL:DEPTH OPTIONS", e.g. "relu-he:--act relu --init he" (no comma in
# LABEL, which heads a CSV column).  Prints CSV
# with a header: layer, then the activations' and the gradients' variance of
# each run (columns 2, 3 for the first run, 4, 5 for the second, ...).
set -eu
tmp=${TMPDIR:-/tmp}/depth-runs.$$
trap 'rm -f "$tmp".*' EXIT
k=0
header=layer
for run in "$@"; do
	label=${run%%:*} opts=${run#*:}
	# shellcheck disable=SC2086 # the options are meant to split
	depth $opts | sed 1d | cut -d, -f2,3 > "$tmp.$k"
	header="$header,$label,$label-grad"
	k=$((k + 1))
done
echo "$header"
files=
i=0
while test $i -lt $k; do files="$files $tmp.$i"; i=$((i + 1)); done
# shellcheck disable=SC2086
paste -d, $files | awk -F, -v OFS=, '{ print NR, $0 }'
