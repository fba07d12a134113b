/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <unistd.h>

#include <linux/vfio.h>

#include <vdisc/error.h>

#include "errors.h"
#include "vfio_internal.h"

/*
 * DMA memory for a VFIO device: one anonymous arena, pinned and mapped by
 * the IOMMU (VFIO_IOMMU_MAP_DMA) at an IOVA inside a range the IOMMU says
 * it can translate.  The pinning is the kernel's: it charges the pages to
 * RLIMIT_MEMLOCK itself, so the arena is not also mlock()ed (that would
 * charge them twice).
 */

/* ---- the IOMMU's IOVA ranges ----------------------------------------------------------- */

/* One capability header at @off of @info, if it lies wholly inside @len. */
static int vd_cap_at(const uint8_t *info, size_t len, size_t off, struct vfio_info_cap_header *h)
{
	if (off < sizeof(struct vfio_iommu_type1_info) || off > len || len - off < sizeof(*h))
		return -VDISC_EIO;
	memcpy(h, info + off, sizeof(*h));
	return 0;
}

static int vd_cap_ranges(const uint8_t *info, size_t len, size_t off,
			 struct vdisc_vfio_iova_range *out, unsigned max, unsigned *n)
{
	struct vfio_iommu_type1_info_cap_iova_range cap;
	size_t room = len - off, i;
	uint32_t count;

	if (room < sizeof(cap))
		return -VDISC_EIO;
	memcpy(&cap, info + off, sizeof(cap));
	count = cap.nr_iovas;
	if (count > (room - sizeof(cap)) / sizeof(struct vfio_iova_range))
		return -VDISC_EIO;
	for (i = 0; i < count && i < max; i++) {
		struct vfio_iova_range r;

		memcpy(&r, info + off + sizeof(cap) + i * sizeof(r), sizeof(r));
		if (r.end < r.start)
			return -VDISC_EIO;
		out[i].start = r.start;
		out[i].end = r.end;
	}
	*n = count < max ? count : max; /* the arena fits in the first ones, or nowhere */
	return 0;
}

int vdisc_vfio_iova_ranges_(const void *info, size_t len, struct vdisc_vfio_iova_range *out,
			    unsigned max, unsigned *n)
{
	struct vfio_iommu_type1_info fixed;
	struct vfio_info_cap_header h;
	size_t off;

	if (!info || !out || !n || len < sizeof(fixed))
		return -VDISC_EINVAL;
	*n = 0;
	memcpy(&fixed, info, sizeof(fixed));
	if (!(fixed.flags & VFIO_IOMMU_INFO_CAPS))
		return 0;
	/* Each header's next is further on: the walk ends, whatever the buffer holds. */
	for (off = fixed.cap_offset; off != 0; off = h.next) {
		if (vd_cap_at(info, len, off, &h))
			return -VDISC_EIO;
		if (h.id == VFIO_IOMMU_TYPE1_INFO_CAP_IOVA_RANGE)
			return vd_cap_ranges(info, len, off, out, max, n);
		if (h.next != 0 && h.next <= off)
			return -VDISC_EIO;
	}
	return 0;
}

int vdisc_vfio_pick_iova_(const struct vdisc_vfio_iova_range *ranges, unsigned n, uint64_t size,
			  uint64_t *iova)
{
	const uint64_t mask = VDISC_VFIO_IOVA_ALIGN - 1;
	uint64_t best = 0;
	bool found = false;
	unsigned i;

	if (!ranges || !iova || size == 0)
		return -VDISC_EINVAL;
	for (i = 0; i < n; i++) {
		uint64_t lo = ranges[i].start < VDISC_VFIO_IOVA_MIN ? VDISC_VFIO_IOVA_MIN
								    : ranges[i].start;

		if (lo > UINT64_MAX - mask)
			continue;
		lo = (lo + mask) & ~mask;
		if (lo > ranges[i].end || size - 1 > ranges[i].end - lo)
			continue;
		if (!found || lo < best)
			best = lo;
		found = true;
	}
	if (!found)
		return -VDISC_ENOMEM;
	*iova = best;
	return 0;
}

/* VFIO_IOMMU_GET_INFO with room for its capability chain, in a buffer the caller frees. */
static int vd_get_info(struct vdisc_vfio *v, struct vfio_iommu_type1_info **out)
{
	struct vfio_iommu_type1_info *info = NULL;
	size_t room = 4096;

	for (;;) {
		void *grown = realloc(info, room);

		if (!grown) {
			free(info);
			return vdisc_vfio_say_(v, vdisc_hosted_errno_(ENOMEM),
					       VDISC_VFIO_CAUSE_OTHER, "%s: out of memory",
					       v->name);
		}
		info = grown;
		memset(info, 0, room);
		info->argsz = (uint32_t)room;
		if (ioctl(v->container, VFIO_IOMMU_GET_INFO, info) != 0) {
			int err = vdisc_hosted_errno_(errno);

			free(info);
			return vdisc_vfio_say_(v, err, VDISC_VFIO_CAUSE_OTHER,
					       "%s: VFIO_IOMMU_GET_INFO: %s", v->name,
					       strerror(errno));
		}
		if (info->argsz <= room)
			break;
		room = info->argsz;    /* the chain did not fit: ask again with what it needs */
		if (room > 1u << 20) { /* no chain is that long: a confused kernel */
			free(info);
			errno = EPROTO;
			return vdisc_vfio_say_(v, -VDISC_EIO, VDISC_VFIO_CAUSE_OTHER,
					       "%s: VFIO_IOMMU_GET_INFO wants %zu bytes", v->name,
					       room);
		}
	}
	*out = info;
	return 0;
}

/* The IOMMU's IOVA ranges, or where a kernel that does not say them can map. */
static int vd_query_ranges(struct vdisc_vfio *v, struct vdisc_vfio_iova_range *r, unsigned *n)
{
	struct vfio_iommu_type1_info *info = NULL;
	int err = vd_get_info(v, &info);

	if (err)
		return err;
	err = vdisc_vfio_iova_ranges_(info, info->argsz, r, VDISC_VFIO_IOVA_RANGES, n);
	free(info);
	if (err) {
		errno = EPROTO;
		return vdisc_vfio_say_(v, err == -VDISC_ENOMEM ? err : -VDISC_EIO,
				       VDISC_VFIO_CAUSE_OTHER, "%s: VFIO_IOMMU_GET_INFO: %s",
				       v->name,
				       err == -VDISC_ENOMEM ? "more IOVA ranges than vdisc keeps"
							    : "a malformed IOVA range list");
	}
	if (*n == 0) { /* a kernel before 5.4 does not say: stay below the x86 MSI window */
		r[0] = (struct vdisc_vfio_iova_range){0, VDISC_VFIO_IOVA_FALLBACK_END};
		*n = 1;
	}
	return 0;
}

/* ---- the platform's DMA hooks ---------------------------------------------------------- */

static bool vd_contains(const struct vdisc_vfio *v, const void *p, size_t len)
{
	uintptr_t a = (uintptr_t)p, lo = (uintptr_t)v->dma;

	if (!v->dma || !p)
		return false;
	if (len == 0)
		len = 1;
	return a >= lo && a - lo < v->dma_size && len <= v->dma_size - (a - lo);
}

static void *vd_alloc(void *ctx, size_t size, size_t align, uint64_t *phys)
{
	struct vdisc_vfio *v = ctx;
	size_t at;

	if (align == 0)
		align = 1;
	if (size == 0 || (align & (align - 1)) || align > v->dma_size)
		return NULL;
	/* Aligning the offset aligns the IOVA too, up to VDISC_VFIO_IOVA_ALIGN. */
	at = (v->dma_used + align - 1) & ~(align - 1);
	if (at < v->dma_used || at > v->dma_size || size > v->dma_size - at)
		return NULL;
	v->dma_used = at + size;
	memset(v->dma + at, 0, size); /* memory given back by vd_free holds old contents */
	if (phys)
		*phys = v->iova + at;
	return v->dma + at;
}

static void vd_free(void *ctx, void *p, size_t size)
{
	struct vdisc_vfio *v = ctx;

	/* Stack order only: anything else stays allocated until the arena goes. */
	if (vd_contains(v, p, size) && (uint8_t *)p + size == v->dma + v->dma_used)
		v->dma_used = (size_t)((uint8_t *)p - v->dma);
}

static uint64_t vd_virt_to_phys(void *ctx, const void *p)
{
	const struct vdisc_vfio *v = ctx;

	/* Not identity: the device would read whatever that IOVA means, or fault. */
	if (!vd_contains(v, p, 1))
		return VDISC_VFIO_BAD_IOVA;
	return v->iova + (uint64_t)((const uint8_t *)p - v->dma);
}

