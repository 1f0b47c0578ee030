docs/ref/05-tanh.o: solutions/05-tanh.c include/activations.h \
 include/rng.h
include/activations.h:
include/rng.h:
