/* SPDX-License-Identifier: MIT */
#ifndef VDISC_DISCOVER_NAMES_H
#define VDISC_DISCOVER_NAMES_H

#include "vdisc_env.h"

/*
 * The one shape of the core's decode tables (device types, feature bits,
 * status bits, capability ids, class codes): a number and the name printed
 * for it.  Each table is a static const array in the file that owns the
 * spec's list; every lookup goes through vdisc_name_find_().
 */
struct vdisc_name_ {
	uint32_t value;
	const char *name;
};

/* The name of @value in @table (@n entries, any order), or NULL. */
const char *vdisc_name_find_(const struct vdisc_name_ *table, size_t n, uint32_t value);

#endif
