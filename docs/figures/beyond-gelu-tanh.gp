# Chapter 12: how far the tanh approximation of GELU is from GELU itself,
# gelu_tanh(x) - gelu(x), from the reference `activate`.  The build sets the
# terminal.
set xrange [-6:6]
set xlabel 'x'
set ylabel 'gelu\_tanh(x) - gelu(x)'
set format y '%.0e'
unset key
plot '< activate --table -6:6:0.005 gelu gelu_tanh' using 1:($4 - $2) with lines lt 1
