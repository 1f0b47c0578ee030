docs/ref/02-linear.o: solutions/02-linear.c include/activations.h \
 include/rng.h
include/activations.h:
include/rng.h:
