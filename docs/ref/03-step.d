docs/ref/03-step.o: solutions/03-step.c include/activations.h \
 include/rng.h include/perceptron.h
include/activations.h:
include/rng.h:
include/perceptron.h:
