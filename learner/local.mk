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
clean-local: clean-answers
clean-answers:
	-rm -rf $(ANSWER_KEYS:.key=.d)

EXTRA_DIST += \
	learner/answers.sh \
	learner/course.sh \
	tests/answers \
	$(patsubst $(srcdir)/%,%,$(foreach c,$(CHAPTERS),\
	  $(wildcard $(srcdir)/exercises/$(c).answers $(srcdir)/solutions/$(c).answers)))

.PHONY: clean-answers

# make memcheck: every chapter's suite again, built with AddressSanitizer and
# UndefinedBehaviorSanitizer in memcheck/ (objects, libraries, suites and
# results mirror the build's), so that a write past the end of an array or
# a read of freed memory is reported as a bug of the learner's file, with
# its line, even when the checks happen to pass; then the suites run once
# more under valgrind, when it is installed, for reads of uninitialised
# memory (MSan would need Check itself rebuilt with it).  learner/memcheck.sh
# prints the verdicts.  Under --with-solutions make check runs it as a test
# (tests/memcheck.sh), so make distcheck holds the reference solutions to
# it.  memcheck is the umbrella: other sanitized runs (the tools') add
# themselves as its prerequisites.
memcheck: memcheck-suites
MEMCHECK_CFLAGS = -g -O1 -fno-omit-frame-pointer -fsanitize=address,undefined \
	-fno-sanitize-recover=undefined
MEMCHECK_CHAPTERS = $(CHAPTERS)
MC_COMPILE = $(CC) $(DEFS) $(DEFAULT_INCLUDES) $(INCLUDES) $(AM_CPPFLAGS) $(CPPFLAGS) \
	$(AM_CFLAGS) $(OPENMP_CFLAGS) $(ZLIB_CFLAGS) $(CFLAGS) $(MEMCHECK_CFLAGS) $(CHAPTER_DEPS)
MC_COURSE_OBJS = $(patsubst %.c,memcheck/%.$(OBJEXT),$(filter %.c,$(libcourse_a_SOURCES)))
MC_TOOLS_OBJS = $(patsubst %.c,memcheck/%.$(OBJEXT),$(filter %.c,$(libtools_a_SOURCES)))
MC_SUITES = $(MEMCHECK_CHAPTERS:%=memcheck/tests/%.test)
memcheck/src/%.$(OBJEXT): src/%.c
	@$(MKDIR_P) $(@D)
	$(AM_V_CC)$(MC_COMPILE) -c -o $@ $<
MC_SUITE_OBJS = $(CHAPTERS:%=memcheck/tests/%.$(OBJEXT)) memcheck/tests/grader.$(OBJEXT)
$(MC_SUITE_OBJS): memcheck/tests/%.$(OBJEXT): tests/%.c
	@$(MKDIR_P) $(@D)
	$(AM_V_CC)$(MC_COMPILE) -c -o $@ $<
memcheck/impl/%.$(OBJEXT): $(IMPL_DIR)/%.c
	@$(MKDIR_P) $(@D)
	$(AM_V_CC)$(CHAPTER_COMPILE) $@ $(MC_COMPILE) -c -o $@ $<
-include $(wildcard memcheck/*/*.d memcheck/*/*/*.d)
memcheck/libcourse.a: $(MC_COURSE_OBJS)
memcheck/libtools.a: $(MC_TOOLS_OBJS)
memcheck/libgrader.a: memcheck/tests/grader.$(OBJEXT)
memcheck/libcourse.a memcheck/libtools.a memcheck/libgrader.a:
	$(AM_V_AR)rm -f $@ && $(AR) $(ARFLAGS) $@ $^ && $(RANLIB) $@
memcheck/tests/%.test: memcheck/tests/%.$(OBJEXT) memcheck/libgrader.a memcheck/libtools.a \
		memcheck/libcourse.a
	$(AM_V_CCLD)$(LINK_CHAPTERS) $(LINK) $(MEMCHECK_CFLAGS) $< memcheck/libgrader.a \
	  memcheck/libtools.a $(filter memcheck/impl/%,$^) memcheck/libcourse.a $(CHECK_LIBS) $(LIBS)
$(foreach c,$(CHAPTERS),$(eval memcheck/tests/$(c).test: \
	$(foreach n,$(c) $(call needs,$(c)),memcheck/impl/$(n).$(OBJEXT))))
memcheck-suites: $(MC_SUITES) $(MEMCHECK_CHAPTERS:%=tests/%.test)
	@$(AM_TESTS_ENVIRONMENT) $(SHELL) $(srcdir)/learner/memcheck.sh $(MEMCHECK_CHAPTERS)
clean-local: clean-memcheck
clean-memcheck:
	-rm -rf memcheck
EXTRA_DIST += learner/memcheck.sh
.PHONY: memcheck memcheck-suites clean-memcheck
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
# tests/hint-ladders.sh checks every ladder against the stubs, suites and keys.
if WITH_SOLUTIONS
TESTS += tests/course.sh tests/answers-grader.sh tests/hint-ladders.sh tests/memcheck.sh
endif
tests/course.log: course-test-tree
course-test-tree:
	@rm -rf tests/course.d && $(MKDIR_P) tests/course.d
	$(AM_V_GEN)$(MAKE) $(AM_MAKEFLAGS) distdir distdir=tests/course.d/src > /dev/null
clean-local: clean-course-test
clean-course-test:
	-rm -rf tests/course.d tests/answers-test.d
EXTRA_DIST += tests/course.sh tests/answers-grader.sh tests/hint-ladders.sh tests/memcheck.sh \
	tests/hints
.PHONY: course-test-tree clean-course-test
