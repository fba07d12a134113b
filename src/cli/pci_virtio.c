/* SPDX-License-Identifier: MIT */
#include <inttypes.h>
#include <json-c/json.h>

#include <errno.h>
#include <limits.h>
#include <string.h>

#include "hosted/phys_window.h"
#include "pci_cli.h"

/*
 * What a virtio function is: type and transport from config space, where
 * its structures live (each checked against its BAR), and, on a live
 * machine, what the running driver negotiated.  The device's offered
 * features need a write to device_feature_select: never done on a device a
 * driver owns, so they are shown only where something else read them.
 */

/* The BAR a structure names, or NULL where the function has no such BAR. */
static const struct vdisc_pci_bar *pci_virtio_bar(const struct vdisc_pci_function *fn,
						  unsigned index)
{
	unsigned i;

	for (i = 0; i < fn->nbars; i++)
		if (fn->bars[i].index == index && fn->bars[i].type != VDISC_PCI_BAR_NONE &&
		    fn->bars[i].type != VDISC_PCI_BAR_ROM)
			return &fn->bars[i];
	return NULL;
}

/* A structure's absolute address: its BAR's base + offset; false where the BAR is unassigned. */
static bool pci_virtio_cap_address(const struct vdisc_pci_function *fn,
				   const struct vdisc_virtio_pci_cap *c, uint64_t *addr)
{
	const struct vdisc_pci_bar *bar = pci_virtio_bar(fn, c->bar);

	if (c->cfg_type == VDISC_VIRTIO_PCI_CAP_PCI_CFG || !bar || bar->address == 0 ||
	    c->offset > UINT64_MAX - bar->address)
		return false;
	*addr = bar->address + c->offset;
	return true;
}

static void pci_virtio_print_cap(FILE *out, const struct vdisc_pci_function *fn,
				 const struct vdisc_virtio_pci_cap *c)
{
	const char *name = vdisc_virtio_pci_cap_name(c->cfg_type);
	uint64_t addr;

	fprintf(out, "\t\t[%02x] %-13s", c->cap_offset, name ? name : "unknown");
	if (c->cfg_type == VDISC_VIRTIO_PCI_CAP_PCI_CFG) {
		fputs(" (window in config space)\n", out);
		return;
	}
	fprintf(out, " BAR%u +0x%04" PRIx64 " len 0x%" PRIx64, c->bar, c->offset, c->length);
	if (pci_virtio_cap_address(fn, c, &addr))
		fprintf(out, " at 0x%" PRIx64, addr);
	if (c->cfg_type == VDISC_VIRTIO_PCI_CAP_NOTIFY)
		fprintf(out, ", notify_off_multiplier %" PRIu32, c->notify_off_multiplier);
	if (c->cfg_type == VDISC_VIRTIO_PCI_CAP_SHARED_MEMORY)
		fprintf(out, ", id %u", c->id);
	if (!c->in_bar)
		fputs(c->bar_known ? "  <outside its BAR>" : "  <BAR missing>", out);
	fputc('\n', out);
}

/*
 * The legacy interface (virtio 1.3, 4.1.4.8): a header at the start of
 * BAR0, an I/O BAR, in front of the device configuration.  Two MSI-X
 * vector registers sit between them while MSI-X is enabled, which moves
 * the device configuration from 0x14 to 0x18.
 */
