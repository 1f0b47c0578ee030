/* Chapter 10-choosing: placeholder until the chapter is written. */
#include "activations.h"

/* (no functions yet) */
typedef int placeholder_;
