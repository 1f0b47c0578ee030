# Chapter 02: the linear activation y = a x and its derivative a, for two
# slopes: solid lines the function, dashed its derivative.
set xlabel 'x'
set xrange [-3:3]
set yrange [-3:3]
# Bottom right, the one quarter no line crosses (top left hid dy/dx = 1).
set key bottom right
plot '< activate --table -3:3:0.05 linear' using 1:2 with lines lt 1 title 'y = x  (a = 1)', \
     '' using 1:3 with lines lt 1 dt (6,4) title 'dy/dx = 1', \
     '< activate --param 0.5 --table -3:3:0.05 linear' using 1:2 with lines lt 2 title 'y = 0.5 x  (a = 0.5)', \
     '' using 1:3 with lines lt 2 dt (6,4) title 'dy/dx = 0.5'
