/* SPDX-License-Identifier: MIT */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "hosted/pci_vpd.h"
#include "pci_caps_text.h"

/*
 * The standard capabilities under -v, -vv and -vvv, in lspci's words (except
 * PCI Express, pci_text_express.c, and HyperTransport, pci_text_caps_ht.c).
 * Each capability's first line is finished here; the lines below it, from
 * -vv on, only where the decoder could read their registers from the
 * snapshot, as lspci stops where its configuration space ends.
 */

#define PCAPS_F(v, m) (((v) & (m)) ? '+' : '-')
#define PCAPS_COUNT(a) (sizeof(a) / sizeof((a)[0]))

static void pcaps_pm(const struct pci_cap_ctx *c)
{
	struct vdisc_pci_pm pm;
	int err = vdisc_pci_decode_pm(c->fn, c->cap, &pm);

	fprintf(c->out, "Power Management version %u\n", pm.version);
	if (c->verbose < 2 || (err && err != -VDISC_ERANGE))
		return;
	fprintf(c->out,
		"\t\tFlags: PMEClk%c DSI%c D1%c D2%c AuxCurrent=%umA "
		"PME(D0%c,D1%c,D2%c,D3hot%c,D3cold%c)\n",
		PCAPS_F(pm.pmc, VDISC_PCI_PM_CAP_PME_CLOCK), PCAPS_F(pm.pmc, VDISC_PCI_PM_CAP_DSI),
		pm.d1 ? '+' : '-', pm.d2 ? '+' : '-', pm.aux_current_ma,
		PCAPS_F(pm.pmc, VDISC_PCI_PM_CAP_PME_D0), PCAPS_F(pm.pmc, VDISC_PCI_PM_CAP_PME_D1),
		PCAPS_F(pm.pmc, VDISC_PCI_PM_CAP_PME_D2),
		PCAPS_F(pm.pmc, VDISC_PCI_PM_CAP_PME_D3hot),
		PCAPS_F(pm.pmc, VDISC_PCI_PM_CAP_PME_D3cold));
	if (!pm.has_ctrl)
		return;
	fprintf(c->out, "\t\tStatus: D%u NoSoftRst%c PME-Enable%c DSel=%u DScale=%u PME%c\n",
		pm.power_state, pm.no_soft_reset ? '+' : '-', pm.pme_enabled ? '+' : '-',
		pm.data_select, pm.data_scale, pm.pme_status ? '+' : '-');
	/* B2_B3 set means B2: lspci's "B3" is its complement. */
	if (pm.bridge_ext)
		fprintf(c->out, "\t\tBridge: PM%c B3%c\n",
			PCAPS_F(pm.bridge_ext, VDISC_PCI_PM_BPCC_ENABLE),
			PCAPS_F(~pm.bridge_ext, VDISC_PCI_PM_PPB_B2_B3));
}

static void pcaps_msi(const struct pci_cap_ctx *c)
{
	struct vdisc_pci_msi m;

	vdisc_pci_decode_msi(c->fn, c->cap, &m);
	/* The raw log2 fields, reserved codes included (1 << 7 = 128), as lspci counts. */
	fprintf(c->out, "MSI: Enable%c Count=%u/%u Maskable%c 64bit%c\n", m.enabled ? '+' : '-',
		1u << m.enabled_log2, 1u << m.capable_log2, m.per_vector_mask ? '+' : '-',
		m.is64 ? '+' : '-');
	if (c->verbose < 2 || !m.has_message)
		return;
	fputs("\t\tAddress: ", c->out);
	if (m.is64)
		fprintf(c->out, "%08" PRIx32, (uint32_t)(m.address >> 32));
	fprintf(c->out, "%08" PRIx32 "  Data: %04x\n", (uint32_t)m.address, m.data);
	if (m.has_mask)
		fprintf(c->out, "\t\tMasking: %08" PRIx32 "  Pending: %08" PRIx32 "\n", m.mask,
			m.pending);
}

static void pcaps_msix(const struct pci_cap_ctx *c)
{
	struct vdisc_pci_msix m;

	vdisc_pci_decode_msix(c->fn, c->cap, &m);
	fprintf(c->out, "MSI-X: Enable%c Count=%u Masked%c\n", m.enabled ? '+' : '-', m.table_size,
		m.function_mask ? '+' : '-');
	if (c->verbose < 2 || !m.has_tables)
		return;
	fprintf(c->out, "\t\tVector table: BAR=%u offset=%08" PRIx32 "\n", m.table_bar,
		m.table_offset);
	fprintf(c->out, "\t\tPBA: BAR=%u offset=%08" PRIx32 "\n", m.pba_bar, m.pba_offset);
}

