/* registry.c: name tables and dispatch, all generated from act_list.h.
 * The switches have no default case on purpose: a missing activation is a
 * compiler warning (-Wswitch), not a silent fallback. */
#include <math.h>
#include <string.h>

#include "activations.h"
#include "registry.h"

#define INFO_UNARY(name, chapter) [ACT_##name] = {#name, chapter, NULL, 0.0},
#define INFO_PARAM(name, chapter, param, def) [ACT_##name] = {#name, chapter, param, def},
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
#define CALL_UNARY(name, chapter) case ACT_##name: (void)p; return act_##name(x);
#define CALL_PARAM(name, chapter, param, def) case ACT_##name: return act_##name(x, p);
	switch (id) {
		ACT_SCALARS(CALL_UNARY, CALL_PARAM)
	case ACT_COUNT:
		break;
	}
#undef CALL_UNARY
#undef CALL_PARAM
	return NAN; /* not reached for a valid id */
}

double act_eval_grad(enum act_id id, double x, double p)
{
#define CALL_UNARY(name, chapter) case ACT_##name: (void)p; return act_##name##_grad(x);
#define CALL_PARAM(name, chapter, param, def) case ACT_##name: return act_##name##_grad(x, p);
	switch (id) {
		ACT_SCALARS(CALL_UNARY, CALL_PARAM)
	case ACT_COUNT:
		break;
	}
#undef CALL_UNARY
#undef CALL_PARAM
	return NAN;
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
