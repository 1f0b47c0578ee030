/* grader-where.c: names the function a check's process was in when it
 * crashed, exited or hung, from a backtrace and the program's own ELF
 * symbol table (which, unlike dladdr, also names static functions and
 * needs no -rdynamic).  Linux and 64-bit ELF; elsewhere it names nothing
 * and the messages say less. */
#include <execinfo.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grader-where.h"

#if defined(__linux__) && defined(__LP64__)
#include <elf.h>
#define HAVE_ELF 1
#endif

struct fn {
	uintptr_t start, size;
	const char *name;
	int global; /* not static */
};

static struct fn *fns;
static size_t n_fns;

static int by_start(const void *a, const void *b)
{
	uintptr_t x = ((const struct fn *)a)->start, y = ((const struct fn *)b)->start;
	return x < y ? -1 : x > y;
}

#ifdef HAVE_ELF
/* The whole of /proc/self/exe, kept for the names in its string table. */
static char *image;

/* Fills fns from the symbol table of image (size bytes); returns the
 * number of function symbols, 0 when there is no table. */
static size_t read_symbols(size_t size)
{
	const Elf64_Ehdr *eh = (const Elf64_Ehdr *)image;
	if (size < sizeof *eh || memcmp(eh->e_ident, ELFMAG, SELFMAG) != 0 ||
	    eh->e_ident[EI_CLASS] != ELFCLASS64 || eh->e_shoff + eh->e_shnum * sizeof(Elf64_Shdr) > size)
		return 0;
	const Elf64_Shdr *sh = (const Elf64_Shdr *)(image + eh->e_shoff);
	for (size_t i = 0; i < eh->e_shnum; i++) {
		if (sh[i].sh_type != SHT_SYMTAB || sh[i].sh_link >= eh->e_shnum)
			continue;
		const Elf64_Sym *sym = (const Elf64_Sym *)(image + sh[i].sh_offset);
		const char *str = image + sh[sh[i].sh_link].sh_offset;
		size_t count = sh[i].sh_size / sizeof *sym, n = 0;
		fns = malloc(count * sizeof *fns);
		if (!fns)
			return 0;
		for (size_t k = 0; k < count; k++)
			if (ELF64_ST_TYPE(sym[k].st_info) == STT_FUNC && sym[k].st_value != 0)
				fns[n++] = (struct fn){sym[k].st_value, sym[k].st_size, str + sym[k].st_name,
						       ELF64_ST_BIND(sym[k].st_info) != STB_LOCAL};
		return n;
	}
	return 0;
}

void where_init(void)
{
	void *frames[2];
	backtrace(frames, 2); /* loads the unwinder now, not in a signal handler */
	FILE *in = fopen("/proc/self/exe", "rb");
	if (!in)
		return;
	size_t cap = 1 << 20, size = 0, got;
	image = malloc(cap);
	while (image && (got = fread(image + size, 1, cap - size, in)) > 0) {
		size += got;
		if (size == cap)
			image = realloc(image, cap *= 2);
	}
	fclose(in);
	if (!image || (n_fns = read_symbols(size)) == 0)
		return;
	qsort(fns, n_fns, sizeof *fns, by_start);
	/* Position-independent executables load at an offset: find it from a
	 * function whose address we know. */
	uintptr_t bias = 0;
	for (size_t k = 0; k < n_fns; k++)
		if (strcmp(fns[k].name, "where_init") == 0)
			bias = (uintptr_t)where_init - fns[k].start;
	for (size_t k = 0; k < n_fns; k++)
		fns[k].start += bias;
}
#else
void where_init(void)
{
}
#endif

static const struct fn *lookup(const void *addr)
{
	uintptr_t a = (uintptr_t)addr;
	size_t lo = 0, hi = n_fns;
	while (lo < hi) { /* the first function starting after a */
		size_t mid = lo + (hi - lo) / 2;
		if (fns[mid].start <= a)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == 0)
		return NULL;
	const struct fn *f = &fns[lo - 1];
	return a < f->start + (f->size ? f->size : 1) ? f : NULL;
}

const char *where_name(const void *addr)
{
	const struct fn *f = lookup(addr);
	return f ? f->name : NULL;
}

static int starts(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

int where_is_check(const char *name)
{
	return starts(name, "_ck_") || starts(name, "ck_") || starts(name, "srunner_") ||
	       starts(name, "tcase_") || starts(name, "check_") || strcmp(name, "eprintf") == 0;
}

/* The grader's own functions, which the event passes through. */
static int is_grader(const char *name)
{
	return starts(name, "grader_") || starts(name, "where_") || strcmp(name, "exit") == 0 ||
	       strcmp(name, "_exit") == 0 || strcmp(name, "_Exit") == 0 ||
	       strcmp(name, "quick_exit") == 0 || strcmp(name, "abort") == 0;
}

/* A START_TEST(name) body is the function name_fn. */
static int is_check_body(const char *name)
{
	size_t n = strlen(name);
	return n > 3 && strcmp(name + n - 3, "_fn") == 0;
}

const char *where_now(char *buf, size_t size)
{
	enum { DEPTH = 64 };
	void *frames[DEPTH];
	int depth = backtrace(frames, DEPTH);
	const struct fn *inner = NULL, *caller = NULL;
	int repeats = 0, started = 0;
	buf[0] = '\0';
	for (int i = 0; i < depth; i++) {
		/* A return address points after its call, perhaps into the next
		 * function: look one byte back. */
		const struct fn *f = lookup((const char *)frames[i] - 1);
		if (!f)
			continue; /* the C library, or a signal trampoline */
		if (!started && is_grader(f->name))
			continue;
		started = 1;
		if (is_check_body(f->name) || where_is_check(f->name)) {
			if (!inner && is_check_body(f->name))
				snprintf(buf, size, " in the check's own code (%.*s)", (int)strlen(f->name) - 3, f->name);
			break;
		}
		if (!inner)
			inner = f;
		repeats += f == inner;
		/* A static helper is named with the function that called it. */
		if (!inner->global && !caller && f->global)
			caller = f;
	}
	if (!inner)
		return buf; /* empty, or the check's own code */
	/* GCC names the parts it splits off "act_relu.cold", "argmax.part.0". */
	int ni = (int)strcspn(inner->name, ".");
	if (repeats >= 20)
		snprintf(buf, size, " in %.*s, which called itself %d times and more (endless recursion?)",
			 ni, inner->name, repeats);
	else if (caller)
		snprintf(buf, size, " in %.*s, called from %.*s", ni, inner->name,
			 (int)strcspn(caller->name, "."), caller->name);
	else
		snprintf(buf, size, " in %.*s", ni, inner->name);
	return buf;
}
