/* SPDX-License-Identifier: MIT */
#include <inttypes.h>

#include "cli.h"
#include "pci_text_dvsec.h"

/*
 * Designated Vendor-Specific capabilities in lspci's words: the header, and
 * at -vv the CXL DVSECs lspci 3.9 decodes.  Where lspci tests the wrong bit
 * or reads half a register, the register's own value is printed; values the
 * CXL specification reserves, which lspci would index past its tables with,
 * print as "<?>".
 */

static char pdvsec_flag(uint32_t reg, uint32_t mask)
{
	return (reg & mask) ? '+' : '-';
}

static void pdvsec_range(FILE *out, const struct vdisc_cxl_range *r, unsigned n)
{
	static const char *const type[] = {"Volatile", "Non-volatile", "CDAT"};
	static const char *const class[] = {"DRAM", "Storage", "CDAT"};
	static const unsigned interleave[] = {0, 256, 4096, 512, 1024, 2048, 8192, 16384};
	unsigned t = (r->flags & VDISC_CXL_RANGE_TYPE) >> VDISC_CXL_RANGE_TYPE_SHIFT;
	unsigned k = (r->flags & VDISC_CXL_RANGE_CLASS) >> VDISC_CXL_RANGE_CLASS_SHIFT;
	unsigned il = (r->flags & VDISC_CXL_RANGE_INTERLEAVE) >> VDISC_CXL_RANGE_INTERLEAVE_SHIFT;
	unsigned to = (r->flags & VDISC_CXL_RANGE_TIMEOUT) >> VDISC_CXL_RANGE_TIMEOUT_SHIFT;

	fprintf(out, "\t\tRange%u: %016" PRIx64 "-%016" PRIx64 "\n", n, r->base,
		r->base + r->size - 1);
	fprintf(out, "\t\t\tValid%c Active%c Type=%s Class=%s ",
		pdvsec_flag(r->flags, VDISC_CXL_RANGE_VALID),
		pdvsec_flag(r->flags, VDISC_CXL_RANGE_ACTIVE), t < 3 ? type[t] : "<?>",
		k < 3 ? class[k] : "<?>");
	if (il < sizeof(interleave) / sizeof(interleave[0]))
		fprintf(out, "interleave=%u", interleave[il]);
	else
		fprintf(out, "interleave=<?>");
	fprintf(out, " timeout=%lus\n", 1ul << (to * 2));
}

static void pdvsec_device(FILE *out, const struct vdisc_pci_dvsec *d)
{
	const struct vdisc_cxl_device *x = &d->u.device;

	/* lspci leaves CXL 1.1's revision 0 alone. */
	if (d->len < VDISC_CXL_DEV_LEN || d->rev < 1)
		return;
	fprintf(out, "\t\tCXLCap:\tCache%c IO%c Mem%c Mem HW Init%c HDMCount %u Viral%c\n",
		pdvsec_flag(x->cap, VDISC_CXL_DEV_CAP_CACHE),
		pdvsec_flag(x->cap, VDISC_CXL_DEV_CAP_IO),
		pdvsec_flag(x->cap, VDISC_CXL_DEV_CAP_MEM),
		pdvsec_flag(x->cap, VDISC_CXL_DEV_CAP_MEM_HWINIT),
		(x->cap & VDISC_CXL_DEV_CAP_HDM_COUNT) >> VDISC_CXL_DEV_CAP_HDM_COUNT_SHIFT,
		pdvsec_flag(x->cap, VDISC_CXL_DEV_CAP_VIRAL));
	fprintf(out,
		"\t\tCXLCtl:\tCache%c IO%c Mem%c Cache SF Cov %u Cache SF Gran %u Cache Clean%c "
		"Viral%c\n",
		pdvsec_flag(x->ctrl, VDISC_CXL_DEV_CTRL_CACHE),
		pdvsec_flag(x->ctrl, VDISC_CXL_DEV_CTRL_IO),
		pdvsec_flag(x->ctrl, VDISC_CXL_DEV_CTRL_MEM),
		(x->ctrl & VDISC_CXL_DEV_CTRL_SF_COV) >> VDISC_CXL_DEV_CTRL_SF_COV_SHIFT,
		(x->ctrl & VDISC_CXL_DEV_CTRL_SF_GRAN) >> VDISC_CXL_DEV_CTRL_SF_GRAN_SHIFT,
		pdvsec_flag(x->ctrl, VDISC_CXL_DEV_CTRL_CACHE_CLEAN),
		pdvsec_flag(x->ctrl, VDISC_CXL_DEV_CTRL_VIRAL));
	fprintf(out, "\t\tCXLSta:\tViral%c\n", pdvsec_flag(x->status, VDISC_CXL_DEV_STATUS_VIRAL));
	fprintf(out, "\t\tCXLSta2:\tResetComplete%c ResetError%c PMComplete%c\n",
		pdvsec_flag(x->status2, VDISC_CXL_DEV_STATUS2_RESET_DONE),
		pdvsec_flag(x->status2, VDISC_CXL_DEV_STATUS2_RESET_ERR),
		pdvsec_flag(x->status2, VDISC_CXL_DEV_STATUS2_PM_DONE));
	if (x->cache_unit == VDISC_CXL_DEV_CAP2_UNIT_1M)
		fprintf(out, "\t\tCache Size: %08" PRIx32 "\n", (uint32_t)x->cache_size << 20);
	else if (x->cache_unit == VDISC_CXL_DEV_CAP2_UNIT_64K)
		fprintf(out, "\t\tCache Size: %08" PRIx32 "\n", (uint32_t)x->cache_size << 16);
	else if (x->cache_unit == VDISC_CXL_DEV_CAP2_UNIT_NONE)
		fprintf(out, "\t\tCache Size Not Reported\n");
	else
		fprintf(out, "\t\tCache Size: %u of unknown unit size (%u)\n", x->cache_size,
			x->cache_unit);
	pdvsec_range(out, &x->range[0], 1);
	pdvsec_range(out, &x->range[1], 2);
}

