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
