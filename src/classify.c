/* classify: train the chapter 11 network and evaluate it.  It links the
 * configured implementation (your exercises/, or solutions/), like
 * activate: the layers, the backward pass and the update are yours.
 *
 *   classify [--data SET] [--act NAME] [--hidden N,N,...] [--epochs N] ...
 *
 * (classify --help lists every option, from the table `options` below.)
 * One line per epoch (a progress bar as well when stdout is a terminal);
 * the last line is always "test accuracy: 0.xxxx".  Bad options exit 2;
 * unreadable data or model files, output files that cannot be written and
 * a standard output that cannot be written exit 1.
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#ifdef _OPENMP
#include <omp.h>
#endif

#include "caps.h"
#include "cli.h"
#include "dataset.h"
#include "mlp.h"
#include "model.h"
#include "outfile.h"
#include "parallel.h"
#include "plot.h"
#include "registry.h"
#include "train.h"

/* ---- The options: one table for --help, the defaults and the parsing ---- */

enum opt {
	O_DATA, O_ACT, O_PARAM, O_INIT, O_HIDDEN, O_EPOCHS, O_LR, O_DECAY, O_MOMENTUM, O_BATCH, O_SEED,
	O_NOISE, O_POINTS, O_LIMIT, O_DATA_DIR, O_THREADS, O_PLOT, O_GRID, O_SAVE, O_LOAD, O_HELP,
	O_COUNT
};
enum kind { TEXT, WHOLE, REAL, FLAG };
enum sets { ANY, TOY, FASHION }; /* the data sets an option applies to */

/* One row per option.  --help is printed from this table, and a default is
 * parsed from it by the same code as a value typed on the command line, so
 * the help and the behaviour cannot disagree.  A default is a value as it
 * would be typed: on the playground sets (toy), on fashion-mnist, and with
 * --load (it wins over the other two); NULL where there is none.  WHOLE
 * and REAL values must lie in [lo, hi], an end left out where open_lo or
 * open_hi says so; the sizes come from caps.h, shared with the loaders.
 * To add an option: a name in enum opt, a row here, and the line in main
 * that reads its value from val[]. */
struct opt_row {
	const char *name, *arg; /* "epochs", "N"; arg is NULL for a flag */
	enum kind kind;
	double lo, hi;
	int open_lo, open_hi;
	const char *toy, *fashion, *loaded;
	const char *note; /* a default that is not a value */
	enum sets sets;
	const char *help;
};

static const struct opt_row options[O_COUNT] = {
	[O_DATA] = {"data", "SET", TEXT, .toy = "circle", .help =
		"circle xor gauss spiral spiral3 (playground), fashion-mnist"},
	[O_ACT] = {"act", "NAME", TEXT, .toy = "tanh", .fashion = "relu", .help =
		"the hidden layers' activation (activate --list)"},
	[O_PARAM] = {"param", "P", REAL, .lo = -INFINITY, .hi = INFINITY, .note =
		"the activation's own (activate --list)", .help =
		"the activation's parameter, for those that have one"},
	[O_INIT] = {"init", "NAME", TEXT, .note = "the activation's own (activate --list)", .help =
		"glorot, he, lecun, or small: 0.01 times a standard normal (chapter 13)"},
	[O_HIDDEN] = {"hidden", "N,N,...", TEXT, .toy = "4,2", .fashion = "256,128", .help =
		"the widths of the hidden layers, or none"},
	[O_EPOCHS] = {"epochs", "N", WHOLE, .lo = 0, .hi = CAP_EPOCHS, .toy = "300", .fashion = "10",
		.loaded = "0", .help = "passes over the training set (0: evaluate only)"},
	[O_LR] = {"lr", "X", REAL, .lo = 0, .open_lo = 1, .hi = INFINITY, .toy = "0.03", .fashion = "0.05", .help =
		"the learning rate"},
	[O_DECAY] = {"decay", "X", REAL, .lo = 0, .open_lo = 1, .hi = 1, .toy = "1", .fashion = "0.8", .help =
		"epoch e trains at rate lr * X^(e-1)"},
	[O_MOMENTUM] = {"momentum", "X", REAL, .lo = 0, .hi = 1, .open_hi = 1, .toy = "0", .fashion = "0.9", .help =
		"the momentum of SGD"},
	[O_BATCH] = {"batch", "N", WHOLE, .lo = 1, .hi = CAP_BATCH, .toy = "10", .fashion = "64", .help =
		"samples per step"},
	[O_SEED] = {"seed", "N", WHOLE, .lo = 0, .hi = INT_MAX, .toy = "1", .fashion = "1", .help =
		"seeds the weights, the shuffles and the playground's points"},
	[O_NOISE] = {"noise", "X", REAL, .lo = 0, .hi = 0.5, .toy = "0", .sets = TOY, .help =
		"the playground's noise"},
	[O_POINTS] = {"points", "N", WHOLE, .lo = 4, .hi = CAP_POINTS, .toy = "500", .sets = TOY, .help =
		"the points: half for training, half for testing"},
	[O_LIMIT] = {"limit", "N", WHOLE, .lo = 0, .hi = CAP_SAMPLES, .fashion = "0", .sets = FASHION, .help =
		"trains on the first N training images (0: all)"},
	[O_DATA_DIR] = {"data-dir", "DIR", TEXT, .fashion = FASHION_MNIST_DIR, .sets = FASHION,
		.help = "where Fashion-MNIST's four .gz files are"},
	[O_THREADS] = {"threads", "N", WHOLE, .lo = 0, .hi = TEAM_MAX, .toy = "1", .fashion = "0", .help =
		"threads that share each batch (0: one per core)"},
	[O_PLOT] = {"plot", "FILE.svg", TEXT, .sets = TOY, .help =
		"draws the decision boundary and the points"},
	[O_GRID] = {"grid", "FILE", TEXT, .sets = TOY, .help =
		"the picture as data for gnuplot (-: standard output)"},
	[O_SAVE] = {"save", "FILE", TEXT, .help = "writes the trained network to a model file"},
	[O_LOAD] = {"load", "FILE", TEXT, .help =
		"starts from a saved network, its shape and activation"},
	[O_HELP] = {"help", NULL, FLAG, .help = "shows this"},
};

static const char *const set_names[] = {"", "playground sets", "fashion-mnist"};

/* The range of a number as --help and the messages write it. */
static void range_text(const struct opt_row *o, char *buf, size_t size)
{
	if (o->kind == WHOLE)
		snprintf(buf, size, "%.0f to %.0f", o->lo, o->hi);
	else if (o->kind != REAL || (isinf(o->lo) && isinf(o->hi)))
		snprintf(buf, size, "%s", "");
	else if (isinf(o->hi))
		snprintf(buf, size, "%s %g", o->open_lo ? ">" : ">=", o->lo);
	else
		snprintf(buf, size, "in %c%g, %g%c", o->open_lo ? '(' : '[', o->lo, o->hi,
			 o->open_hi ? ')' : ']');
}

/* Appends "; " and the formatted text to line[size] at *at. */
static void part(char *line, size_t size, size_t *at, const char *fmt, ...)
{
	va_list ap;
	if (*at >= size)
		return;
	if (*at)
		*at += (size_t)snprintf(line + *at, size - *at, "; ");
	va_start(ap, fmt);
	if (*at < size)
		*at += (size_t)vsnprintf(line + *at, size - *at, fmt, ap);
	va_end(ap);
}

static void help(void)
{
	printf("usage: classify [--OPTION VALUE]...\n"
	       "Trains chapter 11's network on a data set, then tests it.\n\n");
	for (int i = 0; i < O_COUNT; i++) {
		const struct opt_row *o = &options[i];
		char flag[32], range[64], line[512] = "";
		size_t at = 0;
		snprintf(flag, sizeof flag, "--%s%s%s", o->name, o->arg ? " " : "",
			 o->arg ? o->arg : "");
		printf("  %-17s %s\n", flag, o->help);
		/* The second line: where it applies, its range, its defaults. */
		if (o->sets)
			part(line, sizeof line, &at, "%s only", set_names[o->sets]);
		range_text(o, range, sizeof range);
		if (*range)
			part(line, sizeof line, &at, "%s", range);
		const char *def = o->toy ? o->toy : o->fashion ? o->fashion : o->note;
		if (def)
			part(line, sizeof line, &at, "default %s", def);
		int fashion_too = o->toy && o->fashion && strcmp(o->toy, o->fashion) != 0;
		if (fashion_too || o->loaded)
			snprintf(line + at, sizeof line - at, " (%s%s%s%s%s)",
				 fashion_too ? "fashion-mnist " : "", fashion_too ? o->fashion : "",
				 fashion_too && o->loaded ? ", " : "", o->loaded ? "with --load " : "",
				 o->loaded ? o->loaded : "");
		if (line[0])
			printf("  %-17s %s\n", "", line);
	}
	printf("\n--plot, --grid and --save are checked for writing before training and written\n"
	       "after it; each file is replaced whole or not at all.  classify refuses a run\n"
	       "that would need more than %d GB of memory (the network, its copy per thread,\n"
	       "the batches and the data).  Exit status: 0; 1 when a file cannot be read or\n"
	       "written, the output is lost, or the network diverges (its loss is no longer\n"
	       "finite: nothing is saved); 2 for a bad option.\n", CAP_MEMORY_GB);
}

