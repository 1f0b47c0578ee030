# The HTML book (issue 3).  docs/AUTHORING.md explains the conventions.
#   make html              the learner's edition, docs/html/index.html
#   make html-instructor   the instructor's edition, docs/html-instructor/:
#                          answers shown, reference solution after each chapter
#   make install           installs the learner's edition under $(htmldir)
# Everything is written into the build tree; the source tree is only read.

# The book's numbers and figures come from the reference solutions, whatever
# this tree grades: its tools in docs/bin/ link docs/libref.a, compiled from
# solutions/ through build-tree wrappers (docs/ref/NN-slug.c), as libimpl.a
# is.  To give the book another reference tool, say classify, add three
# lines (the same sources as the real tool, BOOK_LIBS for COURSE_LIBS):
#   BOOK_TOOLS += docs/bin/classify
#   docs_bin_classify_SOURCES = $(classify_SOURCES)
#   docs_bin_classify_LDADD = $(BOOK_LIBS)
BOOK_TOOLS = docs/bin/activate
docs_bin_activate_SOURCES = $(activate_SOURCES)
docs_bin_activate_LDADD = $(BOOK_LIBS)
BOOK_TOOLS += docs/bin/classify
docs_bin_classify_SOURCES = $(classify_SOURCES)
docs_bin_classify_CFLAGS = $(classify_CFLAGS)
docs_bin_classify_LDFLAGS = $(classify_LDFLAGS)
docs_bin_classify_LDADD = $(BOOK_LIBS) $(ZLIB_LIBS)
# The ULP table of chapters 04 and 05.
BOOK_TOOLS += docs/bin/accuracy
docs_bin_accuracy_SOURCES = docs/tools/accuracy.c
docs_bin_accuracy_LDADD = $(BOOK_LIBS)

# COURSE_LIBS with the reference library in place of libimpl.a.
BOOK_LIBS = $(COURSE_LIBS:libimpl.a=docs/libref.a)
$(BOOK_TOOLS): $(BOOK_LIBS)
EXTRA_PROGRAMS = $(BOOK_TOOLS)
EXTRA_LIBRARIES = docs/libref.a
# Automake needs this list spelled out too (one line per chapter, as for
# libimpl.a in Makefile.am).
nodist_docs_libref_a_SOURCES = \
	docs/ref/01-why.c \
	docs/ref/02-linear.c \
	docs/ref/03-step.c \
	docs/ref/04-sigmoid.c \
	docs/ref/05-tanh.c \
	docs/ref/06-vanishing.c \
	docs/ref/07-relu.c \
	docs/ref/08-relu-family.c \
	docs/ref/09-softmax.c \
	docs/ref/10-choosing.c \
	docs/ref/11-classifier.c \
	docs/ref/14-speed.c
docs_libref_a_CPPFLAGS = $(AM_CPPFLAGS) -I$(srcdir)
# The reference library must have a wrapper for every chapter libimpl.a has.
BOOK_REF_WANTED = $(nodist_libimpl_a_SOURCES:impl/%=docs/ref/%)
$(firstword $(EXTRA_LIBRARIES)): | book-ref-check
book-ref-check:
	@if test '$(strip $(BOOK_REF_WANTED))' != '$(strip $(nodist_docs_libref_a_SOURCES))'; then \
	  echo "docs/local.mk: nodist_docs_libref_a_SOURCES must list $(BOOK_REF_WANTED)" >&2; \
	  exit 1; fi
docs/ref/%.c: Makefile
	$(AM_V_GEN)$(MKDIR_P) docs/ref && \
	printf '#include "solutions/%s.c"\n' '$*' > $@

