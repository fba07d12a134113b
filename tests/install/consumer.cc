// SPDX-License-Identifier: MIT
/*
 * A C++ program built against the installed library only (pkg-config or
 * find_package): it lists a device tree's devices as
 *   PATH COMPATIBLE reg=ADDRESS+SIZE,... irq=CONTROLLER:LINE,...
 * ("-" for what is absent or unknown), then binds a registry driver by
 * compatible string and prints how many devices it took.  expect.py writes
 * the same lines from "vdisc dtb --json".  Its calls span arena.h, error.h,
 * fdt.h, model.h, pci.h, registry.h and virtio.h: without extern "C" in
 * those headers it does not link.
 */
#include <vdisc/vdisc.h>

#include <cinttypes>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iterator>
#include <memory>
#include <vector>

namespace
{

unsigned bound_count;

int count_probe(struct vdisc_bus_device *, const struct vdisc_match *, void *)
{
	bound_count++;
	return 0;
}

// Matched by compatible string: the C++ form of the match macros (registry.h).
const struct vdisc_match uart_ids[] = {
	{VDISC_MATCH_COMPATIBLE("virtio,mmio"), nullptr},
	{VDISC_MATCH_COMPATIBLE("arm,pl011"), nullptr},
	{VDISC_MATCH_COMPATIBLE("ns16550a"), nullptr},
	{VDISC_MATCH_PCI_CLASS(0x010802, 0xffffff), nullptr},
	{VDISC_MATCH_VIRTIO_TYPE(2), nullptr},
	{},
};

void print_device(const struct vdisc_device *d)
{
	std::printf("%s %s reg=", d->path,
		    d->dt.compatible.count ? d->dt.compatible.items[0] : "-");
	for (uint32_t i = 0; i < d->nregs; i++) {
		const struct vdisc_reg &r = d->regs[i];
		std::printf(i ? "," : "");
		if (r.translated)
			std::printf("0x%" PRIx64, r.address);
		else
			std::printf("-");
		if (r.has_size)
			std::printf("+0x%" PRIx64, r.size);
		else
			std::printf("+-");
	}
	std::printf(" irq=");
	for (uint32_t i = 0; i < d->nirqs; i++) {
		const struct vdisc_irq &q = d->irqs[i];
		std::printf("%s%s:", i ? "," : "", q.controller ? q.controller : "-");
		if (q.has_line)
			std::printf("%" PRIu32, q.line);
		else
			std::printf("-");
	}
	std::printf("\n");
}

int bind_by_compatible(const struct vdisc_model &model)
{
	struct vdisc_registry reg;
	struct vdisc_driver drv = {};
	std::vector<struct vdisc_bus_device> bdevs(model.ndevices);
	size_t n = 0;

	vdisc_registry_init(&reg);
	drv.name = "consumer";
	drv.matches = uart_ids;
	drv.probe = count_probe;
	// Additions return how many devices they bound, or a negative error.
	int err = vdisc_registry_add_driver(&reg, &drv);
	for (const struct vdisc_device *d = model.devices; err >= 0 && d; d = d->next, n++) {
		err = vdisc_bus_device_from_model(&bdevs.at(n), d);
		if (err >= 0)
			err = vdisc_registry_add_device(&reg, &bdevs.at(n));
	}
	if (err < 0)
		return err;
	std::printf("bound %u\n", bound_count);
	return 0;
}

// pci.h and virtio.h answer as documented, or the program fails.
bool names_answer()
{
	struct vdisc_pci_addr a;
	char buf[32];

	return vdisc_pci_addr_parse("0000:00:1f.3", &a) == 0 &&
	       vdisc_pci_addr_format(buf, sizeof(buf), a, true) > 0 &&
	       std::strcmp(buf, "0000:00:1f.3") == 0 && vdisc_virtio_device_name(2) != nullptr;
}

} // namespace

int main(int argc, char **argv)
{
	if (argc != 2 || !names_answer()) {
		std::fprintf(stderr,
			     "usage: consumer FILE.dtb (and pci/virtio names must answer)\n");
		return 2;
	}
	std::ifstream in(argv[1], std::ios::binary);
	std::vector<unsigned char> dtb((std::istreambuf_iterator<char>(in)), {});
	size_t bytes = 0;
	int err = vdisc_fdt_arena_size(dtb.data(), dtb.size(), 0, &bytes);
	std::unique_ptr<unsigned char[]> buf(new unsigned char[bytes ? bytes : 1]);
	struct vdisc_arena arena;
	struct vdisc_model model;

	vdisc_arena_init(&arena, buf.get(), bytes);
	vdisc_model_init(&model, &arena);
	if (!err)
		err = vdisc_fdt_scan(dtb.data(), dtb.size(), &model);
	for (const struct vdisc_device *d = err ? nullptr : model.devices; d; d = d->next)
		print_device(d);
	if (!err)
		err = bind_by_compatible(model);
	if (err) {
		std::fprintf(stderr, "consumer: %s: %s\n", argv[1], vdisc_strerror(err));
		return 1;
	}
	return 0;
}
