/* SPDX-License-Identifier: MIT */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "pci_cli.h"

/*
 * lspci -t and the paths of -P: every function (selected or not) placed on
 * a bus, every bus under a bridge, built by pciutils 3.9's rules so that the
 * drawing is lspci's byte for byte:
 *  - a bridge is a function of base class 06 with header layout 1 or 2; its
 *    bus numbers are read from the header (0x18-0x1a in both layouts);
 *  - each bridge hangs under the narrowest bridge whose bus range holds its
 *    primary bus, the host counting as a range of width 0 (so in practice every
 *    bridge hangs under the host: lspci compares widths unsigned);
 *  - each bridge owns its secondary bus; a function goes on the host's bus of
 *    its number if there is one, else under the first of the host's child
 *    bridges (latest found first) whose range holds its bus, else on a new bus
 *    of the host's: a root bus.
 * Buses of a bridge are drawn in the order they were made; functions in
 * address order.  Where a broken header makes this loop (a bridge on its own
 * secondary bus), lspci recurses forever; here a depth limit stops it.
 */

#define PTREE_NONE SIZE_MAX
#define PTREE_LINE 1024	    /* lspci's line buffer: a longer line ends in "..." */
#define PTREE_MAX_DEPTH 256 /* a looped tree stops descending here */
#define PTREE_NAME_LEN 256  /* lspci's buffer for -tv's names */

struct ptree_bus {
	unsigned domain, number;
	struct ptree_bus *sibling;
	struct ptree_bridge *parent;
	size_t first, last; /* functions on the bus (indices), chained by node.bus_next */
};

struct ptree_bridge {
	struct ptree_bridge *chain;	   /* every bridge, host first, in address order */
	struct ptree_bridge *next, *child; /* the tree of bridges */
	struct ptree_bus *first_bus, *last_bus;
	unsigned domain, primary, secondary, subordinate;
	size_t fn; /* its function, PTREE_NONE for the host */
};

struct ptree_node {
	const struct vdisc_pci_function *fn;
	struct ptree_bridge *bridge; /* when the function is one */
	struct ptree_bus *bus;
	size_t bus_next;
};

struct pci_topology {
	struct ptree_node *nodes; /* every function, in address order */
	size_t n;
	struct ptree_bridge host, *bridges;
	size_t nbridges;
	struct ptree_bus *buses;
	size_t nbuses, maxbuses;
};

static int ptree_cmp(const void *x, const void *y)
{
	const struct ptree_node *a = x, *b = y;
	uint32_t ka = vdisc_pci_addr_key(a->fn->addr), kb = vdisc_pci_addr_key(b->fn->addr);

	return ka < kb ? -1 : ka > kb;
}

static struct ptree_bus *ptree_find_bus(struct ptree_bridge *b, unsigned domain, unsigned n)
{
	struct ptree_bus *bus;

	for (bus = b->first_bus; bus; bus = bus->sibling)
		if (bus->domain == domain && bus->number == n)
			return bus;
	return NULL;
}

static struct ptree_bus *ptree_new_bus(struct pci_topology *t, struct ptree_bridge *b,
				       unsigned domain, unsigned n)
{
	struct ptree_bus *bus;

	if (t->nbuses >= t->maxbuses) /* cannot happen: one per bridge and function at most */
		return NULL;
	bus = &t->buses[t->nbuses++];
	bus->domain = domain;
	bus->number = n;
	bus->sibling = NULL;
	bus->parent = b;
	bus->first = bus->last = PTREE_NONE;
	if (b->last_bus)
		b->last_bus->sibling = bus;
	else
		b->first_bus = bus;
	b->last_bus = bus;
	return bus;
}

static bool ptree_is_bridge(const struct vdisc_pci_function *fn)
{
	unsigned layout = fn->header_type & VDISC_PCI_HEADER_LAYOUT_MASK;

	return fn->class_code >> 16 == 0x06 && (layout == 1 || layout == 2);
}

static void ptree_collect_bridges(struct pci_topology *t)
{
	struct ptree_bridge **tail = &t->host.chain;
	size_t i;

	for (i = 0; i < t->n; i++) {
		const struct vdisc_pci_function *fn = t->nodes[i].fn;
		struct ptree_bridge *b;

		if (!ptree_is_bridge(fn))
			continue;
		b = &t->bridges[t->nbridges++];
		memset(b, 0, sizeof(*b));
		b->domain = fn->addr.segment;
		b->primary = vdisc_pci_cfg8(fn, VDISC_PCI_PRIMARY_BUS);
		b->secondary = vdisc_pci_cfg8(fn, VDISC_PCI_SECONDARY_BUS);
		b->subordinate = vdisc_pci_cfg8(fn, VDISC_PCI_SUBORDINATE_BUS);
		b->fn = i;
		t->nodes[i].bridge = b;
		*tail = b;
		tail = &b->chain;
	}
	*tail = NULL;
}

/* Each bridge under the narrowest range that holds its primary bus (widths unsigned). */
static void ptree_link_bridges(struct pci_topology *t)
{
	struct ptree_bridge *b, *c;

	for (b = &t->host; b; b = b->chain) {
		struct ptree_bridge *best = NULL;

		for (c = &t->host; c; c = c->chain)
			if (c != b && (c == &t->host || b->domain == c->domain) &&
			    b->primary >= c->secondary && b->primary <= c->subordinate &&
			    (!best ||
			     best->subordinate - best->primary > c->subordinate - c->primary))
				best = c;
		if (best) {
			b->next = best->child;
			best->child = b;
		}
	}
}

static void ptree_insert(struct pci_topology *t, size_t i, struct ptree_bridge *b, unsigned depth)
{
	struct ptree_node *node = &t->nodes[i];
	unsigned domain = node->fn->addr.segment, number = node->fn->addr.bus;
	struct ptree_bus *bus = ptree_find_bus(b, domain, number);
	struct ptree_bridge *c;

	for (c = b->child; !bus && c && depth < PTREE_MAX_DEPTH; c = c->next)
		if (c->domain == domain && c->secondary <= number && number <= c->subordinate) {
			ptree_insert(t, i, c, depth + 1);
			return;
		}
	if (!bus)
		bus = ptree_new_bus(t, b, domain, number);
	if (!bus)
		return;
	/* Functions arrive in address order: appending keeps each bus sorted. */
	if (bus->last == PTREE_NONE)
		bus->first = i;
	else
		t->nodes[bus->last].bus_next = i;
	bus->last = i;
	node->bus_next = PTREE_NONE;
	node->bus = bus;
}

struct pci_topology *pci_topology_build(const struct vdisc_model *model)
{
	struct pci_topology *t = calloc(1, sizeof(*t));
	const struct vdisc_device *dev;
	struct ptree_bridge *b;
	size_t i, n = 0;

	if (!t)
		return NULL;
	for (dev = model->devices; dev; dev = dev->next)
		n += dev->pci != NULL;
	t->nodes = calloc(n + 1, sizeof(*t->nodes));
	t->bridges = calloc(n + 1, sizeof(*t->bridges));
	t->maxbuses = 2 * n + 2;
	t->buses = calloc(t->maxbuses, sizeof(*t->buses));
	if (!t->nodes || !t->bridges || !t->buses) {
		pci_topology_free(t);
		return NULL;
	}
	for (dev = model->devices; dev; dev = dev->next)
		if (dev->pci)
			t->nodes[t->n++].fn = dev->pci;
	qsort(t->nodes, t->n, sizeof(*t->nodes), ptree_cmp);
	t->host.primary = t->host.subordinate = ~0u; /* domain 0, secondary 0 */
	t->host.fn = PTREE_NONE;
	ptree_collect_bridges(t);
	ptree_link_bridges(t);
	for (b = &t->host; b; b = b->chain)
		if (!ptree_find_bus(b, b->domain, b->secondary))
			ptree_new_bus(t, b, b->domain, b->secondary);
	for (i = 0; i < t->n; i++)
		ptree_insert(t, i, &t->host, 0);
	return t;
}

