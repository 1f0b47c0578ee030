/* activate: evaluate any activation of the course, or its derivative, from
 * the shell.  It links the configured implementation (the learner's
 * exercises/ or the solutions/), so it shows what *your* code computes.
 *
 *   activate [--grad] [--param P] NAME [--] X...
 *   activate --table FROM:TO:STEP NAME...
 *   activate --list
 *
 * Bad input (an unknown name or option, a value that is not a number)
 * exits 2 with a message naming it; output that cannot be written (a full
 * disk) exits 1.
 *
 * --float or --bfloat16 (before NAME or --table) rounds every input to that
 * format, and every result: what a correctly rounded float32 or bfloat16
 * implementation would return (chapter 13, "Precision").
 */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "depth.h"
#include "registry.h"

/* A table may not have more rows than this: a typo such as -5:5:1e-9 should
 * be an error, not a gigabyte of output. */
enum { TABLE_MAX_ROWS = 1000000 };

static const char usage[] =
	"usage: activate [--float|--bfloat16] [--grad] [--param P] NAME [--] X...\n"
	"       activate [--float|--bfloat16] --table FROM:TO:STEP NAME...\n"
	"       activate --list\n";

/* Exit 0 only when the output arrived: "activate sigmoid 0 > /dev/full" fails. */
static int finish(void)
{
	return cli_flush_stdout("activate") == 0 ? 0 : 1;
}

/* --float, --bfloat16: inputs and results rounded to that format. */
static enum { AS_DOUBLE, AS_FLOAT, AS_BFLOAT16 } format = AS_DOUBLE;

static double narrow(double v)
{
	switch (format) {
	case AS_DOUBLE: return v;
	case AS_FLOAT: return (double)(float)v;
	case AS_BFLOAT16: return (double)round_bf16((float)v); /* via float, as hardware does */
	}
	return v;
}

