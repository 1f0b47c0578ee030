/* grader-where.h: which function was running, for the runner's messages
 * ("called exit(0) in act_linear").  Private to the grader. */
#ifndef GRADER_WHERE_H
#define GRADER_WHERE_H

#include <stddef.h>

/* Reads the names of the program's functions (its own ELF symbol table)
 * once, before any check runs, so that the lookups below need no memory
 * or file and can run in a signal handler. */
void where_init(void);

/* The name of the function of this program that holds addr, or NULL (a
 * shared library's, or no symbols). */
const char *where_name(const void *addr);

/* True for the functions of the Check library itself. */
int where_is_check(const char *name);

/* Writes where the current check's process is into buf, from a backtrace
 * taken now, as " in act_softmax" or " in argmax, called from act_softmax",
 * naming the innermost function below the check that is not the grader's:
 * the code under test.  Empty when it cannot tell. */
const char *where_now(char *buf, size_t size);

#endif