static _Noreturn void usage_error(const char *fmt, ...)
{
	va_list ap;
	fputs("classify: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputs("\n(classify --help shows the options)\n", stderr);
	exit(2);
}

static _Noreturn void runtime_error(const char *msg)
{
	fprintf(stderr, "classify: %s\n", msg);
	exit(1);
}

/* The output so far arrived, or classify stops: a run whose report is
 * lost (a full disk, /dev/full) must not go on or exit 0. */
static void check_stdout(void)
{
	if (cli_flush_stdout("classify") != 0)
		exit(1);
}

/* A real number, finite (cli_real), or exit 2. */
static double parse_real(const char *s, const char *opt)
{
	char msg[256];
	double v;
	if (cli_real(s, opt, &v, msg, sizeof msg) != 0)
		usage_error("%s", msg);
	return v;
}

/* A whole number; its range is the option's, checked by parse_value. */
static long parse_int(const char *s, const char *opt)
{
	char msg[256];
	long v;
	if (cli_whole(s, opt, LONG_MIN, LONG_MAX, &v, msg, sizeof msg) != 0)
		usage_error("%s", msg);
	return v;
}

union value {
	const char *text;
	long whole;
	double real;
};

/* Option o's value from its text, checked against its range. */
static union value parse_value(enum opt i, const char *text)
{
	const struct opt_row *o = &options[i];
	char opt[32], range[64];
	snprintf(opt, sizeof opt, "--%s", o->name);
	union value v = {.text = text};
	double x;
	if (o->kind == WHOLE)
		x = (double)(v.whole = parse_int(text, opt));
	else if (o->kind == REAL)
		x = v.real = parse_real(text, opt);
	else
		return v;
	if (x < o->lo || x > o->hi || (o->open_lo && x == o->lo) || (o->open_hi && x == o->hi)) {
		range_text(o, range, sizeof range);
		usage_error("%s %s is out of range: it must be %s%s", opt, text,
			    o->kind == WHOLE ? "from " : "", range);
	}
	return v;
}

/* The directory part of path, resolved ("." when it has none); NULL when
 * it does not exist. */
static char *directory_of(const char *path)
{
	char dir[PATH_MAX];
	const char *slash = strrchr(path, '/');
	snprintf(dir, sizeof dir, "%.*s", slash ? (int)(slash - path) + 1 : 1, slash ? path : ".");
	return realpath(dir, NULL);
}

/* Whether a and b name the same file: the same existing file, or two names
 * of one file still to be made ("x.svg" and "./x.svg"). */
static int same_file(const char *a, const char *b)
{
	struct stat sa, sb;
	int has_a = stat(a, &sa) == 0, has_b = stat(b, &sb) == 0;
	if (strcmp(a, b) == 0)
		return 1;
	if (has_a || has_b)
		return has_a && has_b && sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
	const char *na = strrchr(a, '/'), *nb = strrchr(b, '/');
	char *da = directory_of(a), *db = directory_of(b);
	int same = da && db && strcmp(da, db) == 0 && strcmp(na ? na + 1 : a, nb ? nb + 1 : b) == 0;
	free(da), free(db);
	return same;
}

/* Fails now, not after minutes of training, when path cannot be written:
 * makes the temporary file the write will use, and removes it again. */
static void check_writable(const char *path, const char *opt)
{
	struct outfile o;
	char err[4096];
	if (outfile_open(&o, path, err, sizeof err) != 0) {
		fprintf(stderr, "classify: %s %s\n", opt, err);
		exit(1);
	}
	outfile_discard(&o);
}

/* "256,128" -> sizes; "none" for no hidden layer. */
static size_t parse_hidden(const char *s, size_t *sizes)
{
	if (strcmp(s, "none") == 0)
		return 0;
	size_t n = 0;
	const char *p = s;
	for (;;) {
		char *end;
		errno = 0;
		long v = strtol(p, &end, 10);
		if (end == p || errno == ERANGE || v < 1 || v > CAP_WIDTH)
			usage_error("--hidden '%s': want layer sizes from 1 to %d separated by commas, "
				    "like 4,2 (or none)", s, CAP_WIDTH);
		if (n == CAP_LAYERS - 1)
			usage_error("--hidden '%s': at most %d hidden layers", s, CAP_LAYERS - 1);
		sizes[n++] = (size_t)v;
		if (*end == '\0')
			return n;
		if (*end != ',')
			usage_error("--hidden '%s': want layer sizes separated by commas, like 4,2", s);
		p = end + 1;
	}
}

static double seconds(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

static void progress_bar(size_t done, size_t total)
{
	int width = 40, fill = (int)((double)width * (double)done / (double)total);
	printf("\r[%.*s%*s] %3d%%", fill, "########################################", width - fill, "",
	       (int)(100.0 * (double)done / (double)total));
	fflush(stdout);
}

static double accuracy_of(struct team *t, const struct dataset *d, int *pred)
{
	team_predict(t, d->X, d->n, pred);
	return accuracy(pred, d->y, d->n);
}

/* The training step of mlp_train_epoch_with: the team's, with a progress
 * bar on a terminal when an epoch has at least 100 batches. */
struct stepper {
	struct team *team;
	size_t done, n_batches;
	int bar;
};

static double step_with_bar(void *ctx, const double *X, const int *labels, size_t B,
			    const struct mlp_sgd *opt, size_t *right)
{
	struct stepper *st = ctx;
	double loss = team_train_step(st->team, X, labels, B, opt, right);
	if (st->bar && st->done++ % (st->n_batches / 100) == 0)
		progress_bar(st->done, st->n_batches);
	return loss;
}

static void confusion(const struct dataset *d, const int *pred)
{
	size_t m[10][10] = {{0}};
	for (size_t s = 0; s < d->n; s++)
		m[d->y[s]][pred[s]]++;
	printf("confusion matrix (rows: true class, columns: predicted)\n");
	printf("%-12s", "");
	for (int j = 0; j < 10; j++)
		printf(" %5d", j);
	printf("\n");
	for (int i = 0; i < 10; i++) {
		printf("%d %-10s", i, fashion_mnist_classes[i]);
		for (int j = 0; j < 10; j++)
			printf(" %5zu", m[i][j]);
		printf("\n");
	}
}

int main(int argc, char **argv)
{
	/* getopt_long's table, from ours: val is 256 + the row, above any char. */
	struct option longopts[O_COUNT + 1] = {{0}};
	for (int i = 0; i < O_COUNT; i++)
		longopts[i] = (struct option){options[i].name,
					      options[i].arg ? required_argument : no_argument, NULL,
					      256 + i};
	const char *text[O_COUNT] = {0};
	int c;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":", longopts, NULL)) != -1) {
		if (c == 256 + O_HELP) {
			help();
			check_stdout();
			return 0;
		}
		if (c >= 256 && c < 256 + O_COUNT) {
			text[c - 256] = optarg;
			continue;
		}
		char msg[512];
		cli_option_problem(c, argv, optind, optopt, longopts, msg, sizeof msg);
		usage_error("%s", msg);
	}
	if (optind < argc)
		usage_error("unexpected argument '%s'", argv[optind]);

	/* The data set chooses the defaults. */
	const char *data = text[O_DATA] ? text[O_DATA] : options[O_DATA].toy;
	int fashion = strcmp(data, "fashion-mnist") == 0;
	int known = fashion;
	for (size_t k = 0; playground_names[k]; k++)
		known |= strcmp(data, playground_names[k]) == 0;
	if (!known)
		usage_error("unknown data set '%s': circle, xor, gauss, spiral, spiral3 or fashion-mnist",
			    data);
	int loading = text[O_LOAD] != NULL;
	union value val[O_COUNT] = {{0}};
	for (int i = 0; i < O_COUNT; i++) {
		const struct opt_row *o = &options[i];
		if (text[i] && o->sets != ANY && o->sets != (fashion ? FASHION : TOY))
			usage_error("--%s applies to %s only, not to %s", o->name,
				    o->sets == TOY ? "the playground sets" : "fashion-mnist", data);
		const char *t = text[i]                ? text[i]
				: loading && o->loaded ? o->loaded
				: fashion              ? o->fashion
						       : o->toy;
		if (t)
			val[i] = parse_value((enum opt)i, t);
	}
	if (loading && (text[O_ACT] || text[O_HIDDEN] || text[O_PARAM] || text[O_INIT]))
		usage_error("--load takes the network's shape and activation from the model file; "
			    "drop --act, --hidden, --param and --init");
	const char *act_name = val[O_ACT].text, *hidden_s = val[O_HIDDEN].text;
	const char *plot_path = text[O_PLOT], *grid_path = text[O_GRID];
	const char *save_path = text[O_SAVE], *load_path = text[O_LOAD];
	long epochs = val[O_EPOCHS].whole, batch = val[O_BATCH].whole, seed = val[O_SEED].whole;
	long threads = val[O_THREADS].whole;
	double lr = val[O_LR].real, momentum = val[O_MOMENTUM].real, decay = val[O_DECAY].real;

	/* Two options naming one file: one output would overwrite the other,
	 * or an output the model being loaded. */
	if (grid_path && strcmp(grid_path, "-") == 0)
		grid_path = NULL;
	const enum opt files[] = {O_PLOT, O_GRID, O_SAVE, O_LOAD};
	for (size_t i = 0; i < 4; i++)
		for (size_t j = i + 1; j < 4; j++) {
			const char *a = files[i] == O_GRID ? grid_path : text[files[i]];
			const char *b = files[j] == O_GRID ? grid_path : text[files[j]];
			/* --save over the model --load read is how training goes on. */
			if (a && b && !(files[i] == O_SAVE && files[j] == O_LOAD) && same_file(a, b))
				usage_error("--%s and --%s both name %s: one would overwrite the other",
					    options[files[i]].name, options[files[j]].name, b);
		}
	if (plot_path)
		check_writable(plot_path, "--plot");
	if (grid_path)
		check_writable(grid_path, "--grid");
	if (save_path)
		check_writable(save_path, "--save");
	if (threads == 0) {
#ifdef _OPENMP
		threads = omp_get_max_threads();
#else
		threads = 1;
#endif
		if (threads > TEAM_MAX)
			threads = TEAM_MAX;
	}

	struct mlp_act act = {0};
	size_t sizes[MLP_MAX_LAYERS + 1], n_hidden = 0;
	size_t max_batch = (size_t)batch > 256 ? (size_t)batch : 256;
	if (!loading) {
		enum act_id id;
		enum actv_id vid;
		if (!act_lookup(act_name, &id)) {
			if (actv_lookup(act_name, &vid))
				usage_error("--act %s: a vector function; the output layer already uses "
					    "softmax, hidden layers need a scalar activation", act_name);
			/* Chapter 08 teaches it, so a learner will try it; say why it
			 * is missing rather than that it does not exist. */
			if (strcmp(act_name, "rrelu") == 0)
				usage_error("--act rrelu: rrelu draws its slope at random in training "
					    "(chapter 08); classify offers leaky_relu, prelu and the others "
					    "in activate --list");
			char msg[512];
			cli_unknown_activation(act_name, msg, sizeof msg);
			usage_error("--act: %s", msg);
		}
		if (text[O_PARAM] && !act_info[id].param)
			usage_error("--param: %s takes no parameter", act_name);
		act = act_layer(id, text[O_PARAM] ? val[O_PARAM].real : act_info[id].param_default);
		if (text[O_INIT]) {
			static const struct { const char *name; enum mlp_init init; } inits[] = {
				{"glorot", MLP_INIT_GLOROT}, {"he", MLP_INIT_HE},
				{"lecun", MLP_INIT_LECUN}, {"small", MLP_INIT_SMALL},
			};
			size_t k = 0;
			while (k < 4 && strcmp(text[O_INIT], inits[k].name) != 0)
				k++;
			if (k == 4)
				usage_error("--init '%s': glorot, he, lecun or small", text[O_INIT]);
			act.init = inits[k].init;
		}
		n_hidden = parse_hidden(hidden_s, sizes + 1);
		/* Before reading any data: the hidden layers alone may be too
		 * many bytes already (--hidden 40000,40000). */
		double inner = n_hidden > 1 ? caps_network_bytes(n_hidden - 1, sizes + 1, max_batch,
								 (int)threads) : 0;
		if (inner > CAP_MEMORY) {
			char t[32];
			usage_error("--hidden %s needs more than %s, over classify's limit of %d GB",
				    hidden_s, caps_bytes_text(inner, t, sizeof t), CAP_MEMORY_GB);
		}
	}

	/* The data. */
	struct rng rng;
	rng_seed(&rng, (uint64_t)seed);
	struct dataset train, test;
	char err[8192];
	double lim = 6;
	if (fashion) {
		if (fashion_mnist_load(&train, val[O_DATA_DIR].text, "train", (size_t)val[O_LIMIT].whole,
				       err, sizeof err) != 0 ||
		    fashion_mnist_load(&test, val[O_DATA_DIR].text, "t10k", 0, err, sizeof err) != 0)
			runtime_error(err);
	} else {
		struct dataset all;
		if (playground_make(&all, data, (size_t)val[O_POINTS].whole, val[O_NOISE].real,
				    &rng) != 0 ||
		    dataset_split(&all, 0.5, &rng, &train, &test) != 0)
			runtime_error("out of memory for the data");
		for (size_t k = 0; k < 2 * train.n; k++)
			lim = fmax(lim, ceil(fabs(train.X[k])));
	}

	/* The network. */
	struct mlp *net = NULL;
	if (loading) {
		net = model_load(load_path, max_batch, err, sizeof err);
		if (!net)
			runtime_error(err);
		if (net->size[0] != train.dim || net->size[net->n_layers] != train.classes) {
			snprintf(err, sizeof err, "%s was trained for %zu inputs and %zu classes; "
				 "%s has %zu inputs and %zu classes", load_path, net->size[0],
				 net->size[net->n_layers], data, train.dim, train.classes);
			runtime_error(err);
		}
		n_hidden = net->n_layers - 1;
		memcpy(sizes, net->size, sizeof net->size);
	} else {
		sizes[0] = train.dim;
		sizes[n_hidden + 1] = train.classes;
	}
	/* The whole run against the cap, before the network (or its copies
	 * per thread) is allocated. */
	size_t samples = train.n + test.n;
	double data_bytes = (double)samples * (double)(train.dim * sizeof(double) + sizeof(int)) +
			    (double)samples * (sizeof(int) + sizeof(size_t)) +
			    (double)batch * (double)train.dim * sizeof(double);
	double net_bytes = caps_network_bytes(n_hidden + 1, sizes, max_batch, (int)threads);
	if (net_bytes + data_bytes > CAP_MEMORY) {
		char t1[32], t2[32], t3[32];
		usage_error("this run needs %s (the network %s%s, the data %s), over classify's "
			    "limit of %d GB", caps_bytes_text(net_bytes + data_bytes, t1, sizeof t1),
			    caps_bytes_text(net_bytes, t2, sizeof t2),
			    threads > 1 ? " with a copy per thread" : "",
			    caps_bytes_text(data_bytes, t3, sizeof t3), CAP_MEMORY_GB);
	}
	if (!loading) {
		net = mlp_create(n_hidden + 1, sizes, act, max_batch);
		if (!net)
			runtime_error("out of memory for the network");
		mlp_init(net, &rng);
	}
	struct team team;
	if (team_init(&team, net, (int)threads, max_batch) != 0)
		runtime_error("out of memory for the threads");

	printf("# %s: %zu training and %zu test samples; network", data, train.n, test.n);
	for (size_t l = 0; l <= net->n_layers; l++)
		printf("%s%zu", l ? "-" : " ", net->size[l]);
	printf(", %s hidden, softmax output; batch %ld, lr %g, decay %g, momentum %g, seed %ld, "
	       "%ld thread%s\n", net->act.name, batch, lr, decay, momentum, seed, threads,
	       threads > 1 ? "s" : "");
	check_stdout();

	/* Training. */
	int *pred = malloc((train.n > test.n ? train.n : test.n) * sizeof *pred + 1);
	size_t *perm = malloc(train.n * sizeof *perm + 1);
	if (!pred || !perm)
		runtime_error("out of memory");
	struct mlp_sgd opt = {lr, momentum};
	int tty = isatty(STDOUT_FILENO);
	double train_time = 0;
	for (long e = 1; e <= epochs; e++) {
		double t0 = seconds();
		size_t right = 0, n_batches = (train.n + (size_t)batch - 1) / (size_t)batch;
		struct stepper st = {&team, 0, n_batches, tty && n_batches >= 100};
		mlp_shuffle(perm, train.n, &rng);
		opt.lr = lr * pow(decay, (double)(e - 1));
		double loss = mlp_train_epoch_with(step_with_bar, &st, train.dim, train.X, train.y,
						   perm, train.n, (size_t)batch, &opt, &right);
		double dt = seconds() - t0;
		train_time += dt;
		/* The playground sets are small: measure the training accuracy
		 * after the epoch.  On Fashion-MNIST that would cost a third of
		 * an epoch, so report the running accuracy during it. */
		double train_acc = fashion ? (double)right / (double)train.n
					   : accuracy_of(&team, &train, pred);
		double test_acc = accuracy_of(&team, &test, pred);
		if (tty && n_batches >= 100)
			printf("\r%60s\r", "");
		/* A loss that blew up is written in a few digits, not three
		 * hundred. */
		if (!isfinite(loss)) {
			/* The network diverged.  Its accuracies would be
			 * whatever argmax makes of NaN logits, and a model of it
			 * is no model: say so, save nothing, and fail. */
			printf("epoch %ld loss %s\n", e, isnan(loss) ? "nan" : "inf");
			check_stdout();
			char msg[600];
			snprintf(msg, sizeof msg, "%s%sthe network diverged: the loss is no longer finite at "
				 "epoch %ld (try a smaller --lr than %g)", save_path ? save_path : "",
				 save_path ? ": not saved: " : "", e, lr);
			runtime_error(msg);
		}
		printf(fabs(loss) < 1e9 ? "epoch %ld loss %.6f" : "epoch %ld loss %.6g", e, loss);
		printf(" train %.4f test %.4f time %.2fs\n", train_acc, test_acc, dt);
		check_stdout();
	}
	if (epochs > 0)
		printf("# training: %.2f s in all, %.2f s per epoch\n", train_time,
		       train_time / (double)epochs);

	double test_acc = accuracy_of(&team, &test, pred);
	if (fashion)
		confusion(&test, pred);
	if (save_path && model_save(net, save_path, err, sizeof err) != 0)
		runtime_error(err);
	if (plot_path) {
		char title[256], shape[128] = "";
		for (size_t l = 1; l < net->n_layers; l++)
			snprintf(shape + strlen(shape), sizeof shape - strlen(shape), "%s%zu",
				 l > 1 ? "," : "", net->size[l]);
		snprintf(title, sizeof title, "%s, %s [%s], %ld epochs: test accuracy %.4f", data,
			 net->act.name, shape, epochs, test_acc);
		if (plot_boundary(net, &train, &test, lim, title, plot_path, err, sizeof err) != 0)
			runtime_error(err);
	}
	if (text[O_GRID] && plot_grid(net, &train, &test, lim, text[O_GRID], err, sizeof err) != 0)
		runtime_error(err);
	printf("test accuracy: %.4f\n", test_acc);
	check_stdout();

	free(pred), free(perm);
	team_free(&team);
	mlp_free(net);
	dataset_free(&train);
	dataset_free(&test);
	return 0;
}
