/* SPDX-License-Identifier: MIT */
#include "fdt_internal.h"

/*
 * In a tree, the only thing that fails to match is an interrupt specifier
 * against a nexus's interrupt-map, and the only thing given twice is a
 * property name in one node: the diagnostics say so, as they always have.
 */
const char *vdisc_fdt_strerror(int err)
{
	if (err == -VDISC_ENOMATCH || err == VDISC_ENOMATCH)
		return "no interrupt-map entry matches";
	if (err == -VDISC_EDUPLICATE || err == VDISC_EDUPLICATE)
		return "property defined twice in one node";
	return vdisc_strerror(err);
}
