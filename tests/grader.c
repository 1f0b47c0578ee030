/* grader.c: comparisons and messages shared by every suite. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

double grader_central_diff(double (*f)(double x, void *ctx), void *ctx, double x, double h)
{
	return (f(x + h, ctx) - f(x - h, ctx)) / (2.0 * h);
}

bool grader_grad_agrees(double a, double n)
{
	return fabs(a - n) <= 1e-6 + 1e-4 * fabs(n);
}

double grader_ulps(double got, double want)
{
	if (got == want)
		return 0;
	double a = fabs(want);
	return fabs(got - want) / (nextafter(a, INFINITY) - a);
}

/* The shortest of %.15g, %.16g, %.17g that reads back as v: "0.1", not
 * "0.10000000000000001". */
static void put_number(char *buf, size_t size, double v)
{
	if (isnan(v)) {
		snprintf(buf, size, "nan");
		return;
	}
	for (int digits = 15; digits <= 17; digits++) {
		snprintf(buf, size, "%.*g", digits, v);
		if (strtod(buf, NULL) == v)
			return;
	}
}

bool grader_same_array(const double *got, const double *want, int n)
{
	for (int i = 0; i < n; i++)
		if (!grader_close(got[i], want[i], TOL_EXACT, 1e-300))
			return false;
	return true;
}

const char *grader_show_array(char *buf, size_t size, const double *v, size_t n)
{
	size_t used = (size_t)snprintf(buf, size, "[");
	for (size_t i = 0; i < n && used < size; i++) {
		char num[32];
		put_number(num, sizeof num, v[i]);
		used += (size_t)snprintf(buf + used, size - used, "%s%s", i ? ", " : "", num);
	}
	if (used < size)
		snprintf(buf + used, size - used, "]");
	return buf;
}

void grader_log_softmax(const double *z, size_t n, long double *lp)
{
	double m = z[0];
	for (size_t i = 1; i < n; i++)
		m = fmax(m, z[i]);
	long double s = 0;
	for (size_t i = 0; i < n; i++)
		s += expl((long double)z[i] - m);
	for (size_t i = 0; i < n; i++)
		lp[i] = ((long double)z[i] - m) - logl(s);
}

void grader_positions(size_t n, size_t pos[3])
{
	pos[0] = 0;
	pos[1] = n / 2;
	pos[2] = n - 1;
}
