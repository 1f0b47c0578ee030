# Chapter 11: the Fashion-MNIST confusion matrix of a short run (10000
# training images, 2 epochs, 784-256-128-10 ReLU), from the reference
# `classify` through docs/figures/classify-confusion.sh.  Rows: true class;
# columns: predicted class; the 10000 test images.
set datafile separator whitespace
unset key
unset grid
set xzeroaxis lt -1 lc rgb '#00000000'
set yzeroaxis lt -1 lc rgb '#00000000'
data = system('sh "$srcdir/docs/figures/classify-confusion.sh"')
set print 'classify-confusion.dat'
print data
unset print
set palette defined (0 '#ffffff', 1 '#9ecae1', 2 '#08519c')
set logscale cb
set cbrange [1:1000]
unset colorbox
set size ratio -1
set xrange [-0.5:9.5]
set yrange [9.5:-0.5]
names = "'T-shirt' 'Trouser' 'Pullover' 'Dress' 'Coat' 'Sandal' 'Shirt' 'Sneaker' 'Bag' 'Boot'"
set xtics () font ',10' rotate by 45 right
set ytics () font ',10'
do for [k = 0:9] {
	set xtics add (word(names, k + 1) k)
	set ytics add (word(names, k + 1) k)
}
set xlabel 'predicted'
set ylabel 'true class'
acc = system("sed -n 's/^# test accuracy //p' classify-confusion.dat")
set title sprintf('test accuracy %s after 2 epochs on 10000 images', acc) font ',13'
plot 'classify-confusion.dat' matrix using 1:2:($3 > 0 ? $3 : 1) with image pixels, \
     '' matrix using 1:2:(sprintf('%d', $3)) with labels font ',10'
system('rm -f classify-confusion.dat')
