docs/ref/09-softmax.o: solutions/09-softmax.c include/activations.h \
 include/rng.h include/loss.h
include/activations.h:
include/rng.h:
include/loss.h:
