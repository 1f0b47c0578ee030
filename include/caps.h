/* caps.h: how large a run of classify may be.  One set of numbers serves
 * the options (--hidden, --batch, --points, ...) and the files classify
 * reads (model files, Fashion-MNIST), so a file can never ask for what an
 * option would refuse; and one cap on the memory of the whole run, which
 * classify --help states.  A typo such as --hidden 40000,40000 (3 x 12.8 GB)
 * or a damaged header claiming 4 billion images is then a clear message,
 * not a visit from the out-of-memory killer. */
#ifndef CAPS_H
#define CAPS_H

#include <stddef.h>

#include "network.h"

#define CAP_WIDTH 100000     /* units in one layer, the inputs and classes too */
#define CAP_LAYERS MLP_MAX_LAYERS
#define CAP_BATCH 100000     /* samples in a batch */
#define CAP_EPOCHS 1000000
#define CAP_POINTS 10000000  /* points of a playground set */
#define CAP_SAMPLES 10000000 /* samples of a data file (Fashion-MNIST has 70000) */
#define CAP_MEMORY_GB 4      /* the network, its copies per thread, batches and data */
#define CAP_MEMORY (CAP_MEMORY_GB * 1e9) /* bytes */

/* An upper bound on the bytes of a network of n_layers layers of the given
 * sizes for batches of max_batch, trained by `threads` threads (each thread
 * but the first has a copy for its slice of the batch; parallel.h).  In
 * double precision, so that no shape can overflow it. */
double caps_network_bytes(size_t n_layers, const size_t *sizes, size_t max_batch, int threads);

/* bytes as people write them, "12.8 GB", "96 kB" (powers of 1000), into buf. */
const char *caps_bytes_text(double bytes, char *buf, size_t size);

#endif