static void pdvsec_port(FILE *out, const struct vdisc_pci_dvsec *d)
{
	const struct vdisc_cxl_port *p = &d->u.port;

	if (d->len < VDISC_CXL_PORT_LEN)
		return;
	/* PM Initialization Complete is bit 0 (CXL 3.0 8.1.5.1); lspci 3.9 tests bits 1 and 3. */
	fprintf(out, "\t\tCXLPortSta:\tPMComplete%c\n",
		pdvsec_flag(p->status, VDISC_CXL_PORT_STATUS_PM_DONE));
	fprintf(out,
		"\t\tCXLPortCtl:\tUnmaskSBR%c UnmaskLinkDisable%c AltMem%c AltBME%c "
		"ViralEnable%c\n",
		pdvsec_flag(p->ctrl, VDISC_CXL_PORT_CTRL_UNMASK_SBR),
		pdvsec_flag(p->ctrl, VDISC_CXL_PORT_CTRL_UNMASK_LINK),
		pdvsec_flag(p->ctrl, VDISC_CXL_PORT_CTRL_ALT_MEM),
		pdvsec_flag(p->ctrl, VDISC_CXL_PORT_CTRL_ALT_BME),
		pdvsec_flag(p->ctrl, VDISC_CXL_PORT_CTRL_VIRAL));
	fprintf(out, "\t\tAlternateBus:\t%02x-%02x\n", p->bus_base, p->bus_limit);
	/* lspci's label for the alternate memory window, kept. */
	fprintf(out, "\t\tAlternateBus:\t%04x-%04x\n", p->mem_base, p->mem_limit);
}

static void pdvsec_gpf_time(FILE *out, const char *name, const struct vdisc_cxl_gpf_time *t)
{
	const char *unit = "<?>";

	if (t->scale > VDISC_CXL_GPF_SCALE_10S)
		fprintf(out, "\t\tReserved time scale encoding %x\n", t->scale);
	else if (t->scale < VDISC_CXL_GPF_SCALE_1MS)
		unit = "us";
	else if (t->scale < VDISC_CXL_GPF_SCALE_1S)
		unit = "ms";
	else
		unit = "s"; /* 1 s and 10 s units; lspci 3.9 prints "<?>" for 10 s */
	fprintf(out, "\t\t%s: %u%s\n", name, t->amount, unit);
}

/* One of the Flex Bus port's capability (@kind 0), control (1) and status (2) registers. */
static void pdvsec_flexbus_bits(FILE *out, const char *name, uint16_t reg, int kind, bool rev2)
{
	fprintf(out, "\t\t%s:\tCache%c IO%c Mem%c", name, pdvsec_flag(reg, VDISC_CXL_FB_CACHE),
		pdvsec_flag(reg, VDISC_CXL_FB_IO), pdvsec_flag(reg, VDISC_CXL_FB_MEM));
	if (kind > 0)
		fprintf(out, " SynHdrByp%c DrftBuf%c", pdvsec_flag(reg, VDISC_CXL_FB_SYNC_HDR_BYP),
			pdvsec_flag(reg, VDISC_CXL_FB_DRIFT_BUF));
	fprintf(out, " 68BFlit%c MltLogDev%c", pdvsec_flag(reg, VDISC_CXL_FB_68B_FLIT),
		pdvsec_flag(reg, VDISC_CXL_FB_MLD));
	if (kind == 1)
		fprintf(out, " RCD%c Retimer1%c Retimer2%c", pdvsec_flag(reg, VDISC_CXL_FB_RCD),
			pdvsec_flag(reg, VDISC_CXL_FB_RETIMER1),
			pdvsec_flag(reg, VDISC_CXL_FB_RETIMER2));
	if (rev2)
		fprintf(out, " 256BFlit%c PBRFlit%c", pdvsec_flag(reg, VDISC_CXL_FB_256B_FLIT),
			pdvsec_flag(reg, VDISC_CXL_FB_PBR_FLIT));
	fprintf(out, "\n");
}

static void pdvsec_flexbus(FILE *out, const struct vdisc_pci_dvsec *d)
{
	const struct vdisc_cxl_flexbus *f = &d->u.flexbus;
	bool rev2 = d->rev > 1;

	if (d->rev < 1) {
		fprintf(out, "\t\tRevision %u not supported\n", d->rev);
		return;
	}
	pdvsec_flexbus_bits(out, "FBCap", f->cap, 0, rev2);
	pdvsec_flexbus_bits(out, "FBCtl", f->ctrl, 1, rev2);
	pdvsec_flexbus_bits(out, "FBSta", f->status, 2, rev2);
	fprintf(out, "\t\tFBModTS:\tReceived FB Data: %06" PRIx32 "\n", f->mod_ts_data);
	if (!rev2)
		return;
	fprintf(out, "\t\tFBCap2:\tNOPHint%c\n", pdvsec_flag(f->cap2, VDISC_CXL_FB_NOP_HINT));
	fprintf(out, "\t\tFBCtl2:\tNOPHint%c\n", pdvsec_flag(f->ctrl2, VDISC_CXL_FB_NOP_HINT));
	fprintf(out, "\t\tFBSta2:\tNOPHintInfo: %" PRIx32 "\n",
		f->status2 & VDISC_CXL_FB_NOP_HINT_INFO);
}

static void pdvsec_reg_locator(const struct pci_cap_ctx *c, const struct vdisc_pci_dvsec *d)
{
	static const char *const names[] = {"empty", "component registers", "BAR virtualization",
					    "CXL device registers", "CPMU registers"};
	struct vdisc_cxl_reg_block b;
	const char *name;
	unsigned i;

	for (i = 0; i < d->u.reg_blocks; i++) {
		if (vdisc_pci_decode_cxl_reg_block(c->fn, c->cap, i, &b) != 0 || b.id == 0)
			continue;
		if (b.id < sizeof(names) / sizeof(names[0]))
			name = names[b.id];
		else
			name = b.id == VDISC_CXL_RL_ID_VENDOR ? "vendor-specific" : "<?>";
		fprintf(c->out, "\t\tBlock%u: BIR: bar%u, ID: %s, offset: %016" PRIx64 "\n", i + 1,
			b.bir, name, b.offset);
	}
}

static void pdvsec_cxl(const struct pci_cap_ctx *c, const struct vdisc_pci_dvsec *d)
{
	FILE *out = c->out;
	unsigned i;

	switch (d->id) {
	case VDISC_CXL_DVSEC_PCIE_DEVICE:
		pdvsec_device(out, d);
		break;
	case VDISC_CXL_DVSEC_FUNCTION_MAP:
		/* The whole 32-bit registers; lspci 3.9 shows their low halves. */
		for (i = 0; i < VDISC_CXL_FUN_MAP_REGS; i++)
			fprintf(out, "\t\tFuncMap %u: %08" PRIx32 "\n", i, d->u.function_map[i]);
		break;
	case VDISC_CXL_DVSEC_PORT:
		pdvsec_port(out, d);
		break;
	case VDISC_CXL_DVSEC_PORT_GPF:
		pdvsec_gpf_time(out, "GPF Phase 1 Timeout", &d->u.gpf_port.phase1);
		pdvsec_gpf_time(out, "GPF Phase 2 Timeout", &d->u.gpf_port.phase2);
		break;
	case VDISC_CXL_DVSEC_DEVICE_GPF:
		pdvsec_gpf_time(out, "GPF Phase 2 Duration", &d->u.gpf_device.phase2);
		fprintf(out, "\t\tGPF Phase 2 Power: %" PRIu32 "mW\n",
			d->u.gpf_device.phase2_power_mw);
		break;
	case VDISC_CXL_DVSEC_PCIE_FLEXBUS_PORT:
		pdvsec_flexbus(out, d);
		break;
	case VDISC_CXL_DVSEC_REG_LOCATOR:
		pdvsec_reg_locator(c, d);
		break;
	case VDISC_CXL_DVSEC_MLD:
		/* Counts above 16 are reserved; 0 says nothing. */
		if (d->u.mld_num_ld && d->u.mld_num_ld <= VDISC_CXL_MLD_MAX_LD)
			fprintf(out, "\t\tNumLogDevs: %u\n", d->u.mld_num_ld);
		break;
	default:
		fprintf(out, "\t\tUnknown ID %04x\n", d->id);
		break;
	}
}

void pci_text_dvsec(const struct pci_cap_ctx *c)
{
	struct vdisc_pci_dvsec d;
	int err = vdisc_pci_decode_dvsec(c->fn, c->cap, &d);

	fprintf(c->out, "Designated Vendor-Specific: ");
	if (err && !d.cxl) {
		fprintf(c->out, "<unreadable>\n");
		return;
	}
	fprintf(c->out, "Vendor=%04x ID=%04x Rev=%u Len=%u", d.vendor, d.id, d.rev, d.len);
	if (!d.cxl) {
		fprintf(c->out, " <?>\n");
		return;
	}
	fprintf(c->out, ": CXL\n");
	if (c->verbose >= 2 && err == 0)
		pdvsec_cxl(c, &d);
}
