/* SPDX-License-Identifier: MIT */
#include <argp.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "hosted/pci_devport.h"
#include "hosted/pci_dump.h"
#include "hosted/pci_libpci.h"
#include "cli.h"
#include "pci_cli.h"

enum {
	OPT_ACCESS = 'A',
	OPT_DUMP = 'F',
	OPT_SLOT = 's',
	OPT_IDS = 'd',
	OPT_NUMERIC = 'n',
	OPT_VERBOSE = 'v',
	OPT_HEX = 'x',
	OPT_TREE = 't',
	OPT_KERNEL = 'k',
	OPT_DOMAINS = 'D',
	OPT_JSON = 'j',
	OPT_MACHINE = 'm',
	OPT_PATH = 'P',
	OPT_BUS_CENTRIC = 'b',
	OPT_PCI_IDS = 'i',
	OPT_PCIMAP = 'p',
	OPT_PARAM = 'O',
	OPT_HW_TYPE = 'H',
	OPT_SCAN = 0x100,
	OPT_SLOT_OF_BINARY,
	OPT_SYSFS_ROOT,
	OPT_SIZE_BARS,
	OPT_VIRTIO,
	OPT_VIRTIO_SYSFS_ROOT,
	OPT_READ_BARS,
	OPT_VIRTIO_SELECT,
};

static const struct argp_option pci_options_spec[] = {
	{"access", OPT_ACCESS, "METHOD", 0,
	 "How to reach config space: auto, sysfs, dump (-A help lists them)", 0},
	{"dump", OPT_DUMP, "FILE", 0,
	 "Read an lspci -x/-xxx/-xxxx dump (or, with --binary-slot, a raw image)", 0},
	{"binary-slot", OPT_SLOT_OF_BINARY, "SLOT", 0,
	 "FILE is a raw 256/4096-byte image per function, starting at SLOT", 0},
	{"slot", OPT_SLOT, "[[[[D]:]B]:][S][.[F]]", 0,
	 "Only functions at this address (lspci syntax)", 0},
	{"ids", OPT_IDS, "[V]:[D][:C[:P]]", 0,
	 "Only functions with these vendor, device, class and prog-if ids (hex; x digits in the "
	 "class match any: ::06xx)",
	 0},
	{"numeric", OPT_NUMERIC, NULL, 0,
	 "Numbers instead of names; twice (-nn) for both (-nnn is -nn, as in lspci)", 0},
	{"verbose", OPT_VERBOSE, NULL, 0,
	 "Decode header, BARs and capabilities as lspci does; -vv, -vvv for every field", 0},
	{"hex", OPT_HEX, NULL, 0, "Hex dump of config space: -x 64, -xxx 256, -xxxx 4096 bytes", 0},
	{"tree", OPT_TREE, NULL, 0,
	 "Show the bus tree through bridges, as lspci draws it (-v adds names, -n/-nn numbers)", 0},
	{"machine", OPT_MACHINE, NULL, 0,
	 "Machine-readable output: -mm the stable format, -m the old one; with -v one "
	 "Key:value record per function",
	 0},
	{"path", OPT_PATH, NULL, 0,
	 "Show each function's path through its bridges (00:1c.0/00.0); twice (-PP) with "
	 "each bridge's bus",
	 0},
	{"bus-centric", OPT_BUS_CENTRIC, NULL, 0,
	 "With -v: addresses and IRQs as the bus sees them, not as the kernel maps them", 0},
	{"kernel", OPT_KERNEL, NULL, 0, "Show the kernel driver bound to each function (sysfs)", 0},
	{"domains", OPT_DOMAINS, NULL, 0,
	 "Always show PCI domain (segment) numbers (else, as lspci: when any function has one; "
	 "in -m formats, on those functions only)",
	 0},
	{"json", OPT_JSON, NULL, 0, "Emit JSON (see vdisc(1))", 0},
	{"pci-ids", OPT_PCI_IDS, "FILE", 0,
	 "Names from FILE instead of the system's pci.ids (unlike lspci, an unreadable FILE is "
	 "an error, not a silent fall-back to numbers)",
	 0},
	{"pcimap", OPT_PCIMAP, "FILE", 0,
	 "Accepted for lspci's sake and ignored, as by lspci 3.9 built with libkmod: kernels "
	 "no longer write modules.pcimap",
	 0},
	{"param", OPT_PARAM, "NAME=VALUE", 0,
	 "lspci's access parameters where vdisc has the same thing: sysfs.path, dump.name, "
	 "hwdb.disable, net.* (-O help lists them); any other is an error",
	 0},
	{"hw-type", OPT_HW_TYPE, "1", 0,
	 "Configuration mechanism #1 by port I/O, as -A devport; lspci's -H2 (mechanism #2) "
	 "is not supported",
	 0},
	{"scan", OPT_SCAN, "bridges|all|list", 0,
	 "Enumeration: walk bridges from bus 0, probe every bus, or take the source's own list", 0},
	{"size-bars", OPT_SIZE_BARS, NULL, 0,
	 "Size BARs by writing them (devport only; decode is off meanwhile, every register is "
	 "restored and verified)",
	 0},
	{"virtio", OPT_VIRTIO, NULL, 0,
	 "Only virtio functions, with type, transport, structures and (live) the driver's "
	 "negotiated features",
	 0},
	{"read-bars", OPT_READ_BARS, NULL, 0,
	 "With --virtio, as root: map each device's configuration read-only (sysfs resourceN) and "
	 "decode it",
	 0},
	{"virtio-select", OPT_VIRTIO_SELECT, NULL, 0,
	 "With --virtio --read-bars, for a function no driver is bound to whose device_status "
	 "is 0 or ACKNOWLEDGE: write device_feature_select and queue_select (nothing else) to read "
	 "the "
	 "offered features and each queue's size and MSI-X vector; both left at 0",
	 0},
	{"virtio-sysfs-root", OPT_VIRTIO_SYSFS_ROOT, "DIR", OPTION_HIDDEN,
	 "Read /sys/bus/virtio/devices from DIR (tests)", 0},
	{"sysfs-root", OPT_SYSFS_ROOT, "DIR", OPTION_HIDDEN, "Read sysfs from DIR (tests)", 0},
	{0}};