/* AGP 3.0, 2.5.1: in AGP 3.0 mode the rate bits 0 and 1 mean 4x and 8x. */
static const char *pcaps_agp_rates(char *buf, size_t len, uint8_t rates, bool agp3)
{
	size_t n = 0;
	unsigned i;

	buf[0] = 0;
	for (i = 0; i < 3; i++)
		if (rates & (1u << i))
			n += (size_t)snprintf(buf + n, len - n, "%sx%u", n ? "," : "",
					      1u << (i + (agp3 ? 2 : 0)));
	return n ? buf : "<none>";
}

static void pcaps_agp(const struct pci_cap_ctx *c)
{
	struct vdisc_pci_agp a;
	char rate[32];
	uint32_t s, m;

	vdisc_pci_decode_agp(c->fn, c->cap, &a);
	fprintf(c->out, "AGP version %x.%x\n", a.major, a.minor);
	if (c->verbose < 2 || !a.has_regs)
		return;
	s = a.status;
	fprintf(c->out,
		"\t\tStatus: RQ=%u Iso%c ArqSz=%u Cal=%u SBA%c ITACoh%c GART64%c HTrans%c 64bit%c "
		"FW%c AGP3%c Rate=%s\n",
		a.status_rq, PCAPS_F(s, VDISC_PCI_AGP_STATUS_ISOCH),
		(s & VDISC_PCI_AGP_STATUS_ARQSZ_MASK) >> VDISC_PCI_AGP_STATUS_ARQSZ_SHIFT,
		(s & VDISC_PCI_AGP_STATUS_CAL_MASK) >> VDISC_PCI_AGP_STATUS_CAL_SHIFT,
		PCAPS_F(s, VDISC_PCI_AGP_STATUS_SBA), PCAPS_F(s, VDISC_PCI_AGP_STATUS_ITA_COH),
		PCAPS_F(s, VDISC_PCI_AGP_STATUS_GART64), PCAPS_F(s, VDISC_PCI_AGP_STATUS_HTRANS),
		PCAPS_F(s, VDISC_PCI_AGP_STATUS_64BIT), PCAPS_F(s, VDISC_PCI_AGP_STATUS_FW),
		PCAPS_F(s, VDISC_PCI_AGP_STATUS_AGP3),
		pcaps_agp_rates(rate, sizeof(rate), a.status_rates, a.agp3));
	m = a.command;
	fprintf(c->out,
		"\t\tCommand: RQ=%u ArqSz=%u Cal=%u SBA%c AGP%c GART64%c 64bit%c FW%c Rate=%s\n",
		a.command_rq,
		(m & VDISC_PCI_AGP_COMMAND_ARQSZ_MASK) >> VDISC_PCI_AGP_STATUS_ARQSZ_SHIFT,
		(m & VDISC_PCI_AGP_COMMAND_CAL_MASK) >> VDISC_PCI_AGP_STATUS_CAL_SHIFT,
		PCAPS_F(m, VDISC_PCI_AGP_COMMAND_SBA), PCAPS_F(m, VDISC_PCI_AGP_COMMAND_AGP),
		PCAPS_F(m, VDISC_PCI_AGP_COMMAND_GART64), PCAPS_F(m, VDISC_PCI_AGP_COMMAND_64BIT),
		PCAPS_F(m, VDISC_PCI_AGP_COMMAND_FW),
		pcaps_agp_rates(rate, sizeof(rate), a.command_rates, a.agp3));
}

/* VPD text as lspci prints it: backslashes doubled, controls as \\xNN, a last NUL dropped. */
static void pcaps_vpd_text(FILE *out, const uint8_t *p, unsigned len)
{
	unsigned i;

	for (i = 0; i < len; i++) {
		if (p[i] == '\\')
			fputs("\\\\", out);
		else if (!p[i] && i == len - 1)
			continue;
		else if (p[i] < 32 || p[i] == 127)
			fprintf(out, "\\x%02x", p[i]);
		else
			fputc(p[i], out);
	}
}

