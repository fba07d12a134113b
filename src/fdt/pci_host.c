/* SPDX-License-Identifier: MIT */
#include "fdt_internal.h"

/*
 * PCI host bridges in the tree (IEEE 1275 PCI binding, Linux's
 * pci-host-generic and the controller bindings): where configuration space
 * is and whether it is ECAM, the named register blocks, which buses, and the
 * windows through which the CPU reaches PCI I/O and memory.
 */

static bool fdt_host_is_pci_(const struct fdt_tree_ *tree, uint32_t node)
{
	const char *type = vdisc_fdt_prop_string_(tree, node, "device_type");
	uint32_t parent = tree->nodes[node].parent;

	/* A host bridge is a "pci" node whose parent is not itself on a PCI bus. */
	if (!type || (strcmp(type, "pci") != 0 && strcmp(type, "pciex") != 0))
		return false;
	if (parent == FDT_NO_PARENT_)
		return true;
	type = vdisc_fdt_prop_string_(tree, parent, "device_type");
	return !type || (strcmp(type, "pci") != 0 && strcmp(type, "pciex") != 0);
}

static int fdt_host_ranges_(const struct fdt_tree_ *tree, uint32_t node,
			    struct vdisc_fdt_pci_host *host)
{
	uint32_t parent = tree->nodes[node].parent, pna, pns, na, ns, n, entry, i, c;
	const fdt32_t *ranges;
	bool malformed;

	ranges = vdisc_fdt_prop_cells_(tree, node, "ranges", &n, &malformed);
	if (!ranges || n == 0)
		return 0;
	/* The PCI binding: 3-cell bus addresses, 2-cell sizes; anything else is not ours to read.
	 */
	if (vdisc_fdt_bus_cells_(tree, parent, &pna, &pns) ||
	    vdisc_fdt_bus_cells_(tree, node, &na, &ns) || na != 3 || ns != 2)
		return 0;
	entry = na + pna + ns;
	if (malformed || n % entry != 0)
		return vdisc_fdt_diag_(tree, -VDISC_EBADPROP, node, "ranges", n);
	for (i = 0; i + entry <= n && host->nranges < VDISC_FDT_PCI_MAX_RANGES; i += entry) {
		struct vdisc_fdt_pci_range *r = &host->ranges[host->nranges++];
		uint32_t hi = fdt32_ld(ranges + i), cells[VDISC_MAX_ADDR_CELLS] = {0};

		r->space = (hi >> VDISC_FDT_PCI_SPACE_SHIFT) & VDISC_FDT_PCI_SPACE_MASK;
		r->prefetchable = (hi >> VDISC_FDT_PCI_PREFETCH_SHIFT) & 1;
		r->pci_address = vdisc_fdt_read_cells_(ranges + i + 1, 2);
		r->size = vdisc_fdt_read_cells_(ranges + i + 3 + pna, 2);
		for (c = 0; c < pna && c < VDISC_MAX_ADDR_CELLS; c++)
			cells[c] = fdt32_ld(ranges + i + 3 + c);
		r->translated = vdisc_fdt_translate_cells_(tree, parent, cells, pna, pns,
							   &r->cpu_address) == 0;
	}
	return 0;
}

/*
 * Bindings whose reg[0] Linux maps with ECAM or CAM accessors through
 * pci_host_common_probe() (which takes reg index 0, whatever reg-names says):
 * pci-host-generic.c's table, then the drivers that hand it plain ECAM
 * offsets (pcie-apple.c, pcie-microchip-host.c, pci-thunder-ecam.c, whose
 * fix-ups only add emulated fields).  The DesignWare ones see only device 0
 * on the root bus.  Cavium's "thunder-pem" (16 MiB a bus) and HiSilicon's
 * "almost ECAM" (the root bus through other registers) are not here.
 */
static const struct {
	const char *compatible;
	enum vdisc_fdt_pci_config config;
	bool root_dev0_only;
} fdt_host_generic_[] = {
	{"pci-host-ecam-generic", VDISC_FDT_PCI_CONFIG_ECAM, false},
	{"pci-host-cam-generic", VDISC_FDT_PCI_CONFIG_CAM, false},
	{"marvell,armada8k-pcie-ecam", VDISC_FDT_PCI_CONFIG_ECAM, true},
	{"socionext,synquacer-pcie-ecam", VDISC_FDT_PCI_CONFIG_ECAM, true},
	{"snps,dw-pcie-ecam", VDISC_FDT_PCI_CONFIG_ECAM, true},
	{"apple,pcie", VDISC_FDT_PCI_CONFIG_ECAM, false},
	{"microchip,pcie-host-1.0", VDISC_FDT_PCI_CONFIG_ECAM, false},
	{"cavium,pci-host-thunder-ecam", VDISC_FDT_PCI_CONFIG_ECAM, false},
};

/*
 * The names controller bindings give their configuration window: "config"
 * (DesignWare-based: Qualcomm, i.MX, Layerscape, Marvell, Amlogic, SiFive,
 * TI AM65), "cfg" (Cadence and TI J7, Xilinx, X-Gene) and "ecam".
 * "config" first: Amlogic's binding has a "cfg" register block beside its
 * "config" window.
 */
