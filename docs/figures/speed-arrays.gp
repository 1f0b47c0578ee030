# Chapter 14: what an activation costs per element, against the array's
# length, from the committed benchmark bench/arrays-native.tsv (make
# bench-activations, built -O2 -march=native; a header line names the
# columns: n, copy, vec_relu, vec_relu_backward, vec_sigmoid,
# vec_sigmoid_backward, act_relu, act_sigmoid).
set datafile separator tab
set logscale xy
set format x '10^{%L}'
set xrange [700:1.4e7]
set yrange [0.03:3000]
set xlabel 'array length n (doubles)'
set ylabel 'nanoseconds per element'
set key top left
data = '< cat "$srcdir/bench/arrays-native.tsv"'
plot data using 1:8 with linespoints pt 7 ps 0.5 lt 2 title 'act\_sigmoid, one call per element', \
     data using 1:7 with linespoints pt 7 ps 0.5 lt 4 title 'act\_relu, one call per element', \
     data using 1:5 with linespoints pt 7 ps 0.5 lt 6 title 'vec\_sigmoid', \
     data using 1:3 with linespoints pt 7 ps 0.5 lt 3 title 'vec\_relu', \
     data using 1:2 with linespoints pt 7 ps 0.5 lt 7 title 'copy (memcpy)'
