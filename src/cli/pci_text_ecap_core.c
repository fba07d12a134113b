/* SPDX-License-Identifier: MIT */
#include <inttypes.h>
#include <string.h>

#include "cli.h"
#include "pci_caps_text.h"
#include "pci_text_ecap_iov.h"

/*
 * Extended capabilities under -v, in lspci's words: errors, virtual channels,
 * identity, root complex topology and virtualization.  The dispatcher has
 * written "\tCapabilities: [xxx vN] "; each printer ends that line with the
 * capability's name and, from -vv on, adds the register lines lspci prints.
 * Where the snapshot ends inside a capability, the lines stop where lspci's
 * stop: the decoders say which registers they could read.
 */

static char pecore_f(uint32_t v, uint32_t mask)
{
	return (v & mask) ? '+' : '-';
}

/*
 * A name from a table of lspci's words, or "??N" for a value past its end (lspci's form for
 * a reserved encoding).
 */
static const char *pecore_pick(const char *const *names, unsigned n, unsigned v, char *buf,
			       size_t len)
{
	if (v < n && names[v])
		return names[v];
	snprintf(buf, len, "??%u", v);
	return buf;
}

/* ---- Advanced Error Reporting ---- */

static void pecore_aer_uncor(FILE *out, const char *what, uint32_t l)
{
	fprintf(out,
		"\t\t%s:\tDLP%c SDES%c TLP%c FCP%c CmpltTO%c CmpltAbrt%c UnxCmplt%c RxOF%c "
		"MalfTLP%c ECRC%c UnsupReq%c ACSViol%c\n",
		what, pecore_f(l, VDISC_PCI_ERR_UNC_DLP), pecore_f(l, VDISC_PCI_ERR_UNC_SURPDN),
		pecore_f(l, VDISC_PCI_ERR_UNC_POISON_TLP), pecore_f(l, VDISC_PCI_ERR_UNC_FCP),
		pecore_f(l, VDISC_PCI_ERR_UNC_COMP_TIME), pecore_f(l, VDISC_PCI_ERR_UNC_COMP_ABORT),
		pecore_f(l, VDISC_PCI_ERR_UNC_UNX_COMP), pecore_f(l, VDISC_PCI_ERR_UNC_RX_OVER),
		pecore_f(l, VDISC_PCI_ERR_UNC_MALF_TLP), pecore_f(l, VDISC_PCI_ERR_UNC_ECRC),
		pecore_f(l, VDISC_PCI_ERR_UNC_UNSUP), pecore_f(l, VDISC_PCI_ERR_UNC_ACSV));
}

static void pecore_aer_cor(FILE *out, const char *what, uint32_t l)
{
	fprintf(out, "\t\t%s:\tRxErr%c BadTLP%c BadDLLP%c Rollover%c Timeout%c AdvNonFatalErr%c\n",
		what, pecore_f(l, VDISC_PCI_ERR_COR_RCVR), pecore_f(l, VDISC_PCI_ERR_COR_BAD_TLP),
		pecore_f(l, VDISC_PCI_ERR_COR_BAD_DLLP), pecore_f(l, VDISC_PCI_ERR_COR_REP_ROLL),
		pecore_f(l, VDISC_PCI_ERR_COR_REP_TIMER), pecore_f(l, VDISC_PCI_ERR_COR_ADV_NFAT));
}

static void pecore_aer_root(FILE *out, const struct vdisc_pci_aer *a)
{
	uint32_t l = a->root_command;

	fprintf(out, "\t\tRootCmd: CERptEn%c NFERptEn%c FERptEn%c\n",
		pecore_f(l, VDISC_PCI_ERR_ROOT_CMD_COR_EN),
		pecore_f(l, VDISC_PCI_ERR_ROOT_CMD_NONFATAL_EN),
		pecore_f(l, VDISC_PCI_ERR_ROOT_CMD_FATAL_EN));
	l = a->root_status;
	fprintf(out,
		"\t\tRootSta: CERcvd%c MultCERcvd%c UERcvd%c MultUERcvd%c\n"
		"\t\t\t FirstFatal%c NonFatalMsg%c FatalMsg%c IntMsg %u\n",
		pecore_f(l, VDISC_PCI_ERR_ROOT_COR_RCV),
		pecore_f(l, VDISC_PCI_ERR_ROOT_MULTI_COR_RCV),
		pecore_f(l, VDISC_PCI_ERR_ROOT_UNCOR_RCV),
		pecore_f(l, VDISC_PCI_ERR_ROOT_MULTI_UNCOR_RCV),
		pecore_f(l, VDISC_PCI_ERR_ROOT_FIRST_FATAL),
		pecore_f(l, VDISC_PCI_ERR_ROOT_NONFATAL_RCV),
		pecore_f(l, VDISC_PCI_ERR_ROOT_FATAL_RCV), a->root_irq);
	fprintf(out, "\t\tErrorSrc: ERR_COR: %04x ERR_FATAL/NONFATAL: %04x\n", a->cor_source,
		a->uncor_source);
}