static const struct {
	const char *name;
	uint8_t offset, width;
	const char *access;
} pci_virtio_legacy_regs[] = {
	{"host_features", VDISC_VIRTIO_PCI_LEGACY_HOST_FEATURES, 4, "R"},
	{"guest_features", VDISC_VIRTIO_PCI_LEGACY_GUEST_FEATURES, 4, "RW"},
	{"queue_pfn", VDISC_VIRTIO_PCI_LEGACY_QUEUE_PFN, 4, "RW"},
	{"queue_size", VDISC_VIRTIO_PCI_LEGACY_QUEUE_SIZE, 2, "R"},
	{"queue_select", VDISC_VIRTIO_PCI_LEGACY_QUEUE_SELECT, 2, "RW"},
	{"queue_notify", VDISC_VIRTIO_PCI_LEGACY_QUEUE_NOTIFY, 2, "RW"},
	{"device_status", VDISC_VIRTIO_PCI_LEGACY_STATUS, 1, "RW"},
	{"isr_status", VDISC_VIRTIO_PCI_LEGACY_ISR, 1, "R, reading clears it"},
};
/* With MSI-X enabled: config_msix_vector at 0x14, queue_msix_vector at 0x16 (16 bits, RW). */
#define PCI_VIRTIO_LEGACY_MSIX_CONFIG 0x14u
#define PCI_VIRTIO_LEGACY_MSIX_QUEUE 0x16u

/* MSI-X enabled in the snapshot's message control (a driver turns it on). */
static bool pci_virtio_msix_enabled(const struct vdisc_pci_function *fn, bool *known)
{
	const struct vdisc_pci_cap *c;

	for (c = fn->caps; c; c = c->next)
		if (c->id == VDISC_PCI_CAP_ID_MSIX) {
			*known = (uint32_t)c->offset + VDISC_PCI_MSIX_FLAGS + 2 <= fn->config_size;
			return *known && (vdisc_pci_cfg16(fn, c->offset + VDISC_PCI_MSIX_FLAGS) &
					  VDISC_PCI_MSIX_FLAGS_ENABLE);
		}
	*known = true;
	return false;
}

static void pci_virtio_print_legacy(FILE *out, const struct vdisc_pci_function *fn)
{
	const struct vdisc_pci_bar *bar = pci_virtio_bar(fn, 0);
	bool known, msix = pci_virtio_msix_enabled(fn, &known);
	uint64_t port = bar ? bar->address : 0;
	unsigned i;

	if (!bar || bar->type != VDISC_PCI_BAR_IO) {
		fputs("\tLegacy interface: no I/O BAR0\n", out);
		return;
	}
	fprintf(out, "\tLegacy interface: BAR0, I/O ports at 0x%04" PRIx64 "%s\n", port,
		port ? "" : " (unassigned)");
	for (i = 0; i < sizeof(pci_virtio_legacy_regs) / sizeof(pci_virtio_legacy_regs[0]); i++)
		fprintf(out, "\t\t0x%04" PRIx64 " +0x%02x %-20s %2u-bit %s\n",
			port + pci_virtio_legacy_regs[i].offset, pci_virtio_legacy_regs[i].offset,
			pci_virtio_legacy_regs[i].name, 8u * pci_virtio_legacy_regs[i].width,
			pci_virtio_legacy_regs[i].access);
	if (msix) {
		fprintf(out, "\t\t0x%04" PRIx64 " +0x%02x %-20s 16-bit RW (MSI-X enabled)\n",
			port + PCI_VIRTIO_LEGACY_MSIX_CONFIG, PCI_VIRTIO_LEGACY_MSIX_CONFIG,
			"config_msix_vector");
		fprintf(out, "\t\t0x%04" PRIx64 " +0x%02x %-20s 16-bit RW (MSI-X enabled)\n",
			port + PCI_VIRTIO_LEGACY_MSIX_QUEUE, PCI_VIRTIO_LEGACY_MSIX_QUEUE,
			"queue_msix_vector");
	}
	fprintf(out, "\t\t0x%04" PRIx64 " +0x%02x device configuration (%s)\n",
		port + (msix ? VDISC_VIRTIO_PCI_LEGACY_CONFIG_MSIX
			     : VDISC_VIRTIO_PCI_LEGACY_CONFIG),
		msix ? VDISC_VIRTIO_PCI_LEGACY_CONFIG_MSIX : VDISC_VIRTIO_PCI_LEGACY_CONFIG,
		!known ? "MSI-X state unknown: at +0x18 while MSI-X is enabled"
		: msix ? "MSI-X enabled"
		       : "MSI-X disabled; +0x18 once it is enabled");
}

