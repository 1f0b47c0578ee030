/* cli.c: see cli.h. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "registry.h"

void cli_option_problem(int c, char *const *argv, int optind, int optopt,
			const struct option *options, char *msg, size_t size)
{
	const char *arg = argv[optind - 1];
	size_t len = strcspn(arg, "=");
	/* A long option getopt_long knew (missing or unwanted value): the
	 * element is "--" and a prefix of an option whose val is optopt. */
	int known_long = 0;
	if (optopt != 0 && strncmp(arg, "--", 2) == 0 && len > 2)
		for (const struct option *o = options; o->name; o++)
			known_long |= o->val == optopt && strncmp(o->name, arg + 2, len - 2) == 0;
	if (known_long) {
		snprintf(msg, size, c == ':' ? "option '%.*s' needs a value"
					     : "option '%.*s' takes no value", (int)len, arg);
		return;
	}
	/* A short option ("-x", or "-2" meant as a number): optopt is it. */
	if (optopt != 0) {
		snprintf(msg, size, c == ':' ? "option '-%c' needs a value" : "unknown option '-%c'",
			 optopt);
		return;
	}
	/* An unknown long option, or a prefix of several (getopt_long accepts
	 * any unambiguous prefix, so say which ones it could be). */
	const char *name = arg + 2;
	size_t n = len > 2 ? len - 2 : 0, matches = 0;
	for (const struct option *o = options; o->name; o++)
		matches += strncmp(o->name, name, n) == 0;
	if (strncmp(arg, "--", 2) != 0 || n == 0 || matches < 2) {
		snprintf(msg, size, "unknown option '%.*s'", (int)len, arg);
		return;
	}
	int at = snprintf(msg, size, "option '%.*s' is ambiguous:", (int)len, arg);
	size_t k = 0;
	for (const struct option *o = options; o->name && at >= 0 && (size_t)at < size; o++) {
		if (strncmp(o->name, name, n) != 0)
			continue;
		k++;
		at += snprintf(msg + at, size - (size_t)at, "%s--%s",
			       k == 1 ? " " : k == matches ? " or " : ", ", o->name);
	}
}

/* The edit distance of a and b (insertions, deletions, substitutions),
 * for names of a few letters. */
static size_t distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), row[64];
	if (la >= 64 || lb >= 64)
		return (size_t)-1;
	for (size_t j = 0; j <= lb; j++)
		row[j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t diag = row[0];
		row[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t up = row[j], best = diag + (a[i - 1] != b[j - 1]);
			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			diag = up;
			row[j] = best;
		}
	}
	return row[lb];
}

/* The i-th name of activate --list. */
static const char *list_name(int i)
{
	return i < ACT_COUNT ? act_info[i].name : actv_info[i - ACT_COUNT].name;
}

void cli_unknown_activation(const char *name, char *msg, size_t size)
{
	enum { N = ACT_COUNT + ACTV_COUNT };
	size_t d[N], best = (size_t)-1;
	for (int i = 0; i < N; i++) {
		d[i] = distance(name, list_name(i));
		if (d[i] < best)
			best = d[i];
	}
	/* Near: one or two edits, and fewer than the name has letters.  Then
	 * the nearest names ("gelu": relu or elu), else the whole list. */
	int near = best <= 2 && best < strlen(name), at, k = 0, count = 0;
	for (int i = 0; i < N; i++)
		count += !near || d[i] == best;
	at = snprintf(msg, size, near ? "unknown activation '%s' (did you mean" :
				  "unknown activation '%s'; the activations are", name);
	for (int i = 0; i < N && at >= 0 && (size_t)at < size; i++) {
		if (near && d[i] != best)
			continue;
		k++;
		at += snprintf(msg + at, size - (size_t)at, "%s%s",
			       k == 1 ? " " : k == count ? " or " : ", ", list_name(i));
	}
	if (near && at >= 0 && (size_t)at < size)
		snprintf(msg + at, size - (size_t)at, "? activate --list shows them all)");
}

int cli_real(const char *s, const char *opt, double *v, char *msg, size_t size)
{
	char *end;
	errno = 0;
	*v = strtod(s, &end);
	if (end == s || *end != '\0' || isnan(*v) || (isinf(*v) && errno != ERANGE))
		snprintf(msg, size, "%s '%s' is not a finite number", opt, s);
	else if (errno == ERANGE && isinf(*v))
		snprintf(msg, size, "%s '%s' is too large for a double", opt, s);
	else if (errno == ERANGE && *v == 0)
		snprintf(msg, size, "%s '%s' is too small for a double: it would be 0", opt, s);
	else
		return 0;
	return -1;
}

int cli_whole(const char *s, const char *opt, long lo, long hi, long *v, char *msg, size_t size)
{
	char *end;
	errno = 0;
	*v = strtol(s, &end, 10);
	if (end == s || *end != '\0' || errno == ERANGE) {
		snprintf(msg, size, "%s '%s' is not a whole number", opt, s);
		return -1;
	}
	if (*v < lo || *v > hi) {
		snprintf(msg, size, "%s %s is out of range: it must be from %ld to %ld", opt, s, lo, hi);
		return -1;
	}
	return 0;
}

int cli_flush_stdout(const char *prog)
{
	errno = 0;
	if (fflush(stdout) == 0 && !ferror(stdout))
		return 0;
	fprintf(stderr, "%s: cannot write the output: %s\n", prog,
		errno ? strerror(errno) : "write error");
	return -1;
}
