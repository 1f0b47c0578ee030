# Chapter 11: the TensorFlow Playground experiment of Gaurav Rajpal's
# "Activation Functions in Neural Network", reproduced by our own code:
# decision boundaries of a [4, 2] network on circle with the linear,
# sigmoid, tanh and ReLU activations (300 epochs, rate 0.1, batch 10, seed
# 1), from the reference `classify --grid`: background = the network's
# probability of the blue class, dots = the test set in its true colours.
# tests/book-browser.py checks the picture against those dots.
set terminal svg size 640,700 dynamic enhanced font 'sans,14' background rgb 'white'
set datafile separator whitespace
unset key
unset grid
set xzeroaxis lt -1 lc rgb '#00000000'
set yzeroaxis lt -1 lc rgb '#00000000'
set palette defined (0 '#f59322', 0.5 '#ffffff', 1 '#0877bd')
set cbrange [0:1]
unset colorbox
set size ratio -1
set xrange [-6:6]
set yrange [-6:6]
set xtics 3 font ',12'
set ytics 3 font ',12'
set multiplot layout 2, 2 margins 0.07, 0.98, 0.18, 0.93 spacing 0.09, 0.13
do for [act in 'linear sigmoid tanh relu'] {
	grid = sprintf('classify-grid-%s.dat', act)
	acc = system(sprintf("classify --data circle --act %s --hidden 4,2 --epochs 300 --lr 0.1 --batch 10 --seed 1 --grid %s | sed -n 's/^test accuracy: //p'", act, grid))
	set title sprintf('%s: test accuracy %s', act, acc) font ',14'
	if (act eq 'relu') {
		# The colour key, once, under the four panels.
		set colorbox horizontal user origin screen 0.3, 0.095 size screen 0.4, 0.022 noborder
		set cbtics 0.5 font ',12' scale 0
		set cblabel "the network's probability of the blue class" font ',13' offset 0, 0
	}
	# Each dot a white ring round its class colour, to stand out from a
	# background of the same colour.
	plot grid index 0 using 1:2:3 with image, \
	     '' index 2 using 1:2 with points pt 7 ps 0.47 lc rgb 'white', \
	     '' index 2 using 1:2:($3 == 1 ? 0x0877bd : 0xf59322) with points pt 7 ps 0.35 lc rgb variable
}
unset multiplot
system('rm -f classify-grid-linear.dat classify-grid-sigmoid.dat classify-grid-tanh.dat classify-grid-relu.dat')
