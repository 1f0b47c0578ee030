/* grader-guard.c: guard elements around every buffer a check hands to the
 * code under test.  A loop that runs one step too far (i <= n) writes into
 * memory nobody checks unless something is there to be spoilt: here it is
 * a row of marked NaNs, compared bit for bit after the call. */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grader.h"

/* Under AddressSanitizer (make memcheck) the guards are poisoned as well,
 * so that a write into them is reported at once by the sanitizer, with the
 * learner's file and line, rather than only after the call by the grader. */
#ifdef __SANITIZE_ADDRESS__
#include <sanitizer/asan_interface.h>
#define POISON(p, size) ASAN_POISON_MEMORY_REGION(p, size)
#define UNPOISON(p, size) ASAN_UNPOISON_MEMORY_REGION(p, size)
#else
#define POISON(p, size) ((void)(p), (void)(size))
#define UNPOISON(p, size) ((void)(p), (void)(size))
#endif

/* A signalling NaN with a payload that no arithmetic produces.  Not a
 * quiet NaN: arithmetic passes a quiet NaN through unchanged, so out[n] /=
 * sum would leave it as it was; a signalling one comes out quietened.
 * Each buffer's guards carry its own number in the low bits, so that
 * copying one buffer's guard into another's (out[n] = b[n]) shows too. */
static const uint64_t GUARD_BITS = 0x7ff4badc0ff00000u;
static uint64_t buffers;
static const uint64_t MAGIC = 0x6775617264656421u; /* "guarded!" */

/* The memory of a guarded buffer: its size, the guards before, the n
 * elements, the guards after. */
struct head {
	uint64_t magic, guard;
	size_t n;
	double before[GRADER_GUARD];
	double v[]; /* n elements, then GRADER_GUARD guards */
};

static struct head *head_of(const double *buf)
{
	struct head *h = (struct head *)((char *)(uintptr_t)buf - offsetof(struct head, v));
	if (h->magic != MAGIC) {
		fprintf(stderr, "grader: a buffer that grader_out did not make\n");
		abort();
	}
	return h;
}

static bool is_guard(const struct head *h, double d)
{
	uint64_t bits;
	memcpy(&bits, &d, sizeof bits);
	return bits == h->guard;
}

double *grader_out(size_t n, double fill)
{
	struct head *h = malloc(sizeof *h + (n + GRADER_GUARD) * sizeof(double));
	if (!h) {
		fprintf(stderr, "grader: out of memory\n");
		abort();
	}
	double guard;
	h->guard = GUARD_BITS | (++buffers & 0xfffff);
	memcpy(&guard, &h->guard, sizeof guard);
	h->magic = MAGIC;
	h->n = n;
	for (size_t k = 0; k < GRADER_GUARD; k++)
		h->before[k] = h->v[n + k] = guard;
	for (size_t k = 0; k < n; k++)
		h->v[k] = fill;
	POISON(h->before, sizeof h->before);
	POISON(h->v + n, GRADER_GUARD * sizeof(double));
	return h->v;
}

double *grader_in(const double *src, size_t n)
{
	double *in = grader_out(n, 0);
	if (n)
		memcpy(in, src, n * sizeof *src);
	return in;
}

size_t grader_len(const double *buf)
{
	return head_of(buf)->n;
}

/* What changed around buf, as "wrote past NAME[n-1] (NAME[n] = 0.5)", or
 * NULL when every guard is intact. */
static const char *spoilt(char *msg, size_t size, const double *buf, const char *name)
{
	const struct head *h = head_of(buf);
	UNPOISON(h->before, sizeof h->before);
	UNPOISON(h->v + h->n, GRADER_GUARD * sizeof(double));
	for (size_t k = 0; k < GRADER_GUARD; k++)
		if (!is_guard(h, h->v[h->n + k])) {
			if (h->n == 0)
				snprintf(msg, size, "wrote into %s although n = 0 (%s[%zu] became %.17g)",
					 name, name, k, h->v[k]);
			else
				snprintf(msg, size, "wrote past %s[%zu], the last element (%s[%zu] became %.17g)",
					 name, h->n - 1, name, h->n + k, h->v[h->n + k]);
			return msg;
		}
	for (size_t k = GRADER_GUARD; k-- > 0;)
		if (!is_guard(h, h->before[k])) {
			snprintf(msg, size, "wrote before %s[0] (%s[-%zu] became %.17g)", name, name,
				 GRADER_GUARD - k, h->before[k]);
			return msg;
		}
	return NULL;
}

void grader_expect_guards(const double *buf, const char *name, const char *callfmt, ...)
{
	char what[256];
	if (!spoilt(what, sizeof what, buf, name))
		return;
	char call[512];
	va_list ap;
	va_start(ap, callfmt);
	vsnprintf(call, sizeof call, callfmt, ap);
	va_end(ap);
	ck_abort_msg("%s %s: a loop ran beyond the array it was given, into memory that "
		     "belongs to something else", call, what);
}

void grader_expect_unchanged(const double *in, const double *src, const char *name,
			     const char *callfmt, ...)
{
	char what[256], call[512];
	const struct head *h = head_of(in);
	const char *bad = spoilt(what, sizeof what, in, name);
	for (size_t k = 0; !bad && k < h->n; k++)
		if (memcmp(&in[k], &src[k], sizeof *in) != 0) {
			snprintf(what, sizeof what, "wrote into its input %s (%s[%zu] was %.17g, now %.17g)",
				 name, name, k, src[k], in[k]);
			bad = what;
		}
	if (!bad)
		return;
	va_list ap;
	va_start(ap, callfmt);
	vsnprintf(call, sizeof call, callfmt, ap);
	va_end(ap);
	ck_abort_msg("%s %s: %s is const, the function may only read it", call, bad, name);
}
