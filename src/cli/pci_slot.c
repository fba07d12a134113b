/* SPDX-License-Identifier: MIT */
#include <string.h>

#include "cli.h"
#include "pci_cli.h"

/*
 * A function's slot as lspci writes it at the start of its line: the domain
 * where lspci shows one, then bus:dev.fn, or under -P the path down from the
 * root bus through each bridge (-P "00:1c.0/00.0", -PP "00:1c.0/01:00.0").
 */

/* Deeper than any real hierarchy (256 buses). */
#define PSLOT_MAX_DEPTH 256

/* Appends @text; what does not fit is cut (the caller's buffer is PCI_SLOT_TEXT_LEN). */
static void pslot_append(char *buf, size_t len, size_t *used, const char *text)
{
	size_t n = strlen(text);

	if (*used + n >= len)
		n = len - 1 - *used;
	memcpy(buf + *used, text, n);
	*used += n;
	buf[*used] = '\0';
}

/* "bb:dd.f", or with @sep and without @bus "/dd.f" */
static void pslot_fn(char *buf, size_t len, size_t *used, const struct vdisc_pci_function *fn,
		     const char *sep, bool bus)
{
	char t[16];

	if (bus)
		snprintf(t, sizeof(t), "%s%02x:%02x.%x", sep, fn->addr.bus, fn->addr.dev,
			 fn->addr.fn);
	else
		snprintf(t, sizeof(t), "%s%02x.%x", sep, fn->addr.dev, fn->addr.fn);
	pslot_append(buf, len, used, t);
}

/*
 * The path to @fn: the bridges above it from the root bus down, then @fn.
 * A broken header can put a bridge below itself (lspci then recurses until
 * it crashes): the path starts at the first function that would repeat.
 */
static void pslot_path(char *buf, size_t len, size_t *used, const struct pci_listing *l,
		       const struct vdisc_pci_function *fn, int path)
{
	const struct vdisc_pci_function *chain[PSLOT_MAX_DEPTH];
	size_t n = 0, i;
	bool looped = false;

	chain[n++] = fn;
	while (n < PSLOT_MAX_DEPTH && !looped) {
		const struct vdisc_pci_function *up = pci_topology_parent(l->topo, chain[n - 1]);

		for (i = 0; up && i < n; i++)
			looped |= chain[i] == up;
		if (!up || looped)
			break;
		chain[n++] = up;
	}
	pslot_fn(buf, len, used, chain[n - 1], "", true);
	for (i = n - 1; i-- > 0;)
		pslot_fn(buf, len, used, chain[i], "/", path > 1);
}

void pci_slot_text(char *buf, size_t len, const struct pci_listing *l,
		   const struct vdisc_pci_function *fn, const struct pci_options *opt)
{
	/*
	 * lspci's rule: the listings show domains when -D asks or any function
	 * (selected or not) is outside domain 0; the machine formats only for a
	 * function outside domain 0, or under -D.
	 */
	bool domain = opt->machine ? fn->addr.segment != 0 || opt->domains
				   : opt->domains || l->any_domain;
	size_t used = 0;

	if (len == 0)
		return;
	buf[0] = '\0';
	if (domain) {
		char t[8];

		snprintf(t, sizeof(t), "%04x:", fn->addr.segment);
		pslot_append(buf, len, &used, t);
	}
	if (opt->path && l->topo)
		pslot_path(buf, len, &used, l, fn, opt->path);
	else
		pslot_fn(buf, len, &used, fn, "", true);
}
