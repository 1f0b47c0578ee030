# Chapter 01: one network, three activations.  The same weights (1 input,
# 3 hidden units, 1 output; docs/figures/why-collapse.sh) with f = linear,
# relu and tanh, from the reference `activate`; the circles are the single
# layer W = W2 W1, b = W2 b1 + b2, computed from the weights alone.
set datafile separator whitespace
set xrange [-3:3]
set yrange [-3.2:7]
set xlabel 'x'
set ylabel 'network output y'
# Top left, above the relu curve.
set key at -2.9, 6.9 left top Left reverse
set table $D
plot '< sh "$srcdir/docs/figures/why-collapse.sh"' using 1:2:3:4:5 with table
unset table
plot $D using 1:2 with lines lt 1 title 'linear', \
     $D using 1:5 every 5 with points lt 7 pt 6 ps 0.8 title 'W_2W_1 x + W_2b_1 + b_2', \
     $D using 1:3 with lines lt 2 title 'relu', \
     $D using 1:4 with lines lt 3 title 'tanh'
