# Chapter 10: every scalar activation of the course (the list comes from
# `activate --list`, so a new one appears here by itself) at its default
# parameter, with its derivative, one small panel each, from the reference
# `activate --table`.
set terminal svg size 640,440 dynamic enhanced font 'sans,13' background rgb 'white'
list = "activate --list | awk '!/[(]vector[)]/ { print $1, ($2 ~ /=/ ? $2 : \"-\") }'"
names = system(list . " | awk '{ print $1 }'")
params = system(list . " | awk '{ print $2 }'")
n = words(names)
set xrange [-4:4]
set yrange [-1.3:2.3]
set xtics 2 font ',11'
set ytics 1 font ',11'
unset key
# The key, once for all panels (a key inside a panel this small does not fit).
set label 1 "blue, solid: the activation f(x)       orange, dashed: its derivative f'(x)" at screen 0.5, 0.04 center font ',13'
set multiplot layout 2, (n + 1) / 2 margins 0.05, 0.99, 0.17, 0.9 spacing 0.04, 0.17
do for [k = 1:n] {
	p = word(params, k)
	if (k == 2) { unset label 1 }
	set title word(names, k) . (p eq '-' ? '' : sprintf(' (%s)', p)) font ',12' noenhanced
	plot sprintf('< activate --table -4:4:0.01 %s', word(names, k)) using 1:2 with lines lt 1 notitle, \
	     '' using 1:3 with lines lt 2 dt (4,3) notitle
}
unset multiplot
