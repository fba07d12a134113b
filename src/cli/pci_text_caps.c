/* SPDX-License-Identifier: MIT */
#include <inttypes.h>
#include <string.h>

#include "cli.h"
#include "pci_caps_text.h"

/* The standard capabilities under -v, in lspci's words (except PCI Express). */

static void pcaps_pm(FILE *out, const struct vdisc_pci_function *fn,
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

static void pcaps_msi(FILE *out, const struct vdisc_pci_function *fn,
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

static void pcaps_msix(FILE *out, const struct vdisc_pci_function *fn,
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

/*
 * Vendor-specific capabilities mean what their vendor says: decoders are
 * chosen by vendor id (virtio's come with the virtio work); the rest show
 * their length, as lspci does.
 */
static void pcaps_vendor_cap(FILE *out, const struct vdisc_pci_function *fn,
			     const struct vdisc_pci_cap *cap)
{
	fprintf(out, "Vendor Specific Information: Len=%02x\n",
		vdisc_pci_cfg8(fn, cap->offset + VDISC_PCI_VNDR_LEN));
}

bool pci_text_std_cap(const struct pci_cap_ctx *c)
{
	switch (c->cap->id) {
	case VDISC_PCI_CAP_ID_PM:
		pcaps_pm(c->out, c->fn, c->cap);
		return true;
	case VDISC_PCI_CAP_ID_MSI:
		pcaps_msi(c->out, c->fn, c->cap);
		return true;
	case VDISC_PCI_CAP_ID_MSIX:
		pcaps_msix(c->out, c->fn, c->cap);
		return true;
	case VDISC_PCI_CAP_ID_VNDR:
		pcaps_vendor_cap(c->out, c->fn, c->cap);
		return true;
	default:
		return false;
	}
}