/* Why a BAR could not be mapped: Linux says EINVAL for a BAR a driver holds under
 * CONFIG_IO_STRICT_DEVMEM (pci_mmap_resource's iomem_is_exclusive). */
static const char *pci_virtio_map_why(int os)
{
	if (os == EINVAL)
		return "the kernel refuses to map a BAR a driver holds (CONFIG_IO_STRICT_DEVMEM)";
	return strerror(os);
}

/*
 * --read-bars: the device-configuration structure, mapped read-only from the
 * BAR through sysfs.  Fields are gated by the features the driver negotiated
 * (a subset of those offered, so nothing shown is invalid).
 */
static int pci_virtio_open_config(const struct vdisc_pci_function *fn, const struct pci_extra *x,
				  const struct vdisc_virtio_pci *v, struct vdisc_phys_window *w)
{
	const struct vdisc_virtio_pci_cap *dev = NULL;
	char path[PATH_MAX], slot[32];
	unsigned i;

	for (i = 0; i < v->ncaps; i++)
		if (v->caps[i].cfg_type == VDISC_VIRTIO_PCI_CAP_DEVICE && v->caps[i].in_bar)
			dev = &v->caps[i];
	if (!dev || dev->length == 0)
		return -VDISC_ENOTSUP; /* no device structure inside a BAR */
	vdisc_pci_addr_format(slot, sizeof(slot), fn->addr, true);
	snprintf(path, sizeof(path), "%s/%s/resource%u", x->bar_root, slot, dev->bar);
	return vdisc_phys_window_open(path, dev->offset,
				      (size_t)(dev->length > 4096 ? 4096 : dev->length), 0, w);
}

static void pci_virtio_config(FILE *out, json_object *obj, const struct vdisc_pci_function *fn,
			      const struct pci_extra *x, const struct vdisc_virtio_pci *v,
			      const struct vdisc_virtio_features *offered)
{
	static const struct vdisc_virtio_features none;
	struct vdisc_virtio_config_ops ops;
	struct vdisc_phys_window w;
	int err = pci_virtio_open_config(fn, x, v, &w);

	if (err) {
		const char *why = err == -VDISC_ENOTSUP ? "no device structure inside a BAR"
							: pci_virtio_map_why(errno);

		if (obj)
			json_object_object_add(obj, "config_error", json_object_new_string(why));
		else
			fprintf(out, "\tDevice configuration: not readable (%s)\n", why);
		return;
	}
	vdisc_phys_window_config(&w, (uint16_t)w.len, &ops);
	if (obj) {
		json_object *c = json_object_new_object();

		virtio_print_config(NULL, c, v->device_type,
				    offered ? offered
				    : x->virtio_known && x->virtio.has_features
					    ? &x->virtio.negotiated
					    : &none,
				    &ops);
		json_object_object_add(obj, "config", c);
	} else {
		virtio_print_config(out, NULL, v->device_type,
				    offered ? offered
				    : x->virtio_known && x->virtio.has_features
					    ? &x->virtio.negotiated
					    : &none,
				    &ops);
	}
	vdisc_phys_window_close(&w);
}

/* Queues sized with --virtio-select, at most (num_queues can say 65535). */
#define PCI_VIRTIO_MAX_QUEUES 256u

/* What the common structure says (virtio 1.3, 4.1.4.3), and with the selectors, more. */
struct pci_virtio_common {
	bool read;
	uint16_t num_queues, msix_config;
	uint8_t status;
	bool selected; /* the selectors were written: offered and q[] below */
	struct vdisc_virtio_features offered;
	unsigned nq; /* queues in q[] */
	struct {
		uint16_t size, msix, enable, notify_off;
	} q[PCI_VIRTIO_MAX_QUEUES];
	char why[200]; /* not read, or not selected: why */
};

static const struct vdisc_virtio_pci_cap *pci_virtio_find(const struct vdisc_virtio_pci *v,
							  uint8_t cfg_type)
{
	unsigned i;

	for (i = 0; i < v->ncaps; i++)
		if (v->caps[i].cfg_type == cfg_type && v->caps[i].in_bar)
			return &v->caps[i];
	return NULL;
}

static uint16_t pci_virtio_rd16(const struct vdisc_phys_window *w, unsigned off)
{
	return *(volatile const uint16_t *)(w->bytes + off);
}

/*
 * --virtio-select: device_feature_select 0..3 and queue_select 0..n-1, each
 * read after its write, both left at 0 (what a reset leaves).  The window
 * writes those two registers and nothing else.
 */
static void pci_virtio_select(const char *path, const struct vdisc_virtio_pci_cap *c,
			      struct pci_virtio_common *cc)
{
	static const struct vdisc_phys_window_selector sel[] = {
		{VDISC_VIRTIO_PCI_COMMON_DFSELECT, 4},
		{VDISC_VIRTIO_PCI_COMMON_Q_SELECT, 2},
	};
	struct vdisc_phys_window w;
	struct vdisc_platform p;
	unsigned i;

	if (vdisc_phys_window_open_selectors(path, c->offset, VDISC_VIRTIO_PCI_COMMON_Q_DESC, 0,
					     sel, 2, &w) != 0) {
		snprintf(cc->why, sizeof(cc->why), "a writable mapping was refused: %s",
			 pci_virtio_map_why(errno));
		return;
	}
	vdisc_phys_window_platform(&w, &p);
	/*
	 * device_status last, right before the first write.  No driver is bound
	 * (sysfs said so); ACKNOWLEDGE alone is what Linux leaves when one is
	 * unbound (virtio_dev_remove acknowledges the device again), anything
	 * more says a driver is at work all the same.
	 */
	if (w.bytes[VDISC_VIRTIO_PCI_COMMON_STATUS] & ~VDISC_VIRTIO_STATUS_ACKNOWLEDGE) {
		snprintf(cc->why, sizeof(cc->why),
			 "device_status shows a driver at work, though sysfs shows none bound");
		vdisc_phys_window_close(&w);
		return;
	}
	for (i = 0; i < VDISC_VIRTIO_FEATURE_WORDS; i++) {
		p.mmio_write32(&w, VDISC_VIRTIO_PCI_COMMON_DFSELECT, i);
		cc->offered.word[i] = p.mmio_read32(&w, VDISC_VIRTIO_PCI_COMMON_DF);
	}
	cc->offered.nwords = VDISC_VIRTIO_FEATURE_WORDS;
	p.mmio_write32(&w, VDISC_VIRTIO_PCI_COMMON_DFSELECT, 0);
	for (i = 0; i < cc->num_queues && i < PCI_VIRTIO_MAX_QUEUES; i++) {
		p.mmio_write16(&w, VDISC_VIRTIO_PCI_COMMON_Q_SELECT, (uint16_t)i);
		cc->q[i].size = pci_virtio_rd16(&w, VDISC_VIRTIO_PCI_COMMON_Q_SIZE);
		cc->q[i].msix = pci_virtio_rd16(&w, VDISC_VIRTIO_PCI_COMMON_Q_MSIX);
		cc->q[i].enable = pci_virtio_rd16(&w, VDISC_VIRTIO_PCI_COMMON_Q_ENABLE);
		cc->q[i].notify_off = pci_virtio_rd16(&w, VDISC_VIRTIO_PCI_COMMON_Q_NOFF);
	}
	cc->nq = i;
	p.mmio_write16(&w, VDISC_VIRTIO_PCI_COMMON_Q_SELECT, 0);
	cc->selected = w.refused == 0;
	vdisc_phys_window_close(&w);
}

/*
 * --read-bars: what the common structure says without a write -- the queue
 * count, the config vector, the status.  Each queue's size and vector and
 * the offered features sit behind selectors a driver owns: read only with
 * --virtio-select, on a function sysfs shows no driver bound to and whose
 * device_status is 0 or ACKNOWLEDGE alone.
 */
static void pci_virtio_read_common(const struct vdisc_pci_function *fn, const struct pci_extra *x,
				   const struct vdisc_virtio_pci *v, struct pci_virtio_common *cc)
{
	const struct vdisc_virtio_pci_cap *c = pci_virtio_find(v, VDISC_VIRTIO_PCI_CAP_COMMON);
	struct vdisc_phys_window w;
	char path[PATH_MAX], slot[32];

	memset(cc, 0, sizeof(*cc));
	if (!c || c->length < VDISC_VIRTIO_PCI_COMMON_Q_DESC) {
		snprintf(cc->why, sizeof(cc->why), "no common structure inside a BAR");
		return;
	}
	vdisc_pci_addr_format(slot, sizeof(slot), fn->addr, true);
	snprintf(path, sizeof(path), "%s/%s/resource%u", x->bar_root, slot, c->bar);
	if (vdisc_phys_window_open(path, c->offset, VDISC_VIRTIO_PCI_COMMON_Q_SELECT, 0, &w) != 0) {
		snprintf(cc->why, sizeof(cc->why), "%s", pci_virtio_map_why(errno));
		return;
	}
	cc->read = true;
	cc->msix_config = pci_virtio_rd16(&w, VDISC_VIRTIO_PCI_COMMON_MSIX);
	cc->num_queues = pci_virtio_rd16(&w, VDISC_VIRTIO_PCI_COMMON_NUMQ);
	cc->status = w.bytes[VDISC_VIRTIO_PCI_COMMON_STATUS];
	vdisc_phys_window_close(&w);
	if (!x->virtio_select)
		snprintf(cc->why, sizeof(cc->why),
			 "each needs a write to a selector: --virtio-select");
	else if (!x->known)
		snprintf(cc->why, sizeof(cc->why), "no sysfs to tell whether a driver is bound");
	else if (x->info.driver[0])
		snprintf(cc->why, sizeof(cc->why), "driver %s owns the device", x->info.driver);
	else
		pci_virtio_select(path, c, cc);
}

static void pci_virtio_vector_text(FILE *out, uint16_t vec)
{
	if (vec == 0xffff)
		fputs("none", out);
	else
		fprintf(out, "%u", vec);
}

static void pci_virtio_print_queues(FILE *out, const struct vdisc_pci_function *fn,
				    const struct vdisc_virtio_pci *v,
				    const struct pci_virtio_common *cc)
{
	const struct vdisc_virtio_pci_cap *n = pci_virtio_find(v, VDISC_VIRTIO_PCI_CAP_NOTIFY);
	uint64_t base;
	bool have = n && pci_virtio_cap_address(fn, n, &base);
	unsigned i;

	for (i = 0; i < cc->nq; i++) {
		fprintf(out, "\t\tqueue %u: size %u, msix_vector ", i, cc->q[i].size);
		pci_virtio_vector_text(out, cc->q[i].msix);
		fprintf(out, ", %s, notify_off %u", cc->q[i].enable ? "enabled" : "not enabled",
			cc->q[i].notify_off);
		if (have)
			fprintf(out, " (notify at 0x%" PRIx64 ")",
				base + (uint64_t)cc->q[i].notify_off * n->notify_off_multiplier);
		fputc('\n', out);
	}
	if (cc->nq < cc->num_queues)
		fprintf(out, "\t\t(queues %u-%u not read)\n", cc->nq, cc->num_queues - 1u);
}

