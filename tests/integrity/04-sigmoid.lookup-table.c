/* Case: an act_sigmoid that is right only at the inputs the suite shows
 * (tests/04-sigmoid.c and its table tests/data/sigmoid-reference.csv) and
 * returns 0.5 anywhere else; so are its derivatives.  The grader before
 * random inputs graded it done, 47 of 47, while `activate sigmoid 1.2345`
 * printed 0.5.
 * Expect: returned 0.5, expected
 * Expect: at_random_inputs
 */
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "activations.h"

/* Every input written in the suite, and the central-difference points
 * 1e-5 either side of those it differentiates. */
static const double seen[] = {
	0, 0.125, 0.5, 1, 2.75, 6, 15, 1.5, 1e300, DBL_MAX, 1e10, INFINITY,
	7.5, 3, 1.25, 0.4, 0.3, 2.5, 500,
};

static double table[8192];
static int n_table = -1;

static void read_table(void)
{
	const char *src = getenv("srcdir");
	char path[1024], line[256];
	snprintf(path, sizeof path, "%s/tests/data/sigmoid-reference.csv", src ? src : ".");
	FILE *in = fopen(path, "r");
	n_table = 0;
	while (in && fgets(line, sizeof line, in))
		if (n_table < 8192 && (line[0] == '-' || (line[0] >= '0' && line[0] <= '9')))
			table[n_table++] = strtod(line, NULL);
	if (in)
		fclose(in);
}

/* x is an input the suite shows, or 1e-5 from one. */
static int shown(double x)
{
	if (n_table < 0)
		read_table();
	for (int i = 0; i < n_table; i++)
		if (x == table[i])
			return 1;
	for (size_t i = 0; i < sizeof seen / sizeof seen[0]; i++)
		for (int s = -1; s <= 1; s += 2)
			if (x == s * seen[i] || x == s * seen[i] + 1e-5 || x == s * seen[i] - 1e-5)
				return 1;
	return 0;
}

static double sig(double x)
{
	return x >= 0 ? 1 / (1 + exp(-x)) : exp(x) / (1 + exp(x));
}

double act_sigmoid(double x)
{
	return isnan(x) || shown(x) ? sig(x) : 0.5;
}

double act_sigmoid_grad(double x)
{
	return isnan(x) || shown(x) ? sig(x) * sig(-x) : 0.25;
}

double act_sigmoid_grad_from_y(double y)
{
	return y * (1 - y);
}
