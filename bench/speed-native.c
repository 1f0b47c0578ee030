/* speed-native.c: chapter 14's array loops again, compiled with
 * -march=native by bench/local.mk, for the widest vectors this processor
 * has.  The include path names the configured implementation's directory. */
#include "14-speed.c"