/* ---- the arena --------------------------------------------------------------------------- */

static int vd_map_failed(struct vdisc_vfio *v, int e)
{
	struct rlimit rl;

	if (e == ENOMEM && getrlimit(RLIMIT_MEMLOCK, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY)
		return vdisc_vfio_say_(v, vdisc_hosted_errno_(e), VDISC_VFIO_CAUSE_MEMLOCK,
				       "%s: cannot lock %zu bytes of DMA memory: RLIMIT_MEMLOCK "
				       "is %llu bytes; at least %zu are needed (ulimit -l %zu, or "
				       "run as root)",
				       v->name, v->dma_size, (unsigned long long)rl.rlim_cur,
				       v->dma_size, (v->dma_size + 1023) / 1024);
	return vdisc_vfio_say_(v, vdisc_hosted_errno_(e), VDISC_VFIO_CAUSE_OTHER,
			       "%s: VFIO_IOMMU_MAP_DMA of %zu bytes at IOVA %#llx: %s", v->name,
			       v->dma_size, (unsigned long long)v->iova, strerror(e));
}

static int vd_map(struct vdisc_vfio *v)
{
	struct vfio_iommu_type1_dma_map map = {.argsz = sizeof(map)};

	map.flags = VFIO_DMA_MAP_FLAG_READ | VFIO_DMA_MAP_FLAG_WRITE;
	map.vaddr = (uint64_t)(uintptr_t)v->dma;
	map.iova = v->iova;
	map.size = v->dma_size;
	if (ioctl(v->container, VFIO_IOMMU_MAP_DMA, &map) != 0)
		return vd_map_failed(v, errno);
	v->dma_mapped = true;
	return 0;
}

int vdisc_vfio_dma_open_(struct vdisc_vfio *v, size_t bytes)
{
	struct vdisc_vfio_iova_range r[VDISC_VFIO_IOVA_RANGES];
	long page = sysconf(_SC_PAGESIZE);
	size_t pg = page > 0 ? (size_t)page : 4096u, size = (bytes + pg - 1) & ~(pg - 1);
	unsigned n = 0;
	int err;

	if (size < bytes)
		return vdisc_vfio_say_(v, vdisc_hosted_errno_(EINVAL), VDISC_VFIO_CAUSE_OTHER,
				       "%s: a DMA arena of %zu bytes is too large", v->name, bytes);
	err = vd_query_ranges(v, r, &n);
	if (err)
		return err;
	if (vdisc_vfio_pick_iova_(r, n, size, &v->iova) != 0) {
		errno = ENOSPC;
		return vdisc_vfio_say_(v, -VDISC_ENOMEM, VDISC_VFIO_CAUSE_OTHER,
				       "%s: no IOVA range of the IOMMU holds %zu bytes", v->name,
				       size);
	}
	v->dma = mmap(NULL, size, PROT_READ | PROT_WRITE,
		      MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
	if (v->dma == MAP_FAILED) {
		v->dma = NULL;
		return vdisc_vfio_say_(v, vdisc_hosted_errno_(errno), VDISC_VFIO_CAUSE_OTHER,
				       "%s: %zu bytes of DMA memory: %s", v->name, size,
				       strerror(errno));
	}
	v->dma_size = size;
	/* A fork would make the pages copy-on-write: this process could get copies the
	 * IOMMU does not map, and the device would no longer see what the driver writes. */
	(void)madvise(v->dma, size, MADV_DONTFORK);
	err = vd_map(v);
	if (err)
		return err;
	v->platform.dma_alloc = vd_alloc;
	v->platform.dma_free = vd_free;
	v->platform.virt_to_phys = vd_virt_to_phys;
	return 0;
}

void vdisc_vfio_dma_close_(struct vdisc_vfio *v)
{
	int saved = errno;

	if (v->dma_mapped && v->container >= 0) {
		struct vfio_iommu_type1_dma_unmap unmap = {.argsz = sizeof(unmap)};

		unmap.iova = v->iova;
		unmap.size = v->dma_size;
		(void)ioctl(v->container, VFIO_IOMMU_UNMAP_DMA, &unmap);
	}
	v->dma_mapped = false;
	if (v->dma)
		munmap(v->dma, v->dma_size);
	v->dma = NULL;
	v->dma_size = v->dma_used = 0;
	v->platform.dma_alloc = NULL;
	v->platform.dma_free = NULL;
	v->platform.virt_to_phys = NULL;
	errno = saved;
}
