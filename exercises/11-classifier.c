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
	/* TODO: out = inp W + b for a batch of B samples: every output
	 * out[s][j] (out[s*n_out + j]) is b[j] plus the sum over the inputs i
	 * of inp[s][i] W[i][j].  out holds anything on entry: write every
	 * element, do not add to it.  Shapes: include/network.h. */
	(void)out, (void)inp, (void)W, (void)b, (void)B, (void)n_in, (void)n_out;
}
/* end snippet: mlp_dense_forward */

/* snippet: mlp_dense_backward */
void mlp_dense_backward(double *dinp, double *dW, double *db, const double *dout,
			const double *inp, const double *W, size_t B, size_t n_in,
			size_t n_out)
{
	/* TODO: given dout = dL/dout, ADD (+=) the gradients of the loss with
	 * respect to what the forward pass read: dL/dW into dW, dL/db into db
	 * and, unless dinp is NULL, dL/dinp into dinp.  Never clear them:
	 * mlp_zero_grad has. */
	(void)dinp, (void)dW, (void)db, (void)dout, (void)inp, (void)W;
	(void)B, (void)n_in, (void)n_out;
}
/* end snippet: mlp_dense_backward */

/* snippet: mlp_act_forward */
void mlp_act_forward(double *out, const double *inp, const struct mlp_act *act, size_t n)
{
	/* TODO: out[k] = f(inp[k]) for k < n, f the layer's activation with its
	 * parameter (struct mlp_act). */
	(void)out, (void)inp, (void)act, (void)n;
}
/* end snippet: mlp_act_forward */

/* snippet: mlp_act_backward */
void mlp_act_backward(double *dinp, const double *inp, const double *dout,
		      const struct mlp_act *act, size_t n)
{
	/* TODO: ADD (+=) dL/dinp into dinp, given dout = dL/dout, for k < n:
	 * the activation's derivative is taken at its input inp[k]. */
	(void)dinp, (void)inp, (void)dout, (void)act, (void)n;
}
/* end snippet: mlp_act_backward */

/* snippet: mlp_xent_forward */
double mlp_xent_forward(const double *logits, const int *labels, size_t B, size_t n_classes)
{
	/* TODO: return the batch's loss: the mean over its B samples of the
	 * cross-entropy of each row of logits (n_classes of them) against its
	 * label (chapter 09). */
	(void)logits, (void)labels, (void)B, (void)n_classes;
	return 0.0;
}
/* end snippet: mlp_xent_forward */

/* snippet: mlp_xent_backward */
void mlp_xent_backward(double *dlogits, const double *logits, const int *labels, size_t B,
		       size_t n_classes)
{
	/* TODO: WRITE (=) into dlogits the gradient of mlp_xent_forward's loss
	 * with respect to every logit.  The backward pass starts here. */
	(void)dlogits, (void)logits, (void)labels, (void)B, (void)n_classes;
}
/* end snippet: mlp_xent_backward */

/* snippet: mlp_forward */
void mlp_forward(struct mlp *net, const double *X, size_t B)
{
	/* TODO: run the batch X (B samples) through every layer: fill z[l], the
	 * dense output of layer l, for every layer, and a[l], its activation,
	 * for every layer but the last, whose z are the logits.  Layer l has
	 * size[l] inputs and size[l+1] outputs. */
	(void)net, (void)X, (void)B;
}
/* end snippet: mlp_forward */

/* snippet: mlp_backward */
void mlp_backward(struct mlp *net, const double *X, const int *labels, size_t B)
{
	/* TODO: after mlp_forward on the same batch, add the gradient of the
	 * batch's loss (mlp_xent_forward) with respect to every weight and
	 * bias into dW and db, using da and dz for the gradients with respect
	 * to the activations and the dense outputs.  mlp_zero_grad has
	 * cleared all four. */
	(void)net, (void)X, (void)labels, (void)B;
}
/* end snippet: mlp_backward */

/* snippet: mlp_sgd_step */
void mlp_sgd_step(struct mlp *net, const struct mlp_sgd *opt)
{
	/* TODO: one step of gradient descent with momentum on every weight and
	 * bias, from its gradient (dW, db) and its velocity (vW, vb), which
	 * remembers the last step; opt gives the rate and the momentum. */
	(void)net, (void)opt;
}
/* end snippet: mlp_sgd_step */

/* snippet: mlp_train_step */
double mlp_train_step(struct mlp *net, const double *X, const int *labels, size_t B,
		      const struct mlp_sgd *opt)
{
	/* TODO: one training step on the batch: every parameter moves once
	 * against its gradient.  Return the batch's loss before the step. */
	(void)net, (void)X, (void)labels, (void)B, (void)opt;
	return 0.0;
}
/* end snippet: mlp_train_step */
