/* SPDX-License-Identifier: MIT */
#include "../discover/vdisc_env.h"

#include <vdisc/error.h>
#include <vdisc/platform.h>
#include <vdisc/virtio.h>

/*
 * Virtio over MMIO (virtio 1.3, 4.2): what sits in a register block.
 *
 * The spec lets a driver touch the control registers only with 32-bit
 * aligned accesses (4.2.2.2), so every access here is mmio_read32 or
 * mmio_write32, whatever width a field has.  The platform's hooks read
 * little-endian registers as readl() does.
 *
 * Reading these registers has no side effect.  The only writes are to the
 * two selectors, DeviceFeaturesSel and QueueSel, and only when the caller
 * allows them: a driver that owns the device may be between a select and
 * the access it selected for.
 */

/* Feature words read through DeviceFeaturesSel: bits 0..63, as Linux reads them. */
#define MMIO_FEATURE_WORDS_ 2

struct mmio_ {
	const struct vdisc_platform *p;
	uint64_t base;
};

static uint32_t virtio_mmio_rd_(const struct mmio_ *m, uint32_t reg)
{
	return m->p->mmio_read32(m->p->ctx, m->base + reg);
}

static void virtio_mmio_wr_(const struct mmio_ *m, uint32_t reg, uint32_t value)
{
	m->p->mmio_write32(m->p->ctx, m->base + reg, value);
}

/*
 * Word 1 first, then word 0: the last selection is then 0, which is also
 * the restore (see virtio_mmio_read_queues_ for why 0).
 */
static void virtio_mmio_read_features_(const struct mmio_ *m, struct vdisc_virtio_features *f)
{
	uint32_t sel = MMIO_FEATURE_WORDS_;

	while (sel-- > 0) {
		virtio_mmio_wr_(m, VDISC_VIRTIO_MMIO_DEVICE_FEATURES_SEL, sel);
		f->word[sel] = virtio_mmio_rd_(m, VDISC_VIRTIO_MMIO_DEVICE_FEATURES);
	}
	f->nwords = MMIO_FEATURE_WORDS_;
}

/*
 * QueueNumMax of queues 0..7, up to the first absent one (0).  A device
 * that never says 0, or ignores QueueSel, costs eight reads, no more.
 *
 * The selectors are write-only, so the value a driver left in them cannot
 * be read back and put back.  0 is what a reset leaves there, and what a
 * simple driver (firmware, a boot loader) that sets up queue 0 alone may
 * count on without selecting it; so each selector is left at 0.
 */
static void virtio_mmio_read_queues_(const struct mmio_ *m, struct vdisc_virtio_mmio_info *out)
{
	uint32_t q, selected = 0;

	for (q = 0; q < VDISC_ARRAY_SIZE(out->queue_num_max); q++) {
		virtio_mmio_wr_(m, VDISC_VIRTIO_MMIO_QUEUE_SEL, q);
		selected = q;
		out->queue_num_max[q] = virtio_mmio_rd_(m, VDISC_VIRTIO_MMIO_QUEUE_NUM_MAX);
		if (out->queue_num_max[q] == 0)
			break;
	}
	if (selected != 0)
		virtio_mmio_wr_(m, VDISC_VIRTIO_MMIO_QUEUE_SEL, 0);
	/*
	 * A legacy queue is in use while its QueuePFN is not 0 (4.2.4).  The
	 * spec allows reading QueueNumMax only of an unused queue; a caller
	 * that allows selects asserts that no driver has set any up.
	 */
	if (out->version == VDISC_VIRTIO_MMIO_VERSION_LEGACY)
		out->queue_pfn0 = virtio_mmio_rd_(m, VDISC_VIRTIO_MMIO_QUEUE_PFN);
}

/* When the selectors may be written: always, never, or only while Status reads 0. */
enum mmio_select_ { MMIO_SELECT_NEVER_, MMIO_SELECT_ALWAYS_, MMIO_SELECT_IDLE_ };

static int virtio_mmio_probe_(const struct vdisc_platform *platform, uint64_t base,
			      enum mmio_select_ select, struct vdisc_virtio_mmio_info *out)
{
	struct mmio_ m = {platform, base};

	if (!out)
		return -VDISC_EINVAL;
	memset(out, 0, sizeof(*out));
	out->base = base;
	if (!platform || !platform->mmio_read32 ||
	    (select != MMIO_SELECT_NEVER_ && !platform->mmio_write32))
		return -VDISC_ENOTSUP;
	if (base % 4 != 0 || base > UINT64_MAX - (VDISC_VIRTIO_MMIO_CONFIG - 1))
		return -VDISC_EINVAL;

	out->magic = virtio_mmio_rd_(&m, VDISC_VIRTIO_MMIO_MAGIC_VALUE);
	if (out->magic != VDISC_VIRTIO_MMIO_MAGIC)
		return -VDISC_ENOTFOUND;
	out->version = virtio_mmio_rd_(&m, VDISC_VIRTIO_MMIO_VERSION);
	if (out->version != VDISC_VIRTIO_MMIO_VERSION_LEGACY &&
	    out->version != VDISC_VIRTIO_MMIO_VERSION_MODERN)
		return -VDISC_ENOTSUP;
	out->device_id = virtio_mmio_rd_(&m, VDISC_VIRTIO_MMIO_DEVICE_ID);
	if (out->device_id == 0) {
		/* A placeholder: the driver "MUST NOT access any other register" (4.2.3.1.1). */
		out->placeholder = true;
		return 0;
	}
	out->vendor_id = virtio_mmio_rd_(&m, VDISC_VIRTIO_MMIO_VENDOR_ID);
	if (out->version == VDISC_VIRTIO_MMIO_VERSION_MODERN) {
		out->config_generation = virtio_mmio_rd_(&m, VDISC_VIRTIO_MMIO_CONFIG_GENERATION);
	}
	/*
	 * Status last, right before the selectors: a driver's first step is to
	 * write ACKNOWLEDGE (3.1.1), so 0 here means none has begun, as late
	 * as this side can tell.
	 */
	out->status = virtio_mmio_rd_(&m, VDISC_VIRTIO_MMIO_STATUS);
	/*
	 * GuestPageSize (legacy) is write-only (4.2.4): a driver must not read
	 * it, so it is left at 0 rather than read against the spec.
	 */
	if (select == MMIO_SELECT_ALWAYS_ || (select == MMIO_SELECT_IDLE_ && out->status == 0)) {
		virtio_mmio_read_features_(&m, &out->offered);
		virtio_mmio_read_queues_(&m, out);
		out->selected = true;
	}
	return 0;
}

int vdisc_virtio_mmio_probe(const struct vdisc_platform *platform, uint64_t base, bool allow_select,
			    struct vdisc_virtio_mmio_info *out)
{
	return virtio_mmio_probe_(platform, base,
				  allow_select ? MMIO_SELECT_ALWAYS_ : MMIO_SELECT_NEVER_, out);
}

int vdisc_virtio_mmio_probe_idle(const struct vdisc_platform *platform, uint64_t base,
				 struct vdisc_virtio_mmio_info *out)
{
	return virtio_mmio_probe_(platform, base, MMIO_SELECT_IDLE_, out);
}