static _Noreturn void fail(const char *fmt, ...)
{
	va_list ap;
	fputs("activate: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(2);
}

/* %.17g round-trips every double; NaN is printed as "nan" whatever its sign
 * bit, since the sign of a NaN means nothing. */
static void print_number(double v)
{
	if (isnan(v))
		fputs("nan", stdout);
	else if (isinf(v))
		fputs(v > 0 ? "inf" : "-inf", stdout);
	else
		printf("%.17g", v);
}

/* The whole of s as a double ("nan" and "inf" included), or exit 2 naming what. */
static double parse_number(const char *s, const char *what)
{
	char *end;
	errno = 0;
	double v = strtod(s, &end);
	if (end == s || *end != '\0')
		fail("%s '%s' is not a number", what, s);
	if (errno == ERANGE && isinf(v))
		fail("%s '%s' is out of range for a double", what, s);
	return v;
}

static void list(void)
{
	for (int i = 0; i < ACT_COUNT; i++) {
		char param[32] = "";
		if (act_info[i].param)
			snprintf(param, sizeof param, "%s=%g", act_info[i].param,
				 act_info[i].param_default);
		printf("%-12s %-12s chapter %s\n", act_info[i].name, param,
		       act_info[i].chapter);
	}
	for (int i = 0; i < ACTV_COUNT; i++)
		printf("%-12s %-12s chapter %s\n", actv_info[i].name, "(vector)",
		       actv_info[i].chapter);
}

static enum act_id scalar_named(const char *name)
{
	enum act_id id;
	enum actv_id vid;
	if (act_lookup(name, &id))
		return id;
	if (actv_lookup(name, &vid))
		fail("%s is a vector function: it has no elementwise derivative or table", name);
	char msg[512];
	cli_unknown_activation(name, msg, sizeof msg);
	fail("%s", msg);
}

/* Splits "FROM:TO:STEP" into its three fields, each non-empty: "0::1:0.5"
 * is a typo to point out, not a range to guess at. */
static void split_range(const char *range, char *field[3])
{
	static char copy[3][256];
	const char *p = range;
	for (int k = 0; k < 3; k++) {
		size_t len = strcspn(p, ":");
		if (len == 0 || len >= sizeof copy[k])
			fail("--table wants FROM:TO:STEP, three numbers, not '%s'", range);
		memcpy(copy[k], p, len);
		copy[k][len] = '\0';
		field[k] = copy[k];
		p += len;
		if (k < 2 && *p++ != ':')
			fail("--table wants FROM:TO:STEP, three numbers, not '%s'", range);
	}
	if (*p != '\0')
		fail("--table wants FROM:TO:STEP, three numbers, not '%s'", range);
}

/* --table FROM:TO:STEP: CSV with x, then f and f' of each name, for plots. */
static void table(const char *range, char **names, int n, double p, int have_p)
{
	char *field[3];
	split_range(range, field);
	const char *from_s = field[0], *to_s = field[1], *step_s = field[2];
	double from = parse_number(from_s, "--table FROM");
	double to = parse_number(to_s, "--table TO");
	double step = parse_number(step_s, "--table STEP");
	if (!isfinite(from) || !isfinite(to) || !(from <= to))
		fail("--table range '%s' must have finite FROM <= TO", range);
	if (!(step > 0) || !isfinite(step))
		fail("--table STEP '%s' must be a positive number", step_s);
	double rows = floor((to - from) / step + 1e-9) + 1;
	if (!(rows <= TABLE_MAX_ROWS)) {
		if (isfinite(rows))
			fail("--table '%s' would print %.3g rows; the limit is %d", range, rows,
			     TABLE_MAX_ROWS);
		fail("--table '%s' would print more rows than a double can count; the limit is %d",
		     range, TABLE_MAX_ROWS);
	}
	if (n == 0)
		fail("--table needs at least one NAME");

	enum act_id ids[ACT_COUNT];
	if (n > ACT_COUNT)
		fail("--table takes at most %d names", ACT_COUNT);
	for (int j = 0; j < n; j++) {
		ids[j] = scalar_named(names[j]);
		if (have_p && !act_info[ids[j]].param)
			fail("%s takes no parameter, so --param does not apply", names[j]);
	}

	fputs("x", stdout);
	for (int j = 0; j < n; j++)
		printf(",%s,%s_grad", names[j], names[j]);
	putchar('\n');
	for (long i = 0; i < (long)rows; i++) {
		/* from + i*step, not repeated addition, so x does not drift. */
		double x = narrow(from + (double)i * step);
		print_number(x);
		for (int j = 0; j < n; j++) {
			double pj = have_p ? p : act_info[ids[j]].param_default;
			putchar(',');
			print_number(narrow(act_eval(ids[j], x, pj)));
			putchar(',');
			print_number(narrow(act_eval_grad(ids[j], x, pj)));
		}
		putchar('\n');
	}
}

static void vector(enum actv_id id, char **args, int n)
{
	double *z = malloc((size_t)n * sizeof *z);
	if (!z)
		fail("out of memory for %d values", n);
	for (int i = 0; i < n; i++)
		z[i] = narrow(parse_number(args[i], "value"));
	actv_eval(id, z, z, (size_t)n);
	for (int i = 0; i < n; i++) {
		print_number(narrow(z[i]));
		putchar('\n');
	}
	free(z);
}

int main(int argc, char **argv)
{
	static const struct option options[] = {
		{"grad", no_argument, NULL, 'g'},
		{"param", required_argument, NULL, 'p'},
		{"table", required_argument, NULL, 't'},
		{"list", no_argument, NULL, 'l'},
		{"float", no_argument, NULL, 'f'},
		{"bfloat16", no_argument, NULL, 'b'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	int grad = 0, have_p = 0, want_list = 0;
	double p = 0;
	const char *range = NULL;
	int c;

	opterr = 0; /* we word the errors ourselves */
	/* '+': stop at the first operand, so "activate sigmoid -2" works. */
	while ((c = getopt_long(argc, argv, "+:", options, NULL)) != -1) {
		switch (c) {
		case 'g': grad = 1; break;
		case 'p': have_p = 1; p = parse_number(optarg, "--param"); break;
		case 't': range = optarg; break;
		case 'l': want_list = 1; break;
		case 'f': format = AS_FLOAT; break;
		case 'b': format = AS_BFLOAT16; break;
		case 'h': fputs(usage, stdout); return finish();
		default: {
			char msg[256];
			cli_option_problem(c, argv, optind, optopt, options, msg, sizeof msg);
			fail("%s%s\n%s", msg, c == '?' && optopt > 0 && strchr("0123456789.", optopt)
				? " (to pass a negative number, put -- before it)" : "", usage);
		}
		}
	}
	char **args = argv + optind;
	int nargs = argc - optind;

	if (want_list) {
		list();
		return finish();
	}
	if (range) {
		if (grad)
			fail("--table already prints the derivative beside each function");
		table(range, args, nargs, p, have_p);
		return finish();
	}
	if (nargs == 0)
		fail("no activation named\n%s", usage);

	/* The name first: "activate gelu" is an unknown name, not a missing value. */
	const char *name = args[0];
	enum actv_id vid;
	int is_vector = actv_lookup(name, &vid);
	enum act_id id = is_vector ? 0 : scalar_named(name);
	args++, nargs--;
	if (nargs > 0 && strcmp(args[0], "--") == 0)
		args++, nargs--;
	if (nargs == 0)
		fail("%s: no value given to evaluate", name);

	if (is_vector) {
		if (grad)
			fail("%s is a vector function: it has a Jacobian, not a --grad (chapter 09)", name);
		if (have_p)
			fail("%s takes no parameter, so --param does not apply", name);
		vector(vid, args, nargs);
		return finish();
	}
	if (have_p && !act_info[id].param)
		fail("%s takes no parameter, so --param does not apply", name);
	if (!have_p)
		p = act_info[id].param_default;
	for (int i = 0; i < nargs; i++) {
		double x = narrow(parse_number(args[i], "value"));
		print_number(narrow(grad ? act_eval_grad(id, x, p) : act_eval(id, x, p)));
		putchar('\n');
	}
	return finish();
}
