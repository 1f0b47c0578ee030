#!/bin/sh
# mutation-sample.sh: a random sample of the grader's mutation test, run by
# `make check` under --with-solutions (tests/mutate/mutation.sh explains).
exec $SHELL "$srcdir/tests/mutate/mutation.sh" sample
