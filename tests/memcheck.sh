#!/bin/sh
# memcheck.sh: make memcheck on the reference solutions (TAP): every chapter's
# suite, built with AddressSanitizer and UndefinedBehaviorSanitizer, and run
# under valgrind when it is installed, finds no memory error and no failing
# check.  Run by make check under --with-solutions, from the build tree,
# after make has built memcheck/tests/*.test (learner/local.mk).
exec sh "$srcdir/learner/memcheck.sh" --tap $CHAPTERS
