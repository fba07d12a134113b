/* SPDX-License-Identifier: MIT */
#include <inttypes.h>
#include <string.h>

#include "cli.h"
#include "hosted/pci_kernel.h"
#include "pci_caps_text.h"
#include "pci_cli.h"

/*
 * lspci -v, -vv and -vvv for one function, up to its capabilities: the
 * header's registers in lspci's order and words (pciutils 3.9 is the
 * reference, quirks included, so that scripts reading one read the other).
 *
 * Two views of addresses and IRQs, as lspci has them: the kernel's (sysfs
 * resource and irq files: CPU addresses, sizes, the kernel's idea of each
 * region's type) on a live sysfs source, and the bus's (configuration space
 * alone) for dumps, other sources and -b.
 */

#define PVERB_FLAG(reg, bit) ((reg) & (bit) ? '+' : '-')
#define PVERB_ADDR_FLAGS 0xfu /* the low bits lspci keeps beside a kernel start address */

/* One function being printed. */
struct pverb {
	FILE *out;
	const struct vdisc_pci_function *fn;
	const struct pci_extra *x;
	const struct pci_options *opt;
	const struct vdisc_pci_kernel *k; /* the kernel's view, or NULL (see kview) */
	bool kview;			  /* BARs and IRQ from the kernel: live sysfs without -b */
	uint8_t layout;
};

/* lspci's size suffix: powers of 1024 up to T, the count as a 32-bit number. */
static void pverb_size(FILE *out, uint64_t size)
{
	static const char *const suffix[] = {"", "K", "M", "G", "T"};
	unsigned i = 0;

	if (!size)
		return;
	while (i < 4 && size % 1024 == 0) {
		size /= 1024;
		i++;
	}
	fprintf(out, " [size=%u%s]", (unsigned)size, suffix[i]);
}

static const char *pverb_devsel(uint16_t status)
{
	static const char *const devsel[] = {"fast", "medium", "slow", "??"};

	return devsel[(status & VDISC_PCI_STATUS_DEVSEL_MASK) >> VDISC_PCI_STATUS_DEVSEL_SHIFT];
}

/* libpci's "Vendor Device" pair for the subsystem, numbers per -n/-nn. */
static void pverb_subsystem(FILE *out, const struct vdisc_pci_function *fn, int numeric)
{
	char v[PCI_NAME_LEN], d[PCI_NAME_LEN], line[PCI_NAME_LEN];
	uint16_t sv = fn->subsystem_vendor_id, sd = fn->subsystem_id;
	const char *vn = numeric == 1 ? NULL : pci_vendor_name(sv, v, sizeof(v));
	const char *dn = numeric == 1 ? NULL
				      : pci_subsystem_name(fn->vendor_id, fn->device_id, sv, sd, d,
							   sizeof(d));
	int n;

	if (numeric == 1)
		n = snprintf(line, sizeof(line), "%04x:%04x", sv, sd);
	else if (numeric == 2 && vn)
		n = snprintf(line, sizeof(line), "%s %s [%04x:%04x]", vn, dn ? dn : "Device", sv,
			     sd);
	else if (numeric == 2)
		n = snprintf(line, sizeof(line), "Device [%04x:%04x]", sv, sd);
	else if (vn && dn)
		n = snprintf(line, sizeof(line), "%s %s", vn, dn);
	else if (vn)
		n = snprintf(line, sizeof(line), "%s Device %04x", vn, sd);
	else
		n = snprintf(line, sizeof(line), "Device %04x:%04x", sv, sd);
	/* libpci marks a name cut at its buffer with three dots. */
	if (n >= (int)sizeof(line))
		memcpy(line + sizeof(line) - 4, "...", 3);
	fprintf(out, "\tSubsystem: %s\n", line);
}

void pci_print_ident_lines(FILE *out, const struct vdisc_pci_function *fn,
			   const struct vdisc_pci_kernel *k, const struct pci_options *opt)
{
	/* The label file ends in its own newline, and lspci prints it as it is. */
	if (k && k->label[0])
		fprintf(out, "\tDeviceName: %s", k->label);
	if (fn->has_subsystem && fn->subsystem_vendor_id && fn->subsystem_vendor_id != 0xffff)
		pverb_subsystem(out, fn, opt->numeric);
}

