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

#include <vdisc/irq.h>
#include <vdisc/pci_msix.h>

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

/*
 * @d's INTx at the tree's interrupt controller: what vdisc_machine_link()
 * routed through the bridges and the host's interrupt-map; false: none (x86,
 * no pin, unresolved).
 */
static bool intx_(const struct domain_ *dom, const struct vdisc_device *d, struct vdisc_irq *irq)
{
	if (!dom->host || !d->nirqs || !d->irqs[0].controller)
		return false;
	*irq = d->irqs[0];
	return true;
}

static void print_irq_(const struct domain_ *dom, const struct vdisc_device *d)
{
	const struct vdisc_pci_function *fn = d->pci;
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
	if (!intx_(dom, d, &irq))
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
	print_irq_(dom, d);
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

/*
 * x86: a driven function's interrupts are MSI-X messages to the local APIC:
 * table entry 0 is the configuration vector, entry 1 queue 0's, raising
 * CPU vectors MSIX_VECTOR_BASE_ + 2k and + 2k + 1 for the k-th virtio function
 * (below the timer's 0xef, above the I/O APICs' 0x30..0x6f).
 */
#define MSIX_VECTOR_BASE_ 0x80u
#define MSIX_ENTRY_CONFIG_ 0
#define MSIX_ENTRY_QUEUE0_ 1

static int msix_table_bar_(const struct vdisc_pci_function *fn, uint8_t *bir)
{
	struct vdisc_pci_msix m;
	unsigned guard = 0;

	for (const struct vdisc_pci_cap *c = fn->caps; c && guard < 64; c = c->next, guard++)
		if (!c->extended && c->id == VDISC_PCI_CAP_ID_MSIX) {
			int rc = vdisc_pci_decode_msix(fn, c, &m);
			*bir = m.table_bar;
			return rc;
		}
	return -VDISC_ENOTFOUND;
}

static int msix_route_(const struct domain_ *dom, const struct vdisc_pci_function *fn,
		       struct vdisc_virtio_dev *vdev, unsigned k, struct boot_irq_route *r)
{
	const struct vdisc_irqchip *lapic = boot_irq_lapic();
	uint64_t base[VDISC_PCI_MAX_BARS], addr[2];
	uint32_t data[2];
	uint8_t bir = 0;
	int rc;

	memset(r, 0, sizeof(*r));
	r->msix = true;
	r->config_vector = (uint8_t)(MSIX_VECTOR_BASE_ + 2 * k);
	r->queue_vector = (uint8_t)(r->config_vector + 1);
	if (!lapic || (rc = msix_table_bar_(fn, &bir)) != 0)
		return lapic ? rc : -VDISC_ENOTSUP;
	bar_bases_(dom, fn, base);
	if (bir >= VDISC_PCI_MAX_BARS ||
	    (rc = vdisc_irqchip_msi_message(lapic, r->config_vector, &addr[MSIX_ENTRY_CONFIG_],
					    &data[MSIX_ENTRY_CONFIG_])) != 0 ||
	    (rc = vdisc_irqchip_msi_message(lapic, r->queue_vector, &addr[MSIX_ENTRY_QUEUE0_],
					    &data[MSIX_ENTRY_QUEUE0_])) != 0)
		return bir >= VDISC_PCI_MAX_BARS ? -VDISC_EINVAL : rc;
	rc = vdisc_pci_msix_enable(dom->ops, fn, &boot_platform, base[bir], addr, data, 2);
	if (rc == 0) {
		/* virtio's vectors are table entries (4.1.4.3); set before the queues are */
		vdev->config_vector = MSIX_ENTRY_CONFIG_;
		vdev->queue_vector = MSIX_ENTRY_QUEUE0_;
	}
	return rc;
}

/* The interrupt the kernel routes for a driven function: INTx through the tree's
 * interrupt-map (riscv64, aarch64), MSI-X to the local APIC (x86); false: none. */
static bool route_(const struct domain_ *dom, const struct vdisc_device *d,
		   struct vdisc_virtio_dev *vdev, unsigned k, struct boot_irq_route *r)
{
	struct vdisc_irq intx;
	int rc;

	if (dom->host)
		return intx_(dom, d, &intx) && boot_irq_route_wired(&intx, r);
	rc = msix_route_(dom, d->pci, vdev, k, r);
	if (rc) {
		con_puts("vdisc: log MSI-X not enabled: ");
		con_puts(vdisc_strerror(rc));
		con_putc('\n');
	}
	return rc == 0;
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
	struct boot_irq_route irq;
	bool routed = vdev->device_type == VDISC_VIRTIO_ID_BLOCK &&
		      route_(dom, bdev->dev, vdev, npci_virtio - 1, &irq);
	boot_virtio_found(bdev, vdev, routed ? &irq : NULL);
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

/*
 * vdisc.pcidump: a function's configuration space as `lspci -n -xxxx` prints
 * it (what vdisc pci -F and vdisc scan --pci-dump read), each line after
 * "vdisc: pcidump ": fixtures of machines whose firmware is this kernel.
 */
static void dump_function_(const struct vdisc_pci_function *fn)
{
	con_puts("vdisc: pcidump ");
	if (fn->addr.segment) {
		con_puthex(fn->addr.segment, 4);
		con_putc(':');
	}
	con_puthex(fn->addr.bus, 2);
	con_putc(':');
	con_puthex(fn->addr.dev, 2);
	con_putc('.');
	con_puthex(fn->addr.fn, 1);
	con_putc(' ');
	con_puthex(fn->class_code >> 8, 4);
	con_puts(": ");
	con_puthex(fn->vendor_id, 4);
	con_putc(':');
	con_puthex(fn->device_id, 4);
	if (fn->revision) {
		con_puts(" (rev ");
		con_puthex(fn->revision, 2);
		con_putc(')');
	}
	con_putc('\n');
	for (unsigned off = 0; off < fn->config_size; off += 16) {
		con_puts("vdisc: pcidump ");
		con_puthex(off, off < 0x100 ? 2 : 3);
		con_putc(':');
		for (unsigned i = 0; i < 16 && off + i < fn->config_size; i++) {
			con_putc(' ');
			con_puthex(fn->config[off + i], 2);
		}
		con_putc('\n');
	}
	con_puts("vdisc: pcidump\n");
}

/* The functions each domain's enumeration added: printed and registered once the tree is linked. */
#define MAX_DOMAINS_ 4
static struct {
	const struct domain_ *dom;
	struct vdisc_device *first, *last;
} found_[MAX_DOMAINS_];
static unsigned nfound_;

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
	if (nfound_ == MAX_DOMAINS_ || boot_model.devices_tail == before)
		return;
	found_[nfound_].dom = dom;
	found_[nfound_].first = before ? before->next : boot_model.devices;
	found_[nfound_++].last = boot_model.devices_tail;
}

/*
 * Every domain enumerated: the machine's tree is linked (each function's
 * INTx routed to its controller line), then the functions are printed and
 * handed to the registry, where the virtio-pci driver already waits.
 */
static void link_and_register_(void)
{
	int rc = vdisc_machine_link(&boot_model);

	if (rc) {
		con_puts("vdisc: log linking the machine's tree failed: ");
		con_puts(vdisc_strerror(rc));
		con_putc('\n');
		boot_fail();
		return;
	}
	for (unsigned i = 0; i < nfound_; i++)
		for (struct vdisc_device *d = found_[i].first; d;
		     d = d == found_[i].last ? NULL : d->next)
			if (d->pci) {
				boot_tally.devices++;
				print_function_(found_[i].dom, d);
				if (boot_option("vdisc.pcidump"))
					dump_function_(d->pci);
			}
	for (unsigned i = 0; i < nfound_; i++)
		for (struct vdisc_device *d = found_[i].first; d;
		     d = d == found_[i].last ? NULL : d->next)
			if (d->pci && !boot_register(d, (void *)found_[i].dom))
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
	link_and_register_();
}

#define MAX_HOSTS_ MAX_DOMAINS_

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
		static struct vdisc_pci_assign_workspace aws; /* the tables, off the boot stack */
		int rc = vdisc_pci_assign(&ops[n], &windows[n], &aopt, &aws, &rep);
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
	link_and_register_();
}
