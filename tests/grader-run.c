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
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <math.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "grader-where.h"
#include "grader.h"

/* What every check's process leaves for the runner. */
enum { MAX_CHECKS = 8192, WHY = 1024 };
struct record {
	int completed;  /* the body returned and the teardown ran */
	int ended;      /* the grader ended the process; why says how */
	char why[WHY];
};
struct shared {
	int started; /* checks started so far: the next one's index */
	struct record rec[MAX_CHECKS];
};

static struct shared *shared;
static uint64_t seed;
static char capture_dir[256];
/* In a check's process: its index, its generator, and whether its body is
 * running (so that Check's own exit at the end is let through). */
static int current = -1;
static struct rng check_rng;
static volatile sig_atomic_t in_check, ticks;

/* Ticks of the check's timer, 10 a second. */
enum { TICK_USEC = 100000, TICKS_PER_SECOND = 10 };

/* The time a check may take, in seconds: GRADER_TIMEOUT, or $GRADER_TIMEOUT,
 * times Check's own $CK_TIMEOUT_MULTIPLIER. */
static double timeout_seconds(void)
{
	const char *t = getenv("GRADER_TIMEOUT"), *m = getenv("CK_TIMEOUT_MULTIPLIER");
	double s = t ? strtod(t, NULL) : GRADER_TIMEOUT;
	double k = m ? strtod(m, NULL) : 1;
	return (s > 0 ? s : GRADER_TIMEOUT) * (k > 0 ? k : 1);
}

/* ---- Ending a check's process with a verdict ---- */

/* Ends the process at once (no atexit handlers, no stdio flush: the code
 * under test may have left either in any state). */
static void grader_die(void) __attribute__((noreturn));
static void grader_die(void)
{
	syscall(SYS_exit_group, 1);
	for (;;)
		pause();
}

/* Records why the current check failed, as "WHAT in FUNCTION: WHY", and
 * ends its process. */
static void grader_end(const char *what, const char *why) __attribute__((noreturn));
static void grader_end(const char *what, const char *why)
{
	in_check = 0;
	if (current >= 0 && current < MAX_CHECKS) {
		struct record *r = &shared->rec[current];
		char where[WHY / 2];
		where_now(where, sizeof where);
		snprintf(r->why, sizeof r->why, "%s%s: %s", what, where, why);
		r->ended = 1;
	}
	grader_die();
}

#define RETURN_NOT_EXIT "a function of the course returns its answer and never ends the program, " \
	"and a check counts only if it runs to its end"

/* Called by each intercepted exit function: during a check, unless Check
 * itself is ending the process, records the call and ends the process. */
static void grader_exit_call(const char *fn, int status, const void *caller)
{
	if (!in_check)
		return;
	const char *name = where_name((const char *)caller - 1);
	if (name && where_is_check(name))
		return; /* Check ending a failed check: its message stands */
	char what[64];
	if (status < 0)
		snprintf(what, sizeof what, "called %s()", fn);
	else
		snprintf(what, sizeof what, "called %s(%d)", fn, status);
	grader_end(what, RETURN_NOT_EXIT);
}

typedef void exit_fn(int);
typedef void abort_fn(void);

/* The C library's own, behind ours. */
static void *next(const char *name)
{
	void *f = dlsym(RTLD_NEXT, name);
	if (!f)
		grader_die();
	return f;
}

void exit(int status)
{
	grader_exit_call("exit", status, __builtin_return_address(0));
	((exit_fn *)next("exit"))(status);
	__builtin_unreachable();
}

void _exit(int status)
{
	grader_exit_call("_exit", status, __builtin_return_address(0));
	((exit_fn *)next("_exit"))(status);
	__builtin_unreachable();
}

void _Exit(int status)
{
	grader_exit_call("_Exit", status, __builtin_return_address(0));
	((exit_fn *)next("_Exit"))(status);
	__builtin_unreachable();
}

