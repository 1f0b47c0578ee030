# style.gp: the look every figure of the book shares.  The build sets the SVG
# terminal, size, font and output, loads this file, then the figure's own
# script (docs/figures/NAME.gp), which only plots.

# activate --table prints CSV with a header row: x,NAME,NAME_grad,...
# gnuplot skips that row because it is not numeric.  Nothing here reads a
# row as a header ("set key autotitle columnhead" would, in every data file,
# and eat the first row of one that has none); docs/figure.sh checks that
# every figure plots all the rows of its data.
set datafile separator ','

# Okabe-Ito colours, told apart by colour-blind readers too; the fifth and
# later lines are dashed.
set linetype 1 lc rgb '#0072B2' lw 2.5 dt solid
set linetype 2 lc rgb '#D55E00' lw 2.5 dt solid
set linetype 3 lc rgb '#009E73' lw 2.5 dt solid
set linetype 4 lc rgb '#CC79A7' lw 2.5 dt solid
set linetype 5 lc rgb '#E69F00' lw 2.5 dt (8,4)
set linetype 6 lc rgb '#56B4E9' lw 2.5 dt (8,4)
set linetype 7 lc rgb '#000000' lw 2.5 dt (8,4)
set linetype cycle 7

# Quiet axes: a light grid, the x and y axes drawn through zero, no box.
set border 3 lc rgb '#555555' lw 1
set tics nomirror out scale 0.6 textcolor rgb '#333333'
set grid lc rgb '#e4e4e4' lw 1 dt solid
set xzeroaxis lt 1 lc rgb '#888888' lw 1
set yzeroaxis lt 1 lc rgb '#888888' lw 1
set key top left opaque box lc rgb '#dddddd' samplen 2.5 spacing 1.2
set style fill solid 0.85 border -1
set boxwidth 0.6
set samples 500
