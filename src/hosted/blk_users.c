/* SPDX-License-Identifier: MIT */
#include <ctype.h>
#include <stdarg.h>
#include <stdbool.h>
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <vdisc/error.h>

#include "blk_users.h"
#include "sysfs_attr.h"

/*
 * A function's block devices are found from sysfs (DEVICE/<bus device>/block/<disk>,
 * partitions as the disk's subdirectories that have a "partition" file); each is
 * known by name and by "major:minor", the way mountinfo and /dev show it.
 */

#define MAX_DEVS_ 64

struct blk_dev_ {
	char name[32];
	char majmin[24];
};

struct blk_devs_ {
	struct blk_dev_ dev[MAX_DEVS_];
	unsigned n;
	const char *sys_root;
};

/* A path from pieces; false when it does not fit (such a path names nothing of ours). */
static bool users_path(char *out, size_t len, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static bool users_path(char *out, size_t len, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(out, len, fmt, ap);
	va_end(ap);
	return n >= 0 && (size_t)n < len;
}

static void users_add(struct blk_devs_ *d, const char *dir, const char *name)
{
	struct blk_dev_ *e;

	if (d->n == MAX_DEVS_)
		return;
	e = &d->dev[d->n];
	snprintf(e->name, sizeof(e->name), "%s", name);
	if (vdisc_sysfs_read_attr(dir, name, "dev", e->majmin, sizeof(e->majmin)) < 0)
		return;
	e->majmin[strcspn(e->majmin, "\n")] = '\0';
	d->n++;
}

/* A disk and its partitions. */
static void users_disk(struct blk_devs_ *d, const char *block_dir, const char *disk)
{
	char dir[PATH_MAX], part[PATH_MAX];
	struct dirent *e;
	DIR *dp;

	users_add(d, block_dir, disk);
	if (!users_path(dir, sizeof(dir), "%s/%s", block_dir, disk))
		return;
	dp = opendir(dir);
	if (!dp)
		return;
	while ((e = readdir(dp))) {
		if (e->d_name[0] != '.' &&
		    users_path(part, sizeof(part), "%s/%s/partition", dir, e->d_name) &&
		    access(part, F_OK) == 0)
			users_add(d, dir, e->d_name);
	}
	closedir(dp);
}

/* DEVICE/<child>/block/<disk>: a virtio-blk disk sits under the virtio device. */
static void users_find(struct blk_devs_ *d, const char *slot)
{
	char dev[PATH_MAX], block[PATH_MAX];
	struct dirent *c, *k;
	DIR *dp, *bp;

	snprintf(dev, sizeof(dev), "%s/bus/pci/devices/%s", d->sys_root, slot);
	dp = opendir(dev);
	if (!dp)
		return;
	while ((c = readdir(dp))) {
		if (c->d_name[0] == '.')
			continue;
		if (!users_path(block, sizeof(block), "%s/%s/block", dev, c->d_name))
			continue;
		bp = opendir(block);
		if (!bp)
			continue;
		while ((k = readdir(bp)))
			if (k->d_name[0] != '.')
				users_disk(d, block, k->d_name);
		closedir(bp);
	}
	closedir(dp);
}

/* Mounted: mountinfo's third field is the filesystem's "major:minor". */
static int users_mounted(const struct blk_devs_ *d, const char *proc_root, char *why, size_t len)
{
	char path[PATH_MAX], line[4096], majmin[32], point[PATH_MAX];
	unsigned i;
	FILE *f;

	snprintf(path, sizeof(path), "%s/self/mountinfo", proc_root);
	f = fopen(path, "re");
	if (!f) {
		snprintf(why, len, "%s: %s", path, strerror(errno));
		return -VDISC_EPERM;
	}
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%*s %*s %31s %*s %4095s", majmin, point) != 2)
			continue;
		for (i = 0; i < d->n; i++)
			if (strcmp(majmin, d->dev[i].majmin) == 0) {
				snprintf(why, len, "%s is mounted on %s", d->dev[i].name, point);
				fclose(f);
				return 1;
			}
	}
	fclose(f);
	return 0;
}