/* Control, Status and the latency line of -vv. */
static void pverb_control(const struct pverb *v)
{
	uint16_t c = v->fn->command, s = v->fn->status;

	fprintf(v->out,
		"\tControl: I/O%c Mem%c BusMaster%c SpecCycle%c MemWINV%c VGASnoop%c ParErr%c "
		"Stepping%c SERR%c FastB2B%c DisINTx%c\n",
		PVERB_FLAG(c, VDISC_PCI_COMMAND_IO), PVERB_FLAG(c, VDISC_PCI_COMMAND_MEMORY),
		PVERB_FLAG(c, VDISC_PCI_COMMAND_MASTER), PVERB_FLAG(c, VDISC_PCI_COMMAND_SPECIAL),
		PVERB_FLAG(c, VDISC_PCI_COMMAND_INVALIDATE),
		PVERB_FLAG(c, VDISC_PCI_COMMAND_VGA_PALETTE),
		PVERB_FLAG(c, VDISC_PCI_COMMAND_PARITY), PVERB_FLAG(c, VDISC_PCI_COMMAND_STEPPING),
		PVERB_FLAG(c, VDISC_PCI_COMMAND_SERR), PVERB_FLAG(c, VDISC_PCI_COMMAND_FAST_BACK),
		PVERB_FLAG(c, VDISC_PCI_COMMAND_INTX_DISABLE));
	fprintf(v->out,
		"\tStatus: Cap%c 66MHz%c UDF%c FastB2B%c ParErr%c DEVSEL=%s >TAbort%c <TAbort%c "
		"<MAbort%c >SERR%c <PERR%c INTx%c\n",
		PVERB_FLAG(s, VDISC_PCI_STATUS_CAP_LIST), PVERB_FLAG(s, VDISC_PCI_STATUS_66MHZ),
		PVERB_FLAG(s, VDISC_PCI_STATUS_UDF), PVERB_FLAG(s, VDISC_PCI_STATUS_FAST_BACK),
		PVERB_FLAG(s, VDISC_PCI_STATUS_PARITY), pverb_devsel(s),
		PVERB_FLAG(s, VDISC_PCI_STATUS_SIG_TARGET_ABORT),
		PVERB_FLAG(s, VDISC_PCI_STATUS_REC_TARGET_ABORT),
		PVERB_FLAG(s, VDISC_PCI_STATUS_REC_MASTER_ABORT),
		PVERB_FLAG(s, VDISC_PCI_STATUS_SIG_SYSTEM_ERROR),
		PVERB_FLAG(s, VDISC_PCI_STATUS_DETECTED_PARITY),
		PVERB_FLAG(s, VDISC_PCI_STATUS_INTERRUPT));
	if (!(c & VDISC_PCI_COMMAND_MASTER))
		return;
	/* MIN_GNT and MAX_LAT count 250 ns units (PCI Local Bus 3.0, 6.2.4). */
	fprintf(v->out, "\tLatency: %u", v->fn->latency_timer);
	if (v->fn->min_gnt || v->fn->max_lat) {
		fputs(" (", v->out);
		if (v->fn->min_gnt)
			fprintf(v->out, "%uns min", v->fn->min_gnt * 250u);
		if (v->fn->min_gnt && v->fn->max_lat)
			fputs(", ", v->out);
		if (v->fn->max_lat)
			fprintf(v->out, "%uns max", v->fn->max_lat * 250u);
		fputc(')', v->out);
	}
	if (v->fn->cache_line_size)
		fprintf(v->out, ", Cache Line Size: %u bytes", v->fn->cache_line_size * 4u);
	fputc('\n', v->out);
}

static int pverb_irq(const struct pverb *v)
{
	return v->kview && v->k->irq >= 0 ? v->k->irq : v->fn->interrupt_line;
}

static bool pverb_unknown(const struct pverb *v)
{
	return v->layout > VDISC_PCI_HEADER_CARDBUS;
}

/* -vv: the interrupt pin and where it is routed, then NUMA node and IOMMU group. */
static void pverb_interrupt(const struct pverb *v)
{
	unsigned pin = pverb_unknown(v) ? 0 : v->fn->interrupt_pin;
	int irq = pverb_irq(v);

	if (pin || irq)
		fprintf(v->out, "\tInterrupt: pin %c routed to IRQ %d\n",
			pin ? (char)('A' + pin - 1) : '?', irq);
	if (v->x && v->x->known && v->x->info.numa_node != -1)
		fprintf(v->out, "\tNUMA node: %d\n", v->x->info.numa_node);
	if (v->x && v->x->known && v->x->info.iommu_group >= 0)
		fprintf(v->out, "\tIOMMU group: %d\n", v->x->info.iommu_group);
}

/* -v: the one-line summary of the same registers. */
static void pverb_flags(const struct pverb *v)
{
	uint16_t c = v->fn->command, s = v->fn->status;
	int irq = pverb_irq(v);

	fputs("\tFlags: ", v->out);
	if (c & VDISC_PCI_COMMAND_MASTER)
		fputs("bus master, ", v->out);
	if (c & VDISC_PCI_COMMAND_VGA_PALETTE)
		fputs("VGA palette snoop, ", v->out);
	if (c & VDISC_PCI_COMMAND_STEPPING)
		fputs("stepping, ", v->out);
	if (c & VDISC_PCI_COMMAND_FAST_BACK)
		fputs("fast Back2Back, ", v->out);
	if (s & VDISC_PCI_STATUS_66MHZ)
		fputs("66MHz, ", v->out);
	if (s & VDISC_PCI_STATUS_UDF)
		fputs("user-definable features, ", v->out);
	fprintf(v->out, "%s devsel", pverb_devsel(s));
	if (c & VDISC_PCI_COMMAND_MASTER)
		fprintf(v->out, ", latency %u", v->fn->latency_timer);
	if (irq)
		fprintf(v->out, ", IRQ %d", irq);
	if (v->x && v->x->known && v->x->info.numa_node != -1)
		fprintf(v->out, ", NUMA node %d", v->x->info.numa_node);
	if (v->x && v->x->known && v->x->info.iommu_group >= 0)
		fprintf(v->out, ", IOMMU group %d", v->x->info.iommu_group);
	fputc('\n', v->out);
}

/* What lspci checks before the layout's own lines. */
static void pverb_sanity(const struct pverb *v)
{
	uint16_t cls = (uint16_t)(v->fn->class_code >> 8);

	if (v->layout == VDISC_PCI_HEADER_NORMAL && cls == 0x0604)
		fprintf(v->out, "\t!!! Invalid class %04x for header type %02x\n", cls, v->layout);
	else if ((v->layout == VDISC_PCI_HEADER_BRIDGE || v->layout == VDISC_PCI_HEADER_CARDBUS) &&
		 (cls >> 8) != 0x06)
		fprintf(v->out, "\t!!! Invalid class %04x for header type %02x\n", cls, v->layout);
	else if (pverb_unknown(v))
		fprintf(v->out, "\t!!! Unknown header type %02x\n", v->layout);
}

static void pverb_bist(const struct pverb *v)
{
	uint8_t bist = pverb_unknown(v) ? 0 : v->fn->bist;

	if (!(bist & VDISC_PCI_BIST_CAPABLE))
		return;
	if (bist & VDISC_PCI_BIST_START)
		fputs("\tBIST is running\n", v->out);
	else
		fprintf(v->out, "\tBIST result: %02x\n", bist & VDISC_PCI_BIST_CODE_MASK);
}

/* A region as lspci sees it: the address with its flag bits, their flags, a size. */
struct pverb_region {
	uint64_t pos;	/* address | the register's low flag bits */
	uint32_t flg;	/* BAR-format flags: from the register, or made from the kernel's */
	uint64_t len;	/* 0 where unknown */
	uint64_t ioflg; /* the kernel's IORESOURCE flags, 0 without the kernel's view */
	bool upper;	/* the upper half of the 64-bit BAR before it: no region of its own */
};

/* The kernel's resource flags in the BAR's own format, as lspci compares them. */
static uint32_t pverb_kernel_flags(uint64_t ioflg)
{
	uint32_t flg;

	if (ioflg & VDISC_IORESOURCE_IO)
		return VDISC_PCI_BAR_SPACE_IO;
	if (!(ioflg & VDISC_IORESOURCE_MEM))
		return 0;
	flg = ioflg & VDISC_IORESOURCE_MEM_64 ? VDISC_PCI_BAR_MEM_TYPE_64
					      : VDISC_PCI_BAR_MEM_TYPE_32;
	if (ioflg & VDISC_IORESOURCE_PREFETCH)
		flg |= VDISC_PCI_BAR_MEM_PREFETCH;
	return flg;
}

static uint64_t pverb_res_size(const struct vdisc_pci_kernel_res *r)
{
	return r->end > r->start ? r->end - r->start + 1 : 0;
}

/* vdisc's own sizing (--size-bars on a writable source), which lspci cannot do. */
static uint64_t pverb_sized(const struct vdisc_pci_function *fn, unsigned index)
{
	unsigned i;

	for (i = 0; i < fn->nbars; i++)
		if (fn->bars[i].index == index && fn->bars[i].has_size)
			return fn->bars[i].size;
	return 0;
}

/*
 * The bus's view of BAR @i of @cnt, as libpci fills it from configuration
 * space: a 64-bit BAR takes the next register as its upper half and that
 * register then holds no address of its own; one in the last slot has none.
 * lspci 3.9 reading a dump still prints a non-zero upper half as a region
 * of its own, from its low bits ("I/O ports at 0000"); vdisc does not
 * (docs/pci-agreement.md).
 */
static void pverb_bus_region(const struct pverb *v, unsigned i, unsigned cnt,
			     struct pverb_region *r)
{
	const struct vdisc_pci_function *fn = v->fn;
	unsigned j;

	memset(r, 0, sizeof(*r));
	r->flg = vdisc_pci_cfg32(fn, VDISC_PCI_BASE_ADDRESS_0 + 4 * i);
	r->len = pverb_sized(fn, i);
	for (j = 0; j < cnt; j++) {
		uint32_t reg = vdisc_pci_cfg32(fn, VDISC_PCI_BASE_ADDRESS_0 + 4 * j);
		bool mem64 = !(reg & VDISC_PCI_BAR_SPACE_IO) &&
			     (reg & VDISC_PCI_BAR_MEM_TYPE_MASK) == VDISC_PCI_BAR_MEM_TYPE_64;

		if (!reg || reg == 0xffffffff)
			continue;
		if (mem64 && j + 1 >= cnt)
			continue;
		if (mem64 && j + 1 == i)
			r->upper = true;
		if (j == i)
			r->pos = mem64 ? reg | (uint64_t)vdisc_pci_cfg32(
						       fn, VDISC_PCI_BASE_ADDRESS_0 + 4 * (j + 1))
							 << 32
				       : reg;
		if (mem64)
			j++;
	}
}

static void pverb_region(const struct pverb *v, unsigned i, unsigned cnt, bool no_config,
			 struct pverb_region *r)
{
	memset(r, 0, sizeof(*r));
	if (v->kview && v->k->nres > i) {
		const struct vdisc_pci_kernel_res *kr = &v->k->res[i];

		r->pos = kr->start | (kr->flags & PVERB_ADDR_FLAGS);
		r->len = pverb_res_size(kr);
		r->ioflg = kr->flags;
		r->flg = pverb_kernel_flags(kr->flags);
	} else if (!no_config) {
		pverb_bus_region(v, i, cnt, r);
	}
	if (r->flg == 0xffffffff)
		r->flg = 0;
}

/* Where the kernel has an address the device's register does not: "virtual" (an SR-IOV VF). */
static bool pverb_virtual(const struct pverb *v, unsigned i, unsigned cnt,
			  const struct pverb_region *r, uint32_t *hw_lower, bool *broken)
{
	uint32_t hw_upper = 0;

	*hw_lower = vdisc_pci_cfg32(v->fn, VDISC_PCI_BASE_ADDRESS_0 + 4 * i);
	if ((*hw_lower & VDISC_PCI_BAR_SPACE_IO) != (r->flg & VDISC_PCI_BAR_SPACE_IO))
		return false;
	if ((r->ioflg & VDISC_IORESOURCE_TYPE_BITS) == VDISC_IORESOURCE_MEM &&
	    (*hw_lower & VDISC_PCI_BAR_MEM_TYPE_MASK) == VDISC_PCI_BAR_MEM_TYPE_64) {
		if (i + 1 >= cnt)
			*broken = true;
		else /* the register after: lspci 3.9 reads one byte past the BAR instead */
			hw_upper = vdisc_pci_cfg32(v->fn, VDISC_PCI_BASE_ADDRESS_0 + 4 * (i + 1));
	}
	return r->pos && !*hw_lower && !hw_upper && !(r->ioflg & VDISC_IORESOURCE_PCI_EA_BEI);
}

static void pverb_io_region(const struct pverb *v, const struct pverb_region *r, uint16_t cmd,
			    uint32_t hw_lower, bool virt)
{
	uint64_t a = r->pos & ~(uint64_t)3;

	fputs("I/O ports at ", v->out);
	if (a || (cmd & VDISC_PCI_COMMAND_IO))
		fprintf(v->out, "%04" PRIx64, a);
	else
		fputs(hw_lower ? "<ignored>" : "<unassigned>", v->out);
	if (virt)
		fputs(" [virtual]", v->out);
	else if (!(cmd & VDISC_PCI_COMMAND_IO))
		fputs(" [disabled]", v->out);
}

static void pverb_mem_region(const struct pverb *v, const struct pverb_region *r, uint16_t cmd,
			     uint32_t hw_lower, bool broken, bool virt)
{
	static const char *const types[] = {"32-bit", "low-1M", "64-bit", "type 3"};
	uint64_t a = r->pos & ~(uint64_t)0xf;

	fputs("Memory at ", v->out);
	if (broken)
		fputs("<broken-64-bit-slot>", v->out);
	else if (a)
		fprintf(v->out, "%08" PRIx64, a);
	else
		fputs(hw_lower ? "<ignored>" : "<unassigned>", v->out);
	fprintf(v->out, " (%s, %sprefetchable)", types[(r->flg & VDISC_PCI_BAR_MEM_TYPE_MASK) >> 1],
		r->flg & VDISC_PCI_BAR_MEM_PREFETCH ? "" : "non-");
	if (virt)
		fputs(" [virtual]", v->out);
	else if (!(cmd & VDISC_PCI_COMMAND_MEMORY))
		fputs(" [disabled]", v->out);
}

/* The BARs (show_bases); @no_config: an unknown layout, whose registers mean nothing. */
static void pverb_bases(const struct pverb *v, unsigned cnt, bool no_config)
{
	uint16_t cmd = no_config ? VDISC_PCI_COMMAND_IO | VDISC_PCI_COMMAND_MEMORY : v->fn->command;
	unsigned i;

	for (i = 0; i < cnt; i++) {
		struct pverb_region r;
		uint32_t hw_lower = 0;
		bool broken = false, virt = false;

		pverb_region(v, i, cnt, no_config, &r);
		if ((!r.pos && !r.flg && !r.len) || r.upper)
			continue;
		if (v->opt->verbose > 1)
			fprintf(v->out, "\tRegion %u: ", i);
		else
			fputc('\t', v->out);
		if (v->kview && v->k->nres > i && !no_config)
			virt = pverb_virtual(v, i, cnt, &r, &hw_lower, &broken);
		if (r.flg & VDISC_PCI_BAR_SPACE_IO)
			pverb_io_region(v, &r, cmd, hw_lower, virt);
		else
			pverb_mem_region(v, &r, cmd, hw_lower, broken, virt);
		if (r.ioflg & VDISC_IORESOURCE_PCI_EA_BEI)
			fputs(" [enhanced]", v->out);
		pverb_size(v->out, r.len);
		fputc('\n', v->out);
	}
}

/* The expansion ROM (show_rom); @reg < 0: no register to read (unknown layout). */
static void pverb_rom(const struct pverb *v, int reg)
{
	const struct vdisc_pci_kernel_res *kr = v->kview && v->k->nres > 6 ? &v->k->res[6] : NULL;
	uint64_t rom = 0, len = kr ? pverb_res_size(kr) : pverb_sized(v->fn, VDISC_PCI_MAX_BARS);
	uint64_t ioflg = kr ? kr->flags : 0;
	uint32_t flg = reg >= 0 ? vdisc_pci_cfg32(v->fn, (uint32_t)reg) : pverb_kernel_flags(ioflg);
	uint16_t cmd = reg >= 0 ? v->fn->command : VDISC_PCI_COMMAND_MEMORY;
	bool virt = false;

	if (kr)
		rom = kr->start | (kr->flags & PVERB_ADDR_FLAGS);
	else if (reg >= 0 && flg != 0xffffffff)
		rom = flg;
	if (!rom && !flg && !len)
		return;
	if (reg >= 0 && (rom & VDISC_PCI_ROM_ADDRESS_MASK) && !(flg & VDISC_PCI_ROM_ADDRESS_MASK) &&
	    !(ioflg & VDISC_IORESOURCE_PCI_EA_BEI)) {
		flg = (uint32_t)rom;
		virt = true;
	}
	fputs("\tExpansion ROM at ", v->out);
	if (rom & VDISC_PCI_ROM_ADDRESS_MASK)
		fprintf(v->out, "%08" PRIx64, rom & VDISC_PCI_ROM_ADDRESS_MASK);
	else
		fputs(flg & VDISC_PCI_ROM_ADDRESS_MASK ? "<ignored>" : "<unassigned>", v->out);
	if (virt)
		fputs(" [virtual]", v->out);
	if (!(flg & VDISC_PCI_ROM_ENABLE))
		fputs(" [disabled]", v->out);
	else if (!virt && !(cmd & VDISC_PCI_COMMAND_MEMORY))
		fputs(" [disabled by cmd]", v->out);
	if (ioflg & VDISC_IORESOURCE_PCI_EA_BEI)
		fputs(" [enhanced]", v->out);
	pverb_size(v->out, len);
	fputc('\n', v->out);
}

/* A bridge window (show_range): digits for its width, the range even when empty at -vvv. */
static void pverb_range(const struct pverb *v, const char *what, uint64_t base, uint64_t limit,
			int bits, bool disabled)
{
	fprintf(v->out, "\t%s:", what);
	if (base <= limit || v->opt->verbose > 2)
		fprintf(v->out, " %0*" PRIx64 "-%0*" PRIx64, (bits + 3) / 4, base, (bits + 3) / 4,
			limit);
	if (!disabled && base <= limit)
		pverb_size(v->out, limit - base + 1);
	else
		fputs(" [disabled]", v->out);
	if (bits)
		fprintf(v->out, " [%d-bit]", bits);
	fputc('\n', v->out);
}

/* The kernel's windows of a configured bridge, when the kernel view has them. */
static bool pverb_kwindows(const struct pverb *v, struct vdisc_pci_kernel_res win[4])
{
	return v->kview && vdisc_pci_kernel_bridge_windows(v->k, win);
}

