/* SPDX-License-Identifier: MIT */
#include <inttypes.h>

#include "cli.h"
#include "pci_caps_text.h"

/*
 * HyperTransport capabilities in lspci's words.  From revision 1.02 (0x22:
 * major in bits 7:5, minor in 4:0) the link registers have more fields and
 * the frequency, error and feature registers follow; up to 0.17 (0x11) only
 * the older layout exists, and in between lspci shows the older layout with
 * a warning that its decoding may be incomplete.
 */

#define PHT_F(v, m) (((v) & (m)) ? '+' : '-')

static const char *pht_width(unsigned w)
{
	static const char *const names[8] = {"8bit", "16bit", "[2]", "32bit",
					     "2bit", "4bit",  "[6]", "N/C"};
	return names[w & VDISC_PCI_HT_LCNF_WIDTH];
}

static const char *pht_freq(unsigned f)
{
	static const char *const names[16] = {
		"200MHz", "300MHz", "400MHz", "500MHz", "600MHz", "800MHz", "1.0GHz", "1.2GHz",
		"1.4GHz", "1.6GHz", "[a]",    "[b]",	"[c]",	  "[d]",    "[e]",    "Vend"};
	return names[f & VDISC_PCI_HT_LFRER_FREQ];
}

/* "Link Control[ n]:": the fields of revision 1.02 and later only with @newer. */
static void pht_link_control(FILE *out, const char *name, uint16_t v, bool newer)
{
	fprintf(out, "\t\t%s: CFlE%c CST%c CFE%c <LkFail%c Init%c EOC%c TXO%c <CRCErr=%x", name,
		PHT_F(v, VDISC_PCI_HT_LCTR_CFLE), PHT_F(v, VDISC_PCI_HT_LCTR_CST),
		PHT_F(v, VDISC_PCI_HT_LCTR_CFE), PHT_F(v, VDISC_PCI_HT_LCTR_LKFAIL),
		PHT_F(v, VDISC_PCI_HT_LCTR_INIT), PHT_F(v, VDISC_PCI_HT_LCTR_EOC),
		PHT_F(v, VDISC_PCI_HT_LCTR_TXO),
		(v & VDISC_PCI_HT_LCTR_CRCERR) >> VDISC_PCI_HT_LCTR_CRCERR_SHIFT);
	if (newer)
		fprintf(out, " IsocEn%c LSEn%c ExtCTL%c 64b%c", PHT_F(v, VDISC_PCI_HT_LCTR_ISOCEN),
			PHT_F(v, VDISC_PCI_HT_LCTR_LSEN), PHT_F(v, VDISC_PCI_HT_LCTR_EXTCTL),
			PHT_F(v, VDISC_PCI_HT_LCTR_64B));
	fputc('\n', out);
}

static void pht_link_config(FILE *out, const char *name, uint16_t v, bool newer)
{
	const char *mlwi = pht_width(v >> VDISC_PCI_HT_LCNF_MLWI_SHIFT);
	const char *mlwo = pht_width(v >> VDISC_PCI_HT_LCNF_MLWO_SHIFT);
	const char *lwi = pht_width(v >> VDISC_PCI_HT_LCNF_LWI_SHIFT);
	const char *lwo = pht_width(v >> VDISC_PCI_HT_LCNF_LWO_SHIFT);

	if (!newer) {
		fprintf(out, "\t\t%s: MLWI=%s MLWO=%s LWI=%s LWO=%s\n", name, mlwi, mlwo, lwi, lwo);
		return;
	}
	fprintf(out,
		"\t\t%s: MLWI=%s DwFcIn%c MLWO=%s DwFcOut%c LWI=%s DwFcInEn%c LWO=%s "
		"DwFcOutEn%c\n",
		name, mlwi, PHT_F(v, VDISC_PCI_HT_LCNF_DFI), mlwo, PHT_F(v, VDISC_PCI_HT_LCNF_DFO),
		lwi, PHT_F(v, VDISC_PCI_HT_LCNF_DFIE), lwo, PHT_F(v, VDISC_PCI_HT_LCNF_DFOE));
}

/*
 * Frequency, errors and supported frequencies of one link (revision 1.02 and
 * later).  The frequency capability register has 16 bits, but lspci 3.9 reads
 * only its low byte, so 1.4GHz, 1.6GHz and Vend always show '-': callers pass
 * the low byte, to keep lspci's lines (the decoder holds all 16 bits).
 */
