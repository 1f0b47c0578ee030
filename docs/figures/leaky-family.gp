# Chapter 08: the ReLU family on one plot, functions on top, derivatives
# below: ReLU, leaky ReLU with alpha = 0.1 (bigger than the usual 0.01, so
# that the slope shows), ELU with alpha = 1.  Data from the reference
# `activate`; the build sets the terminal.
# Two panels: taller than the default 640 x 400, so each has room for its key.
set terminal svg size 640,620 dynamic enhanced font 'sans,14' background rgb 'white'
set xrange [-4:2]
set key top left
set multiplot layout 2,1
set title 'the functions'
set yrange [-1.2:2.2]
plot '< activate --table -4:2:0.02 relu' using 1:2 with lines lt 7 title 'relu', \
     '< activate --param 0.1 --table -4:2:0.02 leaky_relu' using 1:2 with lines lt 1 title 'leaky relu, α = 0.1', \
     '< activate --param 1 --table -4:2:0.02 elu' using 1:2 with lines lt 2 title 'elu, α = 1'
set title 'their derivatives'
set xlabel 'x'
set yrange [-0.1:1.2]
plot '< activate --table -4:0:0.02 relu' using 1:3 with lines lt 7 title "relu'", \
     '< activate --table 5e-324:2:0.02 relu' using 1:3 with lines lt 7 notitle, \
     '< activate --param 0.1 --table -4:0:0.02 leaky_relu' using 1:3 with lines lt 1 title "leaky relu'", \
     '< activate --param 0.1 --table 5e-324:2:0.02 leaky_relu' using 1:3 with lines lt 1 notitle, \
     '< activate --param 1 --table -4:2:0.02 elu' using 1:3 with lines lt 2 title "elu'"
unset multiplot
