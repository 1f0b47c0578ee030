# Chapter 07: ReLU and its derivative, one panel each.  The derivative jumps
# at 0: the filled dot is the value we take there (relu'(0) = 0), the open
# circle the limit from the right, drawn at the smallest positive double.
# Data from the reference `activate`; the build sets the terminal and the
# shared style (style.gp).
# Two panels: taller than the default 640 x 400, so each has room for its key.
set terminal svg size 640,620 dynamic enhanced font 'sans,14' background rgb 'white'
set xrange [-3:3]
set multiplot layout 2,1
set title 'relu(x) = max(0, x)'
unset key
set yrange [-0.5:3.2]
plot '< activate --table -3:3:0.01 relu' using 1:2 with lines lt 1 notitle
set title "relu'(x)"
set key top left
set xlabel 'x'
set yrange [-0.3:1.3]
set ytics 0, 1, 1
plot '< activate --table -3:0:0.01 relu' using 1:3 with lines lt 2 notitle, \
     '< activate --table 5e-324:3:0.01 relu' using 1:3 with lines lt 2 notitle, \
     '< activate --table 0:0:1 relu' using 1:3 with points pt 7 ps 1.3 lt 2 title "relu'(0) = 0", \
     '< activate --table 5e-324:5e-324:1 relu' using 1:3 with points pt 6 ps 1.3 lt 2 title 'limit from the right'
unset multiplot
