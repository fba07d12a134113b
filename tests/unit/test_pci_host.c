/* SPDX-License-Identifier: MIT */
/*
 * PCI host bridges from the tree: ECAM window, bus range, ranges windows
 * translated to CPU addresses, and legacy INTx routed through the bridge's
 * interrupt-map as Linux's of_irq_parse_pci() does.  The tree is the shape
 * QEMU's riscv64 virt machine gives (hand-computed expectations).  Then the
 * controllers boards have: the configuration window by "reg-names", CAM, and
 * no window at all, none of them ECAM.
 */
#include "model_asserts.h"

#include <vdisc/fdt.h>

#define PLIC 1

static void build_host(struct bb *b, bool nested_pci_child)
{
	bb_start(b);
	bb_begin(b, "");
	bb_bus(b, 2, 2);
	bb_virt_plic(b, PLIC);
	bb_virt_pci_host_begin(b, PLIC);
	bb_u32(b, "linux,pci-domain", 2);
	bb_empty(b, "dma-coherent");
	bb_cells(b, "ranges", 0x01000000, 0, 0, 0, 0x3000000, 0, 0x10000, /* I/O */
		 0x02000000, 0, 0x40000000, 0, 0x40000000, 0, 0x40000000, /* mem32 */
		 0x43000000, 4, 0, 4, 0, 4, 0);				  /* mem64 pref */
	if (nested_pci_child) {
		/* A PCI-to-PCI bridge described in the tree is not a host bridge. */
		bb_begin(b, "pci@1,0");
		bb_string(b, "device_type", "pci");
		bb_bus(b, 3, 2);
		bb_cells(b, "reg", 0x0800, 0, 0, 0, 0);
		bb_end(b);
	}
	bb_end(b);
	bb_end(b);
}

static void test_host_windows(void **state)
{
	const struct vdisc_fdt_pci_host *h;
	struct vdisc_model m;
	struct bb b;

	(void)state;
	build_host(&b, true);
	assert_int_equal(bb_scan(&b, &m), 0);
	h = m.dt.pci_hosts;
	assert_non_null(h);
	assert_null(h->next); /* the nested pci@1,0 is not a host */
	assert_string_equal(h->device->path, "/pci@30000000");
	assert_true(h->ecam);
	assert_int_equal(h->config, VDISC_FDT_PCI_CONFIG_ECAM);
	assert_false(h->ecam_root_dev0_only);
	assert_true(h->has_config);
	assert_int_equal(h->config_reg, 0);
	assert_int_equal(h->reg_names.count, 0);
	assert_int_equal(h->config_base, 0x30000000);
	assert_int_equal(h->config_size, 0x10000000);
	assert_int_equal(h->bus_start, 0);
	assert_int_equal(h->bus_end, 0xff);
	assert_int_equal(h->segment, 2);
	assert_true(h->dma_coherent);
	assert_int_equal(h->nranges, 3);
	assert_int_equal(h->ranges[0].space, 1);
	assert_int_equal(h->ranges[0].cpu_address, 0x3000000);
	assert_int_equal(h->ranges[0].size, 0x10000);
	assert_int_equal(h->ranges[1].space, 2);
	assert_false(h->ranges[1].prefetchable);
	assert_int_equal(h->ranges[1].pci_address, 0x40000000);
	assert_int_equal(h->ranges[2].space, 3);
	assert_true(h->ranges[2].prefetchable);
	assert_int_equal(h->ranges[2].pci_address, 0x400000000ull);
	assert_int_equal(h->ranges[2].cpu_address, 0x400000000ull);
}

