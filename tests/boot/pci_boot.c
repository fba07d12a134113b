/* SPDX-License-Identifier: MIT */
/*
 * PCI in the boot kernel.  With a device tree: every ECAM host bridge it
 * describes (pci-host-ecam-generic) is numbered and its BARs assigned from
 * the bridge's "ranges" windows, since riscv64 and aarch64 virt boot with
 * no firmware to do it; then it is enumerated.  Without one (x86): conf1
 * at port 0xCF8, and the BARs the BIOS assigned.  Each function is printed;
 * virtio functions are driven through the modern transport when they have
 * its capabilities, else the legacy I/O BAR.
 */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "arch.h"
#include "boot.h"
#include "console.h"

/* One PCI domain being walked: how to reach it and how its bus addresses map to the CPU. */
struct domain_ {
	const struct vdisc_pci_ops *ops;
	const struct vdisc_fdt_pci_host *host; /* NULL: x86, identity mapping */
	const struct vdisc_pci_assign_windows *windows;
};

/* Where the CPU reaches BAR @b; 0 when it is unassigned or out of reach. */
static uint64_t bar_cpu_(const struct domain_ *dom, const struct vdisc_pci_bar *b)
{
	uint64_t cpu = b->address;

	if (!b->address || !b->has_size || b->type == VDISC_PCI_BAR_ROM ||
	    b->type == VDISC_PCI_BAR_NONE)
		return 0;
	if (dom->windows && vdisc_pci_assign_to_cpu(dom->windows, b->type == VDISC_PCI_BAR_IO,
						    b->address, b->size, &cpu) != 0)
		return 0;
	if (b->type != VDISC_PCI_BAR_IO && sizeof(void *) < 8 && cpu + b->size - 1 > UINTPTR_MAX)
		return 0; /* a 32-bit kernel without paging cannot reach it */
	return cpu;
}

/* BAR @index's port number when it is an assigned, reachable I/O BAR; else 0. */
static uint64_t io_port_(const struct domain_ *dom, const struct vdisc_pci_function *fn,
			 unsigned index)
{
	for (unsigned i = 0; i < fn->nbars; i++)
		if (fn->bars[i].index == index && fn->bars[i].type == VDISC_PCI_BAR_IO &&
		    bar_cpu_(dom, &fn->bars[i]))
			return fn->bars[i].address;
	return 0;
}

static void bar_bases_(const struct domain_ *dom, const struct vdisc_pci_function *fn,
		       uint64_t base[VDISC_PCI_MAX_BARS])
{
	memset(base, 0, sizeof(uint64_t) * VDISC_PCI_MAX_BARS);
	for (unsigned i = 0; i < fn->nbars; i++)
		if (fn->bars[i].index < VDISC_PCI_MAX_BARS)
			base[fn->bars[i].index] = bar_cpu_(dom, &fn->bars[i]);
}

/* The bridge on @host's root bus that @fn's interrupt goes through, with the pin swizzled. */
static bool root_pin_(const struct vdisc_pci_function *fn, uint8_t root_bus,
		      struct vdisc_pci_addr *addr, uint8_t *pin)
{
	*addr = fn->addr;
	*pin = fn->interrupt_pin;
	for (unsigned hops = 0; addr->bus != root_bus; hops++) {
		const struct vdisc_device *up = NULL;
		if (hops > 32)
			return false;
		for (const struct vdisc_device *d = boot_model.devices; d && !up; d = d->next)
			if (d->pci &&
			    (d->pci->header_type & VDISC_PCI_HEADER_LAYOUT_MASK) ==
				    VDISC_PCI_HEADER_BRIDGE &&
			    d->pci->addr.segment == addr->segment &&
			    d->pci->secondary_bus == addr->bus)
				up = d;
		if (!up)
			return false;
		*pin = vdisc_pci_swizzle(*pin, addr->dev);
		*addr = up->pci->addr;
	}
	return true;
}

/* @fn's INTx at the tree's interrupt controller (riscv64/aarch64: the host bridge's
 * interrupt-map, after the swizzle across bridges); false: none (x86, no pin, unresolved). */
static bool intx_(const struct domain_ *dom, const struct vdisc_pci_function *fn,
		  struct vdisc_irq *irq)
{
	struct vdisc_pci_addr addr;
	uint8_t pin;

	return dom->host && fn->interrupt_pin >= 1 && fn->interrupt_pin <= 4 &&
	       root_pin_(fn, dom->host->bus_start, &addr, &pin) &&
	       vdisc_fdt_pci_intx(&boot_model, dom->host, addr, pin, irq) == 0 && irq->controller;
}