static void pverb_io_window(const struct pverb *v, const struct vdisc_pci_kernel_res *kw)
{
	const struct vdisc_pci_window *w = &v->fn->io_window;
	bool disabled = kw && !pverb_res_size(kw);
	uint32_t base, limit;

	if (kw && !disabled) {
		/* lspci takes the width from the low bits of the kernel's start address. */
		base = (uint32_t)(kw->start & ~(uint64_t)0xf);
		limit = base + (uint32_t)pverb_res_size(kw) - 1;
		pverb_range(v, "I/O behind bridge", base, limit,
			    (kw->start & 0xf) == VDISC_PCI_IO_RANGE_TYPE_32 ? 32 : 16, false);
		return;
	}
	if (w->bad_type) {
		fprintf(v->out, "\t!!! Unknown I/O range types %x/%x\n", w->base_reg, w->limit_reg);
		return;
	}
	base = (uint32_t)(w->base & ~(uint64_t)(VDISC_PCI_IO_WINDOW_GRANULE - 1));
	limit = (uint32_t)(w->limit & ~(uint64_t)(VDISC_PCI_IO_WINDOW_GRANULE - 1));
	/* Both zero with the kernel saying "none": the bridge has no I/O window at all. */
	if (base == 0 && limit == 0 && disabled)
		return;
	pverb_range(v, "I/O behind bridge", base, limit + VDISC_PCI_IO_WINDOW_GRANULE - 1,
		    w->is64 ? 32 : 16, disabled);
}

static void pverb_mem_windows(const struct pverb *v, const struct vdisc_pci_kernel_res *kw)
{
	const struct vdisc_pci_window *m = &v->fn->mem_window, *p = &v->fn->pref_window;
	bool mem_off = kw && !pverb_res_size(&kw[1]), pref_off = kw && !pverb_res_size(&kw[2]);
	uint64_t base, limit;

	if (kw && !mem_off) {
		uint32_t b32 = (uint32_t)(kw[1].start & ~(uint64_t)0xf);

		pverb_range(v, "Memory behind bridge", b32,
			    (uint32_t)(b32 + pverb_res_size(&kw[1]) - 1), 32, false);
	} else if (m->bad_type) {
		fprintf(v->out, "\t!!! Unknown memory range types %x/%x\n", m->base_reg,
			m->limit_reg);
	} else {
		pverb_range(v, "Memory behind bridge", m->base, m->limit, 32, mem_off);
	}
	if (kw && !pref_off) {
		base = kw[2].start & ~(uint64_t)0xf;
		pverb_range(v, "Prefetchable memory behind bridge", base,
			    base + pverb_res_size(&kw[2]) - 1,
			    (kw[2].start & 0xf) == VDISC_PCI_PREF_RANGE_TYPE_64 ? 64 : 32, false);
		return;
	}
	if (p->bad_type) {
		fprintf(v->out, "\t!!! Unknown prefetchable memory range types %x/%x\n",
			p->base_reg, p->limit_reg);
		return;
	}
	base = p->base;
	limit = p->limit & ~(uint64_t)(VDISC_PCI_MEMORY_WINDOW_GRANULE - 1);
	if (base == 0 && limit == 0 && pref_off)
		return;
	pverb_range(v, "Prefetchable memory behind bridge", base, p->limit, p->is64 ? 64 : 32,
		    pref_off);
}

static void pverb_bridge_control(const struct pverb *v)
{
	uint16_t b = v->fn->bridge_control;

	fprintf(v->out,
		"\tBridgeCtl: Parity%c SERR%c NoISA%c VGA%c VGA16%c MAbort%c >Reset%c FastB2B%c\n",
		PVERB_FLAG(b, VDISC_PCI_BRIDGE_CTL_PARITY),
		PVERB_FLAG(b, VDISC_PCI_BRIDGE_CTL_SERR),
		PVERB_FLAG(b, VDISC_PCI_BRIDGE_CTL_NO_ISA), PVERB_FLAG(b, VDISC_PCI_BRIDGE_CTL_VGA),
		PVERB_FLAG(b, VDISC_PCI_BRIDGE_CTL_VGA_16BIT),
		PVERB_FLAG(b, VDISC_PCI_BRIDGE_CTL_MASTER_ABORT),
		PVERB_FLAG(b, VDISC_PCI_BRIDGE_CTL_BUS_RESET),
		PVERB_FLAG(b, VDISC_PCI_BRIDGE_CTL_FAST_BACK));
	fprintf(v->out, "\t\tPriDiscTmr%c SecDiscTmr%c DiscTmrStat%c DiscTmrSERREn%c\n",
		PVERB_FLAG(b, VDISC_PCI_BRIDGE_CTL_PRI_DISCARD_TIMER),
		PVERB_FLAG(b, VDISC_PCI_BRIDGE_CTL_SEC_DISCARD_TIMER),
		PVERB_FLAG(b, VDISC_PCI_BRIDGE_CTL_DISCARD_TIMER_STATUS),
		PVERB_FLAG(b, VDISC_PCI_BRIDGE_CTL_DISCARD_TIMER_SERR_EN));
}

/* Type 1: a PCI-to-PCI bridge (show_htype1). */
static void pverb_htype1(const struct pverb *v)
{
	const struct vdisc_pci_function *fn = v->fn;
	struct vdisc_pci_kernel_res win[4];
	bool kw = pverb_kwindows(v, win);
	uint16_t s = fn->sec_status;

	pverb_bases(v, VDISC_PCI_NUM_BARS_BRIDGE, false);
	fprintf(v->out, "\tBus: primary=%02x, secondary=%02x, subordinate=%02x, sec-latency=%u\n",
		fn->primary_bus, fn->secondary_bus, fn->subordinate_bus, fn->sec_latency);
	pverb_io_window(v, kw ? &win[0] : NULL);
	pverb_mem_windows(v, kw ? win : NULL);
	if (v->opt->verbose > 1)
		fprintf(v->out,
			"\tSecondary status: 66MHz%c FastB2B%c ParErr%c DEVSEL=%s >TAbort%c "
			"<TAbort%c <MAbort%c <SERR%c <PERR%c\n",
			PVERB_FLAG(s, VDISC_PCI_STATUS_66MHZ),
			PVERB_FLAG(s, VDISC_PCI_STATUS_FAST_BACK),
			PVERB_FLAG(s, VDISC_PCI_STATUS_PARITY), pverb_devsel(s),
			PVERB_FLAG(s, VDISC_PCI_STATUS_SIG_TARGET_ABORT),
			PVERB_FLAG(s, VDISC_PCI_STATUS_REC_TARGET_ABORT),
			PVERB_FLAG(s, VDISC_PCI_STATUS_REC_MASTER_ABORT),
			PVERB_FLAG(s, VDISC_PCI_STATUS_SIG_SYSTEM_ERROR),
			PVERB_FLAG(s, VDISC_PCI_STATUS_DETECTED_PARITY));
	pverb_rom(v, VDISC_PCI_BRIDGE_ROM_ADDRESS);
	if (v->opt->verbose > 1)
		pverb_bridge_control(v);
}

/* A CardBus bridge's two memory and two I/O windows (PC Card 8.0). */
static void pverb_cb_windows(const struct pverb *v)
{
	const struct vdisc_pci_cardbus *cb = &v->fn->cardbus;
	uint16_t cmd = v->fn->command, brc = v->fn->bridge_control;
	bool all = v->opt->verbose > 2;
	unsigned i;

	for (i = 0; i < 2; i++) {
		uint32_t base = cb->mem_base[i];
		uint32_t limit = cb->mem_limit[i] + VDISC_PCI_CB_MEMORY_WINDOW_GRANULE - 1;

		if (base <= limit || all)
			fprintf(v->out, "\tMemory window %u: %08x-%08x%s%s\n", i, base, limit,
				cmd & VDISC_PCI_COMMAND_MEMORY ? "" : " [disabled]",
				brc & (VDISC_PCI_CB_BRIDGE_CTL_PREFETCH_MEM0 << i)
					? " (prefetchable)"
					: "");
	}
	for (i = 0; i < 2; i++) {
		uint32_t base = cb->io_base[i], limit = cb->io_limit[i];

		/* A 16-bit window (type bit clear) decodes the low 64 KiB only. */
		if (!(base & VDISC_PCI_IO_RANGE_TYPE_32)) {
			base &= 0xffff;
			limit &= 0xffff;
		}
		base &= VDISC_PCI_CB_IO_WINDOW_MASK;
		limit = (limit & VDISC_PCI_CB_IO_WINDOW_MASK) + 3;
		if (base <= limit || all)
			fprintf(v->out, "\tI/O window %u: %08x-%08x%s\n", i, base, limit,
				cmd & VDISC_PCI_COMMAND_IO ? "" : " [disabled]");
	}
}