static void pcaps_vpd_field(FILE *out, const struct vdisc_pci_vpd_item *it)
{
	unsigned i;

	fputs("\t\t\t[", out);
	pcaps_vpd_text(out, it->keyword, 2);
	fprintf(out, "] %s: ", it->name);
	switch (it->format) {
	case VDISC_PCI_VPD_TEXT:
		pcaps_vpd_text(out, it->data, it->len);
		break;
	case VDISC_PCI_VPD_BINARY:
		for (i = 0; i < it->len; i++)
			fprintf(out, "%s%02x", i ? " " : "", it->data[i]);
		break;
	case VDISC_PCI_VPD_CHECKSUM:
		fprintf(out, "checksum %s, %d byte(s) reserved", it->checksum_ok ? "good" : "bad",
			it->len - 1);
		break;
	case VDISC_PCI_VPD_FREE:
		fprintf(out, "%u byte(s) free", it->len);
		break;
	}
	fputc('\n', out);
}

static void pcaps_vpd_item(FILE *out, const struct vdisc_pci_vpd_item *it)
{
	switch (it->kind) {
	case VDISC_PCI_VPD_ID_STRING:
		fputs("\t\tProduct Name: ", out);
		pcaps_vpd_text(out, it->data, it->len);
		fputc('\n', out);
		break;
	case VDISC_PCI_VPD_FIELDS:
		fprintf(out, "\t\t%s fields:\n", it->read_write ? "Read/write" : "Read-only");
		break;
	case VDISC_PCI_VPD_FIELD:
		pcaps_vpd_field(out, it);
		break;
	case VDISC_PCI_VPD_END:
		fputs("\t\tEnd\n", out);
		break;
	case VDISC_PCI_VPD_UNKNOWN:
		fprintf(out, "\t\tUnknown %s resource type %02x, will not decode more.\n",
			it->large ? "large" : "small", it->tag);
		break;
	case VDISC_PCI_VPD_UNREADABLE:
		fputs("\t\tNot readable\n", out);
		break;
	case VDISC_PCI_VPD_NO_END:
		fputs("\t\tNo end tag found\n", out);
		break;
	}
}

/*
 * VPD is read through the capability's address/data window, which a dump
 * cannot replay: there, as lspci on a dump, "Not readable".  From sysfs the
 * kernel's reading of it (the "vpd" file, root only) is walked as lspci
 * walks it live.
 */
static void pcaps_vpd(const struct pci_cap_ctx *c)
{
	struct vdisc_pci_vpd_iter it = {0};
	struct vdisc_pci_vpd_item item;
	uint8_t *image = NULL;
	long n = 0;

	fputs("Vital Product Data\n", c->out);
	if (c->verbose < 2)
		return;
	if (c->x && c->x->known && (image = malloc(VDISC_PCI_VPD_MAX)) != NULL)
		n = vdisc_pci_sysfs_read_vpd(c->opt->sysfs_root ? c->opt->sysfs_root
								: VDISC_SYSFS_PCI_DEVICES,
					     c->fn->addr, image, VDISC_PCI_VPD_MAX);
	it.vpd = image;
	it.size = n > 0 ? (uint32_t)n : 0;
	while (vdisc_pci_vpd_next(&it, &item))
		pcaps_vpd_item(c->out, &item);
	free(image);
}

static void pcaps_slotid(const struct pci_cap_ctx *c)
{
	struct vdisc_pci_slotid s;

	vdisc_pci_decode_slotid(c->fn, c->cap, &s);
	fprintf(c->out, "Slot ID: %u slots, First%c, chassis %02x\n", s.slots,
		s.first_in_chassis ? '+' : '-', s.chassis);
}