static void print_irq_(const struct domain_ *dom, const struct vdisc_pci_function *fn)
{
	struct vdisc_irq irq;

	if (fn->interrupt_pin < 1 || fn->interrupt_pin > 4)
		return;
	if (!dom->host) {
		/* x86: the line the BIOS routed the pin to and wrote in Interrupt Line */
		if (fn->interrupt_line && fn->interrupt_line != 0xff) {
			con_puts(" irq=pic:");
			con_putu(fn->interrupt_line);
		}
		return;
	}
	if (!intx_(dom, fn, &irq))
		return;
	con_puts(" irq=");
	con_puts(irq.controller);
	con_putc(':');
	con_putu(irq.has_line ? irq.line : (irq.ncells ? irq.cells[0] : 0));
}

static void print_function_(const struct domain_ *dom, const struct vdisc_device *d)
{
	const struct vdisc_pci_function *fn = d->pci;

	con_puts("vdisc: dev ");
	con_puts(d->path);
	con_putc(' ');
	con_puthex(fn->vendor_id, 4);
	con_putc(':');
	con_puthex(fn->device_id, 4);
	for (unsigned i = 0; i < fn->nbars; i++) {
		uint64_t cpu = bar_cpu_(dom, &fn->bars[i]);
		if (cpu) {
			con_putc(' ');
			con_putx(cpu);
			break;
		}
	}
	print_irq_(dom, fn);
	con_putc('\n');
}

/* The command register bits @fn's assigned BARs need, plus bus mastering for DMA. */
static int enable_(const struct domain_ *dom, const struct vdisc_pci_function *fn)
{
	uint32_t cmd, want = VDISC_PCI_COMMAND_MASTER;
	int rc;

	for (unsigned i = 0; i < fn->nbars; i++) {
		const struct vdisc_pci_bar *b = &fn->bars[i];
		if (!bar_cpu_(dom, b))
			continue;
		want |= b->type == VDISC_PCI_BAR_IO ? VDISC_PCI_COMMAND_IO
						    : VDISC_PCI_COMMAND_MEMORY;
	}
	rc = dom->ops->read(dom->ops->ctx, fn->addr, VDISC_PCI_COMMAND, 2, &cmd);
	if (rc == 0 && (cmd & want) != want)
		rc = dom->ops->write(dom->ops->ctx, fn->addr, VDISC_PCI_COMMAND, 2, cmd | want);
	return rc;
}

#define MAX_VIRTIO_PCI_ 32
static struct vdisc_virtio_pci_transport modern_t[MAX_VIRTIO_PCI_];
static struct vdisc_virtio_pci_legacy_transport legacy_t[MAX_VIRTIO_PCI_];
static struct vdisc_virtio_dev pci_dev[MAX_VIRTIO_PCI_];
static unsigned npci_virtio;

static void virtio_fail_(const char *name, const char *what, int rc)
{
	con_puts("vdisc: virtio ");
	con_puts(name);
	con_puts(" FAIL:");
	con_puts(what);
	con_puts(" error=");
	con_puti(rc);
	con_putc('\n');
	boot_fail();
}

/* The virtio-pci transport driver: bound to every function of the virtio vendor. */
static int virtio_pci_probe_(struct vdisc_bus_device *bdev, const struct vdisc_match *m, void *ctx)
{
	const struct domain_ *dom = bdev->data;
	const struct vdisc_pci_function *fn = bdev->pci;
	struct vdisc_virtio_pci vp;
	uint64_t base[VDISC_PCI_MAX_BARS];
	int rc;

	(void)m;
	(void)ctx;
	if (vdisc_virtio_pci_identify(fn, &vp) != 0 || vp.kind == VDISC_VIRTIO_PCI_NONE)
		return -VDISC_ENOMATCH;
	if (npci_virtio == MAX_VIRTIO_PCI_) {
		virtio_fail_(bdev->name, "too-many-devices", -VDISC_ENOMEM);
		return -VDISC_ENOMEM;
	}
	struct vdisc_virtio_dev *vdev = &pci_dev[npci_virtio];
	bar_bases_(dom, fn, base);
	if (vp.kind == VDISC_VIRTIO_PCI_LEGACY)
		/* The port, not where the CPU sees it: port I/O goes through the platform's
		 * pio hooks, which know the host bridge's I/O window. */
		rc = vdisc_virtio_pci_legacy_transport_init(&legacy_t[npci_virtio], &boot_platform,
							    fn, io_port_(dom, fn, 0), vdev);
	else
		rc = vdisc_virtio_pci_transport_init(&modern_t[npci_virtio], &boot_platform, fn,
						     base, vdev);
	if (rc) {
		virtio_fail_(bdev->name, "transport-init", rc);
		return rc;
	}
	npci_virtio++;
	/* Only a device the kernel drives becomes a bus master. */
	if (vdev->device_type == VDISC_VIRTIO_ID_BLOCK && (rc = enable_(dom, fn)) != 0) {
		virtio_fail_(bdev->name, "enable", rc);
		return rc;
	}
	struct vdisc_irq intx;
	struct boot_irq_route irq;
	bool wired = intx_(dom, fn, &intx) && boot_irq_route_wired(&intx, &irq);
	boot_virtio_found(bdev, vdev, wired ? &irq : NULL);
	return 0;
}

