docs/ref/11-classifier.o: solutions/11-classifier.c include/loss.h \
 include/mlp.h include/network.h include/rng.h include/network.h
include/loss.h:
include/mlp.h:
include/network.h:
include/rng.h:
include/network.h:
