/* SPDX-License-Identifier: MIT */
#ifndef VDISC_HOSTED_VFIO_PLATFORM_H
#define VDISC_HOSTED_VFIO_PLATFORM_H

/*
 * A PCI function driven from Linux user space through VFIO: the platform a
 * virtio-pci transport runs on when the device is real (or emulated by a
 * hypervisor) rather than a vhost-user back-end.  It plays the role that
 * shm_platform.c plays for vhost-user, for PCI:
 *
 *  - configuration space is the device fd's config region, as a
 *    struct vdisc_pci_ops that knows this one function, so the core's PCI
 *    decoder reads it like any other source;
 *  - the memory BARs are mmapped, and the MMIO hooks take "CPU addresses"
 *    that this platform made up: BAR i lives at VDISC_VFIO_BAR_BASE +
 *    i * VDISC_VFIO_BAR_STRIDE.  The BAR's programmed address means nothing
 *    to this process, and a made-up base is never 0 and never overlaps
 *    another BAR.  Every access is bounds-checked against the BAR it falls
 *    in; one outside every BAR or misaligned is refused (reads give ones)
 *    and remembered in @mmio_error, never turned into a wild pointer.  A BAR
 *    that cannot be mmapped (no VFIO_REGION_INFO_FLAG_MMAP, or only parts of
 *    it: a sparse mmap) is reached by pread/pwrite of the same width;
 *  - DMA memory is one anonymous arena mapped through the IOMMU with
 *    VFIO_IOMMU_MAP_DMA at an IOVA taken from the ranges the IOMMU reports
 *    (QEMU's intel-iommu has 39 bits: a process address is no IOVA).
 *    dma_alloc is a bump allocator freed in stack order, like
 *    shm_platform.c's; virt_to_phys of a pointer outside the arena is
 *    VDISC_VFIO_BAD_IOVA, an address nothing is mapped at, so a device sent
 *    there faults in the IOMMU instead of reading this process's memory.
 *
 * Completion is polled: no interrupts are set up.  The function must be
 * bound to vfio-pci already (binding is the caller's business), and
 * opening it enables memory decoding and bus mastering in its command
 * register; closing puts the register back as it was found.
 *
 * Errors are 0 or -VDISC_E* with errno holding the system's reason; @why
 * holds one line about the last failure and @cause says which of the
 * known situations it was, so a front end can give each its exit code.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <vdisc/arena.h>
#include <vdisc/pci.h>
#include <vdisc/platform.h>

/* The made-up CPU address of BAR 0 (16 TiB) and the distance between BARs (1 TiB). */
#define VDISC_VFIO_BAR_BASE 0x100000000000ull
#define VDISC_VFIO_BAR_STRIDE 0x10000000000ull
/* What virt_to_phys gives outside the arena: below VDISC_VFIO_IOVA_MIN, never mapped. */
#define VDISC_VFIO_BAD_IOVA 0ull
/* The lowest IOVA the arena may take: a zero or small bogus address must fault. */
#define VDISC_VFIO_IOVA_MIN 0x100000ull
/* The arena's IOVA alignment: dma_alloc alignments up to this hold for device addresses. */
#define VDISC_VFIO_IOVA_ALIGN 0x200000ull
/* IOVA ranges kept from the IOMMU's report. */
#define VDISC_VFIO_IOVA_RANGES 16u
/* Where the x86 MSI window starts: the arena's range when a kernel reports none. */
#define VDISC_VFIO_IOVA_FALLBACK_END 0xfedfffffull

