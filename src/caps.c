/* caps.c: see caps.h. */
#include <stdio.h>

#include "caps.h"

/* What mlp_create allocates (mlp.h): per layer W, dW, vW and b, db, vb, and
 * z, a, dz, da for max_batch samples.  A thread's copy is counted whole,
 * though team_init frees its W, b, vW and vb again: an upper bound. */
double caps_network_bytes(size_t n_layers, const size_t *sizes, size_t max_batch, int threads)
{
	double one = 0, slice = 0;
	size_t per_thread = threads > 1 ? (max_batch + (size_t)threads - 1) / (size_t)threads : 0;
	for (size_t l = 0; l < n_layers; l++) {
		double in = (double)sizes[l], out = (double)sizes[l + 1];
		double params = 3 * (in * out + out);
		one += params + 4 * (double)max_batch * out;
		slice += params + 4 * (double)per_thread * out;
	}
	return 8 * (one + (threads > 1 ? (double)(threads - 1) * slice : 0));
}

const char *caps_bytes_text(double bytes, char *buf, size_t size)
{
	static const char *const unit[] = {"bytes", "kB", "MB", "GB", "TB", "PB", "EB"};
	int u = 0;
	while (bytes >= 999.95 && u < 6)
		bytes /= 1000, u++;
	snprintf(buf, size, u ? "%.1f %s" : "%.0f %s", bytes, unit[u]);
	return buf;
}
