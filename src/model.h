/* model.h: saving and loading a trained network (classify --save/--load).
 *
 * The file format, version 1.  Integers are unsigned 32-bit little-endian;
 * reals are IEEE 754 binary64, little-endian.
 *
 *   offset  size        field
 *   0       8           magic: the bytes "ACTMLP" 0x1a 0x0a (the 0x1a and
 *                       0x0a catch a file mangled as text)
 *   8       4           version: 1
 *   12      4           L, the number of dense layers (1 .. MLP_MAX_LAYERS)
 *   16      4 (L + 1)   the layer sizes, inputs first, classes last
 *   ...     16          the hidden activation's name, NUL-padded ("tanh")
 *   ...     8           the activation's parameter
 *   ...     8 P         the parameters, layer by layer: W (input-major, as in
 *                       network.h), then b; P = sum of (size[l] + 1) size[l+1]
 *   end     4           CRC-32 (zlib's crc32, the gzip polynomial) of every
 *                       byte before it
 *
 * A file with the wrong magic, another version, a shape beyond the caps of
 * caps.h, a length that does not fit its shape, a checksum that does not
 * match, an unknown activation or a non-finite value (the activation's
 * parameter included) is refused with a message saying which.  The header
 * is read first: nothing is allocated before the file's length agrees with
 * it, so a damaged header or /dev/zero costs nothing.
 */
#ifndef MODEL_H
#define MODEL_H

#include <stddef.h>

#include "network.h"

#define MODEL_VERSION 1

/* Writes net to path, atomically (outfile.h): path is replaced by the whole
 * model or left as it was.  A network with a value that is not finite (it
 * diverged) is not written.  Returns 0, or -1 with a message in err. */
int model_save(const struct mlp *net, const char *path, char *err, size_t err_size);

/* Reads a network from path, allocated for batches of max_batch; returns it,
 * or NULL with a message in err naming the file and what is wrong. */
struct mlp *model_load(const char *path, size_t max_batch, char *err, size_t err_size);

#endif
