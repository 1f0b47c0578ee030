# Chapter 11: learning curves on circle, [4, 2] network, the playground's
# rate 0.03 and batch 10, seed 1: test accuracy after each epoch, from the
# reference `classify` (its "epoch E loss L train A test A" lines).
set datafile separator whitespace
# Between the curves that reached 0.95 and the linear one.
set key at 990, 0.92 right top
set xlabel 'epoch'
set ylabel 'test accuracy'
set xrange [0:1000]
set yrange [0.4:1.02]
set arrow from 0, 0.95 to 1000, 0.95 nohead dt 2 lc rgb '#888888'
set label '0.95' at 1005, 0.95 left font ',11'
run(act) = sprintf("< classify --data circle --act %s --hidden 4,2 --epochs 1000 --lr 0.03 --batch 10 --seed 1 | grep '^epoch'", act)
plot run('tanh') using 2:8 with lines lt 1 title 'tanh', \
     run('relu') using 2:8 with lines lt 3 title 'ReLU', \
     run('sigmoid') using 2:8 with lines lt 2 title 'sigmoid', \
     run('linear') using 2:8 with lines lt 4 title 'linear'
