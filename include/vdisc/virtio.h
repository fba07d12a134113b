/* SPDX-License-Identifier: MIT */
#ifndef VDISC_VIRTIO_H
#define VDISC_VIRTIO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "pci.h"
#include "virtio_spec.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Virtio decoding (OASIS virtio 1.3): device types, feature bits, status,
 * the virtio-pci capabilities.  Tables are static const, freestanding.
 */

/* Feature words: 64 bits on MMIO, up to 128 through virtio-pci's feature select. */
#define VDISC_VIRTIO_FEATURE_WORDS 4

struct vdisc_virtio_features {
	uint32_t word[VDISC_VIRTIO_FEATURE_WORDS]; /* word[0] = bits 0..31 */
	uint8_t nwords;				   /* words that are known */
};

/**
 * vdisc_virtio_has - whether feature @bit is set in @f
 * @f: the feature words
 * @bit: the feature bit (VDISC_VIRTIO_F_*, VDISC_VIRTIO_<DEV>_F_*)
 *
 * returns:
 *	true when @bit lies in a known word and is set, else false
 */
static inline bool vdisc_virtio_has(const struct vdisc_virtio_features *f, unsigned bit)
{
	return bit / 32 < f->nwords && (f->word[bit / 32] >> (bit % 32)) & 1;
}

/**
 * vdisc_virtio_device_name - the name of a device id ("network", "block", ...)
 * @device_id: a virtio device id (VDISC_VIRTIO_ID_*)
 *
 * returns:
 *	the name, a static string
 *	NULL, for an id the tables do not know (print the number)
 */
const char *vdisc_virtio_device_name(uint32_t device_id);

/**
 * vdisc_virtio_feature_name - a feature bit's name, device-independent or of @device_id
 * @device_id: the device type, for the bits that are device-specific
 * @bit: the feature bit
 *
 * The spec's macro name without its VIRTIO_F_ / VIRTIO_<DEV>_F_ prefix
 * ("VERSION_1", "SEG_MAX").
 *
 * returns:
 *	the name, a static string
 *	NULL, for an unnamed bit (print "bit<N>")
 */
const char *vdisc_virtio_feature_name(uint32_t device_id, unsigned bit);

/**
 * vdisc_virtio_status_name - the name of a device status bit (virtio 1.3, 2.1)
 * @bit: the bit number, 0..7
 *
 * returns:
 *	the name ("ACKNOWLEDGE", ...), a static string
 *	NULL, for a reserved bit or one past 7
 */
const char *vdisc_virtio_status_name(unsigned bit);

/**
 * vdisc_virtio_device_ids - every device id that has a name, in id order
 * @ids: out: up to @max ids (may be NULL when @max is 0)
 * @max: room in @ids
 *
 * returns:
 *	how many ids there are (more than @max means @ids was cut short)
 */
size_t vdisc_virtio_device_ids(uint32_t *ids, size_t max);

enum vdisc_virtio_pci_kind {
	VDISC_VIRTIO_PCI_NONE = 0,     /* not a virtio function */
	VDISC_VIRTIO_PCI_LEGACY,       /* 0x1000..0x103f, no modern capabilities (pre-1.0 only) */
	VDISC_VIRTIO_PCI_TRANSITIONAL, /* 0x1000..0x103f with the modern capabilities too */
	VDISC_VIRTIO_PCI_MODERN,       /* 0x1040 + type (1.0+ only) */
};

struct vdisc_virtio_pci_cap {
	uint16_t cap_offset; /* where the capability sits in config space */
	uint8_t cfg_type;
	uint8_t bar;
	uint8_t id;	 /* shared memory region id */
	uint64_t offset; /* within the BAR (64-bit for shared memory) */
	uint64_t length;
	uint32_t notify_off_multiplier; /* notify only */
	bool in_bar;	/* the region lies inside the BAR, as far as the BAR is known */
	bool bar_known; /* the BAR's size is known (live), so in_bar was checked */
};

/**
 * vdisc_virtio_pci_cap_name - the name of a virtio-pci capability's cfg_type
 * @cfg_type: VDISC_VIRTIO_PCI_CAP_*
 *
 * returns:
 *	"common", "notify", "isr", "device", "pci-cfg", "shared-memory" or "vendor"
 *	NULL, for an unassigned cfg_type
 */
const char *vdisc_virtio_pci_cap_name(uint8_t cfg_type);

#define VDISC_VIRTIO_PCI_MAX_CAPS 16

struct vdisc_virtio_pci {
	enum vdisc_virtio_pci_kind kind;
	uint32_t device_type; /* the virtio device id */
	struct vdisc_virtio_pci_cap caps[VDISC_VIRTIO_PCI_MAX_CAPS];
	uint8_t ncaps;
	bool truncated; /* more vendor capabilities than caps[] holds */
};

/**
 * vdisc_virtio_pci_device_type - the virtio device type a PCI function's ids name
 * @vendor: the vendor id
 * @device: the device id
 * @subsystem_device: the subsystem (device) id, 0 where the header has none
 *
 * virtio 1.3, 4.1.2: a modern id is 0x1040 + type; a transitional id
 * (0x1000..0x103f) carries the type in the subsystem id.
 *
 * returns:
 *	the device type (VDISC_VIRTIO_ID_*)
 *	0 (reserved: no device), when the ids are not virtio's
 */
uint32_t vdisc_virtio_pci_device_type(uint16_t vendor, uint16_t device, uint16_t subsystem_device);

/**
 * vdisc_virtio_pci_identify - classify a PCI function and decode its virtio capabilities
 * @fn: the function, decoded
 * @out: out: its kind, device type and vendor capabilities
 *
 * returns:
 *	0, with @out filled (kind NONE for a function that is not virtio)
 *	-VDISC_EINVAL, a NULL @fn or @out
 */
int vdisc_virtio_pci_identify(const struct vdisc_pci_function *fn, struct vdisc_virtio_pci *out);

/*
 * Device configuration space, decoded field by field (virtio 1.3, 5.x).
 * A field is reported only when the feature that makes it valid was
 * offered.  Reads go through @read (offsets within the device-specific
 * configuration; little-endian for modern devices), so the same decoder
 * serves a mapped BAR, MMIO registers and tests.
 */
enum vdisc_virtio_field_kind {
	VDISC_VIRTIO_FIELD_UINT,   /* value */
	VDISC_VIRTIO_FIELD_BYTES,  /* bytes[0..len) shown as hex, e.g. a MAC address */
	VDISC_VIRTIO_FIELD_STRING, /* bytes[0..len) as text (NUL-terminated within len) */
};

struct vdisc_virtio_field {
	const char *name; /* "capacity", "geometry.cylinders", "mac", ... */
	enum vdisc_virtio_field_kind kind;
	uint64_t value;
	uint8_t bytes[128];
	uint16_t len;
	uint16_t offset; /* in the device configuration */
	uint8_t width;	 /* bytes read for a UINT */
};

struct vdisc_virtio_config_ops {
	/* Read @width (1, 2 or 4) bytes at @offset: 0 or -VDISC_E*. */
	int (*read)(void *ctx, uint16_t offset, unsigned width, uint64_t *value);
	/* Optional: write (input's select/subsel only). NULL: fields needing it are skipped. */
	int (*write)(void *ctx, uint16_t offset, unsigned width, uint64_t value);
	void *ctx;
	uint16_t size; /* bytes of device configuration available (0: unknown) */
};

/**
 * vdisc_virtio_config_decode - decode a device's configuration for its type
 * @device_type: the virtio device id, which chooses the layout
 * @offered: the device's offered features (NULL: none known), which choose the fields
 * @ops: how to read (and for input, write) the configuration
 * @visit: called per field in layout order; a non-zero return stops the walk and is returned
 * @arg: passed to @visit
 *
 * 64-bit fields are read as two aligned 32-bit reads, low half first (4.1.3.1, 4.2.2.2).
 *
 * returns:
 *	0 on success
 *	-VDISC_EINVAL, a NULL @ops, @ops->read or @visit
 *	-VDISC_ENOTSUP, a type without a known layout
 *	or the first read or write error, or the visit's non-zero return
 */
int vdisc_virtio_config_decode(uint32_t device_type, const struct vdisc_virtio_features *offered,
			       const struct vdisc_virtio_config_ops *ops,
			       int (*visit)(void *arg, const struct vdisc_virtio_field *field),
			       void *arg);

/* virtio-mmio (virtio 1.3, 4.2): a register block, read through the platform's MMIO hooks. */
#define VDISC_VIRTIO_MMIO_SIZE 0x200u		  /* registers + the start of device config */
#define VDISC_VIRTIO_MMIO_QEMU_VENDOR 0x554d4551u /* "QEMU" */

struct vdisc_virtio_mmio_info {
	uint64_t base;
	uint32_t magic, version, device_id, vendor_id;
	bool placeholder;		      /* device id 0: an empty slot, not a device */
	struct vdisc_virtio_features offered; /* DeviceFeatures through DeviceFeaturesSel */
	uint32_t status;
	uint32_t config_generation; /* version 2 only */
	uint32_t queue_num_max[8];  /* of queues 0..7 (0: absent) */
	uint32_t guest_page_size;   /* always 0: legacy GuestPageSize is write-only (4.2.4) */
	uint32_t queue_pfn0;	    /* version 1: QueuePFN of queue 0 */
	bool selected; /* the selectors were written: offered and queue_num_max were read */
};

struct vdisc_platform;

/**
 * vdisc_virtio_mmio_probe - read a virtio-mmio register block at @base
 * @platform: the platform; needs the 32-bit MMIO read hook (and write, for @allow_select)
 * @base: the block's CPU physical address
 * @allow_select: whether DeviceFeaturesSel and QueueSel may be written
 * @out: out: what the registers say
 *
 * Reading DeviceFeatures and QueueNumMax needs writes to DeviceFeaturesSel and
 * QueueSel: with @allow_select false (a driver may own the device) those are
 * left unread.  Nothing else is written.
 *
 * returns:
 *	0 on success (out->placeholder: a slot with device id 0)
 *	-VDISC_ENOTFOUND, the magic is wrong (not virtio)
 *	-VDISC_ENOTSUP, an unknown version, or a platform without the MMIO hooks needed
 *	-VDISC_EINVAL, a NULL @out, a misaligned @base or a block past 2^64
 */
int vdisc_virtio_mmio_probe(const struct vdisc_platform *platform, uint64_t base, bool allow_select,
			    struct vdisc_virtio_mmio_info *out);

/**
 * vdisc_virtio_mmio_probe_idle - read a register block, and its selected registers if no driver
 * @platform: the platform; needs the 32-bit MMIO read and write hooks
 * @base: the block's CPU physical address
 * @out: out: what the registers say
 *
 * As vdisc_virtio_mmio_probe() with @allow_select, but the selectors are
 * written only when Status reads 0, read after every other register and
 * right before the first selector write: a driver's first step is to write
 * ACKNOWLEDGE (virtio 1.3, 3.1.1), so 0 means none has begun.  Then
 * DeviceFeaturesSel and QueueSel are written and left at 0 (what a reset
 * leaves there), and out->selected is set.
 *
 * returns:
 *	as vdisc_virtio_mmio_probe(); out->selected false: Status was not 0 (or a placeholder)
 */
int vdisc_virtio_mmio_probe_idle(const struct vdisc_platform *platform, uint64_t base,
				 struct vdisc_virtio_mmio_info *out);

/* One virtio_mmio.device=<size>@<baseaddr>:<irq>[:<id>] kernel parameter. */
struct vdisc_virtio_mmio_param {
	uint64_t size, base;
	uint32_t irq;
	uint32_t id;
	bool has_id;
};

/**
 * vdisc_virtio_mmio_cmdline - find every virtio_mmio.device= in a kernel command line
 * @cmdline: the command line, NUL-terminated
 * @out: out: up to @max parameters (may be NULL when @max is 0)
 * @max: room in @out
 * @bad_at: out (may be NULL): the offset of the first malformed parameter
 *
 * Parsed as Linux parses them: the size takes memparse suffixes (K, M, G, T, P, E, either
 * case), the base is C-style (0x hex, leading-0 octal, else decimal), irq and id decimal;
 * an id not given is counted as Linux counts it (has_id false).  Parsing stops at "--".
 *
 * returns:
 *	how many were found (up to @max are stored)
 *	-VDISC_EINVAL, a NULL @cmdline or @out, or a malformed parameter (see @bad_at)
 */
int vdisc_virtio_mmio_cmdline(const char *cmdline, struct vdisc_virtio_mmio_param *out,
			      unsigned max, size_t *bad_at);

#ifdef __cplusplus
}
#endif

#endif