/* Swap: /proc/swaps names the device by path. */
static int users_swap(const struct blk_devs_ *d, const char *proc_root, char *why, size_t len)
{
	char path[PATH_MAX], line[4096], name[PATH_MAX];
	unsigned i;
	FILE *f;

	snprintf(path, sizeof(path), "%s/swaps", proc_root);
	f = fopen(path, "re");
	if (!f)
		return 0; /* no swap support: nothing is swap */
	while (fgets(line, sizeof(line), f)) {
		const char *base;

		if (sscanf(line, "%4095s", name) != 1)
			continue;
		base = strrchr(name, '/') ? strrchr(name, '/') + 1 : name;
		for (i = 0; i < d->n; i++)
			if (strcmp(base, d->dev[i].name) == 0) {
				snprintf(why, len, "%s is swap", d->dev[i].name);
				fclose(f);
				return 1;
			}
	}
	fclose(f);
	return 0;
}

/* Held: device-mapper, md and the like list themselves in the device's holders/. */
static int users_held(const struct blk_devs_ *d, char *why, size_t len)
{
	char dir[PATH_MAX];
	struct dirent *e;
	unsigned i;
	DIR *dp;

	for (i = 0; i < d->n; i++) {
		snprintf(dir, sizeof(dir), "%s/class/block/%s/holders", d->sys_root,
			 d->dev[i].name);
		dp = opendir(dir);
		if (!dp)
			continue;
		while ((e = readdir(dp)))
			if (e->d_name[0] != '.') {
				snprintf(why, len, "%s is held by %s", d->dev[i].name, e->d_name);
				closedir(dp);
				return 1;
			}
		closedir(dp);
	}
	return 0;
}

/* Whether /proc/PID/fd/FD names /dev/<one of ours>: the index of the device, or -1. */
static int users_fd_dev(const struct blk_devs_ *d, const char *link)
{
	char target[PATH_MAX];
	ssize_t n = readlink(link, target, sizeof(target) - 1);
	unsigned i;

	if (n <= 5)
		return -1;
	target[n] = '\0';
	if (strncmp(target, "/dev/", 5) != 0)
		return -1;
	for (i = 0; i < d->n; i++)
		if (strcmp(target + 5, d->dev[i].name) == 0)
			return (int)i;
	return -1;
}

/* Open in a process (ours excepted): any /proc/PID/fd link to one of the devices. */
static int users_open_in(const struct blk_devs_ *d, const char *proc_root, char *why, size_t len)
{
	char dir[PATH_MAX], link[PATH_MAX], comm[64];
	struct dirent *p, *f;
	DIR *pp, *fp;
	int hit = -1;

	pp = opendir(proc_root);
	if (!pp)
		return 0;
	while (hit < 0 && (p = readdir(pp))) {
		if (!isdigit((unsigned char)p->d_name[0]) || atol(p->d_name) == (long)getpid())
			continue;
		snprintf(dir, sizeof(dir), "%s/%s/fd", proc_root, p->d_name);
		fp = opendir(dir);
		if (!fp)
			continue;
		while (hit < 0 && (f = readdir(fp))) {
			hit = f->d_name[0] != '.' && users_path(link, sizeof(link), "%s/%s", dir,
								f->d_name)
				      ? users_fd_dev(d, link)
				      : -1;
		}
		closedir(fp);
		if (hit >= 0) {
			comm[0] = '\0';
			snprintf(dir, sizeof(dir), "%s", proc_root);
			vdisc_sysfs_read_attr(dir, p->d_name, "comm", comm, sizeof(comm));
			comm[strcspn(comm, "\n")] = '\0';
			snprintf(why, len, "%s is open in process %s (%s)", d->dev[hit].name,
				 p->d_name, comm);
		}
	}
	closedir(pp);
	return hit >= 0;
}

int vdisc_pci_blk_users(const char *sys_root, const char *proc_root, const char *slot, char *why,
			size_t len)
{
	struct blk_devs_ *d = calloc(1, sizeof(*d));
	int r;

	if (!d)
		return -VDISC_ENOMEM;
	d->sys_root = sys_root;
	users_find(d, slot);
	r = d->n ? users_mounted(d, proc_root, why, len) : 0;
	if (r == 0 && d->n)
		r = users_swap(d, proc_root, why, len);
	if (r == 0 && d->n)
		r = users_held(d, why, len);
	if (r == 0 && d->n)
		r = users_open_in(d, proc_root, why, len);
	free(d);
	return r;
}
