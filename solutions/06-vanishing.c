/* Chapter 06-vanishing: placeholder until the chapter is written. */
#include "activations.h"

/* (no functions yet) */
typedef int placeholder_;
