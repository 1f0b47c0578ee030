/* grader-run.c: runs a suite so that its verdict can be trusted.
 *
 * Check runs each check in a forked process (fork mode) and judges it by
 * how that process ends: exit status 0 is a pass.  So code under test that
 * calls exit(0) in the middle of a check passes it, output that looks like
 * TAP garbles the counts, and a crash or a hang is reported without saying
 * where.  The grader closes those holes around Check:
 *
 *   - every check's process records, in memory shared with the runner,
 *     that its body ran to the end (a checked teardown); a check whose
 *     body did not is failed, however its process ended;
 *   - exit, _exit, _Exit, quick_exit and abort are intercepted during a
 *     check, and every signal that would end the process is caught: each
 *     records what happened and in which function (grader-where.c);
 *   - a timer names the function still running when a check overruns its
 *     time, and stops a flood of output;
 *   - the code's stdout and stderr go to a file per check, never to the TAP
 *     stream; the runner shows them afterwards as TAP comments;
 *   - Check writes its TAP into a file, which the runner rewrites with
 *     those verdicts and the run's seed on every failure.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "grader-run.h"
#include "grader-where.h"
#include "grader.h"

struct grader_shared *grader_shared;
static uint64_t seed;
static struct rng check_rng;


/* The time a check may take, in seconds: GRADER_TIMEOUT, or $GRADER_TIMEOUT,
 * times Check's own $CK_TIMEOUT_MULTIPLIER. */
double grader_timeout_seconds(void)
{
	const char *t = getenv("GRADER_TIMEOUT"), *m = getenv("CK_TIMEOUT_MULTIPLIER");
	double s = t ? strtod(t, NULL) : GRADER_TIMEOUT;
	double k = m ? strtod(m, NULL) : 1;
	return (s > 0 ? s : GRADER_TIMEOUT) * (k > 0 ? k : 1);
}

TCase *grader_tcase(Suite *s, const char *name)
{
	TCase *tc = tcase_create(name);
	/* Check's own limit, a little after ours, catches what ours cannot
	 * (a process that stopped itself). */
	tcase_set_timeout(tc, grader_timeout_seconds() + 3);
	tcase_add_checked_fixture(tc, grader_check_setup, grader_check_teardown);
	suite_add_tcase(s, tc);
	return tc;
}

/* ---- Random inputs ---- */

void grader_seed_check(int index)
{
	rng_seed(&check_rng, seed ^ (0x9e3779b97f4a7c15u * (uint64_t)(index + 1)));
}

uint64_t grader_seed(void)
{
	return seed;
}

struct rng *grader_rng(void)
{
	return &check_rng;
}

double grader_uniform(double lo, double hi)
{
	return rng_range(&check_rng, lo, hi);
}

double grader_magnitude(double lo_exp, double hi_exp, bool signed_)
{
	double v = pow(10, rng_range(&check_rng, lo_exp, hi_exp));
	return signed_ && rng_next(&check_rng) % 2 ? -v : v;
}

size_t grader_int(size_t lo, size_t hi)
{
	return lo + (size_t)(rng_next(&check_rng) % (uint64_t)(hi - lo + 1));
}

/* A fresh seed for each run, short enough to type. */
static uint64_t new_seed(void)
{
	uint64_t r;
	if (getrandom(&r, sizeof r, 0) != sizeof r)
		r = (uint64_t)time(NULL) ^ ((uint64_t)getpid() << 20);
	return 1 + r % 999999;
}

/* ---- The run ---- */

/* tests/04-sigmoid.c, for the suite tests/04-sigmoid.test (or any program
 * whose name starts with the chapter), else empty. */
static char suite_file[128];

/* "make grade-04" for the suite tests/04-sigmoid.test. */
static const char *replay_command(char *buf, size_t size)
{
	const char *p = program_invocation_short_name;
	if (p[0] >= '0' && p[0] <= '9' && p[1] >= '0' && p[1] <= '9')
		snprintf(buf, size, "make grade-%.2s", p);
	else
		snprintf(buf, size, "make check");
	return buf;
}

/* Prints what the code under test printed during check k, as TAP comments. */
static void show_output(int k)
{
	enum { MAX_LINES = 20 };
	const struct record *r = &grader_shared->rec[k];
	const char *p = r->output;
	if (r->output_size == 0)
		return;
	printf("# output of the code under test during this check:\n");
	for (int lines = 0; *p && lines < MAX_LINES; lines++) {
		int len = (int)strcspn(p, "\n");
		printf("#   %.*s\n", len > 200 ? 200 : len, p);
		p += len + (p[len] == '\n');
	}
	if (*p || r->output_size > (long long)strlen(r->output))
		printf("#   ... (%lld bytes in all)\n", r->output_size);
}

