# Chapter 03: the step function and its derivative, one panel each, since
# both are 0 for x < 0 and would hide each other.  The filled dot is the value
# we take at 0 (step(0) = 0); the open circle is the limit from the right,
# drawn from step at the smallest positive double.
# Two panels: taller than the default 640 x 400, so each has room for its key.
set terminal svg size 640,620 dynamic enhanced font 'sans,14' background rgb 'white'
set xrange [-3:3]
set yrange [-0.3:1.3]
set ytics 0, 1, 1
set multiplot layout 2,1 margins 0.1, 0.97, 0.12, 0.97 spacing 0, 0.1
plot '< activate --table -3:0:0.01 step' using 1:2 with lines lt 1 title 'step(x)', \
     '< activate --table 5e-324:3:0.01 step' using 1:2 with lines lt 1 notitle, \
     '< activate --table 0:0:1 step' using 1:2 with points lt 1 pt 7 ps 1.3 title 'step(0) = 0', \
     '< activate --table 5e-324:5e-324:1 step' using 1:2 with points lt 1 pt 6 ps 1.3 title 'limit from the right'
set xlabel 'x'
set key top left  # clear of the y axis
plot '< activate --table -3:3:0.01 step' using 1:3 with lines lt 2 title "step'(x) = 0, at 0 too"
unset multiplot
