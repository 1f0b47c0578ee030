/* outfile.h: a file that is replaced whole or not at all.  classify writes
 * its model, plot and grid into a temporary file beside the target, flushes
 * it to the disk and only then renames it over the target; on any failure
 * (a full disk, a file-size limit) the temporary file is removed and the
 * old file is left exactly as it was. */
#ifndef OUTFILE_H
#define OUTFILE_H

#include <stddef.h>
#include <stdio.h>

struct outfile {
	FILE *f;          /* write into this */
	const char *path; /* as the user named it, for messages */
	char *target;     /* what the rename replaces (a symbolic link's target) */
	char *tmp;        /* the temporary file; NULL when writing straight into
			   * a device or FIFO, which cannot be replaced */
	int existed;      /* whether there was a file to leave intact */
};

/* Starts writing path.  Returns 0, or -1 with a message in err naming path
 * (a directory, a directory that cannot be written, ...). */
int outfile_open(struct outfile *o, const char *path, char *err, size_t err_size);

/* Finishes: flushes, syncs, closes and renames over the target.  Returns 0,
 * or -1 with a message in err saying why and that the old file is intact;
 * either way the temporary file is gone. */
int outfile_close(struct outfile *o, char *err, size_t err_size);

/* Gives up: closes and removes the temporary file; the target is untouched. */
void outfile_discard(struct outfile *o);

#endif