/* One line of Check's TAP, rewritten with the grader's verdict. */
static int report(char *line, const char *replay)
{
	int n = 0, ok = strncmp(line, "ok ", 3) == 0;
	if (!ok && strncmp(line, "not ok ", 7) != 0) {
		return 0; /* the plan: ours follows */
	}
	n = atoi(line + (ok ? 3 : 7));
	/* "N - file:tcase:name: message" */
	char *name = strstr(line, " - "), *msg = NULL;
	if (name) {
		name += 3;
		msg = name;
		for (int colons = 0; colons < 3 && msg; colons++)
			msg = strchr(msg + (colons > 0), ':');
		if (msg) {
			*msg = '\0';
			msg += msg[1] == ' ' ? 2 : 1;
		}
	}
	line[strcspn(line, "\n")] = '\0';
	if (msg)
		msg[strcspn(msg, "\n")] = '\0';
	const struct record *r = n >= 1 && n <= MAX_CHECKS ? &grader_shared->rec[n - 1] : NULL;
	char why[WHY + 256];
	if (r && r->ended) {
		ok = 0;
		snprintf(why, sizeof why, "%s%s", strncmp(r->why, "skipped", 7) ? "the code under test " : "", r->why);
		msg = why;
	} else if (r && ok && !r->completed) {
		ok = 0;
		msg = "the check never finished: its process ended with status 0 while the code under "
		      "test was running; a check counts only if it runs to its end";
	} else if (!ok && msg && strcmp(msg, "Test timeout expired") == 0) {
		snprintf(why, sizeof why, "the check was stopped after %g seconds, in no function the "
			 "grader could name (waiting for input, or stopped?)", grader_timeout_seconds() + 3);
		msg = why;
	}
	/* A check that failed inside the grader (a guard, a table) names the
	 * grader's file: name the suite's instead, tests/NN-slug.c. */
	char renamed[512];
	if (name && strncmp(name, "tests/grader", 12) == 0 && suite_file[0]) {
		snprintf(renamed, sizeof renamed, "%s%s", suite_file, strchr(name, ':') ? strchr(name, ':') : "");
		name = renamed;
	}
	if (ok)
		printf("ok %d - %s: %s\n", n, name ? name : "", msg ? msg : "Passed");
	else
		printf("not ok %d - %s: %s [GRADER_SEED=%" PRIu64 " %s repeats this run]\n",
		       n, name ? name : "", msg ? msg : "", seed, replay);
	if (n >= 1)
		show_output(n - 1);
	return !ok;
}

int grader_run(Suite *s)
{
	const char *env = getenv("GRADER_SEED");
	seed = env && *env ? strtoull(env, NULL, 10) : new_seed();
	where_init();
	grader_shared = mmap(NULL, sizeof *grader_shared, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	/* Check writes its TAP into a file of its own. */
	const char *tmp = getenv("TMPDIR");
	char tap[512];
	snprintf(tap, sizeof tap, "%s/grader-tap.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	int fd = mkstemp(tap);
	if (grader_shared == MAP_FAILED || fd < 0) {
		perror("grader: cannot set up the run");
		return EXIT_FAILURE;
	}
	close(fd);
	/* Check's other logs could write to stdout; only the TAP file is used. */
	unsetenv("CK_LOG_FILE_NAME");
	unsetenv("CK_XML_LOG_FILE_NAME");
	unsetenv("CK_TAP_LOG_FILE_NAME");

	char replay[64];
	replay_command(replay, sizeof replay);
	const char *p = program_invocation_short_name;
	if (p[0] >= '0' && p[0] <= '9' && p[1] >= '0' && p[1] <= '9' && p[2] == '-')
		snprintf(suite_file, sizeof suite_file, "tests/%.*s.c", (int)strcspn(p, "."), p);
	printf("# random inputs from GRADER_SEED=%" PRIu64 " (GRADER_SEED=%" PRIu64 " %s repeats this run)\n",
	       seed, seed, replay);
	fflush(stdout); /* before any fork, or the children would print it again */

	SRunner *sr = srunner_create(s);
	/* Fork mode whatever CK_FORK says: the code under test may crash. */
	srunner_set_fork_status(sr, CK_FORK);
	srunner_set_tap(sr, tap);
	srunner_run_all(sr, CK_SILENT);
	srunner_free(sr);

	int failed = 0, checks = 0;
	FILE *in = fopen(tap, "r");
	char *line = NULL;
	size_t cap = 0;
	while (in && getline(&line, &cap, in) > 0) {
		if (strncmp(line, "ok ", 3) == 0 || strncmp(line, "not ok ", 7) == 0)
			checks++;
		failed += report(line, replay);
	}
	free(line);
	if (in)
		fclose(in);
	if (!in || checks == 0) {
		printf("not ok 1 - the suite ran no check (its TAP file %s is missing)\n", tap);
		checks = 1, failed = 1;
	}
	printf("1..%d\n", checks);
	unlink(tap);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
