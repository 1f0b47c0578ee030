/* grader.c: comparisons, messages and the runner shared by every suite. */
#include <float.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "grader.h"

double grader_rel_err(double got, double want, double floor)
{
	if (got == want) /* also 0 == -0, where the scale below is 0 */
		return 0.0;
	double scale = fabs(got) + fabs(want);
	return fabs(got - want) / (scale > floor ? scale : floor);
}

bool grader_close(double got, double want, double tol, double floor)
{
	if (isnan(want) || isnan(got))
		return isnan(want) && isnan(got);
	if (isinf(want) || isinf(got))
		return got == want;
	return grader_rel_err(got, want, floor) <= tol;
}

/* "nan" whatever the sign bit, otherwise 17 significant digits. */
static const char *show(char *buf, size_t size, double v)
{
	if (isnan(v))
		snprintf(buf, size, "nan");
	else
		snprintf(buf, size, "%.17g", v);
	return buf;
}

/* What a wrong result suggests beyond the check's own hint. */
static const char *symptom(double got, double want)
{
	if (isnan(got))
		return " (NaN where a number was expected: an output never written, or inf - inf, 0 * inf, inf / inf)";
	if (isinf(got) && !isinf(want))
		return " (an infinity where the answer is finite)";
	return "";
}

bool grader_check_close(char *msg, size_t size, double got, double want,
			double tol, double floor, const char *hint,
			const char *callfmt, ...)
{
	if (grader_close(got, want, tol, floor))
		return true;
	char call[256], g[40], w[40];
	va_list ap;
	va_start(ap, callfmt);
	vsnprintf(call, sizeof call, callfmt, ap);
	va_end(ap);
	snprintf(msg, size, "%s returned %s, expected %s%s -- %s", call,
		 show(g, sizeof g, got), show(w, sizeof w, want),
		 symptom(got, want), hint);
	return false;
}

bool grader_check_nan(char *msg, size_t size, double got, const char *hint,
		      const char *callfmt, ...)
{
	if (isnan(got))
		return true;
	char call[256], g[40];
	va_list ap;
	va_start(ap, callfmt);
	vsnprintf(call, sizeof call, callfmt, ap);
	va_end(ap);
	snprintf(msg, size, "%s returned %s, expected nan -- %s", call,
		 show(g, sizeof g, got), hint);
	return false;
}

double grader_central_diff(double (*f)(double), double x, double h)
{
	return (f(x + h) - f(x - h)) / (2.0 * h);
}

bool grader_grad_agrees(double a, double n)
{
	return fabs(a - n) <= 1e-6 + 1e-4 * fabs(n);
}

int grader_load_reference(const char *name, struct grader_ref *rows, int max,
			  char *msg, size_t size)
{
	const char *src = getenv("srcdir");
	char path[1024], line[512];
	snprintf(path, sizeof path, "%s/tests/data/%s", src ? src : ".", name);
	FILE *in = fopen(path, "r");
	if (!in) {
		snprintf(msg, size, "cannot read %s: run the suite through make, which sets srcdir", path);
		return -1;
	}
	int n = 0, lineno = 1;
	if (!fgets(line, sizeof line, in)) { /* the header */
		snprintf(msg, size, "%s is empty", path);
		n = -1;
	}
	while (n >= 0 && fgets(line, sizeof line, in)) {
		lineno++;
		char *p = line, *end;
		double v[3];
		for (int k = 0; k < 3; k++, p = end + 1) {
			v[k] = strtod(p, &end);
			if (end == p || *end != (k < 2 ? ',' : '\n')) {
				snprintf(msg, size, "%s:%d is not a row x,f,g", path, lineno);
				n = -1;
				break;
			}
		}
		if (n < 0)
			break;
		if (n == max) {
			snprintf(msg, size, "%s has more than %d rows", path, max);
			n = -1;
			break;
		}
		rows[n++] = (struct grader_ref){v[0], v[1], v[2]};
	}
	fclose(in);
	if (n == 0) {
		snprintf(msg, size, "%s has no rows", path);
		n = -1;
	}
	return n;
}

double grader_ulps(double got, double want)
{
	if (got == want)
		return 0;
	double a = fabs(want);
	return fabs(got - want) / (nextafter(a, INFINITY) - a);
}

/* One value against the table: false, with msg, when it is more than
 * max_ulp ULP off a normal-double exact value. */
static bool within_ulps(double got, double want, double x, const char *name,
			double max_ulp, char *msg, size_t size)
{
	if (fabs(want) < DBL_MIN || grader_ulps(got, want) <= max_ulp)
		return true;
	snprintf(msg, size, "%s(%.17g) returned %.17g, %.3g ULP from %.17g (at most %g wanted)",
		 name, x, got, grader_ulps(got, want), want, max_ulp);
	return false;
}

bool grader_table_within_ulps(const struct grader_ref *rows, int n,
			      double (*f)(double), const char *fname,
			      double (*g)(double), const char *gname,
			      double max_ulp, char *msg, size_t size)
{
	for (int i = 0; i < n; i++) {
		double x = rows[i].x;
		if (!within_ulps(f(x), rows[i].f, x, fname, max_ulp, msg, size) ||
		    !within_ulps(g(x), rows[i].g, x, gname, max_ulp, msg, size))
			return false;
	}
	return true;
}

bool grader_same_array(const double *got, const double *want, int n)
{
	for (int i = 0; i < n; i++)
		if (!grader_close(got[i], want[i], TOL_EXACT, 1e-300))
			return false;
	return true;
}

const char *grader_show_array(char *buf, size_t size, const double *v, int n)
{
	size_t len = (size_t)snprintf(buf, size, "[");
	for (int i = 0; i < n && len < size; i++) {
		char one[32];
		len += (size_t)snprintf(buf + len, size - len, "%s%s", i ? ", " : "",
					show(one, sizeof one, v[i]));
	}
	if (len < size)
		snprintf(buf + len, size - len, "]");
	return buf;
}

TCase *grader_tcase(Suite *s, const char *name)
{
	TCase *tc = tcase_create(name);
	tcase_set_timeout(tc, GRADER_TIMEOUT);
	suite_add_tcase(s, tc);
	return tc;
}

int grader_run(Suite *s)
{
	SRunner *sr = srunner_create(s);
	/* Fork mode whatever CK_FORK says: learner code may crash or hang. */
	srunner_set_fork_status(sr, CK_FORK);
	srunner_set_tap(sr, "-");
	srunner_run_all(sr, CK_SILENT);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
