/* SPDX-License-Identifier: MIT */
#include <inttypes.h>
#include <string.h>

#include "cli.h"
#include "pci_caps_text.h"

/*
 * The PCI Express capability under -v, -vv and -vvv, in lspci's words: the
 * header line at -v, the registers at -vv (-vvv adds nothing here).  The
 * decoder says which registers the port type has and whether the snapshot
 * held them; a group the snapshot lacks is left out, as lspci leaves it out.
 */

static char pxt_f(uint32_t reg, uint32_t bit)
{
	return (reg & bit) ? '+' : '-';
}

static bool pxt_is(uint8_t type, uint8_t a)
{
	return type == a;
}

/* Acceptable and exit latencies share one table each (7.5.3.3, 7.5.3.6). */
static const char *pxt_l0s(unsigned code)
{
	static const char *const t[8] = {"<64ns", "<128ns", "<256ns", "<512ns",
					 "<1us",  "<2us",   "<4us",   "unlimited"};
	return t[code & 7];
}

static const char *pxt_l1(unsigned code)
{
	static const char *const t[8] = {"<1us",  "<2us",  "<4us",  "<8us",
					 "<16us", "<32us", "<64us", "unlimited"};
	return t[code & 7];
}

static void pxt_power(FILE *out, uint8_t value, uint8_t scale)
{
	uint32_t mw = vdisc_pcie_power_limit_mw(value, scale);

	if (mw == UINT32_MAX)
		fputs(">600W", out);
	else
		fprintf(out, "%gW", mw / 1000.0);
}

static void pxt_header(const struct pci_cap_ctx *c, const struct vdisc_pcie *e)
{
	FILE *out = c->out;
	const char *name = vdisc_pcie_port_type_name(e->port_type);

	fputs("Express ", out);
	if (c->verbose >= 2)
		fprintf(out, "(v%u) ", e->version);
	if (!name)
		fprintf(out, "Unknown type %u", e->port_type);
	else if (e->port_type == VDISC_PCI_EXP_TYPE_ROOT_PORT ||
		 e->port_type == VDISC_PCI_EXP_TYPE_DOWNSTREAM ||
		 e->port_type == VDISC_PCI_EXP_TYPE_PCIE_BRIDGE)
		fprintf(out, "%s (Slot%c)", name, e->slot_implemented ? '+' : '-');
	else
		fputs(name, out);
	fprintf(out, ", MSI %02x\n", e->interrupt_message);
}

static void pxt_devcap(FILE *out, const struct vdisc_pcie *e)
{
	uint8_t t = e->port_type;
	uint32_t r = e->devcap;
	bool ep = pxt_is(t, VDISC_PCI_EXP_TYPE_ENDPOINT) || pxt_is(t, VDISC_PCI_EXP_TYPE_LEG_END);
	bool up =
		pxt_is(t, VDISC_PCI_EXP_TYPE_UPSTREAM) || pxt_is(t, VDISC_PCI_EXP_TYPE_PCI_BRIDGE);

	fprintf(out, "\t\tDevCap:\tMaxPayload %u bytes, PhantFunc %u", 128u << e->max_payload_code,
		(1u << ((r & VDISC_PCI_EXP_DEVCAP_PHANTOM) >> VDISC_PCI_EXP_DEVCAP_PHANTOM_SHIFT)) -
			1);
	if (ep)
		fprintf(out, ", Latency L0s %s, L1 %s", pxt_l0s(e->dev_l0s_latency),
			pxt_l1(e->dev_l1_latency));
	fprintf(out, "\n\t\t\tExtTag%c", pxt_f(r, VDISC_PCI_EXP_DEVCAP_EXT_TAG));
	/* The indicator bits were dropped after PCIe 1.0a but are still shown where defined. */
	if (ep || up)
		fprintf(out, " AttnBtn%c AttnInd%c PwrInd%c",
			pxt_f(r, VDISC_PCI_EXP_DEVCAP_ATN_BUT),
			pxt_f(r, VDISC_PCI_EXP_DEVCAP_ATN_IND),
			pxt_f(r, VDISC_PCI_EXP_DEVCAP_PWR_IND));
	fprintf(out, " RBE%c", pxt_f(r, VDISC_PCI_EXP_DEVCAP_RBER));
	if (ep || pxt_is(t, VDISC_PCI_EXP_TYPE_RC_END))
		fprintf(out, " FLReset%c", pxt_f(r, VDISC_PCI_EXP_DEVCAP_FLR));
	/* The captured slot power limit: the upstream side of a link (7.5.3.3). */
	if (pxt_is(t, VDISC_PCI_EXP_TYPE_ENDPOINT) || up) {
		fputs(" SlotPowerLimit ", out);
		pxt_power(out, e->dev_power_value, e->dev_power_scale);
	}
	fputc('\n', out);
}

