/* SPDX-License-Identifier: MIT */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <vdisc/error.h>

#include "errors.h"
#include "pci_sysfs.h"
#include "sysfs_attr.h"

struct sysfs_fn_ {
	struct vdisc_pci_addr addr;
	char name[16]; /* "0000:00:02.0" */
	int fd;	       /* config, opened on first read; -1 before, -2 when it cannot be */
	uint16_t size; /* readable bytes: 64, 256 or 4096 */
};

struct vdisc_pci_sysfs {
	char root[PATH_MAX];
	struct sysfs_fn_ *fns;
	size_t count;
	uint16_t min_readable;
};

static int sysfs_addr_cmp_(const void *a, const void *b)
{
	uint32_t ka = vdisc_pci_addr_key(((const struct sysfs_fn_ *)a)->addr);
	uint32_t kb = vdisc_pci_addr_key(((const struct sysfs_fn_ *)b)->addr);

	return ka < kb ? -1 : ka > kb;
}

static struct sysfs_fn_ *sysfs_find_(struct vdisc_pci_sysfs *s, struct vdisc_pci_addr addr)
{
	struct sysfs_fn_ key = {.addr = addr};

	return bsearch(&key, s->fns, s->count, sizeof(*s->fns), sysfs_addr_cmp_);
}

/* Linux gives non-root readers only the first 64 bytes: learn how many we really get. */
static uint16_t sysfs_readable_(int fd)
{
	static const uint16_t sizes[] = {VDISC_PCIE_CONFIG_SIZE, VDISC_PCI_CONFIG_SIZE,
					 VDISC_PCI_STD_HEADER_SIZE};
	unsigned char b;
	size_t i;

	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++)
		if (pread(fd, &b, 1, sizes[i] - 1) == 1)
			return sizes[i];
	return 0;
}

static int sysfs_open_config_(struct vdisc_pci_sysfs *s, struct sysfs_fn_ *f)
{
	char path[PATH_MAX + 32];

	if (f->fd != -1)
		return f->fd;
	snprintf(path, sizeof(path), "%s/%s/config", s->root, f->name);
	f->fd = open(path, O_RDONLY | O_CLOEXEC);
	if (f->fd < 0) {
		f->fd = -2;
		return -2;
	}
	f->size = sysfs_readable_(f->fd);
	return f->fd;
}

static int sysfs_read_(void *ctx, struct vdisc_pci_addr addr, uint16_t off, unsigned width,
		       uint32_t *value)
{
	struct vdisc_pci_sysfs *s = ctx;
	struct sysfs_fn_ *f = sysfs_find_(s, addr);
	unsigned char b[4];
	unsigned i;
	int fd;

	*value = 0xffffffff >> (32 - 8 * width);
	if (!f)
		return 0; /* not there: reads as ones, like an empty slot */
	fd = sysfs_open_config_(s, f);
	if (fd < 0)
		return -VDISC_EPERM;
	if (off + width > f->size)
		return 0;
	if (pread(fd, b, width, off) != (ssize_t)width)
		return -VDISC_EIO;
	*value = 0;
	for (i = 0; i < width; i++)
		*value |= (uint32_t)b[i] << (8 * i);
	return 0;
}

static uint16_t sysfs_config_size_(void *ctx, struct vdisc_pci_addr addr)
{
	struct vdisc_pci_sysfs *s = ctx;
	struct sysfs_fn_ *f = sysfs_find_(s, addr);

	if (!f || sysfs_open_config_(s, f) < 0 || f->size == 0)
		return 64;
	return f->size;
}

static int sysfs_list_(void *ctx, int (*visit)(void *arg, struct vdisc_pci_addr addr), void *arg)
{
	struct vdisc_pci_sysfs *s = ctx;
	size_t i;
	int err;

	for (i = 0; i < s->count; i++) {
		err = visit(arg, s->fns[i].addr);
		if (err)
			return err;
	}
	return 0;
}

int vdisc_pci_sysfs_open(const char *root, struct vdisc_pci_sysfs **out)
{
	struct vdisc_pci_sysfs *s = calloc(1, sizeof(*s));
	struct dirent *de;
	size_t cap = 0;
	DIR *dir;

	if (!s)
		return vdisc_hosted_errno_(ENOMEM);
	snprintf(s->root, sizeof(s->root), "%s", root);
	dir = opendir(root);
	if (!dir) {
		int err = errno;

		free(s);
		return vdisc_hosted_errno_(err);
	}
	while ((de = readdir(dir)) != NULL) {
		struct sysfs_fn_ f = {.fd = -1};

		if (!vdisc_sysfs_pci_slot(de->d_name, &f.addr))
			continue;
		if (s->count == cap) {
			struct sysfs_fn_ *grown =
				realloc(s->fns, (cap = cap ? 2 * cap : 64) * sizeof(f));

			if (!grown) {
				closedir(dir);
				vdisc_pci_sysfs_close(s);
				return vdisc_hosted_errno_(ENOMEM);
			}
			s->fns = grown;
		}
		/* vdisc_sysfs_pci_slot() accepted it, so it fits: 12 characters. */
		memcpy(f.name, de->d_name, strlen(de->d_name) + 1);
		s->fns[s->count++] = f;
	}
	closedir(dir);
	qsort(s->fns, s->count, sizeof(*s->fns), sysfs_addr_cmp_);
	*out = s;
	return 0;
}

void vdisc_pci_sysfs_ops(struct vdisc_pci_sysfs *s, struct vdisc_pci_ops *ops)
{
	memset(ops, 0, sizeof(*ops));
	ops->name = "sysfs";
	ops->read = sysfs_read_;
	ops->config_size = sysfs_config_size_;
	ops->list = sysfs_list_;
	ops->ctx = s;
}

uint16_t vdisc_pci_sysfs_min_readable(struct vdisc_pci_sysfs *s)
{
	uint16_t min = VDISC_PCIE_CONFIG_SIZE;
	size_t i;

	for (i = 0; i < s->count; i++)
		if (sysfs_open_config_(s, &s->fns[i]) >= 0 && s->fns[i].size < min)
			min = s->fns[i].size;
	return s->count ? min : 0;
}

int vdisc_pci_sysfs_info(struct vdisc_pci_sysfs *s, struct vdisc_pci_addr addr,
			 struct vdisc_pci_sysfs_info *info)
{
	struct sysfs_fn_ *f = sysfs_find_(s, addr);
	char buf[4096], group[32];
	const char *line;
	unsigned i;

	memset(info, 0, sizeof(*info));
	info->numa_node = -1;
	info->iommu_group = -1;
	if (!f)
		return -VDISC_ENOTFOUND;
	vdisc_sysfs_link_basename(s->root, f->name, "driver", info->driver, sizeof(info->driver));
	vdisc_sysfs_link_basename(s->root, f->name, "iommu_group", group, sizeof(group));
	if (group[0])
		info->iommu_group = atoi(group);
	if (vdisc_sysfs_read_attr(s->root, f->name, "numa_node", buf, sizeof(buf)) == 0)
		info->numa_node = atoi(buf);
	if (vdisc_sysfs_read_attr(s->root, f->name, "resource", buf, sizeof(buf)) != 0)
		return 0;
	/* One "start end flags" line per resource: BARs 0-5, then the ROM. */
	for (line = buf, i = 0; i < 7 && line && *line; i++) {
		unsigned long long start, end, flags;

		if (sscanf(line, "%llx %llx %llx", &start, &end, &flags) == 3) {
			info->start[i] = start;
			info->end[i] = end;
		}
		line = strchr(line, '\n');
		if (line)
			line++;
	}
	info->has_resources = true;
	return 0;
}

void vdisc_pci_sysfs_close(struct vdisc_pci_sysfs *s)
{
	size_t i;

	if (!s)
		return;
	for (i = 0; i < s->count; i++)
		if (s->fns[i].fd >= 0)
			close(s->fns[i].fd);
	free(s->fns);
	free(s);
}
