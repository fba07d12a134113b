/* SPDX-License-Identifier: MIT */
#include "names.h"

const char *vdisc_name_find_(const struct vdisc_name_ *table, size_t n, uint32_t value)
{
	size_t i;

	/* Tables are tens of entries and some are sparse: a scan beats keeping them sorted. */
	for (i = 0; i < n; i++)
		if (table[i].value == value)
			return table[i].name;
	return NULL;
}
