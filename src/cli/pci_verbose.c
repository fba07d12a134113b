/* SPDX-License-Identifier: MIT */
#include <inttypes.h>
#include <string.h>

#include "cli.h"
#include "pci_caps_text.h"
#include "pci_cli.h"

/*
 * lspci -v, -vv and -vvv for one function, up to its capabilities: the
 * header's fields in lspci's order and words; the capabilities are
 * pci_caps_text.c's.
 */

#define NAME_LEN PCI_NAME_LEN
#define PCI_FLAG(reg, bit) ((reg) & (bit) ? '+' : '-')

static uint64_t ptext_extra_size(const struct pci_extra *x, const struct vdisc_pci_bar *bar)
{
	unsigned i = bar->index;

	if (!x || !x->known || !x->info.has_resources || i > 6 ||
	    x->info.end[i] <= x->info.start[i])
		return 0;
	return x->info.end[i] - x->info.start[i] + 1;
}

static void ptext_bars(FILE *out, const struct vdisc_pci_function *fn, const struct pci_extra *x)
{
	char size[32];
	unsigned i;

	for (i = 0; i < fn->nbars; i++) {
		const struct vdisc_pci_bar *bar = &fn->bars[i];
		uint64_t sz = bar->has_size ? bar->size : ptext_extra_size(x, bar);

		if (bar->type == VDISC_PCI_BAR_ROM)
			fprintf(out, "\tExpansion ROM at %08" PRIx64 "%s", bar->address,
				bar->enabled ? "" : " [disabled]");
		else if (bar->type == VDISC_PCI_BAR_IO)
			fprintf(out, "\tRegion %u: I/O ports at %04" PRIx64 "%s", bar->index,
				bar->address, bar->enabled ? "" : " [disabled]");
		else
			fprintf(out, "\tRegion %u: Memory at %08" PRIx64 " (%s, %sprefetchable)%s",
				bar->index, bar->address,
				bar->type == VDISC_PCI_BAR_MEM64   ? "64-bit"
				: bar->type == VDISC_PCI_BAR_MEM1M ? "low-1M"
								   : "32-bit",
				bar->prefetchable ? "" : "non-", bar->enabled ? "" : " [disabled]");
		if (sz) {
			pci_size_text(size, sizeof(size), sz);
			fprintf(out, " [size=%s]", size);
		}
		fputc('\n', out);
	}
}

static void ptext_flags(FILE *out, const struct vdisc_pci_function *fn)
{
	static const char *const found[] = {"", "the source's own list", "the bridge walk",
					    "the scan of every bus"};
	static const char *const devsel[] = {"fast", "medium", "slow", "??"};
	uint16_t c = fn->command, s = fn->status;

	fprintf(out,
		"\tControl: I/O%c Mem%c BusMaster%c SpecCycle%c MemWINV%c VGASnoop%c ParErr%c "
		"Stepping%c SERR%c FastB2B%c DisINTx%c\n",
		PCI_FLAG(c, VDISC_PCI_COMMAND_IO), PCI_FLAG(c, VDISC_PCI_COMMAND_MEMORY),
		PCI_FLAG(c, VDISC_PCI_COMMAND_MASTER), PCI_FLAG(c, VDISC_PCI_COMMAND_SPECIAL),
		PCI_FLAG(c, VDISC_PCI_COMMAND_INVALIDATE),
		PCI_FLAG(c, VDISC_PCI_COMMAND_VGA_PALETTE), PCI_FLAG(c, VDISC_PCI_COMMAND_PARITY),
		PCI_FLAG(c, VDISC_PCI_COMMAND_STEPPING), PCI_FLAG(c, VDISC_PCI_COMMAND_SERR),
		PCI_FLAG(c, VDISC_PCI_COMMAND_FAST_BACK),
		PCI_FLAG(c, VDISC_PCI_COMMAND_INTX_DISABLE));
	fprintf(out,
		"\tStatus: Cap%c 66MHz%c UDF%c FastB2B%c ParErr%c DEVSEL=%s >TAbort%c <TAbort%c "
		"<MAbort%c >SERR%c <PERR%c INTx%c\n",
		PCI_FLAG(s, VDISC_PCI_STATUS_CAP_LIST), PCI_FLAG(s, VDISC_PCI_STATUS_66MHZ),
		PCI_FLAG(s, VDISC_PCI_STATUS_UDF), PCI_FLAG(s, VDISC_PCI_STATUS_FAST_BACK),
		PCI_FLAG(s, VDISC_PCI_STATUS_PARITY),
		devsel[(s & VDISC_PCI_STATUS_DEVSEL_MASK) >> VDISC_PCI_STATUS_DEVSEL_SHIFT],
		PCI_FLAG(s, VDISC_PCI_STATUS_SIG_TARGET_ABORT),
		PCI_FLAG(s, VDISC_PCI_STATUS_REC_TARGET_ABORT),
		PCI_FLAG(s, VDISC_PCI_STATUS_REC_MASTER_ABORT),
		PCI_FLAG(s, VDISC_PCI_STATUS_SIG_SYSTEM_ERROR),
		PCI_FLAG(s, VDISC_PCI_STATUS_DETECTED_PARITY),
		PCI_FLAG(s, VDISC_PCI_STATUS_INTERRUPT));
	fprintf(out, "\tHeader: type %u%s, found by %s, %u bytes of config space\n",
		fn->header_type & VDISC_PCI_HEADER_LAYOUT_MASK,
		fn->header_type & VDISC_PCI_HEADER_MULTIFUNCTION ? " (multi-function)" : "",
		found[fn->found], fn->config_size);
}

