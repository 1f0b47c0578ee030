# Chapter 04: the sigmoid and its derivative, from the reference `activate`;
# the build sets the terminal.  The derivative peaks at x = 0 with 1/4.
set xrange [-8:8]
set yrange [-0.05:1.05]
set xlabel 'x'
# Short titles keep the key clear of the y axis (x = 0) at the top left.
set key at -7.6, 0.97 left top
plot '< activate --table -8:8:0.02 sigmoid' using 1:2 with lines title 'σ(x)', \
     '' using 1:3 with lines title "σ'(x)", \
     0.25 with lines lt 7 lw 1 title 'y = 1/4'
