# Chapter 13: the depth experiment on plain stacks of 50 layers of width
# 128: the variance of the activations at each layer (top) and of the
# gradient arriving at each layer (bottom), for three initialisations of
# ReLU, two of tanh, and SELU with LeCun's.  Data from the reference
# `depth` (docs/figures/depth-runs.sh); the build sets the terminal.
set terminal svg size 640,620 dynamic enhanced font 'sans,14' background rgb 'white'
set table $D
plot '< sh "$srcdir/docs/figures/depth-runs.sh" "relu-he:--act relu --init he" "relu-glorot:--act relu --init glorot" "relu-he12:--act relu --init he --gain 1.2" "tanh-glorot:--act tanh --init glorot" "tanh-small:--act tanh --init small" "selu-lecun:--act selu --init lecun"' \
     using 1:2:3:4:5:6:7:8:9:10:11:12:13 with table
unset table
set datafile separator whitespace
set key noautotitle
set logscale y
set format y '10^{%L}'
set xrange [1:50]
set multiplot layout 2,1
set title 'variance of the activations h_l'
set key outside right top
set yrange [1e-20:1e12]
set ytics 1e-20, 1e5, 1e10
plot $D using 1:2 with lines lt 1 title 'ReLU, He', \
     '' using 1:4 with lines lt 2 title 'ReLU, Glorot', \
     '' using 1:6 with lines lt 3 title 'ReLU, He × 1.2', \
     '' using 1:8 with lines lt 4 title 'tanh, Glorot', \
     '' using 1:10 with lines lt 5 title 'tanh, 0.01', \
     '' using 1:12 with lines lt 7 title 'SELU, LeCun'
set title "variance of the gradient arriving at layer l"
set xlabel 'layer l'
plot $D using 1:3 with lines lt 1 title 'ReLU, He', \
     '' using 1:5 with lines lt 2 title 'ReLU, Glorot', \
     '' using 1:7 with lines lt 3 title 'ReLU, He × 1.2', \
     '' using 1:9 with lines lt 4 title 'tanh, Glorot', \
     '' using 1:11 with lines lt 5 title 'tanh, 0.01', \
     '' using 1:13 with lines lt 7 title 'SELU, LeCun'
unset multiplot
