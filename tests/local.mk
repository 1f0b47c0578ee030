# The grader: one Check suite per chapter, run through Automake's TAP driver
# so every check is its own PASS/FAIL line, then a per-chapter scoreboard.
#
# A suite, tests/NN-slug.test, links its checks (tests/NN-slug.c) with the
# chapter's object and the objects of the chapters it needs (chapters/manifest),
# and nothing else of yours: a chapter is graded on its own code.

check_LIBRARIES = tests/libgrader.a
tests_libgrader_a_SOURCES = tests/grader.c tests/grader.h
AM_CPPFLAGS += $(CHECK_CFLAGS)

# (SUITES is $(CHAPTERS:%=tests/%.test), spelled so that Automake, which
# cannot expand a pattern, lays TESTS out with the .test suffix rule.)
SUITES := @MANIFEST_SUITES@
SUITE_OBJS = $(CHAPTERS:%=tests/%.$(OBJEXT))
$(SUITE_OBJS): tests/%.$(OBJEXT): tests/%.c
	$(AM_V_CC)$(COMPILE) $(CHAPTER_DEPS) -c -o $@ $<
-include $(SUITE_OBJS:.$(OBJEXT)=.d)
GRADER_LIBS = tests/libgrader.a libtools.a
$(SUITES): tests/%.test: tests/%.$(OBJEXT) $(GRADER_LIBS) libcourse.a
	$(AM_V_CCLD)$(LINK_CHAPTERS) $(LINK) $< $(GRADER_LIBS) $(filter impl/%,$^) libcourse.a \
	  $(CHECK_LIBS) $(LIBS)
# Each suite's chapter objects: its own, then those it needs.
$(foreach c,$(CHAPTERS),$(eval tests/$(c).test: $(foreach n,$(c) $(call needs,$(c)),impl/$(n).$(OBJEXT))))
CLEANFILES += $(SUITES) $(SUITE_OBJS) $(SUITE_OBJS:.$(OBJEXT)=.d)

TESTS = $(SUITES)
if WITH_SOLUTIONS
# With --with-solutions, the grader is tested too: the stubs and every
# mutant must fail, and the tools must behave.
TESTS += tests/grader-selftest.sh tests/activate.sh tests/classify.sh tests/depth.sh
TESTS += tests/book.sh
endif
# The self-test runs every suite against solutions/ itself.
tests/grader-selftest.log: $(SUITES)
TEST_EXTENSIONS = .test .sh
LOG_DRIVER = env AM_TAP_AWK='$(AWK)' $(SHELL) $(top_srcdir)/build-aux/tap-driver.sh
# A failing check is already its own FAIL line; do not add an ERROR line for
# the suite's exit status as well.  grader-selftest.sh checks exit statuses.
AM_TEST_LOG_DRIVER_FLAGS = --ignore-exit
TEST_LOG_DRIVER = $(LOG_DRIVER)
SH_LOG_DRIVER = $(LOG_DRIVER)
# SHELL too: the scripts run helpers with $SHELL, and make does not pass its
# own SHELL on (a CI runner may start make with no SHELL in its environment).
AM_TESTS_ENVIRONMENT = \
	SHELL='$(SHELL)' \
	srcdir='$(srcdir)' IMPL_DIR='$(IMPL_DIR)' CHAPTERS='$(CHAPTERS)' \
	CHAPTER_NEEDS='$(CHAPTER_NEEDS)' OBJEXT='$(OBJEXT)' \
	CC='$(CC)' CFLAGS='$(CFLAGS) $(AM_CFLAGS)' \
	CPPFLAGS='$(CPPFLAGS) $(AM_CPPFLAGS)' \
	LINK_LIBS='$(CHECK_LIBS) $(LIBS)' \
	SED='$(SED)'; \
	export SHELL srcdir IMPL_DIR CHAPTERS CHAPTER_NEEDS OBJEXT CC CFLAGS CPPFLAGS LINK_LIBS SED;
if WITH_SOLUTIONS
# The reference solutions are held to 4 ULP against the mpmath tables; a
# learner's textbook formula is graded with the chapter's stated tolerance.
AM_TESTS_ENVIRONMENT += COURSE_ULP_CHECK=1; export COURSE_ULP_CHECK;
endif

EXTRA_DIST += \
	$(SUITES:.test=.c) \
	tests/grader-selftest.sh \
	tests/stub-functions.sh \
	tests/activate.sh \
	tests/classify.sh \
	tests/depth.sh \
	tests/scoreboard.sh \
	tests/stubs \
	tests/mutants \
	tests/data/make-accuracy-data.py \
	tests/data/points.py \
	tests/data/sigmoid-reference.csv \
	tests/data/tanh-reference.csv \
	tests/data/softmax-values.h \
	tests/data/softmax-values.py \
	tests/data/relu-elu.py \
	tests/data/beyond-relu.py \
	$(BEYOND_RELU_TABLES:%=tests/data/%-reference.csv)
# Chapter 12's reference tables, made by tests/data/beyond-relu.py.
BEYOND_RELU_TABLES = softplus silu gelu gelu-tanh mish selu hardsigmoid hardswish

