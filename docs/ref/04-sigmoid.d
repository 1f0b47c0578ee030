docs/ref/04-sigmoid.o: solutions/04-sigmoid.c include/activations.h \
 include/rng.h
include/activations.h:
include/rng.h:
