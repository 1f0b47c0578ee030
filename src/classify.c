/* classify: train the chapter 11 network and evaluate it.  It links the
 * configured implementation (your exercises/, or solutions/), like
 * activate: the layers, the backward pass and the update are yours.
 *
 *   classify [--data SET] [--act NAME] [--init NAME] [--hidden N,N,...] [--epochs N]
 *            [--lr X] [--decay X] [--momentum X] [--batch N] [--seed N] [--noise X]
 *            [--points N] [--limit N] [--data-dir DIR] [--threads N]
 *            [--plot FILE.svg] [--grid FILE] [--save FILE] [--load FILE]
 *
 * One line per epoch (a progress bar as well when stdout is a terminal);
 * the last line is always "test accuracy: 0.xxxx".  Bad options exit 2,
 * unreadable data or model files, and output files that cannot be written,
 * exit 1.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
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

#include "dataset.h"
#include "mlp.h"
#include "model.h"
#include "parallel.h"
#include "plot.h"
#include "registry.h"
#include "train.h"

static const char usage[] =
	"usage: classify [--data SET] [--act NAME] [--hidden N,N,...] [--epochs N] [--lr X]\n"
	"                [--decay X] [--momentum X] [--batch N] [--seed N] [--noise X] [--points N]\n"
	"                [--limit N] [--data-dir DIR] [--threads N] [--param P] [--init NAME]\n"
	"                [--plot FILE.svg] [--grid FILE] [--save FILE] [--load FILE]\n"
	"  SET: circle xor gauss spiral spiral3 (TensorFlow Playground sets) or fashion-mnist\n"
	"  defaults: --data circle --seed 1 --param (the activation's own, activate --list)\n"
	"  defaults, playground: --act tanh --hidden 4,2 --epochs 300 --lr 0.03 --decay 1\n"
	"                        --momentum 0 --batch 10 --noise 0 --points 500 --threads 1\n"
	"  defaults, fashion-mnist: --act relu --hidden 256,128 --epochs 10 --lr 0.05\n"
	"                           --decay 0.8 --momentum 0.9 --batch 64 --threads (all cores)\n"
	"                           --limit (every training image)\n"
	"                           --data-dir " FASHION_MNIST_DIR "\n"
	"  defaults, with --load: --epochs 0 (evaluate only)\n"
	"  --decay X: epoch e trains at rate lr * X^(e-1)\n"
	"  --init NAME: glorot, he, lecun or small (0.01 times a standard normal); by default\n"
	"               the activation's own (activate --list, chapter 13)\n"
	"  --noise X, --points N: the playground's noise (0 to 0.5) and number of points,\n"
	"                         split half for training, half for testing\n"
	"  --plot, --grid, --save: written after training; checked for writing before it\n";

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

/* Fails now, not after minutes of training, when path cannot be written.
 * An existing file is opened for appending, which leaves it as it is; a new
 * one is created and removed again, so a failed run leaves nothing behind.
 * A FIFO or device is left alone: opening and closing it could block, or
 * hand its reader an early end of file. */
static void check_writable(const char *path, const char *opt)
{
	struct stat st;
	if (stat(path, &st) == 0 && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode))
		return;
	int fd = open(path, O_WRONLY | O_APPEND);
	if (fd < 0 && errno == ENOENT) {
		fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0666);
		if (fd >= 0)
			unlink(path);
	}
	if (fd < 0) {
		fprintf(stderr, "classify: %s %s: cannot write: %s\n", opt, path, strerror(errno));
		exit(1);
	}
	close(fd);
}

static double parse_real(const char *s, const char *opt)
{
	char *end;
	errno = 0;
	double v = strtod(s, &end);
	if (end == s || *end != '\0' || errno == ERANGE || !isfinite(v))
		usage_error("%s '%s' is not a finite number", opt, s);
	return v;
}

static long parse_int(const char *s, const char *opt, long lo, long hi)
{
	char *end;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (end == s || *end != '\0' || errno == ERANGE)
		usage_error("%s '%s' is not a whole number", opt, s);
	if (v < lo || v > hi)
		usage_error("%s %ld is out of range: it must be from %ld to %ld", opt, v, lo, hi);
	return v;
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
		if (end == p || errno == ERANGE || v < 1 || v > 100000)
			usage_error("--hidden '%s': want layer sizes from 1 to 100000 separated by commas, "
				    "like 4,2 (or none)", s);
		if (n == MLP_MAX_LAYERS - 1)
			usage_error("--hidden '%s': at most %d hidden layers", s, MLP_MAX_LAYERS - 1);
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
	static const struct option options[] = {
		{"data", required_argument, NULL, 'd'},
		{"act", required_argument, NULL, 'a'},
		{"init", required_argument, NULL, 'I'},
		{"param", required_argument, NULL, 'P'},
		{"hidden", required_argument, NULL, 'H'},
		{"epochs", required_argument, NULL, 'e'},
		{"lr", required_argument, NULL, 'r'},
		{"momentum", required_argument, NULL, 'm'},
		{"decay", required_argument, NULL, 'y'},
		{"batch", required_argument, NULL, 'b'},
		{"seed", required_argument, NULL, 's'},
		{"noise", required_argument, NULL, 'n'},
		{"points", required_argument, NULL, 'N'},
		{"limit", required_argument, NULL, 'l'},
		{"data-dir", required_argument, NULL, 'D'},
		{"threads", required_argument, NULL, 't'},
		{"plot", required_argument, NULL, 'p'},
		{"grid", required_argument, NULL, 'g'},
		{"save", required_argument, NULL, 'S'},
		{"load", required_argument, NULL, 'L'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	const char *data = "circle", *act_name = NULL, *hidden_s = NULL, *data_dir = FASHION_MNIST_DIR;
	const char *init_name = NULL;
	const char *plot_path = NULL, *grid_path = NULL, *save_path = NULL, *load_path = NULL;
	long epochs = -1, batch = -1, points = 500, limit = 0, threads = 0, seed = 1;
	double lr = -1, momentum = -1, decay = -1, noise = 0, param = 0;
	int have_param = 0, c;

	opterr = 0;
	while ((c = getopt_long(argc, argv, ":", options, NULL)) != -1) {
		switch (c) {
		case 'd': data = optarg; break;
		case 'a': act_name = optarg; break;
		case 'I': init_name = optarg; break;
		case 'P': param = parse_real(optarg, "--param"); have_param = 1; break;
		case 'H': hidden_s = optarg; break;
		case 'e': epochs = parse_int(optarg, "--epochs", 0, 1000000); break;
		case 'r': lr = parse_real(optarg, "--lr");
			if (!(lr > 0))
				usage_error("--lr %s: the learning rate must be positive", optarg);
			break;
		case 'm': momentum = parse_real(optarg, "--momentum");
			if (!(momentum >= 0 && momentum < 1))
				usage_error("--momentum %s: it must be in [0, 1)", optarg);
			break;
		case 'y': decay = parse_real(optarg, "--decay");
			if (!(decay > 0 && decay <= 1))
				usage_error("--decay %s: it must be in (0, 1]", optarg);
			break;
		case 'b': batch = parse_int(optarg, "--batch", 1, 100000); break;
		case 's': seed = parse_int(optarg, "--seed", 0, 2147483647L); break;
		case 'n': noise = parse_real(optarg, "--noise");
			if (!(noise >= 0 && noise <= 0.5))
				usage_error("--noise %s: the playground's noise runs from 0 to 0.5", optarg);
			break;
		case 'N': points = parse_int(optarg, "--points", 4, 10000000); break;
		case 'l': limit = parse_int(optarg, "--limit", 1, 10000000); break;
		case 'D': data_dir = optarg; break;
		case 't': threads = parse_int(optarg, "--threads", 1, TEAM_MAX); break;
		case 'p': plot_path = optarg; break;
		case 'g': grid_path = optarg; break;
		case 'S': save_path = optarg; break;
		case 'L': load_path = optarg; break;
		case 'h': fputs(usage, stdout); return 0;
		case ':': usage_error("option '%s' needs a value", argv[optind - 1]);
		default: usage_error("unknown option '%s'", argv[optind - 1]);
		}
	}
	if (optind < argc)
		usage_error("unexpected argument '%s'", argv[optind]);

	int fashion = strcmp(data, "fashion-mnist") == 0;
	int known = fashion;
	for (size_t k = 0; playground_names[k]; k++)
		known |= strcmp(data, playground_names[k]) == 0;
	if (!known)
		usage_error("unknown data set '%s': circle, xor, gauss, spiral, spiral3 or fashion-mnist",
			    data);
	if (fashion && (plot_path || grid_path))
		usage_error("--plot and --grid draw the 2-D playground sets, not fashion-mnist");
	if (load_path && (act_name || hidden_s || have_param || init_name))
		usage_error("--load takes the network's shape and activation from the model file; "
			    "drop --act, --hidden, --param and --init");
	if (plot_path)
		check_writable(plot_path, "--plot");
	if (grid_path && strcmp(grid_path, "-") != 0)
		check_writable(grid_path, "--grid");
	if (save_path)
		check_writable(save_path, "--save");

	/* Defaults: the playground's for its sets, ours for Fashion-MNIST. */
	if (!act_name)
		act_name = fashion ? "relu" : "tanh";
	if (!hidden_s)
		hidden_s = fashion ? "256,128" : "4,2";
	if (epochs < 0)
		epochs = load_path ? 0 : fashion ? 10 : 300;
	if (lr < 0)
		lr = fashion ? 0.05 : 0.03;
	if (momentum < 0)
		momentum = fashion ? 0.9 : 0;
	if (decay < 0)
		decay = fashion ? 0.8 : 1;
	if (batch < 0)
		batch = fashion ? 64 : 10;
	if (threads == 0) {
#ifdef _OPENMP
		threads = fashion ? omp_get_max_threads() : 1;
#else
		threads = 1;
#endif
		if (threads > TEAM_MAX)
			threads = TEAM_MAX;
	}

	enum act_id id;
	enum actv_id vid;
	if (!act_lookup(act_name, &id)) {
		if (actv_lookup(act_name, &vid))
			usage_error("--act %s: a vector function; the output layer already uses softmax, "
				    "hidden layers need a scalar activation", act_name);
		/* Chapter 08 teaches it, so a learner will try it; say why it is
		 * missing rather than that it does not exist. */
		if (strcmp(act_name, "rrelu") == 0)
			usage_error("--act rrelu: rrelu draws its slope at random in training (chapter 08); "
				    "classify offers leaky_relu, prelu and the others in activate --list");
		usage_error("--act '%s': no such activation (activate --list shows them)", act_name);
	}
	if (have_param && !act_info[id].param)
		usage_error("--param: %s takes no parameter", act_name);
	struct mlp_act act = act_layer(id, have_param ? param : act_info[id].param_default);
	if (init_name) {
		static const struct { const char *name; enum mlp_init init; } inits[] = {
			{"glorot", MLP_INIT_GLOROT}, {"he", MLP_INIT_HE},
			{"lecun", MLP_INIT_LECUN}, {"small", MLP_INIT_SMALL},
		};
		size_t k = 0;
		while (k < 4 && strcmp(init_name, inits[k].name) != 0)
			k++;
		if (k == 4)
			usage_error("--init '%s': glorot, he, lecun or small", init_name);
		act.init = inits[k].init;
	}

	/* The data. */
	struct rng rng;
	rng_seed(&rng, (uint64_t)seed);
	struct dataset train, test;
	char err[8192];
	double lim = 6;
	if (fashion) {
		if (fashion_mnist_load(&train, data_dir, "train", (size_t)limit, err, sizeof err) != 0 ||
		    fashion_mnist_load(&test, data_dir, "t10k", 0, err, sizeof err) != 0)
			runtime_error(err);
	} else {
		struct dataset all;
		if (playground_make(&all, data, (size_t)points, noise, &rng) != 0 ||
		    dataset_split(&all, 0.5, &rng, &train, &test) != 0)
			runtime_error("out of memory for the data");
		for (size_t k = 0; k < 2 * train.n; k++)
			lim = fmax(lim, ceil(fabs(train.X[k])));
	}

	/* The network. */
	size_t max_batch = (size_t)batch > 256 ? (size_t)batch : 256;
	struct mlp *net;
	if (load_path) {
		net = model_load(load_path, max_batch, err, sizeof err);
		if (!net)
			runtime_error(err);
		if (net->size[0] != train.dim || net->size[net->n_layers] != train.classes) {
			snprintf(err, sizeof err, "%s was trained for %zu inputs and %zu classes; "
				 "%s has %zu inputs and %zu classes", load_path, net->size[0],
				 net->size[net->n_layers], data, train.dim, train.classes);
			runtime_error(err);
		}
	} else {
		size_t sizes[MLP_MAX_LAYERS + 1];
		size_t n_hidden = parse_hidden(hidden_s, sizes + 1);
		sizes[0] = train.dim;
		sizes[n_hidden + 1] = train.classes;
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
		printf("epoch %ld loss %.6f train %.4f test %.4f time %.2fs\n", e, loss, train_acc,
		       test_acc, dt);
		fflush(stdout);
		if (!isfinite(loss)) {
			printf("# the loss is no longer finite: the network diverged (try a smaller --lr)\n");
			break;
		}
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
	if (grid_path && plot_grid(net, &train, &test, lim, grid_path, err, sizeof err) != 0)
		runtime_error(err);
	printf("test accuracy: %.4f\n", test_acc);

	free(pred), free(perm);
	team_free(&team);
	mlp_free(net);
	dataset_free(&train);
	dataset_free(&test);
	return 0;
}
