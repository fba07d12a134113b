/* SPDX-License-Identifier: MIT */
#include <json-c/json.h>
#include <string.h>

#include "cli.h"
#include "pci_cli.h"

/* vdisc pci --json: the JSON contract of docs/ARCHITECTURE.md, names from pci.ids, null where
 * unknown. */

#define NAME_LEN 256

static json_object *pjson_str(const char *s)
{
	return s ? json_object_new_string(s) : NULL;
}

static json_object *pjson_u(uint64_t v)
{
	return json_object_new_uint64(v);
}

static const char *pjson_bar_type(enum vdisc_pci_bar_type type)
{
	switch (type) {
	case VDISC_PCI_BAR_IO:
		return "io";
	case VDISC_PCI_BAR_MEM32:
		return "mem32";
	case VDISC_PCI_BAR_MEM1M:
		return "mem1m";
	case VDISC_PCI_BAR_MEM64:
		return "mem64";
	case VDISC_PCI_BAR_ROM:
		return "rom";
	default:
		return "none";
	}
}

static json_object *pjson_cap_detail(const struct vdisc_pci_function *fn,
				     const struct vdisc_pci_cap *cap)
{
	json_object *o = NULL;

	if (cap->extended)
		return NULL;
	if (cap->id == VDISC_PCI_CAP_ID_PM) {
		struct vdisc_pci_pm pm;

		if (vdisc_pci_decode_pm(fn, cap, &pm) == 0) {
			o = json_object_new_object();
			json_object_object_add(o, "version", pjson_u(pm.version));
			json_object_object_add(o, "d1", json_object_new_boolean(pm.d1));
			json_object_object_add(o, "d2", json_object_new_boolean(pm.d2));
			json_object_object_add(o, "pme_states", pjson_u(pm.pme_states));
			json_object_object_add(o, "power_state", pjson_u(pm.power_state));
		}
	} else if (cap->id == VDISC_PCI_CAP_ID_MSI) {
		struct vdisc_pci_msi m;

		if (vdisc_pci_decode_msi(fn, cap, &m) == 0) {
			o = json_object_new_object();
			json_object_object_add(o, "enabled", json_object_new_boolean(m.enabled));
			json_object_object_add(o, "64bit", json_object_new_boolean(m.is64));
			json_object_object_add(o, "per_vector_masking",
					       json_object_new_boolean(m.per_vector_mask));
			json_object_object_add(o, "vectors", pjson_u(m.vectors_capable));
			json_object_object_add(o, "vectors_enabled", pjson_u(m.vectors_enabled));
		}
	} else if (cap->id == VDISC_PCI_CAP_ID_MSIX) {
		struct vdisc_pci_msix m;

		if (vdisc_pci_decode_msix(fn, cap, &m) == 0) {
			o = json_object_new_object();
			json_object_object_add(o, "enabled", json_object_new_boolean(m.enabled));
			json_object_object_add(o, "function_mask",
					       json_object_new_boolean(m.function_mask));
			json_object_object_add(o, "table_size", pjson_u(m.table_size));
			json_object_object_add(o, "table_bar", pjson_u(m.table_bar));
			json_object_object_add(o, "table_offset", pjson_u(m.table_offset));
			json_object_object_add(o, "pba_bar", pjson_u(m.pba_bar));
			json_object_object_add(o, "pba_offset", pjson_u(m.pba_offset));
		}
	} else if (cap->id == VDISC_PCI_CAP_ID_EXP) {
		struct vdisc_pcie e;

		if (vdisc_pci_decode_pcie(fn, cap, &e) == 0) {
			o = json_object_new_object();
			json_object_object_add(o, "version", pjson_u(e.version));
			json_object_object_add(o, "port_type", pjson_u(e.port_type));
			json_object_object_add(o, "port_type_name",
					       pjson_str(vdisc_pcie_port_type_name(e.port_type)));
			json_object_object_add(o, "max_payload", pjson_u(e.max_payload));
			json_object_object_add(
				o, "link_speed",
				e.has_link ? pjson_str(vdisc_pcie_speed_name(e.link_speed)) : NULL);
			json_object_object_add(o, "link_width",
					       e.has_link ? pjson_u(e.link_width) : NULL);
			json_object_object_add(
				o, "link_max_speed",
				e.has_link ? pjson_str(vdisc_pcie_speed_name(e.link_max_speed))
					   : NULL);
			json_object_object_add(o, "link_max_width",
					       e.has_link ? pjson_u(e.link_max_width) : NULL);
		}
	}
	return o;
}

static json_object *pjson_caps(const struct vdisc_pci_function *fn, const struct vdisc_pci_cap *cap,
			       bool extended)
{
	json_object *arr = json_object_new_array();

	for (; cap; cap = cap->next) {
		json_object *o = json_object_new_object(), *detail;

		json_object_object_add(o, "offset", pjson_u(cap->offset));
		json_object_object_add(o, "id", pjson_u(cap->id));
		if (extended)
			json_object_object_add(o, "version", pjson_u(cap->version));
		json_object_object_add(o, "name",
				       pjson_str(extended ? vdisc_pci_ecap_name(cap->id)
							  : vdisc_pci_cap_name(cap->id)));
		detail = pjson_cap_detail(fn, cap);
		if (detail)
			json_object_object_add(o, "decoded", detail);
		json_object_array_add(arr, o);
	}
	return arr;
}

static json_object *pjson_bars(const struct vdisc_pci_function *fn, const struct pci_extra *x)
{
	json_object *arr = json_object_new_array();
	unsigned i;

	for (i = 0; i < fn->nbars; i++) {
		const struct vdisc_pci_bar *bar = &fn->bars[i];
		json_object *o = json_object_new_object();
		uint64_t size = 0;
		bool known = bar->has_size;

		if (known)
			size = bar->size;
		else if (x && x->known && x->info.has_resources && bar->index <= 6 &&
			 x->info.end[bar->index] > x->info.start[bar->index]) {
			size = x->info.end[bar->index] - x->info.start[bar->index] + 1;
			known = true;
		}
		json_object_object_add(o, "index", pjson_u(bar->index));
		json_object_object_add(o, "type",
				       json_object_new_string(pjson_bar_type(bar->type)));
		json_object_object_add(o, "prefetchable",
				       json_object_new_boolean(bar->prefetchable));
		json_object_object_add(o, "address", pjson_u(bar->address));
		json_object_object_add(o, "size", known ? pjson_u(size) : NULL);
		json_object_object_add(o, "enabled", json_object_new_boolean(bar->enabled));
		json_object_array_add(arr, o);
	}
	return arr;
}

static json_object *pjson_window(const struct vdisc_pci_window *w)
{
	json_object *o;

	if (!w->enabled)
		return NULL;
	o = json_object_new_object();
	json_object_object_add(o, "base", pjson_u(w->base));
	json_object_object_add(o, "limit", pjson_u(w->limit));
	json_object_object_add(o, "64bit", json_object_new_boolean(w->is64));
	return o;
}

static const char *pjson_chain_name(enum vdisc_pci_chain_problem p)
{
	return p == VDISC_PCI_CHAIN_LOOP	   ? "looped"
	       : p == VDISC_PCI_CHAIN_BROKEN	   ? "broken"
	       : p == VDISC_PCI_CHAIN_OUT_OF_RANGE ? "out-of-range"
						   : NULL;
}

