docs/ref/07-relu.o: solutions/07-relu.c include/activations.h \
 include/rng.h
include/activations.h:
include/rng.h:
