# Chapter 08: ELU for three alphas (1/2, 1, and SELU's 1.6733) with its
# derivative; the dashed line is ReLU.  The derivative is continuous at 0
# only for alpha = 1.  Data from the reference `activate`; the build sets the
# terminal.
# Two panels: taller than the default 640 x 400, so each has room for its key.
set terminal svg size 640,620 dynamic enhanced font 'sans,14' background rgb 'white'
set xrange [-5:2]
set multiplot layout 2,1
set title 'elu(x)'
set key top left
set yrange [-1.9:2.8]
plot '< activate --table -5:2:0.02 relu' using 1:2 with lines lt 7 title 'relu', \
     '< activate --param 0.5 --table -5:2:0.02 elu' using 1:2 with lines lt 3 title 'α = 0.5', \
     '< activate --param 1 --table -5:2:0.02 elu' using 1:2 with lines lt 2 title 'α = 1', \
     '< activate --param 1.6732632423543772 --table -5:2:0.02 elu' using 1:2 with lines lt 4 title 'α = 1.6733 (SELU)'
set title "elu'(x)"
set key top left
set xlabel 'x'
set yrange [-0.1:1.8]
plot '< activate --param 0.5 --table -5:0:0.02 elu' using 1:3 with lines lt 3 title 'α = 0.5', \
     '< activate --param 0.5 --table 5e-324:2:0.02 elu' using 1:3 with lines lt 3 notitle, \
     '< activate --param 1 --table -5:2:0.02 elu' using 1:3 with lines lt 2 title 'α = 1', \
     '< activate --param 1.6732632423543772 --table -5:0:0.02 elu' using 1:3 with lines lt 4 title 'α = 1.6733', \
     '< activate --param 1.6732632423543772 --table 5e-324:2:0.02 elu' using 1:3 with lines lt 4 notitle
unset multiplot
