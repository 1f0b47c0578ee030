/* network.h: chapter 11, a multilayer perceptron on your own activations.
 * This is what you write (exercises/11-classifier.c); what the course
 * provides around it is in mlp.h (memory, initialisation, gradients zeroed)
 * and train.h (the epoch loop, prediction, accuracy).
 *
 * Every operation is a forward/backward pair in the style of llm.c:
 * outputs first, then the const inputs, then the sizes.  A backward pass
 * *accumulates* into its gradient arrays (dx[i] += ...), so the chain rule
 * is one visible line: mlp_zero_grad clears every gradient buffer once per
 * step, and nothing in the backward pass ever needs to clear one.
 *
 * Shapes.  A batch of B samples is stored row by row: inp[B][n_in] is
 * inp[s * n_in + i].  A dense layer's weights are stored input-major,
 * W[n_in][n_out], so W[i * n_out + j] connects input i to output j: the
 * innermost loop of both the forward pass and the weight gradient then runs
 * over j, along contiguous memory (chapter 11, "Loops that fit the cache").
 */
#ifndef NETWORK_H
#define NETWORK_H

#include <stddef.h>

/* At most this many dense layers (hidden ones plus the output one). */
#define MLP_MAX_LAYERS 8

/* How mlp_init draws a layer's initial weights (chapter 11, "Initial
 * weights"; chapter 13 derives them): uniform on [-s, s] with
 * s = sqrt(6 / (n_in + n_out)) (Glorot), s = sqrt(6 / n_in) (He) or
 * s = sqrt(3 / n_in) (LeCun, variance 1/n_in, which SELU assumes); or
 * 0.01 times a standard normal (SMALL, a common first attempt that
 * chapter 13 shows stalling a deep network). */
enum mlp_init { MLP_INIT_GLOROT, MLP_INIT_HE, MLP_INIT_LECUN, MLP_INIT_SMALL };

/* The hidden layers' activation: a function, its derivative (taken at the
 * input, as every act_NAME_grad is) and its parameter, which activations
 * without one ignore.  `activate --list` names the course's; the registry
 * (registry.h) makes one of these from a name. */
struct mlp_act {
	const char *name;                   /* "tanh", for messages and model files */
	double (*f)(double x, double p);    /* y = f(x; p) */
	double (*grad)(double x, double p); /* f'(x; p) */
	double param;                       /* p */
	enum mlp_init init;                 /* the initialisation that suits f */
};

/* Mini-batch stochastic gradient descent, with momentum when momentum > 0:
 *     v = momentum * v - lr * grad,   w = w + v. */
struct mlp_sgd {
	double lr;
	double momentum;
};

/* A network of n_layers dense layers; layer l maps size[l] inputs to
 * size[l + 1] outputs.  Every hidden layer is followed by act; the last
 * layer's outputs are the logits, turned into class probabilities by
 * softmax inside the cross-entropy loss. */
struct mlp {
	size_t n_layers;
	size_t size[MLP_MAX_LAYERS + 1];
	struct mlp_act act;
	/* Parameters: W[l][size[l] * size[l+1]] (input-major), b[l][size[l+1]]. */
	double *W[MLP_MAX_LAYERS], *b[MLP_MAX_LAYERS];
	/* Gradients of the batch's mean loss, same shapes; mlp_backward adds to
	 * them, after mlp_zero_grad cleared them. */
	double *dW[MLP_MAX_LAYERS], *db[MLP_MAX_LAYERS];
	/* Momentum velocities, same shapes, zero at the start. */
	double *vW[MLP_MAX_LAYERS], *vb[MLP_MAX_LAYERS];
	/* Room for batches of up to max_batch samples: */
	size_t max_batch;
	/* z[l][B][size[l+1]]: layer l's dense output, before the activation.
	 * z[n_layers - 1] holds the logits. */
	double *z[MLP_MAX_LAYERS];
	/* a[l][B][size[l+1]]: act(z[l]) for the hidden layers (a[n_layers - 1] is unused). */
	double *a[MLP_MAX_LAYERS];
	/* dz[l], da[l]: gradients of the loss with respect to z[l] and a[l];
	 * mlp_zero_grad clears them too, so backward only ever adds. */
	double *dz[MLP_MAX_LAYERS], *da[MLP_MAX_LAYERS];
};

/* ---- The exercise: layers ---- */

/* snippet: dense */
/* Dense layer.  out[B][n_out] = inp[B][n_in] W[n_in][n_out] + b[n_out]. */
void mlp_dense_forward(double *out, const double *inp, const double *W, const double *b,
		       size_t B, size_t n_in, size_t n_out);

/* Dense layer, backward: given dout = dL/dout, ADDS
 *     dW[i][j] += sum_s inp[s][i] dout[s][j],   db[j] += sum_s dout[s][j],
 *     dinp[s][i] += sum_j dout[s][j] W[i][j]   (skipped when dinp is NULL). */
void mlp_dense_backward(double *dinp, double *dW, double *db, const double *dout,
			const double *inp, const double *W, size_t B, size_t n_in,
			size_t n_out);
/* end snippet: dense */

/* Activation layer.  out[k] = f(inp[k]) for k < n, f = act. */
void mlp_act_forward(double *out, const double *inp, const struct mlp_act *act, size_t n);

/* Activation layer, backward: dinp[k] += f'(inp[k]) dout[k].  inp is the
 * activation's *input* z, as every act_NAME_grad takes. */
void mlp_act_backward(double *dinp, const double *inp, const double *dout,
		      const struct mlp_act *act, size_t n);

/* Softmax cross-entropy: the mean over the batch of
 * loss_cross_entropy(logits[s], n_classes, labels[s]). */
double mlp_xent_forward(const double *logits, const int *labels, size_t B, size_t n_classes);

/* Its gradient with respect to the logits, WRITTEN (this is where the
 * backward pass starts): dlogits[s][c] = (p[s][c] - [c == labels[s]]) / B,
 * p = softmax(logits[s]); the 1/B because the loss is a mean. */
void mlp_xent_backward(double *dlogits, const double *logits, const int *labels, size_t B,
		       size_t n_classes);

/* ---- The exercise: the network ---- */

/* Runs the batch X[B][size[0]] through every layer, filling z[] and a[];
 * the logits end in z[n_layers - 1].  B <= net->max_batch. */
void mlp_forward(struct mlp *net, const double *X, size_t B);

/* After mlp_forward on the same X and mlp_zero_grad: adds the gradient of
 * the batch's mean cross-entropy (labels[B]) to every dW and db, through dz
 * and da (which mlp_zero_grad cleared as well). */
void mlp_backward(struct mlp *net, const double *X, const int *labels, size_t B);

/* One update of every W and b from dW and db (see struct mlp_sgd). */
void mlp_sgd_step(struct mlp *net, const struct mlp_sgd *opt);

/* One training step on a batch: zero the gradients, forward, backward,
 * update.  Returns the batch's mean loss before the update. */
double mlp_train_step(struct mlp *net, const double *X, const int *labels, size_t B,
		      const struct mlp_sgd *opt);

#endif
