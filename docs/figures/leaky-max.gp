# Chapter 08: why max(alpha x, x) is the leaky ReLU only for alpha <= 1.
# With alpha = 2 the leaky ReLU (from the reference `activate`) is x on the
# right and 2x on the left; the max form, computed here by gnuplot from its
# own definition, picks the other line on each side.  The build sets the
# terminal.
set xrange [-3:3]
set yrange [-6.5:6.5]
set xlabel 'x'
maxform(x) = (2*x > x ? 2*x : x)
plot '< activate --param 2 --table -3:3:0.02 leaky_relu' using 1:2 with lines lt 1 title 'leaky relu, α = 2', \
     maxform(x) with lines lt 2 dt (8,4) title 'max(2x, x)'
