/* SPDX-License-Identifier: MIT */
#include <inttypes.h>
#include <string.h>

#include "cli.h"
#include "pci_cli.h"

/*
 * vdisc pci as a person reads it: lspci's familiar line per function, and
 * under -v the decode, in lspci's order and, where it has one, its wording.
 */

#define NAME_LEN 256
#define PCI_FLAG(reg, bit) ((reg) & (bit) ? '+' : '-')

/* "Vendor Device" as lspci prints it, numbers where pci.ids has no name. */
static void ptext_ident(char *buf, size_t len, const struct vdisc_pci_function *fn, int numeric)
{
	char v[NAME_LEN], d[NAME_LEN];
	const char *vn = numeric == 1 ? NULL : pci_vendor_name(fn->vendor_id, v, sizeof(v));
	const char *dn =
		numeric == 1 ? NULL : pci_device_name(fn->vendor_id, fn->device_id, d, sizeof(d));

	if (numeric == 1)
		snprintf(buf, len, "%04x:%04x", fn->vendor_id, fn->device_id);
	else if (vn && dn)
		snprintf(buf, len, "%s %s", vn, dn);
	else if (vn && numeric == 2) /* the ids follow anyway: lspci's "Vendor Device [v:d]" */
		snprintf(buf, len, "%s Device", vn);
	else if (vn)
		snprintf(buf, len, "%s Device %04x", vn, fn->device_id);
	else if (numeric == 2)
		snprintf(buf, len, "Device");
	else
		snprintf(buf, len, "Device %04x:%04x", fn->vendor_id, fn->device_id);
	if (numeric == 2) {
		size_t used = strlen(buf);

		snprintf(buf + used, len - used, " [%04x:%04x]", fn->vendor_id, fn->device_id);
	}
}

static void ptext_first_line(FILE *out, const struct vdisc_pci_function *fn, bool domain,
			     int numeric)
{
	char slot[32], cls[NAME_LEN], ident[2 * NAME_LEN + 32];
	const char *cname = numeric == 1 ? NULL : pci_class_text(fn->class_code, cls, sizeof(cls));

	vdisc_pci_addr_format(slot, sizeof(slot), fn->addr, domain);
	ptext_ident(ident, sizeof(ident), fn, numeric);
	if (numeric == 1)
		fprintf(out, "%s %04x: %s", slot, fn->class_code >> 8, ident);
	else if (cname && numeric == 2 && cname[strlen(cname) - 1] == ']')
		fprintf(out, "%s %s: %s", slot, cname, ident); /* libpci already added the number */
	else if (cname && numeric == 2)
		fprintf(out, "%s %s [%04x]: %s", slot, cname, fn->class_code >> 8, ident);
	else if (cname)
		fprintf(out, "%s %s: %s", slot, cname, ident);
	else
		fprintf(out, "%s Class %04x: %s", slot, fn->class_code >> 8, ident);
	if (fn->revision)
		fprintf(out, " (rev %02x)", fn->revision);
	fputc('\n', out);
}

/* lspci's size suffixes: 4K, 16M, 2G... */
static void ptext_size_text(char *buf, size_t len, uint64_t size)
{
	static const char units[] = " KMGTPE";
	unsigned u = 0;

	while (size >= 1024 && size % 1024 == 0 && u + 1 < sizeof(units) - 1) {
		size /= 1024;
		u++;
	}
	if (u)
		snprintf(buf, len, "%" PRIu64 "%c", size, units[u]);
	else
		snprintf(buf, len, "%" PRIu64, size);
}

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
			ptext_size_text(size, sizeof(size), sz);
			fprintf(out, " [size=%s]", size);
		}
		fputc('\n', out);
	}
}

static void ptext_pm(FILE *out, const struct vdisc_pci_function *fn,
		     const struct vdisc_pci_cap *cap)
{
	struct vdisc_pci_pm pm;

	if (vdisc_pci_decode_pm(fn, cap, &pm) != 0) {
		fputs("Power Management <unreadable>\n", out);
		return;
	}
	fprintf(out,
		"Power Management version %u: D1%c D2%c PME(D0%c,D1%c,D2%c,D3hot%c,D3cold%c), "
		"state D%u%s\n",
		pm.version, pm.d1 ? '+' : '-', pm.d2 ? '+' : '-', pm.pme_states & 1 ? '+' : '-',
		pm.pme_states & 2 ? '+' : '-', pm.pme_states & 4 ? '+' : '-',
		pm.pme_states & 8 ? '+' : '-', pm.pme_states & 16 ? '+' : '-', pm.power_state,
		pm.no_soft_reset ? ", NoSoftRst+" : "");
}

static void ptext_msi(FILE *out, const struct vdisc_pci_function *fn,
		      const struct vdisc_pci_cap *cap)
{
	struct vdisc_pci_msi m;

	if (vdisc_pci_decode_msi(fn, cap, &m) != 0) {
		fputs("MSI <unreadable>\n", out);
		return;
	}
	fprintf(out, "MSI: Enable%c Count=%u/%u Maskable%c 64bit%c", m.enabled ? '+' : '-',
		m.vectors_enabled, m.vectors_capable, m.per_vector_mask ? '+' : '-',
		m.is64 ? '+' : '-');
	if (m.enabled)
		fprintf(out, " Address=%08" PRIx64 " Data=%04x", m.address, m.data);
	fputc('\n', out);
}

static void ptext_msix(FILE *out, const struct vdisc_pci_function *fn,
		       const struct vdisc_pci_cap *cap)
{
	struct vdisc_pci_msix m;

	if (vdisc_pci_decode_msix(fn, cap, &m) != 0) {
		fputs("MSI-X <unreadable>\n", out);
		return;
	}
	fprintf(out, "MSI-X: Enable%c Count=%u Masked%c Table=BAR%u+%#x PBA=BAR%u+%#x\n",
		m.enabled ? '+' : '-', m.table_size, m.function_mask ? '+' : '-', m.table_bar,
		m.table_offset, m.pba_bar, m.pba_offset);
}

static void ptext_express(FILE *out, const struct vdisc_pci_function *fn,
			  const struct vdisc_pci_cap *cap)
{
	struct vdisc_pcie e;
	const char *type;

	if (vdisc_pci_decode_pcie(fn, cap, &e) != 0) {
		fputs("Express <unreadable>\n", out);
		return;
	}
	type = vdisc_pcie_port_type_name(e.port_type);
	fprintf(out, "Express (v%u) %s", e.version, type ? type : "Unknown type");
	if (e.slot_implemented)
		fputs(", slot", out);
	fprintf(out, ", MaxPayload %u (max %u), MaxReadReq %u", e.payload, e.max_payload,
		e.read_request);
	if (e.has_link) {
		const char *sp = vdisc_pcie_speed_name(e.link_speed);
		const char *msp = vdisc_pcie_speed_name(e.link_max_speed);

		fprintf(out, ", Link %s x%u (max %s x%u)", sp ? sp : "unknown", e.link_width,
			msp ? msp : "unknown", e.link_max_width);
	}
	fputc('\n', out);
}

/*
 * Vendor-specific capabilities mean what their vendor says: decoders are
 * chosen by vendor id (virtio's come with the virtio work); the rest show
 * their length, as lspci does.
 */
static void ptext_vendor_cap(FILE *out, const struct vdisc_pci_function *fn,
			     const struct vdisc_pci_cap *cap)
{
	fprintf(out, "Vendor Specific Information: Len=%02x\n",
		vdisc_pci_cfg8(fn, cap->offset + VDISC_PCI_VNDR_LEN));
}

static void ptext_cap(FILE *out, const struct vdisc_pci_function *fn,
		      const struct vdisc_pci_cap *cap)
{
	const char *name =
		cap->extended ? vdisc_pci_ecap_name(cap->id) : vdisc_pci_cap_name(cap->id);

	if (cap->extended)
		fprintf(out, "\tCapabilities: [%03x v%u] ", cap->offset, cap->version);
	else
		fprintf(out, "\tCapabilities: [%02x] ", cap->offset);
	if (!cap->extended && cap->id == VDISC_PCI_CAP_ID_PM)
		ptext_pm(out, fn, cap);
	else if (!cap->extended && cap->id == VDISC_PCI_CAP_ID_MSI)
		ptext_msi(out, fn, cap);
	else if (!cap->extended && cap->id == VDISC_PCI_CAP_ID_MSIX)
		ptext_msix(out, fn, cap);
	else if (!cap->extended && cap->id == VDISC_PCI_CAP_ID_EXP)
		ptext_express(out, fn, cap);
	else if (!cap->extended && cap->id == VDISC_PCI_CAP_ID_VNDR)
		ptext_vendor_cap(out, fn, cap);
	else if (name)
		fprintf(out, "%s\n", name);
	else
		fprintf(out, "%s Capability ID %#04x\n", cap->extended ? "Extended" : "", cap->id);
}

static const char *ptext_chain_text(enum vdisc_pci_chain_problem p)
{
	switch (p) {
	case VDISC_PCI_CHAIN_LOOP:
		return "<chain looped>";
	case VDISC_PCI_CHAIN_BROKEN:
		return "<chain broken>";
	case VDISC_PCI_CHAIN_OUT_OF_RANGE:
		return "<chain points past the readable space>";
	default:
		return NULL;
	}
}

static void ptext_caps(FILE *out, const struct vdisc_pci_function *fn)
{
	const struct vdisc_pci_cap *cap;

	for (cap = fn->caps; cap; cap = cap->next)
		ptext_cap(out, fn, cap);
	if (ptext_chain_text(fn->caps_problem))
		fprintf(out, "\tCapabilities: %s\n", ptext_chain_text(fn->caps_problem));
	for (cap = fn->ecaps; cap; cap = cap->next)
		ptext_cap(out, fn, cap);
	if (ptext_chain_text(fn->ecaps_problem))
		fprintf(out, "\tCapabilities: %s\n", ptext_chain_text(fn->ecaps_problem));
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
	ptext_size_text(size, sizeof(size), w->limit - w->base + 1);
	fprintf(out, "\t%s: %08" PRIx64 "-%08" PRIx64 " [size=%s] [%s]\n", what, w->base, w->limit,
		size, w->is64 && wide ? wide : narrow);
}