static json_object *pjson_function(const struct vdisc_pci_function *fn, const struct pci_extra *x)
{
	static const char *const found[] = {NULL, "list", "bridge-walk", "bus-scan"};
	json_object *o = json_object_new_object();
	char slot[32], a[NAME_LEN], b[NAME_LEN];
	uint8_t layout = fn->header_type & VDISC_PCI_HEADER_LAYOUT_MASK;

	vdisc_pci_addr_format(slot, sizeof(slot), fn->addr, true);
	json_object_object_add(o, "slot", json_object_new_string(slot));
	json_object_object_add(o, "vendor_id", pjson_u(fn->vendor_id));
	json_object_object_add(o, "device_id", pjson_u(fn->device_id));
	json_object_object_add(o, "class", pjson_u(fn->class_code));
	json_object_object_add(o, "revision", pjson_u(fn->revision));
	json_object_object_add(o, "command", pjson_u(fn->command));
	json_object_object_add(o, "status", pjson_u(fn->status));
	json_object_object_add(o, "header_type", pjson_u(layout));
	json_object_object_add(
		o, "multifunction",
		json_object_new_boolean(fn->header_type & VDISC_PCI_HEADER_MULTIFUNCTION));
	json_object_object_add(o, "subsystem_vendor_id",
			       fn->has_subsystem ? pjson_u(fn->subsystem_vendor_id) : NULL);
	json_object_object_add(o, "subsystem_id",
			       fn->has_subsystem ? pjson_u(fn->subsystem_id) : NULL);
	json_object_object_add(o, "vendor_name",
			       pjson_str(pci_vendor_name(fn->vendor_id, a, sizeof(a))));
	json_object_object_add(
		o, "device_name",
		pjson_str(pci_device_name(fn->vendor_id, fn->device_id, b, sizeof(b))));
	json_object_object_add(o, "class_name",
			       pjson_str(pci_class_text(fn->class_code, a, sizeof(a))));
	json_object_object_add(o, "interrupt_pin", pjson_u(fn->interrupt_pin));
	json_object_object_add(o, "interrupt_line", pjson_u(fn->interrupt_line));
	if (layout == VDISC_PCI_HEADER_BRIDGE || layout == VDISC_PCI_HEADER_CARDBUS) {
		json_object *br = json_object_new_object();

		json_object_object_add(br, "primary_bus", pjson_u(fn->primary_bus));
		json_object_object_add(br, "secondary_bus", pjson_u(fn->secondary_bus));
		json_object_object_add(br, "subordinate_bus", pjson_u(fn->subordinate_bus));
		if (layout == VDISC_PCI_HEADER_BRIDGE) {
			json_object_object_add(br, "io_window", pjson_window(&fn->io_window));
			json_object_object_add(br, "memory_window", pjson_window(&fn->mem_window));
			json_object_object_add(br, "prefetchable_window",
					       pjson_window(&fn->pref_window));
		}
		json_object_object_add(o, "bridge", br);
	}
	json_object_object_add(o, "bars", pjson_bars(fn, x));
	json_object_object_add(o, "capabilities", pjson_caps(fn, fn->caps, false));
	json_object_object_add(o, "capabilities_chain",
			       pjson_str(pjson_chain_name(fn->caps_problem)));
	json_object_object_add(o, "ext_capabilities", pjson_caps(fn, fn->ecaps, true));
	json_object_object_add(o, "ext_capabilities_chain",
			       pjson_str(pjson_chain_name(fn->ecaps_problem)));
	json_object_object_add(o, "config_size", pjson_u(fn->config_size));
	json_object_object_add(o, "sizing_error",
			       fn->sizing_error ? pjson_str(vdisc_strerror(fn->sizing_error))
						: NULL);
	json_object_object_add(o, "found", pjson_str(found[fn->found]));
	json_object_object_add(
		o, "driver", x && x->known && x->info.driver[0] ? pjson_str(x->info.driver) : NULL);
	json_object_object_add(o, "numa_node",
			       x && x->known && x->info.numa_node >= 0
				       ? pjson_u((uint64_t)x->info.numa_node)
				       : NULL);
	{
		json_object *v = pci_json_virtio(fn, x);

		if (v)
			json_object_object_add(o, "virtio", v);
	}
	json_object_object_add(o, "iommu_group",
			       x && x->known && x->info.iommu_group >= 0
				       ? pjson_u((uint64_t)x->info.iommu_group)
				       : NULL);
	return o;
}

void pci_print_json(FILE *out, const struct pci_listing *l, const struct pci_options *opt)
{
	json_object *root = json_object_new_object(), *arr = json_object_new_array();
	size_t i;

	(void)opt;
	json_object_object_add(root, "source", json_object_new_string(l->source));
	for (i = 0; i < l->count; i++)
		json_object_array_add(
			arr, pjson_function(l->devs[i]->pci, l->extra ? &l->extra[i] : NULL));
	json_object_object_add(root, "devices", arr);
	cli_json_print(out, root);
}
