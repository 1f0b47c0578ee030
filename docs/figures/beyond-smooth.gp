# Chapter 12: the smooth relatives of ReLU on one plot, functions on top,
# derivatives below: softplus, SiLU, GELU and Mish, with ReLU dashed.  Data
# from the reference `activate`; the build sets the terminal.
set terminal svg size 640,620 dynamic enhanced font 'sans,14' background rgb 'white'
set xrange [-5:3]
set multiplot layout 2,1
set title 'the functions'
set key top left
set yrange [-0.6:3.2]
plot '< activate --table -5:3:0.02 relu softplus silu gelu mish' \
        using 1:2 with lines lt 7 title 'relu', \
     '' using 1:4 with lines lt 1 title 'softplus', \
     '' using 1:6 with lines lt 2 title 'silu', \
     '' using 1:8 with lines lt 3 title 'gelu', \
     '' using 1:10 with lines lt 4 title 'mish'
set title 'their derivatives'
set xlabel 'x'
set yrange [-0.25:2.1]
plot '< activate --table -5:0:0.02 relu' using 1:3 with lines lt 7 title "relu'", \
     '< activate --table 5e-324:3:0.02 relu' using 1:3 with lines lt 7 notitle, \
     '< activate --table -5:3:0.02 softplus silu gelu mish' \
        using 1:3 with lines lt 1 title "softplus'", \
     '' using 1:5 with lines lt 2 title "silu'", \
     '' using 1:7 with lines lt 3 title "gelu'", \
     '' using 1:9 with lines lt 4 title "mish'"
unset multiplot