static void pht_link_freq(FILE *out, const char *suffix, const struct vdisc_pci_ht_link *l,
			  uint16_t cap)
{
	uint8_t e = l->freq_err;

	fprintf(out, "\t\tLink Frequency%s: %s\n", suffix, pht_freq(e));
	fprintf(out, "\t\tLink Error%s: <Prot%c <Ovfl%c <EOC%c CTLTm%c\n", suffix,
		PHT_F(e, VDISC_PCI_HT_LFRER_PROT), PHT_F(e, VDISC_PCI_HT_LFRER_OV),
		PHT_F(e, VDISC_PCI_HT_LFRER_EOC), PHT_F(e, VDISC_PCI_HT_LFRER_CTLT));
	fprintf(out,
		"\t\tLink Frequency Capability%s: 200MHz%c 300MHz%c 400MHz%c 500MHz%c 600MHz%c "
		"800MHz%c 1.0GHz%c 1.2GHz%c 1.4GHz%c 1.6GHz%c Vend%c\n",
		suffix, PHT_F(cap, 1u << 0), PHT_F(cap, 1u << 1), PHT_F(cap, 1u << 2),
		PHT_F(cap, 1u << 3), PHT_F(cap, 1u << 4), PHT_F(cap, 1u << 5), PHT_F(cap, 1u << 6),
		PHT_F(cap, 1u << 7), PHT_F(cap, 1u << 8), PHT_F(cap, 1u << 9),
		PHT_F(cap, VDISC_PCI_HT_LFCAP_VEND));
}

static void pht_feature(FILE *out, uint16_t f, bool secondary)
{
	fprintf(out, "\t\tFeature Capability: IsocFC%c LDTSTOP%c CRCTM%c ECTLT%c 64bA%c UIDRD%c",
		PHT_F(f, VDISC_PCI_HT_FTR_ISOCFC), PHT_F(f, VDISC_PCI_HT_FTR_LDTSTOP),
		PHT_F(f, VDISC_PCI_HT_FTR_CRCTM), PHT_F(f, VDISC_PCI_HT_FTR_ECTLT),
		PHT_F(f, VDISC_PCI_HT_FTR_64BA), PHT_F(f, VDISC_PCI_HT_FTR_UIDRD));
	if (secondary)
		fprintf(out, " ExtRS%c UCnfE%c", PHT_F(f, VDISC_PCI_HT_SEC_FTR_EXTRS),
			PHT_F(f, VDISC_PCI_HT_SEC_FTR_UCNFE));
	fputc('\n', out);
}

/* The error handling register (7.5.10): sixteen enables and two status bits, in order. */
static void pht_error_handling(FILE *out, uint16_t v)
{
	static const char *const names[16] = {
		"PFlE", "OFlE", "PFE",	"OFE",	"EOCFE",  "RFE",  "CRCFE",  "SERRFE",
		"CF",	"RE",	"PNFE", "ONFE", "EOCNFE", "RNFE", "CRCNFE", "SERRNFE"};
	unsigned i;

	fputs("\t\tError Handling:", out);
	for (i = 0; i < 16; i++)
		fprintf(out, " %s%c", names[i], PHT_F(v, 1u << i));
	fputc('\n', out);
}

static void pht_revision(FILE *out, const char *prefix, uint8_t rid)
{
	fprintf(out, "%sRevision ID: %u.%02u\n", prefix,
		(rid & VDISC_PCI_HT_RID_MAJ) >> VDISC_PCI_HT_RID_MAJ_SHIFT,
		rid & VDISC_PCI_HT_RID_MIN);
}

/* Between revisions 0.17 and 1.02 the registers are neither layout for sure. */
static void pht_warn(FILE *out, uint8_t rid)
{
	if (rid > VDISC_PCI_HT_REV_0_17 && rid < VDISC_PCI_HT_REV_1_02)
		fputs("\t\t!!! Possibly incomplete decoding\n", out);
}

static void pht_primary(const struct pci_cap_ctx *c, const struct vdisc_pci_ht *h)
{
	bool newer = h->revision >= VDISC_PCI_HT_REV_1_02;
	uint16_t cmd = h->command;

	fputs("HyperTransport: Slave or Primary Interface\n", c->out);
	if (c->verbose < 2 || !h->has_regs)
		return;
	pht_warn(c->out, h->revision);
	fprintf(c->out, "\t\tCommand: BaseUnitID=%u UnitCnt=%u MastHost%c DefDir%c",
		cmd & VDISC_PCI_HT_PRI_CMD_BUID,
		(cmd & VDISC_PCI_HT_PRI_CMD_UC) >> VDISC_PCI_HT_PRI_CMD_UC_SHIFT,
		PHT_F(cmd, VDISC_PCI_HT_PRI_CMD_MH), PHT_F(cmd, VDISC_PCI_HT_PRI_CMD_DD));
	if (newer)
		fprintf(c->out, " DUL%c", PHT_F(cmd, VDISC_PCI_HT_PRI_CMD_DUL));
	fputc('\n', c->out);
	pht_link_control(c->out, "Link Control 0", h->link[0].control, newer);
	pht_link_config(c->out, "Link Config 0", h->link[0].config, newer);
	pht_link_control(c->out, "Link Control 1", h->link[1].control, newer);
	pht_link_config(c->out, "Link Config 1", h->link[1].config, newer);
	pht_revision(c->out, "\t\t", h->revision);
	if (!newer)
		return;
	pht_link_freq(c->out, " 0", &h->link[0], h->link[0].freq_cap & 0xff);
	pht_feature(c->out, h->feature, false);
	pht_link_freq(c->out, " 1", &h->link[1], h->link[1].freq_cap & 0xff);
	pht_error_handling(c->out, h->error_handling);
	fprintf(c->out, "\t\tPrefetchable memory behind bridge Upper: %02x-%02x\n",
		h->mem_base_upper, h->mem_limit_upper);
	fprintf(c->out, "\t\tBus Number: %02x\n", h->bus_number);
}

static void pht_secondary_command(FILE *out, uint16_t cmd, bool newer)
{
	fprintf(out, "\t\tCommand: WarmRst%c DblEnd%c", PHT_F(cmd, VDISC_PCI_HT_SEC_CMD_WR),
		PHT_F(cmd, VDISC_PCI_HT_SEC_CMD_DE));
	if (newer)
		fprintf(out, " DevNum=%u ChainSide%c HostHide%c Slave%c <EOCErr%c DUL%c",
			(cmd & VDISC_PCI_HT_SEC_CMD_DN) >> VDISC_PCI_HT_SEC_CMD_DN_SHIFT,
			PHT_F(cmd, VDISC_PCI_HT_SEC_CMD_CS), PHT_F(cmd, VDISC_PCI_HT_SEC_CMD_HH),
			PHT_F(cmd, VDISC_PCI_HT_SEC_CMD_AS), PHT_F(cmd, VDISC_PCI_HT_SEC_CMD_HIECE),
			PHT_F(cmd, VDISC_PCI_HT_SEC_CMD_DUL));
	fputc('\n', out);
}

static void pht_secondary(const struct pci_cap_ctx *c, const struct vdisc_pci_ht *h)
{
	bool newer = h->revision >= VDISC_PCI_HT_REV_1_02;

	fputs("HyperTransport: Host or Secondary Interface\n", c->out);
	if (c->verbose < 2 || !h->has_regs)
		return;
	pht_warn(c->out, h->revision);
	pht_secondary_command(c->out, h->command, newer);
	pht_link_control(c->out, "Link Control", h->link[0].control, newer);
	pht_link_config(c->out, "Link Config", h->link[0].config, newer);
	pht_revision(c->out, "\t\t", h->revision);
	if (!newer)
		return;
	pht_link_freq(c->out, "", &h->link[0], h->link[0].freq_cap & 0xff);
	pht_feature(c->out, h->feature, true);
	if (!(h->feature & VDISC_PCI_HT_SEC_FTR_EXTRS))
		return;
	pht_error_handling(c->out, h->error_handling);
	fprintf(c->out, "\t\tPrefetchable memory behind bridge Upper: %02x-%02x\n",
		h->mem_base_upper, h->mem_limit_upper);
}

/* The other block types by name (HyperTransport I/O Link 3.10, table 7-1). */
static const char *pht_type_name(uint8_t type)
{
	switch (type) {
	case VDISC_PCI_HT_TYPE_SWITCH:
		return "Switch";
	case VDISC_PCI_HT_TYPE_IRQ:
		return "Interrupt Discovery and Configuration";
	case VDISC_PCI_HT_TYPE_UNITID_CLUMP:
		return "UnitID Clumping";
	case VDISC_PCI_HT_TYPE_EXTCONF:
		return "Extended Configuration Space Access";
	case VDISC_PCI_HT_TYPE_ADDR_MAP:
		return "Address Mapping";
	case VDISC_PCI_HT_TYPE_DIRECT_ROUTE:
		return "DirectRoute";
	case VDISC_PCI_HT_TYPE_VCSET:
		return "VCSet";
	case VDISC_PCI_HT_TYPE_RETRY:
		return "Retry Mode";
	case VDISC_PCI_HT_TYPE_X86:
		return "X86 (reserved)";
	default:
		return NULL;
	}
}

static void pht_msi_map(const struct pci_cap_ctx *c, const struct vdisc_pci_ht *h)
{
	fprintf(c->out, "HyperTransport: MSI Mapping Enable%c Fixed%c\n",
		PHT_F(h->command, VDISC_PCI_HT_MSIM_CMD_EN),
		PHT_F(h->command, VDISC_PCI_HT_MSIM_CMD_FIXD));
	if (c->verbose >= 2 && h->has_address)
		fprintf(c->out, "\t\tMapping Address Base: %016" PRIx64 "\n", h->msi_address);
}

void pci_text_cap_ht(const struct pci_cap_ctx *c)
{
	struct vdisc_pci_ht h;
	const char *name;

	vdisc_pci_decode_ht(c->fn, c->cap, &h);
	if (h.kind == VDISC_PCI_HT_PRIMARY)
		pht_primary(c, &h);
	else if (h.kind == VDISC_PCI_HT_SECONDARY)
		pht_secondary(c, &h);
	else if (h.type == VDISC_PCI_HT_TYPE_MSI_MAP)
		pht_msi_map(c, &h);
	else if (h.type == VDISC_PCI_HT_TYPE_REV_ID)
		pht_revision(c->out, "HyperTransport: ", h.revision);
	else if ((name = pht_type_name(h.type)) != NULL)
		fprintf(c->out, "HyperTransport: %s\n", name);
	else
		fprintf(c->out, "HyperTransport: #%02x\n", h.type);
}
