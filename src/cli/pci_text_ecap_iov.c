/* SPDX-License-Identifier: MIT */
#include <inttypes.h>
#include <string.h>

#include "cli.h"
#include "pci_caps_text.h"
#include "pci_text_ecap_iov.h"

/*
 * The extended capabilities of I/O virtualization and address translation
 * under -v, in lspci's words: ACS, ARI, ATS, PRI, PASID and SR-IOV (called
 * from pci_text_ecap_core.c, whose conventions these printers follow).
 */

static char peiov_f(uint32_t v, uint32_t mask)
{
	return (v & mask) ? '+' : '-';
}

/* ---- Access control, routing ids, translation ---- */

static void peiov_acs_line(FILE *out, const char *what, uint16_t w)
{
	fprintf(out,
		"\t\t%s:\tSrcValid%c TransBlk%c ReqRedir%c CmpltRedir%c UpstreamFwd%c "
		"EgressCtrl%c DirectTrans%c\n",
		what, peiov_f(w, VDISC_PCI_ACS_SV), peiov_f(w, VDISC_PCI_ACS_TB),
		peiov_f(w, VDISC_PCI_ACS_RR), peiov_f(w, VDISC_PCI_ACS_CR),
		peiov_f(w, VDISC_PCI_ACS_UF), peiov_f(w, VDISC_PCI_ACS_EC),
		peiov_f(w, VDISC_PCI_ACS_DT));
}

static void peiov_acs(const struct pci_cap_ctx *c)
{
	struct vdisc_pci_acs a;

	fputs("Access Control Services\n", c->out);
	if (c->verbose < 2 || vdisc_pci_decode_acs(c->fn, c->cap, &a) != 0)
		return;
	peiov_acs_line(c->out, "ACSCap", a.cap);
	peiov_acs_line(c->out, "ACSCtl", a.ctrl);
}

static void peiov_ari(const struct pci_cap_ctx *c)
{
	struct vdisc_pci_ari a;

	fputs("Alternative Routing-ID Interpretation (ARI)\n", c->out);
	if (c->verbose < 2 || vdisc_pci_decode_ari(c->fn, c->cap, &a) != 0)
		return;
	fprintf(c->out, "\t\tARICap:\tMFVC%c ACS%c, Next Function: %u\n",
		peiov_f(a.cap, VDISC_PCI_ARI_CAP_MFVC), peiov_f(a.cap, VDISC_PCI_ARI_CAP_ACS),
		a.next_function);
	fprintf(c->out, "\t\tARICtl:\tMFVC%c ACS%c, Function Group: %u\n",
		peiov_f(a.ctrl, VDISC_PCI_ARI_CTRL_MFVC), peiov_f(a.ctrl, VDISC_PCI_ARI_CTRL_ACS),
		a.function_group);
}

static void peiov_ats(const struct pci_cap_ctx *c)
{
	struct vdisc_pci_ats a;

	fputs("Address Translation Service (ATS)\n", c->out);
	if (c->verbose < 2 || vdisc_pci_decode_ats(c->fn, c->cap, &a) != 0)
		return;
	/* The depth as encoded (00 means 32), as lspci shows it. */
	fprintf(c->out, "\t\tATSCap:\tInvalidate Queue Depth: %02x\n", a.queue_depth_field);
	fprintf(c->out, "\t\tATSCtl:\tEnable%c, Smallest Translation Unit: %02x\n",
		a.enabled ? '+' : '-', a.stu);
}

static void peiov_pri(const struct pci_cap_ctx *c)
{
	struct vdisc_pci_pri p;

	fputs("Page Request Interface (PRI)\n", c->out);
	if (c->verbose < 2 || vdisc_pci_decode_pri(c->fn, c->cap, &p) != 0)
		return;
	fprintf(c->out, "\t\tPRICtl: Enable%c Reset%c\n",
		peiov_f(p.ctrl, VDISC_PCI_PRI_CTRL_ENABLE),
		peiov_f(p.ctrl, VDISC_PCI_PRI_CTRL_RESET));
	fprintf(c->out, "\t\tPRISta: RF%c UPRGI%c Stopped%c\n",
		peiov_f(p.status, VDISC_PCI_PRI_STATUS_RF),
		peiov_f(p.status, VDISC_PCI_PRI_STATUS_UPRGI),
		peiov_f(p.status, VDISC_PCI_PRI_STATUS_STOPPED));
	fprintf(c->out, "\t\tPage Request Capacity: %08x, Page Request Allocation: %08x\n",
		p.capacity, p.allocation);
}

static void peiov_pasid(const struct pci_cap_ctx *c)
{
	struct vdisc_pci_pasid p;

	fputs("Process Address Space ID (PASID)\n", c->out);
	if (c->verbose < 2 || vdisc_pci_decode_pasid(c->fn, c->cap, &p) != 0)
		return;
	fprintf(c->out, "\t\tPASIDCap: Exec%c Priv%c, Max PASID Width: %02x\n",
		peiov_f(p.cap, VDISC_PCI_PASID_CAP_EXEC), peiov_f(p.cap, VDISC_PCI_PASID_CAP_PRIV),
		p.max_width);
	fprintf(c->out, "\t\tPASIDCtl: Enable%c Exec%c Priv%c\n",
		peiov_f(p.ctrl, VDISC_PCI_PASID_CTRL_ENABLE),
		peiov_f(p.ctrl, VDISC_PCI_PASID_CTRL_EXEC),
		peiov_f(p.ctrl, VDISC_PCI_PASID_CTRL_PRIV));
}

/* ---- SR-IOV ---- */

static void peiov_sriov_regs(FILE *out, const struct vdisc_pci_sriov *s)
{
	fprintf(out, "\t\tIOVCap:\tMigration%c 10BitTagReq%c Interrupt Message Number: %03x\n",
		peiov_f(s->cap, VDISC_PCI_SRIOV_CAP_VFM),
		peiov_f(s->cap, VDISC_PCI_SRIOV_CAP_VF_10BIT_TAG_REQ), s->migration_irq);
	fprintf(out,
		"\t\tIOVCtl:\tEnable%c Migration%c Interrupt%c MSE%c ARIHierarchy%c "
		"10BitTagReq%c\n",
		peiov_f(s->ctrl, VDISC_PCI_SRIOV_CTRL_VFE),
		peiov_f(s->ctrl, VDISC_PCI_SRIOV_CTRL_VFM),
		peiov_f(s->ctrl, VDISC_PCI_SRIOV_CTRL_INTR),
		peiov_f(s->ctrl, VDISC_PCI_SRIOV_CTRL_MSE),
		peiov_f(s->ctrl, VDISC_PCI_SRIOV_CTRL_ARI),
		peiov_f(s->ctrl, VDISC_PCI_SRIOV_CTRL_VF_10BIT_TAG_REQ_EN));
	fprintf(out, "\t\tIOVSta:\tMigration%c\n", peiov_f(s->status, VDISC_PCI_SRIOV_STATUS_VFM));
	fprintf(out,
		"\t\tInitial VFs: %u, Total VFs: %u, Number of VFs: %u, Function Dependency "
		"Link: %02x\n",
		s->initial_vfs, s->total_vfs, s->num_vfs, s->func_link);
	fprintf(out, "\t\tVF offset: %u, stride: %u, Device ID: %04x\n", s->vf_offset, s->vf_stride,
		s->vf_device_id);
	fprintf(out, "\t\tSupported Page Size: %08x, System Page Size: %08x\n", s->page_sizes,
		s->system_page_size);
}

static void peiov_sriov(const struct pci_cap_ctx *c)
{
	struct vdisc_pci_sriov s;
	FILE *out = c->out;
	unsigned i;

	fputs("Single Root I/O Virtualization (SR-IOV)\n", out);
	if (c->verbose < 2 || vdisc_pci_decode_sriov(c->fn, c->cap, &s) != 0)
		return;
	peiov_sriov_regs(out, &s);
	for (i = 0; i < s.nbars; i++) {
		const struct vdisc_pci_sriov_bar *b = &s.bars[i];

		fprintf(out, "\t\tRegion %u: Memory at ", b->index);
		/* A 64-bit claim in the last slot: lspci shows the dword after it, as we do. */
		if (b->is64)
			fprintf(out, "%08x",
				b->index + 1 < VDISC_PCI_SRIOV_NUM_BARS ? (unsigned)(b->base >> 32)
									: (unsigned)s.migration);
		fprintf(out, "%08x (%s-bit, %sprefetchable)\n", (unsigned)b->base,
			b->mem_type == VDISC_PCI_BAR_MEM_TYPE_32 ? "32" : "64",
			b->prefetchable ? "" : "non-");
	}
	fprintf(out, "\t\tVF Migration: offset: %08x, BIR: %x\n",
		s.migration & VDISC_PCI_SRIOV_VFM_OFFSET_MASK,
		s.migration & VDISC_PCI_SRIOV_VFM_BIR_MASK);
}

bool pci_text_ecap_iov(const struct pci_cap_ctx *c)
{
	switch (c->cap->id) {
	case VDISC_PCI_EXT_CAP_ID_ACS:
		peiov_acs(c);
		return true;
	case VDISC_PCI_EXT_CAP_ID_ARI:
		peiov_ari(c);
		return true;
	case VDISC_PCI_EXT_CAP_ID_ATS:
		peiov_ats(c);
		return true;
	case VDISC_PCI_EXT_CAP_ID_PRI:
		peiov_pri(c);
		return true;
	case VDISC_PCI_EXT_CAP_ID_PASID:
		peiov_pasid(c);
		return true;
	case VDISC_PCI_EXT_CAP_ID_SRIOV:
		peiov_sriov(c);
		return true;
	default:
		return false;
	}
}
