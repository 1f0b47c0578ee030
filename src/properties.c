/* properties: chapter 10's property table.  Runs the probes of
 * exercises/10-choosing.c (or the solution) over every scalar activation of
 * the course, at its default parameter, and prints a Markdown table.
 *
 *   properties           the table, one row per activation of act_list.h
 *
 * The book builds it against the reference solutions; built in your own
 * tree, it shows what *your* probes say about *your* activations.
 */
#include <math.h>
#include <stdio.h>

#include "probes.h"
#include "registry.h"

/* Where and how finely the probes look.  The grid steps are chosen so that
 * the grid passes through 0 (the kink of ReLU and its family). */
#define SPAN 10.0       /* the range and monotonic probes look at [-SPAN, SPAN] */
#define STEPS 2000      /* grid steps over that interval: x_i every 0.01 */
#define CENTRE_SPAN 3.0 /* zero-centred: the grid [-3, 3], where most inputs live */
#define CENTRE_STEPS 600
#define CENTRE_TOL 0.05 /* outputs balance to within 5% of their total size */
#define IDENT_TOL 1e-3
#define FAR 30.0        /* saturation: the slope at x = -30 and x = +30 */
#define SAT_TOL 1e-6

/* The probes take double f(double); the activation and its parameter
 * travel through these two variables instead. */
static enum act_id current;
static double current_param;

static double probed(double x)
{
	return act_eval(current, x, current_param);
}

static const char *yes_no(bool b)
{
	return b ? "yes" : "no";
}

static const char *saturation(int ends)
{
	switch (ends) {
	case PROBE_SAT_LEFT | PROBE_SAT_RIGHT: return "both ends";
	case PROBE_SAT_LEFT: return "left only";
	case PROBE_SAT_RIGHT: return "right only";
	default: return "no";
	}
}

/* A number for the table: "inf", "1", "-0.01", "4.54e-05". */
static void number(char *buf, size_t size, double v)
{
	if (isnan(v))
		snprintf(buf, size, "NaN");
	else if (v == 0)
		snprintf(buf, size, "0"); /* not "-0" */
	else
		snprintf(buf, size, "%.3g", v);
}

int main(void)
{
	printf("| activation | parameter | values seen on [%g, %g] | monotonic | zero-centred "
	       "| near identity at 0 | saturates |\n", -SPAN, SPAN);
	printf("|:--|:--|:--|:--|:--|:--|:--|\n");
	for (int i = 0; i < ACT_COUNT; i++) {
		current = (enum act_id)i;
		current_param = act_info[i].param_default;
		char param[32] = "", lo_s[32], hi_s[32];
		if (act_info[i].param)
			snprintf(param, sizeof param, "%s = %g", act_info[i].param, current_param);
		double lo, hi;
		probe_range(probed, -SPAN, SPAN, STEPS, &lo, &hi);
		number(lo_s, sizeof lo_s, lo);
		number(hi_s, sizeof hi_s, hi);
		printf("| %s | %s | %s to %s | %s | %s | %s | %s |\n", act_info[i].name, param, lo_s,
		       hi_s, yes_no(probe_monotonic(probed, -SPAN, SPAN, STEPS)),
		       yes_no(probe_zero_centred(probed, CENTRE_SPAN, CENTRE_STEPS, CENTRE_TOL)),
		       yes_no(probe_near_identity(probed, IDENT_TOL)),
		       saturation(probe_saturating(probed, FAR, SAT_TOL)));
	}
	return 0;
}
