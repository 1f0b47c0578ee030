/* outfile.c: see outfile.h. */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "errmsg.h"
#include "outfile.h"

static void clear(struct outfile *o)
{
	free(o->target);
	free(o->tmp);
	memset(o, 0, sizeof *o);
}

int outfile_open(struct outfile *o, const char *path, char *err, size_t err_size)
{
	struct stat st;
	memset(o, 0, sizeof *o);
	o->path = path;
	if (stat(path, &st) == 0) {
		if (S_ISDIR(st.st_mode))
			return errmsg(err, err_size, "%s: cannot write: %s", path, strerror(EISDIR));
		if (!S_ISREG(st.st_mode)) {
			/* A device or FIFO (/dev/null, a pipe): there is nothing
			 * to replace, and renaming over it would be wrong. */
			o->f = fopen(path, "w");
			if (!o->f)
				return errmsg(err, err_size, "%s: cannot write: %s", path, strerror(errno));
			errno = 0;
			return 0;
		}
		o->existed = 1;
	}
	/* Through a symbolic link, replace the file it points to, not the link. */
	o->target = realpath(path, NULL);
	if (!o->target)
		o->target = strdup(path);
	size_t len = strlen(o->target) + 40;
	o->tmp = malloc(len);
	if (!o->target || !o->tmp) {
		clear(o);
		return errmsg(err, err_size, "%s: out of memory", path);
	}
	/* Beside the target, so the rename stays within one file system; the
	 * name says whose it is if a crash leaves it behind.  O_EXCL with mode
	 * 0666 lets the umask decide the permissions, as fopen would. */
	int fd = -1;
	for (int k = 0; fd < 0 && k < 100; k++) {
		snprintf(o->tmp, len, "%s.tmp-%ld-%d", o->target, (long)getpid(), k);
		fd = open(o->tmp, O_WRONLY | O_CREAT | O_EXCL, 0666);
		if (fd < 0 && errno != EEXIST)
			break;
	}
	if (fd < 0) {
		int e = errno;
		clear(o);
		return errmsg(err, err_size, "%s: cannot write: %s", path, strerror(e));
	}
	/* A replaced file keeps its permissions. */
	if (o->existed)
		(void)fchmod(fd, st.st_mode & 07777);
	o->f = fdopen(fd, "w");
	if (!o->f) {
		int e = errno;
		close(fd);
		unlink(o->tmp);
		clear(o);
		return errmsg(err, err_size, "%s: cannot write: %s", path, strerror(e));
	}
	errno = 0;
	return 0;
}

/* Makes the rename itself durable; a file system that cannot sync a
 * directory has nothing to lose by it. */
static void sync_directory(const char *file)
{
	char *copy = strdup(file);
	if (!copy)
		return;
	int fd = open(dirname(copy), O_RDONLY | O_DIRECTORY);
	if (fd >= 0) {
		(void)fsync(fd);
		close(fd);
	}
	free(copy);
}

int outfile_close(struct outfile *o, char *err, size_t err_size)
{
	/* errno was cleared when the file was opened: a write that failed
	 * since left its reason there (a full disk, a file-size limit). */
	int e = 0;
	if (fflush(o->f) != 0 || ferror(o->f))
		e = errno ? errno : EIO;
	if (!e && o->tmp && fsync(fileno(o->f)) != 0)
		e = errno;
	if (fclose(o->f) != 0 && !e)
		e = errno;
	if (!e && o->tmp && rename(o->tmp, o->target) != 0)
		e = errno;
	if (e && o->tmp)
		unlink(o->tmp);
	if (!e && o->tmp)
		sync_directory(o->target);
	const char *path = o->path;
	int existed = o->existed, replaced = o->tmp != NULL;
	clear(o);
	if (!e)
		return 0;
	return errmsg(err, err_size, "%s: cannot write: %s%s", path, strerror(e),
		      !replaced ? "" : existed ? "; the file is left as it was" : "; no file was made");
}

void outfile_discard(struct outfile *o)
{
	if (o->f)
		fclose(o->f);
	if (o->tmp)
		unlink(o->tmp);
	clear(o);
}