static void pxt_devctl(FILE *out, const struct vdisc_pcie *e)
{
	uint8_t t = e->port_type;
	uint16_t r = e->devctl;
	bool flr_type = pxt_is(t, VDISC_PCI_EXP_TYPE_ENDPOINT) ||
			pxt_is(t, VDISC_PCI_EXP_TYPE_LEG_END) ||
			pxt_is(t, VDISC_PCI_EXP_TYPE_RC_END);

	fprintf(out, "\t\tDevCtl:\tCorrErr%c NonFatalErr%c FatalErr%c UnsupReq%c\n",
		pxt_f(r, VDISC_PCI_EXP_DEVCTL_CERE), pxt_f(r, VDISC_PCI_EXP_DEVCTL_NFERE),
		pxt_f(r, VDISC_PCI_EXP_DEVCTL_FERE), pxt_f(r, VDISC_PCI_EXP_DEVCTL_URRE));
	fprintf(out, "\t\t\tRlxdOrd%c ExtTag%c PhantFunc%c AuxPwr%c NoSnoop%c",
		pxt_f(r, VDISC_PCI_EXP_DEVCTL_RELAX_EN), pxt_f(r, VDISC_PCI_EXP_DEVCTL_EXT_TAG),
		pxt_f(r, VDISC_PCI_EXP_DEVCTL_PHANTOM), pxt_f(r, VDISC_PCI_EXP_DEVCTL_AUX_PME),
		pxt_f(r, VDISC_PCI_EXP_DEVCTL_NOSNOOP_EN));
	/* Bit 15 is Bridge Configuration Retry Enable on a PCIe-to-PCI bridge, Initiate FLR on a
	 * function that can be reset (7.5.3.4). */
	if (pxt_is(t, VDISC_PCI_EXP_TYPE_PCI_BRIDGE))
		fprintf(out, " BrConfRtry%c", pxt_f(r, VDISC_PCI_EXP_DEVCTL_BCR_FLR));
	if (flr_type && (e->devcap & VDISC_PCI_EXP_DEVCAP_FLR))
		fprintf(out, " FLReset%c", pxt_f(r, VDISC_PCI_EXP_DEVCTL_BCR_FLR));
	fprintf(out, "\n\t\t\tMaxPayload %u bytes, MaxReadReq %u bytes\n", 128u << e->payload_code,
		128u << e->read_request_code);
	fprintf(out,
		"\t\tDevSta:\tCorrErr%c NonFatalErr%c FatalErr%c UnsupReq%c AuxPwr%c TransPend%c\n",
		pxt_f(e->devsta, VDISC_PCI_EXP_DEVSTA_CED),
		pxt_f(e->devsta, VDISC_PCI_EXP_DEVSTA_NFED),
		pxt_f(e->devsta, VDISC_PCI_EXP_DEVSTA_FED),
		pxt_f(e->devsta, VDISC_PCI_EXP_DEVSTA_URD),
		pxt_f(e->devsta, VDISC_PCI_EXP_DEVSTA_AUXPD),
		pxt_f(e->devsta, VDISC_PCI_EXP_DEVSTA_TRPND));
}

static const char *pxt_speed(uint8_t code)
{
	const char *s = vdisc_pcie_speed_name(code);

	return s ? s : "unknown";
}

/* A downstream-facing port's link may run below its capability without being "downgraded":
 * the other end decides. */
static const char *pxt_compare(uint8_t type, unsigned sta, unsigned cap)
{
	if (sta > cap)
		return " (overdriven)";
	if (sta == cap || type == VDISC_PCI_EXP_TYPE_ROOT_PORT ||
	    type == VDISC_PCI_EXP_TYPE_DOWNSTREAM || type == VDISC_PCI_EXP_TYPE_PCIE_BRIDGE)
		return "";
	return " (downgraded)";
}

