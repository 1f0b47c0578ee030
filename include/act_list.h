/* act_list.h: the one list of the course's activations, in chapter order.
 *
 * Everything that needs "all the activations" (the enum, the name table, the
 * dispatch in registry.c, and through it `activate` and `classify`) is
 * generated from these lists, so adding an activation is one line here and
 * the compiler catches every place that was not updated.
 *
 *   UNARY(name, chapter, init)                   act_name(x), act_name_grad(x)
 *   PARAM(name, chapter, init, param, default)   act_name(x, p), act_name_grad(x, p)
 *   VECTOR(name, chapter)                        act_name(z, out, n)
 *
 * init is the weight initialisation that suits the activation in a network
 * (chapter 11, "Initial weights"; chapter 13 derives it): HE for the ReLU
 * family and its smooth cousins, whose units are off for about half of their
 * inputs, GLOROT for the functions symmetric about 0, LECUN for SELU, whose
 * constants assume it (see enum mlp_init in network.h).
 */
#ifndef ACT_LIST_H
#define ACT_LIST_H

#define ACT_SCALARS(UNARY, PARAM)                           \
	PARAM(linear, "02-linear", GLOROT, "a", 1.0)                \
	UNARY(step, "03-step", GLOROT)                              \
	UNARY(sigmoid, "04-sigmoid", GLOROT)                        \
	UNARY(tanh, "05-tanh", GLOROT)                              \
	UNARY(relu, "07-relu", HE)                                  \
	PARAM(leaky_relu, "08-relu-family", HE, "alpha", 0.01)      \
	PARAM(prelu, "08-relu-family", HE, "alpha", 0.25)           \
	PARAM(elu, "08-relu-family", HE, "alpha", 1.0)             \
	UNARY(softplus, "12-beyond-relu", HE)                       \
	UNARY(silu, "12-beyond-relu", HE)                           \
	UNARY(gelu, "12-beyond-relu", HE)                           \
	UNARY(gelu_tanh, "12-beyond-relu", HE)                      \
	UNARY(mish, "12-beyond-relu", HE)                           \
	UNARY(selu, "12-beyond-relu", LECUN)                        \
	UNARY(hardsigmoid, "12-beyond-relu", GLOROT)                \
	UNARY(hardswish, "12-beyond-relu", HE)

#define ACT_VECTORS(VECTOR)                                 \
	VECTOR(softmax, "09-softmax")                       \
	VECTOR(log_softmax, "09-softmax")

#endif