void quick_exit(int status)
{
	grader_exit_call("quick_exit", status, __builtin_return_address(0));
	((exit_fn *)next("quick_exit"))(status);
	__builtin_unreachable();
}

void abort(void)
{
	grader_exit_call("abort", -1, __builtin_return_address(0));
	((abort_fn *)next("abort"))();
	__builtin_unreachable();
}

/* ---- Signals, hangs and floods ---- */

/* Every signal whose default action ends the process. */
static const int fatal[] = {
	SIGHUP, SIGINT, SIGQUIT, SIGILL, SIGTRAP, SIGABRT, SIGBUS, SIGFPE, SIGUSR1,
	SIGSEGV, SIGUSR2, SIGPIPE, SIGALRM, SIGTERM, SIGSTKFLT, SIGXCPU, SIGXFSZ,
	SIGVTALRM, SIGPROF, SIGIO, SIGPWR, SIGSYS,
};

/* What a signal usually means in a numerical function. */
static const char *meaning(int sig)
{
	switch (sig) {
	case SIGSEGV:
		return "a read or write outside the memory it may use: an index past the end of an "
		       "array, a NULL or uninitialised pointer, or endless recursion";
	case SIGBUS:
		return "an access to a misaligned or unmapped address";
	case SIGFPE:
		return "an integer division by zero (division of doubles never raises it)";
	case SIGILL:
		return "an illegal instruction, as __builtin_trap or a corrupted call leaves";
	case SIGABRT:
		return "abort(), which a failed assert() calls";
	default:
		return NULL;
	}
}

static void grader_on_signal(int sig, siginfo_t *info, void *ucontext)
{
	(void)ucontext;
	if (sig == SIGALRM && info->si_code == SI_KERNEL) { /* our timer (setitimer) */
		ticks++;
		struct stat st;
		char what[128];
		if (fstat(STDOUT_FILENO, &st) == 0 && st.st_size > GRADER_OUTPUT_LIMIT) {
			snprintf(what, sizeof what, "printed more than %d bytes", GRADER_OUTPUT_LIMIT);
			grader_end(what, "a check allows at most that much, so the output was cut off "
				   "there (a print left in a loop?)");
		}
		if (ticks >= timeout_seconds() * TICKS_PER_SECOND) {
			snprintf(what, sizeof what, "was still running after %g seconds", timeout_seconds());
			grader_end(what, "that is the time a check may take: an endless loop? (a loop "
				   "whose condition never becomes false, or a counter that wraps round)");
		}
		return;
	}
	const char *abbrev = sigabbrev_np(sig), *why = meaning(sig);
	int self = (info->si_code == SI_USER || info->si_code == SI_TKILL) && info->si_pid == getpid();
	char what[160];
	snprintf(what, sizeof what, "received SIG%s%s", abbrev ? abbrev : "?",
		 self ? ", which it sent itself (raise() or kill())," : "");
	grader_end(what, why ? why : "a function of the course computes its answer and returns it; "
		   "it never signals");
}

/* ---- Each check's process ---- */

/* True when a check before the current one did not run to its end. */
static bool an_earlier_check_failed(void)
{
	for (int k = 0; k < current && k < MAX_CHECKS; k++)
		if (!shared->rec[k].completed)
			return true;
	return false;
}