static void ptext_verbose(FILE *out, const struct vdisc_pci_function *fn, const struct pci_extra *x,
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
	ptext_caps(out, fn);
	pci_print_virtio(out, fn, x);
	if (x && x->known && x->info.numa_node >= 0)
		fprintf(out, "\tNUMA node: %d\n", x->info.numa_node);
	if (x && x->known && x->info.iommu_group >= 0)
		fprintf(out, "\tIOMMU group: %d\n", x->info.iommu_group);
}

static void ptext_hex(FILE *out, const struct vdisc_pci_function *fn, int level)
{
	unsigned limit = level >= 4 ? 4096 : level >= 3 ? 256 : 64, off, i;

	if (limit > fn->config_size)
		limit = fn->config_size;
	for (off = 0; off < limit; off += 16) {
		fprintf(out, "%02x:", off);
		for (i = 0; i < 16; i++)
			fprintf(out, " %02x", vdisc_pci_cfg8(fn, off + i));
		fputc('\n', out);
	}
}

/* -t: lspci's tree, drawn through bridges from each root bus. */
static void ptext_subtree(FILE *out, const struct pci_listing *l, uint16_t seg, unsigned bus,
			  const char *prefix, unsigned depth)
{
	char childpre[256], cls[NAME_LEN], ident[2 * NAME_LEN + 32];
	size_t i, last = SIZE_MAX;

	for (i = 0; i < l->count; i++)
		if (l->devs[i]->pci->addr.segment == seg && l->devs[i]->pci->addr.bus == bus)
			last = i;
	for (i = 0; i < l->count && last != SIZE_MAX; i++) {
		const struct vdisc_pci_function *fn = l->devs[i]->pci;
		const char *cname;

		if (fn->addr.segment != seg || fn->addr.bus != bus)
			continue;
		cname = pci_class_text(fn->class_code, cls, sizeof(cls));
		ptext_ident(ident, sizeof(ident), fn, 0);
		fprintf(out, "%s%s %02x.%x %s: %s", prefix, i == last ? "\\-" : "+-", fn->addr.dev,
			fn->addr.fn, cname ? cname : "Class", ident);
		if ((fn->header_type & VDISC_PCI_HEADER_LAYOUT_MASK) && fn->secondary_bus > bus) {
			fprintf(out, " -> [%02x-%02x]\n", fn->secondary_bus, fn->subordinate_bus);
			snprintf(childpre, sizeof(childpre), "%s%s ", prefix,
				 i == last ? "  " : "| ");
			if (depth < 64)
				ptext_subtree(out, l, seg, fn->secondary_bus, childpre, depth + 1);
		} else {
			fputc('\n', out);
		}
	}
}

static bool ptext_is_secondary(const struct pci_listing *l, uint16_t seg, unsigned bus)
{
	size_t i;

	for (i = 0; i < l->count; i++) {
		const struct vdisc_pci_function *fn = l->devs[i]->pci;

		if (fn->addr.segment == seg && (fn->header_type & VDISC_PCI_HEADER_LAYOUT_MASK) &&
		    fn->secondary_bus == bus && fn->secondary_bus > fn->addr.bus)
			return true;
	}
	return false;
}

static void ptext_tree(FILE *out, const struct pci_listing *l)
{
	size_t i;

	for (i = 0; i < l->count; i++) {
		const struct vdisc_pci_addr *a = &l->devs[i]->pci->addr;

		if (i > 0 && l->devs[i - 1]->pci->addr.segment == a->segment &&
		    l->devs[i - 1]->pci->addr.bus == a->bus)
			continue;
		if (ptext_is_secondary(l, a->segment, a->bus))
			continue;
		fprintf(out, "[%04x:%02x]\n", a->segment, a->bus);
		ptext_subtree(out, l, a->segment, a->bus, " ", 0);
	}
}

void pci_print_text(FILE *out, const struct pci_listing *l, const struct pci_options *opt)
{
	size_t i;

	if (opt->tree) {
		ptext_tree(out, l);
		return;
	}
	for (i = 0; i < l->count; i++) {
		const struct vdisc_pci_function *fn = l->devs[i]->pci;
		const struct pci_extra *x = l->extra ? &l->extra[i] : NULL;

		ptext_first_line(out, fn, opt->domains || l->any_domain, opt->numeric);
		if (opt->verbose)
			ptext_verbose(out, fn, x, opt);
		else if (opt->virtio)
			pci_print_virtio(out, fn, x);
		if ((opt->kernel || opt->verbose) && x && x->known && x->info.driver[0])
			fprintf(out, "\tKernel driver in use: %s\n", x->info.driver);
		if (opt->hex)
			ptext_hex(out, fn, opt->hex);
		if (opt->verbose || opt->hex || opt->virtio)
			fputc('\n', out);
	}
}
