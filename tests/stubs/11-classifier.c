/* Chapter 11, a classifier: the exercise.
 * Wire an activation (struct mlp_act: yours, when classify runs it) and
 * your softmax cross-entropy into a network.  Needs chapter 09: its loss
 * must pass first (make grade-09).  include/network.h gives every shape;
 * chapters/11-classifier.md walks through each function.  Grade with
 * make grade-11, then train with ./classify. */
#include <stddef.h>

#include "loss.h"
#include "mlp.h"
#include "network.h"

/* snippet: mlp_dense_forward */
void mlp_dense_forward(double *out, const double *inp, const double *W, const double *b,
		       size_t B, size_t n_in, size_t n_out)
{
	/* TODO: for each sample s < B and output j < n_out,
	 *     out[s*n_out + j] = b[j] + sum over i < n_in of inp[s*n_in + i] * W[i*n_out + j].
	 * Start each output row from b, then loop i outside j. */
	(void)out, (void)inp, (void)W, (void)b, (void)B, (void)n_in, (void)n_out;
}
/* end snippet: mlp_dense_forward */

/* snippet: mlp_dense_backward */
void mlp_dense_backward(double *dinp, double *dW, double *db, const double *dout,
			const double *inp, const double *W, size_t B, size_t n_in,
			size_t n_out)
{
	/* TODO: for each sample s, ADD (+=)
	 *     dW[i*n_out + j] += inp[s*n_in + i] * dout[s*n_out + j]
	 *     db[j]           += dout[s*n_out + j]
	 *     dinp[s*n_in + i] += sum over j of dout[s*n_out + j] * W[i*n_out + j]
	 * and skip dinp when it is NULL. */
	(void)dinp, (void)dW, (void)db, (void)dout, (void)inp, (void)W;
	(void)B, (void)n_in, (void)n_out;
}
/* end snippet: mlp_dense_backward */

/* snippet: mlp_act_forward */
void mlp_act_forward(double *out, const double *inp, const struct mlp_act *act, size_t n)
{
	/* TODO: out[k] = act->f(inp[k], act->param) for k < n. */
	(void)out, (void)inp, (void)act, (void)n;
}
/* end snippet: mlp_act_forward */

/* snippet: mlp_act_backward */
void mlp_act_backward(double *dinp, const double *inp, const double *dout,
		      const struct mlp_act *act, size_t n)
{
	/* TODO: dinp[k] += act->grad(inp[k], act->param) * dout[k]. */
	(void)dinp, (void)inp, (void)dout, (void)act, (void)n;
}
/* end snippet: mlp_act_backward */

/* snippet: mlp_xent_forward */
double mlp_xent_forward(const double *logits, const int *labels, size_t B, size_t n_classes)
{
	/* TODO: the mean over s < B of
	 *     loss_cross_entropy(logits + s*n_classes, n_classes, labels[s]). */
	(void)logits, (void)labels, (void)B, (void)n_classes;
	return 0.0;
}
/* end snippet: mlp_xent_forward */

/* snippet: mlp_xent_backward */
void mlp_xent_backward(double *dlogits, const double *logits, const int *labels, size_t B,
		       size_t n_classes)
{
	/* TODO: for each sample, loss_cross_entropy_grad into its row of
	 * dlogits, then divide the row by B (the loss is a mean). */
	(void)dlogits, (void)logits, (void)labels, (void)B, (void)n_classes;
}
/* end snippet: mlp_xent_backward */

/* snippet: mlp_forward */
void mlp_forward(struct mlp *net, const double *X, size_t B)
{
	/* TODO: for each layer l, z[l] = dense(input, W[l], b[l]), where the
	 * input is X for l = 0 and a[l-1] after; for every layer but the last,
	 * a[l] = act(z[l]).  Layer l has size[l] inputs and size[l+1] outputs. */
	(void)net, (void)X, (void)B;
}
/* end snippet: mlp_forward */

/* snippet: mlp_backward */
void mlp_backward(struct mlp *net, const double *X, const int *labels, size_t B)
{
	/* TODO: dz[last] = the cross-entropy gradient of the logits z[last];
	 * then from the last layer down to 0: the dense backward (dinp =
	 * da[l-1], or NULL for layer 0), then the activation backward from
	 * da[l-1] into dz[l-1], at z[l-1].  mlp_zero_grad has already cleared
	 * dW, db, da and dz: every backward only adds. */
	(void)net, (void)X, (void)labels, (void)B;
}
/* end snippet: mlp_backward */

/* snippet: mlp_sgd_step */
void mlp_sgd_step(struct mlp *net, const struct mlp_sgd *opt)
{
	/* TODO: for every weight and bias w with gradient g and velocity v:
	 *     v = opt->momentum * v - opt->lr * g;   w += v. */
	(void)net, (void)opt;
}
/* end snippet: mlp_sgd_step */

/* snippet: mlp_train_step */
double mlp_train_step(struct mlp *net, const double *X, const int *labels, size_t B,
		      const struct mlp_sgd *opt)
{
	/* TODO: mlp_zero_grad, mlp_forward, the loss (mlp_xent_forward of the
	 * logits), mlp_backward, mlp_sgd_step; return the loss. */
	(void)net, (void)X, (void)labels, (void)B, (void)opt;
	return 0.0;
}
/* end snippet: mlp_train_step */
