/* SPDX-License-Identifier: MIT */
/*
 * The dump access method from raw configuration-space images of one slot
 * (hosted layer): a file of 256- or 4096-byte functions, as sysfs "config"
 * or a hypervisor writes them, wrapped without copying them twice.
 */
#include <stdlib.h>
#include <string.h>

#include "pci_dump_internal.h"

int vdisc_pci_dump_from_binary(const unsigned char *data, size_t len, struct vdisc_pci_addr first,
			       struct vdisc_pci_dump **out, char *where, size_t wherelen)
{
	struct vdisc_pci_dump *d;
	size_t size, n, i;

	if (where && wherelen)
		where[0] = '\0';
	if (!out)
		return vdisc_pci_dump_fail_(where, wherelen, -VDISC_EINVAL, "no result pointer");
	*out = NULL;
	if (!data || !len)
		return vdisc_pci_dump_fail_(where, wherelen, -VDISC_EINVAL, "empty image");
	if (first.dev > 0x1f || first.fn > 7)
		return vdisc_pci_dump_fail_(where, wherelen, -VDISC_EINVAL, "slot out of range");
	size = len % VDISC_PCI_DUMP_SPACE_ == 0 ? VDISC_PCI_DUMP_SPACE_ : 256;
	if (len % size)
		return vdisc_pci_dump_fail_(
			where, wherelen, -VDISC_EINVAL,
			"image of %zu bytes is not a whole number of 256- or 4096-byte "
			"functions",
			len);
	n = len / size;
	if (n > 8u - first.fn)
		return vdisc_pci_dump_fail_(
			where, wherelen, -VDISC_EINVAL,
			"image holds %zu functions of %zu bytes, but %02x:%02x.%u leaves "
			"room for %u",
			n, size, first.bus, first.dev, first.fn, 8u - first.fn);
	d = calloc(1, sizeof(*d));
	if (!d || vdisc_pci_dump_fns_reserve_(d, n) || vdisc_pci_dump_pool_reserve_(d, len) ||
	    !(d->index = malloc(n * sizeof(*d->index)))) {
		vdisc_pci_dump_free(d);
		return vdisc_pci_dump_fail_(where, wherelen, -VDISC_ENOMEM, "out of memory");
	}
	memcpy(d->pool, data, len);
	d->pool_len = len;
	for (i = 0; i < n; i++) {
		struct vdisc_pci_addr a = first;

		a.fn = (uint8_t)(first.fn + i); /* n fits the slot: checked above */
		d->fns[i].key = vdisc_pci_addr_key(a);
		d->fns[i].size = (uint16_t)size;
		d->fns[i].off = i * size;
		d->fns[i].line = 0;
		d->index[i].key = d->fns[i].key;
		d->index[i].idx = (uint32_t)i;
	}
	d->count = n;
	*out = d;
	return 0;
}
