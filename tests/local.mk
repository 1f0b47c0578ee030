# The grader: one Check suite per chapter, run through Automake's TAP driver
# so every check is its own PASS/FAIL line, then a per-chapter scoreboard.

check_LIBRARIES = tests/libgrader.a
tests_libgrader_a_SOURCES = tests/grader.c tests/grader.h
check_PROGRAMS = $(SUITES)
LDADD = tests/libgrader.a $(COURSE_LIBS) $(CHECK_LIBS)
AM_CPPFLAGS += $(CHECK_CFLAGS)

TESTS = $(SUITES)
if WITH_SOLUTIONS
# With --with-solutions, the grader is tested too: the stubs and every
# mutant must fail, and the tools must behave.
TESTS += tests/grader-selftest.sh tests/activate.sh tests/classify.sh
TESTS += tests/book.sh
endif
TEST_EXTENSIONS = .sh
LOG_DRIVER = env AM_TAP_AWK='$(AWK)' $(SHELL) $(top_srcdir)/build-aux/tap-driver.sh
# A failing check is already its own FAIL line; do not add an ERROR line for
# the suite's exit status as well.  grader-selftest.sh checks exit statuses.
AM_LOG_DRIVER_FLAGS = --ignore-exit
SH_LOG_DRIVER = $(LOG_DRIVER)
AM_TESTS_ENVIRONMENT = \
	srcdir='$(srcdir)' IMPL_DIR='$(IMPL_DIR)' CHAPTERS='$(CHAPTERS)' \
	CC='$(CC)' CFLAGS='$(CFLAGS) $(AM_CFLAGS)' \
	CPPFLAGS='$(CPPFLAGS) $(AM_CPPFLAGS)' \
	LINK_LIBS='tests/libgrader.a $(COURSE_LIBS) $(CHECK_LIBS) $(LIBS)' \
	SED='$(SED)'; export srcdir IMPL_DIR CHAPTERS CC CFLAGS CPPFLAGS LINK_LIBS SED;
if WITH_SOLUTIONS
# The reference solutions are held to 4 ULP against the mpmath tables; a
# learner's textbook formula is graded with the chapter's stated tolerance.
AM_TESTS_ENVIRONMENT += COURSE_ULP_CHECK=1; export COURSE_ULP_CHECK;
endif

EXTRA_DIST += \
	tests/grader-selftest.sh \
	tests/activate.sh \
	tests/classify.sh \
	tests/scoreboard.sh \
	tests/stubs.sha256 \
	tests/mutants \
	tests/data/make-accuracy-data.py \
	tests/data/sigmoid-reference.csv \
	tests/data/tanh-reference.csv \
	tests/data/softmax-values.h \
	tests/data/softmax-values.py \
	tests/data/relu-elu.py

# The scoreboard prints after the suites ran, pass or fail, just before
# Automake's summary: it is a prerequisite of the summary log.
test-suite.log: print-scoreboard
print-scoreboard: $(TEST_LOGS)
	@$(SHELL) $(srcdir)/tests/scoreboard.sh '$(srcdir)' '$(IMPL_DIR)' $(CHAPTERS)
.PHONY: print-scoreboard

# make grade-04 (or grade-04-sigmoid) grades one chapter: the number must
# be the chapter's two digits, so grade-1 is not taken for 10 and 11.
grade-%:
	@suite='$(filter tests/$*-% tests/$*,$(SUITES))'; \
	if test -z "$$suite"; then \
	  echo "No chapter is called '$*': use its two digits (make grade-04) or its name." >&2; \
	  echo "Chapters: $(CHAPTERS)" >&2; exit 2; \
	fi; \
	$(MAKE) $(AM_MAKEFLAGS) check TESTS="$$suite"

# After editing a stub in exercises/, record it as pristine again so the
# scoreboard can tell "not started" from "in progress".
stub-hashes:
	cd $(srcdir) && sha256sum $(CHAPTERS:%=exercises/%.c) > tests/stubs.sha256

# What the self-test and the tool tests leave in the build tree.
clean-local: clean-test-scratch
clean-test-scratch:
	-rm -rf tests/selftest.d tests/classify.d tests/activate.out tests/activate.out.err
.PHONY: clean-test-scratch stub-hashes
