/* SPDX-License-Identifier: MIT */
/*
 * vdisc_machine_link: a device tree and a PCI bus joined into one tree.  The
 * tree has QEMU riscv64 virt's shape (a PLIC, an ECAM host with the
 * (slot + pin) % 4 swizzle map); the bus is fake_pci's, with a bridge
 * listed after the function behind it, a bridge whose secondary bus would
 * make a loop, and functions of a segment no tree describes.
 */
#include "fake_pci.h"
#include "model_asserts.h"

#include <vdisc/machine.h>

#define PLIC 1

static void build_tree(struct bb *b)
{
	bb_start(b);
	bb_begin(b, "");
	bb_bus(b, 2, 2);
	bb_string(b, "compatible", "riscv-virtio");
	bb_begin(b, "cpus"); /* no device: its children hang from the root */
	bb_u32(b, "#address-cells", 1);
	bb_u32(b, "#size-cells", 0);
	bb_begin(b, "cpu@0");
	bb_string(b, "compatible", "riscv");
	bb_cells(b, "reg", 0);
	bb_end(b);
	bb_end(b);
	bb_begin(b, "soc");
	bb_string(b, "compatible", "simple-bus");
	bb_bus(b, 2, 2);
	bb_empty(b, "ranges");
	bb_virt_plic(b, PLIC);
	bb_begin(b, "virtio_mmio@10001000");
	bb_string(b, "compatible", "virtio,mmio");
	bb_cells(b, "reg", 0, 0x10001000, 0, 0x1000);
	bb_u32(b, "interrupt-parent", PLIC);
	bb_cells(b, "interrupts", 1);
	bb_end(b);
	bb_virt_pci_host_begin(b, PLIC);
	bb_end(b);
	bb_end(b);
	bb_end(b);
}

static struct fake_pci_fn *add_fn(struct fake_pci *f, struct vdisc_pci_addr a, uint16_t device,
				  uint32_t class_code, uint8_t header, uint8_t pin)
{
	struct fake_pci_fn *fn = fake_pci_add(f, a, 0x1af4, device, class_code, header);

	assert_non_null(fn);
	fake_pci_set8(fn, VDISC_PCI_INTERRUPT_PIN, pin);
	return fn;
}

/*
 * Bus 0: a disk at slot 1 (INTA), a root port at slot 4 whose bus 1 holds a
 * disk, a PCI bridge at slot 5 whose bus 2 holds a disk at slot 3 (listed
 * first: the bridge comes later in the list), and a bridge at slot 6 on bus
 * 0 claiming bus 0 (a loop, refused).  Segment 1 bus 0: one function, no tree.
 */
static struct fake_pci *build_bus(void)
{
	struct fake_pci *f = fake_pci_new();

	assert_non_null(f);
	add_fn(f, FAKE_ADDR(0, 2, 3, 0), 0x1041, 0x020000, 0, 1);
	add_fn(f, FAKE_ADDR(0, 0, 1, 0), 0x1042, 0x010000, 0, 1);
	fake_pci_bus_numbers(add_fn(f, FAKE_ADDR(0, 0, 4, 0), 0x000c, 0x060400, 1, 1), 0, 1, 1);
	add_fn(f, FAKE_ADDR(0, 1, 0, 0), 0x1042, 0x010000, 0, 1);
	fake_pci_bus_numbers(add_fn(f, FAKE_ADDR(0, 0, 5, 0), 0x000e, 0x060400, 1, 1), 0, 2, 2);
	fake_pci_bus_numbers(add_fn(f, FAKE_ADDR(0, 0, 6, 0), 0x000e, 0x060400, 1, 0), 0, 0, 0);
	add_fn(f, FAKE_ADDR(1, 0, 2, 0), 0x1044, 0x00ff00, 0, 0);
	return f;
}

struct joined {
	struct vdisc_model m;
	struct fake_pci *f;
};

static void join(struct joined *j)
{
	struct vdisc_pci_options opt = {.scan = VDISC_PCI_SCAN_LIST};
	struct vdisc_pci_ops ops;
	struct bb b;

	build_tree(&b);
	assert_int_equal(bb_scan(&b, &j->m), 0);
	j->f = build_bus();
	fake_pci_ops(j->f, FAKE_PCI_LIST, &ops);
	assert_int_equal(vdisc_pci_enumerate(&ops, &opt, &j->m), 0);
	assert_int_equal(vdisc_machine_link(&j->m), 0);
}

static const struct vdisc_device *parent_of(const struct vdisc_model *m, const char *path)
{
	const struct vdisc_device *d = find_device(m, path);

	assert_non_null(d);
	return d->parent;
}

static void assert_parent(const struct vdisc_model *m, const char *path, const char *parent)
{
	const struct vdisc_device *p = parent_of(m, path);

	if (!parent) {
		assert_null(p);
		return;
	}
	assert_non_null(p);
	assert_string_equal(p->path, parent);
}

static void test_parents(void **state)
{
	struct joined j;

	(void)state;
	join(&j);
	assert_parent(&j.m, "/", NULL);
	assert_parent(&j.m, "/cpus/cpu@0", "/"); /* /cpus is no device */
	assert_parent(&j.m, "/soc", "/");
	assert_parent(&j.m, "/soc/plic@c000000", "/soc");
	assert_parent(&j.m, "0000:00:01.0", "/soc/pci@30000000");
	assert_parent(&j.m, "0000:01:00.0", "0000:00:04.0");
	assert_parent(&j.m, "0000:02:03.0", "0000:00:05.0"); /* its bridge listed later */
	assert_parent(&j.m, "0000:00:06.0", "/soc/pci@30000000");
	assert_parent(&j.m, "0001:00:02.0", "pci0001:00"); /* no tree host: Linux's name */
	assert_parent(&j.m, "pci0001:00", NULL);
	assert_string_equal(find_device(&j.m, "/")->dt.compatible.items[0], "riscv-virtio");
	fake_pci_free(j.f);
}

static void assert_intx(const struct vdisc_model *m, const char *path, uint32_t line)
{
	const struct vdisc_device *d = find_device(m, path);

	assert_non_null(d);
	assert_int_equal(d->nirqs, 1);
	assert_string_equal(d->irqs[0].controller, "/soc/plic@c000000");
	assert_string_equal(d->irqs[0].via, "/soc/pci@30000000");
	assert_true(d->irqs[0].has_line);
	assert_int_equal(d->irqs[0].line, line);
}

/* QEMU's gpex: line 32 + (slot + pin - 1) % 4 at the root bus, the pin swizzled on the way. */
static void test_intx(void **state)
{
	struct joined j;

	(void)state;
	join(&j);
	assert_intx(&j.m, "0000:00:01.0", 33);
	assert_intx(&j.m, "0000:00:04.0", 32);
	assert_intx(&j.m, "0000:01:00.0", 32); /* INTA at device 0: INTA at the port, slot 4 */
	assert_intx(&j.m, "0000:02:03.0", 32); /* INTA at device 3: INTD at slot 5: (5+3)%4 */
	assert_int_equal(find_device(&j.m, "0000:00:06.0")->nirqs, 0); /* no pin */
	assert_int_equal(find_device(&j.m, "0001:00:02.0")->nirqs, 0); /* no tree */
	fake_pci_free(j.f);
}

static void test_virtio_children(void **state)
{
	const struct vdisc_device *v, *t;
	struct vdisc_device_virtio info = {.device_type = VDISC_VIRTIO_ID_BLOCK};
	struct joined j;

	(void)state;
	join(&j);
	v = vdisc_machine_virtio_of(find_device(&j.m, "0000:00:01.0"));
	assert_non_null(v);
	assert_int_equal(v->bus, VDISC_BUS_VIRTIO);
	assert_string_equal(v->path, "0000:00:01.0/virtio");
	assert_int_equal(v->virtio->device_type, VDISC_VIRTIO_ID_BLOCK);
	assert_int_equal(v->virtio->transport, VDISC_VIRTIO_VIA_PCI_MODERN);
	assert_int_equal(v->virtio->offered.nwords, 0);
	v = vdisc_machine_virtio_of(find_device(&j.m, "0000:02:03.0"));
	assert_non_null(v);
	assert_int_equal(v->virtio->device_type, VDISC_VIRTIO_ID_NET);
	/* The bridges are Red Hat's ids but no virtio: no child. */
	assert_null(vdisc_machine_virtio_of(find_device(&j.m, "0000:00:04.0")));
	/* A file cannot say what a virtio-mmio slot holds: added by who knows. */
	t = find_device(&j.m, "/soc/virtio_mmio@10001000");
	assert_null(vdisc_machine_virtio_of(t));
	info.transport = VDISC_VIRTIO_VIA_MMIO;
	info.mmio_version = 2;
	v = vdisc_machine_add_virtio(&j.m, (struct vdisc_device *)(uintptr_t)t, &info);
	assert_non_null(v);
	assert_ptr_equal(v->parent, t);
	assert_string_equal(v->path, "/soc/virtio_mmio@10001000/virtio");
	/* Again: the same child, updated where the new facts know more. */
	info.device_type = 0;
	info.negotiated.nwords = 1;
	info.negotiated.word[0] = 1u << 9;
	assert_ptr_equal(vdisc_machine_add_virtio(&j.m, (struct vdisc_device *)(uintptr_t)t, &info),
			 v);
	assert_int_equal(v->virtio->device_type, VDISC_VIRTIO_ID_BLOCK);
	assert_int_equal(v->virtio->negotiated.word[0], 1u << 9);
	assert_null(vdisc_machine_add_virtio(&j.m, NULL, &info));
	fake_pci_free(j.f);
}

/* Every device once, parents before children, depth one more than the parent's. */
static void test_walk(void **state)
{
	const struct vdisc_device *d = NULL, *p;
	unsigned depth = 0, seen = 0, ndev = 0;
	struct joined j;

	(void)state;
	join(&j);
	for (p = j.m.devices; p; p = p->next)
		ndev++;
	while ((d = vdisc_machine_next(&j.m, d, &depth))) {
		unsigned up = 0;
		for (p = d->parent; p; p = p->parent)
			up++;
		assert_int_equal(depth, up);
		seen++;
		assert_true(seen <= ndev);
	}
	assert_int_equal(seen, ndev);
	/* Linking again changes nothing. */
	assert_int_equal(vdisc_machine_link(&j.m), 0);
	for (seen = 0, p = j.m.devices; p; p = p->next)
		seen++;
	assert_int_equal(seen, ndev);
	assert_null(vdisc_machine_next(NULL, NULL, NULL));
	assert_int_equal(vdisc_machine_link(NULL), -VDISC_EINVAL);
	fake_pci_free(j.f);
}

/* An arena too small at every point fails cleanly, never writes past it. */
static void test_out_of_memory(void **state)
{
	struct vdisc_pci_options opt = {.scan = VDISC_PCI_SCAN_LIST};
	static _Alignas(16) unsigned char buf[1u << 20];
	struct vdisc_pci_ops ops;
	struct vdisc_arena arena;
	struct vdisc_model m;
	struct fake_pci *f = build_bus();
	size_t need = 0, cap;
	bool linked = false;

	(void)state;
	fake_pci_ops(f, FAKE_PCI_LIST, &ops);
	for (cap = 1024; cap <= sizeof(buf) && !linked; cap += 1024) {
		int r;
		vdisc_arena_init(&arena, buf, cap);
		vdisc_model_init(&m, &arena);
		if (vdisc_pci_enumerate(&ops, &opt, &m) != 0)
			continue;
		r = vdisc_machine_link(&m);
		assert_true(r == 0 || r == -VDISC_ENOMEM);
		assert_true(arena.used <= cap);
		linked = r == 0;
		need = cap;
	}
	assert_true(linked);
	assert_true(need > 1024);
	fake_pci_free(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parents),		cmocka_unit_test(test_intx),
		cmocka_unit_test(test_virtio_children), cmocka_unit_test(test_walk),
		cmocka_unit_test(test_out_of_memory),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
