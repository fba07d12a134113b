/* SPDX-License-Identifier: MIT */
#ifndef VDISC_HOSTED_VFIO_INTERNAL_H
#define VDISC_HOSTED_VFIO_INTERNAL_H

/* What the VFIO platform's files share: the open steps of each, and the why line. */
#include <stddef.h>

#include "vfio_platform.h"

/**
 * vdisc_vfio_say_ - record a failure: @cause, and one formatted line in @v->why
 * @v: the function
 * @err: the -VDISC_E* to return
 * @cause: which known situation
 * @fmt: printf format of the line
 *
 * errno is kept.  returns: @err.
 */
int vdisc_vfio_say_(struct vdisc_vfio *v, int err, enum vdisc_vfio_cause cause, const char *fmt,
		    ...) __attribute__((format(printf, 4, 5)));

/**
 * vdisc_vfio_hooks_ - fill @v->platform's MMIO, clock and barrier hooks (vfio_mmio.c)
 * @v: the function; the hooks find the BARs in @v->bar
 */
void vdisc_vfio_hooks_(struct vdisc_vfio *v);

/**
 * vdisc_vfio_attach_ - sysfs checks, container, group, IOMMU and device fd (vfio_group.c)
 * @v: the function, @addr and @name set, every fd -1
 * @sysfs: the sysfs root
 * @dev: the VFIO device directory
 *
 * returns: 0, or an error of vdisc_vfio_open() with @cause and @why set.
 */
int vdisc_vfio_attach_(struct vdisc_vfio *v, const char *sysfs, const char *dev);

/**
 * vdisc_vfio_detach_ - close the device, group and container fds that are open
 * @v: the function
 */
void vdisc_vfio_detach_(struct vdisc_vfio *v);

/**
 * vdisc_vfio_dma_open_ - the arena: mmap, IOVA from the IOMMU's ranges, MAP_DMA (vfio_dma.c)
 * @v: the function, container set up
 * @bytes: the arena's size, rounded up to the page size
 *
 * Also fills the DMA hooks of @v->platform.
 * returns: 0, or -VDISC_ENOMEM / -VDISC_EIO / -VDISC_EINVAL with @cause and @why set.
 */
int vdisc_vfio_dma_open_(struct vdisc_vfio *v, size_t bytes);

/**
 * vdisc_vfio_dma_close_ - UNMAP_DMA and munmap the arena, where they were done
 * @v: the function
 */
void vdisc_vfio_dma_close_(struct vdisc_vfio *v);

#endif