static void pxt_lnkcap(FILE *out, const struct vdisc_pcie *e)
{
	static const char *const aspm[4] = {"not supported", "L0s", "L1", "L0s L1"};
	uint32_t r = e->lnkcap;

	fprintf(out, "\t\tLnkCap:\tPort #%u, Speed %s, Width x%u, ASPM %s", e->port_number,
		pxt_speed(e->link_max_speed), e->link_max_width, aspm[e->aspm_support & 3]);
	if (e->aspm_support) {
		fputs(", Exit Latency ", out);
		if (e->aspm_support & 1)
			fprintf(out, "L0s %s", pxt_l0s(e->link_l0s_exit));
		if (e->aspm_support & 2)
			fprintf(out, "%sL1 %s", (e->aspm_support & 1) ? ", " : "",
				pxt_l1(e->link_l1_exit));
	}
	fprintf(out, "\n\t\t\tClockPM%c Surprise%c LLActRep%c BwNot%c ASPMOptComp%c\n",
		pxt_f(r, VDISC_PCI_EXP_LNKCAP_CLKPM), pxt_f(r, VDISC_PCI_EXP_LNKCAP_SDERC),
		pxt_f(r, VDISC_PCI_EXP_LNKCAP_DLLLARC), pxt_f(r, VDISC_PCI_EXP_LNKCAP_LBNC),
		pxt_f(r, VDISC_PCI_EXP_LNKCAP_ASPM_OPTIONALITY));
}

static void pxt_link(FILE *out, const struct vdisc_pcie *e)
{
	static const char *const aspm_ctl[4] = {"Disabled", "L0s Enabled", "L1 Enabled",
						"L0s L1 Enabled"};
	uint8_t t = e->port_type;
	uint16_t r = e->lnkctl;

	pxt_lnkcap(out, e);
	fprintf(out, "\t\tLnkCtl:\tASPM %s;", aspm_ctl[e->aspm_control & 3]);
	/* RCB is meaningful in root ports and upstream-side functions (7.5.3.7). */
	if (pxt_is(t, VDISC_PCI_EXP_TYPE_ROOT_PORT) || pxt_is(t, VDISC_PCI_EXP_TYPE_ENDPOINT) ||
	    pxt_is(t, VDISC_PCI_EXP_TYPE_LEG_END) || pxt_is(t, VDISC_PCI_EXP_TYPE_PCI_BRIDGE))
		fprintf(out, " RCB %u bytes,", (r & VDISC_PCI_EXP_LNKCTL_RCB) ? 128u : 64u);
	fprintf(out,
		" Disabled%c CommClk%c\n\t\t\tExtSynch%c ClockPM%c AutWidDis%c BWInt%c "
		"AutBWInt%c\n",
		pxt_f(r, VDISC_PCI_EXP_LNKCTL_LD), pxt_f(r, VDISC_PCI_EXP_LNKCTL_CCC),
		pxt_f(r, VDISC_PCI_EXP_LNKCTL_ES), pxt_f(r, VDISC_PCI_EXP_LNKCTL_CLKREQ_EN),
		pxt_f(r, VDISC_PCI_EXP_LNKCTL_HAWD), pxt_f(r, VDISC_PCI_EXP_LNKCTL_LBMIE),
		pxt_f(r, VDISC_PCI_EXP_LNKCTL_LABIE));
	r = e->lnksta;
	fprintf(out, "\t\tLnkSta:\tSpeed %s%s, Width x%u%s\n", pxt_speed(e->link_speed),
		pxt_compare(t, e->link_speed, e->link_max_speed), e->link_width,
		pxt_compare(t, e->link_width, e->link_max_width));
	fprintf(out, "\t\t\tTrErr%c Train%c SlotClk%c DLActive%c BWMgmt%c ABWMgmt%c\n",
		pxt_f(r, VDISC_PCI_EXP_LNKSTA_TRAINING_ERROR), pxt_f(r, VDISC_PCI_EXP_LNKSTA_LT),
		pxt_f(r, VDISC_PCI_EXP_LNKSTA_SLC), pxt_f(r, VDISC_PCI_EXP_LNKSTA_DLLLA),
		pxt_f(r, VDISC_PCI_EXP_LNKSTA_LBMS), pxt_f(r, VDISC_PCI_EXP_LNKSTA_LABS));
}

/* Attention and power indicator control: 0 is reserved (7.5.3.10). */
static const char *pxt_indicator(unsigned code)
{
	static const char *const t[4] = {"Unknown", "On", "Blink", "Off"};

	return t[code & 3];
}

