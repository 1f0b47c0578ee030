# Chapter 05: tanh and its derivative, from the reference `activate`; the
# build sets the terminal.  The derivative peaks at x = 0 with 1.
set xrange [-5:5]
set yrange [-1.1:1.1]
# No x label: the key sits below the axis.
set key below  # clear of the axes and the curves
plot '< activate --table -5:5:0.02 tanh' using 1:2 with lines title 'tanh x', \
     '' using 1:3 with lines title "tanh' x = 1 − tanh² x"
