/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

void cli_error(const char *fmt, ...)
{
	va_list ap;

	fputs("vdisc: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

/*
 * Why a named input could not be had, as the exit-code contract classes it:
 * refused to this user is "not permitted" (as for the same file of another
 * user), too large to be one is the content's fault, a full memory or file
 * table is a failure of the run; everything else (not there, a directory,
 * not a socket, nobody listening, an I/O error) is an input that cannot be read.
 */
int cli_exit_for_errno(int err)
{
	switch (err) {
	case EACCES:
	case EPERM:
		return VDISC_EXIT_UNAVAILABLE;
	case EFBIG:
		return VDISC_EXIT_MALFORMED;
	case ENOMEM:
	case EMFILE:
	case ENFILE:
		return VDISC_EXIT_FAILED;
	default:
		return VDISC_EXIT_UNREADABLE;
	}
}

/* Open @path for reading and say what it is; a directory is refused.  returns: 0 or errno. */
static int cli_open_file(const char *path, int *fd, struct stat *st)
{
	*fd = open(path, O_RDONLY | O_CLOEXEC);
	if (*fd < 0)
		return errno;
	if (fstat(*fd, st) != 0)
		st->st_mode = 0;
	if (S_ISDIR(st->st_mode)) {
		close(*fd);
		return EISDIR;
	}
	return 0;
}

/*
 * Read an opened file to EOF and close it.  sysfs files report a size of
 * 4096 or 0 whatever they hold, so EOF decides, not st_size.
 */
static int cli_read_fd(int fd, const struct stat *st, size_t limit, unsigned char **data,
		       size_t *size)
{
	size_t cap = 65536, len = 0;
	unsigned char *buf, *grown;
	ssize_t n;
	int err = 0;

	/* A regular file's size is a good first guess (one read, no copies); sysfs's is not. */
	if (S_ISREG(st->st_mode) && st->st_size > 0 && (size_t)st->st_size < limit)
		cap = (size_t)st->st_size + 1;
	buf = malloc(cap);
	while (buf) {
		if (len == cap) {
			if (cap >= limit) {
				err = EFBIG;
				break;
			}
			cap *= 2;
			grown = realloc(buf, cap);
			if (!grown) {
				err = ENOMEM;
				break;
			}
			buf = grown;
		}
		n = read(fd, buf + len, cap - len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			err = errno;
			break;
		}
		if (n == 0)
			break;
		len += (size_t)n;
	}
	if (!buf)
		err = ENOMEM;
	close(fd);
	if (err) {
		free(buf);
		return err;
	}
	*data = buf;
	*size = len;
	return 0;
}

/*
 * Read a whole file.
 * returns: 0, or an errno value (EFBIG past @limit, EISDIR for a directory).
 */
int cli_read_file(const char *path, size_t limit, unsigned char **data, size_t *size)
{
	struct stat st;
	int fd, err = cli_open_file(path, &fd, &st);

	return err ? err : cli_read_fd(fd, &st, limit, data, size);
}

/*
 * A regular file is mapped instead of read: a large device tree is then
 * neither copied nor faulted in page by page into a second buffer (on a
 * 9 MB tree the copy was a sixth of a whole listing).  Anything else
 * (a pipe, an empty file, a sysfs file that cannot be mapped) is read.  A
 * file another process truncates while it is mapped ends the run with
 * SIGBUS: that race is accepted for the speed.
 */
int cli_file_load(const char *path, size_t limit, struct cli_file *file)
{
	struct stat st;
	void *map;
	int fd, err;

	*file = (struct cli_file){0};
	err = cli_open_file(path, &fd, &st);
	if (err)
		return err;
	if (S_ISREG(st.st_mode) && st.st_size > 0) {
		if ((uint64_t)st.st_size > limit) {
			close(fd);
			return EFBIG; /* refused by its size, before a byte is read */
		}
		map = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
		/* sysfs's /sys/firmware/fdt is a regular file that cannot be mapped: read it. */
		if (map != MAP_FAILED) {
			close(fd);
			file->data = map;
			file->size = file->mapped = (size_t)st.st_size;
			return 0;
		}
	}
	return cli_read_fd(fd, &st, limit, &file->data, &file->size);
}

void cli_file_release(struct cli_file *file)
{
	if (file->mapped)
		munmap(file->data, file->mapped);
	else
		free(file->data);
	*file = (struct cli_file){0};
}

/*
 * Memory for a large arena, zeroed, in huge pages where the kernel gives
 * them (transparent huge pages on request): a 100,000-node tree's index
 * takes some 7 MB, and faulting that in 4 KiB at a time was a tenth of a
 * listing.  Pages of the bound that are never touched cost nothing.  The
 * start is aligned to a huge page, so that memory touched from the start
 * costs whole huge pages and no more.
 */
#define CLI_HUGE_PAGE ((size_t)2 << 20)

static size_t cli_huge_round(size_t size)
{
	return (size + CLI_HUGE_PAGE - 1) & ~(CLI_HUGE_PAGE - 1);
}

void *cli_arena_alloc(size_t size)
{
	size_t len = cli_huge_round(size), head;
	unsigned char *p;

	if (len < size || len + CLI_HUGE_PAGE < len)
		return NULL;
	p = mmap(NULL, len + CLI_HUGE_PAGE, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (p == MAP_FAILED)
		return NULL;
	head = (CLI_HUGE_PAGE - ((uintptr_t)p & (CLI_HUGE_PAGE - 1))) & (CLI_HUGE_PAGE - 1);
	if (head)
		munmap(p, head);
	munmap(p + head + len, CLI_HUGE_PAGE - head);
	p += head;
	madvise(p, len, MADV_HUGEPAGE); /* a hint: without it, ordinary pages */
	return p;
}

void cli_arena_free(void *p, size_t size)
{
	if (p)
		munmap(p, cli_huge_round(size));
}

/* "4 KiB", "1 GiB", "1.5 MiB", "100 bytes": exact powers first, one decimal otherwise. */
void cli_format_size(char *buf, size_t len, uint64_t size)
{
	static const char *const units[] = {"bytes", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
	unsigned u = 0;
	uint64_t whole = size, rem = 0, div = 1;

	while (whole >= 1024 && u + 1 < sizeof(units) / sizeof(units[0])) {
		div *= 1024;
		whole = size / div;
		rem = size % div;
		u++;
	}
	if (rem == 0)
		snprintf(buf, len, "%" PRIu64 " %s", whole, units[u]);
	else
		snprintf(buf, len, "%.1f %s", (double)size / (double)div, units[u]);
}

int cli_term_columns(FILE *out)
{
	struct winsize ws;
	const char *env = getenv("COLUMNS");
	char *end;
	long n;

	if (isatty(fileno(out)) && ioctl(fileno(out), TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	if (env && *env) {
		n = strtol(env, &end, 10);
		if (*end == '\0' && n > 0 && n <= 100000)
			return (int)n;
	}
	return 120;
}
