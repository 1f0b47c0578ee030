/* depth: chapter 13's depth experiment and gain table, run with your
 * exercises/13-init-depth.c (or the solution) and your activations.
 *
 *   depth [--act NAME] [--param P] [--init glorot|he|lecun|small] [--gain G]
 *         [--width N] [--batch B] [--layers L] [--seed S] [--residual] [--batchnorm]
 *       pushes B standard normal inputs through L dense layers of width N,
 *       weights normal with init_std's deviation times G, back-propagates a
 *       standard normal gradient from the top, and prints CSV
 *       "layer,var_h,var_dh": the variance of the activations h_l and of the
 *       gradient dL/dh_{l-1} arriving at layer l's input, for l = 1 .. L.
 *   depth --gains
 *       prints a Markdown table: for every scalar activation, E[f(Z)^2] and
 *       E[f'(Z)^2] for a standard normal Z, and the gains 1/sqrt of each.
 *
 * Defaults: --act relu, --init the activation's own (activate --list),
 * --gain 1, --width 128, --batch 128, --layers 50, --seed 1.  Bad options
 * exit 2 with a message.
 */
#include <getopt.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "depth.h"
#include "registry.h"
#include "rng.h"

static _Noreturn void fail(const char *fmt, ...)
{
	va_list ap;
	fputs("depth: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(2);
}

static double number(const char *s, const char *opt)
{
	char msg[256];
	double v;
	if (cli_real(s, opt, &v, msg, sizeof msg) != 0)
		fail("%s", msg);
	return v;
}

static size_t count(const char *s, const char *opt, long hi)
{
	char msg[256];
	long v;
	if (cli_whole(s, opt, 1, hi, &v, msg, sizeof msg) != 0)
		fail("%s", msg);
	return (size_t)v;
}

/* The activation under study, as the double f(double) that depth_net and
 * gauss_mean_square take: its id and parameter travel through these. */
static enum act_id current;
static double current_param;
static double f_current(double x) { return act_eval(current, x, current_param); }
static double df_current(double x) { return act_eval_grad(current, x, current_param); }

static const char *init_name(enum mlp_init init)
{
	switch (init) {
	case MLP_INIT_GLOROT: return "glorot";
	case MLP_INIT_HE: return "he";
	case MLP_INIT_LECUN: return "lecun";
	case MLP_INIT_SMALL: return "small";
	}
	return "?";
}

static void gains(void)
{
	printf("| activation | $E[f(Z)^2]$ | forward gain | $E[f'(Z)^2]$ | backward gain | "
	       "`act_list.h` |\n|:--|--:|--:|--:|--:|:--|\n");
	for (int i = 0; i < ACT_COUNT; i++) {
		current = (enum act_id)i;
		current_param = act_info[i].param_default;
		double q = gauss_mean_square(f_current, 1.0), qd = gauss_mean_square(df_current, 1.0);
		printf("| %s | %.4f | %.4f | %.4f | %.4f | %s |\n", act_info[i].name, q, 1 / sqrt(q), qd,
		       1 / sqrt(qd), init_name(act_info[i].init));
	}
}

int main(int argc, char **argv)
{
	static const struct option options[] = {
		{"act", required_argument, NULL, 'a'},
		{"param", required_argument, NULL, 'p'},
		{"init", required_argument, NULL, 'i'},
		{"gain", required_argument, NULL, 'g'},
		{"width", required_argument, NULL, 'n'},
		{"batch", required_argument, NULL, 'b'},
		{"layers", required_argument, NULL, 'L'},
		{"seed", required_argument, NULL, 's'},
		{"residual", no_argument, NULL, 'r'},
		{"batchnorm", no_argument, NULL, 'N'},
		{"gains", no_argument, NULL, 'G'},
		{NULL, 0, NULL, 0},
	};
	const char *act = "relu", *init_s = NULL;
	double gain = 1, param = 0;
	size_t n = 128, B = 128, L = 50;
	long seed = 1;
	int residual = 0, batchnorm = 0, want_gains = 0, have_param = 0, c;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":", options, NULL)) != -1) {
		switch (c) {
		case 'a': act = optarg; break;
		case 'p': param = number(optarg, "--param"); have_param = 1; break;
		case 'i': init_s = optarg; break;
		case 'g': gain = number(optarg, "--gain"); break;
		case 'n': n = count(optarg, "--width", 4096); break;
		case 'b': B = count(optarg, "--batch", 65536); break;
		case 'L': L = count(optarg, "--layers", 1000); break;
		case 's': seed = (long)count(optarg, "--seed", 2147483647L); break;
		case 'r': residual = 1; break;
		case 'N': batchnorm = 1; break;
		case 'G': want_gains = 1; break;
		default: {
			char msg[256];
			cli_option_problem(c, argv, optind, optopt, options, msg, sizeof msg);
			fail("%s (see the comment at the top of src/depth.c)", msg);
		}
		}
	}
	if (optind < argc)
		fail("unexpected argument '%s'", argv[optind]);
	if (want_gains) {
		gains();
		return cli_flush_stdout("depth") == 0 ? 0 : 1;
	}
	if (!act_lookup(act, &current))
		fail("--act '%s': no such scalar activation (activate --list shows them)", act);
	if (have_param && !act_info[current].param)
		fail("--param: %s takes no parameter", act);
	current_param = have_param ? param : act_info[current].param_default;
	enum mlp_init init = act_info[current].init;
	if (init_s) {
		const enum mlp_init all[] = {MLP_INIT_GLOROT, MLP_INIT_HE, MLP_INIT_LECUN, MLP_INIT_SMALL};
		int found = 0;
		for (int k = 0; k < 4; k++)
			if (strcmp(init_s, init_name(all[k])) == 0)
				init = all[k], found = 1;
		if (!found)
			fail("--init '%s': glorot, he, lecun or small", init_s);
	}

	size_t m = B * n;
	double *W = malloc(L * n * n * sizeof *W), *x = malloc(m * sizeof *x);
	double *dtop = malloc(m * sizeof *dtop), *z = malloc(L * m * sizeof *z);
	double *h = malloc((L + 1) * m * sizeof *h), *bn = malloc(L * n * sizeof *bn);
	double *dz = malloc(L * m * sizeof *dz), *dh = malloc((L + 1) * m * sizeof *dh);
	if (!W || !x || !dtop || !z || !h || !bn || !dz || !dh) {
		fprintf(stderr, "depth: out of memory for %zu layers of %zu by %zu\n", L, B, n);
		return 1;
	}
	struct rng rng;
	rng_seed(&rng, (uint64_t)seed);
	double s = gain * init_std(init, n, n);
	for (size_t k = 0; k < m; k++)
		x[k] = rng_normal(&rng);
	for (size_t k = 0; k < L * n * n; k++)
		W[k] = s * rng_normal(&rng);
	for (size_t k = 0; k < m; k++)
		dtop[k] = rng_normal(&rng);
	struct depth_net net = {n, B, L, W, f_current, df_current, residual, batchnorm};
	depth_forward(z, h, bn, x, &net);
	depth_backward(dz, dh, dtop, z, bn, &net);
	printf("layer,var_h,var_dh\n");
	for (size_t l = 1; l <= L; l++)
		printf("%zu,%.6g,%.6g\n", l, depth_variance(h + l * m, m), depth_variance(dh + (l - 1) * m, m));
	free(W), free(x), free(dtop), free(z), free(h), free(bn), free(dz), free(dh);
	return cli_flush_stdout("depth") == 0 ? 0 : 1;
}
