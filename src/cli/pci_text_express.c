/* SPDX-License-Identifier: MIT */
#include <inttypes.h>
#include <string.h>

#include "cli.h"
#include "pci_caps_text.h"

/* The PCI Express capability under -v, in lspci's words. */

void pci_text_express(const struct pci_cap_ctx *c)
{
	FILE *out = c->out;
	const struct vdisc_pci_function *fn = c->fn;
	const struct vdisc_pci_cap *cap = c->cap;
	struct vdisc_pcie e;
	const char *type;

	if (vdisc_pci_decode_pcie(fn, cap, &e) != 0) {
		fputs("Express <unreadable>\n", out);
		return;
	}
	type = vdisc_pcie_port_type_name(e.port_type);
	fprintf(out, "Express (v%u) %s", e.version, type ? type : "Unknown type");
	if (e.slot_implemented)
		fputs(", slot", out);
	fprintf(out, ", MaxPayload %u (max %u), MaxReadReq %u", e.payload, e.max_payload,
		e.read_request);
	if (e.has_link) {
		const char *sp = vdisc_pcie_speed_name(e.link_speed);
		const char *msp = vdisc_pcie_speed_name(e.link_max_speed);

		fprintf(out, ", Link %s x%u (max %s x%u)", sp ? sp : "unknown", e.link_width,
			msp ? msp : "unknown", e.link_max_width);
	}
	fputc('\n', out);
}