static void ptext_window(FILE *out, const char *what, const struct vdisc_pci_window *w,
			 const char *wide, const char *narrow)
{
	char size[32];

	if (!w->enabled) {
		fprintf(out, "\t%s: [disabled]\n", what);
		return;
	}
	pci_size_text(size, sizeof(size), w->limit - w->base + 1);
	fprintf(out, "\t%s: %08" PRIx64 "-%08" PRIx64 " [size=%s] [%s]\n", what, w->base, w->limit,
		size, w->is64 && wide ? wide : narrow);
}

void pci_print_verbose(FILE *out, const struct vdisc_pci_function *fn, const struct pci_extra *x,
		       const struct pci_options *opt)
{
	char name[NAME_LEN], sub[NAME_LEN];
	uint8_t layout = fn->header_type & VDISC_PCI_HEADER_LAYOUT_MASK;
	const char *pif;

	pif = pci_prog_if_text(fn->class_code, name, sizeof(name));
	if (pif || (fn->class_code & 0xff))
		fprintf(out, "\tProg-if: %02x%s%s%s\n", fn->class_code & 0xff, pif ? " [" : "",
			pif ? pif : "", pif ? "]" : "");
	if (fn->has_subsystem && (fn->subsystem_vendor_id || fn->subsystem_id)) {
		const char *vn = pci_vendor_name(fn->subsystem_vendor_id, name, sizeof(name));
		const char *sn =
			pci_subsystem_name(fn->vendor_id, fn->device_id, fn->subsystem_vendor_id,
					   fn->subsystem_id, sub, sizeof(sub));

		/* lspci's wording: "Vendor Device 1234" where pci.ids has no subsystem name. */
		if (vn)
			fprintf(out, "\tSubsystem: %s ", vn);
		else
			fprintf(out, "\tSubsystem: Vendor %04x ", fn->subsystem_vendor_id);
		if (sn)
			fputs(sn, out);
		else
			fprintf(out, "Device %04x", fn->subsystem_id);
		if (opt->numeric)
			fprintf(out, " [%04x:%04x]", fn->subsystem_vendor_id, fn->subsystem_id);
		fputc('\n', out);
	}
	if (opt->verbose >= 2)
		ptext_flags(out, fn);
	if (fn->interrupt_pin)
		fprintf(out, "\tInterrupt: pin %c routed to IRQ %u\n",
			fn->interrupt_pin <= 4 ? 'A' + fn->interrupt_pin - 1 : '?',
			fn->interrupt_line);
	if (layout == VDISC_PCI_HEADER_BRIDGE || layout == VDISC_PCI_HEADER_CARDBUS)
		fprintf(out, "\tBus: primary=%02x, secondary=%02x, subordinate=%02x\n",
			fn->primary_bus, fn->secondary_bus, fn->subordinate_bus);
	if (layout == VDISC_PCI_HEADER_BRIDGE) {
		ptext_window(out, "I/O behind bridge", &fn->io_window, "32-bit", "16-bit");
		ptext_window(out, "Memory behind bridge", &fn->mem_window, NULL, "32-bit");
		ptext_window(out, "Prefetchable memory behind bridge", &fn->pref_window, "64-bit",
			     "32-bit");
	}
	ptext_bars(out, fn, x);
	if (fn->sizing_error)
		fprintf(out, "\tBAR sizing failed: %s%s\n", vdisc_strerror(fn->sizing_error),
			fn->sizing_error == -VDISC_EIO ? " (a register may not have been restored)"
						       : "");
	pci_print_caps(out, fn, x, opt);
	pci_print_virtio(out, fn, x);
	if (x && x->known && x->info.numa_node >= 0)
		fprintf(out, "\tNUMA node: %d\n", x->info.numa_node);
	if (x && x->known && x->info.iommu_group >= 0)
		fprintf(out, "\tIOMMU group: %d\n", x->info.iommu_group);
}