static const struct vdisc_match virtio_pci_matches_[] = {
	{VDISC_MATCH_PCI_ID(VDISC_VIRTIO_PCI_VENDOR, VDISC_PCI_ANY_ID)},
	{0},
};
static struct vdisc_driver virtio_pci_driver_ = {
	.name = "virtio-pci", .matches = virtio_pci_matches_, .probe = virtio_pci_probe_};

void boot_virtio_pci_driver(void)
{
	if (vdisc_registry_add_driver(&boot_registry, &virtio_pci_driver_) < 0)
		boot_fail();
}

static void enumerate_(const struct domain_ *dom, const struct vdisc_pci_options *opt)
{
	struct vdisc_device *before = boot_model.devices_tail;
	int rc = vdisc_pci_enumerate(dom->ops, opt, &boot_model);

	if (rc) {
		con_puts("vdisc: log PCI enumeration through ");
		con_puts(dom->ops->name);
		con_puts(" failed: ");
		con_puts(vdisc_strerror(rc));
		con_putc('\n');
		boot_fail();
	}
	struct vdisc_device *first = before ? before->next : boot_model.devices;
	for (struct vdisc_device *d = first; d; d = d->next)
		if (d->pci) {
			boot_tally.devices++;
			print_function_(dom, d);
		}
	/* Into the registry, where the virtio-pci driver already waits. */
	for (struct vdisc_device *d = first; d; d = d->next)
		if (d->pci && !boot_register(d, (void *)dom))
			return;
}

void boot_pci_conf1(void)
{
	static struct vdisc_pci_ops ops;
	static struct domain_ dom = {.ops = &ops};
	struct vdisc_pci_options opt = {.scan = VDISC_PCI_SCAN_BRIDGES, .size_bars = true};

	if (vdisc_pci_conf1_ops(&boot_platform, &ops) != 0) {
		con_puts("vdisc: log no port I/O: no conf1\n");
		boot_fail();
		return;
	}
	enumerate_(&dom, &opt);
}

#define MAX_HOSTS_ 4

static void print_assign_(const struct vdisc_fdt_pci_host *h,
			  const struct vdisc_pci_assign_report *rep, int rc)
{
	con_puts("vdisc: log pci host ");
	con_puts(h->device->path);
	con_puts(" ecam=");
	con_putx(h->config_base);
	con_puts(" buses=");
	con_putu(h->bus_start);
	con_putc('-');
	con_putu(rep->last_bus_used);
	con_puts(" assigned=");
	con_putu(rep->bars_assigned);
	con_puts(" failed=");
	con_putu(rep->bars_failed);
	con_puts(" bridges=");
	con_putu(rep->bridges);
	if (rc) {
		con_puts(" error=");
		con_puts(vdisc_strerror(rc));
	}
	con_putc('\n');
}

void boot_pci_from_dt(void)
{
	static struct vdisc_pci_ecam ecam[MAX_HOSTS_];
	static struct vdisc_pci_ops ops[MAX_HOSTS_];
	static struct vdisc_pci_assign_windows windows[MAX_HOSTS_];
	static struct domain_ dom[MAX_HOSTS_];
	unsigned n = 0;

	for (const struct vdisc_fdt_pci_host *h = boot_model.dt.pci_hosts; h; h = h->next) {
		/* Only a real ECAM window: a controller's "config" window is not one. */
		if (!h->ecam)
			continue;
		if (n == MAX_HOSTS_) {
			con_puts("vdisc: log more ECAM host bridges than the kernel handles\n");
			break;
		}
		ecam[n] = (struct vdisc_pci_ecam){.platform = &boot_platform,
						  .base = h->config_base,
						  .segment = h->segment,
						  .bus_start = h->bus_start,
						  .bus_end = h->bus_end,
						  .root_bus_dev0_only = h->ecam_root_dev0_only};
		if (vdisc_pci_ecam_ops(&ecam[n], &ops[n]) != 0 ||
		    vdisc_pci_assign_windows_from_host(h, &windows[n]) != 0)
			continue;
		if (windows[n].io.present)
			boot_set_pio_window(windows[n].io.cpu_base, windows[n].io.pci_base,
					    windows[n].io.size);

		struct vdisc_pci_assign_options aopt = {
			.segment = h->segment, .root_bus = h->bus_start, .last_bus = h->bus_end};
		struct vdisc_pci_assign_report rep;
		int rc = vdisc_pci_assign(&ops[n], &windows[n], &aopt, &rep);
		print_assign_(h, &rep, rc);
		if (rc || rep.bars_failed)
			boot_fail();

		dom[n] = (struct domain_){.ops = &ops[n], .host = h, .windows = &windows[n]};
		struct vdisc_pci_options opt = {.scan = VDISC_PCI_SCAN_BRIDGES,
						.segments = &h->segment,
						.nsegments = 1,
						.root_buses = &h->bus_start,
						.nroot_buses = 1,
						.size_bars = true};
		enumerate_(&dom[n], &opt);
		n++;
	}
}
