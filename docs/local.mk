# The HTML book.  docs/AUTHORING.md explains the conventions.
#   make html              the learner's edition, docs/html/index.html
#   make html-instructor   the instructor's edition, docs/html-instructor/:
#                          answers shown, reference solution after each chapter
#   make install           installs the learner's edition under $(htmldir)
# Everything is written into the build tree; the source tree is only read.

# The book's numbers and figures come from the reference solutions, whatever
# this tree grades: its tools in docs/bin/ link docs/ref/*.o, compiled from
# solutions/ as impl/*.o is from the configured implementation.  To give
# the book another reference tool, say classify, add three lines (the same sources as the real tool, BOOK_LIBS for COURSE_LIBS):
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
# The ULP tables of chapters 04, 05 and 12.
BOOK_TOOLS += docs/bin/accuracy
docs_bin_accuracy_SOURCES = docs/tools/accuracy.c
docs_bin_accuracy_LDADD = $(BOOK_LIBS)

# COURSE_LIBS with the reference objects (solutions/, compiled into
# docs/ref/) in place of the configured implementation's.
REF_OBJS = $(CHAPTERS:%=docs/ref/%.$(OBJEXT))
BOOK_LIBS = libtools.a $(REF_OBJS) libcourse.a
docs/ref/%.$(OBJEXT): solutions/%.c
	@$(MKDIR_P) $(@D)
	$(AM_V_CC)$(COMPILE) $(CHAPTER_DEPS) -c -o $@ $<
-include $(REF_OBJS:.$(OBJEXT)=.d)
EXTRA_PROGRAMS = $(BOOK_TOOLS)

# The pages.  Chapters come from CHAPTERS (Makefile.am), in its order; a
# chapter whose chapters/NN-slug.md does not exist yet is left out, with a
# note (make dist still insists on every chapter).
BOOK_CHAPTERS = $(foreach c,$(CHAPTERS),$(if $(wildcard $(srcdir)/chapters/$(c).md),$(c)))
BOOK_MISSING = $(filter-out $(BOOK_CHAPTERS),$(CHAPTERS))
BOOK_PAGES = index $(BOOK_CHAPTERS) setup
BOOK_FIGURES = $(filter-out style,$(basename $(notdir \
	$(wildcard $(srcdir)/docs/figures/*.gp))))
BOOK_FILES = $(BOOK_PAGES:%=%.html) book.css $(BOOK_FIGURES:%=fig/%.svg)

# What every page uses: the machinery, and docs/ids.txt, the titles and ids
# of all pages (every page shows the contents, previous and next, and may
# link to an id on another page).  What one page uses besides (listings,
# scripts, tools) docs/deps.sh writes to docs/deps/ as the page is built, so
# a page is rebuilt when, and only when, something it uses changes.
BOOK_INPUTS = \
	$(srcdir)/docs/book.lua $(srcdir)/docs/template.html $(srcdir)/docs/page.sh \
	$(srcdir)/docs/deps.sh docs/ids.txt
BOOK_MARKDOWN = $(srcdir)/docs/index.md $(BOOK_CHAPTERS:%=$(srcdir)/chapters/%.md) \
	$(srcdir)/docs/setup.md
-include docs/deps/*.d

# Rewritten only when a title or an id changes, so that editing a chapter's
# prose rebuilds that chapter's page alone.
docs/ids.txt: $(BOOK_MARKDOWN)
	@$(MKDIR_P) $(@D)
	$(AM_V_GEN)for f in $(BOOK_MARKDOWN); do \
	  echo "== $${f##*/}"; sed -n '/^# /{p;q;}' "$$f"; grep -o '{[^}]*#[^}]*}' "$$f" || true; \
	done > $@.tmp && echo "== needs: $(CHAPTER_NEEDS)" >> $@.tmp && \
	if cmp -s $@.tmp $@; then rm -f $@.tmp; else mv $@.tmp $@; fi

# The environment of every .run command and figure: the reference tools
# first on PATH, the build tree as the working directory, $srcdir set.
BOOK_ENV = srcdir='$(srcdir)' PATH='$(abs_builddir)/docs/bin:'"$$PATH" \
	PANDOC='$(PANDOC)' BOOK_TITLE='$(PACKAGE_NAME)' \
	BOOK_CHAPTERS='$(BOOK_CHAPTERS)' BOOK_NEEDS='$(CHAPTER_NEEDS)' LC_ALL=C.UTF-8
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

# The tools come first (a page runs them), but only what docs/deps/ names
# rebuilds a page.
docs/html/%.html: $(srcdir)/chapters/%.md $(BOOK_INPUTS) | $(BOOK_TOOLS) book-requirements
	$(AM_V_GEN)$(BOOK_PAGE) learner $< $@
docs/html/%.html: $(srcdir)/docs/%.md $(BOOK_INPUTS) | $(BOOK_TOOLS) book-requirements
	$(AM_V_GEN)$(BOOK_PAGE) learner $< $@
docs/html-instructor/%.html: $(srcdir)/chapters/%.md $(BOOK_INPUTS) | $(BOOK_TOOLS) book-requirements
	$(AM_V_GEN)$(BOOK_PAGE) instructor $< $@
docs/html-instructor/%.html: $(srcdir)/docs/%.md $(BOOK_INPUTS) | $(BOOK_TOOLS) book-requirements
	$(AM_V_GEN)$(BOOK_PAGE) instructor $< $@

docs/html/book.css docs/html-instructor/book.css: $(srcdir)/docs/book.css
	$(AM_V_GEN)$(MKDIR_P) $(@D) && cp $(srcdir)/docs/book.css $@

# Figures: docs/figures/NAME.gp only plots; the terminal, size, font and
# output are set here, then docs/figures/style.gp, then the script.
BOOK_TERMINAL = set terminal svg size 640,400 dynamic enhanced font 'sans,14' background rgb 'white'
docs/html/fig/%.svg: $(srcdir)/docs/figures/%.gp $(srcdir)/docs/figures/style.gp \
		$(srcdir)/docs/figure.sh $(srcdir)/docs/deps.sh | $(BOOK_TOOLS) book-requirements
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
	-rm -rf docs/html docs/html-instructor docs/logs docs/deps docs/ids.txt
	-rm -rf docs/ref
CLEANFILES += $(BOOK_TOOLS)

.PHONY: html-instructor book-requirements install-book install-book-skip clean-book

EXTRA_DIST += \
	docs/AUTHORING.md \
	docs/book.css \
	docs/book.lua \
	docs/deps.sh \
	docs/figure.sh \
	docs/index.md \
	docs/page.sh \
	docs/setup.md \
	docs/template.html \
	docs/figures \
	tests/book.sh

# ---- The sources page: docs/sources.md, after setup. ----
BOOK_PAGES += sources
BOOK_INPUTS += $(srcdir)/docs/sources.md
EXTRA_DIST += docs/sources.md

# ---- Reader features: the maths font, ¶ links and copy buttons, search,
# ---- EPUB.  Each comes from a Debian package or from pandoc; nothing
# ---- needs the network, and every page still reads with scripts off.

# The maths font ships with the book (Debian's fonts-lmodern): book.css
# loads it by a relative URL, so it works from file:// and after make
# install.  The search page indexes the sections with lunr (libjs-lunr).
BOOK_MATH_FONT = /usr/share/texmf/fonts/opentype/public/lm-math/latinmodern-math.otf
BOOK_MATH_FONT_LICENSE = /usr/share/texmf/doc/fonts/lm-math/GUST-FONT-LICENSE.txt
BOOK_LUNR = /usr/share/javascript/lunr/lunr.min.js
BOOK_PAGES += search
BOOK_INPUTS += $(srcdir)/docs/search.md
BOOK_EXTRAS = book.js search.js lunr.min.js search-data.js \
	fonts/latinmodern-math.otf fonts/README.txt
BOOK_FILES += $(BOOK_EXTRAS)

book-requirements: book-requirements-extras
book-requirements-extras:
	@if test ! -r '$(BOOK_MATH_FONT)'; then \
	  echo "make html needs the maths font $(BOOK_MATH_FONT): apt-get install fonts-lmodern" >&2; \
	  exit 1; fi
	@if test ! -r '$(BOOK_LUNR)'; then \
	  echo "make html needs $(BOOK_LUNR) for the search page: apt-get install libjs-lunr" >&2; \
	  exit 1; fi

docs/html/book.js docs/html/search.js: docs/html/%.js: $(srcdir)/docs/%.js
	$(AM_V_GEN)$(MKDIR_P) $(@D) && cp $< $@
docs/html/lunr.min.js: | book-requirements
	$(AM_V_GEN)$(MKDIR_P) $(@D) && cp '$(BOOK_LUNR)' $@
docs/html/fonts/latinmodern-math.otf: | book-requirements
	$(AM_V_GEN)$(MKDIR_P) $(@D) && cp '$(BOOK_MATH_FONT)' $@
docs/html/fonts/README.txt: | book-requirements
	$(AM_V_GEN)$(MKDIR_P) $(@D) && \
	{ echo 'latinmodern-math.otf is Latin Modern Math by the GUST e-foundry,'; \
	  echo 'copied from Debian'"'"'s fonts-lmodern package, under the GUST Font License:'; \
	  echo 'https://www.gust.org.pl/projects/e-foundry/licenses'; \
	  if test -r '$(BOOK_MATH_FONT_LICENSE)'; then echo; cat '$(BOOK_MATH_FONT_LICENSE)'; fi; \
	} > $@

# The search page's data: each page's sections as text, one script.
BOOK_SEARCH_INPUTS = $(srcdir)/docs/index.md \
	$(BOOK_CHAPTERS:%=$(srcdir)/chapters/%.md) \
	$(srcdir)/docs/setup.md $(srcdir)/docs/sources.md
docs/html/search-data.js: $(BOOK_SEARCH_INPUTS) $(srcdir)/docs/search-index.lua | book-requirements
	$(AM_V_GEN)$(MKDIR_P) $(@D) && \
	{ echo '/* The book'"'"'s sections, for search.js: made by docs/search-index.lua. */'; \
	  echo 'var BOOK_SEARCH = [];'; \
	  for f in $(BOOK_SEARCH_INPUTS); do \
	    '$(PANDOC)' "$$f" --from=markdown --to=html \
	      --lua-filter='$(srcdir)/docs/search-index.lua' \
	      --metadata=page:"`basename "$$f" .md`" --quiet || exit 1; \
	  done; } > $@.tmp && mv $@.tmp $@

docs/html-instructor/%.js: docs/html/%.js
	$(AM_V_GEN)$(MKDIR_P) $(@D) && cp $< $@
docs/html-instructor/fonts/%: docs/html/fonts/%
	$(AM_V_GEN)$(MKDIR_P) $(@D) && cp $< $@

install-book: install-book-extras
install-book-extras: html-local
	$(MKDIR_P) '$(DESTDIR)$(htmldir)/fonts'
	$(INSTALL_DATA) $(addprefix docs/html/,$(filter-out fonts/%,$(BOOK_EXTRAS))) \
	  '$(DESTDIR)$(htmldir)'
	$(INSTALL_DATA) $(addprefix docs/html/,$(filter fonts/%,$(BOOK_EXTRAS))) \
	  '$(DESTDIR)$(htmldir)/fonts'
uninstall-local: uninstall-book-extras
uninstall-book-extras:
	-cd '$(DESTDIR)$(htmldir)' && rm -f $(BOOK_EXTRAS)
	-rmdir '$(DESTDIR)$(htmldir)/fonts'

# make epub: the learner's edition as one EPUB 3 file, maths as MathML, the
# maths font embedded.  Each page goes through docs/book.lua as for the
# HTML book (edition epub), then pandoc puts the pages together.
BOOK_EPUB = docs/$(PACKAGE_TARNAME).epub
BOOK_EPUB_PAGES = index $(BOOK_CHAPTERS) setup sources
epub: $(BOOK_EPUB)
	@echo "The EPUB: $(BOOK_EPUB)"
docs/epub/%.json: $(srcdir)/chapters/%.md $(BOOK_INPUTS) | book-requirements
	$(AM_V_GEN)$(BOOK_PAGE) epub $< $@
docs/epub/%.json: $(srcdir)/docs/%.md $(BOOK_INPUTS) | book-requirements
	$(AM_V_GEN)$(BOOK_PAGE) epub $< $@
$(BOOK_EPUB): $(BOOK_EPUB_PAGES:%=docs/epub/%.json) $(srcdir)/docs/epub.css \
		$(BOOK_FIGURES:%=docs/html/fig/%.svg)
	$(AM_V_GEN)'$(PANDOC)' --from=json $(BOOK_EPUB_PAGES:%=docs/epub/%.json) \
	  --to=epub3 --mathml --toc --toc-depth=2 --epub-chapter-level=1 \
	  --resource-path=docs/html --highlight-style=tango \
	  --css='$(srcdir)/docs/epub.css' --epub-embed-font='$(BOOK_MATH_FONT)' \
	  --metadata=title:'$(PACKAGE_NAME)' --metadata=lang:en \
	  --fail-if-warnings --output=$@.tmp && mv $@.tmp $@

# The book's test reads the EPUB too.
tests/book.log: $(if $(and $(PANDOC),$(GNUPLOT)),epub)

clean-local: clean-book-extras
clean-book-extras:
	-rm -rf docs/epub
	-rm -f $(BOOK_EPUB)

.PHONY: epub book-requirements-extras install-book-extras uninstall-book-extras clean-book-extras
EXTRA_DIST += docs/book.js docs/search.js docs/search.md docs/search-index.lua docs/epub.css \
	tests/book-browser.py
