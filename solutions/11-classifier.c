/* Chapter 11, a classifier: the reference solution.
 * The network is your activations (chapters 02-08) and your softmax
 * cross-entropy (chapter 09) wired into dense layers; see include/network.h
 * for every shape. */
#include <stddef.h>

#include "loss.h"
#include "mlp.h"
#include "network.h"

/* snippet: mlp_dense_forward */
void mlp_dense_forward(double *out, const double *inp, const double *W, const double *b,
		       size_t B, size_t n_in, size_t n_out)
{
	for (size_t s = 0; s < B; s++) {
		double *o = out + s * n_out;
		const double *x = inp + s * n_in;
		for (size_t j = 0; j < n_out; j++)
			o[j] = b[j];
		/* i-k-j order: the inner loop walks one row of W and the output
		 * row, both contiguous, and the compiler can vectorise it. */
		for (size_t i = 0; i < n_in; i++) {
			const double xi = x[i];
			const double *w = W + i * n_out;
			for (size_t j = 0; j < n_out; j++)
				o[j] += xi * w[j];
		}
	}
}
/* end snippet: mlp_dense_forward */

/* snippet: mlp_dense_backward */
void mlp_dense_backward(double *dinp, double *dW, double *db, const double *dout,
			const double *inp, const double *W, size_t B, size_t n_in,
			size_t n_out)
{
	for (size_t s = 0; s < B; s++) {
		const double *d = dout + s * n_out;
		const double *x = inp + s * n_in;
		for (size_t j = 0; j < n_out; j++)
			db[j] += d[j];
		for (size_t i = 0; i < n_in; i++) {
			const double xi = x[i];
			double *dw = dW + i * n_out;
			for (size_t j = 0; j < n_out; j++)
				dw[j] += xi * d[j];
		}
		if (dinp) {
			double *dx = dinp + s * n_in;
			for (size_t i = 0; i < n_in; i++) {
				const double *w = W + i * n_out;
				double sum = 0.0;
				for (size_t j = 0; j < n_out; j++)
					sum += d[j] * w[j];
				dx[i] += sum;
			}
		}
	}
}
/* end snippet: mlp_dense_backward */

/* snippet: mlp_act_forward */
void mlp_act_forward(double *out, const double *inp, const struct mlp_act *act, size_t n)
{
	for (size_t k = 0; k < n; k++)
		out[k] = act->f(inp[k], act->param);
}
/* end snippet: mlp_act_forward */

/* snippet: mlp_act_backward */
void mlp_act_backward(double *dinp, const double *inp, const double *dout,
		      const struct mlp_act *act, size_t n)
{
	for (size_t k = 0; k < n; k++)
		dinp[k] += act->grad(inp[k], act->param) * dout[k];
}
/* end snippet: mlp_act_backward */

/* snippet: mlp_xent_forward */
double mlp_xent_forward(const double *logits, const int *labels, size_t B, size_t n_classes)
{
	double sum = 0.0;
	for (size_t s = 0; s < B; s++)
		sum += loss_cross_entropy(logits + s * n_classes, n_classes, (size_t)labels[s]);
	return B ? sum / (double)B : 0.0;
}
/* end snippet: mlp_xent_forward */

/* snippet: mlp_xent_backward */
void mlp_xent_backward(double *dlogits, const double *logits, const int *labels, size_t B,
		       size_t n_classes)
{
	for (size_t s = 0; s < B; s++) {
		double *d = dlogits + s * n_classes;
		loss_cross_entropy_grad(logits + s * n_classes, n_classes, (size_t)labels[s], d);
		/* The loss is the batch's mean, so each sample carries 1/B. */
		for (size_t c = 0; c < n_classes; c++)
			d[c] /= (double)B;
	}
}
/* end snippet: mlp_xent_backward */

/* snippet: mlp_forward */
void mlp_forward(struct mlp *net, const double *X, size_t B)
{
	const double *inp = X;
	for (size_t l = 0; l < net->n_layers; l++) {
		size_t n_in = net->size[l], n_out = net->size[l + 1];
		mlp_dense_forward(net->z[l], inp, net->W[l], net->b[l], B, n_in, n_out);
		if (l + 1 < net->n_layers) {
			mlp_act_forward(net->a[l], net->z[l], &net->act, B * n_out);
			inp = net->a[l];
		}
	}
}
/* end snippet: mlp_forward */

/* snippet: mlp_backward */
void mlp_backward(struct mlp *net, const double *X, const int *labels, size_t B)
{
	size_t last = net->n_layers - 1;
	mlp_xent_backward(net->dz[last], net->z[last], labels, B, net->size[last + 1]);
	for (size_t l = last + 1; l-- > 0;) {
		size_t n_in = net->size[l], n_out = net->size[l + 1];
		const double *inp = l > 0 ? net->a[l - 1] : X;
		/* Every gradient buffer starts at zero (mlp_zero_grad), so each
		 * backward only adds into it. */
		mlp_dense_backward(l > 0 ? net->da[l - 1] : NULL, net->dW[l], net->db[l],
				   net->dz[l], inp, net->W[l], B, n_in, n_out);
		if (l > 0)
			/* The derivative at the activation's input z, not its output a. */
			mlp_act_backward(net->dz[l - 1], net->z[l - 1], net->da[l - 1], &net->act,
					 B * n_in);
	}
}
/* end snippet: mlp_backward */

/* snippet: mlp_sgd_step */
void mlp_sgd_step(struct mlp *net, const struct mlp_sgd *opt)
{
	for (size_t l = 0; l < net->n_layers; l++) {
		size_t nw = net->size[l] * net->size[l + 1], nb = net->size[l + 1];
		double *W = net->W[l], *vW = net->vW[l], *b = net->b[l], *vb = net->vb[l];
		const double *dW = net->dW[l], *db = net->db[l];
		for (size_t k = 0; k < nw; k++) {
			vW[k] = opt->momentum * vW[k] - opt->lr * dW[k];
			W[k] += vW[k];
		}
		for (size_t k = 0; k < nb; k++) {
			vb[k] = opt->momentum * vb[k] - opt->lr * db[k];
			b[k] += vb[k];
		}
	}
}
/* end snippet: mlp_sgd_step */

/* snippet: mlp_train_step */
double mlp_train_step(struct mlp *net, const double *X, const int *labels, size_t B,
		      const struct mlp_sgd *opt)
{
	mlp_zero_grad(net);
	mlp_forward(net, X, B);
	double loss = mlp_xent_forward(net->z[net->n_layers - 1], labels, B,
				       net->size[net->n_layers]);
	mlp_backward(net, X, labels, B);
	mlp_sgd_step(net, opt);
	return loss;
}
/* end snippet: mlp_train_step */