static void pcaps_pcix_device(const struct pci_cap_ctx *c, const struct vdisc_pci_pcix *x)
{
	uint32_t s = x->status;

	fputs("PCI-X non-bridge device\n", c->out);
	if (c->verbose < 2 || !x->has_regs)
		return;
	fprintf(c->out, "\t\tCommand: DPERE%c ERO%c RBC=%u OST=%u\n",
		PCAPS_F(x->command, VDISC_PCI_X_CMD_DPERR_E),
		PCAPS_F(x->command, VDISC_PCI_X_CMD_ERO), x->max_read, x->max_split);
	fprintf(c->out,
		"\t\tStatus: Dev=%02x:%02x.%u 64bit%c 133MHz%c SCD%c USC%c DC=%s DMMRBC=%u "
		"DMOST=%u DMCRS=%u RSCEM%c 266MHz%c 533MHz%c\n",
		x->bus, x->dev, x->fn, PCAPS_F(s, VDISC_PCI_X_STATUS_64BIT),
		PCAPS_F(s, VDISC_PCI_X_STATUS_133MHZ), PCAPS_F(s, VDISC_PCI_X_STATUS_SPL_DISC),
		PCAPS_F(s, VDISC_PCI_X_STATUS_UNX_SPL),
		s & VDISC_PCI_X_STATUS_COMPLEX ? "bridge" : "simple", x->design_max_read,
		x->design_max_split, x->design_max_cum, PCAPS_F(s, VDISC_PCI_X_STATUS_SPL_ERR),
		PCAPS_F(s, VDISC_PCI_X_STATUS_266MHZ), PCAPS_F(s, VDISC_PCI_X_STATUS_533MHZ));
}

/* lspci names the three low bits of the secondary bus mode/frequency (PCI-X 2.0a, 8.6.2.2). */
static const char *const pcaps_pcix_freq[8] = {"conv", "66MHz", "100MHz", "133MHz",
					       "?4",   "?5",	"?6",	  "?7"};

static void pcaps_pcix_bridge(const struct pci_cap_ctx *c, const struct vdisc_pci_pcix *x)
{
	uint16_t ss = x->sec_status;
	uint32_t s = x->status;

	fputs("PCI-X bridge device\n", c->out);
	if (c->verbose < 2 || !x->has_regs)
		return;
	fprintf(c->out, "\t\tSecondary Status: 64bit%c 133MHz%c SCD%c USC%c SCO%c SRD%c Freq=%s\n",
		PCAPS_F(ss, VDISC_PCI_X_SSTATUS_64BIT), PCAPS_F(ss, VDISC_PCI_X_SSTATUS_133MHZ),
		PCAPS_F(ss, VDISC_PCI_X_SSTATUS_SPL_DISC), PCAPS_F(ss, VDISC_PCI_X_SSTATUS_UNX_SPL),
		PCAPS_F(ss, VDISC_PCI_X_SSTATUS_SPL_OVR), PCAPS_F(ss, VDISC_PCI_X_SSTATUS_SPL_DLY),
		pcaps_pcix_freq[x->sec_freq & 7]);
	fprintf(c->out, "\t\tStatus: Dev=%02x:%02x.%u 64bit%c 133MHz%c SCD%c USC%c SCO%c SRD%c\n",
		x->bus, x->dev, x->fn, PCAPS_F(s, VDISC_PCI_X_STATUS_64BIT),
		PCAPS_F(s, VDISC_PCI_X_STATUS_133MHZ), PCAPS_F(s, VDISC_PCI_X_STATUS_SPL_DISC),
		PCAPS_F(s, VDISC_PCI_X_STATUS_UNX_SPL), PCAPS_F(s, VDISC_PCI_X_BSTATUS_SPL_OVR),
		PCAPS_F(s, VDISC_PCI_X_BSTATUS_SPL_DLY));
	fprintf(c->out, "\t\tUpstream: Capacity=%u CommitmentLimit=%u\n", x->up_capacity,
		x->up_limit);
	fprintf(c->out, "\t\tDownstream: Capacity=%u CommitmentLimit=%u\n", x->down_capacity,
		x->down_limit);
}

/*
 * A CardBus bridge (or an undefined header layout) has no PCI-X form; lspci
 * then prints nothing at all, not even the end of the line, and so do we.
 */
static void pcaps_pcix(const struct pci_cap_ctx *c)
{
	uint8_t layout = c->fn->header_type & VDISC_PCI_HEADER_LAYOUT_MASK;
	struct vdisc_pci_pcix x;

	if (layout != VDISC_PCI_HEADER_NORMAL && layout != VDISC_PCI_HEADER_BRIDGE)
		return;
	vdisc_pci_decode_pcix(c->fn, c->cap, &x);
	if (x.bridge)
		pcaps_pcix_bridge(c, &x);
	else
		pcaps_pcix_device(c, &x);
}

static const char *pcaps_virtio_kind(uint8_t cfg_type)
{
	switch (cfg_type) {
	case VDISC_VIRTIO_PCI_CAP_COMMON:
		return "CommonCfg";
	case VDISC_VIRTIO_PCI_CAP_NOTIFY:
		return "Notify";
	case VDISC_VIRTIO_PCI_CAP_ISR:
		return "ISR";
	case VDISC_VIRTIO_PCI_CAP_DEVICE:
		return "DeviceCfg";
	default:
		return "<unknown>"; /* lspci 3.9 names no other (PCI cfg, shared memory, vendor) */
	}
}

/*
 * Vendor-specific capabilities mean what their vendor says: virtio's are
 * decoded (virtio 1.3, 4.1.4), the rest show their length, as lspci does.
 */
static void pcaps_vendor(const struct pci_cap_ctx *c)
{
	struct vdisc_pci_vndr v;

	vdisc_pci_decode_vndr(c->fn, c->cap, &v);
	fputs("Vendor Specific Information: ", c->out);
	if (!v.virtio) {
		fprintf(c->out, "Len=%02x <?>\n", v.length);
		return;
	}
	fprintf(c->out, "VirtIO: %s\n", pcaps_virtio_kind(v.cfg_type));
	if (c->verbose < 2)
		return;
	fprintf(c->out, "\t\tBAR=%u offset=%08" PRIx32 " size=%08" PRIx32, v.bar, v.offset, v.size);
	if (v.has_multiplier)
		fprintf(c->out, " multiplier=%08" PRIx32, v.multiplier);
	fputc('\n', c->out);
}

static void pcaps_debug_port(const struct pci_cap_ctx *c)
{
	struct vdisc_pci_dbg d;

	vdisc_pci_decode_dbg(c->fn, c->cap, &d);
	fprintf(c->out, "Debug port: BAR=%u offset=%04x\n", d.bar, d.offset);
}

/*
 * The bridge's subsystem, worded as lspci's "Subsystem:" lookups are: the
 * subsystem vendor's name and the subsystem's (or "Device xxxx"), ids with
 * -nn, ids alone with -n.  A capability cut off by the snapshot prints
 * nothing, not even the end of the line, as lspci does.
 */
static void pcaps_ssvid(const struct pci_cap_ctx *c)
{
	char vn[PCI_NAME_LEN], sn[PCI_NAME_LEN];
	const char *v, *d;
	struct vdisc_pci_ssvid s;

	if (vdisc_pci_decode_ssvid(c->fn, c->cap, &s) != 0)
		return;
	if (c->opt->numeric == 1) {
		fprintf(c->out, "Subsystem: %04x:%04x\n", s.vendor, s.device);
		return;
	}
	v = pci_vendor_name(s.vendor, vn, sizeof(vn));
	d = pci_subsystem_name(c->fn->vendor_id, c->fn->device_id, s.vendor, s.device, sn,
			       sizeof(sn));
	fputs("Subsystem: ", c->out);
	if (v && d)
		fprintf(c->out, "%s %s", v, d);
	else if (v && c->opt->numeric)
		fprintf(c->out, "%s Device", v);
	else if (v)
		fprintf(c->out, "%s Device %04x", v, s.device);
	else if (!c->opt->numeric)
		fprintf(c->out, "Device %04x:%04x", s.vendor, s.device);
	else
		fputs("Device", c->out);
	if (c->opt->numeric)
		fprintf(c->out, " [%04x:%04x]", s.vendor, s.device);
	fputc('\n', c->out);
}

/* AHCI 1.3.1, 2.4.2: where the index/data pair lives; lspci shows the raw offset field. */
static void pcaps_sata(const struct pci_cap_ctx *c)
{
	struct vdisc_pci_sata s;

	vdisc_pci_decode_sata(c->fn, c->cap, &s);
	fprintf(c->out, "SATA HBA v%u.%u", s.major, s.minor);
	if (c->verbose < 2 || !s.has_regs)
		fputc('\n', c->out);
	else if (s.location >= VDISC_PCI_SATA_BAR_BASE &&
		 s.location < VDISC_PCI_SATA_BAR_BASE + VDISC_PCI_NUM_BARS_NORMAL)
		fprintf(c->out, " BAR%u Offset=%08" PRIx32 "\n",
			s.location - VDISC_PCI_SATA_BAR_BASE, s.offset);
	else if (s.location == VDISC_PCI_SATA_REGS_INLINE)
		fputs(" InCfgSpace\n", c->out);
	else
		fprintf(c->out, " BAR??%u\n", s.location);
}

