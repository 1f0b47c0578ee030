/* registry.h: the course's activations by name, for tools that choose one at
 * run time (`activate`, `classify`).  Generated from act_list.h.  It calls
 * your activations, so it sits on top of your code, never beneath it. */
#ifndef REGISTRY_H
#define REGISTRY_H

#include <stdbool.h>
#include <stddef.h>

#include "act_list.h"
#include "network.h"

#define ACT_ENUM_UNARY(name, chapter, init) ACT_##name,
#define ACT_ENUM_PARAM(name, chapter, init, param, def) ACT_##name,
enum act_id { ACT_SCALARS(ACT_ENUM_UNARY, ACT_ENUM_PARAM) ACT_COUNT };
#undef ACT_ENUM_UNARY
#undef ACT_ENUM_PARAM

#define ACT_ENUM_VECTOR(name, chapter) ACTV_##name,
enum actv_id { ACT_VECTORS(ACT_ENUM_VECTOR) ACTV_COUNT };
#undef ACT_ENUM_VECTOR

/* What a tool needs to know about one scalar activation. */
struct act_info {
	const char *name;     /* as typed on the command line: "leaky_relu" */
	const char *chapter;  /* "08-relu-family" */
	const char *param;    /* the parameter's name, or NULL if it has none */
	double param_default; /* used when the caller gives no parameter */
	double (*f)(double x, double p);    /* the function; p ignored without a parameter */
	double (*grad)(double x, double p); /* its derivative, at the input x */
	enum mlp_init init;   /* the initial weights that suit it in a network */
};

/* The same for one vector activation. */
struct actv_info {
	const char *name;
	const char *chapter;
};

extern const struct act_info act_info[ACT_COUNT];
extern const struct actv_info actv_info[ACTV_COUNT];

/* The scalar activation called name; false if there is none. */
bool act_lookup(const char *name, enum act_id *id);
/* The vector activation called name; false if there is none. */
bool actv_lookup(const char *name, enum actv_id *id);

/* f(x) and f'(x) of activation id; p is ignored by those without a parameter. */
double act_eval(enum act_id id, double x, double p);
double act_eval_grad(enum act_id id, double x, double p);

/* Activation id with parameter p as a network's hidden layer. */
struct mlp_act act_layer(enum act_id id, double p);

/* Applies vector activation id to z[0..n), writing out (which may be z). */
void actv_eval(enum actv_id id, const double *z, double *out, size_t n);

#endif
