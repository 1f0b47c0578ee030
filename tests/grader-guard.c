/* grader-guard.c: guard elements around every buffer a check hands to the
 * code under test.  A loop that runs one step too far (i <= n) writes into
 * memory nobody checks unless something is there to be spoilt: here it is
 * a row of marked NaNs, compared bit for bit after the call. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grader.h"

/* Under AddressSanitizer (make memcheck) the guards are poisoned as well,
 * so that a write into them is reported at once by the sanitizer, with the
 * learner's file and line, rather than only after the call by the grader.
 * (ASan poisons whole 8-byte granules: a float guard right after an odd
 * number of floats is left to the grader's own check.) */
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
 * copying one buffer's guard into another's (out[n] = b[n]) shows too.
 * Floats get the float signalling NaN with the same idea. */
static const uint64_t GUARD_BITS = 0x7ff4badc0ff00000u;
static const uint32_t GUARD_BITS_F = 0x7fa00000u;
static uint64_t buffers;
static const uint64_t MAGIC = 0x6775617264656421u; /* "guarded!" */

/* The memory of a guarded buffer: its length and element width, the
 * guards before (the last GRADER_GUARD * width bytes of before[]), the n
 * elements, the guards after. */
struct head {
	uint64_t magic;
	size_t n, width;
	unsigned char guard[sizeof(double)]; /* one guard element, width bytes */
	unsigned char before[GRADER_GUARD * sizeof(double)];
	double v[]; /* n elements, then GRADER_GUARD guards */
};

static struct head *head_of(const void *buf)
{
	struct head *h = (struct head *)((char *)(uintptr_t)buf - offsetof(struct head, v));
	if (h->magic != MAGIC) {
		fprintf(stderr, "grader: a buffer that grader_out did not make\n");
		abort();
	}
	return h;
}

/* Element k of h's memory, k from -GRADER_GUARD to n + GRADER_GUARD - 1. */
static unsigned char *at(const struct head *h, ptrdiff_t k)
{
	return (unsigned char *)(uintptr_t)h->v + k * (ptrdiff_t)h->width;
}

static bool is_guard(const struct head *h, ptrdiff_t k)
{
	return memcmp(at(h, k), h->guard, h->width) == 0;
}

/* Element k as a double, for messages. */
static double value(const struct head *h, ptrdiff_t k)
{
	if (h->width == sizeof(float)) {
		float f;
		memcpy(&f, at(h, k), sizeof f);
		return f;
	}
	double d;
	memcpy(&d, at(h, k), sizeof d);
	return d;
}

static void *guarded(size_t n, size_t width)
{
	struct head *h = malloc(sizeof *h + (n + GRADER_GUARD) * width);
	if (!h) {
		fprintf(stderr, "grader: out of memory\n");
		abort();
	}
	uint64_t number = ++buffers & 0xfffff, bits = GUARD_BITS | number;
	uint32_t bits_f = GUARD_BITS_F | (uint32_t)number;
	if (width == sizeof(double))
		memcpy(h->guard, &bits, sizeof bits);
	else
		memcpy(h->guard, &bits_f, sizeof bits_f);
	h->magic = MAGIC;
	h->n = n;
	h->width = width;
	for (ptrdiff_t k = 1; k <= GRADER_GUARD; k++) {
		memcpy(at(h, -k), h->guard, width);
		memcpy(at(h, (ptrdiff_t)n + k - 1), h->guard, width);
	}
	POISON(at(h, -GRADER_GUARD), GRADER_GUARD * width);
	POISON(at(h, (ptrdiff_t)n), GRADER_GUARD * width);
	return h->v;
}

double *grader_out(size_t n, double fill)
{
	double *v = guarded(n, sizeof *v);
	for (size_t k = 0; k < n; k++)
		v[k] = fill;
	return v;
}

float *grader_out_f(size_t n, float fill)
{
	float *v = guarded(n, sizeof *v);
	for (size_t k = 0; k < n; k++)
		v[k] = fill;
	return v;
}

double *grader_in(const double *src, size_t n)
{
	double *in = grader_out(n, 0);
	if (n)
		memcpy(in, src, n * sizeof *src);
	return in;
}

float *grader_in_f(const float *src, size_t n)
{
	float *in = grader_out_f(n, 0);
	if (n)
		memcpy(in, src, n * sizeof *src);
	return in;
}

size_t grader_len(const void *buf)
{
	return head_of(buf)->n;
}

/* What changed around buf, as "wrote past NAME[n-1] (NAME[n] = 0.5)", or
 * NULL when every guard is intact. */
static const char *spoilt(char *msg, size_t size, const void *buf, const char *name)
{
	const struct head *h = head_of(buf);
	ptrdiff_t n = (ptrdiff_t)h->n;
	UNPOISON(at(h, -GRADER_GUARD), GRADER_GUARD * h->width);
	UNPOISON(at(h, n), GRADER_GUARD * h->width);
	for (ptrdiff_t k = n; k < n + GRADER_GUARD; k++)
		if (!is_guard(h, k)) {
			if (n == 0)
				snprintf(msg, size, "wrote into %s although n = 0 (%s[%td] became %.17g)",
					 name, name, k, value(h, k));
			else
				snprintf(msg, size, "wrote past %s[%td], the last element (%s[%td] became %.17g)",
					 name, n - 1, name, k, value(h, k));
			return msg;
		}
	for (ptrdiff_t k = -1; k >= -GRADER_GUARD; k--)
		if (!is_guard(h, k)) {
			snprintf(msg, size, "wrote before %s[0] (%s[%td] became %.17g)", name, name, k,
				 value(h, k));
			return msg;
		}
	return NULL;
}

void grader_expect_guards(const void *buf, const char *name, const char *callfmt, ...)
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

void grader_expect_unchanged(const void *in, const void *src, const char *name,
			     const char *callfmt, ...)
{
	char what[256], call[512];
	const struct head *h = head_of(in);
	const char *bad = spoilt(what, sizeof what, in, name);
	for (size_t k = 0; !bad && k < h->n; k++)
		if (memcmp(at(h, (ptrdiff_t)k), (const unsigned char *)src + k * h->width, h->width) != 0) {
			double was = h->width == sizeof(float) ? ((const float *)src)[k] : ((const double *)src)[k];
			snprintf(what, sizeof what, "wrote into its input %s (%s[%zu] was %.17g, now %.17g)",
				 name, name, k, was, value(h, (ptrdiff_t)k));
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
