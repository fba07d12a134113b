/* SPDX-License-Identifier: MIT */
#ifndef VDISC_HOSTED_SHM_PLATFORM_H
#define VDISC_HOSTED_SHM_PLATFORM_H

/*
 * A platform whose DMA memory is one shared-memory region (a memfd mapped
 * MAP_SHARED), for drivers whose "device" is another process that maps the
 * same region: a vhost-user back-end, given the fd in SET_MEM_TABLE.  Rings,
 * request headers and data buffers must all come from dma_alloc, since the
 * back-end sees nothing else of this process.
 *
 * Device ("guest physical") addresses are VDISC_SHM_GUEST_BASE plus the
 * offset in the region.  The base is nonzero, so a NULL-derived address is
 * never inside the region; above 4 GiB, so an address truncated to 32 bits
 * falls outside it; and unlike any user-space address of this process, so
 * a virtual address passed where a device address is due (or the reverse)
 * is refused by the back-end instead of working by accident.
 */
#include <stddef.h>
#include <stdint.h>

#include <vdisc/platform.h>

#define VDISC_SHM_GUEST_BASE 0x100000000ull
/* What virt_to_phys gives for a pointer outside the region: no region covers it. */
#define VDISC_SHM_BAD_PHYS 0ull

/**
 * struct vdisc_shm_platform - the region and the platform over it
 * @platform: the hooks (dma_alloc, dma_free, virt_to_phys, now_ns, mb), ctx = this struct
 * @fd: the memfd (close-on-exec, sealed against shrinking and growing), -1 when closed
 * @base: where the region is mapped in this process
 * @size: its length in bytes (a multiple of the page size)
 * @used: bytes handed out from the start, the bump allocator's top
 * @guest_base: the device address of @base (VDISC_SHM_GUEST_BASE)
 */
struct vdisc_shm_platform {
	struct vdisc_platform platform;
	int fd;
	uint8_t *base;
	size_t size;
	size_t used;
	uint64_t guest_base;
};

/**
 * vdisc_shm_platform_init - create and map the region, and fill the platform hooks
 * @s: filled here
 * @bytes: the region's size, rounded up to the page size; at least one page
 *
 * dma_alloc is a bump allocator (zeroed memory, any power-of-2 alignment up
 * to the page size for both the pointer and the device address; larger
 * alignments hold for the device address only); dma_free gives memory back
 * only when it is the most recent allocation, else keeps it until destroy.
 * now_ns is CLOCK_MONOTONIC, mb a full fence; no MMIO or port hooks.
 *
 * returns:
 *	0 on success;
 *	-VDISC_EINVAL for a NULL @s, a zero size or one that overflows (errno EINVAL);
 *	-VDISC_ENOMEM when the memory cannot be had (errno ENOMEM);
 *	another -VDISC_E* from memfd_create, ftruncate, fcntl (the seals) or mmap, errno set.
 *	On failure @s holds nothing to destroy (destroying it is still safe).
 */
int vdisc_shm_platform_init(struct vdisc_shm_platform *s, size_t bytes);

/**
 * vdisc_shm_platform_destroy - unmap the region and close its fd
 * @s: the platform (NULL, or already destroyed: nothing happens)
 *
 * A back-end that still maps the region keeps its own mapping; this process's
 * pointers into it become invalid.
 */
void vdisc_shm_platform_destroy(struct vdisc_shm_platform *s);

/**
 * vdisc_shm_platform_contains - whether [@p, @p + @len) lies inside the region
 * @s: the platform
 * @p: a pointer
 * @len: bytes from @p (0 counts as 1)
 *
 * returns: 1 when it does, 0 when not (or @s or @p is NULL).
 */
int vdisc_shm_platform_contains(const struct vdisc_shm_platform *s, const void *p, size_t len);

/**
 * vdisc_shm_platform_to_user - the pointer in this process for a device address
 * @s: the platform
 * @phys: a device address, as dma_alloc or virt_to_phys gave it
 * @len: bytes from @phys that must lie inside the region (0 counts as 1)
 *
 * vhost-user wants ring addresses as front-end virtual addresses, while the
 * driver core knows only device addresses: this turns one into the other.
 *
 * returns: the pointer, or NULL when the range is not inside the region.
 */
void *vdisc_shm_platform_to_user(const struct vdisc_shm_platform *s, uint64_t phys, size_t len);

#endif
