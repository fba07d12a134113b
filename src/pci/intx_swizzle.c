/* SPDX-License-Identifier: MIT */
#include "../discover/vdisc_env.h"

#include <vdisc/pci.h>

uint8_t vdisc_pci_swizzle(uint8_t pin, uint8_t dev)
{
	return (uint8_t)(((pin - 1 + dev) % 4) + 1);
}
