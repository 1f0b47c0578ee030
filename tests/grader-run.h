/* grader-run.h: what the runner (grader-run.c) and each check's process
 * (grader-check.c) share.  Private to the grader. */
#ifndef GRADER_RUN_H
#define GRADER_RUN_H

#include <stdint.h>

/* What every check's process leaves for the runner, in memory they share. */
enum { MAX_CHECKS = 8192, WHY = 1024, OUTPUT = 2048 };
struct record {
	int completed;  /* the body returned and the teardown ran */
	int ended;      /* the grader ended the process; why says how */
	char why[WHY];
	long long output_size;  /* what the code under test printed: */
	char output[OUTPUT];    /* its size and its first bytes */
};
struct grader_shared {
	int started; /* checks started so far: the next one's index */
	struct record rec[MAX_CHECKS];
};

/* Set up by grader_run before any check runs. */
extern struct grader_shared *grader_shared;

/* The time a check may take, in seconds. */
double grader_timeout_seconds(void);

/* Seeds the generator of check number index from the run's seed. */
void grader_seed_check(int index);

/* The checked fixture that runs around every check's body. */
void grader_check_setup(void);
void grader_check_teardown(void);

#endif