# The pages.  Chapters come from CHAPTERS (Makefile.am), in its order; a
# chapter whose chapters/NN-slug.md does not exist yet is left out, with a
# note (make dist still insists on every chapter).
BOOK_CHAPTERS = $(foreach c,$(CHAPTERS),$(if $(wildcard $(srcdir)/chapters/$(c).md),$(c)))
BOOK_MISSING = $(filter-out $(BOOK_CHAPTERS),$(CHAPTERS))
BOOK_PAGES = index $(BOOK_CHAPTERS) setup
BOOK_FIGURES = $(filter-out style,$(basename $(notdir \
	$(wildcard $(srcdir)/docs/figures/*.gp))))
BOOK_FILES = $(BOOK_PAGES:%=%.html) book.css $(BOOK_FIGURES:%=fig/%.svg)

# What a page may show: any chapter (titles, cross-page links), any code
# file (include=), the tools (run), the figures.
BOOK_INPUTS = \
	$(srcdir)/docs/book.lua $(srcdir)/docs/template.html $(srcdir)/docs/page.sh \
	$(srcdir)/docs/index.md $(srcdir)/docs/setup.md \
	$(BOOK_CHAPTERS:%=$(srcdir)/chapters/%.md) \
	$(wildcard $(srcdir)/exercises/*.c $(srcdir)/solutions/*.c \
		$(srcdir)/tests/*.c $(srcdir)/tests/*.h $(srcdir)/include/*.h \
		$(srcdir)/src/*.c $(srcdir)/docs/scripts/* $(srcdir)/docs/*.c) \
	$(BOOK_TOOLS)

# The environment of every .run command and figure: the reference tools
# first on PATH, the build tree as the working directory, $srcdir set.
BOOK_ENV = srcdir='$(srcdir)' PATH='$(abs_builddir)/docs/bin:'"$$PATH" \
	PANDOC='$(PANDOC)' BOOK_TITLE='$(PACKAGE_NAME)' \
	BOOK_CHAPTERS='$(BOOK_CHAPTERS)' LC_ALL=C.UTF-8
BOOK_PAGE = $(BOOK_ENV) $(SHELL) $(srcdir)/docs/page.sh

html-local: $(BOOK_FILES:%=docs/html/%)
	@for c in $(BOOK_MISSING); do \
	  echo "note: chapters/$$c.md does not exist yet: the book leaves it out"; \
	done
	@echo "The book: docs/html/index.html"

html-instructor: $(BOOK_FILES:%=docs/html-instructor/%)
	@echo "The instructor's edition: docs/html-instructor/index.html"

# make html names the Debian package of a missing tool.
book-requirements:
	@if test -z '$(PANDOC)'; then \
	  echo "make html needs pandoc: apt-get install pandoc, then run configure again" >&2; \
	  exit 1; fi
	@if test -z '$(GNUPLOT)'; then \
	  echo "make html needs gnuplot: apt-get install gnuplot-nox, then run configure again" >&2; \
	  exit 1; fi

docs/html/%.html: $(srcdir)/chapters/%.md $(BOOK_INPUTS) | book-requirements
	$(AM_V_GEN)$(BOOK_PAGE) learner $< $@
docs/html/%.html: $(srcdir)/docs/%.md $(BOOK_INPUTS) | book-requirements
	$(AM_V_GEN)$(BOOK_PAGE) learner $< $@
docs/html-instructor/%.html: $(srcdir)/chapters/%.md $(BOOK_INPUTS) | book-requirements
	$(AM_V_GEN)$(BOOK_PAGE) instructor $< $@
docs/html-instructor/%.html: $(srcdir)/docs/%.md $(BOOK_INPUTS) | book-requirements
	$(AM_V_GEN)$(BOOK_PAGE) instructor $< $@

# A page shows its figures, so it is rebuilt after them.
$(BOOK_PAGES:%=docs/html/%.html): $(BOOK_FIGURES:%=docs/html/fig/%.svg)

docs/html/book.css docs/html-instructor/book.css: $(srcdir)/docs/book.css
	$(AM_V_GEN)$(MKDIR_P) $(@D) && cp $(srcdir)/docs/book.css $@

# Figures: docs/figures/NAME.gp only plots; the terminal, size, font and
# output are set here, then docs/figures/style.gp, then the script.
BOOK_TERMINAL = set terminal svg size 640,400 dynamic enhanced font 'sans,12' background rgb 'white'
docs/html/fig/%.svg: $(srcdir)/docs/figures/%.gp $(srcdir)/docs/figures/style.gp \
		$(srcdir)/docs/figure.sh $(wildcard $(srcdir)/docs/figures/*.sh) \
		$(BOOK_TOOLS) | book-requirements
	$(AM_V_GEN)$(BOOK_ENV) GNUPLOT='$(GNUPLOT)' BOOK_TERMINAL="$(BOOK_TERMINAL)" \
	  $(SHELL) $(srcdir)/docs/figure.sh $< $@
docs/html-instructor/fig/%.svg: docs/html/fig/%.svg
	$(AM_V_GEN)$(MKDIR_P) $(@D) && cp $< $@

# tests/book.sh checks the built book: make check builds both editions
# first, when it can (without pandoc or gnuplot the test reports SKIP).
tests/book.log: $(if $(and $(PANDOC),$(GNUPLOT)),html-local html-instructor)

# make install installs the learner's edition when pandoc and gnuplot were
# found (make install-html insists on it).
install-data-local: $(if $(and $(PANDOC),$(GNUPLOT)),install-book,install-book-skip)
install-html-local: install-book
install-book-skip:
	@echo "note: the book is not installed: configure found no pandoc or no gnuplot"
install-book: html-local
	$(MKDIR_P) '$(DESTDIR)$(htmldir)/fig'
	$(INSTALL_DATA) $(BOOK_PAGES:%=docs/html/%.html) docs/html/book.css \
	  '$(DESTDIR)$(htmldir)'
	$(if $(BOOK_FIGURES),$(INSTALL_DATA) $(BOOK_FIGURES:%=docs/html/fig/%.svg) \
	  '$(DESTDIR)$(htmldir)/fig')
uninstall-local:
	-cd '$(DESTDIR)$(htmldir)' && rm -f $(BOOK_FILES)
	-rmdir '$(DESTDIR)$(htmldir)/fig'

clean-local: clean-book
clean-book:
	-rm -rf docs/html docs/html-instructor docs/logs
	-rm -f docs/ref/*.c
CLEANFILES += $(BOOK_TOOLS) docs/libref.a

.PHONY: html-instructor book-requirements book-ref-check install-book install-book-skip clean-book

EXTRA_DIST += \
	docs/AUTHORING.md \
	docs/book.css \
	docs/book.lua \
	docs/figure.sh \
	docs/index.md \
	docs/page.sh \
	docs/setup.md \
	docs/template.html \
	docs/figures \
	tests/book.sh
