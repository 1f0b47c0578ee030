/* loss.h: chapter 09, the cross-entropy loss of a softmax classifier.
 *
 * Both functions take the logits z[0..n) (the last layer's raw scores, before
 * softmax) and the index of the true class, label < n.  Working from logits
 * rather than from probabilities is what keeps them finite and accurate:
 * see chapters/09-softmax.md, "Cross-entropy from logits".
 */
#ifndef LOSS_H
#define LOSS_H

#include <stddef.h>

/* -log softmax(z)[label] = log(sum_i e^z_i) - z_label, computed without
 * overflow for logits of any size.  0 for a certain right answer, +inf when
 * z_label is -inf (a masked class), NaN when any z_i is NaN. */
double loss_cross_entropy(const double *z, size_t n, size_t label);

/* dz = d loss / dz = softmax(z) - y, where y is the one-hot vector of label.
 * dz[0..n) is written; dz may be the same array as z. */
void loss_cross_entropy_grad(const double *z, size_t n, size_t label, double *dz);

#endif