static const char pci_doc[] =
	"List and decode PCI functions.\v"
	"Without -A or -F the live machine is read through sysfs (" SYSFS_PCI "); reading past "
	"the first 64 bytes of config space needs root there.  Options follow lspci's where "
	"lspci has one, and -v/-vv/-vvv, -k, -b, -m/-mm/-vmm, -t and -P print what lspci 3.9 "
	"prints, byte for byte.  Where vdisc differs: where lspci misreads a register vdisc "
	"prints the register (a 64-bit BAR's upper dword is no region of its own; DOE's "
	"Error bit; 64GT/s in Supported Link Speeds; all 32 lanes of LaneErrStat; the fifth "
	"DPC RP PIO log size bit; LTR's reserved scales; CXL's PMComplete, 10 s GPF unit, "
	"32-bit function map and reserved range values); lspci's -M (bus mapping), -q/-Q "
	"(ids by DNS) and -G (libpci debugging) are not provided; -t and -P place functions "
	"by bus numbers alone, as lspci does for dumps (on a live machine lspci also follows "
	"sysfs parent links, which differ only behind bridges that are not PCI bridges, such "
	"as Intel VMD).";

static const char *const pci_methods_help =
	"Access methods (-A):\n"
	"  sysfs          Linux " SYSFS_PCI ": config space read-only, plus the driver,\n"
	"                 BAR sizes (resource), NUMA node and IOMMU group; past the first\n"
	"                 64 bytes it needs root.  The default.\n"
	"  dump           the file given with -F: lspci -x/-xxx/-xxxx text, or a raw image\n"
	"                 with --binary-slot; BAR sizes are unknown.  Implied by -F.\n"
	"  devport        configuration mechanism #1 (ports 0xCF8/0xCFC), x86, as root where\n"
	"                 /dev/port exists; 32-bit port accesses through ioperm(2), since\n"
	"                 /dev/port would split them into byte writes (0xCF9 resets Intel\n"
	"                 chipsets).  Read-only unless --size-bars.\n"
	"  libpci[:NAME]  any libpci access method, as lspci -A NAME; with libpci:dump the\n"
	"                 file is -F.  This libpci has:\n";

/*
 * lspci's -O parameters (libpci's names) that vdisc has an equivalent for.
 * The access methods' own (proc.path, devmem.path, mmio-conf1*.addrs) belong
 * to libpci backends vdisc opens without parameters: refused, by name.
 */
static const char *const pci_params_help =
	"Access parameters (-O NAME=VALUE), lspci's names for what vdisc has:\n"
	"  sysfs.path=DIR       the sysfs PCI tree (/sys/bus/pci): reads DIR/devices\n"
	"  dump.name=FILE       the dump to read: -F FILE\n"
	"  hwdb.disable=N       if non-zero, no names from udev's hwdb (0)\n"
	"  net.cache_name=FILE  libpci's DNS name cache; vdisc makes no DNS queries,\n"
	"  net.domain=DOMAIN    so these two are accepted and change nothing\n"
	"Not supported (parameters of libpci's own access methods): proc.path,\n"
	"devmem.path, mmio-conf1.addrs, mmio-conf1-ext.addrs.\n";

static char pcmd_sysfs_path[PATH_MAX];

static void pcmd_param(struct argp_state *state, struct pci_options *opt, char *arg)
{
	const char *eq = strchr(arg, '=');
	char name[64];

	if (strcmp(arg, "help") == 0) {
		opt->params_help = true;
		return;
	}
	if (!eq || eq == arg || (size_t)(eq - arg) >= sizeof(name))
		argp_error(state, "-O %s: not NAME=VALUE (-O help lists them)", arg);
	memcpy(name, arg, (size_t)(eq - arg));
	name[eq - arg] = '\0';
	if (strcmp(name, "sysfs.path") == 0) {
		if ((size_t)snprintf(pcmd_sysfs_path, sizeof(pcmd_sysfs_path), "%s/devices",
				     eq + 1) >= sizeof(pcmd_sysfs_path))
			argp_error(state, "-O sysfs.path: the path is too long");
		opt->sysfs_root = pcmd_sysfs_path;
	} else if (strcmp(name, "dump.name") == 0) {
		opt->dump = eq + 1;
	} else if (strcmp(name, "proc.path") == 0 || strcmp(name, "devmem.path") == 0 ||
		   strncmp(name, "mmio-conf1", 10) == 0) {
		argp_error(state,
			   "-O %s: a parameter of one of libpci's own access methods, which vdisc "
			   "does not pass on (-O help lists what vdisc takes)",
			   name);
	} else if (pci_names_set_param(name, eq + 1) != 0) {
		argp_error(state, "-O %s: unknown parameter (-O help lists them)", name);
	}
}

static error_t pcmd_parse(int key, char *arg, struct argp_state *state)
{
	struct pci_options *opt = state->input;
	const char *why;

	switch (key) {
	case OPT_ACCESS:
		opt->access = arg;
		return 0;
	case OPT_DUMP:
		opt->dump = arg;
		return 0;
	case OPT_SLOT_OF_BINARY:
		opt->binary_slot = arg;
		return 0;
	case OPT_SLOT:
		opt->slot = arg;
		opt->filtered = true;
		why = pci_parse_slot_filter(arg, &opt->filter);
		if (why)
			argp_error(state,
				   "-s %s: %s (not [[[[domain]:]bus]:][slot][.[func]] in hex)", arg,
				   why);
		return 0;
	case OPT_IDS:
		opt->ids = arg;
		opt->filtered = true;
		why = pci_parse_id_filter(arg, &opt->filter);
		if (why)
			argp_error(state,
				   "-d %s: %s (not [vendor]:[device][:class[:progif]] in hex)", arg,
				   why);
		return 0;
	case OPT_MACHINE:
		opt->machine++;
		return 0;
	case OPT_PATH:
		opt->path++;
		return 0;
	case OPT_BUS_CENTRIC:
		opt->bus_centric = true;
		return 0;
	case OPT_PCI_IDS:
		opt->ids_file = arg;
		return 0;
	case OPT_PCIMAP:
		opt->pcimap = arg;
		return 0;
	case OPT_PARAM:
		pcmd_param(state, opt, arg);
		return 0;
	case OPT_HW_TYPE:
		if (strcmp(arg, "1") == 0)
			opt->access = "devport";
		else if (strcmp(arg, "2") == 0)
			argp_error(state, "-H2: configuration mechanism #2 is not supported (it "
					  "predates PCI 2.1); -H1 is -A devport");
		else
			argp_error(state, "-H %s: unknown hardware configuration type (only 1)",
				   arg);
		return 0;
	case OPT_NUMERIC:
		opt->numeric++;
		return 0;
	case OPT_VERBOSE:
		opt->verbose++;
		return 0;
	case OPT_HEX:
		opt->hex++;
		return 0;
	case OPT_TREE:
		opt->tree = true;
		return 0;
	case OPT_KERNEL:
		opt->kernel = true;
		return 0;
	case OPT_DOMAINS:
		opt->domains = true;
		return 0;
	case OPT_JSON:
		opt->json = true;
		return 0;
	case OPT_VIRTIO:
		opt->virtio = true;
		return 0;
	case OPT_VIRTIO_SELECT:
		opt->virtio_select = true;
		return 0;
	case OPT_READ_BARS:
		opt->read_bars = true;
		return 0;
	case OPT_VIRTIO_SYSFS_ROOT:
		opt->virtio_sysfs_root = arg;
		return 0;
	case OPT_SIZE_BARS:
		opt->size_bars = true;
		return 0;
	case OPT_SYSFS_ROOT:
		opt->sysfs_root = arg;
		return 0;
	case OPT_SCAN:
		if (strcmp(arg, "bridges") == 0)
			opt->scan = VDISC_PCI_SCAN_BRIDGES;
		else if (strcmp(arg, "all") == 0)
			opt->scan = VDISC_PCI_SCAN_ALL_BUSES;
		else if (strcmp(arg, "list") == 0)
			opt->scan = VDISC_PCI_SCAN_LIST;
		else
			argp_error(state, "--scan %s: use bridges, all or list", arg);
		return 0;
	case ARGP_KEY_ARG:
		argp_error(state, "unexpected argument '%s' (a dump file goes after -F)", arg);
		return 0;
	case ARGP_KEY_END:
		if (opt->numeric > 2) /* libpci reads any count past two as -nn */
			opt->numeric = 2;
		return 0;
	default:
		return ARGP_ERR_UNKNOWN;
	}
}

static const struct argp pci_argp = {pci_options_spec, pcmd_parse, NULL, pci_doc, NULL, NULL, NULL};

static int pcmd_methods_help(void)
{
	char methods[1024];
	const char *p;

	fputs(pci_methods_help, stdout);
	vdisc_libpci_methods(methods, sizeof(methods));
	for (p = strtok(methods, "\n"); p; p = strtok(NULL, "\n"))
		printf("                   %s\n", p);
	return VDISC_EXIT_OK;
}

static int pcmd_cmp_devs(const void *x, const void *y)
{
	const struct vdisc_device *a = *(const struct vdisc_device *const *)x;
	const struct vdisc_device *b = *(const struct vdisc_device *const *)y;

	uint32_t ka = vdisc_pci_addr_key(a->pci->addr), kb = vdisc_pci_addr_key(b->pci->addr);

	return ka < kb ? -1 : ka > kb;
}

static bool pcmd_is_virtio(const struct vdisc_pci_function *fn)
{
	struct vdisc_virtio_pci v;

	return vdisc_virtio_pci_identify(fn, &v) == 0 && v.kind != VDISC_VIRTIO_PCI_NONE;
}

/* The running driver's view of each virtio function, matched by its PCI parent. */
static void pcmd_attach_virtio(const struct pci_options *opt, struct pci_listing *l)
{
	const char *root =
		opt->virtio_sysfs_root ? opt->virtio_sysfs_root : "/sys/bus/virtio/devices";
	struct vdisc_virtio_sysfs_dev *vdevs;
	size_t n, i, j;
	char slot[32];

	if (vdisc_virtio_sysfs_list(root, &vdevs, &n) != 0)
		return;
	for (i = 0; i < l->count; i++) {
		vdisc_pci_addr_format(slot, sizeof(slot), l->devs[i]->pci->addr, true);
		for (j = 0; j < n; j++)
			if (vdevs[j].parent_is_pci && strcmp(vdevs[j].parent, slot) == 0) {
				l->extra[i].virtio = vdevs[j];
				l->extra[i].virtio_known = true;
			}
	}
	free(vdevs);
}

static int pcmd_select(const struct vdisc_model *model, const struct pci_options *opt,
		       struct pci_source *src, struct pci_listing *l)
{
	const struct vdisc_device *dev;
	size_t i = 0;

