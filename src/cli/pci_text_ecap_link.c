/* SPDX-License-Identifier: MIT */
#include <inttypes.h>
#include <string.h>

#include "cli.h"
#include "pci_caps_text.h"

/*
 * Extended capabilities under -v, in lspci's words: power and link
 * management, resizable BARs, designated and vendor-specific capabilities.
 */

bool pci_text_ecap_link(const struct pci_cap_ctx *c)
{
	(void)c;
	return false;
}