void pci_topology_free(struct pci_topology *t)
{
	if (!t)
		return;
	free(t->nodes);
	free(t->bridges);
	free(t->buses);
	free(t);
}

static size_t ptree_index(const struct pci_topology *t, const struct vdisc_pci_function *fn)
{
	uint32_t key = vdisc_pci_addr_key(fn->addr);
	size_t lo = 0, hi = t->n;

	while (lo < hi) { /* the first node whose key is not below @key */
		size_t mid = lo + (hi - lo) / 2;

		if (vdisc_pci_addr_key(t->nodes[mid].fn->addr) < key)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < t->n && vdisc_pci_addr_key(t->nodes[lo].fn->addr) == key; lo++)
		if (t->nodes[lo].fn == fn)
			return lo;
	return PTREE_NONE;
}

const struct vdisc_pci_function *pci_topology_parent(const struct pci_topology *t,
						     const struct vdisc_pci_function *fn)
{
	size_t i = t ? ptree_index(t, fn) : PTREE_NONE;
	const struct ptree_bridge *up;

	if (i == PTREE_NONE || !t->nodes[i].bus)
		return NULL;
	up = t->nodes[i].bus->parent;
	return up->fn == PTREE_NONE ? NULL : t->nodes[up->fn].fn;
}

/* ---- drawing ---- */

struct ptree_draw {
	FILE *out;
	const struct pci_topology *t;
	const struct pci_options *opt;
	char line[PTREE_LINE + 1];
};

/* Appends to the line at @p as lspci does: what does not fit is dropped and marks it full. */
static char *ptree_put(struct ptree_draw *d, char *p, const char *text)
{
	char *limit = d->line + PTREE_LINE - 1;
	size_t n = strlen(text);

	if (p >= limit)
		return p;
	if (n >= (size_t)(limit - p)) {
		n = (size_t)(limit - p) - 1;
		memcpy(p, text, n);
		p[n] = '\0';
		return limit;
	}
	memcpy(p, text, n + 1);
	return p + n;
}

/* Prints the line up to @p, then turns it into the indent of the lines below it. */
static void ptree_emit(struct ptree_draw *d, char *p)
{
	char *c;

	*p = '\0';
	fputs(d->line, d->out);
	if (p >= d->line + PTREE_LINE - 1)
		fputs("...", d->out);
	fputc('\n', d->out);
	for (c = d->line; *c; c++)
		*c = *c == '+' || *c == '|' ? '|' : ' ';
}

static bool ptree_bus_shown(const struct ptree_draw *d, const struct ptree_bus *bus,
			    unsigned depth);

/* Whether a function is drawn: it is selected, or something selected is below it. */
static bool ptree_fn_shown(const struct ptree_draw *d, size_t i, unsigned depth)
{
	const struct ptree_bus *bus;

	if (!d->opt->filtered || pci_selector_match(&d->opt->filter, d->t->nodes[i].fn))
		return true;
	if (!d->t->nodes[i].bridge || depth >= PTREE_MAX_DEPTH)
		return false;
	for (bus = d->t->nodes[i].bridge->first_bus; bus; bus = bus->sibling)
		if (ptree_bus_shown(d, bus, depth + 1))
			return true;
	return false;
}

static bool ptree_bus_shown(const struct ptree_draw *d, const struct ptree_bus *bus, unsigned depth)
{
	size_t i;

	if (!d->opt->filtered)
		return true;
	for (i = bus->first; i != PTREE_NONE; i = d->t->nodes[i].bus_next)
		if (ptree_fn_shown(d, i, depth))
			return true;
	return false;
}

static void ptree_bridge(struct ptree_draw *d, const struct ptree_bridge *b, char *p,
			 unsigned depth);