/* returns the offered features where --virtio-select read them, else NULL */
static const struct vdisc_virtio_features *pci_virtio_common(FILE *out,
							     const struct vdisc_pci_function *fn,
							     const struct pci_extra *x,
							     const struct vdisc_virtio_pci *v)
{
	static struct pci_virtio_common cc;
	const char *src[VDISC_VIRTIO_FEATURE_WORDS];
	char sel[VDISC_VIRTIO_FEATURE_WORDS][48];
	unsigned i;

	pci_virtio_read_common(fn, x, v, &cc);
	if (!cc.read) {
		fprintf(out, "\tCommon configuration: not readable (%s)\n", cc.why);
		return NULL;
	}
	fprintf(out, "\tCommon configuration: num_queues %u, config_msix_vector ", cc.num_queues);
	pci_virtio_vector_text(out, cc.msix_config);
	fputs(", device_status ", out);
	virtio_print_status(out, cc.status);
	fputc('\n', out);
	if (!cc.selected) {
		fprintf(out, "\tOffered features: not read (%s)\n", cc.why);
		fprintf(out, "\tQueues: %u; sizes and MSI-X vectors not read (%s)\n", cc.num_queues,
			cc.why);
		return NULL;
	}
	for (i = 0; i < VDISC_VIRTIO_FEATURE_WORDS; i++) {
		snprintf(sel[i], sizeof(sel[i]), "device_feature, device_feature_select %u", i);
		src[i] = sel[i];
	}
	fputs("\tOffered features: ", out);
	virtio_print_features(out, v->device_type, &cc.offered);
	fputc('\n', out);
	virtio_print_feature_words(out, &cc.offered, src);
	fprintf(out, "\tQueues: %u\n", cc.num_queues);
	pci_virtio_print_queues(out, fn, v, &cc);
	return &cc.offered;
}

void pci_print_virtio(FILE *out, const struct vdisc_pci_function *fn, const struct pci_extra *x)
{
	struct vdisc_virtio_pci v;
	char type[32];
	unsigned i;

	if (vdisc_virtio_pci_identify(fn, &v) != 0 || v.kind == VDISC_VIRTIO_PCI_NONE)
		return;
	fprintf(out, "\tVirtio: %s (device type %" PRIu32 "), transport pci-%s\n",
		virtio_type_text(v.device_type, type, sizeof(type)), v.device_type,
		virtio_pci_kind_name(v.kind));
	if (v.ncaps) {
		fputs("\tVirtio structures:\n", out);
		for (i = 0; i < v.ncaps; i++)
			pci_virtio_print_cap(out, fn, &v.caps[i]);
	}
	if (v.kind == VDISC_VIRTIO_PCI_TRANSITIONAL || v.kind == VDISC_VIRTIO_PCI_LEGACY) {
		pci_virtio_print_legacy(out, fn);
	}
	if (x && x->bar_root) {
		pci_virtio_config(out, NULL, fn, x, &v, pci_virtio_common(out, fn, x, &v));
	}
	if (!x || !x->virtio_known)
		return;
	fprintf(out, "\tVirtio driver: %s (%s), status ",
		x->virtio.driver[0] ? x->virtio.driver : "none", x->virtio.name);
	if (x->virtio.has_status)
		virtio_print_status(out, x->virtio.status);
	else
		fputs("unknown", out);
	fputc('\n', out);
	if (x->virtio.has_features) {
		fputs("\tNegotiated features: ", out);
		virtio_print_features(out, v.device_type, &x->virtio.negotiated);
		fputc('\n', out);
	}
}

