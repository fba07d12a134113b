/* SPDX-License-Identifier: MIT */
#include <inttypes.h>
#include <string.h>

#include "cli.h"
#include "pci_caps_text.h"
#include "pci_cli.h"

/*
 * The capability lists under -v, walked as lspci walks them rather than
 * from the core's lists: lspci follows a pointer into the header, reads a
 * capability there and says "<access denied>" where the snapshot ends,
 * where the core's walk (made for programs) calls such a chain broken.
 * Each capability gets its "Capabilities: [xx] " prefix here and its
 * decoder by id from pci_text_*.c; what no decoder claims is named by the
 * id alone.  Extended capabilities are shown only for a function with a
 * PCI Express or PCI-X capability, as lspci shows them.
 */

/* Every 4-byte slot of the standard space at most once, so a chain has at most this many. */
#define PCAP_MAX (VDISC_PCI_CONFIG_SIZE / 4)

enum pcap_end {
	PCAP_END_OK = 0,
	PCAP_END_DENIED, /* the next capability lies past the snapshot */
	PCAP_END_LOOPED,
	PCAP_END_BROKEN, /* id 0xff: a dead function or a pointer into nothing */
};

struct pcap_chain {
	uint16_t where[PCAP_MAX];
	unsigned n;
	enum pcap_end end;
	uint16_t end_at; /* the offset the walk stopped at */
	int exp_type;	 /* the last PCI Express capability's device/port type, or -1 */
	bool ext;	 /* a PCI Express or PCI-X capability: the extended space exists */
};

static void pcap_walk_std(const struct vdisc_pci_function *fn, struct pcap_chain *ch)
{
	uint8_t layout = fn->header_type & VDISC_PCI_HEADER_LAYOUT_MASK;
	uint8_t seen[VDISC_PCI_CONFIG_SIZE];
	uint32_t where;

	memset(ch, 0, sizeof(*ch));
	ch->exp_type = -1;
	if (!(fn->status & VDISC_PCI_STATUS_CAP_LIST))
		return;
	memset(seen, 0, sizeof(seen));
	where = vdisc_pci_cfg8(fn, layout == VDISC_PCI_HEADER_CARDBUS ? VDISC_PCI_CB_CAPABILITY_LIST
								      : VDISC_PCI_CAPABILITY_LIST) &
		VDISC_PCI_CAP_PTR_MASK;
	for (; where;
	     where = vdisc_pci_cfg8(fn, where + VDISC_PCI_CAP_LIST_NEXT) & VDISC_PCI_CAP_PTR_MASK) {
		uint8_t id;

		ch->end_at = (uint16_t)where;
		if (where + 4 > fn->config_size) {
			ch->end = PCAP_END_DENIED;
			return;
		}
		if (seen[where]++) {
			ch->end = PCAP_END_LOOPED;
			return;
		}
		id = vdisc_pci_cfg8(fn, where + VDISC_PCI_CAP_LIST_ID);
		if (id == VDISC_PCI_CAP_ID_BROKEN) {
			ch->end = PCAP_END_BROKEN;
			return;
		}
		if (id == VDISC_PCI_CAP_ID_EXP)
			ch->exp_type = (vdisc_pci_cfg16(fn, where + VDISC_PCI_EXP_FLAGS) >>
					VDISC_PCI_EXP_FLAGS_TYPE_SHIFT) &
				       0xf;
		if (id == VDISC_PCI_CAP_ID_EXP || id == VDISC_PCI_CAP_ID_PCIX)
			ch->ext = true;
		ch->where[ch->n++] = (uint16_t)where;
	}
}

/* Ids lspci names without decoding them: the name is all it prints. */
static const char *pcap_plain_name(uint16_t id, bool extended)
{
	static const struct {
		uint8_t id;
		const char *name;
	} std[] =
		{
			{0x00, "Null"},
			{0x06, "CompactPCI hot-swap <?>"},
			{0x0b, "CompactPCI central resource control <?>"},
			{0x0c, "Hot-plug capable"},
			{0x0e, "AGP3 <?>"},
			{0x0f, "Secure device <?>"},
		},
	  ext[] = {
		  {0x00, "Null"},
		  {0x04, "Power Budgeting <?>"},
		  {0x06, "Root Complex Internal Link <?>"},
		  {0x08, "Multi-Function Virtual Channel <?>"},
		  {0x0a, "Root Complex Register Block <?>"},
		  {0x11, "Multi-Root I/O Virtualization <?>"},
		  {0x16, "Dynamic Power Allocation <?>"},
		  {0x1a, "Protocol Multiplexing <?>"},
		  {0x1c, "LN Requester <?>"},
		  {0x20, "PCI Express over M_PHY <?>"},
		  {0x21, "FRS Queueing <?>"},
		  {0x22, "Readiness Time Reporting <?>"},
		  {0x25, "Data Link Feature <?>"},
		  {0x26, "Physical Layer 16.0 GT/s <?>"},
		  {0x27, "Lane Margining at the Receiver <?>"},
		  {0x28, "Hierarchy ID <?>"},
		  {0x29, "Native PCIe Enclosure Management <?>"},
	  };
	size_t i;

	if (!extended) {
		for (i = 0; i < sizeof(std) / sizeof(std[0]); i++)
			if (std[i].id == id)
				return std[i].name;
	} else {
		for (i = 0; i < sizeof(ext) / sizeof(ext[0]); i++)
			if (ext[i].id == id)
				return ext[i].name;
	}
	return NULL;
}

/* What no decoder claimed: lspci's name-only line, or the bare id. */
static void pcap_fallback(const struct pci_cap_ctx *c)
{
	const char *name = pcap_plain_name(c->cap->id, c->cap->extended);

	if (name)
		fprintf(c->out, "%s\n", name);
	else if (c->cap->extended)
		fprintf(c->out, "Extended Capability ID %#02x\n", c->cap->id);
	else
		fprintf(c->out, "Capability ID %#02x [%04x]\n", c->cap->id,
			vdisc_pci_cfg16(c->fn, c->cap->offset + 2));
}

static void pcap_one(struct pci_cap_ctx *c)
{
	const struct vdisc_pci_cap *cap = c->cap;

	if (!cap->extended && cap->id == VDISC_PCI_CAP_ID_EXP)
		pci_text_express(c);
	else if (!cap->extended && pci_text_std_cap(c))
		return;
	else if (cap->extended && (pci_text_ecap_core(c) || pci_text_ecap_link(c)))
		return;
	else
		pcap_fallback(c);
}

static void pcap_print_std(struct pci_cap_ctx *c, const struct pcap_chain *ch)
{
	struct vdisc_pci_cap cap = {0};
	unsigned i;

	c->cap = &cap;
	for (i = 0; i < ch->n; i++) {
		cap.offset = ch->where[i];
		cap.id = vdisc_pci_cfg8(c->fn, cap.offset + VDISC_PCI_CAP_LIST_ID);
		fprintf(c->out, "\tCapabilities: [%02x] ", cap.offset);
		pcap_one(c);
	}
	if (ch->end == PCAP_END_DENIED)
		fputs("\tCapabilities: <access denied>\n", c->out);
	else if (ch->end == PCAP_END_LOOPED)
		fprintf(c->out, "\tCapabilities: [%02x] <chain looped>\n", ch->end_at);
	else if (ch->end == PCAP_END_BROKEN)
		fprintf(c->out, "\tCapabilities: [%02x] <chain broken>\n", ch->end_at);
	c->cap = NULL;
}

/*
 * The extended list from 0x100 (PCIe 6.0, 7.6): it ends quietly at a zero
 * or all-ones header or the end of the snapshot, loudly at a loop.
 */
static void pcap_print_ext(struct pci_cap_ctx *c)
{
	const struct vdisc_pci_function *fn = c->fn;
	uint8_t seen[VDISC_PCIE_CONFIG_SIZE / 4];
	struct vdisc_pci_cap cap = {0};
	uint32_t where = VDISC_PCI_EXT_CAP_START;

	memset(seen, 0, sizeof(seen));
	cap.extended = true;
	c->cap = &cap;
	do {
		uint32_t header;

		if (where + 4 > fn->config_size)
			break;
		header = vdisc_pci_cfg32(fn, where);
		if (!header || header == 0xffffffff)
			break;
		cap.offset = (uint16_t)where;
		cap.id = (uint16_t)VDISC_PCI_EXT_CAP_ID(header);
		cap.version = (uint8_t)VDISC_PCI_EXT_CAP_VERSION(header);
		fprintf(c->out, "\tCapabilities: [%03x", where);
		if (c->verbose > 1)
			fprintf(c->out, " v%u", cap.version);
		fputs("] ", c->out);
		if (seen[where / 4]++) {
			fputs("<chain looped>\n", c->out);
			break;
		}
		pcap_one(c);
		where = VDISC_PCI_EXT_CAP_NEXT(header);
	} while (where);
	c->cap = NULL;
}

void pci_print_caps(FILE *out, const struct vdisc_pci_function *fn, const struct pci_extra *x,
		    const struct pci_options *opt)
{
	struct pcap_chain ch;
	struct pci_cap_ctx c;

	pcap_walk_std(fn, &ch);
	c = (struct pci_cap_ctx){out, fn, NULL, x, opt, opt->verbose, ch.exp_type};
	pcap_print_std(&c, &ch);
	if (ch.ext)
		pcap_print_ext(&c);
}
