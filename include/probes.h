/* probes.h: chapter 10, numeric probes of an activation's properties.
 *
 * Each probe samples a function double f(double) and reports one property
 * that matters when choosing an activation.  A probe looks at finitely many
 * points, so it is evidence, not proof: a probe can be fooled by a function
 * that misbehaves between its samples.
 *
 * "The grid lo..hi with n steps" means the n + 1 points
 *     x_i = lo + i (hi - lo) / n,   i = 0, 1, ..., n   (n >= 1),
 * so x_0 = lo and x_n = hi exactly.
 */
#ifndef PROBES_H
#define PROBES_H

#include <stdbool.h>
#include <stddef.h>

/* The step of the central differences the probes use: f'(x) is estimated
 * as (f(x + h) - f(x - h)) / 2h. */
#define PROBE_H 1e-5

/* True when f is monotonic on the grid lo..hi with n steps: the values
 * f(x_0), ..., f(x_n) never decrease, or never increase (a constant is
 * both).  False if any value is NaN. */
bool probe_monotonic(double (*f)(double), double lo, double hi, size_t n);

/* The smallest and the largest of f(x_0), ..., f(x_n) on the grid lo..hi
 * with n steps.  A NaN value makes both NaN: a broken function must not
 * hide behind the other samples. */
void probe_range(double (*f)(double), double lo, double hi, size_t n,
		 double *min, double *max);

/* True when f's outputs are centred on zero over the grid -a..a with n
 * steps: |sum_i f(x_i)| <= tol * sum_i |f(x_i)|, so the positive and the
 * negative outputs balance.  (An f that is 0 on the whole grid counts as
 * centred.)  False if any value is NaN. */
bool probe_zero_centred(double (*f)(double), double a, size_t n, double tol);

/* True when f behaves like the identity near 0: |f(0)| <= tol and
 * |f'(0) - 1| <= tol, with f'(0) estimated by a central difference of
 * step PROBE_H. */
bool probe_near_identity(double (*f)(double), double tol);

/* Which ends f saturates at: its slope, estimated by a central difference
 * of step PROBE_H, is at most tol in size at x = -far (PROBE_SAT_LEFT)
 * and/or at x = +far (PROBE_SAT_RIGHT).  Returns the OR of the two bits,
 * 0 when f saturates at neither end. */
enum { PROBE_SAT_LEFT = 1, PROBE_SAT_RIGHT = 2 };
int probe_saturating(double (*f)(double), double far, double tol);

#endif