static json_object *pci_virtio_json_cap(const struct vdisc_pci_function *fn,
					const struct vdisc_virtio_pci_cap *c)
{
	json_object *o = json_object_new_object();
	const char *name = vdisc_virtio_pci_cap_name(c->cfg_type);
	uint64_t addr;

	json_object_object_add(o, "cfg_type", json_object_new_uint64(c->cfg_type));
	json_object_object_add(o, "name", name ? json_object_new_string(name) : NULL);
	json_object_object_add(o, "cap_offset", json_object_new_uint64(c->cap_offset));
	json_object_object_add(o, "bar", json_object_new_uint64(c->bar));
	json_object_object_add(o, "offset", json_object_new_uint64(c->offset));
	json_object_object_add(o, "length", json_object_new_uint64(c->length));
	json_object_object_add(o, "address",
			       pci_virtio_cap_address(fn, c, &addr) ? json_object_new_uint64(addr)
								    : NULL);
	if (c->cfg_type == VDISC_VIRTIO_PCI_CAP_NOTIFY)
		json_object_object_add(o, "notify_off_multiplier",
				       json_object_new_uint64(c->notify_off_multiplier));
	if (c->cfg_type == VDISC_VIRTIO_PCI_CAP_SHARED_MEMORY)
		json_object_object_add(o, "id", json_object_new_uint64(c->id));
	json_object_object_add(o, "inside_bar",
			       c->bar_known || !c->in_bar ? json_object_new_boolean(c->in_bar)
							  : NULL);
	return o;
}

/* The legacy header as JSON: each register's absolute port; null where BAR0 is no I/O BAR. */
static json_object *pci_virtio_json_legacy(const struct vdisc_pci_function *fn)
{
	const struct vdisc_pci_bar *bar = pci_virtio_bar(fn, 0);
	bool known, msix = pci_virtio_msix_enabled(fn, &known);
	json_object *o, *regs;
	unsigned i;

	if (!bar || bar->type != VDISC_PCI_BAR_IO)
		return NULL;
	o = json_object_new_object();
	regs = json_object_new_array();
	json_object_object_add(o, "bar", json_object_new_uint64(0));
	json_object_object_add(o, "port", json_object_new_uint64(bar->address));
	json_object_object_add(o, "msix_enabled", known ? json_object_new_boolean(msix) : NULL);
	for (i = 0; i < sizeof(pci_virtio_legacy_regs) / sizeof(pci_virtio_legacy_regs[0]); i++) {
		json_object *r = json_object_new_object();

		json_object_object_add(r, "name",
				       json_object_new_string(pci_virtio_legacy_regs[i].name));
		json_object_object_add(r, "offset",
				       json_object_new_uint64(pci_virtio_legacy_regs[i].offset));
		json_object_object_add(
			r, "port",
			json_object_new_uint64(bar->address + pci_virtio_legacy_regs[i].offset));
		json_object_object_add(
			r, "width", json_object_new_uint64(8u * pci_virtio_legacy_regs[i].width));
		json_object_array_add(regs, r);
	}
	json_object_object_add(o, "registers", regs);
	json_object_object_add(o, "device_config_offset",
			       json_object_new_uint64(msix ? VDISC_VIRTIO_PCI_LEGACY_CONFIG_MSIX
							   : VDISC_VIRTIO_PCI_LEGACY_CONFIG));
	return o;
}

/* --read-bars: "common", "queues" (with --virtio-select) and why what is null was not read. */
static void pci_virtio_json_common(json_object *o, const struct vdisc_pci_function *fn,
				   const struct vdisc_virtio_pci *v,
				   const struct pci_virtio_common *cc)
{
	const struct vdisc_virtio_pci_cap *n = pci_virtio_find(v, VDISC_VIRTIO_PCI_CAP_NOTIFY);
	json_object *c = NULL, *qs = NULL;
	uint64_t base;
	bool have = n && pci_virtio_cap_address(fn, n, &base);
	unsigned i;

	if (cc->read) {
		c = json_object_new_object();
		json_object_object_add(c, "num_queues", json_object_new_uint64(cc->num_queues));
		json_object_object_add(
			c, "config_msix_vector",
			cc->msix_config == 0xffff ? NULL : json_object_new_uint64(cc->msix_config));
		json_object_object_add(c, "device_status", virtio_json_status(cc->status));
	}
	for (i = 0; cc->selected && i < cc->nq; i++) {
		json_object *q = json_object_new_object();

		if (!qs)
			qs = json_object_new_array();
		json_object_object_add(q, "index", json_object_new_uint64(i));
		json_object_object_add(q, "size", json_object_new_uint64(cc->q[i].size));
		json_object_object_add(
			q, "msix_vector",
			cc->q[i].msix == 0xffff ? NULL : json_object_new_uint64(cc->q[i].msix));
		json_object_object_add(q, "enabled", json_object_new_boolean(cc->q[i].enable));
		json_object_object_add(q, "notify_off",
				       json_object_new_uint64(cc->q[i].notify_off));
		json_object_object_add(
			q, "notify_address",
			have ? json_object_new_uint64(base + (uint64_t)cc->q[i].notify_off *
								     n->notify_off_multiplier)
			     : NULL);
		json_object_array_add(qs, q);
	}
	if (cc->selected && !qs)
		qs = json_object_new_array();
	json_object_object_add(o, "common", c);
	json_object_object_add(o, "queues", qs);
	json_object_object_add(o, "not_read",
			       cc->selected ? NULL : json_object_new_string(cc->why));
}

