/* registry.c: name tables and dispatch, all generated from act_list.h, so
 * an activation cannot be left out of one of them: every row of act_info is
 * written by the same macro, and the vector switch has no default case (a
 * missing one is a -Wswitch warning, not a silent fallback). */
#include <math.h>
#include <string.h>

#include "activations.h"
#include "registry.h"

/* The unary activations and their derivatives, called through the same
 * two-argument pointer as those with a parameter. */
#define WRAP_UNARY(name, chapter, init)                                             \
	static double call_##name(double x, double p) { (void)p; return act_##name(x); } \
	static double call_##name##_grad(double x, double p) { (void)p; return act_##name##_grad(x); }
#define WRAP_PARAM(name, chapter, init, param, def)
ACT_SCALARS(WRAP_UNARY, WRAP_PARAM)

#define INFO_UNARY(name, chapter, init) \
	[ACT_##name] = {#name, chapter, NULL, 0.0, call_##name, call_##name##_grad, MLP_INIT_##init},
#define INFO_PARAM(name, chapter, init, param, def) \
	[ACT_##name] = {#name, chapter, param, def, act_##name, act_##name##_grad, MLP_INIT_##init},
const struct act_info act_info[ACT_COUNT] = {ACT_SCALARS(INFO_UNARY, INFO_PARAM)};

#define INFO_VECTOR(name, chapter) [ACTV_##name] = {#name, chapter},
const struct actv_info actv_info[ACTV_COUNT] = {ACT_VECTORS(INFO_VECTOR)};

_Static_assert(sizeof act_info / sizeof act_info[0] == ACT_COUNT,
	       "act_info must have one row per activation");
_Static_assert(sizeof actv_info / sizeof actv_info[0] == ACTV_COUNT,
	       "actv_info must have one row per vector activation");

bool act_lookup(const char *name, enum act_id *id)
{
	for (int i = 0; i < ACT_COUNT; i++) {
		if (strcmp(act_info[i].name, name) == 0) {
			*id = (enum act_id)i;
			return true;
		}
	}
	return false;
}

bool actv_lookup(const char *name, enum actv_id *id)
{
	for (int i = 0; i < ACTV_COUNT; i++) {
		if (strcmp(actv_info[i].name, name) == 0) {
			*id = (enum actv_id)i;
			return true;
		}
	}
	return false;
}

double act_eval(enum act_id id, double x, double p)
{
	return act_info[id].f(x, p);
}

double act_eval_grad(enum act_id id, double x, double p)
{
	return act_info[id].grad(x, p);
}

struct mlp_act act_layer(enum act_id id, double p)
{
	const struct act_info *a = &act_info[id];
	return (struct mlp_act){a->name, a->f, a->grad, p, a->init};
}

void actv_eval(enum actv_id id, const double *z, double *out, size_t n)
{
#define CALL_VECTOR(name, chapter) case ACTV_##name: act_##name(z, out, n); return;
	switch (id) {
		ACT_VECTORS(CALL_VECTOR)
	case ACTV_COUNT:
		break;
	}
#undef CALL_VECTOR
}
