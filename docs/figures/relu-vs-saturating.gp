# Chapter 07: ReLU beside sigmoid and tanh (chapters 04 and 05), functions on
# top, derivatives below.  Data from the reference `activate`; the build sets
# the terminal.
# Two panels: taller than the default 640 x 400, so each has room for its key.
set terminal svg size 640,620 dynamic enhanced font 'sans,14' background rgb 'white'
set xrange [-4:4]
set key top left
set multiplot layout 2,1
set title 'the functions'
set yrange [-1.2:2.2]
plot '< activate --table -4:4:0.02 relu sigmoid tanh' using 1:2 with lines lt 1 title 'relu', \
     '' using 1:4 with lines lt 3 title 'sigmoid', \
     '' using 1:6 with lines lt 4 title 'tanh'
set title 'their derivatives'
set xlabel 'x'
set yrange [-0.1:1.2]
plot '< activate --table -4:0:0.02 relu' using 1:3 with lines lt 1 title "relu'", \
     '< activate --table 5e-324:4:0.02 relu' using 1:3 with lines lt 1 notitle, \
     '< activate --table -4:4:0.02 sigmoid tanh' using 1:3 with lines lt 3 title "sigmoid'", \
     '' using 1:5 with lines lt 4 title "tanh'"
unset multiplot
