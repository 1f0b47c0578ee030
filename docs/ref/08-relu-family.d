docs/ref/08-relu-family.o: solutions/08-relu-family.c \
 include/activations.h include/rng.h include/rng.h
include/activations.h:
include/rng.h:
include/rng.h:
