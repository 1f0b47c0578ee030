/* mutate.c: operator-level mutants of a C file, for the mutation test of
 * the grader (tests/mutate/mutation.sh).
 *
 *     mutate list FILE        one line per mutant: ID, then what it changes
 *     mutate apply FILE ID    FILE with mutant ID applied, on stdout
 *
 * Only the bodies of functions are mutated.  Each mutant is one change:
 *   arith        + and - swapped, * and / swapped (binary)
 *   sign         a unary minus dropped
 *   compare      < <= > >= exchanged for their neighbour, == and != swapped
 *   logic        && and || swapped
 *   const-zero   a number replaced by 0 (const-one: 0 by 1)
 *   const-next   an integer n replaced by n + 1 (loop bounds off by one)
 *   const-double a floating constant c replaced by 2c
 *   assign       += -= *= /= replaced by =
 *   accumulate   = replaced by += in an expression statement
 *   delete       an expression statement removed
 *   swap         two neighbouring arguments of a call exchanged
 *   abs          fabs(e) replaced by (e)
 * An ID is FUNCTION:LINE:COLUMN:KIND, stable while the file is.  Mutants
 * that do not compile are the caller's business.
 *
 * The C is tokenised, not parsed: comments, strings, characters and
 * preprocessor lines are skipped, and a function body is the braces that
 * follow ")" at file level. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct token {
	size_t start, len;   /* in the file */
	int line, col;
	char kind;           /* 'i' identifier, 'n' number, 'p' punctuation */
	const char *fn;      /* the function whose body holds it, or NULL */
	int paren;           /* how many ( [ enclose it */
};

struct mutant {
	size_t start, len;   /* the text replaced */
	char repl[64];       /* by this */
	char id[160], what[160];
};

static char *text;
static size_t size;
static struct token *toks;
static size_t n_toks;
static struct mutant *muts;
static size_t n_muts, cap_muts;

static void *grow(void *p, size_t n, size_t each)
{
	p = realloc(p, n * each);
	if (!p) {
		perror("mutate");
		exit(2);
	}
	return p;
}

static void read_file(const char *path)
{
	FILE *in = fopen(path, "rb");
	if (!in) {
		fprintf(stderr, "mutate: cannot read %s\n", path);
		exit(2);
	}
	size_t cap = 1 << 16;
	text = grow(NULL, cap, 1);
	size_t got;
	while ((got = fread(text + size, 1, cap - size - 1, in)) > 0) {
		size += got;
		if (size + 1 == cap)
			text = grow(text, cap *= 2, 1);
	}
	text[size] = '\0';
	fclose(in);
}

static int is(const struct token *t, const char *s)
{
	return t->len == strlen(s) && strncmp(text + t->start, s, t->len) == 0;
}

/* The punctuators of C, longest first. */
static const char *const puncts[] = {
	"<<=", ">>=", "...", "->", "++", "--", "<=", ">=", "==", "!=", "&&", "||", "+=", "-=",
	"*=", "/=", "%=", "&=", "|=", "^=", "<<", ">>",
};

static void tokenise(void)
{
	size_t cap = 1024, i = 0;
	int line = 1, col = 1;
	toks = grow(NULL, cap, sizeof *toks);
#define ADVANCE(k)                                                \
	for (size_t a_ = 0; a_ < (k); a_++, i++)                  \
		text[i] == '\n' ? (line++, col = 1) : col++
	while (i < size) {
		char c = text[i];
		if (isspace((unsigned char)c)) {
			ADVANCE(1);
		} else if (c == '/' && text[i + 1] == '*') {
			char *end = strstr(text + i + 2, "*/");
			size_t k = end ? (size_t)(end - (text + i)) + 2 : size - i;
			ADVANCE(k);
		} else if (c == '/' && text[i + 1] == '/') {
			while (i < size && text[i] != '\n')
				ADVANCE(1);
		} else if (c == '#' && (col == 1 || text[i - 1] == '\n')) {
			while (i < size && !(text[i] == '\n' && text[i - 1] != '\\'))
				ADVANCE(1);
		} else if (c == '"' || c == '\'') {
			ADVANCE(1);
			while (i < size && text[i] != c)
				ADVANCE(text[i] == '\\' ? 2 : 1);
			ADVANCE(1);
		} else {
			struct token t = {i, 1, line, col, 'p', NULL, 0};
			if (isalpha((unsigned char)c) || c == '_') {
				t.kind = 'i';
				while (isalnum((unsigned char)text[i + t.len]) || text[i + t.len] == '_')
					t.len++;
			} else if (isdigit((unsigned char)c) || (c == '.' && isdigit((unsigned char)text[i + 1]))) {
				t.kind = 'n';
				while (isalnum((unsigned char)text[i + t.len]) || text[i + t.len] == '.' ||
				       ((text[i + t.len] == '+' || text[i + t.len] == '-') &&
					(text[i + t.len - 1] == 'e' || text[i + t.len - 1] == 'E') &&
					strncmp(text + i, "0x", 2) != 0))
					t.len++;
			} else {
				for (size_t k = 0; k < sizeof puncts / sizeof puncts[0]; k++)
					if (strncmp(text + i, puncts[k], strlen(puncts[k])) == 0) {
						t.len = strlen(puncts[k]);
						break;
					}
			}
			if (n_toks == cap)
				toks = grow(toks, cap *= 2, sizeof *toks);
			toks[n_toks++] = t;
			ADVANCE(t.len);
		}
	}
#undef ADVANCE
}

/* Marks the tokens of every function body with the function's name. */
static void find_functions(void)
{
	int depth = 0, paren = 0;
	const char *fn = NULL;
	static char names[512][64];
	int n_names = 0;
	for (size_t k = 0; k < n_toks; k++) {
		struct token *t = &toks[k];
		paren -= is(t, ")") || is(t, "]");
		t->paren = paren;
		paren += is(t, "(") || is(t, "[");
		if (is(t, "{")) {
			if (depth == 0 && k > 0 && is(&toks[k - 1], ")")) {
				/* The name before the parameter list. */
				int paren = 0;
				size_t j = k - 1;
				for (; j > 0; j--) {
					paren += is(&toks[j], ")") - is(&toks[j], "(");
					if (paren == 0)
						break;
				}
				if (j > 0 && toks[j - 1].kind == 'i' && n_names < 512) {
					snprintf(names[n_names], sizeof names[0], "%.*s", (int)toks[j - 1].len,
						 text + toks[j - 1].start);
					fn = names[n_names++];
				}
			}
			depth++;
		} else if (is(t, "}")) {
			if (--depth == 0) {
				fn = NULL;
				continue;
			}
		}
		if (depth > 0)
			t->fn = fn;
	}
}

static void add(const struct token *t, size_t start, size_t len, const char *repl, const char *kind)
{
	if (n_muts == cap_muts)
		muts = grow(muts, cap_muts = cap_muts ? 2 * cap_muts : 256, sizeof *muts);
	struct mutant *m = &muts[n_muts++];
	m->start = start, m->len = len;
	snprintf(m->repl, sizeof m->repl, "%s", repl);
	snprintf(m->id, sizeof m->id, "%s:%d:%d:%s", t->fn, t->line, t->col, kind);
	snprintf(m->what, sizeof m->what, "`%.*s` -> `%s`", (int)(len > 60 ? 60 : len), text + start, repl);
	for (char *c = m->what; *c; c++) /* one line each */
		if (*c == '\n' || *c == '\t')
			*c = ' ';
}

static int is_keyword_or_type(const struct token *t);

/* True when token k ends an operand: a name, a number, ) or ]. */
static int ends_operand(size_t k)
{
	return (toks[k].kind == 'i' && !is_keyword_or_type(&toks[k])) || toks[k].kind == 'n' ||
	       is(&toks[k], ")") || is(&toks[k], "]");
}

static int is_keyword_or_type(const struct token *t)
{
	static const char *const words[] = {
		"return", "if", "else", "for", "while", "do", "switch", "case", "break", "continue",
		"goto", "sizeof", "double", "float", "int", "long", "short", "char", "unsigned",
		"signed", "size_t", "const", "static", "struct", "enum", "void", "bool", "uint64_t",
		"int64_t", "volatile", "register",
	};
	for (size_t k = 0; k < sizeof words / sizeof words[0]; k++)
		if (is(t, words[k]))
			return 1;
	return 0;
}

/* The index of the token that closes the bracket opened at k. */
static size_t closing(size_t k)
{
	int depth = 0;
	for (size_t j = k; j < n_toks; j++) {
		depth += is(&toks[j], "(") || is(&toks[j], "[") || is(&toks[j], "{");
		depth -= is(&toks[j], ")") || is(&toks[j], "]") || is(&toks[j], "}");
		if (depth == 0)
			return j;
	}
	return n_toks - 1;
}

/* The index of the token that opens the bracket closed at k. */
static size_t opening(size_t k)
{
	int depth = 0;
	for (size_t j = k + 1; j-- > 0;) {
		depth += is(&toks[j], ")") || is(&toks[j], "]") || is(&toks[j], "}");
		depth -= is(&toks[j], "(") || is(&toks[j], "[") || is(&toks[j], "{");
		if (depth == 0)
			return j;
	}
	return 0;
}

/* True when a statement may start right after token k: after ; { } at
 * the top level of the body, after else, or after the ) of an if, for or
 * while header. */
static int statement_boundary(size_t k)
{
	const struct token *t = &toks[k];
	if (t->paren > 0)
		return 0;
	if (is(t, ";") || is(t, "{") || is(t, "}") || is(t, "else"))
		return 1;
	if (is(t, ")")) {
		size_t o = opening(k);
		return o > 0 && (is(&toks[o - 1], "if") || is(&toks[o - 1], "for") || is(&toks[o - 1], "while"));
	}
	return 0;
}

/* An expression statement starting at token k (after a statement
 * boundary): its last token (the ;), or 0 when it is not one. */
static size_t expression_statement(size_t k)
{
	const struct token *t = &toks[k];
	if (t->kind == 'n' || (t->kind == 'i' && is_keyword_or_type(t)) || is(t, "{") || is(t, "}") ||
	    is(t, ";"))
		return 0;
	if (t->kind == 'i' && k + 1 < n_toks && toks[k + 1].kind == 'i')
		return 0; /* a declaration: a type name, then a name */
	for (size_t j = k; j < n_toks && toks[j].fn == t->fn; j++) {
		if (is(&toks[j], "(") || is(&toks[j], "["))
			j = closing(j);
		else if (is(&toks[j], "{") || is(&toks[j], "}"))
			return 0;
		else if (is(&toks[j], ";"))
			return j;
	}
	return 0;
}

static void generate(void)
{
	static const char *const compare[][2] = {
		{"<", "<="}, {"<=", "<"}, {">", ">="}, {">=", ">"}, {"==", "!="}, {"!=", "=="},
	};
	for (size_t k = 0; k < n_toks; k++) {
		const struct token *t = &toks[k];
		if (!t->fn)
			continue;
		int binary = k > 0 && ends_operand(k - 1);
		char buf[64];
		if (t->kind == 'p') {
			if (is(t, "+") && binary)
				add(t, t->start, 1, "-", "arith");
			else if (is(t, "-") && binary)
				add(t, t->start, 1, "+", "arith");
			else if (is(t, "-"))
				add(t, t->start, 1, "", "sign");
			else if (is(t, "*") && binary)
				add(t, t->start, 1, "/", "arith");
			else if (is(t, "/"))
				add(t, t->start, 1, "*", "arith");
			else if (is(t, "&&"))
				add(t, t->start, 2, "||", "logic");
			else if (is(t, "||"))
				add(t, t->start, 2, "&&", "logic");
			else if (is(t, "+=") || is(t, "-=") || is(t, "*=") || is(t, "/="))
				add(t, t->start, 2, "=", "assign");
			for (size_t c = 0; c < sizeof compare / sizeof compare[0]; c++)
				if (is(t, compare[c][0]))
					add(t, t->start, t->len, compare[c][1], "compare");
		}
		/* Statements: delete an expression statement; turn its = into +=. */
		if (statement_boundary(k) && k + 1 < n_toks && toks[k + 1].fn) {
			{
				size_t end = expression_statement(k + 1);
				if (end) {
					const struct token *s = &toks[k + 1];
					add(s, s->start, toks[end].start - s->start, "", "delete");
					for (size_t j = k + 1; j < end; j++) {
						if (is(&toks[j], "(") || is(&toks[j], "["))
							j = closing(j);
						else if (is(&toks[j], "=")) {
							add(&toks[j], toks[j].start, 1, "+=", "accumulate");
							break;
						}
					}
				}
			}
		}
		if (t->kind == 'n') {
			double v = strtod(text + t->start, NULL);
			int integer = strcspn(text + t->start, ".eE") >= t->len;
			add(t, t->start, t->len, v == 0 ? (integer ? "1" : "1.0") : (integer ? "0" : "0.0"),
			    v == 0 ? "const-one" : "const-zero");
			if (integer)
				snprintf(buf, sizeof buf, "%lld", (long long)v + 1);
			else
				snprintf(buf, sizeof buf, "%.17g", 2 * v);
			if (!integer && !strpbrk(buf, ".eEin"))
				strcat(buf, ".0");
			if (v != 0)
				add(t, t->start, t->len, buf, integer ? "const-next" : "const-double");
		} else if (t->kind == 'i' && k + 1 < n_toks && is(&toks[k + 1], "(") && !is_keyword_or_type(t)) {
			/* A call: swap neighbouring arguments; fabs(e) -> (e). */
			size_t close = closing(k + 1), a = k + 2, prev = 0, prev_end = 0;
			if (is(t, "fabs") || is(t, "fabsl"))
				add(t, t->start, t->len, "", "abs");
			while (a < close) {
				size_t e = a;
				while (e < close && !is(&toks[e], ","))
					e = is(&toks[e], "(") || is(&toks[e], "[") ? closing(e) + 1 : e + 1;
				if (prev && close > a) {
					/* Arguments [prev, prev_end) and [a, e). */
					size_t s1 = toks[prev].start, l1 = toks[prev_end - 1].start + toks[prev_end - 1].len - s1;
					size_t s2 = toks[a].start, l2 = toks[e - 1].start + toks[e - 1].len - s2;
					if (l1 + l2 + (s2 - s1 - l1) < sizeof buf &&
					    (l1 != l2 || strncmp(text + s1, text + s2, l1) != 0)) {
						snprintf(buf, sizeof buf, "%.*s%.*s%.*s", (int)l2, text + s2,
							 (int)(s2 - s1 - l1), text + s1 + l1, (int)l1, text + s1);
						add(&toks[prev], s1, s2 + l2 - s1, buf, "swap");
					}
				}
				prev = a, prev_end = e;
				a = e + 1;
			}
		}
	}
}

int main(int argc, char **argv)
{
	if (argc < 3 || (strcmp(argv[1], "list") != 0 && strcmp(argv[1], "apply") != 0) ||
	    (strcmp(argv[1], "apply") == 0 && argc != 4)) {
		fprintf(stderr, "usage: mutate list FILE | mutate apply FILE ID\n");
		return 2;
	}
	read_file(argv[2]);
	tokenise();
	find_functions();
	generate();
	if (strcmp(argv[1], "list") == 0) {
		for (size_t k = 0; k < n_muts; k++)
			printf("%s\t%s\n", muts[k].id, muts[k].what);
		return 0;
	}
	for (size_t k = 0; k < n_muts; k++) {
		if (strcmp(muts[k].id, argv[3]) != 0)
			continue;
		fwrite(text, 1, muts[k].start, stdout);
		fputs(muts[k].repl, stdout);
		fwrite(text + muts[k].start + muts[k].len, 1, size - muts[k].start - muts[k].len, stdout);
		return 0;
	}
	fprintf(stderr, "mutate: no mutant %s in %s\n", argv[3], argv[2]);
	return 1;
}
