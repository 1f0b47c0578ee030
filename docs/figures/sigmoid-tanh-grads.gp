# Chapter 05: the derivatives of sigmoid and tanh side by side, from the
# reference `activate`; the build sets the terminal.  At most 1/4 for the
# sigmoid, at most 1 for tanh, and both fall to 0 within a few units.
set xrange [-6:6]
set yrange [-0.02:1.05]
# No x label: the key sits below the axis.
set key below  # clear of the axes and the curves
plot '< activate --table -6:6:0.02 sigmoid tanh' using 1:3 with lines title "σ'(x), at most 1/4", \
     '' using 1:5 with lines title "tanh' x, at most 1"
