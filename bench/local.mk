# The benchmarks: not tests, since timings depend on the machine.  Included
# from Makefile.am after docs/local.mk (which starts EXTRA_PROGRAMS).
#
#   make bench-activations  chapter 07's cost of one call of each activation,
#                           then chapter 14's array activations over 10^3 to
#                           10^7 elements (ns per element, beside a copy),
#                           built with this build's flags and -march=native;
#                           writes bench/arrays.tsv and bench/arrays-native.tsv
#   make bench              that, then Fashion-MNIST (minutes): chapter 11's
#                           classify and chapter 14's fast network, beside
#                           PyTorch and OpenBLAS when they are installed;
#                           writes bench/results.md and bench/speed.md
# Copy what they write into the source tree to update the book.
EXTRA_DIST += bench/bench.sh bench/ratio.sh bench/torch_mlp.py bench/results.md \
	bench/fastnet.c bench/peak.c bench/speed.md bench/profile.tsv \
	bench/arrays.tsv bench/arrays-native.tsv
EXTRA_PROGRAMS += bench/activations bench/arrays bench/arrays-native

bench_activations_SOURCES = bench/activations.c bench/now.h
bench_activations_LDADD = $(COURSE_LIBS)
bench_activations_LINK = $(LINK_CHAPTERS) $(LINK)

bench_arrays_SOURCES = bench/arrays.c bench/now.h
bench_arrays_LDADD = $(COURSE_LIBS)
bench_arrays_LINK = $(LINK_CHAPTERS) $(LINK)
# The same loops, with chapter 14's file compiled again for this processor's
# widest vectors (bench/speed-native.c includes the configured
# $(IMPL_DIR)/14-speed.c), in place of impl/14-speed.o.
bench_arrays_native_SOURCES = bench/arrays.c bench/speed-native.c bench/now.h
bench_arrays_native_CPPFLAGS = $(AM_CPPFLAGS) -I$(srcdir)/$(IMPL_DIR)
bench_arrays_native_CFLAGS = $(AM_CFLAGS) -march=native
bench_arrays_native_LDADD = libtools.a $(filter-out impl/14-speed.$(OBJEXT),$(IMPL_OBJS)) \
	libcourse.a
bench_arrays_native_LINK = $(LINK_CHAPTERS) $(CCLD) $(bench_arrays_native_CFLAGS) $(CFLAGS) \
	$(AM_LDFLAGS) $(LDFLAGS) -o $@

bench-activations: bench/activations$(EXEEXT) bench/arrays$(EXEEXT) bench/arrays-native$(EXEEXT)
	./bench/activations$(EXEEXT)
	@echo "bench: array activations, ns per element, this build's flags:"
	./bench/arrays$(EXEEXT) > bench/arrays.tsv && cat bench/arrays.tsv
	@echo "bench: the same with -march=native:"
	./bench/arrays-native$(EXEEXT) > bench/arrays-native.tsv && cat bench/arrays-native.tsv

bench: bench-activations classify$(EXEEXT)
	BENCH_SOURCES='$(filter %.c,$(classify_SOURCES) $(libtools_a_SOURCES) $(libcourse_a_SOURCES))' \
	$(SHELL) $(srcdir)/bench/bench.sh ./classify$(EXEEXT) '$(srcdir)' '$(IMPL_DIR)'
.PHONY: bench bench-activations

# The book shows these results: its pages and figures are rebuilt when a
# new measurement is copied in.
docs/html/11-classifier.html docs/html-instructor/11-classifier.html: $(srcdir)/bench/results.md
docs/html/14-speed.html docs/html-instructor/14-speed.html: $(srcdir)/bench/speed.md \
	$(srcdir)/bench/arrays-native.tsv $(srcdir)/bench/profile.tsv
docs/html/fig/speed-arrays.svg: $(srcdir)/bench/arrays-native.tsv
docs/html/fig/speed-profile.svg: $(srcdir)/bench/profile.tsv
