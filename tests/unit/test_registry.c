/* SPDX-License-Identifier: MIT */
/*
 * The driver registry: the later arrival probes the earlier ones, in
 * registration order; declines and failures move on to the next driver;
 * DT, PCI and virtio match tables; adds from inside a probe are queued
 * (probes never nest) and bind as the same adds made one after another
 * would; removal calls remove() and unbinds.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include <vdisc/vdisc.h>

#define LOG_MAX 256

/* Every probe call, in order, and how deeply probes nested. */
struct tlog {
	unsigned n, depth, max_depth;
	const struct vdisc_driver *drv[LOG_MAX];
	const struct vdisc_bus_device *dev[LOG_MAX];
	const struct vdisc_match *match[LOG_MAX];
};

struct tdrv {
	struct vdisc_driver drv;
	struct tlog *log;
	int ret; /* what probe returns, unless @action decides */
	/* Runs inside probe (adds, removes, ...); its result is the probe's. */
	int (*action)(struct tdrv *t, struct vdisc_bus_device *bdev);
	void (*on_remove)(struct tdrv *t, struct vdisc_bus_device *bdev);
	void *arg;
	unsigned nremove;
};

static int t_probe(struct vdisc_bus_device *bdev, const struct vdisc_match *m, void *ctx)
{
	struct tdrv *t = ctx;
	struct tlog *log = t->log;
	int ret;

	assert_non_null(m);
	assert_null(bdev->driver); /* never probed once bound */
	assert_true(log->n < LOG_MAX);
	log->drv[log->n] = &t->drv;
	log->dev[log->n] = bdev;
	log->match[log->n] = m;
	log->n++;
	if (++log->depth > log->max_depth)
		log->max_depth = log->depth;
	ret = t->action ? t->action(t, bdev) : t->ret;
	log->depth--;
	if (ret == 0)
		bdev->driver_data = t;
	return ret;
}

static void t_remove(struct vdisc_bus_device *bdev, void *ctx)
{
	struct tdrv *t = ctx;

	assert_ptr_equal(bdev->driver, &t->drv);
	assert_ptr_equal(bdev->driver_data, t);
	t->nremove++;
	if (t->on_remove)
		t->on_remove(t, bdev);
}

static void tdrv_init(struct tdrv *t, const char *name, const struct vdisc_match *ids, int ret,
		      struct tlog *log)
{
	memset(t, 0, sizeof(*t));
	t->drv.name = name;
	t->drv.matches = ids;
	t->drv.probe = t_probe;
	t->drv.remove = t_remove;
	t->drv.ctx = t;
	t->ret = ret;
	t->log = log;
}

static void dt_dev_(struct vdisc_bus_device *b, const char *name, const char *const *compat,
		    uint32_t n)
{
	vdisc_bus_device_init(b, VDISC_BUS_DT, name);
	b->compatible.items = compat;
	b->compatible.count = n;
}

/* A DT device with the given compatible strings (the array lives in the calling block). */
#define DT_DEV(b, name, ...)                                     \
	dt_dev_((b), (name), (const char *const[]){__VA_ARGS__}, \
		(uint32_t)(sizeof((const char *const[]){__VA_ARGS__}) / sizeof(const char *)))

static void pci_dev(struct vdisc_bus_device *b, struct vdisc_pci_function *fn, const char *name,
		    uint16_t vendor, uint16_t device, uint32_t class_code)
{
	memset(fn, 0, sizeof(*fn));
	fn->vendor_id = vendor;
	fn->device_id = device;
	fn->class_code = class_code;
	vdisc_bus_device_init(b, VDISC_BUS_PCI, name);
	b->pci = fn;
}

static const struct vdisc_match uart_ids[] = {
	{VDISC_MATCH_COMPATIBLE("ns16550a")},
	{0},
};

/* Driver first: each device is probed as it arrives, and only if the table matches. */
static void test_driver_then_devices(void **state)
{
	struct vdisc_registry reg;
	struct vdisc_bus_device a, b, c;
	struct tlog log = {0};
	struct tdrv uart;

	(void)state;
	vdisc_registry_init(&reg);
	tdrv_init(&uart, "uart", uart_ids, 0, &log);
	assert_int_equal(vdisc_registry_add_driver(&reg, &uart.drv), 0);
	assert_int_equal(log.n, 0);

	DT_DEV(&a, "/soc/serial@1000", "ns16550a");
	DT_DEV(&b, "/soc/rtc@2000", "google,goldfish-rtc");
	DT_DEV(&c, "/soc/serial@3000", "snps,dw-apb-uart", "ns16550a");
	assert_int_equal(vdisc_registry_add_device(&reg, &a), 1);
	assert_ptr_equal(a.driver, &uart.drv);
	assert_ptr_equal(a.driver_data, &uart);
	assert_int_equal(a.probe_error, 0);
	assert_int_equal(vdisc_registry_add_device(&reg, &b), 0);
	assert_null(b.driver);
	assert_int_equal(vdisc_registry_add_device(&reg, &c), 1);
	assert_ptr_equal(c.driver, &uart.drv);

	assert_int_equal(log.n, 2);
	assert_ptr_equal(log.dev[0], &a);
	assert_ptr_equal(log.match[0], &uart_ids[0]);
	assert_ptr_equal(log.dev[1], &c);
	assert_int_equal(reg.ndevices, 3);
	assert_int_equal(reg.ndrivers, 1);
	assert_int_equal(log.max_depth, 1);
}

/* Devices first: the driver probes every unbound device it matches, in registration order. */
static void test_devices_then_driver(void **state)
{
	struct vdisc_registry reg;
	struct vdisc_bus_device a, b, c, d;
	struct tlog log = {0};
	struct tdrv uart;

	(void)state;
	vdisc_registry_init(&reg);
	DT_DEV(&a, "/a", "ns16550a");
	DT_DEV(&b, "/b", "arm,pl011");
	DT_DEV(&c, "/c", "ns16550a");
	assert_int_equal(vdisc_registry_add_device(&reg, &a), 0);
	assert_int_equal(vdisc_registry_add_device(&reg, &b), 0);
	assert_int_equal(vdisc_registry_add_device(&reg, &c), 0);
	assert_null(a.driver);

	tdrv_init(&uart, "uart", uart_ids, 0, &log);
	assert_int_equal(vdisc_registry_add_driver(&reg, &uart.drv), 2);
	assert_int_equal(log.n, 2);
	assert_ptr_equal(log.dev[0], &a);
	assert_ptr_equal(log.dev[1], &c);
	assert_ptr_equal(a.driver, &uart.drv);
	assert_null(b.driver);
	assert_ptr_equal(c.driver, &uart.drv);

	/* And a device arriving later still meets the driver. */
	DT_DEV(&d, "/d", "ns16550a");
	assert_int_equal(vdisc_registry_add_device(&reg, &d), 1);
	assert_ptr_equal(d.driver, &uart.drv);
	assert_int_equal(log.n, 3);
}

