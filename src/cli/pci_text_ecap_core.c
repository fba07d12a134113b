/* SPDX-License-Identifier: MIT */
#include <inttypes.h>
#include <string.h>

#include "cli.h"
#include "pci_caps_text.h"

/*
 * Extended capabilities under -v, in lspci's words: errors, virtual channels,
 * identity and virtualization.
 */

bool pci_text_ecap_core(const struct pci_cap_ctx *c)
{
	(void)c;
	return false;
}
