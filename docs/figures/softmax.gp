# Chapter 09: the logits [2.0, 1.0, 0.1] (left) and their softmax (right),
# the seed's worked example.  The probabilities come from the reference
# `activate softmax 2.0 1.0 0.1`; the build sets the terminal.
set datafile separator whitespace
unset key            # the labels say it all
set style fill solid 0.85 border -1
set boxwidth 0.6
set xrange [-0.6:2.6]
set xtics ('class 1' 0, 'class 2' 1, 'class 3' 2)
unset xzeroaxis
unset yzeroaxis
set multiplot layout 1,2
set title 'logits z'
set yrange [0:2.4]
plot '< printf "2.0\n1.0\n0.1\n"' using 0:1 with boxes lt 2, \
     '' using 0:1:(sprintf('%.1f', $1)) with labels offset 0,0.8
set title 'softmax(z): probabilities, sum 1'
set yrange [0:0.8]
plot '< activate softmax 2.0 1.0 0.1' using 0:1 with boxes lt 1, \
     '' using 0:1:(sprintf('%.3f', $1)) with labels offset 0,0.8
unset multiplot
