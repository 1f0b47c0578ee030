# Chapter 09: softmax(z / T) of z = [2.0, 1.0, 0.1] against the temperature
# T, on a log scale; data from docs/figures/softmax-temperature.sh, which
# runs the reference `activate softmax`.  The build sets the terminal.
set datafile separator whitespace
set logscale x
set xrange [0.1:10]
set yrange [0:1.05]
set xlabel 'temperature T'
set ylabel 'probability'
set key top right
set arrow from 1, graph 0 to 1, graph 1 nohead dt 2 lc rgb '#888888'
# Left of the line, where no curve passes (right of it, class 1 did).
set label 'T = 1: plain softmax' at 0.93, 0.45 right
plot '< sh "$srcdir/docs/figures/softmax-temperature.sh"' using 1:2 with linespoints pt 7 ps 0.4 lt 1 title 'class 1 (z = 2.0)', \
     '' using 1:3 with linespoints pt 7 ps 0.4 lt 2 title 'class 2 (z = 1.0)', \
     '' using 1:4 with linespoints pt 7 ps 0.4 lt 3 title 'class 3 (z = 0.1)'