	memset(l, 0, sizeof(*l));
	l->model = model;
	l->source = src->name;
	l->devs = calloc(model->ndevices ? model->ndevices : 1, sizeof(*l->devs));
	l->extra = calloc(model->ndevices ? model->ndevices : 1, sizeof(*l->extra));
	if (!l->devs || !l->extra)
		return -1;
	for (dev = model->devices; dev; dev = dev->next) {
		/* lspci shows domains when any function has one, selected or not. */
		if (dev->pci && dev->pci->addr.segment)
			l->any_domain = true;
		if (dev->pci && pci_selector_match(&opt->filter, dev->pci) &&
		    (!opt->virtio || pcmd_is_virtio(dev->pci)))
			l->devs[l->count++] = dev;
	}
	/* lspci sorts by address whatever the source, dumps included; so do we. */
	qsort(l->devs, l->count, sizeof(*l->devs), pcmd_cmp_devs);
	for (i = 0; i < l->count; i++) {
		if (src->sysfs)
			l->extra[i].known = vdisc_pci_sysfs_info(src->sysfs, l->devs[i]->pci->addr,
								 &l->extra[i].info) == 0;
	}
	if (src->sysfs)
		pcmd_attach_virtio(opt, l);
	for (i = 0; opt->read_bars && src->sysfs && i < l->count; i++) {
		l->extra[i].bar_root = opt->sysfs_root ? opt->sysfs_root : SYSFS_PCI;
		l->extra[i].virtio_select = opt->virtio_select;
	}
	/* The tree and -P paths place every function, selected or not, as lspci does. */
	if ((opt->tree || opt->path) && !opt->json) {
		l->topo = pci_topology_build(model);
		if (!l->topo)
			return -1;
	}
	return 0;
}

int cmd_pci(int argc, char **argv)
{
	struct pci_options opt = {0};
	struct pci_source src = {0};
	struct pci_listing listing;
	struct vdisc_model model;
	struct vdisc_arena arena;
	void *storage = NULL;
	int rc, err;

	pci_selector_init(&opt.filter);
	if (cli_argp_parse(&pci_argp, argc, argv, 0, NULL, &opt) != 0)
		return VDISC_EXIT_USAGE;
	if (opt.params_help) {
		fputs(pci_params_help, stdout);
		return VDISC_EXIT_OK;
	}
	if (opt.ids_file) {
		if (pci_readable(opt.ids_file, &err) != 0) {
			cli_error("%s: %s", opt.ids_file, strerror(err));
			return cli_exit_for_errno(err);
		}
		pci_names_set_file(opt.ids_file);
	}
	if (opt.access && strcmp(opt.access, "help") == 0)
		return pcmd_methods_help();
	rc = pci_source_open(&opt, &src);
	if (rc != VDISC_EXIT_OK)
		return rc;
	err = pci_source_enumerate(&src, &opt, &model, &arena, &storage);
	if (err) {
		cli_error("%s: %s", opt.dump ? opt.dump : src.name, vdisc_strerror(err));
		rc = err == -VDISC_EPERM ? VDISC_EXIT_UNAVAILABLE : VDISC_EXIT_FAILED;
	} else if (pcmd_select(&model, &opt, &src, &listing) != 0) {
		cli_error("out of memory");
		rc = VDISC_EXIT_FAILED;
	} else {
		pci_names_init();
		if (opt.json)
			pci_print_json(stdout, &listing, &opt);
		else if (opt.machine && !opt.tree) /* lspci: -t draws the tree whatever -m says */
			pci_print_machine(stdout, &listing, &opt);
		else
			pci_print_text(stdout, &listing, &opt);
		/* pci.ids' name list is left to process exit: freeing it piece by piece
		 * costs small runs more than the listing (hundreds of brk calls). */
		if (src.sysfs && !opt.json && vdisc_pci_sysfs_min_readable(src.sysfs) < 256)
			fprintf(stderr, "vdisc: note: only the first 64 bytes of config space are "
					"readable without root; capabilities are incomplete\n");
		free(listing.devs);
		free(listing.extra);
		pci_topology_free(listing.topo);
	}
	free(storage);
	pci_source_close(&src);
	return rc; /* a failed write is main()'s to report, at exit */
}
