# Chapter 05: sigmoid and tanh on the same axes, from the reference
# `activate`; the build sets the terminal.  tanh is the sigmoid stretched
# to (-1, 1) and squeezed along x: tanh x = 2σ(2x) − 1.
set xrange [-6:6]
set yrange [-1.1:1.1]
# No x label: the key sits below the axis.
set key below  # clear of the axes and the curves
plot '< activate --table -6:6:0.02 sigmoid tanh' using 1:2 with lines title 'σ(x), span (0, 1)', \
     '' using 1:4 with lines title 'tanh x, span (−1, 1)', \
     '< activate --table -3:3:0.25 sigmoid' using (0.5 * $1):(2 * $2 - 1) with points lt 7 pt 6 ps 0.8 title '2σ(2x) − 1'