static void ptree_fn(struct ptree_draw *d, size_t i, char *p, unsigned depth)
{
	const struct ptree_node *node = &d->t->nodes[i];
	const struct ptree_bridge *b = node->bridge;
	char t[PTREE_NAME_LEN + 8];

	snprintf(t, sizeof(t), "%02x.%x", node->fn->addr.dev, node->fn->addr.fn);
	p = ptree_put(d, p, t);
	if (b && depth < PTREE_MAX_DEPTH) {
		if (b->secondary == 0)
			snprintf(t, sizeof(t), "-");
		else if (b->secondary == b->subordinate)
			snprintf(t, sizeof(t), "-[%02x]-", b->secondary);
		else
			snprintf(t, sizeof(t), "-[%02x-%02x]-", b->secondary, b->subordinate);
		ptree_bridge(d, b, ptree_put(d, p, t), depth + 1);
		return;
	}
	if (d->opt->verbose) {
		char name[PTREE_NAME_LEN];

		snprintf(t, sizeof(t), "  %s",
			 pci_names_lspci(name, sizeof(name), PCI_NAME_PAIR, d->opt->numeric,
					 node->fn->vendor_id, node->fn->device_id, 0, 0));
		p = ptree_put(d, p, t);
	}
	ptree_emit(d, p);
}

static void ptree_bus(struct ptree_draw *d, const struct ptree_bus *bus, char *p, unsigned depth)
{
	const struct pci_topology *t = d->t;
	bool empty = true;
	size_t i;

	if (bus->first == PTREE_NONE) {
		ptree_emit(d, p);
		return;
	}
	if (t->nodes[bus->first].bus_next == PTREE_NONE) {
		if (ptree_fn_shown(d, bus->first, depth))
			ptree_fn(d, bus->first, ptree_put(d, p, "--"), depth);
		else
			ptree_emit(d, p);
		return;
	}
	for (i = bus->first; i != PTREE_NONE; i = t->nodes[i].bus_next) {
		bool last = t->nodes[i].bus_next == PTREE_NONE;

		if (!ptree_fn_shown(d, i, depth))
			continue;
		if (last)
			p = ptree_put(d, p, "\\-");
		ptree_fn(d, i, last ? p : ptree_put(d, p, "+-"), depth);
		empty = false;
	}
	if (empty)
		ptree_emit(d, p);
}

static void ptree_bridge(struct ptree_draw *d, const struct ptree_bridge *b, char *p,
			 unsigned depth)
{
	const struct ptree_bus *bus;
	bool empty = true;
	char t[32];

	p = ptree_put(d, p, "-");
	if (!b->first_bus->sibling) {
		bus = b->first_bus;
		if (!ptree_bus_shown(d, bus, depth)) {
			ptree_emit(d, p);
			return;
		}
		if (b == &d->t->host) {
			snprintf(t, sizeof(t), "[%04x:%02x]-", bus->domain, bus->number);
			p = ptree_put(d, p, t);
		}
		ptree_bus(d, bus, p, depth);
		return;
	}
	for (bus = b->first_bus; bus; bus = bus->sibling) {
		if (!ptree_bus_shown(d, bus, depth))
			continue;
		snprintf(t, sizeof(t), "%s[%04x:%02x]-", bus->sibling ? "+-" : "\\-", bus->domain,
			 bus->number);
		ptree_bus(d, bus, ptree_put(d, p, t), depth);
		empty = false;
	}
	if (empty)
		ptree_emit(d, p);
}

void pci_print_tree(FILE *out, const struct pci_listing *l, const struct pci_options *opt)
{
	struct pci_topology *own = l->topo ? NULL : pci_topology_build(l->model);
	const struct pci_topology *t = l->topo ? l->topo : own;
	struct ptree_draw *d;

	if (!t)
		return;
	d = calloc(1, sizeof(*d));
	if (d) {
		d->out = out;
		d->t = t;
		d->opt = opt;
		ptree_bridge(d, &t->host, d->line, 0);
	}
	free(d);
	pci_topology_free(own);
}
