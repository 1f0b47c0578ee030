docs/ref/10-choosing.o: solutions/10-choosing.c include/probes.h
include/probes.h:
