/* SPDX-License-Identifier: MIT */
#include "pci_internal.h"

/*
 * Vital Product Data (PCI Local Bus 3.0, 6.4 and appendix I): a string of
 * resources, each a tag and a length, in a space of at most 32 KiB.  The
 * walk reads an image of it (what the VPD capability's window returned, as
 * the kernel's "vpd" file gives it) the way lspci reads it live, in the same
 * order, so that its checksum covers the same bytes.
 */

#define VPD_SPACE_ (VDISC_PCI_VPD_ADDR_MASK + 1u)
#define VPD_CHUNK_ 256u /* lspci reads a long string this much at a time */

/* Read (and sum) @len bytes at @pos; false when they are not all in the image. */
static bool vpd_read_(struct vdisc_pci_vpd_iter *it, uint32_t pos, uint32_t len)
{
	uint32_t i;

	if (pos > it->size || len > it->size - pos)
		return false;
	for (i = 0; i < len; i++)
		it->sum = (uint8_t)(it->sum + it->vpd[pos + i]);
	return true;
}

struct vpd_keyword_ {
	char k[2]; /* a second character of 0 matches any */
	enum vdisc_pci_vpd_format format;
	const char *name;
};

/* I.3.1 and I.3.2, with the vendors' extensions lspci also names; first match wins. */
static const struct vpd_keyword_ vpd_keywords_[] = {
	{"CP", VDISC_PCI_VPD_BINARY, "Extended capability"},
	{"EC", VDISC_PCI_VPD_TEXT, "Engineering changes"},
	{"MN", VDISC_PCI_VPD_TEXT, "Manufacture ID"},
	{"PN", VDISC_PCI_VPD_TEXT, "Part number"},
	{"RV", VDISC_PCI_VPD_CHECKSUM, "Reserved"},
	{"RW", VDISC_PCI_VPD_FREE, "Read-write area"},
	{"SN", VDISC_PCI_VPD_TEXT, "Serial number"},
	{"YA", VDISC_PCI_VPD_TEXT, "Asset tag"},
	{"V", VDISC_PCI_VPD_TEXT, "Vendor specific"},
	{"Y", VDISC_PCI_VPD_TEXT, "System specific"},
	{"CC", VDISC_PCI_VPD_TEXT, "CCIN"},
	{"FC", VDISC_PCI_VPD_TEXT, "Feature code"},
	{"FN", VDISC_PCI_VPD_TEXT, "FRU"},
	{"NA", VDISC_PCI_VPD_TEXT, "Network address"},
	{"RM", VDISC_PCI_VPD_TEXT, "Firmware version"},
	{"Z", VDISC_PCI_VPD_TEXT, "Product specific"},
};

static void vpd_keyword_(struct vdisc_pci_vpd_item *out)
{
	unsigned i;

	out->format = VDISC_PCI_VPD_BINARY;
	out->name = "Unknown";
	for (i = 0; i < VDISC_ARRAY_SIZE(vpd_keywords_); i++) {
		const struct vpd_keyword_ *k = &vpd_keywords_[i];

		if (k->k[0] == out->keyword[0] && (!k->k[1] || k->k[1] == out->keyword[1])) {
			out->format = k->format;
			out->name = k->name;
			return;
		}
	}
}

/* The next keyword of the current list; false when the list is over (or broken). */
static bool vpd_field_(struct vdisc_pci_vpd_iter *it, struct vdisc_pci_vpd_item *out)
{
	uint32_t at = it->field, len;

	it->field = 0;
	if (at + VDISC_PCI_VPD_INFO_FLD_HDR_SIZE > it->list_end ||
	    !vpd_read_(it, at, VDISC_PCI_VPD_INFO_FLD_HDR_SIZE))
		return false;
	out->keyword[0] = it->vpd[at];
	out->keyword[1] = it->vpd[at + 1];
	len = it->vpd[at + 2];
	at += VDISC_PCI_VPD_INFO_FLD_HDR_SIZE;
	if (len > it->list_end - at)
		return false;
	vpd_keyword_(out);
	/* The checksum covers the bytes up to and with RV's first; the rest is reserved. */
	if (!vpd_read_(it, at, out->format == VDISC_PCI_VPD_CHECKSUM ? 1 : len))
		return false;
	out->kind = VDISC_PCI_VPD_FIELD;
	out->read_write = it->read_write;
	out->data = it->vpd + at;
	out->len = (uint16_t)len;
	out->checksum_ok = it->sum == 0;
	it->field = at + len;
	return true;
}

/* The identifier string: as much of it as the image holds, in whole chunks as lspci reads. */
static void vpd_string_(struct vdisc_pci_vpd_iter *it, uint32_t at, uint32_t len,
			struct vdisc_pci_vpd_item *out)
{
	uint32_t n = 0, chunk;

	while (n < len) {
		chunk = len - n < VPD_CHUNK_ ? len - n : VPD_CHUNK_;
		if (!vpd_read_(it, at + n, chunk))
			break;
		n += chunk;
	}
	out->kind = VDISC_PCI_VPD_ID_STRING;
	out->data = it->vpd + at;
	out->len = (uint16_t)n;
}

static int vpd_stop_(struct vdisc_pci_vpd_iter *it, struct vdisc_pci_vpd_item *out,
		     enum vdisc_pci_vpd_kind kind)
{
	it->done = true;
	out->kind = kind;
	return 1;
}

/* A resource's tag and length (I.2): where its data starts, or 0 when the image stops. */
static uint32_t vpd_resource_(struct vdisc_pci_vpd_iter *it, uint8_t *tag, uint32_t *len)
{
	uint32_t at = it->pos;

	if (at >= VPD_SPACE_ || !vpd_read_(it, at, 1))
		return 0;
	*tag = it->vpd[at];
	if (*tag & VDISC_PCI_VPD_LRDT) {
		if (at > VPD_SPACE_ - 3 || !vpd_read_(it, at + 1, 2))
			return 0;
		*len = it->vpd[at + 1] | (uint32_t)it->vpd[at + 2] << 8;
		at += 3;
	} else {
		*len = *tag & VDISC_PCI_VPD_SRDT_LEN_MASK;
		*tag = (uint8_t)(*tag >> VDISC_PCI_VPD_SRDT_TAG_SHIFT);
		at += 1;
	}
	it->pos = at; /* past the header: a walk that stops now stops after a tag */
	if (*len > VPD_SPACE_ - at)
		return 0;
	it->pos = at + *len;
	return at;
}

int vdisc_pci_vpd_next(struct vdisc_pci_vpd_iter *it, struct vdisc_pci_vpd_item *out)
{
	uint32_t start, len = 0;
	uint8_t tag = 0;

	memset(out, 0, sizeof(*out));
	if (it->done)
		return 0;
	if (it->field && vpd_field_(it, out))
		return 1;
	start = vpd_resource_(it, &tag, &len);
	if (!start)
		return vpd_stop_(it, out,
				 it->pos ? VDISC_PCI_VPD_NO_END : VDISC_PCI_VPD_UNREADABLE);
	switch (tag) {
	case VDISC_PCI_VPD_STIN_END:
		return vpd_stop_(it, out, VDISC_PCI_VPD_END);
	case VDISC_PCI_VPD_LTIN_ID_STRING:
		vpd_string_(it, start, len, out);
		return 1;
	case VDISC_PCI_VPD_LTIN_RO_DATA:
	case VDISC_PCI_VPD_LTIN_RW_DATA:
		it->read_write = tag == VDISC_PCI_VPD_LTIN_RW_DATA;
		it->field = start;
		it->list_end = start + len;
		out->kind = VDISC_PCI_VPD_FIELDS;
		out->read_write = it->read_write;
		return 1;
	default:
		out->large = (tag & VDISC_PCI_VPD_LRDT) != 0;
		out->tag = tag & (uint8_t)~VDISC_PCI_VPD_LRDT;
		return vpd_stop_(it, out, VDISC_PCI_VPD_UNKNOWN);
	}
}
