docs/ref/01-why.o: solutions/01-why.c include/layers.h
include/layers.h:
