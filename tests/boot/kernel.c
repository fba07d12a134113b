/* SPDX-License-Identifier: MIT */
/*
 * vdisc boot test: a tiny kernel around the freestanding library.
 *
 * Entered (from tests/boot/<arch>/start.S) with the device tree blob, or
 * NULL on x86.  With a tree, the console (/chosen stdout-path: ns16550 or
 * PL011), the clock (the architecture's, or /cpus timebase-frequency) and
 * the poweroff device (sifive,test) come from it, and PCI is reached
 * through its ECAM host bridges; without one, the console is the BIOS's
 * COM1, the interrupt controllers come from ACPI's MADT, virtio-mmio
 * devices from the loader's command line (virtio_mmio.device=, as QEMU's
 * microvm passes them) and PCI is conf1 at port 0xCF8.  Every device found is printed;
 * every virtio-blk device (MMIO or PCI) is initialised and checked with
 * vdisc_blk_check, polled and then interrupt-driven (blk_irq_boot.c); the
 * one-shot timer's wake-ups are measured (irq_boot.c); the kernel powers
 * off with pass when nothing failed.
 *
 * Output contract (one line each):
 *   vdisc: dev <path-or-slot> <compatible-or-vendor:device> [0x<address>] [irq=<controller>:<n>]
 *   vdisc: virtio <path-or-slot> type=<name> transport=<mmio-v1|mmio-v2|pci-modern|pci-legacy>
 *          features=0x<accepted> offered=0x<offered>
 *   vdisc: blk <path-or-slot> capacity=<sectors> blk_size=<bytes> ro=<0|1> serial=<id|->
 *          check=<ok|FAIL:<reason> error=<e> sector=<s> blk_status=<b> dev_status=<d> sectors=...>
 *   vdisc: irq <path-or-slot> chip=<plic|gicv2|gicv3|ioapic|msix> line=<n> [masked]
 *          check=<ok|FAIL:<what> error=<e>> completions=<n> by_irq=<n> spurious=<n>
 *          (each disk whose check passed, run again interrupt-driven; "chip=none
 *          check=skipped" where no interrupt route is known)
 *   vdisc: irq timer wakeups=<n> sleeps=<n> asked_us=<us> min_us=<us> max_us=<us>
 *          timer=<clint-mtimecmp|cntv|lapic-oneshot|none> spurious=<n> check=<ok|FAIL>
 *   vdisc: done devices=<n> virtio=<n> blk=<n> failures=<n>
 * and "vdisc: boot ..." / "vdisc: log ..." lines for context.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <libfdt.h>

#include "arch.h"
#include "boot.h"
#include "console.h"

#include <vdisc/irq.h>

static unsigned char arena_buf[512 * 1024] __attribute__((aligned(16)));
struct vdisc_arena boot_arena;
struct vdisc_model boot_model;
struct vdisc_registry boot_registry;
struct boot_tally boot_tally;
static uint64_t poweroff_base;

void boot_fail(void)
{
	boot_tally.failures++;
}

bool boot_option(const char *word)
{
	const char *p = boot_model.dt.bootargs ? boot_model.dt.bootargs : arch_boot_cmdline();
	size_t n = strlen(word);

	for (unsigned guard = 0; p && *p && guard < 4096; guard++) {
		while (*p == ' ')
			p++;
		const char *end = strchr(p, ' ');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		if (len == n && strncmp(p, word, n) == 0)
			return true;
		p += len;
	}
	return false;
}

static void __attribute__((noreturn)) finish(bool pass, unsigned code)
{
	arch_poweroff(poweroff_base, pass, code);
}

void kernel_trap(uint64_t cause, uint64_t pc, uint64_t val)
{
	con_puts("\nvdisc: TRAP cause=");
	con_putx(cause);
	con_puts(" pc=");
	con_putx(pc);
	con_puts(" tval=");
	con_putx(val);
	con_putc('\n');
	finish(false, 99);
}

/* ---- the device tree ---------------------------------------------------------- */

static const struct vdisc_device *find_device(const char *path)
{
	for (const struct vdisc_device *d = boot_model.devices; d; d = d->next)
		if (path && strcmp(d->path, path) == 0)
			return d;
	return NULL;
}

static bool prop_u32(const void *fdt, int node, const char *name, uint64_t *out)
{
	int len;
	const fdt32_t *p = fdt_getprop(fdt, node, name, &len);
	if (!p)
		return false;
	if (len == 4)
		*out = fdt32_to_cpu(p[0]);
	else if (len == 8)
		*out = ((uint64_t)fdt32_to_cpu(p[0]) << 32) | fdt32_to_cpu(p[1]);
	else
		return false;
	return true;
}

static void find_console(const void *fdt)
{
	const struct vdisc_device *d = find_device(boot_model.dt.stdout_node);
	if (!d || !d->nregs || !d->regs[0].translated)
		return;
	if (vdisc_strlist_contains(&d->dt.compatible, "arm,pl011")) {
		console_pl011(d->regs[0].address);
		return;
	}
	if (!vdisc_strlist_contains(&d->dt.compatible, "ns16550a") &&
	    !vdisc_strlist_contains(&d->dt.compatible, "ns16550"))
		return;
	uint64_t shift = 0, width = 1;
	int node = fdt_path_offset(fdt, d->path);
	if (node >= 0) {
		prop_u32(fdt, node, "reg-shift", &shift);
		prop_u32(fdt, node, "reg-io-width", &width);
	}
	console_ns16550_mmio(d->regs[0].address, (unsigned)shift, (unsigned)width);
}

static uint64_t dt_timebase(const void *fdt)
{
	uint64_t hz = 0;
	int cpus = fdt_path_offset(fdt, "/cpus");
	if (cpus < 0)
		return 0;
	if (prop_u32(fdt, cpus, "timebase-frequency", &hz))
		return hz;
	int cpu;
	fdt_for_each_subnode (cpu, fdt, cpus)
		if (prop_u32(fdt, cpu, "timebase-frequency", &hz))
			return hz;
	return 0;
}

static void find_poweroff(void)
{
	for (const struct vdisc_device *d = boot_model.devices; d; d = d->next)
		if ((vdisc_strlist_contains(&d->dt.compatible, "sifive,test1") ||
		     vdisc_strlist_contains(&d->dt.compatible, "sifive,test0")) &&
		    d->nregs && d->regs[0].translated) {
			poweroff_base = d->regs[0].address;
			return;
		}
}

static void print_dt_device(const struct vdisc_device *d)
{
	con_puts("vdisc: dev ");
	con_puts(d->path);
	con_putc(' ');
	con_putw(d->dt.compatible.count ? d->dt.compatible.items[0] : NULL);
	if (d->nregs && d->regs[0].translated) {
		con_putc(' ');
		con_putx(d->regs[0].address);
	}
	if (d->nirqs && d->irqs[0].controller) {
		con_puts(" irq=");
		con_puts(d->irqs[0].controller);
		con_putc(':');
		con_putu(d->irqs[0].has_line ? d->irqs[0].line
					     : (d->irqs[0].ncells ? d->irqs[0].cells[0] : 0));
	}
	con_putc('\n');
}

/* ---- main ----------------------------------------------------------------------- */

static void print_boot(const void *dtb, size_t size)
{
	con_puts("vdisc: boot dtb=");
	if (dtb)
		con_putx((uint64_t)(uintptr_t)dtb);
	else
		con_putc('-');
	con_puts(" size=");
	con_putu(size);
	con_puts(" entry=");
	con_puts(arch_boot_protocol());
	con_puts(" console=");
	con_putw(dtb ? boot_model.dt.stdout_node : "com1");
	con_puts(" timebase=");
	con_putu(boot_timebase());
	con_puts(" poweroff=");
	if (poweroff_base)
		con_putx(poweroff_base);
	else
		con_putc('-');
	con_puts(" diags=");
	con_putu(boot_model.ndiags);
	con_putc('\n');
}

bool boot_register(const struct vdisc_device *d, void *data)
{
	struct vdisc_bus_device *b =
		vdisc_arena_alloc(&boot_arena, sizeof(*b), _Alignof(struct vdisc_bus_device));

	if (!b || vdisc_bus_device_from_model(b, d) != 0) {
		con_puts("vdisc: log out of arena for the registry\n");
		boot_fail();
		return false;
	}
	b->data = data;
	if (vdisc_registry_add_device(&boot_registry, b) < 0)
		boot_fail();
	return true;
}

static bool enabled_(const struct vdisc_device *d)
{
	return !d->dt.status || strcmp(d->dt.status, "okay") == 0 ||
	       strcmp(d->dt.status, "ok") == 0;
}

/* The interrupt controllers first, as Linux brings up its irqchips before the devices
 * that use them: the registry's irqchip driver binds them as they come. */
static void controllers_from_dtb(void)
{
	for (const struct vdisc_device *d = boot_model.devices; d; d = d->next)
		if (enabled_(d) && (d->dt.flags & VDISC_DEV_INTERRUPT_CONTROLLER) &&
		    !boot_register(d, NULL))
			return;
}

/* Every other enabled node into the registry; the virtio-mmio driver comes after them. */
static void from_dtb(void)
{
	for (const struct vdisc_device *d = boot_model.devices; d; d = d->next) {
		print_dt_device(d);
		boot_tally.devices++;
	}
	for (const struct vdisc_device *d = boot_model.devices; d; d = d->next) {
		if (!enabled_(d) || (d->dt.flags & VDISC_DEV_INTERRUPT_CONTROLLER))
			continue;
		if (!boot_register(d, NULL))
			return;
	}
	boot_virtio_mmio_driver();
	boot_pci_from_dt();
}

/* ---- no device tree: ACPI and the command line ------------------------------------ */

struct boot_acpi boot_acpi;

/* "cmdline:virtio_mmio@<hex base>" in the arena (the name the contract lines carry). */
static const char *cmdline_name_(uint64_t base)
{
	static const char prefix[] = "cmdline:virtio_mmio@";
	char *s = vdisc_arena_alloc(&boot_arena, sizeof(prefix) + 16, 1);
	unsigned n = sizeof(prefix) - 1, digits = 1;

	if (!s)
		return NULL;
	memcpy(s, prefix, n);
	while (digits < 16 && base >> (4 * digits))
		digits++;
	while (digits--)
		s[n++] = "0123456789abcdef"[(base >> (4 * digits)) & 0xf];
	s[n] = '\0';
	return s;
}

/* The I/O APIC serving global system interrupt @gsi, as a controller name, and @gsi's pin
 * there; NULL: none. */
static const char *ioapic_pin_(uint32_t gsi, uint32_t *pin)
{
	static const char *const names[BOOT_ACPI_MAX_IOAPICS] = {"ioapic0", "ioapic1", "ioapic2",
								 "ioapic3"};
	const struct vdisc_irqchip *c;

	for (unsigned i = 0; i < boot_acpi.nioapic && i < BOOT_ACPI_MAX_IOAPICS; i++)
		if (gsi >= boot_acpi.ioapic[i].gsi_base && (c = boot_irq_chip(names[i])) &&
		    gsi - boot_acpi.ioapic[i].gsi_base < c->nlines) {
			*pin = gsi - boot_acpi.ioapic[i].gsi_base;
			return names[i];
		}
	return NULL;
}

/* One virtio_mmio.device= as a model device the virtio-mmio driver binds, as a DT node. */
static struct vdisc_device *cmdline_device_(const struct vdisc_virtio_mmio_param *p)
{
	const char *name = cmdline_name_(p->base);
	struct vdisc_device *d =
		name ? vdisc_machine_add_virtio_mmio(&boot_model, name, p->base, p->size, p->irq)
		     : NULL;
	struct vdisc_irq *irq = d ? &d->irqs[0] : NULL;
	uint16_t flags;

	if (!d)
		return NULL;
	/* An ISA IRQ (below 16) goes through the tables' overrides to its GSI. */
	uint32_t gsi = p->irq < 16 ? boot_acpi_isa_gsi(&boot_acpi, p->irq, &flags) : p->irq;
	irq->controller = ioapic_pin_(gsi, &irq->line);
	irq->has_line = irq->controller != NULL;
	irq->cells[0] = irq->line;
	irq->error = irq->controller ? 0 : -VDISC_ENOTFOUND;
	return d;
}

/* The interrupt controllers of ACPI's MADT (pc/q35, microvm) or the MP table (microvm with
 * acpi=off, where QEMU passes its virtio-mmio devices on the command line). */
static void from_acpi_(void)
{
	if (boot_acpi_scan(arch_boot_rsdp(), &boot_acpi) == 0)
		boot_acpi_print(&boot_acpi);
	else
		con_puts("vdisc: log no ACPI MADT or MP table\n");
}

#define MAX_CMDLINE_MMIO_ 32

/* virtio_mmio.device= entries of the loader's command line into the registry, then the
 * virtio-mmio driver, as from_dtb does with the tree's nodes. */
static void from_cmdline(void)
{
	struct vdisc_virtio_mmio_param p[MAX_CMDLINE_MMIO_];
	const char *cmd = arch_boot_cmdline();
	size_t bad = 0;
	int n;

	con_puts("vdisc: log cmdline=");
	con_putw(cmd);
	con_putc('\n');
	if (!cmd)
		return;
	n = vdisc_virtio_mmio_cmdline(cmd, p, MAX_CMDLINE_MMIO_, &bad);
	if (n < 0 || n > MAX_CMDLINE_MMIO_) {
		con_puts("vdisc: log cmdline: ");
		con_puts(n < 0 ? "malformed virtio_mmio.device= at "
			       : "too many virtio_mmio.device= ");
		con_putu(n < 0 ? bad : (uint64_t)n);
		con_putc('\n');
		boot_fail();
		n = n < 0 ? 0 : MAX_CMDLINE_MMIO_;
	}
	for (int i = 0; i < n; i++) {
		struct vdisc_device *d = cmdline_device_(&p[i]);
		if (!d) {
			con_puts("vdisc: log out of arena for the command line's devices\n");
			boot_fail();
			return;
		}
		print_dt_device(d);
		boot_tally.devices++;
		if (!boot_register(d, NULL))
			return;
	}
	boot_virtio_mmio_driver();
}

void kernel_main(const void *dtb)
{
	size_t size = 0;
	uint64_t hz = arch_timebase_hz();

	vdisc_arena_init(&boot_arena, arena_buf, sizeof(arena_buf));
	vdisc_model_init(&boot_model, &boot_arena);
	if (dtb) {
		if (fdt_magic(dtb) != FDT_MAGIC)
			finish(false, 2);
		size = fdt_totalsize(dtb);
		/* No console without the scan: the fail code says it. */
		if (vdisc_fdt_scan(dtb, size, &boot_model))
			finish(false, 3);
		find_console(dtb);
		find_poweroff();
		if (!hz)
			hz = dt_timebase(dtb);
	} else {
		console_ns16550_pio(arch_legacy_console_port());
	}
	boot_set_timebase(hz);
	if (!console_ready())
		finish(false, 4);

	print_boot(dtb, size);
	if (!hz) {
		con_puts("vdisc: log no timebase: timeouts cannot work\n");
		boot_fail();
	}
	vdisc_registry_init(&boot_registry);
	boot_irq_driver();
	if (dtb)
		controllers_from_dtb();
	else
		from_acpi_();
	boot_irq_init(dtb != NULL, boot_acpi.lapic_base);
	boot_blk_driver();
	boot_virtio_pci_driver();
	if (dtb)
		from_dtb();
	else {
		from_cmdline();
		boot_pci_conf1();
	}
	boot_virtio_leftovers();
	boot_irq_timer_check();

	con_puts("vdisc: done devices=");
	con_putu(boot_tally.devices);
	con_puts(" virtio=");
	con_putu(boot_tally.virtio);
	con_puts(" blk=");
	con_putu(boot_tally.blk);
	con_puts(" failures=");
	con_putu(boot_tally.failures);
	con_putc('\n');
	finish(boot_tally.failures == 0, boot_tally.failures > 255 ? 255 : boot_tally.failures);
}