static void pecore_aer(const struct pci_cap_ctx *c)
{
	struct vdisc_pci_aer a;
	FILE *out = c->out;
	uint32_t l;

	fputs("Advanced Error Reporting\n", out);
	if (c->verbose < 2)
		return;
	if (vdisc_pci_decode_aer(c->fn, c->cap, c->exp_type, &a) == -VDISC_EINVAL || !a.has_base)
		return;
	pecore_aer_uncor(out, "UESta", a.uncor_status);
	pecore_aer_uncor(out, "UEMsk", a.uncor_mask);
	pecore_aer_uncor(out, "UESvrt", a.uncor_severity);
	pecore_aer_cor(out, "CESta", a.cor_status);
	pecore_aer_cor(out, "CEMsk", a.cor_mask);
	l = a.cap_control;
	fprintf(out,
		"\t\tAERCap:\tFirst Error Pointer: %02x, ECRCGenCap%c ECRCGenEn%c ECRCChkCap%c "
		"ECRCChkEn%c\n\t\t\tMultHdrRecCap%c MultHdrRecEn%c TLPPfxPres%c HdrLogCap%c\n",
		a.first_error, pecore_f(l, VDISC_PCI_ERR_CAP_ECRC_GENC),
		pecore_f(l, VDISC_PCI_ERR_CAP_ECRC_GENE), pecore_f(l, VDISC_PCI_ERR_CAP_ECRC_CHKC),
		pecore_f(l, VDISC_PCI_ERR_CAP_ECRC_CHKE), pecore_f(l, VDISC_PCI_ERR_CAP_MULT_HDRC),
		pecore_f(l, VDISC_PCI_ERR_CAP_MULT_HDRE), pecore_f(l, VDISC_PCI_ERR_CAP_TLP_PFX),
		pecore_f(l, VDISC_PCI_ERR_CAP_HDR_LOG));
	fprintf(out, "\t\tHeaderLog: %08x %08x %08x %08x\n", a.header_log[0], a.header_log[1],
		a.header_log[2], a.header_log[3]);
	if (a.has_root)
		pecore_aer_root(out, &a);
}

/* ---- Virtual Channel ---- */

/* The arbitration schemes (7.9.1.3-4 for the port's VC arbitration, 7.9.1.6-7 per VC). */
static const char *const pecore_vc_arb[8] = {"Fixed", "WRR32", "WRR64", "WRR128",
					     "??4",   "??5",   "??6",	"??7"};
static const char *const pecore_port_arb[8] = {"Fixed",	  "WRR32",  "WRR64", "WRR128",
					       "TWRR128", "WRR256", "??6",   "??7"};

/* The capability bits of @names as lspci lists them: reserved ones only when set. */
static void pecore_arb_list(FILE *out, const char *const *names, uint32_t bits)
{
	unsigned i;

	for (i = 0; i < 8; i++)
		if (names[i][0] != '?' || (bits & (1u << i)))
			fprintf(out, "%c%s%c", i ? ' ' : '\t', names[i], pecore_f(bits, 1u << i));
}

static void pecore_vc_res(FILE *out, unsigned i, const struct vdisc_pci_vc_res *r)
{
	uint32_t sel = (r->ctrl & VDISC_PCI_VC_RES_CTRL_ARB_SELECT) >>
		       VDISC_PCI_VC_RES_CTRL_ARB_SELECT_SHIFT;

	fprintf(out, "\t\tVC%u:\t", i);
	if (!r->readable) {
		fputs("<unreadable>\n", out);
		return;
	}
	fprintf(out, "Caps:\tPATOffset=%02x MaxTimeSlots=%u RejSnoopTrans%c\n",
		r->port_arb_table / 16u, r->max_time_slots,
		pecore_f(r->cap, VDISC_PCI_VC_RES_CAP_REJ_SNOOP));
	fputs("\t\t\tArb:", out);
	pecore_arb_list(out, pecore_port_arb, r->cap & VDISC_PCI_VC_RES_CAP_ARB_CAPS);
	fprintf(out, "\n\t\t\tCtrl:\tEnable%c ID=%u ArbSelect=%s TC/VC=%02x\n",
		r->enabled ? '+' : '-', r->id, pecore_port_arb[sel], r->tc_map);
	fprintf(out, "\t\t\tStatus:\tNegoPending%c InProgress%c\n",
		pecore_f(r->status, VDISC_PCI_VC_RES_STATUS_NEGO),
		pecore_f(r->status, VDISC_PCI_VC_RES_STATUS_TABLE));
	/* lspci names the table and does not decode it: neither do we, to keep its text. */
	if (r->port_arb_table)
		fputs("\t\t\tPort Arbitration Table <?>\n", out);
}

static void pecore_vc(const struct pci_cap_ctx *c)
{
	static const char *const clocks[] = {"100ns"};
	struct vdisc_pci_vc v;
	FILE *out = c->out;
	char buf[16];
	unsigned i;

	fputs("Virtual Channel\n", out);
	if (c->verbose < 2)
		return;
	if (vdisc_pci_decode_vc(c->fn, c->cap, &v) == -VDISC_EINVAL || !v.has_port)
		return;
	fprintf(out, "\t\tCaps:\tLPEVC=%u RefClk=%s PATEntryBits=%u\n", v.low_prio_count,
		pecore_pick(clocks, 1, v.ref_clock, buf, sizeof(buf)), v.port_arb_entry_bits);
	fputs("\t\tArb:", out);
	pecore_arb_list(out, pecore_vc_arb, v.port_cap2 & VDISC_PCI_VC_CAP2_ARB_CAPS);
	fprintf(out, "\n\t\tCtrl:\tArbSelect=%s\n",
		pecore_vc_arb[(v.port_ctrl & VDISC_PCI_VC_PORT_CTRL_ARB_SELECT) >>
			      VDISC_PCI_VC_PORT_CTRL_ARB_SELECT_SHIFT]);
	fprintf(out, "\t\tStatus:\tInProgress%c\n",
		pecore_f(v.port_status, VDISC_PCI_VC_PORT_STATUS_TABLE));
	/* lspci calls the port's VC arbitration table a port arbitration table: its words. */
	if (v.vc_arb_table)
		fprintf(out, "\t\tPort Arbitration Table [%x] <?>\n",
			c->cap->offset + v.vc_arb_table);
	for (i = 0; i < v.vc_count; i++)
		pecore_vc_res(out, i, &v.res[i]);
}

/* ---- Device Serial Number ---- */

static void pecore_dsn(const struct pci_cap_ctx *c)
{
	uint64_t sn;
	unsigned i;

	/* lspci prints nothing at all, not even the name, when the number is not readable. */
	if (vdisc_pci_decode_dsn(c->fn, c->cap, &sn) != 0)
		return;
	fputs("Device Serial Number ", c->out);
	for (i = 0; i < 8; i++)
		fprintf(c->out, "%s%02x", i ? "-" : "", (unsigned)(sn >> (56 - 8 * i)) & 0xffu);
	fputc('\n', c->out);
}

/* ---- Root Complex Link Declaration, Event Collector ---- */

static bool pecore_rclink_entry(const struct pci_cap_ctx *c, unsigned i)
{
	struct vdisc_pci_rclink_entry e;
	FILE *out = c->out;

	fprintf(out, "\t\tLink%u:\t", i);
	if (vdisc_pci_decode_rclink_entry(c->fn, c->cap, i, &e) != 0) {
		fputs("<unreadable>\n", out);
		return false;
	}
	fprintf(out,
		"Desc:\tTargetPort=%02x TargetComponent=%02x AssocRCRB%c LinkType=%s "
		"LinkValid%c\n",
		e.target_port, e.target_component, e.assoc_rcrb ? '+' : '-',
		e.config_space ? "Config" : "MemMapped", e.valid ? '+' : '-');
	if (e.config_space)
		fprintf(out, "\t\t\tAddr:\t%02x:%02x.%u  CfgSpace=%08x%08x\n", e.bus, e.device,
			e.function, (unsigned)(e.addr >> 32), (unsigned)e.addr);
	else
		fprintf(out, "\t\t\tAddr:\t%08x%08x\n", (unsigned)(e.addr >> 32), (unsigned)e.addr);
	return true;
}

static void pecore_rclink(const struct pci_cap_ctx *c)
{
	static const char *const types[] = {"Config", "Egress", "Internal"};
	struct vdisc_pci_rclink r;
	char buf[16];
	unsigned i;

	fputs("Root Complex Link\n", c->out);
	if (c->verbose < 2 || vdisc_pci_decode_rclink(c->fn, c->cap, &r) != 0)
		return;
	fprintf(c->out, "\t\tDesc:\tPortNumber=%02x ComponentID=%02x EltType=%s\n", r.port,
		r.component, pecore_pick(types, 3, r.element_type, buf, sizeof(buf)));
	for (i = 0; i < r.links; i++)
		if (!pecore_rclink_entry(c, i))
			return;
}

/*
 * The associated devices as lspci lists them: runs of adjacent devices as "a-b".  A run
 * reaching device 31 is not closed (lspci prints its start only): kept for its text.
 */
static void pecore_rcec_devices(FILE *out, uint32_t map)
{
	unsigned dev, run = 0, last = 0;
	bool any = false;

	fputs("RCiEP at Device(s):", out);
	for (dev = 0; dev < 32; dev++) {
		if (map & (1u << dev)) {
			if (!run)
				fprintf(out, "%s %u", any ? "," : "", dev);
			run++;
			last = dev;
			any = true;
		} else {
			if (run > 1)
				fprintf(out, "-%u", last);
			run = 0;
		}
	}
}

static void pecore_rcec(const struct pci_cap_ctx *c)
{
	struct vdisc_pci_rcec r;
	FILE *out = c->out;

	fputs("Root Complex Event Collector Endpoint Association\n", out);
	if (c->verbose < 2)
		return;
	/* lspci reads 12 bytes whatever the version: a shorter tail shows nothing. */
	if ((uint32_t)c->cap->offset + 12 > c->fn->config_size ||
	    vdisc_pci_decode_rcec(c->fn, c->cap, &r) == -VDISC_EINVAL)
		return;
	fputs("\t\tRCiEPBitmap: ", out);
	if (r.rciep_bitmap)
		pecore_rcec_devices(out, r.rciep_bitmap);
	else
		fputs(c->verbose > 2 ? "00000000 [none]" : "[none]", out);
	fputc('\n', out);
	if (!r.has_busn)
		return;
	/* 7.9.10.3: next above last is the empty range. */
	if (r.last_bus == 0x00 && r.next_bus == 0xff)
		fprintf(out, "\t\tAssociatedBusNumbers: %s\n",
			c->verbose > 2 ? "ff-00 [none]" : "[none]");
	else
		fprintf(out, "\t\tAssociatedBusNumbers: %02x-%02x\n", r.next_bus, r.last_bus);
}

/* ---- Multicast, TPH ---- */

/* 1 << n as lspci's int arithmetic prints it on the machines it runs on (shift mod 32). */
static int32_t pecore_pow2(unsigned n)
{
	return (int32_t)(1u << (n & 31));
}

static void pecore_mcast_cap(const struct pci_cap_ctx *c, const struct vdisc_pci_mcast *m)
{
	int t = c->exp_type;

	fprintf(c->out, "\t\tMcastCap: MaxGroups %u", m->max_groups);
	if (t == VDISC_PCI_EXP_TYPE_ENDPOINT || t == VDISC_PCI_EXP_TYPE_RC_END)
		fprintf(c->out, ", WindowSz %u (%" PRId32 " bytes)", m->window_log2,
			pecore_pow2(m->window_log2));
	/* lspci ends the line only for ports: elsewhere McastCtl follows on the same line. */
	if (t == VDISC_PCI_EXP_TYPE_ROOT_PORT || t == VDISC_PCI_EXP_TYPE_UPSTREAM ||
	    t == VDISC_PCI_EXP_TYPE_DOWNSTREAM)
		fprintf(c->out, ", ECRCRegen%c\n", pecore_f(m->cap, VDISC_PCI_MCAST_CAP_ECRC));
}

static void pecore_mcast(const struct pci_cap_ctx *c)
{
	struct vdisc_pci_mcast m;
	FILE *out = c->out;
	unsigned ovl;

	fputs("Multicast\n", out);
	/* lspci reads 0x30 bytes from offset 4, whatever the port type. */
	if (c->verbose < 2 ||
	    (uint32_t)c->cap->offset + 4 + VDISC_PCI_MCAST_SIZEOF > c->fn->config_size ||
	    vdisc_pci_decode_mcast(c->fn, c->cap, c->exp_type, &m) != 0)
		return;
	pecore_mcast_cap(c, &m);
	fprintf(out, "\t\tMcastCtl: NumGroups %u, Enable%c\n", m.num_groups,
		pecore_f(m.ctrl, VDISC_PCI_MCAST_CTRL_ENABLE));
	fprintf(out, "\t\tMcastBAR: IndexPos %u, BaseAddr %016" PRIx64 "\n",
		(unsigned)(m.bar & VDISC_PCI_MCAST_BAR_INDEX_MASK),
		m.bar & (uint64_t)VDISC_PCI_MCAST_BAR_ADDR_MASK);
	fprintf(out, "\t\tMcastReceiveVec:      %016" PRIx64 "\n", m.receive);
	fprintf(out, "\t\tMcastBlockAllVec:     %016" PRIx64 "\n", m.block_all);
	fprintf(out, "\t\tMcastBlockUntransVec: %016" PRIx64 "\n", m.block_untranslated);
	if (!m.has_overlay)
		return;
	ovl = (unsigned)(m.overlay & VDISC_PCI_MCAST_OVL_SIZE_MASK);
	fprintf(out, "\t\tMcastOverlayBAR: OverlaySize %u ", ovl);
	if (ovl >= VDISC_PCI_MCAST_OVL_MIN_SIZE)
		fprintf(out, "(%" PRId32 " bytes)", pecore_pow2(ovl));
	else
		fputs("(disabled)", out);
	fprintf(out, ", BaseAddr %016" PRIx64 "\n",
		m.overlay & (uint64_t)VDISC_PCI_MCAST_OVL_ADDR_MASK);
}

static void pecore_tph(const struct pci_cap_ctx *c)
{
	struct vdisc_pci_tph t;
	FILE *out = c->out;

	fputs("Transaction Processing Hints\n", out);
	if (c->verbose < 2 || vdisc_pci_decode_tph(c->fn, c->cap, &t) != 0)
		return;
	if (t.cap & VDISC_PCI_TPH_CAP_INT_VEC)
		fputs("\t\tInterrupt vector mode supported\n", out);
	if (t.cap & VDISC_PCI_TPH_CAP_DEV_SPEC)
		fputs("\t\tDevice specific mode supported\n", out);
	if (t.cap & VDISC_PCI_TPH_CAP_EXT_TPH)
		fputs("\t\tExtended requester support\n", out);
	if (t.st_location == VDISC_PCI_TPH_LOC_NONE)
		fputs("\t\tNo steering table available\n", out);
	else if (t.st_location == VDISC_PCI_TPH_LOC_CAP)
		fputs("\t\tSteering table in TPH capability structure\n", out);
	else if (t.st_location == VDISC_PCI_TPH_LOC_MSIX)
		fputs("\t\tSteering table in MSI-X table\n", out);
	else
		fputs("\t\tReserved steering table location\n", out);
}

/* ---- Dispatch ---- */

/* Capabilities lspci names without decoding, in its words ("<?>": not decoded). */
static const struct {
	uint16_t id;
	const char *text;
} pecore_named[] = {
	{VDISC_PCI_EXT_CAP_ID_NULL, "Null"},
	{VDISC_PCI_EXT_CAP_ID_PWR, "Power Budgeting <?>"},
	{VDISC_PCI_EXT_CAP_ID_RCILC, "Root Complex Internal Link <?>"},
	{VDISC_PCI_EXT_CAP_ID_MFVC, "Multi-Function Virtual Channel <?>"},
	{VDISC_PCI_EXT_CAP_ID_RCRB, "Root Complex Register Block <?>"},
	{VDISC_PCI_EXT_CAP_ID_MRIOV, "Multi-Root I/O Virtualization <?>"},
	{VDISC_PCI_EXT_CAP_ID_DPA, "Dynamic Power Allocation <?>"},
	{VDISC_PCI_EXT_CAP_ID_PMUX, "Protocol Multiplexing <?>"},
	{VDISC_PCI_EXT_CAP_ID_LNR, "LN Requester <?>"},
	{VDISC_PCI_EXT_CAP_ID_MPHY, "PCI Express over M_PHY <?>"},
	{VDISC_PCI_EXT_CAP_ID_FRS, "FRS Queueing <?>"},
	{VDISC_PCI_EXT_CAP_ID_RTR, "Readiness Time Reporting <?>"},
	{VDISC_PCI_EXT_CAP_ID_HIER_ID, "Hierarchy ID <?>"},
};

/* The ids pci_text_ecap_link.c words: power and link management, designated vendors. */
static bool pecore_is_link(uint16_t id)
{
	static const uint16_t link[] = {
		VDISC_PCI_EXT_CAP_ID_VNDR,     VDISC_PCI_EXT_CAP_ID_REBAR,
		VDISC_PCI_EXT_CAP_ID_LTR,      VDISC_PCI_EXT_CAP_ID_SECPCI,
		VDISC_PCI_EXT_CAP_ID_DPC,      VDISC_PCI_EXT_CAP_ID_L1SS,
		VDISC_PCI_EXT_CAP_ID_PTM,      VDISC_PCI_EXT_CAP_ID_DVSEC,
		VDISC_PCI_EXT_CAP_ID_VF_REBAR, VDISC_PCI_EXT_CAP_ID_DLF,
		VDISC_PCI_EXT_CAP_ID_PL_16GT,  VDISC_PCI_EXT_CAP_ID_LMR,
		VDISC_PCI_EXT_CAP_ID_NPEM,     VDISC_PCI_EXT_CAP_ID_PL_32GT,
		VDISC_PCI_EXT_CAP_ID_DOE,      VDISC_PCI_EXT_CAP_ID_IDE,
	};
	unsigned i;

	for (i = 0; i < sizeof(link) / sizeof(link[0]); i++)
		if (link[i] == id)
			return true;
	return false;
}

static bool pecore_other(const struct pci_cap_ctx *c)
{
	unsigned i;

	for (i = 0; i < sizeof(pecore_named) / sizeof(pecore_named[0]); i++)
		if (pecore_named[i].id == c->cap->id) {
			fprintf(c->out, "%s\n", pecore_named[i].text);
			return true;
		}
	if (pecore_is_link(c->cap->id))
		return false;
	/* An id pciutils 3.9 does not know (vdisc's name for it, if any, is in --json). */
	fprintf(c->out, "Extended Capability ID %#x\n", c->cap->id);
	return true;
}

bool pci_text_ecap_core(const struct pci_cap_ctx *c)
{
	switch (c->cap->id) {
	case VDISC_PCI_EXT_CAP_ID_ERR:
		pecore_aer(c);
		return true;
	case VDISC_PCI_EXT_CAP_ID_VC:
	case VDISC_PCI_EXT_CAP_ID_VC9:
		pecore_vc(c);
		return true;
	case VDISC_PCI_EXT_CAP_ID_DSN:
		pecore_dsn(c);
		return true;
	case VDISC_PCI_EXT_CAP_ID_RCLD:
		pecore_rclink(c);
		return true;
	case VDISC_PCI_EXT_CAP_ID_RCEC:
		pecore_rcec(c);
		return true;
	case VDISC_PCI_EXT_CAP_ID_MCAST:
		pecore_mcast(c);
		return true;
	case VDISC_PCI_EXT_CAP_ID_TPH:
		pecore_tph(c);
		return true;
	default:
		return pci_text_ecap_iov(c) || pecore_other(c);
	}
}