/* Type 2: a CardBus bridge (show_htype2); its capabilities need the 128-byte header. */
static bool pverb_htype2(const struct pverb *v)
{
	const struct vdisc_pci_function *fn = v->fn;
	uint16_t b = fn->bridge_control;

	pverb_bases(v, VDISC_PCI_NUM_BARS_CARDBUS, false);
	fprintf(v->out, "\tBus: primary=%02x, secondary=%02x, subordinate=%02x, sec-latency=%u\n",
		fn->primary_bus, fn->secondary_bus, fn->subordinate_bus, fn->sec_latency);
	pverb_cb_windows(v);
	if (fn->sec_status & VDISC_PCI_STATUS_SIG_SYSTEM_ERROR)
		fputs("\tSecondary status: SERR\n", v->out);
	if (v->opt->verbose > 1)
		fprintf(v->out,
			"\tBridgeCtl: Parity%c SERR%c ISA%c VGA%c MAbort%c >Reset%c 16bInt%c "
			"PostWrite%c\n",
			PVERB_FLAG(b, VDISC_PCI_CB_BRIDGE_CTL_PARITY),
			PVERB_FLAG(b, VDISC_PCI_CB_BRIDGE_CTL_SERR),
			PVERB_FLAG(b, VDISC_PCI_CB_BRIDGE_CTL_ISA),
			PVERB_FLAG(b, VDISC_PCI_CB_BRIDGE_CTL_VGA),
			PVERB_FLAG(b, VDISC_PCI_CB_BRIDGE_CTL_MASTER_ABORT),
			PVERB_FLAG(b, VDISC_PCI_CB_BRIDGE_CTL_CB_RESET),
			PVERB_FLAG(b, VDISC_PCI_CB_BRIDGE_CTL_16BIT_INT),
			PVERB_FLAG(b, VDISC_PCI_CB_BRIDGE_CTL_POST_WRITES));
	if (fn->config_size < VDISC_PCI_CB_HEADER_SIZE) {
		fputs("\t<access denied to the rest>\n", v->out);
		return false;
	}
	if (fn->cardbus.legacy_base)
		fprintf(v->out, "\t16-bit legacy interface ports at %04x\n",
			fn->cardbus.legacy_base);
	return true;
}

/* An unknown layout: only what the kernel knows (show_htype_unknown); nothing under -b. */
static void pverb_htype_unknown(const struct pverb *v)
{
	struct vdisc_pci_kernel_res win[4];
	unsigned i;

	if (v->opt->bus_centric)
		return;
	pverb_bases(v, VDISC_PCI_NUM_BARS_NORMAL, true);
	for (i = 0; pverb_kwindows(v, win) && i < 4; i++) {
		const char *what = "Unknown resource behind bridge";
		int bits = 0;

		if (!win[i].start)
			continue;
		if (win[i].flags & VDISC_IORESOURCE_IO) {
			bits = win[i].flags & VDISC_IORESOURCE_IO_16BIT_ADDR ? 16 : 32;
			what = "I/O behind bridge";
		} else if (win[i].flags & VDISC_IORESOURCE_MEM) {
			bits = win[i].flags & VDISC_IORESOURCE_MEM_64 ? 64 : 32;
			what = win[i].flags & VDISC_IORESOURCE_PREFETCH
				       ? "Prefetchable memory behind bridge"
				       : "Memory behind bridge";
		}
		pverb_range(v, what, win[i].start, win[i].start + pverb_res_size(&win[i]) - 1, bits,
			    false);
	}
	pverb_rom(v, -1);
}

static void pverb_body(const struct pverb *v)
{
	switch (v->layout) {
	case VDISC_PCI_HEADER_NORMAL:
		pverb_bases(v, VDISC_PCI_NUM_BARS_NORMAL, false);
		pverb_rom(v, VDISC_PCI_ROM_ADDRESS);
		pci_print_caps(v->out, v->fn, v->x, v->opt);
		break;
	case VDISC_PCI_HEADER_BRIDGE:
		pverb_htype1(v);
		pci_print_caps(v->out, v->fn, v->x, v->opt);
		break;
	case VDISC_PCI_HEADER_CARDBUS:
		if (pverb_htype2(v))
			pci_print_caps(v->out, v->fn, v->x, v->opt);
		break;
	default:
		pverb_htype_unknown(v);
		break;
	}
}

void pci_print_verbose(FILE *out, const struct vdisc_pci_function *fn, const struct pci_extra *x,
		       const struct vdisc_pci_kernel *k, const struct pci_options *opt)
{
	struct pverb v = {out,
			  fn,
			  x,
			  opt,
			  k,
			  k && !opt->bus_centric,
			  (uint8_t)(fn->header_type & VDISC_PCI_HEADER_LAYOUT_MASK)};

	pverb_sanity(&v);
	if (k && k->phy_slot[0])
		fprintf(out, "\tPhysical Slot: %s\n", k->phy_slot);
	if (k && k->dt_node[0])
		fprintf(out, "\tDevice tree node: %s\n", k->dt_node);
	if (!pverb_unknown(&v) && opt->verbose > 1)
		pverb_control(&v);
	if (opt->verbose > 1)
		pverb_interrupt(&v);
	if (!pverb_unknown(&v) && opt->verbose <= 1)
		pverb_flags(&v);
	pverb_bist(&v);
	pverb_body(&v);
	if (fn->sizing_error)
		fprintf(out, "\tBAR sizing failed: %s%s\n", vdisc_strerror(fn->sizing_error),
			fn->sizing_error == -VDISC_EIO ? " (a register may not have been restored)"
						       : "");
	if (opt->virtio)
		pci_print_virtio(out, fn, x);
}
