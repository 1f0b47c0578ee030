# Chapter 12: the hard functions beside the smooth ones they stand in for:
# hard sigmoid and sigmoid (top), hard swish and SiLU (bottom).  Data from
# the reference `activate`; the build sets the terminal.
set terminal svg size 640,620 dynamic enhanced font 'sans,14' background rgb 'white'
set xrange [-6:6]
set multiplot layout 2,1
set title 'hard sigmoid and sigmoid'
set key top left
set yrange [-0.1:1.1]
plot '< activate --table -6:6:0.02 sigmoid hardsigmoid' using 1:2 with lines lt 2 title 'sigmoid', \
     '' using 1:4 with lines lt 1 title 'hardsigmoid'
set title 'hard swish and SiLU'
set xlabel 'x'
set yrange [-0.8:6.2]
plot '< activate --table -6:6:0.02 silu hardswish' using 1:2 with lines lt 2 title 'silu', \
     '' using 1:4 with lines lt 1 title 'hardswish'
unset multiplot