json_object *pci_json_virtio(const struct vdisc_pci_function *fn, const struct pci_extra *x)
{
	static struct pci_virtio_common common;
	const struct pci_virtio_common *cc = NULL;
	json_object *o, *caps, *features;
	struct vdisc_virtio_pci v;
	unsigned i;

	if (vdisc_virtio_pci_identify(fn, &v) != 0 || v.kind == VDISC_VIRTIO_PCI_NONE)
		return NULL;
	if (x && x->bar_root) {
		pci_virtio_read_common(fn, x, &v, &common);
		cc = &common;
	}
	o = json_object_new_object();
	json_object_object_add(o, "transport",
			       json_object_new_string(virtio_pci_kind_name(v.kind)));
	json_object_object_add(o, "device_type", json_object_new_uint64(v.device_type));
	json_object_object_add(
		o, "device_type_name",
		vdisc_virtio_device_name(v.device_type)
			? json_object_new_string(vdisc_virtio_device_name(v.device_type))
			: NULL);
	caps = json_object_new_array();
	for (i = 0; i < v.ncaps; i++)
		json_object_array_add(caps, pci_virtio_json_cap(fn, &v.caps[i]));
	json_object_object_add(o, "caps", caps);
	json_object_object_add(o, "legacy_io",
			       v.kind == VDISC_VIRTIO_PCI_TRANSITIONAL ||
					       v.kind == VDISC_VIRTIO_PCI_LEGACY
				       ? pci_virtio_json_legacy(fn)
				       : NULL);
	features = json_object_new_object();
	/* Offered features: only read with --virtio-select, on a driverless function. */
	json_object_object_add(
		features, "device",
		cc && cc->selected ? virtio_json_features(v.device_type, &cc->offered) : NULL);
	json_object_object_add(features, "negotiated",
			       x && x->virtio_known && x->virtio.has_features
				       ? virtio_json_features(v.device_type, &x->virtio.negotiated)
				       : NULL);
	json_object_object_add(
		features, "device_bits",
		cc && cc->selected ? virtio_json_feature_bits(v.device_type, &cc->offered) : NULL);
	json_object_object_add(
		features, "negotiated_bits",
		x && x->virtio_known && x->virtio.has_features
			? virtio_json_feature_bits(v.device_type, &x->virtio.negotiated)
			: NULL);
	json_object_object_add(o, "features", features);
	if (cc)
		pci_virtio_json_common(o, fn, &v, cc);
	json_object_object_add(o, "status",
			       x && x->virtio_known && x->virtio.has_status
				       ? virtio_json_status(x->virtio.status)
				       : NULL);
	json_object_object_add(o, "driver",
			       x && x->virtio_known && x->virtio.driver[0]
				       ? json_object_new_string(x->virtio.driver)
				       : NULL);
	json_object_object_add(o, "sysfs_name",
			       x && x->virtio_known ? json_object_new_string(x->virtio.name)
						    : NULL);
	return o;
}