static const char *const fdt_host_config_names_[] = {"config", "ecam", "cfg"};

static void fdt_host_kind_(struct vdisc_fdt_pci_host *host)
{
	size_t i;

	host->config = VDISC_FDT_PCI_CONFIG_CONTROLLER;
	for (i = 0; i < VDISC_ARRAY_SIZE(fdt_host_generic_); i++)
		if (vdisc_strlist_contains(&host->device->dt.compatible,
					   fdt_host_generic_[i].compatible)) {
			host->config = fdt_host_generic_[i].config;
			host->ecam_root_dev0_only = fdt_host_generic_[i].root_dev0_only;
			return;
		}
}

/* Which reg entry is the configuration window: reg[0] for generic hosts, else by name. */
static bool fdt_host_config_reg_(const struct vdisc_fdt_pci_host *host, uint32_t *index)
{
	uint32_t i, n;
	size_t k;

	if (host->config != VDISC_FDT_PCI_CONFIG_CONTROLLER) {
		*index = 0;
		return true;
	}
	n = host->reg_names.count < host->device->nregs ? host->reg_names.count
							: host->device->nregs;
	for (k = 0; k < VDISC_ARRAY_SIZE(fdt_host_config_names_); k++)
		for (i = 0; i < n; i++)
			if (strcmp(host->reg_names.items[i], fdt_host_config_names_[k]) == 0) {
				*index = i;
				return true;
			}
	return false;
}

static int fdt_host_config_(const struct fdt_tree_ *tree, uint32_t node,
			    struct vdisc_fdt_pci_host *host)
{
	const struct vdisc_device *dev = host->device;
	uint32_t i;
	int err;

	fdt_host_kind_(host);
	err = vdisc_fdt_prop_strlist_(tree, node, "reg-names", &host->reg_names);
	if (err)
		return err;
	if (fdt_host_config_reg_(host, &i) && i < dev->nregs && dev->regs[i].translated &&
	    dev->regs[i].has_size) {
		host->config_reg = i;
		host->config_base = dev->regs[i].address;
		host->config_size = dev->regs[i].size;
		host->has_config = true;
	}
	host->ecam = host->config == VDISC_FDT_PCI_CONFIG_ECAM && host->has_config;
	return 0;
}

int vdisc_fdt_collect_pci_host_(const struct fdt_tree_ *tree, uint32_t node)
{
	struct vdisc_model *model = tree->model;
	const struct vdisc_device *dev;
	struct vdisc_fdt_pci_host *host, **tail;
	const fdt32_t *p;
	uint32_t n;
	int err;

	if (!fdt_host_is_pci_(tree, node))
		return 0;
	err = vdisc_fdt_node_device_(tree, node, &dev);
	if (err || !dev)
		return err;
	host = VDISC_ARENA_NEW(model->arena, struct vdisc_fdt_pci_host, 1);
	if (!host)
		return -VDISC_ENOMEM;
	host->device = dev;
	host->dma_coherent = vdisc_fdt_has_prop_(tree, node, "dma-coherent");
	if (fdt_host_config_(tree, node, host) == -VDISC_ENOMEM)
		return -VDISC_ENOMEM;
	host->bus_end = 0xff;
	if (host->ecam && host->config_size >> 20 && host->config_size >> 20 <= 256)
		host->bus_end = (uint8_t)((host->config_size >> 20) - 1);
	p = vdisc_fdt_prop_cells_(tree, node, "bus-range", &n, NULL);
	if (p && n == 2 && fdt32_ld(p) <= fdt32_ld(p + 1) && fdt32_ld(p + 1) <= 0xff) {
		host->bus_start = (uint8_t)fdt32_ld(p);
		host->bus_end = (uint8_t)fdt32_ld(p + 1);
	}
	p = vdisc_fdt_prop_cells_(tree, node, "linux,pci-domain", &n, NULL);
	if (p && n == 1 && fdt32_ld(p) <= 0xffff)
		host->segment = (uint16_t)fdt32_ld(p);
	if (fdt_host_ranges_(tree, node, host) == -VDISC_ENOMEM)
		return -VDISC_ENOMEM;
	for (tail = &model->dt.pci_hosts; *tail; tail = &(*tail)->next)
		;
	*tail = host;
	return 0;
}

int vdisc_fdt_pci_intx(const struct vdisc_model *model, const struct vdisc_fdt_pci_host *host,
		       struct vdisc_pci_addr addr, uint8_t pin, struct vdisc_irq *out)
{
	const struct fdt_tree_ *tree = model ? model->dt.fdt_index : NULL;
	uint32_t unit[3] = {0}, spec = pin, node;

	memset(out, 0, sizeof(*out));
	out->error = -VDISC_EINVAL;
	if (!tree || !host || pin < 1 || pin > 4)
		return out->error;
	node = vdisc_fdt_node_at_(tree, host->device->dt.node_offset);
	if (node == FDT_NO_PARENT_)
		return out->error;
	unit[0] = (uint32_t)addr.bus << 16 | (uint32_t)(addr.dev & 31) << 11 |
		  (uint32_t)(addr.fn & 7) << 8;
	return vdisc_fdt_irq_for_unit_(tree, node, unit, 3, &spec, 1, out);
}