# The scoreboard prints after the suites ran, pass or fail, just before
# Automake's summary: it is a prerequisite of the summary log.
SCOREBOARD = CHAPTER_NEEDS='$(CHAPTER_NEEDS)' \
	$(SHELL) $(srcdir)/tests/scoreboard.sh '$(srcdir)' '$(IMPL_DIR)'
test-suite.log: print-scoreboard
print-scoreboard: $(TEST_LOGS)
	@$(SCOREBOARD) $(CHAPTERS)
.PHONY: print-scoreboard

# make grade-04 (or grade-04-sigmoid) grades one chapter, fast: it compiles
# that chapter (and what it needs) if it changed, relinks its suite, runs it
# through the TAP driver as make check does, and prints its line of the
# scoreboard.  The number must be the chapter's two digits, so grade-1 is
# not taken for 10 and 11.
GRADE_ONE = rm -f tests/$(1).log tests/$(1).trs; \
	$(AM_TESTS_ENVIRONMENT) $(LOG_DRIVER) --test-name tests/$(1).test \
	  --log-file tests/$(1).log --trs-file tests/$(1).trs \
	  --color-tests "$$(test -t 1 && echo yes || echo no)" $(AM_TEST_LOG_DRIVER_FLAGS) \
	  -- tests/$(1).test; \
	$(call GRADE_ANSWERS,$(1)) \
	$(SCOREBOARD) $(1)
$(foreach c,$(CHAPTERS),$(eval grade-$(firstword $(subst -, ,$(c))) grade-$(c): tests/$(c).test ; @$$(call GRADE_ONE,$(c))))
$(foreach c,$(CHAPTERS),$(eval .PHONY: grade-$(firstword $(subst -, ,$(c))) grade-$(c)))
grade-%:
	@echo "No chapter is called '$*': use its two digits (make grade-04) or its name." >&2; \
	echo "Chapters: $(CHAPTERS)" >&2; exit 2

# After editing a stub in exercises/, copy it into tests/stubs/: `course
# reset` puts an exercise back from there, and the scoreboard tells "not
# started" from "in progress" by comparing with it.  (stub-hashes was its
# old name.)
STUB_FILES = $(CHAPTERS:%=exercises/%.c) \
	$(foreach c,$(CHAPTERS),$(if $(wildcard $(srcdir)/exercises/$(c).answers),exercises/$(c).answers))
stubs stub-hashes:
	cd $(srcdir) && $(MKDIR_P) tests/stubs && cp $(STUB_FILES) tests/stubs/

# What the self-test and the tool tests leave in the build tree.
clean-local: clean-test-scratch
clean-test-scratch:
	-rm -rf tests/selftest.d tests/classify.d tests/activate.out tests/activate.out.err \
	  tests/depth.out tests/depth.out.err
.PHONY: clean-test-scratch stubs stub-hashes

# ---- The grader's own parts ----
# The runner, each check's process, the guards and the reference tables
# beside grader.c (tests/grader.h lists them).
tests_libgrader_a_SOURCES += tests/grader-run.c tests/grader-run.h tests/grader-check.c \
	tests/grader-where.c tests/grader-where.h \
	tests/grader-guard.c tests/grader-table.c
# The rules of each chapter with the checks that enforce them, and the
# cases the grader must not be fooled by (tests/grader-selftest.sh).
EXTRA_DIST += tests/rules tests/integrity

# make mutation: the mutation test of the grader (long; not part of
# distcheck).  Every operator-level mutant of solutions/ is graded by its
# chapter's suite; tests/mutate/report.md is rewritten, and every survivor
# must be listed with its reason in tests/mutate/CHAPTER.equivalent.
# `make mutation MUTATION_CHAPTERS=04-sigmoid` grades one chapter.
check_PROGRAMS = tests/mutate/mutate
tests_mutate_mutate_SOURCES = tests/mutate/mutate.c
mutation: tests/mutate/mutate$(EXEEXT) $(SUITES)
	@$(AM_TESTS_ENVIRONMENT) $(SHELL) $(srcdir)/tests/mutate/mutation.sh report $(MUTATION_CHAPTERS)
.PHONY: mutation
EXTRA_DIST += tests/link-suite.sh tests/mutate/mutation.sh tests/mutate/report.md \
	$(patsubst $(srcdir)/%,%,$(wildcard $(srcdir)/tests/mutate/*.equivalent))
clean-local: clean-mutation-scratch
clean-mutation-scratch:
	-rm -rf tests/mutate.d
.PHONY: clean-mutation-scratch

# On every `make check --with-solutions` (so in CI, through distcheck), a
# random sample of the unlisted mutants, as many as MUTATION_BUDGET seconds
# allow; a survivor fails.  MUTATION_SEED=N replays a sample.
if WITH_SOLUTIONS
TESTS += tests/mutation-sample.sh
endif
EXTRA_DIST += tests/mutation-sample.sh
AM_TESTS_ENVIRONMENT += MUTATE=tests/mutate/mutate$(EXEEXT); export MUTATE;
tests/mutation-sample.log: $(SUITES) tests/mutate/mutate$(EXEEXT)
