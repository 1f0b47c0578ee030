/* grader-table.c: the high-precision reference tables of tests/data/, read
 * once for every suite that grades against them (04 and 05 today). */
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "grader.h"

/* The largest table, and how many tables a suite may read. */
enum { MAX_ROWS = 4096, MAX_TABLES = 4 };

static struct grader_ref rows[MAX_TABLES][MAX_ROWS];
static int tables;
static char load_error[MAX_TABLES][1024];

int grader_load_reference(const char *name, struct grader_ref *out, int max, char *msg, size_t size)
{
	const char *src = getenv("srcdir");
	char path[1024], line[512];
	snprintf(path, sizeof path, "%s/tests/data/%s", src ? src : ".", name);
	FILE *in = fopen(path, "r");
	if (!in) {
		snprintf(msg, size, "cannot read %.900s: run the suite through make, which sets srcdir", path);
		return -1;
	}
	int n = 0, lineno = 1;
	if (!fgets(line, sizeof line, in)) { /* the header */
		snprintf(msg, size, "%.900s is empty", path);
		n = -1;
	}
	while (n >= 0 && fgets(line, sizeof line, in)) {
		lineno++;
		char *p = line, *end;
		double v[3];
		for (int k = 0; k < 3; k++, p = end + 1) {
			v[k] = strtod(p, &end);
			if (end == p || *end != (k < 2 ? ',' : '\n')) {
				snprintf(msg, size, "%.900s:%d is not a row x,f,g", path, lineno);
				n = -1;
				break;
			}
		}
		if (n < 0)
			break;
		if (n == max) {
			snprintf(msg, size, "%.900s has more than %d rows", path, max);
			n = -1;
			break;
		}
		out[n++] = (struct grader_ref){v[0], v[1], v[2]};
	}
	fclose(in);
	if (n == 0) {
		snprintf(msg, size, "%.900s has no rows", path);
		n = -1;
	}
	return n;
}

/* Loop index k: why table k could not be read. */
START_TEST(reference_table_is_readable)
{
	ck_abort_msg("%s", load_error[_i]);
}
END_TEST

struct grader_table grader_table(const char *name, TCase *tc)
{
	struct grader_table t = {NULL, 0, 0};
	if (tables == MAX_TABLES) {
		fprintf(stderr, "grader_table: more than %d tables\n", MAX_TABLES);
		abort();
	}
	int k = tables++;
	int n = grader_load_reference(name, rows[k], MAX_ROWS, load_error[k], sizeof load_error[k]);
	if (n < 0) {
		tcase_add_loop_test(tc, reference_table_is_readable, k, k + 1);
		return t;
	}
	t.rows = rows[k];
	t.n = n;
	t.chunks = (n + GRADER_CHUNK - 1) / GRADER_CHUNK;
	return t;
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

/* The ULP checks registered, one loop index each. */
static struct {
	struct grader_table t;
	double (*f)(double), (*g)(double);
	const char *fname, *gname;
} ulp[MAX_TABLES];
static int n_ulp;

/* Only with COURSE_ULP_CHECK set, for the reference solutions: within 4 ULP
 * of the exact value wherever that is a normal double. */
START_TEST(reference_solution_within_4_ulp)
{
	char msg[512];
	for (int i = 0; i < ulp[_i].t.n; i++) {
		const struct grader_ref *r = &ulp[_i].t.rows[i];
		if (!within_ulps(ulp[_i].f(r->x), r->f, r->x, ulp[_i].fname, 4, msg, sizeof msg) ||
		    !within_ulps(ulp[_i].g(r->x), r->g, r->x, ulp[_i].gname, 4, msg, sizeof msg))
			ck_abort_msg("%s", msg);
	}
}
END_TEST

void grader_add_ulp_check(Suite *s, struct grader_table t, double (*f)(double), const char *fname,
			  double (*g)(double), const char *gname)
{
	if (!getenv("COURSE_ULP_CHECK") || n_ulp == MAX_TABLES)
		return;
	int k = n_ulp++;
	ulp[k].t = t, ulp[k].f = f, ulp[k].g = g, ulp[k].fname = fname, ulp[k].gname = gname;
	tcase_add_loop_test(grader_tcase(s, "ulp"), reference_solution_within_4_ulp, k, k + 1);
}
