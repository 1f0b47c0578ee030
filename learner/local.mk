# The learner's loop (README, "How you work"):
#   ./course              written here: course watch, hint, reset, restore,
#                         status (learner/course.sh)
#   written answers       exercises/NN-slug.answers, graded like code against
#                         tests/answers/NN-slug.key (learner/answers.sh)
#   make memcheck         the suites again under AddressSanitizer and
#                         UndefinedBehaviorSanitizer, in memcheck/
#   the book's progress   docs/html/progress.css marks each chapter of the
#                         contents done, in progress or not started

# ./course runs learner/course.sh with what it needs to know of this build.
noinst_SCRIPTS = course
course: Makefile $(srcdir)/learner/course.sh
	$(AM_V_GEN){ \
	  echo '#!/bin/sh'; \
	  echo '# Written by make (learner/local.mk): the learner'\''s loop, see README.md.'; \
	  echo 'COURSE_SRCDIR='\''$(abs_srcdir)'\'' COURSE_IMPL='\''$(IMPL_DIR)'\'''; \
	  echo 'COURSE_MAKE='\''$(MAKE)'\'' COURSE_BUILD='\''$(abs_builddir)'\'''; \
	  echo 'export COURSE_SRCDIR COURSE_IMPL COURSE_MAKE COURSE_BUILD'; \
	  echo 'exec bash "$$COURSE_SRCDIR/learner/course.sh" "$$@"'; \
	} > $@.tmp && chmod +x $@.tmp && mv $@.tmp $@
CLEANFILES += course

# The written answers: each chapter with questions that have one answer has
# a key, and the key is the test (learner/answers.sh grades the answers
# file against it), so its PASS and FAIL lines and its .trs sit beside the
# suite's, in tests/answers/.
ANSWER_KEYS := @MANIFEST_ANSWERS@
TESTS += $(ANSWER_KEYS)
TEST_EXTENSIONS += .key
KEY_LOG_DRIVER = $(LOG_DRIVER)
AM_KEY_LOG_DRIVER_FLAGS = --ignore-exit
KEY_LOG_COMPILER = $(SHELL) $(srcdir)/learner/answers.sh
$(foreach k,$(ANSWER_KEYS),$(eval $(k:.key=.log): $(IMPL_DIR)/$(notdir $(k:.key=.answers)) \
	$(srcdir)/learner/answers.sh))
# make grade-NN grades the chapter's answers too (tests/local.mk, GRADE_ONE).
GRADE_ANSWERS = $(if $(filter tests/answers/$(1).key,$(ANSWER_KEYS)), \
	$(MKDIR_P) tests/answers; rm -f tests/answers/$(1).log tests/answers/$(1).trs; \
	$(AM_TESTS_ENVIRONMENT) $(KEY_LOG_DRIVER) --test-name tests/answers/$(1).key \
	  --log-file tests/answers/$(1).log --trs-file tests/answers/$(1).trs \
	  --color-tests "$$(test -t 1 && echo yes || echo no)" $(AM_KEY_LOG_DRIVER_FLAGS) \
	  -- $(KEY_LOG_COMPILER) $(srcdir)/tests/answers/$(1).key;)
clean-local: clean-answers
clean-answers:
	-rm -rf $(ANSWER_KEYS:.key=.d)

EXTRA_DIST += \
	learner/answers.sh \
	learner/course.sh \
	$(ANSWER_KEYS) \
	$(patsubst $(srcdir)/%,%,$(foreach c,$(CHAPTERS),\
	  $(wildcard $(srcdir)/exercises/$(c).answers $(srcdir)/solutions/$(c).answers)))

.PHONY: clean-answers

# make memcheck: every chapter's suite again, built with AddressSanitizer and
# UndefinedBehaviorSanitizer in memcheck/ (on Makefile.am's sanitized
# layers, memcheck/libsan.a, and chapter objects, memcheck/impl/), so that a
# write past the end of an array or a read of freed memory is reported as a
# bug of the learner's file, with its line, even when the checks happen to
# pass; then the suites run once more under valgrind, when it is installed,
# for reads of uninitialised memory (MSan would need Check itself rebuilt
# with it).  learner/memcheck.sh prints the verdicts.  Under
# --with-solutions make memcheck also runs the tools' tests sanitized
# (memcheck-tools, Makefile.am), and make check runs the suites' part as a
# test (tests/memcheck.sh), so make distcheck holds the reference solutions
# to it.  A learner's make memcheck is about the learner's code: the
# suites, which grade each chapter alone.
MEMCHECK_PARTS = memcheck-suites
if WITH_SOLUTIONS
MEMCHECK_PARTS += memcheck-tools
endif
memcheck: $(MEMCHECK_PARTS)
MEMCHECK_CHAPTERS = $(CHAPTERS)
MC_SUITES = $(MEMCHECK_CHAPTERS:%=memcheck/tests/%.test)
# The grader's own sources, as tests/libgrader.a has them.
MC_GRADER_OBJS = $(patsubst tests/%.c,memcheck/tests/%.$(OBJEXT),$(filter %.c,$(tests_libgrader_a_SOURCES)))
MC_SUITE_OBJS = $(CHAPTERS:%=memcheck/tests/%.$(OBJEXT)) $(MC_GRADER_OBJS)
$(MC_SUITE_OBJS): memcheck/tests/%.$(OBJEXT): tests/%.c
	@$(MKDIR_P) $(@D)
	$(AM_V_CC)$(COMPILE) $(MEMCHECK_CFLAGS) $(CHAPTER_DEPS) -c -o $@ $<
-include $(wildcard memcheck/tests/*.d)
memcheck/libgrader.a: $(MC_GRADER_OBJS)
	$(AM_V_AR)rm -f $@ && $(AR) $(ARFLAGS) $@ $^ && $(RANLIB) $@
# libsan.a holds both layers, the tools' and the course's: it comes before
# the chapters and again after them.
memcheck/tests/%.test: memcheck/tests/%.$(OBJEXT) memcheck/libgrader.a memcheck/libsan.a
	$(AM_V_CCLD)$(LINK_CHAPTERS) $(LINK) $(MEMCHECK_CFLAGS) $< memcheck/libgrader.a \
	  memcheck/libsan.a $(filter memcheck/impl/%,$^) memcheck/libsan.a $(CHECK_LIBS) $(LIBS)
$(foreach c,$(CHAPTERS),$(eval memcheck/tests/$(c).test: \
	$(foreach n,$(c) $(call needs,$(c)),memcheck/impl/$(n).$(OBJEXT))))
memcheck-suites: $(MC_SUITES) $(MEMCHECK_CHAPTERS:%=tests/%.test)
	@$(AM_TESTS_ENVIRONMENT) $(SHELL) $(srcdir)/learner/memcheck.sh $(MEMCHECK_CHAPTERS)
EXTRA_DIST += learner/memcheck.sh
.PHONY: memcheck-suites
# Under --with-solutions, tests/memcheck.sh runs it as a test: every
# reference solution clean.
tests/memcheck.log: $(MC_SUITES) $(SUITES)

# The book marks where you stand: docs/html/progress.css, from the last
# grading, is made each time make html runs (it is cheap) and linked by
# every page of the learner's edition (docs/template.html).
html-local: docs/html/progress.css
docs/html/progress.css: $(srcdir)/learner/progress.sh
	@$(MKDIR_P) $(@D)
	$(AM_V_GEN)CHAPTER_NEEDS='$(CHAPTER_NEEDS)' $(SHELL) $(srcdir)/learner/progress.sh \
	  '$(srcdir)' '$(IMPL_DIR)' $@ $(CHAPTERS)
.PHONY: docs/html/progress.css
install-data-local: $(if $(and $(PANDOC),$(GNUPLOT)),install-progress)
install-html-local: install-progress
install-progress: docs/html/progress.css
	$(MKDIR_P) '$(DESTDIR)$(htmldir)'
	$(INSTALL_DATA) docs/html/progress.css '$(DESTDIR)$(htmldir)'
uninstall-local: uninstall-progress
uninstall-progress:
	-rm -f '$(DESTDIR)$(htmldir)/progress.css'
EXTRA_DIST += learner/progress.sh
.PHONY: install-progress uninstall-progress

# The loop's own tests, under --with-solutions: tests/course.sh tries
# ./course in tmux on a learner's copy of the distribution, which make puts
# in tests/course.d/src first; tests/answers-grader.sh grades the answers grader;
# tests/hint-ladders.sh checks every ladder against the stubs, suites and keys,
# and tests/hint-code.sh grades the code of every ladder's last step.
if WITH_SOLUTIONS
TESTS += tests/course.sh tests/answers-grader.sh tests/hint-ladders.sh tests/hint-code.sh \
	tests/memcheck.sh
endif
tests/hint-code.log: $(SUITES)
tests/course.log: course-test-tree
course-test-tree:
	@rm -rf tests/course.d && $(MKDIR_P) tests/course.d
	$(AM_V_GEN)$(MAKE) $(AM_MAKEFLAGS) distdir distdir=tests/course.d/src > /dev/null
clean-local: clean-course-test
clean-course-test:
	-rm -rf tests/course.d tests/answers-test.d tests/hint-code.d
EXTRA_DIST += tests/course.sh tests/answers-grader.sh tests/hint-ladders.sh tests/hint-code.sh \
	tests/memcheck.sh \
	tests/hints
.PHONY: course-test-tree clean-course-test
