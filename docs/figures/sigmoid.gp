# Chapter 04: the sigmoid and its derivative, from the reference `activate`;
# the build sets the terminal.  The derivative peaks at x = 0 with 1/4.
set xrange [-8:8]
set yrange [-0.05:1.05]
set xlabel 'x'
set key top left
plot '< activate --table -8:8:0.02 sigmoid' using 1:2 with lines title 'σ(x)', \
     '' using 1:3 with lines title "σ'(x) = σ(x)(1 − σ(x))", \
     0.25 with lines lt 7 lw 1 title 'y = 1/4'