/* -VDISC_ENOMATCH and -VDISC_ENOTSUP decline without leaving an error; the next driver binds. */
static void test_first_declines(void **state)
{
	struct vdisc_registry reg;
	struct vdisc_bus_device a, b;
	struct tlog log = {0};
	struct tdrv d1, d2, d3;

	(void)state;
	vdisc_registry_init(&reg);
	tdrv_init(&d1, "picky", uart_ids, -VDISC_ENOMATCH, &log);
	tdrv_init(&d2, "old", uart_ids, -VDISC_ENOTSUP, &log);
	tdrv_init(&d3, "generic", uart_ids, 0, &log);
	DT_DEV(&a, "/a", "ns16550a");
	assert_int_equal(vdisc_registry_add_device(&reg, &a), 0);
	assert_int_equal(vdisc_registry_add_driver(&reg, &d1.drv), 0);
	assert_int_equal(vdisc_registry_add_driver(&reg, &d2.drv), 0);
	assert_null(a.driver);
	assert_null(a.driver_data);
	assert_int_equal(vdisc_registry_add_driver(&reg, &d3.drv), 1);
	assert_ptr_equal(a.driver, &d3.drv);
	assert_int_equal(a.probe_error, 0);

	/* The other order: one device pass tries the three in turn. */
	DT_DEV(&b, "/b", "ns16550a");
	log.n = 0;
	assert_int_equal(vdisc_registry_add_device(&reg, &b), 1);
	assert_int_equal(log.n, 3);
	assert_ptr_equal(log.drv[0], &d1.drv);
	assert_ptr_equal(log.drv[1], &d2.drv);
	assert_ptr_equal(log.drv[2], &d3.drv);
	assert_ptr_equal(b.driver, &d3.drv);
	assert_int_equal(b.probe_error, 0);
}

static int set_data_then_fail(struct tdrv *t, struct vdisc_bus_device *bdev)
{
	bdev->driver_data = t;
	return t->ret;
}

/* A failed probe is recorded; the next driver is still tried, and the record stays. */
static void test_probe_error_then_next_binds(void **state)
{
	struct vdisc_registry reg;
	struct vdisc_bus_device a, b;
	struct tlog log = {0};
	struct tdrv broken, slow, good;

	(void)state;
	vdisc_registry_init(&reg);
	tdrv_init(&broken, "broken", uart_ids, -VDISC_EIO, &log);
	broken.action = set_data_then_fail;
	tdrv_init(&slow, "slow", uart_ids, -VDISC_ETIMEDOUT, &log);
	tdrv_init(&good, "good", uart_ids, 0, &log);
	assert_int_equal(vdisc_registry_add_driver(&reg, &broken.drv), 0);
	DT_DEV(&a, "/a", "ns16550a");
	assert_int_equal(vdisc_registry_add_device(&reg, &a), 0);
	assert_int_equal(a.probe_error, -VDISC_EIO);
	assert_null(a.driver_data); /* a failed probe's leftovers are cleared */
	assert_int_equal(vdisc_registry_add_driver(&reg, &slow.drv), 0);
	assert_int_equal(a.probe_error, -VDISC_ETIMEDOUT); /* the last failure */
	assert_int_equal(vdisc_registry_add_driver(&reg, &good.drv), 1);
	assert_ptr_equal(a.driver, &good.drv);
	assert_int_equal(a.probe_error, -VDISC_ETIMEDOUT);

	/* Positive results are not "bound" either. */
	DT_DEV(&b, "/b", "ns16550a");
	broken.ret = 7;
	assert_int_equal(vdisc_registry_add_device(&reg, &b), 1);
	assert_ptr_equal(b.driver, &good.drv);
	assert_int_equal(b.probe_error, -VDISC_ETIMEDOUT);
	assert_int_equal(log.n, 6);
}

/* PCI entries: exact ids, VDISC_PCI_ANY_ID on either side, class under a mask, and both. */
static void test_pci_wildcard_and_class(void **state)
{
	static const struct vdisc_match intel_any[] = {
		{VDISC_MATCH_PCI_ID(0x8086, VDISC_PCI_ANY_ID)}, {0}};
	static const struct vdisc_match any_1042[] = {
		{VDISC_MATCH_PCI_ID(VDISC_PCI_ANY_ID, 0x1042)}, {0}};
	static const struct vdisc_match nvme[] = {{VDISC_MATCH_PCI_CLASS(0x010802, 0xffffff)}, {0}};
	static const struct vdisc_match storage[] = {{VDISC_MATCH_PCI_CLASS(0x010000, 0xff0000)},
						     {0}};
	static const struct vdisc_match intel_net[] = {
		{VDISC_MATCH_PCI_ID(0x8086, VDISC_PCI_ANY_ID), .class_code = 0x020000,
		 .class_mask = 0xff0000},
		{0}};
	static const struct vdisc_match e1000[] = {{VDISC_MATCH_PCI_ID(0x8086, 0x100e)}, {0}};
	struct vdisc_pci_function fblk, fnvme, fnet;
	struct vdisc_bus_device blk, nv, net, dt;
	struct vdisc_registry reg;
	struct tlog log = {0};
	struct tdrv d_store, d_net;

	(void)state;
	pci_dev(&blk, &fblk, "0000:00:01.0", 0x1af4, 0x1042, 0x010000);
	pci_dev(&nv, &fnvme, "0000:00:02.0", 0x8086, 0x5845, 0x010802);
	pci_dev(&net, &fnet, "0000:00:03.0", 0x8086, 0x100e, 0x020000);
	DT_DEV(&dt, "/pci", "pci-host-ecam-generic");

	tdrv_init(&d_store, "x", intel_any, 0, &log);
	assert_null(vdisc_registry_match(&d_store.drv, &blk));
	assert_non_null(vdisc_registry_match(&d_store.drv, &nv));
	assert_non_null(vdisc_registry_match(&d_store.drv, &net));
	assert_null(vdisc_registry_match(&d_store.drv, &dt)); /* no PCI function: no PCI match */
	d_store.drv.matches = any_1042;
	assert_non_null(vdisc_registry_match(&d_store.drv, &blk));
	assert_null(vdisc_registry_match(&d_store.drv, &nv));
	d_store.drv.matches = nvme;
	assert_null(vdisc_registry_match(&d_store.drv, &blk));
	assert_non_null(vdisc_registry_match(&d_store.drv, &nv));
	d_store.drv.matches = intel_net;
	assert_null(vdisc_registry_match(&d_store.drv, &nv));
	assert_non_null(vdisc_registry_match(&d_store.drv, &net));
	d_store.drv.matches = e1000;
	assert_null(vdisc_registry_match(&d_store.drv, &nv));
	assert_ptr_equal(vdisc_registry_match(&d_store.drv, &net), &e1000[0]);

	/* In a registry: the storage-class driver takes both disks, the NIC driver the NIC. */
	vdisc_registry_init(&reg);
	tdrv_init(&d_store, "storage", storage, 0, &log);
	tdrv_init(&d_net, "intel-net", intel_net, 0, &log);
	assert_int_equal(vdisc_registry_add_device(&reg, &blk), 0);
	assert_int_equal(vdisc_registry_add_device(&reg, &nv), 0);
	assert_int_equal(vdisc_registry_add_device(&reg, &net), 0);
	assert_int_equal(vdisc_registry_add_device(&reg, &dt), 0);
	assert_int_equal(vdisc_registry_add_driver(&reg, &d_net.drv), 1);
	assert_int_equal(vdisc_registry_add_driver(&reg, &d_store.drv), 2);
	assert_ptr_equal(blk.driver, &d_store.drv);
	assert_ptr_equal(nv.driver, &d_store.drv);
	assert_ptr_equal(net.driver, &d_net.drv);
	assert_null(dt.driver);
	assert_int_equal(log.n, 3);
}

/* The entry handed to probe names the device's most specific compatible the table knows. */
static void test_compatible_order(void **state)
{
	static const struct vdisc_match ids[] = {
		{VDISC_MATCH_COMPATIBLE("acme,uart-v1")},
		{VDISC_MATCH_COMPATIBLE("ns16550a")},
		{VDISC_MATCH_COMPATIBLE("acme,uart-v2")},
		{0},
	};
	static const struct vdisc_match specific_ids[] = {
		{VDISC_MATCH_COMPATIBLE("acme,uart-v2")},
		{0},
	};
	struct vdisc_bus_device v2, second, none;
	struct vdisc_registry reg;
	struct tlog log = {0};
	struct tdrv acme, generic, specific;

	(void)state;
	vdisc_registry_init(&reg);
	tdrv_init(&acme, "acme-uart", ids, 0, &log);
	assert_int_equal(vdisc_registry_add_driver(&reg, &acme.drv), 0);

	/* Both strings are in the table: the device's first one wins, not the table's order. */
	DT_DEV(&v2, "/v2", "acme,uart-v2", "ns16550a");
	assert_ptr_equal(vdisc_registry_match(&acme.drv, &v2), &ids[2]);
	assert_int_equal(vdisc_registry_add_device(&reg, &v2), 1);
	assert_ptr_equal(log.match[0], &ids[2]);

	/* Only the device's second string is known. */
	DT_DEV(&second, "/second", "foo,bar", "ns16550a");
	assert_int_equal(vdisc_registry_add_device(&reg, &second), 1);
	assert_ptr_equal(log.match[1], &ids[1]);
	assert_ptr_equal(second.driver, &acme.drv);

	DT_DEV(&none, "/none", "foo,bar", "foo,baz");
	assert_int_equal(vdisc_registry_add_device(&reg, &none), 0);
	assert_int_equal(log.n, 2);

	/*
	 * Between drivers, registration order decides, as in Linux: a generic
	 * driver registered first takes the device a specific one would match
	 * better.
	 */
	vdisc_registry_init(&reg);
	log.n = 0;
	tdrv_init(&generic, "generic", uart_ids, 0, &log);
	tdrv_init(&specific, "specific", specific_ids, 0, &log);
	assert_int_equal(vdisc_registry_add_driver(&reg, &generic.drv), 0);
	assert_int_equal(vdisc_registry_add_driver(&reg, &specific.drv), 0);
	assert_int_equal(vdisc_registry_add_device(&reg, &v2), 1);
	assert_ptr_equal(v2.driver, &generic.drv);
	assert_int_equal(log.n, 1);
}

/* Virtio entries match the device type, any type, or only devices of one kind. */
static void test_virtio_type(void **state)
{
	static const struct vdisc_match blk_ids[] = {{VDISC_MATCH_VIRTIO_TYPE(2)}, {0}};
	static const struct vdisc_match net_child_ids[] = {
		{VDISC_MATCH_VIRTIO_TYPE(1), .bus = VDISC_BUS_VIRTIO}, {0}};
	static const struct vdisc_match any_ids[] = {
		{VDISC_MATCH_VIRTIO_TYPE(VDISC_VIRTIO_ANY_TYPE)}, {0}};
	struct vdisc_bus_device vblk, vnet_child, vnet_pci, plain;
	struct vdisc_pci_function fnet;
	struct vdisc_registry reg;
	struct tlog log = {0};
	struct tdrv blk, net, any;

	(void)state;
	vdisc_bus_device_init(&vblk, VDISC_BUS_VIRTIO, "virtio0");
	vblk.virtio_type = 2;
	vdisc_bus_device_init(&vnet_child, VDISC_BUS_VIRTIO, "virtio1");
	vnet_child.virtio_type = 1;
	pci_dev(&vnet_pci, &fnet, "0000:00:04.0", 0x1af4, 0x1041, 0x020000);
	vnet_pci.virtio_type = 1;
	DT_DEV(&plain, "/virtio_mmio@10001000", "virtio,mmio"); /* type unknown until read */

	tdrv_init(&blk, "virtio-blk", blk_ids, 0, &log);
	tdrv_init(&net, "virtio-net", net_child_ids, 0, &log);
	tdrv_init(&any, "virtio-any", any_ids, 0, &log);
	assert_non_null(vdisc_registry_match(&blk.drv, &vblk));
	assert_null(vdisc_registry_match(&blk.drv, &vnet_child));
	assert_non_null(vdisc_registry_match(&net.drv, &vnet_child));
	assert_null(vdisc_registry_match(&net.drv, &vnet_pci)); /* wrong kind */
	assert_non_null(vdisc_registry_match(&any.drv, &vnet_pci));
	assert_null(vdisc_registry_match(&any.drv, &plain));

	vdisc_registry_init(&reg);
	assert_int_equal(vdisc_registry_add_driver(&reg, &blk.drv), 0);
	assert_int_equal(vdisc_registry_add_driver(&reg, &net.drv), 0);
	assert_int_equal(vdisc_registry_add_driver(&reg, &any.drv), 0);
	assert_int_equal(vdisc_registry_add_device(&reg, &vblk), 1);
	assert_int_equal(vdisc_registry_add_device(&reg, &vnet_child), 1);
	assert_int_equal(vdisc_registry_add_device(&reg, &vnet_pci), 1);
	assert_int_equal(vdisc_registry_add_device(&reg, &plain), 0);
	assert_ptr_equal(vblk.driver, &blk.drv);
	assert_ptr_equal(vnet_child.driver, &net.drv);
	assert_ptr_equal(vnet_pci.driver, &any.drv);
	assert_null(plain.driver);
}

static int add_self_again(struct tdrv *t, struct vdisc_bus_device *bdev)
{
	struct vdisc_registry *reg = t->arg;

	assert_int_equal(vdisc_registry_add_device(reg, bdev), -VDISC_EDUPLICATE);
	assert_int_equal(vdisc_registry_add_driver(reg, &t->drv), -VDISC_EDUPLICATE);
	return 0;
}

/* The same struct twice is refused, also from inside a probe; removed, it may come back. */
static void test_duplicate(void **state)
{
	struct vdisc_registry reg;
	struct vdisc_bus_device a, b;
	struct tlog log = {0};
	struct tdrv uart;

	(void)state;
	vdisc_registry_init(&reg);
	tdrv_init(&uart, "uart", uart_ids, 0, &log);
	uart.action = add_self_again;
	uart.arg = &reg;
	DT_DEV(&a, "/a", "ns16550a");
	DT_DEV(&b, "/b", "arm,pl011");
	assert_int_equal(vdisc_registry_add_driver(&reg, &uart.drv), 0);
	assert_int_equal(vdisc_registry_add_driver(&reg, &uart.drv), -VDISC_EDUPLICATE);
	assert_int_equal(vdisc_registry_add_device(&reg, &a), 1);
	assert_int_equal(vdisc_registry_add_device(&reg, &a), -VDISC_EDUPLICATE);
	assert_ptr_equal(a.driver, &uart.drv); /* the refused add changed nothing */
	assert_int_equal(vdisc_registry_add_device(&reg, &b), 0);
	assert_int_equal(vdisc_registry_add_device(&reg, &b), -VDISC_EDUPLICATE);
	assert_int_equal(reg.ndevices, 2);
	assert_int_equal(reg.ndrivers, 1);
	assert_int_equal(log.n, 1);

	assert_int_equal(vdisc_registry_remove_device(&reg, &a), 0);
	assert_int_equal(vdisc_registry_add_device(&reg, &a), 1);
	assert_int_equal(log.n, 2);
	assert_int_equal(reg.ndevices, 2);
}

/* The bus of test_reentrant_bus: children and a grandchild, added from inside probes. */
struct bus_world {
	struct vdisc_registry *reg;
	struct vdisc_bus_device child[3], grandchild;
	struct tdrv leaf;
	int inner_add_result[4];
};

static const struct vdisc_match bus_ids[] = {{VDISC_MATCH_COMPATIBLE("acme,bus")}, {0}};
static const struct vdisc_match child_ids[] = {{VDISC_MATCH_COMPATIBLE("acme,child")}, {0}};
static const struct vdisc_match leaf_ids[] = {{VDISC_MATCH_COMPATIBLE("acme,leaf")}, {0}};
static const char *const child_compat[] = {"acme,child"};
static const char *const leaf_compat[] = {"acme,leaf"};

static int bus_probe_adds_children(struct tdrv *t, struct vdisc_bus_device *bdev)
{
	struct bus_world *w = t->arg;
	unsigned i;

	for (i = 0; i < 3; i++) {
		dt_dev_(&w->child[i], "child", child_compat, 1);
		w->child[i].parent = bdev;
		w->inner_add_result[i] = vdisc_registry_add_device(w->reg, &w->child[i]);
		/* Linked at once, probed later. */
		assert_null(w->child[i].driver);
	}
	assert_int_equal(w->reg->ndevices, 4);
	w->inner_add_result[3] = vdisc_registry_add_driver(w->reg, &w->leaf.drv);
	return 0;
}

static int child_probe_adds_grandchild(struct tdrv *t, struct vdisc_bus_device *bdev)
{
	struct bus_world *w = t->arg;

	if (bdev == &w->child[1]) {
		dt_dev_(&w->grandchild, "grandchild", leaf_compat, 1);
		w->grandchild.parent = bdev;
		assert_int_equal(vdisc_registry_add_device(w->reg, &w->grandchild), 0);
	}
	return 0;
}

/* A bus driver adds children (and a driver) in its probe: all get probed, probes never nest. */
static void test_reentrant_bus(void **state)
{
	struct vdisc_registry reg;
	struct vdisc_bus_device bus;
	struct bus_world w;
	struct tlog log = {0};
	struct tdrv busdrv, childdrv;
	unsigned i;

	(void)state;
	memset(&w, 0, sizeof(w));
	vdisc_registry_init(&reg);
	w.reg = &reg;
	tdrv_init(&busdrv, "bus", bus_ids, 0, &log);
	busdrv.action = bus_probe_adds_children;
	busdrv.arg = &w;
	tdrv_init(&childdrv, "child", child_ids, 0, &log);
	childdrv.action = child_probe_adds_grandchild;
	childdrv.arg = &w;
	tdrv_init(&w.leaf, "leaf", leaf_ids, 0, &log);
	assert_int_equal(vdisc_registry_add_driver(&reg, &busdrv.drv), 0);
	assert_int_equal(vdisc_registry_add_driver(&reg, &childdrv.drv), 0);

	DT_DEV(&bus, "/bus", "acme,bus");
	/* The bus, its three children and the grandchild: five bindings in one call. */
	assert_int_equal(vdisc_registry_add_device(&reg, &bus), 5);
	for (i = 0; i < 4; i++)
		assert_int_equal(w.inner_add_result[i], 0); /* queued */
	assert_int_equal(log.max_depth, 1);
	assert_int_equal(log.n, 5);
	assert_ptr_equal(log.dev[0], &bus);
	assert_ptr_equal(log.dev[1], &w.child[0]);
	assert_ptr_equal(log.dev[2], &w.child[1]);
	assert_ptr_equal(log.dev[3], &w.child[2]);
	assert_ptr_equal(log.dev[4], &w.grandchild);
	assert_ptr_equal(log.drv[4], &w.leaf.drv);
	for (i = 0; i < 3; i++)
		assert_ptr_equal(w.child[i].driver, &childdrv.drv);
	assert_ptr_equal(w.grandchild.driver, &w.leaf.drv);
	assert_ptr_equal(w.grandchild.parent, &w.child[1]);
	assert_int_equal(reg.ndevices, 5);
	assert_int_equal(reg.ndrivers, 3);
}

#define CHAIN 200

struct chain {
	struct vdisc_registry *reg;
	struct vdisc_bus_device dev[CHAIN];
	unsigned next;
};

static const char *const link_compat[] = {"acme,link"};

static int chain_probe_adds_next(struct tdrv *t, struct vdisc_bus_device *bdev)
{
	struct chain *c = t->arg;

	(void)bdev;
	if (c->next < CHAIN) {
		dt_dev_(&c->dev[c->next], "link", link_compat, 1);
		assert_int_equal(vdisc_registry_add_device(c->reg, &c->dev[c->next++]), 0);
	}
	return 0;
}

/* Each probe adds the next device of a long chain: iteration, not recursion. */
static void test_reentrant_chain(void **state)
{
	static const struct vdisc_match link_ids[] = {{VDISC_MATCH_COMPATIBLE("acme,link")}, {0}};
	static struct chain c; /* large: not on the stack */
	struct vdisc_registry reg;
	struct tlog log = {0};
	struct tdrv linker;
	unsigned i;

	(void)state;
	memset(&c, 0, sizeof(c));
	vdisc_registry_init(&reg);
	c.reg = &reg;
	tdrv_init(&linker, "linker", link_ids, 0, &log);
	linker.action = chain_probe_adds_next;
	linker.arg = &c;
	assert_int_equal(vdisc_registry_add_driver(&reg, &linker.drv), 0);
	dt_dev_(&c.dev[0], "link", link_compat, 1);
	c.next = 1;
	assert_int_equal(vdisc_registry_add_device(&reg, &c.dev[0]), CHAIN);
	assert_int_equal(log.max_depth, 1);
	assert_int_equal(reg.ndevices, CHAIN);
	for (i = 0; i < CHAIN; i++)
		assert_ptr_equal(c.dev[i].driver, &linker.drv);
}

static int remove_self(struct tdrv *t, struct vdisc_bus_device *bdev)
{
	struct vdisc_registry *reg = t->arg;

	assert_int_equal(vdisc_registry_remove_device(reg, bdev), -VDISC_EPERM);
	assert_int_equal(vdisc_registry_remove_driver(reg, &t->drv), -VDISC_EPERM);
	return 0;
}

/* remove() is called once for a bound device, which ends unbound and unlisted. */
static void test_remove(void **state)
{
	struct vdisc_registry reg;
	struct vdisc_bus_device a, b;
	struct tlog log = {0};
	struct tdrv uart;

	(void)state;
	vdisc_registry_init(&reg);
	tdrv_init(&uart, "uart", uart_ids, 0, &log);
	DT_DEV(&a, "/a", "ns16550a");
	DT_DEV(&b, "/b", "arm,pl011");
	assert_int_equal(vdisc_registry_add_driver(&reg, &uart.drv), 0);
	assert_int_equal(vdisc_registry_add_device(&reg, &a), 1);
	assert_int_equal(vdisc_registry_add_device(&reg, &b), 0);

	assert_int_equal(vdisc_registry_remove_device(&reg, &a), 0);
	assert_int_equal(uart.nremove, 1);
	assert_null(a.driver);
	assert_null(a.driver_data);
	assert_int_equal(reg.ndevices, 1);
	assert_int_equal(vdisc_registry_remove_device(&reg, &a), -VDISC_ENOTFOUND);
	assert_int_equal(uart.nremove, 1);

	/* Unbound: nothing to call.  The list empties and refills cleanly. */
	assert_int_equal(vdisc_registry_remove_device(&reg, &b), 0);
	assert_int_equal(uart.nremove, 1);
	assert_int_equal(reg.ndevices, 0);
	assert_int_equal(vdisc_registry_add_device(&reg, &b), 0);
	assert_int_equal(vdisc_registry_add_device(&reg, &a), 1);
	assert_int_equal(reg.ndevices, 2);

	/* Without a remove callback, removal only unbinds. */
	uart.drv.remove = NULL;
	assert_int_equal(vdisc_registry_remove_device(&reg, &a), 0);
	assert_null(a.driver);
	assert_int_equal(uart.nremove, 1);

	/* A probe may not remove the device it probes, nor its own driver. */
	uart.drv.remove = t_remove;
	uart.action = remove_self;
	uart.arg = &reg;
	assert_int_equal(vdisc_registry_add_device(&reg, &a), 1);
	assert_ptr_equal(a.driver, &uart.drv);
}

static void bus_remove_children(struct tdrv *t, struct vdisc_bus_device *bdev)
{
	struct bus_world *w = t->arg;
	unsigned i;

	(void)bdev;
	for (i = 0; i < 3; i++)
		assert_int_equal(vdisc_registry_remove_device(w->reg, &w->child[i]), 0);
}

/* A bus's remove() takes its children away: nested removal, each child's remove() called. */
static void test_remove_bus(void **state)
{
	struct vdisc_registry reg;
	struct vdisc_bus_device bus;
	struct bus_world w;
	struct tlog log = {0};
	struct tdrv busdrv, childdrv;

	(void)state;
	memset(&w, 0, sizeof(w));
	vdisc_registry_init(&reg);
	w.reg = &reg;
	tdrv_init(&busdrv, "bus", bus_ids, 0, &log);
	busdrv.action = bus_probe_adds_children;
	busdrv.on_remove = bus_remove_children;
	busdrv.arg = &w;
	tdrv_init(&childdrv, "child", child_ids, 0, &log);
	tdrv_init(&w.leaf, "leaf", leaf_ids, 0, &log);
	assert_int_equal(vdisc_registry_add_driver(&reg, &busdrv.drv), 0);
	assert_int_equal(vdisc_registry_add_driver(&reg, &childdrv.drv), 0);
	DT_DEV(&bus, "/bus", "acme,bus");
	assert_int_equal(vdisc_registry_add_device(&reg, &bus), 4);
	assert_int_equal(reg.ndevices, 4);

	assert_int_equal(vdisc_registry_remove_device(&reg, &bus), 0);
	assert_int_equal(busdrv.nremove, 1);
	assert_int_equal(childdrv.nremove, 3);
	assert_int_equal(reg.ndevices, 0);
	assert_null(w.child[2].driver);
}

/* Removing a driver unbinds its devices (remove() each), which stay registered. */
static void test_remove_driver(void **state)
{
	struct vdisc_registry reg;
	struct vdisc_bus_device a, b, c;
	struct tlog log = {0};
	struct tdrv uart, other;

	(void)state;
	vdisc_registry_init(&reg);
	tdrv_init(&uart, "uart", uart_ids, 0, &log);
	tdrv_init(&other, "other", uart_ids, 0, &log);
	DT_DEV(&a, "/a", "ns16550a");
	DT_DEV(&b, "/b", "arm,pl011");
	DT_DEV(&c, "/c", "ns16550a");
	assert_int_equal(vdisc_registry_add_device(&reg, &a), 0);
	assert_int_equal(vdisc_registry_add_device(&reg, &b), 0);
	assert_int_equal(vdisc_registry_add_device(&reg, &c), 0);
	assert_int_equal(vdisc_registry_add_driver(&reg, &uart.drv), 2);
	assert_int_equal(vdisc_registry_add_driver(&reg, &other.drv), 0);

	assert_int_equal(vdisc_registry_remove_driver(&reg, &uart.drv), 0);
	assert_int_equal(uart.nremove, 2);
	assert_null(a.driver);
	assert_null(c.driver);
	assert_int_equal(reg.ndevices, 3);
	assert_int_equal(reg.ndrivers, 1);
	assert_int_equal(other.nremove, 0);
	assert_int_equal(log.n, 2); /* not offered to "other" */
	assert_int_equal(vdisc_registry_remove_driver(&reg, &uart.drv), -VDISC_ENOTFOUND);

	/* Registered again, it is the later arrival and probes them again. */
	assert_int_equal(vdisc_registry_add_driver(&reg, &uart.drv), 2);
	assert_ptr_equal(a.driver, &uart.drv);
	assert_ptr_equal(c.driver, &uart.drv);
	assert_int_equal(vdisc_registry_remove_driver(&reg, &other.drv), 0);
	assert_int_equal(other.nremove, 0);
}

/* Tables and devices that cannot be right are refused before anything is linked. */
static void test_invalid(void **state)
{
	static const struct vdisc_match empty[] = {{0}};
	static const struct vdisc_match dt_null[] = {{.type = VDISC_MATCH_DT}, {0}};
	static const struct vdisc_match pci_zero[] = {{.type = VDISC_MATCH_PCI, .device = 0x1000},
						      {0}};
	static const struct vdisc_match pci_bad_class[] = {
		{VDISC_MATCH_PCI_CLASS(0x010802, 0xffff00)}, {0}};
	static const struct vdisc_match virtio_zero[] = {{VDISC_MATCH_VIRTIO_TYPE(0)}, {0}};
	static const struct vdisc_match bad_type[] = {{.type = (enum vdisc_match_type)9}, {0}};
	static const struct vdisc_match bad_kind[] = {
		{VDISC_MATCH_VIRTIO_TYPE(1), .bus = (enum vdisc_bus)7}, {0}};
	const struct vdisc_match *bad[] = {NULL,	  empty,       dt_null,	 pci_zero,
					   pci_bad_class, virtio_zero, bad_type, bad_kind};
	struct vdisc_registry reg;
	struct vdisc_bus_device d;
	struct tlog log = {0};
	struct tdrv t;
	size_t i;

	(void)state;
	vdisc_registry_init(&reg);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		tdrv_init(&t, "bad", bad[i], 0, &log);
		assert_int_equal(vdisc_registry_add_driver(&reg, &t.drv), -VDISC_EINVAL);
	}
	tdrv_init(&t, NULL, uart_ids, 0, &log);
	assert_int_equal(vdisc_registry_add_driver(&reg, &t.drv), -VDISC_EINVAL);
	tdrv_init(&t, "noprobe", uart_ids, 0, &log);
	t.drv.probe = NULL;
	assert_int_equal(vdisc_registry_add_driver(&reg, &t.drv), -VDISC_EINVAL);
	assert_int_equal(vdisc_registry_add_driver(NULL, &t.drv), -VDISC_EINVAL);
	assert_int_equal(vdisc_registry_add_driver(&reg, NULL), -VDISC_EINVAL);
	assert_int_equal(reg.ndrivers, 0);

	vdisc_bus_device_init(&d, VDISC_BUS_NONE, "none");
	assert_int_equal(vdisc_registry_add_device(&reg, &d), -VDISC_EINVAL);
	d.bus = (enum vdisc_bus)9;
	assert_int_equal(vdisc_registry_add_device(&reg, &d), -VDISC_EINVAL);
	vdisc_bus_device_init(&d, VDISC_BUS_DT, "nocompat");
	d.compatible.count = 2;
	assert_int_equal(vdisc_registry_add_device(&reg, &d), -VDISC_EINVAL);
	assert_int_equal(vdisc_registry_add_device(NULL, &d), -VDISC_EINVAL);
	assert_int_equal(vdisc_registry_add_device(&reg, NULL), -VDISC_EINVAL);
	assert_int_equal(reg.ndevices, 0);

	assert_int_equal(vdisc_registry_remove_device(NULL, &d), -VDISC_EINVAL);
	assert_int_equal(vdisc_registry_remove_device(&reg, &d), -VDISC_ENOTFOUND);
	assert_int_equal(vdisc_registry_remove_driver(&reg, NULL), -VDISC_EINVAL);
	assert_int_equal(vdisc_registry_for_each_device(&reg, NULL, NULL), -VDISC_EINVAL);
	assert_null(vdisc_registry_match(NULL, &d));
	assert_int_equal(log.n, 0);
}

/* Model devices: DT compatible lists, PCI ids, virtio types from virtio-pci ids. */
static void test_from_model(void **state)
{
	static const char *const compat[] = {"virtio,mmio"};
	struct vdisc_pci_function fn;
	struct vdisc_device dev;
	struct vdisc_bus_device b;

	(void)state;
	memset(&dev, 0, sizeof(dev));
	dev.bus = VDISC_BUS_DT;
	dev.path = "/soc/virtio_mmio@10008000";
	dev.dt.compatible.items = compat;
	dev.dt.compatible.count = 1;
	memset(&b, 0xa5, sizeof(b));
	assert_int_equal(vdisc_bus_device_from_model(&b, &dev), 0);
	assert_int_equal(b.bus, VDISC_BUS_DT);
	assert_string_equal(b.name, "/soc/virtio_mmio@10008000");
	assert_ptr_equal(b.dev, &dev);
	assert_ptr_equal(b.compatible.items, compat);
	assert_int_equal(b.compatible.count, 1);
	assert_null(b.pci);
	assert_int_equal(b.virtio_type, 0); /* in the DeviceID register, not the tree */
	assert_null(b.driver);
	assert_null(b.parent);

	memset(&fn, 0, sizeof(fn));
	memset(&dev, 0, sizeof(dev));
	dev.bus = VDISC_BUS_PCI;
	dev.path = "0000:00:01.0";
	assert_int_equal(vdisc_bus_device_from_model(&b, &dev), -VDISC_EINVAL);
	dev.pci = &fn;
	fn.vendor_id = 0x1af4;
	fn.device_id = 0x1042; /* modern: 0x1040 + type */
	assert_int_equal(vdisc_bus_device_from_model(&b, &dev), 0);
	assert_int_equal(b.bus, VDISC_BUS_PCI);
	assert_ptr_equal(b.pci, &fn);
	assert_int_equal(b.virtio_type, 2);
	fn.device_id = 0x1000; /* transitional: the type is the subsystem id */
	fn.has_subsystem = true;
	fn.subsystem_id = 1;
	assert_int_equal(vdisc_bus_device_from_model(&b, &dev), 0);
	assert_int_equal(b.virtio_type, 1);
	fn.has_subsystem = false;
	assert_int_equal(vdisc_bus_device_from_model(&b, &dev), 0);
	assert_int_equal(b.virtio_type, 0);
	fn.device_id = 0x1080; /* past the virtio range */
	assert_int_equal(vdisc_bus_device_from_model(&b, &dev), 0);
	assert_int_equal(b.virtio_type, 0);
	fn.vendor_id = 0x8086;
	fn.device_id = 0x1042;
	assert_int_equal(vdisc_bus_device_from_model(&b, &dev), 0);
	assert_int_equal(b.virtio_type, 0);

	dev.bus = (enum vdisc_bus)0;
	assert_int_equal(vdisc_bus_device_from_model(&b, &dev), -VDISC_EINVAL);
	assert_int_equal(vdisc_bus_device_from_model(NULL, &dev), -VDISC_EINVAL);
	assert_int_equal(vdisc_bus_device_from_model(&b, NULL), -VDISC_EINVAL);
}

struct walk {
	struct vdisc_registry *reg;
	const struct vdisc_bus_device *seen[8];
	unsigned n;
	struct vdisc_bus_device *remove_at_first, *add_at_first;
	const struct vdisc_bus_device *stop_at;
};

static int walk_fn(struct vdisc_bus_device *bdev, void *arg)
{
	struct walk *w = arg;

	assert_true(w->n < 8);
	w->seen[w->n++] = bdev;
	if (w->n == 1 && w->remove_at_first)
		assert_int_equal(vdisc_registry_remove_device(w->reg, w->remove_at_first), 0);
	if (w->n == 1 && w->add_at_first)
		assert_true(vdisc_registry_add_device(w->reg, w->add_at_first) >= 0);
	return bdev == w->stop_at ? 42 : 0;
}

/* The walk is in registration order, stops on a nonzero result, survives changes under it. */
static void test_for_each(void **state)
{
	struct vdisc_registry reg;
	struct vdisc_bus_device a, b, c, d;
	struct walk w;

	(void)state;
	vdisc_registry_init(&reg);
	DT_DEV(&a, "/a", "x");
	DT_DEV(&b, "/b", "x");
	DT_DEV(&c, "/c", "x");
	DT_DEV(&d, "/d", "x");
	memset(&w, 0, sizeof(w));
	w.reg = &reg;
	assert_int_equal(vdisc_registry_for_each_device(&reg, walk_fn, &w), 0);
	assert_int_equal(w.n, 0);
	assert_int_equal(vdisc_registry_add_device(&reg, &a), 0);
	assert_int_equal(vdisc_registry_add_device(&reg, &b), 0);
	assert_int_equal(vdisc_registry_add_device(&reg, &c), 0);

	w.stop_at = &b;
	assert_int_equal(vdisc_registry_for_each_device(&reg, walk_fn, &w), 42);
	assert_int_equal(w.n, 2);
	assert_ptr_equal(w.seen[0], &a);
	assert_ptr_equal(w.seen[1], &b);

	/* Removing the next device and adding one while at the first: b skipped, d seen. */
	memset(&w, 0, sizeof(w));
	w.reg = &reg;
	w.remove_at_first = &b;
	w.add_at_first = &d;
	assert_int_equal(vdisc_registry_for_each_device(&reg, walk_fn, &w), 0);
	assert_int_equal(w.n, 3);
	assert_ptr_equal(w.seen[0], &a);
	assert_ptr_equal(w.seen[1], &c);
	assert_ptr_equal(w.seen[2], &d);
}

/*
 * Order independence: three drivers and two devices registered in all 120
 * orders, directly and from inside a probe (queued).  X binds to whichever
 * of the two drivers that accept it was registered first; Y only to D2,
 * with D1's failure recorded exactly when D1 came before D2; no pair is
 * probed twice, and the queued adds bind exactly as the direct ones.
 */
enum { N_ITEMS = 5 };

struct perm_world {
	struct vdisc_registry reg;
	struct tlog log;
	struct tdrv drv[3];
	struct vdisc_bus_device x, y, root;
	const int *order;
	int inner_result[N_ITEMS];
};

static const struct vdisc_match xy_ids[] = {
	{VDISC_MATCH_COMPATIBLE("x")},
	{VDISC_MATCH_COMPATIBLE("y")},
	{0},
};
static const struct vdisc_match root_ids[] = {{VDISC_MATCH_COMPATIBLE("root")}, {0}};
static const char *const x_compat[] = {"x"};
static const char *const y_compat[] = {"y"};
static const char *const root_compat[] = {"root"};

static int perm_probe(struct tdrv *t, struct vdisc_bus_device *bdev)
{
	struct perm_world *w = t->arg;

	if (t == &w->drv[0])
		return -VDISC_ENOMATCH;
	if (t == &w->drv[1])
		return bdev == &w->x ? 0 : -VDISC_EIO;
	return 0;
}

static int perm_add(struct perm_world *w, int item)
{
	if (item < 3)
		return vdisc_registry_add_driver(&w->reg, &w->drv[item].drv);
	return vdisc_registry_add_device(&w->reg, item == 3 ? &w->x : &w->y);
}

static int perm_root_probe(struct tdrv *t, struct vdisc_bus_device *bdev)
{
	struct perm_world *w = t->arg;
	int i;

	(void)bdev;
	for (i = 0; i < N_ITEMS; i++)
		w->inner_result[i] = perm_add(w, w->order[i]);
	return 0;
}

static void perm_setup(struct perm_world *w, const int *order)
{
	int i;

	memset(w, 0, sizeof(*w));
	vdisc_registry_init(&w->reg);
	w->order = order;
	for (i = 0; i < 3; i++) {
		tdrv_init(&w->drv[i], "d", xy_ids, 0, &w->log);
		w->drv[i].action = perm_probe;
		w->drv[i].arg = w;
	}
	dt_dev_(&w->x, "x", x_compat, 1);
	dt_dev_(&w->y, "y", y_compat, 1);
	dt_dev_(&w->root, "root", root_compat, 1);
}

static int position(const int *order, int item)
{
	int i;

	for (i = 0; i < N_ITEMS; i++)
		if (order[i] == item)
			return i;
	return -1;
}

static void perm_check(struct perm_world *w, const int *order, int total)
{
	int first_x = position(order, 1) < position(order, 2) ? 1 : 2;
	unsigned count[3][2] = {{0}};
	unsigned i, d, v;

	assert_int_equal(total, 2);
	assert_ptr_equal(w->x.driver, &w->drv[first_x].drv);
	assert_ptr_equal(w->y.driver, &w->drv[2].drv);
	assert_int_equal(w->x.probe_error, 0);
	assert_int_equal(w->y.probe_error,
			 position(order, 1) < position(order, 2) ? -VDISC_EIO : 0);
	assert_int_equal(w->log.max_depth, 1);
	for (i = 0; i < w->log.n; i++) {
		if (w->log.dev[i] == &w->root)
			continue;
		for (d = 0; d < 3 && w->log.drv[i] != &w->drv[d].drv; d++)
			;
		assert_true(d < 3);
		v = w->log.dev[i] == &w->x ? 0 : 1;
		count[d][v]++;
		assert_int_equal(count[d][v], 1);
	}
}

static void perm_run(const int *order)
{
	static struct perm_world w;
	struct tdrv rootdrv;
	int i, total = 0, ret;

	perm_setup(&w, order);
	for (i = 0; i < N_ITEMS; i++) {
		ret = perm_add(&w, order[i]);
		assert_true(ret >= 0);
		total += ret;
	}
	perm_check(&w, order, total);

	/* The same adds from inside a probe: queued, same bindings. */
	perm_setup(&w, order);
	tdrv_init(&rootdrv, "root", root_ids, 0, &w.log);
	rootdrv.action = perm_root_probe;
	rootdrv.arg = &w;
	assert_int_equal(vdisc_registry_add_driver(&w.reg, &rootdrv.drv), 0);
	total = vdisc_registry_add_device(&w.reg, &w.root);
	for (i = 0; i < N_ITEMS; i++)
		assert_int_equal(w.inner_result[i], 0);
	assert_ptr_equal(w.root.driver, &rootdrv.drv);
	perm_check(&w, order, total - 1);
}

static unsigned permute(int *order, int k, int used)
{
	unsigned n = 0;
	int item;

	if (k == N_ITEMS) {
		perm_run(order);
		return 1;
	}
	for (item = 0; item < N_ITEMS; item++) {
		if (used & (1 << item))
			continue;
		order[k] = item;
		n += permute(order, k + 1, used | (1 << item));
	}
	return n;
}

static void test_order_independence(void **state)
{
	int order[N_ITEMS];

	(void)state;
	assert_int_equal(permute(order, 0, 0), 120);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_driver_then_devices),
		cmocka_unit_test(test_devices_then_driver),
		cmocka_unit_test(test_first_declines),
		cmocka_unit_test(test_probe_error_then_next_binds),
		cmocka_unit_test(test_pci_wildcard_and_class),
		cmocka_unit_test(test_compatible_order),
		cmocka_unit_test(test_virtio_type),
		cmocka_unit_test(test_duplicate),
		cmocka_unit_test(test_reentrant_bus),
		cmocka_unit_test(test_reentrant_chain),
		cmocka_unit_test(test_remove),
		cmocka_unit_test(test_remove_bus),
		cmocka_unit_test(test_remove_driver),
		cmocka_unit_test(test_invalid),
		cmocka_unit_test(test_from_model),
		cmocka_unit_test(test_for_each),
		cmocka_unit_test(test_order_independence),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
