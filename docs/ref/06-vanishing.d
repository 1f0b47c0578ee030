docs/ref/06-vanishing.o: solutions/06-vanishing.c include/chain.h
include/chain.h:
