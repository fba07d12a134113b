/* SPDX-License-Identifier: MIT */
#ifndef VDISC_TEST_FAKE_PCI_H
#define VDISC_TEST_FAKE_PCI_H

/*
 * A configuration-space backend for the tests: an array of functions, each
 * a 4096-byte space that behaves like hardware where the enumerator can
 * tell the difference.
 *
 *  - Every dword has a writable mask; a write changes only those bits of
 *    the byte lanes it covers.  IDs, class, header type and status are
 *    read-only; other header registers are writable unless set otherwise.
 *  - A BAR is a register whose writable bits are its address bits: writing
 *    all ones reads back the size mask with the type bits (I/O bit 0,
 *    memory type and prefetch bits), the upper half of a 64-bit BAR is the
 *    next register, and the ROM register keeps its enable bit as written.
 *  - An address with no function reads all ones; writes to it are dropped.
 *  - Every read and write is logged, and each function keeps its initial
 *    image so that a test can list the registers left changed.
 *  - Faults: a read that fails with -VDISC_EIO, a write silently ignored,
 *    a register that sticks at the first value written (never restores).
 *
 *	struct fake_pci *f = fake_pci_new();
 *	struct fake_pci_fn *d = fake_pci_add(f, FAKE_ADDR(0, 0, 3, 0), 0x1af4, 0x1042,
 *					     0x010000, 0x00);
 *	fake_pci_bar_mem32(d, 0, 0xfebf0000, 0x4000, false);
 *	fake_pci_ops(f, FAKE_PCI_WRITE, &ops);
 *	... vdisc_pci_enumerate(&ops, &opt, &model) ...
 *	assert_int_equal(fake_pci_changed(f, NULL, 0), 0);
 *	fake_pci_free(f);
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <vdisc/vdisc.h>

#define FAKE_PCI_MAX_FNS 64
#define FAKE_PCI_SPACE 4096
#define FAKE_PCI_MAX_FAULTS 8
#define FAKE_PCI_LOG_MAX 65536

#define FAKE_ADDR(seg, bus, dev, fn) \
	((struct vdisc_pci_addr){(uint16_t)(seg), (uint8_t)(bus), (uint8_t)(dev), (uint8_t)(fn)})

struct fake_pci_fn {
	struct vdisc_pci_addr addr;
	uint16_t size; /* bytes that answer (64, 256, 4096); beyond reads ones */
	bool listed;   /* named by list() (default true) */
	uint8_t init[FAKE_PCI_SPACE];
	uint8_t cfg[FAKE_PCI_SPACE];
	uint32_t wmask[FAKE_PCI_SPACE / 4];
};

enum fake_pci_fault_kind {
	FAKE_FAULT_READ_EIO = 1,  /* the read returns -VDISC_EIO (and all ones) */
	FAKE_FAULT_WRITE_IGNORED, /* the write returns 0 and changes nothing */
	FAKE_FAULT_STICKY,	  /* the first write lands; later ones are ignored */
};

struct fake_pci_fault {
	enum fake_pci_fault_kind kind;
	struct vdisc_pci_addr addr;
	uint16_t offset; /* the access's offset must equal this */
	unsigned width;	 /* 0: any width */
	unsigned skip;	 /* let this many matching accesses through first */
	unsigned times;	 /* then fail this many (0: all later ones); STICKY ignores it */
	unsigned hits;	 /* matching accesses so far */
};

struct fake_pci_access {
	struct vdisc_pci_addr addr;
	uint16_t offset;
	uint8_t width;
	bool write;
	bool applied;	  /* writes: changed the register (not dropped by a fault/absence) */
	uint32_t value;	  /* written, or read back */
	uint16_t command; /* the function's command register just before a write */
};

struct fake_pci {
	struct fake_pci_fn fns[FAKE_PCI_MAX_FNS];
	unsigned nfns;
	struct fake_pci_fault faults[FAKE_PCI_MAX_FAULTS];
	unsigned nfaults;
	struct fake_pci_access log[FAKE_PCI_LOG_MAX];
	unsigned nlog;	       /* entries kept (at most FAKE_PCI_LOG_MAX) */
	unsigned long nreads;  /* every read, kept or not */
	unsigned long nwrites; /* every write, kept or not */
	unsigned bad_accesses; /* misaligned, bad width, past 4096: the caller broke the contract */
	int list_error;	       /* list() returns this after visiting everything, if non-zero */
};

/* A zeroed fake on the heap (it is large); NULL when out of memory. */
struct fake_pci *fake_pci_new(void);
void fake_pci_free(struct fake_pci *f);