static void test_intx_routing(void **state)
{
	const struct vdisc_fdt_pci_host *h;
	struct vdisc_model m;
	struct vdisc_irq irq;
	unsigned slot, pin;
	struct bb b;

	(void)state;
	build_host(&b, false);
	assert_int_equal(bb_scan(&b, &m), 0);
	h = m.dt.pci_hosts;
	assert_non_null(h);
	for (slot = 0; slot < 4; slot++)
		for (pin = 1; pin <= 4; pin++) {
			struct vdisc_pci_addr a = {2, 0, (uint8_t)slot,
						   3}; /* function bits are masked */

			assert_int_equal(vdisc_fdt_pci_intx(&m, h, a, (uint8_t)pin, &irq), 0);
			assert_string_equal(irq.controller, "/plic@c000000");
			assert_true(irq.has_line);
			assert_int_equal(irq.line, 32 + (slot + pin - 1) % 4);
			assert_string_equal(irq.via, "/pci@30000000");
		}
	/* Slot 4 masks to slot 0 (mask 0x1800 keeps two device bits). */
	{
		struct vdisc_pci_addr a = {2, 0, 4, 0};

		assert_int_equal(vdisc_fdt_pci_intx(&m, h, a, 1, &irq), 0);
		assert_int_equal(irq.line, 32);
	}
	/* Pin 0 (no interrupt) and pin 5 are refused. */
	{
		struct vdisc_pci_addr a = {2, 0, 1, 0};

		assert_int_equal(vdisc_fdt_pci_intx(&m, h, a, 0, &irq), -VDISC_EINVAL);
		assert_int_equal(vdisc_fdt_pci_intx(&m, h, a, 5, &irq), -VDISC_EINVAL);
	}
	/* A function behind a bridge at slot 1 with INTB: the bridge's pin is the swizzle. */
	assert_int_equal(vdisc_pci_swizzle(2, 1), 3);
	assert_int_equal(vdisc_pci_swizzle(4, 1), 1);
}

/*
 * A host bridge as the boards have them: @compat; one "reg" entry per name of
 * @names (two unnamed ones without names), entry i at 0x1000 * (i + 1), 4 KiB
 * each but the fourth (1 MiB); "reg-names" only with names.
 */
static const struct vdisc_fdt_pci_host *scan_controller(struct bb *b, struct vdisc_model *m,
							const char *const *compat, size_t ncompat,
							const char *const *names, size_t nnames)
{
	uint32_t reg[4 * 4];
	size_t i;

	bb_start(b);
	bb_begin(b, "");
	bb_bus(b, 2, 2);
	bb_begin(b, "pcie@1000");
	bb_strings_(b, "compatible", compat, ncompat);
	bb_string(b, "device_type", "pci");
	bb_bus(b, 3, 2);
	for (i = 0; i < 4; i++) {
		reg[4 * i] = 0;
		reg[4 * i + 1] = 0x1000 * (uint32_t)(i + 1);
		reg[4 * i + 2] = 0;
		reg[4 * i + 3] = i == 3 ? 0x100000 : 0x1000;
	}
	bb_cells_(b, "reg", reg, 4 * (nnames ? nnames : 2));
	if (nnames)
		bb_strings_(b, "reg-names", names, nnames);
	bb_end(b);
	bb_end(b);
	assert_int_equal(bb_scan(b, m), 0);
	assert_int_equal(m->ndiags, 0);
	assert_non_null(m->dt.pci_hosts);
	return m->dt.pci_hosts;
}

/* Qualcomm's DesignWare binding: reg[0] is "parf"; configuration space is "config", not ECAM. */
static void test_designware_reg_names(void **state)
{
	static const char *const compat[] = {"qcom,pcie-sdm845"};
	static const char *const names[] = {"parf", "dbi", "elbi", "config"};
	const struct vdisc_fdt_pci_host *h;
	struct vdisc_model m;
	struct bb b;

	(void)state;
	h = scan_controller(&b, &m, compat, 1, names, 4);
	assert_int_equal(h->config, VDISC_FDT_PCI_CONFIG_CONTROLLER);
	assert_false(h->ecam);
	assert_true(h->has_config);
	assert_int_equal(h->config_reg, 3);
	assert_int_equal(h->config_base, 0x4000);
	assert_int_equal(h->config_size, 0x100000);
	assert_int_equal(h->bus_end, 0xff); /* not sized from a window that is not ECAM */
	assert_int_equal(h->reg_names.count, 4);
	assert_string_equal(h->reg_names.items[0], "parf");
	assert_int_equal(h->device->regs[0].address, 0x1000);
}

/* Amlogic names a "cfg" register block beside "config": "config" wins; TI's "cfg" alone counts. */
static void test_config_name_order(void **state)
{
	static const char *const meson[] = {"amlogic,axg-pcie", "snps,dw-pcie"};
	static const char *const meson_names[] = {"elbi", "cfg", "config"};
	static const char *const ti[] = {"ti,j7200-pcie-host"};
	static const char *const ti_names[] = {"intd_cfg", "user_cfg", "reg", "cfg"};
	const struct vdisc_fdt_pci_host *h;
	struct vdisc_model m;
	struct bb b;

	(void)state;
	h = scan_controller(&b, &m, meson, 2, meson_names, 3);
	assert_true(h->has_config);
	assert_int_equal(h->config_reg, 2);
	assert_false(h->ecam);
	h = scan_controller(&b, &m, ti, 1, ti_names, 4);
	assert_true(h->has_config);
	assert_int_equal(h->config_reg, 3); /* not "intd_cfg": names match whole */
	assert_int_equal(h->config, VDISC_FDT_PCI_CONFIG_CONTROLLER);
}

/* Rockchip's reg-names name no configuration window; Broadcom's node has no reg-names. */
static void test_no_config_window(void **state)
{
	static const char *const rk[] = {"rockchip,rk3399-pcie"};
	static const char *const rk_names[] = {"axi-base", "apb-base"};
	static const char *const brcm[] = {"brcm,bcm2711-pcie"};
	const struct vdisc_fdt_pci_host *h;
	struct vdisc_model m;
	struct bb b;

	(void)state;
	h = scan_controller(&b, &m, rk, 1, rk_names, 2);
	assert_int_equal(h->config, VDISC_FDT_PCI_CONFIG_CONTROLLER);
	assert_false(h->has_config);
	assert_false(h->ecam);
	assert_int_equal(h->reg_names.count, 2);
	assert_int_equal(h->device->nregs, 2);
	h = scan_controller(&b, &m, brcm, 1, NULL, 0);
	assert_false(h->has_config); /* reg[0] is the controller's registers, not a window */
	assert_false(h->ecam);
	assert_int_equal(h->reg_names.count, 0);
}

/*
 * pci-host-cam-generic: reg[0] is configuration space, 256 bytes a function:
 * not ECAM.  The ECAM bindings other than the generic one take reg[0] too.
 */
static void test_cam_host(void **state)
{
	static const char *const cam[] = {"pci-host-cam-generic"};
	static const char *const dw[] = {"marvell,armada8k-pcie-ecam", "snps,dw-pcie-ecam"};
	static const char *const names[] = {"ecam-but-first", "config"};
	static const char *const mchp[] = {"microchip,pcie-host-1.0"};
	static const char *const mchp_names[] = {"cfg", "apb", "x", "y"};
	const struct vdisc_fdt_pci_host *h;
	struct vdisc_model m;
	struct bb b;

	(void)state;
	h = scan_controller(&b, &m, cam, 1, NULL, 0);
	assert_int_equal(h->config, VDISC_FDT_PCI_CONFIG_CAM);
	assert_true(h->has_config);
	assert_int_equal(h->config_reg, 0);
	assert_int_equal(h->config_base, 0x1000);
	assert_false(h->ecam);
	/* The DesignWare ECAM bindings are ECAM at reg[0] whatever reg-names says (as Linux). */
	h = scan_controller(&b, &m, dw, 2, names, 2);
	assert_int_equal(h->config, VDISC_FDT_PCI_CONFIG_ECAM);
	assert_true(h->ecam);
	assert_true(h->ecam_root_dev0_only);
	assert_int_equal(h->config_reg, 0);
	assert_int_equal(h->config_base, 0x1000);
	assert_int_equal(h->bus_end, 0xff); /* a 4 KiB window holds no whole bus: not sized */
	/* Microchip's driver hands reg[0] ("cfg") to Linux's ECAM code: every device, every bus. */
	h = scan_controller(&b, &m, mchp, 1, mchp_names, 4);
	assert_true(h->ecam);
	assert_false(h->ecam_root_dev0_only);
	assert_int_equal(h->config_reg, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_host_windows),
		cmocka_unit_test(test_intx_routing),
		cmocka_unit_test(test_designware_reg_names),
		cmocka_unit_test(test_config_name_order),
		cmocka_unit_test(test_no_config_window),
		cmocka_unit_test(test_cam_host),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
