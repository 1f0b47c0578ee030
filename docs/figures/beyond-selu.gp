# Chapter 12: SELU beside ELU (alpha = 1) and ReLU, with the derivatives
# below; SELU's slope is lambda = 1.0507 on the right and lambda alpha =
# 1.7581 where the left side meets 0.  Data from the reference `activate`.
set terminal svg size 640,620 dynamic enhanced font 'sans,14' background rgb 'white'
set xrange [-4:2]
set multiplot layout 2,1
set title 'the functions'
set key top left
set yrange [-2:2.4]
plot '< activate --table -4:2:0.02 relu' using 1:2 with lines lt 7 title 'relu', \
     '< activate --table -4:2:0.02 elu' using 1:2 with lines lt 2 title 'elu, α = 1', \
     '< activate --table -4:2:0.02 selu' using 1:2 with lines lt 1 title 'selu'
set title 'their derivatives'
set xlabel 'x'
set yrange [-0.1:1.9]
plot '< activate --table -4:0:0.02 relu' using 1:3 with lines lt 7 title "relu'", \
     '< activate --table 5e-324:2:0.02 relu' using 1:3 with lines lt 7 notitle, \
     '< activate --table -4:2:0.02 elu' using 1:3 with lines lt 2 title "elu'", \
     '< activate --table -4:0:0.02 selu' using 1:3 with lines lt 1 title "selu'", \
     '< activate --table 5e-324:2:0.02 selu' using 1:3 with lines lt 1 notitle
unset multiplot