/* The situations a front end tells apart; each failure sets one. */
enum vdisc_vfio_cause {
	VDISC_VFIO_CAUSE_NONE = 0,
	VDISC_VFIO_CAUSE_NO_FUNCTION, /* no such PCI function in sysfs */
	VDISC_VFIO_CAUSE_NO_GROUP,    /* the function has no IOMMU group: no IOMMU */
	VDISC_VFIO_CAUSE_NOT_BOUND,   /* the function is not bound to a vfio driver */
	VDISC_VFIO_CAUSE_PERMISSION,  /* /dev/vfio/vfio or /dev/vfio/N may not be opened */
	VDISC_VFIO_CAUSE_BUSY,	      /* the group is open in another process */
	VDISC_VFIO_CAUSE_NOT_VIABLE,  /* another device of the group has a host driver */
	VDISC_VFIO_CAUSE_IOMMU,	  /* no TYPE1v2 IOMMU, or it was refused (interrupt remapping) */
	VDISC_VFIO_CAUSE_MEMLOCK, /* RLIMIT_MEMLOCK is too small for the DMA arena */
	VDISC_VFIO_CAUSE_OTHER,	  /* anything else: @why says what */
};

/**
 * struct vdisc_vfio_bar - one BAR as this process reaches it
 * @size: the region's size (0: no such BAR, or the upper half of a 64-bit one)
 * @offset: where the region starts in the device fd
 * @base: the made-up CPU address the MMIO hooks take for it; 0 for I/O and absent BARs
 * @map: the BAR mmapped, or NULL (reached by pread/pwrite)
 * @io: an I/O BAR (not given to the MMIO hooks)
 */
struct vdisc_vfio_bar {
	uint64_t size;
	uint64_t offset;
	uint64_t base;
	volatile uint8_t *map;
	bool io;
};

/* One IOVA range the IOMMU can map, first and last address inclusive (as the kernel says). */
struct vdisc_vfio_iova_range {
	uint64_t start, end;
};

/**
 * struct vdisc_vfio - an open VFIO function and the platform over it
 * @platform: MMIO 8/16/32/64, dma_alloc/free, virt_to_phys, now_ns, mb; ctx = this struct
 * @addr: the function
 * @name: its slot, "ssss:bb:dd.f"
 * @container: /dev/vfio/vfio, -1 when closed
 * @group: /dev/vfio/N, -1 when closed
 * @device: the device fd, -1 when closed
 * @group_id: N, -1 when not known
 * @config_offset: where the config region starts in the device fd
 * @config_size: its size
 * @bar: BARs 0..5
 * @command: the command register as found
 * @command_changed: @command must be written back on close
 * @dma: the arena, NULL when none
 * @dma_size: its length (a multiple of the page size)
 * @dma_used: the bump allocator's top
 * @iova: the arena's device address
 * @dma_mapped: VFIO_IOMMU_MAP_DMA succeeded (UNMAP_DMA is due)
 * @mmio_error: the first refused MMIO access (-VDISC_ERANGE, -VDISC_EINVAL, -VDISC_EIO), or 0
 * @cause: which known situation the last failure was
 * @why: one line about the last failure, or NULL
 * @why_buf: where @why is formatted
 */
struct vdisc_vfio {
	struct vdisc_platform platform;
	struct vdisc_pci_addr addr;
	char name[VDISC_PCI_ADDR_STRLEN];
	int container, group, device;
	int group_id;
	uint64_t config_offset, config_size;
	struct vdisc_vfio_bar bar[VDISC_PCI_MAX_BARS];
	uint16_t command;
	bool command_changed;
	uint8_t *dma;
	size_t dma_size, dma_used;
	uint64_t iova;
	bool dma_mapped;
	int mmio_error;
	enum vdisc_vfio_cause cause;
	const char *why;
	char why_buf[512];
};

/**
 * struct vdisc_vfio_config - where to look, and how much DMA memory to have
 * @sysfs: the sysfs root; NULL: "/sys" (tests pass a fake tree)
 * @dev: the VFIO device directory; NULL: "/dev/vfio"
 * @dma_bytes: the DMA arena's size, rounded up to the page size; 0: no arena
 */
struct vdisc_vfio_config {
	const char *sysfs;
	const char *dev;
	size_t dma_bytes;
};

/**
 * vdisc_vfio_open - open @addr through VFIO, map its BARs and a DMA arena, enable it
 * @v: filled here
 * @addr: the function (bound to vfio-pci)
 * @cfg: paths and the arena's size (NULL: the defaults and no arena)
 *
 * Finds the IOMMU group in sysfs, opens the container (API version,
 * TYPE1v2) and the group, checks that the group is viable, attaches it,
 * sets the TYPE1v2 IOMMU, gets the device fd, reads the config and BAR
 * regions, mmaps the memory BARs, maps the arena at an IOVA from the
 * IOMMU's ranges, and sets memory space and bus master in the command
 * register.  The virtio device itself is not touched.
 *
 * returns:
 *	0 on success;
 *	-VDISC_EINVAL for a NULL @v (errno EINVAL);
 *	-VDISC_ENOTFOUND when sysfs has no such function, it has no IOMMU group (the
 *	kernel has no IOMMU enabled: errno ENODEV), or /dev/vfio/vfio or /dev/vfio/N
 *	does not exist (errno ENOENT);
 *	-VDISC_EPERM when the function is not bound to a vfio driver (errno ENODEV: @why
 *	says how to bind it), /dev/vfio/vfio or /dev/vfio/N may not be opened (errno
 *	EACCES or EPERM), the group is not viable (errno EBUSY: @why names the other
 *	devices and their drivers), or the IOMMU refused TYPE1v2 (errno EPERM:
 *	interrupt remapping is off);
 *	-VDISC_ENOTSUP for another VFIO API version, no TYPE1v2 IOMMU, a container node
 *	that is not one (errno ENOTTY), or a VFIO device that is not PCI;
 *	-VDISC_ENOMEM when the arena cannot be had or locked (RLIMIT_MEMLOCK, errno
 *	ENOMEM: @why says how much is needed), or no reported IOVA range holds it;
 *	-VDISC_EIO for a group open in another process (errno EBUSY), a malformed
 *	answer, or another refusal of the kernel (errno set).
 *	@cause and @why say which.  On failure everything opened is closed again;
 *	vdisc_vfio_close() is still safe, and @why stays readable.
 */
int vdisc_vfio_open(struct vdisc_vfio *v, struct vdisc_pci_addr addr,
		    const struct vdisc_vfio_config *cfg);

/**
 * vdisc_vfio_close - put the command register back, unmap DMA and BARs, close every fd
 * @v: the function (NULL, partly opened, or already closed: safe)
 *
 * Reset the virtio device first (vdisc_blk_release()): a device still
 * running would write to an IOVA that is about to be unmapped (it would
 * fault, not corrupt, but the device would be left broken).  @why and
 * @cause are kept.
 */
void vdisc_vfio_close(struct vdisc_vfio *v);

/**
 * vdisc_vfio_pci_ops - configuration space through the config region, for the PCI decoder
 * @v: an open function; must outlive @ops
 * @ops: filled: read and write (widths 1, 2, 4), config_size, and list (@v's function only)
 *
 * Other addresses read as all ones, as an empty slot does.  The kernel
 * virtualises parts of the space (BARs, the command register's INTx bit,
 * MSI/MSI-X), as vfio-pci documents.
 */
void vdisc_vfio_pci_ops(struct vdisc_vfio *v, struct vdisc_pci_ops *ops);

/**
 * vdisc_vfio_decode - snapshot and decode the function, with its BAR sizes from VFIO
 * @v: an open function
 * @arena: holds the snapshot and the capability lists; must outlive @fn
 * @fn: filled: as vdisc_pci_decode(), and each BAR's size (has_size) from its region
 *
 * VFIO knows each BAR's size, so nothing is written to size them.
 *
 * returns:
 *	0 on success;
 *	-VDISC_EINVAL for a NULL argument or a closed @v;
 *	-VDISC_ENOMEM when @arena is full;
 *	-VDISC_EIO for a short read of the config region, or the -VDISC_E* of
 *	pread's errno (kept).
 */
int vdisc_vfio_decode(struct vdisc_vfio *v, struct vdisc_arena *arena,
		      struct vdisc_pci_function *fn);

/**
 * vdisc_vfio_bar_bases - the CPU addresses to give vdisc_virtio_pci_transport_init()
 * @v: an open function
 * @bar_base: out: each memory BAR's made-up base, 0 for I/O and absent BARs
 */
void vdisc_vfio_bar_bases(const struct vdisc_vfio *v, uint64_t bar_base[VDISC_PCI_MAX_BARS]);

/**
 * vdisc_vfio_cause_name - a word for a cause, for messages and tests
 * @cause: the cause
 *
 * returns: "none", "no-function", "no-group", "not-bound", "permission", "busy",
 *	"not-viable", "iommu", "memlock" or "other"; "other" outside the enum
 */
const char *vdisc_vfio_cause_name(enum vdisc_vfio_cause cause);

/* ---- Pure parts, for unit tests ------------------------------------------------------ */

/**
 * vdisc_vfio_bar_find_ - which BAR a made-up CPU address falls in
 * @bar: the BARs
 * @addr: the address the transport gave
 * @width: the access's width, 1, 2, 4 or 8
 * @index: out: the BAR
 * @offset: out: the offset in it
 *
 * returns:
 *	0 on success;
 *	-VDISC_EINVAL for another width or an address not aligned to it;
 *	-VDISC_ERANGE when [@addr, @addr + @width) is not wholly inside one memory BAR.
 */
int vdisc_vfio_bar_find_(const struct vdisc_vfio_bar bar[VDISC_PCI_MAX_BARS], uint64_t addr,
			 unsigned width, unsigned *index, uint64_t *offset);

/**
 * vdisc_vfio_iova_ranges_ - the IOVA ranges of a VFIO_IOMMU_GET_INFO answer
 * @info: the buffer (struct vfio_iommu_type1_info and its capability chain)
 * @len: bytes at @info the kernel filled (its argsz, bounded by the buffer)
 * @out: the ranges found
 * @max: room at @out; ranges past it are left out (ranges ascend: the arena fits low)
 * @n: out: how many were kept; 0 when the answer has no IOVA range capability (an old
 *     kernel)
 *
 * The chain is followed only forwards, inside @len, so a malformed answer
 * cannot loop or read past the buffer.
 *
 * returns:
 *	0 on success;
 *	-VDISC_EINVAL for a NULL argument or @len below the fixed part;
 *	-VDISC_EIO for a chain or capability that leaves the buffer or goes backwards, or a
 *	range that ends before it starts.
 */
int vdisc_vfio_iova_ranges_(const void *info, size_t len, struct vdisc_vfio_iova_range *out,
			    unsigned max, unsigned *n);

/**
 * vdisc_vfio_pick_iova_ - the lowest IOVA where @size bytes fit in one of @ranges
 * @ranges: the IOMMU's ranges, inclusive, any order
 * @n: how many
 * @size: the arena's size
 * @iova: out: a multiple of VDISC_VFIO_IOVA_ALIGN, at least VDISC_VFIO_IOVA_MIN
 *
 * returns:
 *	0 on success;
 *	-VDISC_EINVAL for a NULL argument or a @size of 0;
 *	-VDISC_ENOMEM when no range holds the arena.
 */
int vdisc_vfio_pick_iova_(const struct vdisc_vfio_iova_range *ranges, unsigned n, uint64_t size,
			  uint64_t *iova);

/**
 * vdisc_vfio_group_of_ - the IOMMU group of a PCI function, from sysfs
 * @sysfs: the sysfs root
 * @name: the slot, "ssss:bb:dd.f"
 * @group: out: the group number
 *
 * returns:
 *	0 on success;
 *	-VDISC_ENOTFOUND when there is no such function (errno ENOENT) or it has no
 *	iommu_group link (errno ENODEV);
 *	-VDISC_EIO when the link does not end in a number (errno EINVAL).
 */
int vdisc_vfio_group_of_(const char *sysfs, const char *name, int *group);

/**
 * vdisc_vfio_group_members_ - the other devices of a group and their drivers, as one line
 * @sysfs: the sysfs root
 * @group: the group
 * @self: the slot to leave out
 * @out: "0000:00:03.0 (virtio-pci), 0000:00:03.1 (no driver)", "" when none or unreadable
 * @len: bytes at @out (the line is cut, with "...", when it does not fit)
 */
void vdisc_vfio_group_members_(const char *sysfs, int group, const char *self, char *out,
			       size_t len);

#endif
