# Chapter 13: the two other cures, with the same measurement, on 50 ReLU
# layers of width 128: Glorot's weights plain and batch-normalised; He's
# weights residual, without and with batch normalisation; and 0.01 normal
# weights residual.  Data from the reference `depth`
# (docs/figures/depth-runs.sh); the build sets the terminal.
set terminal svg size 640,620 dynamic enhanced font 'sans,14' background rgb 'white'
set table $D
plot '< sh "$srcdir/docs/figures/depth-runs.sh" "glorot:--act relu --init glorot" "glorot-bn:--act relu --init glorot --batchnorm" "he-res:--act relu --init he --residual" "he-res-bn:--act relu --init he --residual --batchnorm" "small-res:--act relu --init small --residual"' \
     using 1:2:3:4:5:6:7:8:9:10:11 with table
unset table
set datafile separator whitespace
set key noautotitle
set logscale y
set format y '10^{%L}'
set xrange [1:50]
set multiplot layout 2,1
set title 'variance of the activations h_l'
set key outside right top
set yrange [1e-20:1e25]
set ytics 1e-20, 1e10, 1e20
plot $D using 1:2 with lines lt 2 title 'Glorot, plain', \
     '' using 1:4 with lines lt 1 title 'Glorot, batch norm', \
     '' using 1:6 with lines lt 4 title 'He, residual', \
     '' using 1:8 with lines lt 7 title 'He, residual + BN', \
     '' using 1:10 with lines lt 3 title '0.01, residual'
set title "variance of the gradient arriving at layer l"
set xlabel 'layer l'
plot $D using 1:3 with lines lt 2 title 'Glorot, plain', \
     '' using 1:5 with lines lt 1 title 'Glorot, batch norm', \
     '' using 1:7 with lines lt 4 title 'He, residual', \
     '' using 1:9 with lines lt 7 title 'He, residual + BN', \
     '' using 1:11 with lines lt 3 title '0.01, residual'
unset multiplot
