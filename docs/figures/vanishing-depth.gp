# Chapter 06: |dy_L/dy_0| of a stack of L neurons y_{k+1} = f(w y_k), y_0 = 1,
# against L, on a log scale; the data come from docs/figures/vanishing-depth.sh,
# which runs the reference `activate` layer by layer.  The build sets the
# terminal.
set terminal svg size 640,480 dynamic enhanced font 'sans,14' background rgb 'white'
set logscale y
set format y '10^{%L}'
set xrange [1:30]
set yrange [1e-25:10]
set xlabel 'depth L'
set ylabel '|dy_L / dy_0|'
# Bottom left, under the curves (the figure is taller than the default for it).
set key bottom left Left reverse
# Run the script once into a datablock, not once per curve.
set table $D
plot '< sh "$srcdir/docs/figures/vanishing-depth.sh"' using 1:2:3:4:5:6 with table
unset table
set datafile separator whitespace
data = '$D'
plot data using 1:5 with linespoints pt 7 ps 0.5 title 'ReLU, w = 1', \
     data using 1:3 with linespoints pt 7 ps 0.5 title 'tanh, w = 1', \
     data using 1:2 with linespoints pt 7 ps 0.5 title 'sigmoid, w = 1', \
     data using 1:4 with linespoints pt 7 ps 0.5 title 'tanh, w = 2', \
     data using 1:6 with lines lt 7 lw 1.5 title 'bound 0.25^L'