static void pcaps_af(const struct pci_cap_ctx *c)
{
	struct vdisc_pci_af a;

	vdisc_pci_decode_af(c->fn, c->cap, &a);
	fputs("PCI Advanced Features\n", c->out);
	if (c->verbose < 2 || !a.has_regs)
		return;
	fprintf(c->out, "\t\tAFCap: TP%c FLR%c\n", PCAPS_F(a.cap, VDISC_PCI_AF_CAP_TP),
		PCAPS_F(a.cap, VDISC_PCI_AF_CAP_FLR));
	fprintf(c->out, "\t\tAFCtrl: FLR%c\n", PCAPS_F(a.ctrl, VDISC_PCI_AF_CTRL_FLR));
	fprintf(c->out, "\t\tAFStatus: TP%c\n", PCAPS_F(a.status, VDISC_PCI_AF_STATUS_TP));
}

/* PCI Express Base 6.0, 6.9.1.2, table 6-3: BAR equivalent indicator. */
static void pcaps_ea_bei(FILE *out, uint8_t bei)
{
	if (bei <= VDISC_PCI_EA_BEI_BAR5)
		fprintf(out, "BAR %u", bei);
	else if (bei == VDISC_PCI_EA_BEI_BRIDGE)
		fputs("resource behind function", out);
	else if (bei == VDISC_PCI_EA_BEI_ENI)
		fputs("not indicated", out);
	else if (bei == VDISC_PCI_EA_BEI_ROM)
		fputs("expansion ROM", out);
	else if (bei <= VDISC_PCI_EA_BEI_VF_BAR5)
		fprintf(out, "VF-BAR %u", bei - VDISC_PCI_EA_BEI_VF_BAR0);
	else
		fputs("reserved", out);
}

/* Table 6-4: entry properties; 0xff reads differently as a secondary property. */
static const char *pcaps_ea_property(uint8_t p, bool secondary)
{
	static const char *const low[] = {
		[VDISC_PCI_EA_P_MEM] = "memory space, non-prefetchable",
		[VDISC_PCI_EA_P_MEM_PREFETCH] = "memory space, prefetchable",
		[VDISC_PCI_EA_P_IO] = "I/O space",
		[VDISC_PCI_EA_P_VF_MEM_PREFETCH] = "VF memory space, prefetchable",
		[VDISC_PCI_EA_P_VF_MEM] = "VF memory space, non-prefetchable",
		[VDISC_PCI_EA_P_BRIDGE_MEM] = "allocation behind bridge, non-prefetchable memory",
		[VDISC_PCI_EA_P_BRIDGE_MEM_PREFETCH] =
			"allocation behind bridge, prefetchable memory",
		[VDISC_PCI_EA_P_BRIDGE_IO] = "allocation behind bridge, I/O space",
	};

	if (p < PCAPS_COUNT(low))
		return low[p];
	if (p == VDISC_PCI_EA_P_MEM_RESERVED)
		return "memory space resource unavailable for use";
	if (p == VDISC_PCI_EA_P_IO_RESERVED)
		return "I/O space resource unavailable for use";
	if (p == VDISC_PCI_EA_P_UNAVAILABLE)
		return secondary ? "entry unavailable for use, PrimaryProperties should be used"
				 : "entry unavailable for use";
	return NULL;
}

static void pcaps_ea_props(FILE *out, const char *what, uint8_t p, bool secondary)
{
	const char *text = pcaps_ea_property(p, secondary);

	if (text)
		fprintf(out, "\t\t\t %s: %s\n", what, text);
	else
		fprintf(out, "\t\t\t %s: [%02x]\n", what, p);
}

static void pcaps_ea_entry(FILE *out, unsigned n, const struct vdisc_pci_ea_entry *e)
{
	fprintf(out, "\t\tEntry %u: Enable%c Writable%c EntrySize=%u\n", n, e->enabled ? '+' : '-',
		e->writable ? '+' : '-', e->size);
	fputs("\t\t\t BAR Equivalent Indicator: ", out);
	pcaps_ea_bei(out, e->bei);
	fputc('\n', out);
	pcaps_ea_props(out, "PrimaryProperties", e->primary, false);
	pcaps_ea_props(out, "SecondaryProperties", e->secondary, true);
	/* lspci prints an upper dword without padding, then the lower one padded. */
	fputs("\t\t\t Base: ", out);
	if (e->base64)
		fprintf(out, "%" PRIx32, (uint32_t)(e->base >> 32));
	fprintf(out, "%08" PRIx32 "\n", (uint32_t)e->base);
	fputs("\t\t\t MaxOffset: ", out);
	if (e->max_offset64)
		fprintf(out, "%" PRIx32, (uint32_t)(e->max_offset >> 32));
	fprintf(out, "%08" PRIx32 "\n", (uint32_t)e->max_offset);
}

static void pcaps_ea(const struct pci_cap_ctx *c)
{
	struct vdisc_pci_ea ea;
	struct vdisc_pci_ea_entry e;
	int at;
	unsigned n;

	vdisc_pci_decode_ea(c->fn, c->cap, &ea);
	fprintf(c->out, "Enhanced Allocation (EA): NumEntries=%u", ea.entries);
	if (ea.bridge && !ea.has_buses) {
		fputc('\n', c->out);
		return;
	}
	if (ea.bridge)
		fprintf(c->out, ", secondary=%u, subordinate=%u", ea.secondary, ea.subordinate);
	fputc('\n', c->out);
	if (c->verbose < 2)
		return;
	/* An entry cut off by the end of the snapshot ends the list unshown. */
	for (at = ea.first, n = 0; n < ea.entries; n++) {
		at = vdisc_pci_ea_entry(c->fn, (uint16_t)at, &e);
		if (at < 0)
			return;
		pcaps_ea_entry(c->out, n, &e);
	}
}

/* Each capability of no more than a name, and the id's name as lspci 3.9 words it. */
static const char *pcaps_plain_name(uint16_t id)
{
	switch (id) {
	case VDISC_PCI_CAP_ID_NULL:
		return "Null";
	case VDISC_PCI_CAP_ID_CHSWP:
		return "CompactPCI hot-swap <?>";
	case VDISC_PCI_CAP_ID_CCRC:
		return "CompactPCI central resource control <?>";
	case VDISC_PCI_CAP_ID_SHPC:
		return "Hot-plug capable";
	case VDISC_PCI_CAP_ID_AGP3:
		return "AGP3 <?>";
	case VDISC_PCI_CAP_ID_SECDEV:
		return "Secure device <?>";
	default:
		return NULL;
	}
}

/* An id lspci 3.9 does not know (FPB, 0x15, among them): the id and the flags word. */
static void pcaps_unknown(const struct pci_cap_ctx *c)
{
	fprintf(c->out, "Capability ID %#02x [%04x]\n", c->cap->id,
		vdisc_pci_cfg16(c->fn, c->cap->offset + VDISC_PCI_CAP_FLAGS));
}

typedef void (*pcaps_fn)(const struct pci_cap_ctx *c);

static pcaps_fn pcaps_decoder(uint16_t id)
{
	static const pcaps_fn by_id[] = {
		[VDISC_PCI_CAP_ID_PM] = pcaps_pm,	   [VDISC_PCI_CAP_ID_AGP] = pcaps_agp,
		[VDISC_PCI_CAP_ID_VPD] = pcaps_vpd,	   [VDISC_PCI_CAP_ID_SLOTID] = pcaps_slotid,
		[VDISC_PCI_CAP_ID_MSI] = pcaps_msi,	   [VDISC_PCI_CAP_ID_PCIX] = pcaps_pcix,
		[VDISC_PCI_CAP_ID_HT] = pci_text_cap_ht,   [VDISC_PCI_CAP_ID_VNDR] = pcaps_vendor,
		[VDISC_PCI_CAP_ID_DBG] = pcaps_debug_port, [VDISC_PCI_CAP_ID_SSVID] = pcaps_ssvid,
		[VDISC_PCI_CAP_ID_MSIX] = pcaps_msix,	   [VDISC_PCI_CAP_ID_SATA] = pcaps_sata,
		[VDISC_PCI_CAP_ID_AF] = pcaps_af,	   [VDISC_PCI_CAP_ID_EA] = pcaps_ea,
	};
	return id < PCAPS_COUNT(by_id) ? by_id[id] : NULL;
}

bool pci_text_std_cap(const struct pci_cap_ctx *c)
{
	const char *plain;
	pcaps_fn fn;

	if (c->cap->extended || c->cap->id == VDISC_PCI_CAP_ID_EXP)
		return false;
	fn = pcaps_decoder(c->cap->id);
	plain = pcaps_plain_name(c->cap->id);
	if (fn)
		fn(c);
	else if (plain)
		fprintf(c->out, "%s\n", plain);
	else
		pcaps_unknown(c);
	return true;
}
