# Chapter 08: RReLU with PyTorch's defaults.  While training, a negative
# input x is scaled by a slope drawn from [1/8, 1/3] (the band from the leaky
# ReLU with slope 1/8 down to the line x/3); at inference by their mean 11/48.  Data
# from the reference `activate`; the build sets the terminal.
set xrange [-4:2]
set yrange [-1.5:2]
set xlabel 'x'
plot '< activate --param 0.125 --table -4:0:0.02 leaky_relu' \
         using 1:2:($1 / 3) with filledcurves fs transparent solid 0.35 noborder lt 6 title 'training: slope in [1/8, 1/3]', \
     '< activate --param 0.22916666666666666 --table -4:2:0.02 leaky_relu' using 1:2 with lines lt 1 title 'inference: slope 11/48'