/* Checked fixture: runs in the check's process, just before its body. */
static void grader_check_setup(void)
{
	current = shared->started++;
	/* The mutation test only needs to know whether any check fails:
	 * $GRADER_FAIL_FAST skips every check after the first failure. */
	if (getenv("GRADER_FAIL_FAST") && an_earlier_check_failed()) {
		if (current < MAX_CHECKS) {
			snprintf(shared->rec[current].why, WHY, "skipped: an earlier check failed (GRADER_FAIL_FAST)");
			shared->rec[current].ended = 1;
		}
		grader_die();
	}
	rng_seed(&check_rng, seed ^ (0x9e3779b97f4a7c15u * (uint64_t)(current + 1)));

	/* The code's output goes to a file of its own. */
	char path[512];
	snprintf(path, sizeof path, "%s/%d", capture_dir, current);
	fflush(stdout);
	fflush(stderr);
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fd >= 0) {
		dup2(fd, STDOUT_FILENO);
		dup2(fd, STDERR_FILENO);
		close(fd);
	}

	/* An alternate stack, so that even a stack overflow is reported. */
	static char altstack[1 << 16];
	stack_t ss = {.ss_sp = altstack, .ss_size = sizeof altstack};
	sigaltstack(&ss, NULL);
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = grader_on_signal;
	sa.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_RESTART;
	sigfillset(&sa.sa_mask);
	for (size_t k = 0; k < sizeof fatal / sizeof fatal[0]; k++)
		sigaction(fatal[k], &sa, NULL);

	ticks = 0;
	struct itimerval it = {{0, TICK_USEC}, {0, TICK_USEC}};
	setitimer(ITIMER_REAL, &it, NULL);
	in_check = 1;
}

/* Checked teardown: runs only when the body returned. */
static void grader_check_teardown(void)
{
	struct itimerval off = {{0, 0}, {0, 0}};
	setitimer(ITIMER_REAL, &off, NULL);
	in_check = 0;
	fflush(stdout);
	fflush(stderr);
	struct stat st;
	if (fstat(STDOUT_FILENO, &st) == 0 && st.st_size > GRADER_OUTPUT_LIMIT)
		ck_abort_msg("the code under test printed %lld bytes during this check, more than the "
			     "%d a check allows: the output was cut off (a print left in a loop?)",
			     (long long)st.st_size, GRADER_OUTPUT_LIMIT);
	if (current >= 0 && current < MAX_CHECKS)
		shared->rec[current].completed = 1;
}

TCase *grader_tcase(Suite *s, const char *name)
{
	TCase *tc = tcase_create(name);
	/* Check's own limit, a little after ours, catches what ours cannot
	 * (a process that stopped itself). */
	tcase_set_timeout(tc, timeout_seconds() + 3);
	tcase_add_checked_fixture(tc, grader_check_setup, grader_check_teardown);
	suite_add_tcase(s, tc);
	return tc;
}

/* ---- Random inputs ---- */

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

/* Prints the code's output during check k as TAP comments, then removes it. */
static void show_output(int k)
{
	enum { MAX_LINES = 20, MAX_BYTES = 2048 };
	char path[512], line[256];
	snprintf(path, sizeof path, "%s/%d", capture_dir, k);
	FILE *in = fopen(path, "r");
	if (!in)
		return;
	struct stat st;
	long long size = fstat(fileno(in), &st) == 0 ? (long long)st.st_size : 0;
	int lines = 0, shown = 0;
	while (lines < MAX_LINES && shown < MAX_BYTES && fgets(line, sizeof line, in)) {
		if (lines++ == 0)
			printf("# output of the code under test during this check:\n");
		line[strcspn(line, "\n")] = '\0';
		shown += (int)strlen(line) + 1;
		printf("#   %s\n", line);
	}
	if (lines && shown < size)
		printf("#   ... (%lld bytes in all)\n", size);
	fclose(in);
	unlink(path);
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
	const struct record *r = n >= 1 && n <= MAX_CHECKS ? &shared->rec[n - 1] : NULL;
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
			 "grader could name (waiting for input, or stopped?)", timeout_seconds() + 3);
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
	shared = mmap(NULL, sizeof *shared, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	const char *tmp = getenv("TMPDIR");
	snprintf(capture_dir, sizeof capture_dir, "%s/grader.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	char tap[sizeof capture_dir + 8];
	if (shared == MAP_FAILED || !mkdtemp(capture_dir)) {
		perror("grader: cannot set up the run");
		return EXIT_FAILURE;
	}
	snprintf(tap, sizeof tap, "%s/tap", capture_dir);
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
	rmdir(capture_dir);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