static void pxt_slot(FILE *out, const struct vdisc_pcie *e)
{
	uint32_t r = e->sltcap;
	uint16_t w = e->sltctl;

	fprintf(out,
		"\t\tSltCap:\tAttnBtn%c PwrCtrl%c MRL%c AttnInd%c PwrInd%c HotPlug%c Surprise%c\n",
		pxt_f(r, VDISC_PCI_EXP_SLTCAP_ABP), pxt_f(r, VDISC_PCI_EXP_SLTCAP_PCP),
		pxt_f(r, VDISC_PCI_EXP_SLTCAP_MRLSP), pxt_f(r, VDISC_PCI_EXP_SLTCAP_AIP),
		pxt_f(r, VDISC_PCI_EXP_SLTCAP_PIP), pxt_f(r, VDISC_PCI_EXP_SLTCAP_HPC),
		pxt_f(r, VDISC_PCI_EXP_SLTCAP_HPS));
	fprintf(out, "\t\t\tSlot #%u, PowerLimit ", e->slot_number);
	pxt_power(out, e->slot_power_value, e->slot_power_scale);
	fprintf(out, "; Interlock%c NoCompl%c\n", pxt_f(r, VDISC_PCI_EXP_SLTCAP_EIP),
		pxt_f(r, VDISC_PCI_EXP_SLTCAP_NCCS));
	fprintf(out,
		"\t\tSltCtl:\tEnable: AttnBtn%c PwrFlt%c MRL%c PresDet%c CmdCplt%c HPIrq%c "
		"LinkChg%c\n",
		pxt_f(w, VDISC_PCI_EXP_SLTCTL_ABPE), pxt_f(w, VDISC_PCI_EXP_SLTCTL_PFDE),
		pxt_f(w, VDISC_PCI_EXP_SLTCTL_MRLSCE), pxt_f(w, VDISC_PCI_EXP_SLTCTL_PDCE),
		pxt_f(w, VDISC_PCI_EXP_SLTCTL_CCIE), pxt_f(w, VDISC_PCI_EXP_SLTCTL_HPIE),
		pxt_f(w, VDISC_PCI_EXP_SLTCTL_DLLSCE));
	fprintf(out, "\t\t\tControl: AttnInd %s, PwrInd %s, Power%c Interlock%c\n",
		pxt_indicator((w & VDISC_PCI_EXP_SLTCTL_AIC) >>
			      VDISC_PCI_EXP_SLTCTL_ATTN_IND_SHIFT),
		pxt_indicator((w & VDISC_PCI_EXP_SLTCTL_PIC) >> VDISC_PCI_EXP_SLTCTL_PWR_IND_SHIFT),
		pxt_f(w, VDISC_PCI_EXP_SLTCTL_PCC), pxt_f(w, VDISC_PCI_EXP_SLTCTL_EIC));
	w = e->sltsta;
	fprintf(out,
		"\t\tSltSta:\tStatus: AttnBtn%c PowerFlt%c MRL%c CmdCplt%c PresDet%c Interlock%c\n",
		pxt_f(w, VDISC_PCI_EXP_SLTSTA_ABP), pxt_f(w, VDISC_PCI_EXP_SLTSTA_PFD),
		pxt_f(w, VDISC_PCI_EXP_SLTSTA_MRLSS), pxt_f(w, VDISC_PCI_EXP_SLTSTA_CC),
		pxt_f(w, VDISC_PCI_EXP_SLTSTA_PDS), pxt_f(w, VDISC_PCI_EXP_SLTSTA_EIS));
	fprintf(out, "\t\t\tChanged: MRL%c PresDet%c LinkState%c\n",
		pxt_f(w, VDISC_PCI_EXP_SLTSTA_MRLSC), pxt_f(w, VDISC_PCI_EXP_SLTSTA_PDC),
		pxt_f(w, VDISC_PCI_EXP_SLTSTA_DLLSC));
}

static void pxt_root(FILE *out, const struct vdisc_pcie *e)
{
	uint16_t w = e->rtctl;

	fprintf(out, "\t\tRootCap: CRSVisible%c\n", pxt_f(e->rtcap, VDISC_PCI_EXP_RTCAP_CRSVIS));
	fprintf(out,
		"\t\tRootCtl: ErrCorrectable%c ErrNon-Fatal%c ErrFatal%c PMEIntEna%c "
		"CRSVisible%c\n",
		pxt_f(w, VDISC_PCI_EXP_RTCTL_SECEE), pxt_f(w, VDISC_PCI_EXP_RTCTL_SENFEE),
		pxt_f(w, VDISC_PCI_EXP_RTCTL_SEFEE), pxt_f(w, VDISC_PCI_EXP_RTCTL_PMEIE),
		pxt_f(w, VDISC_PCI_EXP_RTCTL_CRSSVE));
	fprintf(out, "\t\tRootSta: PME ReqID %04" PRIx32 ", PMEStatus%c PMEPending%c\n",
		e->rtsta & VDISC_PCI_EXP_RTSTA_PME_RQ_ID, pxt_f(e->rtsta, VDISC_PCI_EXP_RTSTA_PME),
		pxt_f(e->rtsta, VDISC_PCI_EXP_RTSTA_PENDING));
}

struct pxt_name {
	uint8_t code;
	const char *name;
};

static const char *pxt_lookup(const struct pxt_name *t, size_t n, unsigned code, const char *dflt)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (t[i].code == code)
			return t[i].name;
	return dflt;
}

#define PXT_LOOKUP(t, code, dflt) pxt_lookup((t), sizeof(t) / sizeof((t)[0]), (code), (dflt))

/* Completion timeout ranges supported and the value programmed (7.5.3.15, 7.5.3.16);
 * the combinations the spec does not list read as lspci words them, "Unknown". */
static const struct pxt_name pxt_timeout_ranges[] = {
	{0, "Not Supported"}, {1, "Range A"},	{2, "Range B"},	   {3, "Range AB"},
	{6, "Range BC"},      {7, "Range ABC"}, {14, "Range BCD"}, {15, "Range ABCD"},
};
static const struct pxt_name pxt_timeout_values[] = {
	{0, "50us to 50ms"}, {1, "50us to 100us"}, {2, "1ms to 10ms"},
	{5, "16ms to 55ms"}, {6, "65ms to 210ms"}, {9, "260ms to 900ms"},
	{10, "1s to 3.5s"},  {13, "4s to 13s"},	   {14, "17s to 64s"},
};
static const struct pxt_name pxt_obff_cap[] = {
	{1, "Via message"}, {2, "Via WAKE#"}, {3, "Via message/WAKE#"}};
static const struct pxt_name pxt_epr[] = {
	{1, "Dev Specific"}, {2, "Form Factor Dev Specific"}, {3, "Reserved"}};
static const struct pxt_name pxt_ln_cls[] = {
	{1, "64byte cachelines"}, {2, "128byte cachelines"}, {3, "Reserved"}};
/* Code 2 is reserved: lspci prints nothing for it. */
static const struct pxt_name pxt_tph[] = {{0, "TPHComp- ExtTPHComp-"},
					  {1, "TPHComp+ ExtTPHComp-"},
					  {2, ""},
					  {3, "TPHComp+ ExtTPHComp+"}};
static const struct pxt_name pxt_obff_ctl[] = {
	{0, "Disabled"}, {1, "Via message A"}, {2, "Via message B"}, {3, "Via WAKE#"}};

/* Whether the function has memory space, for the AtomicOp completer bits: from sysfs's
 * resources when known (as lspci reads a live system), else from the header. */
static bool pxt_mem_space(const struct pci_cap_ctx *c, const struct vdisc_pcie *e)
{
	const struct vdisc_pci_function *fn = c->fn;
	unsigned i;

	if (!c->x || !c->x->known || !c->x->info.has_resources)
		return e->has_mem_bar;
	for (i = 0; i < fn->nbars; i++) {
		const struct vdisc_pci_bar *b = &fn->bars[i];

		if (b->index < 6 && b->type != VDISC_PCI_BAR_IO && b->type != VDISC_PCI_BAR_ROM &&
		    (c->x->info.start[b->index] || c->x->info.end[b->index]))
			return true;
	}
	return false;
}

static void pxt_devcap2_tail(FILE *out, const struct vdisc_pcie *e, bool mem)
{
	uint8_t t = e->port_type;
	uint32_t r = e->devcap2;
	bool rp = t == VDISC_PCI_EXP_TYPE_ROOT_PORT;
	bool sw = rp || t == VDISC_PCI_EXP_TYPE_UPSTREAM || t == VDISC_PCI_EXP_TYPE_DOWNSTREAM;

	fprintf(out, "\n\t\t\t FRS%c", pxt_f(r, VDISC_PCI_EXP_DEVCAP2_FRS));
	if (rp)
		fprintf(out, " LN System CLS %s,",
			PXT_LOOKUP(pxt_ln_cls,
				   (r & VDISC_PCI_EXP_DEVCAP2_LN_CLS) >>
					   VDISC_PCI_EXP_DEVCAP2_LN_CLS_SHIFT,
				   "Not Supported"));
	if (rp || t == VDISC_PCI_EXP_TYPE_ENDPOINT)
		fprintf(out, " %s",
			PXT_LOOKUP(pxt_tph,
				   (r & VDISC_PCI_EXP_DEVCAP2_TPH_COMP) >>
					   VDISC_PCI_EXP_DEVCAP2_TPH_COMP_SHIFT,
				   ""));
	if (rp || t == VDISC_PCI_EXP_TYPE_DOWNSTREAM)
		fprintf(out, " ARIFwd%c", pxt_f(r, VDISC_PCI_EXP_DEVCAP2_ARI));
	fputc('\n', out);
	if (!sw && !mem)
		return;
	fputs("\t\t\t AtomicOpsCap:", out);
	if (sw)
		fprintf(out, " Routing%c", pxt_f(r, VDISC_PCI_EXP_DEVCAP2_ATOMIC_ROUTE));
	if (rp || mem)
		fprintf(out, " 32bit%c 64bit%c 128bitCAS%c",
			pxt_f(r, VDISC_PCI_EXP_DEVCAP2_ATOMIC_COMP32),
			pxt_f(r, VDISC_PCI_EXP_DEVCAP2_ATOMIC_COMP64),
			pxt_f(r, VDISC_PCI_EXP_DEVCAP2_ATOMIC_COMP128));
	fputc('\n', out);
}

static void pxt_devcap2(FILE *out, const struct vdisc_pcie *e, bool mem)
{
	uint32_t r = e->devcap2;

	fprintf(out, "\t\tDevCap2: Completion Timeout: %s, TimeoutDis%c NROPrPrP%c LTR%c",
		PXT_LOOKUP(pxt_timeout_ranges, r & VDISC_PCI_EXP_DEVCAP2_COMP_TMOUT_RANGES,
			   "Unknown"),
		pxt_f(r, VDISC_PCI_EXP_DEVCAP2_COMP_TMOUT_DIS),
		pxt_f(r, VDISC_PCI_EXP_DEVCAP2_NROPRPRP), pxt_f(r, VDISC_PCI_EXP_DEVCAP2_LTR));
	fprintf(out, "\n\t\t\t 10BitTagComp%c 10BitTagReq%c OBFF %s, ExtFmt%c EETLPPrefix%c",
		pxt_f(r, VDISC_PCI_EXP_DEVCAP2_10BIT_TAG_COMP),
		pxt_f(r, VDISC_PCI_EXP_DEVCAP2_10BIT_TAG_REQ),
		PXT_LOOKUP(pxt_obff_cap,
			   (r & VDISC_PCI_EXP_DEVCAP2_OBFF_MASK) >>
				   VDISC_PCI_EXP_DEVCAP2_OBFF_SHIFT,
			   "Not Supported"),
		pxt_f(r, VDISC_PCI_EXP_DEVCAP2_EXT_FMT), pxt_f(r, VDISC_PCI_EXP_DEVCAP2_EE_PREFIX));
	if (r & VDISC_PCI_EXP_DEVCAP2_EE_PREFIX) {
		unsigned n = (r & VDISC_PCI_EXP_DEVCAP2_MAX_EE_PREFIX) >>
			     VDISC_PCI_EXP_DEVCAP2_MAX_EE_PREFIX_SHIFT;

		fprintf(out, ", MaxEETLPPrefixes %u", n ? n : 4u);
	}
	fprintf(out, "\n\t\t\t EmergencyPowerReduction %s, EmergencyPowerReductionInit%c",
		PXT_LOOKUP(pxt_epr,
			   (r & VDISC_PCI_EXP_DEVCAP2_EPR) >> VDISC_PCI_EXP_DEVCAP2_EPR_SHIFT,
			   "Not Supported"),
		pxt_f(r, VDISC_PCI_EXP_DEVCAP2_EPR_INIT));
	pxt_devcap2_tail(out, e, mem);
}

static void pxt_devctl2(FILE *out, const struct vdisc_pcie *e)
{
	uint8_t t = e->port_type;
	uint16_t w = e->devctl2;
	bool rp = t == VDISC_PCI_EXP_TYPE_ROOT_PORT;
	bool sw = rp || t == VDISC_PCI_EXP_TYPE_UPSTREAM || t == VDISC_PCI_EXP_TYPE_DOWNSTREAM;
	bool req = rp || t == VDISC_PCI_EXP_TYPE_ENDPOINT || t == VDISC_PCI_EXP_TYPE_RC_END ||
		   t == VDISC_PCI_EXP_TYPE_LEG_END;

	fprintf(out,
		"\t\tDevCtl2: Completion Timeout: %s, TimeoutDis%c LTR%c 10BitTagReq%c OBFF %s,",
		PXT_LOOKUP(pxt_timeout_values, w & VDISC_PCI_EXP_DEVCTL2_COMP_TIMEOUT, "Unknown"),
		pxt_f(w, VDISC_PCI_EXP_DEVCTL2_COMP_TMOUT_DIS),
		pxt_f(w, VDISC_PCI_EXP_DEVCTL2_LTR_EN),
		pxt_f(w, VDISC_PCI_EXP_DEVCTL2_10BIT_TAG_REQ),
		PXT_LOOKUP(pxt_obff_ctl,
			   (w & VDISC_PCI_EXP_DEVCTL2_OBFF) >> VDISC_PCI_EXP_DEVCTL2_OBFF_SHIFT,
			   "Unknown"));
	if (rp || t == VDISC_PCI_EXP_TYPE_DOWNSTREAM)
		fprintf(out, " ARIFwd%c", pxt_f(w, VDISC_PCI_EXP_DEVCTL2_ARI));
	fputc('\n', out);
	if (!sw && !req)
		return;
	fputs("\t\t\t AtomicOpsCtl:", out);
	if (req)
		fprintf(out, " ReqEn%c", pxt_f(w, VDISC_PCI_EXP_DEVCTL2_ATOMIC_REQ));
	if (sw)
		fprintf(out, " EgressBlck%c", pxt_f(w, VDISC_PCI_EXP_DEVCTL2_ATOMIC_EGRESS_BLOCK));
	fputc('\n', out);
}

/* Supported Link Speeds Vector (7.5.3.18): a port supports every rate from 2.5GT/s up to its
 * highest bit.  Bit 5 is 64GT/s since PCIe 6.0 (pciutils 3.9 calls it "RsvdP"); bit 6 is
 * reserved. */
static void pxt_speeds(FILE *out, uint8_t vector)
{
	unsigned top;

	if (vector & 0x40) {
		fputs("RsvdP", out);
		return;
	}
	for (top = 6; top > 0 && !(vector & (1u << (top - 1))); top--)
		;
	if (top == 0)
		fputs("Unknown", out);
	else if (top == 1)
		fputs("2.5GT/s", out);
	else
		fprintf(out, "2.5-%s", pxt_speed((uint8_t)top));
}

/* Target Link Speed (7.5.3.19): 0 from a port that supports 2.5GT/s only. */
static const char *pxt_target_speed(uint8_t code)
{
	const char *s = vdisc_pcie_speed_name(code ? code : 1);

	return s ? s : "Unknown";
}

static const char *pxt_deemphasis(unsigned bit)
{
	return bit ? "-3.5dB" : "-6dB";
}

static const char *pxt_margin(unsigned code)
{
	if (code == 0)
		return "Normal Operating Range";
	if (code == 1)
		return "800-1200mV(full-swing)/400-700mV(half-swing)";
	if (code <= 5)
		return "200-400mV(full-swing)/100-200mV(half-swing)";
	return "Unknown";
}

/* Compliance Preset/De-emphasis (7.5.3.19; the 8GT/s presets P0..P9 of 8.3.3.3). */
static const char *pxt_preset(unsigned code)
{
	static const char *const t[10] = {
		"-6dB de-emphasis, 0dB preshoot",     "-3.5dB de-emphasis, 0dB preshoot",
		"-4.4dB de-emphasis, 0dB preshoot",   "-2.5dB de-emphasis, 0dB preshoot",
		"0dB de-emphasis, 0dB preshoot",      "0dB de-emphasis, 1.9dB preshoot",
		"0dB de-emphasis, 2.5dB preshoot",    "-6.0dB de-emphasis, 3.5dB preshoot",
		"-3.5dB de-emphasis, 3.5dB preshoot", "0dB de-emphasis, 3.5dB preshoot",
	};
	return code < 10 ? t[code] : "Unknown";
}

static void pxt_lnk2_caps(FILE *out, const struct vdisc_pcie *e)
{
	uint32_t r = e->lnkcap2;
	uint16_t w = e->lnkctl2;

	/* Link Capabilities 2 was reserved (zero) before PCIe 3.0: nothing to show then. */
	if (r) {
		fputs("\t\tLnkCap2: Supported Link Speeds: ", out);
		pxt_speeds(out, e->speeds_vector);
		fprintf(out, ", Crosslink%c Retimer%c 2Retimers%c DRS%c\n",
			pxt_f(r, VDISC_PCI_EXP_LNKCAP2_CROSSLINK),
			pxt_f(r, VDISC_PCI_EXP_LNKCAP2_RETIMER),
			pxt_f(r, VDISC_PCI_EXP_LNKCAP2_2RETIMERS),
			pxt_f(r, VDISC_PCI_EXP_LNKCAP2_DRS));
	}
	fprintf(out, "\t\tLnkCtl2: Target Link Speed: %s, EnterCompliance%c SpeedDis%c",
		pxt_target_speed(e->target_speed), pxt_f(w, VDISC_PCI_EXP_LNKCTL2_ENTER_COMP),
		pxt_f(w, VDISC_PCI_EXP_LNKCTL2_HASD));
	if (e->port_type == VDISC_PCI_EXP_TYPE_DOWNSTREAM)
		fprintf(out, ", Selectable De-emphasis: %s",
			pxt_deemphasis(w & VDISC_PCI_EXP_LNKCTL2_SEL_DEEMPHASIS));
	fprintf(out,
		"\n\t\t\t Transmit Margin: %s, EnterModifiedCompliance%c ComplianceSOS%c\n"
		"\t\t\t Compliance Preset/De-emphasis: %s\n",
		pxt_margin((w & VDISC_PCI_EXP_LNKCTL2_TX_MARGIN) >>
			   VDISC_PCI_EXP_LNKCTL2_TX_MARGIN_SHIFT),
		pxt_f(w, VDISC_PCI_EXP_LNKCTL2_MOD_COMP), pxt_f(w, VDISC_PCI_EXP_LNKCTL2_COMP_SOS),
		pxt_preset((w & VDISC_PCI_EXP_LNKCTL2_COMP_PRESET) >>
			   VDISC_PCI_EXP_LNKCTL2_COMP_PRESET_SHIFT));
}

static const char *pxt_crosslink(unsigned code)
{
	static const char *const t[4] = {"unsupported", "Upstream Port", "Downstream Port",
					 "incomplete"};
	return t[code & 3];
}

/* Downstream Component Presence (7.5.3.20); 3, 6 and 7 are reserved. */
static const struct pxt_name pxt_component[] = {
	{0, "Link Down - Not Determined"},
	{1, "Link Down - Not Present"},
	{2, "Link Down - Present"},
	{4, "Link Up - Present"},
	{5, "Link Up - Present and DRS Received"},
};

static void pxt_link2(FILE *out, const struct vdisc_pcie *e)
{
	uint8_t t = e->port_type;
	uint16_t w = e->lnksta2;
	bool down = t == VDISC_PCI_EXP_TYPE_ROOT_PORT || t == VDISC_PCI_EXP_TYPE_DOWNSTREAM ||
		    t == VDISC_PCI_EXP_TYPE_PCIE_BRIDGE;

	if (e->has_link2)
		pxt_lnk2_caps(out, e);
	fprintf(out,
		"\t\tLnkSta2: Current De-emphasis Level: %s, EqualizationComplete%c "
		"EqualizationPhase1%c\n"
		"\t\t\t EqualizationPhase2%c EqualizationPhase3%c LinkEqualizationRequest%c\n"
		"\t\t\t Retimer%c 2Retimers%c CrosslinkRes: %s",
		pxt_deemphasis(w & VDISC_PCI_EXP_LNKSTA2_DEEMPHASIS),
		pxt_f(w, VDISC_PCI_EXP_LNKSTA2_EQ_COMPLETE),
		pxt_f(w, VDISC_PCI_EXP_LNKSTA2_EQ_PHASE1),
		pxt_f(w, VDISC_PCI_EXP_LNKSTA2_EQ_PHASE2),
		pxt_f(w, VDISC_PCI_EXP_LNKSTA2_EQ_PHASE3),
		pxt_f(w, VDISC_PCI_EXP_LNKSTA2_EQ_REQUEST), pxt_f(w, VDISC_PCI_EXP_LNKSTA2_RETIMER),
		pxt_f(w, VDISC_PCI_EXP_LNKSTA2_2RETIMERS),
		pxt_crosslink((w & VDISC_PCI_EXP_LNKSTA2_CROSSLINK) >>
			      VDISC_PCI_EXP_LNKSTA2_CROSSLINK_SHIFT));
	/* Device Readiness Status: reported by a downstream port that supports it. */
	if (down && (e->lnkcap2 & VDISC_PCI_EXP_LNKCAP2_DRS))
		fprintf(out, ", DRS%c\n\t\t\t DownstreamComp: %s\n",
			pxt_f(w, VDISC_PCI_EXP_LNKSTA2_DRS_RCVD),
			PXT_LOOKUP(pxt_component,
				   (w & VDISC_PCI_EXP_LNKSTA2_COMPONENT) >>
					   VDISC_PCI_EXP_LNKSTA2_COMPONENT_SHIFT,
				   "Reserved"));
	else
		fputc('\n', out);
}

void pci_text_express(const struct pci_cap_ctx *c)
{
	FILE *out = c->out;
	struct vdisc_pcie e;

	if (vdisc_pci_decode_pcie(c->fn, c->cap, &e) == -VDISC_EINVAL) {
		fputs("Express <unreadable>\n", out);
		return;
	}
	pxt_header(c, &e);
	/* lspci shows the registers from -vv on, and only groups it could read whole. */
	if (c->verbose < 2 || !e.regs_read)
		return;
	pxt_devcap(out, &e);
	pxt_devctl(out, &e);
	if (e.has_link)
		pxt_link(out, &e);
	if (e.has_slot)
		pxt_slot(out, &e);
	if (e.has_root)
		pxt_root(out, &e);
	if (!e.regs2_read)
		return;
	pxt_devcap2(out, &e, pxt_mem_space(c, &e));
	pxt_devctl2(out, &e);
	if (e.has_link)
		pxt_link2(out, &e);
}
