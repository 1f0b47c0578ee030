/* grader-check.c: each check's own process, as grader-run.c sets it up.
 *
 * Before the body (a checked fixture) the process sends its output to a
 * file of its own, catches every signal that would end it, starts a timer
 * and notes that a body is running.  exit, _exit, _Exit, quick_exit and
 * abort are replaced, for the suite's program, by versions that, while a
 * body runs, record what happened and where instead.  After the body (the
 * checked teardown, which runs only if the body returned) it records that
 * the check ran to its end: nothing else counts as a pass.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <unistd.h>

#include "grader-run.h"
#include "grader-where.h"
#include "grader.h"

/* In a check's process: its index, and whether its body is running (so
 * that Check's own exit at the end is let through). */
static int current = -1;
static volatile sig_atomic_t in_check, ticks;

/* Ticks of the check's timer, 10 a second. */
enum { TICK_USEC = 100000, TICKS_PER_SECOND = 10 };

/* ---- The output of the code under test ---- */

/* Copies the size and the first bytes of what the code under test printed
 * (its stdout and stderr are an in-memory file) into the check's record.
 * Only system calls: it may run in a signal handler. */
static void grader_keep_output(void)
{
	struct stat st;
	if (current < 0 || current >= MAX_CHECKS || fstat(STDOUT_FILENO, &st) != 0)
		return;
	struct record *r = &grader_shared->rec[current];
	r->output_size = st.st_size;
	ssize_t got = pread(STDOUT_FILENO, r->output, OUTPUT - 1, 0);
	r->output[got > 0 ? got : 0] = '\0';
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
		struct record *r = &grader_shared->rec[current];
		char where[WHY / 2];
		where_now(where, sizeof where);
		snprintf(r->why, sizeof r->why, "%s%s: %s", what, where, why);
		r->ended = 1;
	}
	grader_keep_output();
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
	if (name && where_is_check(name)) {
		grader_keep_output(); /* Check ending a failed check: its message stands */
		return;
	}
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
		if (ticks >= grader_timeout_seconds() * TICKS_PER_SECOND) {
			snprintf(what, sizeof what, "was still running after %g seconds", grader_timeout_seconds());
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

/* ---- Under the sanitizers (make memcheck) ---- */

/* Present only in a program built with -fsanitize=address or undefined:
 * weak, so that the plain suites link without them. */
void __sanitizer_set_report_fd(void *fd) __attribute__((weak));
void __sanitizer_set_death_callback(void (*callback)(void)) __attribute__((weak));

/* A sanitizer that found an error ends the process itself (halt_on_error);
 * just before, this names the function, as for a signal.  Its report, with
 * the file and line, goes to the suite's own standard error, where make
 * memcheck reads it, not into the check's output. */
static void grader_on_sanitizer_death(void)
{
	if (in_check)
		grader_end("made the sanitizer stop the check",
			   "a memory error or undefined behaviour; the sanitizer's report names the "
			   "line (make memcheck prints it)");
}

static void grader_sanitizer_setup(void)
{
	if (__sanitizer_set_report_fd) {
		int fd = dup(STDERR_FILENO);
		if (fd >= 0)
			__sanitizer_set_report_fd((void *)(intptr_t)fd);
	}
	if (__sanitizer_set_death_callback)
		__sanitizer_set_death_callback(grader_on_sanitizer_death);
}

/* ---- Each check's process ---- */

/* True when a check before the current one did not run to its end. */
static bool an_earlier_check_failed(void)
{
	for (int k = 0; k < current && k < MAX_CHECKS; k++)
		if (!grader_shared->rec[k].completed)
			return true;
	return false;
}

/* Checked fixture: runs in the check's process, just before its body. */
void grader_check_setup(void)
{
	current = grader_shared->started++;
	grader_seed_check(current);
	/* The mutation test only needs to know whether any check fails:
	 * $GRADER_FAIL_FAST skips every check after the first failure. */
	if (getenv("GRADER_FAIL_FAST") && an_earlier_check_failed()) {
		if (current < MAX_CHECKS) {
			snprintf(grader_shared->rec[current].why, WHY, "skipped: an earlier check failed (GRADER_FAIL_FAST)");
			grader_shared->rec[current].ended = 1;
		}
		grader_die();
	}

	/* The code's output goes to a file in memory of its own; a sanitizer's
	 * report still goes to the suite's standard error. */
	grader_sanitizer_setup();
	fflush(stdout);
	fflush(stderr);
	int fd = memfd_create("grader-output", 0);
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
void grader_check_teardown(void)
{
	struct itimerval off = {{0, 0}, {0, 0}};
	setitimer(ITIMER_REAL, &off, NULL);
	in_check = 0;
	fflush(stdout);
	fflush(stderr);
	grader_keep_output();
	struct stat st;
	if (fstat(STDOUT_FILENO, &st) == 0 && st.st_size > GRADER_OUTPUT_LIMIT)
		ck_abort_msg("the code under test printed %lld bytes during this check, more than the "
			     "%d a check allows: the output was cut off (a print left in a loop?)",
			     (long long)st.st_size, GRADER_OUTPUT_LIMIT);
	if (current >= 0 && current < MAX_CHECKS)
		grader_shared->rec[current].completed = 1;
}