/*
 * A function of type @header_type (bit 7: multi-function) answering 4096
 * bytes, all zero but for the ids, class and header type, with the
 * writable masks of a plain device.  NULL when the fake is full.
 */
struct fake_pci_fn *fake_pci_add(struct fake_pci *f, struct vdisc_pci_addr addr, uint16_t vendor,
				 uint16_t device, uint32_t class_code, uint8_t header_type);
struct fake_pci_fn *fake_pci_find(struct fake_pci *f, struct vdisc_pci_addr addr);

/* Set a register in both the initial and the live image (little-endian). */
void fake_pci_set8(struct fake_pci_fn *fn, uint16_t off, uint8_t v);
void fake_pci_set16(struct fake_pci_fn *fn, uint16_t off, uint16_t v);
void fake_pci_set32(struct fake_pci_fn *fn, uint16_t off, uint32_t v);
/* Which bits of the dword at @off (a multiple of 4) a write can change. */
void fake_pci_set_wmask(struct fake_pci_fn *fn, uint16_t off, uint32_t wmask);
uint32_t fake_pci_get32(const struct fake_pci_fn *fn, uint16_t off);
uint16_t fake_pci_get16(const struct fake_pci_fn *fn, uint16_t off);

/*
 * A BAR register at @reg holding @value, reading back @readback after all
 * ones are written: the type bits of @value and @readback must agree.
 * @rom: the expansion ROM register (its bit 0 is writable as is).
 */
void fake_pci_bar_raw(struct fake_pci_fn *fn, uint16_t reg, uint32_t value, uint32_t readback,
		      bool rom);
/* The usual kinds, @size a power of two. */
void fake_pci_bar_mem32(struct fake_pci_fn *fn, unsigned index, uint32_t address, uint32_t size,
			bool prefetchable);
void fake_pci_bar_mem64(struct fake_pci_fn *fn, unsigned index, uint64_t address, uint64_t size,
			bool prefetchable);
/* @upper16_zero: the upper 16 bits are hard-wired to zero (a 64 KiB I/O space). */
void fake_pci_bar_io(struct fake_pci_fn *fn, unsigned index, uint32_t address, uint32_t size,
		     bool upper16_zero);
/* @reg: 0x30 (type 0) or 0x38 (type 1). */
void fake_pci_rom(struct fake_pci_fn *fn, uint16_t reg, uint32_t address, uint32_t size,
		  bool enabled);
/* Bus numbers of a type 1 or 2 function. */
void fake_pci_bus_numbers(struct fake_pci_fn *fn, uint8_t primary, uint8_t secondary,
			  uint8_t subordinate);
/*
 * Append a standard capability with @id at @off to the chain: sets the
 * status bit and links it from the last one (or the pointer register).
 * The caller fills in the body.
 */
void fake_pci_add_cap(struct fake_pci_fn *fn, uint16_t off, uint8_t id);

void fake_pci_add_fault(struct fake_pci *f, enum fake_pci_fault_kind kind,
			struct vdisc_pci_addr addr, uint16_t offset, unsigned width, unsigned skip,
			unsigned times);

/* Which hooks the ops get besides read. */
#define FAKE_PCI_WRITE (1u << 0)
#define FAKE_PCI_CONFIG_SIZE (1u << 1)
#define FAKE_PCI_LIST (1u << 2)
void fake_pci_ops(struct fake_pci *f, unsigned hooks, struct vdisc_pci_ops *ops);

/* A register whose live value differs from the initial image. */
struct fake_pci_change {
	struct vdisc_pci_addr addr;
	uint16_t offset; /* of the dword */
	uint32_t was, now;
};

/* How many dwords differ from the initial images; the first @max go to @out. */
unsigned fake_pci_changed(const struct fake_pci *f, struct fake_pci_change *out, unsigned max);

/* Logged accesses at @addr and @offset (any width); @write selects writes or reads. */
unsigned fake_pci_count(const struct fake_pci *f, struct vdisc_pci_addr addr, uint16_t offset,
			bool write);
/* Writes to @addr, all offsets. */
unsigned fake_pci_writes_to(const struct fake_pci *f, struct vdisc_pci_addr addr);
/*
 * How often a bus was scanned: reads of the vendor id of its device 31,
 * function 0, the last slot a scan probes (the tests leave it empty).
 */
unsigned fake_pci_bus_probes(const struct fake_pci *f, uint16_t segment, uint8_t bus);

bool fake_pci_addr_eq(struct vdisc_pci_addr a, struct vdisc_pci_addr b);

#endif
