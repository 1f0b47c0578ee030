#!/bin/sh
# stub-functions.sh FILE: the functions a C file of the course defines at
# file scope, one name a line, sorted: what a stub asks the learner to
# write.  A definition starts at column 0 ("double act_relu(double x)");
# static helpers are not asked for.  Used by the grader's self-test and by
# the hint tests, so that all three agree on what a stub's functions are.
sed -n '/^static/d; s/^[a-z_][a-z_ ]*[ *]\([a-z_][a-z0-9_]*\)(.*/\1/p' "$1" | sort -u
