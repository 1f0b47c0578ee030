# Chapter 14: where one epoch of 784-256-128-10 goes, one thread, by the
# benchmark network's own clocks (bench/fastnet.c), from the committed
# bench/profile.tsv (make bench; a header line names the columns: run,
# forward, backward, activations, loss, update, other; seconds per epoch).
set datafile separator tab
set style data histograms
set style histogram rowstacked
set style fill solid 0.85 border -1
set boxwidth 0.6
set key top right
unset yzeroaxis
set ylabel 'seconds per epoch'
set yrange [0:*]
set xtics rotate by -20 left
data = '< cat "$srcdir/bench/profile.tsv"'
# Solid borders for every part (the style's fifth and later line types are dashed).
plot data using 2:xtic(1) lt 1 title 'dense forward', \
     '' using 3 lt 2 title 'dense backward', \
     '' using 4 lt 3 title 'activations', \
     '' using 5 lt 4 title 'loss', \
     '' using 6 lt 1 lc rgb '#E69F00' title 'update', \
     '' using 7 lt 1 lc rgb '#999999' title 'other'
