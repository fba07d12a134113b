/* SPDX-License-Identifier: MIT */
#include <inttypes.h>
#include <string.h>

#include "cli.h"
#include "pci_caps_text.h"
#include "pci_text_dvsec.h"

/*
 * Extended capabilities under -v, in lspci's words: power and link
 * management, resizable BARs, DOE and the vendors' capabilities.  The lines
 * below a capability's name come at -vv, each block only when lspci could
 * read the registers it needs; where lspci misreads a field (a 16-bit read
 * of a 32-bit register, a wrong bit), vdisc prints what the register holds.
 */

static char pelink_flag(uint32_t reg, uint32_t mask)
{
	return (reg & mask) ? '+' : '-';
}

/* lspci reads a capability's registers in one piece, or prints none of them. */
static bool pelink_fits(const struct pci_cap_ctx *c, unsigned len)
{
	return (unsigned)c->cap->offset + len <= c->fn->config_size;
}

static void pelink_ltr(const struct pci_cap_ctx *c)
{
	struct vdisc_pci_ltr l;

	fprintf(c->out, "Latency Tolerance Reporting\n");
	if (c->verbose < 2 || vdisc_pci_decode_ltr(c->fn, c->cap, &l) != 0)
		return;
	fprintf(c->out, "\t\tMax snoop latency: %" PRIu64 "ns\n", l.max_snoop.ns);
	fprintf(c->out, "\t\tMax no snoop latency: %" PRIu64 "ns\n", l.max_nosnoop.ns);
}

static void pelink_secpci(const struct pci_cap_ctx *c)
{
	struct vdisc_pci_secpci s;
	unsigned lane;

	fprintf(c->out, "Secondary PCI Express\n");
	/* lspci wants the first lane equalization entries too before it prints anything. */
	if (c->verbose < 2 || !pelink_fits(c, VDISC_PCI_SECPCI_LE_CTRL + 4))
		return;
	vdisc_pci_decode_secpci(c->fn, c->cap, &s);
	fprintf(c->out, "\t\tLnkCtl3: LnkEquIntrruptEn%c PerformEqu%c\n",
		pelink_flag(s.lnkctl3, VDISC_PCI_SECPCI_LNKCTL3_EQ_REQ_INT),
		pelink_flag(s.lnkctl3, VDISC_PCI_SECPCI_LNKCTL3_PERFORM_EQ));
	/* All 32 lanes: lspci reads the register's low half only. */
	fprintf(c->out, "\t\tLaneErrStat: %s", s.lane_errors ? "LaneErr at lane:" : "0");
	for (lane = 0; lane < 32; lane++)
		if (s.lane_errors & (UINT32_C(1) << lane))
			fprintf(c->out, " %u", lane);
	fprintf(c->out, "\n");
}

static void pelink_pwr_on(FILE *out, const char *name, const struct vdisc_pci_pwr_on *t)
{
	if (t->us >= 0)
		fprintf(out, "%s=%" PRId32 "us", name, t->us);
	else
		fprintf(out, "%s=<error>", name);
}

static void pelink_l1ss(const struct pci_cap_ctx *c)
{
	struct vdisc_pci_l1ss l;

	fprintf(c->out, "L1 PM Substates\n");
	if (c->verbose < 2)
		return;
	if (vdisc_pci_decode_l1ss(c->fn, c->cap, &l) != 0) {
		fprintf(c->out, "\t\t<unreadable>\n");
		return;
	}
	fprintf(c->out,
		"\t\tL1SubCap: PCI-PM_L1.2%c PCI-PM_L1.1%c ASPM_L1.2%c ASPM_L1.1%c "
		"L1_PM_Substates%c\n",
		pelink_flag(l.cap, VDISC_PCI_L1SS_CAP_PCIPM_L1_2),
		pelink_flag(l.cap, VDISC_PCI_L1SS_CAP_PCIPM_L1_1),
		pelink_flag(l.cap, VDISC_PCI_L1SS_CAP_ASPM_L1_2),
		pelink_flag(l.cap, VDISC_PCI_L1SS_CAP_ASPM_L1_1),
		pelink_flag(l.cap, VDISC_PCI_L1SS_CAP_L1_PM_SS));
	if (l.l1_2) {
		fprintf(c->out, "\t\t\t  PortCommonModeRestoreTime=%uus ", l.port_cm_restore_us);
		pelink_pwr_on(c->out, "PortTPowerOnTime", &l.port_pwr_on);
		fprintf(c->out, "\n");
	}
	fprintf(c->out, "\t\tL1SubCtl1: PCI-PM_L1.2%c PCI-PM_L1.1%c ASPM_L1.2%c ASPM_L1.1%c\n",
		pelink_flag(l.ctl1, VDISC_PCI_L1SS_CTL1_PCIPM_L1_2),
		pelink_flag(l.ctl1, VDISC_PCI_L1SS_CTL1_PCIPM_L1_1),
		pelink_flag(l.ctl1, VDISC_PCI_L1SS_CTL1_ASPM_L1_2),
		pelink_flag(l.ctl1, VDISC_PCI_L1SS_CTL1_ASPM_L1_1));
	if (l.l1_2) {
		fprintf(c->out, "\t\t\t   T_CommonMode=%uus", l.cm_restore_us);
		if ((l.cap & VDISC_PCI_L1SS_CAP_ASPM_L1_2) &&
		    l.ltr_l12_threshold.scale > VDISC_PCI_LTR_SCALE_MAX)
			fprintf(c->out, " LTR1.2_Threshold=<error>");
		else if (l.cap & VDISC_PCI_L1SS_CAP_ASPM_L1_2)
			fprintf(c->out, " LTR1.2_Threshold=%" PRIu64 "ns", l.ltr_l12_threshold.ns);
		fprintf(c->out, "\n");
	}
	fprintf(c->out, "\t\tL1SubCtl2:");
	if (l.l1_2) {
		fprintf(c->out, " ");
		pelink_pwr_on(c->out, "T_PwrOn", &l.pwr_on);
	}
	fprintf(c->out, "\n");
}

static void pelink_granularity(FILE *out, const char *name, uint8_t ns, const char *none)
{
	if (ns == VDISC_PCI_PTM_GRANULARITY_NONE)
		fprintf(out, "\t\t%s: %s\n", name, none);
	else if (ns == VDISC_PCI_PTM_GRANULARITY_ABOVE)
		fprintf(out, "\t\t%s: Greater than 254ns\n", name);
	else
		fprintf(out, "\t\t%s: %uns\n", name, ns);
}

static void pelink_ptm(const struct pci_cap_ctx *c)
{
	struct vdisc_pci_ptm p;

	fprintf(c->out, "Precision Time Measurement\n");
	if (c->verbose < 2)
		return;
	if (vdisc_pci_decode_ptm(c->fn, c->cap, &p) != 0) {
		fprintf(c->out, "\t\t<unreadable>\n");
		return;
	}
	fprintf(c->out, "\t\tPTMCap: Requester:%c Responder:%c Root:%c\n",
		pelink_flag(p.cap, VDISC_PCI_PTM_CAP_REQ),
		pelink_flag(p.cap, VDISC_PCI_PTM_CAP_RES),
		pelink_flag(p.cap, VDISC_PCI_PTM_CAP_ROOT));
	pelink_granularity(c->out, "PTMClockGranularity", p.clock_granularity, "Unimplemented");
	fprintf(c->out, "\t\tPTMControl: Enabled:%c RootSelected:%c\n",
		pelink_flag(p.ctrl, VDISC_PCI_PTM_CTRL_ENABLE),
		pelink_flag(p.ctrl, VDISC_PCI_PTM_CTRL_ROOT));
	pelink_granularity(c->out, "PTMEffectiveGranularity", p.effective_granularity, "Unknown");
}

static void pelink_dpc(const struct pci_cap_ctx *c)
{
	struct vdisc_pci_dpc d;

	fprintf(c->out, "Downstream Port Containment\n");
	if (c->verbose < 2 || vdisc_pci_decode_dpc(c->fn, c->cap, &d) != 0)
		return;
	fprintf(c->out,
		"\t\tDpcCap:\tINT Msg #%u, RPExt%c PoisonedTLP%c SwTrigger%c RP PIO Log %u, "
		"DL_ActiveErr%c\n",
		d.irq, pelink_flag(d.cap, VDISC_PCI_EXP_DPC_CAP_RP_EXT),
		pelink_flag(d.cap, VDISC_PCI_EXP_DPC_CAP_POISONED_TLP),
		pelink_flag(d.cap, VDISC_PCI_EXP_DPC_CAP_SW_TRIGGER), d.rp_pio_log_size,
		pelink_flag(d.cap, VDISC_PCI_EXP_DPC_CAP_DL_ACTIVE));
	fprintf(c->out,
		"\t\tDpcCtl:\tTrigger:%x Cmpl%c INT%c ErrCor%c PoisonedTLP%c SwTrigger%c "
		"DL_ActiveErr%c\n",
		d.trigger_enable, pelink_flag(d.ctl, VDISC_PCI_EXP_DPC_CTL_CMPL),
		pelink_flag(d.ctl, VDISC_PCI_EXP_DPC_CTL_INT_EN),
		pelink_flag(d.ctl, VDISC_PCI_EXP_DPC_CTL_ERR_COR),
		pelink_flag(d.ctl, VDISC_PCI_EXP_DPC_CTL_POISONED),
		pelink_flag(d.ctl, VDISC_PCI_EXP_DPC_CTL_SW_TRIGGER),
		pelink_flag(d.ctl, VDISC_PCI_EXP_DPC_CTL_DL_ACTIVE));
	fprintf(c->out,
		"\t\tDpcSta:\tTrigger%c Reason:%02x INT%c RPBusy%c TriggerExt:%02x RP PIO "
		"ErrPtr:%02x\n",
		pelink_flag(d.status, VDISC_PCI_EXP_DPC_STATUS_TRIGGER), d.trigger_reason,
		pelink_flag(d.status, VDISC_PCI_EXP_DPC_STATUS_INTERRUPT),
		pelink_flag(d.status, VDISC_PCI_EXP_DPC_RP_BUSY), d.trigger_reason_ext,
		d.rp_pio_fep);
	fprintf(c->out, "\t\tSource:\t%04x\n", d.source_id);
}

/* A BAR size as log2(bytes / 1 MB), in the largest unit that keeps it whole. */
static void pelink_rebar_size(FILE *out, unsigned log2)
{
	static const char *const units[] = {"MB", "GB", "TB", "PB", "EB"};

	if (log2 <= VDISC_PCI_REBAR_SIZE_MAX)
		fprintf(out, " %u%s", 1u << (log2 % 10), units[log2 / 10]);
	else
		fprintf(out, " <unknown>");
}

static void pelink_rebar(const struct pci_cap_ctx *c)
{
	struct vdisc_pci_rebar r;
	unsigned i, s;
	int err;

	fprintf(c->out, "%s Resizable BAR\n",
		c->cap->id == VDISC_PCI_EXT_CAP_ID_VF_REBAR ? "Virtual" : "Physical");
	if (c->verbose < 2)
		return;
	err = vdisc_pci_decode_rebar(c->fn, c->cap, &r);
	if (r.nbars_invalid) {
		fprintf(c->out,
			"\t\t<error in resizable BAR: num_bars=%u is out of specification>\n",
			r.nbars);
		return;
	}
	for (i = 0; i < r.count; i++) {
		fprintf(c->out, "\t\tBAR %u: current size:", r.entry[i].bar);
		pelink_rebar_size(c->out, r.entry[i].current_size);
		if (r.entry[i].supported)
			fprintf(c->out, ", supported:");
		for (s = 0; s <= VDISC_PCI_REBAR_SIZE_MAX; s++)
			if (r.entry[i].supported & (UINT64_C(1) << s))
				pelink_rebar_size(c->out, s);
		fprintf(c->out, "\n");
	}
	if (err)
		fprintf(c->out, "\t\t<unreadable>\n");
}

static void pelink_doe(const struct pci_cap_ctx *c)
{
	struct vdisc_pci_doe d;

	fprintf(c->out, "Data Object Exchange\n");
	if (c->verbose < 2)
		return;
	if (!pelink_fits(c, VDISC_PCI_DOE_SIZEOF) || vdisc_pci_decode_doe(c->fn, c->cap, &d) != 0) {
		fprintf(c->out, "\t\t<unreadable>\n");
		return;
	}
	fprintf(c->out, "\t\tDOECap: IntSup%c\n", pelink_flag(d.cap, VDISC_PCI_DOE_CAP_INT_SUP));
	if (d.cap & VDISC_PCI_DOE_CAP_INT_SUP)
		fprintf(c->out, "\t\t\tInterrupt Message Number %03x\n", d.irq);
	fprintf(c->out, "\t\tDOECtl: IntEn%c\n", pelink_flag(d.ctrl, VDISC_PCI_DOE_CTRL_INT_EN));
	/* Error is bit 2 (7.9.24.5); lspci 3.9 tests bits 0-1 (Busy or IntSta) instead. */
	fprintf(c->out, "\t\tDOESta: Busy%c IntSta%c Error%c ObjectReady%c\n",
		pelink_flag(d.status, VDISC_PCI_DOE_STATUS_BUSY),
		pelink_flag(d.status, VDISC_PCI_DOE_STATUS_INT_STATUS),
		pelink_flag(d.status, VDISC_PCI_DOE_STATUS_ERROR),
		pelink_flag(d.status, VDISC_PCI_DOE_STATUS_DATA_OBJECT_READY));
}

static void pelink_vsec(const struct pci_cap_ctx *c)
{
	struct vdisc_pci_vsec v;

	fprintf(c->out, "Vendor Specific Information: ");
	if (vdisc_pci_decode_vsec(c->fn, c->cap, &v) != 0)
		fprintf(c->out, "<unreadable>\n");
	else
		fprintf(c->out, "ID=%04x Rev=%u Len=%03x <?>\n", v.id, v.rev, v.len);
}

/* What lspci 3.9 names without decoding, or knows only by number. */
static bool pelink_named_only(const struct pci_cap_ctx *c)
{
	switch (c->cap->id) {
	case VDISC_PCI_EXT_CAP_ID_DLF:
		fprintf(c->out, "Data Link Feature <?>\n");
		return true;
	case VDISC_PCI_EXT_CAP_ID_PL_16GT:
		fprintf(c->out, "Physical Layer 16.0 GT/s <?>\n");
		return true;
	case VDISC_PCI_EXT_CAP_ID_LMR:
		fprintf(c->out, "Lane Margining at the Receiver <?>\n");
		return true;
	case VDISC_PCI_EXT_CAP_ID_NPEM:
		fprintf(c->out, "Native PCIe Enclosure Management <?>\n");
		return true;
	case VDISC_PCI_EXT_CAP_ID_PL_32GT:
	case VDISC_PCI_EXT_CAP_ID_IDE:
		fprintf(c->out, "Extended Capability ID %#x\n", c->cap->id);
		return true;
	default:
		return false;
	}
}

bool pci_text_ecap_link(const struct pci_cap_ctx *c)
{
	switch (c->cap->id) {
	case VDISC_PCI_EXT_CAP_ID_LTR:
		pelink_ltr(c);
		return true;
	case VDISC_PCI_EXT_CAP_ID_SECPCI:
		pelink_secpci(c);
		return true;
	case VDISC_PCI_EXT_CAP_ID_L1SS:
		pelink_l1ss(c);
		return true;
	case VDISC_PCI_EXT_CAP_ID_PTM:
		pelink_ptm(c);
		return true;
	case VDISC_PCI_EXT_CAP_ID_DPC:
		pelink_dpc(c);
		return true;
	case VDISC_PCI_EXT_CAP_ID_REBAR:
	case VDISC_PCI_EXT_CAP_ID_VF_REBAR:
		pelink_rebar(c);
		return true;
	case VDISC_PCI_EXT_CAP_ID_DOE:
		pelink_doe(c);
		return true;
	case VDISC_PCI_EXT_CAP_ID_VNDR:
		pelink_vsec(c);
		return true;
	case VDISC_PCI_EXT_CAP_ID_DVSEC:
		pci_text_dvsec(c);
		return true;
	default:
		return pelink_named_only(c);
	}
}
