/* cli.h: what activate and classify say about their command lines and
 * their output, worded once for both. */
#ifndef CLI_H
#define CLI_H

#include <getopt.h>
#include <stddef.h>

/* Why getopt_long returned '?' or ':' for the element argv[optind - 1]
 * (pass getopt's optopt): "unknown option '--bogus'", "option '--h' is
 * ambiguous: --help or --hidden", "option '--lr' needs a value". */
void cli_option_problem(int c, char *const *argv, int optind, int optopt,
			const struct option *options, char *msg, size_t size);

/* The whole of s as a finite double, subnormals (1e-320) included, into *v;
 * 0, or -1 with msg naming opt and s: not a number, not finite ("nan",
 * "inf"), too large, or too small for a double (it would be taken for 0). */
int cli_real(const char *s, const char *opt, double *v, char *msg, size_t size);

/* The whole of s as a whole number from lo to hi into *v; 0, or -1 with msg
 * naming opt and s. */
int cli_whole(const char *s, const char *opt, long lo, long hi, long *v, char *msg, size_t size);

/* "unknown activation 'gelu' (did you mean elu? ...)": the closest name of
 * activate --list when one is near, else all of them. */
void cli_unknown_activation(const char *name, char *msg, size_t size);

/* Flushes standard output; when anything written to it was lost (a full
 * disk, /dev/full, a closed pipe), says so on stderr as prog and returns
 * -1.  A tool whose output did not arrive must not exit 0. */
int cli_flush_stdout(const char *prog);

#endif
